package compose

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/linkvet/linkvet"
)

// noteLanguages are the languages notes must be written and read in: the
// drafts' languages. Adding one is adding notes/TAG.yaml and its lines in
// noteMarkers and lintCases.
var noteLanguages = draftLanguages

// noteMarkers are words every note in a language holds one of, at least.
var noteMarkers = map[string][]string{
	"en": {"i'm", " we ", " your ", " i "},
	"es": {"soy ", " tu ", " en ", " que ", " los dos "},
	"pt": {"sou ", " você", " na ", " que ", " nós "},
	"fr": {"je ", " vous", " votre ", " nous ", " chez "},
	"de": {" ich ", " wir ", " dein", " bei ", " uns "},
	"it": {"sono ", " tuo ", " presso ", " che ", " abbiamo "},
}

// englishLeaks are English words no note in another language may hold.
var englishLeaks = []string{" the ", " you ", " your ", " would ", " glad ", " thanks ", " at ", " and ", " i'm ", " we ", " hi ", " hello "}

func TestNotebooksComplete(t *testing.T) {
	books, err := loadNotebooks(notebookFiles)
	if err != nil {
		t.Fatalf("a notes file is incomplete or does not parse:\n%v", err)
	}
	for _, lang := range noteLanguages {
		if books[lang] == nil {
			t.Errorf("no notes in %q", lang)
		}
	}
	if got := NoteLanguages(); !slices.Equal(got, slices.Sorted(slices.Values(noteLanguages))) {
		t.Errorf("NoteLanguages() = %v, want the tested %v (add a test line for a new language)", got, noteLanguages)
	}
}

