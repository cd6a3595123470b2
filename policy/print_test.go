package policy

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// samePolicy compares what a user sees of two policies: everything but
// the warnings, the rules' lines in their files and compiled programs.
func samePolicy(a, b *Policy) bool {
	flat := func(p *Policy) Policy {
		c := *p
		c.Warnings = nil
		c.location, c.disqualify, c.competitors = nil, nil, nil
		c.Rules = nil
		for _, r := range p.Rules {
			c.Rules = append(c.Rules, &Rule{Name: r.Name, When: r.When, Points: r.Points, Action: r.Action, Report: r.Report, Reason: r.Reason})
		}
		return c
	}
	return reflect.DeepEqual(flat(a), flat(b)) && a.Location().String() == b.Location().String()
}

func TestYAMLRoundTrip(t *testing.T) {
	example, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{
		"defaults": "",
		"example":  string(example),
		"awkward strings": `me:
  name: "yes"
  headline: "123"
  location: "~"
  interests: ["#hashtag", "a: b", "[x]", "it's", "\"quoted\"", "back\\slash", "tab\there", "ｖｉｓｉｏｎａｒｙ", "🚀🔥"]
competitors: ["- dash", "null", "true", " "]
disqualify: ["\U0001F680 to the moon", "\\U0001F680"]
time_zone: America/New_York
outreach: {free_account: true}
rules:
  - name: "multi: line"
    when: |
      has_phrase(inv.person.about, "crypto")
        && inv.mutual_connections < 3
    points: -10
    report: true
  - name: "#2"
    when: 'inv.note == "yes" || inv.note.contains("\\\\")'
    action: block
    reason: "  spaced  "
`,
	}
	for name, src := range sources {
		t.Run(name, func(t *testing.T) {
			p, err := Load([]byte(src), "policy.yaml")
			if err != nil {
				t.Fatal(err)
			}
			out := p.YAML()
			q, err := Load(out, "effective.yaml")
			if err != nil {
				t.Fatalf("Load(YAML()): %v\n%s", err, out)
			}
			if !samePolicy(p, q) {
				t.Errorf("Load(YAML()) differs:\n%s\nfirst:  %+v\nsecond: %+v", out, p, q)
			}
			if len(q.Warnings) > 0 {
				t.Errorf("YAML() output gives warnings: %q\n%s", q.Warnings, out)
			}
			if again := q.YAML(); string(again) != string(out) {
				t.Errorf("YAML() is not stable:\n%s\n---\n%s", out, again)
			}
		})
	}
}

func TestYAMLIsReadable(t *testing.T) {
	p, err := Load([]byte("disqualify: [\"🚀\", thought leader]\nrules:\n  - name: r\n    when: |\n      inv.mutual_connections > 1 &&\n      inv.has_note\n    points: 2\n"), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := string(p.YAML())
	for _, want := range []string{
		"disqualify: [\"🚀\", thought leader]",
		"style: balanced",
		"min_mutual: 5",
		"time_zone: Local",
		"  note_limit: 300",
		"    when: |-\n      inv.mutual_connections > 1 &&\n      inv.has_note\n",
		"    reason: user rule r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("YAML() lacks %q:\n%s", want, out)
		}
	}
}

func TestYAMLOfHandBuiltPolicy(t *testing.T) {
	p := &Policy{Known: []string{"jo@example.com"}}
	q, err := Load(p.YAML(), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if q.Style != linkvet.Balanced || q.TimeZone != "Local" || !q.KnownKeys["jo@example.com"] {
		t.Errorf("hand-built policy printed as %+v", q)
	}
}

// FuzzLoad checks that no file makes Load panic, that every error is a
// *linkvet.Error, and that every accepted file prints to one that loads to
// the same policy.
func FuzzLoad(f *testing.F) {
	if data, err := os.ReadFile("testdata/example.yaml"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		"", "style: open\n", "min_mutual: many", "me: {name: x}\nme: {}",
		"a: &a [*a]", "x: &x {<<: *x}", "rules:\n  - name: r\n    when: inv.mutual_connections >\n",
		"rules: [{name: r, when: 'has_phrase(inv.person.headline, \"🚀\")', points: 1}]",
		"known: [linkedin.com/in/x, 'a@b']\nblocked: [linkedin.com/in/x]",
		"\xff\xfe", "key: \"\\x00\"", "---\n---\n", "!!binary aGk=", "? [a]\n: b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Load(data, "fuzz.yaml")
		if err != nil {
			var le *linkvet.Error
			if !errors.As(err, &le) {
				t.Fatalf("error %T %v is not a *linkvet.Error", err, err)
			}
			if !strings.HasPrefix(le.Message, "fuzz.yaml") {
				t.Fatalf("error %q does not name the file", le.Message)
			}
			return
		}
		out := p.YAML()
		q, err := Parse(out, "fuzz.yaml", Options{Strict: true})
		if err != nil {
			t.Fatalf("Load(YAML()): %v\ninput: %q\noutput:\n%s", err, data, out)
		}
		if !samePolicy(p, q) {
			t.Fatalf("round trip differs\ninput: %q\noutput:\n%s", data, out)
		}
	})
}

func BenchmarkLoadExample(b *testing.B) {
	data, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(data, "example.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRulesDocExamples loads every YAML example of rules.md, so that the
// documentation cannot drift from what Load accepts.
func TestRulesDocExamples(t *testing.T) {
	doc, err := os.ReadFile("rules.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(doc), "```yaml\n")[1:]
	if len(blocks) < 2 {
		t.Fatalf("found %d YAML examples in rules.md", len(blocks))
	}
	for i, b := range blocks {
		src, _, _ := strings.Cut(b, "```")
		p, err := Load([]byte(src), "rules.md")
		if err != nil {
			t.Errorf("example %d: %v", i+1, err)
			continue
		}
		if len(p.Warnings) > 0 || len(p.Rules) == 0 {
			t.Errorf("example %d: %d rules, warnings %q", i+1, len(p.Rules), p.Warnings)
		}
		for _, r := range p.Rules {
			if _, err := r.Match(&RuleInput{Invitation: alex(), Now: now}); err != nil {
				t.Errorf("example %d: %v", i+1, err)
			}
		}
	}
	// The error messages shown in the docs are the real ones.
	src := "rules:\n  - name: gurus\n    points: -5\n    when: has_phrase(headlin, \"guru\")\n  # count\n  #\n  - name: count\n    points: 1\n    when: inv.mutual_connections + 1\n  - name: old\n    points: 1\n    when: mutual > 1\n"
	_, err = Load([]byte(src), "policy.yaml")
	for _, line := range strings.Split(linkvet.ErrorMessage(err), "\n") {
		if !strings.Contains(string(doc), line) {
			t.Errorf("rules.md does not show the message\n%s", line)
		}
	}
}
