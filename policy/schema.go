package policy

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/linkvet/linkvet"
)

// kind is the shape of a key's value.
type kind int

const (
	kText    kind = iota // one line of text
	kInt                 // a whole number in [lo, hi]
	kBool                // true or false
	kList                // a list of text
	kSection             // a mapping of more keys
	kRules               // the rules list (rules.go)
)

// key is one key of the policy file. The schema below is the only place a
// key is declared: loading, validation, did-you-mean suggestions, printing,
// Default, the `me` object of the rule language and the test that holds the
// documentation to the code all walk it.
type key struct {
	name string
	kind kind
	// doc says what the key means, in a few words; the printed policy
	// carries it as a comment.
	doc string
	// def is the default as written in YAML ("" = empty); Default applies it.
	def string
	// optional keys are printed only when set (the me section).
	optional bool
	// lo and hi bound a kInt.
	lo, hi int
	// choices are the values a kText accepts (lower case); none = any.
	choices []string
	// check validates and normalizes one text value or list entry; it
	// reports its own problems and returns ok=false to drop the value.
	check func(l *loader, at node, path, v string) (string, bool)
	// after runs once the key's value is set, for warnings about a value
	// that is valid but probably not meant.
	after func(l *loader, at node, path string, p *Policy)
	// unique lists warn about an entry given twice.
	unique bool
	// cel names the field of the rule language's `me` object (me keys only).
	cel  bool
	keys []*key // kSection

	// Exactly one accessor is set, matching kind.
	text func(*Policy) *string
	num  func(*Policy) *int
	flag func(*Policy) *bool
	list func(*Policy) *[]string
}

func text(name, def, doc string, field func(*Policy) *string) *key {
	return &key{name: name, kind: kText, def: def, doc: doc, text: field}
}

func num(name string, def, lo, hi int, doc string, field func(*Policy) *int) *key {
	return &key{name: name, kind: kInt, def: strconv.Itoa(def), lo: lo, hi: hi, doc: doc, num: field}
}

func flag(name string, def bool, doc string, field func(*Policy) *bool) *key {
	return &key{name: name, kind: kBool, def: strconv.FormatBool(def), doc: doc, flag: field}
}

func list(name, doc string, field func(*Policy) *[]string) *key {
	return &key{name: name, kind: kList, doc: doc, list: field}
}

func section(name, doc string, keys ...*key) *key {
	return &key{name: name, kind: kSection, doc: doc, keys: keys}
}

// with applies changes to a key in the table's own expression.
func (k *key) with(f func(k *key)) *key { f(k); return k }

// meText and meList are the keys of the me section: optional, and visible
// to rules as me.<key>.
func meText(name, doc string, field func(*Policy) *string) *key {
	return text(name, "", doc, field).with(func(k *key) { k.optional, k.cel = true, true })
}

func meList(name, doc string, field func(*Policy) *[]string) *key {
	return list(name, doc, field).with(func(k *key) { k.optional, k.cel = true, true })
}

