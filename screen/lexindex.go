package screen

import "github.com/linkvet/linkvet/fold"

// lex names one lexicon of the engine's index.
type lex uint8

const (
	lxRecruiter lex = iota
	lxSales
	lxPitch
	lxMassInvite
	lxInvestment
	lxCrypto
	lxRomance
	lxAdvance
	lxPhish
	lxOffPlatform
	lxUrgency
	lxPromoted
	lxControversial
	lxParody
	lxFamous
	lxIntro
	lxReason
	lxKeepInTouch
	lxIntroduce
	lxCareer
	lxLearn
	lxMistake
	lxHistory
	lxDisqualify
	nLex
)

// lexIndex holds every lexicon in one map from a phrase's first token to
// the phrases starting with it, so that an invitation's tokens are scanned
// once for all lexicons instead of once per lexicon.
type lexIndex struct {
	first   map[string][]lexEntry
	phrases [nLex][]string
	weights [nLex][]int
}

type lexEntry struct {
	lx   lex
	i    int32
	toks []string
}

// hit is one phrase found at a token position.
type hit struct {
	lx  lex
	i   int32
	pos int32
}

func (x *lexIndex) add(l lex, phrases []string, weights []int) {
	x.phrases[l] = phrases
	x.weights[l] = weights
	for i, p := range phrases {
		toks := fold.Fields(p)
		if len(toks) == 0 {
			continue
		}
		x.first[toks[0]] = append(x.first[toks[0]], lexEntry{lx: l, i: int32(i), toks: toks})
	}
}

func (x *lexIndex) addWeighted(l lex, ws []weighted) {
	phrases := make([]string, len(ws))
	weights := make([]int, len(ws))
	for i, w := range ws {
		phrases[i], weights[i] = w.phrase, w.weight
	}
	x.add(l, phrases, weights)
}

// scan appends to dst every phrase of every lexicon found in words.
func (x *lexIndex) scan(dst []hit, words []string) []hit {
	for pos, w := range words {
		cands, ok := x.first[w]
		if !ok {
			continue
		}
	next:
		for _, c := range cands {
			if len(c.toks) > len(words)-pos {
				continue
			}
			for j := 1; j < len(c.toks); j++ {
				if words[pos+j] != c.toks[j] {
					continue next
				}
			}
			dst = append(dst, hit{lx: c.lx, i: c.i, pos: int32(pos)})
		}
	}
	return dst
}

// span is a range of token positions in facts.words: one field or several.
type span struct{ from, to int }

// find returns the indexes of the phrases of lexicon l found within s, each
// once, in order of first occurrence.
func (f *facts) find(l lex, s span) []int {
	var out []int
outer:
	for _, h := range f.hits {
		if h.lx != l || int(h.pos) < s.from || int(h.pos) >= s.to {
			continue
		}
		for _, have := range out {
			if have == int(h.i) {
				continue outer
			}
		}
		out = append(out, int(h.i))
	}
	return out
}

// found is find returning the phrases.
func (f *facts) found(e *Engine, l lex, s span) []string {
	idx := f.find(l, s)
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = e.lex.phrases[l][j]
	}
	return out
}

// has reports whether any phrase of lexicon l occurs within s.
func (f *facts) has(l lex, s span) bool {
	for _, h := range f.hits {
		if h.lx == l && int(h.pos) >= s.from && int(h.pos) < s.to {
			return true
		}
	}
	return false
}
