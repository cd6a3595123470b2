package sqlite

// Second review of the listing-first inbox (d35c31c and after) at the
// store, through the service: a store written under 0009 upgraded and used
// at once with a policy change. Tests named TestReview2... that fail name
// a bug (see the report); the others are regression tests.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// r2Store0009 writes, at path, the demo store as a linkvet of schema 0009
// kept it: the tables up to 0009 only, each verdict's JSON in
// encoding/json's form (HTML characters escaped, as the service's encoder
// wrote them before jsonio.AppendVerdict) and its listing's digest made
// of that JSON.
func r2Store0009(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	newPath := filepath.Join(t.TempDir(), "new.db")
	nb, err := Open(ctx, newPath)
	if err != nil {
		t.Fatal(err)
	}
	nsvc := service.New(service.Config{Store: nb, Now: service.DemoNow})
	if err := nsvc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	// Notes with HTML characters: their reasons quote them.
	if _, err := nsvc.Add(ctx, []linkvet.Invitation{
		{ID: "amp-1", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ada Made-Up", Headline: "R&D lead at Made-Up <Labs>", ProfileURL: "https://www.linkedin.com/in/ada-made-up"},
			Message: "Hi Dana, we met at the Kafka & Go meetup in Berlin <last week>, would love to stay in touch."},
		{ID: "amp-2", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Bo Made-Up", Headline: "M&A advisor & \"visionary\""},
			Message: "Dear friend, guaranteed profit > 30% weekly & more, contact me on WhatsApp"},
	}); err != nil {
		t.Fatal(err)
	}
	nb.Close()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%.80s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`)
	for _, m := range ms {
		if m.version > 9 {
			break
		}
		exec(m.sql)
		exec(`INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00.000000000Z')`, m.version, m.name)
	}
	exec(`ATTACH DATABASE ? AS n`, "file:"+newPath)
	rows, err := raw.Query(`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	for _, table := range tables {
		crows, err := raw.Query(`SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for crows.Next() {
			var c string
			if err := crows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, `"`+c+`"`)
		}
		crows.Close()
		list := strings.Join(cols, ", ")
		exec(fmt.Sprintf(`INSERT INTO main."%s" (%s) SELECT %s FROM n."%s"`, table, list, list, table))
	}
	// Verdicts in encoding/json's form, listings' digests of it.
	vrows, err := raw.Query(`SELECT invitation_id, json FROM main.verdicts`)
	if err != nil {
		t.Fatal(err)
	}
	type vj struct{ id, json string }
	var all []vj
	for vrows.Next() {
		var r vj
		if err := vrows.Scan(&r.id, &r.json); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	vrows.Close()
	escaped := 0
	for _, r := range all {
		var v linkvet.Verdict
		if err := json.Unmarshal([]byte(r.json), &v); err != nil {
			t.Fatal(err)
		}
		old, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(old) != r.json {
			escaped++
		}
		exec(`UPDATE main.verdicts SET json = ? WHERE invitation_id = ?`, string(old), r.id)
		exec(`UPDATE main.listings SET digest = ? WHERE invitation_id = ?`, verdictDigest(string(old)), r.id)
	}
	exec(`DETACH DATABASE n`)
	if escaped == 0 {
		t.Fatalf("fixture: no verdict differs in encoding/json's form")
	}
}

// r2Fresh is what screening every stored incoming invitation afresh gives
// under the state svc is in.
func r2Fresh(t *testing.T, db *DB, svc *service.Service) ([]linkvet.StoredInvitation, map[string]linkvet.Verdict) {
	t.Helper()
	ctx := context.Background()
	eng, _, err := svc.Engine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, _, err := db.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]linkvet.Verdict{}
	for i := range raw {
		v := eng.Screen(&raw[i].Invitation, service.DemoNow())
		v.ID = raw[i].Invitation.ID
		if v.Reasons == nil {
			v.Reasons = []linkvet.Reason{}
		}
		want[v.ID] = v
	}
	return raw, want
}

