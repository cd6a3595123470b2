package compose

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// A phrasebook is one language's drafts: every sentence a draft can be
// built from, several phrasings of each, written for that language (never
// translated at run time). One YAML file per language in drafts/, embedded;
// adding a language is adding its file (and its test case in
// TestPhrasebooksComplete). Slots in a phrasing are {first} (the name in a
// greeting), {item} (the common ground a sentence names) and {company}
// (their employer); a phrasing that needs a slot is only used when the
// value is known.
type phrasebook struct {
	Tag      string `yaml:"tag"`
	Name     string `yaml:"name"`
	Greeting struct {
		Named   []string `yaml:"named"`   // "Hi {first},"
		Neutral []string `yaml:"neutral"` // when no usable name is known
	} `yaml:"greeting"`
	Accept struct {
		Open      []string            `yaml:"open"`
		OpenKnown []string            `yaml:"open_known"` // to a known contact
		Close     []string            `yaml:"close"`
		Hook      map[string][]string `yaml:"hook"` // by hook kind name
	} `yaml:"accept"`
	FollowUp struct {
		Open     []string            `yaml:"open"`
		Question map[string][]string `yaml:"question"` // by hook kind name, plus mentioned_new
		Call     []string            `yaml:"call"`
		// CallKnown: the call offered to someone the user already knows
		// (catching up, not getting to know each other); optional.
		CallKnown []string `yaml:"call_known"`
	} `yaml:"follow_up"`
	Ask struct {
		Open              []string `yaml:"open"`
		ContextNone       []string `yaml:"context_none"`
		ContextMentioned  []string `yaml:"context_mentioned"`
		ContextShared     []string `yaml:"context_shared"`
		ContextColleague  []string `yaml:"context_colleague"`
		Question          []string `yaml:"question"`
		QuestionRecruiter []string `yaml:"question_recruiter"`
		Door              []string `yaml:"door"`
	} `yaml:"ask"`
	Decline struct {
		Open      []string            `yaml:"open"`
		Reason    map[string][]string `yaml:"reason"` // default, competitor, salesperson, recruiter
		Door      []string            `yaml:"door"`   // "" is a phrasing too: no door
		Wish      []string            `yaml:"wish"`   // with {company}
		WishPlain []string            `yaml:"wish_plain"`
	} `yaml:"decline"`
}

// hookNames are the keys of accept.hook and follow_up.question.
var hookNames = map[hookKind]string{
	hookNone: "none", hookMentioned: "mentioned", hookMet: "met", hookEvent: "event",
	hookGroup: "group", hookInterest: "interest", hookCompany: "company",
	hookColleague: "colleague", hookFormerColleague: "former_colleague", hookTheirsNow: "theirs_now",
	hookSchool: "school", hookMutual: "mutual", hookEngaged: "engaged", hookIndustry: "industry",
	hookLocation: "location", hookTheirCompany: "their_company",
}

// declineReasons are the keys of decline.reason.
var declineReasons = []string{"default", "competitor", "salesperson", "recruiter"}

//go:embed drafts/*.yaml
var phrasebookFiles embed.FS

// phrasebooks holds every language's phrasebook by tag. It is parsed once
// and never written after; a file that does not parse or misses a part is
// a bug caught by TestPhrasebooksComplete, and is left out here (drafts
// then fall back to another language) rather than stopping the program.
var phrasebooks = sync.OnceValue(func() map[string]*phrasebook {
	books, _ := loadPhrasebooks(phrasebookFiles)
	return books
})

