package compose

import (
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// hookKind is the sort of common ground a message can refer to.
type hookKind int

const (
	hookNone      hookKind = iota
	hookMentioned          // a known item the other side's note brings up
	hookMet                // met in person
	hookEvent
	hookGroup
	hookInterest
	hookCompany         // a company both have worked at, neither there now as far as known
	hookColleague       // both work at the company now
	hookFormerColleague // a company both worked at, and the user knows them
	hookTheirsNow       // they work at the company now; the user did before
	hookSchool
	hookMutual
	hookEngaged // they engaged with the user's posts
	hookIndustry
	hookLocation
	hookTheirCompany // not shared: where they work
)

type hook struct {
	kind  hookKind
	value string
}

// facts is everything a message may say about the other person, already
// cleaned for interpolation (see clean). Values are "" when unknown.
type facts struct {
	first     string // first name; "" means a neutral greeting
	company   string // their current employer
	topic     string // a skill or interest of theirs the user shares
	mentioned string // a known item their note brings up
	event     string
	group     string
	interest  string // shown as shared
	shared    string // a company both have worked at
	school    string
	mutual    string
	industry  string
	location  string
	met       bool
	engaged   bool
	sameEvent bool

	// What the drafts know of the relationship (see relate).
	sharedKind hookKind // how both are linked to shared: hookCompany or a colleague kind
	known      bool     // the user knows them (a known contact, messaged before)
	positions  []linkvet.Position
	sentAt     *time.Time // when the invitation was sent, if known
}

// gather collects the facts for inv as seen by me. The note is only ever
// used to find which known item it mentions; none of its text is copied.
func gather(inv *linkvet.Invitation, me linkvet.Me) facts {
	p := &inv.Person
	f := facts{
		first:     firstName(p.Name),
		company:   clean(p.Company, maxItem),
		event:     firstClean(inv.Shared.Events),
		group:     firstClean(inv.Shared.Groups),
		interest:  firstClean(inv.Shared.Interests),
		shared:    firstClean(inv.Shared.Companies),
		school:    firstClean(inv.Shared.Schools),
		mutual:    firstClean(inv.MutualNames),
		met:       inv.HasInteraction(linkvet.MetInPerson),
		engaged:   inv.HasInteraction(linkvet.EngagedWithYourContent),
		sameEvent: inv.HasInteraction(linkvet.AttendedSameEvent),
	}
	if f.company == "" {
		for i, pos := range p.Experience {
			if i == maxListItems {
				break
			}
			if pos.End == "" {
				if f.company = clean(pos.Company, maxItem); f.company != "" {
					break
				}
			}
		}
	}
	if f.shared == "" {
		f.shared = sharedCompany(me.Companies, p)
	}
	if f.school == "" {
		for i, e := range p.Education {
			if i == maxListItems {
				break
			}
			if f.school = overlap(me.Schools, []string{e.School}); f.school != "" {
				break
			}
		}
	}
	// Their skills that are the user's interests or skills: what a
	// follow-up can ask about.
	f.topic = overlap(p.Skills, me.Interests)
	if f.topic == "" {
		f.topic = overlap(p.Skills, me.Skills)
	}
	if f.topic == "" {
		f.topic = f.interest
	}
	if overlap(me.Industries, []string{p.Industry}) != "" {
		f.industry = clean(p.Industry, maxItem)
	}
	if sameLocation(me.Location, p.Location) {
		f.location = clean(beforeComma(p.Location), maxItem)
	}
	if inv.Message != "" {
		f.mentioned = mentionedItem(inv, me)
	}
	f.positions = p.Experience
	if len(f.positions) > maxListItems {
		f.positions = f.positions[:maxListItems]
	}
	f.sentAt = inv.SentAt
	return f
}

// relate works out how the person and the user are linked through a
// company: both there now (colleagues), both there before and known to the
// user (former colleagues), the person there now and the user before, or
// both there at some time. The user's current company is the first of
// me.Companies ("current and former employers", current first) or one
// their headline names; the person's is their company or an open position.
func (f *facts) relate(inv *linkvet.Invitation, me linkvet.Me) {
	p := &inv.Person
	var theirs []string
	if strings.TrimSpace(p.Company) != "" {
		theirs = append(theirs, p.Company)
	}
	for i, pos := range p.Experience {
		if i == maxListItems {
			break
		}
		if pos.End == "" && strings.TrimSpace(pos.Company) != "" {
			theirs = append(theirs, pos.Company)
		}
	}
	if len(theirs) > 0 && len(me.Companies) > 0 {
		if c := overlap(theirs, me.Companies[:1]); c != "" {
			f.shared, f.sharedKind = c, hookColleague
			return
		}
		// Another of the user's companies is current when their headline
		// names it; folding the headline is only worth it then.
		if c := overlap(theirs, me.Companies[1:]); c != "" {
			headline := fold.Fields(me.Headline)
			for _, mine := range me.Companies[1:min(len(me.Companies), maxListItems)] {
				if seq := fold.Fields(mine); len(seq) > 0 && containsSeq(headline, seq) && overlap(theirs, []string{mine}) != "" {
					f.shared, f.sharedKind = clean(beforeComma(mine), maxItem), hookColleague
					return
				}
			}
		}
	}
	if f.shared == "" {
		return
	}
	switch {
	case f.known:
		f.sharedKind = hookFormerColleague
	case overlap(theirs, []string{f.shared}) != "":
		f.sharedKind = hookTheirsNow
	default:
		f.sharedKind = hookCompany
	}
}

// hasHistory reports whether the person's work history shows them at or
// working on item (a company, or a word of their job titles) for a year
// or more, or for a time not known: such a person is not asked how they
// find it "so far".
func (f *facts) hasHistory(item string) bool {
	// An item without tokens is in no history: mentions is false for it.
	ref := ""
	if f.sentAt != nil {
		ref = f.sentAt.UTC().Format("2006-01")
	}
	for _, pos := range f.positions {
		for _, d := range [...]string{pos.Start, pos.End} {
			if d > ref {
				ref = d
			}
		}
	}
	for _, pos := range f.positions {
		var buf [16]string
		company, raw := scanTokens(buf[:0], pos.Company)
		if !mentionsIn(pos.Company, company, raw, item) {
			title, raw := scanTokens(buf[:0], pos.Title)
			if !mentionsIn(pos.Title, title, raw, item) {
				continue
			}
		}
		end := pos.End
		if end == "" {
			end = ref
		}
		m, ok := monthsBetween(pos.Start, end)
		if !ok || m >= 12 {
			return true
		}
	}
	return false
}

// monthsBetween counts the months from a to b, both YYYY-MM; ok is false
// when either is not a date.
func monthsBetween(a, b string) (int, bool) {
	ay, am, ok1 := yearMonth(a)
	by, bm, ok2 := yearMonth(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	return (by-ay)*12 + bm - am, true
}

func yearMonth(s string) (y, m int, ok bool) {
	if len(s) < 7 || s[4] != '-' {
		return 0, 0, false
	}
	for i, c := range s[:7] {
		if i != 4 && (c < '0' || c > '9') {
			return 0, 0, false
		}
	}
	y = int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m = int(s[5]-'0')*10 + int(s[6]-'0')
	return y, m, m >= 1 && m <= 12
}

// best returns the most specific common ground, in the order a person
// would find most natural to hear about it.
func (f *facts) best() hook {
	switch {
	case f.mentioned != "":
		return hook{hookMentioned, f.mentioned}
	case f.met:
		return hook{hookMet, ""}
	case f.event != "":
		return hook{hookEvent, f.event}
	case f.group != "":
		return hook{hookGroup, f.group}
	case f.interest != "":
		return hook{hookInterest, f.interest}
	case f.shared != "":
		if f.sharedKind != hookNone {
			return hook{f.sharedKind, f.shared}
		}
		return hook{hookCompany, f.shared}
	case f.school != "":
		return hook{hookSchool, f.school}
	case f.mutual != "":
		return hook{hookMutual, f.mutual}
	case f.engaged:
		return hook{hookEngaged, ""}
	case f.topic != "":
		// Inferred from their skills, so weaker than what LinkedIn shows
		// as shared.
		return hook{hookInterest, f.topic}
	case f.industry != "":
		return hook{hookIndustry, f.industry}
	case f.location != "":
		return hook{hookLocation, f.location}
	case f.company != "":
		return hook{hookTheirCompany, f.company}
	}
	return hook{}
}

// overlap returns the first item of a (cleaned) that is also in b, folded.
func overlap(a, b []string) string {
	for i, x := range a {
		if i == maxListItems {
			break
		}
		if strings.TrimSpace(x) == "" {
			continue
		}
		for j, y := range b {
			if j == maxListItems {
				break
			}
			if foldEqual(x, y) {
				if c := clean(beforeComma(x), maxItem); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

// sharedCompany returns a company of the user's that the person works or
// worked at.
func sharedCompany(mine []string, p *linkvet.Person) string {
	if len(mine) == 0 {
		return ""
	}
	if c := overlap(mine, []string{p.Company}); c != "" {
		return c
	}
	for i, pos := range p.Experience {
		if i == maxListItems {
			break
		}
		if c := overlap(mine, []string{pos.Company}); c != "" {
			return c
		}
	}
	return ""
}

// sameLocation compares the city part of two locations ("Berlin, Germany"
// and "Berlin" are the same place).
func sameLocation(a, b string) bool {
	a, b = strings.TrimSpace(beforeComma(a)), strings.TrimSpace(beforeComma(b))
	return a != "" && foldEqual(a, b)
}

// mentionedItem returns the first known item (shared event, group or
// interest, the user's interests, the person's skills) that the note
// mentions as whole words, as the known item spells it.
func mentionedItem(inv *linkvet.Invitation, me linkvet.Me) string {
	note := inv.Message
	if len(note) > maxNoteScan {
		note = note[:maxNoteScan]
	}
	var buf [64]string
	toks, raw := scanTokens(buf[:0], note)
	if len(toks) == 0 {
		return ""
	}
	lists := [...][]string{inv.Shared.Events, inv.Shared.Groups, inv.Shared.Interests,
		me.Interests, inv.Person.Skills, me.Skills, inv.Shared.Companies, inv.Shared.Schools}
	for _, list := range lists {
		for i, item := range list {
			if i == maxListItems {
				break
			}
			item = beforeComma(item)
			if mentionsIn(note, toks, raw, item) {
				if c := clean(item, maxItem); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

// maxNoteScan bounds the work on a note: LinkedIn's notes are 300
// characters, so anything much longer is not a real note.
const maxNoteScan = 4000

// hostile reports whether a verdict rules out any friendly message: a scam,
// a fake or blocked account, spam, or anything to report or block. A
// blocked account cannot be messaged anyway.
func hostile(v *linkvet.Verdict) bool {
	switch v.Category {
	case linkvet.Scammer, linkvet.Fake, linkvet.Blocked:
		return true
	}
	return v.Report || v.Intent == linkvet.Spam || v.Action == linkvet.Block
}

// greet returns the greeting: "Hi Jane," or, with no usable name, a
// neutral "Hi there,".
func greet(first string, variant int) string {
	words := [...]string{"Hi", "Hello", "Hi"}
	w := words[variant%len(words)]
	if first == "" {
		if w == "Hi" {
			return "Hi there,"
		}
		return w + ","
	}
	return w + " " + first + ","
}
