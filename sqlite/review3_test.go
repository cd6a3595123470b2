package sqlite

// Third review of the listing-first inbox, at the store: the second
// round's fixes (listings.screened_at, ReadMark.UnsavedAt, Unlisted's
// decoder). Tests named TestReview3... that fail name a bug (see the
// report); the others are regression tests. Helpers rv* are
// review_lazy_test.go's.

import (
	"context"
	"slices"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestReview3UnsavedListingInItsVerdictsStateReadsWholeAsStale: a, b, c
// are saved under s1 (verdict rows and listings). A list-only relist
// under s2 (a --policy run) keeps other listings without their verdicts;
// one under s1 again (the policy in force, later: the verdicts depend on
// the clock) keeps listings that differ from the stored s1 verdicts,
// unsaved. Read whole, each reports its verdict row's state s1, which is
// the state in force: the reader takes the stored verdict as current and
// never screens it again, while the list shows another one.
func TestReview3UnsavedListingInItsVerdictsStateReadsWholeAsStale(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	run := slices.Clone(vs)
	later := slices.Clone(vs)
	for i := range vs {
		run[i].Score += 10
		later[i].Score += 20
	}
	rvListScreened(t, db, rvUnlisted(t, db, "s2"), run, "s2")
	rvListScreened(t, db, rvUnlisted(t, db, "s1"), later, "s1")
	listed := rvListed(t, db, "s1", linkvet.ListFilter{})
	for _, id := range []string{"a", "b", "c"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		l := listed[id]
		if si.VerdictState == "s1" && (si.Verdict == nil || si.Verdict.Score != l.Score) {
			t.Errorf("%s lists in s1 with score %d; read whole it reports its stored verdict (score %d) as current in s1", id, l.Score, si.Verdict.Score)
		}
		states, err := rvVerdictStates(db, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		if states[id] == "s1" && si.Verdict.Score != l.Score {
			t.Errorf("%s: VerdictStates reports s1 for a verdict row the s1 listing does not show", id)
		}
	}
}
