package policy

import (
	"slices"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
)

// upgradeWhen rewrites a condition written with the flat names rules used
// before the objects ("mutual < 3 && !has_note") to the new spelling
// ("inv.mutual_connections < 3 && !inv.has_note"). Only free identifiers
// are renamed: a comprehension variable that happens to be called "name"
// stays. It reports false, and returns expr as it is, when there is
// nothing to rename or the expression does not parse.
func upgradeWhen(env *cel.Env, expr string) (string, bool) {
	parsed, iss := env.Parse(expr)
	if iss.Err() != nil {
		return expr, false
	}
	native := parsed.NativeRep()
	info := native.SourceInfo()
	type edit struct {
		start, stop int32
		with        string
	}
	var edits []edit
	var visit func(e ast.Expr, bound []string)
	visit = func(e ast.Expr, bound []string) {
		if e == nil {
			return
		}
		switch e.Kind() {
		case ast.IdentKind:
			name := e.AsIdent()
			if spelled, ok := oldNames[name]; ok && !slices.Contains(bound, name) {
				if r, ok := info.GetOffsetRange(e.ID()); ok {
					edits = append(edits, edit{r.Start, r.Stop, spelled})
				}
			}
		case ast.SelectKind:
			visit(e.AsSelect().Operand(), bound)
		case ast.CallKind:
			c := e.AsCall()
			if c.IsMemberFunction() {
				visit(c.Target(), bound)
			}
			for _, a := range c.Args() {
				visit(a, bound)
			}
		case ast.ListKind:
			for _, x := range e.AsList().Elements() {
				visit(x, bound)
			}
		case ast.MapKind:
			for _, x := range e.AsMap().Entries() {
				m := x.AsMapEntry()
				visit(m.Key(), bound)
				visit(m.Value(), bound)
			}
		case ast.StructKind:
			for _, x := range e.AsStruct().Fields() {
				visit(x.AsStructField().Value(), bound)
			}
		case ast.ComprehensionKind:
			c := e.AsComprehension()
			visit(c.IterRange(), bound)
			visit(c.AccuInit(), bound)
			inner := append(slices.Clip(bound), c.IterVar(), c.AccuVar())
			if c.HasIterVar2() {
				inner = append(inner, c.IterVar2())
			}
			visit(c.LoopCondition(), inner)
			visit(c.LoopStep(), inner)
			visit(c.Result(), inner)
		}
	}
	visit(native.Expr(), nil)
	if len(edits) == 0 {
		return expr, false
	}
	// Offsets count code points. Apply the edits from the end, so that
	// each one leaves the offsets of the others as they were.
	slices.SortFunc(edits, func(a, b edit) int { return int(b.start - a.start) })
	runes := []rune(expr)
	for i, e := range edits {
		if e.start < 0 || e.stop > int32(len(runes)) || e.start >= e.stop ||
			i > 0 && e.stop > edits[i-1].start {
			return expr, false // the positions are not what they seem: change nothing
		}
		old := string(runes[e.start:e.stop])
		if oldNames[old] != e.with {
			return expr, false
		}
		runes = slices.Concat(runes[:e.start], []rune(e.with), runes[e.stop:])
	}
	return string(runes), true
}
