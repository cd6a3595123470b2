package screen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// rule is one built-in criterion, declared as data: its name and family,
// the points it can give (the documentation's table is generated from
// these, see TestGuideRuleTable), what makes it fire, the facts it reads
// and the evidence it may produce. check only reads facts: it reports
// whether the rule fired, its points, a sentence of evidence (when it did
// not fire and the engine is explaining, why not) and the evidence mark the
// decision weighs. The only thing it writes is its sentence, into the
// verdict's buffer of details the tallies carry (t.cat, t.list, ...: see
// detail.go); only rules marked after read the tallies' evidence. Adding a
// rule is one entry in builtinRules plus its test.
type rule struct {
	name, family string
	min, max     int    // the points it can give
	points       string // the points as documented, when more than a range says
	when         string // what makes it fire, for the documentation
	reads        []string
	gives        []evidence
	// after: the rule reads the evidence tallies of the rules before it
	// (crypto vocabulary only counts beside other scam signs), so it runs
	// once they are summed.
	after bool
	check func(e *Engine, f *facts, t *tallies) result
}

type result struct {
	fired  bool
	points int
	detail string
	mark   mark
}

// fire is a rule that fired, with its sentence of evidence. Details are
// appended to the verdict's buffer of details (detail.go), not formatted
// with fmt: they are written for most invitations, and screening competes
// with a plain JSON decoder for time.
func fire(points int, detail string) result {
	return result{fired: true, points: points, detail: detail}
}

func (r result) with(k evidence, weight int) result {
	r.mark = mark{kind: k, weight: weight}
	return r
}

// skip is a rule that did not fire, with a fixed reason (kept only when
// explaining).
func skip(f *facts, why string) result {
	if !f.explain {
		return result{}
	}
	return result{detail: why}
}

// skipf is a rule that did not fire, with a reason that needs building:
// why is only called when explaining, so that screening neither formats
// the reason nor boxes its arguments.
func skipf(f *facts, why func() string) result {
	if !f.explain {
		return result{}
	}
	return result{detail: why()}
}

// Points the rules give, in one place. Scam phrases give scamPerWeight per
// point of evidence weight (see weighted).
const (
	scamPerWeight = -6
	weakScamSign  = -6
)

var builtin = builtinRules()

