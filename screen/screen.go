// Package screen is linkvet's screening engine: given an invitation, the
// user's policy and the time, it decides what a careful professional would
// do with it and says why.
//
// # Model
//
// Screening runs in four steps, all pure (no I/O, no clock, no mutable
// globals):
//
//  1. Facts (facts.go, signals.go). The invitation's texts are folded once
//     (package fold) and tokenized into one token list; every language's
//     vocabulary (package lang: one embedded file per language, compiled
//     once per process into one trie over tokens, index.go) and the
//     policy's disqualify phrases are found in it in one pass each. What
//     the user and the sender share is collected, links, phone numbers,
//     messenger names and money promised per period are pulled out of the
//     note without any vocabulary, the note's language is detected, and the
//     facts several rules read are derived in one place (a personal note, a
//     pitch, a peer's sales title, an impostor of a known person). A
//     missing field stays unknown: it neither helps nor hurts.
//  2. Rules (rules.go). Every built-in rule is declared in one registry
//     with its family, the points it can give, what makes it fire, the
//     facts it reads and the evidence it produces. A rule only reads facts
//     and returns its points, a sentence and a typed evidence mark
//     (evidence.go), so rules are independent of their order; the marks are
//     summed into two tallies, scam and fake. Weak scam signs ("forex", a
//     WhatsApp number) count only beside strong ones. The user's CEL rules
//     from the policy and the learned opinion then add their own reasons.
//  3. Category and action, by precedence (decide.go): a blocked sender is
//     blocked; scam evidence of weight 3 or more means scammer (block and
//     report); posing as someone the user knows means fake (decline and
//     report); a known person is accepted; fake-profile evidence means
//     decline; a disqualify phrase, a competitor or (when opted in) a
//     controversial profile means decline. Everyone else is placed in seed
//     003's table (recruiter, salesperson, industry peer, verified account,
//     stranger; a sales or recruiting title is a peer's when it is at the
//     user's company or in the user's own line of work) and the summed
//     score is held against the style's bars (one table, styleBars). An
//     accept must finally pass seed 004's litmus test.
//  4. Confidence (how much of what matters was known), the facts whose
//     absence limits the verdict (missing), and drafts (package compose) in
//     the language compose.DraftsLanguage picks.
//
// The same invitation, policy, opinion and time always give the same
// verdict.
package screen

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen/lang"
)

// Opinion is a learned view of an invitation, from the user's past
// decisions. The learn package provides one; the engine only reads it.
type Opinion interface {
	Opinion(inv *linkvet.Invitation) Learned
}

// Learned is what an Opinion says of one invitation.
type Learned struct {
	Action linkvet.Action // the decision it expects the user to make
	Prob   float64        // how sure it is, 0..1
	Words  []string       // the tokens that pushed it there, strongest first
	Enough bool           // false: too few decisions seen; the engine ignores it
	Why    string         // when !Enough, why not
}

// Engine screens invitations against one policy. Build it once with New and
// share it: Screen is safe for concurrent use.
type Engine struct {
	pol     *policy.Policy
	opinion Opinion
	bars    bars
	me      meFolded
	rules   []rule

	vocab       *vocab       // every language's vocabulary, one index, shared
	disqualify  *phraseIndex // the policy's disqualify phrases
	competitors *fold.Matcher
	knownNames  map[uint64][]knownName // hash of the folded name → the known people of that name
	detect      func(note string) string
	pool        factsPool // facts of finished screenings, for their buffers (pool.go)
}

type meFolded struct {
	companies, schools []orgName
	industries         []string
	city               string
	interests          *fold.Matcher
	interestValues     []sharedValue // interests.Phrases() as shared items
	industryValues     []sharedValue // the policy's industries as shared items
	location           sharedValue   // the policy's location as a shared item
	nameWords          []string      // the user's own name, folded: "Hi Dana" is for them
	sales, recruiter   bool          // the user's own headline holds a sales / recruiting title
}

type orgName struct {
	raw, folded string
	shared      sharedValue // raw as a shared item
}

