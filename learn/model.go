package learn

import (
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/linkvet/linkvet/fold"
)

// A compiled model is what Classify reads once a classifier has been asked
// often enough: the same counts, turned into the numbers Classify would
// otherwise work out on every call. Every feature gets a number, its rank
// among the features sorted, so that a document's features are sorted as
// integers rather than strings; each (feature, class) pair its term
// log(n(t,c) + α) − log(N(c) + α·V), the very float Classify adds; and each
// feature whether it may be cited. The sums run over the same terms in the
// same order as classifyCounts, so the answer is the same to the last bit
// (TestCompiledAgrees, FuzzCompiledAgrees).
//
// A model is built once per trained state, when Classify has been called
// compileAfter times since the last Train, Untrain or UnmarshalBinary:
// building costs about as much as the classifications it saves in its
// first few thousand, so a classifier asked a few times (the service's
// status check, one decision) never pays for it, and one screening a file
// pays for it in the first fraction of a second. It is never written after it is built, so
// concurrent Classify calls share it.
type model struct {
	ids    map[string]int32 // feature → rank
	tokens []string         // rank → feature (the vocabulary's own strings)
	flags  []uint8          // rank → flagCite, flagWord

	// pairs numbers each word pair by the numbers of its two words;
	// loose says some pair's words are not both features (never after
	// training, only from damaged stored counts), so that a pair with an
	// unseen word must still be looked up by its text.
	pairs pairTable
	loose bool
	// factIDs numbers the facts DocFromInvitation can give as they are
	// written, before folding (-1: not a feature).
	factIDs map[string]int32

	active    []int     // positions in Classifier.classes of the classes with decisions
	k         int       // len(active)
	w         []float64 // w[rank*k+j]: the term of the feature under class active[j]
	logPrior  []float64 // log P(class active[j]), before Params.Bias
	totalDocs uint64
	enough    []bool   // the significance gate when active[j] wins
	why       []string // ... and what is missing
	untrained string   // Why of a classifier with nothing trained
}

// Feature flags in a compiled model.
const (
	flagCite = 1 << iota // may be cited as evidence (citable)
	flagWord             // a word or word pair, not a fact or shape token (wordToken)
)

// compileAfter is how many classifications a trained state answers from
// the counts before it is compiled: a few, and more for a large
// vocabulary, whose model costs more to build (about a microsecond per
// feature, BenchmarkCompile; a classification from the model saves
// several).
func (c *Classifier) compileAfter() int64 {
	return 16 + int64(len(c.vocab))/8
}

// compiled returns the compiled model of the current counts, building it
// when the counts have been read often enough, or nil while they are read
// directly. Only one caller builds it; the others keep reading the counts
// meanwhile.
func (c *Classifier) compiled() *model {
	if m := c.model.Load(); m != nil {
		return m
	}
	if c.index == nil || c.uses.Add(1) < c.compileAfter() {
		return nil
	}
	if !c.compiling.CompareAndSwap(false, true) {
		return nil
	}
	m := c.compile()
	c.model.Store(m)
	return m
}

// forget drops the compiled model: the counts changed.
func (c *Classifier) forget() {
	c.model.Store(nil)
	c.uses.Store(0)
	c.compiling.Store(false)
}

