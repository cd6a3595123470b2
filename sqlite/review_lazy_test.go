package sqlite

// Review of d35c31c (listing-first inbox, migration 0010) at the store:
// ListScreened against another handle on the same file, aliases, unsaved
// listings read whole, and the upgrade of a 0009 store. Tests named
// TestReview... that fail name a bug (see the report); the others are
// regression tests of the invariants that held.

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

// rvStore is two handles (two processes) on one new file holding incoming
// invitations a, b, c, each with a verdict and listing saved under s1.
func rvStore(t *testing.T) (dbA, dbB *DB, vs []linkvet.Verdict) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	var err error
	if dbA, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbA.Close() })
	if dbB, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dbB.Close() })
	var invs []linkvet.Invitation
	for i, id := range []string{"a", "b", "c"} {
		invs = append(invs, rvInv(id))
		vs = append(vs, linkvet.Verdict{ID: id, Action: linkvet.Ask, Category: linkvet.Stranger, Score: i})
	}
	if _, err := dbA.PutInvitations(ctx, invs); err != nil {
		t.Fatal(err)
	}
	if err := dbA.SaveListed(ctx, vs, rvListings(vs), "s1"); err != nil {
		t.Fatal(err)
	}
	return dbA, dbB, vs
}

func rvInv(id string) linkvet.Invitation {
	return linkvet.Invitation{ID: id, Direction: linkvet.Incoming, Person: linkvet.Person{Name: id + " Made-Up"}}
}

func rvListings(vs []linkvet.Verdict) []linkvet.Listing {
	ls := make([]linkvet.Listing, len(vs))
	for i, v := range vs {
		ls[i] = linkvet.Listing{ID: v.ID, Name: v.ID + " Made-Up", Action: v.Action, Category: v.Category, Score: v.Score, Attention: 100 + v.Score}
	}
	return ls
}

// rvDigest is the digest a store keeps of v (SaveListed's JSON).
func rvDigest(t *testing.T, v linkvet.Verdict) int64 {
	t.Helper()
	b, err := jsonio.AppendVerdict(nil, &v)
	if err != nil {
		t.Fatal(err)
	}
	return verdictDigest(string(b))
}

// rvListScreened keeps ls under state as the inbox does after screening
// the invitations read (by Unlisted) again: vs are the verdicts screened.
func rvListScreened(t *testing.T, db *DB, read []linkvet.StoredInvitation, vs []linkvet.Verdict, state string) {
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
		return tx.(*Tx).ListScreened(ctx, ls, digests, marks, state, time.Now())
	}); err != nil {
		t.Fatal(err)
	}
}

