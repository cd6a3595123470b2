package screen

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/screen/lang"
)

// lex names one lexicon the rules look for. Every language's file fills the
// same lexicons (package lang's families), and all of them are compiled into
// one index: a Spanish investment scam and an English one fire the same
// rule, and an invitation is scanned once whatever the number of languages.
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
	lxSharedGround
	lxKeepInTouch
	lxIntroduce
	lxCareer
	lxLearn
	lxMistake
	lxHistory
	lxGeneric
	lxGreeting
	lxLostAccount
	lxChatApps
	lxDisqualify // the policy's own list, in a separate index per Engine
	lxStock      // LinkedIn's stock invitation texts, in a separate index (vocab.stock)
	nLex
)

// lexFamily maps each lexicon to the vocabulary family that fills it.
var lexFamily = [...]lang.Family{
	lxRecruiter: lang.RecruiterTitles, lxSales: lang.SalesTitles, lxPitch: lang.Pitch,
	lxMassInvite: lang.MassInvite, lxInvestment: lang.Investment, lxCrypto: lang.Crypto,
	lxRomance: lang.Romance, lxAdvance: lang.AdvanceFee, lxPhish: lang.Phishing,
	lxOffPlatform: lang.OffPlatform, lxUrgency: lang.Urgency, lxPromoted: lang.PromotedCount,
	lxControversial: lang.Controversy, lxParody: lang.Parody, lxFamous: lang.FamousNames,
	lxIntro: lang.Intro, lxReason: lang.Reason, lxSharedGround: lang.SharedGround,
	lxKeepInTouch: lang.KeepInTouch, lxIntroduce: lang.Introduce, lxCareer: lang.Career,
	lxLearn: lang.Learn, lxMistake: lang.Mistake, lxHistory: lang.CareerHistory,
	lxGeneric: lang.GenericTitles, lxGreeting: lang.Greeting, lxLostAccount: lang.LostAccount,
	lxChatApps: lang.ChatApps,
}

// phraseIndex is a trie over folded tokens: one hash table of edges (node,
// next token) → node, the root being node 0. Finding every phrase that
// starts at a position costs one look-up per token of the longest match,
// whatever the number of phrases and however many of them share their
// first words (a disqualify list of 100,000 phrases all starting with "the"
// costs what a list of ten does: issue 12, item 9).
//
// The table is open-addressed and keyed by a token key computed once per
// word of the invitation (tokenHashes) and shared by every index scanned
// (the vocabularies and the policy's disqualify list): a look-up is a few
// comparisons, not a map access that hashes the word again each time
// (issue 13: the scan was the largest part of the facts' cost). A token of
// up to 8 bytes, most of them, is its own key (its bytes packed into an
// integer), so that finding it reads nothing but the slot.
type phraseIndex struct {
	slots   []edgeSlot // a power of two of them, at most half full
	used    int
	filter  []uint64  // a bit per edge's mixed hash: most failed look-ups end here, in a few kilobytes
	toks    []string  // node → the token of the edge into it
	ends    [][]int32 // node → the entries ending there
	entries []entry
}

// edgeSlot is one edge of the trie; to == 0 marks an empty slot (no edge
// leads back to the root). Sixteen bytes: the table is read at random,
// and the smaller it is the more of it stays in the cache.
type edgeSlot struct {
	key  uint64 // tokenHash of the edge's token
	from int32
	to   int32 // the node; negative (-node) for a token longer than 8 bytes, whose key is only a hash: toks[node] tells
}

// entry is one phrase of one lexicon.
type entry struct {
	lx     lex
	weight int8
	ntok   int8   // tokens in the folded phrase
	phrase string // as written in the vocabulary, for evidence
}

// hit is one phrase found at a token position.
type hit struct {
	id  int32 // index into phraseIndex.entries
	lx  lex
	pos int32
}

func newPhraseIndex(size int) *phraseIndex {
	n := 16
	for n < 4*size {
		n *= 2
	}
	return &phraseIndex{slots: make([]edgeSlot, n), filter: make([]uint64, 4*n/64),
		toks: make([]string, 1, size+1), ends: make([][]int32, 1, size+1)}
}

// tokenHash is a token's key: a token of up to 8 bytes packed into an
// integer (first byte lowest; tokens hold no NUL, so two never pack alike),
// a longer one hashed with FNV-1a. It needs no seed, so that the engine
// stays free of process state.
func tokenHash(tok string) uint64 {
	if len(tok) <= 8 {
		var k uint64
		for i := 0; i < len(tok); i++ {
			k |= uint64(tok[i]) << (8 * i)
		}
		return k
	}
	h := uint64(14695981039346656037)
	for i := 0; i < len(tok); i++ {
		h ^= uint64(tok[i])
		h *= 1099511628211
	}
	return h
}

// tokenHashes appends the tokenHash of every word to dst.
func tokenHashes(dst []uint64, words []string) []uint64 {
	for _, w := range words {
		dst = append(dst, tokenHash(w))
	}
	return dst
}

