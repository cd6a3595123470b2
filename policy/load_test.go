package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func TestLoadEmptyGivesDefaults(t *testing.T) {
	for _, src := range []string{"", "  \n\t\n", "# only a comment\n", "---\n", "~\n", "null"} {
		p, err := Load([]byte(src), "policy.yaml")
		if err != nil {
			t.Fatalf("Load(%q): %v", src, err)
		}
		if !samePolicy(p, Default()) {
			t.Errorf("Load(%q) = %+v, want the defaults", src, p)
		}
	}
}

func TestDefault(t *testing.T) {
	p := Default()
	checks := []struct {
		name      string
		got, want any
	}{
		{"style", p.Style, linkvet.Balanced},
		{"min_mutual", p.MinMutual, 5},
		{"time_zone", p.TimeZone, "Local"},
		{"note_limit", p.Outreach.NoteLimit, 300},
		{"weekly_invites", p.Outreach.WeeklyInvites, 100},
		{"monthly_notes", p.Outreach.MonthlyNotes, 5},
		{"withdraw_after_days", p.Outreach.WithdrawAfterDays, 30},
		{"reinvite_after_withdraw_days", p.Outreach.ReinviteAfterWithdrawDays, 21},
		{"follow_up.after_days", p.FollowUp.AfterDays, 3},
		{"remove_after_silence_days", p.FollowUp.RemoveAfterSilenceDays, 7},
		{"stale_after_days", p.FollowUp.StaleAfterDays, 730},
		{"learning.enabled", p.Learning.Enabled, true},
		{"learning.min_decisions", p.Learning.MinDecisions, 20},
		{"decline_controversial", p.DeclineControversial, false},
		{"disqualify_promoted_connection_count", p.DisqualifyPromotedConnectionCount, false},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("default %s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestLoadExample(t *testing.T) {
	p, err := LoadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) > 0 {
		t.Errorf("warnings for the example: %q", p.Warnings)
	}
	if p.Me.Name != "Dana Weber" || len(p.Me.Interests) != 4 || p.Me.Location != "Berlin, Germany" || !reflect.DeepEqual(p.Me.Languages, []string{"en", "de"}) {
		t.Errorf("me = %+v", p.Me)
	}
	if got := p.Disqualify; !reflect.DeepEqual(got, []string{"thought leader", "visionary", "🚀"}) {
		t.Errorf("disqualify = %q", got)
	}
	if !p.DisqualifyPromotedConnectionCount || p.Style != linkvet.Balanced || p.MinMutual != 5 {
		t.Errorf("policy = %+v", p)
	}
	if len(p.Rules) != 2 {
		t.Fatalf("%d rules, want 2", len(p.Rules))
	}
	r := p.Rules[1]
	if r.Name != "empty-new-account" || r.Action != linkvet.Decline || !r.Report || r.Line != 43 || !strings.HasPrefix(r.When, "inv.person.account_age_months >= 0") {
		t.Errorf("rule = %+v", r)
	}
	if p.Rules[0].Points != 10 || p.Rules[0].Reason != "a recruiter who wrote a personal note" {
		t.Errorf("rule = %+v", p.Rules[0])
	}
	fake := &linkvet.Invitation{Person: linkvet.Person{MemberSince: "2026-10", Photo: linkvet.PhotoGenerated}, MutualConnections: ptr(0)}
	if ok, err := r.Match(&RuleInput{Invitation: fake, Now: now}); !ok || err != nil {
		t.Errorf("example rule on a fake = %v, %v; want true", ok, err)
	}
	if ok, err := r.Match(&RuleInput{Invitation: alex(), Now: now}); ok || err != nil {
		t.Errorf("example rule on Alex = %v, %v; want false", ok, err)
	}
}

func TestLoadValues(t *testing.T) {
	src := `
me:
  name: "  Dana Weber  "
  skills: [Go]
style: Curated
min_mutual: 0
outreach:
  free_account: yes
  weekly_invites: 0x10
follow_up: {remove_after_silence_days: 0}
learning:
  enabled: off
time_zone: Europe/Berlin
defaults: &base
  points: 5
rules:
  - name: merged
    <<: *base
    when: inv.mutual_connections > 10
  - {name: inline, when: "true", action: ASK}
`
	p, err := Load([]byte(src), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"me.name is trimmed", p.Me.Name, "Dana Weber"},
		{"style is case-insensitive", p.Style, linkvet.Curated},
		{"min_mutual may be 0", p.MinMutual, 0},
		{"free accounts default to 200", p.Outreach.NoteLimit, 200},
		{"hex numbers", p.Outreach.WeeklyInvites, 16},
		{"0 means never", p.FollowUp.RemoveAfterSilenceDays, 0},
		{"untouched default", p.FollowUp.AfterDays, 3},
		{"yes/no/on/off", p.Learning.Enabled, false},
		{"time zone", p.Location().String(), "Europe/Berlin"},
		{"merge key", p.Rules[0].Points, 5},
		{"default reason", p.Rules[0].Reason, "user rule merged"},
		{"action is case-insensitive", p.Rules[1].Action, linkvet.Ask},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], `unknown key "defaults"`) {
		t.Errorf("warnings = %q, want one about \"defaults\"", p.Warnings)
	}
}

