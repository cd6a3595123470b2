package screen

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
)

// bars are the score thresholds of a style. Seed 001's two schools of
// thought: the open networker accepts most humans who show some intent, the
// curator only people with clear common ground; balanced sits between.
type bars struct {
	accept, ask, decline int
	strangerMax          linkvet.Action // the most a stranger can get
}

// styleBars is the one table of bars; the guide's table is tested against
// it (TestGuideBarsTable).
var styleBars = []struct {
	style linkvet.Style
	bars  bars
}{
	{linkvet.Open, bars{accept: 8, ask: -4, decline: -30, strangerMax: linkvet.Accept}},
	{linkvet.Balanced, bars{accept: 20, ask: 5, decline: -22, strangerMax: linkvet.Ask}},
	{linkvet.Curated, bars{accept: 30, ask: 12, decline: -15, strangerMax: linkvet.Ignore}},
}

// Thresholds of the decision, in one place.
const (
	scammerWeight     = 3    // scam evidence that makes a scammer
	fakeWeight        = 3    // fake-profile evidence that makes a fake
	minAcceptConf     = 0.4  // an accept needs at least this confidence
	thinConfidenceCap = 0.45 // a verdict missing what matters is at most this sure
)

func barsFor(s linkvet.Style) bars {
	for _, b := range styleBars {
		if b.style == s {
			return b.bars
		}
	}
	return styleBars[1].bars
}

// decision is the action being reached, and how.
type decision struct {
	action linkvet.Action
	// hard: reached by precedence (blocked, scam, known, disqualify, ...),
	// so neither the score nor a learned opinion may soften it.
	hard  bool
	floor linkvet.Action // user rules and opinions cannot go more lenient than this
	// path says how the action was reached. It is only written when
	// explaining (Explanation.Path), so that screening does not format
	// sentences nobody reads.
	path    string
	report  bool
	explain bool
}

// explained returns the sentence build writes when explaining, else "".
func explained(f *facts, build func() string) string {
	if !f.explain {
		return ""
	}
	return build()
}

// rank orders actions from most welcoming (0) to harshest (4).
func rank(a linkvet.Action) int {
	for i, x := range linkvet.Actions {
		if x == a {
			return i
		}
	}
	return 2
}

func (e *Engine) decide(f *facts, t *tallies, v *linkvet.Verdict) decision {
	d := e.precedence(f, t, v)
	d.explain = f.explain
	return d
}

