package compose

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/linkvet/linkvet/fold"
)

// A notebook is one language's material for the user's own invitation
// notes: the clauses Compose builds a note from, the word lists Lint reads
// a note with, and the advice Lint gives. One YAML file per language in
// notes/, embedded and parsed on first use; adding a language is adding its
// file (and its line in the tests). Nothing is translated at run time.
//
// Slots: {first} (the person's name in a greeting), {name}, {role},
// {company} and {a} (English "a"/"an" before the role) in the user's
// introduction, {item} (what both share), {topic} and {company} (the
// person's skill and employer) in the specific sentence and the benefit,
// and the figures of the advice ({length}, {over}, {limit}, {quote},
// {caps}, {words}, {total}, {run}, {n}).
type notebook struct {
	Tag  string `yaml:"tag"`
	Name string `yaml:"name"`
	Note struct {
		Greeting struct {
			Named   []string `yaml:"named"`   // "Hi {first},"
			Neutral []string `yaml:"neutral"` // when no usable name is known
		} `yaml:"greeting"`
		// LowerAfterGreeting are words that lose their capital when a
		// sentence follows a greeting's comma ("Hi Jane, we ..."); any
		// other capitalised word may be a name, and the greeting then
		// ends with a full stop instead.
		LowerAfterGreeting []string `yaml:"lower_after_greeting"`
		// KeepAfterGreeting are words that follow the comma with their
		// capital ("Hi Jane, I'm ...").
		KeepAfterGreeting []string `yaml:"keep_after_greeting"`
		JoinAnd           string   `yaml:"join_and"` // ", and "
		JoinSo            string   `yaml:"join_so"`  // ", so "
		// At are the words a headline puts between a title and an
		// employer ("Engineer at Acme"); RoleAtCompany says it again in
		// this language.
		At            []string `yaml:"at"`
		RoleAtCompany string   `yaml:"role_at_company"`
		Intro         struct {
			NameRole    string `yaml:"name_role"`    // {name}, {role}
			NameCompany string `yaml:"name_company"` // {name}, {company}
			Name        string `yaml:"name"`         // {name}
			Role        string `yaml:"role"`         // {role}, {a}
			Company     string `yaml:"company"`      // {company}
		} `yaml:"intro"`
		Context  map[string][]string `yaml:"context"` // by hook kind name
		Specific struct {
			TopicCompany []struct {
				Full  string `yaml:"full"`
				Short string `yaml:"short"` // without the topic
			} `yaml:"topic_company"`
			Company []string `yaml:"company"`
			Topic   []string `yaml:"topic"`
		} `yaml:"specific"`
		Benefit struct {
			Topic []string `yaml:"topic"`
			Plain []string `yaml:"plain"`
			Short string   `yaml:"short"`
		} `yaml:"benefit"`
	} `yaml:"note"`
	Lint struct {
		// GreetingWords open a segment that is a bare greeting or a
		// sign-off rather than a sentence ("Hi Jane!", "Best, Dana").
		GreetingWords []string `yaml:"greeting_words"`
		// NameLead are the words a name follows in a greeting or sign-off.
		NameLead []string `yaml:"name_lead"`
		// Abbreviations end with a dot that does not end a sentence.
		Abbreviations []string `yaml:"abbreviations"`
		// CommonCapitalised are capitalised words that name nothing
		// specific (days, months, "LinkedIn").
		CommonCapitalised []string `yaml:"common_capitalised"`
		// CapitalisedNouns: every noun has a capital (German), so only
		// camel-cased words and acronyms count as proper nouns.
		CapitalisedNouns bool     `yaml:"capitalised_nouns"`
		Intro            []string `yaml:"intro"`
		// IntroLead are phrases ("I'm", "ich bin") that introduce the
		// sender unless a word of NotIntroAfter follows ("I'm curious").
		IntroLead     []string `yaml:"intro_lead"`
		NotIntroAfter []string `yaml:"not_intro_after"`
		Context       []string `yaml:"context"`
		Benefit       []string `yaml:"benefit"`
		Sales         []string `yaml:"sales"`
		Favour        []string `yaml:"favour"`
		Flattery      []string `yaml:"flattery"`
		JobTitles     []string `yaml:"job_titles"`
		Years         []string `yaml:"years"` // "years" after a number
	} `yaml:"lint"`
	Advice map[string]advice `yaml:"advice"`

	m *noteMatchers // built at load, with English merged in
}

