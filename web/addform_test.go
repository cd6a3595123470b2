package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// An add form without a name says so at the name field, in the form's
// words, once; the file format's "names nobody" with its field paths never
// reaches the page.
func TestAddFormWithoutNameShowsFieldErrorsOnly(t *testing.T) {
	e := newTestEnv(t)
	w := e.postForm("/add", url.Values{"name": {""}, "connections": {"lots"}})
	wantStatus(t, w, http.StatusBadRequest)
	body := w.Body.String()
	for _, bad := range []string{"names nobody", "person.name", "person.profile_url"} {
		if strings.Contains(body, bad) {
			t.Errorf("the page shows %q", bad)
		}
	}
	for _, want := range []string{`id="name-err"`, "is required: the name LinkedIn shows", `id="connections-err"`, "must be a whole number"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(body, "is required: the name LinkedIn shows"); n != 1 {
		t.Errorf("the missing name is said %d times, want once", n)
	}

	// Only a message, no name: the same, at the name field.
	_, errs := parseInvitationForm(url.Values{"message": {"hello"}})
	if errs["name"] != nameRequired || errs["form"] != "" {
		t.Errorf("errors %q, want only the name's", errs)
	}
}
