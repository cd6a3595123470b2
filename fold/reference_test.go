package fold

// The folding and tokenizing of main before issue 13's rewrite for speed,
// kept as the reference the fast versions must agree with byte for byte
// (FuzzAgreesWithReference): a verdict depends on every token.

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func refString(s string) string {
	if ascii(s) {
		return refASCIIFold(s)
	}
	// Invalid UTF-8 is replaced, not passed through, so that folded text is
	// always valid.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	d := norm.NFKD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	space := true // drop leading space
	for _, r := range d {
		if dropped(r) {
			continue
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = foldRune(r)
		}
		if r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`' || r == '\u00b4' {
			r = '\''
		}
		if r == '\u201c' || r == '\u201d' {
			r = '"'
		}
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

func refASCIIFold(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || c == '`' || (isSpace(c) && (prevSpace || c != ' ')) {
			clean = false
			break
		}
		prevSpace = isSpace(c)
	}
	if clean && !prevSpace {
		return s
	}
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isSpace(c):
			if !space {
				b = append(b, ' ')
				space = true
			}
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		}
		space = false
		b = append(b, c)
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b)
}

func refAppendWords(dst []string, folded string) []string {
	start := -1
	apos := false // the word so far holds an apostrophe to drop
	for i := 0; i < len(folded); {
		c := folded[i]
		if c < utf8.RuneSelf {
			switch {
			case ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z'):
				if start < 0 {
					start = i
				}
			case c == '\'' && start >= 0 && i+1 < len(folded) && wordByte(folded[i+1]):
				apos = true
			default:
				dst = refAppendWord(dst, folded, start, i, apos)
				start, apos = -1, false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(folded[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if start < 0 {
				start = i
			}
		case unicode.IsSymbol(r) || unicode.Is(unicode.Co, r) || r >= 0x1f000:
			dst = refAppendWord(dst, folded, start, i, apos)
			start, apos = -1, false
			dst = append(dst, folded[i:i+n])
		default:
			dst = refAppendWord(dst, folded, start, i, apos)
			start, apos = -1, false
		}
		i += n
	}
	return refAppendWord(dst, folded, start, len(folded), apos)
}

func refAppendWord(dst []string, folded string, start, end int, apos bool) []string {
	if start < 0 {
		return dst
	}
	w := folded[start:end]
	if apos {
		w = strings.ReplaceAll(w, "'", "")
	}
	if w == "" {
		return dst
	}
	return append(dst, w)
}

func FuzzAgreesWithReference(f *testing.F) {
	for _, s := range []string{"Hi Dana, I enjoyed your talk!", "don't stop", "🚀🚀 Rocket Internet", "  many\t\nspaces  ",
		"𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "Zürich  Café", "it’s `quoted`", "\xff\xfe", "東京 office", "a'b' 'c d''e", "ALL CAPS", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := refString(s)
		if got := String(s); got != want {
			t.Fatalf("String(%q) = %q, reference %q", s, got, want)
		}
		if got := string(AppendString([]byte("x "), s)); got != "x "+want {
			t.Fatalf("AppendString(%q) = %q, reference %q", s, got, "x "+want)
		}
		for _, text := range []string{s, want} {
			got, ref := strings.Join(AppendWords(nil, text), "\x00"), strings.Join(refAppendWords(nil, text), "\x00")
			if got != ref {
				t.Fatalf("AppendWords(%q) = %q, reference %q", text, got, ref)
			}
		}
	})
}
