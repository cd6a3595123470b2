package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestListingTextRoundTrip: every field of a listing survives the store's
// text, whatever its strings hold.
func TestListingTextRoundTrip(t *testing.T) {
	for _, l := range []linkvet.Listing{
		{},
		{ID: "a", Name: "Ana Made-Up", Action: linkvet.Accept, Category: linkvet.IndustryPeer, Intent: linkvet.KeepInTouch,
			Score: 42, Confidence: 0.8300000000000001, Attention: 3415,
			Reason: linkvet.Reason{Rule: "shared_company", Points: 20, Detail: "works at Acme, as you did"}},
		{ID: "odd:id;1", Name: "3:abc;\x00\n\t名前", Action: linkvet.Block, Report: true, Category: linkvet.Scammer, Intent: linkvet.Spam,
			Score: -400, Confidence: 1, Attention: -7, Reason: linkvet.Reason{Rule: "r", Points: -90, Detail: "L1;9:x"},
			Missing: []string{"headline", "", "mutual_connections"}},
	} {
		var got linkvet.Listing
		if err := parseListing(listingText(&l), &got); err != nil {
			t.Fatalf("%q: %v", listingText(&l), err)
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of %q:\ngot  %+v\nwant %+v", listingText(&l), got, l)
		}
	}
}

// FuzzParseListing: the reader never panics, and whatever it accepts it
// writes back as the same text.
func FuzzParseListing(f *testing.F) {
	f.Add(listingText(&linkvet.Listing{ID: "a", Name: "B", Action: linkvet.Ask, Missing: []string{"profile"}, Confidence: 0.5}))
	f.Add("L1;1;2;0;3;0.25;0;1:a0:0:0:0:0:0:")
	f.Add("L1;-;")
	f.Add("L2;")
	f.Fuzz(func(t *testing.T, s string) {
		var l linkvet.Listing
		if err := parseListing(s, &l); err != nil {
			return
		}
		var again linkvet.Listing
		if err := parseListing(listingText(&l), &again); err != nil {
			t.Fatalf("%q read as %+v, which does not read back: %v", s, l, err)
		}
		if !reflect.DeepEqual(again, l) {
			t.Fatalf("%q read as %+v, back as %+v", s, l, again)
		}
	})
}

