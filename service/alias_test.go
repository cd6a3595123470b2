package service_test

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestInboxAfterPolicyFlipsIsWhatScreeningGives: through policy changes
// back and forth (A, B, A, B), with a decision, an undo and an enriched
// invitation between them, every listed invitation (pending and all) and
// every invitation read whole carry the verdict the engine in force gives
// now: verdicts kept across states (by marks or by aliases) are never
// stale.
func TestInboxAfterPolicyFlipsIsWhatScreeningGives(t *testing.T) {
	ctx := context.Background()
	_, svc := newCounting(t)
	if err := svc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		eng, _, err := svc.Engine(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// All first: every listing is then screened again, so that
		// states become aliases (sqlite/alias.go); pending after.
		for _, all := range []bool{true, false} {
			page, err := svc.Inbox(ctx, service.InboxFilter{All: all})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Items) == 0 {
				t.Fatalf("%s: empty inbox", when)
			}
			for _, l := range page.Items {
				raw, err := svc.Store().Invitation(ctx, l.ID)
				if err != nil {
					t.Fatal(err)
				}
				v := eng.Screen(&raw.Invitation, service.DemoNow())
				if l.Action != v.Action || l.Score != v.Score || l.Category != v.Category || l.Confidence != v.Confidence || l.Report != v.Report {
					t.Errorf("%s: %s listed as %s/%d/%s, screening now gives %s/%d/%s", when, l.ID, l.Action, l.Score, l.Category, v.Action, v.Score, v.Category)
				}
				whole, err := svc.Invitation(ctx, l.ID)
				if err != nil {
					t.Fatal(err)
				}
				if whole.Verdict.Action != v.Action || whole.Verdict.Score != v.Score || len(whole.Verdict.Reasons) != len(v.Reasons) {
					t.Errorf("%s: %s reads whole as %s/%d, screening now gives %s/%d", when, l.ID, whole.Verdict.Action, whole.Verdict.Score, v.Action, v.Score)
				}
			}
		}
	}
	use := func(style string) {
		t.Helper()
		if _, _, err := svc.UsePolicy(ctx, []byte("style: "+style+"\n"), "p.yaml", "test"); err != nil {
			t.Fatal(err)
		}
	}
	check("demo")
	use("curated")
	check("curated")
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil || len(page.Items) < 3 {
		t.Fatalf("inbox: %d, %v", len(page.Items), err)
	}
	decided := page.Items[1].ID
	if _, err := svc.Decide(ctx, decided, linkvet.Ignore, ""); err != nil {
		t.Fatal(err)
	}
	use("open")
	check("open, one decided")
	if _, err := svc.Undo(ctx, decided); err != nil {
		t.Fatal(err)
	}
	use("curated")
	check("curated again, undone")
	raw, err := svc.Store().Invitation(ctx, page.Items[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	inv := raw.Invitation
	inv.Message = "We met at the Go meetup last spring; I would like to keep in touch."
	if _, err := svc.Add(ctx, []linkvet.Invitation{inv}); err != nil {
		t.Fatal(err)
	}
	use("open")
	check("open again, one enriched")
	use("open")
	check("open, same text again")
}
