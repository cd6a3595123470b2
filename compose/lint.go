package compose

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/screen/lang"
)

// LinkedIn's limits on an invitation note, in characters.
const (
	DefaultLimit = 300 // Premium accounts, and the default
	FreeLimit    = 200 // free accounts
)

// Severities of a Finding.
const (
	SeverityError   = "error"   // fix before sending: the note fails or reads as no note
	SeverityWarning = "warning" // likely to get the invitation ignored
	SeverityInfo    = "info"    // would make a good note better
)

// Rule names, as Finding.Rule reports them.
const (
	RuleEmpty         = "empty"
	RuleTooLong       = "too_long"
	RulePlaceholder   = "placeholder"
	RuleDefaultText   = "default_text"
	RuleLink          = "link"
	RuleSalesPitch    = "sales_pitch"
	RuleAsksFavour    = "asks_favour"
	RuleShouting      = "shouting"
	RuleEmoji         = "emoji"
	RuleExclamation   = "exclamation"
	RuleFlattery      = "generic_flattery"
	RuleSentences     = "sentences"
	RuleCareerHistory = "career_history"
	RuleNoIntro       = "no_intro"
	RuleNoContext     = "no_context"
	RuleNotSpecific   = "not_specific"
	RuleNoBenefit     = "no_benefit"
)

// Finding is one thing the linter noticed, with a concrete fix.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // "error", "warning" or "info"
	Message  string `json:"message"`
	Fix      string `json:"fix"`
}

// LintResult is the linter's verdict on one note.
type LintResult struct {
	Score     int       `json:"score"`     // 0..100, higher is better
	Length    int       `json:"length"`    // characters, as LinkedIn counts them
	Limit     int       `json:"limit"`     // the limit the note was checked against
	Sentences int       `json:"sentences"` // not counting a bare greeting or sign-off
	Findings  []Finding `json:"findings"`
	OK        bool      `json:"ok"` // no error: the note can be sent as it is
	// Language is the language the note was read in and the findings are
	// worded in (BCP 47, one of NoteLanguages).
	Language string `json:"language"`
}

// penalty is what each rule takes off the score of 100.
var penalty = map[string]int{
	RuleTooLong:       40,
	RulePlaceholder:   40,
	RuleDefaultText:   60,
	RuleLink:          15,
	RuleSalesPitch:    20,
	RuleAsksFavour:    15,
	RuleShouting:      10,
	RuleEmoji:         8,
	RuleExclamation:   5,
	RuleFlattery:      10,
	RuleSentences:     10, // more than three; three costs 3
	RuleCareerHistory: 5,
	RuleNoIntro:       10,
	RuleNoContext:     15,
	RuleNotSpecific:   8,
	RuleNoBenefit:     5,
}

// Length counts a note's characters as LinkedIn does: runes after NFC
// normalisation, so that "é" is one character however it was typed.
func Length(note string) int { return runeCount(note) }

// Lint checks a note the user means to send with their own invitation.
// to is the invitee, when known (nil otherwise), and me the user; both let
// the linter recognise shared ground and specifics. limit is the length
// limit: DefaultLimit, or FreeLimit for free accounts; 0 or less means
// DefaultLimit.
//
// The note is read in the language it is written in (LintLanguage): the
// rules that depend on words (greeting, introduction, context, benefit,
// pitches, favours, flattery) use that language's lists, with English's
// added, and the findings are worded in it. LintIn names the language.
//
// Every rule is named in Finding.Rule; docs/guide.md describes them for users.
// OK is false when any finding is an error. Lint never fails: any input,
// including invalid UTF-8, gets a result.
func Lint(note string, to *linkvet.Invitation, me linkvet.Me, limit int) LintResult {
	return LintIn("", note, to, me, limit)
}

// LintIn is Lint in the language lang (a BCP 47 tag, see NoteLanguages);
// an empty lang, or one notes are not read in, leaves the choice to
// LintLanguage.
func LintIn(lang, note string, to *linkvet.Invitation, me linkvet.Me, limit int) LintResult {
	nb := notebookFor(LintLanguage(lang, note, me))
	if nb == nil {
		nb = english()
	}
	return lintIn(nb, note, to, me, limit)
}

// LintLanguage is the language Lint reads a note in: explicit when notes
// are written in it, else the note's own language as detected, else the
// user's first language that notes are written in (a note too short to
// tell is most likely in it), else English.
func LintLanguage(explicit, note string, me linkvet.Me) string {
	if t := MatchNoteLanguage(explicit); t != "" {
		return t
	}
	if t := MatchNoteLanguage(lang.Detect(capRunesHard(note, maxNoteScan))); t != "" {
		return t
	}
	for _, l := range me.Languages {
		if t := MatchNoteLanguage(l); t != "" {
			return t
		}
	}
	return "en"
}

