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
		raw, isRaw := scanTokens(nil, n)
		if len(raw) != len(toks) {
			t.Errorf("note %q: %d tokens, fold.Fields %d", n, len(raw), len(toks))
		}
		for _, it := range items {
			want := containsSeq(toks, fold.Fields(it))
			if got := mentions(toks, it); got != want {
				t.Errorf("note %q, item %q: mentions %v, fold %v", n, it, got, want)
			}
			if got := mentionsIn(n, raw, isRaw, it); got != want {
				t.Errorf("note %q, item %q: mentionsIn %v, fold %v", n, it, got, want)
			}
		}
	}
}

func FuzzMentions(f *testing.F) {
	f.Add("Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup.", "Berlin Data Meetup")
	f.Add("it's O'Reilly", "O'Reilly")
	f.Add("C++ and go", "c GO")
	f.Add("I`d say DON'T '90s rock'n'roll", "dont")
	f.Add("it's  a  'quote' and y'", "y")
	f.Fuzz(func(t *testing.T, note, item string) {
		toks := fold.Fields(note)
		raw, isRaw := scanTokens(nil, note)
		if len(raw) != len(toks) {
			t.Fatalf("note %q: tokens %q, fold.Fields %q", note, raw, toks)
		}
		for i := range raw {
			if isRaw && !rawEqual(raw[i], toks[i]) || !isRaw && raw[i] != toks[i] {
				t.Fatalf("note %q: tokens %q, fold.Fields %q", note, raw, toks)
			}
		}
		check := func(item string) {
			want := containsSeq(toks, fold.Fields(item))
			if got := mentions(toks, item); got != want {
				t.Fatalf("note %q, item %q: mentions %v, fold %v", note, item, got, want)
			}
			if got := mentionsIn(note, raw, isRaw, item); got != want {
				t.Fatalf("note %q, item %q: mentionsIn %v, fold %v", note, item, got, want)
			}
		}
		check(item)
		// Items made of the note's own words, which are found.
		if w := strings.Fields(note); len(w) > 1 {
			check(strings.Join(w[:2], " "))
			check(w[len(w)-1])
		}
	})
}
