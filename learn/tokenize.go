package learn

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet/fold"
)

// Shape tokens stand for a kind of token rather than its spelling: every
// long number, web address or amount of money looks alike to the classifier,
// so that one seen in training counts for all the others. They are written
// in angle brackets, which fold.Words never puts inside a word, so they
// cannot collide with a word of the text.
const (
	tokURL   = "<url>"
	tokEmail = "<email>"
	tokMoney = "<money>"
	tokShout = "<shout>" // a word written in capitals in the raw text
)

// Features returns the features the classifier counts for doc under p,
// sorted and each once: see the package documentation for what they are.
// It is exported so that a user can see why a document scores as it does.
func Features(doc Doc, p Params) []string {
	feats := appendFeatures(nil, doc, p)
	slices.Sort(feats)
	return slices.Compact(feats)
}

// appendFeatures appends every feature of doc, repeats included, in the
// order they occur.
func appendFeatures(dst []string, doc Doc, p Params) []string {
	t := newTokenizer(p)
	t.sink, t.strs = sinkStrings, dst
	t.doc(doc)
	return t.strs
}

// FoldedText is one text field of a document that the caller has folded
// already, as the screening engine does for every invitation: Folded must
// be fold.String(Raw) and Words fold.AppendWords(nil, Folded). The raw text
// is still needed, for the capitals token and to bound a very long field.
type FoldedText struct {
	Raw, Folded string
	Words       []string
}

// FoldedDoc is a Doc whose text fields are folded already: its features
// are exactly those of Doc{Text: raw texts, Facts: Facts}
// (FuzzFoldedFeatures), without folding the text again.
type FoldedDoc struct {
	Text  []FoldedText
	Facts []string // as Doc.Facts
}

// FeaturesFolded is Features for a document folded by the caller.
func FeaturesFolded(doc FoldedDoc, p Params) []string {
	t := newTokenizer(p)
	t.sink = sinkStrings
	t.folded(doc)
	slices.Sort(t.strs)
	return slices.Compact(t.strs)
}

// Where the tokenizer puts each feature.
const (
	sinkStrings = iota // a copy in strs: for Features and Train
	sinkEntries        // its counts in entries, when it was seen in training
	sinkIDs            // its number in the compiled model in ids, when seen
)

// tokenizer turns a document into features and hands each to its sink,
// written in a scratch buffer, so that Classify looks features up without
// allocating a string for each. The sinks are a switch rather than a
// function value so that the scratch buffers can live on the caller's
// stack.
type tokenizer struct {
	p     Params
	words []string
	buf   []byte

	sink    int
	strs    []string
	vocab   map[string]*entry
	entries []*entry

	// sinkIDs: the features' numbers in the compiled model m, in ids;
	// when counting presence, one bit each in bits instead (summary has a
	// bit per non-zero word of bits), so that they come out sorted and
	// once each without sorting (numbers).
	m       *model
	ids     []int32
	bits    []uint64
	summary []uint64
}

func newTokenizer(p Params) tokenizer {
	return tokenizer{p: p, words: make([]string, 0, 64), buf: make([]byte, 0, 64)}
}

func (t *tokenizer) emit(parts ...string) {
	t.buf = t.buf[:0]
	for _, s := range parts {
		t.buf = append(t.buf, s...)
	}
	t.put()
}

// emit1 is emit of one part, which needs no copy for a look-up. It
// returns the feature's number in the compiled model, or -1 (unseen, or
// another sink).
func (t *tokenizer) emit1(f string) int32 {
	switch t.sink {
	case sinkIDs:
		if id, ok := t.m.ids[f]; ok {
			t.add(id)
			return id
		}
	case sinkEntries:
		if e := t.vocab[f]; e != nil {
			t.entries = append(t.entries, e)
		}
	default:
		t.strs = append(t.strs, f)
	}
	return -1
}

