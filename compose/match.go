package compose

import (
	"github.com/linkvet/linkvet/fold"
)

// Drafts are written for most invitations screened, so finding which
// known item a note mentions must not fold and tokenize the note and every
// skill and group anew. Most notes and items are ASCII, and the tokens
// fold.Fields makes of ASCII text are known without folding it: its runs
// of letters and digits (apostrophes inside a word left out), lower-cased.
// mentionsIn compares an item's runs with a note's tokens in place; an
// item that is not plain ASCII words goes through fold.Fields as before
// (TestMentionsAgreesWithFold, FuzzMentions).

// mentions reports whether the folded tokens toks hold item's tokens as a
// run: containsSeq(toks, fold.Fields(item)).
func mentions(toks []string, item string) bool {
	return mentionsIn("", toks, false, item)
}

// scanTokens returns the tokens of s: for ASCII s, as written (raw: runs
// of letters and digits with their inner apostrophes, where fold.Fields
// would put its lower-cased tokens without them), else fold.Fields(s).
// Folding plain ASCII text only to compare it would cost two allocations.
func scanTokens(dst []string, s string) (toks []string, raw bool) {
	if !isASCII(s) {
		return fold.AppendWords(dst, fold.String(s)), false
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			c := s[i]
			if alnum(c) {
				if start < 0 {
					start = i
				}
				continue
			}
			// An apostrophe (folding makes a backquote one) inside a word
			// is dropped from it, not a break.
			if (c == '\'' || c == '`') && start >= 0 && i+1 < len(s) && alnum(s[i+1]) {
				continue
			}
		}
		if start >= 0 {
			dst = append(dst, s[start:i])
			start = -1
		}
	}
	return dst, true
}

// mentionsIn reports whether the tokens of src, as scanTokens made them,
// hold item's tokens as a run: containsSeq(fold.Fields(src),
// fold.Fields(item)).
func mentionsIn(src string, toks []string, raw bool, item string) bool {
	if !plainWords(item) {
		if raw {
			toks = fold.Fields(src)
		}
		return containsSeq(toks, fold.Fields(item))
	}
	var buf [16]string
	runs := asciiRuns(buf[:0], item)
	if len(runs) == 0 || len(runs) > len(toks) {
		return false
	}
	eq := lowerEqual
	if raw {
		eq = rawEqual
	}
outer:
	for i := 0; i+len(runs) <= len(toks); i++ {
		for j, r := range runs {
			if !eq(toks[i+j], r) {
				continue outer
			}
		}
		return true
	}
	return false
}

// rawEqual reports whether the raw token tok folds to run lower-cased:
// the same letters in any case, apostrophes left out.
func rawEqual(tok, run string) bool {
	j := 0
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c == '\'' || c == '`' {
			continue
		}
		if j == len(run) || lower(c) != lower(run[j]) {
			return false
		}
		j++
	}
	return j == len(run)
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// plainWords reports ASCII text without apostrophes or backquotes: its
// folded tokens are its runs of letters and digits, lower-cased.
func plainWords(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == '\'' || c == '`' {
			return false
		}
	}
	return true
}

// asciiRuns appends the runs of ASCII letters and digits of s, as written.
func asciiRuns(dst []string, s string) []string {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && alnum(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			dst = append(dst, s[start:i])
			start = -1
		}
	}
	return dst
}

func alnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// lowerEqual reports whether tok is run lower-cased (run is ASCII).
func lowerEqual(tok, run string) bool {
	if len(tok) != len(run) {
		return false
	}
	for i := 0; i < len(run); i++ {
		c := run[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if tok[i] != c {
			return false
		}
	}
	return true
}
