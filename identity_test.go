package linkvet

import "testing"

func TestNormalizeProfileURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.linkedin.com/in/Alex-Kim/?trk=abc", "linkedin.com/in/alex-kim"},
		{"linkedin.com/in/alex-kim", "linkedin.com/in/alex-kim"},
		{"http://de.linkedin.com/in/alex-kim/", "linkedin.com/in/alex-kim"},
		{"https://www.linkedin.com/in/j%C3%BCrgen-m", "linkedin.com/in/jürgen-m"},
		{"", ""},
		{"alex@example.com", ""},
		{"https://example.com/Alex", "example.com/alex"},
	}
	for _, tt := range tests {
		if got := NormalizeProfileURL(tt.in); got != tt.want {
			t.Errorf("NormalizeProfileURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonKey(t *testing.T) {
	if got := PersonKey("", " Alex@Example.COM "); got != "alex@example.com" {
		t.Errorf("PersonKey by e-mail = %q", got)
	}
	if got := PersonKey("https://linkedin.com/in/a", "a@example.com"); got != "linkedin.com/in/a" {
		t.Errorf("PersonKey prefers the URL, got %q", got)
	}
	if got := PersonKey("", "not an email"); got != "" {
		t.Errorf("PersonKey(junk) = %q, want empty", got)
	}
}
