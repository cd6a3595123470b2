package policy

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// nested writes value under the dotted key path, one level per line, and
// returns the YAML and the line the value is on.
func nested(path, value string) (string, int) {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(strings.Repeat("  ", i) + p + ":")
		if i < len(parts)-1 {
			b.WriteString("\n")
		}
	}
	b.WriteString(" " + value + "\n")
	return b.String(), len(parts)
}

// TestEveryKeyValidates gives every key of the schema a value of the wrong
// kind and checks that the message names the file, the line and the key.
func TestEveryKeyValidates(t *testing.T) {
	wrong := map[kind]struct{ value, says string }{
		kText:    {"[a, b]", "want text, got a list"},
		kInt:     {"many", `want a whole number, got "many"`},
		kBool:    {"maybe", `want true or false, got "maybe"`},
		kList:    {"{a: 1}", "want a list"},
		kSection: {"plain", "want a mapping of keys"},
		kRules:   {"{name: x}", "want a list of rules"},
	}
	n := 0
	walk(schema, "", func(path string, k *key) {
		n++
		w := wrong[k.kind]
		src, line := nested(path, w.value)
		t.Run(path, func(t *testing.T) {
			_, err := Parse([]byte(src), "p.yaml", Options{})
			want := fmt.Sprintf("p.yaml:%d:", line)
			msg := linkvet.ErrorMessage(err)
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.HasPrefix(msg, want) || !strings.Contains(msg, " "+path+": "+w.says) {
				t.Errorf("%q gives\n%v\nwant %s... %s: %s", src, err, want, path, w.says)
			}
		})
	})
	if n < 30 {
		t.Errorf("walked %d keys; the schema has more", n)
	}
}

// TestKeyValues checks the values each key accepts and refuses beyond its
// kind: choices, ranges, time zones, people, languages.
func TestKeyValues(t *testing.T) {
	tests := []struct {
		src  string
		want string // "" = accepted
	}{
		{"style: CURATED\n", ""},
		{"style: wild\n", `p.yaml:1:8: style: unknown style "wild" (want open, balanced or curated)`},
		{"min_mutual: -1\n", "p.yaml:1:13: min_mutual: must not be negative, got -1"},
		{"min_mutual: 1000001\n", "p.yaml:1:13: min_mutual: 1000001 is too large (at most 1000000)"},
		{"min_mutual: " + strings.Repeat("9", 200) + "\n", "min_mutual: want a whole number, got the number 9999999999999999999999999999999999999999... (200 characters)"},
		{"outreach:\n  note_limit: 0\n", "p.yaml:2:15: outreach.note_limit: must be at least 1, got 0"},
		{"outreach:\n  withdraw_after_days: 36501\n", "outreach.withdraw_after_days: 36501 is too large (at most 36500)"},
		{"follow_up:\n  stale_after_days: -3\n", "p.yaml:2:21: follow_up.stale_after_days: must not be negative"},
		{"learning:\n  min_decisions: x\n", `p.yaml:2:18: learning.min_decisions: want a whole number, got "x"`},
		{"time_zone: Europe/Berlin\n", ""},
		{"time_zone: Mars/Olympus\n", `p.yaml:1:12: time_zone: unknown time zone "Mars/Olympus"`},
		{"known: [someone]\n", `p.yaml:1:9: known[0]: "someone" is neither a profile URL`},
		{"blocked: [a@b.example, linkedin.com/in/x]\n", ""},
		{"me:\n  languages: [en, pt-BR, EN-us]\n", ""},
		{"me:\n  languages: [english]\n", `p.yaml:2:15: me.languages[0]: "english" is not a language tag (want a BCP 47 tag such as en, es or pt-BR)`},
		{"me:\n  languages: [en, und]\n", `p.yaml:2:19: me.languages[1]: "und" names no language`},
		{"me:\n  languages: en\n", "p.yaml:2:14: me.languages: want a list"},
		{"me:\n  languages: [[en]]\n", "p.yaml:2:15: me.languages[0]: want text, got a list"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src), "p.yaml", Options{Strict: true})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.src, err)
		case tt.want != "" && !strings.Contains(linkvet.ErrorMessage(err), tt.want):
			t.Errorf("%q: %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestLanguages(t *testing.T) {
	p, err := Load([]byte("me:\n  languages: [EN, pt-br, es, en]\n"), "p.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"en", "pt-BR", "es"}; !slices.Equal(p.Me.Languages, want) {
		t.Errorf("languages = %q, want %q (canonical, each once)", p.Me.Languages, want)
	}
	if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], `p.yaml:2: me.languages[3]: "en" is listed twice`) {
		t.Errorf("warnings = %q", p.Warnings)
	}
	if !strings.Contains(string(p.YAML()), "languages: [en, pt-BR, es]") {
		t.Errorf("YAML() does not print the languages:\n%s", p.YAML())
	}
}

