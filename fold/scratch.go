package fold

import "unsafe"

// Scratch folds and splits texts whose tokens are only looked up (in a set
// of currency names, a table of units) and never kept, in buffers reused
// from one text to the next: a hot path that folds many short texts then
// allocates nothing. What String and Fields return is valid only until the
// Scratch's next call; keep a copy (strings.Clone) of anything kept.
//
// A Scratch is not safe for concurrent use; its zero value is ready.
type Scratch struct {
	b []byte
	w []string
}

// String is String(s), in the Scratch's buffer.
func (x *Scratch) String(s string) string {
	x.b = AppendString(x.b[:0], s)
	return unsafe.String(unsafe.SliceData(x.b), len(x.b))
}

// Fields is Fields(s), in the Scratch's buffers.
func (x *Scratch) Fields(s string) []string {
	x.w = AppendWords(x.w[:0], x.String(s))
	return x.w
}

// Reset empties the Scratch, keeping its buffers; the tokens it handed out
// no longer hold any text alive.
func (x *Scratch) Reset() {
	clear(x.w[:cap(x.w)])
	x.b, x.w = x.b[:0], x.w[:0]
}
