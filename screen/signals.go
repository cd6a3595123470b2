package screen

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// This file holds the signals that need no vocabulary, or only a
// language-neutral one: contact hand-offs, money promised per period, the
// name a note greets, names mixing scripts, and impostors of known people.
// They work the same whatever language the note is written in.

// greeting returns the name a note greets ("Hi Dana," → "dana") and
// whether it is someone other than the user. Only a capitalised word (or a
// word of a script without case) right after a greeting counts as a name,
// and forms of address ("Hi team", "Dear Sir") are none. When the user's
// own name is unknown, nobody is "someone else".
func (e *Engine) greeting(f *facts) (string, bool) {
	var g *hit
	for i := range f.hits {
		h := &f.hits[i]
		if h.lx == lxGreeting && f.spNote.holds(h.pos) && int(h.pos) <= f.spNote.from+2 {
			g = h
			break
		}
	}
	if g == nil {
		return "", false
	}
	at := int(g.pos) + int(e.vocab.index.entries[g.id].ntok)
	if at >= f.spNote.to {
		return "", false
	}
	tok := f.words[at]
	// "Guten Morgen Herr Schulte", "Dzień dobry Pani Ewo": a form of
	// address before a name; the name after it is the one greeted.
	if e.vocab.addressees[tok] && at+1 < f.spNote.to {
		at++
		tok = f.words[at]
	}
	if e.vocab.addressees[tok] || !allLetters(tok) || utf8.RuneCountInString(tok) < 2 {
		return "", false
	}
	for _, h := range f.hits {
		if int(h.pos) == at && h.lx != lxChatApps {
			return "", false // a word of the vocabulary ("Hi I am ..."), not a name
		}
	}
	raw, ok := capitalised(f.inv.Message, tok, &f.fold, func(w string) bool { return e.vocab.addressees[f.fold.String(w)] })
	if !ok {
		return "", false
	}
	if len(e.me.nameWords) == 0 {
		return tok, false
	}
	comparable := false
	for _, mine := range e.me.nameWords {
		if sameName(tok, mine) {
			return tok, false
		}
		comparable = comparable || scriptOf(e.pol.Me.Name) == scriptOf(raw)
	}
	// "مرحبا دانا" greets Dana in Arabic letters: a name in another script
	// than the user's own cannot be compared with it, so it accuses nobody.
	return tok, comparable
}

var nameScripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew,
	unicode.Devanagari, unicode.Bengali, unicode.Tamil, unicode.Thai, unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Hangul, unicode.Armenian, unicode.Georgian}

// scriptOf names the script of a word's first letter (an index into
// nameScripts), or -1.
func scriptOf(w string) int {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		for i, t := range nameScripts {
			if unicode.Is(t, r) {
				return i
			}
		}
		return -1
	}
	return -1
}

// sameName accepts a name and its short form ("dan", "daniel").
func sameName(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return utf8.RuneCountInString(a) >= 3 && strings.HasPrefix(b, a)
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) {
			return false
		}
	}
	return true
}

// capitalised reports whether the first word of raw text that folds to tok
// is written as a name: it starts with a capital letter (or a letter of a
// script without case) and ends the greeting ("Hi Michael," "Hola
// Capitán\n"), so that "Hello Data Engineers" is no name.
//
// A form of address after the name ("Mehmet Bey,", "Suresh ji,") still
// ends the greeting: title reports such words.
func capitalised(raw, tok string, scratch *fold.Scratch, title func(string) bool) (string, bool) {
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) }
	for n := 0; n < 8 && raw != ""; n++ {
		start := strings.IndexFunc(raw, func(r rune) bool { return !notWord(r) })
		if start < 0 {
			return "", false
		}
		raw = raw[start:]
		end := strings.IndexFunc(raw, notWord)
		if end < 0 {
			end = len(raw)
		}
		w, rest := raw[:end], raw[end:]
		raw = rest
		if !strings.EqualFold(w, tok) && scratch.String(w) != tok {
			continue
		}
		if !nameCase(w) {
			return "", false
		}
		// "Hi Michael Brown," is missed rather than "Hello Data Engineers,"
		// taken for a name: a wrong "meant for someone else" costs more.
		if !endsGreeting(rest) && title != nil {
			// skip one form of address after the name
			t := strings.TrimLeft(rest, " ")
			end := strings.IndexFunc(t, notWord)
			if end < 0 {
				end = len(t)
			}
			if end > 0 && len(t) < len(rest) && title(t[:end]) {
				rest = t[end:]
			}
		}
		return w, endsGreeting(rest)
	}
	return "", false
}

func nameCase(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsTitle(r) || (!unicode.IsLower(r) && unicode.IsLetter(r))
}

// endsGreeting: what follows a greeted name is punctuation, a line break or
// the end of the note.
func endsGreeting(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || r == '\n' || r == '\r' || (unicode.IsPunct(r) && r != '\'' && r != '-')
}

