package policy

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestRuleCostCheckedAtLoad checks that a rule that must exceed the cost
// limit is refused when the policy is read, with its position, rather
// than failing on every invitation.
func TestRuleCostCheckedAtLoad(t *testing.T) {
	ten := "[1,2,3,4,5,6,7,8,9,10]"
	tests := []struct{ name, when, want string }{
		{"nested maps always cost too much (static estimate)",
			ten + ".map(a, " + ten + ".map(b, " + ten + ".map(c, " + ten + ".map(d, " + ten + ".map(e, a+b+c+d+e))))).size() > 0",
			"always does more work than one invitation may cost"},
		{"nested loops over literals (trial run)",
			ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, " + ten + ".all(e, " + ten + ".all(f, a+b+c+d+e+f > 0))))))",
			"even for an invitation with nothing in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "style: open\nrules:\n  - name: heavy\n    points: 1\n    when: '" + tt.when + "'\n"
			_, err := Load([]byte(src), "p.yaml")
			msg := linkvet.ErrorMessage(err)
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.HasPrefix(msg, `p.yaml:5:11: rules[0].when (rule "heavy" at line 3): `) || !strings.Contains(msg, tt.want) {
				t.Errorf("Load: %v\nwant p.yaml:5:11 ... %s", err, tt.want)
			}
		})
	}
	// A rule whose cost depends on the invitation is fine at load; it is
	// stopped on the one invitation that makes it too costly.
	r := loadRule(t, `inv.person.about.split(" ").all(a, inv.person.about.split(" ").all(b, a + b != ""))`)
	inv := alex()
	inv.Person.About = strings.Repeat("word ", 2000)
	if _, err := r.Match(&RuleInput{Invitation: inv, Now: now}); linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("Match on a long about text: %v, want ELIMIT", err)
	}
	if ok, err := r.Match(&RuleInput{Invitation: alex(), Now: now}); !ok || err != nil {
		t.Errorf("Match on a short about text: %v, %v", ok, err)
	}
}