// TestLoadErrors checks that every kind of mistake is an EINVALID error that
// names the file, the line and column, and the key.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // a line of the message
	}{
		{"syntax", "style: balanced\nmin_mutual: 5\n  bad: indent\n", "policy.yaml:3: invalid YAML: mapping values are not allowed in this context"},
		{"unterminated", "style: balanced\nknown: [a\n", "invalid YAML: did not find expected ',' or ']'"},
		{"tab indentation", "me:\n\tname: x\n", "policy.yaml:2: invalid YAML:"},
		{"not a mapping", "- style\n", "policy.yaml:1:1: a policy is a mapping"},
		{"unknown style", "style: wild\n", `policy.yaml:1:8: style: unknown style "wild" (want open, balanced or curated)`},
		{"style is a list", "style: [open]\n", `policy.yaml:1:8: style: want text, got a list`},
		{"wrong type", "min_mutual: many\n", `policy.yaml:1:13: min_mutual: want a whole number, got "many"`},
		{"float", "min_mutual: 2.5\n", `policy.yaml:1:13: min_mutual: want a whole number, got the number 2.5`},
		{"negative", "min_mutual: -1\n", `policy.yaml:1:13: min_mutual: must not be negative, got -1`},
		{"huge", "min_mutual: 99999999999999999999\n", `policy.yaml:1:13: min_mutual:`},
		{"too large", "follow_up:\n  after_days: 100000\n", `policy.yaml:2:15: follow_up.after_days: 100000 is too large (at most 36500)`},
		{"note limit zero", "outreach: {note_limit: 0}\n", `policy.yaml:1:24: outreach.note_limit: must be at least 1, got 0`},
		{"negative nested", "outreach:\n  weekly_invites: -5\n", `policy.yaml:2:19: outreach.weekly_invites: must not be negative, got -5`},
		{"bool", "decline_controversial: maybe\n", `policy.yaml:1:24: decline_controversial: want true or false, got "maybe"`},
		{"list wanted", "competitors: Contoso\n", `policy.yaml:1:14: competitors: want a list`},
		{"list of mappings", "competitors:\n  - {name: x}\n", `policy.yaml:2:5: competitors[0]: want text, got a mapping`},
		{"section wanted", "me: Dana\n", `policy.yaml:1:5: me: want a mapping of keys`},
		{"duplicate key", "style: open\nmin_mutual: 1\nstyle: curated\n", `policy.yaml:3:1: style: the key appears twice (first at line 1); keep one`},
		{"bad known entry", "known:\n  - Alex Kim\n", `policy.yaml:2:5: known[0]: "Alex Kim" is neither a profile URL`},
		{"bad blocked entry", "blocked: [linkedin.com]\n", `policy.yaml:1:11: blocked[0]: "linkedin.com" is neither`},
		{"time zone", "time_zone: Mars/Olympus\n", `policy.yaml:1:12: time_zone: unknown time zone "Mars/Olympus"`},
		{"rules not a list", "rules: {name: x}\n", `policy.yaml:1:8: rules: want a list of rules`},
		{"rule not a mapping", "rules:\n  - mutual > 3\n", `policy.yaml:2:5: rules[0]: want a rule`},
		{"unknown action", "rules:\n  - name: r\n    when: inv.mutual_connections > 3\n    action: nuke\n",
			`policy.yaml:4:13: rules[0].action (rule "r" at line 2): unknown action "nuke" (want accept, ask, ignore, decline or block)`},
		{"duplicate rule names", "rules:\n  - {name: Gurus, when: 'true', points: 1}\n  - {name: gurus, when: 'true', points: 1}\n",
			`policy.yaml:3:5: rules[1].name (rule "gurus" at line 3): another rule has this name (line 2); rule names must be unique`},
		{"rule without name", "rules:\n  - when: inv.mutual_connections > 3\n    points: 1\n", `policy.yaml:2:5: rules[0].name: missing`},
		{"rule without when", "rules:\n  - name: r\n    points: 1\n", `policy.yaml:2:5: rules[0].when (rule "r" at line 2): missing`},
		{"rule with empty when", "rules:\n  - name: r\n    points: 1\n    when: ''\n", `policy.yaml:4:11: rules[0].when (rule "r" at line 2): empty`},
		{"rule does nothing", "rules:\n  - name: r\n    when: inv.mutual_connections > 3\n", `policy.yaml:2:5: rules[0] (rule "r" at line 2): the rule does nothing`},
		{"rule with 0 points does nothing", "rules:\n  - name: r\n    when: inv.mutual_connections > 3\n    points: 0\n", `the rule does nothing`},
		{"rule points type", "rules:\n  - name: r\n    when: inv.mutual_connections > 3\n    points: lots\n", `policy.yaml:4:13: rules[0].points (rule "r" at line 2): want a whole number, got "lots"`},
		{"cel syntax", "rules:\n  - name: r\n    points: 1\n    when: mutual >> 3\n",
			`policy.yaml:4:19: rules[0].when (rule "r" at line 2): at 1:9 of the expression: Syntax error:`},
		{"cel undeclared", "rules:\n  - name: r\n    points: 1\n    when: has_phrase(headlin, 'x')\n",
			`policy.yaml:4:22: rules[0].when (rule "r" at line 2): at 1:12 of the expression: undeclared reference to 'headlin' (did you mean inv.person.headline?)`},
		{"cel undeclared in a block", "rules:\n  - name: r\n    points: 1\n    when: |\n      inv.mutual_connections > 3 &&\n        bogus_name\n",
			`policy.yaml:6:9: rules[0].when (rule "r" at line 2): at 2:3 of the expression: undeclared reference to 'bogus_name'`},
		{"cel type error", "rules:\n  - name: r\n    points: 1\n    when: 'inv.mutual_connections > \"x\"'\n",
			`policy.yaml:4:35: rules[0].when (rule "r" at line 2): at 1:24 of the expression: found no matching overload for '_>_'`},
		{"cel not bool", "rules:\n  - name: r\n    points: 1\n    when: inv.mutual_connections + 1\n",
			`policy.yaml:4:11: rules[0].when (rule "r" at line 2): the expression gives int, but a condition must give true or false`},
		{"cel list not bool", "rules:\n  - name: r\n    points: 1\n    when: inv.person.skills\n", `the expression gives list(string)`},
		{"points out of range", "rules:\n  - name: r\n    when: 'true'\n    points: -5000000\n", `policy.yaml:4:13: rules[0].points (rule "r" at line 2): must be at least -1000000`},
		{"rule name on two lines", "rules:\n  - {name: \"a\\nb\", when: 'true', points: 1}\n", `policy.yaml:2:5: rules[0].name (rule "a\nb" at line 2): a rule name must be one line`},
		{"merge of a scalar", "me:\n  <<: x\n", `policy.yaml:2:7: me.<<: a merge key takes a mapping`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Load([]byte(tt.src), "policy.yaml")
			if err == nil {
				t.Fatalf("Load succeeded: %+v", p)
			}
			var le *linkvet.Error
			if !errors.As(err, &le) || le.Code != linkvet.EINVALID {
				t.Fatalf("error %T %v, want a *linkvet.Error with code EINVALID", err, err)
			}
			if !strings.Contains(le.Message, tt.want) {
				t.Errorf("message\n%s\ndoes not contain\n%s", le.Message, tt.want)
			}
		})
	}
}

