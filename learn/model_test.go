package learn

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// foldedDoc folds doc's text the way a caller of ClassifyFolded does.
func foldedDoc(doc Doc) FoldedDoc {
	fd := FoldedDoc{Facts: doc.Facts}
	for _, raw := range doc.Text {
		folded := fold.String(raw)
		fd.Text = append(fd.Text, FoldedText{Raw: raw, Folded: folded, Words: fold.Words(folded)})
	}
	return fd
}

// allFeatures is every feature of doc with repeats, sorted: the multiset
// the classifier counts.
func allFeatures(doc Doc, p Params) []string {
	f := appendFeatures(nil, doc, p)
	slices.Sort(f)
	return f
}

func allFeaturesFolded(doc FoldedDoc, p Params) []string {
	t := newTokenizer(p)
	t.sink = sinkStrings
	t.folded(doc)
	slices.Sort(t.strs)
	return t.strs
}

// oddParams turns on every feature knob the defaults leave off, counts
// repeats and reads few words, so that the budget and the cut of long text
// are exercised.
func oddParams() Params {
	p := DefaultParams()
	p.Binary, p.KeepLongNumbers = false, true
	p.CharGramMin, p.CharGramMax, p.CharGramMaxWord = 2, 4, 8
	p.MaxWords = 7
	return p
}

// checkAgrees fails unless every way of classifying doc gives the same
// answer, to the last bit: from the counts, from the compiled model, from
// folded text, and briefly.
func checkAgrees(t *testing.T, c *Classifier, m *model, doc Doc) {
	t.Helper()
	want := c.classifyCounts(func() []*entry { return c.lookup(doc) })
	if got := c.classifyCounts(func() []*entry { return c.lookupFolded(foldedDoc(doc)) }); !reflect.DeepEqual(got, want) {
		t.Fatalf("from folded text, counts:\n got %+v\nwant %+v", got, want)
	}
	sc := scratchPool.Get().(*scratch)
	tk := m.tokenizer(c.p, sc)
	tk.doc(doc)
	if got := m.result(c, tk.numbers(), sc); !reflect.DeepEqual(got, want) {
		t.Fatalf("compiled:\n got %+v\nwant %+v", got, want)
	}
	tk = m.tokenizer(c.p, sc)
	tk.folded(foldedDoc(doc))
	if got := m.result(c, tk.numbers(), sc); !reflect.DeepEqual(got, want) {
		t.Fatalf("compiled, from folded text:\n got %+v\nwant %+v", got, want)
	}
	tk = m.tokenizer(c.p, sc)
	tk.folded(foldedDoc(doc))
	if got, wantB := m.brief(c, tk.numbers(), sc), BriefOf(want); !reflect.DeepEqual(got, wantB) {
		t.Fatalf("brief:\n got %+v\nwant %+v", got, wantB)
	}
}

// TestCompiledAgrees classifies the SMS test part (or the synthetic notes)
// every way, with the default and the odd parameters, and a bias.
func TestCompiledAgrees(t *testing.T) {
	train, test := loadSMSIfPresent()
	if train == nil {
		train = labelledNotes(60, 40)
		test = train
	}
	biased := DefaultParams()
	biased.Bias = map[string]float64{"ham": 1.5}
	for _, p := range []Params{DefaultParams(), oddParams(), biased} {
		c := New(p)
		for _, l := range train {
			c.Train(l.Doc, l.Class)
		}
		m := c.compile()
		for i, l := range test {
			if testing.Short() && i%10 != 0 {
				continue
			}
			checkAgrees(t, c, m, l.Doc)
		}
		checkAgrees(t, c, m, benchInvitation())
		checkAgrees(t, c, m, Doc{})
	}
}

