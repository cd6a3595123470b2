package screen

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

var update = flag.Bool("update", false, "rewrite the generated tables in docs/guide.md")

// TestVocabulariesLoad: the embedded vocabularies compile, and English and
// the language-neutral file fill every family the engine reads.
func TestVocabulariesLoad(t *testing.T) {
	v, err := compiledVocab()
	if err != nil {
		t.Fatal(err)
	}
	var per [nLex]int
	for _, e := range v.index.entries {
		per[e.lx]++
	}
	for l := range lexFamily {
		if per[l] == 0 {
			t.Errorf("lexicon %s has no phrase", lexFamily[l])
		}
	}
	if !v.tags["en"] || len(v.shorteners) == 0 || len(v.chatLinks) == 0 || len(v.brands) == 0 ||
		len(v.freeMail) == 0 || len(v.riskyTLDs) == 0 || len(v.currencies) == 0 || len(v.periods) == 0 {
		t.Errorf("language-neutral lists missing: %+v", v.tags)
	}
}

// TestRegistry: every rule is declared in full, once.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range append(builtinRules(), verdictReasons...) {
		if seen[r.name] {
			t.Errorf("rule %s declared twice", r.name)
		}
		seen[r.name] = true
		if r.family == "" || r.when == "" {
			t.Errorf("rule %s lacks a family or a description", r.name)
		}
	}
	for _, r := range builtinRules() {
		if r.check == nil || len(r.reads) == 0 || r.min > r.max {
			t.Errorf("rule %s: check, reads or points range missing", r.name)
		}
	}
}

// pointsInRange checks that every reason's points are within what its
// rule declares (used by the fuzz test and the table tests).
func pointsInRange(v linkvet.Verdict) error {
	for _, reason := range v.Reasons {
		for _, r := range builtin {
			if r.name == reason.Rule && (reason.Points < r.min || reason.Points > r.max) {
				return fmt.Errorf("rule %s gave %d points, outside its declared %d..%d", r.name, reason.Points, r.min, r.max)
			}
		}
	}
	return nil
}

func pointsText(r rule) string {
	if r.points != "" {
		return r.points
	}
	sign := func(n int) string {
		switch {
		case n > 0:
			return fmt.Sprintf("+%d", n)
		case n < 0:
			return fmt.Sprintf("−%d", -n)
		}
		return "0"
	}
	if r.min == r.max {
		return sign(r.min)
	}
	return sign(r.min) + " to " + sign(r.max)
}

func ruleTable() string {
	var b strings.Builder
	b.WriteString("| rule | family | points | fires when |\n|---|---|---|---|\n")
	for _, r := range append(builtinRules(), verdictReasons...) {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.name, r.family, pointsText(r), r.when)
	}
	return b.String()
}

func barsTable() string {
	var b strings.Builder
	b.WriteString("| style | accept at | ask at | decline at | a stranger gets at most |\n|---|---|---|---|---|\n")
	for _, s := range styleBars {
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %s |\n", s.style, s.bars.accept, s.bars.ask, s.bars.decline, s.bars.strangerMax)
	}
	fmt.Fprintf(&b, "\nScam evidence of weight %d makes a scammer, fake-profile evidence of weight %d a fake; an accept needs a confidence of at least %.1f, and a verdict missing what matters is at most %.2f sure.\n",
		scammerWeight, fakeWeight, minAcceptConf, thinConfidenceCap)
	return b.String()
}

// generated checks (or with -update rewrites) one generated block of the
// guide, between <!-- NAME:begin --> and <!-- NAME:end -->.
func generated(t *testing.T, name, want string) {
	t.Helper()
	const path = "../docs/guide.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	begin, end := "<!-- "+name+":begin (generated from screen; go test ./screen -run TestGuide -update) -->\n", "<!-- "+name+":end -->"
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %q ... %q not found", path, begin, end)
	}
	got := doc[i+len(begin) : j]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the %s table differs from the engine's; run go test ./screen -run TestGuide -update\ngot:\n%s\nwant:\n%s", path, name, got, want)
}

func TestGuideRuleTable(t *testing.T) { generated(t, "rules", ruleTable()) }
func TestGuideBarsTable(t *testing.T) { generated(t, "bars", barsTable()) }

