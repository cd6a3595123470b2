package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// TestImportKnownInBatchesMerges: people handed over in several batches
// (as linkedin.Stream does) merge with what is stored by key, batch by
// batch: a person in two batches ends with both sources, and the same
// batches again change nothing.
func TestImportKnownInBatchesMerges(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	var conns []linkvet.KnownPerson
	for i := range 2*sqlite.BatchSize + 3 {
		conns = append(conns, linkvet.KnownPerson{Name: fmt.Sprintf("Person %d", i),
			ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/person-%d", i), Sources: []string{"connection"}})
	}
	later := []linkvet.KnownPerson{{Name: "Person 7", ProfileURL: "https://www.linkedin.com/in/person-7", Email: "p7@example.com", Sources: []string{"contact"}}}
	for round := range 2 {
		run, err := db.BeginImport(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var total linkvet.ImportResult
		for _, batch := range [][]linkvet.KnownPerson{conns[:2000], conns[2000:], later} {
			r, err := db.ImportKnown(ctx, batch)
			if err != nil {
				t.Fatal(err)
			}
			total.Known += r.Known
			total.Unchanged += r.Unchanged
		}
		res, err := db.FinishImport(ctx, run, &linkvet.Export{Files: []linkvet.FileSummary{{Name: "Connections.csv", Rows: len(conns)}}}, total)
		if err != nil {
			t.Fatal(err)
		}
		want := len(conns) + 1
		if round == 1 {
			want = 0
		}
		if res.Known != want {
			t.Errorf("round %d: %d known changed, want %d", round, res.Known, want)
		}
	}
	known, err := db.Known(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != len(conns) {
		t.Fatalf("%d stored, want %d", len(known), len(conns))
	}
	for _, k := range known {
		if k.Name == "Person 7" && (len(k.Sources) != 2 || k.Email != "p7@example.com") {
			t.Errorf("Person 7 = %+v: want merged with the contact", k)
		}
	}
	runs, _ := db.Imports(ctx)
	if len(runs) != 2 || runs[1].FinishedAt.IsZero() || len(runs[1].Files) != 1 {
		t.Errorf("runs %+v: want two finished runs with their files", runs)
	}
}

// TestImportKeepsSentAtAcrossZones: the same export read in another zone
// gives the same invitation ids at the same wall-clock time; importing it
// changes nothing.
func TestImportKeepsSentAtAcrossZones(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	export := func(zone string) *linkvet.Export {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		at := time.Date(2024, 1, 8, 9, 14, 0, 0, loc)
		return &linkvet.Export{Incoming: []linkvet.Invitation{{ID: "li-same", SentAt: &at, Source: linkvet.SourceLinkedInExport,
			Person: linkvet.Person{Name: "Nadia Fenwick", ProfileURL: "https://www.linkedin.com/in/nadia-fenwick"}}}}
	}
	if _, err := db.Import(ctx, export("Europe/London")); err != nil {
		t.Fatal(err)
	}
	for _, zone := range []string{"Asia/Tokyo", "America/Los_Angeles"} {
		res, err := db.Import(ctx, export(zone))
		if err != nil {
			t.Fatal(err)
		}
		if res.Incoming != 0 || res.Unchanged != 1 {
			t.Errorf("import in %s: %+v, want the invitation unchanged", zone, res)
		}
	}
	si, err := db.Invitation(ctx, "li-same")
	if err != nil {
		t.Fatal(err)
	}
	if _, off := si.Invitation.SentAt.Zone(); off != 0 {
		t.Errorf("sent at %v: want the first import's time kept", si.Invitation.SentAt)
	}
	// A genuinely different time is still taken.
	moved := export("UTC")
	later := moved.Incoming[0].SentAt.Add(time.Hour)
	moved.Incoming[0].SentAt = &later
	if res, _ := db.Import(ctx, moved); res.Incoming != 1 {
		t.Errorf("a changed time: %+v, want the invitation updated", res)
	}
}

// TestUnsettled: an export without connections keeps its incoming
// invitations unsettled; a decision, an enrichment from another channel,
// or a fuller export settles them.
func TestUnsettled(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	partial := &linkvet.Export{
		ConnectionsMissing: true,
		Files:              []linkvet.FileSummary{{Name: "Invitations.csv", Rows: 3}},
		Incoming: []linkvet.Invitation{
			{ID: "u-1", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Ada One", ProfileURL: "linkedin.com/in/ada-one"}},
			{ID: "u-2", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Ben Two", ProfileURL: "linkedin.com/in/ben-two"}},
			{ID: "u-3", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Cy Three", ProfileURL: "linkedin.com/in/cy-three"}},
		},
	}
	if _, err := db.Import(ctx, partial); err != nil {
		t.Fatal(err)
	}
	want := func(ids ...string) {
		t.Helper()
		got, err := db.Unsettled(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("unsettled %v, want %v", got, ids)
		}
		for _, id := range ids {
			if !got[id] {
				t.Fatalf("unsettled %v, want %v", got, ids)
			}
		}
	}
	want("u-1", "u-2", "u-3")
	if _, err := db.Import(ctx, partial); err != nil { // again: still unsettled
		t.Fatal(err)
	}
	want("u-1", "u-2", "u-3")
	if err := db.Update(ctx, func(tx linkvet.Tx) error {
		_, err := tx.Decide(ctx, linkvet.Decision{InvitationID: "u-1", Action: linkvet.Decline, By: linkvet.ByUser})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	want("u-2", "u-3")
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{Person: linkvet.Person{ProfileURL: "linkedin.com/in/ben-two", Headline: "Data Engineer"}}}); err != nil {
		t.Fatal(err)
	}
	want("u-3")
	full := *partial
	full.ConnectionsMissing = false
	full.Files = append(full.Files, linkvet.FileSummary{Name: "Connections.csv", Rows: 10})
	if _, err := db.Import(ctx, &full); err != nil {
		t.Fatal(err)
	}
	want()
}

// TestInferredExamples: the inferred examples a transaction records are
// read back as stored, counted per class, and forgotten on request.
func TestInferredExamples(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	inv := linkvet.Invitation{ID: "li-past", Direction: linkvet.Incoming, Message: "hello", Person: linkvet.Person{Name: "Ola Brightwater"}}
	err := db.Update(ctx, func(tx linkvet.Tx) error {
		stx := tx.(*sqlite.Tx)
		if err := stx.PutInferred(ctx, inv, "accept"); err != nil {
			return err
		}
		got, class, err := stx.InferredExample(ctx, "li-past")
		if err != nil {
			return err
		}
		if class != "accept" || got.Message != "hello" {
			t.Errorf("read back %+v as %q", got, class)
		}
		if _, class, _ := stx.InferredExample(ctx, "nobody"); class != "" {
			t.Errorf("an unknown id has class %q", class)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.InferredCounts(ctx); err != nil || n["accept"] != 1 {
		t.Fatalf("counts %v, %v: want 1 accept", n, err)
	}
	err = db.Update(ctx, func(tx linkvet.Tx) error { return tx.(*sqlite.Tx).DeleteInferred(ctx, "li-past") })
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := db.InferredCounts(ctx); n["accept"] != 0 {
		t.Errorf("counts %v after forgetting: want none", n)
	}
}

// TestRestoreKeepsImportState: an export of the store carries the
// inferred examples and the unsettled invitations, and a restore gives
// them back.
func TestRestoreKeepsImportState(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	partial := &linkvet.Export{
		ConnectionsMissing: true,
		Files:              []linkvet.FileSummary{{Name: "Invitations.csv", Rows: 1}},
		Incoming:           []linkvet.Invitation{{ID: "u-1", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Ada One", ProfileURL: "linkedin.com/in/ada-one"}}},
	}
	if _, err := db.Import(ctx, partial); err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx linkvet.Tx) error {
		return tx.(*sqlite.Tx).PutInferred(ctx, linkvet.Invitation{ID: "li-past", Person: linkvet.Person{Name: "Ola Brightwater"}}, "accept")
	}); err != nil {
		t.Fatal(err)
	}
	first := exportJSON(t, db)
	fresh := openTest(t)
	if err := fresh.Restore(ctx, strings.NewReader(first), "export.json"); err != nil {
		t.Fatal(err)
	}
	if n, _ := fresh.InferredCounts(ctx); n["accept"] != 1 {
		t.Errorf("restored inferred counts %v, want 1 accept", n)
	}
	if u, _ := fresh.Unsettled(ctx); !u["u-1"] || len(u) != 1 {
		t.Errorf("restored unsettled %v, want u-1", u)
	}
}

// TestMessagesWithoutZoneAcrossZones: messages whose times were read in
// a zone (the 2018 exports) are the same messages read in another zone;
// one stored by an earlier version (hashed on its UTC time) is found too.
func TestMessagesWithoutZoneAcrossZones(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	msgs := func(zone string) []linkvet.Message {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		return []linkvet.Message{{From: "Sam Lee", To: "Dana Weber", At: time.Date(2018, 3, 4, 10, 30, 0, 0, loc), Content: "See you there"}}
	}
	if r, err := db.ImportMessages(ctx, msgs("Europe/Berlin")); err != nil || r.Messages != 1 {
		t.Fatalf("first import: %+v, %v", r, err)
	}
	for _, zone := range []string{"Asia/Tokyo", "UTC", "America/New_York"} {
		r, err := db.ImportMessages(ctx, msgs(zone))
		if err != nil {
			t.Fatal(err)
		}
		if r.Messages != 0 || r.Unchanged != 1 {
			t.Errorf("in %s: %+v, want the message unchanged", zone, r)
		}
	}
	all, _ := db.Messages(ctx)
	if len(all) != 1 {
		t.Errorf("%d messages stored, want 1", len(all))
	}
}
