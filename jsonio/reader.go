// Package jsonio reads invitation-v1 records (docs/format.md) from files or
// standard input and writes verdicts as JSON Lines.
//
// # Model
//
// An input holds either one JSON array of invitations or JSON Lines (one
// object per line); the first non-blank byte tells which. Records are
// decoded one at a time, so a file of any size is read in flat memory.
//
// A bad record never stops the others. Each one becomes a linkvet.Problem
// naming the file, the line and the reason: a line that is not JSON, a
// field of the wrong type, a line over MaxRecord bytes, invalid UTF-8, a
// value outside the format's vocabulary. The exception is an array whose
// JSON syntax breaks: nothing after the break can be trusted, so the rest
// of that input is reported as one problem.
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

// Record is one invitation read from an input, with where it came from.
type Record struct {
	Invitation linkvet.Invitation
	Line       int // line where the record starts (1-based)
}

// Reader yields the records of one input.
type Reader struct {
	name string
	br   *bufio.Reader
	mode byte // 0 = not started, 'l' = JSON Lines, 'a' = array, 'e' = ended
	line int  // lines consumed so far (JSON Lines mode)

	// array mode
	lc  *lineCounter
	dec *json.Decoder
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
	if r.mode == 0 {
		if err := r.start(); err != nil {
			return Record{}, err
		}
	}
	switch r.mode {
	case 'l':
		return r.nextLine()
	case 'a':
		return r.nextElement()
	}
	return Record{}, io.EOF
}

func (r *Reader) start() error {
	// Skip a UTF-8 byte order mark and leading blanks, counting lines.
	if b, err := r.br.Peek(3); err == nil && bytes.Equal(b, []byte{0xef, 0xbb, 0xbf}) {
		_, _ = r.br.Discard(3)
	}
	for {
		c, err := r.br.ReadByte()
		if err == io.EOF {
			r.mode = 'e'
			return nil
		} else if err != nil {
			return fmt.Errorf("read %s: %w", r.name, err)
		}
		switch c {
		case '\n':
			r.line++
			continue
		case ' ', '\t', '\r':
			continue
		}
		_ = r.br.UnreadByte()
		if c == '[' {
			r.mode = 'a'
			r.lc = &lineCounter{r: r.br, line: r.line + 1}
			r.dec = json.NewDecoder(r.lc)
			if _, err := r.dec.Token(); err != nil { // the '['
				return fmt.Errorf("read %s: %w", r.name, err)
			}
		} else {
			r.mode = 'l'
		}
		return nil
	}
}

func (r *Reader) problem(line int, format string, args ...any) *linkvet.Problem {
	return &linkvet.Problem{File: r.name, Line: line, Reason: fmt.Sprintf(format, args...)}
}

