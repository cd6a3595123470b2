package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/sqlite"
)

// The web app's store is the real one.
var _ linkvet.Store = (*sqlite.DB)(nil)

// at sets the store's clock to the demo's moment shifted by days, so that
// what the store records lines up with the server's clock.
func (e *testEnv) at(days int) {
	e.t.Helper()
	when := DemoNow().Add(time.Duration(days) * 24 * time.Hour)
	e.db.SetNow(func() time.Time { return when })
}

// accept records the user's acceptance of an invitation, days from the
// demo's moment.
func (e *testEnv) accept(id string, days int) {
	e.t.Helper()
	e.at(days)
	if _, err := e.db.Decide(context.Background(), linkvet.Decision{InvitationID: id, Action: linkvet.Accept, By: linkvet.ByUser}); err != nil {
		e.t.Fatal(err)
	}
}

// mainOf returns the page without the layout, for error messages.
func mainOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	return clip(body, 3000)
}

// location is where a redirect leads, as a browser requests it: without
// the fragment.
func location(w *httptest.ResponseRecorder) string {
	loc, _, _ := strings.Cut(w.Header().Get("Location"), "#")
	return loc
}

func wantAll(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(body, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, mainOf(body))
		}
	}
}

func TestFollowUpsPage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/followups")
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "the empty follow-ups page", w.Body.String(), "No follow-ups yet")

	e.accept("demo-03", -20) // followed up on day -9: silent by now
	e.accept("demo-01", -20) // the same, but a known contact: never advised for removal
	e.at(-9)
	for _, id := range []string{"demo-03", "demo-01"} {
		if _, _, err := e.srv.svc.RecordOutreach(context.Background(), id, outreach.EventFollowUpDone, ""); err != nil {
			t.Fatal(err)
		}
	}
	e.accept("demo-02", -10) // due on day -7, overdue from day -4
	e.accept("demo-06", -1)  // due in two days
	e.at(0)

	w = e.get("/followups")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	wantAll(t, "follow-ups", body,
		"<strong>4</strong> accepted invitations: 1 overdue, 1 no answer to your follow-up, 1 coming up, 1 done, waiting for an answer.",
		`id="fu-overdue"`, `id="fu-silent"`, `id="fu-upcoming"`,
		`<a class="name" href="/invitations/demo-02"><bdi>Alex Kim</bdi></a>`,
		`<strong>Suggestion: remove this connection.</strong>`,
		`action="/followups/demo-02/done"`, `action="/followups/demo-06/done"`, `data-copy="fu-draft-`, `id="copy-status"`)
	if strings.Contains(body, `action="/followups/demo-01/done"`) {
		t.Error("a follow-up already done offers to mark it done again")
	}
	// Sections come in the order of what needs the user first.
	if o, s, u := strings.Index(body, `id="fu-overdue"`), strings.Index(body, `id="fu-silent"`), strings.Index(body, `id="fu-upcoming"`); o > s || s > u {
		t.Errorf("sections out of order: overdue %d, silent %d, upcoming %d", o, s, u)
	}

	w = e.postForm("/followups/demo-02/done", url.Values{})
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/followups?done=demo-02" {
		t.Fatalf("redirect to %q", loc)
	}
	w = e.get("/followups?done=demo-02")
	body = w.Body.String()
	wantAll(t, "follow-ups after marking one done", body, "Marked the follow-up to <bdi>Alex Kim</bdi> as done.", `id="fu-marked"`)
	if strings.Contains(body, `action="/followups/demo-02/done"`) {
		t.Error("the follow-up marked done still has its button")
	}
	events, _ := e.db.OutreachEvents(context.Background(), "demo-02")
	if len(events) != 1 || events[0].Kind != outreach.EventFollowUpDone {
		t.Errorf("stored events %+v", events)
	}

	for _, tc := range []struct {
		target string
		status int
		want   string
	}{
		{"/followups/demo-02/done", http.StatusConflict, "already marked done"},
		{"/followups/nope/done", http.StatusNotFound, "no invitation with id"},
		{"/followups/demo-04/done", http.StatusConflict, "have not accepted"},
	} {
		w := e.postForm(tc.target, url.Values{})
		wantStatus(t, w, tc.status)
		if !strings.Contains(w.Body.String(), tc.want) || !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: want an HTML page saying %q:\n%s", tc.target, tc.want, mainOf(w.Body.String()))
		}
	}
	w = e.do(http.MethodPost, "/followups/demo-06/done", nil, "Sec-Fetch-Site", "cross-site")
	wantStatus(t, w, http.StatusForbidden)
	if events, _ := e.db.OutreachEvents(context.Background(), "demo-06"); len(events) != 0 {
		t.Error("a cross-site request marked a follow-up done")
	}
}

