package compose

import (
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/screen/lang"
)

// DraftsLanguage picks the language drafts are written in, as the tag of
// a phrasebook compose has (see DraftsLanguages):
//
//   - the note's language, when the user reads and writes it (me.Languages,
//     BCP 47; tags match on their primary subtag too, so an "es-MX" note
//     and an "es" user agree) and there are drafts in it;
//   - else the user's first language that has drafts;
//   - else English.
//
// noteLang is "" when there is no note or its language is unknown.
func DraftsLanguage(noteLang string, me linkvet.Me) string {
	if noteLang != "" {
		n := normTag(noteLang)
		for _, l := range me.Languages {
			u := normTag(l)
			if u == n || primary(u) == primary(n) {
				if pb := phrasebookFor(u); pb != nil {
					return pb.Tag
				}
				if pb := phrasebookFor(n); pb != nil {
					return pb.Tag
				}
			}
		}
	}
	for _, l := range me.Languages {
		if pb := phrasebookFor(l); pb != nil {
			return pb.Tag
		}
	}
	return "en"
}

// NoteLanguage picks the language of a note for the user's own invitation
// to the person in to (nil when unknown), as the tag of a language notes
// are written in (see NoteLanguages):
//
//   - explicit, when the caller names one notes are written in ("pt-BR"
//     is pt);
//   - else the person's language, when the user speaks it (me.Languages,
//     matched on the primary subtag as DraftsLanguage does): detected from
//     their profile text (about, headline, title) and a note they sent;
//   - else the user's first language that notes are written in;
//   - else English.
func NoteLanguage(explicit string, to *linkvet.Invitation, me linkvet.Me) string {
	if t := MatchNoteLanguage(explicit); t != "" {
		return t
	}
	if their := RecipientLanguage(to); their != "" {
		p := primary(normTag(their))
		for _, l := range me.Languages {
			if primary(normTag(l)) == p {
				if t := MatchNoteLanguage(l); t != "" {
					return t
				}
				if t := MatchNoteLanguage(their); t != "" {
					return t
				}
			}
		}
	}
	for _, l := range me.Languages {
		if t := MatchNoteLanguage(l); t != "" {
			return t
		}
	}
	return "en"
}

// RecipientLanguage guesses the language the person in to writes (BCP 47),
// or "" when their profile and note say too little to tell. It reads the
// text they wrote themselves: their about section, headline and title, and
// the note of an invitation they sent (never the user's own draft).
func RecipientLanguage(to *linkvet.Invitation) string {
	if to == nil {
		return ""
	}
	p := &to.Person
	parts := make([]string, 0, 4)
	if to.Direction != linkvet.Outgoing && to.Message != "" {
		parts = append(parts, capRunes(to.Message, maxNoteScan))
	}
	for _, s := range []string{p.About, p.Headline, p.Title} {
		if s != "" {
			parts = append(parts, capRunes(s, maxNoteScan))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return lang.Detect(strings.Join(parts, ". "))
}
