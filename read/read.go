// Package read is linkvet's one reader entry point: it detects what it was
// given and reads it into invitation-v1 records, storing nothing.
//
// # Model
//
// Detection looks at the input itself, never at the file name alone:
//
//   - a folder, or bytes starting with a ZIP signature: LinkedIn's data
//     export (package linkedin); its pending incoming invitations become
//     records;
//   - "%PDF-" near the start: a profile saved as PDF (package profilepdf);
//     the profile becomes one record holding only `person`;
//   - e-mail headers or an mbox "From " line, or a Maildir folder:
//     LinkedIn's invitation e-mails (package mail); messages imitating
//     LinkedIn come back as Phishing, never as records;
//   - '[' or '{' as the first non-blank byte: invitation-v1 JSON or JSON
//     Lines (package jsonio);
//   - any other text: a page copied from LinkedIn (package paste), either
//     the Invitation Manager (one record per card) or a profile page (one
//     record holding only `person`).
//
// Every record says where it came from: `source` is set (an input's own
// value is kept for JSON) and `received_via` lists that channel. Whatever a
// reader could not understand comes back as a Problem with its place: file
// and line, or file and page for PDFs. The raw input of each record (the
// e-mails, the pasted text, the PDF) comes back in Result.Raw, so that a
// store can keep it and a better reader can read it again.
package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/mail"
	"github.com/linkvet/linkvet/paste"
	"github.com/linkvet/linkvet/profilepdf"
)

// Format is what an input was detected as.
type Format string

const (
	FormatJSON   Format = "json"            // invitation-v1 JSON or JSON Lines
	FormatExport Format = "linkedin-export" // LinkedIn's data export, ZIP or folder
	FormatPDF    Format = "pdf"             // a profile saved as PDF
	FormatMail   Format = "email"           // .eml, mbox
	FormatPaste  Format = "paste"           // text copied from LinkedIn's pages
)

// MaxBytes caps an input read from a stream (standard input); files named
// by path are read in place.
const MaxBytes = 256 << 20

// Options tune reading. The zero value is usable but pastes then date
// "3 days ago" from the zero time: pass Now.
type Options struct {
	// Now is the moment of reading, for ages in pasted pages ("Yesterday").
	Now time.Time
	// Location is the zone of export times written without one; nil means
	// time.Local.
	Location *time.Location
}

// Problem is one thing a reader could not use, with its place: a line of a
// text file, or a page of a PDF (Page > 0, Line 0).
type Problem struct {
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Page   int    `json:"page,omitempty"`
	Reason string `json:"reason"`
}

// String gives "file:line: reason", or "file: page N: reason" for a page.
func (p Problem) String() string {
	switch {
	case p.Page > 0:
		return p.File + ": page " + strconv.Itoa(p.Page) + ": " + p.Reason
	case p.Line > 0:
		return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Reason
	}
	return p.File + ": " + p.Reason
}

// Result is what one input held.
type Result struct {
	Format   Format
	Records  []linkvet.Invitation
	Problems []Problem
	// Raw lists, for each record (same index), the inputs it was read
	// from as they were stored: the messages of an e-mail invitation, the
	// pasted text, the PDF. Empty for JSON and the export, whose records
	// are their own raw form. Raw may be shorter than Records.
	Raw [][]Raw
	// Phishing lists the e-mails that imitate LinkedIn: they are never
	// records, and are reported to the user.
	Phishing []mail.Finding
}

// Raw is one input as stored, with its place (file, file:line, IMAP URL).
type Raw struct {
	Place string
	Data  []byte
}

// RawOf returns the raw inputs of record i.
func (r *Result) RawOf(i int) []Raw {
	if i < len(r.Raw) {
		return r.Raw[i]
	}
	return nil
}

// Detect tells what head, the first bytes of an input (512 are plenty), is.
func Detect(head []byte) Format {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return FormatExport
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return FormatPDF
	case sniffMail(head):
		return FormatMail
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		return FormatJSON
	}
	return FormatPaste
}

// ReadPath reads the file or folder at path ("-" is standard input, read
// from stdin).
func ReadPath(path string, stdin io.Reader, opt Options) (Result, error) {
	if path == "-" {
		return Read("stdin", stdin, opt)
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Result{}, linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file or folder", path)
	} else if err != nil {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	if info.IsDir() {
		if mail.IsMaildir(path) {
			return readMailPath(path)
		}
		e, err := linkedin.ReadFS(os.DirFS(path), linkedin.Options{Location: opt.Location})
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", path, err)
		}
		return fromExport(path, e), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	switch Detect(head[:n]) {
	case FormatExport:
		e, err := linkedin.ReadZip(f, info.Size(), linkedin.Options{Location: opt.Location})
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", path, err)
		}
		return fromExport(path, e), nil
	case FormatPDF:
		return fromPDF(path, f, info.Size())
	case FormatMail:
		return readMailPath(path)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return Result{}, fmt.Errorf("read %s: %w", path, err)
	}
	return Read(path, f, opt)
}

// Read reads one input from a stream; name is used in problems.
func Read(name string, r io.Reader, opt Options) (Result, error) {
	if name == "" || name == "-" {
		name = "stdin"
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(1024)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return Result{}, fmt.Errorf("read %s: %w", name, err)
	}
	format := Detect(head)
	if format == FormatJSON {
		return fromJSON(name, br)
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxBytes+1))
	if err != nil {
		return Result{}, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxBytes {
		return Result{}, linkvet.Errorf(linkvet.ELIMIT, "%s: over %d MiB", name, MaxBytes>>20)
	}
	switch format {
	case FormatExport:
		e, err := linkedin.ReadZip(bytes.NewReader(data), int64(len(data)), linkedin.Options{Location: opt.Location})
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		return fromExport(name, e), nil
	case FormatPDF:
		return fromPDF(name, bytes.NewReader(data), int64(len(data)))
	case FormatMail:
		return readMail(name, data, opt)
	}
	if !utf8.Valid(data) {
		return Result{}, linkvet.Errorf(linkvet.EINVALID, "%s: not text, JSON, a PDF, an e-mail or a LinkedIn export", name)
	}
	return fromPaste(name, string(data), opt), nil
}

