package screen

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// rule is one built-in criterion. check reports whether it fired, its
// points and a sentence of evidence; when it did not fire and the engine is
// explaining, the sentence says why not.
type rule struct {
	name   string
	family string
	check  func(e *Engine, f *facts) result
}

type result struct {
	fired  bool
	points int
	detail string
}

func fire(points int, format string, args ...any) result {
	return result{fired: true, points: points, detail: fmt.Sprintf(format, args...)}
}

// skip is a rule that did not fire; the reason is only built when
// explaining, to keep screening fast.
func skip(f *facts, format string, args ...any) result {
	if !f.explain {
		return result{}
	}
	return result{detail: fmt.Sprintf(format, args...)}
}

// builtinRules lists every rule in the order they run. The order matters
// only for the evidence tallies (scam, fake) that later rules read.
func builtinRules() []rule {
	return []rule{
		// policy: the user's own lists
		{"blocked", "policy", ruleBlocked},
		{"known_person", "policy", ruleKnown},
		{"disqualify", "policy", ruleDisqualify},
		{"promoted_connection_count", "policy", rulePromotedCount},
		{"competitor", "policy", ruleCompetitor},
		{"controversial", "policy", ruleControversial},
		// scam: weight 3 in total makes a scammer
		{"investment_scam", "scam", ruleWeighted("investment_scam", lxInvestment, "promises investment returns")},
		{"romance_approach", "scam", ruleWeighted("romance_approach", lxRomance, "a dating-style approach")},
		{"advance_fee", "scam", ruleWeighted("advance_fee", lxAdvance, "a fake job, fee or windfall story")},
		{"phishing", "scam", ruleWeighted("phishing", lxPhish, "an account alarm or credential request")},
		{"off_platform", "scam", ruleWeighted("off_platform", lxOffPlatform, "pushes the conversation off LinkedIn")},
		{"urgency", "scam", ruleWeighted("urgency", lxUrgency, "pressure to act at once")},
		{"suspicious_links", "scam", ruleLinks},
		{"contact_mismatch", "profile", ruleContactMismatch},
		// note: seed 001, the first thing to read and the strongest signal
		{"sales_pitch", "note", rulePitch},
		{"personal_note", "note", rulePersonalNote},
		{"no_note", "note", ruleNoNote},
		{"default_note", "note", ruleDefaultNote},
		{"template_placeholder", "note", rulePlaceholder},
		{"note_length", "note", ruleNoteLength},
		{"mass_invite", "note", ruleMassInvite},
		// network: seed 004's checklist
		{"mutual_connections", "network", ruleMutual},
		{"common_ground", "network", ruleCommonGround},
		{"prior_interaction", "network", ruleInteraction},
		{"outside_your_field", "network", ruleOutsideField},
		// profile: seed 003's vetting signals
		{"photo", "profile", rulePhoto},
		{"work_history", "profile", ruleWorkHistory},
		{"education_and_skills", "profile", ruleEducationSkills},
		{"recommendations", "profile", ruleRecommendations},
		{"blank_profile", "profile", ruleBlankProfile},
		{"verified_badge", "profile", ruleVerified},
		{"account_age", "profile", ruleAccountAge},
		{"connection_count", "profile", ruleConnectionCount},
		{"generic_title", "profile", ruleGenericTitle},
		{"suspicious_name", "profile", ruleSuspiciousName},
		{"famous_name_unverified", "profile", ruleFamousName},
		{"parody_account", "profile", ruleParody},
		{"recruiter", "sender", ruleRecruiter},
		{"salesperson", "sender", ruleSalesperson},
	}
}

// --- policy ---------------------------------------------------------------

func ruleBlocked(e *Engine, f *facts) result {
	if f.blocked {
		return fire(-100, "on your blocked list as %s", f.blockedEntry)
	}
	return skip(f, "not on your blocked list (%d entries)", len(e.pol.Blocked))
}

func ruleKnown(e *Engine, f *facts) result {
	if f.known {
		return fire(30, "on your list of people you know as %s", f.knownEntry)
	}
	return skip(f, "not on your known list (%d entries)", len(e.pol.Known))
}

