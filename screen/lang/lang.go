// Package lang holds linkvet's vocabularies: one embedded YAML file per
// language (en.yaml, es.yaml, ...), each filling the same lexicon families
// (intro, reason, pitch, investment scam, ...). Adding a language is adding
// one file here plus its test corpus; no Go code names a language.
//
// A file looks like this (every family optional, phrases in any case; they
// are folded before matching, so accents and styled letters need not be
// spelled twice):
//
//	tag: es            # BCP 47
//	name: español
//	families:
//	  intro: [soy, me llamo, trabajo en]          # a list: weight 1
//	  investment:                                 # weight: phrases
//	    3: [rentabilidad garantizada]
//	    2: [ingresos pasivos]
//
// Weights are the scam-evidence weights the engine documents: 3 is enough
// on its own, 2 needs one more sign, 1 only adds to others. Families that
// are plain lists carry weight 1.
//
// Language-neutral lists (URL shorteners, chat-app hosts, famous names)
// live in und.yaml (the tag "und", undetermined).
package lang

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Family names one lexicon. The engine knows what each means; a file that
// names any other family is refused, so a typo cannot silently drop words.
type Family string

// The families every language file may fill.
const (
	RecruiterTitles Family = "recruiter_titles" // the sender hires for others
	SalesTitles     Family = "sales_titles"     // the sender's job is selling
	Pitch           Family = "pitch"            // unsolicited selling in a note
	MassInvite      Family = "mass_invite"      // an invitation sent to everyone with a title
	Investment      Family = "investment"       // promised returns, crypto and forex schemes (weighted)
	Crypto          Family = "crypto"           // weak on their own: only add to other scam evidence
	Romance         Family = "romance"          // dating-style approaches (weighted)
	AdvanceFee      Family = "advance_fee"      // fees before a job, inheritances, lotteries (weighted)
	Phishing        Family = "phishing"         // account alarms, credential requests (weighted)
	OffPlatform     Family = "off_platform"     // pushes to move the talk off LinkedIn (weighted)
	Urgency         Family = "urgency"          // pressure to act before thinking (weighted)
	PromotedCount   Family = "promoted_count"   // headlines advertising network size
	Controversy     Family = "controversy"      // political or religious self-descriptions
	Parody          Family = "parody"           // accounts that say they are not who they name
	Intro           Family = "intro"            // the sender says who they are
	Reason          Family = "reason"           // the sender says why they connect
	KeepInTouch     Family = "keep_in_touch"    // a note from someone the user met or worked with
	Introduce       Family = "introduce"        // the sender offers an introduction
	Career          Family = "career"           // a job or career opportunity
	Learn           Family = "learn"            // the sender wants to learn from the user
	Mistake         Family = "mistake"          // an invitation sent by mistake
	CareerHistory   Family = "career_history"   // words of a work history ("worked at", "formerly")
	SharedGround    Family = "shared_ground"    // the note points at something in common ("same school", "we both")
	GenericTitles   Family = "generic_titles"   // headlines that say nothing about a real job
	StockInvitation Family = "stock_invitation" // LinkedIn's default invitation sentences in this language
	Greeting        Family = "greeting"         // words that open a note before a name ("hi", "hola")
	LostAccount     Family = "lost_account"     // "my old account was hacked / locked" (impersonation)
	FamousNames     Family = "famous_names"     // names fake accounts borrow (und.yaml)
	FreeMailDomains Family = "free_mail_domains"
	Shorteners      Family = "shorteners"
	ChatLinks       Family = "chat_links"     // wa.me, t.me, ...
	ChatApps        Family = "chat_apps"      // WhatsApp, Telegram, Signal, ... in any script or spelling
	RiskyTLDs       Family = "risky_tlds"     // top-level domains favoured by throwaway sites
	TrustedBrands   Family = "trusted_brands" // names look-alike domains imitate
	Currencies      Family = "currencies"     // currency codes and names, for amounts of money (und.yaml)
	Periods         Family = "periods"        // day, week, month: money promised per period (und.yaml)
	Addressees      Family = "addressees"     // "Hi team", "Dear Sir": forms of address that are not a name
)

