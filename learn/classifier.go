package learn

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/linkvet/linkvet"
)

// Params are the knobs of the classifier. The feature knobs (those marked
// "feature") decide what is counted, so a stored classifier only loads with
// the same ones; the others only change how counts are read and can be
// changed at any time.
type Params struct {
	// Bigrams also counts each pair of adjacent words ("click here").
	// Feature.
	Bigrams bool
	// CharGramMin and CharGramMax bound the length of the character n-grams
	// counted for each word, its start and end marked; 0 counts none.
	// Feature.
	CharGramMin, CharGramMax int
	// CharGramMaxWord: words longer than this many letters get no character
	// n-grams; misspellings and text-speak are short words. Feature.
	CharGramMaxWord int
	// KeepLongNumbers also counts numbers of five digits or more as
	// themselves, besides their shape token. Feature.
	KeepLongNumbers bool
	// ShapeTokens counts web addresses, e-mail addresses and amounts of
	// money as "<url>", "<email>" and "<money>". Feature.
	ShapeTokens bool
	// ShoutToken counts each word written in capitals as "<shout>". Feature.
	ShoutToken bool
	// LengthFeature counts the length of each text field, in buckets.
	// Feature.
	LengthFeature bool
	// MaxWords is how many words of a document are read at most, so that a
	// pasted essay costs no more than a page. Feature.
	MaxWords int

	// Binary counts a feature once per document however often it occurs:
	// repeating "free" ten times is not ten times the evidence.
	// Feature: it changes what the counts mean.
	Binary bool

	// Alpha is the additive smoothing: every feature is taken as seen Alpha
	// more times in each class than it was, so that one unseen in a class
	// does not make that class impossible. Smaller trusts the counts more.
	Alpha float64
	// Bias is added to a class's log score: a positive value makes the class
	// harder to lose, so the costly mistake (flagging a wanted message as
	// spam, declining a friend) becomes rarer. Classes not named get 0.
	Bias map[string]float64
	// MinDocs is how many decisions must have been trained before a result
	// counts at all (Result.Enough).
	MinDocs int
	// MinPerClass is how many decisions of a class must have been trained
	// before the class can be the answer, and at least two classes need
	// that many for any answer to count.
	MinPerClass int
	// MaxEvidence is how many tokens Result.For and Result.Against list at
	// most.
	MaxEvidence int
	// Doubt calibrates Result.Prob: naive Bayes multiplies evidence as if
	// every word were independent, so its raw probabilities are nearly
	// always 0 or 1, even after a handful of decisions. Each probability is
	// shrunk toward an even split between the trained classes as if Doubt
	// more decisions had been seen that say nothing:
	//
	//	p = (n·p_raw + Doubt/K) / (n + Doubt)
	//
	// for n decisions trained and K classes (at least 2). With the default
	// 10, five decisions can make it at most 67% sure, twenty 83%, a
	// hundred 95%, a thousand 99.5%. The order of the classes, and so
	// Result.Class, does not change.
	Doubt float64
}

// DefaultParams returns the parameters linkvet uses. They were chosen by
// cross-validation on the training part of the SMS corpus: see the package
// documentation and docs/benchmarks.md.
func DefaultParams() Params {
	return Params{
		Bigrams:       true,
		ShapeTokens:   true,
		ShoutToken:    true,
		LengthFeature: true,
		MaxWords:      1000,
		Binary:        true,
		Alpha:         0.5,
		MinDocs:       20,
		MinPerClass:   3,
		MaxEvidence:   8,
		Doubt:         10,
	}
}

