package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestUpdateIsAllOrNothing: a use case's writes through one Tx are
// committed together, or not at all when it fails half-way.
func TestUpdateIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "a", Person: linkvet.Person{Name: "Ana Made-Up"}}}); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("training failed")
	err := db.Update(ctx, func(tx linkvet.Tx) error {
		if _, err := tx.Decide(ctx, linkvet.Decision{InvitationID: "a", Action: linkvet.Accept}); err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "decision", Subject: "a"}); err != nil {
			return err
		}
		if err := tx.PutModel(ctx, "classifier", []byte("x")); err != nil {
			return err
		}
		if err := tx.SetTrainedAs(ctx, "a", "accept"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update: %v, want the use case's error", err)
	}
	ds, _ := db.Decisions(ctx, "a")
	audit, _ := db.Audit(ctx)
	trained, _ := db.TrainedAs(ctx, "a")
	gen, _ := db.ModelGeneration(ctx, "classifier")
	if len(ds) != 0 || len(audit) != 0 || trained != "" || gen != 0 {
		t.Errorf("a failed use case left %d decisions, %d audit entries, trained %q, model generation %d", len(ds), len(audit), trained, gen)
	}
}

// TestUndoPutsBackInQueue: an undo entry makes the invitation pending
// again, for every reader of the store.
func TestUndoPutsBackInQueue(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "a", Person: linkvet.Person{Name: "Ana Made-Up"}}}); err != nil {
		t.Fatal(err)
	}
	pendingIDs := func() int {
		pending := true
		_, n, err := db.Invitations(ctx, linkvet.InvitationFilter{Pending: &pending})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "a", Action: linkvet.Decline}); err != nil {
		t.Fatal(err)
	}
	if n := pendingIDs(); n != 0 {
		t.Fatalf("%d pending after a decision", n)
	}
	d, err := db.Decide(ctx, linkvet.Decision{InvitationID: "a", Undo: true, Action: linkvet.Accept})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Undo || d.Action != linkvet.Ignore {
		t.Errorf("undo stored as %+v, want action ignore marked undo", d)
	}
	if n := pendingIDs(); n != 1 {
		t.Errorf("%d pending after the undo, want 1", n)
	}
	si, _ := db.Invitation(ctx, "a")
	if linkvet.Standing(si.Decision) != nil {
		t.Errorf("a standing decision after the undo: %+v", si.Decision)
	}
}

// TestPolicyVersions: each stored policy is a new version with its audit
// entry; the highest is in force.
func TestPolicyVersions(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if pv, err := db.Policy(ctx); err != nil || pv.Version != 0 {
		t.Fatalf("a new store's policy: %+v %v, want version 0 (the defaults)", pv, err)
	}
	for _, text := range []string{"style: open\n", "style: curated\n"} {
		if err := db.Update(ctx, func(tx linkvet.Tx) error {
			_, err := tx.SetPolicy(ctx, linkvet.PolicyVersion{Text: text, Learning: true, Source: "cli"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	pv, err := db.Policy(ctx)
	if err != nil || pv.Version != 2 || pv.Text != "style: curated\n" || !pv.Learning || pv.Source != "cli" {
		t.Errorf("policy in force %+v %v", pv, err)
	}
	all, _ := db.Policies(ctx)
	audit, _ := db.Audit(ctx)
	if len(all) != 2 || len(audit) != 2 || audit[1].Subject != "version 2" {
		t.Errorf("%d versions, audit %+v", len(all), audit)
	}
}