// TestUpgradeKeepsEveryRowAndListsLazily: a store made by the schema
// before listings (0007) keeps every invitation, verdict and decision when
// opened by this build; its invitations are unlisted, with the stored
// verdicts handed back whole, until a listing is kept for each.
func TestUpgradeKeepsEveryRowAndListsLazily(t *testing.T) {
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
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > 7 {
			break
		}
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00.000000000Z')`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	// What linkvet wrote before: two pending invitations with verdicts
	// (one current, one stale), one decided, one without a verdict.
	const at = "2026-01-02T00:00:00.000000000Z"
	for _, row := range [][]any{
		{"p1", "incoming", "2026-01-01T10:00:00.000000000Z", 1, `{"id":"p1","direction":"incoming","person":{"name":"Pia Made-Up","headline":"Engineer"},"shared":{}}`},
		{"p2", "incoming", "2026-01-01T09:00:00.000000000Z", 1, `{"id":"p2","direction":"incoming","person":{"name":"Per Made-Up"},"shared":{}}`},
		{"d1", "incoming", "2026-01-01T08:00:00.000000000Z", 0, `{"id":"d1","direction":"incoming","person":{"name":"Dag Made-Up"},"shared":{}}`},
		{"n1", "incoming", nil, 1, `{"id":"n1","direction":"incoming","person":{"name":"Nia Made-Up"},"shared":{}}`},
	} {
		if _, err := raw.Exec(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, pending, json) VALUES (?, '', ?, ?, ?, ?, ?, ?)`,
			row[0], row[1], row[2], at, at, row[3], row[4]); err != nil {
			t.Fatal(err)
		}
	}
	v1 := `{"id":"p1","action":"accept","report":false,"category":"industry_peer","intent":"keep_in_touch","score":30,"confidence":0.7,"reasons":[{"rule":"r1","points":30,"detail":"why"}],"checklist":{"personal_note":false,"common_ground":true,"enough_mutuals":null},"drafts":{}}`
	v2 := `{"id":"p2","action":"ask","report":false,"category":"stranger","intent":"unknown","score":-5,"confidence":0.4,"reasons":[],"checklist":{"personal_note":false,"common_ground":false,"enough_mutuals":null},"drafts":{}}`
	v3 := `{"id":"d1","action":"decline","report":false,"category":"stranger","intent":"unknown","score":-50,"confidence":0.6,"reasons":[],"checklist":{"personal_note":false,"common_ground":false,"enough_mutuals":null},"drafts":{}}`
	for _, row := range [][]any{{"p1", "accept", "industry_peer", 30, v1, "s1"}, {"p2", "ask", "stranger", -5, v2, "s0"}, {"d1", "decline", "stranger", -50, v3, "s1"}} {
		if _, err := raw.Exec(`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			row[0], row[1], row[2], row[3], at, row[4], row[5]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(`INSERT INTO decisions (invitation_id, action, verdict, note, decided_by, at) VALUES ('d1', 'decline', 'decline', 'no', 'user', ?)`, at); err != nil {
		t.Fatal(err)
	}
	count := func(db *sql.DB) map[string]int {
		out := map[string]int{}
		for _, table := range []string{"invitations", "verdicts", "decisions"} {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			out[table] = n
		}
		return out
	}
	before := count(raw)
	var beforeJSON string
	if err := raw.QueryRow(`SELECT group_concat(json, '|') FROM (SELECT json FROM verdicts ORDER BY invitation_id)`).Scan(&beforeJSON); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v < 8 {
		t.Fatalf("schema version %d after opening, want at least 8", v)
	}
	if after := count(db.sql); !reflect.DeepEqual(after, before) {
		t.Fatalf("rows after the upgrade %v, before %v", after, before)
	}
	var afterJSON string
	if err := db.sql.QueryRow(`SELECT group_concat(json, '|') FROM (SELECT json FROM verdicts ORDER BY invitation_id)`).Scan(&afterJSON); err != nil {
		t.Fatal(err)
	}
	if afterJSON != beforeJSON {
		t.Fatal("the upgrade changed a stored verdict")
	}

	// Nothing is listed yet; the pending ones are unlisted, the current
	// verdict handed back whole, the stale one and the missing one nil.
	f := linkvet.ListFilter{State: "s1"}
	if got, total, err := db.List(ctx, f); err != nil || len(got) != 0 || total != 0 {
		t.Fatalf("List before any listing is kept: %v, %d, %v", got, total, err)
	}
	un, err := db.Unlisted(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, si := range un {
		ids = append(ids, si.Invitation.ID)
		if (si.Verdict != nil) != (si.Invitation.ID == "p1") {
			t.Errorf("unlisted %s has verdict %v", si.Invitation.ID, si.Verdict)
		}
	}
	if strings.Join(ids, ",") != "p1,p2,n1" {
		t.Fatalf("unlisted %v, want p1,p2,n1 (pending, newest sent first)", ids)
	}
	if all, _ := db.Unlisted(ctx, linkvet.ListFilter{All: true, State: "s1"}); len(all) != 4 {
		t.Fatalf("unlisted with All: %d, want 4", len(all))
	}

	// Keeping p1's listing lists it, and leaves the verdict as it was.
	v := *un[0].Verdict
	l := linkvet.Listing{ID: "p1", Name: "Pia Made-Up", Action: v.Action, Category: v.Category, Intent: v.Intent, Score: v.Score, Confidence: v.Confidence, Attention: 3350, Reason: v.Reasons[0]}
	if err := db.SaveListed(ctx, []linkvet.Verdict{v}, []linkvet.Listing{l}, "s1"); err != nil {
		t.Fatal(err)
	}
	got, total, err := db.List(ctx, f)
	if err != nil || total != 1 || len(got) != 1 || !reflect.DeepEqual(got[0], l) {
		t.Fatalf("List after keeping p1's listing: %+v, %d, %v", got, total, err)
	}
	if un, _ := db.Unlisted(ctx, f); len(un) != 2 {
		t.Errorf("%d unlisted after keeping one listing, want 2", len(un))
	}
	// Another state makes it unlisted again; saving a verdict without a
	// listing, or enriching the invitation, drops the listing.
	if got, _, _ := db.List(ctx, linkvet.ListFilter{State: "s2"}); len(got) != 0 {
		t.Error("a listing of another state was listed")
	}
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{v}, "s1"); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := db.List(ctx, f); len(got) != 0 {
		t.Error("a verdict saved without a listing kept the old listing")
	}
	if err := db.SaveListed(ctx, []linkvet.Verdict{v}, []linkvet.Listing{l}, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "p1", Person: linkvet.Person{Name: "Pia Made-Up", Headline: "Staff Engineer"}}}); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := db.List(ctx, f); len(got) != 0 {
		t.Error("an enriched invitation kept the listing of what it was")
	}
}

