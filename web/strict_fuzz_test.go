package web

import (
	"html/template"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// FuzzStrictDecision: any body is either refused with a coded error or
// read as a decision with an action and a note within its limit.
func FuzzStrictDecision(f *testing.F) {
	for _, s := range []string{`{"action":"accept"}`, `{"action":"undo","note":"x"}`, `{"action":"accept"} {}`, `{"actio":1}`, `null`, `[]`, "{\"action\":\"a\xff\"}", `{"action":"block","note":"` + strings.Repeat("n", 100) + `"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req, err := strictDecision([]byte(body))
		if err != nil {
			if linkvet.ErrorCode(err) != linkvet.EINVALID {
				t.Fatalf("%q: uncoded error %v", body, err)
			}
			return
		}
		if req.Action == "" || len(req.Note) > 10_000 || !utf8.ValidString(req.Action+req.Note) {
			t.Fatalf("%q read as %+v", body, req)
		}
	})
}

// FuzzCheckScreenBody never panics and refuses only with coded errors.
func FuzzCheckScreenBody(f *testing.F) {
	for _, s := range []string{`{"person":{"name":"A"}}`, `null`, `{}`, `[{}]`, `[null, {"person":{}}]`, `[] x`, "\xff", "{\"a\":1}\n{}\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if err := checkScreenBody([]byte(body)); err != nil && linkvet.ErrorCode(err) != linkvet.EINVALID {
			t.Fatalf("%q: uncoded error %v", body, err)
		}
	})
}

// FuzzIsolateNames: the output is the escaped text with <bdi> around the
// names and nothing else.
func FuzzIsolateNames(f *testing.F) {
	f.Add("Ask Jo Park to introduce you", "Jo Park")
	f.Add("<b>x</b> & x", "x")
	f.Add("aaa", "aa")
	f.Fuzz(func(t *testing.T, text, name string) {
		got := string(isolateNames(text, name))
		plain := strings.ReplaceAll(strings.ReplaceAll(got, "<bdi>", ""), "</bdi>", "")
		if plain != template.HTMLEscapeString(text) {
			t.Fatalf("isolateNames(%q, %q) = %q", text, name, got)
		}
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(got, "<bdi>", ""), "</bdi>", ""), "<") {
			t.Fatalf("markup leaked: %q", got)
		}
	})
}

func TestIsolateNames(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Ask Jo Park to introduce you first", "Ask <bdi>Jo Park</bdi> to introduce you first"},
		{"Hi Jo Park and Jo Park", "Hi <bdi>Jo Park</bdi> and <bdi>Jo Park</bdi>"},
		{"No name <here>", "No name &lt;here&gt;"},
	} {
		if got := string(isolateNames(tc.text, "Jo Park", "")); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}