func (t *tokenizer) put() {
	switch t.sink {
	case sinkIDs:
		if id, ok := t.m.ids[string(t.buf)]; ok {
			t.add(id)
		}
	case sinkEntries:
		if e := t.vocab[string(t.buf)]; e != nil {
			t.entries = append(t.entries, e)
		}
	default:
		t.strs = append(t.strs, string(t.buf))
	}
}

// add counts the feature numbered id (sinkIDs).
func (t *tokenizer) add(id int32) {
	if t.bits == nil {
		t.ids = append(t.ids, id)
		return
	}
	w := uint32(id) >> 6
	t.summary[w>>6] |= 1 << (w & 63)
	t.bits[w] |= 1 << (uint32(id) & 63)
}

// numbers returns the numbers of the features added (sinkIDs) in token
// order, repeats adjacent, once each when counting presence; it leaves
// bits and summary clear for the next document.
func (t *tokenizer) numbers() []int32 {
	if t.bits == nil {
		slices.Sort(t.ids)
		if t.p.Binary {
			t.ids = slices.Compact(t.ids)
		}
		return t.ids
	}
	ids := t.ids[:0]
	for si, s := range t.summary {
		if s == 0 {
			continue
		}
		t.summary[si] = 0
		for s != 0 {
			wi := si<<6 | bits.TrailingZeros64(s)
			s &= s - 1
			x := t.bits[wi]
			t.bits[wi] = 0
			for x != 0 {
				ids = append(ids, int32(wi<<6|bits.TrailingZeros64(x)))
				x &= x - 1
			}
		}
	}
	t.ids = ids
	return ids
}

// bigram adds the pair of adjacent units a and b, numbered ida and idb in
// the compiled model (-1: unseen). There a pair is looked up by the
// numbers of its words, which is cheaper than by its text; a pair of an
// unseen word can only be in the model when the model holds a pair whose
// words are not both in it (loose).
func (t *tokenizer) bigram(a string, ida int32, b string, idb int32) {
	if t.sink == sinkIDs {
		if ida >= 0 && idb >= 0 {
			if id := t.m.pairs.get(pairKey(ida, idb)); id >= 0 {
				t.add(id)
			}
			return
		}
		if !t.m.loose {
			return
		}
	}
	t.emit(a, " ", b)
}

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func (t *tokenizer) doc(doc Doc) {
	budget := t.p.MaxWords
	for _, text := range doc.Text {
		if budget <= 0 {
			break
		}
		budget -= t.text(text, budget)
	}
	t.facts(doc.Facts)
}

// folded is doc for text the caller folded: the same features, in the
// same order.
func (t *tokenizer) folded(doc FoldedDoc) {
	budget := t.p.MaxWords
	for _, text := range doc.Text {
		if budget <= 0 {
			break
		}
		if len(text.Raw) > budget*maxWordBytes {
			// Cut before folding, as text does: rare enough to fold again.
			budget -= t.text(text.Raw, budget)
			continue
		}
		budget -= t.textFolded(text.Raw, text.Folded, text.Words, budget)
	}
	t.facts(doc.Facts)
}

func (t *tokenizer) facts(facts []string) {
	for i, f := range facts {
		if i == t.p.MaxWords {
			break // facts are few; a flood of them is a bug upstream
		}
		if t.sink == sinkIDs {
			// An invitation's facts, folded and numbered once per model.
			if id, ok := t.m.factIDs[f]; ok {
				if id >= 0 {
					t.add(id)
				}
				continue
			}
		}
		// Facts come from code, but fold them anyway so that a fact built
		// from user text ("industry:Software") matches however it was typed.
		if f = fold.String(f); f != "" {
			t.emit1(f)
		}
	}
}

// text adds the features of one raw text field, reading at most budget
// words, and returns how many words it read.
func (t *tokenizer) text(raw string, budget int) int {
	if limit := budget * maxWordBytes; len(raw) > limit {
		// Bound the folding work too; cut at the start of a character.
		for limit > 0 && !utf8.RuneStart(raw[limit]) {
			limit--
		}
		raw = raw[:limit]
	}
	folded := fold.String(raw) // also makes invalid UTF-8 valid
	t.words = fold.AppendWords(t.words[:0], folded)
	return t.textFolded(raw, folded, t.words, budget)
}

