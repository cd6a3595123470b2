package compose

import (
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// part is one clause of a composed note, in forms from the fullest to the
// shortest; an optional clause ends with "". drop[k] is how important it
// is to keep form k rather than fall back to form k+1: when a note is too
// long, the clause with the lowest such rank is shortened first.
type part struct {
	forms []string
	drop  []int
	at    int
}

func (p *part) text() string {
	if p == nil || len(p.forms) == 0 {
		return ""
	}
	return p.forms[p.at]
}

// Ranks for shortening, lowest first.
const (
	rankBenefit    = 10
	rankSpecific   = 20
	rankRole       = 30 // the user's role after their name
	rankReasonTail = 35 // the user's reason beyond its first sentence
	rankContext    = 40
	rankReason     = 50
	rankName       = 60
)

// maxSentences is the most a composed note has: the linter's advice.
const maxSentences = 3

func optional(rank int, forms ...string) *part {
	fs := make([]string, 0, len(forms)+1)
	for _, f := range forms {
		if f != "" && (len(fs) == 0 || fs[len(fs)-1] != f) {
			fs = append(fs, f)
		}
	}
	fs = append(fs, "")
	drop := make([]int, len(fs)-1)
	for i := range drop {
		drop[i] = rank
	}
	return &part{forms: fs, drop: drop}
}

// sentencePlan is one sentence: clauses joined by join.
type sentencePlan struct {
	parts []*part
	join  string
}

// plan is one composed note before rendering.
type plan struct {
	greeting  string
	sentences []sentencePlan
}

func (pl *plan) render() string {
	var b strings.Builder
	b.WriteString(pl.greeting)
	greetingEnd := b.Len() - 1 // the comma, unless the next sentence cannot follow one
	first := true
	for _, s := range pl.sentences {
		var sb strings.Builder
		for _, p := range s.parts {
			t := p.text()
			if t == "" {
				continue
			}
			if sb.Len() > 0 {
				sb.WriteString(s.join)
			}
			sb.WriteString(t)
		}
		text := sb.String()
		if text == "" {
			continue
		}
		if !first {
			text = upperFirst(text)
		} else if text = afterComma(text); upperFirst(text) == text && !startsWithI(text) {
			// "Hi Jane, Kafka..." reads wrong; end the greeting instead.
			if s := b.String(); strings.HasSuffix(s, ",") {
				b.Reset()
				b.WriteString(s[:greetingEnd])
				b.WriteByte('.')
			}
		}
		first = false
		if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "!") {
			text += "."
		}
		b.WriteByte(' ')
		b.WriteString(text)
	}
	return b.String()
}

// commonStarters are words that may lose their capital after a greeting's
// comma; any other capitalised word may be a name and keeps it.
var commonStarters = wordSet(`a an the we our my this it its your looking would hope since as just
currently recently happy glad keen interested thanks working building planning there what how`)

// afterComma lower-cases the first word of s when it is a common word, so
// that it can follow "Hi Jane,".
func afterComma(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if w == "" || w[0] >= 0x80 || !commonStarters[fold.String(w)] {
		return s
	}
	lower := strings.ToLower(w[:1])
	if w[:1] == lower {
		return s
	}
	return lower + s[1:]
}

// startsWithI reports whether s starts with the word "I" ("I'm", "I'd").
func startsWithI(s string) bool {
	return s == "I" || strings.HasPrefix(s, "I ") || strings.HasPrefix(s, "I'") || strings.HasPrefix(s, "I\u2019")
}

// shorten moves the least important clause that can still shrink to its
// next form, among those whose rank is at most maxRank; it reports false
// when nothing is left to shorten.
func (pl *plan) shorten(maxRank int) bool {
	var best *part
	for _, s := range pl.sentences {
		for _, p := range s.parts {
			if p.at < len(p.forms)-1 && p.drop[p.at] <= maxRank && (best == nil || p.drop[p.at] < best.drop[best.at]) {
				best = p
			}
		}
	}
	if best == nil {
		return false
	}
	best.at++
	return true
}

// budget keeps the plan within maxSentences by dropping the clauses that
// are cheapest to lose, in order: why it helps both, the specific, the
// tail of the user's reason.
func (pl *plan) budget() {
	for _, rank := range [...]int{rankBenefit, rankSpecific, rankReasonTail} {
		for _, s := range pl.sentences {
			for _, p := range s.parts {
				if countSentences(fold.String(pl.render())) <= maxSentences {
					return
				}
				if p.at < len(p.drop) && p.drop[p.at] == rank {
					p.at++
					if rank != rankReasonTail {
						p.at = len(p.forms) - 1
					}
				}
			}
		}
	}
}

// fit renders the plan within limit characters, shortening clause by
// clause; as a last resort it cuts at a word boundary.
//
// It returns "" when only the greeting would be left.
func (pl *plan) fit(limit int) string {
	pl.budget()
	for {
		s := pl.render()
		if s == pl.greeting {
			return ""
		}
		if runeCount(s) <= limit {
			return s
		}
		if !pl.shorten(rankName) {
			s = capRunes(s, limit-1)
			if s != "" && !strings.HasSuffix(s, ".") {
				s += "."
			}
			return s
		}
	}
}

