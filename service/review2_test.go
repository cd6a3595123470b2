package service_test

// Second review of the listing-first inbox (d35c31c and after): readers
// of verdicts outside service.Fresh, the API's lists, the 3-pass relist,
// --policy runs and upgraded stores. Tests named TestReview2... that fail
// name a bug (see the report); the others are regression tests of what
// held. Helpers rv* are review_lazy_test.go's.

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)


// TestReview2APIPendingFilterAfterPolicyChangeWithUnsettled: an import of
// an export without Connections.csv leaves demo-01 unsettled (out of the
// inbox; the API lists it). The user changes the policy: demo-01 goes
// from accept to ignore. GET /api/v1/invitations?pending=true&action=...
// (service.Invitations) relists only what the inbox lists, so demo-01's
// listing stays the old policy's, and the filter selects by it while the
// page shows the verdict screened afresh: action=accept returns demo-01
// with an ignore verdict, action=ignore leaves it out.
func TestReview2APIPendingFilterAfterPolicyChangeWithUnsettled(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	inv := rvRaw(t, db, "demo-01")
	if _, err := db.Import(ctx, &linkvet.Export{ConnectionsMissing: true, Incoming: []linkvet.Invitation{inv}}); err != nil {
		t.Fatal(err)
	}
	un, err := db.Unsettled(ctx)
	if err != nil || !un["demo-01"] {
		t.Fatalf("fixture: demo-01 unsettled: %v %v", un, err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	_, want := rvWant(t, db, nil)
	if want["demo-01"].Action != linkvet.Ignore {
		t.Fatalf("fixture: demo-01 is %s under curated, want ignore", want["demo-01"].Action)
	}
	pending := true
	for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ignore} {
		items, total, err := svc.Invitations(ctx, linkvet.InvitationFilter{Pending: &pending, Action: a})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, si := range items {
			if si.Verdict == nil || si.Verdict.Action != a {
				t.Errorf("pending&action=%s returns %s with the verdict %v", a, si.Invitation.ID, rvJSON(si.Verdict))
			}
			if si.Invitation.ID == "demo-01" {
				found = true
			}
		}
		if (a == linkvet.Ignore) != found {
			t.Errorf("pending&action=%s: demo-01 (screened afresh: ignore) listed: %v (total %d)", a, found, total)
		}
	}
}