// compile builds the model of the current counts.
func (c *Classifier) compile() *model {
	m := &model{untrained: untrainedWhy(c.p.MinDocs)}
	for i, n := range c.docs {
		if n > 0 {
			m.totalDocs += n
			m.active = append(m.active, i)
		}
	}
	m.k = len(m.active)
	if m.k == 0 {
		return m
	}
	m.tokens = make([]string, 0, len(c.vocab))
	for tok := range c.vocab {
		m.tokens = append(m.tokens, tok)
	}
	slices.Sort(m.tokens)
	m.ids = make(map[string]int32, len(m.tokens))
	m.flags = make([]uint8, len(m.tokens))
	m.w = make([]float64, len(m.tokens)*m.k)
	v := float64(len(c.vocab))
	denom := make([]float64, m.k)
	m.logPrior = make([]float64, m.k)
	m.enough = make([]bool, m.k)
	m.why = make([]string, m.k)
	for j, ci := range m.active {
		// As classifyCounts and evidence work them out.
		denom[j] = math.Log(float64(c.total[ci]) + c.p.Alpha*v)
		m.logPrior[j] = math.Log(float64(c.docs[ci]) / float64(m.totalDocs))
		m.enough[j], m.why[j] = c.enough(ci, m.totalDocs)
	}
	for id, tok := range m.tokens {
		m.ids[tok] = int32(id)
	}
	var pairs []scoredPair
	for id, tok := range m.tokens {
		if a, b, ok := strings.Cut(tok, " "); ok && a != "" && b != "" && !strings.Contains(b, " ") {
			ida, oka := m.ids[a]
			idb, okb := m.ids[b]
			if oka && okb {
				pairs = append(pairs, scoredPair{pairKey(ida, idb), int32(id)})
			} else {
				m.loose = true
			}
		}
	}
	m.pairs = newPairTable(pairs)
	m.factIDs = make(map[string]int32, len(invitationFacts))
	for _, f := range invitationFacts {
		m.factIDs[f] = -1
		if id, ok := m.ids[fold.String(f)]; ok {
			m.factIDs[f] = id
		}
	}
	for id, tok := range m.tokens {
		e := c.vocab[tok]
		row := m.w[id*m.k : id*m.k+m.k]
		for j, ci := range m.active {
			row[j] = c.logCount(e.count(ci)) - denom[j]
		}
		if citable(tok) {
			m.flags[id] |= flagCite
		}
		if wordToken(tok) {
			m.flags[id] |= flagWord
		}
	}
	return m
}

// scratch is the room a classification works in, reused through a pool
// so that a classification allocates only what it returns.
type scratch struct {
	ids           []int32
	buf           []byte
	words         []string
	score         []float64
	top           []scored
	bits, summary []uint64 // left all zero after each use
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{ids: make([]int32, 0, 128), buf: make([]byte, 0, 96), words: make([]string, 0, 64),
		score: make([]float64, 0, 8), top: make([]scored, 0, 16)}
}}

// tokenizer returns a tokenizer that numbers the features of m, working
// in sc.
func (m *model) tokenizer(p Params, sc *scratch) tokenizer {
	t := tokenizer{p: p, words: sc.words[:0], buf: sc.buf[:0], sink: sinkIDs, m: m, ids: sc.ids[:0]}
	if p.Binary {
		words := (len(m.tokens) + 63) / 64
		if len(sc.bits) < words {
			sc.bits = make([]uint64, words)
			sc.summary = make([]uint64, (words+63)/64)
		}
		t.bits, t.summary = sc.bits[:words], sc.summary[:(words+63)/64]
	}
	return t
}

// done returns sc to the pool, keeping what t grew unless it grew large,
// and forgetting the text it held.
func (sc *scratch) done(t *tokenizer) {
	clear(t.words)
	if cap(t.words) <= 1024 {
		sc.words = t.words[:0]
	}
	if cap(t.buf) <= 4096 {
		sc.buf = t.buf[:0]
	}
	if cap(t.ids) <= 4096 {
		sc.ids = t.ids[:0]
	}
	scratchPool.Put(sc)
}

// scores returns room for k scores.
func (sc *scratch) scores(k int) []float64 {
	if cap(sc.score) < k {
		sc.score = make([]float64, k)
	}
	return sc.score[:k]
}

// scores fills score with each active class's log score for ids (in
// token order: tokenizer.numbers)
// and returns the best class and the runner-up (-1 when there is one
// class), as classifyCounts picks them.
func (m *model) scores(c *Classifier, ids []int32, score []float64) (best, second int) {
	k := m.k
	for j, ci := range m.active {
		score[j] = m.logPrior[j] + c.p.Bias[c.classes[ci]]
	}
	for _, id := range ids {
		row := m.w[int(id)*k : int(id)*k+k]
		for j, x := range row {
			score[j] += x
		}
	}
	best, second = 0, -1
	for j := 1; j < k; j++ {
		if score[j] > score[best] {
			best, second = j, best
		} else if second < 0 || score[j] > score[second] {
			second = j
		}
	}
	return best, second
}

