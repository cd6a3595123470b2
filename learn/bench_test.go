package learn

import (
	"os"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/internal/cpuclock"
)

// benchInvitation is a typical invitation: a short note, a headline, an
// about text and the facts.
func benchInvitation() Doc {
	three, yes := 3, true
	return DocFromInvitation(&linkvet.Invitation{
		Message: "Hi Alex, I enjoyed your talk on distributed tracing at KubeCon. Would love to connect and swap notes.",
		Person: linkvet.Person{
			Headline: "Staff Engineer at Example Corp | Observability, Go, Kubernetes",
			About:    "I build platforms that help teams ship faster. Speaker, mentor, open source maintainer.",
			Photo:    linkvet.PhotoReal, Verified: &yes,
		},
		MutualConnections: &three,
		Interactions:      []string{linkvet.FollowsYou},
	})
}

// smsClassifier is trained on the SMS corpus's train part, or on the
// synthetic notes when the corpus is absent.
func smsClassifier() (*Classifier, []Labelled) {
	c := New(DefaultParams())
	train, test := loadSMSIfPresent()
	if train == nil {
		train = labelledNotes(200, 200)
		test = train
	}
	for _, l := range train {
		c.Train(l.Doc, l.Class)
	}
	return c, test
}

func loadSMSIfPresent() (train, test []Labelled) {
	f, err := os.Open(smsPath)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	train, test, err = SplitSMS(f)
	if err != nil {
		return nil, nil
	}
	return train, test
}

func BenchmarkClassify(b *testing.B) {
	c, _ := smsClassifier()
	doc := benchInvitation()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		c.Classify(doc)
	}
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

func BenchmarkTrain(b *testing.B) {
	c := New(DefaultParams())
	doc := benchInvitation()
	b.ReportAllocs()
	for b.Loop() {
		c.Train(doc, "accept")
	}
}

// BenchmarkClassifySMS classifies the SMS test messages, a mix of short
// and long texts.
func BenchmarkClassifySMS(b *testing.B) {
	c, test := smsClassifier()
	b.ReportAllocs()
	defer reportCPU(b)()
	i := 0
	for b.Loop() {
		c.Classify(test[i%len(test)].Doc)
		i++
	}
}

// BenchmarkClassifyUnicode classifies an invitation written with accents,
// styled letters and another script, which folding cannot take the ASCII
// fast path for.
func BenchmarkClassifyUnicode(b *testing.B) {
	c, _ := smsClassifier()
	yes := true
	doc := DocFromInvitation(&linkvet.Invitation{
		Message: "Bonjour Zoé, j’ai beaucoup aimé votre présentation à la conférence de Montréal. 𝐅𝐑𝐄𝐄 coaching — écrivez-moi !",
		Person: linkvet.Person{
			Headline: "Directrice technique chez Exemple SARL · Données, sécurité",
			About:    "مديرة منصة البيانات. J'accompagne les équipes produit depuis dix ans.",
			Photo:    linkvet.PhotoReal, Verified: &yes,
		},
	})
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		c.Classify(doc)
	}
}
