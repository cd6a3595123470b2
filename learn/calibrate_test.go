package learn

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestProbabilityGrowsWithDecisions: the same clear-cut pitch is never
// "100% sure" after a handful of decisions; sureness grows with the number
// of decisions and stays below the bound Params.Doubt sets.
func TestProbabilityGrowsWithDecisions(t *testing.T) {
	pitch := spamDoc("Guaranteed crypto revenue, book a call")
	prev := 0.0
	for _, n := range []int{2, 5, 10, 50, 200} {
		c := New(DefaultParams())
		trainNotes(c, n, n)
		r := c.Classify(pitch)
		p := r.Prob["decline"]
		decisions := float64(2 * n)
		bound := (decisions + 10.0/2) / (decisions + 10)
		t.Logf("%3d decisions: %.3f (bound %.3f)", 2*n, p, bound)
		if r.Class != "decline" || r.Decisions != 2*n {
			t.Fatalf("%d decisions: class %q, Decisions %d", 2*n, r.Class, r.Decisions)
		}
		if p > bound+1e-12 || p <= prev {
			t.Errorf("%d decisions: %.4f, want above %.4f and at most %.4f", 2*n, p, prev, bound)
		}
		if 2*n <= 10 && p > 0.75 {
			t.Errorf("%d decisions already %.0f%% sure", 2*n, 100*p)
		}
		prev = p
	}
}

// TestDoubtKeepsTheOrder: calibration never changes which class wins.
func TestDoubtKeepsTheOrder(t *testing.T) {
	raw := DefaultParams()
	raw.Doubt = 0
	a, b := New(raw), New(DefaultParams())
	for _, l := range labelledNotes(15, 12) {
		a.Train(l.Doc, l.Class)
		b.Train(l.Doc, l.Class)
	}
	for _, text := range []string{"crypto", "met you at the meetup", "book a call about revenue", "hello", ""} {
		ra, rb := a.Classify(spamDoc(text)), b.Classify(spamDoc(text))
		if ra.Class != rb.Class {
			t.Errorf("%q: raw %q, calibrated %q", text, ra.Class, rb.Class)
		}
		if rb.Prob[rb.Class] > ra.Prob[ra.Class]+1e-12 {
			t.Errorf("%q: calibration made it surer: %v -> %v", text, ra.Prob, rb.Prob)
		}
	}
}

// TestCalibrationOnSMS measures how well the probabilities mean what they
// say on the SMS test part: the expected calibration error (the gap between
// how sure the classifier is and how often it is right, averaged over ten
// bins of sureness) must not grow, and the figures are logged.
func TestCalibrationOnSMS(t *testing.T) {
	train, test := loadSMS(t)
	ece := func(p Params) (float64, string) {
		c := New(p)
		for _, l := range train {
			c.Train(l.Doc, l.Class)
		}
		var n, right [10]float64
		var conf [10]float64
		for _, l := range test {
			r := c.Classify(l.Doc)
			pr := r.Prob[r.Class]
			bin := min(int(pr*10), 9)
			n[bin]++
			conf[bin] += pr
			if r.Class == l.Class {
				right[bin]++
			}
		}
		var e float64
		var b strings.Builder
		for i := range n {
			if n[i] == 0 {
				continue
			}
			e += n[i] / float64(len(test)) * math.Abs(conf[i]/n[i]-right[i]/n[i])
			fmt.Fprintf(&b, " [%.1f: %d, sure %.3f, right %.3f]", float64(i)/10, int(n[i]), conf[i]/n[i], right[i]/n[i])
		}
		return e, b.String()
	}
	raw := DefaultParams()
	raw.Doubt = 0
	eRaw, bRaw := ece(raw)
	eCal, bCal := ece(DefaultParams())
	t.Logf("raw:        ECE %.4f%s", eRaw, bRaw)
	t.Logf("calibrated: ECE %.4f%s", eCal, bCal)
	if eCal > eRaw+0.002 {
		t.Errorf("calibration made the error worse: %.4f -> %.4f", eRaw, eCal)
	}
}

