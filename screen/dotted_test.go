package screen

import (
	"slices"
	"strings"
	"testing"
)

// FuzzDottedFields: dottedFields yields exactly the fields of
// strings.Fields that hold a dot, in order, for any text.
func FuzzDottedFields(f *testing.F) {
	for _, s := range []string{"see example.com. ok", "a.b.c", ".", " . ", "x\u00a0y.z w.", "ü.com a.b", "end.", "wa.me/123\u3000t.me/x", "\xff.\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want, got []string
		for _, w := range strings.Fields(s) {
			if strings.Contains(w, ".") {
				want = append(want, w)
			}
		}
		for w := range dottedFields(s) {
			got = append(got, w)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("dottedFields(%q) = %q, want %q", s, got, want)
		}
	})
}