// Compose writes at least three invitation notes (when limit allows) for
// the user me to send to the person in to, in different structures and
// wordings: who the user is, what they share or how the user found them,
// something specific about the person, the user's stated reason (kept as
// written, cleaned of links and control characters) and why connecting
// helps both. Each note is within limit characters (0 or less means
// DefaultLimit): clauses are dropped or shortened least important first,
// never cut mid-word, and each note passes Lint without errors. The same
// input always gives the same notes. to may be nil.
func Compose(to *linkvet.Invitation, me linkvet.Me, reason string, limit int) []string {
	if limit <= 0 {
		limit = DefaultLimit
	}
	var inv linkvet.Invitation
	if to != nil {
		inv = *to
	}
	// A note the user drafted earlier is not the other side's: nothing to
	// refer back to.
	inv.Message = ""
	f := gather(&inv, me)
	seed := seedOf(&inv) ^ hash(reason)
	c := composeParts{f: &f, me: me, seed: seed, reason: cleanReason(reason)}

	var notes []string
	add := func(s string) {
		if s == "" || runeCount(s) > limit {
			return
		}
		for _, n := range notes {
			if n == s {
				return
			}
		}
		if !Lint(s, to, me, limit).OK {
			return
		}
		notes = append(notes, s)
	}
	start := pick(seed, saltOpen, composeTemplates)
	for i := range composeTemplates {
		t := (start + i) % composeTemplates
		pl := c.template(t)
		add(pl.fit(limit))
	}
	// Small limits can make templates collapse into the same text; fall
	// back on the shortest notes that still say something.
	for v := 0; len(notes) < 3 && v < 3; v++ {
		pl := plan{greeting: greet(f.first, v), sentences: []sentencePlan{{parts: []*part{c.intro(v)}}}}
		add(pl.fit(limit))
		pl = plan{greeting: greet(f.first, v), sentences: []sentencePlan{{parts: []*part{c.context(v)}}}}
		add(pl.fit(limit))
	}
	return notes
}

const composeTemplates = 3

// composeParts builds the clauses of the notes.
type composeParts struct {
	f      *facts
	me     linkvet.Me
	seed   uint64
	reason string
}

// template returns note structure t (0..composeTemplates-1); each has at
// most three sentences.
func (c *composeParts) template(t int) plan {
	g := greet(c.f.first, t)
	reasonOr := func(alt *part) *part {
		if c.reason != "" {
			return c.reasonPart()
		}
		return alt
	}
	switch t {
	case 0:
		return plan{greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.intro(t), c.context(t)}, join: ", and "},
			{parts: []*part{reasonOr(c.specific(t))}},
			{parts: []*part{c.benefit(t)}},
		}}
	case 1:
		return plan{greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.context(t), c.specific(t)}, join: ", and "},
			{parts: []*part{c.intro(t)}},
			{parts: []*part{reasonOr(c.benefit(t))}},
		}}
	default:
		return plan{greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.intro(t)}},
			{parts: []*part{reasonOr(c.specific(t))}},
			{parts: []*part{c.context(t), c.benefit(t)}, join: ", so "},
		}}
	}
}

// intro says who the user is: "I'm Dana, Data Engineer at Northwind".
func (c *composeParts) intro(v int) *part {
	name := firstName(c.me.Name)
	role := headlineRole(c.me.Headline)
	company := firstClean(c.me.Companies)
	var full, short string
	switch {
	case name != "" && role != "":
		full, short = "I'm "+name+", "+role, "I'm "+name
	case name != "" && company != "":
		full, short = "I'm "+name+" from "+company, "I'm "+name
	case name != "":
		full = "I'm " + name
	case role != "":
		full = "I'm " + article(role) + " " + role
	case company != "":
		full = "I'm with " + company
	}
	p := optional(rankName, full, short)
	if len(p.drop) == 2 {
		p.drop[0] = rankRole
	}
	return p
}

// headlineRole takes the user's role from their headline: the first part
// before a separator, when it reads like a title rather than a slogan.
func headlineRole(headline string) string {
	h := headline
	if i := strings.IndexAny(h, "|\u2022\u00b7;,"); i >= 0 {
		h = h[:i]
	}
	for _, sep := range []string{" - ", " \u2013 ", " \u2014 "} {
		if i := strings.Index(h, sep); i >= 0 {
			h = h[:i]
		}
	}
	h = clean(h, maxItem)
	first, _, _ := strings.Cut(h, " ")
	if strings.HasSuffix(strings.ToLower(first), "ing") || strings.Count(h, " ") > 7 {
		return "" // "Helping founders scale" is a slogan, not a role
	}
	return h
}

func article(s string) string {
	if s != "" && strings.ContainsRune("AEIOUaeiou", rune(s[0])) {
		return "an"
	}
	return "a"
}

