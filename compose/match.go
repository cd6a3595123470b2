package compose

import (
	"github.com/linkvet/linkvet/fold"
)

// Drafts are written for most invitations screened, so finding which
// known item a note mentions must not fold and tokenize every skill and
// group anew. Most items are plain ASCII words ("Kafka", "Berlin Data
// Meetup"), whose tokens fold.Fields would make are known without
// folding: their runs of letters and digits, lower-cased. mentions
// compares those runs with the note's folded tokens in place; any other
// item goes through fold.Fields as before (TestMentionsAgreesWithFold).

// mentions reports whether the folded tokens toks hold item's tokens as a
// run: containsSeq(toks, fold.Fields(item)).
func mentions(toks []string, item string) bool {
	if !plainWords(item) {
		return containsSeq(toks, fold.Fields(item))
	}
	var buf [16]string
	runs := asciiRuns(buf[:0], item)
	if len(runs) == 0 || len(runs) > len(toks) {
		return false
	}
outer:
	for i := 0; i+len(runs) <= len(toks); i++ {
		for j, r := range runs {
			if !lowerEqual(toks[i+j], r) {
				continue outer
			}
		}
		return true
	}
	return false
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

// noteTokens folds and tokenizes a note into dst (a buffer on the
// caller's stack).
func noteTokens(dst []string, note string) []string {
	if len(note) > maxNoteScan {
		note = note[:maxNoteScan]
	}
	return fold.AppendWords(dst, fold.String(note))
}
