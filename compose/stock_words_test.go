package compose

import (
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// TestIsDefaultNoteWords: the screening engine's way in, with the note
// already folded into words, agrees with IsDefaultNote on every note of
// TestIsDefaultNote's kinds.
func TestIsDefaultNoteWords(t *testing.T) {
	for _, note := range []string{
		"I'd like to add you to my professional network on LinkedIn.",
		"Hi Dana, I'd like to join your LinkedIn network. Best, Alex Kim",
		"Hola, me gustaría agregarte a mi red profesional de LinkedIn.",
		"𝐈'𝐝 𝐥𝐢𝐤𝐞 𝐭𝐨 𝐚𝐝𝐝 𝐲𝐨𝐮 𝐭𝐨 𝐦𝐲 𝐩𝐫𝐨𝐟𝐞𝐬𝐬𝐢𝐨𝐧𝐚𝐥 𝐧𝐞𝐭𝐰𝐨𝐫𝐤",
		"Let's connect!",
		"I'm Dana, a data engineer at Northwind. We are both in Kafka Users Berlin.",
		"", "   ", "Hi",
	} {
		if got, want := IsDefaultNoteWords(fold.Fields(note)), IsDefaultNote(note); got != want {
			t.Errorf("IsDefaultNoteWords(%q) = %v, IsDefaultNote = %v", note, got, want)
		}
	}
}
