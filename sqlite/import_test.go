package sqlite_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// smallExport is an export with a bit of everything.
func smallExport() *linkvet.Export {
	return &linkvet.Export{
		Me: linkvet.Me{Name: "Dana Weber", Companies: []string{"Northwind Analytics"}},
		Known: []linkvet.KnownPerson{
			{Name: "Jo Park", ProfileURL: "https://www.linkedin.com/in/jo-park", Company: "Acme", Position: "CTO", Sources: []string{"connection"}, Since: epoch.AddDate(-2, 0, 0)},
			{Name: "Jo Park", Email: "jo@acme.example", Sources: []string{"contact"}},
			{Name: "Sam Lee", ProfileURL: "linkedin.com/in/sam-lee", Sources: []string{"connection"}},
			// The same person as a message partner, by URL: merged into one.
			{Name: "Sam Lee", ProfileURL: "https://de.linkedin.com/in/sam-lee/", Sources: []string{"message"}, LastSeen: epoch.AddDate(0, -1, 0)},
			{Name: "Name Only", Sources: []string{"endorsement"}},
			{}, // names nobody: skipped
		},
		Incoming: []linkvet.Invitation{
			{ID: "in-1", SentAt: ptr(epoch.Add(-time.Hour)), Message: "Hi", Person: linkvet.Person{Name: "Alex Kim", ProfileURL: "linkedin.com/in/alex-kim", Company: "Acme"}},
			{ID: "in-2", Person: linkvet.Person{Name: "Ria Sen", ProfileURL: "linkedin.com/in/ria-sen"}},
		},
		Outgoing: []linkvet.Invitation{
			{ID: "out-1", Person: linkvet.Person{Name: "Lee Chan", ProfileURL: "linkedin.com/in/lee-chan"}},
		},
		Messages: []linkvet.Message{
			{ConversationID: "c1", From: "Sam Lee", To: "Dana Weber", At: epoch.AddDate(0, -1, 0), Content: "See you at the meetup"},
			{ConversationID: "c1", From: "Dana Weber", To: "Sam Lee", ToURLs: []string{"linkedin.com/in/sam-lee"}, At: epoch.AddDate(0, -1, 1), Content: "Sure!", Outgoing: true},
			// The same message twice in one export is stored once.
			{ConversationID: "c1", From: "Sam Lee", To: "Dana Weber", At: epoch.AddDate(0, -1, 0), Content: "See you at the meetup"},
		},
		HiddenConnections: 3,
		Files:             []linkvet.FileSummary{{Name: "Connections.csv", Rows: 3, Skipped: []linkvet.Problem{{File: "Connections.csv", Line: 7, Reason: "no name"}}}},
	}
}

func mustImport(t *testing.T, db *sqlite.DB, e *linkvet.Export) linkvet.ImportResult {
	t.Helper()
	res, err := db.Import(context.Background(), e)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

func TestImportTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	first := mustImport(t, db, smallExport())
	want := linkvet.ImportResult{Known: 4, Incoming: 2, Outgoing: 1, Messages: 2, Unchanged: 1}
	if first != want {
		t.Errorf("first import %+v, want %+v", first, want)
	}
	snapshot := exportJSON(t, db)

	second := mustImport(t, db, smallExport())
	want = linkvet.ImportResult{Unchanged: 4 + 3 + 3}
	if second != want {
		t.Errorf("second import %+v, want %+v", second, want)
	}
	// Nothing but the import history may differ.
	after := exportJSON(t, db)
	if stripVolatile(snapshot) != stripVolatile(after) {
		t.Errorf("the second import changed stored data:\n%s\n%s", stripVolatile(snapshot), stripVolatile(after))
	}

	runs, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Result != first || runs[1].Result != second || runs[0].FinishedAt.IsZero() ||
		runs[0].HiddenConnections != 3 || len(runs[0].Files) != 1 || len(runs[0].Files[0].Skipped) != 1 {
		t.Errorf("import history %+v", runs)
	}
}

// stripVolatile drops the parts of an export that change by themselves
// (the export time and the import history).
func stripVolatile(s string) string {
	s = s[strings.Index(s, `"me"`):]
	i, j := strings.Index(s, `"imports"`), strings.LastIndex(s, `"messages"`)
	return s[:i] + s[j:]
}

