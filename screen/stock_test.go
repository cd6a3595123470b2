package screen

import (
	"testing"

	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
)

// TestStockIndexBeforeDefaultNote: facts asks compose whether a note is
// LinkedIn's stock text only when the stock-phrase index finds a stock
// phrase in it. Every note compose calls stock text must hold one, in
// every language of the corpus and in the stock wordings themselves.
func TestStockIndexBeforeDefaultNote(t *testing.T) {
	v, err := compiledVocab()
	if err != nil {
		t.Fatal(err)
	}
	notes := []string{"I'd like to add you to my professional network on LinkedIn.",
		"Hi Dana, I'd like to join your LinkedIn network. Best, Alex Kim", "Let's connect!",
		"Hola, me gustaría agregarte a mi red profesional de LinkedIn.", "𝐈'𝐝 𝐥𝐢𝐤𝐞 𝐭𝐨 𝐚𝐝𝐝 𝐲𝐨𝐮 𝐭𝐨 𝐦𝐲 𝐩𝐫𝐨𝐟𝐞𝐬𝐬𝐢𝐨𝐧𝐚𝐥 𝐧𝐞𝐭𝐰𝐨𝐫𝐤"}
	notes = append(notes, compose.StockPhrases()...)
	for _, cases := range loadCorpus(t) {
		for _, c := range cases {
			notes = append(notes, c.inv.Message)
		}
	}
	defaults := 0
	for _, n := range notes {
		words := fold.Fields(n)
		if !compose.IsDefaultNoteWords(words) {
			continue
		}
		defaults++
		if !v.stock().any(words, tokenHashes(nil, words)) {
			t.Errorf("%q is stock text, but the stock index finds no stock phrase in it", n)
		}
	}
	if defaults < len(compose.StockPhrases()) {
		t.Errorf("only %d of the notes are stock text", defaults)
	}
}
