package sqlite_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

func mustPut(t *testing.T, db *sqlite.DB, invs ...linkvet.Invitation) []string {
	t.Helper()
	ids, err := db.PutInvitations(context.Background(), invs)
	if err != nil {
		t.Fatalf("PutInvitations: %v", err)
	}
	return ids
}

func mustGet(t *testing.T, db *sqlite.DB, id string) *linkvet.StoredInvitation {
	t.Helper()
	si, err := db.Invitation(context.Background(), id)
	if err != nil {
		t.Fatalf("Invitation(%s): %v", id, err)
	}
	return si
}

func TestPutInvitationsMatching(t *testing.T) {
	db := openTest(t)
	ids := mustPut(t, db, linkvet.Invitation{
		ID:      "inv-1",
		Message: "Hi Dana, loved your Kafka talk",
		Person:  linkvet.Person{Name: "Alex Kim", ProfileURL: "https://www.linkedin.com/in/Alex-Kim/?trk=x", Skills: []string{"Kafka"}},
	})
	if ids[0] != "inv-1" {
		t.Fatalf("stored id %q, want inv-1", ids[0])
	}

	// Same person under another id and URL spelling: the same invitation.
	ids = mustPut(t, db, linkvet.Invitation{
		ID:     "other-id",
		Person: linkvet.Person{ProfileURL: "de.linkedin.com/in/alex-kim", Company: "Acme", Skills: []string{"kafka", "Go"}},
	})
	if ids[0] != "inv-1" {
		t.Fatalf("matched by profile URL: id %q, want inv-1", ids[0])
	}
	got := mustGet(t, db, "inv-1").Invitation
	if got.Person.Name != "Alex Kim" || got.Person.Company != "Acme" || got.Message == "" {
		t.Errorf("enrichment lost or missed fields: %+v", got.Person)
	}
	if want := []string{"Kafka", "Go"}; !reflect.DeepEqual(got.Person.Skills, want) {
		t.Errorf("skills %v, want %v", got.Person.Skills, want)
	}

	// No URL: matched by id.
	ids = mustPut(t, db, linkvet.Invitation{ID: "inv-1", MutualConnections: ptr(7)})
	if ids[0] != "inv-1" || *mustGet(t, db, "inv-1").Invitation.MutualConnections != 7 {
		t.Error("record without URL did not enrich by id")
	}

	// The same person in the other direction is another invitation.
	ids = mustPut(t, db, linkvet.Invitation{ID: "out-1", Direction: linkvet.Outgoing, Person: linkvet.Person{ProfileURL: "linkedin.com/in/alex-kim"}})
	if ids[0] != "out-1" {
		t.Errorf("outgoing invitation to the same person merged into %q", ids[0])
	}

	// A derived id is stable.
	sent := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	a := mustPut(t, db, linkvet.Invitation{SentAt: &sent, Person: linkvet.Person{Name: "Jo Park"}})[0]
	b := mustPut(t, db, linkvet.Invitation{SentAt: &sent, Person: linkvet.Person{Name: "JO  PARK"}})[0]
	if a == "" || a != b {
		t.Errorf("derived ids %q and %q, want the same non-empty id", a, b)
	}
}

func TestPutInvitationsErrors(t *testing.T) {
	db := openTest(t)
	mustPut(t, db, linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{ProfileURL: "linkedin.com/in/a"}})
	for _, tc := range []struct {
		name string
		inv  linkvet.Invitation
		code string
		says string
	}{
		{"bad direction", linkvet.Invitation{ID: "x", Direction: "sideways"}, linkvet.EINVALID, "sideways"},
		{"nobody", linkvet.Invitation{Message: "hello"}, linkvet.EINVALID, "nothing identifies it"},
		{"bad label", linkvet.Invitation{ID: "x", Label: "maybe"}, linkvet.EINVALID, "maybe"},
		{"id of another person", linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{ProfileURL: "linkedin.com/in/b"}}, linkvet.ECONFLICT, "linkedin.com/in/b"},
		{"id in the other direction", linkvet.Invitation{ID: "inv-1", Direction: linkvet.Outgoing}, linkvet.ECONFLICT, "outgoing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			good := linkvet.Invitation{ID: "fine", Person: linkvet.Person{Name: "Fine"}}
			_, err := db.PutInvitations(context.Background(), []linkvet.Invitation{good, tc.inv})
			if linkvet.ErrorCode(err) != tc.code {
				t.Fatalf("got %v (code %q), want code %q", err, linkvet.ErrorCode(err), tc.code)
			}
			msg := linkvet.ErrorMessage(err)
			if !strings.Contains(msg, "invitation 2") || !strings.Contains(msg, tc.says) {
				t.Errorf("message %q should name invitation 2 and %q", msg, tc.says)
			}
			// All or nothing: the good record was not stored either.
			if _, err := db.Invitation(context.Background(), "fine"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
				t.Errorf("a failed PutInvitations stored part of its input: %v", err)
			}
		})
	}
}

