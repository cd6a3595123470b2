package compose

import "github.com/linkvet/linkvet"

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
