package compose

import "github.com/linkvet/linkvet"

// DraftsLanguage picks the language drafts are written in: the note's
// language when the user reads and writes it (me.Languages), else the
// user's first language, else English.
func DraftsLanguage(noteLang string, me linkvet.Me) string {
	for _, l := range me.Languages {
		if noteLang != "" && l == noteLang {
			return l
		}
	}
	if len(me.Languages) > 0 {
		return me.Languages[0]
	}
	return "en"
}