func r2JSON(v *linkvet.Verdict) string {
	if v == nil {
		return "<none>"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// r2Check holds the inbox (every action filter), the API's list and
// whole reads of svc to screening afresh.
func r2Check(t *testing.T, db *DB, svc *service.Service, when string) {
	t.Helper()
	ctx := context.Background()
	raw, want := r2Fresh(t, db, svc)
	for _, a := range append([]linkvet.Action{""}, linkvet.Actions...) {
		page, err := svc.Inbox(ctx, service.InboxFilter{All: true, Action: a})
		if err != nil {
			t.Fatal(err)
		}
		var got, wantIDs []string
		for _, l := range page.Items {
			got = append(got, l.ID)
			if w := want[l.ID]; l.Action != w.Action || l.Score != w.Score || l.Category != w.Category {
				t.Errorf("%s: inbox lists %s as %s/%d/%s, screening afresh gives %s/%d/%s", when, l.ID, l.Action, l.Score, l.Category, w.Action, w.Score, w.Category)
			}
		}
		for _, si := range raw {
			if a == "" || want[si.Invitation.ID].Action == a {
				wantIDs = append(wantIDs, si.Invitation.ID)
			}
		}
		slices.Sort(got)
		slices.Sort(wantIDs)
		if !slices.Equal(got, wantIDs) || page.Total != len(wantIDs) {
			t.Errorf("%s: inbox action=%q lists %v (total %d), screening afresh selects %v", when, a, got, page.Total, wantIDs)
		}
		items, total, err := svc.Invitations(ctx, linkvet.InvitationFilter{Action: a})
		if err != nil {
			t.Fatal(err)
		}
		if total != len(wantIDs) || len(items) != len(wantIDs) {
			t.Errorf("%s: API action=%q lists %d (total %d), screening afresh selects %d", when, a, len(items), total, len(wantIDs))
		}
	}
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	whole, err := svc.Whole(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i := range whole {
		w := want[whole[i].Invitation.ID]
		if r2JSON(whole[i].Verdict) != r2JSON(&w) {
			t.Errorf("%s: %s reads whole as %s, screening afresh gives %s", when, whole[i].Invitation.ID, r2JSON(whole[i].Verdict), r2JSON(&w))
		}
	}
}

// TestReview2Upgrade0009ThenPolicyChange: a store of schema 0009 (the
// demo, verdicts in encoding/json's form) is opened by this build and used
// at once: its inbox, the API and whole reads agree with screening afresh
// before any change, right after a policy change (listed first, then read
// whole) and after a --policy run and another change.
func TestReview2Upgrade0009ThenPolicyChange(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	r2Store0009(t, path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	r2Check(t, db, svc, "upgraded")
	if _, _, err := svc.UsePolicy(ctx, []byte("style: curated\n"), "curated.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	r2Check(t, db, svc, "upgraded, then curated")
	run := &service.Override{Name: "open.yaml", Text: []byte("style: open\n")}
	r2Check(t, db, service.New(service.Config{Store: db, Now: service.DemoNow, Override: run}), "a --policy run")
	if _, _, err := svc.UsePolicy(ctx, []byte("style: open\n"), "open.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	r2Check(t, db, svc, "open")
}

// TestReview2BulkStampAgainstDecisionsAndUndosMeanwhile: a, b, c, d
// listed under s1, d decided. The inbox reads the pending ones (a, b, c)
// under s2 and finds them unchanged; before it keeps them, another
// process decides c and undoes d (pending again, still stamped s1). The
// pending listings of s1 are then a, b and d, not what was found: no bulk
// mark may make d current under s2 (never screened under it), and each of
// a, b, c is current under s2 (as found), d unlisted.
func TestReview2BulkStampAgainstDecisionsAndUndosMeanwhile(t *testing.T) {
	ctx := context.Background()
	dbA, dbB, vs := rvStore(t)
	d := linkvet.Verdict{ID: "d", Action: linkvet.Decline, Category: linkvet.Stranger, Score: -9}
	if _, err := dbA.PutInvitations(ctx, []linkvet.Invitation{rvInv("d")}); err != nil {
		t.Fatal(err)
	}
	if err := dbA.SaveListed(ctx, []linkvet.Verdict{d}, rvListings([]linkvet.Verdict{d}), "s1"); err != nil {
		t.Fatal(err)
	}
	decide := func(db *DB, id string, undo bool) {
		t.Helper()
		if err := db.Update(ctx, func(tx linkvet.Tx) error {
			_, err := tx.Decide(ctx, linkvet.Decision{InvitationID: id, Action: linkvet.Decline, Undo: undo, By: linkvet.ByUser})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	decide(dbA, "d", false)
	read, err := dbA.Unlisted(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rvIDs(read); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Fatalf("fixture: unlisted pending in s2: %v", got)
	}
	decide(dbB, "c", false)
	decide(dbB, "d", true)
	rvListScreened(t, dbA, read, vs, "s2")
	listed := rvListed(t, dbA, "s2", linkvet.ListFilter{})
	if got := slices.Sorted(mapsKeys(listed)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("current in s2: %v, want a, b, c (d was never screened under s2)", got)
	}
	if got := rvIDs(rvUnlisted(t, dbA, "s2")); !slices.Equal(got, []string{"d"}) {
		t.Errorf("unlisted in s2: %v, want d", got)
	}
	// And the same without anything meanwhile: every pending listing of
	// s1 found unchanged, marked at once; the decided one stays s1.
	dbC, _, vs3 := rvStore(t)
	if _, err := dbC.PutInvitations(ctx, []linkvet.Invitation{rvInv("d")}); err != nil {
		t.Fatal(err)
	}
	if err := dbC.SaveListed(ctx, []linkvet.Verdict{d}, rvListings([]linkvet.Verdict{d}), "s1"); err != nil {
		t.Fatal(err)
	}
	decide(dbC, "d", false)
	read, err = dbC.Unlisted(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil {
		t.Fatal(err)
	}
	rvListScreened(t, dbC, read, vs3, "s2")
	if got := slices.Sorted(mapsKeys(rvListed(t, dbC, "s2", linkvet.ListFilter{}))); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("current in s2 after the bulk mark: %v, want a, b, c", got)
	}
	decide(dbC, "d", true)
	if got := rvIDs(rvUnlisted(t, dbC, "s2")); !slices.Equal(got, []string{"d"}) {
		t.Errorf("after d's undo, unlisted in s2: %v, want d", got)
	}
}