// TestCompiledAfterUse checks the switch to the compiled model: answers
// do not change when it is built, and every change of the counts drops it.
func TestCompiledAfterUse(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 12, 12)
	doc := spamDoc("Limited offer: grow your sales pipeline 10x, book a call")
	first := c.Classify(doc)
	for range c.compileAfter() + 1 {
		if got := c.Classify(doc); !reflect.DeepEqual(got, first) {
			t.Fatalf("answer changed when compiled:\n got %+v\nwant %+v", got, first)
		}
	}
	if c.model.Load() == nil {
		t.Fatal("not compiled after many classifications")
	}
	for _, change := range []struct {
		name string
		do   func() error
	}{
		{"train", func() error { c.Train(doc, "accept"); return nil }},
		{"untrain", func() error { return c.Untrain(doc, "accept") }},
		{"unmarshal", func() error {
			b, err := c.MarshalBinary()
			if err != nil {
				return err
			}
			return c.UnmarshalBinary(b)
		}},
	} {
		_ = c.Classify(doc)
		for range c.compileAfter() + 1 {
			_ = c.Classify(doc)
		}
		if err := change.do(); err != nil {
			t.Fatal(err)
		}
		if c.model.Load() != nil {
			t.Fatalf("%s kept the compiled model", change.name)
		}
		want := c.classifyCounts(func() []*entry { return c.lookup(doc) })
		for range c.compileAfter() + 1 {
			if got := c.Classify(doc); !reflect.DeepEqual(got, want) {
				t.Fatalf("after %s:\n got %+v\nwant %+v", change.name, got, want)
			}
		}
	}
}