// TestSameVerdictOnlyStampsItsListing: a verdict saved again as it was
// (a policy change that did not change it) is not written again, and its
// listing, marked with the new state, stands for it; one that changed is
// written whole.
func TestSameVerdictOnlyStampsItsListing(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "a", Person: linkvet.Person{Name: "Ana Made-Up"}}, {ID: "b", Person: linkvet.Person{Name: "Ben Made-Up"}}}); err != nil {
		t.Fatal(err)
	}
	vs := []linkvet.Verdict{{ID: "a", Action: linkvet.Ask, Category: linkvet.Stranger, Score: 1}, {ID: "b", Action: linkvet.Ignore, Category: linkvet.Stranger, Score: 2}}
	ls := []linkvet.Listing{{ID: "a", Name: "Ana Made-Up", Action: linkvet.Ask, Category: linkvet.Stranger, Score: 1}, {ID: "b", Name: "Ben Made-Up", Action: linkvet.Ignore, Category: linkvet.Stranger, Score: 2}}
	if err := db.SaveListed(ctx, vs, ls, "s1"); err != nil {
		t.Fatal(err)
	}
	savedAt := func(id string) string {
		var at string
		if err := db.sql.QueryRow(`SELECT saved_at FROM verdicts WHERE invitation_id = ?`, id).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	a0, b0 := savedAt("a"), savedAt("b")
	vs[1].Score, ls[1].Score = 3, 3
	if err := db.SaveListed(ctx, vs, ls, "s2"); err != nil {
		t.Fatal(err)
	}
	if savedAt("a") != a0 {
		t.Error("a verdict saved again as it was was written again")
	}
	if savedAt("b") == b0 {
		t.Error("a changed verdict was not written")
	}
	got, _, err := db.List(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil || len(got) != 2 {
		t.Fatalf("List in the new state: %v, %v", got, err)
	}
	for _, id := range []string{"a", "b"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if si.VerdictState != "s2" {
			t.Errorf("%s reads as of state %q, want s2", id, si.VerdictState)
		}
	}
	if si, _ := db.Invitation(ctx, "b"); si.Verdict.Score != 3 {
		t.Errorf("b's stored verdict has score %d, want 3", si.Verdict.Score)
	}
}

// TestUpgradeFrom0009KeepsListings: a store made by the schema before
// 0010 keeps its listings, current as they were; each takes its verdict's
// action and category (the inbox filters on them now), and the invitation
// texts start at revision 0, counted up by every change after.
func TestUpgradeFrom0009KeepsListings(t *testing.T) {
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
	if _, err := raw.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > 9 {
			break
		}
		if _, err := raw.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		if _, err := raw.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00.000000000Z')`, m.version, m.name); err != nil {
			t.Fatal(err)
		}
	}
	const at = "2026-01-02T00:00:00.000000000Z"
	invJSON := `{"id":"p1","direction":"incoming","person":{"name":"Pia Made-Up"},"shared":{}}`
	vJSON := `{"id":"p1","action":"decline","report":false,"category":"stranger","intent":"unknown","score":-40,"confidence":0.6,"reasons":[],"checklist":{"personal_note":false,"common_ground":false,"enough_mutuals":null},"drafts":{}}`
	l := linkvet.Listing{ID: "p1", Name: "Pia Made-Up", Action: linkvet.Decline, Category: linkvet.Stranger, Intent: linkvet.UnknownIntent, Score: -40, Confidence: 0.6, Attention: 1200}
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, pending, json) VALUES ('p1', '', 'incoming', ?, ?, ?, 1, ?)`, []any{at, at, at, invJSON}},
		{`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state) VALUES ('p1', 'decline', 'stranger', -40, ?, ?, 's1')`, []any{at, vJSON}},
		{`INSERT INTO listings (direction, pending, attention, sent_at, invitation_id, state, listing, digest) VALUES ('incoming', 1, 1200, ?, 'p1', 's1', ?, ?)`, []any{at, listingText(&l), verdictDigest(vJSON)}},
	} {
		if _, err := raw.Exec(q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var action, category string
	var unsaved, revision, invRevision int
	if err := db.sql.QueryRow(`SELECT l.action, l.category, l.unsaved, l.revision, i.revision FROM listings l JOIN invitations i ON i.id = l.invitation_id`).
		Scan(&action, &category, &unsaved, &revision, &invRevision); err != nil {
		t.Fatal(err)
	}
	if action != "decline" || category != "stranger" || unsaved != 0 || revision != 0 || invRevision != 0 {
		t.Fatalf("after the upgrade the listing has action %q, category %q, unsaved %d, revision %d (invitation %d)", action, category, unsaved, revision, invRevision)
	}
	f := linkvet.ListFilter{State: "s1", Action: linkvet.Decline}
	if got, total, err := db.List(ctx, f); err != nil || total != 1 || !reflect.DeepEqual(got[0], l) {
		t.Fatalf("List by action after the upgrade: %+v, %d, %v", got, total, err)
	}
	si, err := db.Invitation(ctx, "p1")
	if err != nil || si.VerdictState != "s1" || si.Verdict == nil || si.Read.Revision != 0 || si.Read.ListedState != "s1" {
		t.Fatalf("whole read after the upgrade: %+v, %v", si, err)
	}
	// A change of the text counts one revision, and drops the listing.
	if _, err := db.sql.Exec(`UPDATE invitations SET json = ? WHERE id = 'p1'`, strings.Replace(invJSON, "Pia", "Pía", 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec(`UPDATE invitations SET json = json WHERE id = 'p1'`); err != nil {
		t.Fatal(err)
	}
	if si, err := db.Invitation(ctx, "p1"); err != nil || si.Read.Revision != 1 || si.Read.ListedState != "" {
		t.Fatalf("after one change of the text: %+v, %v; want revision 1 and no listing", si.Read, err)
	}
}
