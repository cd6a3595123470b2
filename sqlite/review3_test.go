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
			t.Errorf("%s: VerdictStates reports s1 for a verdict row the s1 listing does not show", id)
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
		text := m.sql
		if m.version == 10 {
			// 0010 as d35c31c shipped it: without screened_at.
			const add = "ALTER TABLE listings ADD COLUMN screened_at TEXT NOT NULL DEFAULT '';"
			if !strings.Contains(text, add) {
				t.Fatalf("fixture: 0010 no longer adds screened_at as %q", add)
			}
			text = strings.Replace(text, add, "", 1)
		}
		exec(text)
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
