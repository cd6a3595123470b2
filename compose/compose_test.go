package compose

import (
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func TestCompose(t *testing.T) {
	bare := &linkvet.Invitation{Person: linkvet.Person{Name: "Sam"}}
	hostile := &linkvet.Invitation{ID: "x", Person: linkvet.Person{Name: "{firstName} 🚀", Company: "https://evil.example [Company]"},
		Shared: linkvet.Shared{Groups: []string{"FNAME", "<Company>"}}}
	mes := map[string]linkvet.Me{"full": testMe, "empty": {}, "name only": {Name: "dana"}}
	reasons := []string{"", "I'm building a Kafka community in Berlin.",
		"I'm hiring data engineers for our platform team. Would love to chat! See https://jobs.example/1",
		strings.Repeat("A very long reason that keeps going. ", 20)}
	for _, limit := range []int{0, DefaultLimit, FreeLimit, 120, 80} {
		for meName, me := range mes {
			for _, reason := range reasons {
				for _, to := range []*linkvet.Invitation{testTo, nil, bare, hostile} {
					notes := Compose(to, me, reason, limit)
					if len(notes) < 3 {
						t.Errorf("limit %d, me %s, reason %q: %d notes, want 3+: %q", limit, meName, reason, len(notes), notes)
					}
					lim := limit
					if lim <= 0 {
						lim = DefaultLimit
					}
					for _, n := range notes {
						if got := Length(n); got > lim {
							t.Errorf("note is %d characters, limit %d: %q", got, lim, n)
						}
						if r := Lint(n, to, me, lim); !r.OK {
							t.Errorf("note fails lint: %q: %+v", n, r.Findings)
						}
						if strings.Contains(n, "http") || strings.ContainsAny(n, "{}[]<>🚀") || strings.Contains(n, "FNAME") {
							t.Errorf("unsafe text in note: %q", n)
						}
						if !strings.HasSuffix(n, ".") && !strings.HasSuffix(n, "!") && !strings.HasSuffix(n, "?") {
							t.Errorf("note does not end a sentence: %q", n)
						}
					}
					if again := Compose(to, me, reason, limit); !slices.Equal(notes, again) {
						t.Errorf("Compose is not deterministic:\n%q\n%q", notes, again)
					}
				}
			}
		}
	}
}

func TestComposeUsesWhatIsShared(t *testing.T) {
	notes := Compose(testTo, testMe, "", DefaultLimit)
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"Jane", "Dana", "Berlin Data Meetup", "Acme"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notes never mention %q:\n%s", want, joined)
		}
	}
	for _, n := range notes {
		r := Lint(n, testTo, testMe, DefaultLimit)
		if r.Score < 85 {
			t.Errorf("a note for a well-known person scores %d: %q %+v", r.Score, n, r.Findings)
		}
		if r.Sentences > 3 {
			t.Errorf("note has %d sentences: %q", r.Sentences, n)
		}
	}
}

func TestComposeKeepsTheReason(t *testing.T) {
	reason := "I'm organising a stream processing meetup in March."
	for _, n := range Compose(testTo, testMe, reason, DefaultLimit) {
		if !strings.Contains(n, "organising a stream processing meetup in March") {
			t.Errorf("note drops the stated reason: %q", n)
		}
	}
}

func TestComposeNeverCutsMidWord(t *testing.T) {
	words := []string{"Quixotic", "Zephyrine", "Borealis", "Magnanimous", "Perpendicular", "Obstreperous"}
	reason := strings.Join(words, " ") + " " + strings.Join(words, " ")
	for _, limit := range []int{60, 90, 140} {
		for _, n := range Compose(testTo, testMe, reason, limit) {
			for w := range strings.FieldsSeq(n) {
				w = strings.Trim(w, ".,!?")
				for _, full := range words {
					if w != full && strings.HasPrefix(full, w) && len(w) > 2 {
						t.Errorf("limit %d: %q is cut from %q in %q", limit, w, full, n)
					}
				}
			}
		}
	}
}

func BenchmarkCompose(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Compose(testTo, testMe, "I'm organising a stream processing meetup in March.", DefaultLimit)
	}
}