// builtinRules lists every rule in the order their reasons are listed.
func builtinRules() []rule {
	return []rule{
		// policy: the user's own lists
		{name: "blocked", family: "policy", min: -100, max: -100, when: "the sender is on your blocked list",
			reads: []string{"profile_url", "emails", "policy.blocked"}, check: ruleBlocked},
		{name: "known_person", family: "policy", min: 30, max: 30, when: "the sender is on your known list",
			reads: []string{"profile_url", "emails", "policy.known"}, check: ruleKnown},
		{name: "impersonation", family: "policy", min: -40, max: -40,
			when:  "the sender uses the name of someone you know from another profile or e-mail, or says their old account was lost or locked",
			reads: []string{"name", "profile_url", "emails", "known people", "note"}, gives: []evidence{evImpersonation}, check: ruleImpersonation},
		{name: "disqualify", family: "policy", min: -20, max: -20, when: "a disqualify phrase is in the headline, title, company, about text or note",
			reads: []string{"headline", "title", "company", "about", "note", "policy.disqualify"}, check: ruleDisqualify},
		{name: "promoted_connection_count", family: "policy", min: -20, max: -20, when: "(opt-in) the profile advertises its network size: LION, open networker, \"30K+ connections\"",
			reads: []string{"headline", "title", "company", "about"}, check: rulePromotedCount},
		{name: "competitor", family: "policy", min: -15, max: -15, when: "the sender works for a competitor",
			reads: []string{"company", "experience", "headline", "policy.competitors"}, check: ruleCompetitor},
		{name: "controversial", family: "policy", min: -15, max: 0, points: "0 / −15", when: "a highly political or controversial self-description (−15 only if you opted in)",
			reads: []string{"headline", "title", "company", "about"}, check: ruleControversial},
		// scam: weight 3 in total makes a scammer
		weightedRule("investment_scam", lxInvestment, evInvestment, "promised returns, forex and crypto schemes"),
		weightedRule("romance_approach", lxRomance, evRomance, "a dating-style approach in the note"),
		weightedRule("advance_fee", lxAdvance, evAdvanceFee, "fake jobs with fees, inheritance and lottery stories"),
		weightedRule("phishing", lxPhish, evPhishing, "account alarms, \"verify your identity\", credential requests"),
		{name: "money_promise", family: "scam", min: -24, max: -6, points: "−6 per weight",
			when:  "money or a percentage promised per day, week or month, in any currency and any script's digits (a wage per month counts only beside other signs)",
			reads: []string{"note"}, gives: []evidence{evMoneyPromise}, check: ruleMoney},
		{name: "off_platform", family: "scam", min: 2 * scamPerWeight, max: weakScamSign, points: "−6 / −12",
			when:  "the note asks to move to WhatsApp, Telegram, a phone number or a messenger link, in any script or spelling (scam weight only beside other signs; −12 and weight 2 when a stranger hands over the number or link with a push to use it)",
			reads: []string{"note"}, gives: []evidence{evOffPlatform}, check: ruleOffPlatform},
		{name: "urgency", family: "scam", min: -6, max: -6, when: "pressure in the note to act at once (scam weight only beside other signs)",
			reads: []string{"note"}, gives: []evidence{evUrgency}, check: ruleUrgency},
		{name: "suspicious_links", family: "scam", min: -60, max: -3, points: "−3 to −25 each",
			when:  "look-alike domains (lіnkedin), encoded domains, URL shorteners, messenger links, throw-away domain endings, or any link in a first note",
			reads: []string{"note", "about", "websites"}, gives: []evidence{evLinks}, check: ruleLinks},
		{name: "crypto_with_scam_signs", family: "scam", min: -5, max: -5, when: "crypto vocabulary beside other scam signs (alone it is no evidence)",
			reads: []string{"headline", "about", "note", "scam evidence"}, gives: []evidence{evCrypto}, after: true, check: ruleCrypto},
		{name: "contact_mismatch", family: "profile", min: -20, max: -2, points: "−2 to −5 each",
			when:  "a phone number from another country than the stated location; a free-mail address with a corporate claim",
			reads: []string{"phones", "location", "emails", "company"}, gives: []evidence{evForeignPhone}, check: ruleContactMismatch},
		// note: seed 001, the first thing to read and the strongest signal
		{name: "sales_pitch", family: "note", min: -12, max: -12, when: "an unsolicited pitch in the note",
			reads: []string{"note", "headline", "title"}, check: rulePitch},
		{name: "personal_note", family: "note", min: 12, max: 20, points: "+12 to +20",
			when:  "a note that says who they are or why they connect, or names something you share (not one greeting someone else, not a stock mass-invitation phrase, not one carrying scam talk)",
			reads: []string{"note", "shared", "me"}, check: rulePersonalNote},
		{name: "note_language", family: "note", min: 0, max: 0,
			when:  "the note is in a language linkvet has no vocabulary for: it is judged on structure alone, never counted against the sender",
			reads: []string{"note"}, check: ruleNoteLanguage},
		{name: "meant_for_someone_else", family: "note", min: -5, max: -5, when: "the note greets someone by a name that is not yours: a mistake",
			reads: []string{"note", "me.name"}, check: ruleSomeoneElse},
		{name: "no_note", family: "note", min: -5, max: -5, when: "no note", reads: []string{"note"}, check: ruleNoNote},
		{name: "default_note", family: "note", min: -3, max: -3, when: "LinkedIn's stock text", reads: []string{"note"}, check: ruleDefaultNote},
		{name: "template_placeholder", family: "note", min: -12, max: -12, when: "a template placeholder left in: `{firstName}`, `[Name]`",
			reads: []string{"note"}, check: rulePlaceholder},
		{name: "note_length", family: "note", min: -3, max: 3, points: "+3 / −3", when: "one or two sentences (good); a long career history (mildly bad)",
			reads: []string{"note"}, check: ruleNoteLength},
		{name: "mass_invite", family: "note", min: -6, max: -6, when: "a stock mass-invitation phrase with nothing specific to you",
			reads: []string{"note", "shared"}, check: ruleMassInvite},
		// network: seed 004's checklist
		{name: "mutual_connections", family: "network", min: -8, max: 10, points: "+10 / −3 / −8", when: "at least `min_mutual`; fewer; none",
			reads: []string{"mutual_connections", "mutual_names", "policy.min_mutual"}, check: ruleMutual},
		{name: "common_ground", family: "network", min: 0, max: 20, points: "up to +20", when: "shared company, school, event, group, industry, interest, city",
			reads: []string{"shared", "me", "company", "experience", "education", "industry", "location", "skills"}, check: ruleCommonGround},
		{name: "prior_interaction", family: "network", min: 0, max: 20, points: "up to +20",
			when:  "met in person, messaged, engaged with your posts, same event, follows you, viewed your profile",
			reads: []string{"interactions"}, check: ruleInteraction},
		{name: "outside_your_field", family: "network", min: -4, max: -4, when: "another industry with nothing in common and no personal note",
			reads: []string{"industry", "me.industries", "shared", "note"}, check: ruleOutsideField},
		// profile: seed 003's vetting signals
		{name: "photo", family: "profile", min: -10, max: 3, points: "+3 / −6 / −8 / −10", when: "real; none; stock; AI-generated",
			reads: []string{"photo"}, gives: []evidence{evNoPhoto, evStockPhoto, evGeneratedPhoto}, check: rulePhoto},
		{name: "work_history", family: "profile", min: -4, max: 4, points: "+2 / +4 / −4", when: "one position; several; none shown",
			reads: []string{"experience"}, gives: []evidence{evNoHistory}, check: ruleWorkHistory},
		{name: "education_and_skills", family: "profile", min: 0, max: 4, points: "up to +4", when: "schools and skills listed",
			reads: []string{"education", "skills"}, check: ruleEducationSkills},
		{name: "recommendations", family: "profile", min: 3, max: 6, points: "+3 to +6", when: "recommendations from other members",
			reads: []string{"recommendations"}, check: ruleRecommendations},
		{name: "blank_profile", family: "profile", min: -8, max: -8, when: "no headline, no about text, no photo or positions",
			reads: []string{"headline", "about", "title", "photo", "experience"}, gives: []evidence{evBlankProfile}, check: ruleBlankProfile},
		{name: "verified_badge", family: "profile", min: 8, max: 8, when: "LinkedIn's verification badge", reads: []string{"verified"}, check: ruleVerified},
		{name: "account_age", family: "profile", min: -6, max: 2, points: "−6 / −2 / +2", when: "under 3 months; under a year; five years or more",
			reads: []string{"member_since"}, gives: []evidence{evNewAccount}, check: ruleAccountAge},
		{name: "connection_count", family: "profile", min: -4, max: 0, points: "−4 / 0", when: "under 30; 500+ (many connections prove nothing on their own)",
			reads: []string{"connections"}, gives: []evidence{evFewConnections}, check: ruleConnectionCount},
		{name: "generic_title", family: "profile", min: -3, max: -3, when: "a headline that is nothing but \"CEO\", \"Entrepreneur\", \"Investor\"...",
			reads: []string{"headline", "title"}, gives: []evidence{evGenericTitle}, check: ruleGenericTitle},
		{name: "suspicious_name", family: "profile", min: -8, max: -4, points: "−4 / −8",
			when:  "digits, emoji, styled letters or letters of two alphabets inside one word of the name; direction control characters (−8). A name wholly in one script (Cyrillic, Greek, Arabic, Han...) is a normal name",
			reads: []string{"name"}, gives: []evidence{evOddName, evBidiName}, check: ruleSuspiciousName},
		{name: "famous_name_unverified", family: "profile", min: -20, max: -20, when: "a famous person's name without verification",
			reads: []string{"name", "verified"}, gives: []evidence{evFamousName}, check: ruleFamousName},
		{name: "parody_account", family: "profile", min: -15, max: -15, when: "\"parody\", \"fan account\" and the like",
			reads: []string{"name", "headline", "about"}, gives: []evidence{evParody}, check: ruleParody},
		{name: "recruiter", family: "sender", min: -6, max: 0, points: "0 / −6",
			when:  "a recruiter; one without note, mutuals or common ground is likely blasting; one at your company or in your own line of work is a peer",
			reads: []string{"headline", "title", "note", "mutual_connections", "shared", "me.headline"}, check: ruleRecruiter},
		{name: "salesperson", family: "sender", min: -4, max: 0, points: "0 / −4",
			when:  "in sales; with nothing in common, likely prospecting; at your company or in sales like you, a peer",
			reads: []string{"headline", "title", "shared", "me.headline"}, check: ruleSalesperson},
	}
}

