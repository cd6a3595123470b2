package compose

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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

// plan is one composed note before rendering, in one notebook's language.
type plan struct {
	nb        *notebook
	greeting  string
	sentences []sentencePlan
}

func (pl *plan) render() string {
	var b strings.Builder
	b.WriteString(pl.greeting)
	// A greeting that ends with a comma runs on into the first sentence
	// ("Hi Jane, we ..."); one that ends a sentence ("Olá, Ana!") does not.
	comma := strings.HasSuffix(pl.greeting, ",")
	greetingEnd := b.Len() - 1
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
		if !first || !comma {
			text = upperFirst(text)
		} else if text = pl.nb.afterComma(text); upperFirst(text) == text && !pl.nb.keepsCapital(text) {
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

// firstWord is s's first word, folded, without what follows an
// apostrophe ("I'm" is "i").
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if i := strings.IndexAny(w, "'\u2019"); i >= 0 {
		w = w[:i]
	}
	return fold.String(strings.TrimRight(w, ",;:"))
}

// afterComma lower-cases the first word of s when it is a common word of
// the notebook's language (note.lower_after_greeting), so that it can
// follow "Hi Jane,"; any other capitalised word may be a name and keeps
// its capital.
func (nb *notebook) afterComma(s string) string {
	w, _, _ := strings.Cut(s, " ")
	if w == "" || !nb.m.lower[fold.String(w)] {
		return s
	}
	r, n := utf8.DecodeRuneInString(w)
	lower := unicode.ToLower(r)
	if lower == r {
		return s
	}
	return string(lower) + s[n:]
}

// keepsCapital reports whether s starts with a word that follows a
// greeting's comma with its capital (note.keep_after_greeting: "I").
func (nb *notebook) keepsCapital(s string) bool {
	return nb.m.keep[firstWord(s)]
}

// greet is the note's greeting, variant v: "Hi Jane," or, with no usable
// name, a neutral one. A notebook without greetings (only the stand-in
// for a missing en.yaml) greets in English.
func (nb *notebook) greet(first string, v int) string {
	g := nb.Note.Greeting
	if first == "" {
		if len(g.Neutral) == 0 {
			return greet(first, v)
		}
		return g.Neutral[v%len(g.Neutral)]
	}
	if len(g.Named) == 0 {
		return greet(first, v)
	}
	return fill(g.Named[v%len(g.Named)], "{first}", first)
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
//
// The notes are in the language NoteLanguage picks with no explicit
// choice: the person's, when the user speaks it, else the user's own.
// ComposeIn names the language.
func Compose(to *linkvet.Invitation, me linkvet.Me, reason string, limit int) []string {
	return ComposeIn("", to, me, reason, limit)
}

// ComposeIn is Compose in the language lang (a BCP 47 tag; see
// NoteLanguages). An empty lang, or one notes are not written in, leaves
// the choice to NoteLanguage.
func ComposeIn(lang string, to *linkvet.Invitation, me linkvet.Me, reason string, limit int) []string {
	if limit <= 0 {
		limit = DefaultLimit
	}
	nb := notebookFor(NoteLanguage(lang, to, me))
	if nb == nil {
		nb = english()
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
	c := composeParts{nb: nb, f: &f, me: me, seed: seed, reason: cleanReason(reason),
		myName: firstName(me.Name), myRole: nb.role(me.Headline), myCompany: firstClean(me.Companies)}

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
		if !lintIn(nb, s, to, me, limit).OK {
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
		pl := plan{nb: nb, greeting: nb.greet(f.first, v), sentences: []sentencePlan{{parts: []*part{c.intro(v)}}}}
		add(pl.fit(limit))
		pl = plan{nb: nb, greeting: nb.greet(f.first, v), sentences: []sentencePlan{{parts: []*part{c.context(v)}}}}
		add(pl.fit(limit))
	}
	return notes
}

const composeTemplates = 3

// composeParts builds the clauses of the notes from one notebook.
type composeParts struct {
	nb     *notebook
	f      *facts
	me     linkvet.Me
	seed   uint64
	reason string
	// The user as the introduction names them, worked out once.
	myName, myRole, myCompany string
}

// template returns note structure t (0..composeTemplates-1); each has at
// most three sentences.
func (c *composeParts) template(t int) plan {
	g := c.nb.greet(c.f.first, t)
	reasonOr := func(alt *part) *part {
		if c.reason != "" {
			return c.reasonPart()
		}
		return alt
	}
	and, so := c.nb.Note.JoinAnd, c.nb.Note.JoinSo
	switch t {
	case 0:
		return plan{nb: c.nb, greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.intro(t), c.context(t)}, join: and},
			{parts: []*part{reasonOr(c.specific(t))}},
			{parts: []*part{c.benefit(t)}},
		}}
	case 1:
		return plan{nb: c.nb, greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.context(t), c.specific(t)}, join: and},
			{parts: []*part{c.intro(t)}},
			{parts: []*part{reasonOr(c.benefit(t))}},
		}}
	default:
		return plan{nb: c.nb, greeting: g, sentences: []sentencePlan{
			{parts: []*part{c.intro(t)}},
			{parts: []*part{reasonOr(c.specific(t))}},
			{parts: []*part{c.context(t), c.benefit(t)}, join: so},
		}}
	}
}