func TestLoadReportsEveryProblemInFileOrder(t *testing.T) {
	src := "rules:\n  - name: r\n    when: nope\n    action: nuke\nstyle: wild\nmin_mutual: -2\n"
	_, err := Load([]byte(src), "p.yaml")
	msg := linkvet.ErrorMessage(err)
	lines := strings.Split(msg, "\n")
	want := []string{"p.yaml:3:11: ", "p.yaml:4:13: ", "p.yaml:5:8: ", "p.yaml:6:13: "}
	if len(lines) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(want), msg)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("problem %d = %q, want it to start with %q", i, lines[i], w)
		}
	}
	_, err = Load([]byte("competitors:\n"+strings.Repeat("  - [x]\n", 50)), "p.yaml")
	if got := strings.Count(linkvet.ErrorMessage(err), "\n") + 1; got != maxProblems+1 || !strings.Contains(linkvet.ErrorMessage(err), "and 30 more problems") {
		t.Errorf("%d lines for 50 problems, want %d and a count of the rest", got, maxProblems+1)
	}
}

func TestLoadWarnings(t *testing.T) {
	src := `stlye: open
disqualify_promoted_connections: true
note_limit: 250
me:
  nmae: Dana
outreach:
  note_limit: 400
  reinvite_after_withdraw_days: 21
rules:
  - name: r
    wehn: x
    when: inv.mutual_connections > 1
    points: 1
known: [dana@example.com]
blocked: [DANA@example.com, ""]
disqualify: ["\u200b"]
totally_new_feature: {a: 1}
---
second: document
`
	p, err := Load([]byte(src), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`policy.yaml:1: unknown key "stlye" ignored (did you mean "style"?)`,
		`policy.yaml:2: unknown key "disqualify_promoted_connections" ignored (did you mean "disqualify_promoted_connection_count"?)`,
		`policy.yaml:3: unknown key "note_limit" ignored (did you mean "outreach.note_limit"? it belongs under outreach:)`,
		`policy.yaml:5: unknown key "me.nmae" ignored (did you mean "me.name"?)`,
		`policy.yaml:7: outreach.note_limit: LinkedIn cuts invitation notes at 300 characters`,
		`policy.yaml:11: unknown key "rules[0].wehn" ignored (did you mean "rules[0].when"?)`,
		`policy.yaml:15: blocked[0]: "DANA@example.com" is also in known; blocked wins`,
		`policy.yaml:15: blocked[1]: empty entry ignored`,
		`policy.yaml:16: disqualify[0]: "\u200b" holds no letters, digits or emoji once folded, so it never matches`,
		`policy.yaml:17: unknown key "totally_new_feature" ignored`,
		`policy.yaml:18: only the first YAML document is read`,
	}
	all := strings.Join(p.Warnings, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("warnings do not contain\n%s\ngot:\n%s", w, all)
		}
	}
	if len(p.Warnings) != len(want) {
		t.Errorf("%d warnings, want %d:\n%s", len(p.Warnings), len(want), all)
	}
	if p.Style != linkvet.Balanced {
		t.Errorf("misspelt style changed the style to %q", p.Style)
	}
}