// BenchmarkDisqualifyOverlap is issue 12, item 9: 100,000 disqualify
// phrases that share their first words cost what a short list does.
func BenchmarkDisqualifyOverlap(b *testing.B) {
	for _, n := range []int{10, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := loadPolicy(b, danaPolicy)
			p.Disqualify = make([]string, n)
			for i := range p.Disqualify {
				p.Disqualify[i] = fmt.Sprintf("the best thought leader number %d", i)
			}
			e := New(p)
			i := inv(b, `{"message":"the best the best thought leader the best thought leader number in the best thought leader number x, the best","person":{"name":"Al","headline":"the best the best thought leader number"}}`)
			b.ReportAllocs()
			for b.Loop() {
				e.Screen(i, now)
			}
		})
	}
}

func TestDisqualifyOverlap(t *testing.T) {
	p := loadPolicy(t, danaPolicy)
	p.Disqualify = nil
	for i := range 1000 {
		p.Disqualify = append(p.Disqualify, fmt.Sprintf("the best %d", i))
	}
	p.Disqualify = append(p.Disqualify, "the best")
	e := New(p)
	v := e.Screen(inv(t, `{"person":{"name":"Al","headline":"simply the best 999 engineer"}}`), now)
	d := ""
	for _, r := range v.Reasons {
		if r.Rule == "disqualify" {
			d = r.Detail
		}
	}
	if !strings.Contains(d, "“the best 999”") || !strings.Contains(d, "“the best”") || v.Action != linkvet.Decline {
		t.Errorf("disqualify: %s%s", v.Action, reasons(v))
	}
}

// BenchmarkBuildVocab is the once-per-process cost of compiling every
// embedded vocabulary into the index (start-up, issue 13).
func BenchmarkBuildVocab(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildVocab(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew is the per-policy cost of an Engine once the vocabularies
// are compiled.
func BenchmarkNew(b *testing.B) {
	p := loadPolicy(b, danaPolicy)
	New(p)
	b.ReportAllocs()
	for b.Loop() {
		New(p)
	}
}

// TestConcurrentScreen: engines share the compiled vocabulary; screening
// from many goroutines gives the verdicts screening alone gives (run with
// -race).
func TestConcurrentScreen(t *testing.T) {
	e1 := New(loadPolicy(t, danaPolicy))
	e2 := New(nil)
	i := inv(t, `{"message":"Hola Capitán, gana 5% al día por WhatsApp +34 612 345 678","person":{"name":"Ana Ruiz"}}`)
	want1, want2 := e1.Screen(i, now), e2.Screen(i, now)
	done := make(chan error, 8)
	for g := range 8 {
		go func() {
			var err error
			for range 20 {
				e, want := e1, want1
				if g%2 == 1 {
					e, want = e2, want2
				}
				if v := e.Screen(i, now); v.Action != want.Action || v.Score != want.Score || len(v.Reasons) != len(want.Reasons) {
					err = fmt.Errorf("goroutine %d: %s %d, want %s %d", g, v.Action, v.Score, want.Action, want.Score)
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkScreenStages splits BenchmarkScreen's invitation into its
// stages: facts (folding, the one vocabulary scan, derived facts) and the
// whole verdict; and screens the commonest real input, an export's bare
// invitation (a name and a profile link).
func BenchmarkScreenStages(b *testing.B) {
	e := New(loadPolicy(b, danaPolicy))
	full := inv(b, `{"id":"inv-0042","direction":"incoming","sent_at":"2026-11-20T09:15:00Z",
		"message":"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.",
		"person":{"name":"Alex Kim","profile_url":"https://www.linkedin.com/in/alex-kim","headline":"Senior Data Engineer at Acme","title":"Senior Data Engineer","company":"Acme","industry":"Software Development","location":"Berlin, Germany","about":"I build streaming pipelines with Kafka and Go.","photo":"real","verified":true,"connections":500,"followers":1200,"member_since":"2015-04","experience":[{"title":"Data Engineer","company":"Acme","start":"2021-03","end":""}],"education":[{"school":"TU Berlin","degree":"MSc Computer Science"}],"skills":["Kafka","Go"],"recommendations":3,"emails":["alex@acme.example"],"websites":["https://github.com/alexkim"]},
		"mutual_connections":7,"mutual_names":["Jo Park","Sam Lee"],"shared":{"schools":["TU Berlin"],"groups":["Kafka Users Berlin"],"events":["Berlin Data Meetup, Nov 2026"],"interests":["stream processing"]},
		"interactions":["engaged_with_your_content"],"source":"manual"}`)
	bare := inv(b, `{"person":{"name":"Ana Ruiz","profile_url":"https://www.linkedin.com/in/ana-ruiz-4b1"},"source":"linkedin-export"}`)
	b.Run("facts", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e.facts(full, now, false)
		}
	})
	b.Run("verdict", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e.Screen(full, now)
		}
	})
	b.Run("bare-export-invitation", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e.Screen(bare, now)
		}
	})
}
