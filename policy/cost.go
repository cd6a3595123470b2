package policy

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// Each rule's cost is estimated when the policy is loaded, assuming no
// text of an invitation is longer than maxText bytes and no list longer
// than maxList entries (LinkedIn's own limits are far lower: a headline
// has 220 characters, an about text 2,600). A rule whose estimate stays
// within RuleCostLimit for every such invitation runs without a cost
// tracker, several times faster; the others, and every rule on an
// invitation larger than assumed, run with the tracker and its limit.
const (
	maxText = 64 << 10
	maxList = 1000
)

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

// fastOptions plan a rule whose cost is bounded: no tracker, no limit.
func fastOptions() []cel.ProgramOption {
	return []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize)}
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

// costEstimator gives the static estimate the sizes of the objects' values
// and the price of the custom functions, as textCost charges them.
type costEstimator struct{}

func (costEstimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	path := n.Path()
	if len(path) == 0 || (path[0] != "inv" && path[0] != "verdict" && path[0] != "me") {
		return nil
	}
	t := n.Type()
	switch {
	case t.IsExactType(cel.StringType):
		e := cost.RangedSizeEstimate(0, maxText)
		return &e
	case t.IsExactType(stringList):
		text := cost.RangedSizeEstimate(0, maxText)
		e := cost.RangedSizeEstimate(0, maxList)
		e.Elem = &text
		return &e
	}
	return nil
}

func (e costEstimator) EstimateCallCost(_, overload string, _ *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	switch overload {
	case hasPhraseText, foldText:
		c := cost.FixedCostEstimate(1)
		var first cost.SizeEstimate
		for i, a := range args {
			sz := cost.EstimateSize(e, a)
			if i == 0 {
				first = sz
			}
			c = c.Add(cost.RangedCostEstimate(sz.Min/10, sz.Max/10))
		}
		if overload == foldText {
			return cost.NewCallEstimate(c, &first) // folding never lengthens text much
		}
		return cost.NewCallEstimate(c, nil)
	case hasPhraseList:
		list := cost.EstimateSize(e, args[0])
		elem := cost.RangedSizeEstimate(0, maxText)
		if list.Elem != nil {
			elem = *list.Elem
		}
		per := cost.RangedCostEstimate(1+elem.Min/10, 1+elem.Max/10)
		c := cost.FixedCostEstimate(1).Add(list.MultiplyByCost(per))
		phrase := cost.EstimateSize(e, args[1])
		c = c.Add(cost.RangedCostEstimate(phrase.Min/10, phrase.Max/10))
		return cost.NewCallEstimate(c, nil)
	}
	return nil
}