// schema is the policy file, in the order of the docs and of the printed
// policy. It is read-only.
var schema = []*key{
	section("me", "who you are: common ground is measured against this",
		meText("name", "your name", func(p *Policy) *string { return &p.Me.Name }),
		meText("headline", "your LinkedIn headline", func(p *Policy) *string { return &p.Me.Headline }),
		meList("industries", "industries you work in", func(p *Policy) *[]string { return &p.Me.Industries }),
		meList("interests", "topics you care about", func(p *Policy) *[]string { return &p.Me.Interests }),
		meList("companies", "current and former employers", func(p *Policy) *[]string { return &p.Me.Companies }),
		meList("schools", "schools you attended", func(p *Policy) *[]string { return &p.Me.Schools }),
		meText("location", "where you live or work", func(p *Policy) *string { return &p.Me.Location }),
		meList("skills", "your skills", func(p *Policy) *[]string { return &p.Me.Skills }),
		meList("languages", "languages you read and write (BCP 47 tags such as en, es); drafts use the first unless the note's language is listed",
			func(p *Policy) *[]string { return &p.Me.Languages }).with(func(k *key) { k.check, k.unique = checkLanguage, true }),
	),
	text("style", string(DefaultStyle), "open, balanced or curated: how readily a stranger gets in",
		func(p *Policy) *string { return (*string)(&p.Style) }).with(func(k *key) {
		k.choices = []string{string(linkvet.Open), string(linkvet.Balanced), string(linkvet.Curated)}
	}),
	num("min_mutual", DefaultMinMutual, 0, maxCount, "fewer mutual connections than this counts against a stranger",
		func(p *Policy) *int { return &p.MinMutual }),
	list("competitors", "companies whose people get a closer look", func(p *Policy) *[]string { return &p.Competitors }),
	list("known", "people you know: profile URLs or e-mail addresses", func(p *Policy) *[]string { return &p.Known }).
		with(func(k *key) { k.check = checkPerson }),
	list("blocked", "people never to connect with: profile URLs or e-mail addresses", func(p *Policy) *[]string { return &p.Blocked }).
		with(func(k *key) { k.check = checkPerson }),
	list("disqualify", "phrases or emoji that disqualify a stranger (headline, about, note)", func(p *Policy) *[]string { return &p.Disqualify }).
		with(func(k *key) { k.check = checkPhrase }),
	flag("disqualify_promoted_connection_count", false, `disqualify "30K+ connections", LION, open networker`,
		func(p *Policy) *bool { return &p.DisqualifyPromotedConnectionCount }),
	flag("decline_controversial", false, "decline strangers whose profile is mostly politics, religion or controversy",
		func(p *Policy) *bool { return &p.DeclineControversial }),
	text("time_zone", DefaultTimeZone, "IANA zone for the dates you see (Local = this computer's)",
		func(p *Policy) *string { return &p.TimeZone }).with(func(k *key) { k.check = checkTimeZone }),
	section("outreach", "your own invitations",
		num("note_limit", DefaultNoteLimit, 1, maxCount, "characters per invitation note (200 on a free account)",
			func(p *Policy) *int { return &p.Outreach.NoteLimit }),
		flag("free_account", false, "a free LinkedIn account: shorter notes, fewer of them",
			func(p *Policy) *bool { return &p.Outreach.FreeAccount }),
		num("weekly_invites", DefaultWeeklyInvites, 0, maxCount, "invitations to send per week at most",
			func(p *Policy) *int { return &p.Outreach.WeeklyInvites }),
		num("monthly_notes", DefaultMonthlyNotes, 0, maxCount, "personalized notes per month (free accounts)",
			func(p *Policy) *int { return &p.Outreach.MonthlyNotes }),
		num("withdraw_after_days", DefaultWithdrawAfterDays, 0, maxDays, "suggest withdrawing an unanswered invitation after this; 0 = never",
			func(p *Policy) *int { return &p.Outreach.WithdrawAfterDays }),
		// At least 21: LinkedIn refuses a new invitation to the same person
		// for about three weeks after a withdrawal, and a shorter wait would
		// have linkvet suggest what LinkedIn refuses.
		num("reinvite_after_withdraw_days", DefaultReinviteAfterWithdrawDays, DefaultReinviteAfterWithdrawDays, maxDays, "wait this long before inviting someone again after a withdrawal (at least 21)",
			func(p *Policy) *int { return &p.Outreach.ReinviteAfterWithdrawDays }),
	),
	section("follow_up", "messages after connecting",
		num("after_days", DefaultFollowUpAfterDays, 0, maxDays, "suggest a first message this long after connecting",
			func(p *Policy) *int { return &p.FollowUp.AfterDays }),
		num("remove_after_silence_days", DefaultRemoveAfterSilenceDays, 0, maxDays, "suggest removing a new connection that never answered; 0 = never",
			func(p *Policy) *int { return &p.FollowUp.RemoveAfterSilenceDays }),
		num("stale_after_days", DefaultStaleAfterDays, 0, maxDays, "a known person not heard from for this long is stale; 0 = never",
			func(p *Policy) *int { return &p.FollowUp.StaleAfterDays }),
	),
	section("learning", "adjusting to your recorded decisions",
		flag("enabled", true, "let your decisions adjust the verdicts",
			func(p *Policy) *bool { return &p.Learning.Enabled }),
		num("min_decisions", DefaultMinDecisions, 0, maxCount, "decisions needed before anything is learned",
			func(p *Policy) *int { return &p.Learning.MinDecisions }),
	),
	{name: "rules", kind: kRules, doc: "your own rules in CEL; see rules.md"},
}