// --- policy ---------------------------------------------------------------

func ruleBlocked(e *Engine, f *facts, t *tallies) result {
	if f.blocked {
		return fire(-100, t.cat("on your blocked list as ", f.blockedEntry))
	}
	return skipf(f, func() string {
		return fmt.Sprintf("not on your blocked list (%d entr%s)", len(e.pol.Blocked), pluralY(len(e.pol.Blocked)))
	})
}

func ruleKnown(e *Engine, f *facts, t *tallies) result {
	if f.known {
		return fire(30, t.cat("on your list of people you know as ", f.knownEntry))
	}
	return skipf(f, func() string {
		return fmt.Sprintf("not on your known list (%d entr%s)", len(e.pol.Known), pluralY(len(e.pol.Known)))
	})
}

func ruleDisqualify(e *Engine, f *facts, t *tallies) result {
	n := len(e.pol.Disqualify)
	if n == 0 {
		return skip(f, "your policy has no disqualify phrases")
	}
	// Seed 001 (Mandel): phrases in the headline, the about text or the
	// note disqualify a stranger.
	if len(f.disqualified) == 0 {
		return skipf(f, func() string {
			if n == 1 {
				return "your disqualify phrase does not appear in the headline, about text or note"
			}
			return fmt.Sprintf("none of your %d disqualify phrases appears in the headline, about text or note", n)
		})
	}
	return fire(-20, t.list("uses ", f.disqualified, ", on your disqualify list"))
}

