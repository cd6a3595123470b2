package policy

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/interpreter"
	"gopkg.in/yaml.v3"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// rules loads the rules list. With p nil the rules are only checked for
// their own problems (the rest of the policy is wrong, so compiling them
// against it would add noise); otherwise each is compiled against p.
func (l *loader) rules(n node, p *Policy) ([]*Rule, error) {
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
	c := &ruleCompiler{env: env, names: map[string]int{}, phrases: map[string][]string{}}
	if p != nil {
		c.me = &p.Me
	}
	var rules []*Rule
	for i, rn := range n.Content {
		if r := l.rule(c, resolve(rn), i); r != nil {
			rules = append(rules, r)
		}
	}
	return rules, nil
}

// ruleCompiler is what compiling a policy's rules shares.
type ruleCompiler struct {
	env   *cel.Env
	me    *linkvet.Me    // nil: check only, do not compile
	names map[string]int // folded rule name → line
	// phrases are the literal has_phrase phrases of all rules, folded.
	phrases map[string][]string
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

func (l *loader) rule(c *ruleCompiler, n node, i int) *Rule {
	r := &Rule{Line: n.Line, me: c.me}
	if n.Kind != yaml.MappingNode {
		l.problem(n, fmt.Sprintf("rules[%d]", i), "want a rule (a mapping with name, when and points or action), got %s", kindName(n))
		return nil
	}
	path := fmt.Sprintf("rules[%d]", i)
	fs := l.fields(n, path)
	// The name first, so that every other message can mention it.
	for _, f := range fs {
		if f.key == "name" {
			if v, ok := l.text(f.value, ruleLabel(i, "name", r)); ok {
				r.Name = v
			}
		}
	}
	var whenNode node
	// pointsSet and actionSet are also true for a value that was reported
	// as wrong: "the rule does nothing" would then only add noise.
	pointsSet, actionSet := false, false
	for _, f := range fs {
		k := lookup(ruleKeys, f.key)
		if k == nil {
			l.unknownKey(f, path, ruleKeys)
			continue
		}
		label := ruleLabel(i, f.key, r)
		switch f.key {
		case "when":
			if s, ok := l.text(f.value, label); ok {
				r.When, whenNode = s, f.value
			}
		case "points":
			pointsSet = !isNull(f.value)
			if v, ok := l.integer(f.value, label, k.lo, k.hi); ok {
				r.Points = v
				pointsSet = v != 0
			}
		case "action":
			if s, ok := l.text(f.value, label); ok && s != "" {
				actionSet = true // also when wrong: "does nothing" would only add noise
				if a := linkvet.Action(strings.ToLower(s)); a.Valid() {
					r.Action = a
				} else {
					l.problem(f.value, label, "unknown action %q (want accept, ask, ignore, decline or block)", s)
				}
			}
		case "report":
			if v, ok := l.boolean(f.value, label); ok {
				r.Report = v
			}
		case "reason":
			if v, ok := l.text(f.value, label); ok {
				r.Reason = v
			}
		}
	}
	switch {
	case r.Name == "":
		l.problem(n, ruleLabel(i, "name", r), "missing: every rule needs a name, which verdicts show as the reason's rule")
	case strings.ContainsFunc(r.Name, unicode.IsControl) || utf8.RuneCountInString(r.Name) > maxRuleName:
		// Verdicts print the name in tables and one-line reasons.
		l.problem(n, ruleLabel(i, "name", r), "a rule name must be one line of at most %d characters", maxRuleName)
	default:
		folded := fold.String(r.Name)
		if line, dup := c.names[folded]; dup {
			l.problem(n, ruleLabel(i, "name", r), "another rule has this name (line %d); rule names must be unique", line)
		} else {
			c.names[folded] = r.Line
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
	const example = "a CEL expression such as `inv.mutual_connections < 3 && !inv.has_note`"
	switch {
	case whenNode == nil:
		l.problem(n, ruleLabel(i, "when", r), "missing: the condition, %s", example)
	case r.When == "":
		l.problem(whenNode, ruleLabel(i, "when", r), "empty: the condition, %s", example)
	case len(r.When) > MaxRuleWhenBytes:
		l.problem(whenNode, ruleLabel(i, "when", r), "the expression is %d bytes; the limit is %d", len(r.When), MaxRuleWhenBytes)
	default:
		l.compileRule(c, r, whenNode, ruleLabel(i, "when", r))
	}
	return r
}

var (
	undeclared = regexp.MustCompile(`^undeclared reference to '([^']+)'`)
	undefined  = regexp.MustCompile(`^undefined field '([^']+)'`)
)

// compileRule type-checks r.When and reports its errors at their place in
// the file when it can be found, else at the start of the expression, and
// always with the position inside the expression. A rule that passes is
// planned once, and tried: one that must exceed the cost limit is an error
// now rather than a failure on every invitation.
func (l *loader) compileRule(c *ruleCompiler, r *Rule, whenNode node, key string) {
	if l.upgrade {
		if when, ok := upgradeWhen(c.env, r.When); ok {
			l.warn(whenNode, key, "written with the names of an earlier linkvet; read as: %s", when)
			r.When = when
			whenNode = &yaml.Node{Line: whenNode.Line, Column: whenNode.Column} // positions inside no longer match the file
		}
	}
	ast, iss := c.env.Compile(r.When)
	if iss.Err() != nil {
		for _, e := range iss.Errors() {
			line, col := e.Location.Line(), e.Location.Column()
			msg := explain(strings.TrimSuffix(e.Message, " (in container '')"))
			at := l.exprPosition(whenNode, r.When, line, col)
			l.problem(at, key, "at %d:%d of the expression: %s", line, col+1, msg)
		}
		return
	}
	if !ast.OutputType().IsExactType(cel.BoolType) {
		l.problem(whenNode, key, "the expression gives %s, but a condition must give true or false (compare it, e.g. `inv.mutual_connections < 3`)",
			describeType(ast.OutputType()))
		return
	}
	if c.me == nil {
		return // checking only
	}
	est, err := c.env.EstimateCost(ast, costEstimator{})
	if err == nil && est.Min > RuleCostLimit {
		l.problem(whenNode, key, "the expression always does more work than one invitation may cost (at least %d units, the limit is %d); simplify it", est.Min, RuleCostLimit)
		return
	}
	c.collectPhrases(ast)
	r.phrases = c.phrases
	r.tracked = &lazyProgram{env: c.env, ast: ast}
	if err == nil && est.Max <= RuleCostLimit {
		// Bounded for every invitation within the sizes assumed: no
		// tracker needed, and nothing to try.
		if r.fast, err = c.env.Program(ast, fastOptions()...); err != nil {
			l.problem(whenNode, key, "cannot plan the expression: %v", err)
		}
		return
	}
	if _, err := r.tracked.program(); err != nil {
		l.problem(whenNode, key, "cannot plan the expression: %v", err)
		return
	}
	// The trial: an invitation that says nothing is the cheapest there is
	// for nearly every rule, so a rule over the limit for it is over the
	// limit for all of them.
	trial := &RuleInput{Invitation: &linkvet.Invitation{}}
	if _, err := r.Match(trial); linkvet.ErrorCode(err) == linkvet.ELIMIT {
		r.tracked = nil
		l.problem(whenNode, key, "the expression does more work than one invitation may cost (cost limit %d) even for an invitation with nothing in it; simplify it", RuleCostLimit)
	}
}

// collectPhrases folds, once for the policy, every literal phrase the
// rule passes to has_phrase.
func (c *ruleCompiler) collectPhrases(a *cel.Ast) {
	var visit func(e ast.Expr)
	visit = func(e ast.Expr) {
		switch e.Kind() {
		case ast.CallKind:
			call := e.AsCall()
			if call.FunctionName() == "has_phrase" && len(call.Args()) == 2 && call.Args()[1].Kind() == ast.LiteralKind {
				if s, ok := call.Args()[1].AsLiteral().(types.String); ok {
					if _, done := c.phrases[string(s)]; !done {
						c.phrases[string(s)] = fold.Fields(string(s))
					}
				}
			}
			if call.IsMemberFunction() {
				visit(call.Target())
			}
			for _, x := range call.Args() {
				visit(x)
			}
		case ast.SelectKind:
			visit(e.AsSelect().Operand())
		case ast.ListKind:
			for _, x := range e.AsList().Elements() {
				visit(x)
			}
		case ast.ComprehensionKind:
			cp := e.AsComprehension()
			for _, x := range []ast.Expr{cp.IterRange(), cp.AccuInit(), cp.LoopCondition(), cp.LoopStep(), cp.Result()} {
				visit(x)
			}
		}
	}
	visit(a.NativeRep().Expr())
}

// explain adds to a compile error what the user probably meant: the new
// spelling of a name from before the objects, or a close field name.
func explain(msg string) string {
	if m := undeclared.FindStringSubmatch(msg); m != nil {
		if s, ok := oldNames[m[1]]; ok {
			// CEL's own guess ("did you mean 'duration'?") is wrong here.
			return m[0] + fmt.Sprintf(" (rules now read the invitation through objects: write %s)", s)
		}
	}
	if strings.Contains(msg, "did you mean") {
		return msg
	}
	return msg + hint(msg)
}

// hint is explain's suggestion for a name or field CEL did not guess.
func hint(msg string) string {
	if m := undeclared.FindStringSubmatch(msg); m != nil {
		// A field written without its object ("person.headline"), or a
		// near miss of a field or an old name, is given its full path.
		if p, ok := fullPaths[m[1]]; ok {
			return fmt.Sprintf(" (did you mean %s?)", p)
		}
		names := slices.Sorted(maps.Keys(fullPaths))
		if s := suggest(m[1], names); s != "" {
			return fmt.Sprintf(" (did you mean %s?)", fullPaths[s])
		}
		names = nil
		for _, r := range roots {
			names = append(names, r.name)
		}
		if s := suggest(m[1], append(names, "has_phrase", "fold")); s != "" {
			return fmt.Sprintf(" (did you mean %s?)", s)
		}
		return " (rules.md lists what a rule can use)"
	}
	if m := undefined.FindStringSubmatch(msg); m != nil {
		var names []string
		for _, o := range objects {
			for _, f := range o.fields {
				names = append(names, f.name)
			}
		}
		if s := suggest(m[1], names); s != "" {
			return fmt.Sprintf(" (did you mean %s?)", s)
		}
		return " (rules.md lists the fields of inv, inv.person, inv.shared, verdict and me)"
	}
	return ""
}

// exprPosition finds where line:col (1-based line, 0-based rune column) of
// the expression is in the file. It checks its guess against the file text
// and falls back to the start of the value, so a message never points at
// the wrong place.
func (l *loader) exprPosition(n node, expr string, line, col int) node {
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

// describeType names a CEL type the way the docs do.
func describeType(t *cel.Type) string {
	return strings.TrimPrefix(t.String(), "google.protobuf.")
}

var _ interpreter.Activation = (*evalCache)(nil)

// fullPaths maps each field name and each old flat name to the path a rule
// writes it with ("headline" and "person" to inv.person.headline and
// inv.person); a name in several objects goes to the first, in the order
// of roots.
var fullPaths = func() map[string]string {
	m := map[string]string{}
	var add func(prefix string, o *object)
	add = func(prefix string, o *object) {
		for _, f := range o.fields {
			if _, ok := m[f.name]; !ok {
				m[f.name] = prefix + "." + f.name
			}
			if f.obj != nil {
				add(prefix+"."+f.name, f.obj)
			}
		}
	}
	for _, r := range roots {
		add(r.name, r.obj)
	}
	for old, p := range oldNames {
		m[old] = p
	}
	return m
}()