// result is classifyCounts' Result, from the model; ids are the
// document's features (tokenizer.numbers).
func (m *model) result(c *Classifier, ids []int32, sc *scratch) Result {
	if m.k == 0 {
		return Result{Prob: map[string]float64{}, Why: m.untrained}
	}
	score := sc.scores(m.k)
	best, second := m.scores(c, ids, score)
	r := Result{Class: c.classes[m.active[best]], Prob: make(map[string]float64, m.k), Decisions: int(m.totalDocs)}
	var sum float64
	for _, s := range score {
		sum += math.Exp(s - score[best])
	}
	n := float64(m.totalDocs)
	even := c.p.Doubt / float64(max(m.k, 2))
	for j, ci := range m.active {
		raw := math.Exp(score[j]-score[best]) / sum
		r.Prob[c.classes[ci]] = (n*raw + even) / (n + c.p.Doubt)
	}
	if second >= 0 && c.p.MaxEvidence > 0 {
		r.For, r.Against = m.evidence(c.p.MaxEvidence, ids, best, second)
	}
	r.Enough, r.Why = m.enough[best], m.why[best]
	return r
}

// evidence is Classifier.evidence from the model; win and runnerUp are
// positions in active.
func (m *model) evidence(maxEv int, ids []int32, win, runnerUp int) (pro, con []Evidence) {
	k := m.k
	for i := 0; i < len(ids); {
		id := ids[i]
		j := i + 1
		for j < len(ids) && ids[j] == id {
			j++
		}
		row := m.w[int(id)*k : int(id)*k+k]
		w := float64(j-i) * (row[win] - row[runnerUp])
		i = j
		if m.flags[id]&flagCite == 0 {
			continue // "the", "de", "u": counted, never cited
		}
		switch {
		case w > 0:
			pro = keepStrongest(pro, Evidence{Token: m.tokens[id], Weight: w}, maxEv)
		case w < 0:
			con = keepStrongest(con, Evidence{Token: m.tokens[id], Weight: w}, maxEv)
		}
	}
	return pro, con
}

// Brief is the part of a Result a screening engine reads, worked out
// without building the Result's map and lists.
type Brief struct {
	Class     string  // Result.Class
	Prob      float64 // Result.Prob[Class]
	Decisions int     // Result.Decisions
	Enough    bool    // Result.Enough
	Why       string  // Result.Why
	// Words are the tokens of Result.For that are words or word pairs,
	// strongest first: facts ("photo:none") and shape tokens ("<url>")
	// explain less to a person and are left out.
	Words []string
}

// BriefOf returns the Brief of a Result.
func BriefOf(r Result) Brief {
	b := Brief{Class: r.Class, Prob: r.Prob[r.Class], Decisions: r.Decisions, Enough: r.Enough, Why: r.Why}
	for _, ev := range r.For {
		if wordToken(ev.Token) {
			b.Words = append(b.Words, ev.Token)
		}
	}
	return b
}

// wordToken reports whether a feature is a word or word pair rather than a
// fact or a shape token.
func wordToken(tok string) bool {
	return !strings.ContainsRune(tok, ':') && !strings.HasPrefix(tok, "<")
}

// BriefFolded is BriefOf(c.ClassifyFolded(doc)), cheaper.
func (c *Classifier) BriefFolded(doc FoldedDoc) Brief {
	m := c.compiled()
	if m != nil && m.k == 0 {
		return Brief{Why: m.untrained} // nothing learned: no words to look up
	}
	if m == nil {
		return BriefOf(c.ClassifyFolded(doc))
	}
	sc := scratchPool.Get().(*scratch)
	t := m.tokenizer(c.p, sc)
	t.folded(doc)
	b := m.brief(c, t.numbers(), sc)
	sc.done(&t)
	return b
}

// Brief is BriefOf(c.Classify(doc)), cheaper.
func (c *Classifier) Brief(doc Doc) Brief {
	m := c.compiled()
	if m != nil && m.k == 0 {
		return Brief{Why: m.untrained} // nothing learned: no words to look up
	}
	if m == nil {
		return BriefOf(c.Classify(doc))
	}
	sc := scratchPool.Get().(*scratch)
	t := m.tokenizer(c.p, sc)
	t.doc(doc)
	b := m.brief(c, t.numbers(), sc)
	sc.done(&t)
	return b
}

