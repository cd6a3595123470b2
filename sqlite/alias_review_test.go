package sqlite

import (
	"context"
	"slices"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestAliasNeedsTheListingsThemselves: when a listing found unchanged is
// deleted later in the same transaction (the enrichment trigger), another
// listing of its old state, never screened again, must not make up the
// count: no alias, and c is not current under s2.
func TestAliasNeedsTheListingsThemselves(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	err := db.Update(ctx, func(tx linkvet.Tx) error {
		if err := tx.(*Tx).SaveListed(ctx, vs[:2], ls[:2], "s2"); err != nil {
			return err
		}
		_, err := tx.PutInvitations(ctx, []linkvet.Invitation{{ID: "a", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "a Made-Up", Headline: "Engineer"}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("aliases: %v", aliases(t, db))
	if got := current(t, db, "s2", false); slices.Contains(got, "c") {
		t.Errorf("c was never screened under s2 but is current there: %v", got)
	}
}
