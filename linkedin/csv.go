package linkedin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// maxRecordBytes is the longest record (one row, quoted line breaks
// included) that is parsed; longer ones are skipped without being held in
// memory. The longest real LinkedIn message is far shorter.
const maxRecordBytes = 1 << 20

// rowError is a record that cannot be used; reading goes on after it.
type rowError struct {
	line   int
	reason string
}

func (e *rowError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.reason) }

// decodeText returns r as UTF-8 text: a UTF-8 byte order mark is dropped,
// UTF-16 (with a byte order mark, or without one but recognisable by its
// zero bytes) is converted, and old Mac files that end lines with a lone CR
// get LF line ends.
func decodeText(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(4)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	var dec transform.Transformer
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		if _, err := br.Discard(3); err != nil {
			return nil, err
		}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec = unicode.BOMOverride(unicode.UTF8.NewDecoder())
	case len(head) >= 2 && head[0] != 0 && head[1] == 0:
		dec = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case len(head) >= 2 && head[0] == 0 && head[1] != 0:
		dec = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	}
	if dec != nil {
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
	}
	prefix, err := br.Peek(32 << 10)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if bytes.IndexByte(prefix, '\r') >= 0 && bytes.IndexByte(prefix, '\n') < 0 {
		br = bufio.NewReaderSize(crToLF{br}, 64<<10)
	}
	return br, nil
}

// crToLF turns every CR into LF, for files whose only line end is CR.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// Parser states.
const (
	fieldStart  = iota
	unquoted    // inside a field that did not start with a quote
	quoted      // inside a quoted field
	quoteInside // just after a quote inside a quoted field
)

// csvReader parses delimited text as encoding/csv does with LazyQuotes set
// and FieldsPerRecord = -1 (CRLF becomes LF, blank lines are skipped, a
// stray quote is kept as text), but it is built for damaged exports:
//
//   - a record longer than maxRecordBytes is skipped and reported without
//     being held in memory;
//   - a quoted field still open at the end of the file does not swallow the
//     rest of the file: it is reported, and the lines after the record's
//     first line are parsed again, in linear time however many quotes are
//     stray (see failTail); the first quoted field to run past max is
//     taken as never closed in the same way (a later one skips the rest of
//     the file, as what it ran over was not kept);
//   - every record says on which line it starts.
//
// Fields of one record share one string, as in encoding/csv.
type csvReader struct {
	src   *bufio.Reader
	comma byte
	max   int

	chunk  []byte // unparsed bytes of the current read
	replay []byte // bytes to parse again after a recovery, before src
	srcErr error  // error that came with the last read from src
	line   int    // lines consumed so far

	rec    []byte // field contents of the current record
	ends   []int  // end offset of each field in rec
	raw    []byte // raw bytes of the current record's past chunks, for recovery
	fields []string

	// failTail is set once a quoted field ran to the end of the input:
	// the number of bytes from just after its opening quote to the end.
	// From any byte after that point that is not a quote, a quoted field
	// runs the same course, so it cannot close either: a later field in
	// that state is known to be unclosed at once, without reading to the
	// end again. That keeps recovery linear however many quotes are
	// stray.
	failTail int
	noSkip   bool // tests: read to the end every time, as a reference

	// overRecovered is set once a quoted field ran past max and was read
	// as never closed; a second such field skips the rest of the file.
	overRecovered bool
}

func newCSVReader(src *bufio.Reader, comma byte) *csvReader {
	return &csvReader{src: src, comma: comma, max: maxRecordBytes}
}

