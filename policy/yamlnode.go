package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/linkvet/linkvet"
)

// node is a place in the file: every message names one.
type node = *yaml.Node

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads the first YAML document. It returns nil for a document that
// holds nothing (comments only, or a bare "~").
func (l *loader) parse(data []byte) (root *yaml.Node, err error) {
	defer func() {
		// yaml.v3 has panicked on crafted input in the past; a bad policy
		// file must be an error, not a crash.
		if r := recover(); r != nil {
			root, err = nil, linkvet.Errorf(linkvet.EINVALID, "%s: invalid YAML: the parser gave up (%v)", l.file, r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, nil
	} else if err != nil {
		return nil, l.syntaxError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.warnings = append(l.warnings, warning{extra.Line, fmt.Sprintf("%s:%d: only the first YAML document is read; the one starting here is ignored", l.file, extra.Line)})
	} else if !errors.Is(err, io.EOF) {
		return nil, l.syntaxError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	root = resolve(doc.Content[0])
	switch {
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null":
		return nil, nil
	case root.Kind != yaml.MappingNode:
		return nil, linkvet.Errorf(linkvet.EINVALID, "%s:%d:%d: a policy is a mapping of keys such as \"style: balanced\", not %s",
			l.file, root.Line, root.Column, kindName(root))
	}
	return root, nil
}

func (l *loader) syntaxError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s:%s: invalid YAML: %s", l.file, m[1], m[2])
	}
	return linkvet.Errorf(linkvet.EINVALID, "%s: invalid YAML: %s", l.file, msg)
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// field is one key of a mapping.
type field struct {
	key     string
	keyNode *yaml.Node
	value   *yaml.Node
}

// fields lists the keys of mapping n, with "<<" merge keys expanded (keys
// written out win over merged ones) and duplicate keys reported.
func (l *loader) fields(n *yaml.Node, path string) []field {
	return l.mergedFields(n, path, map[*yaml.Node]bool{n: true})
}

// mergedFields is fields with the mappings already merged in: a mapping
// merged twice adds nothing the second time, and skipping it keeps nested
// aliases ("billion laughs") from taking exponential time.
func (l *loader) mergedFields(n *yaml.Node, path string, visited map[*yaml.Node]bool) []field {
	var out, merged []field
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			l.warnings = append(l.warnings, warning{k.Line, fmt.Sprintf("%s:%d: a key that is %s is ignored%s", l.file, k.Line, kindName(k), inSection(path))})
			continue
		}
		if k.Tag == "!!merge" {
			merged = append(merged, l.mergeFields(v, path, visited)...)
			continue
		}
		if first, dup := seen[k.Value]; dup {
			l.problem(k, join(path, k.Value), "the key appears twice (first at line %d); keep one", first.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, field{key: k.Value, keyNode: k, value: v})
	}
	for _, f := range merged {
		if _, ok := seen[f.key]; !ok {
			seen[f.key] = f.keyNode
			out = append(out, f)
		}
	}
	return out
}

func (l *loader) mergeFields(v *yaml.Node, path string, visited map[*yaml.Node]bool) []field {
	var maps []*yaml.Node
	switch v.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{v}
	case yaml.SequenceNode:
		for _, m := range v.Content {
			maps = append(maps, resolve(m))
		}
	default:
		maps = []*yaml.Node{v}
	}
	var out []field
	for _, m := range maps {
		if m.Kind != yaml.MappingNode {
			l.problem(m, join(path, "<<"), "a merge key takes a mapping or a list of mappings, not %s", kindName(m))
			continue
		}
		if visited[m] {
			continue
		}
		visited[m] = true
		out = append(out, l.mergedFields(m, path, visited)...)
	}
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func inSection(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

// kindName describes a node for "want X, got Y" messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "the number " + cut(n.Value)
		case "!!bool":
			return n.Value
		}
		return strconv.Quote(cut(n.Value))
	}
	return "an alias"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// text reads a string value; a number or bool counts as its text. ok is
// false for a missing (null) value or a wrong type, which is reported.
func (l *loader) text(n *yaml.Node, key string) (string, bool) {
	switch {
	case isNull(n):
		return "", false
	case n.Kind != yaml.ScalarNode:
		l.problem(n, key, "want text, got %s", kindName(n))
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

// integer reads a whole number in [lo, hi]; ok is false for a missing
// value or a problem, which is reported.
func (l *loader) integer(n *yaml.Node, key string, lo, hi int) (int, bool) {
	if isNull(n) {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		l.problem(n, key, "want a whole number, got %s", kindName(n))
		return 0, false
	}
	var v int64
	if err := n.Decode(&v); err != nil {
		l.problem(n, key, "%s is not a whole number linkvet can use", cut(n.Value))
		return 0, false
	}
	switch {
	case v < int64(lo) && lo == 0:
		l.problem(n, key, "must not be negative, got %d", v)
		return 0, false
	case v < int64(lo) && l.upgrade && v >= 0:
		// Stored by an earlier linkvet that allowed less: the policy in
		// force keeps loading, with the minimum.
		l.warn(n, key, "%d is below the minimum of %d; %d is used", v, lo, lo)
		return lo, true
	case v < int64(lo):
		l.problem(n, key, "must be at least %d, got %d", lo, v)
		return 0, false
	case v > int64(hi):
		l.problem(n, key, "%d is too large (at most %d)", v, hi)
		return 0, false
	}
	return int(v), true
}

// cut shortens a value echoed in a message: a 100,000-digit number is
// named by its start and its length.
func cut(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	end := max
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return fmt.Sprintf("%s... (%d characters)", s[:end], len(s))
}

// boolean reads true or false (YAML 1.1's yes/no/on/off too, which many
// people still write).
func (l *loader) boolean(n *yaml.Node, key string) (bool, bool) {
	if isNull(n) {
		return false, false
	}
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			if n.Tag == "!!bool" || n.Tag == "!!str" {
				return true, true
			}
		case "false", "no", "off":
			if n.Tag == "!!bool" || n.Tag == "!!str" {
				return false, true
			}
		}
	}
	l.problem(n, key, "want true or false, got %s", kindName(n))
	return false, false
}

// item is one entry of a list, with its node for messages.
type item struct {
	value string
	node  *yaml.Node
	key   string // e.g. known[2]
}

// list reads a list of strings, dropping (with a warning) empty entries.
func (l *loader) list(n *yaml.Node, key string) ([]item, bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		l.problem(n, key, "want a list, such as [a, b] or one \"- entry\" per line; got %s", kindName(n))
		return nil, false
	}
	var out []item
	for i, e := range n.Content {
		e = resolve(e)
		ek := fmt.Sprintf("%s[%d]", key, i)
		v, ok := l.text(e, ek)
		if !ok && !isNull(e) {
			continue // reported
		}
		if v == "" {
			l.warn(e, ek, "empty entry ignored")
			continue
		}
		out = append(out, item{value: v, node: e, key: ek})
	}
	return out, true
}

// mapping returns the fields of a mapping value; ok is false (and no
// problem) for an empty value, false with a problem for anything else.
func (l *loader) mapping(n *yaml.Node, key string) ([]field, bool) {
	if isNull(n) {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		l.problem(n, key, "want a mapping of keys (%s), got %s", key+".<key>: <value>", kindName(n))
		return nil, false
	}
	return l.fields(n, key), true
}