func ruleDisqualify(e *Engine, f *facts) result {
	n := len(e.lex.phrases[lxDisqualify])
	if n == 0 {
		return skip(f, "your policy has no disqualify phrases")
	}
	// Seed 001 (Mandel): phrases in the headline, the about text or the
	// note disqualify a stranger.
	found := f.found(e, lxDisqualify, f.spAll)
	if len(found) == 0 {
		return skip(f, "none of your %d disqualify phrases appears in the headline, about text or note", n)
	}
	f.disqualified = found
	return fire(-20, "uses %s, on your disqualify list", quoteList(found))
}

func rulePromotedCount(e *Engine, f *facts) result {
	if !e.pol.DisqualifyPromotedConnectionCount {
		return skip(f, "not enabled (disqualify_promoted_connection_count)")
	}
	found := f.found(e, lxPromoted, f.spProfile)
	// "30K+ connections", "12,000 followers": a number just before the word.
	found = append(found, numberedCount(f.profileWords)...)
	found = withoutBareCountWords(found)
	if len(found) == 0 {
		return skip(f, "the profile does not advertise its network size")
	}
	f.disqualified = append(f.disqualified, found...)
	return fire(-20, "advertises the size of their network (%s)", quoteList(found))
}

// withoutBareCountWords drops "connections" and "followers" found without a
// number: "building connections between teams" is not a promoted count.
func withoutBareCountWords(found []string) []string {
	out := found[:0]
	for _, w := range found {
		if w != "connections" && w != "followers" {
			out = append(out, w)
		}
	}
	return out
}

func numberedCount(words []string) []string {
	var out []string
	for i := 1; i < len(words); i++ {
		w := words[i]
		if w != "connections" && w != "followers" && w != "connection" {
			continue
		}
		prev := words[i-1]
		if prev == "000" && i >= 2 {
			prev = words[i-2] + "," + prev
		}
		if prev != "" && unicode.IsDigit(rune(prev[0])) {
			n := prev
			if strings.HasSuffix(n, "k") || strings.Contains(n, ",") || len(n) >= 3 {
				out = append(out, n+" "+w)
			}
		}
	}
	return out
}

func ruleCompetitor(e *Engine, f *facts) result {
	if e.competitors.Len() == 0 {
		return skip(f, "your policy lists no competitors")
	}
	p := &f.inv.Person
	check := func(s string) string {
		if found := e.competitors.FindPhrases(fold.Fields(s)); len(found) > 0 {
			return found[0]
		}
		return ""
	}
	c := check(p.Company)
	if c == "" {
		for _, x := range p.Experience {
			if x.End == "" {
				if c = check(x.Company); c != "" {
					break
				}
			}
		}
	}
	if c == "" {
		// "Engineer at Contoso Data" in a headline
		if found := e.competitors.FindPhrases(f.headlineWords); len(found) > 0 {
			c = found[0]
		}
	}
	if c == "" {
		return skip(f, "does not work for any of your %d competitors", e.competitors.Len())
	}
	f.competitor = c
	return fire(-15, "works for %s, which your policy lists as a competitor", c)
}

func ruleControversial(e *Engine, f *facts) result {
	found := f.found(e, lxControversial, f.spProfile)
	if len(found) == 0 {
		return skip(f, "no political or controversial self-description")
	}
	f.controversial = found
	if !e.pol.DeclineControversial {
		return fire(0, "describes themselves with %s; you have not opted to decline such profiles", quoteList(found))
	}
	return fire(-15, "describes themselves with %s; your policy declines highly political or controversial profiles", quoteList(found))
}

// --- scam -----------------------------------------------------------------

// ruleWeighted makes a rule from a weighted lexicon: the evidence weight is
// the sum of the matched phrases' weights, at most 4 per family so that one
// long rant cannot outweigh everything else. Weight 1 alone ("forex",
// "kindly", "beautiful") is no evidence: it is held back and only counts in
// crossSignals when other scam signs exist. Pushes off LinkedIn and urgency
// are always shown, but likewise weigh as scam evidence only beside others.
func ruleWeighted(name string, l lex, what string) func(*Engine, *facts) result {
	return func(e *Engine, f *facts) result {
		// How someone approaches the user is in the note; a dating app's
		// headline may well talk of love, and a messenger's staff of
		// WhatsApp. Money and fee stories count wherever they are written.
		where := f.spAll
		if l == lxRomance || l == lxOffPlatform || l == lxUrgency {
			where = f.spNote
		}
		idx := f.find(l, where)
		if len(idx) == 0 {
			return skip(f, "nothing suggesting %s", what)
		}
		ws := e.lex.weights[l]
		weight := 0
		phrases := make([]string, len(idx))
		for i, j := range idx {
			weight += ws[j]
			phrases[i] = e.lex.phrases[l][j]
		}
		weight = min(weight, 4)
		supporting := name == "off_platform" || name == "urgency"
		if weight < 2 || supporting {
			f.weakScam = append(f.weakScam, weakSign{rule: name, what: what, phrases: phrases})
			if !supporting {
				return skip(f, "mentions %s, which alone is no evidence of %s", quoteList(phrases), what)
			}
			return fire(-6, "%s: %s", what, quoteList(phrases))
		}
		f.scam += weight
		f.scamEvidence = append(f.scamEvidence, what)
		return fire(-6*weight, "%s: %s", what, quoteList(phrases))
	}
}

