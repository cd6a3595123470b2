package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestOutreachDraftsInAChosenLanguage: the form's language select writes
// the drafted notes in that language; "Automatic" leaves the choice to
// compose.NoteLanguage (here English: the policy names no language).
func TestOutreachDraftsInAChosenLanguage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/outreach")
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "the form", w.Body.String(), `<select id="lang" name="lang"`, `<option value="">Automatic</option>`,
		`<option value="pt" lang="pt">português</option>`, `<option value="de" lang="de">Deutsch</option>`)

	w = e.postForm("/outreach/check", target())
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "automatic", w.Body.String(), `(in <span lang="en">English</span>)`, `lang="en">Hi Ines,`)

	for _, tc := range []struct{ lang, want, greeting string }{
		{"de", `(in <span lang="de">Deutsch</span>)`, `lang="de">Hallo Ines,`},
		{"pt-BR", `(in <span lang="pt">português</span>)`, `lang="pt">Olá, Ines`},
		{"it", `(in <span lang="it">italiano</span>)`, "Ines,"},
	} {
		f := target()
		f.Set("lang", tc.lang)
		f.Set("reason", "")
		w = e.postForm("/outreach/check", f)
		wantStatus(t, w, http.StatusOK)
		body := w.Body.String()
		wantAll(t, tc.lang, body, tc.want, tc.greeting, `data-copy="note-draft-0"`)
		if strings.Contains(body, "I&#39;m ") || strings.Contains(body, ">Hi Ines") {
			t.Errorf("%s: English drafts:\n%s", tc.lang, mainOf(body))
		}
	}
	// The choice is kept in the form.
	f := target()
	f.Set("lang", "fr")
	wantAll(t, "kept", e.postForm("/outreach/check", f).Body.String(), `<option value="fr" lang="fr" selected>`)

	// A language notes are not written in is named next to the field.
	f.Set("lang", "tlh")
	w = e.postForm("/outreach/check", f)
	wantStatus(t, w, http.StatusBadRequest)
	wantAll(t, "a bad language", w.Body.String(), `id="lang-err"`, "The language is not one of the languages notes are written in", `aria-invalid="true"`)
}
