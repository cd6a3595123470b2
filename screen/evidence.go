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

type sink uint8

const (
	toScam sink = 1 << iota
	toFake
)

// evidenceKind describes one kind of evidence.
type evidenceKind struct {
	what string // a few words for the decision path
	sink sink   // the tallies it feeds
	// supporting evidence only weighs as scam evidence beside strong
	// evidence of another kind (a push to WhatsApp, urgency).
	supporting bool
	// impersonating evidence makes a fake profile worth reporting.
	impersonating bool
}

var evidenceKinds = [nEvidence]evidenceKind{
	evInvestment:     {what: "a promise of investment returns", sink: toScam},
	evRomance:        {what: "a dating-style approach", sink: toScam},
	evAdvanceFee:     {what: "a fake job, fee or windfall story", sink: toScam},
	evPhishing:       {what: "an account alarm or credential request", sink: toScam},
	evOffPlatform:    {what: "a push to move the conversation off LinkedIn", sink: toScam, supporting: true},
	evUrgency:        {what: "pressure to act at once", sink: toScam, supporting: true},
	evLinks:          {what: "suspicious links", sink: toScam},
	evMoneyPromise:   {what: "money promised per day, week or month", sink: toScam},
	evCrypto:         {what: "crypto vocabulary", sink: toScam},
	evForeignPhone:   {what: "phone from another country", sink: toScam | toFake},
	evNoPhoto:        {what: "no photo", sink: toFake},
	evStockPhoto:     {what: "stock photo", sink: toFake},
	evGeneratedPhoto: {what: "AI-generated photo", sink: toFake, impersonating: true},
	evNoHistory:      {what: "no work history", sink: toFake},
	evBlankProfile:   {what: "blank profile", sink: toFake},
	evNewAccount:     {what: "brand-new account", sink: toFake},
	evFewConnections: {what: "few connections", sink: toFake},
	evGenericTitle:   {what: "generic title", sink: toFake},
	evOddName:        {what: "odd name", sink: toFake},
	evBidiName:       {what: "direction controls in the name", sink: toFake},
	evFamousName:     {what: "famous name without verification", sink: toFake, impersonating: true},
	evParody:         {what: "parody account", sink: toFake, impersonating: true},
	evImpersonation:  {what: "poses as someone you know", sink: toFake, impersonating: true},
}

// mark is one piece of evidence with its weight.
type mark struct {
	phrases []string
	rule    string // the rule that found it (set by the engine)
	weight  int
	kind    evidence
	// weak: too little to count alone; it counts only beside strong scam
	// evidence (see Engine.weigh).
	weak bool
}

// tallies sums the evidence of every fired rule.
type tallies struct {
	scam, fake int
	marks      []mark
	// first holds the marks of most invitations (a photo, an age, a name,
	// a few scam signs), so that adding them does not allocate.
	first [8]mark
	// text holds the details of the verdict's reasons (detail.go).
	text details
}

func (t *tallies) add(m mark) {
	if t.marks == nil {
		t.marks = t.first[:0]
	}
	t.marks = append(t.marks, m)
	if m.weak {
		return
	}
	k := evidenceKinds[m.kind]
	if k.sink&toScam != 0 {
		t.scam += m.weight
	}
	if k.sink&toFake != 0 {
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

// whats lists the kinds counted toward a sink, for the decision path.
func (t *tallies) whats(to sink) []string {
	var out []string
	var seen [nEvidence]bool
	for _, m := range t.marks {
		if m.weak || evidenceKinds[m.kind].sink&to == 0 || seen[m.kind] {
			continue
		}
		seen[m.kind] = true
		out = append(out, evidenceKinds[m.kind].what)
	}
	return out
}

// appendWhats appends the kinds counted toward a sink, ", " between them:
// strings.Join(t.whats(to), ", ") without the slice.
func (t *tallies) appendWhats(dst []byte, to sink) []byte {
	var seen [nEvidence]bool
	start := len(dst)
	for _, m := range t.marks {
		if m.weak || evidenceKinds[m.kind].sink&to == 0 || seen[m.kind] {
			continue
		}
		seen[m.kind] = true
		if len(dst) > start {
			dst = append(dst, ", "...)
		}
		dst = append(dst, evidenceKinds[m.kind].what...)
	}
	return dst
}
