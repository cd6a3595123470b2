package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	e := newTestEnv(t)
	for _, target := range []string{"/", "/invitations/demo-01", "/invitations/nope", "/import", "/add", "/policy",
		"/insights", "/check", "/followups", "/outreach", "/network", "/static/app.css", "/api/v1/invitations", "/api/v1/nope", "/no-such-page"} {
		w := e.get(target)
		h := w.Header()
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "script-src 'self'") ||
			!strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "base-uri 'none'") || !strings.Contains(csp, "form-action 'self'") ||
			strings.Contains(csp, "unsafe") {
			t.Errorf("%s: Content-Security-Policy %q", target, csp)
		}
		for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if h.Get(k) != v {
				t.Errorf("%s: %s = %q, want %q", target, k, h.Get(k), v)
			}
		}
	}
}

func TestNoInlineScriptOrStyle(t *testing.T) {
	e := newTestEnv(t)
	inline := regexp.MustCompile(`(?i)<script>|<script [^>]*>[^<]|\son[a-z]+=|\sstyle=|<style`)
	for _, target := range []string{"/", "/invitations/demo-02", "/import", "/add", "/policy", "/insights", "/check", "/followups", "/outreach", "/network"} {
		w := e.get(target)
		wantStatus(t, w, http.StatusOK)
		if m := inline.FindString(w.Body.String()); m != "" {
			t.Errorf("%s: inline script or style %q: the CSP would block it", target, m)
		}
	}
}

func TestInboxOrderAndFilters(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	if got := strings.Count(body, `<li class="row"`); got != 26 {
		t.Errorf("inbox shows %d rows, want the 26 demo invitations", got)
	}
	// Likely accepts and likely scams lead; the quiet ignores trail.
	first := strings.Index(body, "Priya Raman")
	last := strings.Index(body, "Sasha Novak")
	if first < 0 || last < 0 || first > last {
		t.Errorf("Priya Raman (known contact) should come before Sasha Novak (no evidence): %d, %d", first, last)
	}
	for _, want := range []string{`class="badge a-block">block + report</span>`, "confidence 90%", "41 mutual", "Checklist for a stranger"} {
		if !strings.Contains(body, want) {
			t.Errorf("inbox lacks %q", want)
		}
	}

	// The screening rules evolve; the filters must match the stored verdicts.
	blocks := e.count(linkvet.InvitationFilter{Action: linkvet.Block})
	scams := e.count(linkvet.InvitationFilter{Action: linkvet.Block, Category: linkvet.Scammer})
	if blocks < 2 || scams < 1 || scams >= blocks {
		t.Fatalf("the demo should have blocks (%d) beyond scammers (%d)", blocks, scams)
	}
	w = e.get("/?action=block")
	wantStatus(t, w, http.StatusOK)
	if got := strings.Count(w.Body.String(), `<li class="row"`); got != blocks {
		t.Errorf("action=block shows %d rows, want %d", got, blocks)
	}
	w = e.get("/?category=scammer&action=block")
	if got := strings.Count(w.Body.String(), `<li class="row"`); got != scams {
		t.Errorf("scammers shows %d rows, want %d", got, scams)
	}
	w = e.get("/?category=recruiter&action=block")
	if !strings.Contains(w.Body.String(), "No waiting invitation matches") {
		t.Errorf("an empty filtered inbox should say so")
	}
	for _, bad := range []string{"/?action=maybe", "/?category=friend", "/?page=0", "/?page=x"} {
		w := e.get(bad)
		wantStatus(t, w, http.StatusBadRequest)
		if !strings.Contains(w.Body.String(), "parameter") {
			t.Errorf("%s: the error should name the parameter: %s", bad, w.Body.String())
		}
	}
}

