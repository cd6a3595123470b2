package policy

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// unknownKey reports a key linkvet does not know, with the key the user
// probably meant: a warning by default, so that an older linkvet reads a
// newer file, and an error in strict mode, where the file is about to be
// stored and a typo would silently lose a setting.
func (l *loader) unknownKey(f field, path string, known []*key) {
	full := join(path, f.key)
	hint := ""
	if s := suggest(f.key, keyNames(known)); s != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", join(path, s))
	} else if path == "" {
		// A key written at the top that belongs in a section.
		for _, sec := range schema {
			if sec.kind != kSection {
				continue
			}
			if s := suggest(f.key, keyNames(sec.keys)); s != "" {
				hint = fmt.Sprintf(" (did you mean %q? it belongs under %s:)", sec.name+"."+s, sec.name)
				break
			}
		}
	}
	if l.strict {
		l.problem(f.keyNode, full, "unknown key%s", hint)
		return
	}
	l.warnings = append(l.warnings, warning{f.keyNode.Line,
		fmt.Sprintf("%s:%d: unknown key %q ignored%s", l.file, f.keyNode.Line, full, hint)})
}

// suggest returns the word of known closest to word, or "" when none is
// close enough to be a likely typo.
func suggest(word string, known []string) string {
	w := strings.ToLower(strings.ReplaceAll(word, "-", "_"))
	best, bestDist := "", math.MaxInt
	for _, k := range known {
		if d := editDistance(w, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := 2
	if n := utf8.RuneCountInString(w); n <= 4 {
		limit = 1
	} else if n >= 12 {
		limit = 3
	}
	if bestDist <= limit {
		return best
	}
	// A long key that starts like a known one ("disqualify_promoted_connections")
	// is the known key half remembered.
	for _, k := range known {
		if p := commonPrefix(w, k); p >= 8 && p*10 >= 7*max(len(w), len(k)) {
			return k
		}
	}
	return ""
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// editDistance counts the single-character insertions, deletions,
// substitutions and swaps of neighbours that turn a into b (optimal string
// alignment distance): "nmae" is one step from "name".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return math.MaxInt // not a typo of a key name
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
