// Package fold is the one Unicode folding step every text comparison in
// linkvet goes through.
//
// Senders write "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "ｖｉｓｉｏｎａｒｙ", "vi\u200bsionary" or
// "lіnkedin.com" with a Cyrillic і, precisely so that naive matching misses
// them. Folding maps all of those to the same plain text:
//
//  1. compatibility decomposition (NFKD): styled, full-width, circled and
//     ligature letters become plain letters, accented letters come apart;
//  2. combining marks, zero-width characters, soft hyphens, bidi controls,
//     emoji variation selectors and skin-tone modifiers are dropped;
//  3. look-alike letters from every script drawn like Latin (Cyrillic,
//     Greek, Armenian, Cherokee, Coptic, Lisu, Latin small capitals and
//     IPA, ...; the table is generated from Unicode's confusables data, see
//     gen_lookalikes.go) become the Latin letter they imitate, and
//     everything else is lower-cased: a letter is
//     looked up as written first (a Greek capital Ν imitates N, its small ν
//     imitates v), then lower-cased and looked up again (an Armenian capital
//     Ս is no Latin letter, but its small ս imitates u);
//  4. curly quotes become straight ones and runs of white space become one
//     space.
//
// Folding reaches a fixed point: String(String(s)) == String(s) for every
// s, so that a phrase list and a text folded at different times agree
// (TestStringIdempotentBMP checks every code point of the Basic
// Multilingual Plane, TestStringIdempotentAstral the supplementary
// alphabets and tags, FuzzString any text).
//
// Words then splits folded text into tokens: runs of letters and digits
// (apostrophes inside a word are dropped, so "don't" is "dont"), and every
// emoji or other symbol as a token of its own, so that the phrase "🚀" never
// matches the word "rocket". A Matcher finds whole-word phrases in tokens.
//
// Both sides of every comparison must be folded: a phrase list and the text
// it is matched against.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/unicode/norm"
)

// String returns s folded: see the package documentation.
func String(s string) string {
	if ascii(s) {
		return asciiFold(s)
	}
	// One allocation: the folded bytes become the string without a copy.
	b := appendUnicode(make([]byte, 0, 3*len(s)+8), s)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// AppendString appends String(s) to dst and returns the extended slice, so
// that a hot path can fold several texts into one reused buffer and make
// one string of them all.
func AppendString(dst []byte, s string) []byte {
	// One pass for ASCII text, the common case, copying runs of bytes that
	// folding leaves alone at once, and starting over on the general path
	// at the first byte beyond ASCII.
	start := len(dst)
	space := true
	for i := 0; i < len(s); {
		c := s[i]
		switch asciiClass[c] {
		case asciiKeep:
			j := i + 1
			for j < len(s) && asciiClass[s[j]] == asciiKeep {
				j++
			}
			dst = append(dst, s[i:j]...)
			space = false
			i = j
			continue
		case asciiOther:
			return appendUnicode(dst[:start], s)
		case asciiSpace:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		case asciiUpper:
			dst = append(dst, c+'a'-'A')
			space = false
		case asciiQuote:
			dst = append(dst, '\'')
			space = false
		}
		i++
	}
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// What AppendString does with each byte.
const (
	asciiKeep  = iota // copied as it is
	asciiSpace        // white space: one space between words
	asciiUpper        // a capital: lower-cased
	asciiQuote        // the backquote: an apostrophe
	asciiOther        // not ASCII: the general path
)

// asciiClass is a constant table (never written after it is built).
var asciiClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = asciiOther
		case isSpace(byte(c)):
			t[c] = asciiSpace
		case 'A' <= c && c <= 'Z':
			t[c] = asciiUpper
		case c == '`':
			t[c] = asciiQuote
		}
	}
	return t
}()