func TestDecisionUndo(t *testing.T) {
	e := newTestEnv(t)
	w := e.postForm("/invitations/demo-05/decision", url.Values{"action": {"decline"}, "return": {"/?action=decline"}})
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/?action=decline&done=demo-05" {
		t.Errorf("redirect to %q", loc)
	}
	if slices.Contains(e.pendingIDs(), "demo-05") {
		t.Error("a declined invitation is still in the inbox")
	}
	w = e.get("/?action=decline&done=demo-05")
	if body := w.Body.String(); !strings.Contains(body, "Recorded <strong>decline</strong> for <bdi>Pat Miller</bdi>") || !strings.Contains(body, `value="undo"`) {
		t.Errorf("the inbox should confirm the decision with an undo button")
	}

	w = e.postForm("/invitations/demo-05/decision", url.Values{"action": {"undo"}, "return": {"/"}})
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/" {
		t.Errorf("undo redirects to %q", loc)
	}
	if !slices.Contains(e.pendingIDs(), "demo-05") {
		t.Error("an undone decision should put the invitation back in the inbox")
	}
	history, _ := e.db.Decisions(context.Background(), "demo-05")
	if len(history) != 2 || history[0].Action != linkvet.Decline || !history[1].Undo {
		t.Errorf("history should keep the decision and its undo: %+v", history)
	}
	w = e.postForm("/invitations/demo-05/decision", url.Values{"action": {"undo"}})
	wantStatus(t, w, http.StatusConflict)

	for _, tc := range []struct {
		target string
		form   url.Values
		status int
	}{
		{"/invitations/demo-05/decision", url.Values{"action": {"maybe"}}, http.StatusBadRequest},
		{"/invitations/nope/decision", url.Values{"action": {"accept"}}, http.StatusNotFound},
		{"/invitations/demo-05/decision", url.Values{"action": {"accept"}, "note": {strings.Repeat("x", 20_000)}}, http.StatusBadRequest},
	} {
		w := e.postForm(tc.target, tc.form)
		if w.Code != tc.status {
			t.Errorf("%s %v: status %d, want %d", tc.target, clip(tc.form.Encode(), 60), w.Code, tc.status)
		}
	}
	// A crafted return address never leaves the site.
	for _, ret := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		w := e.postForm("/invitations/demo-06/decision", url.Values{"action": {"ignore"}, "return": {ret}})
		if loc := w.Header().Get("Location"); !strings.HasPrefix(loc, "/?done=") {
			t.Errorf("return %q redirected to %q", ret, loc)
		}
		e.postForm("/invitations/demo-06/decision", url.Values{"action": {"undo"}})
	}
}

func TestInvitationPage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/invitations/demo-02")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{"Alex Kim", `href="https://www.linkedin.com/in/alex-kim-data"`, `data-copy="d-accept"`, "Follow-up", "No decision yet."} {
		if !strings.Contains(body, want) {
			t.Errorf("invitation page lacks %q", want)
		}
	}
	// demo-11 imitates LinkedIn with a look-alike address in the note; it
	// has drafts for nothing.
	w = e.get("/invitations/demo-11")
	if strings.Contains(w.Body.String(), `data-copy=`) {
		t.Error("a scammer must get no drafts")
	}
	w = e.get("/invitations/nope")
	wantStatus(t, w, http.StatusNotFound)
	if !strings.Contains(w.Body.String(), `no invitation with id`) {
		t.Errorf("404 page: %s", w.Body.String())
	}
}

func TestLinkedinURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://www.linkedin.com/in/alex", "https://www.linkedin.com/in/alex"},
		{"http://de.linkedin.com/in/alex", "http://de.linkedin.com/in/alex"},
		{"https://LinkedIn.com/in/alex", "https://LinkedIn.com/in/alex"},
		{"javascript:alert(1)", ""},
		{"JAVASCRIPT://linkedin.com/%0aalert(1)", ""},
		{"data:text/html,hi", ""},
		{"https://linkedin.com.evil.example/in/x", ""},
		{"https://evillinkedin.com/in/x", ""},
		{"https://l\u0456nkedin.com/in/x", ""},
		{"https://user:pw@www.linkedin.com/in/x", ""},
		{"//www.linkedin.com/in/x", ""},
		{"www.linkedin.com/in/x", ""},
		{"", ""},
		{"https://www.linkedin.com/in/\xff", ""},
	} {
		if got := linkedinURL(tc.in); got != tc.want {
			t.Errorf("linkedinURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAddInvitation(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/add")
	wantStatus(t, w, http.StatusOK)

	form := url.Values{
		"name": {"Ruth Okafor"}, "headline": {"Data Engineer at Fabrikam"}, "profile_url": {"https://www.linkedin.com/in/ruth-okafor"},
		"mutual_connections": {"12"}, "message": {"Hi Dana, we met at the Berlin Data Meetup and talked about Kafka."},
		"photo": {"real"}, "verified": {"yes"}, "connections": {"500+"}, "company": {"Fabrikam"},
		"shared_events": {"Berlin Data Meetup"}, "interactions": {"met_in_person", "not-a-thing"},
	}
	w = e.postForm("/add", form)
	wantStatus(t, w, http.StatusSeeOther)
	loc := w.Header().Get("Location")
	if !strings.HasPrefix(loc, "/invitations/") {
		t.Fatalf("redirect to %q", loc)
	}
	w = e.get(loc)
	wantStatus(t, w, http.StatusOK)
	if body := w.Body.String(); !strings.Contains(body, "Ruth Okafor") || !strings.Contains(body, `class="badge a-accept">accept`) {
		t.Errorf("the added invitation should show its verdict at once")
	}
	id, _ := url.PathUnescape(strings.TrimPrefix(loc, "/invitations/"))
	si, err := e.db.Invitation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if si.Verdict == nil || *si.Invitation.Person.Connections != 500 || !slices.Equal(si.Invitation.Interactions, []string{"met_in_person"}) {
		t.Errorf("stored %+v", si)
	}

	// Enriching: the form comes prefilled and keeps the id.
	w = e.get("/add?from=" + url.QueryEscape(id))
	if body := w.Body.String(); !strings.Contains(body, `value="Ruth Okafor"`) || !strings.Contains(body, `name="id" value="`+id+`"`) {
		t.Errorf("enrich form is not prefilled")
	}

	bad := url.Values{"name": {""}, "profile_url": {"javascript:alert(1)"}, "mutual_connections": {"-3"}, "connections": {"many"},
		"sent_at": {"yesterday"}, "verified": {"perhaps"}, "photo": {"selfie"}, "message": {"kept as typed"}}
	w = e.postForm("/add", bad)
	wantStatus(t, w, http.StatusBadRequest)
	body := w.Body.String()
	for _, want := range []string{`id="name-err"`, `id="profile_url-err"`, `id="mutual_connections-err"`, `id="connections-err"`,
		`id="sent_at-err"`, "Verification: must be yes, no or unknown", "kept as typed", `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the invalid form lacks %q", want)
		}
	}
}

func TestParseInvitationFormPhoto(t *testing.T) {
	_, errs := parseInvitationForm(url.Values{"name": {"A"}, "photo": {"selfie"}})
	if !strings.Contains(errs["photo"], "selfie") {
		t.Errorf("photo error %q should come from the format's validation", errs["photo"])
	}
	inv, errs := parseInvitationForm(url.Values{"name": {"A"}, "photo": {"unknown"}, "shared_schools": {"TU Berlin, LMU\n\n  ;KIT"}})
	if len(errs) > 0 || inv.Person.Photo != "" || !slices.Equal(inv.Shared.Schools, []string{"TU Berlin", "LMU", "KIT"}) {
		t.Errorf("got %+v %v", inv, errs)
	}
}

func TestPolicyPreviewAndSave(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/policy")
	wantStatus(t, w, http.StatusOK)
	if body := w.Body.String(); !strings.Contains(body, "Dana Weber") || !strings.Contains(body, "tu-berlin-alumni") {
		t.Errorf("the policy page should summarize the demo policy")
	}
	current := e.srv.storedPolicy(context.Background())
	// Blocking Pat Miller flips one verdict.
	next := strings.Replace(string(current), "blocked:\n", "blocked:\n  - https://www.linkedin.com/in/pat-miller-growth\n", 1)
	w = e.postForm("/policy", url.Values{"yaml": {next}, "do": {"preview"}})
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	if !strings.Contains(body, "<strong>1</strong> of 26 waiting invitations") || !strings.Contains(body, "Pat Miller") {
		t.Errorf("preview should list the one flip: %s", clip(body[strings.Index(body, "<main"):], 3000))
	}
	if si, _ := e.db.Invitation(context.Background(), "demo-05"); si.Verdict.Action != linkvet.Decline {
		t.Error("a preview must not change stored verdicts")
	}

	broken := next + "style: reckless\nmin_mutual: lots\n"
	w = e.postForm("/policy", url.Values{"yaml": {broken}, "do": {"save"}})
	wantStatus(t, w, http.StatusBadRequest)
	body = w.Body.String()
	if !strings.Contains(body, "reckless") || !strings.Contains(body, `data-line="`) || !strings.Contains(body, "min_mutual: lots") {
		t.Errorf("errors should point at the lines and keep the text")
	}

	w = e.postForm("/policy", url.Values{"yaml": {next}, "do": {"save"}})
	wantStatus(t, w, http.StatusSeeOther)
	if si, _ := e.db.Invitation(context.Background(), "demo-05"); si.Verdict.Action != linkvet.Block {
		t.Errorf("saving should rescreen: demo-05 is %s", si.Verdict.Action)
	}
	if w := e.get("/policy?saved=1"); !strings.Contains(w.Body.String(), "Saved.") {
		t.Error("no confirmation after saving")
	}
}

func multipartBody(t *testing.T, field, name string, data []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestImportPage(t *testing.T) {
	e := newTestEnv(t)
	wantStatus(t, e.get("/import"), http.StatusOK)
	body, ct := multipartBody(t, "export", "export.zip", exportZip(t, "export-2024"))
	w := e.do(http.MethodPost, "/import", body, "Content-Type", ct, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, w, http.StatusSeeOther)
	loc := w.Header().Get("Location")
	w = e.get(loc)
	wantStatus(t, w, http.StatusOK)
	page := w.Body.String()
	for _, want := range []string{"Import finished", "Invitations.csv", "Connections.csv"} {
		if !strings.Contains(page, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	if n := len(e.pendingIDs()); n <= 26 {
		t.Errorf("the export's invitations should join the inbox: %d waiting", n)
	}
	wantStatus(t, e.get("/import/999"), http.StatusNotFound)

	body, ct = multipartBody(t, "export", "x.zip", []byte("not a zip"))
	w = e.do(http.MethodPost, "/import", body, "Content-Type", ct, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, w, http.StatusBadRequest)
	if !strings.Contains(w.Body.String(), `role="alert"`) {
		t.Error("a bad upload shows the error on the import page")
	}
	body, ct = multipartBody(t, "other", "x.zip", []byte("x"))
	w = e.do(http.MethodPost, "/import", body, "Content-Type", ct, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, w, http.StatusBadRequest)

	small := newTestEnv(t, func(c *Config) { c.MaxUploadBytes = 1024 })
	body, ct = multipartBody(t, "export", "export.zip", exportZip(t, "export-2024"))
	w = small.do(http.MethodPost, "/import", body, "Content-Type", ct, "Sec-Fetch-Site", "same-origin")
	wantStatus(t, w, http.StatusRequestEntityTooLarge)
}

func TestInsightsPage(t *testing.T) {
	e := newTestEnv(t)
	for id, a := range map[string]string{"demo-01": "accept", "demo-03": "decline", "demo-05": "decline", "demo-09": "block"} {
		wantStatus(t, e.postForm("/invitations/"+id+"/decision", url.Values{"action": {a}}), http.StatusSeeOther)
	}
	w := e.get("/insights")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{"<svg", "Invitations per week, by verdict", "Senders by category", "25%</span> of your 4 decisions were accepts",
		"25%</span> of your decisions overrode linkvet (1)", "<td>accept</td><td>decline</td>", "Agreement with linkvet"} {
		if !strings.Contains(body, want) {
			t.Errorf("insights lack %q", want)
		}
	}
}

func TestBuildInsightsUndoneDecisionsDoNotCount(t *testing.T) {
	hist := []linkvet.Decision{
		{InvitationID: "a", Action: linkvet.Accept, Verdict: linkvet.Decline, By: linkvet.ByUser},
		{InvitationID: "a", Action: linkvet.Ignore, Undo: true, By: linkvet.ByUser},
		{InvitationID: "b", Action: linkvet.Accept, Verdict: linkvet.Accept, By: linkvet.ByRule},
		{InvitationID: "c", Action: linkvet.Decline, Verdict: linkvet.Decline, By: linkvet.ByUser},
	}
	v := buildInsights(nil, hist, nil, nil)
	if v.Decided != 1 || v.Overrides != 0 || v.AcceptRate != "0%" {
		t.Errorf("decided %d overrides %d accept rate %s", v.Decided, v.Overrides, v.AcceptRate)
	}
}

func TestCheckNote(t *testing.T) {
	e := newTestEnv(t)
	wantStatus(t, e.get("/check"), http.StatusOK)
	w := e.postForm("/check", url.Values{"note": {"Hi {firstName}, I'd like to add you to my professional network on LinkedIn."}})
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	if !strings.Contains(body, "fix the errors first") || !strings.Contains(body, "Fix:") || !strings.Contains(body, "of 300 characters") {
		t.Errorf("check result: %s", clip(body[strings.Index(body, "<main"):], 2000))
	}
}

func TestUnknownPage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/nope")
	wantStatus(t, w, http.StatusNotFound)
	if !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
		t.Error("a missing page is an HTML page")
	}
}

func TestHostAndOriginChecks(t *testing.T) {
	e := newTestEnv(t)
	r := e.do(http.MethodGet, "/", nil)
	wantStatus(t, r, http.StatusOK)
	for _, host := range []string{"localhost:8080", "[::1]:8080", "127.0.0.1"} {
		req, _ := http.NewRequest(http.MethodGet, "/", nil)
		req.Host = host
		w := newRecorder()
		e.h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			t.Errorf("Host %s: %d", host, w.Code)
		}
	}
	// A DNS-rebinding page reaches the server under its own name.
	req, _ := http.NewRequest(http.MethodGet, "/api/v1/invitations", nil)
	req.Host = "attacker.example:8080"
	w := newRecorder()
	e.h.ServeHTTP(w, req)
	wantStatus(t, w, http.StatusForbidden)
	if code, _ := apiError(t, w); code != "forbidden" {
		t.Errorf("code %q", code)
	}
	// A cross-site form post is refused, whatever it carries.
	w = e.do(http.MethodPost, "/invitations/demo-01/decision", strings.NewReader("action=block"),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site")
	wantStatus(t, w, http.StatusForbidden)
	w = e.do(http.MethodPost, "/api/v1/invitations/demo-01/decision", strings.NewReader(`{"action":"block"}`),
		"Content-Type", "application/json", "Origin", "https://attacker.example")
	wantStatus(t, w, http.StatusForbidden)
	if !slices.Contains(e.pendingIDs(), "demo-01") {
		t.Error("a refused request recorded a decision")
	}
}

func TestCheckBind(t *testing.T) {
	for _, tc := range []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:0", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"192.168.1.5:8080", "", false},
		{"0.0.0.0:8080", "0123456789abcdef", true},
		{"127.0.0.1", "", false},
		{"127.0.0.1:http-alt-nope", "", false},
	} {
		err := CheckBind(tc.addr, tc.token)
		if (err == nil) != tc.ok {
			t.Errorf("CheckBind(%q, %q) = %v", tc.addr, tc.token, err)
		}
		if err != nil && !strings.Contains(err.Error(), tc.addr) {
			t.Errorf("the error should name the address: %v", err)
		}
	}
}

func TestHTTPStatusMapping(t *testing.T) {
	for code, status := range map[string]int{
		linkvet.EINVALID: 400, linkvet.ENOTFOUND: 404, linkvet.ECONFLICT: 409, linkvet.ELIMIT: 413, linkvet.EUNAVAILABLE: 503, linkvet.EINTERNAL: 500,
	} {
		if got := httpStatus(linkvet.Errorf(code, "x")); got != status {
			t.Errorf("%s: %d, want %d", code, got, status)
		}
	}
	if got := httpStatus(context.Canceled); got != 500 {
		t.Errorf("plain error: %d", got)
	}
	if code, msg := publicError(errSecret); code != linkvet.EINTERNAL || strings.Contains(msg, "secret") {
		t.Errorf("internal errors must not leak: %s %s", code, msg)
	}
}

// errSecret is an internal error whose text must stay inside.
var errSecret = fmt.Errorf("open /home/secret/linkvet.db: %w", json.Unmarshal([]byte("{"), new(any)))
