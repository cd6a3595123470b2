package learn

import (
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// BenchmarkBriefFolded is the screening engine's call: the invitation's
// text folded already, only the brief answer wanted.
func BenchmarkBriefFolded(b *testing.B) {
	c, _ := smsClassifier()
	doc := benchInvitation()
	fd := FoldedDoc{Facts: doc.Facts}
	for _, raw := range doc.Text {
		folded := fold.String(raw)
		fd.Text = append(fd.Text, FoldedText{Raw: raw, Folded: folded, Words: fold.Words(folded)})
	}
	for range c.compileAfter() {
		c.BriefFolded(fd)
	}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		c.BriefFolded(fd)
	}
}

// BenchmarkCompile builds the compiled model of the SMS classifier (its
// vocabulary is reported as features), what the first classifications
// after a change of the counts pay for once.
func BenchmarkCompile(b *testing.B) {
	c, _ := smsClassifier()
	b.ReportAllocs()
	for b.Loop() {
		c.compile()
	}
	b.ReportMetric(float64(len(c.vocab)), "features")
}
