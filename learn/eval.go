package learn

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// Labelled is a document with the class a person gave it.
type Labelled struct {
	Doc   Doc
	Class string
}

// Split shuffles items with seed and returns the first ratio of them as
// train and the rest as test. The same items, ratio and seed always give the
// same split. ratio is clamped to 0..1; items is not modified.
func Split(items []Labelled, ratio float64, seed int64) (train, test []Labelled) {
	if !(ratio > 0) { // also NaN
		ratio = 0
	}
	ratio = min(ratio, 1)
	shuffled := slices.Clone(items)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6c696e6b76657421)) // "linkvet!"
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	n := int(ratio*float64(len(shuffled)) + 0.5)
	return shuffled[:n:n], shuffled[n:]
}

// ClassReport is how one class fared in an evaluation.
type ClassReport struct {
	Class     string  `json:"class"`
	Support   int     `json:"support"`   // test items of this class
	Predicted int     `json:"predicted"` // test items classified as this class
	Precision float64 `json:"precision"` // of those predicted, the part right; 0 when none
	Recall    float64 `json:"recall"`    // of those of the class, the part found; 0 when none
}

// Report is the result of Evaluate.
type Report struct {
	Train     int     `json:"train"`
	Test      int     `json:"test"`
	Correct   int     `json:"correct"`
	Agreement float64 `json:"agreement"` // Correct / Test; 0 when Test is 0
	// Confusion[actual][predicted] counts the test items.
	Confusion map[string]map[string]int `json:"confusion"`
	Classes   []ClassReport             `json:"classes"` // sorted by class
	// Enough says whether the trained classifier passed its own
	// significance gate; an evaluation of one that did not says little.
	Enough bool   `json:"enough"`
	Why    string `json:"why,omitempty"`
}

// Evaluate trains a classifier with p on train and reports how often it
// agrees with the labels of test. Every test item gets the classifier's
// best guess, whether or not the result passed the significance gate.
func Evaluate(p Params, train, test []Labelled) Report {
	c := New(p)
	for _, l := range train {
		c.Train(l.Doc, l.Class)
	}
	r := Report{Train: len(train), Test: len(test), Confusion: map[string]map[string]int{}}
	predicted := map[string]int{}
	support := map[string]int{}
	for i, l := range test {
		res := c.Classify(l.Doc)
		if i == 0 {
			r.Enough, r.Why = res.Enough, res.Why
		}
		if r.Confusion[l.Class] == nil {
			r.Confusion[l.Class] = map[string]int{}
		}
		r.Confusion[l.Class][res.Class]++
		support[l.Class]++
		predicted[res.Class]++
		if res.Class == l.Class {
			r.Correct++
		}
	}
	if len(test) == 0 {
		r.Enough, r.Why = c.Classify(Doc{}).Enough, c.Classify(Doc{}).Why
	}
	if r.Test > 0 {
		r.Agreement = float64(r.Correct) / float64(r.Test)
	}
	classes := map[string]bool{}
	for k := range support {
		classes[k] = true
	}
	for k := range predicted {
		if k != "" {
			classes[k] = true
		}
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range classes {
			if !yield(k) {
				return
			}
		}
	}) {
		cr := ClassReport{Class: k, Support: support[k], Predicted: predicted[k]}
		hit := r.Confusion[k][k]
		if cr.Predicted > 0 {
			cr.Precision = float64(hit) / float64(cr.Predicted)
		}
		if cr.Support > 0 {
			cr.Recall = float64(hit) / float64(cr.Support)
		}
		r.Classes = append(r.Classes, cr)
	}
	return r
}

// The two classes of the SMS corpus.
const (
	Ham  = "ham"
	Spam = "spam"
)

// maxSMSLine bounds one line of the SMS file; the longest real message is
// under a thousand bytes.
const maxSMSLine = 64 << 10

// SplitSMS reads the SMS Spam Collection (label TAB text, one message a
// line, an optional header line "Label\tSMS") and splits it the way the
// project's reports do: message i, counted from 0 without the header, goes
// to test when i%5 == 4 and to train otherwise. Errors are EINVALID and name
// the line.
func SplitSMS(r io.Reader) (train, test []Labelled, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxSMSLine)
	line, i := 0, 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF")
			if text == "Label\tSMS" {
				continue
			}
		}
		if text == "" {
			continue
		}
		label, msg, ok := strings.Cut(text, "\t")
		if !ok {
			return nil, nil, linkvet.Errorf(linkvet.EINVALID, "sms corpus line %d: no tab between label and message", line)
		}
		if label != Ham && label != Spam {
			return nil, nil, linkvet.Errorf(linkvet.EINVALID, "sms corpus line %d: label %q is neither %q nor %q", line, clip(label), Ham, Spam)
		}
		l := Labelled{Doc: Doc{Text: []string{msg}}, Class: label}
		if i%5 == 4 {
			test = append(test, l)
		} else {
			train = append(train, l)
		}
		i++
	}
	if err := sc.Err(); err != nil {
		if err == bufio.ErrTooLong {
			return nil, nil, linkvet.Errorf(linkvet.ELIMIT, "sms corpus line %d: longer than %d bytes", line+1, maxSMSLine)
		}
		return nil, nil, fmt.Errorf("read sms corpus after line %d: %w", line, err)
	}
	if i == 0 {
		return nil, nil, linkvet.Errorf(linkvet.EINVALID, "sms corpus: no messages")
	}
	return train, test, nil
}

// clip shortens a string quoted in an error message.
func clip(s string) string {
	if len(s) <= 40 {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// SMSReport is the measurement on the SMS corpus.
type SMSReport struct {
	Train int `json:"train"`
	Test  int `json:"test"`
	// Accuracy is the part of test messages classified right.
	Accuracy float64 `json:"accuracy"`
	// SpamCaught is the part of spam classified spam (recall of spam).
	SpamCaught float64 `json:"spam_caught"`
	// HamFlagged is the part of ham classified spam: the costly mistake.
	HamFlagged float64 `json:"ham_flagged"`
	Spam       int     `json:"spam"`        // spam messages in test
	Ham        int     `json:"ham"`         // ham messages in test
	SpamMissed int     `json:"spam_missed"` // spam classified ham
	HamWrong   int     `json:"ham_wrong"`   // ham classified spam
}

// EvalSMS splits the SMS corpus with SplitSMS, trains on the train part and
// reports on the test part.
func EvalSMS(p Params, r io.Reader) (SMSReport, error) {
	train, test, err := SplitSMS(r)
	if err != nil {
		return SMSReport{}, err
	}
	return evalSMS(p, train, test), nil
}

func evalSMS(p Params, train, test []Labelled) SMSReport {
	c := New(p)
	for _, l := range train {
		c.Train(l.Doc, l.Class)
	}
	rep := SMSReport{Train: len(train), Test: len(test)}
	correct := 0
	for _, l := range test {
		got := c.Classify(l.Doc).Class
		if got == l.Class {
			correct++
		}
		switch l.Class {
		case Spam:
			rep.Spam++
			if got != Spam {
				rep.SpamMissed++
			}
		case Ham:
			rep.Ham++
			if got == Spam {
				rep.HamWrong++
			}
		}
	}
	if rep.Test > 0 {
		rep.Accuracy = float64(correct) / float64(rep.Test)
	}
	if rep.Spam > 0 {
		rep.SpamCaught = float64(rep.Spam-rep.SpamMissed) / float64(rep.Spam)
	}
	if rep.Ham > 0 {
		rep.HamFlagged = float64(rep.HamWrong) / float64(rep.Ham)
	}
	return rep
}
