package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/demo"
	"github.com/linkvet/linkvet/sqlite"
)

// TestPutInvitationsStoredMatchesReads: what PutInvitationsStored hands
// back is what reading each invitation gives (without the verdict): for
// new ones, duplicates within the batch, ones enriching a stored
// invitation, and ones with a decision.
func TestPutInvitationsStoredMatchesReads(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var inbox []linkvet.Invitation
	dec := json.NewDecoder(bytes.NewReader(demo.Inbox))
	for {
		var inv linkvet.Invitation
		if err := dec.Decode(&inv); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		inbox = append(inbox, inv)
	}
	berlin := time.FixedZone("CET", 3600)
	sent := time.Date(2026, 11, 20, 9, 30, 0, 0, berlin)
	extra := []linkvet.Invitation{
		{Person: linkvet.Person{Name: "Noid Made-Up", ProfileURL: "https://www.linkedin.com/in/noid-made-up/"}, SentAt: &sent, Message: "  "},
		// The same person again in the same batch: enriches the first.
		{ID: "twice-2", Person: linkvet.Person{ProfileURL: "https://www.linkedin.com/in/Noid-Made-Up", Headline: "Engineer", Skills: []string{}}},
		{ID: "by-mail", Person: linkvet.Person{Name: "Mai Made-Up", Emails: []string{"Mai@Example.com"}}},
		{ID: "out-1", Direction: linkvet.Outgoing, Person: linkvet.Person{Name: "Ola Made-Up", ProfileURL: "https://www.linkedin.com/in/noid-made-up"}},
	}
	put := func(invs []linkvet.Invitation) []linkvet.Change {
		t.Helper()
		var got []linkvet.StoredInvitation
		var changes []linkvet.Change
		err := db.Update(ctx, func(tx linkvet.Tx) error {
			var err error
			got, changes, err = tx.(*sqlite.Tx).PutInvitationsStored(ctx, invs)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(invs) || len(changes) != len(invs) {
			t.Fatalf("%d stored invitations and %d changes back for %d put", len(got), len(changes), len(invs))
		}
		for _, g := range got {
			want := mustGet(t, db, g.Invitation.ID)
			want.Verdict, want.VerdictState = nil, ""
			gj, _ := json.Marshal(g)
			wj, _ := json.Marshal(want)
			if !bytes.Equal(gj, wj) {
				t.Errorf("put handed back\n%s\nbut a read gives\n%s", gj, wj)
			}
		}
		return changes
	}
	changes := put(append(append([]linkvet.Invitation{}, inbox...), extra...))
	for i, c := range changes[:len(inbox)] {
		if c != linkvet.ChangeNew {
			t.Errorf("first put of %s: %s, want new", inbox[i].ID, c)
		}
	}
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: inbox[0].ID, Action: linkvet.Accept}); err != nil {
		t.Fatal(err)
	}
	// Again, enriched: every one matches a stored invitation now.
	again := append([]linkvet.Invitation{}, inbox...)
	for i := range again {
		again[i].Person.Location = "Somewhere Made-Up"
	}
	for i, c := range put(again) {
		if c != linkvet.ChangeEnriched {
			t.Errorf("%s with a new location: %s, want enriched", again[i].ID, c)
		}
	}
	for i, c := range put(again) {
		if c != linkvet.ChangeUnchanged {
			t.Errorf("%s put a second time: %s, want unchanged", again[i].ID, c)
		}
	}
	put(extra)
}

// TestSaveEncodedVerdicts: verdicts saved with their JSON made read back
// as saved; one for an invitation not stored is refused and nothing of the
// batch is saved.
func TestSaveEncodedVerdicts(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	ids := mustPut(t, db, linkvet.Invitation{ID: "a", Person: linkvet.Person{Name: "Ana Made-Up"}}, linkvet.Invitation{ID: "b", Person: linkvet.Person{Name: "Ben Made-Up"}})
	v := linkvet.Verdict{ID: ids[0], Action: linkvet.Accept, Category: linkvet.IndustryPeer, Score: 42, Reasons: []linkvet.Reason{{Rule: "note", Points: 2, Detail: "a note"}}}
	data, _ := json.Marshal(v)
	if err := db.SaveEncodedVerdicts(ctx, []linkvet.Verdict{v}, []string{string(data)}, "s1"); err != nil {
		t.Fatal(err)
	}
	got := mustGet(t, db, ids[0])
	if got.Verdict == nil || got.Verdict.Score != 42 || len(got.Verdict.Reasons) != 1 || got.VerdictState != "s1" {
		t.Fatalf("read back %+v in state %q", got.Verdict, got.VerdictState)
	}
	w := linkvet.Verdict{ID: ids[1], Action: linkvet.Ignore, Category: linkvet.IndustryPeer}
	missing := linkvet.Verdict{ID: "nobody", Action: linkvet.Ignore, Category: linkvet.IndustryPeer}
	err := db.SaveEncodedVerdicts(ctx, []linkvet.Verdict{w, missing}, []string{"{}", "{}"}, "s2")
	if linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Fatalf("saving a verdict of nobody: %v, want ENOTFOUND", err)
	}
	if got := mustGet(t, db, ids[1]); got.Verdict != nil {
		t.Errorf("a refused batch saved %+v", got.Verdict)
	}
	if err := db.SaveEncodedVerdicts(ctx, []linkvet.Verdict{w}, nil, "s2"); err != nil {
		t.Fatal(err) // nil data: the store encodes
	}
	if err := db.SaveEncodedVerdicts(ctx, []linkvet.Verdict{w}, []string{}, "s2"); err == nil {
		t.Error("one verdict with no JSON was saved")
	}
}

// TestSaveVerdictsInChunks: verdicts are saved many to a statement; a
// list longer than one statement's share is saved whole, and a verdict
// given twice is saved as the last one given, as row by row.
func TestSaveVerdictsInChunks(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var invs []linkvet.Invitation
	for i := range 300 {
		invs = append(invs, linkvet.Invitation{ID: "inv-" + strconv.Itoa(i), Person: linkvet.Person{Name: "Made-Up " + strconv.Itoa(i)}})
	}
	ids := mustPut(t, db, invs...)
	var vs []linkvet.Verdict
	for i, id := range ids {
		vs = append(vs, linkvet.Verdict{ID: id, Action: linkvet.Ignore, Category: linkvet.IndustryPeer, Score: i})
	}
	vs = append(vs, linkvet.Verdict{ID: ids[5], Action: linkvet.Accept, Category: linkvet.IndustryPeer, Score: 1000})
	for round, state := range []string{"s1", "s2"} { // inserted, then updated
		if err := db.SaveVerdicts(ctx, vs, state); err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			got := mustGet(t, db, id)
			want := i
			if i == 5 {
				want = 1000
			}
			if got.Verdict == nil || got.Verdict.Score != want || got.VerdictState != state {
				t.Fatalf("round %d: %s read back %+v in state %q, want score %d", round, id, got.Verdict, got.VerdictState, want)
			}
		}
	}
}