// target is the "vet a person" form for someone the demo user might invite.
func target() url.Values {
	return url.Values{
		"name": {"Ines Duarte"}, "headline": {"Staff Engineer at Harbor Metrics"}, "profile_url": {"https://www.linkedin.com/in/ines-duarte"},
		"company": {"Harbor Metrics"}, "mutual_connections": {"3"}, "mutual_names": {"Jo Park\nSam Lee"},
		"reason": {"compare notes on Kafka failover after her meetup talk"},
	}
}

func TestOutreachPage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/outreach")
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "the outreach page", w.Body.String(), `id="target-form"`, "100</span> left this week: 0 of 100 sent",
		"The person you invited cannot delete it", `href="/check"`, `<label for="reason">`, "Do not invite again")

	// Vetting: mutual connections but nothing else shared, and no note.
	w = e.postForm("/outreach/check", target())
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	wantAll(t, "the check", body, `id="check-result"`, "Ask <bdi>Jo Park</bdi> to introduce you first", "The three questions",
		"Can you say why you want to connect with this person in particular?", "Notes you could send instead", `data-copy="note-draft-0"`,
		`formaction="/outreach/sent"`, `form="target-form"`, `value="Ines Duarte"`, "compare notes on Kafka failover")
	if c, r := strings.Index(body, `id="check-result"`), strings.Index(body, `id="target-form"`); c > r {
		t.Error("the result should come before the form")
	}

	// A note that is personal enough gets no drafts.
	good := target()
	good.Set("message", "Hi Ines, I'm Dana, a data engineer at Northwind. Your Kafka failover talk at the Berlin meetup answered questions we had for months; I'd love to compare notes on exactly-once delivery.")
	good.Set("shared_events", "Berlin Data Meetup")
	w = e.postForm("/outreach/check", good)
	wantStatus(t, w, http.StatusOK)
	body = w.Body.String()
	wantAll(t, "the check with a note", body, "Your note: score")
	if strings.Contains(body, "Notes you could send instead") {
		t.Errorf("a good note should not come with drafts:\n%s", mainOf(body))
	}

	// Bad values: errors next to their fields, the rest kept as typed.
	bad := url.Values{"name": {""}, "mutual_connections": {"-3"}, "reason": {strings.Repeat("why ", 400)},
		"message": {"bad \xff bytes"}, "mutual_names": {strings.Repeat("A,", 200)}, "company": {"kept as typed"}, "sent_at": {"yesterday"}}
	w = e.postForm("/outreach/check", bad)
	wantStatus(t, w, http.StatusBadRequest)
	body = w.Body.String()
	wantAll(t, "the invalid check", body, `id="name-err"`, `id="mutual_connections-err"`, `id="reason-err"`, `id="message-err"`,
		`id="mutual_names-err"`, `value="kept as typed"`, `aria-invalid="true"`, `id="form-errors"`)
	if strings.Contains(body, "sent_at") || strings.Contains(body, `id="check-result"`) {
		t.Errorf("a field the form does not show must not produce an error, nor a result:\n%s", mainOf(body))
	}
	w = e.postForm("/outreach/sent", bad)
	wantStatus(t, w, http.StatusBadRequest)

	// Record it as sent: it joins the pending list and the budget.
	w = e.postForm("/outreach/sent", target())
	wantStatus(t, w, http.StatusSeeOther)
	loc := location(w)
	if !strings.HasPrefix(loc, "/outreach?sent=") {
		t.Fatalf("redirect to %q", loc)
	}
	u, _ := url.Parse(loc)
	id := u.Query().Get("sent")
	w = e.get(loc)
	body = w.Body.String()
	wantAll(t, "the page after recording", body, "Recorded your invitation to <bdi>Ines Duarte</bdi>",
		`action="/outreach/`+id+`/event"`, `I withdrew it<span class="vh"> (my invitation to <bdi>Ines Duarte</bdi>)`)
	si, err := e.db.Invitation(context.Background(), id)
	if err != nil || si.Invitation.Direction != linkvet.Outgoing || len(si.Invitation.MutualNames) != 2 {
		t.Fatalf("stored %+v, %v", si, err)
	}

	// Sending again while it is pending is refused, next to the form.
	w = e.postForm("/outreach/sent", target())
	wantStatus(t, w, http.StatusConflict)
	wantAll(t, "a second sending", w.Body.String(), `id="send-error"`, "still pending", `value="Ines Duarte"`)
	// And the check now says not to send.
	w = e.postForm("/outreach/check", target())
	wantAll(t, "the check of someone invited", w.Body.String(), "Don&#39;t send it", "already pending")

	// Marks: withdrawn, then nothing more.
	for _, tc := range []struct {
		id, kind string
		status   int
	}{
		{id, "followup_done", http.StatusBadRequest},
		{id, "deleted", http.StatusBadRequest},
		{"nope", "withdrawn", http.StatusNotFound},
		{"demo-01", "withdrawn", http.StatusBadRequest}, // incoming: not the user's to withdraw
	} {
		w := e.postForm("/outreach/"+url.PathEscape(tc.id)+"/event", url.Values{"kind": {tc.kind}})
		wantStatus(t, w, tc.status)
		if !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s %s: the error should be a page", tc.id, tc.kind)
		}
	}
	w = e.postForm("/outreach/"+url.PathEscape(id)+"/event", url.Values{"kind": {"withdrawn"}})
	wantStatus(t, w, http.StatusSeeOther)
	w = e.get(location(w))
	body = w.Body.String()
	wantAll(t, "the page after withdrawing", body, "Recorded: you withdrew your invitation to Ines Duarte.", "you may invite them again from")
	w = e.postForm("/outreach/"+url.PathEscape(id)+"/event", url.Values{"kind": {"declined"}})
	wantStatus(t, w, http.StatusConflict)
}