// sharedValue is a value of the policy as sharedWith lists it: trimmed,
// and folded once here instead of for every invitation it is shared with.
type sharedValue struct{ value, folded string }

func newSharedValue(raw string) sharedValue {
	v := strings.TrimSpace(raw)
	return sharedValue{v, fold.String(v)}
}

// knownName is one of the user's known people, for telling them from an
// impostor using their name: hashes of the normalized profile URL and
// e-mail (0 for none). Hashes, not strings, because the index holds the
// whole network: a million connections fit in tens of megabytes.
type knownName struct {
	url, email uint64
}

// hash64 is FNV-1a: 64 bits make a collision among a network's names
// negligible.
func hash64(s string) uint64 {
	if s == "" {
		return 0
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	if h == 0 {
		h = 1
	}
	return h
}

// Option changes how an Engine is built.
type Option func(*Engine)

// WithOpinion makes the engine consult a learned opinion.
func WithOpinion(o Opinion) Option { return func(e *Engine) { e.opinion = o } }

// WithKnownPeople tells the engine who the user knows beyond the policy's
// known list (which holds only profile URLs and e-mails): the connections
// and contacts of an imported export (store.Known). A sender using one of
// their names from another profile URL or e-mail is an impostor. People
// without a URL or e-mail cannot be told from an impostor and are skipped.
func WithKnownPeople(people []linkvet.KnownPerson) Option {
	return WithKnownIndex(IndexKnownPeople(people))
}

// KnownIndex is the people the user knows, by folded name: built once per
// change of the network and shared, read-only, by every engine built until
// the next change (an engine is rebuilt after every decision when learning
// is on; folding a large network's names each time would dominate).
type KnownIndex struct {
	names map[uint64][]knownName
}

// IndexKnownPeople indexes people by folded name, keeping those with a
// profile URL or an e-mail to tell an impostor by.
func IndexKnownPeople(people []linkvet.KnownPerson) *KnownIndex {
	x := &KnownIndex{}
	for _, p := range people {
		x.Add(p.Name, p.ProfileURL, p.Email)
	}
	return x
}

// Add indexes one known person; one without a name, or with neither a
// profile URL nor an e-mail, is passed over.
func (x *KnownIndex) Add(name, profileURL, email string) {
	k := knownName{url: hash64(linkvet.NormalizeProfileURL(profileURL)), email: hash64(linkvet.NormalizeEmail(email))}
	key := strings.Join(fold.Fields(name), " ")
	if key == "" || (k.url == 0 && k.email == 0) {
		return
	}
	if x.names == nil {
		x.names = make(map[uint64][]knownName)
	}
	h := hash64(key)
	x.names[h] = append(x.names[h], k)
}

// WithKnownIndex gives the engine an index built by IndexKnownPeople.
func WithKnownIndex(x *KnownIndex) Option {
	return func(e *Engine) {
		if x != nil {
			e.knownNames = x.names
		}
	}
}

// withDetector replaces the language detector (tests).
func withDetector(d func(string) string) Option { return func(e *Engine) { e.detect = d } }

// New compiles a policy into an engine. A nil policy means the defaults.
// The embedded vocabularies are compiled once per process and shared; the
// policy's own phrase lists are compiled here.
func New(p *policy.Policy, opts ...Option) *Engine {
	if p == nil {
		p = policy.Default()
	}
	voc, err := compiledVocab()
	if err != nil {
		// The vocabularies are embedded in the binary and checked by
		// TestVocabulariesLoad: a failure here is a broken build.
		panic("screen: embedded vocabulary: " + err.Error())
	}
	e := &Engine{pol: p, bars: barsFor(p.Style), vocab: voc, rules: builtin, detect: lang.Detect}
	for _, o := range opts {
		o(e)
	}
	e.disqualify = newPhraseIndex(len(p.Disqualify))
	for _, d := range p.Disqualify {
		e.disqualify.add(lxDisqualify, d, 1)
	}
	e.competitors = p.CompetitorMatcher()

	for _, c := range p.Me.Companies {
		e.me.companies = append(e.me.companies, orgName{c, fold.String(c), newSharedValue(c)})
	}
	for _, s := range p.Me.Schools {
		e.me.schools = append(e.me.schools, orgName{s, fold.String(s), newSharedValue(s)})
	}
	for _, i := range p.Me.Industries {
		e.me.industries = append(e.me.industries, fold.String(i))
		e.me.industryValues = append(e.me.industryValues, newSharedValue(i))
	}
	if city, _, _ := strings.Cut(fold.String(p.Me.Location), ","); city != "" {
		e.me.city = strings.TrimSpace(city)
	}
	e.me.interests = fold.NewMatcher(append(append([]string(nil), p.Me.Interests...), p.Me.Skills...))
	for _, i := range e.me.interests.Phrases() {
		e.me.interestValues = append(e.me.interestValues, newSharedValue(i))
	}
	e.me.location = newSharedValue(p.Me.Location)
	e.me.nameWords = fold.Fields(p.Me.Name)
	head := fold.Fields(p.Me.Headline)
	for _, h := range voc.index.scan(nil, head, tokenHashes(nil, head)) {
		e.me.sales = e.me.sales || h.lx == lxSales
		e.me.recruiter = e.me.recruiter || h.lx == lxRecruiter
	}
	return e
}

// Policy returns the policy the engine was built from.
func (e *Engine) Policy() *policy.Policy { return e.pol }

// Screen gives the verdict for one invitation at time now (used for account
// age; pass the same time to get the same verdict).
func (e *Engine) Screen(inv *linkvet.Invitation, now time.Time) linkvet.Verdict {
	v, _ := e.run(inv, now, false)
	return v
}

// Trial is one rule as Explain reports it: whether it fired, and why or why
// not.
type Trial struct {
	Rule   string `json:"rule"`
	Family string `json:"family"`
	Fired  bool   `json:"fired"`
	Points int    `json:"points"`
	Detail string `json:"detail"`
}

// Explanation is a verdict with every rule that was tried.
type Explanation struct {
	Verdict linkvet.Verdict `json:"verdict"`
	Trials  []Trial         `json:"trials"`
	// Path says how the action was reached: which precedence step or
	// which bar of the style decided it.
	Path string `json:"path"`
}

// Explain screens one invitation and reports every rule tried.
func (e *Engine) Explain(inv *linkvet.Invitation, now time.Time) Explanation {
	v, x := e.run(inv, now, true)
	x.Verdict = v
	return x
}

// ID returns the invitation's id, deriving a stable one when it has none
// (linkvet.InvitationID); an invitation that names nobody gets "inv-none".
func ID(inv *linkvet.Invitation) string {
	if id := linkvet.InvitationID(inv); id != "" {
		return id
	}
	return "inv-none"
}

func (e *Engine) run(inv *linkvet.Invitation, now time.Time, explain bool) (linkvet.Verdict, Explanation) {
	f := e.facts(inv, now, explain)
	var x Explanation
	t := &f.t // in the pooled facts: no allocation for it or its marks
	// Most verdicts give 9 to 14 reasons: room for 16 saves growing the
	// slice once in most screenings.
	v := linkvet.Verdict{ID: ID(inv), Reasons: make([]linkvet.Reason, 0, 16), Language: f.language}
	// Rules read facts only, so they could run in any order; the few that
	// read the evidence of the others (after) run once it is weighed.
	for _, after := range [2]bool{false, true} {
		for i := range e.rules {
			r := &e.rules[i]
			if r.after != after {
				continue
			}
			res := r.check(e, f, t)
			if res.mark.kind != evNone {
				res.mark.rule = r.name
				t.add(res.mark)
			}
			if res.fired {
				v.Reasons = append(v.Reasons, linkvet.Reason{Rule: r.name, Points: res.points, Detail: res.detail})
				v.Score += res.points
			}
			if explain {
				x.Trials = append(x.Trials, Trial{Rule: r.name, Family: r.family, Fired: res.fired, Points: res.points, Detail: res.detail})
			}
		}
		if !after {
			e.weigh(t, &v, &x, explain)
		}
	}

	d := e.decide(f, t, &v)
	e.userRules(f, &v, &x, &d)
	e.learned(f, &v, &x, &d)
	e.finish(f, t, &v, &d)
	x.Path = d.path
	v.DraftsLanguage = compose.DraftsLanguage(v.Language, e.pol.Me)
	v.Drafts = compose.Drafts(inv, &v, e.pol.Me)
	e.pool.put(f) // the verdict holds none of f's memory (pool.go)
	return v, x
}

// weigh counts the weak scam signs the rules held back ("forex", "kindly",
// a WhatsApp number) once there is strong scam evidence beside them: each
// then adds one to the scam tally, and those not already shown become a
// reason of their own.
func (e *Engine) weigh(t *tallies, v *linkvet.Verdict, x *Explanation, explain bool) {
	if t.scam == 0 {
		return
	}
	for i := range t.marks {
		m := &t.marks[i]
		k := evidenceKinds[m.kind]
		if !m.weak || k.sink&toScam == 0 {
			continue
		}
		m.weak = false
		t.scam += m.weight
		if k.supporting {
			continue // already a reason; now it also weighs as scam evidence
		}
		r := linkvet.Reason{Rule: m.rule, Points: weakScamSign, Detail: k.what + ", beside other scam signs: " + quoteList(m.phrases)}
		v.Reasons = append(v.Reasons, r)
		v.Score += r.Points
		if explain {
			x.Trials = append(x.Trials, Trial{Rule: r.Rule, Family: "scam", Fired: true, Points: r.Points, Detail: r.Detail})
		}
	}
}

func quoteList(items []string) string {
	const most = 4
	var b strings.Builder
	size := 0
	for _, s := range items[:min(len(items), most)] {
		size += min(len(s), 64) + 12
	}
	b.Grow(size)
	for i, s := range items {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(items)-most)
			break
		}
		if i > 0 {
			if i == len(items)-1 {
				b.WriteString(" and ")
			} else {
				b.WriteString(", ")
			}
		}
		b.WriteString("“")
		b.WriteString(clip(s, 60))
		b.WriteString("”")
	}
	return b.String()
}