// TestEvidenceNeverCitesStopWords: in every language's function words and
// single letters, none is ever cited, though all still count.
func TestEvidenceNeverCitesStopWords(t *testing.T) {
	c := New(DefaultParams())
	notes := map[string][]string{
		"accept": {
			"Hola Dana, nos conocimos en la conferencia de datos de Sevilla y me gustaría seguir en contacto",
			"Bonjour Dana, je suis ingénieur de données et nous étions à la même conférence à Lyon",
			"Hallo Dana, wir haben uns auf der Konferenz in Köln getroffen und ich würde gern in Kontakt bleiben",
			"Ciao Dana, ci siamo conosciuti al convegno di Milano e mi piacerebbe restare in contatto",
			"Olá Dana, nos conhecemos na conferência de dados em Lisboa e gostaria de manter contato",
			"Hi Dana, we met at the data conference in Leeds and I would like to stay in touch",
		},
		"decline": {
			"Hola, te ofrezco una inversión con rentabilidad garantizada, escríbeme por WhatsApp y te explico",
			"Bonjour, je vous propose un investissement avec un rendement garanti, écrivez moi sur WhatsApp",
			"Hallo, ich biete dir eine Anlage mit garantierter Rendite, schreib mir auf WhatsApp",
			"Ciao, ti offro un investimento con rendimento garantito, scrivimi su WhatsApp e ti spiego",
			"Olá, ofereço um investimento com retorno garantido, me chame no WhatsApp e eu explico",
			"Hi, I offer you an investment with a guaranteed return, message me on WhatsApp and I explain",
		},
	}
	for range 4 {
		for class, list := range notes {
			for _, n := range list {
				c.Train(spamDoc(n), class)
			}
		}
	}
	for _, list := range notes {
		for _, n := range list {
			r := c.Classify(spamDoc(n + " u r a"))
			for _, ev := range slices.Concat(r.For, r.Against) {
				if !citable(ev.Token) {
					t.Errorf("%q cites %q", n, ev.Token)
				}
				for w := range strings.SplitSeq(ev.Token, " ") {
					if !strings.Contains(ev.Token, " ") && (stopwords[w] || len([]rune(w)) == 1) {
						t.Errorf("%q cites the stop word or letter %q", n, w)
					}
				}
			}
			if len(r.For) == 0 {
				t.Errorf("%q: no evidence at all", n)
			}
		}
	}
	for _, w := range []string{"the", "de", "la", "und", "che", "nao", "voce", "ich", "u", "x", "7", "del", "ve", "yang", "hai", "في"} {
		if citable(w) {
			t.Errorf("citable(%q) = true", w)
		}
	}
	for _, w := range []string{"crypto", "whatsapp", "de la", "garantizada", "book a", "<url>", "photo:none", "rendite"} {
		want := w != "de la"
		if citable(w) != want {
			t.Errorf("citable(%q) = %v, want %v", w, !want, want)
		}
	}
}

func TestResultSummary(t *testing.T) {
	c := New(DefaultParams())
	if got := c.Classify(spamDoc("hello")).Summary(); got != "no opinion: nothing was trained yet" {
		t.Errorf("empty classifier: %q", got)
	}
	trainNotes(c, 2, 2)
	if got := c.Classify(spamDoc("Guaranteed crypto revenue")).Summary(); got != "decline, 63% sure, from 4 decisions (not enough to go on)" {
		t.Errorf("4 decisions: %q", got)
	}
	c = New(DefaultParams())
	trainNotes(c, 3000, 3000)
	got := c.Classify(spamDoc("Guaranteed crypto revenue")).Summary()
	if got != "decline, 99% sure, from 6000 decisions" {
		t.Errorf("6000 decisions: %q", got)
	}
}

// TestStopwordsEveryLanguage: every language the engine screens has its
// stop-word file, and each file gives words.
func TestStopwordsEveryLanguage(t *testing.T) {
	for _, tag := range []string{"en", "es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id", "hi", "ar"} {
		data, err := stopwordFiles.ReadFile("stopwords/" + tag + ".txt")
		if err != nil {
			t.Errorf("no stop words for %s: %v", tag, err)
			continue
		}
		one := loadStopwords(fstest.MapFS{"stopwords/x.txt": {Data: data}})
		if len(one) < 15 {
			t.Errorf("%s: only %d stop words", tag, len(one))
		}
		for w := range one {
			if !stopwords[w] {
				t.Errorf("%s: %q missing from the union", tag, w)
			}
		}
	}
}
