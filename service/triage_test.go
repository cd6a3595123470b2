package service_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

func demoService(t *testing.T) (*service.Service, *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	if err := svc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	return svc, db
}

// Applying the recommendations to every block and ignore decides exactly
// those, trains the classifier as by hand, and one undo takes the batch
// back whole, leaving a decision the user changed since alone.
func TestApplyRecommendationsAndUndoBatch(t *testing.T) {
	ctx := context.Background()
	svc, _ := demoService(t)
	before, err := inboxItems(svc, ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, it := range before {
		if a := it.Verdict.Action; a == linkvet.Block || a == linkvet.Ignore {
			want++
		}
	}
	if want < 2 {
		t.Fatalf("the demo has %d block/ignore verdicts; the test needs two", want)
	}
	b, err := svc.ApplyRecommendations(ctx, service.InboxFilter{}, []linkvet.Action{linkvet.Block, linkvet.Ignore})
	if err != nil {
		t.Fatal(err)
	}
	if b.Decided != want || b.ID == "" {
		t.Fatalf("batch %+v, want %d decisions", b, want)
	}
	after, _ := inboxItems(svc, ctx, service.InboxFilter{})
	if len(after) != len(before)-want {
		t.Fatalf("%d pending after the batch, want %d", len(after), len(before)-want)
	}
	for _, it := range after {
		if a := it.Verdict.Action; a == linkvet.Block || a == linkvet.Ignore {
			t.Errorf("%s (%s) is still pending", it.Invitation.ID, a)
		}
	}
	if err := svc.Check(ctx); err != nil {
		t.Fatalf("classifier after the batch: %v", err)
	}
	decided, err := svc.Decided(ctx, service.DecidedFilter{Action: linkvet.Block})
	if err != nil || len(decided) != b.ByAction["block"] {
		t.Fatalf("decided blocks: %d (%v), batch says %d", len(decided), err, b.ByAction["block"])
	}
	// The user changes one decision of the batch by hand: undo keeps it.
	changed := decided[0].Invitation.ID
	if _, err := svc.Decide(ctx, changed, linkvet.Decline, "changed my mind"); err != nil {
		t.Fatal(err)
	}
	n, err := svc.UndoBatch(ctx, b.ID)
	if err != nil || n != want-1 {
		t.Fatalf("undo batch: %d, %v; want %d", n, err, want-1)
	}
	final, _ := inboxItems(svc, ctx, service.InboxFilter{})
	if len(final) != len(before)-1 {
		t.Errorf("%d pending after undo, want %d", len(final), len(before)-1)
	}
	if err := svc.Check(ctx); err != nil {
		t.Fatalf("classifier after undo: %v", err)
	}
	if _, err := svc.UndoBatch(ctx, b.ID); linkvet.ErrorCode(err) != linkvet.ECONFLICT {
		t.Errorf("a second undo: %v, want a conflict", err)
	}
	if _, err := svc.UndoBatch(ctx, "b-none"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("unknown batch: %v", err)
	}
	byUser, _ := svc.Decided(ctx, service.DecidedFilter{By: linkvet.ByUser})
	if len(byUser) != 1 || byUser[0].Invitation.ID != changed {
		t.Errorf("decided by the user: %+v", byUser)
	}
}

func TestDecidingReason(t *testing.T) {
	v := linkvet.Verdict{Action: linkvet.Block, Reasons: []linkvet.Reason{{Rule: "a", Points: 30}, {Rule: "b", Points: -20}, {Rule: "c", Points: -5}}}
	if r, ok := service.DecidingReason(&v); !ok || r.Rule != "b" {
		t.Errorf("block: %v", r)
	}
	v.Action = linkvet.Accept
	if r, _ := service.DecidingReason(&v); r.Rule != "a" {
		t.Errorf("accept: %v", r)
	}
	if _, ok := service.DecidingReason(&linkvet.Verdict{}); ok {
		t.Error("no reasons")
	}
}

// The demo's extras fill Follow-ups, Outreach and Network and leave the
// inbox as it was.
func TestLoadDemoExtras(t *testing.T) {
	ctx := context.Background()
	svc, db := demoService(t)
	db.SetNow(service.DemoNow)
	before, _ := inboxItems(svc, ctx, service.InboxFilter{})
	if err := svc.LoadDemoExtras(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := inboxItems(svc, ctx, service.InboxFilter{})
	if len(after) != len(before) {
		t.Errorf("the inbox went from %d to %d", len(before), len(after))
	}
	fus, _, err := svc.FollowUps(ctx)
	if err != nil || len(fus) < 2 {
		t.Errorf("follow-ups: %d (%v)", len(fus), err)
	}
	plan, _, err := svc.Plan(ctx)
	if err != nil || len(plan.Pending) < 2 {
		t.Errorf("outreach pending: %+v (%v)", plan.Pending, err)
	}
	known, err := db.Known(ctx)
	if err != nil || len(known) < 5 {
		t.Errorf("network: %d (%v)", len(known), err)
	}
	d, _ := db.Decisions(ctx, "demo-followup-1")
	if len(d) != 1 || !d[0].At.Before(service.DemoNow().AddDate(0, 0, -10)) {
		t.Errorf("the early acceptance is dated %v", d)
	}
}
