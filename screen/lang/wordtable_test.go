package lang

import (
	"fmt"
	"testing"
)

// TestWordTable: the compiled table finds every word of its map, short or
// long, and nothing else, whatever the table's size.
func TestWordTable(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100, 3000} {
		m := weights{}
		for i := range n {
			m[fmt.Sprintf("w%d", i)] = new([nTags]float64)
		}
		for _, w := range []string{"a", "the", "12345678", "123456789", "chciałbym", "tesekkurler", "saygilarimla"} {
			m[w] = new([nTags]float64)
		}
		tab := newWordTable(m)
		for w, ws := range m {
			if got, ok := tab.get([]byte(w)); !ok || got != ws {
				t.Fatalf("n=%d: get(%q) = %p, %v; want %p", n, w, got, ok, ws)
			}
		}
		for _, w := range []string{"b", "th", "thee", "1234567", "123456780", "1234567890", "chciałbyś", "w", fmt.Sprintf("w%d", n), "saygilarimlax"} {
			if _, ok := tab.get([]byte(w)); ok {
				t.Fatalf("n=%d: get(%q) found a word that is not in the map", n, w)
			}
		}
	}
}
