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

// YAML returns the effective policy, defaults filled in, as the canonical
// commented YAML text: every key of the schema in the schema's order, each
// with its value. Parse reads it back to an equal Policy, so it is what
// `linkvet policy show` prints and what a store keeps. Warnings are not part
// of it: the keys they were about are gone.
func (p *Policy) YAML() []byte {
	root := &yaml.Node{Kind: yaml.MappingNode}
	root.HeadComment = "linkvet policy: every setting with its effective value, defaults included."
	printKeys(root, schema, p)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		// The tree is built from plain strings and numbers, so the encoder
		// has nothing to refuse; say so rather than print half a file.
		return []byte("# linkvet could not print this policy: " + strings.ReplaceAll(err.Error(), "\n", " ") + "\n")
	}
	_ = enc.Close()
	return unescapeAstral(buf.Bytes())
}

// printKeys adds keys of p to mapping m, by the table.
func printKeys(m *yaml.Node, keys []*key, p *Policy) {
	for _, k := range keys {
		var v *yaml.Node
		switch k.kind {
		case kSection:
			v = mapping()
			printKeys(v, k.keys, p)
			if len(v.Content) == 0 {
				v.Style = yaml.FlowStyle
			}
		case kRules:
			v = printRules(p.Rules)
		case kText:
			s := *k.text(p)
			if s == "" && k.optional {
				continue
			}
			if s == "" {
				s = k.def // a Policy built by hand; Parse never leaves one empty
			}
			v = str(s)
		case kInt:
			n := *k.num(p)
			if n < k.lo { // a Policy built by hand
				n = defaultInt(k, p)
			}
			v = integer(n)
		case kBool:
			v = boolean(*k.flag(p))
		case kList:
			if len(*k.list(p)) == 0 && k.optional {
				continue
			}
			v = flowList(*k.list(p))
		}
		comment := k.doc
		if k.optional {
			comment = "" // the me section speaks for itself
		}
		add(m, k.name, v, comment)
	}
}

// defaultInt is the default of an int key, for a hand-built Policy that
// left it out of range.
func defaultInt(k *key, p *Policy) int {
	if k.num(p) == &p.Outreach.NoteLimit && p.Outreach.FreeAccount {
		return DefaultFreeNoteLimit
	}
	n, _ := strconv.Atoi(k.def)
	return n
}

func printRules(rules []*Rule) *yaml.Node {
	out := &yaml.Node{Kind: yaml.SequenceNode}
	for _, r := range rules {
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
		out.Content = append(out.Content, rn)
	}
	if len(out.Content) == 0 {
		out.Style = yaml.FlowStyle
	}
	return out
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
func flowList(values []string) *yaml.Node {
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