func TestOutreachPlanSuggestsWithdrawing(t *testing.T) {
	e := newTestEnv(t)
	old := DemoNow().AddDate(0, 0, -40)
	e.at(-40)
	if _, err := e.db.Import(context.Background(), &linkvet.Export{Outgoing: []linkvet.Invitation{
		{SentAt: &old, Person: linkvet.Person{Name: "Omar Said", ProfileURL: "https://www.linkedin.com/in/omar-said"}},
	}}); err != nil {
		t.Fatal(err)
	}
	w := e.get("/outreach")
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "the planner", w.Body.String(), "<bdi>Omar Said</bdi>", "waiting 40 days", "withdraw suggested")
}

// importNetwork stores connections for the Network page: three gone quiet
// (one with a hostile name), two recent ones at Harbor Metrics, and the
// user's profile.
func (e *testEnv) importNetwork(hidden int) {
	e.t.Helper()
	e.at(0)
	long := DemoNow().AddDate(-4, 0, 0)
	recent := DemoNow().AddDate(0, -2, 0)
	conn := []string{"connection"}
	_, err := e.db.Import(context.Background(), &linkvet.Export{
		Me: linkvet.Me{Name: "Dana Weber", Headline: "Data Engineer", Companies: []string{"Northwind Analytics"}},
		Known: []linkvet.KnownPerson{
			{Name: "Quiet One", ProfileURL: "https://www.linkedin.com/in/quiet-one", Company: "Initech", Sources: conn, Since: long},
			{Name: "Quiet Two", ProfileURL: "https://www.linkedin.com/in/quiet-two", Sources: conn, Since: long.AddDate(0, 1, 0)},
			{Name: `Eve <script>window.__pwned=40</script>`, ProfileURL: "javascript:window.__pwned=41", Company: `"><img src=x onerror="window.__pwned=42">`, Sources: conn, Since: long},
			{Name: "Hana Ito", ProfileURL: "https://www.linkedin.com/in/hana-ito", Company: "Harbor Metrics", Sources: conn, Since: recent},
			{Name: "Ben Ode", ProfileURL: "https://www.linkedin.com/in/ben-ode", Company: "HARBOR METRICS GmbH", Sources: conn, Since: recent},
		},
		HiddenConnections: hidden,
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

func TestNetworkPage(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/network")
	wantStatus(t, w, http.StatusOK)
	wantAll(t, "the empty network page", w.Body.String(), "No connections are stored yet", "No profile is stored yet", "professional photo")

	e.importNetwork(4)
	w = e.get("/network")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	wantAll(t, "the network page", body, `<span class="big">9</span> of LinkedIn's cap of 30000`, "4 of them hide their details",
		"Gone quiet <span class=\"count\">(3)</span>", `value="linkedin.com/in/quiet-one"`, "<bdi>Quiet Two</bdi>",
		"all 3 connections gone quiet", "No tags yet", "Does your profile have a professional photo?", `class="sev-question"`)
	if strings.Contains(body, "Hana Ito") {
		t.Error("a recent connection is listed as gone quiet")
	}
	if strings.Contains(body, `id="cap-warning"`) {
		t.Error("9 connections should not warn about the cap")
	}

	post := func(form url.Values) (int, string) {
		t.Helper()
		w := e.postForm("/network/tags", form)
		if w.Code == http.StatusSeeOther {
			w = e.get(w.Header().Get("Location"))
			wantStatus(t, w, http.StatusOK)
			return http.StatusSeeOther, w.Body.String()
		}
		return w.Code, w.Body.String()
	}
	code, body := post(url.Values{"tag": {"mentors"}, "whom": {"selected"}, "key": {"linkedin.com/in/quiet-one"}, "do": {"tag"}})
	if code != http.StatusSeeOther {
		t.Fatalf("tagging the ticked: %d\n%s", code, mainOf(body))
	}
	wantAll(t, "after tagging one", body, "Tagged 1 person: mentors", "<td><bdi>mentors</bdi></td><td class=\"num\">1</td>", "tags: <bdi>mentors</bdi>")
	_, body = post(url.Values{"tag": {"prune"}, "whom": {"stale"}, "do": {"tag"}})
	wantAll(t, "after tagging the stale", body, "Tagged 3 people: prune")
	_, body = post(url.Values{"tag": {"harbor"}, "whom": {"company"}, "company": {"harbor metrics"}, "do": {"tag"}})
	wantAll(t, "after tagging a company", body, "Tagged 2 people: harbor", "<td><bdi>harbor</bdi></td><td class=\"num\">2</td>")
	_, body = post(url.Values{"tag": {"HARBOR"}, "whom": {"company"}, "company": {"Harbor Metrics"}, "do": {"untag"}})
	wantAll(t, "after untagging", body, "Removed the tag from 2 people: HARBOR")
	if strings.Contains(body, "<bdi>harbor</bdi>") {
		t.Error("the tag is still listed after removing it from everyone")
	}

	for _, tc := range []struct {
		form  url.Values
		wants []string
	}{
		{url.Values{"tag": {""}, "whom": {"selected"}}, []string{`id="tag-err"`, `id="whom-err"`, "no connection is ticked"}},
		{url.Values{"tag": {"x"}, "whom": {"company"}, "company": {" "}}, []string{`id="company-err"`, "is required"}},
		{url.Values{"tag": {"x"}, "whom": {"company"}, "company": {"Nowhere Inc"}}, []string{`id="company-err"`, "matches no connection", `value="Nowhere Inc"`}},
		{url.Values{"tag": {"x"}, "whom": {"everyone"}}, []string{`id="whom-err"`}},
		{url.Values{"tag": {"bad\x01tag"}, "whom": {"stale"}}, []string{`id="tag-err"`, "control character"}},
		{url.Values{"tag": {"\xff"}, "whom": {"stale"}}, []string{`id="tag-err"`, "not UTF-8"}},
		{url.Values{"tag": {"x"}, "whom": {"stale"}, "do": {"delete"}}, []string{"neither tag nor untag"}},
	} {
		code, body := post(tc.form)
		if code != http.StatusBadRequest {
			t.Errorf("%v: status %d, want 400", tc.form, code)
		}
		wantAll(t, "the form with "+clip(tc.form.Encode(), 60), body, append(tc.wants, `id="tag-errors"`)...)
	}
	code, body = post(url.Values{"tag": {"x"}, "whom": {"selected"}, "key": {"linkedin.com/in/nobody-at-all"}})
	if code != http.StatusNotFound || !strings.Contains(body, "not among the known people") {
		t.Errorf("an unknown person: %d\n%s", code, mainOf(body))
	}

	// Near the cap, the page warns.
	e.importNetwork(27_500)
	w = e.get("/network")
	wantAll(t, "the network near the cap", w.Body.String(), `id="cap-warning"`, "Warning:")
}

func TestPolicyPreviewReplaysDecisions(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	// Pat Miller's verdict is decline and the user agrees; Alex Kim's is
	// accept and the user blocked him; Jonas Berg was closed by an import.
	for id, a := range map[string]string{"demo-05": "decline", "demo-02": "block"} {
		wantStatus(t, e.postForm("/invitations/"+id+"/decision", url.Values{"action": {a}}), http.StatusSeeOther)
	}
	if _, err := e.db.Decide(ctx, linkvet.Decision{InvitationID: "demo-03", Action: linkvet.Ignore, By: linkvet.ByRule}); err != nil {
		t.Fatal(err)
	}
	current := e.srv.storedPolicy(ctx)
	next := strings.Replace(string(current), "blocked:\n",
		"blocked:\n  - https://www.linkedin.com/in/pat-miller-growth\n  - https://www.linkedin.com/in/alex-kim-data\n  - https://www.linkedin.com/in/chris-young-streams\n", 1)
	w := e.postForm("/policy", url.Values{"yaml": {next}, "do": {"preview"}})
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	wantAll(t, "the preview", body,
		"<strong>1</strong> of 23 waiting invitations would get another verdict.", "<bdi>Chris Young</bdi>",
		"linkvet agrees with <strong>1</strong> of your 2 decisions now (50%), and would agree with <strong>1</strong> (50%)",
		`<td class="effect-agrees">now agrees with you</td>`, `<td class="effect-disagrees">no longer agrees with you</td>`)
	if strings.Contains(body, "Jonas Berg") {
		t.Error("a decision made by an import's rule is not the user's and not waiting: it belongs in neither list")
	}

	// The API answers with the same replay when it saves.
	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader(next), "Content-Type", "application/yaml")
	wantStatus(t, w, http.StatusOK)
	var saved policySaved
	if err := json.Unmarshal(w.Body.Bytes(), &saved); err != nil {
		t.Fatal(err)
	}
	if saved.Pending != 23 || len(saved.Flipped) != 1 || saved.Decided != 2 || saved.AgreedBefore != 1 || saved.AgreedAfter != 1 || len(saved.Decisions) != 2 {
		t.Errorf("saved %+v", saved)
	}
}

func TestInsightsCountOnlyTheUsersDecisions(t *testing.T) {
	hist := []linkvet.Decision{
		// The user asked; an import later found the invitation accepted on
		// LinkedIn. The user's decision is "ask".
		{InvitationID: "a", Action: linkvet.Ask, Verdict: linkvet.Accept, By: linkvet.ByUser},
		{InvitationID: "a", Action: linkvet.Accept, By: linkvet.ByRule},
		// Imports alone: none of them is the user's.
		{InvitationID: "b", Action: linkvet.Accept, Verdict: linkvet.Decline, By: linkvet.ByRule},
		{InvitationID: "c", Action: linkvet.Ignore, Verdict: linkvet.Accept, By: linkvet.ByRule},
		// A user's decision after a rule's stands.
		{InvitationID: "d", Action: linkvet.Ignore, By: linkvet.ByRule},
		{InvitationID: "d", Action: linkvet.Accept, Verdict: linkvet.Accept, By: linkvet.ByUser},
	}
	v := buildInsights(nil, hist, nil, nil)
	if v.Decided != 2 || v.Accepted != 1 || v.AcceptRate != "50%" || v.Overrides != 1 || v.OverRate != "50%" {
		t.Errorf("decided %d accepted %d (%s) overrides %d (%s)", v.Decided, v.Accepted, v.AcceptRate, v.Overrides, v.OverRate)
	}
	if len(v.OverPairs) != 1 || v.OverPairs[0] != (overridePair{Verdict: linkvet.Accept, Action: linkvet.Ask, Count: 1}) {
		t.Errorf("override pairs %+v", v.OverPairs)
	}
}

// TestOutreachPagesEscapeHostileText puts the hostile corpus on the three
// new pages: accepted (follow-ups), sent (outreach) and known (network).
func TestOutreachPagesEscapeHostileText(t *testing.T) {
	e := newTestEnv(t)
	e.loadHostile()
	e.importNetwork(0)
	ctx := context.Background()
	for i, inv := range hostileInvitations() {
		e.accept(inv.ID, -5)
		if i < 4 {
			out := inv
			out.ID, out.Direction, out.Source = "", linkvet.Outgoing, ""
			out.Person.ProfileURL = ""
			if _, err := e.srv.svc.RecordSent(ctx, out); err != nil {
				t.Fatalf("record %s as sent: %v", inv.ID, err)
			}
		}
	}
	e.at(0)
	hostileTarget := url.Values{"name": {hostilePayloads[0]}, "headline": {hostilePayloads[1]}, "company": {hostilePayloads[2]},
		"mutual_names": {hostilePayloads[3]}, "message": {hostilePayloads[4]}, "reason": {hostilePayloads[5]}, "shared_groups": {hostilePayloads[9]}}
	for _, page := range []string{"/followups", "/outreach", "/network"} {
		w := e.get(page)
		wantStatus(t, w, http.StatusOK)
		body := w.Body.String()
		assertEscaped(t, page, body)
		if !strings.Contains(body, "&lt;script&gt;window.__pwned") {
			t.Errorf("%s shows no hostile text: the test proves nothing", page)
		}
	}
	w := e.postForm("/outreach/check", hostileTarget)
	wantStatus(t, w, http.StatusOK)
	assertEscaped(t, "POST /outreach/check", w.Body.String())
	w = e.postForm("/network/tags", url.Values{"tag": {hostilePayloads[1]}, "whom": {"stale"}})
	wantStatus(t, w, http.StatusSeeOther)
	w = e.get(w.Header().Get("Location"))
	assertEscaped(t, "the network page after a hostile tag", w.Body.String())
}