// TestOldNames checks that a rule written with the flat names of earlier
// versions is an error naming the new spelling, and that Upgrade reads it.
func TestOldNames(t *testing.T) {
	src := "rules:\n  - name: r\n    points: 1\n    when: mutual < 3 && has_phrase(headline, 'guru') && inv.person.skills.exists(name, name == 'Go') && \"x\" in shared_schools\n"
	_, err := Load([]byte(src), "p.yaml")
	msg := linkvet.ErrorMessage(err)
	for _, want := range []string{
		`p.yaml:4:11: rules[0].when (rule "r" at line 2): at 1:1 of the expression: undeclared reference to 'mutual' (rules now read the invitation through objects: write inv.mutual_connections)`,
		`p.yaml:4:36: rules[0].when (rule "r" at line 2): at 1:26 of the expression: undeclared reference to 'headline' (rules now read the invitation through objects: write inv.person.headline)`,
		`undeclared reference to 'shared_schools' (rules now read the invitation through objects: write inv.shared.schools)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message\n%s\nlacks\n%s", msg, want)
		}
	}
	if strings.Contains(msg, "'name'") {
		t.Errorf("a comprehension variable called name was taken for the old name:\n%s", msg)
	}
	p, err := Parse([]byte(src), "p.yaml", Options{Upgrade: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `inv.mutual_connections < 3 && has_phrase(inv.person.headline, 'guru') && inv.person.skills.exists(name, name == 'Go') && "x" in inv.shared.schools`
	if p.Rules[0].When != want {
		t.Errorf("upgraded to\n%s\nwant\n%s", p.Rules[0].When, want)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "p.yaml:4: rules[0].when (rule \"r\" at line 2): written with the names of an earlier linkvet; read as: "+want) {
		t.Errorf("warnings %q", p.Warnings)
	}
	if q, err := Parse(p.YAML(), "p.yaml", Options{Strict: true}); err != nil || q.Rules[0].When != want {
		t.Errorf("the upgraded policy prints to text that does not read back: %v", err)
	}
	// Upgrade changes nothing else: a real mistake stays an error.
	if _, err := Parse([]byte("rules:\n  - {name: r, points: 1, when: 'mutual < nope'}\n"), "p.yaml", Options{Upgrade: true}); !strings.Contains(linkvet.ErrorMessage(err), "undeclared reference to 'nope'") {
		t.Errorf("Upgrade of a broken rule: %v", err)
	}
}

func TestFieldHints(t *testing.T) {
	for when, want := range map[string]string{
		`inv.person.headlin == ""`: "undefined field 'headlin' (did you mean headline?)",
		`inv.mutual < 3`:           "undefined field 'mutual'",
		`invitation.note == ""`:    "undeclared reference to 'invitation'",
		`verdict.categry == ""`:    "(did you mean category?)",
		`person.headline == ""`:    "undeclared reference to 'person' (did you mean inv.person?)",
		`languages[0] == "en"`:     "undeclared reference to 'languages' (did you mean me.languages?)",
		`mutal < 3`:                "undeclared reference to 'mutal' (did you mean inv.mutual_connections?)",
	} {
		_, err := Load([]byte("rules:\n  - {name: r, points: 1, when: '"+when+"'}\n"), "p.yaml")
		if !strings.Contains(linkvet.ErrorMessage(err), want) {
			t.Errorf("%s: %v\nwant %s", when, err, want)
		}
	}
}

// TestMeInRules checks that rules see the me section, and the me the
// engine passes when it runs with another one.
func TestMeInRules(t *testing.T) {
	p, err := Load([]byte(`me:
  name: Dana
  companies: [Acme]
  languages: [de, en]
rules:
  - name: colleague
    points: 5
    when: inv.person.company in me.companies && me.languages[0] == "de" && me.name == "Dana" && size(me.schools) == 0
`), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := p.Rules[0]
	if ok, err := r.Match(&RuleInput{Invitation: alex(), Now: now}); !ok || err != nil {
		t.Errorf("Match = %v, %v; want true", ok, err)
	}
	other := linkvet.Me{Name: "Dana", Companies: []string{"Fabrikam"}, Languages: []string{"de"}}
	if ok, err := r.Match(&RuleInput{Invitation: alex(), Now: now, Me: &other}); ok || err != nil {
		t.Errorf("Match with another me = %v, %v; want false", ok, err)
	}
}

// TestRuleInputShared checks what the rules of one invitation share: the
// score is read live, and a RuleInput given another invitation does not
// see the values of the last one.
func TestRuleInputShared(t *testing.T) {
	p, err := Load([]byte(`rules:
  - {name: a, points: 1, when: 'verdict.score > 10'}
  - {name: b, points: 1, when: 'inv.person.name == "Alex Kim"'}
`), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := &RuleInput{Invitation: alex(), Score: 5, Now: now}
	if ok, _ := p.Rules[0].Match(in); ok {
		t.Error("score 5 > 10")
	}
	in.Score = 11
	if ok, _ := p.Rules[0].Match(in); !ok {
		t.Error("the score changed between rules and the rule did not see it")
	}
	if ok, _ := p.Rules[1].Match(in); !ok {
		t.Error("name of the first invitation")
	}
	in.Invitation = &linkvet.Invitation{Person: linkvet.Person{Name: "Jo"}}
	if ok, _ := p.Rules[1].Match(in); ok {
		t.Error("the rule saw the name of the previous invitation")
	}
}

// TestLargeValues checks that a rule run untracked because its cost is
// bounded gives the same answer, tracked and limited, on an invitation
// larger than its bound.
func TestLargeValues(t *testing.T) {
	r := loadRule(t, `has_phrase(inv.person.about, "needle") || inv.person.about.contains("zzz")`)
	if r.fast == nil {
		t.Fatal("a bounded rule was not planned untracked")
	}
	inv := alex()
	inv.Person.About = strings.Repeat("hay ", maxText) + "needle"
	ok, err := r.Match(&RuleInput{Invitation: inv, Now: now})
	if !ok || err != nil {
		t.Errorf("Match on a long text = %v, %v; want true", ok, err)
	}
	contains := loadRule(t, `inv.person.about.contains("zzzzzzzzzz")`)
	inv.Person.About = strings.Repeat("hay ", RuleCostLimit*10/4+100)
	if _, err := contains.Match(&RuleInput{Invitation: inv, Now: now}); linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("Match on a text over the cost limit: %v, want ELIMIT", err)
	}
	if _, err := r.Match(&RuleInput{Invitation: inv, Now: now}); linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("has_phrase on a text over the cost limit: %v, want ELIMIT", err)
	}
	list := loadRule(t, `has_phrase(inv.person.skills, "go")`)
	inv = alex()
	for i := range maxList + 1 {
		inv.Person.Skills = append(inv.Person.Skills, "skill "+strings.Repeat("x", i%7))
	}
	inv.Person.Skills = append(inv.Person.Skills, "Go")
	if ok, err := list.Match(&RuleInput{Invitation: inv, Now: now}); !ok || err != nil {
		t.Errorf("Match on a long list = %v, %v; want true", ok, err)
	}
}

// FuzzUpgradeWhen checks the rewriting of old names: it never panics, what
// it writes parses, and it is done in one pass (upgrading the result
// changes nothing more).
func FuzzUpgradeWhen(f *testing.F) {
	for _, s := range []string{
		"mutual < 3 && !has_note",
		`inv.person.skills.exists(name, name == headline) && "x" in shared_schools`,
		`has_phrase(headline, "Ä") && "é" == about`,
		`[name, {note: score}].size() > 0`,
		"mutual >",
		"",
	} {
		f.Add(s)
	}
	env, err := newEnv()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		out, changed := upgradeWhen(env, expr)
		if !changed {
			if out != expr {
				t.Fatalf("unchanged, yet %q became %q", expr, out)
			}
			return
		}
		if _, iss := env.Parse(out); iss.Err() != nil {
			t.Fatalf("%q became %q, which does not parse: %v", expr, out, iss.Err())
		}
		if again, changed := upgradeWhen(env, out); changed {
			t.Fatalf("%q became %q, then %q", expr, out, again)
		}
	})
}

func TestSlotsFit(t *testing.T) {
	if slots > maxSlots {
		t.Fatalf("the objects have %d cached fields; raise maxSlots (%d)", slots, maxSlots)
	}
}

// TestPrintedComments checks that the printed policy explains each key
// with the table's words.
func TestPrintedComments(t *testing.T) {
	out := string(Default().YAML())
	walk(schema, "", func(path string, k *key) {
		if k.optional {
			return
		}
		if !strings.Contains(out, k.name+":") || !strings.Contains(out, "# "+k.doc) {
			t.Errorf("YAML() lacks %s with the comment %q", path, k.doc)
		}
	})
}

func TestUpgradeOldFile(t *testing.T) {
	if _, err := ParseFile("testdata/old-names.yaml", Options{}); !strings.Contains(linkvet.ErrorMessage(err), "write verdict.category") {
		t.Errorf("old names read without Upgrade: %v", err)
	}
	old, err := ParseFile("testdata/old-names.yaml", Options{Upgrade: true, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	example, err := LoadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(old.Rules) != len(example.Rules) {
		t.Fatalf("%d rules, want %d", len(old.Rules), len(example.Rules))
	}
	for i, r := range old.Rules {
		if want := example.Rules[i].When; r.When != want {
			t.Errorf("rule %d upgraded to\n%s\nwant\n%s", i, r.When, want)
		}
	}
	if len(old.Warnings) != 2 {
		t.Errorf("warnings %q, want one per upgraded rule", old.Warnings)
	}
}