// handoffs lists the ways a note offers to continue somewhere LinkedIn
// cannot see: a messenger named in any script or spelling, a messenger
// link, a phone number; contact: the note gives a number or link to use.
func (e *Engine) handoffs(f *facts) (out []string, contact bool) {
	out = append(out, f.found(lxChatApps, f.spNote)...)
	for _, s := range e.vocab.chatSubstrings {
		if f.noteASCII {
			break // each is written in Han, Kana, Hangul or Thai
		}
		if strings.Contains(f.note, s) {
			out = append(out, s)
		}
	}
	for _, l := range f.links {
		if l.inNote && hostIn(l.host, e.vocab.chatLinks) {
			out = append(out, l.raw)
			contact = true
		}
	}
	// A phone number has at least 7 digits: most notes have none.
	if f.noteASCII && f.noteDigits < 7 {
		return out, contact
	}
	if ph := phoneNumber(f.inv.Message); ph != "" {
		out = append(out, "the phone number "+ph)
		contact = true
	}
	return out, contact
}

// phoneNumber returns the first phone number written in s: a run of digits
// (in any script) with spaces, dashes, dots or brackets, of 7 to 15 digits
// after a "+", or of 9 to 15 digits without one. Years and amounts are too
// short or carry a currency.
func phoneNumber(s string) string {
	for i := 0; i < len(s); {
		var r rune
		n := 1
		if c := s[i]; c < utf8.RuneSelf { // most of a note: no decoding
			if c != '+' && (c < '0' || c > '9') {
				i++
				continue
			}
			r = rune(c)
		} else if r, n = utf8.DecodeRuneInString(s[i:]); !unicode.IsDigit(r) {
			i += n
			continue
		}
		start, plus, digits, end := i, r == '+', 0, i
		j := i
		for j < len(s) {
			c, m := utf8.DecodeRuneInString(s[j:])
			if unicode.IsDigit(c) {
				digits++
				end = j + m
			} else if !(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || (c == '+' && j == start)) {
				break
			}
			j += m
		}
		prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:start], " "))
		money := unicode.Is(unicode.Sc, prev)
		if after, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[end:], " ")); unicode.Is(unicode.Sc, after) || after == '%' {
			money = true
		}
		if !money && digits <= 15 && (plus && digits >= 7 || digits >= 9) {
			return strings.TrimSpace(s[start:end])
		}
		i = max(j, i+n)
	}
	return ""
}

// moneyPromises finds amounts of money and percentages promised per day,
// week or month ("$500 per week", "5% al día", "٢٠٠ دولار يوميا"): a
// number in any script's digits next to a currency symbol, code or name or
// a percent sign, with a unit of time within a few words. Each finding is
// returned with its scam weight: a percentage per week is a promise no
// honest note makes (3); money per day or week (2) or a percentage per
// month (2) nearly so; a wage per month is ordinary (1, counted only
// beside other scam signs).
func (e *Engine) moneyPromises(note string) []weightedFinding {
	if !hasDigit(note) {
		return nil
	}
	return e.moneyIn(strings.Fields(note))
}

// moneyIn is moneyPromises over a note already split into fields.
func (e *Engine) moneyIn(fields []string) []weightedFinding {
	return e.newNoteFields(fields).money()
}

// money is moneyIn over fields whose tokens are folded once each.
func (n *noteFields) money() []weightedFinding {
	var out []weightedFinding
	fields := n.fields
	for i, w := range fields {
		if !hasDigit(w) {
			continue
		}
		percent := strings.ContainsAny(w, "%٪") || i+1 < len(fields) && strings.ContainsAny(fields[i+1], "%٪")
		money := percent || hasCurrencySymbol(w) || hasCurrencySymbol(prevField(fields, i)) ||
			n.currencyWord(i-1) || i+1 < len(fields) && (n.currencyWord(i+1) || hasCurrencySymbol(fields[i+1])) ||
			// "2 mil reais", "5 thousand dollars": a short word between
			i+2 < len(fields) && !hasDigit(fields[i+1]) && utf8.RuneCountInString(fields[i+1]) <= 8 && n.currencyWord(i+2)
		if !money {
			continue
		}
		period := 0
		for j := max(0, i-3); j < len(fields) && j <= i+5; j++ {
			period = max(period, n.period(j))
		}
		if period == 0 {
			continue
		}
		weight := period
		if percent {
			weight = min(period+1, 3)
		}
		end := min(len(fields), i+4)
		out = append(out, weightedFinding{clip(strings.Join(fields[max(0, i-1):end], " "), 50), weight, percent})
	}
	return out
}

type weightedFinding struct {
	what    string
	weight  int
	percent bool
}

func prevField(fields []string, i int) string {
	if i == 0 {
		return ""
	}
	return fields[i-1]
}