// validate reports the first knob out of range.
func (p Params) validate() error {
	switch {
	case p.CharGramMin < 0 || p.CharGramMax < p.CharGramMin || p.CharGramMax > 8:
		return linkvet.Errorf(linkvet.EINVALID, "learn params: character n-gram sizes %d..%d are not 0..8, smallest first", p.CharGramMin, p.CharGramMax)
	case p.CharGramMaxWord < 0:
		return linkvet.Errorf(linkvet.EINVALID, "learn params: CharGramMaxWord %d is negative", p.CharGramMaxWord)
	case p.MaxWords < 1:
		return linkvet.Errorf(linkvet.EINVALID, "learn params: MaxWords %d must be at least 1", p.MaxWords)
	case !(p.Alpha > 0) || math.IsInf(p.Alpha, 0):
		return linkvet.Errorf(linkvet.EINVALID, "learn params: smoothing Alpha %v must be a positive number", p.Alpha)
	case !(p.Doubt >= 0) || math.IsInf(p.Doubt, 0):
		return linkvet.Errorf(linkvet.EINVALID, "learn params: Doubt %v must be zero or a positive number", p.Doubt)
	case p.MinDocs < 0 || p.MinPerClass < 0 || p.MaxEvidence < 0:
		return linkvet.Errorf(linkvet.EINVALID, "learn params: MinDocs, MinPerClass and MaxEvidence must not be negative")
	}
	for class, b := range p.Bias {
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return linkvet.Errorf(linkvet.EINVALID, "learn params: bias of class %q is %v, not a number", class, b)
		}
	}
	return nil
}

// Doc is what the classifier reads of one item: free text and categorical
// facts.
type Doc struct {
	Text  []string // raw text fields (note, headline, about); folded here
	Facts []string // categorical tokens, "name:value" ("photo:none")
}

// Evidence is one feature that weighed on a result, with its weight in
// natural-log odds: how much more likely the feature is under the winning
// class than under the runner-up (positive) or less (negative).
type Evidence struct {
	Token  string  `json:"token"`
	Weight float64 `json:"weight"`
}

// Result is the classifier's answer for one document.
type Result struct {
	Class string `json:"class"` // most probable class; "" when nothing was trained
	// Prob is the probability of each trained class, calibrated by the
	// number of decisions (Params.Doubt): never near certainty after a
	// handful of them.
	Prob map[string]float64 `json:"prob"`
	// Decisions is how many decisions the answer stands on: all those
	// trained, of every class.
	Decisions int `json:"decisions"`
	// Enough is false until enough decisions were trained for the answer to
	// mean anything; then the caller must ignore Class, and Why says what is
	// missing.
	Enough  bool       `json:"enough"`
	Why     string     `json:"why,omitempty"`
	For     []Evidence `json:"for,omitempty"`     // pushed toward Class, strongest first
	Against []Evidence `json:"against,omitempty"` // pushed away from Class, strongest first
}

// Summary says the answer the way a person reads it: the class, how sure
// (calibrated, rounded down so that it never shows 100%) and how many
// decisions it stands on, e.g. "decline, 83% sure, from 20 decisions". It
// adds "(not enough to go on)" when the result is not Enough.
func (r Result) Summary() string {
	if r.Class == "" {
		return "no opinion: nothing was trained yet"
	}
	pct := int(math.Floor(100 * r.Prob[r.Class]))
	pct = min(pct, 99)
	unit := "decisions"
	if r.Decisions == 1 {
		unit = "decision"
	}
	s := fmt.Sprintf("%s, %d%% sure, from %d %s", r.Class, pct, r.Decisions, unit)
	if !r.Enough {
		s += " (not enough to go on)"
	}
	return s
}

// Classifier is a naive Bayes text classifier. It holds counts only, so
// Untrain exactly reverses Train and the stored form is a list of numbers.
// Train and Untrain must not run concurrently with anything else; Classify
// may run concurrently with itself.
type Classifier struct {
	p       Params
	classes []string       // in order of first training; never shrinks
	index   map[string]int // class name → position in classes
	docs    []uint64       // decisions trained per class
	total   []uint64       // feature occurrences counted per class
	vocab   map[string]*entry
	logTab  []float64 // log(n + Alpha) for small n, so Classify needs few logs

	// The compiled model of the counts (model.go), built after uses
	// classifications and dropped by every change of the counts.
	model     atomic.Pointer[model]
	uses      atomic.Int64
	compiling atomic.Bool
}

