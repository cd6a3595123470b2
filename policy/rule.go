package policy

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/ext"
	"cel.dev/cel-go/interpreter"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Rule is one user rule from the policy file.
type Rule struct {
	Name   string         // yaml "name": required, unique
	When   string         // yaml "when": CEL expression yielding a bool
	Points int            // yaml "points": added to the score when the rule matches
	Action linkvet.Action // yaml "action": forces the verdict when set
	Report bool           // yaml "report": also suggest reporting the sender
	Reason string         // yaml "reason": shown in the verdict; default "user rule <name>"
	Line   int            // line of the rule in the policy file, for messages

	program cel.Program
}

// RuleInput is what a rule sees of one invitation.
type RuleInput struct {
	Invitation *linkvet.Invitation
	Category   linkvet.Category // what the built-in rules concluded before user rules
	Intent     linkvet.Intent
	Score      int
	Now        time.Time // for account_age_months
}

// Limits on rules. The cost limit is in CEL's abstract cost units (about
// one per operation, one per ten characters a string function reads): far
// above any sensible rule, far below what stalls a screening run.
const (
	MaxRules         = 1000
	MaxRuleWhenBytes = 8 << 10
	RuleCostLimit    = 200_000
)

// Match reports whether the rule's expression is true for in. It never
// panics: a rule that fails for this invitation (a cost limit hit, a bad
// regular expression, an int overflow) returns an error naming the rule,
// which the engine shows as a reason. Match is safe for concurrent use.
func (r *Rule) Match(in *RuleInput) (bool, error) {
	return r.MatchContext(context.Background(), in)
}

// MatchContext is Match that also stops when ctx is done, for long screening
// runs the user can interrupt.
func (r *Rule) MatchContext(ctx context.Context, in *RuleInput) (matched bool, err error) {
	if r == nil || r.program == nil {
		name := ""
		if r != nil {
			name = r.Name
		}
		return false, linkvet.Errorf(linkvet.EINVALID, "rule %q was not compiled: load rules with policy.Load", name)
	}
	if in == nil || in.Invitation == nil {
		return false, linkvet.Errorf(linkvet.EINVALID, "rule %q: no invitation to evaluate", r.Name)
	}
	defer func() {
		// cel-go recovers its own panics; this guards the bindings and any
		// future cel-go change, so that one rule can never take down a run.
		if p := recover(); p != nil {
			matched, err = false, linkvet.Errorf(linkvet.EINVALID, "%s: failed: %v", r.where(), p)
		}
	}()
	act := activation{in: in}
	var out ref.Val
	if ctx == nil || ctx.Done() == nil {
		// Nothing can cancel: skip the interrupt checks.
		out, _, err = r.program.Eval(act)
	} else {
		out, _, err = r.program.ContextEval(ctx, act)
	}
	if err != nil {
		var cancelled interpreter.EvalCancelledError
		switch {
		case ctx != nil && ctx.Err() != nil:
			return false, fmt.Errorf("%s: stopped: %w", r.where(), context.Cause(ctx))
		case errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded:
			return false, linkvet.Errorf(linkvet.ELIMIT,
				"%s: stopped: the expression does too much work for one invitation (cost limit %d); simplify it", r.where(), RuleCostLimit)
		}
		return false, linkvet.Errorf(linkvet.EINVALID, "%s: %v", r.where(), err)
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, linkvet.Errorf(linkvet.EINVALID, "%s: gave %v, not true or false", r.where(), out.Type())
	}
	return bool(b), nil
}

func (r *Rule) where() string {
	if r.Line > 0 {
		return fmt.Sprintf("rule %q (policy line %d)", r.Name, r.Line)
	}
	return fmt.Sprintf("rule %q", r.Name)
}

// variable is one name a rule expression can use.
type variable struct {
	name string
	typ  *cel.Type
	doc  string
}

var stringList = cel.ListType(cel.StringType)