// advice is a finding's text: what is wrong and how to fix it.
type advice struct {
	Message string `yaml:"message"`
	Fix     string `yaml:"fix"`
}

// noteMatchers are a notebook's lint lists, folded and ready.
type noteMatchers struct {
	intro, context, benefit, sales, favour, flattery *fold.Matcher
	introLead                                        [][]string
	notIntroAfter, jobTitles, years, lower, keep     map[string]bool
}

// contextKinds are the keys of note.context: the kinds of common ground a
// composed note can name.
var contextKinds = []string{"met", "event", "group", "interest", "company", "school", "mutual", "engaged", "industry", "location", "none"}

// adviceSlots are the advice keys and the slots each may use.
var adviceSlots = map[string][]string{
	"empty":                 nil,
	"greeting_only":         nil,
	"too_long":              {"{length}", "{over}", "{limit}"},
	"placeholder":           {"{quote}"},
	"default_text_linkedin": nil,
	"default_text_connect":  nil,
	"default_text_phrase":   nil,
	"link":                  {"{quote}"},
	"sales_pitch":           {"{quote}"},
	"asks_favour":           {"{quote}"},
	"shouting":              {"{caps}", "{words}"},
	"emoji":                 {"{total}", "{run}"},
	"exclamation":           {"{n}"},
	"generic_flattery":      {"{quote}"},
	"sentences_many":        {"{n}"},
	"sentences_three":       nil,
	"career_history":        {"{n}"},
	"no_intro":              nil,
	"no_context":            nil,
	"not_specific":          nil,
	"no_benefit":            nil,
}

//go:embed notes/*.yaml
var notebookFiles embed.FS

// noteBooks holds every language's notebook by tag, parsed on first use and
// never written after. A file that does not parse or misses a part is a bug
// caught by TestNotebooksComplete; it is left out here (notes then fall
// back to English) rather than stopping the program.
var noteBooks = sync.OnceValue(func() map[string]*notebook {
	books, _ := loadNotebooks(notebookFiles)
	return books
})

// lintSets are the word sets every language contributes to, for the rules
// that do not know the note's language: sentence counting and names.
type lintSets struct {
	greeting, nameLead, abbreviations, commonCapitalised map[string]bool
}

var lintWords = sync.OnceValue(func() *lintSets {
	s := &lintSets{greeting: map[string]bool{}, nameLead: map[string]bool{}, abbreviations: map[string]bool{}, commonCapitalised: map[string]bool{}}
	for _, nb := range noteBooks() {
		addFolded(s.greeting, nb.Lint.GreetingWords)
		addFolded(s.nameLead, nb.Lint.NameLead)
		addFolded(s.abbreviations, nb.Lint.Abbreviations)
		addFolded(s.commonCapitalised, nb.Lint.CommonCapitalised)
	}
	return s
})

func addFolded(set map[string]bool, words []string) {
	for _, w := range words {
		set[fold.String(w)] = true
	}
}