func TestLoadLimits(t *testing.T) {
	big := make([]byte, MaxFileBytes+1)
	for i := range big {
		big[i] = ' '
	}
	if _, err := Load(big, "big.yaml"); linkvet.ErrorCode(err) != linkvet.ELIMIT || !strings.HasPrefix(linkvet.ErrorMessage(err), "big.yaml: ") {
		t.Errorf("Load of %d bytes: %v, want ELIMIT naming the file", len(big), err)
	}
	rules := "rules:\n" + strings.Repeat("  - {name: r, when: 'true', points: 1}\n", MaxRules+1)
	if _, err := Load([]byte(rules), "p.yaml"); linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("Load of %d rules: %v, want ELIMIT", MaxRules+1, err)
	}
	long := "rules:\n  - name: r\n    points: 1\n    when: '" + strings.Repeat("mutual > 1 && ", MaxRuleWhenBytes/10) + "true'\n"
	if _, err := Load([]byte(long), "p.yaml"); !strings.Contains(linkvet.ErrorMessage(err), "the limit is 8192") {
		t.Errorf("Load of a huge expression: %v", err)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadFile(filepath.Join(dir, "missing.yaml")); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("missing file: %v, want ENOTFOUND", err)
	}
	if _, err := LoadFile(dir); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("directory: %v, want EINVALID", err)
	}
	path := filepath.Join(dir, "policy.yaml")
	if err := os.WriteFile(path, []byte("style: wild\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadFile(path); !strings.HasPrefix(linkvet.ErrorMessage(err), path+":1:8: style:") {
		t.Errorf("bad file: %v, want the path in the message", err)
	}
}

