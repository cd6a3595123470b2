package screen

import (
	"strings"
	"testing"
)

// The details rules write without fmt must read exactly as quoteList and
// clip write them: verdicts are compared byte for byte across versions.

var detailCases = []string{
	"", "a", "forex", "guaranteed returns", "  leading and trailing  ", "two  spaces",
	"tab\there", "new\nline", "Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.",
	"ünïcödé wörds ăre fine and this one goes on for a while to pass the limit of runes", "日本語のテキストはスペースがありませんがとても長いメッセージになることもあります。日本語のテキストはスペースがありません",
	"bad \xff utf8 \xfe bytes in a long enough sentence to be clipped somewhere past the limit of sixty runes",
	"averyveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspacesatallreally",
	"word " + strings.Repeat("x", 70), "\u00a0non-breaking\u00a0space\u2003em space", "“quoted”",
}

func TestDetailMatchesQuoteList(t *testing.T) {
	var ts tallies // one buffer for every detail, as for one verdict
	var kept []string
	for n := range 7 {
		items := make([]string, n)
		for i := range items {
			items[i] = detailCases[(i*5+n)%len(detailCases)]
		}
		if got, want := ts.list("", items, ""), quoteList(items); got != want {
			t.Errorf("%d items:\n got %q\nwant %q", n, got, want)
		}
		got, want := ts.list("uses ", items, "!"), "uses "+quoteList(items)+"!"
		if got != want {
			t.Errorf("%d items with prefix:\n got %q\nwant %q", n, got, want)
		}
		kept = append(kept, got)
	}
	// Details cut from the buffer never change as it grows.
	for n, got := range kept {
		items := make([]string, n)
		for i := range items {
			items[i] = detailCases[(i*5+n)%len(detailCases)]
		}
		if want := "uses " + quoteList(items) + "!"; got != want {
			t.Errorf("detail %d changed:\n got %q\nwant %q", n, got, want)
		}
	}
}

func TestDetailMatchesClip(t *testing.T) {
	var ts tallies
	for _, s := range detailCases {
		for _, n := range []int{1, 5, 40, 50, 60, 90, 200} {
			if got, want := ts.clip("", s, n, ""), clip(s, n); got != want {
				t.Errorf("clip(%q, %d):\n got %q\nwant %q", s, n, got, want)
			}
		}
	}
}

func FuzzDetailMatchesClip(f *testing.F) {
	for _, s := range detailCases {
		f.Add(s, 60)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = 1 + abs(n)%200
		var ts tallies
		if got, want := ts.clip("<", s, n, ">"), "<"+clip(s, n)+">"; got != want {
			t.Fatalf("clip(%q, %d):\n got %q\nwant %q", s, n, got, want)
		}
		items := strings.Split(s, ";")
		if got, want := ts.list("", items, ""), quoteList(items); got != want {
			t.Fatalf("quoteList(%q):\n got %q\nwant %q", items, got, want)
		}
	})
}
