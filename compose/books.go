package compose

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// A book is one language's wording, one embedded YAML file named after
// its BCP 47 tag: the drafts' phrasebooks (drafts/TAG.yaml) and the own
// notes' notebooks (notes/TAG.yaml) are read, checked and looked up by
// tag the same way, by the helpers below.

// loadBooks parses every file of fsys that matches pattern; it returns the
// books that are complete, by tag, and the problems of those that are not,
// each naming its file.
func loadBooks[B any](fsys fs.FS, pattern string, parse func(name string, data []byte) (B, string, error)) (map[string]B, []string) {
	books := map[string]B{}
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return books, []string{err.Error()}
	}
	var problems []string
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		b, tag, err := parse(name, data)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		books[tag] = b
	}
	return books, problems
}

// decodeBook decodes one book strictly (an unknown key is an error, so a
// misspelt one is found) and checks that the tag it declares is its file's
// name; what names the kind of book in errors ("drafts", "notes").
func decodeBook(what, name string, data []byte, dst any, tag func() string) error {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("%s %s: %w", what, name, err)
	}
	if want := strings.TrimSuffix(path.Base(name), ".yaml"); tag() != want {
		return fmt.Errorf("%s %s: tag %q does not match the file name", what, name, tag())
	}
	return nil
}

// bookProblems is the error of a book with problems, one a line, sorted;
// nil when there are none.
func bookProblems(what, name string, problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("%s %s:\n  %s", what, name, strings.Join(problems, "\n  "))
}

// taggedBook returns the book for a BCP 47 tag (case and "_" forgiven),
// matching on the primary subtag when there is none for the whole tag
// ("es-MX" gets es); the zero B when there is none.
func taggedBook[B any](books map[string]B, tag string) B {
	var none B
	if tag == "" {
		return none
	}
	t := normTag(tag)
	if b, ok := books[t]; ok {
		return b
	}
	return books[primary(t)]
}

// bookTags lists the tags of books, sorted.
func bookTags[B any](books map[string]B) []string {
	out := make([]string, 0, len(books))
	for t := range books {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