// precedence reaches the decision by precedence, when one applies, else
// leaves it to the score against the style's bars (finish).
func (e *Engine) precedence(f *facts, t *tallies, v *linkvet.Verdict) decision {
	style := e.pol.Style
	if style == "" {
		style = linkvet.Balanced
	}
	switch {
	case f.blocked:
		v.Category = linkvet.Blocked
		return decision{action: linkvet.Block, hard: true, floor: linkvet.Block, report: t.scam >= scammerWeight,
			path: "blocked wins over everything: the sender is on your blocked list"}
	case t.scam >= scammerWeight || (t.scam >= 2 && t.fake >= 2 && !isTrue(f.verified)):
		// A fake-looking profile carrying scam talk is a scammer even when
		// either alone would fall short.
		v.Category = linkvet.Scammer
		firstReason(v, "impersonation")
		return decision{action: linkvet.Block, hard: true, floor: linkvet.Block, report: true,
			path: explained(f, func() string {
				return fmt.Sprintf("scam evidence of weight %d (%s) wins over everything but the blocked list", t.scam, strings.Join(t.whats(toScam), ", "))
			})}
	case t.has(evImpersonation):
		// Posing as someone the user trusts is as serious as a blocked
		// sender getting through: decline, report, and say so first.
		v.Category = linkvet.Fake
		firstReason(v, "impersonation")
		return decision{action: linkvet.Decline, hard: true, floor: linkvet.Decline, report: true,
			path: "poses as someone you know: decline and report"}
	case f.known:
		v.Category = linkvet.KnownContact
		return decision{action: linkvet.Accept, hard: true, floor: linkvet.Accept,
			path: "a known person is accepted unless blocked or clearly a scam"}
	}

	v.Category = e.category(f)
	switch {
	case t.fake >= fakeWeight && !isTrue(f.verified):
		v.Category = linkvet.Fake
		// Reported when the profile imitates someone (a generated face, a
		// famous name, a parody) or carries scam evidence too; a merely
		// thin profile is declined without a report.
		return decision{action: linkvet.Decline, hard: true, floor: linkvet.Decline, report: t.impersonation() || t.scam > 0,
			path: explained(f, func() string {
				return fmt.Sprintf("fake-profile evidence of weight %d (%s): decline", t.fake, strings.Join(t.whats(toFake), ", "))
			})}
	case len(f.disqualified) > 0 || len(f.promoted) > 0:
		return decision{action: linkvet.Decline, hard: true, floor: linkvet.Decline,
			path: explained(f, func() string {
				return "your disqualify list matched " + quoteList(append(append([]string(nil), f.disqualified...), f.promoted...)) + ": decline"
			})}
	case f.competitor != "":
		v.Category = linkvet.Competitor
		return decision{action: linkvet.Decline, hard: true, floor: linkvet.Decline,
			path: explained(f, func() string { return "works for " + f.competitor + ", a competitor: decline" })}
	case len(f.controversial) > 0 && e.pol.DeclineControversial:
		return decision{action: linkvet.Decline, hard: true, floor: linkvet.Decline,
			path: explained(f, func() string {
				return "you opted to decline highly political or controversial profiles: " + quoteList(f.controversial)
			})}
	}
	return decision{path: explained(f, func() string { return string(style) + " style" })}
}

// category places a sender who is neither blocked, a scammer, known nor fake
// in seed 003's table.
func (e *Engine) category(f *facts) linkvet.Category {
	switch {
	case f.competitor != "":
		return linkvet.Competitor
	case len(f.pitch) > 0:
		return linkvet.Salesperson // selling to the user, whatever their title
	case f.peerWhy != "":
		// A sales or recruiting title at the user's own company or in the
		// user's own line of work is a peer's, not someone selling or hiring.
		return linkvet.IndustryPeer
	case f.recruiterTitle != "":
		return linkvet.Recruiter
	case f.salesTitle != "":
		return linkvet.Salesperson
	case f.inv.HasInteraction(linkvet.MetInPerson):
		return linkvet.KnownContact
	case f.commonGround():
		return linkvet.IndustryPeer
	case isTrue(f.verified):
		return linkvet.Verified
	}
	return linkvet.Stranger
}

// commonGround: something in common beyond living in the same city.
func (f *facts) commonGround() bool {
	for _, s := range f.shared {
		if s.kind != "location" {
			return true
		}
	}
	return false
}

// firstReason moves the reason of rule to the front: the one that decided.
func firstReason(v *linkvet.Verdict, rule string) {
	for i, r := range v.Reasons {
		if r.Rule == rule && i > 0 {
			copy(v.Reasons[1:i+1], v.Reasons[:i])
			v.Reasons[0] = r
			return
		}
	}
}

func isTrue(b *bool) bool { return b != nil && *b }

