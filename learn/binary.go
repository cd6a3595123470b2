package learn

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/linkvet/linkvet"
)

// The stored form, all numbers unsigned varints, strings length-prefixed:
//
//	"LVNB" version
//	feature flags, CharGramMin, CharGramMax, CharGramMaxWord, MaxWords
//	class count, then per class (sorted by name): name, decisions
//	feature count, then per feature (sorted): token, one count per class
//
// Classes and features are sorted and features counted zero everywhere
// are left out, so equal counts always give equal bytes: train then
// untrain gives back the bytes of before.
const (
	binaryMagic   = "LVNB"
	binaryVersion = 1
)

// Feature flags in the stored form.
const (
	flagBigrams = 1 << iota
	flagKeepLongNumbers
	flagShapeTokens
	flagShoutToken
	flagLengthFeature
	flagBinary
)

// featureSignature is the part of Params that decides what is counted.
type featureSignature struct {
	flags                                  uint64
	charMin, charMax, charMaxWord, maxWord uint64
}

func signature(p Params) featureSignature {
	var f uint64
	for bit, on := range map[uint64]bool{
		flagBigrams: p.Bigrams, flagKeepLongNumbers: p.KeepLongNumbers, flagShapeTokens: p.ShapeTokens,
		flagShoutToken: p.ShoutToken, flagLengthFeature: p.LengthFeature, flagBinary: p.Binary,
	} {
		if on {
			f |= bit
		}
	}
	return featureSignature{f, uint64(p.CharGramMin), uint64(p.CharGramMax), uint64(p.CharGramMaxWord), uint64(p.MaxWords)}
}

// String describes the feature settings for an error message.
func (s featureSignature) String() string {
	var on []string
	for _, f := range []struct {
		bit  uint64
		name string
	}{{flagBigrams, "bigrams"}, {flagKeepLongNumbers, "long numbers"}, {flagShapeTokens, "shapes"},
		{flagShoutToken, "capitals"}, {flagLengthFeature, "length"}, {flagBinary, "binary counts"}} {
		if s.flags&f.bit != 0 {
			on = append(on, f.name)
		}
	}
	if len(on) == 0 {
		on = append(on, "words only")
	}
	return fmt.Sprintf("%s, character n-grams %d..%d up to %d letters, %d words at most",
		strings.Join(on, ", "), s.charMin, s.charMax, s.charMaxWord, s.maxWord)
}