func TestImportStoresEverything(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustImport(t, db, smallExport())

	me, err := db.Me(ctx)
	if err != nil || me.Name != "Dana Weber" {
		t.Errorf("Me = %+v, %v", me, err)
	}
	known, err := db.Known(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]linkvet.KnownPerson{}
	for _, p := range known {
		byName[p.Name+"|"+p.ProfileURL+p.Email] = p
	}
	if len(known) != 4 { // Jo by URL, Jo by e-mail, Sam, Name Only
		t.Fatalf("%d known people: %+v", len(known), known)
	}
	sam := byName["Sam Lee|https://de.linkedin.com/in/sam-lee/"]
	if !reflect.DeepEqual(sam.Sources, []string{"connection", "message"}) || !sam.LastSeen.Equal(epoch.AddDate(0, -1, 0)) {
		t.Errorf("Sam merged as %+v", sam)
	}
	msgs, err := db.Messages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || msgs[0].Content != "See you at the meetup" || !msgs[1].Outgoing || msgs[1].ToURLs[0] != "linkedin.com/in/sam-lee" {
		t.Errorf("messages %+v", msgs)
	}
	out, total, err := db.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Outgoing})
	if err != nil || total != 1 || out[0].Invitation.Direction != linkvet.Outgoing {
		t.Errorf("outgoing %+v, %d, %v", out, total, err)
	}
}

func TestImportNewerExport(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustImport(t, db, smallExport())
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "in-2", Action: linkvet.Decline}); err != nil {
		t.Fatal(err)
	}
	if err := db.Tag(ctx, []string{"linkedin.com/in/jo-park"}, "Work"); err != nil {
		t.Fatal(err)
	}

	e := smallExport()
	e.Me = linkvet.Me{} // an export without a profile keeps the stored one
	// Jo moved on.
	e.Known[0].Company, e.Known[0].Position = "Globex", "VP Engineering"
	// Alex accepted outside linkvet: no longer pending, now a connection.
	e.Incoming = e.Incoming[1:]
	e.Known = append(e.Known, linkvet.KnownPerson{Name: "Alex Kim", ProfileURL: "https://www.linkedin.com/in/alex-kim", Sources: []string{"connection"}})
	// Ria (declined in linkvet) also shows up as a connection: the user's
	// decline stays current.
	e.Incoming = nil
	e.Known = append(e.Known, linkvet.KnownPerson{Name: "Ria Sen", ProfileURL: "linkedin.com/in/ria-sen", Sources: []string{"connection"}})
	// Lee's outgoing invitation is still pending.
	e.Messages = append(e.Messages, linkvet.Message{From: "Jo Park", To: "Dana Weber", At: epoch, Content: "New job!"})

	res := mustImport(t, db, e)
	want := linkvet.ImportResult{Known: 3, Messages: 1, Unchanged: 3 + 1 + 3}
	if res != want {
		t.Errorf("newer import %+v, want %+v", res, want)
	}

	me, _ := db.Me(ctx)
	if me.Name != "Dana Weber" {
		t.Errorf("profile lost: %+v", me)
	}
	known, _ := db.Known(ctx)
	for _, p := range known {
		if p.ProfileURL == "https://www.linkedin.com/in/jo-park" {
			if p.Company != "Globex" || p.Position != "VP Engineering" || !reflect.DeepEqual(p.Tags, []string{"Work"}) {
				t.Errorf("Jo is %+v, want Globex, VP Engineering, tagged Work", p)
			}
		}
	}

	alex := mustGet(t, db, "in-1")
	if alex.Decision == nil || alex.Decision.Action != linkvet.Accept || alex.Decision.By != linkvet.ByRule ||
		!strings.Contains(alex.Decision.Note, "outside linkvet") {
		t.Errorf("Alex's invitation: decision %+v, want accepted outside linkvet by rule", alex.Decision)
	}
	if ria := mustGet(t, db, "in-2"); ria.Decision.Action != linkvet.Decline {
		t.Errorf("the user's decline was replaced by %+v", ria.Decision)
	}
	if lee := mustGet(t, db, "out-1"); lee.Decision != nil {
		t.Errorf("still-pending outgoing invitation got %+v", lee.Decision)
	}
	pending, total, _ := db.Invitations(ctx, linkvet.InvitationFilter{Pending: ptr(true)})
	if total != 0 {
		t.Errorf("pending incoming: %+v", pending)
	}
	runs, _ := db.Imports(ctx)
	if runs[1].Accepted != 1 {
		t.Errorf("import recorded %d accepted outside, want 1", runs[1].Accepted)
	}

	// Importing the newer export again adds no second decision.
	res = mustImport(t, db, e)
	if res.Known+res.Incoming+res.Outgoing+res.Messages != 0 {
		t.Errorf("re-import changed %+v", res)
	}
	if hist, _ := db.Decisions(ctx, "in-1"); len(hist) != 1 {
		t.Errorf("in-1 has %d decisions, want 1", len(hist))
	}
}