// next returns the next record and the line it starts on. The slice is
// reused by the following call. A *rowError reports a record that was
// skipped; io.EOF ends the input; any other error is the source's.
func (r *csvReader) next() ([]string, int, error) {
	r.rec, r.ends, r.raw = r.rec[:0], r.ends[:0], r.raw[:0]
	start := r.line + 1
	state := fieldStart
	size := 0
	over := false
	cr := false // a CR was last: dropped if LF follows, kept otherwise
	openAt := 0 // offset in the record just after the last opening quote
chunks:
	for {
		if len(r.chunk) == 0 {
			if !r.fill() {
				break
			}
		}
		c := r.chunk
		i := 0
		if cr {
			cr = false
			if c[0] != '\n' && !over && state != fieldStart && state != quoteInside {
				r.rec = append(r.rec, '\r')
			}
		}
		for i < len(c) {
			b := c[i]
			switch state {
			case fieldStart:
				if b == '"' {
					state = quoted
					i++
					openAt = len(r.raw) + i
					continue
				}
				if len(r.ends) == 0 && len(r.rec) == 0 && !over {
					skip := 0
					if b == '\n' {
						skip = i + 1
					} else if b == '\r' && i+1 < len(c) && c[i+1] == '\n' {
						skip = i + 2
					}
					if skip > 0 {
						// A blank line between records: start afresh after it.
						r.line++
						start = r.line + 1
						r.chunk = c[skip:]
						r.raw = r.raw[:0]
						continue chunks
					}
				}
				state = unquoted
				continue
			case unquoted:
				j := i
				for j < len(c) && c[j] != r.comma && c[j] != '\n' && c[j] != '\r' {
					j++
				}
				if !over {
					r.rec = append(r.rec, c[i:j]...)
				}
				i = j
				if i == len(c) {
					continue
				}
				switch c[i] {
				case r.comma:
					r.ends = append(r.ends, len(r.rec))
					state = fieldStart
					i++
				case '\n':
					r.line++
					r.chunk = c[i+1:]
					size += i + 1
					return r.finish(start, size, over)
				case '\r':
					if i+1 == len(c) {
						cr = true
					} else if c[i+1] != '\n' && !over {
						r.rec = append(r.rec, '\r')
					}
					i++
				}
			case quoted:
				j := bytes.IndexByte(c[i:], '"')
				if j < 0 {
					j = len(c)
				} else {
					j += i
				}
				if j > i && r.failTail > 0 && !r.noSkip && len(r.raw) == 0 && len(c)-i <= r.failTail {
					// Past the point from which a quoted field is known
					// never to close (see failTail); the input after the
					// failure is all in c, from the record's start.
					r.line = start
					r.chunk = nil
					if nl := bytes.IndexByte(c, '\n'); nl >= 0 {
						r.chunk = c[nl+1:]
					}
					return nil, start, &rowError{start, "a quoted field opened on this line is never closed"}
				}
				seg := c[i:j]
				r.line += bytes.Count(seg, []byte{'\n'})
				if !over {
					if bytes.IndexByte(seg, '\r') < 0 {
						r.rec = append(r.rec, seg...)
					} else {
						for k, ch := range seg {
							switch {
							case ch != '\r':
								r.rec = append(r.rec, ch)
							case k+1 == len(seg) && j == len(c):
								cr = true
							case k+1 < len(seg) && seg[k+1] == '\n':
							default:
								r.rec = append(r.rec, '\r')
							}
						}
					}
				} else if len(seg) > 0 && seg[len(seg)-1] == '\r' && j == len(c) {
					cr = true
				}
				i = j
				if i < len(c) {
					state = quoteInside
					i++
				}
			case quoteInside:
				switch {
				case b == '"':
					if !over {
						r.rec = append(r.rec, '"')
					}
					state = quoted
					i++
				case b == r.comma:
					r.ends = append(r.ends, len(r.rec))
					state = fieldStart
					i++
				case b == '\n':
					r.line++
					r.chunk = c[i+1:]
					size += i + 1
					return r.finish(start, size, over)
				case b == '\r' && (i+1 == len(c) || c[i+1] == '\n'):
					// CRLF after a closing quote; a CR at the end of the
					// chunk is taken as the same (a lone CR here is rare).
					if i+1 == len(c) {
						cr = true
					}
					i++
				default:
					// Lazy quotes: a quote not followed by a delimiter is text.
					if !over {
						r.rec = append(r.rec, '"')
					}
					state = quoted
				}
			}
		}
		size += len(c)
		r.chunk = nil
		if !over {
			r.raw = append(r.raw, c...)
		}
		if !over && size > r.max {
			if (state == quoted || state == quoteInside) && !r.overRecovered {
				// A quoted field this long is a stray quote far more
				// likely than a real cell (the row would be skipped
				// anyway): parse again from the record's second line,
				// from the bytes kept, rather than lose the rest of the
				// file. Once per file, so that the cost stays linear.
				r.overRecovered = true
				r.replay = nil
				if nl := bytes.IndexByte(r.raw, '\n'); nl >= 0 {
					r.replay = append([]byte(nil), r.raw[nl+1:]...)
				} else {
					r.discardLine() // the first line goes on past what was kept
				}
				r.line = start
				return nil, start, &rowError{start, "a quoted field opened on this line runs past the row size limit without closing; read as never closed"}
			}
			over = true
			r.rec, r.raw = r.rec[:0], r.raw[:0]
		}
	}
	// End of input.
	if r.srcErr != nil && !errors.Is(r.srcErr, io.EOF) {
		return nil, start, r.srcErr
	}
	if state == fieldStart && len(r.ends) == 0 && len(r.rec) == 0 && size == 0 {
		return nil, start, io.EOF
	}
	if state == quoted {
		if over {
			return nil, start, &rowError{start, "a quoted field opened on this line is never closed; the rest of the file was skipped"}
		}
		// Parse again from the record's second line, so that one stray
		// quote costs one row, not the rest of the file.
		if nl := bytes.IndexByte(r.raw, '\n'); nl >= 0 {
			r.replay = append([]byte(nil), r.raw[nl+1:]...)
		}
		r.failTail = max(r.failTail, len(r.raw)-openAt)
		r.line = start
		r.srcErr = nil
		return nil, start, &rowError{start, "a quoted field opened on this line is never closed"}
	}
	return r.finish(start, size, over)
}

// discardLine drops the source's bytes up to and including the next line
// end, without keeping them.
func (r *csvReader) discardLine() {
	for {
		_, err := r.src.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			r.srcErr = err
		}
		return
	}
}

// fill loads the next chunk; it reports false at the end of the input.
func (r *csvReader) fill() bool {
	if len(r.replay) > 0 {
		r.chunk, r.replay = r.replay, nil
		return true
	}
	if r.srcErr != nil {
		return false
	}
	b, err := r.src.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	r.srcErr = err
	if err == nil && len(b) == 0 {
		r.srcErr = io.ErrNoProgress
	}
	r.chunk = b
	return len(b) > 0
}

func (r *csvReader) finish(start, size int, over bool) ([]string, int, error) {
	if over || size > r.max {
		return nil, start, &rowError{start, fmt.Sprintf("row is longer than %d MiB", r.max>>20)}
	}
	r.ends = append(r.ends, len(r.rec))
	s := string(r.rec)
	r.fields = r.fields[:0]
	prev := 0
	for _, end := range r.ends {
		f := s[prev:end]
		// Invalid UTF-8 is repaired, not refused: one bad byte in a long
		// message should not cost the whole row.
		if !utf8.ValidString(f) {
			f = strings.ToValidUTF8(f, "\uFFFD")
		}
		r.fields = append(r.fields, f)
		prev = end
	}
	return r.fields, start, nil
}
