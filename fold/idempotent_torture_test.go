package fold

import "testing"

// TestStringIdempotentAstral extends TestStringIdempotentBMP beyond the
// Basic Multilingual Plane, where the mathematical, enclosed and other
// styled alphabets live, and the tag characters: folding a folded string
// changes nothing (FuzzString's property, kept as a test).
func TestStringIdempotentAstral(t *testing.T) {
	bad := 0
	check := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + string(r)} {
				once := String(s)
				if twice := String(once); twice != once {
					if bad++; bad <= 20 {
						t.Errorf("%U %q: String = %q, again = %q", r, s, once, twice)
					}
				}
			}
		}
	}
	check(0x10000, 0x1FFFF)
	check(0xE0000, 0xE01EF)
	if bad > 20 {
		t.Errorf("... %d failures in all", bad)
	}
}

// TestFoldedScamPhraseSurvivesAnyCase: a scam phrase written with one
// look-alike letter, in lower case, capitals or title case, folds to the
// same text as the plain phrase (issue 12, item 2: the verdict went from
// block to ignore on one capital).
func TestFoldedScamPhraseSurvivesAnyCase(t *testing.T) {
	want := String("guaranteed returns")
	for _, s := range []string{
		"guaranteed rеturns", "GUARANTEED RЕTURNS", "Guaranteed Rеturns", // Cyrillic е / Е
		"GUARANTEED RETՍRNS", "Guaranteed Retսrns", // Armenian Ս, ս
		"ɢᴜᴀʀᴀɴᴛᴇᴇᴅ ʀᴇᴛᴜʀɴꜱ", // small capitals
	} {
		if got := String(s); got != want {
			t.Errorf("String(%q) = %q, want %q", s, got, want)
		}
	}
}