// appendUnicode is String's general path, appending to dst.
func appendUnicode(dst []byte, s string) []byte {
	// Invalid UTF-8 is replaced, not passed through, so that folded text is
	// always valid.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	// The decomposition goes into dst's spare capacity (given as an empty
	// slice, so that norm does not merge it with the text before it) and
	// the folded text after it, then moved down over the decomposition.
	start := len(dst)
	d := norm.NFKD.AppendString(dst[start:start], s)
	mid := start
	if len(d) > 0 && cap(dst) > start && &dst[:start+1][start] == &d[0] {
		mid += len(d) // d is in dst: fold after it
		dst = dst[:mid]
	}
	space := true // drop leading space
	for i := 0; i < len(d); {
		r, n := rune(d[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(d[i:])
		}
		i += n
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
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		space = false
		dst = utf8.AppendRune(dst, r)
	}
	if n := len(dst); n > mid && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst[:start+copy(dst[start:], dst[mid:])]
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiFold is String's fast path: most invitations are plain ASCII.
func asciiFold(s string) string {
	if asciiFolded(s) {
		return s
	}
	b := AppendString(make([]byte, 0, len(s)), s)
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// asciiFolded reports whether ASCII text is already folded: no capitals,
// no backquote, single spaces between words and none at the ends.
func asciiFolded(s string) bool {
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || c == '`' || (isSpace(c) && (prevSpace || c != ' ')) {
			return false
		}
		prevSpace = isSpace(c)
	}
	return !prevSpace || s == ""
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// dropped reports whether r is invisible or decorative and carries no
// letter of its own.
func dropped(r rune) bool {
	switch {
	case unicode.Is(unicode.Mn, r): // combining marks (accents after NFKD)
		return true
	case r == '\u00ad', // soft hyphen
		r >= '\u200b' && r <= '\u200f', // zero-width space, joiners, marks
		r >= '\u202a' && r <= '\u202e', // bidi embedding controls
		r >= '\u2060' && r <= '\u2064', // word joiner, invisible operators
		r >= '\u2066' && r <= '\u2069', // bidi isolates
		r == '\ufeff',                  // BOM / zero-width no-break space
		r == '\u180e',                  // Mongolian vowel separator
		r == '\u034f',                  // combining grapheme joiner
		r >= '\ufe00' && r <= '\ufe0f', // variation selectors (emoji style)
		r >= 0xe0100 && r <= 0xe01ef,   // variation selectors supplement
		r >= 0x1f3fb && r <= 0x1f3ff,   // emoji skin-tone modifiers
		r >= 0xe0000 && r <= 0xe007f:   // tag characters
		return true
	}
	return false
}

// foldRune maps a non-ASCII rune, already decomposed by NFKD, to the Latin
// letter it imitates, else to its lower case. The look-up runs on the rune
// as written and then on its lower case, so that the result is a fixed
// point: an ASCII letter, or a lower-case rune with no look-alike entry.
func foldRune(r rune) rune {
	if l, ok := lookalikes[r]; ok {
		return rune(l)
	}
	lr := unicode.ToLower(r)
	if lr != r {
		if l, ok := lookalikes[lr]; ok {
			return rune(l)
		}
	}
	return lr
}

// lookalikes is confusableLetters (generated from Unicode's confusables
// data, see gen_lookalikes.go) with the letters that data does not list but
// senders use as Latin ones: small capitals, and a few Cyrillic letters
// whose italic or handwritten form reads as a Latin one. Built once; never
// written after.
var lookalikes = func() map[rune]byte {
	m := make(map[rune]byte, len(confusableLetters)+len(extraLookalikes))
	for r, l := range confusableLetters {
		m[r] = l
	}
	for r, l := range extraLookalikes {
		if _, ok := m[r]; !ok {
			m[r] = l
		}
	}
	return m
}()

// extraLookalikes are kept by hand (see lookalikes).
var extraLookalikes = map[rune]byte{
	// Cyrillic letters the confusables data leaves out
	'н': 'h', 'Н': 'h', 'т': 't', 'к': 'k', 'м': 'm', 'в': 'b', 'ё': 'e', 'Ё': 'e', 'ї': 'i', 'Ї': 'i',
	'ғ': 'f', 'ү': 'y', 'Ү': 'y',
	// Greek
	'β': 'b', 'ε': 'e', 'η': 'n', 'κ': 'k', 'τ': 't', 'χ': 'x', 'ω': 'w',
	// Latin small capitals and IPA letters
	'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j',
	'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ǫ': 'q', 'ʀ': 'r', 'ꜱ': 's',
	'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z', 'ɑ': 'a', 'ɩ': 'i', 'ɵ': 'o',
	'ʋ': 'v', 'ı': 'i', 'ȷ': 'j', 'ℓ': 'l',
	// Coptic small iota, whose capital the data lists
	'ⲓ': 'i',
}

// Words returns the tokens of folded text (see the package documentation).
// Pass the result of String.
func Words(folded string) []string {
	if folded == "" {
		return nil
	}
	// Room for a token per space and one more, which is most texts'
	// count: one allocation instead of one per doubling.
	if w := AppendWords(make([]string, 0, strings.Count(folded, " ")+1), folded); len(w) > 0 {
		return w
	}
	return nil // as before: no tokens is nil
}

// AppendWords appends the tokens of folded text to dst, so that a hot path
// can reuse one slice.
func AppendWords(dst []string, folded string) []string {
	start := -1
	apos := false // the word so far holds an apostrophe to drop
	for i := 0; i < len(folded); {
		c := folded[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiWord[c]:
				if start < 0 {
					start = i
				}
				for i++; i < len(folded) && asciiWord[folded[i]]; i++ {
				}
				continue
			case c == '\'' && start >= 0 && i+1 < len(folded) && wordByte(folded[i+1]):
				apos = true
			default:
				dst = appendWord(dst, folded, start, i, apos)
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
			dst = appendWord(dst, folded, start, i, apos)
			start, apos = -1, false
			dst = append(dst, folded[i:i+n])
		default:
			dst = appendWord(dst, folded, start, i, apos)
			start, apos = -1, false
		}
		i += n
	}
	return appendWord(dst, folded, start, len(folded), apos)
}

// appendWord appends folded[start:end] as a token, without its
// apostrophes; start < 0 means no word is open.
func appendWord(dst []string, folded string, start, end int, apos bool) []string {
	if start < 0 {
		return dst
	}
	w := folded[start:end]
	if apos {
		w = withoutApostrophes(w)
	}
	if w == "" {
		return dst
	}
	return append(dst, w)
}

// asciiWord marks the ASCII letters and digits (a constant table).
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z')
	}
	return t
}()

// withoutApostrophes is strings.ReplaceAll(w, "'", ""), without allocating
// for the commonest contractions of notes ("I'd", "I'm", "don't", "j'ai").
func withoutApostrophes(w string) string {
	var buf [16]byte
	if len(w) <= len(buf) {
		b := buf[:0]
		for i := 0; i < len(w); i++ {
			if w[i] != '\'' {
				b = append(b, w[i])
			}
		}
		if c, ok := contractions[string(b)]; ok {
			return c
		}
	}
	return strings.ReplaceAll(w, "'", "")
}

// contractions are the commonest contracted words of notes, folded and
// without their apostrophes (a constant table: never written after it is
// built).
var contractions = func() map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(`id im ive ill youre youve youll youd dont cant wont isnt arent wasnt werent
		didnt doesnt hasnt havent hadnt wouldnt couldnt shouldnt lets thats its whats theres heres hes shes
		theyre theyve weve were well wed ive ill
		jai cest jaimerais jaime nest quil quelle daccord dun dune lequipe lentreprise sil
		lazienda unaltra dellazienda`) {
		m[w] = w
	}
	return m
}()