func ruleLinks(e *Engine, f *facts) result {
	if len(f.links) == 0 {
		return skip(f, "no links in the note or profile")
	}
	var notes []string
	weight, points := 0, 0
	for _, l := range f.links {
		host := l.host
		switch {
		case isSpoof(host):
			weight += 3
			points -= 25
			notes = append(notes, fmt.Sprintf("%s imitates a well-known site", l.raw))
		case strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--"):
			weight += 2
			points -= 10
			notes = append(notes, fmt.Sprintf("%s is an encoded international domain", l.raw))
		case hostIn(host, shorteners):
			weight += 2
			points -= 10
			notes = append(notes, fmt.Sprintf("%s hides where it leads", l.raw))
		case hostIn(host, chatLinks):
			weight++
			points -= 6
			notes = append(notes, fmt.Sprintf("%s leads to a messenger", l.raw))
		case riskyTLD(host):
			weight++
			points -= 6
			notes = append(notes, fmt.Sprintf("%s uses a throw-away domain ending", l.raw))
		}
	}
	if len(notes) == 0 && linkInNote(f) {
		return fire(-3, "the note carries a link (%s); a first note rarely needs one", clip(f.links[0].raw, 60))
	}
	if len(notes) == 0 {
		return skip(f, "the %d link(s) look ordinary", len(f.links))
	}
	f.scam += min(weight, 4)
	f.scamEvidence = append(f.scamEvidence, "suspicious links")
	return fire(points, "%s", strings.Join(notes, "; "))
}

// linkInNote reports a link in the note to somewhere other than LinkedIn.
func linkInNote(f *facts) bool {
	for _, l := range f.links {
		if l.host == "linkedin.com" || strings.HasSuffix(l.host, ".linkedin.com") {
			continue
		}
		if strings.Contains(f.inv.Message, l.raw) {
			return true
		}
	}
	return false
}

// isSpoof reports a host that folds to a trusted brand's name but is not
// that brand's domain: "lіnkedin.com" with a Cyrillic і,
// "linkedin-verify.support", "secure-paypal.com.example".
func isSpoof(host string) bool {
	folded := fold.String(host)
	for _, brand := range trustedBrands {
		if !strings.Contains(folded, brand) {
			continue
		}
		if host == brand+".com" || strings.HasSuffix(host, "."+brand+".com") {
			return false // the real thing
		}
		if brand == "linkedin" && (host == "lnkd.in" || strings.HasSuffix(host, ".linkedin.cn")) {
			return false
		}
		return true
	}
	return fold.HasLookalikes(host)
}

