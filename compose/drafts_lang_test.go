package compose

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// draftLanguages are the languages drafts must exist in (issue 10). Adding
// a language is adding drafts/TAG.yaml and a line here and in
// languageMarkers.
var draftLanguages = []string{"en", "es", "pt", "fr", "de", "it"}

// languageMarkers are words every draft of a kind in that language holds
// one of at least (folded loosely: lower case), and words that would show
// English leaking into it.
var languageMarkers = map[string][]string{
	"en": {" the ", " to ", " and ", " you", " i ", " i'"},
	"es": {" que ", " en ", " por ", " de ", "qué", " me ", " mi ", " tu ", " te "},
	"pt": {" que ", " em ", " por ", " de ", " na ", " você", " me ", " o ", " a "},
	"fr": {" de ", " le ", " la ", " dans ", " mon ", " nous ", " vous", " vos ", " votre ", "bienvenue", "merci", "plaisir"},
	"de": {" und ", " ich ", " wir ", " uns ", "schön", " dass ", " du ", " dich", " dir "},
	"it": {" di ", " che ", " per ", " mi ", " è ", "bello", " qui", " ti ", " tuo", " tua"},
}

func TestPhrasebooksComplete(t *testing.T) {
	books, err := loadPhrasebooks(phrasebookFiles)
	if err != nil {
		t.Fatalf("a drafts file is incomplete or does not parse:\n%v", err)
	}
	for _, lang := range draftLanguages {
		if books[lang] == nil {
			t.Errorf("no drafts in %q", lang)
		}
	}
	if got := DraftsLanguages(); !slices.Equal(got, slices.Sorted(slices.Values(draftLanguages))) {
		t.Errorf("DraftsLanguages() = %v, want the tested %v (add a test line for a new language)", got, draftLanguages)
	}
}

