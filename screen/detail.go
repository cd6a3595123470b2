package screen

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// The sentences of evidence are built here without package fmt: a rule's
// detail is one string appended into a buffer on the stack and copied out
// once, so a fired rule costs one allocation and a rule that did not fire
// none (its reason is only written when explaining). Every function writes
// exactly what quoteList and clip write (TestDetailMatchesQuoteList).

// detailBuf is the stack buffer a detail is built in; longer details grow
// onto the heap.
type detailBuf [256]byte

// listDetail is prefix, the quoted list of items (as quoteList writes it)
// and suffix, in one string.
func listDetail(prefix string, items []string, suffix string) string {
	var a detailBuf
	b := append(a[:0], prefix...)
	b = appendQuoteList(b, items)
	b = append(b, suffix...)
	return string(b)
}

// whatDetail is what, sep and the quoted list of items, in one string.
func whatDetail(what, sep string, items []string) string {
	var a detailBuf
	b := append(append(a[:0], what...), sep...)
	b = appendQuoteList(b, items)
	return string(b)
}

// clipDetail is prefix, s clipped to n runes (as clip writes it) and
// suffix, in one string.
func clipDetail(prefix, s string, n int, suffix string) string {
	var a detailBuf
	b := append(a[:0], prefix...)
	b = appendClip(b, s, n)
	b = append(b, suffix...)
	return string(b)
}

// whyClipDetail is why, a colon and s quoted and clipped to 40 runes.
func whyClipDetail(why, s string) string {
	var a detailBuf
	b := append(append(a[:0], why...), ": “"...)
	b = appendClip(b, s, 40)
	b = append(b, "”"...)
	return string(b)
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