func TestInvitationNotFound(t *testing.T) {
	db := openTest(t)
	if _, err := db.Invitation(context.Background(), "nope"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Fatalf("got %v, want %s", err, linkvet.ENOTFOUND)
	}
}

func TestDecisions(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustPut(t, db, linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{Name: "A"}}, linkvet.Invitation{ID: "inv-2", Person: linkvet.Person{Name: "B"}})
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{{ID: "inv-1", Action: linkvet.Ask, Category: linkvet.Stranger, Score: -5}}, ""); err != nil {
		t.Fatal(err)
	}

	first, err := db.Decide(ctx, linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Ignore, Note: "later"})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.At.IsZero() || first.By != linkvet.ByUser || first.Verdict != linkvet.Ask {
		t.Errorf("decision returned %+v: want an id, a time, by user, verdict ask", first)
	}
	second, err := db.Decide(ctx, linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept, By: linkvet.ByRule})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "inv-2", Action: linkvet.Decline}); err != nil {
		t.Fatal(err)
	}

	hist, err := db.Decisions(ctx, "inv-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].ID != first.ID || hist[1].ID != second.ID || hist[0].Note != "later" {
		t.Fatalf("history %+v, want the ignore then the accept", hist)
	}
	if !hist[0].At.Before(hist[1].At) {
		t.Errorf("history times %v, %v not increasing", hist[0].At, hist[1].At)
	}
	if si := mustGet(t, db, "inv-1"); si.Decision == nil || si.Decision.ID != second.ID || si.Verdict == nil || si.Verdict.Score != -5 {
		t.Errorf("current decision %+v, verdict %+v: want the latest decision and the verdict", si.Decision, si.Verdict)
	}
	all, err := db.Decisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Errorf("all decisions: %d, want 3", len(all))
	}

	for _, tc := range []struct {
		name string
		d    linkvet.Decision
		code string
	}{
		{"unknown invitation", linkvet.Decision{InvitationID: "nope", Action: linkvet.Accept}, linkvet.ENOTFOUND},
		{"bad action", linkvet.Decision{InvitationID: "inv-1", Action: "maybe"}, linkvet.EINVALID},
		{"no invitation", linkvet.Decision{Action: linkvet.Accept}, linkvet.EINVALID},
		{"bad by", linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept, By: "robot"}, linkvet.EINVALID},
		{"bad verdict", linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept, Verdict: "nah"}, linkvet.EINVALID},
		{"note not UTF-8", linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept, Note: "\xff"}, linkvet.EINVALID},
		{"huge note", linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept, Note: strings.Repeat("x", 20_000)}, linkvet.ELIMIT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := db.Decide(ctx, tc.d); linkvet.ErrorCode(err) != tc.code {
				t.Fatalf("got %v (code %q), want %q", err, linkvet.ErrorCode(err), tc.code)
			}
		})
	}
	if _, err := db.Decisions(ctx, "nope"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("history of an unknown invitation: %v, want %s", err, linkvet.ENOTFOUND)
	}
	if hist, _ := db.Decisions(ctx, "inv-1"); len(hist) != 2 {
		t.Errorf("failed decisions were recorded: %d rows", len(hist))
	}
}

func TestDecisionsAreAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustPut(t, db, linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{Name: "A"}})
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "inv-1", Action: linkvet.Accept}); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, db.Path())
	if _, err := raw.Exec(`DELETE FROM decisions`); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("DELETE FROM decisions: %v, want refused", err)
	}
	if _, err := raw.Exec(`UPDATE decisions SET action = 'block'`); err == nil {
		t.Error("UPDATE decisions succeeded")
	}
}