// TestStrict checks that storing a policy refuses unknown keys, with the
// line, the column and the key probably meant, while reading one only
// warns.
func TestStrict(t *testing.T) {
	tests := []struct {
		src, err, warning string
	}{
		{"stlye: open\n", `p.yaml:1:1: stlye: unknown key (did you mean "style"?)`, `p.yaml:1: unknown key "stlye" ignored (did you mean "style"?)`},
		{"me:\n  langauges: [en]\n", `p.yaml:2:3: me.langauges: unknown key (did you mean "me.languages"?)`, `did you mean "me.languages"?`},
		{"weekly_invites: 5\n", `p.yaml:1:1: weekly_invites: unknown key (did you mean "outreach.weekly_invites"? it belongs under outreach:)`, "it belongs under outreach:"},
		{"rules:\n  - name: r\n    points: 1\n    wen: 'true'\n    when: 'true'\n", `p.yaml:4:5: rules[0].wen: unknown key (did you mean "rules[0].when"?)`, `unknown key "rules[0].wen" ignored`},
		{"brand_new: 1\n", "p.yaml:1:1: brand_new: unknown key", `unknown key "brand_new" ignored`},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.src), "p.yaml", Options{Strict: true}); linkvet.ErrorCode(err) != linkvet.EINVALID ||
			!strings.Contains(linkvet.ErrorMessage(err), tt.err) {
			t.Errorf("strict %q: %v\nwant %s", tt.src, err, tt.err)
		}
		p, err := Parse([]byte(tt.src), "p.yaml", Options{})
		if err != nil {
			t.Errorf("lenient %q: %v", tt.src, err)
			continue
		}
		if len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], tt.warning) {
			t.Errorf("lenient %q: warnings %q, want %s", tt.src, p.Warnings, tt.warning)
		}
	}
	// What linkvet prints, linkvet stores: the canonical text is strict-clean.
	example, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(example, "example.yaml", Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(p.YAML(), "canonical.yaml", Options{Strict: true}); err != nil {
		t.Errorf("the canonical text fails the strict parse: %v", err)
	}
}

// docRows returns the first cells of the rows of the markdown tables in
// text, with the rest of each row.
func docRows(text string) map[string][]string {
	rows := map[string][]string{}
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|(.*)\\|$")
	for _, m := range row.FindAllStringSubmatch(text, -1) {
		var cells []string
		for _, c := range strings.Split(m[2], "|") {
			cells = append(cells, strings.TrimSpace(c))
		}
		rows[m[1]] = cells
	}
	return rows
}

func docSection(t *testing.T, path, from, to string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	a := strings.Index(text, from)
	if a < 0 {
		t.Fatalf("%s has no %q", path, from)
	}
	text = text[a:]
	if b := strings.Index(text, to); b > 0 && to != "" {
		text = text[:b]
	}
	return text
}

// TestFormatDocListsEveryKey holds the policy section of docs/format.md to
// the schema: every key documented with its default, every documented key
// real.
func TestFormatDocListsEveryKey(t *testing.T) {
	rows := docRows(docSection(t, "../docs/format.md", "### Every key", "\n## "))
	want := map[string]bool{}
	walk(schema, "", func(path string, k *key) {
		if k.kind == kSection {
			return
		}
		want[path] = true
		cells, ok := rows[path]
		if !ok {
			t.Errorf("docs/format.md does not document %s", path)
			return
		}
		def := "none"
		if k.def != "" {
			def = "`" + k.def + "`"
		}
		if cells[0] != def {
			t.Errorf("docs/format.md gives %s the default %s; it is %s", path, cells[0], def)
		}
	})
	for path := range rows {
		if !want[path] {
			t.Errorf("docs/format.md documents %s, which the policy does not have", path)
		}
	}
}

// TestRulesDocListsEveryName holds rules.md to the rule language: the
// rule keys, and every field of inv, verdict and me with its type.
func TestRulesDocListsEveryName(t *testing.T) {
	keys := docRows(docSection(t, "rules.md", "| key | meaning |", "\n## "))
	for _, k := range ruleKeys {
		if _, ok := keys[k.name]; !ok {
			t.Errorf("rules.md does not document the rule key %s", k.name)
		}
	}
	for name := range keys {
		if lookup(ruleKeys, name) == nil {
			t.Errorf("rules.md documents the rule key %s, which rules do not have", name)
		}
	}
	rows := docRows(docSection(t, "rules.md", "## What a condition can use", "\n## Functions"))
	want := map[string]string{}
	var add func(prefix string, o *object)
	add = func(prefix string, o *object) {
		for _, f := range o.fields {
			if f.obj != nil {
				add(prefix+"."+f.name, f.obj)
			} else {
				want[prefix+"."+f.name] = docType(f.typ)
			}
		}
	}
	for _, r := range roots {
		add(r.name, r.obj)
	}
	for name, typ := range want {
		cells, ok := rows[name]
		if !ok {
			t.Errorf("rules.md does not document %s", name)
		} else if cells[0] != typ {
			t.Errorf("rules.md gives %s the type %s; it is %s", name, cells[0], typ)
		}
	}
	for name := range rows {
		if _, ok := want[name]; !ok {
			t.Errorf("rules.md documents %s, which a rule cannot use", name)
		}
	}
	// The me object is the me section of the policy, key for key.
	for _, k := range lookup(schema, "me").keys {
		if _, ok := want["me."+k.name]; !ok {
			t.Errorf("the policy key me.%s is not visible to rules as me.%s", k.name, k.name)
		}
	}
}