func rvUnlisted(t *testing.T, db *DB, state string) []linkvet.StoredInvitation {
	t.Helper()
	got, err := db.Unlisted(context.Background(), linkvet.ListFilter{State: state, All: true})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func rvIDs(sis []linkvet.StoredInvitation) []string {
	var ids []string
	for _, si := range sis {
		ids = append(ids, si.Invitation.ID)
	}
	slices.Sort(ids)
	return ids
}

// rvListed returns the listings current in state, by id, failing when
// List and Unlisted disagree on what is current.
func rvListed(t *testing.T, db *DB, state string, f linkvet.ListFilter) map[string]linkvet.Listing {
	t.Helper()
	f.State, f.All = state, true
	ls, _, err := db.List(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]linkvet.Listing{}
	for _, l := range ls {
		out[l.ID] = l
	}
	if f.Action == "" && f.Category == "" {
		for _, si := range rvUnlisted(t, db, state) {
			if _, ok := out[si.Invitation.ID]; ok {
				t.Errorf("%s is both listed and unlisted in %s", si.Invitation.ID, state)
			}
		}
	}
	return out
}

// TestReviewChangedListingReadsWholeAsStale: after a list-only relist
// under s2 in which b's verdict changed, b lists under s2 with its new
// action (and the action filter selects it by that action), while b read
// whole reports the state of its stored verdict row (s1), never s2: its
// stored verdict is the old one. The unchanged a and c read whole as s2.
func TestReviewChangedListingReadsWholeAsStale(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	read := rvUnlisted(t, db, "s2")
	next := slices.Clone(vs)
	next[1].Action, next[1].Category, next[1].Score = linkvet.Block, linkvet.Scammer, -60
	rvListScreened(t, db, read, next, "s2")

	listed := rvListed(t, db, "s2", linkvet.ListFilter{})
	if len(listed) != 3 || listed["b"].Action != linkvet.Block {
		t.Fatalf("listed in s2: %v", listed)
	}
	if blocks := rvListed(t, db, "s2", linkvet.ListFilter{Action: linkvet.Block}); len(blocks) != 1 || blocks["b"].ID != "b" {
		t.Errorf("action filter block selects %v, want b alone", blocks)
	}
	if asks := rvListed(t, db, "s2", linkvet.ListFilter{Action: linkvet.Ask}); len(asks) != 2 || asks["b"].ID != "" {
		t.Errorf("action filter ask selects %v, want a and c", asks)
	}
	if sc := rvListed(t, db, "s2", linkvet.ListFilter{Category: linkvet.Scammer}); len(sc) != 1 {
		t.Errorf("category filter scammer selects %v, want b alone", sc)
	}
	// b's listing was kept without its verdict: read whole it is stale
	// ("", screened again), never the listing's s2.
	for id, want := range map[string]string{"a": "s2", "b": "", "c": "s2"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if si.VerdictState != want {
			t.Errorf("%s reads whole as of %q, want %q", id, si.VerdictState, want)
		}
	}
	states, err := rvVerdictStates(db, []string{"a", "b", "c"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(states, map[string]string{"a": "s2", "b": "", "c": "s2"}) {
		t.Errorf("VerdictRevisions %v, want b stale (\"\"), a and c of s2", states)
	}
}

func rvVerdictStates(db *DB, ids []string) (map[string]string, error) {
	var out map[string]string
	err := db.Update(context.Background(), func(tx linkvet.Tx) error {
		var err error
		out, _, err = tx.(*Tx).VerdictRevisions(context.Background(), ids)
		return err
	})
	return out, err
}

// TestReviewListScreenedLeavesWhatWasEnrichedSinceRead: another process
// enriches b after the inbox read it and before the inbox keeps its new
// listing: b keeps no listing (it is unlisted in s2, read whole as stale),
// while a and c are current in s2.
func TestReviewListScreenedLeavesWhatWasEnrichedSinceRead(t *testing.T) {
	ctx := context.Background()
	dbA, dbB, vs := rvStore(t)
	read := rvUnlisted(t, dbA, "s2")
	b := rvInv("b")
	b.Person.Headline = "Engineer at Made-Up Works"
	if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{b}); err != nil {
		t.Fatal(err)
	}
	next := slices.Clone(vs)
	next[1].Score = 50 // b changed: written, but guarded by its revision
	rvListScreened(t, dbA, read, next, "s2")
	if got := rvIDs(rvUnlisted(t, dbA, "s2")); !slices.Equal(got, []string{"b"}) {
		t.Fatalf("unlisted in s2: %v, want b alone", got)
	}
	if listed := rvListed(t, dbA, "s2", linkvet.ListFilter{}); len(listed) != 2 {
		t.Errorf("listed in s2: %v, want a and c", listed)
	}
	si, err := dbA.Invitation(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if si.VerdictState != "" || si.Read.Revision != 1 {
		t.Errorf("b reads whole as of %q at revision %d, want stale ('') at revision 1", si.VerdictState, si.Read.Revision)
	}
}

// TestReviewAliasLeavesOutAListingAddedMeanwhile: between the inbox's read
// and its save, another process (still in the old state s1, such as a long
// add started before the policy change, or a --policy run) lists a new
// invitation d under s1. The inbox found a, b and c unchanged under s2;
// d, never screened under s2, must not become current in s2.
func TestReviewAliasLeavesOutAListingAddedMeanwhile(t *testing.T) {
	ctx := context.Background()
	dbA, dbB, vs := rvStore(t)
	read := rvUnlisted(t, dbA, "s2")
	if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{rvInv("d")}); err != nil {
		t.Fatal(err)
	}
	d := []linkvet.Verdict{{ID: "d", Action: linkvet.Accept, Category: linkvet.IndustryPeer, Score: 9}}
	if err := dbB.SaveListed(ctx, d, rvListings(d), "s1"); err != nil {
		t.Fatal(err)
	}
	rvListScreened(t, dbA, read, vs, "s2")
	if got := rvIDs(rvUnlisted(t, dbA, "s2")); !slices.Equal(got, []string{"d"}) {
		t.Errorf("unlisted in s2: %v, want d (never screened in s2)", got)
	}
	if si, _ := dbA.Invitation(ctx, "d"); si.VerdictState != "s1" {
		t.Errorf("d reads whole as of %q, want s1", si.VerdictState)
	}
	if listed := rvListed(t, dbA, "s2", linkvet.ListFilter{}); len(listed) != 3 {
		t.Errorf("listed in s2: %v, want a, b, c", listed)
	}
}

// TestReviewAliasLeavesOutAListingMadeAgainFromNewText: between the
// inbox's read and its save, another process in the old state s1 enriches
// b and lists it again under s1, with a verdict of the same JSON (so the
// same digest) but a listing of the new text. The inbox, which screened
// b's old text under s2, must not make that listing current in s2, by an
// alias nor by a mark.
func TestReviewAliasLeavesOutAListingMadeAgainFromNewText(t *testing.T) {
	ctx := context.Background()
	dbA, dbB, vs := rvStore(t)
	read := rvUnlisted(t, dbA, "s2")
	b := rvInv("b")
	b.Person.Headline = "Engineer at Made-Up Works"
	if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{b}); err != nil {
		t.Fatal(err)
	}
	ls := rvListings(vs[1:2])
	ls[0].Missing = nil
	ls[0].Name = "b Made-Up (enriched)"
	if err := dbB.SaveListed(ctx, vs[1:2], ls, "s1"); err != nil {
		t.Fatal(err)
	}
	rvListScreened(t, dbA, read, vs, "s2")
	if got := rvIDs(rvUnlisted(t, dbA, "s2")); !slices.Equal(got, []string{"b"}) {
		t.Errorf("unlisted in s2: %v, want b (its listing was made from text never screened in s2)", got)
	}
	if a := aliases(t, dbA); a["s1"] == "s2" {
		t.Errorf("aliases %v: s1 made current in s2 with b's new listing among its listings", a)
	}
}

// TestReviewAliasOfUnsavedListingsKeepsVerdictRowState: listings kept
// without their verdicts under s2 (all changed), then screened again
// under s3: they list in s3, but read whole they are stale (""), never s3:
// their stored verdicts are older than their listings.
func TestReviewAliasOfUnsavedListingsKeepsVerdictRowState(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	next := slices.Clone(vs)
	for i := range next {
		next[i].Score += 10
	}
	rvListScreened(t, db, rvUnlisted(t, db, "s2"), next, "s2")
	rvListScreened(t, db, rvUnlisted(t, db, "s3"), next, "s3")
	if a := aliases(t, db); a["s2"] != "s3" {
		t.Logf("aliases %v (no alias s2 -> s3: marks were used)", a)
	}
	if listed := rvListed(t, db, "s3", linkvet.ListFilter{}); len(listed) != 3 {
		t.Fatalf("listed in s3: %v", listed)
	}
	for _, id := range []string{"a", "b", "c"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if si.VerdictState != "" || si.Verdict == nil || si.Verdict.Score != vs[slices.IndexFunc(vs, func(v linkvet.Verdict) bool { return v.ID == id })].Score {
			t.Errorf("%s reads whole as of %q (%+v), want its stored verdict, stale", id, si.VerdictState, si.Verdict)
		}
	}
}

// TestReviewSaveAfterUnsavedListingStoresTheVerdict: a verdict read whole
// as stale (its listing kept without it) and saved (Fresh) is stored and
// its listing becomes saved: the verdict row is the new one, read whole
// as current, even when its JSON is the one stored before (A, B, A).
func TestReviewSaveAfterUnsavedListingStoresTheVerdict(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	next := slices.Clone(vs)
	next[0].Score = 77
	rvListScreened(t, db, rvUnlisted(t, db, "s2"), next, "s2")
	// Under s3 a comes out as under s1 again, b and c as under s2 (= s1).
	if err := db.SaveListed(ctx, vs, rvListings(vs), "s3"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"a", "b", "c"} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		want := vs[slices.IndexFunc(vs, func(v linkvet.Verdict) bool { return v.ID == id })]
		if si.VerdictState != "s3" || si.Verdict == nil || si.Verdict.Score != want.Score {
			t.Errorf("%s reads whole as of %q (%+v), want the verdict of s3", id, si.VerdictState, si.Verdict)
		}
	}
	if listed := rvListed(t, db, "s3", linkvet.ListFilter{}); listed["a"].Score != vs[0].Score {
		t.Errorf("a lists with score %d in s3, want %d", listed["a"].Score, vs[0].Score)
	}
}

