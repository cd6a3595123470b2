package screen

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The sentences of evidence are built here without package fmt: a rule's
// detail is appended to the verdict's one buffer of details (see details),
// so a fired rule costs no allocation of its own and a rule that did not
// fire none (its reason is only written when explaining). Every function
// writes exactly what quoteList and clip write (TestDetailMatchesQuoteList).

// details holds the text of one verdict's reasons back to back, so that
// all the details a verdict's rules write cost one allocation (the tallies
// carry it from rule to rule). A detail is built by appending to open()
// and cut out by keep, which returns a string sharing the buffer's memory,
// as strings.Builder does: the buffer is only ever appended to, so bytes a
// string was cut from are never written again (growing moves the buffer,
// and the old one lives on for as long as its strings). Only one detail is
// built at a time.
type details struct{ buf []byte }

// open returns the buffer to append one detail to.
func (d *details) open() []byte {
	if d.buf == nil {
		d.buf = make([]byte, 0, 512) // most verdicts' details fit
	}
	return d.buf
}

// keep returns what was appended to b since open as a string, and keeps
// b as the buffer.
func (d *details) keep(b []byte) string {
	start := len(d.buf)
	d.buf = b
	if len(b) == start {
		return ""
	}
	return unsafe.String(&b[start], len(b)-start)
}

// cat is the concatenation of parts, kept in the buffer.
func (t *tallies) cat(parts ...string) string {
	b := t.text.open()
	for _, p := range parts {
		b = append(b, p...)
	}
	return t.text.keep(b)
}

// list is prefix, the quoted list of items (as quoteList writes it) and
// suffix.
func (t *tallies) list(prefix string, items []string, suffix string) string {
	b := append(t.text.open(), prefix...)
	b = appendQuoteList(b, items)
	return t.text.keep(append(b, suffix...))
}

// whatList is what, sep and the quoted list of items.
func (t *tallies) whatList(what, sep string, items []string) string {
	b := append(append(t.text.open(), what...), sep...)
	return t.text.keep(appendQuoteList(b, items))
}

// clip is prefix, s clipped to n runes (as clip writes it) and suffix.
func (t *tallies) clip(prefix, s string, n int, suffix string) string {
	b := append(t.text.open(), prefix...)
	b = appendClip(b, s, n)
	return t.text.keep(append(b, suffix...))
}

// whyClip is why, a colon and s quoted and clipped to 40 runes.
func (t *tallies) whyClip(why, s string) string {
	b := append(append(t.text.open(), why...), ": “"...)
	b = appendClip(b, s, 40)
	return t.text.keep(append(b, "”"...))
}

// entries is what, sep, the quoted phrases of found entries and suffix.
func (t *tallies) entries(f *facts, what, sep string, l lex, idx []int32, suffix string) string {
	b := append(append(t.text.open(), what...), sep...)
	b = appendQuoted(b, len(idx), func(i int) (string, string, string) { return f.entry(l, idx[i]).phrase, "", "" })
	return t.text.keep(append(b, suffix...))
}

// appendQuoteList appends items as quoteList writes them: at most four,
// each quoted and clipped to 60 runes, "and" before the last, "and N
// more" for the rest.
func appendQuoteList(dst []byte, items []string) []byte {
	return appendQuoted(dst, len(items), func(i int) (string, string, string) { return items[i], "", "" })
}

// appendQuoted is appendQuoteList over n items, item i being a+sep+b of
// item(i) (see appendClipJoin), so that a list of found entries or of
// pairs ("group Kafka Users") needs no slice or string of its own. item
// returns strings rather than appending: dst handed to a function value
// would leave the stack.
func appendQuoted(dst []byte, n int, item func(i int) (a, sep, b string)) []byte {
	const most = 4
	for i := range n {
		if i == most {
			dst = append(dst, " and "...)
			dst = strconv.AppendInt(dst, int64(n-most), 10)
			return append(dst, " more"...)
		}
		if i > 0 {
			if i == n-1 {
				dst = append(dst, " and "...)
			} else {
				dst = append(dst, ", "...)
			}
		}
		dst = append(dst, "“"...)
		a, sep, b := item(i)
		dst = appendClipJoin(dst, a, sep, b, 60)
		dst = append(dst, "”"...)
	}
	return dst
}

// appendClipJoin is appendClip(dst, a+sep+b, n) without building a+sep+b
// when it is plain: ASCII, single spaces, short enough. sep is a constant
// with a space at each end (" at "), or "".
func appendClipJoin(dst []byte, a, sep, b string, n int) []byte {
	if sep == "" && b == "" {
		return appendClip(dst, a, n)
	}
	if len(a)+len(sep)+len(b) <= n && (sep == "" || a != "" && b != "") &&
		asciiOnly(a) && asciiOnly(b) && tidy(a) && tidy(b) {
		return append(append(append(dst, a...), sep...), b...)
	}
	return appendClip(dst, a+sep+b, n)
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendClip appends s shortened to at most n runes at a word boundary,
// exactly as clip returns it: white space runs made single spaces, and
// when that is still too long, the first n runes cut back to the last
// space past their middle, with an ellipsis.
func appendClip(dst []byte, s string, n int) []byte {
	if len(s) <= n && tidy(s) {
		return append(dst, s...)
	}
	start := len(dst)
	for w := range strings.FieldsSeq(s) {
		if len(dst) > start {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	}
	if utf8.RuneCount(dst[start:]) <= n {
		return dst
	}
	if utf8.Valid(dst[start:]) {
		// The first n runes, as they are.
		end, count := start, 0
		for count < n {
			_, size := utf8.DecodeRune(dst[end:])
			end += size
			count++
		}
		dst = dst[:end]
	} else {
		// clip cuts a slice of runes: invalid bytes become U+FFFD there.
		joined := string(dst[start:])
		dst = dst[:start]
		count := 0
		for _, r := range joined {
			if count == n {
				break
			}
			dst = utf8.AppendRune(dst, r)
			count++
		}
	}
	cut := dst[start:]
	if i := lastSpace(cut); i > n/2 {
		dst = dst[:start+i]
	}
	return append(dst, "…"...)
}

func lastSpace(b []byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == ' ' {
			return i
		}
	}
	return -1
}