// textFolded is text once raw is folded and split into words; it does not
// write into words.
func (t *tokenizer) textFolded(raw, folded string, words []string, budget int) int {
	if len(words) == 0 {
		return 0 // an empty field is no evidence, not a short one
	}
	if len(words) > budget {
		words = words[:budget]
	}
	t.shapes(raw, folded, budget)
	prev, prevID := "", int32(-1)
	for i, w := range words {
		unit, id := t.word(w)
		if t.p.Bigrams && i > 0 {
			t.bigram(prev, prevID, unit, id)
		}
		prev, prevID = unit, id
	}
	if t.p.LengthFeature {
		t.emit1(lengthToken(utf8.RuneCountInString(folded)))
	}
	return len(words)
}

// maxWordBytes is the room one word of the budget allows in the raw text,
// spaces and punctuation included.
const maxWordBytes = 64

// word adds the features of one folded word and returns the unit that
// stands for it in word pairs, with its number in the compiled model (-1:
// unseen, or no model).
func (t *tokenizer) word(w string) (string, int32) {
	if n, ok := digitRun(w); ok && n >= 5 {
		// A phone number or short code: its spelling rarely repeats, its
		// shape does.
		shape := numToken(n)
		id := t.emit1(shape)
		if t.p.KeepLongNumbers {
			t.emit1(w)
		}
		return shape, id
	}
	id := t.emit1(w)
	if t.p.CharGramMin > 0 && utf8.RuneCountInString(w) <= t.p.CharGramMaxWord {
		t.charGrams(w)
	}
	return w, id
}

// charGrams adds the character n-grams of w with its boundaries marked, so
// that "txt", "text" and "texting" share evidence and a misspelling still
// counts. They are prefixed by '#', which no word contains; the word
// itself, marked at both ends, is not repeated.
func (t *tokenizer) charGrams(w string) {
	runes := []rune("^" + w + "$")
	for n := t.p.CharGramMin; n <= t.p.CharGramMax; n++ {
		for i := 0; i+n <= len(runes); i++ {
			if i == 0 && n >= len(runes)-1 || n == len(runes)-1 && i == 1 {
				continue // "^w", "w$", "^w$": the word again
			}
			t.emit("#", string(runes[i:i+n]))
		}
	}
}

// shapes adds the shape tokens. Addresses and amounts are read from the
// folded text before word splitting cuts them apart; capitals from the raw
// text, since folding lower-cases. Both read the first budget fields as
// strings.Fields splits them, looking closer only at a field that holds a
// byte a shape needs (shapesRef in the tests is the plain form they must
// agree with).
func (t *tokenizer) shapes(raw, folded string, budget int) {
	// Most text has no address or amount: skip the scan then. (The same
	// test as strings.ContainsAny(folded, ".@$£€"): "£" and "€" start with
	// bytes no other character's encoding continues with.)
	if t.p.ShapeTokens && (strings.ContainsAny(folded, ".@$") || strings.Contains(folded, "£") || strings.Contains(folded, "€")) {
		for n, i := 0, 0; ; n++ {
			start, end, marked := nextField(folded, i, shapeClasses)
			if start == end || n == budget {
				break
			}
			if marked {
				t.shapeField(folded[start:end])
			}
			i = end
		}
	}
	if t.p.ShoutToken {
		for n, i := 0, 0; ; n++ {
			start, end, upper := nextField(raw, i, upperClasses)
			if start == end || n == budget {
				break
			}
			if upper && shouted(raw[start:end]) {
				t.emit1(tokShout)
			}
			i = end
		}
	}
}

