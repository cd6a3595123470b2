package learn

import (
	"embed"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet/fold"
)

// The function words of every language linkvet screens, one file per
// language in stopwords/ (a word or more a line, "#" starts a comment),
// folded like any text. They still count in the classifier's sums, since
// on the SMS corpus dropping them made every figure worse; they are only
// never cited as evidence: "the" or "de" explains nothing to a person.
// Adding a language is adding its file.
//
//go:embed stopwords/*.txt
var stopwordFiles embed.FS

// stopwords is the union of every file, folded. Built once, never written.
var stopwords = loadStopwords(stopwordFiles)

func loadStopwords(fsys fs.FS) map[string]bool {
	set := map[string]bool{}
	names, _ := fs.Glob(fsys, "stopwords/*.txt") // the pattern is valid
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue // embedded: cannot fail
		}
		for line := range strings.Lines(string(data)) {
			line, _, _ = strings.Cut(line, "#")
			for _, w := range fold.Fields(line) {
				set[w] = true
			}
		}
	}
	return set
}

// citable reports whether a feature may be shown as evidence: facts,
// shape tokens and character n-grams always; a word unless it is a stop
// word or a single letter or digit; a word pair unless both its words are.
func citable(token string) bool {
	if token == "" {
		return false
	}
	if token[0] == '<' || token[0] == '#' || strings.ContainsRune(token, ':') {
		return true
	}
	for w := range strings.SplitSeq(token, " ") {
		if !uninformative(w) {
			return true
		}
	}
	return false
}

func uninformative(w string) bool {
	return utf8.RuneCountInString(w) <= 1 || stopwords[w]
}