// context says what they share or how the user came across them.
func (c *composeParts) context(v int) *part {
	h := c.f.best()
	val := h.value
	var forms [3]string
	switch h.kind {
	case hookMet:
		forms = [3]string{"it was good to meet you in person", "it was a pleasure meeting you in person", "good to follow up after meeting in person"}
	case hookEvent:
		forms = [3]string{"we were both at " + val, "I saw we both attended " + val, "we both went to " + val}
	case hookGroup:
		forms = [3]string{"we're both members of " + val, "we're both in " + val, "I see we're both part of " + val}
	case hookInterest:
		forms = [3]string{"we share an interest in " + val, "we both work on " + val, "I see we're both into " + val}
	case hookCompany:
		forms = [3]string{"we have both worked at " + val, "we have " + val + " in common", "I noticed we both spent time at " + val}
	case hookSchool:
		forms = [3]string{"we both studied at " + val, "we both have " + val + " in common", "I see we both went to " + val}
	case hookMutual:
		forms = [3]string{"we share a few connections, including " + val, val + " is a mutual connection of ours", "I noticed we both know " + val}
	case hookEngaged:
		forms = [3]string{"thanks for your comments on my posts", "I've seen your reactions to my posts", "I noticed you follow my posts"}
	case hookIndustry:
		forms = [3]string{"we both work in " + val, "we're in the same field, " + val, "I see we're both in " + val}
	case hookLocation:
		forms = [3]string{"we're both based in " + val, "we both work around " + val, "I see we're both in " + val}
	default:
		forms = [3]string{"I came across your profile", "I came across your profile recently", "I found your profile while looking around my field"}
	}
	return optional(rankContext, forms[(v+pick(c.seed, saltHook, 3))%3])
}

// specific names something about the person: what they work on and where.
func (c *composeParts) specific(v int) *part {
	topic, company := c.f.topic, c.f.company
	h := c.f.best()
	if h.kind == hookInterest && h.value == topic {
		topic = "" // the context already names it
	}
	var full, short string
	switch {
	case topic != "" && company != "":
		forms := [3][2]string{
			{"your work on " + topic + " at " + company + " caught my attention", "your work at " + company + " caught my attention"},
			{"I'd like to hear how you approach " + topic + " at " + company, "I'd like to hear about your work at " + company},
			{"I'm curious how " + company + " uses " + topic, "I'm curious about your work at " + company},
		}[(v+pick(c.seed, saltQuestion, 3))%3]
		full, short = forms[0], forms[1]
	case company != "":
		full = [3]string{
			"I'd like to hear more about your work at " + company,
			"what you are building at " + company + " caught my attention",
			"I'm curious about your work at " + company,
		}[(v+pick(c.seed, saltQuestion, 3))%3]
	case topic != "":
		full = "I'd like to hear how you approach " + topic
	}
	return optional(rankSpecific, full, short)
}

// benefit says why connecting helps both.
func (c *composeParts) benefit(v int) *part {
	topic := c.f.topic
	if topic == "" {
		topic = c.f.interest
	}
	if h := c.f.best(); h.kind == hookInterest && h.value == topic {
		topic = "" // the context already names it
	}
	i := (v + pick(c.seed, saltClose, 3)) % 3
	if topic != "" {
		full := [3]string{
			"it would be good to swap notes on " + topic,
			"I'd be glad to trade ideas on " + topic,
			"it would be good to compare notes on " + topic,
		}[i]
		return optional(rankBenefit, full, "it would be good to swap notes")
	}
	return optional(rankBenefit, [3]string{
		"I think we could learn a fair bit from each other",
		"it would be good to stay in touch and trade ideas",
		"I'd be glad to share notes on what we are both working on",
	}[i], "it would be good to swap notes")
}

// reasonPart is the user's own reason: in full, then its first sentence.
func (c *composeParts) reasonPart() *part {
	first := c.reason
	if i := strings.IndexAny(first, ".!?"); i > 0 && i < len(first)-1 {
		first = first[:i+1]
	}
	p := optional(rankReason, c.reason, first)
	if len(p.drop) == 2 {
		p.drop[0] = rankReasonTail
	}
	return p
}

// cleanReason makes the user's stated reason fit for a note: no links,
// control characters or placeholders, capped, starting with a capital.
// A long reason keeps its whole sentences that fit in maxReason; only a
// first sentence longer than that is cut, at a word boundary.
func cleanReason(reason string) string {
	r := cleanProse(reason, 4*maxReason)
	if runeCount(r) > maxReason {
		end := 0
		for i := 0; i < len(r); i++ {
			if strings.IndexByte(".!?", r[i]) >= 0 && (i+1 == len(r) || r[i+1] == ' ') {
				if runeCount(r[:i+1]) > maxReason {
					break
				}
				end = i + 1
			}
		}
		if end > 0 {
			r = r[:end]
		} else {
			r = capRunes(r, maxReason)
		}
	}
	return upperFirst(r)
}
