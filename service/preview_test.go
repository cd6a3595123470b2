package service_test

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// TestPreviewPolicy: the preview the Policy page shows replays the pending
// invitations and those the user decided, with the user's decision beside
// each, and says how often each policy agrees with them.
func TestPreviewPolicy(t *testing.T) {
	ctx := context.Background()
	_, svc := newCounting(t)
	invs := []linkvet.Invitation{
		{ID: "p1", Person: linkvet.Person{Name: "Pia Made-Up", ProfileURL: "https://www.linkedin.com/in/pia-made-up"}},
		{ID: "p2", Person: linkvet.Person{Name: "Pau Made-Up", ProfileURL: "https://www.linkedin.com/in/pau-made-up"}},
		{ID: "d1", Person: linkvet.Person{Name: "Dov Made-Up", ProfileURL: "https://www.linkedin.com/in/dov-made-up"}},
	}
	if _, err := svc.Add(ctx, invs); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, "d1", linkvet.Accept, ""); err != nil {
		t.Fatal(err)
	}
	cur, _, err := svc.Engine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Load([]byte("style: open\n"), "open.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.PreviewPolicy(ctx, cur, screen.New(p))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pending != 2 || rep.Screened != 3 || rep.Decided != 1 {
		t.Errorf("pending %d, screened %d, decided %d; want 2, 3, 1", rep.Pending, rep.Screened, rep.Decided)
	}
	for _, c := range rep.Changes {
		if want := map[string]linkvet.Action{"d1": linkvet.Accept}[c.ID]; c.Decision != want {
			t.Errorf("%s: decision %q beside the change, want %q", c.ID, c.Decision, want)
		}
	}
	same, err := svc.PreviewPolicy(ctx, cur, cur)
	if err != nil {
		t.Fatal(err)
	}
	if len(same.Changes) != 0 || same.AgreedBefore != same.AgreedAfter {
		t.Errorf("the policy in force against itself: %d changes, agreement %d vs %d", len(same.Changes), same.AgreedBefore, same.AgreedAfter)
	}
}