func (m *model) brief(c *Classifier, ids []int32, sc *scratch) Brief {
	if m.k == 0 {
		return Brief{Why: m.untrained}
	}
	score := sc.scores(m.k)
	best, second := m.scores(c, ids, score)
	var sum float64
	for _, s := range score {
		sum += math.Exp(s - score[best])
	}
	n := float64(m.totalDocs)
	even := c.p.Doubt / float64(max(m.k, 2))
	raw := math.Exp(score[best]-score[best]) / sum
	b := Brief{
		Class:     c.classes[m.active[best]],
		Prob:      (n*raw + even) / (n + c.p.Doubt),
		Decisions: int(m.totalDocs),
		Enough:    m.enough[best],
		Why:       m.why[best],
	}
	if second >= 0 && c.p.MaxEvidence > 0 {
		top := m.strongestFor(c.p.MaxEvidence, ids, best, second, sc.top[:0])
		words := 0
		for _, e := range top {
			if m.flags[e.id]&flagWord != 0 {
				words++
			}
		}
		if words > 0 {
			b.Words = make([]string, 0, words)
			for _, e := range top {
				if m.flags[e.id]&flagWord != 0 {
					b.Words = append(b.Words, m.tokens[e.id])
				}
			}
		}
		if cap(top) <= 64 {
			sc.top = top[:0]
		}
	}
	return b
}

// scored is a feature with its weight, for strongestFor.
type scored struct {
	w  float64
	id int32
}

// strongestFor is the For half of evidence by feature numbers: the k
// features weighing most toward class win over runnerUp, strongest first,
// ties in token order, which is the order of the numbers. It is
// keepStrongest without building an Evidence, and so without touching
// the tokens, for every feature on the way.
func (m *model) strongestFor(k int, ids []int32, win, runnerUp int, top []scored) []scored {
	n := m.k
	for i := 0; i < len(ids); {
		id := ids[i]
		j := i + 1
		for j < len(ids) && ids[j] == id {
			j++
		}
		row := m.w[int(id)*n : int(id)*n+n]
		w := float64(j-i) * (row[win] - row[runnerUp])
		i = j
		if !(w > 0) || m.flags[id]&flagCite == 0 {
			continue
		}
		// w > 0, so |w| is w; stronger means a larger weight, or the same
		// weight and an earlier token.
		if len(top) == k {
			if last := top[k-1]; w < last.w || w == last.w && id > last.id {
				continue
			}
			top = top[:k-1]
		}
		p := len(top)
		for p > 0 && (w > top[p-1].w || w == top[p-1].w && id < top[p-1].id) {
			p--
		}
		top = slices.Insert(top, p, scored{w, id})
	}
	return top
}

type scoredPair struct {
	key uint64
	id  int32
}

// pairTable maps a word pair's key (pairKey) to its feature number: an
// open-addressing table at most half full, cheaper to probe than a map
// for a key that is one number.
type pairTable struct {
	keys  []uint64
	ids   []int32 // -1: empty slot
	shift uint
}

func newPairTable(pairs []scoredPair) pairTable {
	size, shift := 2, uint(63)
	for size < 2*len(pairs) {
		size, shift = size*2, shift-1
	}
	t := pairTable{keys: make([]uint64, size), ids: make([]int32, size), shift: shift}
	for i := range t.ids {
		t.ids[i] = -1
	}
	for _, p := range pairs {
		i := t.slot(p.key)
		for t.ids[i] >= 0 {
			i = (i + 1) & (len(t.ids) - 1)
		}
		t.keys[i], t.ids[i] = p.key, p.id
	}
	return t
}

func (t *pairTable) slot(key uint64) int {
	return int((key * 0x9e3779b97f4a7c15) >> t.shift)
}

// get returns the feature number of the pair key, or -1.
func (t *pairTable) get(key uint64) int32 {
	if len(t.ids) == 0 {
		return -1
	}
	mask := len(t.ids) - 1
	for i := t.slot(key); ; i = (i + 1) & mask {
		id := t.ids[i]
		if id < 0 || t.keys[i] == key {
			return id
		}
	}
}