func hasDigit(s string) bool {
	i := 0
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ { // ASCII first, without decoding
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	for _, r := range s[i:] {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func hasCurrencySymbol(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Sc, r) {
			return true
		}
	}
	return false
}

// impostor returns the name of the user's known contact whose name the
// sender uses while their profile URL and e-mail are not that contact's.
// A sender with neither URL nor e-mail cannot be told from the contact and
// is not accused.
func (e *Engine) impostor(f *facts) string {
	if f.known || len(e.knownNames) == 0 || f.name == "" {
		return ""
	}
	p := &f.inv.Person
	url := linkvet.NormalizeProfileURL(p.ProfileURL)
	if url == "" && len(p.Emails) == 0 {
		return ""
	}
	urlHash := hash64(url)
	for _, k := range e.knownNames[hash64(strings.Join(f.nameWords, " "))] {
		if url != "" && urlHash == k.url {
			continue
		}
		same := false
		for _, em := range p.Emails {
			if k.email != 0 && hash64(linkvet.NormalizeEmail(em)) == k.email {
				same = true
			}
		}
		if !same {
			return p.Name
		}
	}
	return ""
}

// peerByRelation says why a sender with a sales or recruiting title is the
// user's peer rather than someone selling to them or hiring: they work at
// one of the user's companies, or the user's own headline holds the same
// kind of title (an account executive's fellow account executives).
func (e *Engine) peerByRelation(f *facts) string {
	if f.salesTitle == "" && f.recruiterTitle == "" {
		return ""
	}
	if c := f.sharedKinds("company"); len(c) > 0 {
		return "works at " + c[0] + ", as you do or did"
	}
	if f.salesTitle != "" && e.me.sales {
		return "in sales, as you are"
	}
	if f.recruiterTitle != "" && e.me.recruiter {
		return "in recruiting, as you are"
	}
	return ""
}

// competitorOf returns the competitor the sender works for, or "".
func (e *Engine) competitorOf(f *facts) string {
	if e.competitors.Len() == 0 {
		return ""
	}
	p := &f.inv.Person
	check := func(s string) string {
		// The tokens are only matched: folded into f's scratch buffers.
		if f.ints = e.competitors.AppendFind(f.ints[:0], f.fold.Fields(s)); len(f.ints) > 0 {
			return e.competitors.Phrases()[f.ints[0]]
		}
		return ""
	}
	if c := check(p.Company); c != "" {
		return c
	}
	for _, x := range p.Experience {
		if x.End == "" {
			if c := check(x.Company); c != "" {
				return c
			}
		}
	}
	// "Engineer at Contoso Data" in a headline
	if f.ints = e.competitors.AppendFind(f.ints[:0], f.headlineWords); len(f.ints) > 0 {
		return e.competitors.Phrases()[f.ints[0]]
	}
	return ""
}

// nameOddity says what is wrong with a name, or "". A name written wholly
// in one script (Cyrillic, Greek, Arabic, Han...) is a normal name; letters
// of two alphabets inside one word ("Аnna" with a Cyrillic А), styled or
// full-width letters, digits, emoji and direction controls are not.
func nameOddity(name string, nameWords []string) (string, evidence) {
	if strings.ContainsFunc(name, isBidiControl) {
		return "direction control characters hidden in the name", evBidiName
	}
	letters, upper, digits := 0, 0, 0
	for _, r := range name {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	symbols := 0
	for _, w := range nameWords {
		if r, n := utf8.DecodeRuneInString(w); n == len(w) && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			symbols++
		}
	}
	switch {
	case digits > 0:
		return "digits in the name", evOddName
	case symbols > 0:
		return "emoji or symbols in the name", evOddName
	case mixedScripts(name):
		return "letters of two alphabets inside one word of the name (look-alike letters)", evOddName
	case styled(name):
		return "styled or full-width letters in the name", evOddName
	case letters >= 6 && upper == letters && !strings.Contains(name, " "):
		return "a one-word name in capitals", evOddName
	}
	return "", evNone
}

// isBidiControl: the characters that reorder text (LRE, RLO, isolates,
// marks). A name never needs them; they make linkvet's own sentences read
// in the wrong order around the name.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// alphabets whose letters imitate each other.
var confusableScripts = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Cherokee}

// mixedScripts reports a word holding letters of two confusable alphabets.
func mixedScripts(name string) bool {
	seen := -1
	for _, r := range name {
		if !unicode.IsLetter(r) {
			seen = -1 // a new word
			continue
		}
		for i, t := range confusableScripts {
			if unicode.Is(t, r) {
				if seen >= 0 && seen != i {
					return true
				}
				seen = i
			}
		}
	}
	return false
}

// styled reports letters dressed up as other letters: mathematical bold,
// full-width, small capitals. Accented letters and the Turkish dotless ı
// are ordinary.
func styled(name string) bool {
	for _, r := range name {
		if r < 0x80 || !unicode.IsLetter(r) || r == 'ı' {
			continue
		}
		if unicode.In(r, unicode.Cyrillic, unicode.Greek, unicode.Armenian, unicode.Cherokee) {
			continue // judged by mixedScripts: a whole word in one script is a name
		}
		if fold.HasLookalikes(string(r)) {
			return true
		}
	}
	return false
}