// ruleKeys are the keys of one rule. Rules are loaded by rules.go, which
// needs the name first and checks the keys together; the table gives the
// names, the docs and the suggestions.
var ruleKeys = []*key{
	{name: "name", kind: kText, doc: "required, unique; verdicts name the rule with it"},
	{name: "when", kind: kText, doc: "required: the condition, a CEL expression giving true or false"},
	{name: "points", kind: kInt, lo: -maxPoints, hi: maxPoints, doc: "added to the score when the condition holds"},
	{name: "action", kind: kText, doc: "forces the verdict: accept, ask, ignore, decline or block"},
	{name: "report", kind: kBool, doc: "also suggest reporting the sender"},
	{name: "reason", kind: kText, doc: "shown in the verdict; default: user rule <name>"},
}

// lookup returns the key of keys named name, or nil.
func lookup(keys []*key, name string) *key {
	for _, k := range keys {
		if k.name == name {
			return k
		}
	}
	return nil
}

// keyNames lists the names of keys, for suggestions.
func keyNames(keys []*key) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// walk calls f for every key of the schema with its dotted path.
func walk(keys []*key, prefix string, f func(path string, k *key)) {
	for _, k := range keys {
		path := join(prefix, k.name)
		f(path, k)
		if k.kind == kSection {
			walk(k.keys, path, f)
		}
	}
}

// applyDefaults sets every key of p to its default.
func applyDefaults(p *Policy) {
	walk(schema, "", func(_ string, k *key) {
		switch k.kind {
		case kText:
			*k.text(p) = k.def
		case kInt:
			*k.num(p), _ = strconv.Atoi(k.def)
		case kBool:
			*k.flag(p) = k.def == "true"
		case kList:
			*k.list(p) = nil
		}
	})
	p.Rules = nil
	p.location = time.Local
}

// The checks named by the schema.

func checkTimeZone(l *loader, at node, path, v string) (string, bool) {
	if v == "" {
		return DefaultTimeZone, true
	}
	if _, err := time.LoadLocation(v); err != nil {
		l.problem(at, path, "unknown time zone %q (want an IANA name such as Europe/Berlin, or UTC or Local)", v)
		return "", false
	}
	return v, true
}

// checkLanguage accepts a BCP 47 tag and writes it the canonical way
// ("EN-us" is "en-US"), so that comparing tags is comparing strings.
func checkLanguage(l *loader, at node, path, v string) (string, bool) {
	tag, err := language.Parse(v)
	switch {
	case err != nil:
		l.problem(at, path, "%q is not a language tag (want a BCP 47 tag such as en, es or pt-BR)", v)
		return "", false
	case tag == language.Und:
		l.problem(at, path, "%q names no language (want a BCP 47 tag such as en, es or pt-BR)", v)
		return "", false
	}
	return tag.String(), true
}

func checkPerson(l *loader, at node, path, v string) (string, bool) {
	k := personKey(v)
	if k == "" || !strings.ContainsAny(k, "@/") {
		l.problem(at, path, "%q is neither a profile URL (linkedin.com/in/...) nor an e-mail address", v)
		return "", false
	}
	return v, true
}

func checkPhrase(l *loader, at node, path, v string) (string, bool) {
	if !hasWords(v) {
		l.warn(at, path, "%q holds no letters, digits or emoji once folded, so it never matches", v)
	}
	return v, true
}