func lintIn(nb *notebook, note string, to *linkvet.Invitation, me linkvet.Me, limit int) LintResult {
	if limit <= 0 {
		limit = DefaultLimit
	}
	res := LintResult{Length: Length(note), Limit: limit, Language: nb.Tag}
	l := newLinter(nb, note, to, me)
	res.Sentences = countSentences(l.folded)
	find := func(rule, severity, key string, slots ...string) {
		a := nb.say(key, slots...)
		res.Findings = append(res.Findings, Finding{rule, severity, a.Message, a.Fix})
	}

	if len(l.toks) == 0 || res.Sentences == 0 {
		if len(l.toks) > 0 {
			find(RuleEmpty, SeverityError, "greeting_only")
		} else {
			find(RuleEmpty, SeverityError, "empty")
		}
		return finish(res)
	}
	if res.Length > limit {
		over := res.Length - limit
		find(RuleTooLong, SeverityError, "too_long", "{length}", strconv.Itoa(res.Length), "{over}", strconv.Itoa(over), "{limit}", strconv.Itoa(limit))
	}
	placeholder, hasPlaceholder := HasPlaceholder(note)
	if hasPlaceholder {
		find(RulePlaceholder, SeverityError, "placeholder", "{quote}", quote(placeholder))
	}
	stock, others := stockCoverage(l.toks)
	isDefault := stock && others <= maxStockOthers
	linkedInText := isDefault && stockOwnWording(l.toks)
	switch {
	case isDefault && !linkedInText && hasPlaceholder:
		// A mail-merge template around a generic "let's connect", not
		// LinkedIn's own text: the placeholder is the finding.
	case linkedInText:
		find(RuleDefaultText, SeverityError, "default_text_linkedin")
	case isDefault:
		find(RuleDefaultText, SeverityError, "default_text_connect")
	case stock:
		find(RuleDefaultText, SeverityWarning, "default_text_phrase")
	}
	res.Findings = l.style(res.Findings)
	if p := l.m.flattery.FindPhrases(l.toks); len(p) > 0 && !l.specific() {
		find(RuleFlattery, SeverityWarning, "generic_flattery", "{quote}", quote(p[0]))
	}
	switch {
	case res.Sentences > 3:
		find(RuleSentences, SeverityWarning, "sentences_many", "{n}", strconv.Itoa(res.Sentences))
	case res.Sentences == 3:
		find(RuleSentences, SeverityInfo, "sentences_three")
	}
	if n := l.careerHistory(); n >= careerHistoryThreshold {
		find(RuleCareerHistory, SeverityInfo, "career_history", "{n}", strconv.Itoa(n))
	}
	if !isDefault {
		res.Findings = l.content(res.Findings)
	}
	return finish(res)
}

// finish scores the findings and sets OK.
func finish(res LintResult) LintResult {
	res.OK = true
	score := 100
	for _, f := range res.Findings {
		if f.Severity == SeverityError {
			res.OK = false
		}
		p := penalty[f.Rule]
		if f.Rule == RuleSentences && f.Severity == SeverityInfo || f.Rule == RuleDefaultText && f.Severity == SeverityWarning {
			p /= 3
		}
		score -= p
	}
	if !res.OK && score > 50 {
		// A note that cannot be sent as it is should never look good.
		score = 50
	}
	if len(res.Findings) > 0 && res.Findings[0].Rule == RuleEmpty {
		score = 0
	}
	res.Score = max(0, min(100, score))
	return res
}

// linter holds a note in the forms the rules need.
type linter struct {
	note   string
	raw    string   // NFKC: styled letters plain, case kept
	folded string   // fold.String(note)
	toks   []string // fold.Words(folded)
	to     *linkvet.Invitation
	me     linkvet.Me
	nb     *notebook     // the language the note is read in
	m      *noteMatchers // its lists, English's added
}

func newLinter(nb *notebook, note string, to *linkvet.Invitation, me linkvet.Me) *linter {
	raw := note
	if !isASCII(raw) {
		raw = norm.NFKC.String(strings.ToValidUTF8(raw, "\uFFFD"))
	}
	folded := fold.String(note)
	return &linter{note: note, raw: raw, folded: folded, toks: fold.Words(folded), to: to, me: me, nb: nb, m: nb.m}
}

