package service_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// writeExport writes a made-up export folder: a profile, n connections,
// two incoming invitations still pending, two accepted (their senders are
// connections) and a message. Without connections, Connections.csv is
// left out.
func writeExport(t testing.TB, n int, connections bool) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Profile.csv", "First Name,Last Name,Headline,Industry,Geo Location\nRobin,Quill,Platform Engineer at Lumen Freight,Software Development,\"Leeds, United Kingdom\"\n")
	write("Invitations.csv", `From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Nadia Fenwick,Robin Quill,"1/8/24, 9:14 AM","Hi Robin, we met at the Leeds Go meetup: would love to stay in touch.",INCOMING,https://www.linkedin.com/in/nadia-fenwick,https://www.linkedin.com/in/robin-quill
Derek Smollet,Robin Quill,"1/6/24, 5:40 PM","I help leaders 10x their pipeline with our AI outreach platform.",INCOMING,https://www.linkedin.com/in/derek-smollet,https://www.linkedin.com/in/robin-quill
Ola Brightwater,Robin Quill,"12/2/23, 8:05 AM","Hi Robin, fellow platform engineer at a freight company here.",INCOMING,https://www.linkedin.com/in/ola-brightwater,https://www.linkedin.com/in/robin-quill
Tam Verhoeven,Robin Quill,"11/20/23, 6:30 PM",,INCOMING,https://www.linkedin.com/in/tam-verhoeven,https://www.linkedin.com/in/robin-quill
`)
	write("messages.csv", `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
c1,,Robin Quill,https://www.linkedin.com/in/robin-quill,Ola Brightwater,https://www.linkedin.com/in/ola-brightwater,2024-01-02 10:00:00 UTC,,Thanks for connecting!,INBOX
`)
	if connections {
		writeConnections(t, filepath.Join(dir, "Connections.csv"), n)
	}
	return dir
}

// writeConnections writes Connections.csv with Ola and Tam and n made-up
// people, row by row (a million rows never sit in memory).
func writeConnections(t testing.TB, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	w.WriteString("Ola,Brightwater,https://www.linkedin.com/in/ola-brightwater,,Keel Logistics,Platform Engineer,02 Dec 2023\n")
	w.WriteString("Tam,Verhoeven,https://www.linkedin.com/in/tam-verhoeven,,Polder Data,Analyst,21 Nov 2023\n")
	for i := range n {
		fmt.Fprintf(w, "Person%d,Madeup,https://www.linkedin.com/in/person-%d-madeup,person%d@example.com,Company %d,Engineer,%02d Mar 2019\n", i, i, i, i%50, 1+i%28)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func openService(t testing.TB) (*sqlite.DB, *service.Service) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, service.New(service.Config{Store: db, Now: service.DemoNow})
}

func importDir(t testing.TB, svc *service.Service, dir string, loc *time.Location) service.Imported {
	t.Helper()
	imp, err := svc.ImportStream(context.Background(), func(o linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error) {
		return linkedin.Stream(dir, o, h)
	}, linkedin.Options{Location: loc})
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

// TestImportStreamTwiceChangesNothing: a streamed import stores every
// connection, and the same export again (in another zone too) changes
// nothing: no known person, no invitation, no message.
func TestImportStreamTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, svc := openService(t)
	dir := writeExport(t, 3*linkedin.StreamBatch+17, true) // several batches
	first := importDir(t, svc, dir, time.UTC)
	if first.Result.Known < 3*linkedin.StreamBatch+19 || first.Result.Incoming != 2 {
		t.Fatalf("first import %+v: want every connection and the 2 pending invitations", first.Result)
	}
	known, err := db.Known(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != first.Known {
		t.Errorf("%d known people stored, the export handed %d", len(known), first.Known)
	}
	for _, zone := range []string{"UTC", "Asia/Tokyo", "America/Los_Angeles"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skip(err)
		}
		again := importDir(t, svc, dir, loc)
		if r := again.Result; r.Known != 0 || r.Incoming != 0 || r.Outgoing != 0 || r.Messages != 0 {
			t.Errorf("import again in %s changed %+v, want nothing", zone, r)
		}
	}
	runs, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.FinishedAt.IsZero() || len(r.Files) == 0 {
			t.Errorf("run %d: finished %v, %d files: want finished with its file summaries", r.ID, r.FinishedAt, len(r.Files))
		}
	}
}

// TestImportStreamUpdatesWhatChanged: a newer export with a changed
// company updates that person only.
func TestImportStreamUpdatesWhatChanged(t *testing.T) {
	ctx := context.Background()
	db, svc := openService(t)
	dir := writeExport(t, 10, true)
	importDir(t, svc, dir, time.UTC)
	path := filepath.Join(dir, "Connections.csv")
	data, _ := os.ReadFile(path)
	changed := strings.Replace(string(data), "Keel Logistics", "Harbor Freight Labs", 1)
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	imp := importDir(t, svc, dir, time.UTC)
	if imp.Result.Known != 1 {
		t.Errorf("newer export changed %d known people, want 1", imp.Result.Known)
	}
	known, _ := db.Known(ctx)
	found := false
	for _, k := range known {
		if k.Name == "Ola Brightwater" {
			found = k.Company == "Harbor Freight Labs"
		}
	}
	if !found {
		t.Error("the changed company was not stored")
	}
}