// userRules runs the policy's CEL rules: points add to the score, a forced
// action replaces the verdict, but no rule can make a blocked sender or a
// detected scam more welcome.
func (e *Engine) userRules(f *facts, v *linkvet.Verdict, x *Explanation, d *decision) {
	if len(e.pol.Rules) == 0 {
		return
	}
	in := &policy.RuleInput{Invitation: f.inv, Category: v.Category, Intent: e.intent(f, v.Category), Score: v.Score, Now: f.now, Me: &e.pol.Me}
	for _, r := range e.pol.Rules {
		ok, err := r.Match(in)
		t := Trial{Family: "user"}
		if ok || err != nil || f.explain {
			t.Rule = "user:" + r.Name // only named when it gives a reason or is explained
		}
		switch {
		case err != nil:
			t.Detail = "rule failed: " + err.Error()
			v.Reasons = append(v.Reasons, linkvet.Reason{Rule: t.Rule, Points: 0, Detail: t.Detail})
		case !ok:
			t.Detail = "the condition " + r.When + " is false"
		default:
			t.Fired, t.Points = true, r.Points
			t.Detail = r.Reason
			if t.Detail == "" {
				t.Detail = "your rule " + r.Name + " matched"
			}
			v.Reasons = append(v.Reasons, linkvet.Reason{Rule: t.Rule, Points: r.Points, Detail: t.Detail})
			v.Score += r.Points
			in.Score = v.Score
			if r.Report {
				d.report = true
			}
			if r.Action != "" {
				e.force(d, r.Action, "your rule "+r.Name)
			}
		}
		if f.explain {
			x.Trials = append(x.Trials, t)
		}
	}
}

// force applies an action from a user rule, within precedence: it may
// always make the verdict stricter, and more lenient only above the floor.
func (e *Engine) force(d *decision, a linkvet.Action, by string) {
	if d.floor != "" && rank(a) < rank(d.floor) {
		if d.explain {
			d.path += "; " + by + " asked for " + string(a) + ", which cannot override this"
		}
		return
	}
	d.action, d.hard = a, true
	if d.explain {
		d.path = by + " sets the action to " + string(a)
	}
}

// learned turns the classifier's opinion into one more reason, never an
// override.
func (e *Engine) learned(f *facts, v *linkvet.Verdict, x *Explanation, d *decision) {
	if e.opinion == nil {
		return
	}
	o := e.opinionOf(f)
	t := Trial{Rule: "learned", Family: "learned"}
	if !o.Enough {
		t.Detail = "no opinion yet: " + o.Why
	} else {
		pts := learnedPoints(o)
		if f.blocked || v.Category == linkvet.Scammer || (v.Category == linkvet.Fake && d.report) {
			pts = min(pts, 0) // never a reason to welcome a blocked sender or a scam
		}
		t.Fired, t.Points = true, pts
		// Built in one buffer: this runs for every invitation once a
		// classifier is trained.
		b := make([]byte, 0, 128)
		b = append(b, "like invitations you chose to "...)
		b = append(b, o.Action...)
		b = append(b, " ("...)
		b = strconv.AppendFloat(b, o.Prob*100, 'f', 0, 64)
		b = append(b, "% sure)"...)
		if len(o.Words) > 0 {
			w := o.Words
			if len(w) > 5 {
				w = w[:5]
			}
			b = appendQuoteList(append(b, ": "...), w)
		}
		t.Detail = string(b)
		v.Reasons = append(v.Reasons, linkvet.Reason{Rule: t.Rule, Points: t.Points, Detail: t.Detail})
		v.Score += pts
	}
	if f.explain {
		x.Trials = append(x.Trials, t)
	}
}

// learnedPoints scales with confidence: at most +10 toward welcoming
// actions, -15 toward harsh ones (a wrongly declined real person is the
// costlier mistake, so the learned push toward decline needs more support
// from other rules to change the action).
func learnedPoints(o Learned) int {
	strength := math.Max(0, (o.Prob-0.5)*2) // 0 at a coin toss, 1 when certain
	switch o.Action {
	case linkvet.Accept:
		return int(math.Round(10 * strength))
	case linkvet.Ask:
		return int(math.Round(4 * strength))
	case linkvet.Ignore:
		return int(math.Round(-4 * strength))
	case linkvet.Decline:
		return int(math.Round(-12 * strength))
	case linkvet.Block:
		return int(math.Round(-15 * strength))
	}
	return 0
}