// loadNotebooks parses every notes/*.yaml file; it returns those that are
// complete, each with English's lint lists merged into its own (notes mix
// in English words, and English is always known), and an error naming each
// file that is not complete.
func loadNotebooks(fsys fs.FS) (map[string]*notebook, error) {
	books, problems := loadBooks(fsys, "notes/*.yaml", func(name string, data []byte) (*notebook, string, error) {
		nb, err := parseNotebook(name, data)
		if err != nil {
			return nil, "", err
		}
		return nb, nb.Tag, nil
	})
	for _, nb := range books {
		nb.m = buildMatchers(nb, books["en"])
	}
	if books["en"] == nil {
		problems = append(problems, "notes/en.yaml: missing; English is the fallback of every note")
	}
	if len(problems) > 0 {
		return books, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return books, nil
}

// parseNotebook reads one file and checks it is complete: every clause and
// list present, every slot known and where it belongs, every advice given.
func parseNotebook(name string, data []byte) (*notebook, error) {
	var nb notebook
	if err := decodeBook("notes", name, data, &nb, func() string { return nb.Tag }); err != nil {
		return nil, err
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	slotted := func(key, p string, needed bool, slots ...string) {
		if strings.TrimSpace(p) == "" {
			bad("%s: empty", key)
			return
		}
		if s := badSlot(p, slots); s != "" {
			bad("%s: %q: slot %s is not one of %v", key, p, s, slots)
		}
		if needed {
			for _, s := range slots {
				if s != "{a}" && !strings.Contains(p, s) {
					bad("%s: %q lacks %s", key, p, s)
				}
			}
		}
	}
	list := func(key string, l []string, min int, needed bool, slots ...string) {
		if len(l) < min {
			bad("%s: %d phrasings, want %d or more", key, len(l), min)
		}
		for i, p := range l {
			slotted(fmt.Sprintf("%s[%d]", key, i), p, needed, slots...)
		}
	}
	words := func(key string, l []string) {
		if len(l) == 0 {
			bad("%s: empty, want one word or phrase or more", key)
		}
		for i, w := range l {
			if len(fold.Fields(w)) == 0 {
				bad("%s[%d]: %q has no word", key, i, w)
			}
		}
	}
	n := &nb.Note
	list("note.greeting.named", n.Greeting.Named, 3, true, "{first}")
	list("note.greeting.neutral", n.Greeting.Neutral, 3, false)
	words("note.lower_after_greeting", n.LowerAfterGreeting)
	slotted("note.join_and", n.JoinAnd, false)
	slotted("note.join_so", n.JoinSo, false)
	if len(n.At) == 0 {
		bad("note.at: empty, want the word for \"at\" between a title and an employer")
	}
	for i, w := range n.At {
		if strings.TrimSpace(w) == "" || strings.Contains(strings.TrimSpace(w), " ") {
			bad("note.at[%d]: %q is not one word", i, w)
		}
	}
	slotted("note.role_at_company", n.RoleAtCompany, true, "{role}", "{company}")
	slotted("note.intro.name_role", n.Intro.NameRole, true, "{name}", "{role}")
	slotted("note.intro.name_company", n.Intro.NameCompany, true, "{name}", "{company}")
	slotted("note.intro.name", n.Intro.Name, true, "{name}")
	slotted("note.intro.role", n.Intro.Role, true, "{role}", "{a}")
	slotted("note.intro.company", n.Intro.Company, true, "{company}")
	for _, k := range contextKinds {
		if k == "met" || k == "engaged" || k == "none" {
			list("note.context."+k, n.Context[k], 3, false)
		} else {
			list("note.context."+k, n.Context[k], 3, true, "{item}")
		}
	}
	for k := range n.Context {
		if !contains(contextKinds, k) {
			bad("note.context.%s: no such kind (want one of %v)", k, contextKinds)
		}
	}
	if len(n.Specific.TopicCompany) < 3 {
		bad("note.specific.topic_company: %d phrasings, want 3 or more", len(n.Specific.TopicCompany))
	}
	for i, tc := range n.Specific.TopicCompany {
		slotted(fmt.Sprintf("note.specific.topic_company[%d].full", i), tc.Full, true, "{topic}", "{company}")
		slotted(fmt.Sprintf("note.specific.topic_company[%d].short", i), tc.Short, true, "{company}")
	}
	list("note.specific.company", n.Specific.Company, 3, true, "{company}")
	list("note.specific.topic", n.Specific.Topic, 1, true, "{topic}")
	list("note.benefit.topic", n.Benefit.Topic, 3, true, "{topic}")
	list("note.benefit.plain", n.Benefit.Plain, 3, false)
	slotted("note.benefit.short", n.Benefit.Short, false)

	l := &nb.Lint
	words("lint.greeting_words", l.GreetingWords)
	words("lint.name_lead", l.NameLead)
	words("lint.intro", l.Intro)
	words("lint.intro_lead", l.IntroLead)
	words("lint.context", l.Context)
	words("lint.benefit", l.Benefit)
	words("lint.sales", l.Sales)
	words("lint.favour", l.Favour)
	words("lint.flattery", l.Flattery)
	for key, slots := range adviceSlots {
		a, ok := nb.Advice[key]
		if !ok {
			bad("advice.%s: missing", key)
			continue
		}
		slotted("advice."+key+".message", a.Message, false, slots...)
		slotted("advice."+key+".fix", a.Fix, false, slots...)
	}
	for key := range nb.Advice {
		if _, ok := adviceSlots[key]; !ok {
			bad("advice.%s: no such advice", key)
		}
	}
	if err := bookProblems("notes", name, problems); err != nil {
		return nil, err
	}
	return &nb, nil
}

// buildMatchers folds a notebook's lint lists, with English's added (nil
// en: its own only).
func buildMatchers(nb, en *notebook) *noteMatchers {
	both := func(get func(*notebook) []string) []string {
		out := append([]string(nil), get(nb)...)
		if en != nil && en != nb {
			out = append(out, get(en)...)
		}
		return out
	}
	set := func(l []string) map[string]bool {
		m := make(map[string]bool, len(l))
		addFolded(m, l)
		return m
	}
	m := &noteMatchers{
		intro:         fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Intro })),
		context:       fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Context })),
		benefit:       fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Benefit })),
		sales:         fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Sales })),
		favour:        fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Favour })),
		flattery:      fold.NewMatcher(both(func(b *notebook) []string { return b.Lint.Flattery })),
		notIntroAfter: set(both(func(b *notebook) []string { return b.Lint.NotIntroAfter })),
		jobTitles:     set(both(func(b *notebook) []string { return b.Lint.JobTitles })),
		years:         set(both(func(b *notebook) []string { return b.Lint.Years })),
		lower:         set(nb.Note.LowerAfterGreeting),
		keep:          set(nb.Note.KeepAfterGreeting),
	}
	for _, p := range both(func(b *notebook) []string { return b.Lint.IntroLead }) {
		if seq := fold.Fields(p); len(seq) > 0 {
			m.introLead = append(m.introLead, seq)
		}
	}
	return m
}

