package learn

import (
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// shapesRef is the plain form of tokenizer.shapes, as it was written
// before the one-pass scan: the scan must find the same tokens.
func shapesRef(p Params, raw, folded string, budget int) []string {
	var out []string
	if p.ShapeTokens && strings.ContainsAny(folded, ".@$£€") {
		n := 0
		for field := range strings.FieldsSeq(folded) {
			if n++; n > budget {
				break
			}
			switch {
			case strings.Contains(field, "@") && strings.Contains(field, "."):
				out = append(out, tokEmail)
			case strings.Contains(field, "http") || strings.Contains(field, "www.") || hasWebSuffix(field):
				out = append(out, tokURL)
			}
			if money(field) {
				out = append(out, tokMoney)
			}
		}
	}
	if p.ShoutToken {
		n := 0
		for field := range strings.FieldsSeq(raw) {
			if n++; n > budget {
				break
			}
			if shoutedRef(field) {
				out = append(out, tokShout)
			}
		}
	}
	return out
}

// shoutedRef is shouted as first written, over runes.
func shoutedRef(field string) bool {
	letters := 0
	for _, r := range field {
		switch {
		case 'A' <= r && r <= 'Z':
			letters++
		case 'a' <= r && r <= 'z':
			return false
		}
	}
	return letters >= 3
}

func checkShapes(t *testing.T, raw string) {
	t.Helper()
	p := DefaultParams()
	folded := fold.String(raw)
	for _, budget := range []int{1, 2, 3, 1000} {
		for _, text := range [][2]string{{raw, folded}, {raw, raw}} {
			tk := newTokenizer(p)
			tk.sink = sinkStrings
			tk.shapes(text[0], text[1], budget)
			if want := shapesRef(p, text[0], text[1], budget); !slices.Equal(tk.strs, want) {
				t.Fatalf("shapes of %q / %q, budget %d: %q, want %q", text[0], text[1], budget, tk.strs, want)
			}
		}
	}
}

func TestShapes(t *testing.T) {
	for _, raw := range []string{
		"", " ", "FREE entry! Call 08452810075 or visit www.win.com £1000",
		"mail me: bob@example.org\tor http://x\u00a0WIN $5 5$ 10€ €", "ABC def GHI jKL MNOP",
		"see https", "a.b.c win-big.com. (foo.ly) ....", "\xff\xc2 \xe2\x82 $\xff", "ÄÖÜ ABC\u2003DEF\u0085GHI",
		"ｈｔｔｐ：／／ｘ．ｃｏｍ", "\u200bURGENT\u200b!!!",
	} {
		checkShapes(t, raw)
	}
}

func FuzzShapes(f *testing.F) {
	f.Add("FREE entry! Call 08452810075 or visit www.win.com £1000")
	f.Add("mail me: bob@example.org\tor http://x\u00a0WIN $5 5$ 10€ €")
	f.Add("\xff\xc2 \xe2\x82 $\xff ÄÖÜ ABC\u2003DEF\u0085GHI")
	f.Fuzz(func(t *testing.T, raw string) { checkShapes(t, raw) })
}