func TestImportEnrichesManualInvitation(t *testing.T) {
	db := openTest(t)
	// Screened by hand first, with what the user saw on the profile.
	mustPut(t, db, linkvet.Invitation{ID: "manual-7", Person: linkvet.Person{ProfileURL: "https://www.linkedin.com/in/alex-kim", Verified: ptr(true), Photo: linkvet.PhotoReal}})
	e := smallExport()
	res := mustImport(t, db, e)
	if res.Incoming != 2 {
		t.Errorf("incoming %d, want 2 (one new, one enriched)", res.Incoming)
	}
	got := mustGet(t, db, "manual-7").Invitation
	if got.Person.Name != "Alex Kim" || got.Message != "Hi" || got.Person.Verified == nil || !*got.Person.Verified {
		t.Errorf("the export did not enrich the manual record: %+v", got)
	}
	if _, err := db.Invitation(context.Background(), "in-1"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("the export's id created a second invitation: %v", err)
	}
}

func TestImportRejectsBadRecordBeforeWriting(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	e := smallExport()
	e.Incoming = append(e.Incoming, linkvet.Invitation{Message: "who am I"})
	_, err := db.Import(ctx, e)
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(linkvet.ErrorMessage(err), "incoming invitation 3") {
		t.Fatalf("got %v, want EINVALID naming incoming invitation 3", err)
	}
	if known, _ := db.Known(ctx); len(known) != 0 {
		t.Errorf("a rejected import wrote %d known people", len(known))
	}
	if _, err := db.Import(ctx, nil); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("nil export: %v", err)
	}
}

func TestImportEmptyExport(t *testing.T) {
	db := openTest(t)
	if res := mustImport(t, db, &linkvet.Export{}); res != (linkvet.ImportResult{}) {
		t.Errorf("empty export: %+v", res)
	}
}

func TestTags(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	mustImport(t, db, smallExport())
	known, _ := db.Known(ctx)
	var keys []string
	for _, p := range known {
		keys = append(keys, sqlite.KnownKey(p))
	}
	if err := db.Tag(ctx, keys, "Berlin"); err != nil {
		t.Fatal(err)
	}
	// Folded: the same tag; names and URLs work as keys too.
	if err := db.Tag(ctx, []string{"Name Only", "https://www.linkedin.com/in/Jo-Park/"}, "ｂｅｒｌｉｎ"); err != nil {
		t.Fatal(err)
	}
	if err := db.Tag(ctx, []string{"jo@acme.example"}, "Former colleague"); err != nil {
		t.Fatal(err)
	}
	tags := map[string][]string{}
	known, _ = db.Known(ctx)
	for _, p := range known {
		tags[sqlite.KnownKey(p)] = p.Tags
	}
	if got := tags["jo@acme.example"]; !reflect.DeepEqual(got, []string{"Berlin", "Former colleague"}) {
		t.Errorf("tags of Jo's e-mail record: %v", got)
	}
	if got := tags["name:name only"]; !reflect.DeepEqual(got, []string{"Berlin"}) {
		t.Errorf("tags of Name Only: %v", got)
	}

	if err := db.Untag(ctx, keys, "berlin"); err != nil {
		t.Fatal(err)
	}
	known, _ = db.Known(ctx)
	for _, p := range known {
		for _, tag := range p.Tags {
			if tag == "Berlin" {
				t.Errorf("%s still tagged Berlin", p.Name)
			}
		}
	}

	for _, tc := range []struct {
		name string
		keys []string
		tag  string
		code string
	}{
		{"unknown person", []string{"linkedin.com/in/jo-park", "linkedin.com/in/nobody"}, "x", linkvet.ENOTFOUND},
		{"no people", nil, "x", linkvet.EINVALID},
		{"empty tag", keys, "  ", linkvet.EINVALID},
		{"control character", keys, "a\nb", linkvet.EINVALID},
		{"invisible only", keys, "\u200b", linkvet.EINVALID},
		{"too long", keys, strings.Repeat("x", 200), linkvet.ELIMIT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.Tag(ctx, tc.keys, tc.tag); linkvet.ErrorCode(err) != tc.code {
				t.Fatalf("got %v (code %q), want %q", err, linkvet.ErrorCode(err), tc.code)
			}
		})
	}
	// The failed bulk tag tagged nobody.
	known, _ = db.Known(ctx)
	for _, p := range known {
		for _, tag := range p.Tags {
			if tag == "x" {
				t.Errorf("%s tagged by a failed call", p.Name)
			}
		}
	}
}

