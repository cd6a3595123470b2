// Package paste reads the text a user copies from LinkedIn's pages with
// select-all and copy: the Invitation Manager (the invitations received)
// and a member's profile page.
//
// # Model
//
// A copy is lines of visible text, in page order, with the page's chrome
// (menus, counters, buttons) mixed in. Many copies also repeat every line
// once, because LinkedIn writes a hidden copy for screen readers; two equal
// lines in a row are therefore read as one.
//
// Invitation Manager. LinkedIn rebuilt the page in 2017, 2018, 2025 and
// 2026, but the words a user sees survived, and the reader leans on them,
// not on the layout: each invitation card ends its head with the Ignore and
// Accept buttons. In the head, a sender line ("Alex Kim is inviting you to
// connect", "... follows you and is inviting you to connect") or a picture
// caption names the sender when present; otherwise the sender is the line
// above the headline, which is the line above the first mutual-connections
// or age line. A note sits in the head before 2025 and after the buttons
// since, where it may be cut ("…see more") and ends before "Reply to
// <first name>". Ages ("Today", "3 days ago", "1 week ago") become sent_at
// relative to the time the caller passes, at day precision, so that the
// same card pasted twice on one day gets the same id. Reading stops at
// "People you may know": suggestions are never read as inviters.
//
// Profile page. The intro (name, pronouns, degree, headline, location
// before "· Contact info", followers, connections) comes before the first
// section heading; About, Experience, Education, Skills and Languages are
// read by their headings in any supported language. In Experience every
// date line ("Jul 2024 - Present · 1 yr 5 mos", "Mar 2019 to Jun 2024")
// anchors a role; a company line followed by its total time ("Full-time ·
// 6 yrs 2 mos") heads several roles.
//
// Words are recognised in English, Spanish, French, German and Portuguese.
// Whatever the reader could not place is reported with its line number.
package paste

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// MaxBytes caps the text read; a page copy is tens of kilobytes.
const MaxBytes = 4 << 20

// Kind says what a paste was recognised as.
type Kind string

const (
	KindInvitations Kind = "invitations" // the Invitation Manager
	KindProfile     Kind = "profile"     // a member's profile page
	KindUnknown     Kind = ""
)

// Result is what a paste held. Problems name lines (1-based) of the text
// and leave File for the caller to fill.
type Result struct {
	Kind        Kind                 `json:"kind"`
	Invitations []linkvet.Invitation `json:"invitations,omitempty"`
	Person      *linkvet.Person      `json:"person,omitempty"`
	Problems    []linkvet.Problem    `json:"problems,omitempty"`
}

// ln is one non-empty line of the paste with its number.
type ln struct {
	text string // trimmed, invisible characters removed
	f    string // folded
	num  int
}

// lines splits text into non-empty lines and collapses the screen-reader
// duplicates.
func lines(text string) []ln {
	var out []ln
	num := 0
	for raw := range strings.SplitSeq(text, "\n") {
		num++
		s := strings.TrimSpace(strings.Map(func(r rune) rune {
			switch {
			case r == '\t' || r == '\u00a0':
				return ' '
			case r == '\u200b' || r == '\u200e' || r == '\u200f' || r == '\ufeff' || unicode.IsControl(r):
				return -1
			}
			return r
		}, raw))
		if s == "" {
			continue
		}
		s = strings.Join(strings.Fields(s), " ")
		if n := len(out); n > 0 && out[n-1].text == s {
			continue
		}
		out = append(out, ln{text: s, f: fold.String(s), num: num})
	}
	return out
}

// Read reads a paste. now is the moment of the copy, for ages such as
// "3 days ago".
func Read(text string, now time.Time) Result {
	var res Result
	if len(text) > MaxBytes {
		res.Problems = append(res.Problems, linkvet.Problem{Line: 1, Reason: fmt.Sprintf("the text is over %d MiB; only the start was read", MaxBytes>>20)})
		text = text[:MaxBytes]
	}
	ls := lines(text)
	if len(ls) == 0 {
		res.Problems = append(res.Problems, linkvet.Problem{Line: 1, Reason: "the text is empty"})
		return res
	}
	switch {
	case hasButtons(ls):
		res.Kind = KindInvitations
		readInvitations(ls, now, &res)
	case looksLikeProfile(ls):
		res.Kind = KindProfile
		readProfile(ls, &res)
	default:
		res.Problems = append(res.Problems, linkvet.Problem{Line: ls[0].num,
			Reason: "not recognised as LinkedIn's Invitation Manager (no Ignore/Accept buttons) or a profile page (no Experience, About or Contact info)"})
	}
	if n := len(res.Problems); n > MaxProblems {
		res.Problems = append(res.Problems[:MaxProblems], linkvet.Problem{Line: res.Problems[MaxProblems].Line,
			Reason: fmt.Sprintf("and %d more problems from here on, not listed", n-MaxProblems)})
	}
	return res
}

// MaxProblems caps the problems listed for one paste; past it, one more
// says how many were left out.
const MaxProblems = 100

// buttons reports whether line i ends a card head: "Ignore" then "Accept",
// or both on one line. It returns the index of the last button line.
func buttons(ls []ln, i int) (int, bool) {
	f := ls[i].f
	if ignoreWords[f] && i+1 < len(ls) && acceptWords[ls[i+1].f] {
		return i + 1, true
	}
	if fs := strings.Fields(f); len(fs) == 2 && ignoreWords[fs[0]] && acceptWords[fs[1]] {
		return i, true
	}
	// Screen-reader labels: "Ignore an invitation from Alex Kim", "Accept
	// Alex Kim's invitation".
	if i+1 < len(ls) && startsWithAny(f, ignoreWords) && startsWithAny(ls[i+1].f, acceptWords) && len(f) < 100 && len(ls[i+1].f) < 100 {
		return i + 1, true
	}
	return 0, false
}

func startsWithAny(f string, words map[string]bool) bool {
	w, _, _ := strings.Cut(f, " ")
	return words[w]
}

func hasButtons(ls []ln) bool {
	for i := range ls {
		if isStop(ls[i].f) {
			return false
		}
		if _, ok := buttons(ls, i); ok {
			return true
		}
	}
	return false
}

func looksLikeProfile(ls []ln) bool {
	for _, l := range ls {
		if sectionOf(l.f) == secExperience || sectionOf(l.f) == secAbout || contactRe.MatchString(l.text) ||
			connRe.MatchString(l.text) && !strings.Contains(l.f, "mutual") {
			return true
		}
	}
	return false
}

func problem(res *Result, l ln, format string, args ...any) {
	res.Problems = append(res.Problems, linkvet.Problem{Line: l.num, Reason: fmt.Sprintf(format, args...)})
}

// looksLikeName accepts a short line of capitalised words that could be a
// person's name: no digits or symbols, none of the words that join a title
// to a company, and no lower-case word but name particles ("van", "de").
func looksLikeName(s string) bool {
	if s == "" || len([]rune(s)) > 70 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 6 {
		return false
	}
	for _, r := range s {
		if unicode.IsDigit(r) || strings.ContainsRune("|@&/,:;!?()·", r) {
			return false
		}
	}
	for _, w := range words {
		r := []rune(w)[0]
		if unicode.IsLower(r) && !nameParticles[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "da": true, "do": true, "dos": true, "das": true,
	"der": true, "den": true, "del": true, "della": true, "di": true, "du": true, "la": true, "le": true, "y": true,
	"e": true, "bin": true, "binti": true, "al": true, "el": true, "ter": true, "ten": true, "zu": true}
