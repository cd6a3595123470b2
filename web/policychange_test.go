package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestAfterAPolicyChangeEveryFaceShowsTheNewVerdicts: another process (the
// CLI) changes the policy. Before anyone lists the inbox, the JSON API
// filters by the verdicts of the new policy and returns them, and an
// invitation's page recommends what the new policy says; after the inbox
// has kept its new listings (without the verdicts), the same holds.
func TestAfterAPolicyChangeEveryFaceShowsTheNewVerdicts(t *testing.T) {
	for _, inboxFirst := range []bool{false, true} {
		e := newTestEnv(t)
		ctx := context.Background()
		before := map[string]linkvet.Action{}
		for _, si := range e.whole(t) {
			before[si.Invitation.ID] = si.Verdict.Action
		}
		cli := service.New(service.Config{Store: e.db, Now: DemoNow})
		if _, _, err := cli.UsePolicy(ctx, []byte("style: curated\n"), "curated.yaml", "test"); err != nil {
			t.Fatal(err)
		}
		if inboxFirst {
			wantStatus(t, e.get("/"), http.StatusOK)
		}
		// Every face is asked first, then what the new policy says is
		// worked out: asking stores nothing a face did not store itself.
		listed := map[linkvet.Action][]string{}
		for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ask, linkvet.Ignore, linkvet.Decline, linkvet.Block} {
			w := e.get("/api/v1/invitations?pending=true&limit=200&action=" + string(a))
			wantStatus(t, w, http.StatusOK)
			var list apiList
			if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil {
				t.Fatal(err)
			}
			if list.Total != len(list.Items) {
				t.Errorf("action=%s: total %d, %d items", a, list.Total, len(list.Items))
			}
			for _, it := range list.Items {
				listed[a] = append(listed[a], it.Invitation.ID)
				if it.Verdict == nil || it.Verdict.Action != a {
					t.Errorf("inbox first %v: the API lists %s with verdict %v under action=%s", inboxFirst, it.Invitation.ID, it.Verdict, a)
				}
			}
		}
		pages := map[string]string{}
		for id := range before {
			pages[id] = e.get("/invitations/" + id).Body.String()
		}
		pending := e.pendingIDs()
		changed := 0
		for _, si := range e.whole(t) {
			id, a := si.Invitation.ID, si.Verdict.Action
			if a != before[id] {
				changed++
			}
			if slices.Contains(pending, id) != slices.Contains(listed[a], id) {
				t.Errorf("inbox first %v: %s (pending %v) has verdict %s now; the API with action=%s listed it: %v", inboxFirst, id, slices.Contains(pending, id), a, a, slices.Contains(listed[a], id))
			}
			if !strings.Contains(pages[id], "recommends <strong>"+string(a)+"</strong>") {
				t.Errorf("inbox first %v: the page of %s does not recommend %s (it was %s before the change)", inboxFirst, id, a, before[id])
			}
		}
		if changed == 0 {
			t.Fatal("no verdict changed with the policy: the test proves nothing")
		}
	}
}

// whole reads every incoming invitation whole with current verdicts, as a
// fresh service on the same store gives them.
func (e *testEnv) whole(t *testing.T) []linkvet.StoredInvitation {
	t.Helper()
	ctx := context.Background()
	items, _, err := e.db.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		t.Fatal(err)
	}
	if err := service.New(service.Config{Store: e.db, Now: DemoNow}).Fresh(ctx, items); err != nil {
		t.Fatal(err)
	}
	return items
}
