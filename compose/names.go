package compose

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/linkvet/linkvet/fold"
)

// nameData is names.yaml: the words around a name that are not the name
// people are greeted by, and the given names of two words used whole.
type nameData struct {
	Honorifics    []string `yaml:"honorifics"`
	Credentials   []string `yaml:"credentials"`
	Particles     []string `yaml:"particles"`
	CompoundGiven []string `yaml:"compound_given"`
}

//go:embed names.yaml
var namesYAML []byte

// nameWords is names.yaml folded into sets. Parsed once, never written;
// TestNamesData checks the file parses.
type nameWords struct {
	honorific, credential, particle map[string]bool
	compound                        map[string]bool // "maria jose"
}

// namesOnce parses names.yaml on first use, not at start-up.
var namesOnce = sync.OnceValue(func() *nameWords { return loadNames(namesYAML) })

func loadNames(data []byte) *nameWords {
	var d nameData
	_ = yaml.Unmarshal(data, &d) // checked by TestNamesData
	set := func(list []string) map[string]bool {
		m := make(map[string]bool, len(list))
		for _, w := range list {
			m[foldName(w)] = true
		}
		return m
	}
	return &nameWords{
		honorific:  set(d.Honorifics),
		credential: set(d.Credentials),
		particle:   set(d.Particles),
		compound:   set(d.CompoundGiven),
	}
}

// foldName folds a word or words of a name for comparison, without dots
// or hyphens ("Dr." and "dr" are one word, "Ph.D." is "phd", "Dipl.-Ing."
// is "dipling").
func foldName(s string) string {
	if k, ok := asciiKey(s); ok {
		return k
	}
	f := fold.String(s)
	if strings.ContainsAny(f, ".-") {
		f = strings.Map(func(r rune) rune {
			if r == '.' || r == '-' {
				return -1
			}
			return r
		}, f)
	}
	return f
}

// asciiKey is foldName's fast path for a plain ASCII word with at most one
// capital, the common case of a name: lower-cased without dots or hyphens,
// allocating only when it changes.
func asciiKey(s string) (string, bool) {
	if len(s) > 32 {
		return "", false
	}
	var buf [32]byte
	n, changed := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '\'':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
			changed = true
		case c == '.' || c == '-':
			changed = true
			continue
		default:
			return "", false
		}
		buf[n] = c
		n++
	}
	if !changed {
		return s, true
	}
	return string(buf[:n]), true
}

// firstName returns the name to greet someone by, as people use it:
// titles, ranks and honorifics in many languages are skipped ("Capitán
// Roberto Díaz" is Roberto), a name written surname first with a comma is
// turned round ("de la Vega, Carmen" is Carmen), a compound given name is
// kept whole ("María José García" is María José), and credentials,
// pronouns and taglines after the name are dropped ("Ana Ruiz, MBA" is
// Ana). Capitals are made normal ("JANE" is Jane); styled letters become
// plain ones. It returns "" when the name gives nothing usable (empty,
// emoji only, digits, a placeholder, letters of several scripts mixed in
// one word), and the message then uses a neutral greeting.
func firstName(name string) string {
	c := clean(name, 120)
	// Pronouns and taglines follow a bar, bracket, slash or colon.
	if i := strings.IndexAny(c, "|(/:"); i >= 0 {
		c = c[:i]
	}
	for _, sep := range []string{" - ", " \u2013 ", " \u2014 "} {
		if i := strings.Index(c, sep); i >= 0 {
			c = c[:i]
		}
	}
	given := c
	if before, after, ok := strings.Cut(c, ","); ok {
		after, _, _ = strings.Cut(after, ",")
		given = before
		if inverted(before, after) {
			given = after
		}
	}
	var wb [8]string
	words := appendNameTokens(wb[:0], given)
	names := namesOnce()
	for i, w := range words {
		bare := strings.TrimRight(w, ".")
		var kb [64]byte
		f := appendNameKey(kb[:0], bare) // map look-ups with string(f) do not allocate
		if names.honorific[string(f)] || utf8.RuneCountInString(bare) <= 1 || strings.Contains(w, ".") && len(f) <= 2 {
			continue // "Dr.", "Capitán", "J.", "J.R."
		}
		if names.credential[string(f)] && i > 0 {
			break // "Ana MBA": the credential ends the name
		}
		first, ok := greetWord(bare)
		if !ok {
			return ""
		}
		// A compound given name of two or three words.
		for n := min(3, len(words)-i); n >= 2; n-- {
			var cb [96]byte
			if names.compound[string(appendNamesKey(cb[:0], words[i:i+n]))] {
				parts := []string{first}
				for _, w := range words[i+1 : i+n] {
					p, ok := greetWord(w)
					if !ok {
						return first
					}
					if namesOnce().particle[foldName(w)] {
						p = strings.ToLower(p) // "María del Carmen"
					}
					parts = append(parts, p)
				}
				full := strings.Join(parts, " ")
				if utf8.RuneCountInString(full) <= maxFirstName {
					return full
				}
				return first
			}
		}
		return first
	}
	return ""
}