// ---- MAIL HOOK -----------------------------------------------------------
// LinkedIn's invitation e-mails are read by package mail: .eml files, mbox
// files and Maildir folders. Phishing findings come back beside the
// records, never as records; every message an invitation was read from is
// kept in Raw so that the store can keep it with the record.

// sniffMail reports whether head starts like an e-mail message or an mbox.
func sniffMail(head []byte) bool { return mail.Sniff(head) }

func readMail(name string, data []byte, _ Options) (Result, error) {
	mr, err := mail.Read(name, bytes.NewReader(data))
	if err != nil {
		return Result{Format: FormatMail}, err
	}
	return fromMail(mr), nil
}

func readMailPath(path string) (Result, error) {
	mr, err := mail.ReadPath(path)
	if err != nil {
		return Result{Format: FormatMail}, err
	}
	return fromMail(mr), nil
}

// FromMail turns what package mail read (from files or an IMAP sync) into
// a Result: the invitations as records with their raw messages, the
// phishing findings and the problems.
func FromMail(mr mail.Result) Result { return fromMail(mr) }

func fromMail(mr mail.Result) Result {
	res := Result{Format: FormatMail, Phishing: mr.Phishing}
	for _, inv := range mr.Invitations {
		stamp(&inv, linkvet.SourceEmail)
		var raws []Raw
		for _, r := range mr.Raw[inv.ID] {
			place := r.File
			if r.Line > 1 {
				place += ":" + strconv.Itoa(r.Line)
			}
			raws = append(raws, Raw{Place: place, Data: r.Bytes})
		}
		res.Records = append(res.Records, inv)
		res.Raw = append(res.Raw, raws)
	}
	for _, p := range mr.Problems {
		res.Problems = append(res.Problems, Problem{File: p.File, Line: p.Line, Reason: p.Reason})
	}
	return res
}

// ---- end of MAIL HOOK ----------------------------------------------------

// stamp sets where a record came from, keeping what the input says.
func stamp(inv *linkvet.Invitation, source string) {
	if inv.Source == "" {
		inv.Source = source
	}
	if !slices.Contains(inv.ReceivedVia, inv.Source) {
		inv.ReceivedVia = append(inv.ReceivedVia, inv.Source)
	}
}

func fromJSON(name string, r io.Reader) (Result, error) {
	res := Result{Format: FormatJSON}
	jr := jsonio.NewReader(r, name)
	for {
		rec, err := jr.Next()
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			res.Problems = append(res.Problems, Problem{File: p.File, Line: p.Line, Reason: p.Reason})
			continue
		} else if err != nil {
			return res, err
		}
		inv := rec.Invitation
		stamp(&inv, linkvet.SourceManual)
		res.Records = append(res.Records, inv)
	}
}

func fromExport(name string, e *linkvet.Export) Result {
	res := Result{Format: FormatExport}
	for _, inv := range e.Incoming {
		stamp(&inv, linkvet.SourceLinkedInExport)
		res.Records = append(res.Records, inv)
	}
	for _, f := range e.Files {
		for _, p := range f.Skipped {
			file := name + "/" + p.File
			if p.File == "" {
				file = name + "/" + f.Name
			}
			res.Problems = append(res.Problems, Problem{File: file, Line: p.Line, Reason: p.Reason})
		}
	}
	return res
}

// maxRawPDF bounds the PDF kept with its record; a profile is tens of
// kilobytes.
const maxRawPDF = 16 << 20

func fromPDF(name string, r io.ReaderAt, size int64) (Result, error) {
	p, problems, err := profilepdf.Read(r, size)
	if err != nil {
		return Result{Format: FormatPDF}, fmt.Errorf("%s: %w", name, err)
	}
	res := Result{Format: FormatPDF}
	inv := linkvet.Invitation{Person: p}
	stamp(&inv, linkvet.SourcePDF)
	res.Records = append(res.Records, inv)
	if size <= maxRawPDF {
		data := make([]byte, size)
		if _, err := r.ReadAt(data, 0); err == nil || errors.Is(err, io.EOF) {
			res.Raw = [][]Raw{{{Place: name, Data: data}}}
		}
	}
	for _, pr := range problems {
		res.Problems = append(res.Problems, Problem{File: name, Page: pr.Line, Reason: pr.Reason})
	}
	return res, nil
}

func fromPaste(name, text string, opt Options) Result {
	res := Result{Format: FormatPaste}
	pr := paste.Read(text, opt.Now)
	raw := []Raw{{Place: name, Data: []byte(text)}}
	for _, inv := range pr.Invitations {
		stamp(&inv, linkvet.SourcePaste)
		res.Records = append(res.Records, inv)
		res.Raw = append(res.Raw, raw)
	}
	if pr.Person != nil {
		inv := linkvet.Invitation{Person: *pr.Person}
		stamp(&inv, linkvet.SourcePaste)
		res.Records = append(res.Records, inv)
		res.Raw = append(res.Raw, raw)
	}
	for _, p := range pr.Problems {
		res.Problems = append(res.Problems, Problem{File: name, Line: p.Line, Reason: p.Reason})
	}
	return res
}