// mix is the edge (from, token)'s hash: its low bits pick the slot it is
// looked for first, its high bits its filter bit.
func mix(from int32, h uint64) uint64 {
	h ^= uint64(uint32(from)) * 0x9e3779b97f4a7c15
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 29
	return h
}

func (x *phraseIndex) filterBit(m uint64) (int, uint64) {
	b := (m >> 32) & uint64(64*len(x.filter)-1)
	return int(b / 64), 1 << (b % 64)
}

// next follows the edge from node n by token tok (hash h).
func (x *phraseIndex) next(n int32, tok string, h uint64) (int32, bool) {
	m := mix(n, h)
	if w, bit := x.filterBit(m); x.filter[w]&bit == 0 {
		return 0, false
	}
	mask := len(x.slots) - 1
	short := len(tok) <= 8
	for i := int(m) & mask; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.to == 0 {
			return 0, false
		}
		if s.key != h || s.from != n {
			continue
		}
		if short && s.to > 0 {
			return s.to, true // the key is the token itself
		}
		if !short && s.to < 0 && x.toks[-s.to] == tok {
			return -s.to, true
		}
	}
}

// edge returns the node the edge (n, tok) leads to, adding it if new.
func (x *phraseIndex) edge(n int32, tok string) int32 {
	h := tokenHash(tok)
	if to, ok := x.next(n, tok, h); ok {
		return to
	}
	if 2*(x.used+1) > len(x.slots) {
		x.grow()
	}
	to := int32(len(x.ends))
	x.ends = append(x.ends, nil)
	x.toks = append(x.toks, tok)
	e := edgeSlot{key: h, from: n, to: to}
	if len(tok) > 8 {
		e.to = -to
	}
	x.put(e)
	x.used++
	return to
}

func (x *phraseIndex) put(e edgeSlot) {
	m := mix(e.from, e.key)
	w, bit := x.filterBit(m)
	x.filter[w] |= bit
	mask := len(x.slots) - 1
	i := int(m) & mask
	for x.slots[i].to != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = e
}

func (x *phraseIndex) grow() {
	old := x.slots
	x.slots = make([]edgeSlot, 2*len(old))
	x.filter = make([]uint64, 4*len(x.slots)/64)
	for _, e := range old {
		if e.to != 0 {
			x.put(e)
		}
	}
}

// add puts one phrase in the index. The same phrase in one lexicon twice
// (two languages sharing a word) is kept once, with the higher weight.
func (x *phraseIndex) add(l lex, phrase string, weight int) {
	toks := fold.Fields(phrase)
	if len(toks) == 0 {
		return
	}
	var n int32
	for _, t := range toks {
		n = x.edge(n, t)
	}
	for _, id := range x.ends[n] {
		if e := &x.entries[id]; e.lx == l {
			e.weight = max(e.weight, int8(weight))
			return
		}
	}
	x.ends[n] = append(x.ends[n], int32(len(x.entries)))
	x.entries = append(x.entries, entry{lx: l, weight: int8(weight), ntok: int8(min(len(toks), 127)), phrase: phrase})
}

// any reports whether a phrase of the index occurs in words, whose
// tokenHashes are hashes.
func (x *phraseIndex) any(words []string, hashes []uint64) bool {
	if x == nil || len(x.entries) == 0 {
		return false
	}
	for pos, w := range words {
		n, ok := x.next(0, w, hashes[pos])
		for j := pos + 1; ok; j++ {
			if len(x.ends[n]) > 0 {
				return true
			}
			if j == len(words) {
				break
			}
			n, ok = x.next(n, words[j], hashes[j])
		}
	}
	return false
}

// scan appends every phrase found in words, whose tokenHashes are hashes.
// The "|" tokens between fields are in no phrase, so no match crosses from
// one field into the next.
func (x *phraseIndex) scan(dst []hit, words []string, hashes []uint64) []hit {
	if x == nil || len(x.entries) == 0 {
		return dst
	}
	hashes = hashes[:len(words)]
	for pos, w := range words {
		n, ok := x.next(0, w, hashes[pos])
		for j := pos + 1; ok; j++ {
			for _, id := range x.ends[n] {
				dst = append(dst, hit{id: id, lx: x.entries[id].lx, pos: int32(pos)})
			}
			if j == len(words) {
				break
			}
			n, ok = x.next(n, words[j], hashes[j])
		}
	}
	return dst
}

// vocab is every embedded vocabulary compiled once: the phrase index and
// the language-neutral lists that are not phrases of words (hosts, domain
// endings) or that are read token by token (currencies, periods).
type vocab struct {
	index      *phraseIndex
	stock      func() *phraseIndex // LinkedIn's stock invitation phrases (compose.StockPhrases), built on first use
	tags       map[string]bool     // languages with a vocabulary
	shorteners []string
	chatLinks  []string
	riskyTLDs  []string
	brands     []string
	freeMail   []string
	currencies map[string]bool
	periods    map[string]int // unit → how much money per that unit suggests a scam
	addressees map[string]bool
	// chatSubstrings are messenger names in scripts written without spaces
	// (微信): looked for inside the folded note, not as whole words.
	chatSubstrings []string
}

