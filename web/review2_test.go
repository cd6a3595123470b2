package web

// Second review of the listing-first inbox (d35c31c and after) through
// the web app and the JSON API. Tests named TestReview2... that fail name
// a bug (see the report); the others are regression tests.

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestReview2APIPendingFilterWithAnUnsettledInvitation: an import of an
// export without Connections.csv leaves demo-01 unsettled (out of the
// inbox; the API still lists it as pending). The CLI changes the policy
// (demo-01 goes from accept to ignore) and the web inbox is listed. The
// API's ?pending=true&action=accept then returns demo-01 with the verdict
// ignore, counted in its total, and ?action=ignore leaves it out: the
// list filters on demo-01's listing, which the relist before it left as
// the policy before made it (Unlisted without All leaves unsettled
// invitations out), while the page is read fresh.
func TestReview2APIPendingFilterWithAnUnsettledInvitation(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	si, err := e.db.Invitation(ctx, "demo-01")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.Import(ctx, &linkvet.Export{ConnectionsMissing: true, Incoming: []linkvet.Invitation{si.Invitation}}); err != nil {
		t.Fatal(err)
	}
	cli := service.New(service.Config{Store: e.db, Now: DemoNow})
	if _, _, err := cli.UsePolicy(ctx, []byte("style: curated\n"), "curated.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.get("/"), http.StatusOK)
	for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ignore} {
		w := e.get("/api/v1/invitations?pending=true&limit=200&action=" + string(a))
		wantStatus(t, w, http.StatusOK)
		var list apiList
		if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, it := range list.Items {
			if it.Verdict == nil || it.Verdict.Action != a {
				t.Errorf("?pending=true&action=%s lists %s with the verdict %v", a, it.Invitation.ID, it.Verdict.Action)
			}
			found = found || it.Invitation.ID == "demo-01"
		}
		if found != (a == linkvet.Ignore) {
			t.Errorf("?pending=true&action=%s: demo-01 (ignore under the policy in force) listed: %v (total %d)", a, found, list.Total)
		}
	}
}

// TestReview2APIFacesAgreeWithTheListOnlyInbox: the CLI changes the
// policy and the web inbox keeps its listings without their verdicts.
// Then, at the same clock, every invitation's GET /api/v1/invitations/{id}
// says what its inbox row says, a decision posted through the API records
// that advice, and the Decided page counts it.
func TestReview2APIFacesAgreeWithTheListOnlyInbox(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	cli := service.New(service.Config{Store: e.db, Now: DemoNow})
	if _, _, err := cli.UsePolicy(ctx, []byte("style: curated\n"), "curated.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.get("/"), http.StatusOK)
	page, err := cli.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]linkvet.Action{}
	for _, l := range page.Items {
		shown[l.ID] = l.Action
	}
	for id, a := range shown {
		w := e.get("/api/v1/invitations/" + id)
		wantStatus(t, w, http.StatusOK)
		var got apiStoredHistory
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Verdict == nil || got.Verdict.Action != a {
			t.Errorf("GET /api/v1/invitations/%s: verdict %v; the inbox row says %s", id, got.Verdict, a)
		}
	}
	// demo-01 is accept under the demo policy, ignore under curated.
	if shown["demo-01"] != linkvet.Ignore {
		t.Fatalf("fixture: demo-01 listed as %s under curated", shown["demo-01"])
	}
	w := e.postJSON("/api/v1/invitations/demo-01/decision", `{"action": "decline"}`)
	wantStatus(t, w, http.StatusCreated)
	var d apiDecision
	if err := json.Unmarshal(w.Body.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Verdict != linkvet.Ignore {
		t.Errorf("the decision records linkvet's advice as %s; the inbox showed ignore", d.Verdict)
	}
	wantStatus(t, e.get("/decided?action=decline"), http.StatusOK)
}
