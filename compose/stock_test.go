package compose

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/screen/lang"
)

func TestIsDefaultNote(t *testing.T) {
	tests := []struct {
		note string
		want bool
	}{
		{"I'd like to add you to my professional network on LinkedIn.", true},
		{"I’d like to add you to my professional network on LinkedIn.", true},
		{"Hi Jane, I'd like to add you to my professional network on LinkedIn. - Dana Weber", true},
		{"Hi Jane Doe,\n\nI'd like to add you to my professional network on LinkedIn.\n\nBest,\nDana Weber", true},
		{"I would like to add you to my professional network.", true},
		{"I want to add you to my professional network", true},
		{"I'd like to join your LinkedIn network.", true},
		{"Hello, I'd like to connect with you on LinkedIn. Thanks!", true},
		{"I'd like to connect.", true},
		{"Let's connect!", true},
		{"Please accept my invitation to connect.", true},
		{"I'm looking to expand my professional network.", true},
		{"I'D LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK ON LINKEDIN", true},
		{"𝐈'𝐝 𝐥𝐢𝐤𝐞 𝐭𝐨 𝐚𝐝𝐝 𝐲𝐨𝐮 𝐭𝐨 𝐦𝐲 𝐩𝐫𝐨𝐟𝐞𝐬𝐬𝐢𝐨𝐧𝐚𝐥 𝐧𝐞𝐭𝐰𝐨𝐫𝐤", true},
		{"Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.", true},
		{"J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne, sur le site LinkedIn.", true},
		{"Me gustaría añadirte a mi red profesional de LinkedIn.", true},
		// personal notes, even when they contain a stock phrase
		{"Hi Jane, we met at the Berlin Data Meetup; I'd like to add you to my professional network.", false},
		{"Hi Jane, I enjoyed your talk on Kafka at the Berlin Data Meetup and would like to connect.", false},
		{"I'm Dana, a data engineer at Northwind. We are both in Kafka Users Berlin.", false},
		{"", false},
		{"   ", false},
		{"Hi", false},
	}
	for _, tt := range tests {
		if got := IsDefaultNote(tt.note); got != tt.want {
			t.Errorf("IsDefaultNote(%q) = %v, want %v", tt.note, got, tt.want)
		}
	}
}

func TestHasPlaceholder(t *testing.T) {
	tests := []struct {
		note, want string
	}{
		{"Hi {firstName}, great to meet you.", "{firstName}"},
		{"Hi {{name}}, great to meet you.", "{{name}}"},
		{"Hi {{ first_name }}, hello.", "{{ first_name }}"},
		{"Hi ${name}, hello.", "${name}"},
		{"Hi [name], hello.", "[name]"},
		{"Hi Jane, I see you work at [Company].", "[Company]"},
		{"I'm in the [industry/city/etc.] community.", "[industry/city/etc.]"},
		{"Hi Jane, how is <Company> doing?", "<Company>"},
		{"Dear %NAME%, hello.", "%NAME%"},
		{"Hi *|FNAME|*, hello.", "*|FNAME|*"},
		{"Hi FNAME, hello.", "FNAME"},
		{"Hi FIRST_NAME, hello.", "FIRST_NAME"},
		{"Hi XXX, hello.", "XXX"},
		{"Hi ｛firstName｝, hello.", "{firstName}"},
		{"Hi [[name]], hello", "[[name]]"},
		// not placeholders
		{"Hi Jane, 50% of teams and 20% of budgets.", ""},
		{"I <3 Go.", ""},
		{"See footnote [1].", ""},
		{"It was <b>great</b>.", ""},
		{"My first name is Dana.", ""},
		{"Hi Jane, great talk!", ""},
		{"", ""},
		{"{" + "a very long text inside braces that goes on and on for ever" + "}", ""},
	}
	for _, tt := range tests {
		got, ok := HasPlaceholder(tt.note)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("HasPlaceholder(%q) = %q, %v; want %q", tt.note, got, ok, tt.want)
		}
	}
}

// TestStockFromVocabularies: a language's default invitation sentence in
// its vocabulary file (screen/lang, family stock_invitation) is stock text,
// and its greetings are filler, without a line of Go.
func TestStockFromVocabularies(t *testing.T) {
	v, err := lang.Parse("nl.yaml", []byte(`tag: nl
name: Nederlands
families:
  stock_invitation: ["graag voeg ik je toe aan mijn LinkedIn-netwerk"]
  greeting: [goedemiddag]
`))
	if err != nil {
		t.Fatal(err)
	}
	withNL, builtin := newStockTable([]*lang.Vocabulary{v}), newStockTable(nil)
	note := "Goedemiddag Sanne, graag voeg ik je toe aan mijn LinkedIn-netwerk."
	if !withNL.isDefault(note) {
		t.Errorf("with the Dutch vocabulary, %q is not stock text", note)
	}
	if builtin.isDefault(note) {
		t.Errorf("without it, %q is stock text already: the test proves nothing", note)
	}
	personal := "Goedemiddag Sanne, we spraken op de Kafka meetup in Utrecht over streaming pipelines; graag voeg ik je toe aan mijn LinkedIn-netwerk."
	if withNL.isDefault(personal) {
		t.Errorf("a personal note holding the sentence counts as stock: %q", personal)
	}
	// The English built-ins stay whatever the vocabularies hold.
	for _, n := range []string{"I'd like to add you to my professional network on LinkedIn.", "Let's connect!"} {
		if !withNL.isDefault(n) || !builtin.isDefault(n) {
			t.Errorf("%q is no longer stock text", n)
		}
	}
}

// TestEveryVocabularyStockSentence: whatever the vocabulary files hold
// (they are filled on other branches), each stock sentence on its own or
// after a greeting is a default note, and never once a personal sentence
// comes with it.
func TestEveryVocabularyStockSentence(t *testing.T) {
	vocabs, err := lang.Load()
	if err != nil {
		t.Fatalf("vocabularies: %v", err)
	}
	for _, v := range vocabs {
		greetings := append(v.Phrases(lang.Greeting), "")
		for _, p := range v.Phrases(lang.StockInvitation) {
			if len(fold.Fields(p)) == 0 {
				continue
			}
			g := strings.TrimSpace(greetings[0] + " Jane,")
			for _, note := range []string{p, g + " " + p} {
				if !IsDefaultNote(note) {
					t.Errorf("%s: %q is not recognised as stock text", v.Tag, note)
				}
			}
			personal := "Hi Jane, we met at the Berlin Data Meetup and talked about Kafka pipelines for an hour. " + p
			if IsDefaultNote(personal) {
				t.Errorf("%s: a personal note holding %q counts as stock", v.Tag, p)
			}
		}
	}
}