// TestPastAcceptsInferred: the accepted invitations of an export train the
// classifier as inferred accepts, once; learn status counts them apart;
// a rebuild keeps them; the user's own decision replaces one.
func TestPastAcceptsInferred(t *testing.T) {
	ctx := context.Background()
	_, svc := openService(t)
	dir := writeExport(t, 5, true)
	imp := importDir(t, svc, dir, time.UTC)
	if imp.Inferred != 2 {
		t.Fatalf("learned %d past accepts, want 2", imp.Inferred)
	}
	st, err := svc.LearnStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Inferred != 2 || st.Trained != 0 {
		t.Errorf("status %+v: want 2 inferred, 0 trained", st)
	}
	if again := importDir(t, svc, dir, time.UTC); again.Inferred != 0 {
		t.Errorf("re-import learned %d more, want 0", again.Inferred)
	}
	if st, _ := svc.LearnStatus(ctx); st.Inferred != 2 {
		t.Errorf("after a re-import: %d inferred, want 2", st.Inferred)
	}
	if err := svc.Check(ctx); err != nil {
		t.Errorf("check after learning past accepts: %v", err)
	}
	rb, err := svc.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rb.Inferred != 2 || rb.Trained != 0 {
		t.Errorf("rebuild %+v: want the 2 inferred kept", rb)
	}
	if err := svc.Check(ctx); err != nil {
		t.Errorf("check after rebuild: %v", err)
	}
}

// TestPastAcceptNeverOverUserDecision: an invitation the user decided (it
// was pending in an older export) is not learned again as an inferred
// accept when a newer export shows it accepted.
func TestPastAcceptNeverOverUserDecision(t *testing.T) {
	ctx := context.Background()
	_, svc := openService(t)
	dir := writeExport(t, 0, false) // no connections: every invitation listed
	importDir(t, svc, dir, time.UTC)
	all, err := inboxItems(svc, ctx, service.InboxFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	var ola string
	for _, it := range all {
		if it.Invitation.Person.Name == "Ola Brightwater" {
			ola = it.Invitation.ID
		}
	}
	if ola == "" {
		t.Fatalf("Ola's invitation not stored: %d stored", len(all))
	}
	if _, err := svc.Decide(ctx, ola, linkvet.Decline, ""); err != nil {
		t.Fatal(err)
	}
	full := writeExport(t, 0, true)
	imp := importDir(t, svc, full, time.UTC)
	if imp.Inferred != 1 {
		t.Errorf("learned %d past accepts, want 1 (Tam; Ola was decided by the user)", imp.Inferred)
	}
	st, _ := svc.LearnStatus(ctx)
	if st.Trained != 1 || st.ByAction["decline"] != 1 || st.Inferred != 1 {
		t.Errorf("status %+v: want the user's decline and one inferred accept", st)
	}
	if err := svc.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestDecisionReplacesInferred: deciding an invitation that was learned
// as an inferred accept untrains the inferred example first.
func TestDecisionReplacesInferred(t *testing.T) {
	ctx := context.Background()
	_, svc := openService(t)
	importDir(t, svc, writeExport(t, 0, false), time.UTC) // Ola's invitation stored
	if imp := importDir(t, svc, writeExport(t, 0, true), time.UTC); imp.Inferred != 2 {
		t.Fatalf("learned %d, want 2", imp.Inferred)
	}
	all, _ := inboxItems(svc, ctx, service.InboxFilter{All: true})
	var ola string
	for _, it := range all {
		if it.Invitation.Person.Name == "Ola Brightwater" {
			ola = it.Invitation.ID
		}
	}
	if _, err := svc.Decide(ctx, ola, linkvet.Decline, "changed my mind"); err != nil {
		t.Fatal(err)
	}
	st, _ := svc.LearnStatus(ctx)
	if st.Inferred != 1 || st.Trained != 1 || st.ByAction["decline"] != 1 || st.ByAction["accept"] != 0 {
		t.Errorf("status %+v: want the decline alone in place of the inferred accept, and Tam's", st)
	}
	if err := svc.Check(ctx); err != nil {
		t.Error(err)
	}
	// A re-import does not infer it again over the decision.
	if imp := importDir(t, svc, writeExport(t, 0, true), time.UTC); imp.Inferred != 0 {
		t.Errorf("re-import learned %d, want 0", imp.Inferred)
	}
}

// TestConnectionsMissingUnsettled: an export without Connections.csv keeps
// its incoming invitations out of the inbox and says how many wait; a
// fuller export settles them.
func TestConnectionsMissingUnsettled(t *testing.T) {
	ctx := context.Background()
	_, svc := openService(t)
	imp := importDir(t, svc, writeExport(t, 0, false), time.UTC)
	if !imp.Export.ConnectionsMissing || imp.Unsettled != 4 {
		t.Fatalf("missing %v, %d unsettled: want 4 unsettled", imp.Export.ConnectionsMissing, imp.Unsettled)
	}
	inbox, err := inboxItems(svc, ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inbox) != 0 {
		t.Errorf("%d invitations in the inbox, want none while unsettled", len(inbox))
	}
	if all, _ := inboxItems(svc, ctx, service.InboxFilter{All: true}); len(all) != 4 {
		t.Errorf("inbox --all lists %d, want the 4 stored", len(all))
	}
	// Importing the same partial export again keeps them apart.
	if again := importDir(t, svc, writeExport(t, 0, false), time.UTC); again.Unsettled != 4 {
		t.Errorf("again: %d unsettled, want 4", again.Unsettled)
	}
	full := importDir(t, svc, writeExport(t, 0, true), time.UTC)
	if full.Unsettled != 0 {
		t.Errorf("after a fuller export: %d unsettled, want 0", full.Unsettled)
	}
	inbox, _ = inboxItems(svc, ctx, service.InboxFilter{})
	if len(inbox) != 2 {
		t.Errorf("after a fuller export the inbox has %d, want the 2 still pending", len(inbox))
	}
}
