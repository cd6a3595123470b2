package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

// TestListScreenedKeepsListingsNotVerdicts: listings made by screening
// again under s2 are kept without their verdicts. The one whose verdict
// came out as stored is marked current by an alias; the one that changed
// is written, and its stored (older) verdict reads whole as stale ("")
// until a verdict is stored for it; the one enriched since it was read (by another
// process, say) keeps no listing made from its old text.
func TestListScreenedKeepsListingsNotVerdicts(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	read, err := db.Unlisted(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil || len(read) != 3 {
		t.Fatalf("unlisted under s2: %d, %v", len(read), err)
	}
	byID := map[string]linkvet.ReadMark{}
	for _, si := range read {
		byID[si.Invitation.ID] = si.Read
		if si.Read.ListedState != "s1" || si.Read.ListedDigest == 0 || si.Read.Revision != 0 {
			t.Fatalf("%s read as %+v", si.Invitation.ID, si.Read)
		}
	}
	// Meanwhile c is enriched.
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "c", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "c Made-Up", Headline: "Founder"}}}); err != nil {
		t.Fatal(err)
	}
	// a comes out as it was; b and c change.
	again := slices.Clone(vs)
	again[1].Score, again[2].Score = 50, 60
	lsAgain := slices.Clone(ls)
	lsAgain[1].Score, lsAgain[2].Score = 50, 60
	digests := make([]int64, 3)
	marks := make([]linkvet.ReadMark, 3)
	for i := range again {
		b, err := jsonio.AppendVerdict(nil, &again[i])
		if err != nil {
			t.Fatal(err)
		}
		digests[i], marks[i] = verdictDigest(string(b)), byID[again[i].ID]
	}
	err = db.Update(ctx, func(tx linkvet.Tx) error {
		return tx.(*Tx).ListScreened(ctx, lsAgain, digests, marks, "s2", time.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); got["s1"] != "s2" {
		t.Errorf("aliases %v, want s1 -> s2 (a was the only listing left stamped s1)", got)
	}
	listed, _, err := db.List(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]int{}
	for _, l := range listed {
		scores[l.ID] = l.Score
	}
	if len(listed) != 2 || scores["a"] != 0 || scores["b"] != 50 {
		t.Fatalf("listed under s2: %+v, want a (as it was) and b (score 50)", listed)
	}
	if un, _ := db.Unlisted(ctx, linkvet.ListFilter{State: "s2"}); len(un) != 1 || un[0].Invitation.ID != "c" || un[0].Invitation.Person.Headline != "Founder" || un[0].Read.Revision != 1 {
		t.Fatalf("unlisted under s2: %+v, want c as enriched, at revision 1", un)
	}
	whole := func(id string) *linkvet.StoredInvitation {
		t.Helper()
		si, err := db.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return si
	}
	if si := whole("a"); si.VerdictState != "s2" || si.Verdict.Score != 0 {
		t.Errorf("a reads whole as of %q with score %d, want s2 and 0", si.VerdictState, si.Verdict.Score)
	}
	if si := whole("b"); si.VerdictState != "" || si.Verdict.Score != 1 {
		t.Errorf("b reads whole as of %q with score %d, want its stored verdict (score 1), stale", si.VerdictState, si.Verdict.Score)
	}
	// Storing b's verdict (what a whole read does) makes it current whole.
	if err := db.SaveListed(ctx, again[1:2], lsAgain[1:2], "s2"); err != nil {
		t.Fatal(err)
	}
	if si := whole("b"); si.VerdictState != "s2" || si.Verdict.Score != 50 {
		t.Errorf("after storing b's verdict it reads whole as of %q with score %d, want s2 and 50", si.VerdictState, si.Verdict.Score)
	}
	var unsaved int
	if err := db.sql.QueryRow(`SELECT unsaved FROM listings WHERE invitation_id = 'b'`).Scan(&unsaved); err != nil || unsaved != 0 {
		t.Errorf("b's listing unsaved = %d (%v) after its verdict was stored", unsaved, err)
	}
}

// TestListScreenedRefusesBadInput: lists of different lengths and a
// listing without an id are refused, and nothing is written.
func TestListScreenedRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	db, _, ls := aliasStore(t)
	for name, call := range map[string]func(tx *Tx) error{
		"lengths": func(tx *Tx) error { return tx.ListScreened(ctx, ls, []int64{1}, nil, "s2", time.Now()) },
		"no id": func(tx *Tx) error {
			return tx.ListScreened(ctx, []linkvet.Listing{{}}, []int64{1}, []linkvet.ReadMark{{}}, "s2", time.Now())
		},
	} {
		err := db.Update(ctx, func(tx linkvet.Tx) error { return call(tx.(*Tx)) })
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if got := current(t, db, "s1", false); len(got) != 3 {
		t.Errorf("after refused saves, %v current under s1, want all three", got)
	}
}

// TestListScreenedWithDecidedListings: when the listings found unchanged
// are every pending listing of their old state, but a decided invitation
// keeps a listing of that state (not screened again by the pending inbox),
// the pending ones are marked current in one statement and no alias is
// recorded: the decided one stays stale.
func TestListScreenedWithDecidedListings(t *testing.T) {
	ctx := context.Background()
	db, vs, ls := aliasStore(t)
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "c", Action: linkvet.Ignore, By: linkvet.ByUser}); err != nil {
		t.Fatal(err)
	}
	read, err := db.Unlisted(ctx, linkvet.ListFilter{State: "s2"})
	if err != nil || len(read) != 2 {
		t.Fatalf("pending unlisted under s2: %d, %v", len(read), err)
	}
	digests := make([]int64, 2)
	marks := make([]linkvet.ReadMark, 2)
	for i, si := range read {
		k := slices.IndexFunc(vs, func(v linkvet.Verdict) bool { return v.ID == si.Invitation.ID })
		b, err := jsonio.AppendVerdict(nil, &vs[k])
		if err != nil {
			t.Fatal(err)
		}
		digests[i], marks[i] = verdictDigest(string(b)), si.Read
		if digests[i] != si.Read.ListedDigest {
			t.Fatalf("%s: the digest of its stored verdict is not its listing's", si.Invitation.ID)
		}
	}
	lsRead := []linkvet.Listing{ls[slices.IndexFunc(ls, func(l linkvet.Listing) bool { return l.ID == read[0].Invitation.ID })], ls[slices.IndexFunc(ls, func(l linkvet.Listing) bool { return l.ID == read[1].Invitation.ID })]}
	if err := db.Update(ctx, func(tx linkvet.Tx) error { return tx.(*Tx).ListScreened(ctx, lsRead, digests, marks, "s2", time.Now()) }); err != nil {
		t.Fatal(err)
	}
	if got := aliases(t, db); len(got) != 0 {
		t.Errorf("aliases %v: c, decided, was never screened under s2", got)
	}
	if got := current(t, db, "s2", false); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("pending current under s2: %v, want a and b", got)
	}
	if st := stampedWith(t, db, "c"); st != "s1" {
		t.Errorf("c's listing is stamped %q, want s1", st)
	}
	if got := current(t, db, "s2", true); slices.Contains(got, "c") {
		t.Errorf("c, decided, is current under s2: %v", got)
	}
}