// finish settles the action for the non-precedence cases, applies the
// litmus test and the confidence gate, and fills intent, report, checklist
// and confidence.
func (e *Engine) finish(f *facts, t *tallies, v *linkvet.Verdict, d *decision) {
	v.Checklist = linkvet.Checklist{PersonalNote: f.personal, CommonGround: f.commonGround()}
	if f.mutual >= 0 {
		enough := f.mutual >= e.pol.MinMutual
		v.Checklist.EnoughMutuals = &enough
	}
	v.Intent = e.intent(f, v.Category)
	v.Confidence = e.confidence(f)
	v.Missing = missing(f)
	thin := !d.hard && (contains(v.Missing, "profile") ||
		contains(v.Missing, "headline") && contains(v.Missing, "mutual_connections"))
	if thin {
		v.Confidence = math.Min(v.Confidence, thinConfidenceCap)
	}

	if !d.hard {
		b := e.bars
		switch {
		case v.Score >= b.accept:
			d.action = linkvet.Accept
		case v.Score >= b.ask:
			d.action = linkvet.Ask
		case v.Score <= b.decline:
			d.action = linkvet.Decline
		default:
			d.action = linkvet.Ignore
		}
		if d.explain {
			switch d.action {
			case linkvet.Accept:
				d.path = fmt.Sprintf("%s: score %d reaches the accept bar of %d", d.path, v.Score, b.accept)
			case linkvet.Ask:
				d.path = fmt.Sprintf("%s: score %d is between the ask bar (%d) and the accept bar (%d)", d.path, v.Score, b.ask, b.accept)
			case linkvet.Decline:
				d.path = fmt.Sprintf("%s: score %d is at or below the decline bar of %d", d.path, v.Score, b.decline)
			default:
				d.path = fmt.Sprintf("%s: score %d is below the ask bar of %d", d.path, v.Score, b.ask)
			}
		}
		e.capByCategory(f, t, v, d)
		if d.action == linkvet.Accept {
			ok, detail := e.litmus(f, t, v)
			v.Reasons = append(v.Reasons, linkvet.Reason{Rule: "litmus_test", Points: 0, Detail: detail})
			if !ok {
				d.action = linkvet.Ask
				if d.explain {
					d.path += "; but the litmus test fails (" + strings.TrimPrefix(detail, litmusFails) + "), so ask first"
				}
			}
		}
		if d.action == linkvet.Accept && v.Confidence < minAcceptConf {
			d.action = linkvet.Ask
			if d.explain {
				d.path += fmt.Sprintf("; too little is known (confidence %.2f) to accept", v.Confidence)
			}
		}
	}
	if d.hard {
		// A precedence rule decided on firm ground: say so.
		switch v.Category {
		case linkvet.Blocked, linkvet.KnownContact:
			v.Confidence = math.Max(v.Confidence, 0.9)
		case linkvet.Scammer:
			v.Confidence = math.Max(v.Confidence, math.Min(0.97, 0.7+0.05*float64(t.scam)))
		default:
			v.Confidence = math.Max(v.Confidence, 0.6)
		}
	}
	if thin {
		v.Reasons = append(v.Reasons, linkvet.Reason{Rule: "missing_details", Points: 0, Detail: missingAdvice(v.Missing)})
	}
	if len(v.Reasons) == 0 {
		// Never a bare score: say that nothing spoke either way.
		v.Reasons = append(v.Reasons, linkvet.Reason{Rule: "too_little_known", Points: 0,
			Detail: "nothing in the invitation speaks for or against this person; add what their profile shows to judge better"})
	}
	v.Action = d.action
	v.Report = d.report
	v.Confidence = math.Round(v.Confidence*100) / 100
}