func TestSaveVerdicts(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustPut(t, db, linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{Name: "A"}})
	v := linkvet.Verdict{ID: "inv-1", Action: linkvet.Decline, Category: linkvet.Salesperson, Score: -20,
		Reasons: []linkvet.Reason{{Rule: "pitch", Points: -20, Detail: "the note sells a product"}}}
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{v}, ""); err != nil {
		t.Fatal(err)
	}
	v.Action, v.Score = linkvet.Ask, 3
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{v}, ""); err != nil {
		t.Fatal(err)
	}
	got := mustGet(t, db, "inv-1").Verdict
	if got == nil || got.Action != linkvet.Ask || got.Score != 3 || len(got.Reasons) != 1 {
		t.Fatalf("stored verdict %+v, want the latest", got)
	}
	for _, tc := range []struct {
		name string
		v    linkvet.Verdict
		code string
	}{
		{"no id", linkvet.Verdict{Action: linkvet.Accept, Category: linkvet.Stranger}, linkvet.EINVALID},
		{"bad action", linkvet.Verdict{ID: "inv-1", Action: "x", Category: linkvet.Stranger}, linkvet.EINVALID},
		{"bad category", linkvet.Verdict{ID: "inv-1", Action: linkvet.Accept, Category: "alien"}, linkvet.EINVALID},
		{"unknown invitation", linkvet.Verdict{ID: "nope", Action: linkvet.Accept, Category: linkvet.Stranger}, linkvet.ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ok := linkvet.Verdict{ID: "inv-1", Action: linkvet.Block, Category: linkvet.Scammer}
			err := db.SaveVerdicts(ctx, []linkvet.Verdict{ok, tc.v}, "")
			if linkvet.ErrorCode(err) != tc.code {
				t.Fatalf("got %v (code %q), want %q", err, linkvet.ErrorCode(err), tc.code)
			}
			if got := mustGet(t, db, "inv-1").Verdict; got.Action != linkvet.Ask {
				t.Errorf("a failed SaveVerdicts changed a verdict to %s", got.Action)
			}
		})
	}
}

func TestInvitationsFilterAndPaging(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var invs []linkvet.Invitation
	for i := range 10 {
		invs = append(invs, linkvet.Invitation{
			ID:     fmt.Sprintf("in-%02d", i),
			SentAt: ptr(epoch.Add(time.Duration(i) * time.Hour)),
			Person: linkvet.Person{Name: fmt.Sprintf("P%d", i)},
		})
	}
	invs = append(invs,
		linkvet.Invitation{ID: "in-nodate", Person: linkvet.Person{Name: "No Date"}},
		linkvet.Invitation{ID: "out-1", Direction: linkvet.Outgoing, Person: linkvet.Person{Name: "Invitee"}},
	)
	mustPut(t, db, invs...)
	var vs []linkvet.Verdict
	for i := range 10 {
		v := linkvet.Verdict{ID: fmt.Sprintf("in-%02d", i), Action: linkvet.Accept, Category: linkvet.IndustryPeer}
		if i%2 == 1 {
			v.Action, v.Category = linkvet.Decline, linkvet.Salesperson
		}
		vs = append(vs, v)
	}
	if err := db.SaveVerdicts(ctx, vs, ""); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"in-09", "in-00"} {
		if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: id, Action: linkvet.Ignore}); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		name  string
		f     linkvet.InvitationFilter
		ids   []string
		total int
	}{
		{"all incoming, newest first, no date last", linkvet.InvitationFilter{},
			[]string{"in-09", "in-08", "in-07", "in-06", "in-05", "in-04", "in-03", "in-02", "in-01", "in-00", "in-nodate"}, 11},
		{"outgoing", linkvet.InvitationFilter{Direction: linkvet.Outgoing}, []string{"out-1"}, 1},
		{"pending", linkvet.InvitationFilter{Pending: ptr(true), Limit: 3},
			[]string{"in-08", "in-07", "in-06"}, 9},
		{"decided", linkvet.InvitationFilter{Pending: ptr(false)}, []string{"in-09", "in-00"}, 2},
		{"verdict action", linkvet.InvitationFilter{Action: linkvet.Decline, Offset: 3},
			[]string{"in-03", "in-01"}, 5},
		{"verdict category and pending", linkvet.InvitationFilter{Category: linkvet.IndustryPeer, Pending: ptr(true)},
			[]string{"in-08", "in-06", "in-04", "in-02"}, 4},
		{"page past the end", linkvet.InvitationFilter{Offset: 50, Limit: 10}, nil, 11},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, total, err := db.Invitations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, si := range got {
				ids = append(ids, si.Invitation.ID)
			}
			if !reflect.DeepEqual(ids, tc.ids) || total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)", ids, total, tc.ids, tc.total)
			}
		})
	}

	for _, f := range []linkvet.InvitationFilter{
		{Direction: "sideways"}, {Action: "maybe"}, {Category: "alien"}, {Offset: -1}, {Limit: -1},
	} {
		if _, _, err := db.Invitations(ctx, f); linkvet.ErrorCode(err) != linkvet.EINVALID {
			t.Errorf("filter %+v: %v, want %s", f, err, linkvet.EINVALID)
		}
	}
}