// entry is one feature's counts per class, in the order of
// Classifier.classes (missing trailing classes are zero).
type entry struct {
	token string
	n     []uint32
}

func (e *entry) count(class int) uint32 {
	if class < len(e.n) {
		return e.n[class]
	}
	return 0
}

const logTabSize = 1024

// New returns an empty classifier. Params out of range are replaced by
// DefaultParams' values; use NewChecked to be told instead.
func New(p Params) *Classifier {
	c, err := NewChecked(p)
	if err != nil {
		d := DefaultParams()
		d.Bias = p.Bias
		if d.validate() != nil {
			d.Bias = nil
		}
		c, _ = NewChecked(d)
	}
	return c
}

// NewChecked returns an empty classifier, or an EINVALID error naming the
// parameter out of range.
func NewChecked(p Params) (*Classifier, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	c := &Classifier{p: p, index: map[string]int{}, vocab: map[string]*entry{}}
	c.logTab = make([]float64, logTabSize)
	for i := range c.logTab {
		c.logTab[i] = math.Log(float64(i) + p.Alpha)
	}
	return c, nil
}

// Params returns the classifier's parameters.
func (c *Classifier) Params() Params { return c.p }

// Docs returns how many decisions were trained per class.
func (c *Classifier) Docs() map[string]int {
	m := make(map[string]int, len(c.classes))
	for i, name := range c.classes {
		if c.docs[i] > 0 {
			m[name] = int(c.docs[i])
		}
	}
	return m
}

func (c *Classifier) logCount(n uint32) float64 {
	if n < logTabSize {
		return c.logTab[n]
	}
	return math.Log(float64(n) + c.p.Alpha)
}

// counted returns the features of doc as counted: sorted, with repeats
// unless the classifier counts presence only.
func (c *Classifier) counted(doc Doc) []string {
	feats := appendFeatures(nil, doc, c.p)
	slices.Sort(feats)
	if c.p.Binary {
		return slices.Compact(feats)
	}
	return feats
}

// lookup returns the entries of doc's features that were seen in
// training, grouped (repeats adjacent; once each when counting presence).
// It allocates no string per feature: this is Classify's hot path.
func (c *Classifier) lookup(doc Doc) []*entry {
	t := newTokenizer(c.p)
	t.sink, t.vocab, t.entries = sinkEntries, c.vocab, make([]*entry, 0, 64)
	t.doc(doc)
	return c.grouped(t.entries)
}

// lookupFolded is lookup for a document folded by the caller.
func (c *Classifier) lookupFolded(doc FoldedDoc) []*entry {
	t := newTokenizer(c.p)
	t.sink, t.vocab, t.entries = sinkEntries, c.vocab, make([]*entry, 0, 64)
	t.folded(doc)
	return c.grouped(t.entries)
}

func (c *Classifier) grouped(found []*entry) []*entry {
	// In token order, so that the sums, and so the probabilities, do not
	// depend on the order features were first seen.
	slices.SortFunc(found, func(a, b *entry) int { return strings.Compare(a.token, b.token) })
	if c.p.Binary {
		found = slices.Compact(found)
	}
	return found
}

// Train counts doc as an example of class. The empty class means "no
// class" in a Result, so Train ignores it.
func (c *Classifier) Train(doc Doc, class string) {
	if class == "" {
		return
	}
	c.forget()
	ci, ok := c.index[class]
	if !ok {
		ci = len(c.classes)
		c.classes = append(c.classes, class)
		c.index[class] = ci
		c.docs = append(c.docs, 0)
		c.total = append(c.total, 0)
	}
	c.docs[ci]++
	for _, f := range c.counted(doc) {
		e := c.vocab[f]
		if e == nil {
			e = &entry{token: f}
			c.vocab[f] = e
		}
		if len(e.n) <= ci {
			e.n = append(e.n, make([]uint32, ci+1-len(e.n))...)
		}
		e.n[ci]++
		c.total[ci]++
	}
}

