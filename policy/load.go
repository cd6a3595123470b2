package policy

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// MaxFileBytes is the largest policy file Load accepts. Real policies are a
// few kilobytes; the limit keeps a wrong file (a log, an export) from being
// parsed at length.
const MaxFileBytes = 1 << 20

// maxProblems caps how many errors one Load reports: past that, the file is
// probably not a policy at all.
const maxProblems = 20

// Bounds of numbers that are counts or days. They are far above anything
// sensible and keep arithmetic on them from overflowing.
const (
	maxCount  = 1_000_000
	maxDays   = 36_500 // a hundred years
	maxPoints = 1_000_000

	maxRuleName = 100
)

// Options change how Parse reads a policy.
type Options struct {
	// Strict makes an unknown key (a typo such as "stlye:") an error
	// naming its line and the key probably meant, instead of a warning.
	// Use it when a policy is about to be stored: a misspelt key would
	// otherwise silently keep its default.
	Strict bool
	// Upgrade reads rule conditions written with the flat names of earlier
	// linkvet versions ("mutual < 3 && !has_note") as the new spelling
	// ("inv.mutual_connections < 3 && !inv.has_note"), with a warning for
	// each. Use it for a policy already stored, so that an upgrade of
	// linkvet never makes it unreadable; p.YAML() then gives the text to
	// store back. Without it such a name is an error naming the new
	// spelling.
	Upgrade bool
}

// LoadFile reads and loads the policy file at path.
func LoadFile(path string) (*Policy, error) {
	return ParseFile(path, Options{})
}

// ParseFile reads the policy file at path and parses it with opts.
func ParseFile(path string, opts Options) (*Policy, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "policy file %s does not exist", path)
	} else if errors.Is(err, fs.ErrPermission) {
		return nil, linkvet.Errorf(linkvet.EINVALID, "policy file %s cannot be read: permission denied", path)
	} else if err != nil {
		return nil, fmt.Errorf("open policy file: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, linkvet.Errorf(linkvet.EINVALID, "%s is a directory, not a policy file", path)
	}
	// Read one byte past the limit so that Parse can tell "too large".
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read policy file %s: %w", path, err)
	}
	return Parse(data, path, opts)
}

// Load parses a policy leniently: Parse with the zero Options, so unknown
// keys are warnings.
func Load(data []byte, filename string) (*Policy, error) {
	return Parse(data, filename, Options{})
}

// Parse parses, validates and defaults a policy file; name is only used in
// messages. An empty or blank file gives the defaults. Errors are
// *linkvet.Error: EINVALID naming name:line:col and the key of every
// problem found (one per line, in file order), or ELIMIT for a file or rule
// list over the limits. What did not stop the load is in Warnings.
func Parse(data []byte, name string, opts Options) (*Policy, error) {
	if name == "" {
		name = "policy"
	}
	if len(data) > MaxFileBytes {
		return nil, linkvet.Errorf(linkvet.ELIMIT, "%s: the policy file is larger than %d KiB; is it the right file?", name, MaxFileBytes>>10)
	}
	p := Default()
	if len(bytes.TrimSpace(data)) == 0 {
		return p, nil
	}
	l := &loader{file: name, source: data, strict: opts.Strict, upgrade: opts.Upgrade, nodes: map[string]node{}, set: map[string]bool{}, items: map[string][]item{}}
	root, err := l.parse(data)
	if err != nil {
		return nil, err
	}
	if root != nil {
		l.keys(schema, root, "", p)
		l.crossCheck(p)
		if l.rulesNode != nil && len(l.problems) == 0 {
			// Rules are compiled against the rest of the policy (me.*), so
			// only once that is known to be right.
			rules, err := l.rules(l.rulesNode, p)
			if err != nil {
				return nil, err
			}
			p.Rules = rules
		} else if l.rulesNode != nil {
			// Still report the rules' own problems, without compiling
			// them against a policy that is wrong.
			if _, err := l.rules(l.rulesNode, nil); err != nil {
				return nil, err
			}
		}
	}
	if len(l.problems) > 0 {
		return nil, l.report()
	}
	slices.SortStableFunc(l.warnings, func(a, b warning) int { return cmp.Compare(a.line, b.line) })
	for _, w := range l.warnings {
		p.Warnings = append(p.Warnings, w.msg)
	}
	p.index()
	return p, nil
}

// loader carries what every message needs: the file name and the text.
type loader struct {
	file     string
	source   []byte
	strict   bool
	upgrade  bool
	lines    []string // source split in lines, made when first needed
	problems []problem
	dropped  int
	warnings []warning

	nodes     map[string]node   // value node of each key given, by dotted path
	set       map[string]bool   // keys given a valid value, by dotted path
	items     map[string][]item // entries of each list set, by dotted path
	rulesNode node
}

// warning is one warning with its line, to list them in file order.
type warning struct {
	line int
	msg  string
}

// problem is one error, kept with its position to list them in file order.
type problem struct {
	line, col int
	msg       string
}

