package compose

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/screen/lang"
)

// builtinStockPhrases are the cores of LinkedIn's prefilled invitation
// texts, in the wordings seen over the years and in the most common
// interface languages. They stay as a fallback: the vocabulary files of
// package screen/lang (family lang.StockInvitation) add every language's
// own default sentences (see stock). A note is stock text when one of them
// is all it says, give or take a greeting, a sign-off and names (see
// IsDefaultNote).
var builtinStockPhrases = []string{
	"add you to my professional network",
	"add you to my network",
	"add you as a connection",
	"join your linkedin network",
	"join your professional network",
	"join your network",
	"connect with you on linkedin",
	"connect on linkedin",
	"like to connect with you",
	"like to connect",
	"lets connect",
	"please accept my invitation",
	"accept my invitation to connect",
	"accept my connection request",
	"expand my network",
	"expand my professional network",
	"grow my network",
	"grow my professional network",
	// German, French, Spanish, Portuguese, Italian, Dutch (folded: no accents)
	"zu meinem beruflichen netzwerk",
	"meinem netzwerk hinzufugen",
	"in mein netzwerk aufnehmen",
	"mon reseau professionnel",
	"ajouter a mon reseau",
	"a mi red profesional",
	"a mi red de linkedin",
	"minha rede profissional",
	"alla mia rete professionale",
	"mijn professionele netwerk",
	"aan mijn netwerk toevoegen",
}

// builtinStockFiller are words that may surround a stock phrase without
// making the note personal: greetings, sign-offs and the glue of the stock
// texts. The vocabularies' greetings (lang.Greeting) are added to them.
var builtinStockFiller = wordSet(`hi hello hey dear greetings good morning afternoon evening there
i id im ive would like love want to you your my me on in at of for with linkedin and a the
as so be here thanks thank regards best kind warm wishes cheers sincerely please connect
connection connections invite invitation request network professional join add happy glad
great nice really
hallo liebe lieber ich mochte sie dich gerne viele grusse gruss danke
bonjour salut je j jaimerais aimerais vous te merci cordialement inviter rejoindre en ligne sur le la site
hola me gustaria agregarte anadirte saludos gracias
ola gostaria de adicionar obrigado
ciao vorrei aggiungerti grazie saluti
hoi graag groeten bedankt`)

// maxStockOthers is how many words beyond the stock text and its filler a
// default note may have: a first and last name in the greeting and in the
// sign-off.
const maxStockOthers = 4

// stockTable is what IsDefaultNote matches: the stock phrases, tokenized,
// also indexed by their first word (a note's words are each looked up once,
// instead of every phrase of every language being tried at every word),
// and the filler words.
type stockTable struct {
	raw     []string // the phrases as written, for StockPhrases
	phrases [][]string
	first   map[string][][]string
	filler  map[string]bool
}

// stockTableOnce is built once from the built-in lists and every vocabulary
// file; never written after. A vocabulary that does not load leaves the
// built-in lists (screen/lang's own tests report the file). Built on first
// use, not at start-up: parsing every vocabulary file costs
// milliseconds that commands which never look at a note should not pay.
var stockTableOnce = sync.OnceValue(func() *stockTable {
	vocabs, _ := lang.Load()
	return newStockTable(vocabs)
})

// newStockTable merges the built-in lists with the stock invitation
// sentences and greetings of vocabs.
func newStockTable(vocabs []*lang.Vocabulary) *stockTable {
	t := &stockTable{first: map[string][][]string{}, filler: map[string]bool{}}
	for w := range builtinStockFiller {
		t.filler[w] = true
	}
	seen := map[string]bool{}
	add := func(p string) {
		toks := fold.Fields(p)
		key := strings.Join(toks, " ")
		if len(toks) == 0 || seen[key] {
			return
		}
		seen[key] = true
		t.raw = append(t.raw, p)
		t.phrases = append(t.phrases, toks)
		t.first[toks[0]] = append(t.first[toks[0]], toks)
	}
	for _, p := range builtinStockPhrases {
		add(p)
	}
	for _, v := range vocabs {
		if v == nil {
			continue
		}
		for _, p := range v.Phrases(lang.StockInvitation) {
			add(p)
		}
		for _, g := range v.Phrases(lang.Greeting) {
			for _, w := range fold.Fields(g) {
				t.filler[w] = true
			}
		}
	}
	return t
}

