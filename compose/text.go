package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Caps on what is interpolated into a message, in runes. Longer values are
// cut at a word boundary; a single word longer than the cap is dropped, as
// it is more likely junk than a name.
const (
	maxFirstName = 24
	maxItem      = 60  // a company, school, group, event or topic
	maxReason    = 200 // the user's own stated reason (Compose)
)

// hash is FNV-1a: stable across runs, platforms and Go versions, so that the
// same person always gets the same wording.
func hash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// pick chooses one of n phrasings. The salt keeps the choices for the parts
// of one message independent of each other.
func pick(seed, salt uint64, n int) int {
	h := seed ^ (salt+1)*0x9e3779b97f4a7c15
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return int(h % uint64(n))
}

// seedOf is what wording choices hash: the invitation id, else the person.
func seedOf(inv *linkvet.Invitation) uint64 {
	switch {
	case inv.ID != "":
		return hash(inv.ID)
	case inv.Person.ProfileURL != "":
		return hash(fold.String(inv.Person.ProfileURL))
	}
	return hash(fold.String(inv.Person.Name))
}

// clean makes s safe to put into a message: valid UTF-8, compatibility
// forms folded (styled letters become plain), no control or invisible
// characters, no emoji or other symbols, no links, e-mail addresses or
// template placeholders, no brackets, single spaces, and at most max runes
// cut at a word boundary. It returns "" when nothing usable is left.
func clean(s string, max int) string { return cleanText(s, max, false) }

// cleanProse is clean for a sentence the user wrote: it also keeps the
// punctuation of prose ("!", "?", ";" and quotes).
func cleanProse(s string, max int) string { return cleanText(s, max, true) }