func hostIn(host string, list []string) bool {
	for _, h := range list {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

func riskyTLD(host string) bool {
	dot := strings.LastIndexByte(host, '.')
	if dot < 0 {
		return false
	}
	tld := host[dot+1:]
	for _, t := range riskyTLDs {
		if t == tld {
			return true
		}
	}
	return false
}

func ruleContactMismatch(e *Engine, f *facts) result {
	p := &f.inv.Person
	var notes []string
	points := 0
	country := countryOf(p.Location)
	for _, ph := range p.Phones {
		cc := callingCode(ph)
		if cc == "" || country == "" {
			continue
		}
		if want, ok := countryCodes[country]; ok && want != cc {
			notes = append(notes, fmt.Sprintf("a +%s phone number for someone in %s", cc, titleCase(country)))
			points -= 5
			f.scam++
			f.fake++
			f.fakeEvidence = append(f.fakeEvidence, "phone from another country")
		}
	}
	// A free-mail address only stands out next to a named employer.
	employer := f.company != "" && !strings.Contains(f.company, "self")
	for _, em := range p.Emails {
		at := strings.LastIndexByte(em, '@')
		if at < 0 {
			continue
		}
		dom := strings.ToLower(em[at+1:])
		if employer && hostIn(dom, freeMailDomains) {
			notes = append(notes, fmt.Sprintf("a free-mail address (%s) for someone who claims to work at %s", dom, clip(p.Company, 40)))
			points -= 2
		}
	}
	if len(notes) == 0 {
		return skip(f, "contact details (if any) fit the profile")
	}
	return fire(points, "%s", strings.Join(notes, "; "))
}

// --- note -----------------------------------------------------------------

// personalNote is seed 004's first question: a note that is not LinkedIn's
// stock text, not a template with its placeholder left in, and says who
// they are or why they want to connect.
func (f *facts) personalNote() bool {
	if !f.hasNote || f.defaultNote || f.placeholder != "" || len(f.noteWords) < 4 || f.pitch {
		return false
	}
	return f.noteIntro || f.noteReason || len(f.noteShared) > 0
}

func rulePersonalNote(e *Engine, f *facts) result {
	if f.hasNote {
		f.noteIntro = f.has(lxIntro, f.spNote)
		f.noteReason = f.has(lxReason, f.spNote)
		f.noteShared = e.noteMentionsShared(f)
	}
	if !f.personalNote() {
		switch {
		case !f.hasNote:
			return skip(f, "no note")
		case f.defaultNote:
			return skip(f, "the note is LinkedIn's stock text")
		case f.placeholder != "":
			return skip(f, "the note is a template")
		case len(f.noteWords) < 4:
			return skip(f, "the note is too short to say anything (%q)", clip(f.inv.Message, 40))
		default:
			return skip(f, "the note neither says who they are nor why they connect")
		}
	}
	switch {
	case len(f.noteShared) > 0:
		return fire(20, "the note mentions %s, which you share", quoteList(f.noteShared))
	case f.noteIntro && f.noteReason:
		return fire(15, "the note says who they are and why they connect: “%s”", clip(f.inv.Message, 90))
	default:
		return fire(12, "a personal note: “%s”", clip(f.inv.Message, 90))
	}
}

// noteMentionsShared returns the shared items (and the user's own
// companies, schools and interests) that the note names.
func (e *Engine) noteMentionsShared(f *facts) []string {
	var out []string
	for _, s := range f.shared {
		if s.kind == "location" || s.kind == "industry" {
			continue
		}
		if containsSeq(f.noteWords, significant(fold.Fields(s.value))) {
			out = append(out, s.value)
		}
	}
	if len(out) == 0 {
		for _, i := range e.me.interests.Find(f.noteWords) {
			out = append(out, e.me.interests.Phrases()[i])
		}
	}
	return out
}

// significant drops the dates from a shared item, so that a note naming
// "KubeCon EU" matches the event "KubeCon EU 2027" and "Berlin Data
// Meetup" matches "Berlin Data Meetup, Nov 2026".
func significant(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if months[w] || w[0] >= '0' && w[0] <= '9' {
			continue
		}
		out = append(out, w)
	}
	return out
}

var months = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "january": true, "february": true,
	"march": true, "april": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}

