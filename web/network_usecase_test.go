package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestNetworkPageShowsTheUseCases: the Network page lists, in order, the
// connections Service.StaleConnections names, shows the findings of
// Service.CheckProfile, and its "all gone quiet" tags exactly those people.
func TestNetworkPageShowsTheUseCases(t *testing.T) {
	e := newTestEnv(t)
	e.importNetwork(0)
	ctx := context.Background()
	stale, err := e.srv.svc.StaleConnections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, st := range stale {
		want = append(want, st.Person.Name)
	}
	if len(want) != 3 {
		t.Fatalf("the fixture's stale connections: %q", want)
	}
	body := e.get("/network").Body.String()
	var got []string
	for _, m := range regexp.MustCompile(`<span class="name"><bdi>([^<]*)</bdi></span></label>`).FindAllStringSubmatch(body, -1) {
		got = append(got, html.UnescapeString(m[1]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("the page lists\n%q\nthe service\n%q", got, want)
	}

	rep, err := e.srv.svc.CheckProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var findings []string
	for _, f := range rep.Findings {
		findings = append(findings, `<li class="sev-`+f.Severity+`"><span class="sev">`+f.Severity+`</span> <strong>`+html.EscapeString(f.Message)+`</strong>`)
	}
	i := strings.Index(body, `id="profile"`)
	if i < 0 || len(findings) == 0 {
		t.Fatalf("no profile section, or no findings: %+v", rep)
	}
	at := i
	for _, f := range findings {
		j := strings.Index(body[at:], f)
		if j < 0 {
			t.Fatalf("the page lacks, in order, %s", f)
		}
		at += j + len(f)
	}

	w := e.postForm("/network/tags", url.Values{"tag": {"review"}, "whom": {"stale"}, "do": {"tag"}})
	wantStatus(t, w, http.StatusSeeOther)
	known, err := e.db.Known(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var tagged []string
	for _, k := range known {
		if slices.Contains(k.Tags, "review") {
			tagged = append(tagged, k.Name)
		}
	}
	slices.Sort(tagged)
	slices.Sort(want)
	if !slices.Equal(tagged, want) {
		t.Errorf("tagged %q, the service's stale %q", tagged, want)
	}
}

// TestOutreachRecordedUnknown: a "recorded" id that names no invitation
// the user sent (Service.SentInvitation says ENOTFOUND) shows the page
// without a message, as before.
func TestOutreachRecordedUnknown(t *testing.T) {
	e := newTestEnv(t)
	for _, id := range []string{"nope", "demo-01"} { // demo-01 was sent to the user
		w := e.get("/outreach?recorded=" + url.QueryEscape(id))
		wantStatus(t, w, http.StatusOK)
		if strings.Contains(w.Body.String(), `id="recorded-done"`) {
			t.Errorf("recorded=%s shows a message:\n%s", id, mainOf(w.Body.String()))
		}
	}
}
