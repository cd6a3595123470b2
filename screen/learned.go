package screen

import (
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
)

// WithClassifier makes the engine consult a trained classifier (package
// learn) whose classes are actions. Below the classifier's significance
// gate its opinion has no influence at all.
func WithClassifier(c *learn.Classifier) Option {
	if c == nil {
		return func(*Engine) {}
	}
	return WithOpinion(classifierOpinion{c})
}

type classifierOpinion struct{ c *learn.Classifier }

func (o classifierOpinion) Opinion(inv *linkvet.Invitation) Learned {
	r := o.c.Classify(learn.DocFromInvitation(inv))
	l := Learned{Action: linkvet.Action(r.Class), Prob: r.Prob[r.Class], Enough: r.Enough && linkvet.Action(r.Class).Valid(), Why: r.Why}
	for _, ev := range r.For {
		// Facts ("photo:none") explain less to a person than words do.
		if strings.ContainsRune(ev.Token, ':') || strings.HasPrefix(ev.Token, "<") {
			continue
		}
		l.Words = append(l.Words, ev.Token)
	}
	return l
}
