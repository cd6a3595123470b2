package web

// Third review of the listing-first inbox through the web app: a listing
// kept by the CLI (--now with a zone) read by the web app at the same
// instant. Tests named TestReview3... that fail name a bug (see the
// report); the others are regression tests.

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestReview3WebInboxAndAPIAgreeAfterACLIListingInAnotherZone: the CLI,
// run with --now 2026-12-01T05:00:00+10:00 (the user's local time), adds
// young-1 (an account opened 2026-09), changes the policy and lists the
// inbox (score 9: 3 months old in its zone), keeping the listing without
// its verdict. The web app, at the same instant on a server clock in UTC,
// shows its inbox page and the API: they agree with each other (both read
// young-1 whole at screened_at, in UTC: score 5). Regression test; that
// the CLI's own inbox --json disagrees with its list is
// testdata/script/review3-zone.txtar.
func TestReview3WebInboxAndAPIAgreeAfterACLIListingInAnotherZone(t *testing.T) {
	ctx := context.Background()
	local := time.Date(2026, 12, 1, 5, 0, 0, 0, time.FixedZone("UTC+10", 10*3600))
	e := newTestEnv(t, func(c *Config) {
		c.Service = service.New(service.Config{Store: c.Service.Store(), Now: local.UTC})
		c.Now = local.UTC
	})
	cli := service.New(service.Config{Store: e.db, Now: func() time.Time { return local }})
	young := linkvet.Invitation{ID: "young-1", Direction: linkvet.Incoming,
		Person:  linkvet.Person{Name: "Yan Made-Up", Headline: "Data Engineer at Made-Up Analytics", MemberSince: "2026-09", Connections: func() *int { n := 10; return &n }()},
		Message: "Hi Dana, I read your post on Kafka consumer lag, would love to connect."}
	if _, err := cli.Add(ctx, []linkvet.Invitation{young}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cli.UsePolicy(ctx, []byte("style: curated\n"), "curated.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.get("/"), http.StatusOK)
	page, err := e.srv.svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var row linkvet.Listing
	for _, l := range page.Items {
		if l.ID == "young-1" {
			row = l
		}
	}
	w := e.get("/api/v1/invitations/young-1")
	wantStatus(t, w, http.StatusOK)
	var got apiStored
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Verdict == nil || got.Verdict.Score != row.Score || got.Verdict.Action != row.Action {
		t.Errorf("the web inbox lists young-1 as %s, score %d; the API returns %+v", row.Action, row.Score, got.Verdict)
	}
}