// problem records an error at node n for key and goes on, so that the
// user sees every problem of the file at once.
func (l *loader) problem(n node, key, format string, args ...any) {
	if len(l.problems) >= maxProblems {
		l.dropped++
		return
	}
	l.problems = append(l.problems, problem{n.Line, n.Column,
		fmt.Sprintf("%s:%d:%d: %s: ", l.file, n.Line, n.Column, key) + fmt.Sprintf(format, args...)})
}

func (l *loader) warn(n node, key, format string, args ...any) {
	l.warnings = append(l.warnings, warning{n.Line, fmt.Sprintf("%s:%d: %s: ", l.file, n.Line, key) + fmt.Sprintf(format, args...)})
}

// report joins the problems in the order of the file, with the warnings
// among them (marked so): a file that fails for one reason still shows
// every other thing wrong with it, such as a misspelt key that would be
// ignored once the error is fixed.
func (l *loader) report() error {
	all := slices.Clone(l.problems)
	for _, w := range l.warnings {
		all = append(all, problem{line: w.line, msg: "warning: " + w.msg})
	}
	slices.SortStableFunc(all, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	msgs := make([]string, len(all))
	for i, p := range all {
		msgs[i] = p.msg
	}
	if l.dropped > 0 {
		msgs = append(msgs, fmt.Sprintf("%s: and %d more problems", l.file, l.dropped))
	}
	return linkvet.Errorf(linkvet.EINVALID, "%s", strings.Join(msgs, "\n"))
}

// keys loads the fields of mapping n by the table keys; path is the
// mapping's dotted path ("" at the top).
func (l *loader) keys(keys []*key, n node, path string, p *Policy) {
	for _, f := range l.fields(n, path) {
		k := lookup(keys, f.key)
		if k == nil {
			l.unknownKey(f, path, keys)
			continue
		}
		l.value(k, f.value, join(path, k.name), p)
	}
}

// value loads the value n of key k into p, by the key's kind. A value that
// is missing (null) or wrong keeps the default.
func (l *loader) value(k *key, n node, path string, p *Policy) {
	l.nodes[path] = n
	set := false
	switch k.kind {
	case kSection:
		if _, ok := l.mapping(n, path); ok {
			l.keys(k.keys, n, path, p)
		}
		return
	case kRules:
		l.rulesNode = n
		return
	case kText:
		v, ok := l.text(n, path)
		if !ok {
			return
		}
		if len(k.choices) > 0 {
			if low := strings.ToLower(v); slices.Contains(k.choices, low) {
				v = low
			} else {
				l.problem(n, path, "unknown %s %q (want %s)", strings.ReplaceAll(k.name, "_", " "), v, orList(k.choices))
				return
			}
		}
		if k.check != nil {
			if v, ok = k.check(l, n, path, v); !ok {
				return
			}
		}
		*k.text(p), set = v, true
	case kInt:
		v, ok := l.integer(n, path, k.lo, k.hi)
		if ok {
			*k.num(p), set = v, true
		}
	case kBool:
		v, ok := l.boolean(n, path)
		if ok {
			*k.flag(p), set = v, true
		}
	case kList:
		items, ok := l.list(n, path)
		if !ok {
			return
		}
		var values []string
		seen := map[string]bool{}
		kept := items[:0]
		for _, it := range items {
			v := it.value
			if k.check != nil {
				if v, ok = k.check(l, it.node, it.key, v); !ok {
					continue
				}
			}
			if k.unique && seen[v] {
				l.warn(it.node, it.key, "%q is listed twice", v)
				continue
			}
			seen[v] = true
			it.value = v
			kept = append(kept, it)
			values = append(values, v)
		}
		l.items[path] = kept
		*k.list(p), set = values, true
	}
	l.set[path] = set
	if set && k.after != nil {
		k.after(l, n, path, p)
	}
}

// orList writes "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// crossCheck validates what one key cannot check alone, and derives what
// depends on several keys.
func (l *loader) crossCheck(p *Policy) {
	// Blocked wins over known: say so when someone is on both.
	known := map[string]bool{}
	for _, it := range l.items["known"] {
		known[personKey(it.value)] = true
	}
	for _, it := range l.items["blocked"] {
		if known[personKey(it.value)] {
			l.warn(it.node, it.key, "%q is also in known; blocked wins", it.value)
		}
	}
	// The note limit follows the account unless the file sets it.
	o := &p.Outreach
	limitNode, limitSet := l.nodes["outreach.note_limit"], l.set["outreach.note_limit"]
	switch {
	case !limitSet && o.FreeAccount:
		o.NoteLimit = DefaultFreeNoteLimit
	case limitSet && o.FreeAccount && o.NoteLimit > DefaultFreeNoteLimit:
		l.warn(limitNode, "outreach.note_limit", "free accounts can only send notes of up to %d characters", DefaultFreeNoteLimit)
	case limitSet && o.NoteLimit > DefaultNoteLimit:
		l.warn(limitNode, "outreach.note_limit", "LinkedIn cuts invitation notes at %d characters", DefaultNoteLimit)
	}
	if loc, err := time.LoadLocation(p.TimeZone); err == nil {
		p.location = loc
	}
}

// hasWords reports whether a phrase can ever match: it keeps a letter,
// digit or emoji once folded.
func hasWords(s string) bool { return len(fold.Fields(s)) > 0 }
