package screen

import (
	"slices"
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// FuzzPhraseIndex: the trie finds exactly the phrases fold.Matcher finds,
// in any text: short tokens (keyed by their packed bytes) and long ones
// (keyed by a hash, told apart by their bytes) alike, phrases sharing
// their first words, and phrases inside phrases.
func FuzzPhraseIndex(f *testing.F) {
	phrases := []string{"guaranteed returns", "guaranteed", "returns of 30% weekly", "add you to my network",
		"add you", "whatsapp", "cryptocurrency investment opportunity", "cryptocurrency", "investment",
		"a", "a b c d e f g h", "abcdefgh", "abcdefghi", "abcdefghij klmnopqrstu", "thought leader", "🚀", "东京"}
	x := newPhraseIndex(4)
	for _, p := range phrases {
		x.add(lxDisqualify, p, 1)
	}
	m := fold.NewMatcher(phrases)
	for _, s := range []string{"Earn GUARANTEED returns of 30% weekly!", "add you to my network", "abcdefghij klmnopqrstu abcdefghi",
		"a b c d e f g h a b", "🚀🚀 thought-leader", "cryptocurrency investment opportunity", "东京 abcdefgh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := fold.Fields(s)
		var got []string
		for _, h := range x.scan(nil, words, tokenHashes(nil, words)) {
			if p := x.entries[h.id].phrase; !slices.Contains(got, p) {
				got = append(got, p)
			}
		}
		want := m.FindPhrases(words)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%q: index finds %q, matcher %q", s, got, want)
		}
		if x.any(words, tokenHashes(nil, words)) != (len(want) > 0) {
			t.Fatalf("%q: any = %v, matcher finds %q", s, !(len(want) > 0), want)
		}
	})
}