// containsSeq reports whether words holds the run seq.
func containsSeq(words, seq []string) bool {
	if len(seq) == 0 {
		return false
	}
outer:
	for i := 0; i+len(seq) <= len(words); i++ {
		for j, w := range seq {
			if words[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

func ruleNoNote(e *Engine, f *facts) result {
	if f.hasNote {
		return skip(f, "a note came with the invitation")
	}
	return fire(-5, "no note came with the invitation")
}

func ruleDefaultNote(e *Engine, f *facts) result {
	if f.hasNote && f.defaultNote {
		return fire(-3, "the note is LinkedIn's stock invitation text, not written for you")
	}
	return skip(f, "not LinkedIn's stock text")
}

func rulePlaceholder(e *Engine, f *facts) result {
	if f.placeholder != "" {
		f.massInvite = true
		return fire(-12, "the note still holds the template placeholder %s: sent in bulk", f.placeholder)
	}
	return skip(f, "no template placeholder left in the note")
}

func ruleNoteLength(e *Engine, f *facts) result {
	if !f.hasNote || f.defaultNote {
		return skip(f, "no personal note to measure")
	}
	history := f.found(e, lxHistory, f.spNote)
	switch {
	case f.noteSentences >= 5 || (f.noteSentences >= 3 && len(history) > 0) || f.noteRunes > 600:
		ev := fmt.Sprintf("%d sentences", f.noteSentences)
		if len(history) > 0 {
			ev += " reciting a career (" + quoteList(history) + ")"
		}
		return fire(-3, "a long note: %s; one or two sentences are best", ev)
	case f.noteSentences <= 2 && len(f.noteWords) >= 6:
		return fire(3, "short and to the point (%d sentence%s)", f.noteSentences, plural(f.noteSentences))
	}
	return skip(f, "a note of %d sentences, neither short nor long", f.noteSentences)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func rulePitch(e *Engine, f *facts) result {
	found := f.found(e, lxPitch, f.spNote)
	// One pitch phrase from a salesperson, or two from anyone.
	if len(found) == 0 || (len(found) == 1 && !f.has(lxSales, f.spAll)) {
		if len(found) == 1 {
			return skip(f, "mentions %s, but nothing else of a pitch", quoteList(found))
		}
		return skip(f, "no sales pitch in the note")
	}
	f.pitch = true
	return fire(-12, "an unsolicited sales pitch: %s", quoteList(found))
}

func ruleMassInvite(e *Engine, f *facts) result {
	found := f.found(e, lxMassInvite, f.spNote)
	if len(found) == 0 {
		return skip(f, "nothing suggests a mass invitation")
	}
	if len(f.noteShared) > 0 {
		return skip(f, "a stock phrase (%s), but the note is specific to you", quoteList(found))
	}
	f.massInvite = true
	return fire(-6, "reads like a mass invitation sent by job title: %s", quoteList(found))
}

// --- network --------------------------------------------------------------

func ruleMutual(e *Engine, f *facts) result {
	bar := e.pol.MinMutual
	switch {
	case f.mutual < 0:
		return skip(f, "the number of mutual connections is unknown")
	case f.mutual >= bar && f.mutual > 0:
		return fire(10, "%d mutual connection%s (at least %d)%s", f.mutual, plural(f.mutual), bar, mutualNames(f))
	case f.mutual == 0:
		return fire(-8, "no mutual connections; fewer than %d is a red flag", bar)
	default:
		return fire(-3, "only %d mutual connection%s%s; fewer than %d is a red flag", f.mutual, plural(f.mutual), mutualNames(f), bar)
	}
}

func mutualNames(f *facts) string {
	if len(f.inv.MutualNames) == 0 {
		return ""
	}
	return ", among them " + quoteList(f.inv.MutualNames)
}

var sharedPoints = map[string]int{"company": 10, "school": 8, "event": 6, "group": 5, "industry": 6, "interest": 4, "location": 3}

func ruleCommonGround(e *Engine, f *facts) result {
	if len(f.shared) == 0 {
		if e.pol.Me.Empty() && f.inv.Shared.Empty() {
			return skip(f, "nothing known in common (tell linkvet about yourself under me: in the policy)")
		}
		return skip(f, "nothing in common found")
	}
	pts := 0
	var parts []string
	for _, s := range f.shared {
		pts += sharedPoints[s.kind]
		parts = append(parts, s.kind+" "+s.value)
	}
	return fire(min(pts, 20), "you share %s", quoteList(parts))
}

var interactionPoints = map[string]int{
	linkvet.MetInPerson: 15, linkvet.MessagedBefore: 8, linkvet.EngagedWithYourContent: 6,
	linkvet.AttendedSameEvent: 5, linkvet.FollowsYou: 3, linkvet.ViewedYourProfile: 1,
}

var interactionWords = map[string]string{
	linkvet.MetInPerson: "you met in person", linkvet.MessagedBefore: "you have messaged before",
	linkvet.EngagedWithYourContent: "they engaged with your posts", linkvet.AttendedSameEvent: "you attended the same event",
	linkvet.FollowsYou: "they follow you", linkvet.ViewedYourProfile: "they viewed your profile",
}

func ruleInteraction(e *Engine, f *facts) result {
	pts := 0
	var parts []string
	for _, k := range f.inv.Interactions {
		if p, ok := interactionPoints[k]; ok {
			pts += p
			parts = append(parts, interactionWords[k])
		}
	}
	if len(parts) == 0 {
		return skip(f, "no prior interaction known")
	}
	return fire(min(pts, 20), "prior contact: %s", strings.Join(parts, ", "))
}

func ruleOutsideField(e *Engine, f *facts) result {
	if len(e.me.industries) == 0 || f.industry == "" {
		return skip(f, "your industry or theirs is unknown")
	}
	if len(f.shared) > 0 || f.personalNote() {
		return skip(f, "something in common or a personal note outweighs the field")
	}
	for _, ind := range e.me.industries {
		if ind == f.industry {
			return skip(f, "works in your industry")
		}
	}
	return fire(-4, "works in %s, outside your field, with nothing in common", clip(f.inv.Person.Industry, 50))
}

// --- profile --------------------------------------------------------------

func rulePhoto(e *Engine, f *facts) result {
	switch f.inv.Person.Photo {
	case linkvet.PhotoReal:
		return fire(3, "a real profile photo")
	case linkvet.PhotoNone:
		f.fake++
		f.fakeEvidence = append(f.fakeEvidence, "no photo")
		return fire(-6, "no profile photo; pictureless profiles are often bots")
	case linkvet.PhotoStock:
		f.fake += 2
		f.fakeEvidence = append(f.fakeEvidence, "stock photo")
		return fire(-8, "the photo is a stock or reused image")
	case linkvet.PhotoGenerated:
		f.fake += 2
		f.fakeEvidence = append(f.fakeEvidence, "AI-generated photo")
		return fire(-10, "the photo looks AI-generated")
	}
	return skip(f, "the photo is unknown")
}

func ruleWorkHistory(e *Engine, f *facts) result {
	x := f.inv.Person.Experience
	switch {
	case x == nil:
		return skip(f, "the work history is unknown")
	case len(x) == 0:
		f.fake++
		f.fakeEvidence = append(f.fakeEvidence, "no work history")
		return fire(-4, "no work history on the profile")
	case len(x) == 1:
		return fire(2, "one position listed (%s)", clip(x[0].Title+" at "+x[0].Company, 60))
	}
	return fire(4, "a work history of %d positions", len(x))
}

func ruleEducationSkills(e *Engine, f *facts) result {
	p := &f.inv.Person
	var parts []string
	pts := 0
	if len(p.Education) > 0 {
		parts = append(parts, fmt.Sprintf("%d school%s", len(p.Education), plural(len(p.Education))))
		pts += 2
	}
	if len(p.Skills) >= 3 {
		parts = append(parts, fmt.Sprintf("%d skills", len(p.Skills)))
		pts += 2
	}
	if len(parts) == 0 {
		return skip(f, "no education or skills listed (or unknown)")
	}
	return fire(pts, "the profile lists %s", strings.Join(parts, " and "))
}

func ruleRecommendations(e *Engine, f *facts) result {
	r := f.inv.Person.Recommendations
	if r == nil || *r <= 0 {
		return skip(f, "no recommendations known")
	}
	return fire(min(3+*r/3, 6), "%d recommendation%s from other members", *r, plural(*r))
}

func ruleBlankProfile(e *Engine, f *facts) result {
	p := &f.inv.Person
	blank := p.Headline == "" && p.About == "" && p.Title == "" && (p.Experience != nil && len(p.Experience) == 0)
	thin := p.Photo == linkvet.PhotoNone && p.Headline == "" && p.About == ""
	if !blank && !thin {
		return skip(f, "the profile is not known to be blank")
	}
	f.fake++
	f.fakeEvidence = append(f.fakeEvidence, "blank profile")
	return fire(-8, "a blank profile: no headline, no about text%s", map[bool]string{true: ", no photo", false: ""}[p.Photo == linkvet.PhotoNone])
}

func ruleVerified(e *Engine, f *facts) result {
	if isTrue(f.verified) {
		return fire(8, "LinkedIn's verification badge")
	}
	return skip(f, "no verification badge (or unknown)")
}

func ruleAccountAge(e *Engine, f *facts) result {
	m := f.ageMonths
	switch {
	case m < 0:
		return skip(f, "the account's age is unknown")
	case m < 3:
		f.fake++
		f.fakeEvidence = append(f.fakeEvidence, "brand-new account")
		return fire(-6, "the account is %d month%s old", m, plural(m))
	case m < 12:
		return fire(-2, "a young account (%d months)", m)
	case m >= 60:
		return fire(2, "a member for %d years", m/12)
	}
	return skip(f, "an account of ordinary age (%d months)", m)
}

func ruleConnectionCount(e *Engine, f *facts) result {
	c := f.connections
	switch {
	case c < 0:
		return skip(f, "the connection count is unknown")
	case c < 30:
		f.fake++
		f.fakeEvidence = append(f.fakeEvidence, "few connections")
		return fire(-4, "only %d connections", c)
	case c >= 500:
		// Seed 003: never accept just because someone has many connections.
		return fire(0, "500+ connections, which on its own says nothing")
	}
	return skip(f, "%d connections, an ordinary count", c)
}

func ruleGenericTitle(e *Engine, f *facts) result {
	h := strings.Trim(f.headline, " |-–—.,")
	if h == "" {
		h = strings.Trim(f.title, " |-–—.,")
	}
	if h == "" {
		return skip(f, "no headline")
	}
	// Only a headline that is nothing but a generic title counts: "CEO" is
	// a red flag, "CEO at Northwind" is not.
	words := fold.Words(h)
	found := e.genericTitle.FindPhrases(words)
	if len(found) == 0 || len(strings.Join(found, " ")) < len(strings.Join(words, " "))-4 {
		return skip(f, "the headline says something specific")
	}
	f.fake++
	f.fakeEvidence = append(f.fakeEvidence, "generic title")
	return fire(-3, "a generic headline that says nothing about a real job: “%s”", clip(f.inv.Person.Headline+f.inv.Person.Title, 40))
}

func ruleSuspiciousName(e *Engine, f *facts) result {
	name := strings.TrimSpace(f.inv.Person.Name)
	if name == "" {
		return skip(f, "no name")
	}
	var why string
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
	for _, w := range f.nameWords {
		if r := []rune(w); len(r) == 1 && !unicode.IsLetter(r[0]) && !unicode.IsDigit(r[0]) {
			symbols++
		}
	}
	switch {
	case digits > 0:
		why = "digits in the name"
	case symbols > 0:
		why = "emoji or symbols in the name"
	case fold.HasLookalikes(name):
		why = "look-alike or styled letters in the name"
	case letters >= 6 && upper == letters && !strings.Contains(name, " "):
		why = "a one-word name in capitals"
	}
	if why == "" {
		return skip(f, "the name looks ordinary")
	}
	f.fake++
	f.fakeEvidence = append(f.fakeEvidence, "odd name")
	return fire(-4, "%s: “%s”", why, clip(name, 40))
}

func ruleFamousName(e *Engine, f *facts) result {
	found := f.found(e, lxFamous, f.spName)
	if len(found) == 0 {
		return skip(f, "not a famous name")
	}
	if isTrue(f.verified) {
		return skip(f, "a famous name (%s), and verified", found[0])
	}
	f.fake += 3
	f.fakeEvidence = append(f.fakeEvidence, "famous name without verification")
	return fire(-20, "uses the name of %s without LinkedIn's verification badge: likely an impersonation", titleCase(found[0]))
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func ruleParody(e *Engine, f *facts) result {
	found := append(f.found(e, lxParody, f.spName), f.found(e, lxParody, f.spProfile)...)
	if len(found) == 0 {
		return skip(f, "no parody or fan-account markers")
	}
	f.fake += 3
	f.fakeEvidence = append(f.fakeEvidence, "parody account")
	return fire(-15, "calls itself %s: not a real professional account", quoteList(found))
}

func ruleRecruiter(e *Engine, f *facts) result {
	found := f.found(e, lxRecruiter, f.spHeadTitle)
	if len(found) == 0 {
		return skip(f, "not a recruiter")
	}
	f.recruiter = true
	if !f.personalNote() && f.mutual <= 0 && len(f.shared) == 0 {
		f.massInvite = true
		return fire(-6, "a recruiter (%s) with no note, no mutuals and nothing in common: likely a mass invitation", found[0])
	}
	return fire(0, "a recruiter (%s); worth reviewing for career opportunities", found[0])
}

func ruleSalesperson(e *Engine, f *facts) result {
	found := f.found(e, lxSales, f.spHeadTitle)
	if len(found) == 0 {
		return skip(f, "not a salesperson")
	}
	f.sales = true
	if f.commonGround() {
		return fire(0, "in sales (%s), and relevant to you through what you share", found[0])
	}
	return fire(-4, "in sales (%s) with nothing in common: likely prospecting", found[0])
}