// style runs the rules about how the note looks: links, pitches, asks,
// capitals, emoji, exclamation marks.
func (l *linter) style(out []Finding) []Finding {
	find := func(rule, key string, slots ...string) {
		a := l.nb.say(key, slots...)
		out = append(out, Finding{rule, SeverityWarning, a.Message, a.Fix})
	}
	if link := l.firstLink(); link != "" {
		find(RuleLink, "link", "{quote}", quote(link))
	}
	if p := l.m.sales.FindPhrases(l.toks); len(p) > 0 {
		find(RuleSalesPitch, "sales_pitch", "{quote}", quote(p[0]))
	}
	if p := l.m.favour.FindPhrases(l.toks); len(p) > 0 {
		find(RuleAsksFavour, "asks_favour", "{quote}", quote(p[0]))
	}
	if caps, words := l.capsWords(); caps >= 3 && caps*2 > words {
		find(RuleShouting, "shouting", "{caps}", strconv.Itoa(caps), "{words}", strconv.Itoa(words))
	}
	if total, run := emojiCount(l.raw); run >= 3 || total > 3 {
		find(RuleEmoji, "emoji", "{total}", strconv.Itoa(total), "{run}", strconv.Itoa(run))
	}
	if n, run := exclamations(l.raw); n >= 3 || run >= 2 {
		find(RuleExclamation, "exclamation", "{n}", strconv.Itoa(n))
	}
	return out
}

// content runs the rules about what a good note says (seed 000's recipe):
// who you are, how you found them or what you share, something specific,
// and why connecting helps both.
func (l *linter) content(out []Finding) []Finding {
	find := func(rule, severity, key string) {
		a := l.nb.say(key)
		out = append(out, Finding{rule, severity, a.Message, a.Fix})
	}
	if !l.introduces() {
		find(RuleNoIntro, SeverityWarning, "no_intro")
	}
	if !l.hasContext() {
		find(RuleNoContext, SeverityWarning, "no_context")
	}
	if !l.specific() {
		find(RuleNotSpecific, SeverityInfo, "not_specific")
	}
	if !l.m.benefit.Any(l.toks) {
		find(RuleNoBenefit, SeverityInfo, "no_benefit")
	}
	return out
}

// quote shows a short piece of the note in a message.
func quote(s string) string {
	return strconv.Quote(capRunesHard(s, 40))
}

