package service_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/service"
)

// networkFixture stores an export of made-up people: two connections at
// Harbor Metrics (one quiet since connecting three years ago, one written
// to ten days ago), a connection without any date, two connections both
// named Sam Okafor, and a contact who is not a connection.
func networkFixture(t *testing.T) (*fixture, *clock) {
	t.Helper()
	db, c := openClocked(t)
	conn := []string{"connection"}
	e := &linkvet.Export{
		Me: linkvet.Me{Name: "Dana Weber", Headline: "Data engineer", Companies: []string{"Northwind Rail"}},
		Known: []linkvet.KnownPerson{
			{Name: "Ana Quiet", ProfileURL: "https://www.linkedin.com/in/ana-quiet", Company: "Harbor Metrics", Sources: conn, Since: epoch.AddDate(-3, 0, 0)},
			{Name: "Ben Recent", ProfileURL: "https://www.linkedin.com/in/ben-recent", Company: "Harbor Metrics Ltd", Sources: conn, Since: epoch.AddDate(-4, 0, 0), LastSeen: epoch.AddDate(0, 0, -10)},
			{Name: "Cy Undated", ProfileURL: "https://www.linkedin.com/in/cy-undated", Company: "Harbormetricsware", Sources: conn},
			{Name: "Sam Okafor", ProfileURL: "https://www.linkedin.com/in/sam-okafor-1", Sources: conn, Since: epoch.AddDate(0, -1, 0)},
			{Name: "Sam Okafor", ProfileURL: "https://www.linkedin.com/in/sam-okafor-2", Sources: conn, Since: epoch.AddDate(0, -2, 0)},
			{Name: "Dee Contact", Email: "dee@example.com", Company: "Harbor Metrics", Sources: []string{"contact"}, Since: epoch.AddDate(-5, 0, 0)},
		},
		HiddenConnections: 2,
	}
	if _, err := db.Import(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	return db, c
}

func names(people []linkvet.KnownPerson) []string {
	var out []string
	for _, k := range people {
		out = append(out, k.Name)
	}
	return out
}

func staleNames(list []outreach.StaleConnection) []string {
	var out []string
	for _, st := range list {
		out = append(out, st.Person.Name)
	}
	return out
}

// TestNetworkUseCasesAtServiceClock: the summary and the stale list are
// worked out at the service's clock, not the machine's, and StaleConnections
// is exactly the summary's list.
func TestNetworkUseCasesAtServiceClock(t *testing.T) {
	ctx := context.Background()
	db, c := networkFixture(t)
	n, err := db.svc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n.Connections != 7 || n.Hidden != 2 || n.Undated != 1 || n.Cap != outreach.ConnectionCap || n.Left != outreach.ConnectionCap-7 {
		t.Errorf("summary: %+v", n)
	}
	if got := staleNames(n.Stale); !slices.Equal(got, []string{"Ana Quiet"}) {
		t.Errorf("stale at the start: %v, want Ana Quiet only", got)
	}
	stale, err := db.svc.StaleConnections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := mustJSON(t, stale), mustJSON(t, n.Stale); a != b {
		t.Errorf("StaleConnections and Network disagree:\n%s\n%s", a, b)
	}

	// Two years on (the service's clock, not time.Now), Ben and both Sams
	// have gone quiet too.
	c.advance(c.days(2 * 365))
	n, err = db.svc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Ana Quiet", "Sam Okafor", "Sam Okafor", "Ben Recent"} // quietest first
	if got := staleNames(n.Stale); !slices.Equal(got, want) {
		t.Errorf("stale two years on: %v, want %v", got, want)
	}
	stale, err = db.svc.StaleConnections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := staleNames(stale); !slices.Equal(got, want) {
		t.Errorf("StaleConnections two years on: %v, want %v", got, want)
	}
	if q := stale[0].QuietDays; q != int(c.t.Sub(epoch.AddDate(-3, 0, 0))/(24*time.Hour)) {
		t.Errorf("Ana quiet for %d days", q)
	}
}

func TestPeopleAt(t *testing.T) {
	ctx := context.Background()
	db, _ := networkFixture(t)
	for _, tc := range []struct {
		company string
		want    []string
	}{
		{"Harbor Metrics", []string{"Ana Quiet", "Ben Recent"}}, // not the contact, not Harbormetricsware
		{"HARBOR metrics ltd", []string{"Ben Recent"}},
		{"Metrics", []string{"Ana Quiet", "Ben Recent"}},
		{"Harbor Metric", nil},
		{"", nil},
		{"  ,; ", nil},
	} {
		people, err := db.svc.PeopleAt(ctx, tc.company)
		if err != nil {
			t.Fatal(err)
		}
		got := names(people)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("PeopleAt(%q) = %v, want %v", tc.company, got, tc.want)
		}
	}
}