// TestReviewDecisionWithoutVerdictRecordsTheListedAction: a decision
// given without the verdict it was made against (the store fills it in:
// import rules, Decide callers) records the action of the newest verdict
// the store knows, the one its listing shows, not the older verdict row
// a list-only relist left behind.
func TestReviewDecisionWithoutVerdictRecordsTheListedAction(t *testing.T) {
	ctx := context.Background()
	db, _, vs := rvStore(t)
	next := slices.Clone(vs)
	next[1].Action, next[1].Category = linkvet.Block, linkvet.Scammer
	rvListScreened(t, db, rvUnlisted(t, db, "s2"), next, "s2")
	d, err := db.Decide(ctx, linkvet.Decision{InvitationID: "b", Action: linkvet.Ignore, By: linkvet.ByRule})
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != linkvet.Block {
		t.Errorf("the decision records linkvet's advice as %q; the inbox lists b as block (its verdict row, %s, is of s1)", d.Verdict, vs[1].Action)
	}
}

// TestReviewUpgradeFrom0009KeepsEverythingAndFillsListings: a store made
// by the schema up to 0009 (listings, aliases) keeps every invitation,
// verdict, listing, decision and alias across 0010, byte for byte; the
// listings get their verdicts' action and category (the inbox filters
// select them), are saved (their verdicts read whole through the alias),
// and an enrichment after the upgrade counts a revision and drops the
// listing.
func TestReviewUpgradeFrom0009KeepsEverythingAndFillsListings(t *testing.T) {
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
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
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
	const at = "2026-01-02T00:00:00.000000000Z"
	type row struct {
		id, sent string
		pending  int
		v        linkvet.Verdict
		state    string // the listing's ("" for none)
	}
	rows := []row{
		{"p1", "2026-01-01T10:00:00.000000000Z", 1, linkvet.Verdict{ID: "p1", Action: linkvet.Accept, Category: linkvet.IndustryPeer, Score: 30}, "s1"},
		{"p2", "2026-01-01T09:00:00.000000000Z", 1, linkvet.Verdict{ID: "p2", Action: linkvet.Ask, Category: linkvet.Stranger, Score: -5}, "s2"},
		{"p3", "2026-01-01T08:30:00.000000000Z", 1, linkvet.Verdict{ID: "p3", Action: linkvet.Block, Category: linkvet.Scammer, Score: -70, Report: true}, "s0"},
		{"d1", "2026-01-01T08:00:00.000000000Z", 0, linkvet.Verdict{ID: "d1", Action: linkvet.Decline, Category: linkvet.Stranger, Score: -50}, "s1"},
		{"n1", "2026-01-01T07:00:00.000000000Z", 1, linkvet.Verdict{}, ""},
	}
	for _, r := range rows {
		inv := rvInv(r.id)
		ij, _ := json.Marshal(inv)
		exec(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, pending, json) VALUES (?, '', 'incoming', ?, ?, ?, ?, ?)`,
			r.id, r.sent, at, at, r.pending, string(ij))
		if r.v.ID == "" {
			continue
		}
		vj, _ := json.Marshal(r.v)
		exec(`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state) VALUES (?, ?, ?, ?, ?, ?, 's0')`,
			r.id, string(r.v.Action), string(r.v.Category), r.v.Score, at, string(vj))
		l := rvListings([]linkvet.Verdict{r.v})[0]
		l.Report = r.v.Report
		exec(`INSERT INTO listings (direction, pending, attention, sent_at, invitation_id, state, listing, digest) VALUES ('incoming', ?, ?, ?, ?, ?, ?, ?)`,
			r.pending, l.Attention, r.sent, r.id, r.state, listingText(&l), verdictDigest(string(vj)))
	}
	exec(`INSERT INTO decisions (invitation_id, action, verdict, note, decided_by, at) VALUES ('d1', 'decline', 'decline', 'no', 'user', ?)`, at)
	exec(`INSERT INTO state_aliases (old, current) VALUES ('s1', 's2')`)
	dump := func(db *sql.DB) map[string]string {
		out := map[string]string{}
		for name, q := range map[string]string{
			"invitations": `SELECT group_concat(id || json || pending || coalesce(sent_at, ''), '|') FROM (SELECT * FROM invitations ORDER BY id)`,
			"verdicts":    `SELECT group_concat(invitation_id || json || state || action || category || score, '|') FROM (SELECT * FROM verdicts ORDER BY invitation_id)`,
			"listings":    `SELECT group_concat(invitation_id || state || listing || digest || pending || attention, '|') FROM (SELECT * FROM listings ORDER BY invitation_id)`,
			"decisions":   `SELECT group_concat(invitation_id || action || verdict || note, '|') FROM (SELECT * FROM decisions ORDER BY id)`,
			"aliases":     `SELECT group_concat(old || current, '|') FROM state_aliases`,
		} {
			var s sql.NullString
			if err := db.QueryRow(q).Scan(&s); err != nil {
				t.Fatal(err)
			}
			out[name] = s.String
		}
		return out
	}
	before := dump(raw)
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v < 10 {
		t.Fatalf("schema version %d, want at least 10", v)
	}
	if after := dump(db.sql); !reflect.DeepEqual(after, before) {
		t.Fatalf("the upgrade changed stored rows:\nbefore %v\nafter  %v", before, after)
	}
	var bad int
	if err := db.sql.QueryRow(`SELECT count(*) FROM listings l JOIN verdicts v ON v.invitation_id = l.invitation_id
		WHERE l.action <> v.action OR l.category <> v.category OR l.unsaved <> 0 OR l.revision <> 0`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if bad != 0 {
		t.Errorf("%d listings without their verdict's action and category, or not saved at revision 0", bad)
	}
	// s1's listings are current in s2 through the alias; s0's are not.
	listed := rvListed(t, db, "s2", linkvet.ListFilter{})
	if got := slices.Sorted(mapsKeys(listed)); !slices.Equal(got, []string{"d1", "p1", "p2"}) {
		t.Errorf("listed in s2: %v, want d1, p1, p2", got)
	}
	if got := rvIDs(rvUnlisted(t, db, "s2")); !slices.Equal(got, []string{"n1", "p3"}) {
		t.Errorf("unlisted in s2: %v, want n1, p3", got)
	}
	for a, want := range map[linkvet.Action][]string{linkvet.Accept: {"p1"}, linkvet.Ask: {"p2"}, linkvet.Decline: {"d1"}, linkvet.Block: nil} {
		got := slices.Sorted(mapsKeys(rvListed(t, db, "s2", linkvet.ListFilter{Action: a})))
		if !slices.Equal(got, want) {
			t.Errorf("action %s selects %v in s2, want %v", a, got, want)
		}
	}
	if got := slices.Sorted(mapsKeys(rvListed(t, db, "s2", linkvet.ListFilter{Category: linkvet.Stranger}))); !slices.Equal(got, []string{"d1", "p2"}) {
		t.Errorf("category stranger selects %v in s2, want d1, p2", got)
	}
	for id, want := range map[string]string{"p1": "s2", "p2": "s2", "p3": "s0", "d1": "s2", "n1": ""} {
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if si.VerdictState != want {
			t.Errorf("%s reads whole as of %q, want %q", id, si.VerdictState, want)
		}
	}
	// An enrichment after the upgrade counts a revision and drops the listing.
	p1 := rvInv("p1")
	p1.Person.Headline = "Engineer at Made-Up Works"
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{p1}); err != nil {
		t.Fatal(err)
	}
	si, err := db.Invitation(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	if si.Read.Revision != 1 || si.Read.ListedState != "" || si.VerdictState != "" {
		t.Errorf("p1 after enrichment: %+v, state %q; want revision 1, no listing, stale", si.Read, si.VerdictState)
	}
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestReviewUnlistedDecodesAsEncodingJSON: the inbox screens invitations
// as Unlisted decodes them (in place, by jsonio's fast decoder), whole
// reads as selectStored decodes them: both must be what encoding/json
// reads from the stored text, for text with escapes, HTML characters,
// non-ASCII, numbers, pointers and lists, so that a listing and a whole
// read never screen different invitations.
func TestReviewUnlistedDecodesAsEncodingJSON(t *testing.T) {
	ctx := context.Background()
	db, _, _ := rvStore(t)
	n, yes, sent := 7, true, epochForReview()
	invs := []linkvet.Invitation{
		{ID: "h1", Direction: linkvet.Incoming, SentAt: &sent, Message: "R&D <lead> \"quoted\" \\ back\tslash\nnew line \u2028 😀 é",
			Person: linkvet.Person{Name: "Zoë O'Made-Up", Headline: "Head of R&D <Made-Up>", Verified: &yes, Connections: &n,
				Experience: []linkvet.Position{{Title: "CTO & founder", Company: "Made-Up <GmbH>"}}, Emails: []string{"zoe@example.com"}, Skills: []string{}},
			MutualConnections: &n, MutualNames: []string{"A & B", "\u00e9"}, Shared: linkvet.Shared{Schools: []string{"TU Made-Up"}},
			Interactions: []string{"message"}, ReceivedVia: []string{"email", "paste"}, AcceptURL: "https://www.linkedin.com/comm/x?a=1&b=2"},
		{ID: "h2", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "\x7f\u00a0odd\u200b name"}},
	}
	if _, err := db.PutInvitations(ctx, invs); err != nil {
		t.Fatal(err)
	}
	un := rvUnlisted(t, db, "s9")
	for _, si := range un {
		var text string
		if err := db.sql.QueryRow(`SELECT json FROM invitations WHERE id = ?`, si.Invitation.ID).Scan(&text); err != nil {
			t.Fatal(err)
		}
		var want linkvet.Invitation
		if err := json.Unmarshal([]byte(text), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(si.Invitation, want) {
			t.Errorf("%s: Unlisted decodes\n%+v\nencoding/json reads\n%+v", want.ID, si.Invitation, want)
		}
		whole, err := db.Invitation(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(whole.Invitation, want) {
			t.Errorf("%s: a whole read decodes\n%+v\nencoding/json reads\n%+v", want.ID, whole.Invitation, want)
		}
	}
	if len(un) != 5 {
		t.Errorf("unlisted in s9: %d, want 5", len(un))
	}
}

func epochForReview() time.Time { return time.Date(2026, 11, 20, 10, 0, 0, 123456789, time.UTC) }
