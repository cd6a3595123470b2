package policy

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"gopkg.in/yaml.v3"

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

// LoadFile reads and loads the policy file at path.
func LoadFile(path string) (*Policy, error) {
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
	// Read one byte past the limit so that Load can tell "too large".
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read policy file %s: %w", path, err)
	}
	return Load(data, path)
}

// Load parses, validates and defaults a policy file; filename is only used
// in messages. An empty or blank file gives the defaults. Errors are
// *linkvet.Error: EINVALID naming file:line:col and the key of every
// problem found (one per line), or ELIMIT for a file or rule list over the
// limits. Unknown keys are not errors; they are listed in Warnings.
func Load(data []byte, filename string) (*Policy, error) {
	if filename == "" {
		filename = "policy"
	}
	if len(data) > MaxFileBytes {
		return nil, linkvet.Errorf(linkvet.ELIMIT, "%s: the policy file is larger than %d KiB; is it the right file?", filename, MaxFileBytes>>10)
	}
	p := Default()
	if len(bytes.TrimSpace(data)) == 0 {
		return p, nil
	}
	l := &loader{file: filename, source: data}
	root, err := l.parse(data)
	if err != nil {
		return nil, err
	}
	if root != nil {
		if err := l.policy(root, p); err != nil {
			return nil, err
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
	lines    []string // source split in lines, made when first needed
	problems []problem
	dropped  int
	warnings []warning
}

// warning is one warning with its line, to list them in file order.
type warning struct {
	line int
	msg  string
}

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

// problem records an error at node n for key and goes on, so that the
// user sees every problem of the file at once.
func (l *loader) problem(n *yaml.Node, key, format string, args ...any) {
	if len(l.problems) >= maxProblems {
		l.dropped++
		return
	}
	l.problems = append(l.problems, problem{n.Line, n.Column,
		fmt.Sprintf("%s:%d:%d: %s: ", l.file, n.Line, n.Column, key) + fmt.Sprintf(format, args...)})
}

// problem is one error, kept with its position to list them in file order.
type problem struct {
	line, col int
	msg       string
}

// report joins the problems in the order of the file.
func (l *loader) report() error {
	slices.SortStableFunc(l.problems, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	msgs := make([]string, len(l.problems))
	for i, p := range l.problems {
		msgs[i] = p.msg
	}
	if l.dropped > 0 {
		msgs = append(msgs, fmt.Sprintf("%s: and %d more problems", l.file, l.dropped))
	}
	return linkvet.Errorf(linkvet.EINVALID, "%s", strings.Join(msgs, "\n"))
}

func (l *loader) warn(n *yaml.Node, key, format string, args ...any) {
	l.warnings = append(l.warnings, warning{n.Line, fmt.Sprintf("%s:%d: %s: ", l.file, n.Line, key) + fmt.Sprintf(format, args...)})
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
	key        string
	keyNode    *yaml.Node
	value      *yaml.Node
	fromMerged bool
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
		for _, f := range l.mergedFields(m, path, visited) {
			f.fromMerged = true
			out = append(out, f)
		}
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

// Keys of each section, for did-you-mean suggestions.
var (
	topKeys = []string{"me", "style", "min_mutual", "competitors", "known", "blocked", "disqualify",
		"disqualify_promoted_connection_count", "decline_controversial", "time_zone", "outreach",
		"follow_up", "learning", "rules"}
	meKeys       = []string{"name", "headline", "industries", "interests", "companies", "schools", "location", "skills"}
	outreachKeys = []string{"note_limit", "free_account", "weekly_invites", "monthly_notes", "withdraw_after_days", "reinvite_after_withdraw_days"}
	followUpKeys = []string{"after_days", "remove_after_silence_days", "stale_after_days"}
	learningKeys = []string{"enabled", "min_decisions"}
	ruleKeys     = []string{"name", "when", "points", "action", "report", "reason"}
)

// unknownKey warns about a key linkvet does not know, suggesting the key
// the user probably meant.
func (l *loader) unknownKey(f field, path string, known []string) {
	full := join(path, f.key)
	msg := fmt.Sprintf("%s:%d: unknown key %q ignored", l.file, f.keyNode.Line, full)
	if s := suggest(f.key, known); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", join(path, s))
	} else if path == "" {
		// A key written at the top that belongs in a section.
		for _, sec := range []struct {
			name string
			keys []string
		}{{"me", meKeys}, {"outreach", outreachKeys}, {"follow_up", followUpKeys}, {"learning", learningKeys}} {
			if s := suggest(f.key, sec.keys); s != "" {
				msg += fmt.Sprintf(" (did you mean %q? it belongs under %s:)", sec.name+"."+s, sec.name)
				break
			}
		}
	}
	l.warnings = append(l.warnings, warning{f.keyNode.Line, msg})
}

// suggest returns the word of known closest to word, or "" when none is
// close enough to be a likely typo.
func suggest(word string, known []string) string {
	w := strings.ToLower(strings.ReplaceAll(word, "-", "_"))
	best, bestDist := "", math.MaxInt
	for _, k := range known {
		if d := editDistance(w, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 2
	if n := utf8.RuneCountInString(w); n <= 4 {
		limit = 1
	} else if n >= 12 {
		limit = 3
	}
	if bestDist <= limit {
		return best
	}
	// A long key that starts like a known one ("disqualify_promoted_connections")
	// is the known key half remembered.
	for _, k := range known {
		if p := commonPrefix(w, k); p >= 8 && p*10 >= 7*max(len(w), len(k)) {
			return k
		}
	}
	return ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance counts the single-character insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (optimal string
// alignment distance): "nmae" is one step from "name".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return math.MaxInt // not a typo of a key name
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
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
			return "the number " + n.Value
		case "!!bool":
			return n.Value
		}
		return strconv.Quote(n.Value)
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
		l.problem(n, key, "%s is not a whole number linkvet can use", n.Value)
		return 0, false
	}
	switch {
	case v < int64(lo) && lo == 0:
		l.problem(n, key, "must not be negative, got %d", v)
		return 0, false
	case v < int64(lo):
		l.problem(n, key, "must be at least %d, got %d", lo, v)
		return 0, false
	case v > int64(hi):
		l.problem(n, key, "%d is too large (at most %d)", v, hi)
		return 0, false
	}
	return int(v), true
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

func values(items []item) []string {
	if len(items) == 0 {
		return nil
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.value
	}
	return out
}

// setText, setInt, setBool and setList store a value only when the file
// gives one, so that the default stays otherwise.
func (l *loader) setText(dst *string, n *yaml.Node, key string) {
	if v, ok := l.text(n, key); ok {
		*dst = v
	}
}

func (l *loader) setInt(dst *int, n *yaml.Node, key string, lo, hi int) bool {
	v, ok := l.integer(n, key, lo, hi)
	if ok {
		*dst = v
	}
	return ok
}

func (l *loader) setBool(dst *bool, n *yaml.Node, key string) {
	if v, ok := l.boolean(n, key); ok {
		*dst = v
	}
}

func (l *loader) setList(dst *[]string, n *yaml.Node, key string) []item {
	items, ok := l.list(n, key)
	if ok {
		*dst = values(items)
	}
	return items
}

// section returns the fields of a mapping value; nil (no problem) for an
// empty value, nil with a problem for anything else.
func (l *loader) section(n *yaml.Node, key string) ([]field, bool) {
	if isNull(n) {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		l.problem(n, key, "want a mapping of keys (%s), got %s", key+".<key>: <value>", kindName(n))
		return nil, false
	}
	return l.fields(n, key), true
}

func (l *loader) policy(root *yaml.Node, p *Policy) error {
	var known, blocked, disqualify []item
	var rulesNode *yaml.Node
	for _, f := range l.fields(root, "") {
		v := f.value
		switch f.key {
		case "me":
			l.me(v, &p.Me)
		case "style":
			if s, ok := l.text(v, f.key); ok {
				switch st := linkvet.Style(strings.ToLower(s)); st {
				case linkvet.Open, linkvet.Balanced, linkvet.Curated:
					p.Style = st
				default:
					l.problem(v, f.key, "unknown style %q (want open, balanced or curated)", s)
				}
			}
		case "min_mutual":
			l.setInt(&p.MinMutual, v, f.key, 0, maxCount)
		case "competitors":
			l.setList(&p.Competitors, v, f.key)
		case "known":
			known = l.setList(&p.Known, v, f.key)
		case "blocked":
			blocked = l.setList(&p.Blocked, v, f.key)
		case "disqualify":
			disqualify = l.setList(&p.Disqualify, v, f.key)
		case "disqualify_promoted_connection_count":
			l.setBool(&p.DisqualifyPromotedConnectionCount, v, f.key)
		case "decline_controversial":
			l.setBool(&p.DeclineControversial, v, f.key)
		case "time_zone":
			if s, ok := l.text(v, f.key); ok && s != "" {
				loc, err := time.LoadLocation(s)
				if err != nil {
					l.problem(v, f.key, "unknown time zone %q (want an IANA name such as Europe/Berlin, or UTC or Local)", s)
				} else {
					p.TimeZone, p.location = s, loc
				}
			}
		case "outreach":
			l.outreach(v, &p.Outreach)
		case "follow_up":
			l.followUp(v, &p.FollowUp)
		case "learning":
			if fs, ok := l.section(v, f.key); ok {
				for _, g := range fs {
					key := join(f.key, g.key)
					switch g.key {
					case "enabled":
						l.setBool(&p.Learning.Enabled, g.value, key)
					case "min_decisions":
						l.setInt(&p.Learning.MinDecisions, g.value, key, 0, maxCount)
					default:
						l.unknownKey(g, f.key, learningKeys)
					}
				}
			}
		case "rules":
			rulesNode = v
		default:
			l.unknownKey(f, "", topKeys)
		}
	}
	l.checkPeople(known, blocked)
	for _, it := range disqualify {
		if len(fold.Fields(it.value)) == 0 {
			l.warn(it.node, it.key, "%q holds no letters, digits or emoji once folded, so it never matches", it.value)
		}
	}
	if rulesNode != nil {
		rules, err := l.rules(rulesNode)
		if err != nil {
			return err
		}
		p.Rules = rules
	}
	return nil
}

func (l *loader) me(n *yaml.Node, me *linkvet.Me) {
	fs, _ := l.section(n, "me")
	for _, f := range fs {
		key := join("me", f.key)
		switch f.key {
		case "name":
			l.setText(&me.Name, f.value, key)
		case "headline":
			l.setText(&me.Headline, f.value, key)
		case "location":
			l.setText(&me.Location, f.value, key)
		case "industries":
			l.setList(&me.Industries, f.value, key)
		case "interests":
			l.setList(&me.Interests, f.value, key)
		case "companies":
			l.setList(&me.Companies, f.value, key)
		case "schools":
			l.setList(&me.Schools, f.value, key)
		case "skills":
			l.setList(&me.Skills, f.value, key)
		default:
			l.unknownKey(f, "me", meKeys)
		}
	}
}

func (l *loader) outreach(n *yaml.Node, o *Outreach) {
	fs, _ := l.section(n, "outreach")
	var limitNode *yaml.Node
	limitSet := false
	for _, f := range fs {
		key := join("outreach", f.key)
		switch f.key {
		case "note_limit":
			limitNode = f.value
			limitSet = l.setInt(&o.NoteLimit, f.value, key, 1, maxCount)
		case "free_account":
			l.setBool(&o.FreeAccount, f.value, key)
		case "weekly_invites":
			l.setInt(&o.WeeklyInvites, f.value, key, 0, maxCount)
		case "monthly_notes":
			l.setInt(&o.MonthlyNotes, f.value, key, 0, maxCount)
		case "withdraw_after_days":
			l.setInt(&o.WithdrawAfterDays, f.value, key, 0, maxDays)
		case "reinvite_after_withdraw_days":
			if l.setInt(&o.ReinviteAfterWithdrawDays, f.value, key, 0, maxDays) && o.ReinviteAfterWithdrawDays < DefaultReinviteAfterWithdrawDays {
				l.warn(f.value, key, "LinkedIn usually refuses a new invitation to the same person for about three weeks after a withdrawal")
			}
		default:
			l.unknownKey(f, "outreach", outreachKeys)
		}
	}
	switch {
	case !limitSet && o.FreeAccount:
		o.NoteLimit = DefaultFreeNoteLimit
	case limitSet && o.FreeAccount && o.NoteLimit > DefaultFreeNoteLimit:
		l.warn(limitNode, "outreach.note_limit", "free accounts can only send notes of up to %d characters", DefaultFreeNoteLimit)
	case limitSet && o.NoteLimit > DefaultNoteLimit:
		l.warn(limitNode, "outreach.note_limit", "LinkedIn cuts invitation notes at %d characters", DefaultNoteLimit)
	}
}

func (l *loader) followUp(n *yaml.Node, fu *FollowUp) {
	fs, _ := l.section(n, "follow_up")
	for _, f := range fs {
		key := join("follow_up", f.key)
		switch f.key {
		case "after_days":
			l.setInt(&fu.AfterDays, f.value, key, 0, maxDays)
		case "remove_after_silence_days":
			l.setInt(&fu.RemoveAfterSilenceDays, f.value, key, 0, maxDays)
		case "stale_after_days":
			l.setInt(&fu.StaleAfterDays, f.value, key, 0, maxDays)
		default:
			l.unknownKey(f, "follow_up", followUpKeys)
		}
	}
}

// checkPeople validates the known and blocked entries: each must be a
// profile URL or an e-mail address, or it could never match anyone.
func (l *loader) checkPeople(known, blocked []item) {
	knownKeys := map[string]bool{}
	for _, it := range known {
		if k := l.personEntry(it); k != "" {
			knownKeys[k] = true
		}
	}
	for _, it := range blocked {
		if k := l.personEntry(it); k != "" && knownKeys[k] {
			l.warn(it.node, it.key, "%q is also in known; blocked wins", it.value)
		}
	}
}

func (l *loader) personEntry(it item) string {
	k := personKey(it.value)
	if k == "" || !strings.ContainsAny(k, "@/") {
		l.problem(it.node, it.key, "%q is neither a profile URL (linkedin.com/in/...) nor an e-mail address", it.value)
		return ""
	}
	return k
}

func (l *loader) rules(n *yaml.Node) ([]*Rule, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		l.problem(n, "rules", "want a list of rules, each starting with \"- name: ...\"; got %s", kindName(n))
		return nil, nil
	}
	if len(n.Content) > MaxRules {
		return nil, linkvet.Errorf(linkvet.ELIMIT, "%s:%d:%d: rules: %d rules is more than the limit of %d", l.file, n.Line, n.Column, len(n.Content), MaxRules)
	}
	if len(n.Content) == 0 {
		return nil, nil
	}
	env, err := newEnv()
	if err != nil {
		return nil, fmt.Errorf("build rule environment: %w", err)
	}
	names := map[string]int{} // folded name → line
	var rules []*Rule
	for i, rn := range n.Content {
		if r := l.rule(env, resolve(rn), i, names); r != nil {
			rules = append(rules, r)
		}
	}
	return rules, nil
}

// ruleLabel names a rule in messages: its index and, once known, its name
// and line, since the error may point at a line inside the rule.
func ruleLabel(i int, key string, r *Rule) string {
	label := fmt.Sprintf("rules[%d]", i)
	if key != "" {
		label += "." + key
	}
	if r.Name != "" {
		label += fmt.Sprintf(" (rule %q at line %d)", r.Name, r.Line)
	}
	return label
}

func (l *loader) rule(env *cel.Env, n *yaml.Node, i int, names map[string]int) *Rule {
	r := &Rule{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		l.problem(n, fmt.Sprintf("rules[%d]", i), "want a rule (a mapping with name, when and points or action), got %s", kindName(n))
		return nil
	}
	fs := l.fields(n, fmt.Sprintf("rules[%d]", i))
	// The name first, so that every other message can mention it.
	for _, f := range fs {
		if f.key == "name" {
			l.setText(&r.Name, f.value, ruleLabel(i, "name", r))
		}
	}
	var whenNode *yaml.Node
	// pointsSet and actionSet are also true for a value that was reported
	// as wrong: "the rule does nothing" would then only add noise.
	pointsSet, actionSet := false, false
	for _, f := range fs {
		key := ruleLabel(i, f.key, r)
		switch f.key {
		case "name":
		case "when":
			if s, ok := l.text(f.value, key); ok {
				r.When, whenNode = s, f.value
			}
		case "points":
			pointsSet = !isNull(f.value)
			if ok := l.setInt(&r.Points, f.value, key, -maxPoints, maxPoints); ok && r.Points == 0 {
				pointsSet = false
			}
		case "action":
			if s, ok := l.text(f.value, key); ok && s != "" {
				if a := linkvet.Action(strings.ToLower(s)); a.Valid() {
					r.Action, actionSet = a, true
				} else {
					l.problem(f.value, key, "unknown action %q (want accept, ask, ignore, decline or block)", s)
					actionSet = true // reported; "does nothing" would only add noise
				}
			}
		case "report":
			l.setBool(&r.Report, f.value, key)
		case "reason":
			l.setText(&r.Reason, f.value, key)
		default:
			l.unknownKey(f, fmt.Sprintf("rules[%d]", i), ruleKeys)
		}
	}
	if r.Name == "" {
		l.problem(n, ruleLabel(i, "name", r), "missing: every rule needs a name, which verdicts show as the reason's rule")
	} else if strings.ContainsFunc(r.Name, unicode.IsControl) || utf8.RuneCountInString(r.Name) > maxRuleName {
		// Verdicts print the name in tables and one-line reasons.
		l.problem(n, ruleLabel(i, "name", r), "a rule name must be one line of at most %d characters", maxRuleName)
	} else {
		folded := fold.String(r.Name)
		if line, dup := names[folded]; dup {
			l.problem(n, ruleLabel(i, "name", r), "another rule has this name (line %d); rule names must be unique", line)
		} else {
			names[folded] = r.Line
		}
	}
	if !actionSet && !pointsSet {
		l.problem(n, ruleLabel(i, "", r), "the rule does nothing: give it points (not 0), an action, or both")
	}
	// A reason is shown on one line: line breaks in the file are layout.
	r.Reason = strings.Join(strings.Fields(r.Reason), " ")
	if r.Reason == "" && r.Name != "" {
		r.Reason = "user rule " + r.Name
	}
	switch {
	case whenNode == nil:
		l.problem(n, ruleLabel(i, "when", r), "missing: the condition, a CEL expression such as `mutual < 3 && !has_note`")
	case r.When == "":
		l.problem(whenNode, ruleLabel(i, "when", r), "empty: the condition, a CEL expression such as `mutual < 3 && !has_note`")
	case len(r.When) > MaxRuleWhenBytes:
		l.problem(whenNode, ruleLabel(i, "when", r), "the expression is %d bytes; the limit is %d", len(r.When), MaxRuleWhenBytes)
	default:
		l.compileRule(env, r, whenNode, ruleLabel(i, "when", r))
	}
	return r
}

var undeclared = regexp.MustCompile(`^undeclared reference to '([^']+)'`)

// compileRule type-checks r.When and reports its errors at their place in
// the file when it can be found, else at the start of the expression, and
// always with the position inside the expression.
func (l *loader) compileRule(env *cel.Env, r *Rule, whenNode *yaml.Node, key string) {
	ast, iss, err := compile(env, r)
	if err != nil {
		l.problem(whenNode, key, "cannot plan the expression: %v", err)
		return
	}
	if iss != nil {
		for _, e := range iss.Errors() {
			line, col := e.Location.Line(), e.Location.Column()
			msg := strings.TrimSuffix(e.Message, " (in container '')")
			if m := undeclared.FindStringSubmatch(msg); m != nil && !strings.Contains(msg, "did you mean") {
				if s := suggest(m[1], variableNames()); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				} else {
					msg += " (see rules.md for the names a rule can use)"
				}
			}
			at := l.exprPosition(whenNode, r.When, line, col)
			l.problem(at, key, "at %d:%d of the expression: %s", line, col+1, msg)
		}
		return
	}
	if !ast.OutputType().IsExactType(cel.BoolType) {
		l.problem(whenNode, key, "the expression gives %s, but a condition must give true or false (compare it, e.g. `mutual < 3`)",
			describeType(ast.OutputType()))
	}
}

// exprPosition finds where line:col (1-based line, 0-based rune column) of
// the expression is in the file. It checks its guess against the file text
// and falls back to the start of the value, so a message never points at
// the wrong place.
func (l *loader) exprPosition(n *yaml.Node, expr string, line, col int) *yaml.Node {
	exprLines := strings.Split(expr, "\n")
	if line < 1 || line > len(exprLines) {
		return n
	}
	text := exprLines[line-1]
	var fileLine, searchFrom int // fileLine 1-based; searchFrom is a rune column
	switch n.Style {
	case yaml.LiteralStyle:
		fileLine, searchFrom = n.Line+line, 0
	case 0, yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle:
		if len(exprLines) > 1 {
			return n // folded onto several lines: no exact mapping
		}
		fileLine, searchFrom = n.Line, n.Column-1
	default:
		return n
	}
	if l.lines == nil {
		l.lines = strings.Split(string(l.source), "\n")
	}
	if fileLine < 1 || fileLine > len(l.lines) {
		return n
	}
	src := strings.TrimRight(l.lines[fileLine-1], "\r")
	start := runeOffset(src, searchFrom)
	if start < 0 {
		return n
	}
	idx := strings.Index(src[start:], text)
	if idx < 0 || text == "" {
		return n
	}
	column := utf8.RuneCountInString(src[:start+idx]) + 1 + col
	return &yaml.Node{Line: fileLine, Column: column}
}

// runeOffset returns the byte offset of rune column col in s, or -1.
func runeOffset(s string, col int) int {
	i := 0
	for off := range s {
		if i == col {
			return off
		}
		i++
	}
	if i == col {
		return len(s)
	}
	return -1
}