// clip shortens s to at most n runes at a word boundary, for evidence.
func clip(s string, n int) string {
	if len(s) <= n && tidy(s) {
		return s // most evidence: short and on one line, nothing to do
	}
	if !tidy(s) {
		s = strings.Join(strings.Fields(s), " ") // a tidy s is this already
	}
	var cut string
	if utf8.ValidString(s) {
		// The first n runes, without converting s to runes and back.
		if utf8.RuneCountInString(s) <= n {
			return s
		}
		end, k := 0, 0
		for end = range s {
			if k == n {
				break
			}
			k++
		}
		cut = s[:end]
	} else {
		r := []rune(s) // invalid bytes become U+FFFD here, as they always did
		if len(r) <= n {
			return s
		}
		cut = string(r[:n])
	}
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// Attention orders verdicts for an inbox: what most needs the user's eye
// comes first. Likely accepts and likely scams lead (one is worth acting on,
// the other worth blocking and reporting), then asks, then the rest; within
// a group, the more confident verdict first.
func Attention(v *linkvet.Verdict) int {
	group := 0
	switch {
	case v.Action == linkvet.Block && v.Report, v.Action == linkvet.Accept:
		group = 3
	case v.Action == linkvet.Ask, v.Action == linkvet.Block:
		group = 2
	case v.Action == linkvet.Decline:
		group = 1
	}
	return group*1000 + int(v.Confidence*100)*5 + min(abs(v.Score), 400)/100
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// tidy reports text with single spaces between words and none at its ends.
func tidy(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\t', '\r', '\v', '\f':
			return false
		case ' ':
			if s[i+1] == ' ' {
				return false
			}
		}
		if s[i] >= 0x80 {
			return !strings.ContainsFunc(s[i:], unicode.IsSpace)
		}
	}
	return true
}