func TestParsePhrasebookRejects(t *testing.T) {
	en, err := phrasebookFiles.ReadFile("drafts/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, file, edit, want string }{
		{"tag and file differ", "drafts/es.yaml", "", `tag "en" does not match`},
		{"unknown key", "drafts/en.yaml", "\nextra: 1\n", "field extra not found"},
		{"unknown slot", "drafts/en.yaml", "", "slot {name}"},
	}
	for _, tt := range tests {
		data := string(en) + tt.edit
		if tt.name == "unknown slot" {
			data = strings.Replace(data, "Thanks for mentioning {item}", "Thanks for mentioning {name}", 1)
		}
		_, err := parsePhrasebook(tt.file, []byte(data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
	short := strings.Replace(string(en), "    - thanks for the invitation, happy to connect.\n    - thank you for reaching out, glad to be connected.\n", "", 1)
	if _, err := parsePhrasebook("drafts/en.yaml", []byte(short)); err == nil || !strings.Contains(err.Error(), "accept.open: 1 phrasings") {
		t.Errorf("a list with one phrasing: err = %v", err)
	}
}

func TestDraftsLanguage(t *testing.T) {
	tests := []struct {
		note  string
		langs []string
		want  string
	}{
		{"es", []string{"en", "es"}, "es"},
		{"es-MX", []string{"en", "es"}, "es"},    // primary subtag of the note
		{"es", []string{"en", "es-MX"}, "es"},    // primary subtag of the user's
		{"pt_BR", []string{"pt-BR", "en"}, "pt"}, // underscores and case
		{"ES", []string{"es"}, "es"},
		{"fr", []string{"en", "es"}, "en"}, // not one the user writes: their first
		{"fr", []string{"de", "fr"}, "fr"},
		{"", []string{"it", "en"}, "it"},   // no note: the user's first
		{"nl", []string{"nl", "de"}, "de"}, // the user writes Dutch, no Dutch drafts: next language that has them
		{"nl", []string{"nl"}, "en"},
		{"es", nil, "en"},
		{"", nil, "en"},
		{"und", []string{"es"}, "es"},
	}
	for _, tt := range tests {
		if got := DraftsLanguage(tt.note, linkvet.Me{Languages: tt.langs}); got != tt.want {
			t.Errorf("DraftsLanguage(%q, %v) = %q, want %q", tt.note, tt.langs, got, tt.want)
		}
	}
}

// langVerdict is a verdict whose drafts are to be written in lang.
func langVerdict(a linkvet.Action, c linkvet.Category, lang string) *linkvet.Verdict {
	return &linkvet.Verdict{Action: a, Category: c, Intent: linkvet.KeepInTouch, DraftsLanguage: lang}
}

func TestDraftsPerLanguage(t *testing.T) {
	kinds := []struct {
		name   string
		action linkvet.Action
		cat    linkvet.Category
		get    func(linkvet.Drafts) string
	}{
		{"accept", linkvet.Accept, linkvet.IndustryPeer, func(d linkvet.Drafts) string { return d.Accept }},
		{"accept known", linkvet.Accept, linkvet.KnownContact, func(d linkvet.Drafts) string { return d.Accept }},
		{"follow-up", linkvet.Accept, linkvet.IndustryPeer, func(d linkvet.Drafts) string { return d.FollowUp }},
		{"ask", linkvet.Ask, linkvet.Stranger, func(d linkvet.Drafts) string { return d.Ask }},
		{"ask recruiter", linkvet.Ask, linkvet.Recruiter, func(d linkvet.Drafts) string { return d.Ask }},
		{"decline", linkvet.Decline, linkvet.Stranger, func(d linkvet.Drafts) string { return d.Decline }},
		{"decline competitor", linkvet.Decline, linkvet.Competitor, func(d linkvet.Drafts) string { return d.Decline }},
		{"decline salesperson", linkvet.Decline, linkvet.Salesperson, func(d linkvet.Drafts) string { return d.Decline }},
		{"decline recruiter", linkvet.Decline, linkvet.Recruiter, func(d linkvet.Drafts) string { return d.Decline }},
	}
	for _, lang := range draftLanguages {
		for _, k := range kinds {
			t.Run(lang+"/"+k.name, func(t *testing.T) {
				distinct := map[string]bool{}
				for i := range 24 {
					inv := incoming(fmt.Sprintf("inv-%s-%02d", lang, i), "Capitán Roberto Díaz", "")
					if i%3 == 1 {
						inv.Shared = linkvet.Shared{}
					}
					d := Drafts(inv, langVerdict(k.action, k.cat, lang), testMe)
					s := k.get(d)
					if s == "" {
						t.Fatalf("no %s draft: %+v", k.name, d)
					}
					if again := k.get(Drafts(inv, langVerdict(k.action, k.cat, lang), testMe)); again != s {
						t.Fatalf("not deterministic:\n%q\n%q", s, again)
					}
					distinct[s] = true
					if !strings.Contains(s, "Roberto") || strings.Contains(s, "Capit") || strings.Contains(s, "Díaz") {
						t.Errorf("not greeted as Roberto: %q", s)
					}
					if strings.ContainsAny(s, "{}") || strings.Contains(s, "  ") || strings.Contains(s, "..") {
						t.Errorf("slot or spacing left: %q", s)
					}
					if k.name == "accept" && runeCount(s) > AcceptLimit {
						t.Errorf("accept note %d characters: %q", runeCount(s), s)
					}
					low := " " + strings.ToLower(s) + " "
					found := false
					for _, m := range languageMarkers[lang] {
						found = found || strings.Contains(low, m)
					}
					if !found {
						t.Errorf("%s draft does not read as %s: %q", k.name, lang, s)
					}
					if lang != "en" {
						for _, en := range []string{" the ", " thanks ", " you ", " would ", " glad "} {
							if strings.Contains(low, en) {
								t.Errorf("English %q in a %s draft: %q", en, lang, s)
							}
						}
					}
				}
				if len(distinct) < 3 {
					t.Errorf("only %d distinct texts across 24 people", len(distinct))
				}
			})
		}
	}
}

// TestDraftsFollowTheNote: the verdict's note language picks the drafts'
// language when the user writes it; DraftsLanguage on the verdict wins.
func TestDraftsFollowTheNote(t *testing.T) {
	me := testMe
	me.Languages = []string{"en", "es", "de"}
	inv := incoming("inv-lang", "Carmen Vega", "Hola Dana, nos vimos en la Berlin Data Meetup.")
	for _, tt := range []struct{ note, drafts, want string }{
		{"es-MX", "", "gracias"},
		{"de", "", "danke"},
		{"fr", "", "thank"}, // not one the user writes: English, their first
		{"es", "it", "grazie"},
	} {
		v := &linkvet.Verdict{Action: linkvet.Decline, Category: linkvet.Stranger, Language: tt.note, DraftsLanguage: tt.drafts}
		d := Drafts(inv, v, me)
		if !strings.Contains(strings.ToLower(d.Decline), tt.want) {
			t.Errorf("note %q, drafts %q: %q lacks %q", tt.note, tt.drafts, d.Decline, tt.want)
		}
	}
	// A language without drafts falls back to the user's first that has them.
	v := &linkvet.Verdict{Action: linkvet.Decline, Category: linkvet.Stranger, DraftsLanguage: "nl"}
	me.Languages = []string{"nl", "it"}
	if d := Drafts(inv, v, me); !strings.Contains(strings.ToLower(d.Decline), "grazie") {
		t.Errorf("Dutch drafts asked, user writes nl and it: %q", d.Decline)
	}
}

// TestDraftsNothingFriendlyInAnyLanguage: scammers, fakes, blocked accounts
// and reports get nothing, whatever the language (issue 10: a Spanish
// romance scam got a friendly draft addressed to "Capitán").
func TestDraftsNothingFriendlyInAnyLanguage(t *testing.T) {
	inv := incoming("inv-scam", "Capitán Roberto Díaz", "Hola querida, soy capitán del ejército, escríbeme al WhatsApp +34 600 000 000")
	for _, lang := range draftLanguages {
		for _, v := range []*linkvet.Verdict{
			langVerdict(linkvet.Decline, linkvet.Scammer, lang),
			langVerdict(linkvet.Accept, linkvet.Fake, lang),
			langVerdict(linkvet.Ask, linkvet.Blocked, lang),
			{Action: linkvet.Decline, Category: linkvet.Stranger, Report: true, DraftsLanguage: lang},
			{Action: linkvet.Ignore, Category: linkvet.Stranger, Intent: linkvet.Spam, DraftsLanguage: lang},
		} {
			if d := Drafts(inv, v, testMe); d != (linkvet.Drafts{}) {
				t.Errorf("%s: drafts for %+v: %+v", lang, v, d)
			}
		}
	}
}

// phrasings returns every phrasing of a list in every language, filled
// with value, for tests that a kind of sentence is never used.
func phrasings(value string, list func(*phrasebook) []string) []string {
	var out []string
	for _, lang := range draftLanguages {
		for _, p := range list(phrasebooks()[lang]) {
			out = append(out, fill(p, "{item}", value))
		}
	}
	return out
}

// TestDraftsKnowTheRelationship: no "which part of Northwind were you in?"
// to a colleague at the user's own company, no "nice to meet someone else
// who has been at Fabrikam" to a former colleague, no "how are you finding
// Acme so far?" to someone with years at Acme; in every language.
func TestDraftsKnowTheRelationship(t *testing.T) {
	hook := func(kind string) func(*phrasebook) []string {
		return func(pb *phrasebook) []string { return pb.Accept.Hook[kind] }
	}
	question := func(kind string) func(*phrasebook) []string {
		return func(pb *phrasebook) []string { return pb.FollowUp.Question[kind] }
	}
	sent := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		cat       linkvet.Category
		edit      func(*linkvet.Invitation)
		forbidden []string
		wanted    []string // one of these must appear at least once
	}{
		{
			name: "colleague at the user's company", cat: linkvet.IndustryPeer,
			edit: func(i *linkvet.Invitation) { i.Person.Company = "Northwind Analytics" },
			forbidden: slices.Concat(phrasings("Northwind Analytics", question("company")), phrasings("Northwind Analytics", hook("company")),
				phrasings("Northwind Analytics", hook("theirs_now"))),
			wanted: phrasings("Northwind Analytics", hook("colleague")),
		},
		{
			name: "colleague in an open position", cat: linkvet.IndustryPeer,
			edit: func(i *linkvet.Invitation) {
				i.Person.Company = ""
				i.Person.Experience = []linkvet.Position{{Company: "Northwind Analytics", Start: "2025-02"}}
			},
			forbidden: phrasings("Northwind Analytics", question("company")),
			wanted:    phrasings("Northwind Analytics", question("colleague")),
		},
		{
			name: "former colleague", cat: linkvet.KnownContact,
			edit: func(i *linkvet.Invitation) {
				i.Person.Experience = []linkvet.Position{{Company: "Fabrikam", Start: "2018-01", End: "2021-06"}}
			},
			forbidden: slices.Concat(phrasings("Fabrikam", hook("company")), phrasings("Fabrikam", question("company"))),
			wanted:    phrasings("Fabrikam", hook("former_colleague")),
		},
		{
			name: "now where the user was", cat: linkvet.IndustryPeer,
			edit:      func(i *linkvet.Invitation) { i.Person.Company = "Fabrikam" },
			forbidden: slices.Concat(phrasings("Fabrikam", question("company")), phrasings("Fabrikam", hook("colleague"))),
			wanted:    phrasings("Fabrikam", question("theirs_now")),
		},
		{
			name: "veteran of what the note mentions", cat: linkvet.IndustryPeer,
			edit: func(i *linkvet.Invitation) {
				i.Message = "Hi Dana, I saw your post on Kafka."
				i.Person.Experience = []linkvet.Position{{Title: "Kafka Platform Lead", Company: "Acme", Start: "2016-03"}}
			},
			forbidden: phrasings("Kafka", question("mentioned_new")),
			wanted:    phrasings("Kafka", question("mentioned")),
		},
		{
			name: "years at the company the note mentions", cat: linkvet.IndustryPeer,
			edit: func(i *linkvet.Invitation) {
				i.Message = "Hi Dana, I have been following what Contoso does."
				i.Shared.Companies = []string{"Contoso"}
				i.Person.Experience = []linkvet.Position{{Title: "Analyst", Company: "Contoso", Start: "2015-01", End: "2024-12"}}
			},
			forbidden: phrasings("Contoso", question("mentioned_new")),
			wanted:    phrasings("Contoso", question("mentioned")),
		},
		{
			name: "newcomer to what the note mentions", cat: linkvet.IndustryPeer,
			edit: func(i *linkvet.Invitation) {
				i.Message = "Hi Dana, I saw your post on Kafka."
				i.Person.Experience = []linkvet.Position{{Title: "Kafka Engineer", Company: "Acme", Start: "2026-08"}}
			},
			wanted: phrasings("Kafka", question("mentioned_new")),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := false
			for _, lang := range draftLanguages {
				for i := range 40 {
					inv := incoming(fmt.Sprintf("rel-%s-%d", lang, i), "Jane Doe", "")
					inv.Shared = linkvet.Shared{}
					inv.Person.Skills, inv.Person.Industry, inv.Person.Location = nil, "", ""
					inv.SentAt = &sent
					tt.edit(inv)
					for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ask} {
						d := Drafts(inv, langVerdict(a, tt.cat, lang), testMe)
						text := allText(d)
						for _, f := range tt.forbidden {
							if strings.Contains(text, f) {
								t.Errorf("%s: %q in %q", lang, f, text)
							}
						}
						for _, w := range tt.wanted {
							seen = seen || strings.Contains(text, w)
						}
					}
				}
			}
			if len(tt.wanted) > 0 && !seen {
				t.Errorf("never used any of %q", tt.wanted[:3])
			}
		})
	}
}