// nextField returns the bounds of the first field of s[i:] as
// strings.Fields splits text (start == end when there is none), and
// whether the field holds a byte marked in class (see byteClasses).
func nextField(s string, i int, class *[256]uint8) (start, end int, marked bool) {
	for i < len(s) {
		k := class[s[i]]
		if k&clsSpace != 0 {
			i++
			continue
		}
		if k&clsHigh != 0 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		break
	}
	start = i
	for i < len(s) {
		k := class[s[i]]
		if k == 0 { // most bytes: ASCII, neither space nor marked
			i++
			continue
		}
		if k&clsSpace != 0 {
			break
		}
		if k&clsHigh != 0 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			marked = marked || k&clsMark != 0
			i += size
			continue
		}
		marked = true
		i++
	}
	return start, i, marked
}

// Byte classes for nextField.
const (
	clsSpace = 1 << iota // ASCII white space
	clsHigh              // not ASCII: decode the character
	clsMark              // the byte the caller looks for
)

// byteClasses returns nextField's class table marking the given bytes.
func byteClasses(mark string) *[256]uint8 {
	var t [256]uint8
	for c := range 256 {
		if c >= utf8.RuneSelf {
			t[c] |= clsHigh
		}
	}
	for _, c := range []byte("\t\n\v\f\r ") {
		t[c] |= clsSpace
	}
	for i := 0; i < len(mark); i++ {
		t[mark[i]] |= clsMark
	}
	return &t
}

// upperClasses marks the capital letters: a field without one is not
// shouted.
var upperClasses = byteClasses("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

// shapeClasses marks the bytes a field must hold for shapeField to find
// anything in it: "@" for an e-mail address, "h" of "http" and the dot of
// "www." or a web suffix, and the currency signs: "$" and the first bytes
// of "£" and "€" (any character starting with those bytes is looked at).
var shapeClasses = byteClasses("@.h$" + "\xc2\xe2")

// shouted reports whether field has at least three letters, all capitals.
func shouted(field string) bool {
	letters := 0
	for i := 0; i < len(field); i++ {
		switch c := field[i]; {
		case 'A' <= c && c <= 'Z':
			letters++
		case 'a' <= c && c <= 'z':
			return false
		}
	}
	return letters >= 3
}

// shapeField adds the shape tokens of one field of folded text.
func (t *tokenizer) shapeField(field string) {
	switch {
	case strings.Contains(field, "@") && strings.Contains(field, "."):
		t.emit1(tokEmail)
	case strings.Contains(field, "http") || strings.Contains(field, "www.") || hasWebSuffix(field):
		t.emit1(tokURL)
	}
	if money(field) {
		t.emit1(tokMoney)
	}
}

// webSuffixes end a bare web address ("win-big.com").
var webSuffixes = [...]string{".com", ".co.uk", ".net", ".org", ".biz", ".info", ".ly"}

func hasWebSuffix(s string) bool {
	if !strings.Contains(s, ".") {
		return false
	}
	s = strings.TrimRight(s, ".,;:!?)/")
	for _, suf := range webSuffixes {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return true
		}
	}
	return false
}

// money reports whether field is an amount: a currency sign next to a
// digit, as in "£1000", "$5" or "10€".
func money(field string) bool {
	for i, r := range field {
		if r != '£' && r != '$' && r != '€' {
			continue
		}
		after := field[i+utf8.RuneLen(r):]
		before := field[:i]
		if after != "" && isDigit(after[0]) || before != "" && isDigit(before[len(before)-1]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitRun reports whether w is all ASCII digits, and how many.
func digitRun(w string) (int, bool) {
	if w == "" {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return 0, false
		}
	}
	return len(w), true
}

func numToken(n int) string {
	if n >= 10 {
		return "<num10+>"
	}
	return "<num5+>"
}

// lengthToken buckets the length of a text field: long messages are more
// often sales pitches, and a bucket keeps the feature a count.
func lengthToken(runes int) string {
	switch {
	case runes < 20:
		return "<len<20>"
	case runes < 40:
		return "<len<40>"
	case runes < 80:
		return "<len<80>"
	case runes < 120:
		return "<len<120>"
	case runes < 160:
		return "<len<160>"
	}
	return "<len160+>"
}