// IsDefaultNote reports whether note is one of LinkedIn's stock invitation
// texts ("I'd like to add you to my professional network on LinkedIn" and
// its variants and translations), possibly with a greeting, a sign-off and
// names around it. Such a note says nothing more than no note at all. A
// longer note that merely contains a stock sentence is not a default note.
func IsDefaultNote(note string) bool {
	return stockTableOnce().isDefault(note)
}

// StockPhrases returns every stock phrase IsDefaultNote looks for, as
// written. A note that holds none of them (folded, as whole words) is no
// default note: a caller that already scans notes with a phrase index of
// its own can add these to it and skip IsDefaultNoteWords for most notes.
func StockPhrases() []string { return slices.Clone(stockTableOnce().raw) }

// IsDefaultNoteWords is IsDefaultNote for a note already folded and split
// into words (fold.Fields(note)): the screening engine has them at hand and
// need not fold the note a second time.
func IsDefaultNoteWords(words []string) bool {
	matched, others := stockTableOnce().coverage(words)
	return matched && others <= maxStockOthers
}

func (t *stockTable) isDefault(note string) bool {
	matched, others := t.coverage(fold.Fields(note))
	return matched && others <= maxStockOthers
}

// genericStockPhrases are stock phrases that are not LinkedIn's prefilled
// wording but the generic line many people type themselves ("let's
// connect"): a note of nothing else says as little, but it is not
// "LinkedIn's text", and a template around one is a template first.
var genericStockPhrases = map[string]bool{"lets connect": true, "like to connect": true}

// stockOwnWording reports whether toks contain one of LinkedIn's own
// prefilled phrases, not only a generic one.
func stockOwnWording(toks []string) bool {
	for _, p := range stockTableOnce().phrases {
		if genericStockPhrases[strings.Join(p, " ")] {
			continue
		}
		for i := 0; i+len(p) <= len(toks); i++ {
			if hasAt(toks, i, p) {
				return true
			}
		}
	}
	return false
}

// stockCoverage reports whether toks contain a stock phrase, and how many
// tokens are neither part of a stock phrase nor filler.
func stockCoverage(toks []string) (matched bool, others int) { return stockTableOnce().coverage(toks) }

func (t *stockTable) coverage(toks []string) (matched bool, others int) {
	if len(toks) == 0 {
		return false, 0
	}
	// Notes are short: a stack array avoids an allocation per call.
	var small [64]bool
	var covered []bool
	if len(toks) <= len(small) {
		covered = small[:len(toks)]
	} else {
		covered = make([]bool, len(toks))
	}
	for i, tok := range toks {
		for _, p := range t.first[tok] {
			if hasAt(toks, i, p) {
				matched = true
				for j := range p {
					covered[i+j] = true
				}
			}
		}
	}
	if !matched {
		return false, 0
	}
	for i, tok := range toks {
		if !covered[i] && !t.filler[tok] {
			others++
		}
	}
	return true, others
}

// hasAt reports whether seq occurs in toks at position i.
func hasAt(toks []string, i int, seq []string) bool {
	if len(seq) == 0 || i+len(seq) > len(toks) {
		return false
	}
	for j, s := range seq {
		if toks[i+j] != s {
			return false
		}
	}
	return true
}

// containsSeq reports whether seq occurs in toks as whole words.
func containsSeq(toks, seq []string) bool {
	if len(seq) == 0 {
		return false
	}
	for i := 0; i+len(seq) <= len(toks); i++ {
		if toks[i] == seq[0] && hasAt(toks, i, seq) {
			return true
		}
	}
	return false
}

// placeholderWords are merge fields left bare (folded).
var placeholderWords = wordSet(`fname lname firstname lastname first_name last_name fullname full_name
companyname company_name yourname your_name recipient_name contact_name`)

func isPlaceholderWord(w string) bool {
	w = strings.Trim(w, ".,;:!?'\"()")
	if w == "" {
		return false
	}
	if isBareField(w) {
		return true
	}
	return strings.ContainsAny(w, placeholderSigils) && isBracketedField(w)
}

