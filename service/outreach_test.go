package service_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time           { return c.t }
func (c *clock) advance(d time.Duration)  { c.t = c.t.Add(d) }
func (c *clock) days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// fixture is a fresh store with a settable clock, and the service over it.
type fixture struct {
	*sqlite.DB
	svc *service.Service
}

func openClocked(t *testing.T) (*fixture, *clock) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{t: epoch}
	db.SetNow(c.now)
	return &fixture{DB: db, svc: service.New(service.Config{Store: db, Now: c.now})}, c
}

// epoch is when every test clock starts.
var epoch = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func wantCode(t *testing.T, err error, code, text string) {
	t.Helper()
	if linkvet.ErrorCode(err) != code || !strings.Contains(linkvet.ErrorMessage(err), text) {
		t.Fatalf("error %v (code %s), want %s saying %q", err, linkvet.ErrorCode(err), code, text)
	}
}

// TestFollowUpLifeCycle follows one accepted invitation: upcoming, due,
// overdue, done, then silent, and a second one closed by a reply.
func TestFollowUpLifeCycle(t *testing.T) {
	ctx := context.Background()
	db, c := openClocked(t)
	p := policy.Default()
	ids, err := db.PutInvitations(ctx, []linkvet.Invitation{
		{ID: "a", Person: linkvet.Person{Name: "Alex Kim", ProfileURL: "https://www.linkedin.com/in/alex-kim"}, Shared: linkvet.Shared{Groups: []string{"Kafka Users Berlin"}}},
		{ID: "b", Person: linkvet.Person{Name: "Bo Lin", ProfileURL: "https://www.linkedin.com/in/bo-lin"}},
	})
	if err != nil || len(ids) != 2 {
		t.Fatalf("put: %v %v", ids, err)
	}
	// No follow-up is owed before accepting.
	_, err = recordOutreach(db, ctx, "a", outreach.EventFollowUpDone, "")
	wantCode(t, err, linkvet.ECONFLICT, "you have not accepted invitation a")

	for _, id := range ids {
		if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: id, Action: linkvet.Accept}); err != nil {
			t.Fatal(err)
		}
	}
	status := func(id string) outreach.FollowUp {
		t.Helper()
		s, err := db.OutreachState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range outreach.FollowUps(s, p, linkvet.Me{Name: "Dana Weber"}, c.t) {
			if f.InvitationID == id {
				return f
			}
		}
		t.Fatalf("no follow-up for %s", id)
		return outreach.FollowUp{}
	}
	steps := []struct {
		advance time.Duration
		want    outreach.FollowUpStatus
	}{{0, outreach.FollowUpUpcoming}, {c.days(3), outreach.FollowUpDue}, {c.days(3), outreach.FollowUpOverdue}}
	for _, st := range steps {
		c.advance(st.advance)
		if f := status("a"); f.Status != st.want {
			t.Fatalf("at %v: %s, want %s", c.t, f.Status, st.want)
		} else if f.Draft == "" {
			t.Fatalf("at %v: no draft for an open follow-up", c.t)
		}
	}
	ev, err := recordOutreach(db, ctx, "a", outreach.EventFollowUpDone, "asked about the meetup")
	if err != nil || ev.ID == 0 || !ev.At.Equal(c.t) {
		t.Fatalf("done: %+v %v", ev, err)
	}
	_, err = recordOutreach(db, ctx, "a", outreach.EventFollowUpDone, "")
	wantCode(t, err, linkvet.ECONFLICT, "already marked done")
	if f := status("a"); f.Status != outreach.FollowUpDone || f.Draft != "" {
		t.Fatalf("after done: %+v", f)
	}
	c.advance(c.days(7))
	if f := status("a"); f.Status != outreach.FollowUpSilent || !f.SuggestRemove {
		t.Fatalf("a week of silence: %+v", f)
	}

	// Bo writes back: an imported message closes the follow-up.
	_, err = db.Import(ctx, &linkvet.Export{Messages: []linkvet.Message{
		{From: "Bo Lin", FromURL: "https://linkedin.com/in/bo-lin", To: "Dana Weber", At: c.t.Add(-time.Hour), Content: "Thanks for connecting!"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if f := status("b"); f.Status != outreach.FollowUpReplied {
		t.Fatalf("after a reply: %+v", f)
	}
	events, err := db.OutreachEvents(ctx, "a")
	if err != nil || len(events) != 1 || events[0].Note != "asked about the meetup" {
		t.Fatalf("events of a: %+v %v", events, err)
	}
}

// TestOutgoingLifeCycle records a sent invitation, refuses what LinkedIn
// would not allow, withdraws it and sends it again after three weeks.
func TestOutgoingLifeCycle(t *testing.T) {
	ctx := context.Background()
	db, c := openClocked(t)
	inv := linkvet.Invitation{Person: linkvet.Person{Name: "Ines Duarte", ProfileURL: "https://www.linkedin.com/in/ines-duarte"}, Message: "Hi Ines"}
	id, err := recordSent(db, ctx, inv)
	if err != nil {
		t.Fatal(err)
	}
	si, err := db.Invitation(ctx, id)
	if err != nil || si.Invitation.Direction != linkvet.Outgoing || !si.Invitation.SentAt.Equal(epoch) {
		t.Fatalf("stored %+v %v, want outgoing sent at the store's now", si, err)
	}
	_, err = recordSent(db, ctx, inv)
	wantCode(t, err, linkvet.ECONFLICT, "still pending")

	incoming := linkvet.Invitation{ID: "in-1", Person: linkvet.Person{Name: "Someone"}}
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{incoming}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ev   outreach.Event
		code string
		text string
	}{
		{outreach.Event{InvitationID: "in-1", Kind: outreach.EventWithdrawn}, linkvet.EINVALID, "was sent to you"},
		{outreach.Event{InvitationID: id, Kind: outreach.EventFollowUpDone}, linkvet.EINVALID, "one you sent"},
		{outreach.Event{InvitationID: "nobody", Kind: outreach.EventWithdrawn}, linkvet.ENOTFOUND, "nobody"},
		{outreach.Event{InvitationID: id, Kind: "maybe"}, linkvet.EINVALID, `"maybe" is not one of`},
		{outreach.Event{InvitationID: id, Kind: outreach.EventDeclined, Note: "\xff"}, linkvet.EINVALID, "UTF-8"},
		{outreach.Event{InvitationID: id, Kind: outreach.EventDeclined, Note: strings.Repeat("x", 10_001)}, linkvet.ELIMIT, "bytes"},
	} {
		_, err := recordOutreach(db, ctx, tt.ev.InvitationID, tt.ev.Kind, tt.ev.Note)
		wantCode(t, err, tt.code, tt.text)
	}

	c.advance(c.days(2))
	if _, err := recordOutreach(db, ctx, id, outreach.EventWithdrawn, ""); err != nil {
		t.Fatal(err)
	}
	_, err = recordOutreach(db, ctx, id, outreach.EventDeclined, "")
	wantCode(t, err, linkvet.ECONFLICT, "is withdrawn, not pending")
	c.advance(c.days(20))
	_, err = recordSent(db, ctx, inv)
	wantCode(t, err, linkvet.ECONFLICT, "invite them again from")
	c.advance(c.days(1))
	again, err := recordSent(db, ctx, inv)
	if err != nil || again != id {
		t.Fatalf("sent again: %q %v, want the same invitation %q", again, err, id)
	}
	s, err := db.OutreachState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tr := outreach.Track(s, policy.Default(), c.t)
	if len(tr) != 1 || tr[0].Status != outreach.StatusPending || !tr[0].SentAt.Equal(c.t) {
		t.Fatalf("tracked %+v, want pending since the new sending", tr)
	}
	if r := outreach.Plan(s, policy.Default(), c.t); r.SentThisWeek != 1 {
		t.Errorf("sent this week %d, want 1 (the first sending is 23 days old)", r.SentThisWeek)
	}
	if _, err := recordSent(db, ctx, linkvet.Invitation{Direction: linkvet.Incoming, Person: inv.Person}); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("recording an incoming invitation as sent: %v, want EINVALID", err)
	}
}

// TestReconcileOutgoing: an invitation that leaves the export's pending list
// without its person becoming a connection was declined or ignored.
func TestReconcileOutgoing(t *testing.T) {
	ctx := context.Background()
	db, c := openClocked(t)
	at := func(days int) *time.Time { t := epoch.AddDate(0, 0, days); return &t }
	files := []linkvet.FileSummary{{Name: "Basic_LinkedInDataExport/Invitations.csv", Rows: 3}}
	first := &linkvet.Export{Files: files, Outgoing: []linkvet.Invitation{
		{Person: linkvet.Person{Name: "Gone", ProfileURL: "linkedin.com/in/gone"}, SentAt: at(-20)},
		{Person: linkvet.Person{Name: "Joined", ProfileURL: "linkedin.com/in/joined"}, SentAt: at(-20)},
		{Person: linkvet.Person{Name: "Waiting", ProfileURL: "linkedin.com/in/waiting"}, SentAt: at(-20)},
	}}
	if _, err := db.Import(ctx, first); err != nil {
		t.Fatal(err)
	}
	if n, err := db.svc.Reconcile(ctx, first); err != nil || n != 0 {
		t.Fatalf("reconcile the same export: %d %v, want 0", n, err)
	}
	c.advance(c.days(10))
	later := &linkvet.Export{Files: files,
		Outgoing: []linkvet.Invitation{{Person: linkvet.Person{Name: "Waiting", ProfileURL: "linkedin.com/in/waiting"}, SentAt: at(-20)}},
		Known:    []linkvet.KnownPerson{{Name: "Joined", ProfileURL: "https://www.linkedin.com/in/joined", Sources: []string{"connection"}, Since: epoch.AddDate(0, 0, 5)}},
	}
	// Sent by hand after the export was made: not judged.
	if _, err := recordSent(db, ctx, linkvet.Invitation{Person: linkvet.Person{Name: "Fresh", ProfileURL: "linkedin.com/in/fresh"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, later); err != nil {
		t.Fatal(err)
	}
	without := &linkvet.Export{Known: later.Known}
	if n, err := db.svc.Reconcile(ctx, without); err != nil || n != 0 {
		t.Fatalf("an export without Invitations.csv marked %d (%v)", n, err)
	}
	n, err := db.svc.Reconcile(ctx, later)
	if err != nil || n != 1 {
		t.Fatalf("reconcile: %d %v, want 1 (Gone)", n, err)
	}
	s, err := db.OutreachState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]outreach.Status{}
	for _, tr := range outreach.Track(s, policy.Default(), c.t) {
		got[tr.Person.Name] = tr.Status
	}
	want := map[string]outreach.Status{"Gone": outreach.StatusIgnored, "Joined": outreach.StatusAccepted, "Waiting": outreach.StatusPending, "Fresh": outreach.StatusPending}
	for name, st := range want {
		if got[name] != st {
			t.Errorf("%s: %s, want %s", name, got[name], st)
		}
	}
	if n, err := db.svc.Reconcile(ctx, later); err != nil || n != 0 {
		t.Errorf("reconciling again marked %d more (%v)", n, err)
	}
}

func TestOutreachEventsAreAppendOnly(t *testing.T) {
	ctx := context.Background()
	db, _ := openClocked(t)
	id, err := recordSent(db, ctx, linkvet.Invitation{Person: linkvet.Person{Name: "X", ProfileURL: "linkedin.com/in/x"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OutreachEvents(ctx, "nobody"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("events of an unknown invitation: %v, want ENOTFOUND", err)
	}
	all, err := db.OutreachEvents(ctx, "")
	if err != nil || len(all) != 1 || all[0].InvitationID != id || all[0].Kind != outreach.EventSent {
		t.Fatalf("all events %+v %v", all, err)
	}
	if v, err := db.SchemaVersion(ctx); err != nil || v < 4 {
		t.Errorf("schema version %d %v, want at least 4", v, err)
	}
}

func recordSent(db *fixture, ctx context.Context, inv linkvet.Invitation) (string, error) {
	s, err := db.svc.RecordSent(ctx, inv)
	return s.ID, err
}

func recordOutreach(db *fixture, ctx context.Context, id string, kind linkvet.OutreachKind, note string) (linkvet.OutreachEvent, error) {
	ev, _, err := db.svc.RecordOutreach(ctx, id, kind, note)
	return ev, err
}