// capByCategory applies seed 003's recommendation for each kind of sender.
func (e *Engine) capByCategory(f *facts, t *tallies, v *linkvet.Verdict, d *decision) {
	lower := func(to linkvet.Action, why string) {
		if rank(d.action) < rank(to) {
			d.action = to
			if d.explain {
				d.path += "; " + why
			}
		}
	}
	switch v.Category {
	case linkvet.Stranger:
		switch {
		case e.vetted(f, t):
			// Seed 004: a personal note and enough mutual connections (or
			// prior contact) answer the checklist; the litmus test decides.
		case e.bars.strangerMax == linkvet.Accept && !(f.personal || f.mutual > 0 || len(f.inv.Interactions) > 0):
			lower(linkvet.Ask, "a stranger with no note, mutual or contact shows no intent yet")
		default:
			lower(e.bars.strangerMax, strangerAdvice(e.bars.strangerMax))
		}
	case linkvet.KnownContact:
		// Met in person: seed 003 accepts known contacts, unless something
		// speaks against them.
		if d.action == linkvet.Ask && t.fake == 0 && t.scam == 0 && len(f.pitch) == 0 {
			d.action = linkvet.Accept
			if d.explain {
				d.path += "; someone you met in person is a known contact"
			}
		}
	case linkvet.Salesperson:
		if len(f.pitch) > 0 {
			lower(linkvet.Ignore, "an unsolicited sales pitch")
			if v.Score <= e.bars.decline/2 {
				lower(linkvet.Decline, "a pitch with nothing else going for it")
			}
		} else if !f.commonGround() {
			lower(linkvet.Ask, "a salesperson is only worth accepting when relevant to you")
		}
	case linkvet.Verified:
		// Seed 003: a verified account is worth accepting. The badge settles
		// who they are; without any sign against them, the curated style
		// still asks, the others accept.
		if (d.action == linkvet.Ask || d.action == linkvet.Ignore) && t.fake == 0 && t.scam == 0 && len(f.pitch) == 0 && e.pol.Style != linkvet.Curated {
			d.action = linkvet.Accept
			if d.explain {
				d.path += "; a verified account with nothing against it is worth accepting"
			}
		}
	case linkvet.Recruiter:
		// Seed 003: review recruiters, and accept the ones who did their
		// homework; ignore the ones blasting invitations.
		if f.massInvite || (!f.personal && !f.unreadNote && f.mutual <= 0 && !f.commonGround()) {
			lower(linkvet.Ignore, "a recruiter blasting invitations without a note or anything in common")
		} else if d.action == linkvet.Ask && f.personal && t.fake == 0 && t.scam == 0 && e.pol.Style != linkvet.Curated {
			d.action = linkvet.Accept
			if d.explain {
				d.path += "; a recruiter who wrote a personal note is worth accepting"
			}
		}
	}
}

// vetted reports a stranger who answers seed 004's checklist without
// common ground: a personal note, and enough mutual connections or prior
// contact of their own making. The curated style still wants more.
func (e *Engine) vetted(f *facts, t *tallies) bool {
	if e.pol.Style == linkvet.Curated || !f.personal || t.fake > 0 || t.scam > 0 {
		return false
	}
	engaged := f.inv.HasInteraction(linkvet.EngagedWithYourContent) || f.inv.HasInteraction(linkvet.MessagedBefore) ||
		f.inv.HasInteraction(linkvet.AttendedSameEvent)
	return (f.mutual >= e.pol.MinMutual && f.mutual > 0) || engaged
}

func strangerAdvice(a linkvet.Action) string {
	switch a {
	case linkvet.Ignore:
		return "a stranger: your curated style leaves strangers pending"
	case linkvet.Ask:
		return "a stranger: ask them for context before accepting"
	}
	return "a stranger: your open style welcomes them"
}

// The litmus test's reason opens with whether it passed.
const (
	litmusPasses = "a real, relevant person: "
	litmusFails  = "not yet worth a call: "
)