// A newer export that no longer lists a pending invitation closes it: it
// was answered or withdrawn on LinkedIn. The user's decisions and
// invitations added by hand are left alone.
func TestImportClosesInvitationsGoneFromExport(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	old := &linkvet.Export{
		Incoming: []linkvet.Invitation{
			{ID: "gone", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Gone Away", ProfileURL: "linkedin.com/in/gone"}},
			{ID: "decided", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Decided", ProfileURL: "linkedin.com/in/decided"}},
			{ID: "still", Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: "Still Here", ProfileURL: "linkedin.com/in/still"}},
		},
		Files: []linkvet.FileSummary{{Name: "Invitations.csv", Rows: 3}},
	}
	mustImport(t, db, old)
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "manual", Source: "manual", Person: linkvet.Person{Name: "By Hand"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "decided", Action: linkvet.Decline, By: linkvet.ByUser}); err != nil {
		t.Fatal(err)
	}
	// An export without Invitations.csv says nothing about invitations.
	mustImport(t, db, &linkvet.Export{Files: []linkvet.FileSummary{{Name: "Connections.csv"}}})
	pendingIDs := func() []string {
		p := true
		items, _, err := db.Invitations(ctx, linkvet.InvitationFilter{Pending: &p})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range items {
			ids = append(ids, it.Invitation.ID)
		}
		return ids
	}
	if got := strings.Join(pendingIDs(), " "); !strings.Contains(got, "gone") {
		t.Fatalf("an export without Invitations.csv closed invitations: pending %s", got)
	}
	newer := &linkvet.Export{
		Incoming: []linkvet.Invitation{old.Incoming[2]},
		Files:    []linkvet.FileSummary{{Name: "Basic_Export/Invitations.csv", Rows: 1}},
	}
	mustImport(t, db, newer)
	got := pendingIDs()
	if strings.Join(got, " ") != "manual still" && strings.Join(got, " ") != "still manual" {
		t.Errorf("pending after the newer export = %v, want manual and still", got)
	}
	ds, err := db.Decisions(ctx, "gone")
	if err != nil || len(ds) != 1 || ds[0].By != linkvet.ByRule || ds[0].Action != linkvet.Ignore {
		t.Errorf("decisions of the closed invitation = %+v, %v", ds, err)
	}
	ds, _ = db.Decisions(ctx, "decided")
	if len(ds) != 1 || ds[0].Action != linkvet.Decline {
		t.Errorf("the user's decision was touched: %+v", ds)
	}
}

// Storing the messages ahead (ImportMessages, then ImportRest) gives the
// same database and counts as one Import.
func TestImportInTwoSteps(t *testing.T) {
	ctx := context.Background()
	one, two := openTest(t), openTest(t)
	want := mustImport(t, one, smallExport())
	x := smallExport()
	pre, err := two.ImportMessages(ctx, x.Messages)
	if err != nil {
		t.Fatal(err)
	}
	got, err := two.ImportRest(ctx, x, pre)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("two steps counted %+v, one Import %+v", got, want)
	}
	if a, b := stripVolatile(exportJSON(t, one)), stripVolatile(exportJSON(t, two)); a != b {
		t.Errorf("the databases differ:\n%s\n%s", a, b)
	}
	runs, err := two.Imports(ctx)
	if err != nil || len(runs) != 1 || runs[0].Result.Messages != want.Messages {
		t.Errorf("import run = %+v, %v", runs, err)
	}
}