// appendNameTokens appends the words of a name to out (a buffer on the
// caller's stack), split at spaces and after dots inside a word
// ("Dr.Jane" is "Dr." and "Jane").
func appendNameTokens(out []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		var kb [64]byte
		if namesOnce().honorific[string(appendNameKey(kb[:0], w))] {
			out = append(out, w) // "Dott.ssa", "Dipl.-Ing."
			continue
		}
		for {
			i := strings.IndexByte(w, '.')
			if i < 0 || i == len(w)-1 {
				break
			}
			out = append(out, w[:i+1])
			w = w[i+1:]
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// inverted reports whether "before, after" is a name written surname
// first: after holds one to three given names (not credentials, not a
// job title) and before reads as a surname: one word, a word starting
// with a particle ("de la Vega"), or written in capitals ("GARCÍA LÓPEZ").
func inverted(before, after string) bool {
	var ab [8]string
	aw := appendNameTokens(ab[:0], after)
	var given []string
	for _, w := range aw {
		f := foldName(w)
		if namesOnce().honorific[f] {
			continue
		}
		if namesOnce().credential[f] || isAbbreviation(w) {
			return false
		}
		given = append(given, w)
	}
	if len(given) == 0 || len(given) > 3 {
		return false
	}
	for _, w := range given {
		if _, ok := greetWord(strings.TrimRight(w, ".")); !ok && utf8.RuneCountInString(strings.TrimRight(w, ".")) > 1 {
			return false
		}
	}
	bw := strings.Fields(before)
	switch {
	case len(bw) == 0:
		return false
	case len(bw) == 1:
		return !namesOnce().honorific[foldName(bw[0])]
	case namesOnce().particle[foldName(bw[0])]:
		return true
	case len(bw) <= 3 && allUpper(before) && !allUpper(after):
		return true
	}
	return namesOnce().compound[foldName(strings.Join(given[:min(2, len(given))], " "))]
}

// isAbbreviation reports whether w is written like a credential: all
// capitals of two to five letters ("MBA", "CPA"), or with inner dots
// ("Ph.D.").
func isAbbreviation(w string) bool {
	if strings.Contains(strings.TrimRight(w, "."), ".") {
		return true
	}
	n := utf8.RuneCountInString(w)
	return n >= 2 && n <= 5 && allUpper(w) && !namesOnce().particle[foldName(w)]
}

func allUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// greetWord returns w as it goes into a greeting, in normal
// capitalisation, and false when w cannot be a name: digits or symbols,
// or letters of several scripts in one word (a look-alike, the mark of a
// fake). Latin small capitals and IPA letters used as styling are turned
// into plain letters ("ᴊᴀɴᴇ" is Jane).
func greetWord(w string) (string, bool) {
	if !nameWord(w) || utf8.RuneCountInString(w) > maxFirstName {
		return "", false
	}
	if isASCII(w) {
		return normalCase(w), true // one script (Latin), nothing styled
	}
	var script *unicode.RangeTable
	styled := false
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if r >= 0x250 && r <= 0x2AF || r >= 0x1D00 && r <= 0x1DBF || r >= 0xA720 && r <= 0xA7FF {
			styled = true
		}
		s := scriptOf(r)
		if script != nil && s != script {
			return "", false
		}
		script = s
	}
	if styled {
		w = fold.String(w)
		if !isASCII(w) {
			return "", false
		}
	}
	return normalCase(w), true
}

// scripts are those a name may be written in; a letter of any other
// counts as its own script.
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Georgian,
	unicode.Hebrew, unicode.Arabic, unicode.Devanagari, unicode.Han, unicode.Hiragana,
	unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Cherokee, unicode.Coptic,
}

func scriptOf(r rune) *unicode.RangeTable {
	for _, s := range scripts {
		if unicode.Is(s, r) {
			if s == unicode.Hiragana || s == unicode.Katakana {
				return unicode.Han // one Japanese name mixes them
			}
			return s
		}
	}
	return nil
}

// appendNameKey appends foldName(s) to dst. For ASCII it is written in
// place, as fold.String then foldName's removal of dots and hyphens
// make it: lower case, a backquote made an apostrophe, white space runs
// made one space and the ends trimmed, then the dots and hyphens dropped
// (TestNameKeyAgreesWithFoldName). A name is looked up in several word
// sets per draft; folding it into a new string each time would allocate.
func appendNameKey(dst []byte, s string) []byte {
	if !isASCII(s) {
		return append(dst, foldName(s)...)
	}
	start := len(dst)
	space := true // leading white space is dropped
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '`':
			c = '\''
		}
		space = false
		if c == '.' || c == '-' {
			continue
		}
		dst = append(dst, c)
	}
	// Folding trims trailing white space before the dots go: "a ." keeps
	// its space, "a " does not.
	if space && len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// appendNamesKey appends foldName(strings.Join(words, " ")) to dst.
func appendNamesKey(dst []byte, words []string) []byte {
	for _, w := range words {
		if !isASCII(w) || w == "" {
			return append(dst, foldName(strings.Join(words, " "))...)
		}
	}
	for i, w := range words {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = appendNameKey(dst, w)
	}
	return dst
}