// litmus is seed 004's final bar: would a call with this person be worth
// the time? It needs a real person (a photo, a badge, a history or
// recommendations, and no fake-profile signs) and a relevant one (a personal
// note, something in common, enough mutuals, or prior contact). It returns
// the litmus_test reason's detail: litmusPasses or litmusFails and why,
// written in one buffer.
func (e *Engine) litmus(f *facts, t *tallies, v *linkvet.Verdict) (bool, string) {
	p := &f.inv.Person
	verified := isTrue(f.verified)
	real := [...]bool{verified, p.Photo == linkvet.PhotoReal, len(p.Experience) > 0, p.Recommendations != nil && *p.Recommendations > 0}
	realWords := [...]string{"verified", "a real photo", "a work history", "recommendations"}
	mutuals := f.mutual >= e.pol.MinMutual && f.mutual > 0
	prior := f.inv.HasInteraction(linkvet.MetInPerson) || f.inv.HasInteraction(linkvet.MessagedBefore) ||
		f.inv.HasInteraction(linkvet.EngagedWithYourContent)
	relevant := [...]bool{f.personal, f.commonGround(), mutuals, v.Category == linkvet.Verified, prior}
	relevantWords := [...]string{"a personal note", "something in common", "", "a verified identity", "prior contact"}
	switch {
	case t.fake > 0 && !verified:
		b := append(t.text.open(), litmusFails+"the profile shows signs of being fake ("...)
		b = t.appendWhats(b, toFake)
		return false, t.text.keep(append(b, ')'))
	case real == [len(real)]bool{}:
		return false, litmusFails + "nothing shows a real person behind the profile"
	case relevant == [len(relevant)]bool{}:
		return false, litmusFails + "nothing shows why this person is relevant to you"
	}
	b := append(t.text.open(), litmusPasses...)
	start := len(b)
	for i, ok := range real {
		if ok {
			if len(b) > start {
				b = append(b, ", "...)
			}
			b = append(b, realWords[i]...)
		}
	}
	b = append(b, "; "...)
	start = len(b)
	for i, ok := range relevant {
		if !ok {
			continue
		}
		if len(b) > start {
			b = append(b, ", "...)
		}
		if i == 2 {
			b = append(strconv.AppendInt(b, int64(f.mutual), 10), " mutual connections"...)
		} else {
			b = append(b, relevantWords[i]...)
		}
	}
	return true, t.text.keep(b)
}

// intent guesses why the sender invites (seed 003's seven reasons).
func (e *Engine) intent(f *facts, c linkvet.Category) linkvet.Intent {
	has := func(l lex) bool { return f.has(l, f.spNote) }
	switch {
	case c == linkvet.Scammer || c == linkvet.Fake:
		return linkvet.Spam
	case has(lxMistake) || f.greetsOther:
		return linkvet.Mistake
	case len(f.pitch) > 0 || c == linkvet.Salesperson:
		return linkvet.Sell
	case c == linkvet.Recruiter:
		return linkvet.CareerOpportunity
	case has(lxKeepInTouch) || c == linkvet.KnownContact || f.inv.HasInteraction(linkvet.MetInPerson) || f.inv.HasInteraction(linkvet.MessagedBefore) || f.sharesKind("company"):
		return linkvet.KeepInTouch
	case has(lxIntroduce):
		return linkvet.IntroduceNetwork
	case has(lxLearn):
		return linkvet.LearnAboutYou
	case has(lxCareer):
		return linkvet.CareerOpportunity
	case f.inv.HasInteraction(linkvet.EngagedWithYourContent) || f.inv.HasInteraction(linkvet.FollowsYou):
		return linkvet.LearnAboutYou
	case f.hasNote && f.mutual >= e.pol.MinMutual:
		return linkvet.IntroduceNetwork
	}
	return linkvet.UnknownIntent
}