// Untrain removes doc as an example of class, exactly reversing Train. It
// returns an ENOTFOUND error and changes nothing when class or one of doc's
// features was never counted as often: doc was not trained as class (or
// was trained with other parameters).
func (c *Classifier) Untrain(doc Doc, class string) error {
	ci, ok := c.index[class]
	if !ok || c.docs[ci] == 0 {
		return linkvet.Errorf(linkvet.ENOTFOUND, "untrain: no decision of class %q was trained", class)
	}
	feats := c.counted(doc)
	// Check everything first so that a failed Untrain leaves the counts
	// as they were.
	for i := 0; i < len(feats); {
		j := i + 1
		for j < len(feats) && feats[j] == feats[i] {
			j++
		}
		e := c.vocab[feats[i]]
		if e == nil || int(e.count(ci)) < j-i {
			return linkvet.Errorf(linkvet.ENOTFOUND, "untrain: feature %q was never counted for class %q: the document was not trained as that class", feats[i], class)
		}
		i = j
	}
	c.forget()
	c.docs[ci]--
	for _, f := range feats {
		e := c.vocab[f]
		e.n[ci]--
		c.total[ci]--
		if allZero(e.n) {
			delete(c.vocab, f)
		}
	}
	return nil
}

func allZero(n []uint32) bool {
	for _, v := range n {
		if v != 0 {
			return false
		}
	}
	return true
}

// Classify returns the most probable class of doc, the probability of each
// class and the features that decided it.
func (c *Classifier) Classify(doc Doc) Result {
	if m := c.compiled(); m != nil {
		sc := scratchPool.Get().(*scratch)
		t := m.tokenizer(c.p, sc)
		t.doc(doc)
		r := m.result(c, t.numbers(), sc)
		sc.done(&t)
		return r
	}
	return c.classifyCounts(func() []*entry { return c.lookup(doc) })
}

// ClassifyFolded is Classify for a document the caller folded already
// (see FoldedDoc): the same Result, without folding the text again.
func (c *Classifier) ClassifyFolded(doc FoldedDoc) Result {
	if m := c.compiled(); m != nil {
		sc := scratchPool.Get().(*scratch)
		t := m.tokenizer(c.p, sc)
		t.folded(doc)
		r := m.result(c, t.numbers(), sc)
		sc.done(&t)
		return r
	}
	return c.classifyCounts(func() []*entry { return c.lookupFolded(doc) })
}

// classifyCounts is Classify read straight from the counts: the reference
// the compiled model (model.go) must agree with to the last bit, and what
// a classifier answers until it has been asked often enough to compile.
func (c *Classifier) classifyCounts(lookup func() []*entry) Result {
	var totalDocs uint64
	active := make([]int, 0, len(c.classes))
	for i, n := range c.docs {
		if n > 0 {
			totalDocs += n
			active = append(active, i)
		}
	}
	if len(active) == 0 {
		return Result{Prob: map[string]float64{}, Why: untrainedWhy(c.p.MinDocs)}
	}

	// score[k] = log P(class) + Σ log P(feature | class), over features seen
	// in training; an unseen feature says nothing about any class.
	found := lookup()
	v := float64(len(c.vocab))
	score := make([]float64, len(active))
	for k, ci := range active {
		s := math.Log(float64(c.docs[ci])/float64(totalDocs)) + c.p.Bias[c.classes[ci]]
		denom := math.Log(float64(c.total[ci]) + c.p.Alpha*v)
		for _, e := range found {
			s += c.logCount(e.count(ci)) - denom
		}
		score[k] = s
	}

	best, second := 0, -1
	for k := 1; k < len(active); k++ {
		if score[k] > score[best] {
			best, second = k, best
		} else if second < 0 || score[k] > score[second] {
			second = k
		}
	}
	r := Result{Class: c.classes[active[best]], Prob: make(map[string]float64, len(active)), Decisions: int(totalDocs)}
	var sum float64
	for _, s := range score {
		sum += math.Exp(s - score[best])
	}
	n := float64(totalDocs)
	even := c.p.Doubt / float64(max(len(active), 2))
	for k, ci := range active {
		raw := math.Exp(score[k]-score[best]) / sum
		r.Prob[c.classes[ci]] = (n*raw + even) / (n + c.p.Doubt)
	}
	if second >= 0 {
		r.For, r.Against = c.evidence(found, active[best], active[second])
	}
	r.Enough, r.Why = c.enough(active[best], totalDocs)
	return r
}