func TestParseNotebookRejects(t *testing.T) {
	en, err := notebookFiles.ReadFile("notes/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, file, old, new, want string }{
		{"tag and file differ", "notes/es.yaml", "", "", `tag "en" does not match`},
		{"unknown key", "notes/en.yaml", "tag: en\n", "tag: en\nextra: 1\n", "field extra not found"},
		{"unknown slot", "notes/en.yaml", "we were both at {item}", "we were both at {event}", "slot {event}"},
		{"slot missing", "notes/en.yaml", "we're both members of {item}", "we're both members", "lacks {item}"},
		{"unknown kind", "notes/en.yaml", "    none:", "    nobody: [a, b, c]\n    none:", "note.context.nobody: no such kind"},
		{"missing advice", "notes/en.yaml", "  no_benefit:\n", "  no_benefitx:\n", "advice.no_benefit: missing"},
		{"advice slot", "notes/en.yaml", "The note has {n} exclamation marks.", "The note has {count} exclamation marks.", "slot {count}"},
		{"empty list", "notes/en.yaml", `intro_lead: ["im", "i am"]`, "intro_lead: []", "lint.intro_lead: empty"},
		{"too few greetings", "notes/en.yaml", `named: ["Hi {first},", "Hello {first},", "Hi {first},"]`, `named: ["Hi {first},"]`, "note.greeting.named: 1 phrasings, want 3"},
		{"not yaml", "notes/en.yaml", "tag: en", "tag: [en", "notes notes/en.yaml: yaml"},
	}
	for _, tt := range tests {
		data := string(en)
		if tt.old != "" {
			if !strings.Contains(data, tt.old) {
				t.Fatalf("%s: en.yaml has no %q", tt.name, tt.old)
			}
			data = strings.Replace(data, tt.old, tt.new, 1)
		}
		_, err := parseNotebook(tt.file, []byte(data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestLoadNotebooksNamesTheFile: a broken file is named and left out; the
// others still load, each with English's lists.
func TestLoadNotebooksNamesTheFile(t *testing.T) {
	en, _ := notebookFiles.ReadFile("notes/en.yaml")
	de, _ := notebookFiles.ReadFile("notes/de.yaml")
	fsys := fstest.MapFS{
		"notes/en.yaml": {Data: en},
		"notes/de.yaml": {Data: de},
		"notes/xx.yaml": {Data: []byte("tag: xx\n")},
	}
	books, err := loadNotebooks(fsys)
	if err == nil || !strings.Contains(err.Error(), "notes/xx.yaml") {
		t.Fatalf("err = %v, want notes/xx.yaml named", err)
	}
	if books["en"] == nil || books["de"] == nil || books["xx"] != nil {
		t.Fatalf("loaded %v", slices.Sorted(func(yield func(string) bool) {
			for k := range books {
				if !yield(k) {
					return
				}
			}
		}))
	}
	// German notes read English words too ("let's swap notes").
	if !books["de"].m.benefit.Any([]string{"swap"}) {
		t.Error("German lint lists lack English's")
	}
	delete(fsys, "notes/en.yaml")
	if _, err := loadNotebooks(fsys); err == nil || !strings.Contains(err.Error(), "notes/en.yaml: missing") {
		t.Errorf("no English: err = %v", err)
	}
}

// recipient is someone to write to, greeted by a title the note must skip.
func recipient(id string) *linkvet.Invitation {
	return &linkvet.Invitation{
		ID:          id,
		Direction:   linkvet.Outgoing,
		Person:      linkvet.Person{Name: "Capitán Roberto Díaz", Company: "Acme", Skills: []string{"Kafka", "Flink"}},
		MutualNames: []string{"Jo Park"},
		Shared:      linkvet.Shared{Groups: []string{"Kafka Users Berlin"}, Events: []string{"Berlin Data Meetup, Nov 2026"}},
	}
}

func TestComposePerLanguage(t *testing.T) {
	shapes := []struct {
		name string
		edit func(*linkvet.Invitation)
	}{
		{"shared group and event", func(*linkvet.Invitation) {}},
		{"nothing shared", func(i *linkvet.Invitation) { i.Shared, i.MutualNames = linkvet.Shared{}, nil }},
		{"mutual only", func(i *linkvet.Invitation) { i.Shared = linkvet.Shared{} }},
		{"school", func(i *linkvet.Invitation) {
			i.Shared, i.MutualNames = linkvet.Shared{Schools: []string{"TU Berlin"}}, nil
		}},
		{"met", func(i *linkvet.Invitation) {
			i.Shared, i.MutualNames = linkvet.Shared{}, nil
			i.Interactions = []string{linkvet.MetInPerson}
		}},
		{"no company", func(i *linkvet.Invitation) { i.Person.Company, i.Person.Skills = "", nil }},
	}
	for _, lang := range noteLanguages {
		for _, sh := range shapes {
			t.Run(lang+"/"+sh.name, func(t *testing.T) {
				distinct := map[string]bool{}
				for i := range 12 {
					to := recipient(fmt.Sprintf("out-%s-%d", lang, i))
					sh.edit(to)
					reason := ""
					for _, limit := range []int{0, FreeLimit, 120} {
						lim := limit
						if lim == 0 {
							lim = DefaultLimit
						}
						notes := ComposeIn(lang, to, testMe, reason, limit)
						if limit == 0 && len(notes) < 3 {
							t.Errorf("%d notes, want 3+: %q", len(notes), notes)
						}
						if len(notes) == 0 {
							t.Fatalf("limit %d: no note", limit)
						}
						if again := ComposeIn(lang, to, testMe, reason, limit); !slices.Equal(notes, again) {
							t.Fatalf("not deterministic:\n%q\n%q", notes, again)
						}
						for _, n := range notes {
							distinct[n] = true
							checkNote(t, lang, n, to, lim)
						}
					}
				}
				if len(distinct) < 6 {
					t.Errorf("only %d distinct notes", len(distinct))
				}
			})
		}
	}
}

// checkNote asserts what every composed note must be, in any language.
func checkNote(t *testing.T, lang, n string, to *linkvet.Invitation, limit int) {
	t.Helper()
	if Length(n) > limit {
		t.Errorf("%d characters, limit %d: %q", Length(n), limit, n)
	}
	if !strings.Contains(n, "Roberto") || strings.Contains(n, "Capit") || strings.Contains(n, "Díaz") {
		t.Errorf("not greeted as Roberto: %q", n)
	}
	if strings.ContainsAny(n, "{}") || strings.Contains(n, "  ") || strings.Contains(n, "..") || strings.Contains(n, " ,") {
		t.Errorf("slot or spacing left: %q", n)
	}
	if !strings.HasSuffix(n, ".") && !strings.HasSuffix(n, "!") && !strings.HasSuffix(n, "?") {
		t.Errorf("does not end a sentence: %q", n)
	}
	r := LintIn(lang, n, to, testMe, limit)
	if !r.OK || r.Language != lang {
		t.Errorf("lint in %s: %q: ok %v, language %q, %+v", lang, n, r.OK, r.Language, r.Findings)
	}
	if limit == DefaultLimit && r.Score < 80 {
		t.Errorf("scores %d: %q %+v", r.Score, n, r.Findings)
	}
	low := " " + strings.ToLower(strings.NewReplacer(".", " ", ",", " ", "!", " ", ";", " ").Replace(n)) + " "
	found := false
	for _, m := range noteMarkers[lang] {
		found = found || strings.Contains(low, m)
	}
	if !found {
		t.Errorf("does not read as %s: %q", lang, n)
	}
	if lang != "en" {
		for _, en := range englishLeaks {
			if strings.Contains(low, en) {
				t.Errorf("English %q in a %s note: %q", en, lang, n)
			}
		}
	}
}

// TestComposeKeepsTheReasonInAnyLanguage: the user's reason is kept as
// written, after a greeting that runs on or one that ends a sentence.
func TestComposeKeepsTheReasonInAnyLanguage(t *testing.T) {
	reasons := map[string]string{
		"en": "I'm organising a stream processing meetup in March.",
		"es": "Estoy organizando un encuentro sobre datos en marzo.",
		"pt": "Estou organizando um encontro sobre dados em março.",
		"fr": "J'organise une rencontre autour des données en mars.",
		"de": "Ich organisiere im März ein Treffen zu Datenströmen.",
		"it": "Sto organizzando un incontro sui dati a marzo.",
	}
	for _, lang := range noteLanguages {
		reason := reasons[lang]
		body := reason[strings.Index(reason, " "):]
		for _, limit := range []int{0, FreeLimit} {
			notes := ComposeIn(lang, recipient("r-"+lang), testMe, reason, limit)
			if len(notes) == 0 {
				t.Fatalf("%s: no notes", lang)
			}
			for _, n := range notes {
				if !strings.Contains(n, strings.TrimSuffix(body, ".")) {
					t.Errorf("%s: drops the reason: %q", lang, n)
				}
				if strings.Contains(n, ", "+reason[:1]) && reason[:1] != "I" {
					t.Errorf("%s: a capital after the greeting's comma: %q", lang, n)
				}
			}
		}
	}
}

// TestComposeNames: people are greeted as they use their names, in every
// language: titles skipped, surname-first turned round, compound given
// names whole.
func TestComposeNames(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Dr. Ingrid Müller", "Ingrid"},
		{"de la Vega, Carmen", "Carmen"},
		{"María José García", "María José"},
		{"JOÃO SILVA", "João"},
	} {
		for _, lang := range noteLanguages {
			to := &linkvet.Invitation{ID: "n", Person: linkvet.Person{Name: tt.name, Company: "Acme"}}
			for _, n := range ComposeIn(lang, to, testMe, "", 0) {
				if !strings.Contains(n, " "+tt.want) || strings.Contains(n, "Dr") || strings.Contains(n, "SILVA") {
					t.Errorf("%s, %q: %q lacks %q", lang, tt.name, n, tt.want)
				}
			}
		}
	}
}

func TestNoteLanguage(t *testing.T) {
	brazilian := &linkvet.Invitation{Person: linkvet.Person{Name: "Luana Costa",
		About: "Engenheira de dados apaixonada por sistemas distribuídos. Trabalho há oito anos com pipelines de streaming e gosto de ensinar o que aprendo."}}
	german := &linkvet.Invitation{Person: linkvet.Person{Name: "Jonas Weber",
		Headline: "Softwareentwickler bei Contoso", About: "Ich baue seit zehn Jahren Datenplattformen und freue mich über jeden Austausch zu verteilten Systemen."}}
	wrote := &linkvet.Invitation{Direction: linkvet.Incoming, Message: "Hola Dana, nos conocimos en la conferencia de datos de Madrid y me gustaría seguir en contacto contigo.",
		Person: linkvet.Person{Name: "Carmen Vega"}}
	mine := &linkvet.Invitation{Direction: linkvet.Outgoing, Message: "Hola Carmen, nos conocimos en la conferencia de datos de Madrid y me gustaría seguir en contacto contigo.",
		Person: linkvet.Person{Name: "Carmen Vega"}}
	tests := []struct {
		name     string
		explicit string
		to       *linkvet.Invitation
		langs    []string
		want     string
	}{
		{"explicit wins", "fr", brazilian, []string{"pt", "en"}, "fr"},
		{"explicit region", "pt-BR", nil, nil, "pt"},
		{"explicit underscore and case", "DE_at", nil, nil, "de"},
		{"explicit unknown: automatic", "nl", brazilian, []string{"en", "pt"}, "pt"},
		{"their language, which the user speaks", "", brazilian, []string{"en", "pt-BR"}, "pt"},
		{"their language, the user does not speak it", "", brazilian, []string{"de", "en"}, "de"},
		{"German profile", "", german, []string{"en", "de"}, "de"},
		{"the note they sent", "", wrote, []string{"en", "es"}, "es"},
		{"the user's own draft is not theirs", "", mine, []string{"en", "es"}, "en"},
		{"nothing known: the user's first", "", nil, []string{"it", "en"}, "it"},
		{"a first language without notes", "", nil, []string{"nl", "fr"}, "fr"},
		{"nothing at all", "", nil, nil, "en"},
	}
	for _, tt := range tests {
		if got := NoteLanguage(tt.explicit, tt.to, linkvet.Me{Languages: tt.langs}); got != tt.want {
			t.Errorf("%s: NoteLanguage(%q, ..., %v) = %q, want %q", tt.name, tt.explicit, tt.langs, got, tt.want)
		}
	}
	// Compose follows it: a Portuguese speaker writing to a Brazilian.
	me := testMe
	me.Languages = []string{"en", "pt"}
	for _, n := range Compose(brazilian, me, "", 0) {
		if !strings.Contains(n, "Luana") || !strings.Contains(strings.ToLower(n), "sou dana") {
			t.Errorf("not a Portuguese note to Luana: %q", n)
		}
	}
}

func TestMatchNoteLanguage(t *testing.T) {
	for in, want := range map[string]string{"es": "es", "es-MX": "es", "PT_br": "pt", " it ": "it", "nl": "", "": "", "e": "", "en-GB": "en"} {
		if got := MatchNoteLanguage(in); got != want {
			t.Errorf("MatchNoteLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseNotebook: any file either is refused with an error or gives a
// complete notebook that composes and lints without a panic. The seeds are
// whole notebooks (about 11 KB), which makes the fuzzer's minimising of a
// new input slow; run it as
//
//	go test -run '^$' -fuzz FuzzParseNotebook -fuzztime 15s -fuzzminimizetime 200x ./compose
func FuzzParseNotebook(f *testing.F) {
	for _, lang := range noteLanguages {
		data, err := notebookFiles.ReadFile("notes/" + lang + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add("notes/"+lang+".yaml", data)
	}
	f.Add("notes/en.yaml", []byte("tag: en\nnote: {greeting: {named: ['{first']}}\n"))
	f.Add("notes/x.yaml", []byte("tag: x\nadvice: {empty: {message: '{', fix: '}'}}\n"))
	f.Add("notes/en.yaml", []byte("\x00\xff: [&a [*a]]"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		nb, err := parseNotebook(name, data)
		if err != nil {
			if nb != nil {
				t.Fatal("a notebook with an error")
			}
			return
		}
		// Accepted: complete, and usable without a panic.
		if len(nb.Note.Greeting.Named) < 3 || len(nb.Advice) != len(adviceSlots) {
			t.Fatalf("accepted an incomplete notebook: %+v", nb)
		}
		nb.m = buildMatchers(nb, nil)
		c := composeParts{nb: nb, f: &facts{first: "Ana", company: "Acme", topic: "Kafka"}, me: testMe, reason: "Hi.",
			myName: "Dana", myRole: nb.role("Engineer at Northwind"), myCompany: "Northwind"}
		for v := range composeTemplates {
			pl := c.template(v)
			_ = pl.fit(FreeLimit)
		}
		_ = lintIn(nb, "Hi Ana, I'm Dana from Acme; let's swap notes.", nil, testMe, 0)
	})
}

// TestWithoutNotebooks: should en.yaml ever fail to load, Compose and Lint
// still answer (English greetings, rule names as advice) instead of
// panicking.
func TestWithoutNotebooks(t *testing.T) {
	nb := emptyNotebook()
	c := composeParts{nb: nb, f: &facts{first: "Ana"}, me: testMe, reason: "We met at the Leeds meetup.", myName: "Dana"}
	for v := range composeTemplates {
		pl := c.template(v)
		if s := pl.fit(DefaultLimit); s != "" && !strings.HasPrefix(s, "Hi Ana") && !strings.HasPrefix(s, "Hello Ana") {
			t.Errorf("template %d: %q", v, s)
		}
	}
	r := lintIn(nb, "", nil, testMe, 0)
	if r.OK || len(r.Findings) != 1 || r.Findings[0].Message == "" {
		t.Errorf("empty note: %+v", r)
	}
}
