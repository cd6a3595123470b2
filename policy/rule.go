package policy

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/linkvet/linkvet"
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

	// fast is the rule planned without cost tracking, for a rule whose
	// estimated cost is within RuleCostLimit (cost.go); nil otherwise.
	// tracked is the rule planned with the tracker and the limit, made on
	// first use for a rule that has fast.
	fast    cel.Program
	tracked *lazyProgram
	me      *linkvet.Me         // the me section of the policy the rule came from
	phrases map[string][]string // the policy's literal phrases, folded
}

// lazyProgram plans a program the first time it is needed.
type lazyProgram struct {
	once sync.Once
	env  *cel.Env
	ast  *cel.Ast
	prg  cel.Program
	err  error
}

func (l *lazyProgram) program() (cel.Program, error) {
	l.once.Do(func() {
		if l.prg == nil {
			l.prg, l.err = l.env.Program(l.ast, programOptions()...)
		}
		l.env, l.ast = nil, nil // planned: the checked tree is no longer needed
	})
	return l.prg, l.err
}

// RuleInput is what a rule sees of one invitation. Give every rule of a
// policy the same RuleInput for one invitation: the values the rules read
// are converted once and shared, so a thousand rules cost little more
// than their conditions. A RuleInput is for one goroutine at a time.
type RuleInput struct {
	Invitation *linkvet.Invitation
	Category   linkvet.Category // what the built-in rules concluded before user rules
	Intent     linkvet.Intent
	Score      int       // read live: a rule sees the points of the rules before it
	Now        time.Time // for inv.person.account_age_months
	// Me is the user for me.*; nil means the me section of the policy the
	// rule was loaded from. Set it when the engine runs with another me
	// (one filled in from an imported profile).
	Me *linkvet.Me

	cache *evalCache
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
// which the engine shows as a reason.
func (r *Rule) Match(in *RuleInput) (bool, error) {
	return r.MatchContext(context.Background(), in)
}

// MatchContext is Match that also stops when ctx is done, for long screening
// runs the user can interrupt.
func (r *Rule) MatchContext(ctx context.Context, in *RuleInput) (matched bool, err error) {
	if r == nil || r.tracked == nil {
		name := ""
		if r != nil {
			name = r.Name
		}
		return false, linkvet.Errorf(linkvet.EINVALID, "rule %q was not compiled: load rules with policy.Parse", name)
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
	if ctx != nil && ctx.Err() != nil {
		return false, fmt.Errorf("%s: stopped: %w", r.where(), context.Cause(ctx))
	}
	act := in.activation(r.me)
	act.phrases = r.phrases
	if r.fast != nil && !act.big {
		// A rule whose cost is bounded runs untracked, unless it meets a
		// value larger than its bound (act.big), when it runs again below.
		act.fast = true
		out, _, err := r.fast.Eval(act)
		act.fast = false
		if !act.big {
			return r.result(out, err)
		}
	}
	prg, err := r.tracked.program()
	if err != nil {
		return false, linkvet.Errorf(linkvet.EINVALID, "%s: cannot plan the expression: %v", r.where(), err)
	}
	var out ref.Val
	if ctx == nil || ctx.Done() == nil {
		// Nothing can cancel: skip the interrupt checks.
		out, _, err = prg.Eval(act)
	} else {
		out, _, err = prg.ContextEval(ctx, act)
	}
	if err != nil && ctx != nil && ctx.Err() != nil {
		return false, fmt.Errorf("%s: stopped: %w", r.where(), context.Cause(ctx))
	}
	return r.result(out, err)
}

// result turns what a program gave into Match's answer.
func (r *Rule) result(out ref.Val, err error) (bool, error) {
	if err != nil {
		var cancelled interpreter.EvalCancelledError
		if errors.As(err, &cancelled) && cancelled.Cause == interpreter.CostLimitExceeded || errors.Is(err, errCostLimit) {
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

// activation returns the shared activation for this invitation, made on
// the first rule. The cache is rebuilt if the invitation or the user
// changed since: a RuleInput reused for another invitation must not see
// the values of the last one.
func (in *RuleInput) activation(ruleMe *linkvet.Me) *evalCache {
	me := in.Me
	if me == nil {
		me = ruleMe
	}
	if c := in.cache; c != nil && c.me == me && c.inv == in.Invitation {
		return c
	}
	in.cache = newEvalCache(in, me)
	return in.cache
}

func (r *Rule) where() string {
	if r.Line > 0 {
		return fmt.Sprintf("rule %q (policy line %d)", r.Name, r.Line)
	}
	return fmt.Sprintf("rule %q", r.Name)
}