func TestIsKnownAndBlocked(t *testing.T) {
	src := `known:
  - https://www.linkedin.com/in/Alex-Kim/?trk=x
  - mailto:Jo@Example.com
blocked:
  - http://de.linkedin.com/in/troll
`
	p, err := Load([]byte(src), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hand := &Policy{Known: p.Known, Blocked: p.Blocked} // no KnownKeys: built by hand
	tests := []struct {
		name    string
		inv     *linkvet.Invitation
		known   string
		blocked string
	}{
		{"by profile URL", alex(), "https://www.linkedin.com/in/Alex-Kim/?trk=x", ""},
		{"by e-mail", &linkvet.Invitation{Person: linkvet.Person{Emails: []string{"x@y.example", " jo@example.COM "}}}, "mailto:Jo@Example.com", ""},
		{"blocked", &linkvet.Invitation{Person: linkvet.Person{ProfileURL: "linkedin.com/in/troll"}}, "", "http://de.linkedin.com/in/troll"},
		{"stranger", &linkvet.Invitation{Person: linkvet.Person{ProfileURL: "linkedin.com/in/someone", Emails: []string{"not an address"}}}, "", ""},
		{"nothing known", &linkvet.Invitation{}, "", ""},
		{"nil", nil, "", ""},
	}
	for _, tt := range tests {
		for _, pol := range []*Policy{p, hand} {
			ok, entry := pol.IsKnown(tt.inv)
			if ok != (tt.known != "") || entry != tt.known {
				t.Errorf("%s: IsKnown = %v, %q; want %q", tt.name, ok, entry, tt.known)
			}
			ok, entry = pol.IsBlocked(tt.inv)
			if ok != (tt.blocked != "") || entry != tt.blocked {
				t.Errorf("%s: IsBlocked = %v, %q; want %q", tt.name, ok, entry, tt.blocked)
			}
		}
	}
	if !p.KnownKeys["linkedin.com/in/alex-kim"] || !p.KnownKeys["jo@example.com"] || !p.BlockedKeys["linkedin.com/in/troll"] {
		t.Errorf("keys: known %v, blocked %v", p.KnownKeys, p.BlockedKeys)
	}
}

func TestMatchers(t *testing.T) {
	p, err := Load([]byte("disqualify: [thought leader, \"🚀\"]\ncompetitors: [Contoso Data]\n"), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := p.DisqualifyMatcher().FindPhrases(foldFields("𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 🚀")); len(got) != 2 {
		t.Errorf("disqualify found %q, want both phrases", got)
	}
	if !p.CompetitorMatcher().Any(foldFields("Sales at CONTOSO DATA GmbH")) {
		t.Error("competitor not found")
	}
	hand := &Policy{Disqualify: []string{"guru"}}
	if !hand.DisqualifyMatcher().Any(foldFields("Growth Guru")) {
		t.Error("matcher of a hand-built policy does not match")
	}
}

// TestLoadNestedMergesStayLinear guards against "billion laughs": merge
// keys that each pull in ten copies of the previous mapping.
func TestLoadNestedMergesStayLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("x0: &x0 {name: Dana}\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "x%d: &x%d {<<: [%s]}\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d,", i-1), 10), ","))
	}
	b.WriteString("me: {<<: *x30}\n")
	p, err := Load([]byte(b.String()), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Me.Name != "Dana" {
		t.Errorf("me.name = %q, want it merged in", p.Me.Name)
	}
}

func TestLoadWindowsFile(t *testing.T) {
	src := "\ufeffstyle: open\r\nrules:\r\n  - name: r\r\n    points: 1\r\n    when: |\r\n      inv.mutual_connections > 1 &&\r\n      nope\r\n"
	_, err := Load([]byte(src), "policy.yaml")
	if want := `policy.yaml:7:7: rules[0].when (rule "r" at line 3): at 2:1 of the expression: undeclared reference to 'nope'`; !strings.Contains(linkvet.ErrorMessage(err), want) {
		t.Errorf("error %v, want %s", err, want)
	}
	p, err := Load([]byte(strings.ReplaceAll(src, "nope", "inv.has_note")), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p.Style != linkvet.Open || p.Rules[0].When != "inv.mutual_connections > 1 &&\ninv.has_note" {
		t.Errorf("style %q, when %q", p.Style, p.Rules[0].When)
	}
}

// A file that fails still shows its warnings, in file order among the
// errors: a misspelt key would otherwise surface only once the error is
// fixed.
func TestErrorsKeepWarnings(t *testing.T) {
	_, err := Load([]byte("stlye: curated\nmin_mutual: five\n"), "p.yaml")
	if err == nil {
		t.Fatal("a bad min_mutual loaded")
	}
	want := "warning: p.yaml:1: unknown key \"stlye\" ignored (did you mean \"style\"?)\np.yaml:2:13: min_mutual: want a whole number"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error\n%s\nwant it to start with\n%s", err, want)
	}
}

// reinvite_after_withdraw_days has a minimum of 21: less is an error naming
// the key and line, except in a policy stored by an earlier linkvet, which
// keeps loading with the minimum in force.
func TestReinviteMinimum(t *testing.T) {
	src := []byte("outreach: {weekly_invites: 1,\n  reinvite_after_withdraw_days: 5}\n")
	for _, opts := range []Options{{}, {Strict: true}} {
		_, err := Parse(src, "p3.yaml", opts)
		if err == nil || !strings.Contains(err.Error(), "p3.yaml:2:33: outreach.reinvite_after_withdraw_days: must be at least 21, got 5") {
			t.Errorf("strict %v: error %v, want the minimum named with key and line", opts.Strict, err)
		}
	}
	p, err := Parse(src, "the stored policy", Options{Upgrade: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Outreach.ReinviteAfterWithdrawDays != 21 {
		t.Errorf("stored policy with 5: in force %d, want the minimum 21", p.Outreach.ReinviteAfterWithdrawDays)
	}
	if p, err := Load([]byte("outreach: {reinvite_after_withdraw_days: 21}"), "p.yaml"); err != nil || len(p.Warnings) != 0 {
		t.Errorf("21: %v, warnings %q; want it accepted silently", err, p.Warnings)
	}
}
