package screen

// evidence is what a rule found, as a value the decision reads: which
// tallies it feeds (scam, fake) and whether it means someone is posing as
// another person. Rules return evidence; they never write to shared state,
// and the decision never matches English sentences.
type evidence uint8

const (
	evNone evidence = iota
	// scam
	evInvestment
	evRomance
	evAdvanceFee
	evPhishing
	evOffPlatform
	evUrgency
	evLinks
	evMoneyPromise
	evCrypto
	// both scam and fake
	evForeignPhone
	// fake profile
	evNoPhoto
	evStockPhoto
	evGeneratedPhoto
	evNoHistory
	evBlankProfile
	evNewAccount
	evFewConnections
	evGenericTitle
	evOddName
	evBidiName
	evFamousName
	evParody
	evImpersonation
	nEvidence
)

type tally uint8

const (
	toScam tally = 1 << iota
	toFake
)

// evidenceKind describes one kind of evidence.
type evidenceKind struct {
	what  string // a few words for the decision path
	tally tally
	// supporting evidence only weighs as scam evidence beside strong
	// evidence of another kind (a push to WhatsApp, urgency).
	supporting bool
	// impersonating evidence makes a fake profile worth reporting.
	impersonating bool
}

var evidenceKinds = [nEvidence]evidenceKind{
	evInvestment:     {what: "promises investment returns", tally: toScam},
	evRomance:        {what: "a dating-style approach", tally: toScam},
	evAdvanceFee:     {what: "a fake job, fee or windfall story", tally: toScam},
	evPhishing:       {what: "an account alarm or credential request", tally: toScam},
	evOffPlatform:    {what: "pushes the conversation off LinkedIn", tally: toScam, supporting: true},
	evUrgency:        {what: "pressure to act at once", tally: toScam, supporting: true},
	evLinks:          {what: "suspicious links", tally: toScam},
	evMoneyPromise:   {what: "money promised per day, week or month", tally: toScam},
	evCrypto:         {what: "crypto vocabulary", tally: toScam},
	evForeignPhone:   {what: "phone from another country", tally: toScam | toFake},
	evNoPhoto:        {what: "no photo", tally: toFake},
	evStockPhoto:     {what: "stock photo", tally: toFake},
	evGeneratedPhoto: {what: "AI-generated photo", tally: toFake, impersonating: true},
	evNoHistory:      {what: "no work history", tally: toFake},
	evBlankProfile:   {what: "blank profile", tally: toFake},
	evNewAccount:     {what: "brand-new account", tally: toFake},
	evFewConnections: {what: "few connections", tally: toFake},
	evGenericTitle:   {what: "generic title", tally: toFake},
	evOddName:        {what: "odd name", tally: toFake},
	evBidiName:       {what: "direction controls in the name", tally: toFake},
	evFamousName:     {what: "famous name without verification", tally: toFake, impersonating: true},
	evParody:         {what: "parody account", tally: toFake, impersonating: true},
	evImpersonation:  {what: "poses as someone you know", tally: toFake, impersonating: true},
}

// mark is one piece of evidence with its weight.
type mark struct {
	kind   evidence
	weight int
	// weak: too little to count alone; it counts only beside strong scam
	// evidence (see Engine.weigh).
	weak    bool
	phrases []string
	rule    string // the rule that found it (set by the engine)
}

// tallies sums the evidence of every fired rule.
type tallies struct {
	scam, fake int
	marks      []mark
}

func (t *tallies) add(m mark) {
	t.marks = append(t.marks, m)
	if m.weak {
		return
	}
	k := evidenceKinds[m.kind]
	if k.tally&toScam != 0 {
		t.scam += m.weight
	}
	if k.tally&toFake != 0 {
		t.fake += m.weight
	}
}

// has reports evidence of kind k.
func (t *tallies) has(k evidence) bool {
	for _, m := range t.marks {
		if m.kind == k && !m.weak {
			return true
		}
	}
	return false
}

// impersonation reports evidence of someone posing as another person.
func (t *tallies) impersonation() bool {
	for _, m := range t.marks {
		if !m.weak && evidenceKinds[m.kind].impersonating {
			return true
		}
	}
	return false
}

// whats lists the kinds counted toward a tally, for the decision path.
func (t *tallies) whats(to tally) []string {
	var out []string
	var seen [nEvidence]bool
	for _, m := range t.marks {
		if m.weak || evidenceKinds[m.kind].tally&to == 0 || seen[m.kind] {
			continue
		}
		seen[m.kind] = true
		out = append(out, evidenceKinds[m.kind].what)
	}
	return out
}