func cleanText(s string, max int, prose bool) string {
	if s == "" {
		return ""
	}
	if plain(s) {
		return capRunes(trimEdges(s), max)
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	if !isASCII(s) {
		s = norm.NFKC.String(s)
	}
	// Bracketed merge fields may span words ("{first name}").
	for i := 0; i < 8 && strings.ContainsAny(s, placeholderSigils); i++ {
		p, ok := HasPlaceholder(s)
		if !ok {
			break
		}
		s = strings.Replace(s, p, " ", 1)
	}
	var b strings.Builder
	b.Grow(len(s))
	for w := range strings.FieldsFuncSeq(s, isBreak) {
		if isLink(w, false) || isEmail(w) || isPlaceholderWord(w) {
			continue
		}
		w = keepAllowed(w, prose)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return capRunes(trimEdges(b.String()), max)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isBreak separates words: white space and control characters.
func isBreak(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// keepAllowed drops from w every rune that has no place in a name or title:
// emoji and other symbols, invisible format characters, brackets and the
// sigils of template languages.
func keepAllowed(w string, prose bool) string {
	ok := true
	for _, r := range w {
		if !allowedRune(r, prose) {
			ok = false
			break
		}
	}
	if ok {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		if allowedRune(r, prose) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func allowedRune(r rune, prose bool) bool {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return true
		case prose && strings.ContainsRune("!?;\"", r):
			return true
		}
		// '#' and '+' keep C# and C++; '.' keeps Node.js and initials.
		return strings.ContainsRune(".,'&-+/:()#", r)
	}
	if r == '\u2019' || unicode.Is(unicode.Pd, r) {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// trimEdges removes punctuation that would clash with the sentence an item
// is put into.
func trimEdges(s string) string {
	s = strings.TrimLeft(s, " .,;:-/&+)\u2013\u2014")
	s = strings.TrimRight(s, " .,;:-/&(\u2013\u2014")
	return s
}

// danglingWords must not end a value cut short ("Society for the").
var danglingWords = map[string]bool{
	"and": true, "or": true, "of": true, "the": true, "at": true, "for": true, "in": true,
	"on": true, "to": true, "a": true, "an": true, "with": true, "by": true, "from": true,
}

// capRunes cuts s to at most max runes at a word boundary. A first word
// longer than max yields "".
func capRunes(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n, cut := 0, -1
	for i, r := range s {
		if n == max {
			if r == ' ' {
				cut = i
			}
			break
		}
		if r == ' ' {
			cut = i
		}
		n++
	}
	if cut <= 0 {
		return ""
	}
	s = s[:cut]
	for {
		s = trimEdges(s)
		i := strings.LastIndexByte(s, ' ')
		if i < 0 || !danglingWords[fold.String(s[i+1:])] {
			return s
		}
		s = s[:i]
	}
}

// firstClean returns the first item of list that is still usable after
// clean, cut before any comma ("Berlin Data Meetup, Nov 2026" is referred
// to as "Berlin Data Meetup").
func firstClean(list []string) string {
	for i, s := range list {
		if i == maxListItems {
			break
		}
		if c := clean(beforeComma(s), maxItem); c != "" {
			return c
		}
	}
	return ""
}

// maxListItems bounds the work spent on one list of a hostile record.
const maxListItems = 20

func beforeComma(s string) string {
	if i := strings.IndexAny(s, ",;|"); i > 0 {
		return s[:i]
	}
	return s
}

// nameWord reports whether w looks like a given name: letters, with inner
// hyphens or apostrophes (Jean-Luc, O'Neil).
func nameWord(w string) bool {
	for _, r := range w {
		if !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '-' || r == '\'' || r == '\u2019') {
			return false
		}
	}
	return strings.Trim(w, "-'\u2019") == w
}

// normalCase turns "JANE" and "jane" into "Jane" (and "JEAN-LUC" into
// "Jean-Luc"); mixed case such as "McKenzie" is kept as written.
func normalCase(w string) string {
	var upper, lower bool
	for _, r := range w {
		upper = upper || unicode.IsUpper(r)
		lower = lower || unicode.IsLower(r)
	}
	if upper && lower {
		return w
	}
	var b strings.Builder
	start := true
	for _, r := range w {
		if start {
			b.WriteRune(unicode.ToTitle(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		start = r == '-'
	}
	return b.String()
}

// broadTLDs are the endings that make a word a link when it is put into a
// message; bareTLDs the narrower set the linter flags in the user's own
// note when there is no scheme, "www." or path (so that "ASP.NET" is not a
// link there).
var (
	broadTLDs = wordSet("com net org io co ly me ai app dev xyz info biz us uk de fr es it nl eu ru cn in br au ca ch at be se no dk fi pl pt cz jp kr tv gg gl to ws cc site online shop store tech live link click top club pro page")
	bareTLDs  = wordSet("com org io ly co me ai app dev xyz info biz gl gg site online shop store link click top club page tv cc ws de uk fr nl eu ch se")
)

func wordSet(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isLink reports whether the word w is a web address. strict is the
// linter's mode: without a scheme, "www." or a path, only the common
// endings of bareTLDs count.
func isLink(w string, strict bool) bool {
	if !strings.ContainsAny(w, ".:") && !strings.ContainsRune(w, '\uff0e') {
		return false
	}
	f := fold.String(w)
	f = strings.TrimLeft(f, "([{<'\"")
	f = strings.TrimRight(f, ".,;:!?)]}>'\"")
	if strings.Contains(f, "://") || strings.HasPrefix(f, "www.") || strings.HasPrefix(f, "mailto:") {
		return true
	}
	host, _, hasPath := strings.Cut(f, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	tld := host[dot+1:]
	if hasPath || !strict {
		return broadTLDs[tld]
	}
	return bareTLDs[tld]
}

// isEmail reports whether w is an e-mail address.
func isEmail(w string) bool {
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.ContainsRune(w[at:], '.')
}

// runeCount is the length LinkedIn shows: characters after NFC.
func runeCount(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return utf8.RuneCountInString(norm.NFC.String(s))
}

// upperFirst capitalises the first letter of a sentence.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// foldEqual reports whether a and b are the same text once folded. Plain
// ASCII text that folding would only lower-case is compared without
// allocating: that is most names, companies and skills.
func foldEqual(a, b string) bool {
	if simpleASCII(a) && simpleASCII(b) {
		return strings.EqualFold(a, b)
	}
	return fold.String(a) == fold.String(b)
}

// simpleASCII reports whether fold.String(s) is just s lower-cased: ASCII
// with single inner spaces and no backquote.
func simpleASCII(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '`' || c < ' ' || c == ' ' && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// plain reports whether clean would leave s as it is apart from its edges:
// ASCII letters, digits, single spaces and harmless punctuation, with no
// dots or colons (links), no '@' (addresses), no brackets and no word that
// could be a merge field. Most names and companies are plain.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == ' ':
			if i > 0 && s[i-1] == ' ' {
				return false
			}
		case c == ',' || c == '&' || c == '\'' || c == '-' || c == '+' || c == '#' || c == '/' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return !strings.Contains(s, "XXX") && !containsFoldASCII(s, "name")
}

// containsFoldASCII reports whether s contains the lower-case ASCII word
// part sub in any case.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
