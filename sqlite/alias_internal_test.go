package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/linkvet/linkvet"
)

// aliasStore is a store of incoming invitations a, b, c, each with a
// verdict and listing saved under state s1.
func aliasStore(t *testing.T) (*DB, []linkvet.Verdict, []linkvet.Listing) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var invs []linkvet.Invitation
	var vs []linkvet.Verdict
	var ls []linkvet.Listing
	for i, id := range []string{"a", "b", "c"} {
		name := id + " Made-Up"
		invs = append(invs, linkvet.Invitation{ID: id, Direction: linkvet.Incoming, Person: linkvet.Person{Name: name}})
		vs = append(vs, linkvet.Verdict{ID: id, Action: linkvet.Ask, Category: linkvet.Stranger, Score: i})
		ls = append(ls, linkvet.Listing{ID: id, Name: name, Action: linkvet.Ask, Category: linkvet.Stranger, Score: i})
	}
	if _, err := db.PutInvitations(ctx, invs); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveListed(ctx, vs, ls, "s1"); err != nil {
		t.Fatal(err)
	}
	return db, vs, ls
}

// current returns the ids of the invitations whose listing is current in
// state (pending ones, or all), as List and Unlisted each see it, failing
// when the two disagree, and checks that each reads whole as of state.
func current(t *testing.T, db *DB, state string, all bool) []string {
	t.Helper()
	ctx := context.Background()
	listed, _, err := db.List(ctx, linkvet.ListFilter{State: state, All: all})
	if err != nil {
		t.Fatal(err)
	}
	unlisted, err := db.Unlisted(ctx, linkvet.ListFilter{State: state, All: all})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range listed {
		ids = append(ids, l.ID)
		si, err := db.Invitation(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if si.VerdictState != state {
			t.Errorf("%s is listed in %s but reads whole as of %q", l.ID, state, si.VerdictState)
		}
	}
	for _, si := range unlisted {
		if slices.Contains(ids, si.Invitation.ID) {
			t.Errorf("%s is both listed and unlisted in %s", si.Invitation.ID, state)
		}
	}
	slices.Sort(ids)
	return ids
}

func aliases(t *testing.T, db *DB) map[string]string {
	t.Helper()
	rows, err := db.sql.Query(`SELECT old, current FROM state_aliases`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var old, cur string
		if err := rows.Scan(&old, &cur); err != nil {
			t.Fatal(err)
		}
		out[old] = cur
	}
	return out
}

func stampedWith(t *testing.T, db *DB, id string) string {
	t.Helper()
	var st string
	if err := db.sql.QueryRow(`SELECT state FROM listings WHERE invitation_id = ?`, id).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestAliasWhenEveryListingWasScreenedAgain: after all listings of s1 are
// saved again under s2, the unchanged ones are neither written nor marked
// one by one: s1 becomes an alias of s2, and every listing is current in
// s2, the unchanged ones in s1 too; the changed one only in s2.
func TestAliasWhenEveryListingWasScreenedAgain(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	vs[1].Score, ls[1].Score = 7, 7
	if err := db.SaveListed(ctx, vs, ls, "s2"); err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); got["s1"] != "s2" || len(got) != 1 {
		t.Fatalf("aliases %v, want s1 -> s2", got)
	}
	if st := stampedWith(t, db, "a"); st != "s1" {
		t.Errorf("an unchanged listing was rewritten (stamped %s)", st)
	}
	if got := current(t, db, "s2", false); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("current in s2: %v, want a b c", got)
	}
	if si, _ := db.Invitation(ctx, "b"); si.Verdict.Score != 7 {
		t.Errorf("b's verdict has score %d, want the one saved under s2", si.Verdict.Score)
	}
	// Another state (a new classifier, say) has no listing current.
	if got := current(t, db, "s3", true); len(got) != 0 {
		t.Errorf("current in a state never screened: %v", got)
	}
}