// notebookFor returns the notebook for a BCP 47 tag, matching on the
// primary subtag too ("pt-BR" gets pt), or nil.
func notebookFor(tag string) *notebook { return taggedBook(noteBooks(), tag) }

// english is the fallback notebook. Should en.yaml ever fail to load (a
// bug TestNotebooksComplete catches), an empty one keeps Compose and Lint
// working: they write nothing and advise in rule names.
func english() *notebook {
	if nb := noteBooks()["en"]; nb != nil {
		return nb
	}
	return emptyNotebook()
}

var emptyNotebook = sync.OnceValue(func() *notebook {
	nb := &notebook{Tag: "en"}
	nb.m = buildMatchers(nb, nil)
	return nb
})

// NoteLanguages lists the languages Compose writes and Lint reads notes
// in, sorted (BCP 47 tags).
func NoteLanguages() []string { return bookTags(noteBooks()) }

// MatchNoteLanguage returns the language notes are written in for tag (a
// BCP 47 tag, case and "_" forgiven, matched on its primary subtag too:
// "pt-BR" is "pt"), or "" when there is none.
func MatchNoteLanguage(tag string) string {
	if nb := notebookFor(tag); nb != nil {
		return nb.Tag
	}
	return ""
}

// say fills an advice text's slots.
func (nb *notebook) say(key string, slots ...string) advice {
	a, ok := nb.Advice[key]
	if !ok {
		a, ok = english().Advice[key]
	}
	if !ok {
		return advice{Message: key, Fix: key}
	}
	if len(slots) > 0 {
		r := strings.NewReplacer(slots...)
		a.Message, a.Fix = r.Replace(a.Message), r.Replace(a.Fix)
	}
	return a
}

// NoteLanguageName is the language's own name for itself ("português"),
// for a language notes are written in, or "".
func NoteLanguageName(tag string) string {
	if nb := notebookFor(tag); nb != nil {
		if nb.Name != "" {
			return nb.Name
		}
		return nb.Tag
	}
	return ""
}