// placeholderSigils are the characters every bracketed placeholder has.
const placeholderSigils = "{[<%|"

// isBracketedField reports whether w is one bracketed merge field such as
// "{name}"; it is how clean keeps them out of messages.
func isBracketedField(w string) bool {
	p, ok := HasPlaceholder(w)
	return ok && p == w
}

// HasPlaceholder reports whether note still contains a template
// placeholder, and returns the first one as written: {firstName},
// {{name}}, ${name}, [name], [Company], <Company>, %NAME%, *|FNAME|*, and
// bare merge fields such as FNAME, FIRST_NAME or XXX.
func HasPlaceholder(note string) (string, bool) {
	// Full-width brackets and letters are folded so that ｛name｝ is found.
	s := note
	if !isASCII(s) {
		s = norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD"))
	}
	wordStart := -1
	for i := 0; i < len(s); {
		var isWord bool
		n := 1
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most notes: only a sigil can open a placeholder.
			switch {
			case c == '*' || c == '$' || c == '{' || c == '[' || c == '<' || c == '%':
				if p := bracketed(s, i); p != "" {
					return p, true
				}
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
				isWord = true
			}
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			isWord = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		if isWord && wordStart < 0 {
			wordStart = i
		}
		if !isWord && wordStart >= 0 {
			if w := s[wordStart:i]; isBareField(w) {
				return w, true
			}
			wordStart = -1
		}
		i += n
	}
	if wordStart >= 0 && isBareField(s[wordStart:]) {
		return s[wordStart:], true
	}
	return "", false
}

// isBareField reports whether the word w is a bare merge field: FNAME,
// first_name, XXX.
func isBareField(w string) bool {
	if len(w) >= 3 && strings.Trim(w, "X") == "" {
		return true
	}
	// Every field name ends in "name"; most words are rejected without
	// folding.
	if len(w) < 5 || !strings.EqualFold(w[len(w)-4:], "name") {
		return false
	}
	return placeholderWords[fold.String(w)]
}

// maxPlaceholder is the longest bracketed text taken for a placeholder;
// longer brackets are prose.
const maxPlaceholder = 40

// bracketed returns the placeholder that starts at s[i], or "".
func bracketed(s string, i int) string {
	c := s[i]
	var open, close string
	switch {
	case strings.HasPrefix(s[i:], "*|"):
		open, close = "*|", "|*"
	case strings.HasPrefix(s[i:], "${"):
		open, close = "${", "}"
	case strings.HasPrefix(s[i:], "{{"):
		open, close = "{{", "}}"
	case strings.HasPrefix(s[i:], "[["):
		open, close = "[[", "]]"
	case c == '{':
		open, close = "{", "}"
	case c == '[':
		open, close = "[", "]"
	case c == '<':
		open, close = "<", ">"
	case c == '%':
		open, close = "%", "%"
	default:
		return ""
	}
	rest := s[i+len(open):]
	end := strings.Index(rest, close)
	if end < 0 || end > maxPlaceholder {
		return ""
	}
	inner := strings.TrimSpace(rest[:end])
	if !fieldName(inner, c) {
		return ""
	}
	return s[i : i+len(open)+end+len(close)]
}

// htmlTags are not placeholders when found between angle brackets.
var htmlTags = wordSet("b i u p a br em hr li ul ol strong span div")

// fieldName reports whether inner reads like the name of a merge field:
// letters with spaces, dots, slashes, underscores or hyphens, a few words at
// most. '%' fields take no spaces ("50% of 20%" is prose).
func fieldName(inner string, open byte) bool {
	if inner == "" {
		return false
	}
	letters, words := 0, 1
	for _, r := range inner {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == ' ':
			if open == '%' {
				return false
			}
			words++
		case r == '_' || r == '.' || r == '-' || r == '/' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	if letters == 0 || words > 5 {
		return false
	}
	if open == '<' && (words > 3 || htmlTags[strings.ToLower(strings.TrimPrefix(inner, "/"))]) {
		return false
	}
	return true
}