// Families lists every family, in the order the files are documented.
var Families = []Family{
	RecruiterTitles, SalesTitles, Pitch, MassInvite, Investment, Crypto, Romance,
	AdvanceFee, Phishing, OffPlatform, Urgency, PromotedCount, Controversy, Parody,
	Intro, Reason, KeepInTouch, Introduce, Career, Learn, Mistake, CareerHistory,
	SharedGround, GenericTitles, StockInvitation, Greeting, LostAccount,
	FamousNames, FreeMailDomains, Shorteners, ChatLinks, ChatApps, RiskyTLDs, TrustedBrands,
	Currencies, Periods, Addressees,
}

// Entry is one phrase and its weight.
type Entry struct {
	Phrase string
	Weight int
}

// Vocabulary is one language's file.
type Vocabulary struct {
	Tag      string // BCP 47, "und" for the language-neutral file
	Name     string // the language's own name for itself
	Families map[Family][]Entry
}

// Phrases returns the phrases of one family, without weights.
func (v *Vocabulary) Phrases(f Family) []string {
	es := v.Families[f]
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Phrase
	}
	return out
}

//go:embed *.yaml
var files embed.FS

// Load parses every embedded vocabulary, sorted by tag ("und" first). It
// returns fresh values on each call: callers compile what they need once
// (the engine does so per Engine) and nothing here is shared or mutable.
func Load() ([]*Vocabulary, error) {
	names, err := fs.Glob(files, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list vocabularies: %w", err)
	}
	var out []*Vocabulary
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read vocabulary %s: %w", name, err)
		}
		v, err := Parse(name, data)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Tag == "und") != (out[j].Tag == "und") {
			return out[i].Tag == "und"
		}
		return out[i].Tag < out[j].Tag
	})
	return out, nil
}

type fileShape struct {
	Tag      string               `yaml:"tag"`
	Name     string               `yaml:"name"`
	Families map[string]yaml.Node `yaml:"families"`
}

// Parse reads one vocabulary file. name is used in errors and must be
// TAG.yaml, so that the file name and the tag inside cannot disagree.
func Parse(name string, data []byte) (*Vocabulary, error) {
	var f fileShape
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("vocabulary %s: %w", name, err)
	}
	if f.Tag == "" || strings.TrimSuffix(path.Base(name), ".yaml") != f.Tag {
		return nil, fmt.Errorf("vocabulary %s: tag %q does not match the file name", name, f.Tag)
	}
	known := make(map[Family]bool, len(Families))
	for _, k := range Families {
		known[k] = true
	}
	v := &Vocabulary{Tag: f.Tag, Name: f.Name, Families: make(map[Family][]Entry, len(f.Families))}
	for key, node := range f.Families {
		fam := Family(key)
		if !known[fam] {
			return nil, fmt.Errorf("vocabulary %s:%d: unknown family %q", name, node.Line, key)
		}
		entries, err := parseFamily(&node)
		if err != nil {
			return nil, fmt.Errorf("vocabulary %s:%d: family %s: %w", name, node.Line, key, err)
		}
		v.Families[fam] = entries
	}
	return v, nil
}

func parseFamily(n *yaml.Node) ([]Entry, error) {
	switch n.Kind {
	case yaml.SequenceNode:
		var ps []string
		if err := n.Decode(&ps); err != nil {
			return nil, err
		}
		return entries(ps, 1)
	case yaml.MappingNode:
		var byWeight map[int][]string
		if err := n.Decode(&byWeight); err != nil {
			return nil, fmt.Errorf("want weight: [phrases]: %w", err)
		}
		weights := make([]int, 0, len(byWeight))
		for w := range byWeight {
			if w < 1 || w > 3 {
				return nil, fmt.Errorf("weight %d is not 1, 2 or 3", w)
			}
			weights = append(weights, w)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(weights)))
		var out []Entry
		for _, w := range weights {
			es, err := entries(byWeight[w], w)
			if err != nil {
				return nil, err
			}
			out = append(out, es...)
		}
		return out, nil
	}
	return nil, fmt.Errorf("want a list of phrases or weight: [phrases]")
}

func entries(ps []string, w int) ([]Entry, error) {
	out := make([]Entry, 0, len(ps))
	for _, p := range ps {
		if strings.TrimSpace(p) == "" {
			return nil, fmt.Errorf("empty phrase")
		}
		out = append(out, Entry{Phrase: p, Weight: w})
	}
	return out, nil
}
