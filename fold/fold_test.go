package fold

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Thought Leader", "thought leader"},
		{"𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "thought leader"},
		{"𝐕𝐢𝐬𝐢𝐨𝐧𝐚𝐫𝐲", "visionary"},
		{"ｖｉｓｉｏｎａｒｙ", "visionary"},
		{"vi\u200bsio\u200dnary", "visionary"},
		{"ᴠɪsɪᴏɴᴀʀʏ", "visionary"},
		{"lіnkedin.com", "linkedin.com"}, // Cyrillic і
		{"РАYРАL", "paypal"},             // Cyrillic Р and А
		{"Zürich  Café", "zurich cafe"},
		{"🚀\ufe0f launch", "🚀 launch"},
		{"  many\t\nspaces  ", "many spaces"},
		{"it’s", "it's"},
		{"ﬁnance", "finance"},
		{"Ⓥⓘⓢⓘⓞⓝ", "vision"},
		{"", ""},
		{"ALL CAPS", "all caps"},
		{"already folded", "already folded"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hi Dana, I enjoyed your talk!", []string{"hi", "dana", "i", "enjoyed", "your", "talk"}},
		{"don't stop", []string{"dont", "stop"}},
		{"🚀🚀 Rocket Internet", []string{"🚀", "🚀", "rocket", "internet"}},
		{"30K+ connections", []string{"30k", "connections"}},
		{"'quoted'", []string{"quoted"}},
		{"münchen-based", []string{"munchen", "based"}},
		{"東京 office", []string{"東京", "office"}},
	}
	for _, tt := range tests {
		if got := Fields(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Fields(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher([]string{"thought leader", "visionary", "🚀", "LION", "open networker"})
	tests := []struct {
		text string
		want []string
	}{
		{"Founder | 𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 | Speaker", []string{"thought leader"}},
		{"A visionaryx at work", nil},
		{"Visionary 🚀🚀", []string{"visionary", "🚀"}},
		{"Sales at Rocket Internet", nil},
		{"thought-leader", []string{"thought leader"}},
		{"lion of the jungle", []string{"LION"}},
		{"Lioness", nil},
		{"OPEN NETWORKER, never IDK", []string{"open networker"}},
		{"thought", nil},
		{"vis\u200bionary", []string{"visionary"}},
	}
	for _, tt := range tests {
		if got := m.FindPhrases(Fields(tt.text)); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestHasLookalikes(t *testing.T) {
	for _, s := range []string{"lіnkedin.com", "𝐥inkedin.com", "link\u200bedin.com", "ｌinkedin.com"} {
		if !HasLookalikes(s) {
			t.Errorf("HasLookalikes(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"lіnkedin.com", "ՍRGENT", "ʟɪɴᴋ", "Ϳust"} {
		if !HasLookalikes(s) {
			t.Errorf("HasLookalikes(%q) = false, want true", s)
		}
	}
	// Letters of everyday alphabets are no disguise, though they fold to
	// plain letters.
	for _, s := range []string{"Łukasz Wróbel", "Søren Østergaard", "Đorđe", "Hafdís Guðrún", "Ħal Għargħur", "Ɓello Ɗanjuma", "Yıldız"} {
		if HasLookalikes(s) {
			t.Errorf("HasLookalikes(%q) = true, want false", s)
		}
	}
	for _, s := range []string{"linkedin.com", "zürich.example", "münchen", ""} {
		if HasLookalikes(s) {
			t.Errorf("HasLookalikes(%q) = true, want false", s)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "vi\u200bsionary", "🚀\ufe0f", "\xff\xfe", "a  b", "Ǆ", "ﷺ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q: invalid UTF-8", s, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("String(%q) = %q: white space not collapsed", s, got)
		}
		for _, w := range Words(got) {
			if w == "" || strings.ContainsAny(w, " \t\n") {
				t.Fatalf("Words(%q) has token %q", got, w)
			}
		}
		// AppendString folds into a buffer that already holds text, with
		// or without spare room, and leaves that text alone.
		for _, prefix := range []string{"", "a\u0301 ", "x"} {
			for _, room := range []int{0, 4 * len(s)} {
				buf := append(make([]byte, 0, len(prefix)+room), prefix...)
				if b := AppendString(buf, s); string(b) != prefix+got {
					t.Fatalf("AppendString(%q, %q) = %q, want %q", prefix, s, b, prefix+got)
				}
			}
		}
		// Folding is idempotent for text that is already folded, so that
		// phrase lists and texts folded at different times still agree.
		if again := String(got); again != got {
			t.Fatalf("String not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

func TestAppendString(t *testing.T) {
	texts := []string{"", " ", "Thought Leader", "already folded", "  many\t\nspaces  ", "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫",
		"Zürich  Café ", "\u0301accent first", "ﷺ", "\xff\xfe", "Здравствуйте, Дана!", "it’s `quoted`"}
	var buf []byte
	want := ""
	for _, s := range texts {
		buf = AppendString(buf, s)
		want += String(s)
		if string(buf) != want {
			t.Fatalf("after %q: %q, want %q", s, buf, want)
		}
		buf = append(buf, '|')
		want += "|"
	}
}

func BenchmarkStringASCII(b *testing.B) {
	s := "Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch."
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}

func BenchmarkStringUnicode(b *testing.B) {
	s := "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 🚀 | Visionär in München | lіnkedin"
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}

func BenchmarkStringAccented(b *testing.B) {
	s := "Hola María, me encantó tu charla sobre Kafka en la reunión de datos de Sevilla; ¿seguimos en contacto?"
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}

func BenchmarkStringCyrillic(b *testing.B) {
	s := "Здравствуйте, Дана! Я инженер данных в Москве, давайте будем на связи."
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}

// TestStringIdempotentBMP folds every code point of the Basic Multilingual
// Plane, alone and between letters, and folds the result again: nothing
// may change the second time (issue 12: a capital whose lower case is a
// look-alike used to slip through).
func TestStringIdempotentBMP(t *testing.T) {
	bad := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + string(r)} {
			once := String(s)
			if twice := String(once); twice != once {
				if bad++; bad <= 20 {
					t.Errorf("%U %q: String = %q (%+q), again = %q (%+q)", r, s, once, once, twice, twice)
				}
			}
		}
	}
	if bad > 20 {
		t.Errorf("... %d failures in all", bad)
	}
}

// TestOtherScriptsAreNotDisguises: text in scripts that never pass for
// Latin is left alone by the look-alike step, and a name written in one is
// no look-alike.
func TestOtherScriptsAreNotDisguises(t *testing.T) {
	for _, s := range []string{"محمد العلي", "שלום כהן", "ნინო", "राहुल शर्मा", "〇〇商事", "ሀይሉ"} {
		if HasLookalikes(s) {
			t.Errorf("HasLookalikes(%q) = true", s)
		}
		if got := String(s); ascii(got) {
			t.Errorf("String(%q) = %q: mapped to Latin", s, got)
		}
	}
}

// TestScratch: a Scratch folds and splits as String and Fields do, text
// after text, whatever the earlier texts were.
func TestScratch(t *testing.T) {
	var x Scratch
	for _, s := range []string{"Hi Dana, I'd like to connect", "", "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", "500$/WEEK", "Zürich  Café", "a"} {
		if got, want := x.String(s), String(s); got != want {
			t.Errorf("Scratch.String(%q) = %q, want %q", s, got, want)
		}
		if got, want := x.Fields(s), Fields(s); !slices.Equal(got, want) {
			t.Errorf("Scratch.Fields(%q) = %q, want %q", s, got, want)
		}
	}
	x.Reset()
	if got := x.Fields("Per Week"); !slices.Equal(got, []string{"per", "week"}) {
		t.Errorf("after Reset: %q", got)
	}
}
