package screen

import (
	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
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

// Opinion reads the invitation as the classifier was trained on it
// (learn.DocFromInvitation). The engine itself asks through opinionOf,
// which gives the same answer from the text it folded already.
func (o classifierOpinion) Opinion(inv *linkvet.Invitation) Learned {
	return learnedOf(o.c.Brief(learn.DocFromInvitation(inv)))
}

// fromFacts is Opinion for the invitation whose facts f holds: the note,
// headline and about text are handed over folded and split into words as
// the engine has them, so the classifier does not fold them again (for
// most invitations that was most of its cost). The features are those of
// learn.DocFromInvitation, to the last one (FuzzLearnedFromFacts).
func (o classifierOpinion) fromFacts(f *facts) Learned {
	var texts [3]learn.FoldedText
	var facts [16]string
	return learnedOf(o.c.BriefFolded(foldedDoc(f, &texts, &facts)))
}

// foldedDoc is learn.DocFromInvitation(f.inv) with the text as the engine
// folded it, built in the caller's room.
func foldedDoc(f *facts, texts *[3]learn.FoldedText, facts *[16]string) learn.FoldedDoc {
	inv := f.inv
	p := &inv.Person
	var about []string
	if f.about != "" {
		about = fold.AppendWords(make([]string, 0, 32), f.about)
	}
	texts[0] = learn.FoldedText{Raw: inv.Message, Folded: f.note, Words: f.noteWords}
	texts[1] = learn.FoldedText{Raw: p.Headline, Folded: f.headline, Words: f.headlineWords}
	texts[2] = learn.FoldedText{Raw: p.About, Folded: f.about, Words: about}
	return learn.FoldedDoc{Text: texts[:], Facts: learn.AppendInvitationFacts(facts[:0], inv, len(f.noteWords) > 0)}
}

// opinionOf asks the engine's opinion of the invitation whose facts f
// holds.
func (e *Engine) opinionOf(f *facts) Learned {
	if o, ok := e.opinion.(classifierOpinion); ok {
		return o.fromFacts(f)
	}
	return e.opinion.Opinion(f.inv)
}

func learnedOf(b learn.Brief) Learned {
	// Brief.Words leaves out facts ("photo:none") and shape tokens: they
	// explain less to a person than words do.
	return Learned{Action: linkvet.Action(b.Class), Prob: b.Prob, Enough: b.Enough && linkvet.Action(b.Class).Valid(), Why: b.Why, Words: b.Words}
}
