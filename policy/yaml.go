package policy

import (
	"bytes"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// YAML returns the effective policy, defaults filled in, as a commented
// YAML file that Load reads back to an equal Policy. Warnings are not part
// of it: the keys they were about are gone.
func (p *Policy) YAML() []byte {
	root := &yaml.Node{Kind: yaml.MappingNode}
	root.HeadComment = "linkvet policy: every setting with its effective value, defaults included."

	me := mapping()
	addText(me, "name", p.Me.Name)
	addText(me, "headline", p.Me.Headline)
	addList(me, "industries", p.Me.Industries)
	addList(me, "interests", p.Me.Interests)
	addList(me, "companies", p.Me.Companies)
	addList(me, "schools", p.Me.Schools)
	addText(me, "location", p.Me.Location)
	addList(me, "skills", p.Me.Skills)
	if len(me.Content) == 0 {
		me.Style = yaml.FlowStyle
	}
	add(root, "me", me, "who you are: common ground is measured against this")

	style := p.Style
	if style == "" {
		style = DefaultStyle
	}
	add(root, "style", str(string(style)), "open | balanced | curated")
	add(root, "min_mutual", integer(p.MinMutual), "fewer mutual connections than this counts against a stranger")
	add(root, "competitors", list(p.Competitors), "")
	add(root, "known", list(p.Known), "people you know: profile URLs or e-mail addresses")
	add(root, "blocked", list(p.Blocked), "people never to connect with")
	add(root, "disqualify", list(p.Disqualify), "phrases or emoji that disqualify a stranger")
	add(root, "disqualify_promoted_connection_count", boolean(p.DisqualifyPromotedConnectionCount), "\"30K+ connections\", LION, open networker")
	add(root, "decline_controversial", boolean(p.DeclineControversial), "decline strangers whose profile is mostly politics, religion or controversy")
	tz := p.TimeZone
	if tz == "" {
		tz = DefaultTimeZone
	}
	add(root, "time_zone", str(tz), "")

	o := mapping()
	noteLimit := p.Outreach.NoteLimit
	if noteLimit < 1 { // a Policy built by hand; Load never gives one
		noteLimit = DefaultNoteLimit
		if p.Outreach.FreeAccount {
			noteLimit = DefaultFreeNoteLimit
		}
	}
	add(o, "note_limit", integer(noteLimit), "characters per invitation note")
	add(o, "free_account", boolean(p.Outreach.FreeAccount), "")
	add(o, "weekly_invites", integer(p.Outreach.WeeklyInvites), "")
	add(o, "monthly_notes", integer(p.Outreach.MonthlyNotes), "")
	add(o, "withdraw_after_days", integer(p.Outreach.WithdrawAfterDays), "0 = never suggest withdrawing")
	add(o, "reinvite_after_withdraw_days", integer(p.Outreach.ReinviteAfterWithdrawDays), "")
	add(root, "outreach", o, "your own invitations")

	fu := mapping()
	add(fu, "after_days", integer(p.FollowUp.AfterDays), "")
	add(fu, "remove_after_silence_days", integer(p.FollowUp.RemoveAfterSilenceDays), "0 = never suggest removing")
	add(fu, "stale_after_days", integer(p.FollowUp.StaleAfterDays), "0 = never")
	add(root, "follow_up", fu, "messages after connecting")

	ln := mapping()
	add(ln, "enabled", boolean(p.Learning.Enabled), "")
	add(ln, "min_decisions", integer(p.Learning.MinDecisions), "")
	add(root, "learning", ln, "")

	rules := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range p.Rules {
		rn := mapping()
		addText(rn, "name", r.Name)
		addText(rn, "when", r.When)
		if r.Points != 0 {
			add(rn, "points", integer(r.Points), "")
		}
		if r.Action != "" {
			add(rn, "action", str(string(r.Action)), "")
		}
		if r.Report {
			add(rn, "report", boolean(true), "")
		}
		addText(rn, "reason", r.Reason)
		rules.Content = append(rules.Content, rn)
	}
	if len(rules.Content) == 0 {
		rules.Style = yaml.FlowStyle
	}
	add(root, "rules", rules, "your own rules; see rules.md")

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// The tree is built above from plain strings and numbers, so the
		// encoder has nothing to refuse; say so rather than print half a file.
		return []byte("# linkvet could not print this policy: " + strings.ReplaceAll(err.Error(), "\n", " ") + "\n")
	}
	_ = enc.Close()
	return unescapeAstral(buf.Bytes())
}

var astralEscape = regexp.MustCompile(`\\U([0-9A-Fa-f]{8})`)

// unescapeAstral undoes yaml.v3's escaping of characters outside the Basic
// Multilingual Plane ("\U0001F680"), so that emoji in a disqualify list
// print as themselves. It keeps the escaped text unless the result reads
// back as the same data, so a backslash the user wrote is never changed.
func unescapeAstral(out []byte) []byte {
	if !astralEscape.Match(out) {
		return out
	}
	pretty := astralEscape.ReplaceAllFunc(out, func(m []byte) []byte {
		r, err := strconv.ParseUint(string(m[2:]), 16, 32)
		if err != nil || !utf8.ValidRune(rune(r)) {
			return m
		}
		return utf8.AppendRune(nil, rune(r))
	})
	var a, b any
	if yaml.Unmarshal(out, &a) != nil || yaml.Unmarshal(pretty, &b) != nil || !reflect.DeepEqual(a, b) {
		return out
	}
	return pretty
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, value *yaml.Node, comment string) {
	k := str(key)
	// A comment goes after the value on its line; a block value (a mapping
	// or list on lines of its own) has it after the key instead.
	if value.Kind == yaml.ScalarNode || value.Style == yaml.FlowStyle {
		value.LineComment = comment
	} else {
		k.LineComment = comment
	}
	m.Content = append(m.Content, k, value)
}

func addText(m *yaml.Node, key, value string) {
	if value != "" {
		add(m, key, str(value), "")
	}
}

func addList(m *yaml.Node, key string, values []string) {
	if len(values) > 0 {
		add(m, key, list(values), "")
	}
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func integer(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

// list prints short lists on one line, [a, b], and long ones one entry
// per line.
func list(values []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	width := 0
	for _, v := range values {
		n.Content = append(n.Content, str(v))
		width += len(v) + 2
		if strings.ContainsAny(v, "\n:#,[]{}\"'\\") {
			width += 1000 // would be quoted, or cannot be written in flow style
		}
	}
	if width <= 60 {
		n.Style = yaml.FlowStyle
	}
	return n
}