func untrainedWhy(minDocs int) string {
	return fmt.Sprintf("nothing was trained yet: %d decisions needed", minDocs)
}

// evidence weighs each feature by how much more likely it is under the
// winning class than under the runner-up.
func (c *Classifier) evidence(found []*entry, win, runnerUp int) (pro, con []Evidence) {
	if c.p.MaxEvidence == 0 {
		return nil, nil
	}
	v := float64(len(c.vocab))
	dw := math.Log(float64(c.total[win]) + c.p.Alpha*v)
	dr := math.Log(float64(c.total[runnerUp]) + c.p.Alpha*v)
	for i := 0; i < len(found); {
		e := found[i]
		j := i + 1
		for j < len(found) && found[j] == e {
			j++
		}
		w := float64(j-i) * ((c.logCount(e.count(win)) - dw) - (c.logCount(e.count(runnerUp)) - dr))
		i = j
		if !citable(e.token) {
			continue // "the", "de", "u": counted, never cited
		}
		switch {
		case w > 0:
			pro = keepStrongest(pro, Evidence{Token: e.token, Weight: w}, c.p.MaxEvidence)
		case w < 0:
			con = keepStrongest(con, Evidence{Token: e.token, Weight: w}, c.p.MaxEvidence)
		}
	}
	return pro, con
}

// keepStrongest inserts ev into list, kept strongest first (ties by
// token) and at most k long: a top-k without sorting every feature.
func keepStrongest(list []Evidence, ev Evidence, k int) []Evidence {
	stronger := func(a, b Evidence) bool {
		if x, y := math.Abs(a.Weight), math.Abs(b.Weight); x != y {
			return x > y
		}
		return a.Token < b.Token
	}
	if list == nil {
		list = make([]Evidence, 0, min(k, 16))
	}
	if len(list) == k {
		if !stronger(ev, list[k-1]) {
			return list
		}
		list = list[:k-1]
	}
	i := len(list)
	for i > 0 && stronger(ev, list[i-1]) {
		i--
	}
	return slices.Insert(list, i, ev)
}

// enough applies the significance gate: enough decisions overall, enough
// of the winning class and of at least one other.
func (c *Classifier) enough(win int, totalDocs uint64) (bool, string) {
	if totalDocs < uint64(c.p.MinDocs) {
		return false, fmt.Sprintf("only %d of %d decisions needed were trained", totalDocs, c.p.MinDocs)
	}
	min := uint64(c.p.MinPerClass)
	if c.docs[win] < min {
		return false, fmt.Sprintf("only %d %q decisions were trained; %d needed before it can be the answer", c.docs[win], c.classes[win], min)
	}
	var others []string
	for i, n := range c.docs {
		if i != win && n >= min && n > 0 {
			others = append(others, c.classes[i])
		}
	}
	if len(others) == 0 {
		return false, fmt.Sprintf("no class other than %q has %d decisions to compare with", c.classes[win], max(min, 1))
	}
	return true, ""
}

// String summarizes the counts, for debugging and logs.
func (c *Classifier) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "naive Bayes, %d features", len(c.vocab))
	for i, name := range c.classes {
		fmt.Fprintf(&b, ", %s: %d", name, c.docs[i])
	}
	return b.String()
}
