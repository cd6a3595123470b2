package compose

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// mentions is containsSeq(toks, fold.Fields(item)) without folding plain
// items: the two must agree on every note and item.
func TestMentionsAgreesWithFold(t *testing.T) {
	notes := []string{
		"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup.",
		"Loved KubeCon EU 2027 and your C++ / Node.js talk!", "don't panic, it's O'Reilly", "", "   ",
		"Großartig: Café-Treffen in Zürich", "ＫＡＦＫＡ fans unite", "go-lang and GoLang and go",
	}
	items := []string{
		"Kafka", "Berlin Data Meetup", "berlin  data", "C++", "Node.js", "Dont Panic", "O'Reilly", "don`t",
		"KubeCon EU 2027", "Café", "Zürich", "kafka", "", "  ", "-", "Go", "go lang", "ＫＡＦＫＡ", "EU 2027 talk",
	}
	for _, n := range notes {
		toks := fold.Fields(n)
		for _, it := range items {
			if got, want := mentions(toks, it), containsSeq(toks, fold.Fields(it)); got != want {
				t.Errorf("note %q, item %q: mentions %v, fold %v", n, it, got, want)
			}
		}
	}
}

func FuzzMentions(f *testing.F) {
	f.Add("Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup.", "Berlin Data Meetup")
	f.Add("it's O'Reilly", "O'Reilly")
	f.Add("C++ and go", "c GO")
	f.Fuzz(func(t *testing.T, note, item string) {
		toks := fold.Fields(note)
		if got, want := mentions(toks, item), containsSeq(toks, fold.Fields(item)); got != want {
			t.Fatalf("note %q, item %q: mentions %v, fold %v", note, item, got, want)
		}
		// An item made of the note's own words is always found.
		if w := strings.Fields(note); len(w) > 1 {
			item := strings.Join(w[:2], " ")
			if got, want := mentions(toks, item), containsSeq(toks, fold.Fields(item)); got != want {
				t.Fatalf("note %q, item %q: mentions %v, fold %v", note, item, got, want)
			}
		}
	})
}
