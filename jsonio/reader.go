// Package jsonio reads invitation-v1 records (docs/format.md) from files or
// standard input and writes verdicts as JSON Lines.
//
// # Model
//
// An input holds one of three shapes, told apart by its first non-blank
// bytes:
//
//   - a JSON array of invitations ("[" first);
//   - JSON Lines, one object per line (the first line holds a whole value,
//     or is not JSON at all);
//   - one object spread over lines, as the docs print them (the first line
//     opens an object it does not close); several such objects may follow
//     one another.
//
// Records are framed one at a time, by lines or by a small structural
// scanner that tracks strings and brackets, and each is held only up to
// MaxRecord bytes: a longer one is skipped to its end without being kept,
// so a file of any size, and any record in it, is read in flat memory.
// Blank space between records is skipped in linear time.
//
// A bad record never stops the others. Each one becomes a linkvet.Problem
// naming the file, the line and the reason: a line that is not JSON, a
// field of the wrong type, a record over MaxRecord bytes, invalid UTF-8, a
// value outside the format's vocabulary, a record naming nobody (none of
// id, person.name, person.profile_url). Two exceptions end the input with
// one problem, because nothing after them can be trusted: an array whose
// JSON syntax breaks, and anything but blank space after an array's
// closing bracket (such as a second array).
//
// Decoding goes through a hand-written decoder for the invitation shape
// (fast.go) that hands every input it is not sure of to encoding/json, so
// that results and error messages are encoding/json's in every case (the
// fuzz tests hold the two against each other).
package jsonio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// MaxRecord is the largest record accepted, in bytes.
const MaxRecord = 1 << 20

// shapes is the hint given with the first syntax error of an input, so a
// user who gave the wrong kind of file learns what is expected.
const shapes = "an input holds one JSON object, a JSON array of objects, or JSON Lines (one object per line)"

// Record is one invitation read from an input, with where it came from.
type Record struct {
	Invitation linkvet.Invitation
	Line       int // line where the record starts (1-based)
}

// Reader modes.
const (
	modeStart  = iota
	modeLines  // JSON Lines
	modeValues // objects spread over lines, one after another
	modeArray  // inside a JSON array
	modeEnded
)

// Reader yields the records of one input.
type Reader struct {
	name     string
	br       *bufio.Reader
	mode     int
	line     int    // newlines consumed so far
	buf      []byte // the current record, reused
	problems int    // problems reported so far
	sep      bool   // array mode: an element was read, "," or "]" is due
	elem     int    // array mode: elements started so far

	par *parallel // set by Parallel

	// slow decodes every record with encoding/json, for the tests that
	// hold the fast decoder to it (a field, not a package switch, so that
	// readers running at the same time do not share it).
	slow bool
}

