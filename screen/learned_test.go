package screen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/internal/cpuclock"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
)

// labelledCorpus reads the corpus (testdata/corpus, every language) with
// each record's label, the action a user would take: decisions to train a
// classifier on.
func labelledCorpus(tb testing.TB) (invs []linkvet.Invitation, labels []linkvet.Action) {
	tb.Helper()
	files, err := filepath.Glob("testdata/corpus/*.jsonl")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no corpus files: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			var inv linkvet.Invitation
			var label corpusLabel
			if err := json.Unmarshal(sc.Bytes(), &inv); err != nil {
				tb.Fatalf("%s: %v", file, err)
			}
			if err := json.Unmarshal(sc.Bytes(), &label); err != nil {
				tb.Fatalf("%s: %v", file, err)
			}
			invs = append(invs, inv)
			labels = append(labels, label.Label)
		}
	}
	return invs, labels
}

// corpusClassifier is trained on every third corpus record (its label as
// the decision), so that the others are partly new to it.
func corpusClassifier(tb testing.TB, p learn.Params) (*learn.Classifier, []linkvet.Invitation) {
	invs, labels := labelledCorpus(tb)
	c := learn.New(p)
	for i := range invs {
		if i%3 == 0 {
			c.Train(learn.DocFromInvitation(&invs[i]), string(labels[i]))
		}
	}
	return c, invs
}

// checkFromFacts fails unless the engine's facts give the classifier the
// very features learn.DocFromInvitation does, and so the same opinion.
func checkFromFacts(t *testing.T, e *Engine, c *learn.Classifier, inv *linkvet.Invitation) {
	t.Helper()
	f := e.facts(inv, now, false)
	var texts [3]learn.FoldedText
	var facts [16]string
	doc := foldedDoc(f, &texts, &facts)
	p := c.Params()
	if got, want := learn.FeaturesFolded(doc, p), learn.Features(learn.DocFromInvitation(inv), p); !slices.Equal(got, want) {
		t.Fatalf("features from the engine's facts:\n got %q\nwant %q", got, want)
	}
	o := classifierOpinion{c}
	if got, want := o.fromFacts(f), o.Opinion(inv); !reflect.DeepEqual(got, want) {
		t.Fatalf("opinion from facts %+v, want %+v", got, want)
	}
	r := c.Classify(learn.DocFromInvitation(inv))
	if got, want := o.Opinion(inv), learnedOf(learn.BriefOf(r)); !reflect.DeepEqual(got, want) {
		t.Fatalf("opinion %+v, from the full result %+v", got, want)
	}
}

// TestLearnedFromFacts: over the whole corpus (twelve languages, styled
// letters, scams), with the default parameters and with every feature on,
// the opinion read from the engine's folded text is the one read from the
// invitation.
func TestLearnedFromFacts(t *testing.T) {
	odd := learn.DefaultParams()
	odd.Binary, odd.KeepLongNumbers, odd.CharGramMin, odd.CharGramMax, odd.CharGramMaxWord, odd.MaxWords = false, true, 2, 4, 8, 12
	for _, p := range []learn.Params{learn.DefaultParams(), odd} {
		c, invs := corpusClassifier(t, p)
		e := New(policy.Default(), WithClassifier(c))
		for round := range 2 { // from the counts, then compiled
			for i := range invs {
				checkFromFacts(t, e, c, &invs[i])
			}
			if round == 0 {
				for range 20_000 {
					c.Brief(learn.Doc{})
				}
			}
		}
	}
}

func FuzzLearnedFromFacts(f *testing.F) {
	f.Add("Hi Dana, loved your talk on Kafka!", "Staff Engineer | Go", "", "real", 3, true)
	f.Add("FREE entry! Call 08452810075 or visit www.win.com £1000", "CEO 𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "vi\u200bsionary lіnkedin.com 🚀🚀", "stock", 0, false)
	f.Add("\xff\xfe don't $5 5$ @x.y", " \u200b ", "ЅАLЕЅ ＦＲＥＥ", "none", 700, true)
	c, invs := corpusClassifier(f, learn.DefaultParams())
	for range 20_000 {
		c.Brief(learn.Doc{})
	}
	e := New(policy.Default(), WithClassifier(c))
	f.Fuzz(func(t *testing.T, note, headline, about, photo string, n int, outgoing bool) {
		inv := invs[uint(n)%uint(len(invs))]
		inv.Message, inv.Person.Headline, inv.Person.About, inv.Person.Photo = note, headline, about, linkvet.Photo(photo)
		inv.MutualConnections, inv.Person.Connections = &n, &n
		if outgoing {
			inv.Direction = linkvet.Outgoing
		}
		checkFromFacts(t, e, c, &inv)
	})
}

// BenchmarkLearnedOpinion is the classifier's share of screening one
// invitation (the corpus, cycled): Invitation is Opinion as the learn API
// gives it (DocFromInvitation, folding the text again), Facts what the
// engine calls, from the text it folded already (facts computed outside
// the timing).
//
//	go test ./screen -run '^$' -bench LearnedOpinion -benchmem
func BenchmarkLearnedOpinion(b *testing.B) {
	c, invs := corpusClassifier(b, learn.DefaultParams())
	e := New(policy.Default(), WithClassifier(c))
	o := classifierOpinion{c}
	fs := make([]*facts, len(invs))
	for i := range invs {
		fs[i] = e.facts(&invs[i], now, false)
		o.Opinion(&invs[i])
	}
	for range 20_000 {
		c.Brief(learn.Doc{}) // compiled, as after the first invitations of a file
	}
	b.Run("Invitation", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for i := range b.N {
			o.Opinion(&invs[i%len(invs)])
		}
	})
	b.Run("Facts", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for i := range b.N {
			o.fromFacts(fs[i%len(fs)])
		}
	})
}

// reportCPU reports the process's CPU time per op (cpu-ns/op), which a
// loaded machine disturbs less than the wall clock: call it as
// defer reportCPU(b)() right before the loop.
func reportCPU(b *testing.B) func() {
	start := cpuclock.Process()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuclock.Process()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}