// variables is the declared environment, in the order of the docs. It is
// read-only.
var variables = []variable{
	{"name", cel.StringType, "person.name"},
	{"headline", cel.StringType, "person.headline"},
	{"title", cel.StringType, "person.title"},
	{"company", cel.StringType, "person.company"},
	{"industry", cel.StringType, "person.industry"},
	{"location", cel.StringType, "person.location"},
	{"about", cel.StringType, "person.about"},
	{"note", cel.StringType, "the invitation message"},
	{"photo", cel.StringType, `person.photo; "unknown" when absent`},
	{"direction", cel.StringType, `"incoming" (the default) or "outgoing"`},
	{"source", cel.StringType, "where the record came from"},
	{"category", cel.StringType, "the category the built-in rules chose"},
	{"intent", cel.StringType, "the intent the built-in rules guessed"},
	{"mutual", cel.IntType, "mutual_connections; -1 when unknown"},
	{"connections", cel.IntType, "person.connections; -1 when unknown"},
	{"followers", cel.IntType, "person.followers; -1 when unknown"},
	{"recommendations", cel.IntType, "person.recommendations; -1 when unknown"},
	{"account_age_months", cel.IntType, "whole months since person.member_since; -1 when unknown"},
	{"score", cel.IntType, "the score of the built-in rules"},
	{"verified", cel.BoolType, "person.verified; false when unknown"},
	{"has_note", cel.BoolType, "the invitation came with a note that is not blank"},
	{"skills", stringList, "person.skills"},
	{"emails", stringList, "person.emails"},
	{"phones", stringList, "person.phones"},
	{"websites", stringList, "person.websites"},
	{"interactions", stringList, "interactions"},
	{"mutual_names", stringList, "mutual_names"},
	{"shared_companies", stringList, "shared.companies"},
	{"shared_schools", stringList, "shared.schools"},
	{"shared_groups", stringList, "shared.groups"},
	{"shared_events", stringList, "shared.events"},
	{"shared_interests", stringList, "shared.interests"},
}

// activation resolves the variables from a RuleInput when a rule first uses
// them, so that a rule reading only "mutual" costs nothing for the rest.
// It is pointer-shaped, so passing it as an interface does not allocate.
type activation struct{ in *RuleInput }

func (a activation) Parent() interpreter.Activation { return nil }

func (a activation) ResolveName(name string) (any, bool) {
	inv := a.in.Invitation
	p := &inv.Person
	switch name {
	case "name":
		return types.String(p.Name), true
	case "headline":
		return types.String(p.Headline), true
	case "title":
		return types.String(p.Title), true
	case "company":
		return types.String(p.Company), true
	case "industry":
		return types.String(p.Industry), true
	case "location":
		return types.String(p.Location), true
	case "about":
		return types.String(p.About), true
	case "note":
		return types.String(inv.Message), true
	case "photo":
		if p.Photo == "" {
			return types.String(linkvet.PhotoUnknown), true
		}
		return types.String(p.Photo), true
	case "direction":
		if inv.Direction == "" {
			return types.String(linkvet.Incoming), true
		}
		return types.String(inv.Direction), true
	case "source":
		return types.String(inv.Source), true
	case "category":
		return types.String(a.in.Category), true
	case "intent":
		if a.in.Intent == "" {
			return types.String(linkvet.UnknownIntent), true
		}
		return types.String(a.in.Intent), true
	case "mutual":
		return optionalInt(inv.MutualConnections), true
	case "connections":
		return optionalInt(p.Connections), true
	case "followers":
		return optionalInt(p.Followers), true
	case "recommendations":
		return optionalInt(p.Recommendations), true
	case "account_age_months":
		return types.Int(accountAgeMonths(p.MemberSince, a.in.Now)), true
	case "score":
		return types.Int(a.in.Score), true
	case "verified":
		return types.Bool(p.Verified != nil && *p.Verified), true
	case "has_note":
		return types.Bool(fold.String(inv.Message) != ""), true
	case "skills":
		return stringListVal(p.Skills), true
	case "emails":
		return stringListVal(p.Emails), true
	case "phones":
		return stringListVal(p.Phones), true
	case "websites":
		return stringListVal(p.Websites), true
	case "interactions":
		return stringListVal(inv.Interactions), true
	case "mutual_names":
		return stringListVal(inv.MutualNames), true
	case "shared_companies":
		return stringListVal(inv.Shared.Companies), true
	case "shared_schools":
		return stringListVal(inv.Shared.Schools), true
	case "shared_groups":
		return stringListVal(inv.Shared.Groups), true
	case "shared_events":
		return stringListVal(inv.Shared.Events), true
	case "shared_interests":
		return stringListVal(inv.Shared.Interests), true
	}
	return nil, false
}

func optionalInt(n *int) types.Int {
	if n == nil {
		return -1
	}
	return types.Int(*n)
}

func stringListVal(list []string) ref.Val {
	return types.NewStringList(types.DefaultTypeAdapter, list)
}

// accountAgeMonths counts whole calendar months from a YYYY-MM date to now;
// -1 when either is unknown. A date after now (a clock or typing mistake)
// counts as a new account, 0.
func accountAgeMonths(memberSince string, now time.Time) int {
	if now.IsZero() || len(memberSince) < 7 || memberSince[4] != '-' {
		return -1
	}
	year, err1 := strconv.Atoi(memberSince[:4])
	month, err2 := strconv.Atoi(memberSince[5:7])
	if err1 != nil || err2 != nil || month < 1 || month > 12 || year < 1900 {
		return -1
	}
	months := (now.Year()-year)*12 + int(now.Month()) - month
	return max(months, 0)
}

