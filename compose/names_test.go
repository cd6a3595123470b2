package compose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func TestNamesData(t *testing.T) {
	var d nameData
	if err := yaml.Unmarshal(namesYAML, &d); err != nil {
		t.Fatalf("names.yaml: %v", err)
	}
	if len(d.Honorifics) < 100 || len(d.Credentials) < 30 || len(d.Particles) < 20 || len(d.CompoundGiven) < 50 {
		t.Errorf("names.yaml looks truncated: %d honorifics, %d credentials, %d particles, %d compound names",
			len(d.Honorifics), len(d.Credentials), len(d.Particles), len(d.CompoundGiven))
	}
}

// TestFirstNameForms: the name a person is greeted by, per language and
// per form of writing a name.
func TestFirstNameForms(t *testing.T) {
	tests := []struct{ lang, form, name, want string }{
		// titles, honorifics and ranks, per language
		{"en", "title", "Dr. Jane Doe", "Jane"},
		{"en", "rank", "Capt. Sarah Miles", "Sarah"},
		{"en", "two titles", "Prof. Dr. Hans Müller", "Hans"},
		{"en", "courtesy", "Mrs Emily Clarke", "Emily"},
		{"en", "dot joined", "Dr.Jane Doe", "Jane"},
		{"es", "rank", "Capitán Roberto Díaz", "Roberto"},
		{"es", "rank in capitals", "CAPITÁN ROBERTO DÍAZ", "Roberto"},
		{"es", "licenciada", "Lic. Paula Romero", "Paula"},
		{"es", "ingeniero", "Ing. Tomás Herrera", "Tomás"},
		{"es", "señora", "Sra. Lucía Campos", "Lucía"},
		{"es", "doña", "Doña Inés Bravo", "Inés"},
		{"pt", "engenheira", "Eng. Beatriz Lopes", "Beatriz"},
		{"pt", "doutor", "Dr. Rafael Moura", "Rafael"},
		{"fr", "madame", "Mme Claire Fontaine", "Claire"},
		{"fr", "maître", "Me Julien Marchand", "Julien"},
		{"de", "Herr", "Herr Jonas Becker", "Jonas"},
		{"de", "Frau with doctorate", "Frau Dr. Lena Vogt", "Lena"},
		{"de", "Diplom", "Dipl.-Ing. Stefan Kraus", "Stefan"},
		{"it", "dottoressa", "Dott.ssa Giulia Ferri", "Giulia"},
		{"it", "avvocato", "Avv. Marco Rinaldi", "Marco"},
		{"it", "ingegnere", "Ing. Sara Galli", "Sara"},
		{"nl", "ingenieur", "Ir. Daan Visser", "Daan"},
		{"pl", "magister", "Mgr inż. Tomasz Nowicki", "Tomasz"},
		{"id", "bapak", "Bapak Agus Santoso", "Agus"},
		{"hi", "shri", "Shri Rohan Mehta", "Rohan"},
		// surname first, with a comma
		{"es", "comma, particle", "de la Vega, Carmen", "Carmen"},
		{"es", "comma, one surname", "Ortega, Marta", "Marta"},
		{"es", "comma, surnames in capitals", "GARCÍA LÓPEZ, María", "María"},
		{"es", "comma, compound given", "García Pérez, María José", "María José"},
		{"en", "comma, one surname", "Doe, Jane", "Jane"},
		{"nl", "comma, particle", "van der Berg, Sanne", "Sanne"},
		{"de", "comma, von", "von Arnim, Katharina", "Katharina"},
		{"es", "comma, rank after", "Díaz, Capitán Roberto", "Roberto"},
		// credentials and taglines after the name
		{"en", "credential", "Ana Ruiz, MBA", "Ana"},
		{"en", "two credentials", "Ana Ruiz, MBA, PMP", "Ana"},
		{"en", "credential with dots", "Jane Doe, Ph.D.", "Jane"},
		{"en", "credential no comma", "Ana Ruiz MBA", "Ana"},
		{"en", "job title after comma", "Jane Doe, Data Engineer", "Jane"},
		{"en", "pronouns", "Jane Doe (she/her)", "Jane"},
		{"en", "tagline", "Jane Doe | Growth Hacker", "Jane"},
		// compound given names
		{"es", "compound", "María José García", "María José"},
		{"es", "compound in capitals", "MARÍA JOSÉ GARCÍA", "María José"},
		{"es", "compound with particle", "María del Carmen Ruiz", "María del Carmen"},
		{"es", "compound", "Juan Carlos Medina", "Juan Carlos"},
		{"pt", "compound", "João Pedro Almeida", "João Pedro"},
		{"pt", "compound", "Ana Paula Souza", "Ana Paula"},
		{"fr", "compound without hyphen", "Jean Pierre Laurent", "Jean Pierre"},
		{"fr", "hyphenated", "Jean-Luc Moreau", "Jean-Luc"},
		{"it", "compound", "Gian Luca Bassi", "Gian Luca"},
		{"de", "not compound", "Anna Schmidt", "Anna"},
		{"es", "not compound", "María García", "María"},
		// never emoji, styled letters, look-alikes or junk
		{"en", "emoji", "🚀 Jane Doe 🚀", "Jane"},
		{"en", "bold letters", "𝐉𝐚𝐧𝐞 𝐃𝐨𝐞", "Jane"},
		{"en", "script letters", "𝓙𝓪𝓷𝓮 Doe", "Jane"},
		{"en", "small capitals", "ᴊᴀɴᴇ ᴅᴏᴇ", "Jane"},
		{"en", "full width", "Ｊａｎｅ", "Jane"},
		{"en", "circled", "Ⓙⓐⓝⓔ Doe", "Jane"},
		{"en", "mixed scripts (Cyrillic а)", "Jаne Doe", ""},
		{"ru", "Cyrillic name", "Дмитрий Иванов", "Дмитрий"},
		{"el", "Greek name", "Νίκος Παπαδόπουλος", "Νίκος"},
		{"en", "placeholder", "{firstName}", ""},
		{"en", "digits", "Jane2024", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.form, func(t *testing.T) {
			if got := firstName(tt.name); got != tt.want {
				t.Errorf("firstName(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// FuzzFirstName: whatever the name, the greeting's name is valid text of
// letters (with inner hyphens, apostrophes and spaces), never longer than a
// name can be, and folding it again changes nothing about it.
func FuzzFirstName(f *testing.F) {
	for _, s := range []string{"Capitán Roberto Díaz", "de la Vega, Carmen", "María José García", "Ana Ruiz, MBA",
		"Dott.ssa Giulia Ferri", "ᴊᴀɴᴇ", "Jаne", "\xff,,", ", ,", "Dr. Dr. Dr.", "García, María José, PhD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := firstName(name)
		if got == "" {
			return
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > maxFirstName {
			t.Fatalf("firstName(%q) = %q: invalid or too long", name, got)
		}
		for _, w := range strings.Fields(got) {
			if !nameWord(w) {
				t.Fatalf("firstName(%q) = %q: %q is not a name word", name, got, w)
			}
		}
		if strings.ContainsAny(got, "{}[]<>@:/|,.0123456789") {
			t.Fatalf("firstName(%q) = %q", name, got)
		}
	})
}

// appendNameKey writes foldName's key in place; the two must agree, and
// appendNamesKey must agree with foldName of the words joined.
func TestNameKeyAgreesWithFoldName(t *testing.T) {
	for _, s := range []string{"", "Dr.", "Ph.D.", "Dipl.-Ing.", "JANE", "María José", " a . b ", "a .", "a  ", "\tx\ny",
		"O`Neil", "Jean-Luc", "de la Vega", "ᴊᴀɴᴇ", "Dott.ssa", "a-", "-", " - ", "x\v\fy"} {
		if got, want := string(appendNameKey(nil, s)), foldName(s); got != want {
			t.Errorf("appendNameKey(%q) = %q, foldName %q", s, got, want)
		}
	}
}

func FuzzNameKey(f *testing.F) {
	f.Add("Dr. Jane", "Doe-Smith")
	f.Add("a .", "`x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := string(appendNameKey(nil, a)), foldName(a); got != want {
			t.Fatalf("appendNameKey(%q) = %q, foldName %q", a, got, want)
		}
		words := append(strings.Fields(a), strings.Fields(b)...)
		if got, want := string(appendNamesKey(nil, words)), foldName(strings.Join(words, " ")); got != want {
			t.Fatalf("appendNamesKey(%q) = %q, foldName %q", words, got, want)
		}
	})
}