// NewReader reads records from r; name is used in problems ("-" for
// standard input is shown as "stdin").
func NewReader(r io.Reader, name string) *Reader {
	if name == "-" || name == "" {
		name = "stdin"
	}
	return &Reader{name: name, br: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next record. A bad record gives a *linkvet.Problem as
// the error and the caller may go on; io.EOF ends the input; any other
// error is an I/O failure.
func (r *Reader) Next() (Record, error) {
	if r.par != nil {
		return r.par.next()
	}
	return r.next()
}

func (r *Reader) next() (Record, error) {
	if r.mode == modeStart {
		if err := r.start(); err != nil {
			return Record{}, err
		}
	}
	switch r.mode {
	case modeLines:
		return r.nextLine()
	case modeValues:
		return r.nextValue()
	case modeArray:
		return r.nextElement()
	}
	return Record{}, io.EOF
}

func (r *Reader) start() error {
	// Skip a UTF-8 byte order mark and leading blanks, counting lines.
	if b, err := r.br.Peek(3); err == nil && bytes.Equal(b, []byte{0xef, 0xbb, 0xbf}) {
		_, _ = r.br.Discard(3)
	}
	c, err := r.skipSpace()
	if err == io.EOF {
		r.mode = modeEnded
		return nil
	} else if err != nil {
		return r.ioError(err)
	}
	switch c {
	case '[':
		_, _ = r.br.Discard(1)
		r.mode = modeArray
	case '{':
		r.mode = modeLines
		if r.firstLineOpens() {
			r.mode = modeValues
		}
	default:
		r.mode = modeLines
	}
	return nil
}

// firstLineOpens reports whether the first line opens an object it does
// not close, as a pretty-printed object's does. A first line longer than
// the buffer is taken as JSON Lines.
func (r *Reader) firstLineOpens() bool {
	head, _ := r.br.Peek(r.br.Size())
	nl := bytes.IndexByte(head, '\n')
	if nl < 0 {
		if len(head) == r.br.Size() {
			return false
		}
		nl = len(head) // the whole input is one line
	}
	var s scanner
	for _, c := range head[:nl] {
		s.step(c)
	}
	return s.depth > 0 && !s.inString && !s.broken
}

func (r *Reader) ioError(err error) error { return fmt.Errorf("read %s: %w", r.name, err) }

func (r *Reader) problem(line int, format string, args ...any) *linkvet.Problem {
	r.problems++
	return &linkvet.Problem{File: r.name, Line: line, Reason: fmt.Sprintf(format, args...)}
}

// skipSpace skips blanks, counting lines, and returns the next byte
// without consuming it.
func (r *Reader) skipSpace() (byte, error) {
	for {
		buf, err := r.br.Peek(1)
		if len(buf) == 0 {
			if err == nil {
				err = io.ErrNoProgress
			}
			return 0, err
		}
		buf, _ = r.br.Peek(r.br.Buffered())
		for i, c := range buf {
			switch c {
			case '\n':
				r.line++
			case ' ', '\t', '\r':
			default:
				_, _ = r.br.Discard(i)
				return c, nil
			}
		}
		_, _ = r.br.Discard(len(buf))
	}
}

func (r *Reader) nextLine() (Record, error) {
	for {
		line, tooLong, err := r.readLine()
		if err == io.EOF && line == nil && !tooLong {
			r.mode = modeEnded
			return Record{}, io.EOF
		} else if err != nil && err != io.EOF {
			return Record{}, r.ioError(err)
		}
		r.line++
		n := r.line
		if tooLong {
			return Record{}, r.problem(n, "record longer than %d bytes (1 MiB)", MaxRecord)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		return r.decode(line, n)
	}
}

// readLine reads one line without its newline into r.buf. A line over
// MaxRecord is skipped to its end and reported as tooLong, without holding
// it in memory.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	buf := r.buf[:0]
	defer func() { r.buf = buf[:0] }()
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxRecord+1 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF:
			if len(buf) == 0 && !tooLong && len(chunk) == 0 {
				return nil, false, io.EOF
			}
			return buf, tooLong, nil
		case err != nil:
			return nil, false, err
		}
		return bytes.TrimSuffix(buf, []byte{'\n'}), tooLong, nil
	}
}

// nextValue reads the next of the objects that follow one another over
// lines.
func (r *Reader) nextValue() (Record, error) {
	c, err := r.skipSpace()
	if err == io.EOF {
		r.mode = modeEnded
		return Record{}, io.EOF
	} else if err != nil {
		return Record{}, r.ioError(err)
	}
	if c != '{' && c != '[' {
		// Not an object: report the line as JSON Lines would.
		return r.nextLine()
	}
	start := r.line + 1
	data, over, closed, err := r.scanValue(false)
	if err != nil {
		return Record{}, r.ioError(err)
	}
	if !closed {
		r.mode = modeEnded
		return Record{}, r.problem(start, "not valid JSON: the object that starts here is never closed (%s)", shapes)
	}
	if over {
		return Record{}, r.problem(start, "record longer than %d bytes (1 MiB)", MaxRecord)
	}
	return r.decode(data, start)
}

func (r *Reader) nextElement() (Record, error) {
	c, err := r.skipSpace()
	if err != nil && err != io.EOF {
		return Record{}, r.ioError(err)
	}
	if err == io.EOF {
		r.mode = modeEnded
		return Record{}, r.problem(r.line+1, "not valid JSON, the array is not closed: the input ends before its ]")
	}
	if r.sep {
		switch c {
		case ',':
			_, _ = r.br.Discard(1)
			if c, err = r.skipSpace(); err == io.EOF {
				r.mode = modeEnded
				return Record{}, r.problem(r.line+1, "not valid JSON, the array is not closed: the input ends before its ]")
			} else if err != nil {
				return Record{}, r.ioError(err)
			}
			if c == ']' || c == ',' {
				r.mode = modeEnded
				return Record{}, r.problem(r.line+1, "not valid JSON, the rest of the input is skipped: %q after a comma in the array, where an element was expected", c)
			}
		case ']':
			_, _ = r.br.Discard(1)
			return r.afterArray()
		default:
			r.mode = modeEnded
			return Record{}, r.problem(r.line+1, "not valid JSON, the rest of the input is skipped: %q after an array element, where a comma or ] was expected", c)
		}
	} else if c == ']' {
		_, _ = r.br.Discard(1)
		return r.afterArray()
	} else if c == ',' {
		r.mode = modeEnded
		return Record{}, r.problem(r.line+1, "not valid JSON, the rest of the input is skipped: a comma where the array's first element was expected")
	}
	r.sep = true
	r.elem++
	start := r.line + 1
	data, over, _, err := r.scanValue(true)
	if err != nil {
		return Record{}, r.ioError(err)
	}
	if over {
		return Record{}, r.inElement(r.problem(start, "record longer than %d bytes (1 MiB)", MaxRecord))
	}
	rec, err := r.decode(data, start)
	return rec, r.inElement(err)
}