func TestPeopleNamed(t *testing.T) {
	ctx := context.Background()
	db, _ := networkFixture(t)
	keys, err := db.svc.PeopleNamed(ctx, []string{"https://www.linkedin.com/in/someone-else", "ana QUIET", "dee@example.com", "Nobody Known"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://www.linkedin.com/in/someone-else", service.KnownKey(linkvet.KnownPerson{ProfileURL: "https://www.linkedin.com/in/ana-quiet"}),
		"dee@example.com", "Nobody Known"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %q, want %q", keys, want)
	}
	_, err = db.svc.PeopleNamed(ctx, []string{"Ana Quiet", "sam okafor"})
	wantCode(t, err, linkvet.EINVALID, `"sam okafor" names 2 people you know; use the profile URL`)
	if keys, err := db.svc.PeopleNamed(ctx, nil); err != nil || len(keys) != 0 {
		t.Errorf("no names: %q %v", keys, err)
	}
	// The keys tag the people they name.
	keys, err = db.svc.PeopleNamed(ctx, []string{"Ana Quiet", "https://www.linkedin.com/in/ben-recent"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.svc.Tag(ctx, keys, "prune"); err != nil {
		t.Fatal(err)
	}
	n, err := db.svc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Tags) != 1 || n.Tags[0] != (outreach.TagCount{Tag: "prune", Count: 2}) || n.Untagged != 3 {
		t.Errorf("after tagging two: tags %+v, untagged %d", n.Tags, n.Untagged)
	}
}

func TestCheckProfile(t *testing.T) {
	ctx := context.Background()
	empty, _ := openClocked(t)
	_, err := empty.svc.CheckProfile(ctx)
	wantCode(t, err, linkvet.ENOTFOUND, "no profile is stored yet")

	db, _ := networkFixture(t)
	rep, err := db.svc.CheckProfile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	me, err := db.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	prof := outreach.ProfileFromMe(me)
	if !rep.Partial || rep.Profile.Name != "Dana Weber" || mustJSON(t, rep.Findings) != mustJSON(t, outreach.ProfileFindings(prof, true)) {
		t.Errorf("stored profile's check: %+v", rep)
	}
	// The stored profile has no About text: it is asked about, not missing.
	for _, f := range rep.Findings {
		if f.Field == "about" && f.Severity == outreach.ProfileMissing {
			t.Errorf("partial check reports the About text missing: %+v", f)
		}
	}

	full := service.CheckProfileOf(linkvet.Profile{Name: "Dana Weber", Headline: "Data engineer"})
	if full.Partial || mustJSON(t, full.Findings) != mustJSON(t, outreach.ProfileFindings(full.Profile, false)) {
		t.Errorf("export's check: %+v", full)
	}
}

// TestSentInvitationAndMark: Mark says when a withdrawn person may be
// invited again and when an unanswered follow-up suggests removing the
// connection; SentInvitation reads the same dates back.
func TestSentInvitationAndMark(t *testing.T) {
	ctx := context.Background()
	db, c := openClocked(t)
	sent, err := db.svc.RecordSent(ctx, linkvet.Invitation{Person: linkvet.Person{Name: "Lea Made-Up", ProfileURL: "https://www.linkedin.com/in/lea-made-up"}})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := db.svc.SentInvitation(ctx, sent.ID)
	if err != nil || tr.Status != outreach.StatusPending {
		t.Fatalf("just sent: %+v %v", tr, err)
	}
	c.advance(c.days(40))
	tr, err = db.svc.SentInvitation(ctx, sent.ID)
	if err != nil || tr.AgeDays != 40 || !tr.SuggestWithdraw {
		t.Fatalf("40 days on (service clock): %+v %v", tr, err)
	}
	m, err := db.svc.Mark(ctx, sent.ID, outreach.EventWithdrawn, "no answer")
	if err != nil {
		t.Fatal(err)
	}
	if want := c.t.Add(c.days(21)); !m.ReinviteAt.Equal(want) || !m.RemoveAfter.IsZero() || m.Event.Kind != outreach.EventWithdrawn {
		t.Errorf("marked withdrawn: %+v, want reinvite at %s", m, want)
	}
	tr, err = db.svc.SentInvitation(ctx, sent.ID)
	if err != nil || tr.Status != outreach.StatusWithdrawn || !tr.ReinviteAt.Equal(m.ReinviteAt) || tr.Comment != "no answer" {
		t.Errorf("after withdrawing: %+v %v", tr, err)
	}
	_, err = db.svc.SentInvitation(ctx, "no-such-id")
	wantCode(t, err, linkvet.ENOTFOUND, "no invitation you sent")

	// An incoming invitation is not one the user sent; its follow-up is
	// marked with the date to give up on an answer.
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "in-1", Person: linkvet.Person{Name: "Ola Made-Up", ProfileURL: "https://www.linkedin.com/in/ola-made-up"}}}); err != nil {
		t.Fatal(err)
	}
	_, err = db.svc.SentInvitation(ctx, "in-1")
	wantCode(t, err, linkvet.ENOTFOUND, "no invitation you sent")
	if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "in-1", Action: linkvet.Accept}); err != nil {
		t.Fatal(err)
	}
	m, err = db.svc.Mark(ctx, "in-1", outreach.EventFollowUpDone, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := m.Event.At.Add(c.days(7)); !m.RemoveAfter.Equal(want) || !m.ReinviteAt.IsZero() {
		t.Errorf("follow-up marked: %+v, want remove after %s", m, want)
	}
	_, err = db.svc.Mark(ctx, "in-1", outreach.EventFollowUpDone, "")
	wantCode(t, err, linkvet.ECONFLICT, "already marked done")
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
