package fold

import "testing"

// TestLookalikeCapitalsDoNotEvade is issue 12's report: one capital whose
// lower case imitates a Latin letter, or a look-alike from a script the old
// table did not know, must not hide a scam word from a phrase list.
func TestLookalikeCapitalsDoNotEvade(t *testing.T) {
	m := NewMatcher([]string{"guaranteed returns", "whatsapp", "bitcoin", "urgent"})
	for _, text := range []string{
		"Guaranteed retШrns", // control: not a look-alike, must not match
		"Guaranteed rеtՍrns", // Armenian capital Ս, Cyrillic е
		"ϿHATSAPP me",        // not a look-alike of W (Greek capital reversed lunate sigma)
		"Ϳust guaranteed returns",
		"message me on WhatsᎪpp", // Cherokee Ꭺ
		"BΙTCOΙN",                // Greek capital iota
		"bⲓtcoⲓn",                // Coptic small iota
		"ᴜʀɢᴇɴᴛ",                 // small capitals
		"ＵＲＧＥＮＴ",                 // full width
		"𝓾𝓻𝓰𝓮𝓷𝓽",                 // mathematical script
		"Ⓤⓡⓖⓔⓝⓣ",                 // enclosed
		"urgеnt",                 // Cyrillic е
		"URGЕNT",                 // Cyrillic capital Е
		"սrgent",                 // Armenian small ս
	} {
		got := m.FindPhrases(Fields(text))
		want := text != "Guaranteed retШrns" && text != "ϿHATSAPP me"
		if (len(got) > 0) != want {
			t.Errorf("%q: found %q, want a match: %v", text, got, want)
		}
	}
}

func TestLookalikesAsWritten(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ՍRGENT", "urgent"}, // Armenian capital whose small form imitates u
		{"ϳust", "just"},     // Greek yot
		{"Ϳust", "just"},     // its capital
		{"ΝEW", "new"},       // Greek capital nu imitates N...
		{"νery", "very"},     // ...its small form v
		{"ΥES", "yes"},       // capital upsilon imitates Y
		{"Ꮃeb", "web"},       // Cherokee
		{"ⲣay", "pay"},       // Coptic
		{"ʟɪɴᴋᴇᴅɪɴ", "linkedin"},
		{"Łódź", "lodz"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