// compiledVocab is built on first use and shared by every Engine. It is
// derived from embedded files only and never written after the build, so
// sharing it is safe; building it per Engine would cost milliseconds per
// policy change and per command (issue 13: start-up).
var compiledVocab = sync.OnceValues(buildVocab)

func buildVocab() (*vocab, error) {
	vs, err := lang.Load()
	if err != nil {
		return nil, err
	}
	v := &vocab{index: newPhraseIndex(8192), tags: map[string]bool{}, currencies: map[string]bool{},
		periods: map[string]int{}, addressees: map[string]bool{}}
	for _, voc := range vs {
		if voc.Tag != "und" {
			v.tags[voc.Tag] = true
		}
		for l, fam := range lexFamily {
			for _, e := range voc.Families[fam] {
				v.index.add(lex(l), e.Phrase, e.Weight)
				if lex(l) == lxChatApps && unspaced(e.Phrase) {
					v.chatSubstrings = append(v.chatSubstrings, fold.String(e.Phrase))
				}
			}
		}
		lower := func(f lang.Family) []string {
			var out []string
			for _, p := range voc.Phrases(f) {
				out = append(out, strings.ToLower(strings.TrimSpace(p)))
			}
			return out
		}
		v.shorteners = append(v.shorteners, lower(lang.Shorteners)...)
		v.chatLinks = append(v.chatLinks, lower(lang.ChatLinks)...)
		v.riskyTLDs = append(v.riskyTLDs, lower(lang.RiskyTLDs)...)
		v.brands = append(v.brands, lower(lang.TrustedBrands)...)
		v.freeMail = append(v.freeMail, lower(lang.FreeMailDomains)...)
		set := func(m map[string]bool, f lang.Family) {
			for _, p := range voc.Phrases(f) {
				for _, t := range fold.Fields(p) {
					m[t] = true
				}
			}
		}
		set(v.currencies, lang.Currencies)
		for _, e := range voc.Families[lang.Periods] {
			for _, t := range fold.Fields(e.Phrase) {
				v.periods[t] = max(v.periods[t], e.Weight)
			}
		}
		set(v.addressees, lang.Addressees)
	}
	if len(v.index.entries) == 0 {
		return nil, fmt.Errorf("no vocabulary phrases embedded")
	}
	// Built with the first note, as compose builds its own table then:
	// an engine that screens no note does not parse the vocabularies
	// a second time.
	v.stock = sync.OnceValue(func() *phraseIndex {
		stock := compose.StockPhrases()
		x := newPhraseIndex(len(stock))
		for _, p := range stock {
			x.add(lxStock, p, 1)
		}
		return x
	})
	return v, nil
}

// unspaced reports a phrase in a script written without spaces between
// words (Han, Kana, Hangul, Thai).
func unspaced(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai) {
			return true
		}
	}
	return false
}

// span is a range of token positions in facts.words: one field or several.
type span struct{ from, to int }

func (s span) holds(pos int32) bool { return int(pos) >= s.from && int(pos) < s.to }

// find returns the entries of lexicon l found within s, each once, in
// order of first occurrence. The slice is part of an arena of f that lives
// as long as the screening: it is never written again, and appending to
// it copies.
func (f *facts) find(l lex, s span) []int32 {
	start := len(f.ids)
outer:
	for _, h := range f.hits {
		if h.lx != l || !s.holds(h.pos) {
			continue
		}
		for _, have := range f.ids[start:] {
			if have == h.id {
				continue outer
			}
		}
		f.ids = append(f.ids, h.id)
	}
	if len(f.ids) == start {
		return nil
	}
	return f.ids[start:len(f.ids):len(f.ids)]
}

// found is find returning the phrases as written, from f's arena of
// strings (see find).
func (f *facts) found(l lex, s span) []string {
	idx := f.find(l, s)
	if len(idx) == 0 {
		return nil
	}
	start := len(f.strs)
	for _, j := range idx {
		f.strs = append(f.strs, f.entry(l, j).phrase)
	}
	return f.strs[start:len(f.strs):len(f.strs)]
}

// entry returns a found entry: the policy's own index for disqualify
// phrases, the shared vocabulary for the rest.
func (f *facts) entry(l lex, id int32) *entry {
	if l == lxDisqualify {
		return &f.e.disqualify.entries[id]
	}
	return &f.e.vocab.index.entries[id]
}

// has reports whether any phrase of lexicon l occurs within s.
func (f *facts) has(l lex, s span) bool {
	for _, h := range f.hits {
		if h.lx == l && s.holds(h.pos) {
			return true
		}
	}
	return false
}
