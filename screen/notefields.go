package screen

import "github.com/linkvet/linkvet/fold"

// noteFields is a note split at white space (strings.Fields), with what
// each field's folded tokens say about money worked out at most once per
// field: the money signals (moneyIn, amounts, gains) look at every field
// near every number, and folding a field each time was most of the
// facts' allocations (issue 13).
type noteFields struct {
	e      *Engine
	fields []string
	info   []fieldInfo
	fold   *fold.Scratch
}

// fieldInfo is what one field's folded tokens say.
type fieldInfo struct {
	done     bool
	period   int     // the largest money-per-period weight of its tokens (vocab.periods)
	currency bool    // a token names a currency (vocab.currencies)
	mult     float64 // what its first token multiplies a number by, 0 for none (multipliers)
}

// newNoteFields works on fields with buffers of its own, for callers that
// hold no facts (the tests' moneyPromises and gains).
func (e *Engine) newNoteFields(fields []string) *noteFields {
	return &noteFields{e: e, fields: fields, info: make([]fieldInfo, len(fields)), fold: new(fold.Scratch)}
}

// noteFields works on fields with f's reused buffers.
func (f *facts) noteFields(fields []string) *noteFields {
	info := f.fieldInfo[:0]
	for range fields {
		info = append(info, fieldInfo{})
	}
	f.fieldInfo = info
	f.nf = noteFields{e: f.e, fields: fields, info: info, fold: &f.fold}
	return &f.nf
}

func (n *noteFields) at(i int) *fieldInfo {
	in := &n.info[i]
	if in.done {
		return in
	}
	in.done = true
	for k, t := range n.fold.Fields(n.fields[i]) {
		in.period = max(in.period, n.e.vocab.periods[t])
		in.currency = in.currency || n.e.vocab.currencies[t]
		if k == 0 {
			in.mult = multipliers[t]
		}
	}
	return in
}

// currencyWord reports a field (by index; out of range: none) naming a
// currency.
func (n *noteFields) currencyWord(i int) bool {
	return i >= 0 && i < len(n.fields) && n.at(i).currency
}

// period is the money-per-period weight of field i.
func (n *noteFields) period(i int) int { return n.at(i).period }

// multiplier is what field i's first token multiplies a number by; out of
// range: nothing.
func (n *noteFields) multiplier(i int) (float64, bool) {
	if i < 0 || i >= len(n.fields) {
		return 0, false
	}
	m := n.at(i).mult
	return m, m != 0
}