func wordByte(c byte) bool {
	return ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c >= utf8.RuneSelf
}

// Fields folds s and returns its tokens: String then Words.
func Fields(s string) []string { return Words(String(s)) }

// ContainsPhrase reports whether the phrase occurs in text as whole words.
// Both are folded here; for many phrases or many texts use a Matcher.
func ContainsPhrase(text, phrase string) bool {
	m := NewMatcher([]string{phrase})
	return len(m.Find(Fields(text))) > 0
}

// ordinaryLetter reports whether r is a letter of some Latin alphabet in
// everyday use that folding maps to a plain letter all the same: the
// Polish ł, the Danish ø, the Croatian đ, the Icelandic ð, the Maltese ħ,
// and the letters of West African alphabets (ɓ, ɗ, ɖ, ɣ, ʋ, ɨ). A name
// written with them is not dressed up.
func ordinaryLetter(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0x24F:
		return unicode.IsLetter(r)
	case r == 'ɓ', r == 'ɗ', r == 'ɖ', r == 'ɣ', r == 'ʋ', r == 'ɨ':
		return true
	}
	return false
}

// HasLookalikes reports whether s contains characters that fold to
// different letters: look-alikes from other scripts, styled or full-width
// letters, or invisible characters. Plain accented letters and the letters
// of everyday Latin alphabets (ordinaryLetter) do not count.
// It is how a spoofed "lіnkedin.com" is told from the real one.
func HasLookalikes(s string) bool {
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if dropped(r) && !unicode.Is(unicode.Mn, r) {
			return true
		}
		if ordinaryLetter(r) {
			continue
		}
		if _, ok := lookalikes[r]; ok {
			return true
		}
		if _, ok := lookalikes[unicode.ToLower(r)]; ok {
			return true
		}
		if d := norm.NFKD.String(string(r)); d != string(r) {
			// A compatibility form (styled, full-width) differs from its
			// canonical decomposition; an accented letter does not.
			if norm.NFD.String(string(r)) != d {
				return true
			}
		}
	}
	return false
}