// Function overload ids, also used to price calls in the cost tracker.
const (
	hasPhraseText = "has_phrase_string_string"
	hasPhraseList = "has_phrase_list_string"
	foldText      = "fold_string"
)

// newEnv builds the CEL environment rules are checked against. Load builds
// one per call: environments are cheap next to reading a file, and sharing
// none keeps the package free of global state.
func newEnv() (*cel.Env, error) {
	opts := []cel.EnvOption{
		ext.Strings(),
		cel.ParserExpressionSizeLimit(MaxRuleWhenBytes),
		cel.Function("has_phrase",
			cel.Overload(hasPhraseText, []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(hasPhraseBinding)),
			cel.Overload(hasPhraseList, []*cel.Type{stringList, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(hasPhraseListBinding))),
		cel.Function("fold",
			cel.Overload(foldText, []*cel.Type{cel.StringType}, cel.StringType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					s, ok := v.(types.String)
					if !ok {
						return types.NoSuchOverloadErr()
					}
					return types.String(fold.String(string(s)))
				}))),
	}
	for _, v := range variables {
		opts = append(opts, cel.Variable(v.name, v.typ))
	}
	return cel.NewEnv(opts...)
}

// programOptions price the custom functions (CEL counts unknown calls as
// one unit, but folding reads the whole text) and cap every evaluation.
func programOptions() []cel.ProgramOption {
	return []cel.ProgramOption{
		cel.EvalOptions(cel.OptOptimize),
		cel.CostLimit(RuleCostLimit),
		cel.InterruptCheckFrequency(64),
		cel.CostTrackerOptions(
			cost.OverloadTracker(hasPhraseText, textCost),
			cost.OverloadTracker(hasPhraseList, textCost),
			cost.OverloadTracker(foldText, textCost),
		),
	}
}

// textCost charges one unit per ten characters read, like CEL's own string
// functions.
func textCost(args []ref.Val, _ ref.Val) *uint64 {
	n := uint64(1)
	for _, a := range args {
		switch v := a.(type) {
		case types.String:
			n += uint64(len(v)) / 10
		case traits.Lister:
			size, _ := v.Size().(types.Int)
			for i := types.Int(0); i < size; i++ {
				if s, ok := v.Get(i).(types.String); ok {
					n += 1 + uint64(len(s))/10
				}
			}
		}
	}
	return &n
}

func hasPhraseBinding(text, phrase ref.Val) ref.Val {
	t, ok1 := text.(types.String)
	p, ok2 := phrase.(types.String)
	if !ok1 || !ok2 {
		return types.NoSuchOverloadErr()
	}
	return types.Bool(containsPhrase(string(t), fold.Fields(string(p))))
}

func hasPhraseListBinding(list, phrase ref.Val) ref.Val {
	l, ok1 := list.(traits.Lister)
	p, ok2 := phrase.(types.String)
	if !ok1 || !ok2 {
		return types.NoSuchOverloadErr()
	}
	want := fold.Fields(string(p))
	size, _ := l.Size().(types.Int)
	for i := types.Int(0); i < size; i++ {
		if s, ok := l.Get(i).(types.String); ok && containsPhrase(string(s), want) {
			return types.True
		}
	}
	return types.False
}

// containsPhrase reports whether the tokens of phrase occur in text as a
// run of whole words. A phrase that folds to nothing matches nothing.
func containsPhrase(text string, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	var buf [64]string
	words := fold.AppendWords(buf[:0], fold.String(text))
next:
	for i := 0; i+len(phrase) <= len(words); i++ {
		for j, w := range phrase {
			if words[i+j] != w {
				continue next
			}
		}
		return true
	}
	return false
}

// compile parses and type-checks a rule's expression and plans its program.
func compile(env *cel.Env, r *Rule) (*cel.Ast, *cel.Issues, error) {
	ast, iss := env.Compile(r.When)
	if iss.Err() != nil {
		return nil, iss, nil
	}
	if !ast.OutputType().IsExactType(cel.BoolType) {
		return ast, nil, nil
	}
	prg, err := env.Program(ast, programOptions()...)
	if err != nil {
		return ast, nil, err
	}
	r.program = prg
	return ast, nil, nil
}

// variableNames lists the declared names, for did-you-mean suggestions.
func variableNames() []string {
	names := make([]string, 0, len(variables)+2)
	for _, v := range variables {
		names = append(names, v.name)
	}
	return append(names, "has_phrase", "fold")
}

// describeType names a CEL type the way the docs do.
func describeType(t *cel.Type) string {
	s := t.String()
	return strings.TrimPrefix(s, "google.protobuf.")
}