func TestTrainedAsAndModels(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustPut(t, db, linkvet.Invitation{ID: "inv-1", Person: linkvet.Person{Name: "A"}})
	if c, err := db.TrainedAs(ctx, "inv-1"); err != nil || c != "" {
		t.Fatalf("untrained: %q, %v", c, err)
	}
	for _, class := range []string{"accept", "decline"} {
		if err := db.SetTrainedAs(ctx, "inv-1", class); err != nil {
			t.Fatal(err)
		}
		if c, _ := db.TrainedAs(ctx, "inv-1"); c != class {
			t.Errorf("trained as %q, want %q", c, class)
		}
	}
	if err := db.SetTrainedAs(ctx, "inv-1", ""); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.TrainedAs(ctx, "inv-1"); c != "" {
		t.Errorf("after clearing: %q", c)
	}
	if err := db.SetTrainedAs(ctx, "nope", "accept"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("unknown invitation: %v", err)
	}

	if _, err := db.Model(ctx, "bayes"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("missing model: %v", err)
	}
	for _, blob := range [][]byte{{1, 2, 3}, {}, {0, 255}} {
		if err := db.PutModel(ctx, "bayes", blob); err != nil {
			t.Fatal(err)
		}
		got, err := db.Model(ctx, "bayes")
		if err != nil || string(got) != string(blob) {
			t.Errorf("model %v, %v; want %v", got, err, blob)
		}
	}
	if err := db.PutModel(ctx, " ", nil); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("empty model name: %v", err)
	}
}

// FuzzPutInvitation stores any invitation-v1 record and reads it back:
// what comes back is what went in, with the id and direction filled in.
func FuzzPutInvitation(f *testing.F) {
	f.Add(`{"id":"inv-0042","sent_at":"2026-11-20T09:15:00Z","message":"Hi Dana","person":{"name":"Alex Kim","profile_url":"https://www.linkedin.com/in/alex-kim","connections":500,"verified":true,"skills":["Kafka"]},"mutual_connections":7,"shared":{"groups":["Kafka Users Berlin"]}}`)
	f.Add(`{"person":{"name":"𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 \u200b"}}`)
	f.Add(`{"id":"x","direction":"outgoing","person":{"emails":["A@B.example"]}}`)
	f.Add(`{"id":"bad\xff","person":{"name":"\xff\xfe"}}`)
	db, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	n := 0
	f.Fuzz(func(t *testing.T, record string) {
		var inv linkvet.Invitation
		if json.Unmarshal([]byte(record), &inv) != nil {
			return
		}
		// Each record gets its own person and id so that no earlier input
		// is enriched instead.
		n++
		inv.ID = fmt.Sprintf("fuzz-%d", n)
		inv.Person.ProfileURL, inv.Person.Emails = "", nil
		if inv.Person.Name == "" {
			inv.Person.Name = "someone"
		}
		ids, err := db.PutInvitations(context.Background(), []linkvet.Invitation{inv})
		if err != nil {
			if linkvet.ErrorCode(err) == linkvet.EINTERNAL {
				t.Fatalf("internal error for %s: %v", record, err)
			}
			return
		}
		first, err := db.Invitation(context.Background(), ids[0])
		if err != nil {
			t.Fatal(err)
		}
		// Storing the same record again changes nothing.
		if _, err := db.PutInvitations(context.Background(), []linkvet.Invitation{inv}); err != nil {
			t.Fatalf("second put: %v", err)
		}
		second, err := db.Invitation(context.Background(), ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if a, b := mustJSON(first), mustJSON(second); a != b {
			t.Fatalf("storing twice changed the record:\n%s\n%s", a, b)
		}
		// The scalar fields come back as given (JSON turns invalid UTF-8
		// into U+FFFD, on the way in as on the way out).
		var want linkvet.Invitation
		json.Unmarshal([]byte(mustJSON(inv)), &want)
		got := first.Invitation
		if got.Message != want.Message || got.Person.Name != want.Person.Name ||
			got.Person.Headline != want.Person.Headline || got.Person.About != want.Person.About ||
			got.ID != ids[0] || (got.Direction != want.Direction && want.Direction != "") {
			t.Fatalf("stored\n%s\nread back\n%s", mustJSON(want), mustJSON(got))
		}
	})
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestConcurrentWriters has two handles on one file (the CLI and the web
// app) write at once: writers queue, none fails with "database is locked".
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkvet.db")
	a, b := openAt(t, path), openAt(t, path)
	for i := range 4 {
		mustPut(t, a, linkvet.Invitation{ID: fmt.Sprintf("inv-%d", i), Person: linkvet.Person{Name: fmt.Sprintf("P%d", i)}})
	}
	errs := make(chan error, 8)
	for w := range 8 {
		db := a
		if w%2 == 1 {
			db = b
		}
		go func() {
			for j := range 10 {
				if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: fmt.Sprintf("inv-%d", w%4), Action: linkvet.Ignore}); err != nil {
					errs <- err
					return
				}
				if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: fmt.Sprintf("w%d-%d", w, j), Person: linkvet.Person{Name: "x"}}}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent write: %v", err)
		}
	}
	all, err := a.Decisions(ctx, "")
	if err != nil || len(all) != 80 {
		t.Fatalf("%d decisions, %v; want 80", len(all), err)
	}
}