// inElement names the array element a problem is about: in a one-line
// array every element is on line 1, and "record 3" is what tells them
// apart.
func (r *Reader) inElement(err error) error {
	var p *linkvet.Problem
	if errors.As(err, &p) {
		p.Reason = fmt.Sprintf("record %d: %s", r.elem, p.Reason)
	}
	return err
}

// afterArray checks that nothing but blank space follows the array.
func (r *Reader) afterArray() (Record, error) {
	end := r.line + 1
	r.mode = modeEnded
	c, err := r.skipSpace()
	if err == io.EOF {
		return Record{}, io.EOF
	} else if err != nil {
		return Record{}, r.ioError(err)
	}
	what := "more text"
	switch c {
	case '[':
		what = "a second array"
	case '{':
		what = "an object"
	}
	return Record{}, r.problem(r.line+1, "%s after the JSON array that ends on line %d; it was not read (%s)", what, end, shapes)
}

// scanValue reads one JSON value into r.buf. In an array (inArray) the
// value ends before a "," or "]" outside strings and brackets; otherwise
// it is an object or array and ends with its closing bracket (closed is
// false when the input ends first). A value over MaxRecord is read to its
// end but not kept (over).
func (r *Reader) scanValue(inArray bool) (data []byte, over, closed bool, err error) {
	buf := r.buf[:0]
	defer func() { r.buf = buf[:0] }()
	var s scanner
	opened := false
	for {
		chunk, perr := r.br.Peek(1)
		if len(chunk) == 0 {
			if perr == io.EOF {
				return buf, over, false, nil
			}
			if perr == nil {
				perr = io.ErrNoProgress
			}
			return nil, false, false, perr
		}
		chunk, _ = r.br.Peek(r.br.Buffered())
		end := -1
		for i, c := range chunk {
			if c == '\n' {
				r.line++
			}
			if inArray && s.depth == 0 && !s.inString && (c == ',' || c == ']') {
				end = i
				break
			}
			s.step(c)
			if s.depth > 0 {
				opened = true
			} else if opened && !s.inString {
				end = i + 1 // an object or array ends with its bracket
				break
			}
		}
		n := len(chunk)
		if end >= 0 {
			n = end
		}
		if !over {
			if len(buf)+n > MaxRecord {
				over, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk[:n]...)
			}
		}
		_, _ = r.br.Discard(n)
		if end >= 0 {
			if inArray {
				buf = bytes.TrimRight(buf, " \t\r\n")
			}
			return buf, over, true, nil
		}
	}
}

// scanner follows strings and brackets, which is all framing needs: the
// decoder checks the rest.
type scanner struct {
	depth    int
	inString bool
	escape   bool
	broken   bool // a closing bracket with none open
}

func (s *scanner) step(c byte) {
	switch {
	case s.escape:
		s.escape = false
	case s.inString:
		switch c {
		case '\\':
			s.escape = true
		case '"':
			s.inString = false
		}
	case c == '"':
		s.inString = true
	case c == '{' || c == '[':
		s.depth++
	case c == '}' || c == ']':
		if s.depth == 0 {
			s.broken = true
		} else {
			s.depth--
		}
	}
}

// decode turns one framed record into a Record, or a Problem.
func (r *Reader) decode(data []byte, line int) (Record, error) {
	rec, bad := decodeRecord(data, line, !r.slow)
	if bad == nil {
		return rec, nil
	}
	return Record{}, r.badRecord(bad)
}

// badRecord words a rejected record as a Problem of this input.
func (r *Reader) badRecord(bad *recordError) *linkvet.Problem {
	reason := bad.reason
	if bad.syntax {
		switch {
		case r.mode == modeArray:
			// A syntax error inside an element: where it really ends, and
			// so everything after it, cannot be trusted.
			r.mode = modeEnded
			reason = "not valid JSON, the rest of the input is skipped: " + reason
		default:
			reason = "not valid JSON: " + reason
		}
		if r.problems == 0 {
			reason += " (" + shapes + ")"
		}
	}
	return r.problem(bad.line, "%s", reason)
}

// recordError is a rejected record: its line and why.
type recordError struct {
	line   int
	reason string
	syntax bool // broken JSON syntax; reason is encoding/json's detail
}

