package learn

import (
	"fmt"
	"os"
	"testing"
)

const smsPath = "../../shared/data/sms-spam/SMSSpamCollection"

func loadSMS(t testing.TB) (train, test []Labelled) {
	t.Helper()
	f, err := os.Open(smsPath)
	if err != nil {
		t.Skipf("SMS corpus not available: %v", err)
	}
	defer f.Close()
	train, test, err = SplitSMS(f)
	if err != nil {
		t.Fatal(err)
	}
	return train, test
}

// crossValidate runs k-fold cross-validation on items (fold j holds the
// items with index%k == j) and sums the mistakes of all folds.
func crossValidate(p Params, items []Labelled, k int) SMSReport {
	var sum SMSReport
	for j := range k {
		var train, test []Labelled
		for i, l := range items {
			if i%k == j {
				test = append(test, l)
			} else {
				train = append(train, l)
			}
		}
		r := evalSMS(p, train, test)
		sum.Test += r.Test
		sum.Spam += r.Spam
		sum.Ham += r.Ham
		sum.SpamMissed += r.SpamMissed
		sum.HamWrong += r.HamWrong
	}
	sum.Accuracy = 1 - float64(sum.SpamMissed+sum.HamWrong)/float64(sum.Test)
	sum.SpamCaught = 1 - float64(sum.SpamMissed)/float64(sum.Spam)
	sum.HamFlagged = float64(sum.HamWrong) / float64(sum.Ham)
	return sum
}

func fmtSMS(r SMSReport) string {
	return fmt.Sprintf("accuracy %.4f  spam caught %.4f  ham flagged %.4f  (spam missed %d, ham flagged %d)",
		r.Accuracy, r.SpamCaught, r.HamFlagged, r.SpamMissed, r.HamWrong)
}

// TestCrossValidate is the parameter search behind DefaultParams: 5-fold
// cross-validation on the TRAINING part of the SMS split only. Cost weighs
// a ham flagged like three spam missed; lowest cost wins. It is slow-ish
// and prints a table, so it runs only with LEARN_CV=1.
func TestCrossValidate(t *testing.T) {
	if os.Getenv("LEARN_CV") == "" {
		t.Skip("set LEARN_CV=1 to run the parameter search")
	}
	train, _ := loadSMS(t)
	type variant struct {
		name string
		edit func(p *Params)
	}
	variants := []variant{
		{"defaults", func(p *Params) {}},
		{"words only, counts, alpha 1", func(p *Params) {
			*p = Params{MaxWords: p.MaxWords, Alpha: 1, KeepLongNumbers: true, MinDocs: p.MinDocs}
		}},
		{"no word pairs", func(p *Params) { p.Bigrams = false }},
		{"no shape tokens", func(p *Params) { p.ShapeTokens = false }},
		{"no capitals token", func(p *Params) { p.ShoutToken = false }},
		{"no length token", func(p *Params) { p.LengthFeature = false }},
		{"counts, not presence", func(p *Params) { p.Binary = false }},
		{"long numbers kept", func(p *Params) { p.KeepLongNumbers = true }},
		{"char 3-grams", func(p *Params) { p.CharGramMin, p.CharGramMax, p.CharGramMaxWord = 3, 3, 20 }},
		{"char 3..5-grams", func(p *Params) { p.CharGramMin, p.CharGramMax, p.CharGramMaxWord = 3, 5, 20 }},
		{"char 4-grams, words <= 6", func(p *Params) { p.CharGramMin, p.CharGramMax, p.CharGramMaxWord = 4, 4, 6 }},
	}
	for _, a := range []float64{0.1, 0.2, 0.3, 1, 2} {
		variants = append(variants, variant{fmt.Sprintf("alpha %g", a), func(p *Params) { p.Alpha = a }})
	}
	for _, b := range []float64{1, 2, 4} {
		variants = append(variants, variant{fmt.Sprintf("ham bias %g", b), func(p *Params) { p.Bias = map[string]float64{Ham: b} }})
	}
	for _, v := range variants {
		p := DefaultParams()
		v.edit(&p)
		cv := crossValidate(p, train, 5)
		t.Logf("%-28s cost %3d  %s", v.name, cv.SpamMissed+3*cv.HamWrong, fmtSMS(cv))
	}
}
