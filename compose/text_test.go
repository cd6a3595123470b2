package compose

import (
	"github.com/linkvet/linkvet/fold"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFirstName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Jane Doe", "Jane"},
		{"Dr. Jane Doe", "Jane"},
		{"Prof. Dr. Hans Müller", "Hans"},
		{"JANE DOE", "Jane"},
		{"jane doe", "Jane"},
		{"JEAN-LUC PICARD", "Jean-Luc"},
		{"McKenzie Smith", "McKenzie"},
		{"🚀 Jane Doe 🚀", "Jane"},
		{"Jane🚀 Doe", "Jane"},
		{"Jane Doe, PhD", "Jane"},
		{"Jane Doe (she/her)", "Jane"},
		{"Jane Doe | Growth Hacker", "Jane"},
		{"J. Robert Smith", "Robert"},
		{"𝐉𝐚𝐧𝐞 𝐃𝐨𝐞", "Jane"},
		{"Ｊａｎｅ", "Jane"},
		{"Zoë Ångström", "Zoë"},
		{"O'Neil Brown", "O'Neil"},
		{"", ""},
		{"   ", ""},
		{"🚀🚀", ""},
		{"{firstName}", ""},
		{"FNAME LNAME", ""},
		{"Jane2024", ""},
		{"https://evil.example/x", ""},
		{"Mr.", ""},
		{"A", ""},
		{"Jane\x00Doe", "Jane"},
		{"Ja\u200bne Doe", "Jane"},
		{"\xff\xfeJane", "Jane"},
		{strings.Repeat("a", 40), ""},
	}
	for _, tt := range tests {
		if got := firstName(tt.name); got != tt.want {
			t.Errorf("firstName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Acme", 60, "Acme"},
		{"  Acme\n\tCorp  ", 60, "Acme Corp"},
		{"Acme https://evil.example/pay now", 60, "Acme now"},
		{"Acme www.evil.example", 60, "Acme"},
		{"Acme bit.ly/abc", 60, "Acme"},
		{"Acme (acme.io)", 60, "Acme"},
		{"mail me: x@evil.example", 60, "mail me"},
		{"Acme 🚀🔥 Labs", 60, "Acme Labs"},
		{"Acme\x07\x1b[31m Labs", 60, "Acme 31m Labs"},
		{"Acme {first name} Labs", 60, "Acme Labs"},
		{"Acme <Company> Labs", 60, "Acme Labs"},
		{"C++ and C# Guild", 60, "C++ and C# Guild"},
		{"Node.js Berlin", 60, "Node.js Berlin"},
		{"Society for the Advancement of Things", 20, "Society"},
		{"Kafka Users Berlin", 12, "Kafka Users"},
		{"Supercalifragilistic", 5, ""},
		{"...Acme...", 60, "Acme"},
		{"", 60, ""},
		{"\xff", 60, ""},
		{"𝐀𝐜𝐦𝐞", 60, "Acme"},
		{"Acme\u202eevil", 60, "Acmeevil"},
	}
	for _, tt := range tests {
		got := clean(tt.in, tt.max)
		if got != tt.want {
			t.Errorf("clean(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
		if utf8.RuneCountInString(got) > tt.max || !utf8.ValidString(got) {
			t.Errorf("clean(%q, %d) = %q: too long or invalid", tt.in, tt.max, got)
		}
	}
}

func TestIsLink(t *testing.T) {
	tests := []struct {
		word          string
		strict, loose bool
	}{
		{"https://example.com", true, true},
		{"http://x", true, true},
		{"www.example.org", true, true},
		{"example.com", true, true},
		{"example.com.", true, true},
		{"(example.com)", true, true},
		{"bit.ly/x", true, true},
		{"lіnkedin.com/in/x", true, true}, // Cyrillic і
		{"ｅｘａｍｐｌｅ．ｃｏｍ", true, true},
		{"acme.net", false, true},
		{"ASP.NET", false, true},
		{"Node.js", false, false},
		{"e.g.", false, false},
		{"3.5", false, false},
		{"U.S.", false, false},
		{"end.", false, false},
		{"mailto:x@y.z", true, true},
	}
	for _, tt := range tests {
		if got := isLink(tt.word, true); got != tt.strict {
			t.Errorf("isLink(%q, strict) = %v, want %v", tt.word, got, tt.strict)
		}
		if got := isLink(tt.word, false); got != tt.loose {
			t.Errorf("isLink(%q, loose) = %v, want %v", tt.word, got, tt.loose)
		}
	}
}

func TestPickIsStableAndSpread(t *testing.T) {
	seen := map[int]bool{}
	for i := range 30 {
		seed := hash("inv-" + string(rune('a'+i)))
		a, b := pick(seed, saltOpen, 3), pick(seed, saltOpen, 3)
		if a != b {
			t.Fatalf("pick is not deterministic")
		}
		seen[a] = true
	}
	if len(seen) != 3 {
		t.Errorf("30 seeds chose only %d of 3 phrasings", len(seen))
	}
}

func foldString(s string) string { return fold.String(s) }