// decodeRecord decodes and checks one record, through the fast decoder
// when fast is set and it can. It does not touch the Reader, so that
// records can be decoded on several goroutines.
func decodeRecord(data []byte, line int, fast bool) (Record, *recordError) {
	if !utf8.Valid(data) {
		return Record{}, &recordError{line: line, reason: "invalid UTF-8"}
	}
	rec := Record{Line: line}
	if !fast || !fastEnabled || !decodeFast(data, &rec.Invitation) {
		rec.Invitation = linkvet.Invitation{}
		if err := json.Unmarshal(data, &rec.Invitation); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				// The line of the bad byte, for records over several lines.
				off := min(max(se.Offset-1, 0), int64(len(data)))
				at := line + bytes.Count(data[:off], []byte{'\n'})
				return Record{}, &recordError{line: at, reason: clip(se.Error(), 300), syntax: true}
			}
			return Record{}, &recordError{line: line, reason: jsonReason(err)}
		}
	}
	if err := Validate(&rec.Invitation); err != nil {
		return Record{}, &recordError{line: line, reason: err.Error()}
	}
	return rec, nil
}

// jsonReason turns encoding/json's errors into a sentence that names the
// field and what was wrong.
func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var pe *time.ParseError
	switch {
	case errors.As(err, &te):
		field := te.Field
		got := clip(te.Value, 80) // a rejected 100,000-digit number is not echoed whole
		if field == "" {
			return fmt.Sprintf("want a JSON object for an invitation, got %s", got)
		}
		return fmt.Sprintf("%s: want %s, got %s", field, goTypeName(te.Type.String()), got)
	case errors.As(err, &se):
		return "not valid JSON: " + se.Error()
	case errors.As(err, &pe):
		return fmt.Sprintf("sent_at: %q is not an RFC 3339 time (like 2026-11-20T09:15:00Z)", clip(pe.Value, 80))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "not valid JSON: the record ends too early"
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return clip(msg, 300)
}

// clip cuts s to at most n bytes (on a rune boundary), so that a huge
// rejected value is not echoed in full.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.Contains(t, "int"):
		return "a whole number"
	case strings.Contains(t, "bool"):
		return "true or false"
	case strings.Contains(t, "string"), strings.HasSuffix(t, "Direction"), strings.HasSuffix(t, "Photo"), strings.HasSuffix(t, "Action"):
		return "a string"
	case strings.Contains(t, "float"):
		return "a number"
	case strings.Contains(t, "Time"):
		return "an RFC 3339 time string"
	}
	return "an object"
}

// Validate checks the values the format restricts. It is used on every
// input path (files, the web form, the API), so messages name the field.
func Validate(inv *linkvet.Invitation) error {
	switch inv.Direction {
	case "", linkvet.Incoming, linkvet.Outgoing:
	default:
		return fmt.Errorf("direction: %q is not incoming or outgoing", clip(string(inv.Direction), 80))
	}
	switch inv.Person.Photo {
	case "", linkvet.PhotoUnknown, linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated:
	default:
		return fmt.Errorf("person.photo: %q is not one of real, none, stock, generated, unknown", clip(string(inv.Person.Photo), 80))
	}
	if inv.Label != "" && !inv.Label.Valid() {
		return fmt.Errorf("label: %q is not one of accept, ask, ignore, decline, block", clip(string(inv.Label), 80))
	}
	for _, n := range []struct {
		name string
		v    *int
	}{{"mutual_connections", inv.MutualConnections}, {"person.connections", inv.Person.Connections},
		{"person.followers", inv.Person.Followers}, {"person.recommendations", inv.Person.Recommendations}} {
		if n.v != nil && *n.v < 0 {
			return fmt.Errorf("%s: %d is negative", n.name, *n.v)
		}
	}
	if s := inv.Person.MemberSince; s != "" && !yearMonth(s) {
		return fmt.Errorf("person.member_since: %q is not YYYY-MM", clip(s, 80))
	}
	for i, x := range inv.Person.Experience {
		if x.Start != "" && !yearMonth(x.Start) {
			return fmt.Errorf("person.experience[%d].start: %q is not YYYY-MM", i, clip(x.Start, 80))
		}
		if x.End != "" && !yearMonth(x.End) {
			return fmt.Errorf("person.experience[%d].end: %q is not YYYY-MM", i, clip(x.End, 80))
		}
	}
	if inv.ID == "" && inv.Person.Name == "" && inv.Person.ProfileURL == "" {
		// Without any of the three, the record cannot be told from others
		// like it and would overwrite them in the store.
		return errors.New("names nobody: give at least one of id, person.name, person.profile_url")
	}
	return nil
}

func yearMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && (c < '0' || c > '9') {
			return false
		}
	}
	return s[5:] >= "01" && s[5:] <= "12"
}