// loadPhrasebooks parses every drafts/*.yaml file; it returns those that
// are complete, and an error naming each file that is not.
func loadPhrasebooks(fsys fs.FS) (map[string]*phrasebook, error) {
	books, problems := loadBooks(fsys, "drafts/*.yaml", func(name string, data []byte) (*phrasebook, string, error) {
		pb, err := parsePhrasebook(name, data)
		if err != nil {
			return nil, "", err
		}
		return pb, pb.Tag, nil
	})
	if len(problems) > 0 {
		return books, fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return books, nil
}

// parsePhrasebook reads one file and checks it is complete: every list
// present with two phrasings or more, every slot known and where it
// belongs.
func parsePhrasebook(name string, data []byte) (*phrasebook, error) {
	var pb phrasebook
	if err := decodeBook("drafts", name, data, &pb, func() string { return pb.Tag }); err != nil {
		return nil, err
	}
	var problems []string
	check := func(key string, list []string, slots ...string) {
		if len(list) < 2 {
			problems = append(problems, fmt.Sprintf("%s: %d phrasings, want 2 or more", key, len(list)))
		}
		for _, p := range list {
			if bad := badSlot(p, slots); bad != "" {
				problems = append(problems, fmt.Sprintf("%s: %q: slot %s is not one of %v", key, p, bad, slots))
			}
		}
	}
	needs := func(key string, list []string, slot string) {
		for _, p := range list {
			if !strings.Contains(p, slot) {
				problems = append(problems, fmt.Sprintf("%s: %q lacks %s", key, p, slot))
			}
		}
	}
	check("greeting.named", pb.Greeting.Named, "{first}")
	needs("greeting.named", pb.Greeting.Named, "{first}")
	check("greeting.neutral", pb.Greeting.Neutral)
	check("accept.open", pb.Accept.Open)
	check("accept.open_known", pb.Accept.OpenKnown)
	check("accept.close", pb.Accept.Close)
	check("follow_up.open", pb.FollowUp.Open)
	check("follow_up.call", pb.FollowUp.Call)
	for k, key := range hookNames {
		withItem := hookHasValue(k)
		slots := []string{}
		if withItem {
			slots = []string{"{item}"}
		}
		if k != hookNone {
			check("accept.hook."+key, pb.Accept.Hook[key], slots...)
		}
		check("follow_up.question."+key, pb.FollowUp.Question[key], slots...)
	}
	check("follow_up.question.mentioned_new", pb.FollowUp.Question["mentioned_new"], "{item}")
	for key := range pb.Accept.Hook {
		if !knownHook(key) {
			problems = append(problems, fmt.Sprintf("accept.hook.%s: no such kind", key))
		}
	}
	for key := range pb.FollowUp.Question {
		if !knownHook(key) && key != "mentioned_new" {
			problems = append(problems, fmt.Sprintf("follow_up.question.%s: no such kind", key))
		}
	}
	check("ask.open", pb.Ask.Open)
	check("ask.context_none", pb.Ask.ContextNone)
	check("ask.context_mentioned", pb.Ask.ContextMentioned, "{item}")
	needs("ask.context_mentioned", pb.Ask.ContextMentioned, "{item}")
	check("ask.context_shared", pb.Ask.ContextShared, "{item}")
	needs("ask.context_shared", pb.Ask.ContextShared, "{item}")
	check("ask.context_colleague", pb.Ask.ContextColleague, "{item}")
	check("ask.question", pb.Ask.Question)
	check("ask.question_recruiter", pb.Ask.QuestionRecruiter)
	check("ask.door", pb.Ask.Door)
	check("decline.open", pb.Decline.Open)
	for _, r := range declineReasons {
		check("decline.reason."+r, pb.Decline.Reason[r])
	}
	for key := range pb.Decline.Reason {
		if !contains(declineReasons, key) {
			problems = append(problems, fmt.Sprintf("decline.reason.%s: no such reason", key))
		}
	}
	check("decline.door", pb.Decline.Door)
	check("decline.wish", pb.Decline.Wish, "{company}")
	needs("decline.wish", pb.Decline.Wish, "{company}")
	check("decline.wish_plain", pb.Decline.WishPlain)
	if err := bookProblems("drafts", name, problems); err != nil {
		return nil, err
	}
	return &pb, nil
}

func knownHook(key string) bool {
	for _, name := range hookNames {
		if name == key {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hookHasValue reports whether sentences of kind k name a value ({item}).
func hookHasValue(k hookKind) bool {
	return k != hookNone && k != hookMet && k != hookEngaged
}

// badSlot returns the first {slot} in p that is not in allowed, or "".
func badSlot(p string, allowed []string) string {
	for i := 0; i < len(p); i++ {
		if p[i] != '{' {
			continue
		}
		end := strings.IndexByte(p[i:], '}')
		if end < 0 {
			return p[i:]
		}
		slot := p[i : i+end+1]
		if !contains(allowed, slot) {
			return slot
		}
		i += end
	}
	return ""
}

// fill puts value into every slot of phrasing p.
func fill(p, slot, value string) string {
	return strings.ReplaceAll(p, slot, value)
}

// phrasebookFor returns the phrasebook for a BCP 47 tag, matching on the
// primary subtag when there is none for the whole tag ("es-MX" gets es),
// or nil.
func phrasebookFor(tag string) *phrasebook { return taggedBook(phrasebooks(), tag) }

// normTag lower-cases a tag and writes "es_MX" as "es-mx".
func normTag(tag string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
}

// primary is a tag's language subtag: "es" of "es-mx".
func primary(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return p
}

// DraftsLanguages lists the languages drafts can be written in, sorted.
func DraftsLanguages() []string { return bookTags(phrasebooks()) }
