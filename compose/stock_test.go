package compose

import "testing"

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
