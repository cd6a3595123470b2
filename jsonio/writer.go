package jsonio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// VerdictWriter writes verdicts as JSON Lines, one object per line, in the
// order they are given. The bytes are exactly encoding/json's (without
// HTML escaping); a hand-written encoder makes them, because writing the
// verdicts is a fair part of screening a file (FuzzVerdictEncoder holds the
// two together).
//
// Output is buffered and handed on in whole lines only, so that a run that
// stops early (an unreadable input, a kill) never leaves half a verdict:
// what was written is a sequence of complete lines.
type VerdictWriter struct {
	w      io.Writer
	buf    []byte // whole lines not yet written
	enc    *json.Encoder
	encBuf bytes.Buffer
	err    error
}

// verdictBuffer is how much is gathered before it is written.
const verdictBuffer = 64 << 10

// NewVerdictWriter writes to w; call Flush at the end.
func NewVerdictWriter(w io.Writer) *VerdictWriter {
	vw := &VerdictWriter{w: w, buf: make([]byte, 0, verdictBuffer+4096)}
	vw.enc = json.NewEncoder(&vw.encBuf)
	vw.enc.SetEscapeHTML(false)
	return vw
}

// Write writes one verdict.
func (w *VerdictWriter) Write(v *linkvet.Verdict) error {
	if w.err != nil {
		return w.err
	}
	if v.Reasons == nil {
		v.Reasons = []linkvet.Reason{} // required: never null
	}
	if b, ok := appendVerdict(w.buf, v); ok {
		w.buf = append(b, '\n')
	} else {
		w.encBuf.Reset()
		if err := w.enc.Encode(v); err != nil {
			return fmt.Errorf("write verdict %s: %w", v.ID, err)
		}
		w.buf = append(w.buf, w.encBuf.Bytes()...)
	}
	if len(w.buf) >= verdictBuffer {
		if err := w.Flush(); err != nil {
			return fmt.Errorf("write verdict %s: %w", v.ID, err)
		}
	}
	return nil
}

// Flush writes what is buffered: whole lines only.
func (w *VerdictWriter) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.w.Write(w.buf)
	w.buf = w.buf[:0]
	w.err = err
	return err
}

// verdictKeys are the JSON names appendVerdict writes, per type; if the
// domain types change without it, it steps aside (verdictFast).
var verdictKeys = map[reflect.Type][]string{
	reflect.TypeFor[linkvet.Verdict](): {"id", "action", "report", "category", "intent", "score", "confidence",
		"reasons", "checklist", "drafts", "language", "drafts_language", "missing"},
	reflect.TypeFor[linkvet.Reason]():    {"rule", "points", "detail"},
	reflect.TypeFor[linkvet.Checklist](): {"personal_note", "common_ground", "enough_mutuals"},
	reflect.TypeFor[linkvet.Drafts]():    {"accept", "follow_up", "decline", "ask"},
}

var verdictFast = func() bool {
	for t, want := range verdictKeys {
		var have []string
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			have = append(have, name)
		}
		if !slices.Equal(have, want) {
			return false
		}
	}
	return true
}()

// appendVerdict appends v as encoding/json writes it; false when it cannot
// (a confidence that is not a number), for encoding/json to say why.
func appendVerdict(b []byte, v *linkvet.Verdict) ([]byte, bool) {
	if !verdictFast || math.IsNaN(v.Confidence) || math.IsInf(v.Confidence, 0) {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = appendString(b, v.ID)
	b = append(b, `,"action":`...)
	b = appendString(b, string(v.Action))
	b = append(b, `,"report":`...)
	b = strconv.AppendBool(b, v.Report)
	b = append(b, `,"category":`...)
	b = appendString(b, string(v.Category))
	b = append(b, `,"intent":`...)
	b = appendString(b, string(v.Intent))
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(v.Score), 10)
	b = append(b, `,"confidence":`...)
	b = appendFloat(b, v.Confidence)
	b = append(b, `,"reasons":`...)
	if v.Reasons == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, r := range v.Reasons {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"rule":`...)
			b = appendString(b, r.Rule)
			b = append(b, `,"points":`...)
			b = strconv.AppendInt(b, int64(r.Points), 10)
			b = append(b, `,"detail":`...)
			b = appendString(b, r.Detail)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	c := v.Checklist
	b = append(b, `,"checklist":{"personal_note":`...)
	b = strconv.AppendBool(b, c.PersonalNote)
	b = append(b, `,"common_ground":`...)
	b = strconv.AppendBool(b, c.CommonGround)
	b = append(b, `,"enough_mutuals":`...)
	if c.EnoughMutuals == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendBool(b, *c.EnoughMutuals)
	}
	b = append(b, `},"drafts":{`...)
	first := true
	for _, f := range [...]struct{ key, val string }{
		{`"accept":`, v.Drafts.Accept}, {`"follow_up":`, v.Drafts.FollowUp},
		{`"decline":`, v.Drafts.Decline}, {`"ask":`, v.Drafts.Ask},
	} {
		if f.val == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, f.key...)
		b = appendString(b, f.val)
	}
	b = append(b, '}')
	if v.Language != "" {
		b = append(b, `,"language":`...)
		b = appendString(b, v.Language)
	}
	if v.DraftsLanguage != "" {
		b = append(b, `,"drafts_language":`...)
		b = appendString(b, v.DraftsLanguage)
	}
	if len(v.Missing) > 0 {
		b = append(b, `,"missing":[`...)
		for i, m := range v.Missing {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m)
		}
		b = append(b, ']')
	}
	return append(b, '}'), true
}

// appendFloat writes a float64 as encoding/json does: plain decimals,
// exponent form for very small and very large magnitudes, written short.
func appendFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString writes s quoted as encoding/json does without HTML
// escaping: control characters escaped, invalid UTF-8 as U+FFFD, and the
// line and paragraph separators escaped for JavaScript's sake.
func appendString(b []byte, s string) []byte { return appendQuoted(b, s, false) }

// appendQuoted is appendString, with html: appendStringHTML.
func appendQuoted(b []byte, s string, html bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && !(html && (c == '<' || c == '>' || c == '&')) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// AppendVerdict appends v's JSON to b, the bytes a VerdictWriter writes
// for it without the newline: encoding/json's, without HTML escaping,
// reasons never null. A store keeps verdicts in this one form, so that the
// same verdict always has the same digest (Digest), however it was saved.
func AppendVerdict(b []byte, v *linkvet.Verdict) ([]byte, error) {
	if v.Reasons == nil {
		cp := *v
		cp.Reasons = []linkvet.Reason{}
		v = &cp
	}
	if out, ok := appendVerdict(b, v); ok {
		return out, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, fmt.Errorf("encode verdict %s: %w", v.ID, err)
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}