// capRunesHard cuts s to max runes, adding "..." when cut.
func capRunesHard(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

func (l *linter) firstLink() string {
	for w := range strings.FieldsSeq(l.folded) {
		if isLink(w, true) || isEmail(w) {
			return w
		}
	}
	return ""
}

// capsWords counts the words of two or more letters and those of them
// written in capitals.
func (l *linter) capsWords() (caps, words int) {
	for w := range strings.FieldsFuncSeq(l.raw, func(r rune) bool { return !unicode.IsLetter(r) }) {
		letters, upper := 0, 0
		for _, r := range w {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		if letters < 2 {
			continue
		}
		words++
		if upper == letters {
			caps++
		}
	}
	return caps, words
}

// emojiCount returns the number of emoji in s and the longest run of them,
// where white space does not break a run. A sequence joined by zero-width
// joiners, a flag and an emoji with its modifiers each count once.
func emojiCount(s string) (total, longest int) {
	run := 0
	joined := false // the previous rune was a zero-width joiner
	flagHalf := false
	for _, r := range s {
		switch {
		case r == '\u200d':
			joined = true
			continue
		case r >= 0xfe00 && r <= 0xfe0f, r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f:
			continue // variation selectors, skin tones, tag characters
		case unicode.IsSpace(r):
			continue
		case r >= 0x1f1e6 && r <= 0x1f1ff: // regional indicators pair into a flag
			flagHalf = !flagHalf
			if !flagHalf {
				continue
			}
		case isEmoji(r):
			flagHalf = false
			if joined {
				joined = false
				continue
			}
		default:
			run, joined, flagHalf = 0, false, false
			continue
		}
		total++
		run++
		longest = max(longest, run)
	}
	return total, longest
}

func isEmoji(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r >= 0x2b00 && r <= 0x2bff ||
		r >= 0x2190 && r <= 0x21ff && r != 0x2192 || r == 0x231a || r == 0x231b || r >= 0x23e9 && r <= 0x23fa
}

// exclamations counts exclamation marks and the longest run of them.
func exclamations(s string) (n, longest int) {
	run := 0
	for _, r := range s {
		if r == '!' || r == '\u203c' || r == '\u2757' || r == '\u2755' {
			n++
			run++
			longest = max(longest, run)
			continue
		}
		if !unicode.IsSpace(r) {
			run = 0
		}
	}
	return n, longest
}

// countSentences counts the sentences of folded text. A sentence ends at
// '.', '!', '?' or '…' followed by a space or the end, unless the dot ends
// an abbreviation or an initial; a segment of at most three words that is
// a greeting or a sign-off does not count. Abbreviations, greetings and
// sign-offs are those of every language (lint.abbreviations,
// lint.greeting_words), so that counting needs no language.
func countSentences(folded string) int {
	n := 0
	start := 0
	for i := 0; i < len(folded); {
		r, size := utf8.DecodeRuneInString(folded[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '\u2026' {
			continue
		}
		// Swallow the run of terminators ("?!", "...").
		for i < len(folded) && strings.IndexByte(".!?", folded[i]) >= 0 {
			i++
		}
		if i < len(folded) && folded[i] != ' ' && folded[i] != '"' && folded[i] != ')' {
			continue // "node.js", "3.5", "e.g.x"
		}
		seg := folded[start:i]
		if r == '.' && endsWithAbbreviation(seg) {
			continue
		}
		if isSentence(seg) {
			n++
		}
		start = i
	}
	if isSentence(folded[start:]) {
		n++
	}
	return n
}

func endsWithAbbreviation(seg string) bool {
	seg = strings.TrimRight(seg, ".")
	j := strings.LastIndexAny(seg, " (\"")
	w := seg[j+1:]
	return lintWords().abbreviations[w] || utf8.RuneCountInString(w) == 1 && w != "i"
}

func isSentence(seg string) bool {
	toks := fold.Words(seg)
	if len(toks) == 0 {
		return false
	}
	return !(len(toks) <= 3 && lintWords().greeting[toks[0]])
}

// careerHistoryThreshold is how many years, titles and employers make a
// career history rather than an introduction.
const careerHistoryThreshold = 4

// careerHistory counts the signs of a listed career: years (2015, "10
// years"), job titles and the user's employers.
func (l *linter) careerHistory() int {
	n := 0
	for i, t := range l.toks {
		switch {
		case len(t) == 4 && (strings.HasPrefix(t, "19") || strings.HasPrefix(t, "20")) && allDigits(t):
			n++
		case l.m.years[t] && i > 0 && allDigits(l.toks[i-1]):
			n++
		case l.m.jobTitles[t]:
			n++
		}
	}
	for i, c := range l.me.Companies {
		if i == maxListItems {
			break
		}
		if containsSeq(l.toks, fold.Fields(c)) {
			n++
		}
	}
	return n
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// introduces reports whether the note says who the sender is: a phrase
// of lint.intro, a lead of lint.intro_lead ("I'm", "ich bin") not followed
// by a feeling or an act (lint.not_intro_after: "I'm curious"), or the
// sender's first name.
func (l *linter) introduces() bool {
	if l.m.intro.Any(l.toks) {
		return true
	}
	for i := range l.toks {
		for _, lead := range l.m.introLead {
			if !hasAt(l.toks, i, lead) {
				continue
			}
			next := i + len(lead)
			if next < len(l.toks) && !l.m.notIntroAfter[l.toks[next]] &&
				!(next+1 < len(l.toks) && isArticle(l.toks[next]) && l.m.notIntroAfter[l.toks[next+1]]) {
				return true
			}
		}
	}
	if first := fold.String(firstName(l.me.Name)); first != "" && containsSeq(l.toks, []string{first}) {
		return true
	}
	return false
}

// isArticle: "I'm a big fan", "soy un gran fan", "je suis un grand fan".
func isArticle(t string) bool {
	switch t {
	case "a", "an", "un", "una", "uno", "um", "uma", "une", "ein", "eine", "einer":
		return true
	}
	return false
}

// hasContext reports whether the note says how the sender found the
// person or what they share.
func (l *linter) hasContext() bool {
	if l.m.context.Any(l.toks) {
		return true
	}
	if to := l.to; to != nil {
		for _, list := range [...][]string{to.Shared.Companies, to.Shared.Schools, to.Shared.Groups,
			to.Shared.Events, to.Shared.Interests, to.MutualNames} {
			if l.mentionsAny(list) {
				return true
			}
		}
		if sharedCompany(l.me.Companies, &to.Person) != "" && l.mentionsAny(l.me.Companies) {
			return true
		}
	}
	return l.mentionsAny(l.me.Schools) || l.mentionsAny(l.me.Interests) || l.mentionsAny(l.me.Industries)
}

// specific reports whether the note names something specific: an item
// from the person's profile, or a proper noun that is not the sender's own.
func (l *linter) specific() bool {
	if to := l.to; to != nil {
		p := &to.Person
		if l.mentionsAny([]string{p.Company}) || l.mentionsAny(p.Skills) {
			return true
		}
		for i, e := range p.Experience {
			if i < maxListItems && l.mentionsAny([]string{e.Company}) {
				return true
			}
		}
		for i, e := range p.Education {
			if i < maxListItems && l.mentionsAny([]string{e.School}) {
				return true
			}
		}
		for _, list := range [...][]string{to.Shared.Companies, to.Shared.Schools, to.Shared.Groups, to.Shared.Events, to.Shared.Interests} {
			if l.mentionsAny(list) {
				return true
			}
		}
	}
	return l.properNoun()
}

// mentionsAny reports whether the note mentions any item of list as whole
// words (an event is matched by its name before any comma).
func (l *linter) mentionsAny(list []string) bool {
	for i, item := range list {
		if i == maxListItems {
			break
		}
		if seq := fold.Fields(beforeComma(item)); len(seq) > 0 && containsSeq(l.toks, seq) {
			return true
		}
	}
	return false
}

// properNoun reports whether the note has a capitalised word inside a
// sentence (or a camel-cased one anywhere: "GraphQL") that is not a
// greeting, a name of either side, or the sender's own employer, school or
// city.
func (l *linter) properNoun() bool {
	own := make(map[string]bool)
	addTokens := func(s string) {
		for _, t := range fold.Fields(s) {
			own[t] = true
		}
	}
	addTokens(l.me.Name)
	addTokens(l.me.Location)
	for i, c := range l.me.Companies {
		if i < maxListItems {
			addTokens(c)
		}
	}
	for i, c := range l.me.Schools {
		if i < maxListItems {
			addTokens(c)
		}
	}
	if l.to != nil {
		addTokens(l.to.Person.Name)
	}
	sentenceStart := true
	prev := ""
	// name is set after a greeting, a title or a dash: the capitalised
	// words that follow are a name ("Hi Jane Doe", "- Dana Weber").
	name := false
	for i := 0; i < len(l.raw); {
		r, size := utf8.DecodeRuneInString(l.raw[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			switch {
			case r == '.' || r == '!' || r == '?' || r == '\n' || r == '\u2026':
				if !(r == '.' && (lintWords().abbreviations[prev] || lintHonorifics[prev])) {
					sentenceStart, name = true, false
				}
			case r == '-' || r == '\u2013' || r == '\u2014':
				name = true
			case !unicode.IsSpace(r) && r != ',':
				name = false
			}
			i += size
			continue
		}
		j := i
		for j < len(l.raw) {
			r2, s2 := utf8.DecodeRuneInString(l.raw[j:])
			if !unicode.IsLetter(r2) && !unicode.IsDigit(r2) && r2 != '\'' && r2 != '\u2019' {
				break
			}
			j += s2
		}
		word := l.raw[i:j]
		fw := fold.String(strings.ReplaceAll(strings.ReplaceAll(word, "'", ""), "\u2019", ""))
		upper := unicode.IsUpper(r)
		if lintWords().nameLead[fw] || lintHonorifics[fw] {
			name = true
		} else if !upper {
			name = false
		} else if !name && !lintWords().commonCapitalised[fw] && !own[fw] && utf8.RuneCountInString(word) > 1 &&
			(!sentenceStart || camelCase(word)) && (!l.nb.Lint.CapitalisedNouns || camelCase(word) || acronym(word)) {
			return true
		}
		sentenceStart, prev = false, fw
		i = j
	}
	return false
}

// acronym reports whether w is written in capitals ("AWS", "KI"): in a
// language that capitalises every noun, a proper noun shows only so or in
// camel case.
func acronym(w string) bool { return utf8.RuneCountInString(w) >= 2 && allUpper(w) }

// camelCase reports whether w has a capital after a lower-case letter.
func camelCase(w string) bool {
	lower := false
	for _, r := range w {
		if unicode.IsLower(r) {
			lower = true
		} else if lower && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// lintHonorifics are the titles after which the linter reads capitalised
// words as a name (folded, without the dot). Narrower than names.yaml's
// list, which also holds words such as "me" or "general" that are common
// words in a note.
var lintHonorifics = wordSet(`dr mr mrs ms mx miss prof professor sir dame rev hon capt
eng ing dipl mag herr frau mme mlle dott sr sra srta`)
