package sqlite

// Third review of the listing-first inbox, at the store: the second
// round's fixes (listings.screened_at, ReadMark.UnsavedAt, Unlisted's
// decoder). Tests named TestReview3... that fail name a bug (see the
// report); the others are regression tests. Helpers rv* are
// review_lazy_test.go's.

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
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
			t.Errorf("%s: VerdictRevisions reports s1 for a verdict row the s1 listing does not show", id)
		}
	}
}

// TestReview3StoreOf0010BeforeScreenedAtOpensAndLists: fe99f35 added
// listings.screened_at by editing 0010_listing_first.sql, which d35c31c
// had already shipped (main ran it: every store opened by linkvet between
// the two commits recorded version 10 without the column). Such a store
// is opened by the current linkvet without migrating (version 10 is
// applied), and every read that names l.screened_at (Invitation,
// Invitations, Unlisted, the inbox) then fails: "no such column". A column
// added to a shipped schema needs its own migration (0011: ALTER TABLE
// listings ADD COLUMN screened_at ..., skipped when the column exists).
func TestReview3StoreOf0010BeforeScreenedAtOpensAndLists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%.80s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	for _, m := range ms {
		if m.version > 10 {
			break
		}
		// 0010 as d35c31c shipped it: without screened_at (0011 adds it
		// now, as a migration of its own).
		if m.version == 10 && strings.Contains(m.sql, "screened_at TEXT") {
			t.Fatal("0010 adds screened_at again: a store that applied it before would never get the column")
		}
		exec(m.sql)
		exec(`INSERT INTO schema_migrations VALUES (?, ?, '2026-11-30T18:00:00.000000000Z')`, m.version, m.name)
	}
	raw.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	if err := svc.LoadDemo(ctx); err != nil {
		t.Fatalf("a store of 0010 as shipped by d35c31c: load the demo: %v", err)
	}
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Errorf("a store of 0010 as shipped by d35c31c: inbox: %v", err)
	}
	if _, err := svc.Invitation(ctx, "demo-01"); err != nil {
		t.Errorf("a store of 0010 as shipped by d35c31c: read demo-01: %v", err)
	}
}

// r3ListScreenedAt is rvListScreened at a given instant.
func r3ListScreenedAt(t *testing.T, db *DB, read []linkvet.StoredInvitation, vs []linkvet.Verdict, state string, at time.Time) {
	t.Helper()
	ctx := context.Background()
	ls := rvListings(vs)
	digests := make([]int64, len(vs))
	marks := make([]linkvet.ReadMark, len(vs))
	for i := range vs {
		digests[i] = rvDigest(t, vs[i])
		for _, si := range read {
			if si.Invitation.ID == vs[i].ID {
				marks[i] = si.Read
			}
		}
	}
	if err := db.Update(ctx, func(tx linkvet.Tx) error {
		return tx.(*Tx).ListScreened(ctx, ls, digests, marks, state, at)
	}); err != nil {
		t.Fatal(err)
	}
}

// TestReview3UnsavedListingIsNeverAliasedWithItsOldInstant: a, b, c are
// saved under s1. Under s2 (day 1) a comes out changed (kept unsaved,
// screened day 1), b and c unchanged (stamped). Under s3 (day 60) every
// listing comes out as under s2: b and c are stamped again (an alias or
// marks), a is written anew, screened on day 60, and read whole it is
// screened again on day 60, never day 1; under s2 again (a --policy run
// back, day 90) a is not current (its listing is s3's) and is read whole
// as stale. Regression test.
func TestReview3UnsavedListingIsNeverAliasedWithItsOldInstant(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	day1 := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	day60 := day1.AddDate(0, 0, 60)
	next := slices.Clone(vs)
	next[0].Score = 70
	r3ListScreenedAt(t, db, rvUnlisted(t, db, "s2"), next, "s2", day1)
	r3ListScreenedAt(t, db, rvUnlisted(t, db, "s3"), next, "s3", day60)
	if listed := rvListed(t, db, "s3", linkvet.ListFilter{}); len(listed) != 3 || listed["a"].Score != 70 {
		t.Fatalf("listed in s3: %v", listed)
	}
	si, err := db.Invitation(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	if !si.Read.UnsavedAt.Equal(day60) || si.Read.UnsavedState != "s3" {
		t.Errorf("a read whole: screened at %v in %q, want day 60 in s3", si.Read.UnsavedAt, si.Read.UnsavedState)
	}
	for _, id := range []string{"b", "c"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !si.Read.UnsavedAt.IsZero() || si.VerdictState != "s3" {
			t.Errorf("%s read whole: unsaved at %v, state %q; want its stored verdict current in s3", id, si.Read.UnsavedAt, si.VerdictState)
		}
	}
	if listed := rvListed(t, db, "s2", linkvet.ListFilter{}); len(listed) != 0 {
		t.Errorf("listed in s2 after s3: %v", listed)
	}
}