// TestCompiledConcurrent classifies from many goroutines while the model
// is built (run with -race).
func TestCompiledConcurrent(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 20, 20)
	docs := labelledNotes(20, 20)
	want := make([]Result, len(docs))
	for i, l := range docs {
		want[i] = c.classifyCounts(func() []*entry { return c.lookup(l.Doc) })
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for g := range 4 {
		wg.Go(func() {
			for n := range 200 {
				i := (n + g) % len(docs)
				if got := c.Classify(docs[i].Doc); !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Errorf("doc %d: got %+v, want %+v", i, got, want[i])
					return
				}
				if got := c.Brief(docs[i].Doc); !reflect.DeepEqual(got, BriefOf(want[i])) {
					errs <- fmt.Errorf("doc %d brief: got %+v", i, got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestUntrainedBrief: nothing trained, the brief says so as Classify does.
func TestUntrainedBrief(t *testing.T) {
	c := New(DefaultParams())
	for range 100 {
		if got, want := c.Brief(spamDoc("hello")), BriefOf(c.Classify(spamDoc("hello"))); !reflect.DeepEqual(got, want) || got.Why == "" {
			t.Fatalf("got %+v, want %+v", got, want)
		}
	}
	var zero Classifier
	if r := zero.Classify(spamDoc("hello")); r.Class != "" || r.Why == "" {
		t.Fatalf("zero classifier: %+v", r)
	}
}

// TestInvitationFactsFolded: every fact DocFromInvitation can give is
// listed in invitationFacts, which a compiled model numbers once, and is
// left as it is by folding.
func TestInvitationFactsFolded(t *testing.T) {
	yes, no := true, false
	counts := []int{0, 3, 49, 50, 499, 500}
	var invs []*linkvet.Invitation
	for _, photo := range []linkvet.Photo{linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated, linkvet.PhotoUnknown} {
		for _, v := range []*bool{nil, &yes, &no} {
			for i := range counts {
				inv := &linkvet.Invitation{Direction: linkvet.Outgoing, Message: "hi",
					Person:            linkvet.Person{Photo: photo, Verified: v, Connections: &counts[i]},
					MutualConnections: &counts[len(counts)-1-i],
					Shared:            linkvet.Shared{Groups: []string{"g"}},
					Interactions: []string{linkvet.FollowsYou, linkvet.EngagedWithYourContent, linkvet.MessagedBefore,
						linkvet.MetInPerson, linkvet.AttendedSameEvent, linkvet.ViewedYourProfile}}
				invs = append(invs, inv)
			}
		}
	}
	seen := map[string]bool{}
	for _, inv := range invs {
		for _, hasNote := range []bool{true, false} {
			for _, f := range AppendInvitationFacts(nil, inv, hasNote) {
				seen[f] = true
				if !slices.Contains(invitationFacts, f) {
					t.Errorf("fact %q is missing from invitationFacts", f)
				}
				if fold.String(f) != f {
					t.Errorf("fact %q folds to %q", f, fold.String(f))
				}
			}
		}
	}
	if len(seen) != len(invitationFacts) {
		t.Errorf("%d distinct facts seen, %d listed: %v", len(seen), len(invitationFacts), seen)
	}
}

// FuzzFoldedFeatures: a document folded by the caller has exactly the
// features, repeats included, of the same document folded here; and
// every way of classifying it agrees.
func FuzzFoldedFeatures(f *testing.F) {
	f.Add("Hi Dana, loved your talk on Kafka!", "Staff Engineer | Go", "", "photo:real")
	f.Add("FREE entry! Call 08452810075 or visit www.win.com £1000", "CEO 𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "vi\u200bsionary lіnkedin.com 🚀🚀", "mutual:5+")
	f.Add("\xff\xfe don't $5 5$ @x.y", " \u200b ", "ЅАLЕЅ ＦＲＥＥ", "Industry:Software")
	f.Add("one two three four five six seven eight nine ten eleven", "a b c d e f g h", "x", "")
	long := ""
	for range 80 {
		long += "ｌｏｎｇ word "
	}
	f.Add(long, long[:37], "é", "has_note:true")
	c := New(DefaultParams())
	trainNotes(c, 8, 8)
	c.Train(spamDoc("FREE entry! Call 08452810075 or visit www.win.com"), "decline")
	o := New(oddParams())
	for _, l := range labelledNotes(8, 8) {
		o.Train(l.Doc, l.Class)
	}
	cm, om := c.compile(), o.compile()
	f.Fuzz(func(t *testing.T, note, headline, about, fact string) {
		doc := Doc{Text: []string{note, headline, about}, Facts: []string{fact, "photo:none"}}
		fd := foldedDoc(doc)
		for _, p := range []Params{DefaultParams(), oddParams()} {
			if got, want := allFeaturesFolded(fd, p), allFeatures(doc, p); !slices.Equal(got, want) {
				t.Fatalf("params %+v:\nfolded %q\n  want %q", p, got, want)
			}
			if got, want := FeaturesFolded(fd, p), Features(doc, p); !slices.Equal(got, want) {
				t.Fatalf("FeaturesFolded %q, want %q", got, want)
			}
		}
		checkAgrees(t, c, cm, doc)
		checkAgrees(t, o, om, doc)
	})
}

// TestCompiledLoosePairs: counts stored by hand or damaged may hold a word
// pair without its words; the compiled model still finds it by its text.
func TestCompiledLoosePairs(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 10, 10)
	doc := spamDoc("Loved your talk on observability, let us connect")
	var dropped []string
	for tok := range c.vocab {
		if tok == "talk" || tok == "connect" {
			delete(c.vocab, tok)
			dropped = append(dropped, tok)
		}
	}
	if len(dropped) == 0 {
		t.Fatal("the notes no longer hold the words this test drops")
	}
	m := c.compile()
	if !m.loose {
		t.Fatal("model not marked loose")
	}
	checkAgrees(t, c, m, doc)
	if r := c.classifyCounts(func() []*entry { return c.lookup(doc) }); len(r.For)+len(r.Against) == 0 {
		t.Fatal("no evidence at all: the test proves nothing")
	}
}

// TestPairTable: every key put in is found with its number, and keys left
// out are not, for keys in patterns a weak hash would crowd together.
func TestPairTable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 100, 5000} {
		var pairs []scoredPair
		in := map[uint64]int32{}
		for i := range n {
			k := pairKey(int32(i%97), int32(i*64))
			if _, dup := in[k]; dup {
				continue
			}
			in[k] = int32(i)
			pairs = append(pairs, scoredPair{k, int32(i)})
		}
		tab := newPairTable(pairs)
		for k, id := range in {
			if got := tab.get(k); got != id {
				t.Fatalf("n=%d: key %x gave %d, want %d", n, k, got, id)
			}
		}
		for i := range 1000 {
			k := pairKey(int32(i%97+100), int32(i))
			if got := tab.get(k); got != -1 {
				t.Fatalf("n=%d: absent key %x gave %d", n, k, got)
			}
		}
	}
}