func (r *Reader) nextLine() (Record, error) {
	for {
		line, tooLong, err := r.readLine()
		if err == io.EOF && line == nil && !tooLong {
			r.mode = 'e'
			return Record{}, io.EOF
		} else if err != nil && err != io.EOF {
			return Record{}, fmt.Errorf("read %s: %w", r.name, err)
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
		rec, perr := r.decode(line, n)
		return rec, perr
	}
}

// readLine reads one line without its newline. A line over MaxRecord is
// skipped to its end and reported as tooLong, without holding it in memory.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > MaxRecord+1 {
				tooLong, buf = true, nil
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

func (r *Reader) nextElement() (Record, error) {
	if !r.dec.More() {
		// The closing ']' and nothing else may follow.
		if _, err := r.dec.Token(); err != nil {
			r.mode = 'e'
			return Record{}, r.problem(r.lc.lineAt(r.dec.InputOffset()), "the array is not closed: %s", jsonReason(err))
		}
		r.mode = 'e'
		return Record{}, io.EOF
	}
	var raw json.RawMessage
	err := r.dec.Decode(&raw)
	end := r.dec.InputOffset()
	if err != nil {
		r.mode = 'e' // after a syntax error nothing can be trusted
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset > end {
			end = se.Offset - 1 // the decoder's offset of the bad byte
		}
		return Record{}, r.problem(r.lc.lineAt(end), "not valid JSON, the rest of the input is skipped: %s", jsonReason(err))
	}
	// RawMessage holds the value's exact bytes, so it began len(raw)
	// bytes before the decoder's offset.
	start := end - int64(len(raw))
	line := r.lc.lineAt(start)
	r.lc.forget(start)
	if len(raw) > MaxRecord {
		return Record{}, r.problem(line, "record longer than %d bytes (1 MiB)", MaxRecord)
	}
	return r.decode(raw, line)
}

func (r *Reader) decode(data []byte, line int) (Record, error) {
	if !utf8.Valid(data) {
		return Record{}, r.problem(line, "invalid UTF-8")
	}
	rec := Record{Line: line}
	if err := json.Unmarshal(data, &rec.Invitation); err != nil {
		return Record{}, r.problem(line, "%s", jsonReason(err))
	}
	if err := Validate(&rec.Invitation); err != nil {
		return Record{}, r.problem(line, "%s", err)
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
		if field == "" {
			return fmt.Sprintf("want a JSON object for an invitation, got %s", te.Value)
		}
		return fmt.Sprintf("%s: want %s, got %s", field, goTypeName(te.Type.String()), te.Value)
	case errors.As(err, &se):
		return "not valid JSON: " + se.Error()
	case errors.As(err, &pe):
		return fmt.Sprintf("sent_at: %q is not an RFC 3339 time (like 2026-11-20T09:15:00Z)", pe.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "not valid JSON: the record ends too early"
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	return msg
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
		return fmt.Errorf("direction: %q is not incoming or outgoing", inv.Direction)
	}
	switch inv.Person.Photo {
	case "", linkvet.PhotoUnknown, linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated:
	default:
		return fmt.Errorf("person.photo: %q is not one of real, none, stock, generated, unknown", inv.Person.Photo)
	}
	if inv.Label != "" && !inv.Label.Valid() {
		return fmt.Errorf("label: %q is not one of accept, ask, ignore, decline, block", inv.Label)
	}
	for name, n := range map[string]*int{"mutual_connections": inv.MutualConnections, "person.connections": inv.Person.Connections,
		"person.followers": inv.Person.Followers, "person.recommendations": inv.Person.Recommendations} {
		if n != nil && *n < 0 {
			return fmt.Errorf("%s: %d is negative", name, *n)
		}
	}
	if s := inv.Person.MemberSince; s != "" && !yearMonth(s) {
		return fmt.Errorf("person.member_since: %q is not YYYY-MM", s)
	}
	for i, x := range inv.Person.Experience {
		if x.Start != "" && !yearMonth(x.Start) {
			return fmt.Errorf("person.experience[%d].start: %q is not YYYY-MM", i, x.Start)
		}
		if x.End != "" && !yearMonth(x.End) {
			return fmt.Errorf("person.experience[%d].end: %q is not YYYY-MM", i, x.End)
		}
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

// lineCounter passes bytes through to the JSON decoder and remembers where
// lines start, so that an array element's offset can be turned into a line
// number. It forgets the lines behind the decoder, so memory stays flat.
type lineCounter struct {
	r      io.Reader
	offset int64   // bytes read so far
	line   int     // line number at base
	starts []int64 // offsets of line starts not yet forgotten, ascending
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.starts = append(l.starts, l.offset+int64(i)+1)
		}
	}
	l.offset += int64(n)
	return n, err
}

// lineAt returns the line holding the byte at offset off.
func (l *lineCounter) lineAt(off int64) int {
	line := l.line
	for _, s := range l.starts {
		if s > off {
			break
		}
		line++
	}
	return line
}

// forget drops line starts before off, which later queries never need.
func (l *lineCounter) forget(off int64) {
	i := 0
	for i < len(l.starts) && l.starts[i] <= off {
		i++
	}
	l.line += i
	l.starts = append(l.starts[:0], l.starts[i:]...)
}