// MarshalBinary returns the counts in a compact, canonical form, for
// storing in SQLite.
func (c *Classifier) MarshalBinary() ([]byte, error) {
	var kept []int // classes with anything counted, by name
	for i := range c.classes {
		if c.docs[i] > 0 || c.total[i] > 0 {
			kept = append(kept, i)
		}
	}
	slices.SortFunc(kept, func(a, b int) int { return strings.Compare(c.classes[a], c.classes[b]) })

	b := make([]byte, 0, 64+len(c.vocab)*(12+2*len(kept)))
	b = append(b, binaryMagic...)
	b = append(b, binaryVersion)
	sig := signature(c.p)
	for _, v := range []uint64{sig.flags, sig.charMin, sig.charMax, sig.charMaxWord, sig.maxWord} {
		b = binary.AppendUvarint(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(kept)))
	for _, ci := range kept {
		b = appendString(b, c.classes[ci])
		b = binary.AppendUvarint(b, c.docs[ci])
	}
	tokens := make([]string, 0, len(c.vocab))
	for tok := range c.vocab {
		tokens = append(tokens, tok)
	}
	slices.Sort(tokens)
	b = binary.AppendUvarint(b, uint64(len(tokens)))
	for _, tok := range tokens {
		e := c.vocab[tok]
		b = appendString(b, tok)
		for _, ci := range kept {
			b = binary.AppendUvarint(b, uint64(e.count(ci)))
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// UnmarshalBinary replaces the counts with those of data, as written by
// MarshalBinary. The classifier's Params stay; an ECONFLICT error says when
// data was counted with other feature parameters (retrain then), an
// EINVALID error when data is damaged. On error nothing changes.
func (c *Classifier) UnmarshalBinary(data []byte) error {
	base := c
	if c.index == nil {
		// The zero Classifier: read with the defaults, as New would.
		base = New(DefaultParams())
	}
	d := decoder{b: data}
	if !bytes.HasPrefix(data, []byte(binaryMagic)) {
		return linkvet.Errorf(linkvet.EINVALID, "stored classifier: not a linkvet classifier (bad header)")
	}
	d.b = d.b[len(binaryMagic):]
	if v := d.byte(); v != binaryVersion {
		return linkvet.Errorf(linkvet.EINVALID, "stored classifier: version %d, this linkvet reads version %d", v, binaryVersion)
	}
	var got featureSignature
	got.flags, got.charMin, got.charMax, got.charMaxWord, got.maxWord = d.uvarint(), d.uvarint(), d.uvarint(), d.uvarint(), d.uvarint()
	if d.err != nil {
		return d.fail("header")
	}
	if want := signature(base.p); got != want {
		return linkvet.Errorf(linkvet.ECONFLICT, "stored classifier was counted with other feature settings (%s; now %s): retrain it from the recorded decisions", got, want)
	}

	nc := d.count(1 + 1) // a name length and a count at least
	n := &Classifier{p: base.p, index: map[string]int{}, vocab: map[string]*entry{}, logTab: base.logTab}
	for i := range nc {
		name, docs := d.string(), d.uvarint()
		if d.err != nil {
			return d.fail(fmt.Sprintf("class %d", i+1))
		}
		if name == "" {
			return linkvet.Errorf(linkvet.EINVALID, "stored classifier: class %d has no name", i+1)
		}
		if i > 0 && name <= n.classes[i-1] {
			return linkvet.Errorf(linkvet.EINVALID, "stored classifier: class %q out of order or repeated", clip(name))
		}
		n.index[name] = i
		n.classes = append(n.classes, name)
		n.docs = append(n.docs, docs)
		n.total = append(n.total, 0)
	}
	nt := d.count(1 + len(n.classes))
	prev := ""
	for i := range nt {
		tok := d.string()
		e := &entry{token: tok, n: make([]uint32, len(n.classes))}
		for ci := range e.n {
			v := d.uvarint()
			if v > 1<<32-1 {
				return linkvet.Errorf(linkvet.EINVALID, "stored classifier: count of feature %q is too large", clip(tok))
			}
			e.n[ci] = uint32(v)
			n.total[ci] += v
		}
		if d.err != nil {
			return d.fail(fmt.Sprintf("feature %d", i+1))
		}
		if i > 0 && tok <= prev {
			return linkvet.Errorf(linkvet.EINVALID, "stored classifier: feature %q out of order or repeated", clip(tok))
		}
		if allZero(e.n) {
			return linkvet.Errorf(linkvet.EINVALID, "stored classifier: feature %q is counted nowhere", clip(tok))
		}
		prev = tok
		n.vocab[tok] = e
	}
	if d.err != nil {
		return d.fail("counts")
	}
	if len(d.b) > 0 {
		return linkvet.Errorf(linkvet.EINVALID, "stored classifier: %d bytes left over at the end", len(d.b))
	}
	for i, name := range n.classes {
		if n.docs[i] == 0 && n.total[i] == 0 {
			return linkvet.Errorf(linkvet.EINVALID, "stored classifier: class %q has nothing counted", clip(name))
		}
	}
	c.p, c.classes, c.index, c.docs, c.total, c.vocab, c.logTab = n.p, n.classes, n.index, n.docs, n.total, n.vocab, n.logTab
	c.forget()
	return nil
}

// decoder reads the stored form; the first error sticks and later reads
// return zero values.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(where string) error {
	return linkvet.Errorf(linkvet.EINVALID, "stored classifier: truncated or damaged at %s", where)
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) == 0 {
		d.err = errTruncated
		return 0
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of records of at least minSize bytes each, and
// refuses one the remaining data cannot hold, so that a damaged count
// cannot make us allocate much.
func (d *decoder) count(minSize int) int {
	v := d.uvarint()
	if d.err == nil && v > uint64(len(d.b)/minSize) {
		d.err = errTruncated
	}
	if d.err != nil {
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	l := d.uvarint()
	if d.err != nil {
		return ""
	}
	if l > uint64(len(d.b)) {
		d.err = errTruncated
		return ""
	}
	s := string(d.b[:l])
	d.b = d.b[l:]
	return s
}

var errTruncated = fmt.Errorf("truncated")
