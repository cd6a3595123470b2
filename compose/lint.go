package compose

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
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
// Every rule is named in Finding.Rule; docs/guide.md describes them for users.
// OK is false when any finding is an error. Lint never fails: any input,
// including invalid UTF-8, gets a result.
func Lint(note string, to *linkvet.Invitation, me linkvet.Me, limit int) LintResult {
	if limit <= 0 {
		limit = DefaultLimit
	}
	res := LintResult{Length: Length(note), Limit: limit}
	l := newLinter(note, to, me)
	res.Sentences = countSentences(l.folded)

	if len(l.toks) == 0 || res.Sentences == 0 {
		msg := "The note is empty: the invitation would arrive with no explanation."
		if len(l.toks) > 0 {
			msg = "The note is only a greeting or a sign-off: it explains nothing."
		}
		res.Findings = append(res.Findings, Finding{RuleEmpty, SeverityError, msg,
			"Write one or two sentences: who you are and why you want to connect with this person."})
		return finish(res)
	}
	if res.Length > limit {
		over := res.Length - limit
		res.Findings = append(res.Findings, Finding{RuleTooLong, SeverityError,
			fmt.Sprintf("The note is %d characters, %d over LinkedIn's limit of %d.", res.Length, over, limit),
			fmt.Sprintf("Cut at least %d characters: keep who you are and why you are writing, drop pleasantries and career details.", over)})
	}
	placeholder, hasPlaceholder := HasPlaceholder(note)
	if hasPlaceholder {
		res.Findings = append(res.Findings, Finding{RulePlaceholder, SeverityError,
			fmt.Sprintf("A template placeholder is still in the note: %s.", quote(placeholder)),
			"Replace it with the real name or company, or rephrase the sentence without it."})
	}
	stock, others := stockCoverage(l.toks)
	isDefault := stock && others <= maxStockOthers
	linkedInText := isDefault && stockOwnWording(l.toks)
	switch {
	case isDefault && !linkedInText && hasPlaceholder:
		// A mail-merge template around a generic "let's connect", not
		// LinkedIn's own text: the placeholder is the finding.
	case linkedInText:
		res.Findings = append(res.Findings, Finding{RuleDefaultText, SeverityError,
			"The note is LinkedIn's stock invitation text; it reads as if there were no note at all.",
			"Replace it with a line on who you are and a line on why this person in particular."})
	case isDefault:
		res.Findings = append(res.Findings, Finding{RuleDefaultText, SeverityError,
			"The note only says that you want to connect; it reads as if there were no note at all.",
			"Replace it with a line on who you are and a line on why this person in particular."})
	case stock:
		res.Findings = append(res.Findings, Finding{RuleDefaultText, SeverityWarning,
			"The note repeats a stock LinkedIn phrase (such as \"add you to my professional network\").",
			"Drop the stock sentence; the rest of the note already says why you are writing."})
	}
	res.Findings = l.style(res.Findings)
	if p := flatteryMatcher.FindPhrases(l.toks); len(p) > 0 && !l.specific() {
		res.Findings = append(res.Findings, Finding{RuleFlattery, SeverityWarning,
			fmt.Sprintf("The note praises the person in general terms (%s) without naming anything specific.", quote(p[0])),
			"Say what exactly caught your attention: a talk, a post, a project or a company."})
	}
	switch {
	case res.Sentences > 3:
		res.Findings = append(res.Findings, Finding{RuleSentences, SeverityWarning,
			fmt.Sprintf("The note has %d sentences; one or two get read, more tend to be skimmed.", res.Sentences),
			"Keep two sentences: who you are and what you share, then why you want to connect."})
	case res.Sentences == 3:
		res.Findings = append(res.Findings, Finding{RuleSentences, SeverityInfo,
			"The note has 3 sentences; two usually read better.",
			"See whether two of the sentences can become one."})
	}
	if n := l.careerHistory(); n >= careerHistoryThreshold {
		res.Findings = append(res.Findings, Finding{RuleCareerHistory, SeverityInfo,
			fmt.Sprintf("The note lists a career history (%d years, titles or employers).", n),
			"Keep only your current role; the profile tells the rest."})
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
}

func newLinter(note string, to *linkvet.Invitation, me linkvet.Me) *linter {
	raw := note
	if !isASCII(raw) {
		raw = norm.NFKC.String(strings.ToValidUTF8(raw, "\uFFFD"))
	}
	folded := fold.String(note)
	return &linter{note: note, raw: raw, folded: folded, toks: fold.Words(folded), to: to, me: me}
}

// style runs the rules about how the note looks: links, pitches, asks,
// capitals, emoji, exclamation marks.
func (l *linter) style(out []Finding) []Finding {
	if link := l.firstLink(); link != "" {
		out = append(out, Finding{RuleLink, SeverityWarning,
			fmt.Sprintf("The note contains a link or address (%s); links in a first note look like spam.", quote(link)),
			"Remove it; share links once the person has accepted."})
	}
	if p := salesMatcher.FindPhrases(l.toks); len(p) > 0 {
		out = append(out, Finding{RuleSalesPitch, SeverityWarning,
			fmt.Sprintf("The note reads like a sales pitch (%s).", quote(p[0])),
			"Leave the offer out of the invitation; connect first, and talk business once there is a conversation."})
	}
	if p := favourMatcher.FindPhrases(l.toks); len(p) > 0 {
		out = append(out, Finding{RuleAsksFavour, SeverityWarning,
			fmt.Sprintf("The note asks for a job or a favour (%s) before you are connected.", quote(p[0])),
			"Ask for the connection only; make the request later, once you have talked."})
	}
	if caps, words := l.capsWords(); caps >= 3 && caps*2 > words {
		out = append(out, Finding{RuleShouting, SeverityWarning,
			fmt.Sprintf("%d of %d words are in capitals, which reads as shouting.", caps, words),
			"Write in normal sentence case; keep capitals for acronyms."})
	}
	if total, run := emojiCount(l.raw); run >= 3 || total > 3 {
		out = append(out, Finding{RuleEmoji, SeverityWarning,
			fmt.Sprintf("The note has %d emoji (%d in a row); a first note reads better without them.", total, run),
			"Keep at most one emoji, or none."})
	}
	if n, run := exclamations(l.raw); n >= 3 || run >= 2 {
		out = append(out, Finding{RuleExclamation, SeverityWarning,
			fmt.Sprintf("The note has %d exclamation marks.", n),
			"Use at most one, and end the other sentences with a full stop."})
	}
	return out
}

// content runs the rules about what a good note says (seed 000's recipe):
// who you are, how you found them or what you share, something specific,
// and why connecting helps both.
func (l *linter) content(out []Finding) []Finding {
	if !l.introduces() {
		out = append(out, Finding{RuleNoIntro, SeverityWarning,
			"The note does not say who you are.",
			"Add a few words on yourself, such as \"I'm <your name>, <your role> at <your company>.\""})
	}
	if !l.hasContext() {
		out = append(out, Finding{RuleNoContext, SeverityWarning,
			"The note does not say how you found the person or what you have in common.",
			"Mention where you came across them (an event, a post, a talk) or what you share (a company, school, group, interest or mutual connection)."})
	}
	if !l.specific() {
		out = append(out, Finding{RuleNotSpecific, SeverityInfo,
			"The note names nothing specific about the person.",
			"Name one thing from their profile or work: their company, a project, a topic they know."})
	}
	if !benefitMatcher.Any(l.toks) {
		out = append(out, Finding{RuleNoBenefit, SeverityInfo,
			"The note does not say what connecting would bring to both of you.",
			"Add why it would be worth it for both, such as swapping notes on a topic you share."})
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

// abbreviations end with a dot that does not end a sentence (folded).
var abbreviations = wordSet("dr mr mrs ms mx prof st sr jr vs etc eg ie inc ltd co corp approx no dept univ e.g i.e a.m p.m")

// greetingWords start a segment that is a bare greeting or sign-off, not a
// sentence ("Hi Jane!", "Thanks!", "Best, Dana").
var greetingWords = wordSet("hi hello hey dear greetings thanks thank cheers best regards kind warm all sincerely")

// countSentences counts the sentences of folded text. A sentence ends at
// '.', '!', '?' or '…' followed by a space or the end, unless the dot ends
// an abbreviation or an initial; a segment of at most three words that is
// a greeting or a sign-off does not count.
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
	return abbreviations[w] || utf8.RuneCountInString(w) == 1 && w != "i"
}

func isSentence(seg string) bool {
	toks := fold.Words(seg)
	if len(toks) == 0 {
		return false
	}
	return !(len(toks) <= 3 && greetingWords[toks[0]])
}

// careerHistoryThreshold is how many years, titles and employers make a
// career history rather than an introduction.
const careerHistoryThreshold = 4

// jobTitles are words that name a role (folded).
var jobTitles = wordSet(`manager engineer director lead head vp president developer consultant analyst
ceo cto cfo coo cmo founder cofounder intern architect designer specialist officer scientist
researcher administrator coordinator executive partner associate principal owner supervisor`)

// careerHistory counts the signs of a listed career: years (2015, "10
// years"), job titles and the user's employers.
func (l *linter) careerHistory() int {
	n := 0
	for i, t := range l.toks {
		switch {
		case len(t) == 4 && (strings.HasPrefix(t, "19") || strings.HasPrefix(t, "20")) && allDigits(t):
			n++
		case (t == "years" || t == "yrs") && i > 0 && allDigits(l.toks[i-1]):
			n++
		case jobTitles[t]:
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

// notIntroAfter are words after "I'm" that describe a feeling or an act,
// not the sender ("I'm impressed", "I'm reaching out").
var notIntroAfter = wordSet(`impressed reaching looking interested curious glad happy excited writing hoping keen
eager sure sorry trying contacting sending messaging following also really very so always just not
inspired thrilled delighted sending hoping reading amazed big huge fan`)

// introduces reports whether the note says who the sender is.
func (l *linter) introduces() bool {
	if introMatcher.Any(l.toks) {
		return true
	}
	for i, t := range l.toks {
		var next int
		switch {
		case t == "im":
			next = i + 1
		case t == "i" && i+1 < len(l.toks) && l.toks[i+1] == "am":
			next = i + 2
		default:
			continue
		}
		if next < len(l.toks) && !notIntroAfter[l.toks[next]] &&
			!(next+1 < len(l.toks) && (l.toks[next] == "a" || l.toks[next] == "an") && notIntroAfter[l.toks[next+1]]) {
			return true
		}
	}
	if first := fold.String(firstName(l.me.Name)); first != "" && containsSeq(l.toks, []string{first}) {
		return true
	}
	return false
}

// hasContext reports whether the note says how the sender found the
// person or what they share.
func (l *linter) hasContext() bool {
	if contextMatcher.Any(l.toks) {
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

// nameLead are the words a name follows: greetings and sign-offs.
var nameLead = wordSet("hi hello hey dear greetings thanks thank cheers best regards sincerely")

// commonCapitalised are capitalised words that name nothing specific.
var commonCapitalised = wordSet(`linkedin i im id ive ill hi hello hey dear thanks thank best regards cheers
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december ok okay`)

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
				if !(r == '.' && (abbreviations[prev] || lintHonorifics[prev])) {
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
		if nameLead[fw] || lintHonorifics[fw] {
			name = true
		} else if !upper {
			name = false
		} else if !name && !commonCapitalised[fw] && !own[fw] && utf8.RuneCountInString(word) > 1 &&
			(!sentenceStart || camelCase(word)) {
			return true
		}
		sentenceStart, prev = false, fw
		i = j
	}
	return false
}

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

// Phrase lists, folded and matched as whole words.
var (
	introMatcher = fold.NewMatcher([]string{
		"my name is", "my names", "i work", "i run", "i lead", "i head", "i manage", "i build",
		"i teach", "i study", "i studied", "i worked", "i founded", "i co-founded", "i write",
		"i research", "i design", "i develop", "i coach", "i help", "i joined", "i recently joined",
		"as a", "as an", "this is", "here at",
	})
	contextMatcher = fold.NewMatcher([]string{
		"we met", "met you", "meeting you", "we spoke", "we talked", "your talk", "your post",
		"your posts", "your article", "your session", "your presentation", "your panel",
		"your podcast", "your book", "your comment", "your newsletter", "your webinar",
		"your keynote", "your workshop", "your paper", "your video", "your blog", "your thread",
		"we both", "both of us", "fellow", "mutual", "introduced", "suggested i", "recommended i",
		"in common", "same group", "same event", "same team", "same company", "came across",
		"saw your", "read your", "heard you", "heard your", "enjoyed your", "listened to",
		"watched your", "found your", "your name came up", "worked together", "used to work",
		"also attended", "were both", "are both", "also at", "also in",
	})
	benefitMatcher = fold.NewMatcher([]string{
		"exchange", "swap", "compare notes", "share", "sharing", "learn from", "each other",
		"collaborate", "collaboration", "work together", "mutual", "mutually", "stay in touch",
		"keep in touch", "trade", "ideas", "insights", "perspectives", "experiences",
		"happy to help", "glad to help", "could help", "might help", "useful", "benefit",
		"valuable", "would love to hear", "hear your", "hear how", "hear about", "learn more",
		"chat", "talk shop", "connect over", "compare", "notes",
	})
	salesMatcher = fold.NewMatcher([]string{
		"demo", "discount", "discounts", "free trial", "special offer", "exclusive offer",
		"limited offer", "limited time", "our offer", "offer you", "our solution", "our solutions",
		"our services", "our agency", "try our", "check out our", "our product helps",
		"our platform helps", "our tool helps", "our software helps", "our product can",
		"our platform can", "our tool can", "our software can", "pricing", "price", "prices", "book a call",
		"book a meeting", "book a demo", "book a time", "schedule a call", "schedule a demo",
		"hop on a call", "jump on a call", "quick call", "15 minute call", "lead generation",
		"generate leads", "more leads", "grow your business", "scale your business",
		"boost your sales", "increase your revenue", "roi", "no obligation", "calendly",
	})
	favourMatcher = fold.NewMatcher([]string{
		"looking for a job", "looking for a new job", "looking for a role", "looking for a new role",
		"looking for work", "looking for opportunities", "looking for an opportunity",
		"looking for a position", "job opening", "job openings", "any openings", "open positions",
		"open position", "open roles", "open role", "are you hiring", "is your team hiring",
		"refer me", "a referral", "referral", "recommend me", "my resume", "my cv", "hire me",
		"internship", "help me find", "help me get", "do me a favour", "do me a favor",
		"a favour", "a favor", "introduce me", "put in a good word", "review my", "endorse me",
	})
	flatteryMatcher = fold.NewMatcher([]string{
		"impressed by your profile", "impressed with your profile", "impressive profile",
		"amazing profile", "great profile", "excellent profile", "inspiring profile",
		"love your profile", "your profile is impressive", "your profile is amazing",
		"your profile caught my eye", "your profile stood out", "impressive background",
		"impressed by your background", "impressed with your background", "impressive career",
		"impressive experience", "your impressive", "admire your work", "admire your career",
		"big fan of your work", "amazing work", "inspiring work", "you are an inspiration",
		"youre an inspiration", "truly inspiring", "great achievements", "your achievements",
		"your accomplishments", "impressed by your", "amazing person", "so inspiring",
	})
)

// lintHonorifics are the titles after which the linter reads capitalised
// words as a name (folded, without the dot). Narrower than names.yaml's
// list, which also holds words such as "me" or "general" that are common
// words in a note.
var lintHonorifics = wordSet(`dr mr mrs ms mx miss prof professor sir dame rev hon capt
eng ing dipl mag herr frau mme mlle dott sr sra srta`)