// TestNoAliasWithoutEveryListing: a listing of s1 not screened again
// under s2 (decided, say, when only pending ones are listed) keeps s1 from
// becoming an alias; the unchanged ones are marked one by one, and the one
// left out is not current in s2, undone or not.
func TestNoAliasWithoutEveryListing(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "c", Action: linkvet.Ignore, Verdict: linkvet.Ask, By: linkvet.ByUser}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveListed(ctx, vs[:2], ls[:2], "s2"); err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); len(got) != 0 {
		t.Fatalf("aliases %v, want none", got)
	}
	if got := current(t, db, "s2", true); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("current in s2: %v, want a b", got)
	}
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "c", Action: linkvet.Ignore, Verdict: linkvet.Ask, By: linkvet.ByUser, Undo: true}); err != nil {
		t.Fatal(err)
	}
	if got := current(t, db, "s2", false); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("current in s2 after the undo: %v, want a b", got)
	}
	if got := current(t, db, "s1", false); !slices.Equal(got, []string{"c"}) {
		t.Errorf("current in s1: %v, want c", got)
	}
}

// TestAliasDroppedBySaveUnderItsState: s1 -> s2, then back to s1 where a
// verdict is written anew: that listing, stamped s1, was never screened
// under s2, so s1 is no longer an alias of s2.
func TestAliasDroppedBySaveUnderItsState(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	if err := db.SaveListed(ctx, vs, ls, "s2"); err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); got["s1"] != "s2" {
		t.Fatalf("aliases %v, want s1 -> s2", got)
	}
	vs[2].Score, ls[2].Score = 9, 9
	if err := db.SaveListed(ctx, vs[2:], ls[2:], "s1"); err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); len(got) != 0 {
		t.Fatalf("aliases %v after a save under s1, want none", got)
	}
	if got := current(t, db, "s2", false); len(got) != 0 {
		t.Errorf("current in s2: %v, want none (c changed under s1)", got)
	}
	if got := current(t, db, "s1", false); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("current in s1: %v, want a b c", got)
	}
}

// TestAliasFollowsTheNewestState: s1 -> s2 -> s3 with nothing changed:
// the listings, still stamped s1, are current in s3; s1 is aliased to s3
// only (one alias per state), so s2 screens them again.
func TestAliasFollowsTheNewestState(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	for _, st := range []string{"s2", "s3"} {
		if err := db.SaveListed(ctx, vs, ls, st); err != nil {
			t.Fatal(err)
		}
	}
	if got := aliases(t, db); got["s1"] != "s3" || len(got) != 1 {
		t.Fatalf("aliases %v, want s1 -> s3", got)
	}
	if got := current(t, db, "s3", false); len(got) != 3 {
		t.Errorf("current in s3: %v, want a b c", got)
	}
	if got := current(t, db, "s2", false); len(got) != 0 {
		t.Errorf("current in s2: %v, want none", got)
	}
}

// TestAliasAndEnrichment: an invitation enriched after its state became
// an alias loses its listing and is screened again.
func TestAliasAndEnrichment(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	if err := db.SaveListed(ctx, vs, ls, "s2"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "a", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "a Made-Up", Headline: "Engineer"}}}); err != nil {
		t.Fatal(err)
	}
	if got := current(t, db, "s2", false); !slices.Equal(got, []string{"b", "c"}) {
		t.Errorf("current in s2 after enriching a: %v, want b c", got)
	}
	un, err := db.Unlisted(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil || len(un) != 1 || un[0].Invitation.ID != "a" || un[0].Verdict != nil {
		t.Errorf("unlisted in s2: %+v, %v; want a, to be screened again", un, err)
	}
}

// TestAliasNotKeptOnRollback: a transaction that fails records no alias
// and marks nothing.
func TestAliasNotKeptOnRollback(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	boom := errors.New("boom")
	err := db.Update(ctx, func(tx linkvet.Tx) error {
		if err := tx.(*Tx).SaveListed(ctx, vs, ls, "s2"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("update: %v", err)
	}
	if got := aliases(t, db); len(got) != 0 {
		t.Fatalf("aliases %v after a rollback", got)
	}
	if got := current(t, db, "s2", false); len(got) != 0 {
		t.Errorf("current in s2 after a rollback: %v", got)
	}
	db.stampMu.Lock()
	left := len(db.stamps)
	db.stampMu.Unlock()
	if left != 0 {
		t.Errorf("%d transactions' stamps left behind", left)
	}
}