// intro says who the user is: "I'm Dana, Data Engineer at Northwind".
func (c *composeParts) intro(v int) *part {
	in := &c.nb.Note.Intro
	name, role, company := c.myName, c.myRole, c.myCompany
	var full, short string
	switch {
	case name != "" && role != "":
		full = fillAll(in.NameRole, "{name}", name, "{role}", role)
		short = fillAll(in.Name, "{name}", name)
	case name != "" && company != "":
		full = fillAll(in.NameCompany, "{name}", name, "{company}", company)
		short = fillAll(in.Name, "{name}", name)
	case name != "":
		full = fillAll(in.Name, "{name}", name)
	case role != "":
		full = fillAll(in.Role, "{a}", article(role), "{role}", role)
	case company != "":
		full = fillAll(in.Company, "{company}", company)
	}
	p := optional(rankName, full, short)
	if len(p.drop) == 2 {
		p.drop[0] = rankRole
	}
	return p
}

// fillAll puts each value into its slot: fillAll(p, slot, value, ...).
func fillAll(p string, slotValues ...string) string {
	for i := 0; i+1 < len(slotValues); i += 2 {
		p = fill(p, slotValues[i], slotValues[i+1])
	}
	return p
}

// role is the user's role as this language says it: the headline's title,
// and the employer it names after the last "at" (in any language's word for it:
// "Engineer at Acme", "Ingeniera en Acme", "Engineer @ Acme") said again
// with this language's word, so that no English "at" is left in a German
// note.
func (nb *notebook) role(headline string) string {
	r := headlineRole(headline)
	if r == "" {
		return ""
	}
	words := strings.Fields(r)
	for i := len(words) - 2; i >= 1; i-- {
		if atWords()[fold.String(words[i])] {
			title, company := strings.Join(words[:i], " "), strings.Join(words[i+1:], " ")
			return fillAll(nb.Note.RoleAtCompany, "{role}", title, "{company}", company)
		}
	}
	return r
}

// atWords are every language's words between a title and an employer.
var atWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, nb := range noteBooks() {
		addFolded(m, nb.Note.At)
	}
	return m
})

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

// contextKind names the note.context list for a kind of common ground;
// kinds a composed note does not name (a colleague, their company) read
// as "I came across your profile".
func contextKind(k hookKind) string {
	switch k {
	case hookMet, hookEvent, hookGroup, hookInterest, hookCompany, hookSchool, hookMutual, hookEngaged, hookIndustry, hookLocation:
		return hookNames[k]
	}
	return "none"
}

// context says what they share or how the user came across them.
func (c *composeParts) context(v int) *part {
	h := c.f.best()
	forms := c.nb.Note.Context[contextKind(h.kind)]
	if len(forms) == 0 {
		return optional(rankContext)
	}
	f := forms[(v+pick(c.seed, saltHook, 3))%len(forms)]
	return optional(rankContext, fill(f, "{item}", h.value))
}

// specific names something about the person: what they work on and where.
func (c *composeParts) specific(v int) *part {
	sp := &c.nb.Note.Specific
	topic, company := c.f.topic, c.f.company
	h := c.f.best()
	if h.kind == hookInterest && h.value == topic {
		topic = "" // the context already names it
	}
	i := v + pick(c.seed, saltQuestion, 3)
	var full, short string
	switch {
	case topic != "" && company != "" && len(sp.TopicCompany) > 0:
		forms := sp.TopicCompany[i%len(sp.TopicCompany)]
		full = fillAll(forms.Full, "{topic}", topic, "{company}", company)
		short = fillAll(forms.Short, "{company}", company)
	case company != "" && len(sp.Company) > 0:
		full = fillAll(sp.Company[i%len(sp.Company)], "{company}", company)
	case topic != "" && len(sp.Topic) > 0:
		full = fillAll(sp.Topic[i%len(sp.Topic)], "{topic}", topic)
	}
	return optional(rankSpecific, full, short)
}

// benefit says why connecting helps both.
func (c *composeParts) benefit(v int) *part {
	b := &c.nb.Note.Benefit
	topic := c.f.topic
	if topic == "" {
		topic = c.f.interest
	}
	if h := c.f.best(); h.kind == hookInterest && h.value == topic {
		topic = "" // the context already names it
	}
	i := (v + pick(c.seed, saltClose, 3))
	if topic != "" && len(b.Topic) > 0 {
		return optional(rankBenefit, fill(b.Topic[i%len(b.Topic)], "{topic}", topic), b.Short)
	}
	if len(b.Plain) == 0 {
		return optional(rankBenefit, b.Short)
	}
	return optional(rankBenefit, b.Plain[i%len(b.Plain)], b.Short)
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