// confidence measures how much of what matters was known, from 0.15 (a name
// alone) to about 0.95 (everything).
func (e *Engine) confidence(f *facts) float64 {
	p := &f.inv.Person
	var have, total float64
	count := func(weight float64, known bool) {
		total += weight
		if known {
			have += weight
		}
	}
	count(1, f.hasNote)
	count(0.5, f.hasNote && !f.unreadNote) // a note linkvet cannot read says less
	count(1.5, f.mutual >= 0)
	count(1, p.Photo != "" && p.Photo != linkvet.PhotoUnknown)
	count(0.5, p.Verified != nil)
	count(0.5, p.Connections != nil)
	count(1, p.Experience != nil)
	count(1, p.Headline != "" || p.Title != "")
	count(0.5, p.Company != "" || p.Industry != "")
	count(0.5, p.Location != "")
	count(0.5, p.MemberSince != "")
	count(0.5, p.About != "")
	count(0.5, p.Education != nil || p.Skills != nil || p.Recommendations != nil)
	count(1, len(f.shared) > 0 || !e.pol.Me.Empty())
	count(0.5, len(f.inv.Interactions) > 0)
	return 0.15 + 0.8*have/total
}

// missing names the facts whose absence limits the verdict (invitation-v1.1
// section 4), in the order they matter most.
func missing(f *facts) []string {
	inv, p := f.inv, &f.inv.Person
	have := [...]bool{
		p.Headline == "" && p.Title == "",
		inv.MutualConnections == nil,
		(p.Photo == "" || p.Photo == linkvet.PhotoUnknown) && p.Experience == nil && p.About == "" &&
			p.Connections == nil && p.MemberSince == "" && p.Verified == nil,
		p.ProfileURL == "" && len(p.Emails) == 0,
		cutNote(inv.Message),
	}
	names := [...]string{"headline", "mutual_connections", "profile", "profile_url", "note"}
	n := 0
	for _, h := range have {
		if h {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n) // the verdict's own: sized once
	for i, h := range have {
		if h {
			out = append(out, names[i])
		}
	}
	return out
}

// cutNote reports a note that was cut short where it was copied from
// (LinkedIn's pages end a long note with "…" and "see more"). An absent
// note is not missing: no note means none was written.
func cutNote(note string) bool {
	n := strings.TrimRight(note, " \t\r\n")
	// No letter but K (U+212A) and İ (U+0130) lower-cases to ASCII, and
	// neither is in "see more": an ASCII fold of the end is ToLower's.
	const more = "see more"
	return strings.HasSuffix(n, "…") || len(n) >= len(more) && strings.EqualFold(n[len(n)-len(more):], more)
}

// missingAdvice says what is missing and how the user can get it without
// linkvet ever touching their account.
func missingAdvice(m []string) string {
	var a [512]byte
	b := append(a[:0], "judged on little: missing "...)
	for i, k := range m {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, missingNames[k]...)
	}
	b = append(b, ". To judge better, open their profile and use More → Save to PDF "+
		"(linkvet add --profile FILE.pdf), paste your Invitation Manager page (linkvet paste), or sync LinkedIn's invitation e-mails (linkvet mail sync)"...)
	return string(b)
}

// missingNames say what each fact missing is, for missingAdvice.
var missingNames = map[string]string{"headline": "their headline", "mutual_connections": "the mutual connections", "note": "the rest of the note",
	"profile": "their profile (photo, positions, about, account age)", "profile_url": "their profile link"}

// sharesKind reports something shared of kind (sharedKinds without the
// slice).
func (f *facts) sharesKind(kind string) bool {
	for _, s := range f.shared {
		if s.kind == kind {
			return true
		}
	}
	return false
}

// verdictReasons are the reasons the engine itself gives, beside the rules:
// listed here so that the guide's table covers every reason a verdict can
// hold (TestGuideRuleTable).
var verdictReasons = []rule{
	{name: "litmus_test", family: "verdict", points: "0", when: "the final bar for an accept, passed or not"},
	{name: "missing_details", family: "verdict", points: "0", when: "the verdict stands on little (no headline, mutual connections or profile details): says what is missing and how to get it"},
	{name: "too_little_known", family: "verdict", points: "0", when: "no other rule fired: nothing in the invitation speaks either way"},
	{name: "user:NAME", family: "user", points: "yours", when: "one of your rules fired"},
	{name: "learned", family: "learned", points: "−15 to +10", when: "the classifier's opinion, once trained"},
}
