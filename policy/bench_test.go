package policy

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// manyRules writes a policy of n rules of the kinds users write: field
// comparisons, phrases in the headline or note, list tests.
func manyRules(n int) string {
	kinds := []string{
		`inv.mutual_connections < %d && !inv.has_note`,
		`has_phrase(inv.person.headline, "growth hacker %d")`,
		`"Skill %d" in inv.person.skills || size(inv.shared.groups) > %d`,
		`verdict.category == "recruiter" && verdict.score > %d`,
		`has_phrase(inv.note, "crypto signals %d") || inv.person.company in me.companies`,
	}
	var b strings.Builder
	b.WriteString("me: {companies: [Northwind Analytics]}\nrules:\n")
	for i := range n {
		when := strings.ReplaceAll(kinds[i%len(kinds)], "%d", fmt.Sprint(i))
		fmt.Fprintf(&b, "  - name: rule-%d\n    points: 1\n    when: '%s'\n", i, strings.ReplaceAll(when, "'", "''"))
	}
	return b.String()
}

// BenchmarkRules screens one invitation through 1 and through 1,000 rules
// the way the engine does: one RuleInput for the invitation, every rule
// matched against it. ns/op divided by the rule count is the cost of one
// more rule.
func BenchmarkRules(b *testing.B) {
	inv := alex()
	inv.Person.About = strings.Repeat("I build streaming pipelines for fintech teams. ", 20)
	for _, n := range []int{1, 1000} {
		p, err := Load([]byte(manyRules(n)), "bench.yaml")
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("rules=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				in := &RuleInput{Invitation: inv, Category: linkvet.IndustryPeer, Score: 10, Now: now}
				for _, r := range p.Rules {
					if _, err := r.Match(in); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/rule")
		})
	}
}

// BenchmarkLoadRules is the price of compiling 1,000 rules once, when the
// policy is read.
func BenchmarkLoadRules(b *testing.B) {
	src := []byte(manyRules(1000))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(src, "bench.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
