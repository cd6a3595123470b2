package screen

import "sync"

// factsPool keeps the facts of finished screenings for the next one, so
// that an invitation costs no allocation for its facts, its token list,
// its phrase hits or the bytes of its folded texts (issue 13: the garbage
// collector was a sixth of screen --json's time). Each Engine holds its
// own pool: there is no package state, and a pool dies with its engine.
//
// What goes back into the pool must not be reachable from anything the
// screening returned: the verdict and the explanation hold strings only
// (the folded texts are a fresh string per invitation, never the pooled
// bytes), and every slice of the facts (words, hits, found phrases, shared
// items, links) is read during the screening and dropped with it.
type factsPool struct{ p sync.Pool }

// Buffers that grew beyond these (a hostile record with a megabyte of
// "about") are left to the garbage collector instead of being kept.
const (
	maxPooledWords = 4096
	maxPooledText  = 64 << 10
)

// get returns zeroed facts with the buffers of an earlier screening.
func (x *factsPool) get() *facts {
	if f, ok := x.p.Get().(*facts); ok {
		return f
	}
	return &facts{}
}

// put zeroes f, keeping its buffers (emptied, and cleared of pointers so
// that they hold no earlier invitation's text alive), and keeps it for the
// next screening.
func (x *factsPool) put(f *facts) {
	if cap(f.words) > maxPooledWords || cap(f.text) > maxPooledText || cap(f.strs) > maxPooledWords ||
		cap(f.hits) > maxPooledWords || cap(f.scratch) > maxPooledWords || cap(f.fields) > maxPooledWords ||
		cap(f.t.marks) > maxPooledWords {
		return
	}
	words, hits, scratch, strs := f.words[:0], f.hits[:0], f.scratch[:0], f.strs[:0]
	shared, links, text, ids := f.sharedBuf[:0], f.linksBuf[:0], f.text[:0], f.ids[:0]
	clear(words[:cap(words)])
	clear(scratch[:cap(scratch)])
	clear(strs[:cap(strs)])
	clear(shared[:cap(shared)])
	clear(links[:cap(links)])
	fields := f.fields[:0]
	clear(fields[:cap(fields)])
	marks := f.t.marks[:0]
	clear(marks[:cap(marks)])
	*f = facts{t: tallies{marks: marks},
		words: words, hits: hits, scratch: scratch, strs: strs, text: text, ids: ids, sharedBuf: shared, linksBuf: links,
		fields: fields, hashes: f.hashes[:0], fieldInfo: f.fieldInfo[:0], fold: f.fold,
		sharedEnds: f.sharedEnds[:0], skillEnds: f.skillEnds[:0], ints: f.ints[:0]}
	f.fold.Reset()
	x.p.Put(f)
}
