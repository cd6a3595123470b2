package fold

// A Matcher finds any of a fixed list of phrases in tokenized text, each as a
// run of whole words. It is built once (for a policy's disqualify list, a
// lexicon of scam phrases) and used for every invitation, so matching costs
// one map look-up per token, not one scan per phrase.
type Matcher struct {
	phrases []string               // as given, for evidence
	first   map[string][]candidate // first token of a phrase → the phrases
}

type candidate struct {
	index  int
	tokens []string
}

// NewMatcher folds and tokenizes each phrase. Phrases that fold to nothing
// (white space, zero-width characters only) are kept in Phrases but never
// match.
func NewMatcher(phrases []string) *Matcher {
	m := &Matcher{phrases: phrases, first: make(map[string][]candidate, len(phrases))}
	for i, p := range phrases {
		toks := Fields(p)
		if len(toks) == 0 {
			continue
		}
		m.first[toks[0]] = append(m.first[toks[0]], candidate{index: i, tokens: toks})
	}
	return m
}

// Phrases returns the phrases as given to NewMatcher.
func (m *Matcher) Phrases() []string { return m.phrases }

// Len is the number of phrases.
func (m *Matcher) Len() int { return len(m.phrases) }

// Find returns the indexes of the phrases that occur in tokens, each once,
// in order of first occurrence.
func (m *Matcher) Find(tokens []string) []int {
	return m.AppendFind(nil, tokens)
}

// AppendFind appends to dst the indexes of the phrases found in tokens that
// dst does not hold yet.
func (m *Matcher) AppendFind(dst []int, tokens []string) []int {
	if m == nil || len(m.first) == 0 {
		return dst
	}
	for i, t := range tokens {
		cands, ok := m.first[t]
		if !ok {
			continue
		}
	next:
		for _, c := range cands {
			if len(c.tokens) > len(tokens)-i {
				continue
			}
			for j := 1; j < len(c.tokens); j++ {
				if tokens[i+j] != c.tokens[j] {
					continue next
				}
			}
			for _, have := range dst {
				if have == c.index {
					continue next
				}
			}
			dst = append(dst, c.index)
		}
	}
	return dst
}

// FindPhrases is Find returning the phrases themselves.
func (m *Matcher) FindPhrases(tokens []string) []string {
	idx := m.Find(tokens)
	if len(idx) == 0 {
		return nil
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = m.phrases[j]
	}
	return out
}

// Any reports whether any phrase occurs in tokens.
func (m *Matcher) Any(tokens []string) bool {
	return len(m.Find(tokens)) > 0
}