func rulePromotedCount(e *Engine, f *facts, t *tallies) result {
	if !e.pol.DisqualifyPromotedConnectionCount {
		return skip(f, "not enabled (disqualify_promoted_connection_count)")
	}
	if len(f.promoted) == 0 {
		return skip(f, "the profile does not advertise its network size")
	}
	return fire(-20, t.list("advertises the size of their network (", f.promoted, ")"))
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

func ruleCompetitor(e *Engine, f *facts, t *tallies) result {
	if e.competitors.Len() == 0 {
		return skip(f, "your policy lists no competitors")
	}
	if f.competitor == "" {
		return skipf(f, func() string {
			if e.competitors.Len() == 1 {
				return "does not work for your competitor"
			}
			return fmt.Sprintf("does not work for any of your %d competitors", e.competitors.Len())
		})
	}
	return fire(-15, t.cat("works for ", f.competitor, ", which your policy lists as a competitor"))
}

func ruleControversial(e *Engine, f *facts, t *tallies) result {
	found := f.controversial
	if len(found) == 0 {
		return skip(f, "no political or controversial self-description")
	}
	if !e.pol.DeclineControversial {
		return fire(0, t.list("describes themselves with ", found, "; you have not opted to decline such profiles"))
	}
	return fire(-15, t.list("describes themselves with ", found, "; your policy declines highly political or controversial profiles"))
}

// --- scam -----------------------------------------------------------------

// weightedRule makes a rule from a weighted lexicon: the evidence weight
// is the sum of the matched phrases' weights, at most 4 per family so that
// one long rant cannot outweigh everything else. Weight 1 alone ("forex",
// "kindly", "beautiful") is no evidence: it is held back as a weak mark and
// only counts (and is shown) beside other scam signs (Engine.weigh).
func weightedRule(name string, l lex, k evidence, when string) rule {
	where := "note"
	if l == lxInvestment || l == lxAdvance || l == lxPhish {
		where = "headline, about, note"
	}
	what := evidenceKinds[k].what
	return rule{name: name, family: "scam", min: 4 * scamPerWeight, max: scamPerWeight, points: "−6 per weight", when: when,
		reads: strings.Split(where, ", "), gives: []evidence{k},
		check: func(e *Engine, f *facts, t *tallies) result {
			// How someone approaches the user is in the note; a dating app's
			// headline may well talk of love. Money and fee stories count
			// wherever they are written.
			s := f.spAll
			if l == lxRomance {
				s = f.spNote
			}
			var buf [8]int32
			idx := f.appendFind(buf[:0], l, s)
			if len(idx) == 0 {
				return skipf(f, func() string { return "nothing suggesting " + what })
			}
			weight := f.weightOf(l, idx)
			if weight < 2 {
				phrases := f.phrasesOf(l, idx) // kept by the mark, for Engine.weigh
				var r result
				if f.explain {
					r = skip(f, fmt.Sprintf("mentions %s, which alone is no evidence of %s", quoteList(phrases), what))
				}
				r.mark = mark{kind: k, weight: 1, weak: true, phrases: phrases}
				return r
			}
			return fire(scamPerWeight*weight, t.entries(f, what, ": ", l, idx, "")).with(k, weight)
		}}
}

// familyWeight sums the scam weight of the phrases of one lexicon found
// (at most 4, so that one long rant cannot outweigh everything else).
// Phrases of weight 1 ("per week", "kindly") only count beside a phrase
// of weight 2 or more: alone, however many, they are no evidence. A
// recruiter's note speaks of salaries, remote days and start dates: from
// a sender with a recruiting title only the phrases strong enough on their
// own (a fee to pay, weight 3) are advance-fee evidence.
func (f *facts) familyWeight(l lex, idx []int32) (int, []string) {
	return f.weightOf(l, idx), f.phrasesOf(l, idx)
}

// weightOf is familyWeight's weight alone, without allocating.
func (f *facts) weightOf(l lex, idx []int32) int {
	strong, weak := 0, 0
	for _, j := range idx {
		w := int(f.entry(l, j).weight)
		if l == lxAdvance && f.recruiterTitle != "" && w < 3 {
			w = 1
		}
		if w >= 2 {
			strong += w
		} else {
			weak += w
		}
	}
	if strong == 0 {
		return min(weak, 1)
	}
	return min(strong+weak, 4)
}

// phrasesOf returns the phrases of found entries, as written.
func (f *facts) phrasesOf(l lex, idx []int32) []string {
	phrases := make([]string, len(idx))
	for i, j := range idx {
		phrases[i] = f.entry(l, j).phrase
	}
	return phrases
}

// appendFind is find into dst: a rule passes a buffer on its stack, so
// that looking up a lexicon allocates nothing.
func (f *facts) appendFind(dst []int32, l lex, s span) []int32 {
outer:
	for _, h := range f.hits {
		if h.lx != l || !s.holds(h.pos) {
			continue
		}
		for _, have := range dst {
			if have == h.id {
				continue outer
			}
		}
		dst = append(dst, h.id)
	}
	return dst
}

// ruleMoney: money or percentages promised per period, found without any
// vocabulary but the neutral lists of currencies and units of time.
func ruleMoney(e *Engine, f *facts, t *tallies) result {
	if len(f.money) == 0 {
		return skip(f, "no money promised per day, week or month")
	}
	weight := 0
	what := make([]string, len(f.money))
	for i, m := range f.money {
		weight = max(weight, m.weight)
		what[i] = m.what
	}
	if weight < 2 {
		var r result
		if f.explain {
			r = skip(f, fmt.Sprintf("names an amount per month (%s), which alone is no evidence", quoteList(what)))
		}
		r.mark = mark{kind: evMoneyPromise, weight: 1, weak: true, phrases: what}
		return r
	}
	weight = min(weight+len(f.money)-1, 4)
	return fire(scamPerWeight*weight, t.list("promises money per day, week or month: ", what, "")).with(evMoneyPromise, weight)
}

// ruleOffPlatform: a push to continue where LinkedIn cannot see. It is
// always shown, but weighs as scam evidence only beside other signs: an
// honest person may well give a number.
func ruleOffPlatform(e *Engine, f *facts, t *tallies) result {
	found := f.found(lxOffPlatform, f.spNote)
	for _, h := range f.handoffs {
		if !contains(found, h) {
			found = append(found, h)
		}
	}
	if len(found) == 0 {
		return skip(f, "nothing pushing the conversation off LinkedIn")
	}
	// A stranger who hands over a number or messenger link and presses to
	// use it ("text me on WhatsApp +44 ...") is doing what scams do first:
	// that weighs 2. A name of an app or a push alone weighs only beside
	// other signs.
	stranger := !f.known && f.mutual < e.pol.MinMutual && !f.commonGround()
	if f.contactGiven && len(found) >= 2 && stranger {
		return fire(2*scamPerWeight, t.whatList(evidenceKinds[evOffPlatform].what, ", handing over a way to reach them: ", found)).with(evOffPlatform, 2)
	}
	// A stranger asking for the user's own number or private e-mail is
	// collecting contacts (weight-2 phrases of the family); a recruiter
	// asking where to send a job description is not.
	if stranger && f.recruiterTitle == "" {
		for _, j := range f.find(lxOffPlatform, f.spNote) {
			if en := f.entry(lxOffPlatform, j); en.weight >= 2 {
				return fire(2*scamPerWeight, t.cat("a stranger asks for your own phone number or e-mail (", en.phrase, "): collecting contacts")).with(evOffPlatform, 2)
			}
		}
	}
	r := fire(weakScamSign, t.whatList(evidenceKinds[evOffPlatform].what, ": ", found))
	r.mark = mark{kind: evOffPlatform, weight: 1, weak: true, phrases: found}
	return r
}

func ruleUrgency(e *Engine, f *facts, t *tallies) result {
	found := f.found(lxUrgency, f.spNote)
	if len(found) == 0 {
		return skip(f, "no pressure to act at once")
	}
	r := fire(weakScamSign, t.whatList(evidenceKinds[evUrgency].what, ": ", found))
	r.mark = mark{kind: evUrgency, weight: 1, weak: true, phrases: found}
	return r
}

// ruleCrypto: crypto vocabulary is ordinary in some jobs; it only adds
// weight to scam evidence found elsewhere.
func ruleCrypto(e *Engine, f *facts, t *tallies) result {
	var buf [8]int32
	words := f.appendFind(buf[:0], lxCrypto, f.spAll)
	switch {
	case len(words) == 0:
		return skip(f, "no crypto vocabulary")
	case t.scam == 0:
		if !f.explain {
			return result{}
		}
		return skip(f, "mentions "+quoteList(f.phrasesOf(lxCrypto, words))+", but with no other scam sign that is not evidence")
	}
	return fire(-5, t.entries(f, "talks of ", "", lxCrypto, words, " alongside other scam signs")).with(evCrypto, 1)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func ruleLinks(e *Engine, f *facts, t *tallies) result {
	if len(f.links) == 0 {
		return skip(f, "no links in the note or profile")
	}
	// The notes on each link, "; " between them.
	notes := t.text.open()
	start := len(notes)
	note := func(raw, what string) {
		if len(notes) > start {
			notes = append(notes, "; "...)
		}
		notes = append(append(notes, raw...), what...)
	}
	weight, points := 0, 0
	for _, l := range f.links {
		host := l.host
		switch {
		case e.isSpoof(host):
			weight += 3
			points -= 25
			note(l.raw, " imitates a well-known site")
		case strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--"):
			weight += 2
			points -= 10
			note(l.raw, " is an encoded international domain")
		case hostIn(host, e.vocab.shorteners):
			weight += 2
			points -= 10
			note(l.raw, " hides where it leads")
		case hostIn(host, e.vocab.chatLinks):
			weight++
			points -= 6
			note(l.raw, " leads to a messenger")
		case e.riskyTLD(host):
			weight++
			points -= 6
			note(l.raw, " uses a throw-away domain ending")
		}
	}
	if len(notes) == start && linkInNote(f) {
		return fire(-3, t.clip("the note carries a link (", f.links[0].raw, 60, "); a first note rarely needs one"))
	}
	if len(notes) == start {
		return skipf(f, func() string { return fmt.Sprintf("the %d link(s) look ordinary", len(f.links)) })
	}
	return fire(max(points, -60), t.text.keep(notes)).with(evLinks, min(weight, 4))
}

// linkInNote reports a link in the note to somewhere other than LinkedIn.
func linkInNote(f *facts) bool {
	for _, l := range f.links {
		if l.host == "linkedin.com" || strings.HasSuffix(l.host, ".linkedin.com") {
			continue
		}
		if l.inNote {
			return true
		}
	}
	return false
}

// isSpoof reports a host that folds to a trusted brand's name but is not
// that brand's domain: "lіnkedin.com" with a Cyrillic і,
// "linkedin-verify.support", "secure-paypal.com.example".
func (e *Engine) isSpoof(host string) bool {
	folded := fold.String(host)
	for _, brand := range e.vocab.brands {
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

func (e *Engine) riskyTLD(host string) bool {
	dot := strings.LastIndexByte(host, '.')
	if dot < 0 {
		return false
	}
	tld := host[dot+1:]
	for _, t := range e.vocab.riskyTLDs {
		if t == tld {
			return true
		}
	}
	return false
}

func ruleContactMismatch(e *Engine, f *facts, t *tallies) result {
	p := &f.inv.Person
	// The notes on each contact detail, "; " between them; the buffer is
	// only opened for the first.
	var notes []byte
	start := -1
	sep := func() {
		if start < 0 {
			notes = t.text.open()
			start = len(notes)
		} else {
			notes = append(notes, "; "...)
		}
	}
	points, weight := 0, 0
	if len(p.Phones) > 0 {
		// f.location is the location folded, as countryOf folds it.
		country := countryOf(f.location)
		for _, ph := range p.Phones {
			cc := callingCode(ph)
			if cc == "" || country == "" {
				continue
			}
			if want, ok := countryCodes[country]; ok && want != cc {
				sep()
				notes = append(append(append(append(notes, "a +"...), cc...), " phone number for someone in "...), titleCase(country)...)
				points -= 5
				weight++
			}
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
		if employer && hostIn(dom, e.vocab.freeMail) {
			sep()
			notes = append(append(append(notes, "a free-mail address ("...), dom...), ") for someone who claims to work at "...)
			notes = appendClip(notes, p.Company, 40)
			points -= 2
		}
	}
	if start < 0 {
		return skip(f, "contact details (if any) fit the profile")
	}
	r := fire(max(points, -20), t.text.keep(notes))
	if weight > 0 {
		r = r.with(evForeignPhone, weight)
	}
	return r
}

// --- note -----------------------------------------------------------------

func rulePersonalNote(e *Engine, f *facts, t *tallies) result {
	if !f.personal {
		if !f.explain {
			return result{}
		}
		switch {
		case !f.hasNote:
			return skip(f, "no note")
		case f.defaultNote:
			return skip(f, "the note is LinkedIn's stock text")
		case f.placeholder != "":
			return skip(f, "the note is a template")
		case len(f.noteWords) < 4:
			return skip(f, fmt.Sprintf("the note is too short to say anything (%q)", clip(f.inv.Message, 40)))
		case len(f.pitch) > 0:
			return skip(f, "the note is a sales pitch")
		case f.noteScam:
			return skip(f, "the note carries scam talk")
		case f.greetsOther:
			return skip(f, "the note greets "+titleCase(f.greetName)+", not you")
		case len(f.massPhrases) > 0:
			return skip(f, "the note is a stock mass-invitation phrase ("+quoteList(f.massPhrases)+") with nothing specific to you")
		case f.unreadNote:
			return skip(f, "the note is in a language linkvet has no vocabulary for ("+f.language+")")
		default:
			return skip(f, "the note neither says who they are nor why they connect")
		}
	}
	switch {
	case len(f.noteShared) > 0:
		return fire(20, t.list("the note mentions ", f.noteShared, ", which you share"))
	case f.noteIntro && f.noteReason:
		return fire(15, t.clip("the note says who they are and why they connect: “", f.inv.Message, 90, "”"))
	default:
		return fire(12, t.clip("a personal note: “", f.inv.Message, 90, "”"))
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
		// Tokens into a scratch slice, dates dropped in place: no
		// allocation per shared item.
		f.scratch = significant(fold.AppendWords(f.scratch[:0], s.folded))
		if containsSeq(f.noteWords, f.scratch) {
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
	out := words[:0]
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

func ruleNoNote(e *Engine, f *facts, t *tallies) result {
	if f.hasNote {
		return skip(f, "a note came with the invitation")
	}
	return fire(-5, "no note came with the invitation")
}

func ruleDefaultNote(e *Engine, f *facts, t *tallies) result {
	if f.hasNote && f.defaultNote {
		return fire(-3, "the note is LinkedIn's stock invitation text, not written for you")
	}
	return skip(f, "not LinkedIn's stock text")
}

func rulePlaceholder(e *Engine, f *facts, t *tallies) result {
	if f.placeholder != "" {
		return fire(-12, t.cat("the note still holds the template placeholder ", f.placeholder, ": sent in bulk"))
	}
	return skip(f, "no template placeholder left in the note")
}

func ruleNoteLength(e *Engine, f *facts, t *tallies) result {
	if !f.hasNote || f.defaultNote {
		return skip(f, "no personal note to measure")
	}
	var buf [8]int32
	history := f.appendFind(buf[:0], lxHistory, f.spNote)
	switch {
	case f.noteSentences >= 5 || (f.noteSentences >= 3 && len(history) > 0) || f.noteRunes > 600:
		b := append(t.text.open(), "a long note: "...)
		b = strconv.AppendInt(b, int64(f.noteSentences), 10)
		b = append(b, " sentences"...)
		if len(history) > 0 {
			b = append(b, " reciting a career ("...)
			b = appendQuoted(b, len(history), func(i int) (string, string, string) {
				return f.entry(lxHistory, history[i]).phrase, "", ""
			})
			b = append(b, ')')
		}
		b = append(b, "; one or two sentences are best"...)
		return fire(-3, t.text.keep(b))
	case f.noteSentences <= 2 && len(f.noteWords) >= 6:
		return fire(3, t.cat("short and to the point (", strconv.Itoa(f.noteSentences), " sentence", plural(f.noteSentences), ")"))
	}
	return skipf(f, func() string { return fmt.Sprintf("a note of %d sentences, neither short nor long", f.noteSentences) })
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// pluralY ends "entr" as "entry" or "entries".
func pluralY(n int) string {
	if n == 1 {
		return "y"
	}
	return "ies"
}

func rulePitch(e *Engine, f *facts, t *tallies) result {
	if len(f.pitch) == 0 {
		var buf [8]int32
		if found := f.appendFind(buf[:0], lxPitch, f.spNote); len(found) == 1 {
			if !f.explain {
				return result{}
			}
			return skip(f, "mentions "+quoteList(f.phrasesOf(lxPitch, found))+", but nothing else of a pitch")
		}
		return skip(f, "no sales pitch in the note")
	}
	return fire(-12, t.list("an unsolicited sales pitch: ", f.pitch, ""))
}

func ruleMassInvite(e *Engine, f *facts, t *tallies) result {
	found := f.massPhrases
	if len(found) == 0 {
		return skip(f, "nothing suggests a mass invitation")
	}
	if f.personal {
		if !f.explain {
			return result{}
		}
		return skip(f, "a stock phrase ("+quoteList(found)+"), but the note is specific to you")
	}
	return fire(-6, t.list("reads like a mass invitation sent by job title: ", found, ""))
}

// --- network --------------------------------------------------------------

func ruleMutual(e *Engine, f *facts, t *tallies) result {
	bar := e.pol.MinMutual
	switch {
	case f.mutual < 0:
		return skip(f, "the number of mutual connections is unknown")
	case f.mutual >= bar && f.mutual > 0:
		// "%d mutual connection%s (at least %d)%s"
		b := strconv.AppendInt(t.text.open(), int64(f.mutual), 10)
		b = append(append(b, " mutual connection"...), plural(f.mutual)...)
		b = strconv.AppendInt(append(b, " (at least "...), int64(bar), 10)
		b = appendMutualNames(append(b, ')'), f)
		return fire(10, t.text.keep(b))
	case f.mutual == 0:
		return fire(-8, t.cat("no mutual connections; fewer than ", strconv.Itoa(bar), " is a red flag"))
	default:
		// "only %d mutual connection%s%s; fewer than %d is a red flag"
		b := strconv.AppendInt(append(t.text.open(), "only "...), int64(f.mutual), 10)
		b = append(append(b, " mutual connection"...), plural(f.mutual)...)
		b = appendMutualNames(b, f)
		b = strconv.AppendInt(append(b, "; fewer than "...), int64(bar), 10)
		b = append(b, " is a red flag"...)
		return fire(-3, t.text.keep(b))
	}
}

// appendMutualNames appends ", among them" and the mutual connections
// named, when any are.
func appendMutualNames(dst []byte, f *facts) []byte {
	if len(f.inv.MutualNames) == 0 {
		return dst
	}
	return appendQuoteList(append(dst, ", among them "...), f.inv.MutualNames)
}

var sharedPoints = map[string]int{"company": 10, "school": 8, "event": 6, "group": 5, "industry": 6, "interest": 4, "location": 3}

func ruleCommonGround(e *Engine, f *facts, t *tallies) result {
	if f.impostorOf != "" || len(f.lostAccount) > 0 {
		return skip(f, "what an impostor claims to share is no common ground")
	}
	if len(f.shared) == 0 {
		if e.pol.Me.Empty() && f.inv.Shared.Empty() {
			return skip(f, "nothing known in common (tell linkvet about yourself under me: in the policy)")
		}
		return skip(f, "nothing in common found")
	}
	pts := 0
	for _, s := range f.shared {
		pts += sharedPoints[s.kind]
	}
	// "you share " and the quoted list of "kind value"
	b := appendQuoted(append(t.text.open(), "you share "...), len(f.shared), func(i int) (string, string, string) {
		return f.shared[i].kind, " ", f.shared[i].value
	})
	return fire(min(pts, 20), t.text.keep(b))
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

func ruleInteraction(e *Engine, f *facts, t *tallies) result {
	pts := 0
	var b []byte
	n := -1
	for _, k := range f.inv.Interactions {
		if p, ok := interactionPoints[k]; ok {
			pts += p
			if n < 0 {
				b = append(t.text.open(), "prior contact: "...)
				n = len(b)
			} else {
				b = append(b, ", "...)
			}
			b = append(b, interactionWords[k]...)
		}
	}
	if n < 0 {
		return skip(f, "no prior interaction known")
	}
	return fire(min(pts, 20), t.text.keep(b))
}

func ruleOutsideField(e *Engine, f *facts, t *tallies) result {
	if len(e.me.industries) == 0 || f.industry == "" {
		return skip(f, "your industry or theirs is unknown")
	}
	if len(f.shared) > 0 || f.personal || f.unreadNote {
		return skip(f, "something in common or a personal note (or one linkvet cannot read) outweighs the field")
	}
	for _, ind := range e.me.industries {
		if ind == f.industry {
			return skip(f, "works in your industry")
		}
	}
	return fire(-4, t.clip("works in ", f.inv.Person.Industry, 50, ", outside your field, with nothing in common"))
}

// --- profile --------------------------------------------------------------

func rulePhoto(e *Engine, f *facts, t *tallies) result {
	switch f.inv.Person.Photo {
	case linkvet.PhotoReal:
		return fire(3, "a real profile photo")
	case linkvet.PhotoNone:
		return fire(-6, "no profile photo; pictureless profiles are often bots").with(evNoPhoto, 1)
	case linkvet.PhotoStock:
		return fire(-8, "the photo is a stock or reused image").with(evStockPhoto, 2)
	case linkvet.PhotoGenerated:
		return fire(-10, "the photo looks AI-generated").with(evGeneratedPhoto, 2)
	}
	return skip(f, "the photo is unknown")
}

func ruleWorkHistory(e *Engine, f *facts, t *tallies) result {
	x := f.inv.Person.Experience
	switch {
	case x == nil:
		return skip(f, "the work history is unknown")
	case len(x) == 0:
		return fire(-4, "no work history on the profile").with(evNoHistory, 1)
	case len(x) == 1:
		b := appendClipJoin(append(t.text.open(), "one position listed ("...), x[0].Title, " at ", x[0].Company, 60)
		return fire(2, t.text.keep(append(b, ')')))
	}
	return fire(4, t.cat("a work history of ", strconv.Itoa(len(x)), " positions"))
}

func ruleEducationSkills(e *Engine, f *facts, t *tallies) result {
	p := &f.inv.Person
	if len(p.Education) == 0 && len(p.Skills) < 3 {
		if n := len(p.Skills); n > 0 {
			return skipf(f, func() string {
				return "no school listed and only " + strconv.Itoa(n) + " skill" + plural(n) + " (3 or more count)"
			})
		}
		return skip(f, "no education or skills listed (or unknown)")
	}
	pts := 0
	// "the profile lists %d school%s and %d skills"
	b := append(t.text.open(), "the profile lists "...)
	n := len(b)
	if len(p.Education) > 0 {
		b = strconv.AppendInt(b, int64(len(p.Education)), 10)
		b = append(append(b, " school"...), plural(len(p.Education))...)
		pts += 2
	}
	if len(p.Skills) >= 3 {
		if len(b) > n {
			b = append(b, " and "...)
		}
		b = append(strconv.AppendInt(b, int64(len(p.Skills)), 10), " skills"...)
		pts += 2
	}
	return fire(pts, t.text.keep(b))
}

func ruleRecommendations(e *Engine, f *facts, t *tallies) result {
	r := f.inv.Person.Recommendations
	if r == nil || *r <= 0 {
		return skip(f, "no recommendations known")
	}
	return fire(min(3+*r/3, 6), t.cat(strconv.Itoa(*r), " recommendation", plural(*r), " from other members"))
}

func ruleBlankProfile(e *Engine, f *facts, t *tallies) result {
	p := &f.inv.Person
	blank := p.Headline == "" && p.About == "" && p.Title == "" && (p.Experience != nil && len(p.Experience) == 0)
	thin := p.Photo == linkvet.PhotoNone && p.Headline == "" && p.About == ""
	if !blank && !thin {
		return skip(f, "the profile is not known to be blank")
	}
	nophoto := ""
	if p.Photo == linkvet.PhotoNone {
		nophoto = ", no photo"
	}
	return fire(-8, t.cat("a blank profile: no headline, no about text", nophoto)).with(evBlankProfile, 1)
}

func ruleVerified(e *Engine, f *facts, t *tallies) result {
	if isTrue(f.verified) {
		return fire(8, "LinkedIn's verification badge")
	}
	return skip(f, "no verification badge (or unknown)")
}

func ruleAccountAge(e *Engine, f *facts, t *tallies) result {
	m := f.ageMonths
	switch {
	case m < 0:
		return skip(f, "the account's age is unknown")
	case m < 3:
		return fire(-6, t.cat("the account is ", strconv.Itoa(m), " month", plural(m), " old")).with(evNewAccount, 1)
	case m < 12:
		return fire(-2, t.cat("a young account (", strconv.Itoa(m), " months)"))
	case m >= 60:
		return fire(2, t.cat("a member for ", strconv.Itoa(m/12), " years"))
	}
	return skipf(f, func() string { return fmt.Sprintf("an account of ordinary age (%d months)", m) })
}

func ruleConnectionCount(e *Engine, f *facts, t *tallies) result {
	c := f.connections
	switch {
	case c < 0:
		return skip(f, "the connection count is unknown")
	case c < 30:
		return fire(-4, t.cat("only ", strconv.Itoa(c), " connections")).with(evFewConnections, 1)
	case c >= 500:
		// Seed 003: never accept just because someone has many connections.
		return fire(0, "500+ connections, which on its own says nothing")
	}
	return skipf(f, func() string { return fmt.Sprintf("%d connections, an ordinary count", c) })
}

func ruleGenericTitle(e *Engine, f *facts, t *tallies) result {
	// Only a headline that is nothing but a generic title counts: "CEO" is
	// a red flag, "CEO at Northwind" is not.
	sp := f.spHeadline
	if sp.to == sp.from {
		sp = span{f.spHeadline.to + 1, f.spHeadTitle.to} // the title, when there is no headline
	}
	if sp.to <= sp.from {
		return skip(f, "no headline")
	}
	// Covered tokens are those inside a generic-title phrase; what is left
	// over may be a few letters ("a", "&") but no word of substance.
	var covered [64]bool
	for _, h := range f.hits {
		if h.lx != lxGeneric || !sp.holds(h.pos) {
			continue
		}
		for p := int(h.pos); p < min(int(h.pos)+int(f.entry(lxGeneric, h.id).ntok), sp.to); p++ {
			if p-sp.from < len(covered) {
				covered[p-sp.from] = true
			}
		}
	}
	left, any := 0, false
	for p := sp.from; p < sp.to; p++ {
		if p-sp.from < len(covered) && covered[p-sp.from] {
			any = true
			continue
		}
		left += utf8.RuneCountInString(f.words[p])
	}
	if !any || left > 3 {
		return skip(f, "the headline says something specific")
	}
	return fire(-3, t.text.keep(append(appendClipJoin(append(t.text.open(), "a generic headline that says nothing about a real job: “"...),
		f.inv.Person.Headline, "", f.inv.Person.Title, 40), "”"...))).with(evGenericTitle, 1)
}

func ruleSuspiciousName(e *Engine, f *facts, t *tallies) result {
	name := strings.TrimSpace(f.inv.Person.Name)
	if name == "" {
		return skip(f, "no name")
	}
	why, k := nameOddity(name, f.nameWords)
	switch k {
	case evNone:
		return skip(f, "the name looks ordinary")
	case evBidiName:
		return fire(-8, t.cat(why, ": a way to make text around it read in the wrong order")).with(k, 2)
	}
	return fire(-4, t.whyClip(why, name)).with(k, 1)
}

func ruleFamousName(e *Engine, f *facts, t *tallies) result {
	var buf [8]int32
	found := f.appendFind(buf[:0], lxFamous, f.spName)
	if len(found) == 0 {
		return skip(f, "not a famous name")
	}
	name := f.entry(lxFamous, found[0]).phrase
	if isTrue(f.verified) {
		return skipf(f, func() string { return "a famous name (" + name + "), and verified" })
	}
	return fire(-20, t.cat("uses the name of ", titleCase(name), " without LinkedIn's verification badge: likely an impersonation")).with(evFamousName, 3)
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

func ruleParody(e *Engine, f *facts, t *tallies) result {
	found := append(f.found(lxParody, f.spName), f.found(lxParody, f.spProfile)...)
	if len(found) == 0 {
		return skip(f, "no parody or fan-account markers")
	}
	return fire(-15, t.list("calls itself ", found, ": not a real professional account")).with(evParody, 3)
}

func ruleRecruiter(e *Engine, f *facts, t *tallies) result {
	title := f.recruiterTitle
	switch {
	case title == "":
		return skip(f, "not a recruiter")
	case f.peerWhy != "":
		return fire(0, t.cat("a recruiter (", title, ") who ", f.peerWhy, ": a peer"))
	case f.recruiterBlasting():
		return fire(-6, t.cat("a recruiter (", title, ") with no note, no mutuals and nothing in common: likely a mass invitation"))
	}
	return fire(0, t.cat("a recruiter (", title, "); worth reviewing for career opportunities"))
}

func ruleSalesperson(e *Engine, f *facts, t *tallies) result {
	title := f.salesTitle
	switch {
	case title == "":
		return skip(f, "not a salesperson")
	case f.peerWhy != "":
		return fire(0, t.cat("in sales (", title, ") and ", f.peerWhy, ": a peer, not someone selling to you"))
	case f.commonGround():
		return fire(0, t.cat("in sales (", title, "), and relevant to you through what you share"))
	}
	return fire(-4, t.cat("in sales (", title, ") with nothing in common: likely prospecting"))
}

// --- impersonation, language, greeting --------------------------------------

// ruleImpersonation: someone using the name of one of the user's known
// people from another profile, or saying their old account was lost, is
// posing as someone the user trusts. As serious as a blocked person.
func ruleImpersonation(e *Engine, f *facts, t *tallies) result {
	switch {
	case f.impostorOf != "":
		return fire(-40, t.cat("uses the name of ", f.impostorOf, ", whom you know, but from another profile or e-mail address: an impostor")).with(evImpersonation, 3)
	case len(f.lostAccount) > 0:
		return fire(-40, t.list("says their old account was lost or locked (", f.lostAccount, "): the usual story of an impostor of someone you know")).with(evImpersonation, 3)
	}
	return skipf(f, func() string {
		return fmt.Sprintf("does not pose as anyone you know (%d known people by name)", len(e.knownNames))
	})
}

func ruleNoteLanguage(e *Engine, f *facts, t *tallies) result {
	if !f.unreadNote {
		if f.language == "" {
			return skip(f, "the note's language is not told apart (or there is no note)")
		}
		return skipf(f, func() string { return "the note is in " + f.language + ", which linkvet reads" })
	}
	return fire(0, t.cat("the note is in a language linkvet has no vocabulary for (", f.language, "): judged on its structure alone, and its words never count against the sender"))
}

func ruleSomeoneElse(e *Engine, f *facts, t *tallies) result {
	if !f.greetsOther {
		if f.greetName != "" {
			if !f.explain {
				return result{}
			}
			return skip(f, "the note greets "+titleCase(f.greetName)+", which is you")
		}
		return skip(f, "the note greets nobody by a name linkvet can compare with yours")
	}
	return fire(-5, t.cat("the note greets ", titleCase(f.greetName), ", not ", titleCase(e.me.nameWords[0]), ": it was meant for someone else"))
}
