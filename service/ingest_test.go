package service_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/read"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

var ingestNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

const (
	rosalindURL = "https://www.linkedin.com/in/rosalind-okafor-brennan-3f9a2c71"
	tobiasURL   = "https://www.linkedin.com/in/tobias-lindqvist-7c1d"
	profilePDF  = "../profilepdf/testdata/en-2col-grouped.pdf" // Rosalind's
)

func newIngest(t *testing.T) (*sqlite.DB, *service.Service) { return newIngestB(t) }

func newIngestB(t testing.TB) (*sqlite.DB, *service.Service) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, service.New(service.Config{Store: db, Now: func() time.Time { return ingestNow }})
}

func records(res read.Result) []service.IngestRecord {
	out := make([]service.IngestRecord, len(res.Records))
	for i, inv := range res.Records {
		out[i].Invitation = inv
		for _, r := range res.RawOf(i) {
			out[i].Raw = append(out[i].Raw, service.RawInput{Place: r.Place, Data: r.Data})
		}
	}
	return out
}

func ingestFile(t *testing.T, svc *service.Service, path string) (read.Result, service.Ingested) {
	t.Helper()
	res, err := read.ReadPath(path, nil, read.Options{Now: ingestNow})
	if err != nil {
		t.Fatal(err)
	}
	got, err := svc.Ingest(context.Background(), records(res), service.IngestOptions{})
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return res, got
}

func importExport(t *testing.T, svc *service.Service, dir string) {
	t.Helper()
	_, err := svc.Import(context.Background(), func(o linkedin.Options) (*linkvet.Export, error) { return linkedin.Read(dir, o) },
		linkedin.Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
}

func byURL(t *testing.T, db *sqlite.DB, url string) linkvet.StoredInvitation {
	t.Helper()
	all, _, err := db.Invitations(context.Background(), linkvet.InvitationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, si := range all {
		if si.Invitation.Person.ProfileURL == url {
			return si
		}
	}
	t.Fatalf("no invitation from %s", url)
	return linkvet.StoredInvitation{}
}

// TestIngestEndToEnd: an export, then e-mails, then a pasted Invitation
// Manager and a profile PDF for the same two people end in one enriched
// invitation each, whose verdict uses what was added; importing the same
// mail again changes nothing.
func TestIngestEndToEnd(t *testing.T) {
	ctx := context.Background()
	db, svc := newIngest(t)
	importExport(t, svc, "testdata/ingest/export")
	before := byURL(t, db, rosalindURL)
	beforeTobias := byURL(t, db, tobiasURL)
	if before.Verdict == nil || len(service.NeedsDetails(&before.Invitation, before.Verdict)) == 0 {
		t.Fatalf("a name from the export should need details: %+v", before.Verdict)
	}

	_, got := ingestFile(t, svc, "testdata/ingest/tobias.eml")
	if got.Enriched != 1 || got.Added != 0 || got.Items[0].MatchedBy != "profile URL" {
		t.Fatalf("mail: %+v", got)
	}
	res, got := ingestFile(t, svc, "testdata/ingest/phish.eml")
	if len(res.Phishing) != 1 || len(got.Items) != 0 {
		t.Fatalf("phishing: %d findings, %d items", len(res.Phishing), len(got.Items))
	}

	paste, err := os.ReadFile("testdata/ingest/manager.txt")
	if err != nil {
		t.Fatal(err)
	}
	pres, err := read.Read("manager.txt", strings.NewReader(string(paste)), read.Options{Now: ingestNow})
	if err != nil {
		t.Fatal(err)
	}
	got, err = svc.Ingest(ctx, records(pres), service.IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Added != 0 || got.Enriched != 2 {
		t.Fatalf("paste: %+v", got)
	}
	_, got = ingestFile(t, svc, profilePDF)
	if got.Enriched != 1 || got.Items[0].MatchedBy != "profile URL" {
		t.Fatalf("pdf: %+v", got)
	}

	all, n, err := db.Invitations(ctx, linkvet.InvitationFilter{})
	if err != nil || n != 2 {
		t.Fatalf("%d invitations stored, want 2 (%v)", n, err)
	}
	_ = all
	items, err := inboxItems(svc, ctx, service.InboxFilter{})
	if err != nil || len(items) != 2 {
		t.Fatalf("inbox %d, %v", len(items), err)
	}

	r := byURL(t, db, rosalindURL)
	ri := r.Invitation
	if ri.MutualConnections == nil || *ri.MutualConnections != 15 || !slices.Contains(ri.MutualNames, "Pádraig Moloney") {
		t.Errorf("Rosalind's mutual connections from the paste: %v %v", ri.MutualConnections, ri.MutualNames)
	}
	if !strings.HasPrefix(ri.Person.Headline, "Staff Data Engineer at Quillfeather") || len(ri.Person.Experience) < 3 || ri.Person.About == "" {
		t.Errorf("Rosalind's profile from the PDF: %+v", ri.Person)
	}
	for _, via := range []string{linkvet.SourceLinkedInExport, linkvet.SourcePaste, linkvet.SourcePDF} {
		if !slices.Contains(ri.ReceivedVia, via) {
			t.Errorf("Rosalind received via %v, lacks %s", ri.ReceivedVia, via)
		}
	}
	if ri.Source != linkvet.SourceLinkedInExport || ri.ID != before.Invitation.ID {
		t.Errorf("the stored id and source stay: %s %s", ri.ID, ri.Source)
	}
	// The verdict uses the added facts: it was an ignore on a bare name.
	v := r.Verdict
	if v == nil || v.Action == linkvet.Ignore || v.Confidence <= before.Verdict.Confidence {
		t.Errorf("Rosalind's verdict did not move: before %+v, after %+v", before.Verdict, v)
	}
	if !mentions(v, "Quillfeather") {
		t.Errorf("Rosalind's verdict does not use her experience: %+v", v.Reasons)
	}
	if len(service.NeedsDetails(&ri, v)) != 0 && len(v.Missing) == 0 {
		t.Errorf("Rosalind still needs details")
	}

	ti := byURL(t, db, tobiasURL)
	tv := ti.Invitation
	if tv.AcceptURL == "" || !strings.Contains(tv.AcceptURL, "invite-accept") {
		t.Errorf("Tobias's Accept link is kept: %q", tv.AcceptURL)
	}
	if strings.Contains(tv.Message, "see more") || !strings.Contains(tv.Message, "Flink migration") {
		t.Errorf("Tobias's whole note from the mail: %q", tv.Message)
	}
	if tv.MutualConnections == nil || *tv.MutualConnections != 4 || !slices.Contains(tv.MutualNames, "Orla Given") {
		t.Errorf("Tobias's mutuals: %v %v", tv.MutualConnections, tv.MutualNames)
	}
	if !mentions(ti.Verdict, "Orla Given") || ti.Verdict.Score <= beforeTobias.Verdict.Score {
		t.Errorf("Tobias's verdict does not use the mutual connection: %+v", ti.Verdict)
	}

	// The raw inputs are kept with each record, once.
	raws, err := db.RawInputs(ctx, tv.ID)
	if err != nil {
		t.Fatal(err)
	}
	channels := map[string]int{}
	for _, r := range raws {
		channels[r.Channel]++
		if len(r.Data) == 0 || r.Place == "" {
			t.Errorf("raw input without data or place: %+v", r)
		}
	}
	if channels[linkvet.SourceEmail] != 1 || channels[linkvet.SourcePaste] != 1 {
		t.Errorf("Tobias's raw inputs by channel: %v", channels)
	}
	rraws, err := db.RawInputs(ctx, ri.ID)
	if err != nil || len(rraws) != 2 || !strings.HasPrefix(string(rraws[1].Data), "%PDF-") {
		t.Errorf("Rosalind's raw inputs: %d, %v", len(rraws), err)
	}

	// The same mail twice changes nothing.
	_, again := ingestFile(t, svc, "testdata/ingest/tobias.eml")
	if again.Unchanged != 1 || again.Enriched+again.Added != 0 || again.Items[0].RawKept != 0 {
		t.Errorf("second import of the same mail: %+v", again)
	}
	if raws2, _ := db.RawInputs(ctx, tv.ID); len(raws2) != len(raws) {
		t.Errorf("raw inputs grew from %d to %d", len(raws), len(raws2))
	}
	if after := byURL(t, db, tobiasURL); !after.AddedAt.Equal(ti.AddedAt) || after.Invitation.Message != tv.Message {
		t.Errorf("the second import changed Tobias")
	}
}

func mentions(v *linkvet.Verdict, s string) bool {
	if v == nil {
		return false
	}
	for _, r := range v.Reasons {
		if strings.Contains(r.Detail, s) {
			return true
		}
	}
	return false
}

// TestIngestKeepsWhatTheUserDecided: a decided invitation learns new facts
// but keeps its decision; a known field keeps its value.
func TestIngestKeepsWhatTheUserDecided(t *testing.T) {
	ctx := context.Background()
	db, svc := newIngest(t)
	if _, err := svc.Add(ctx, []linkvet.Invitation{{Person: linkvet.Person{Name: "Tobias Lindqvist", ProfileURL: tobiasURL, Headline: "Flink person"}, Label: ""}}); err != nil {
		t.Fatal(err)
	}
	id := byURL(t, db, tobiasURL).Invitation.ID
	if _, err := svc.Decide(ctx, id, linkvet.Accept, "met him"); err != nil {
		t.Fatal(err)
	}
	_, got := ingestFile(t, svc, "testdata/ingest/tobias.eml")
	if got.Enriched != 1 {
		t.Fatalf("%+v", got)
	}
	si := byURL(t, db, tobiasURL)
	if d := linkvet.Standing(si.Decision); d == nil || d.Action != linkvet.Accept || d.Note != "met him" {
		t.Errorf("decision changed: %+v", si.Decision)
	}
	if si.Invitation.Person.Headline != "Flink person" || si.Invitation.AcceptURL == "" {
		t.Errorf("headline %q overwritten or Accept link lost", si.Invitation.Person.Headline)
	}
	// A profile only enriches a pending invitation: this one is decided.
	res := read.Result{Records: []linkvet.Invitation{{Person: linkvet.Person{Name: "Tobias Lindqvist", About: "x"}, Source: linkvet.SourcePDF}}}
	got, err := svc.Ingest(ctx, records(res), service.IngestOptions{})
	if err != nil || got.Unmatched != 1 {
		t.Errorf("profile for a decided invitation: %+v, %v", got, err)
	}
}

// TestIngestMatching: how records find stored invitations.
func TestIngestMatching(t *testing.T) {
	ctx := context.Background()
	day := func(d int) *time.Time { t := time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC); return &t }
	later := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		rec     linkvet.Invitation
		target  string
		want    service.Outcome
		by      string
		errCode string
	}{
		{"profile URL, other spelling", linkvet.Invitation{SentAt: day(3), Person: linkvet.Person{Name: "Other Name", ProfileURL: "linkedin.com/in/Ana-Made-Up/"}, MutualConnections: ptr(3)}, "", service.Enriched, "profile URL", ""},
		{"e-mail", linkvet.Invitation{SentAt: day(3), Person: linkvet.Person{Name: "B", Emails: []string{"Ben@Example.org"}}, Message: "hello"}, "", service.Enriched, "e-mail", ""},
		{"name and close time", linkvet.Invitation{SentAt: day(12), Person: linkvet.Person{Name: "CEM made-up"}, MutualConnections: ptr(2)}, "", service.Enriched, "name and time", ""},
		{"name far in time is someone else", linkvet.Invitation{SentAt: &later, Person: linkvet.Person{Name: "Cem Made-Up"}, MutualConnections: ptr(2)}, "", service.Added, "", ""},
		{"same name, other profile", linkvet.Invitation{SentAt: day(2), Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up-2"}, Message: "hi"}, "", service.Added, "", ""},
		{"profile by name", linkvet.Invitation{Person: linkvet.Person{Name: "Cem Made-Up", Headline: "Baker"}}, "", service.Enriched, "name", ""},
		{"profile of nobody pending", linkvet.Invitation{Person: linkvet.Person{Name: "Dee Made-Up", Headline: "Baker"}}, "", service.Unmatched, "", ""},
		{"profile named by id", linkvet.Invitation{Person: linkvet.Person{Name: "Dee Made-Up", Headline: "Baker"}}, "b", service.Enriched, "id", ""},
		{"unknown id", linkvet.Invitation{Person: linkvet.Person{Name: "Dee Made-Up", Headline: "Baker"}}, "zzz", "", "", linkvet.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, svc := newIngest(t)
			seed := []linkvet.Invitation{
				{ID: "a", SentAt: day(1), Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up"}},
				{ID: "b", SentAt: day(1), Person: linkvet.Person{Name: "Ben Made-Up", Emails: []string{"ben@example.org"}}},
				{ID: "c", SentAt: day(1), Person: linkvet.Person{Name: "Cem Made-Up"}},
			}
			if _, err := svc.Add(ctx, seed); err != nil {
				t.Fatal(err)
			}
			got, err := svc.Ingest(ctx, []service.IngestRecord{{Invitation: tt.rec}}, service.IngestOptions{Target: tt.target})
			if tt.errCode != "" {
				if linkvet.ErrorCode(err) != tt.errCode {
					t.Fatalf("error %v, want %s", err, tt.errCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			it := got.Items[0]
			if it.Outcome != tt.want || it.MatchedBy != tt.by {
				t.Errorf("got %s by %q, want %s by %q", it.Outcome, it.MatchedBy, tt.want, tt.by)
			}
		})
	}
}

// Two pending invitations from people of one name: a profile without a
// link cannot choose, and says which to name.
func TestIngestAmbiguousProfile(t *testing.T) {
	ctx := context.Background()
	_, svc := newIngest(t)
	if _, err := svc.Add(ctx, []linkvet.Invitation{
		{ID: "x", Person: linkvet.Person{Name: "Sam Made-Up", ProfileURL: "https://www.linkedin.com/in/sam-1"}},
		{ID: "y", Person: linkvet.Person{Name: "Sam Made-Up", ProfileURL: "https://www.linkedin.com/in/sam-2"}},
	}); err != nil {
		t.Fatal(err)
	}
	_, err := svc.Ingest(ctx, []service.IngestRecord{{Invitation: linkvet.Invitation{Person: linkvet.Person{Name: "Sam Made-Up", Headline: "Cook"}}}}, service.IngestOptions{})
	if linkvet.ErrorCode(err) != linkvet.ECONFLICT || !strings.Contains(err.Error(), "x, y") {
		t.Errorf("ambiguous profile: %v", err)
	}
}

func TestEnrich(t *testing.T) {
	stored := linkvet.Invitation{ID: "s", Source: "linkedin-export", Message: "Hi Maren, we met at the meetup…see more", Label: linkvet.Accept,
		Person: linkvet.Person{Name: "Tobias", Headline: "Engineer", Skills: []string{"Go"}}}
	next := linkvet.Invitation{ID: "n", Source: "email", ReceivedVia: []string{"email"}, AcceptURL: "https://www.linkedin.com/comm/mynetwork/invite-accept/1",
		Message: "Hi Maren, we met at the meetup in October and I'd like to keep in touch.", Label: linkvet.Block,
		Person: linkvet.Person{Name: "Tobias L.", Headline: "Recruiter", Location: "Dublin", Skills: []string{"go", "Flink"}}}
	m, filled := service.Enrich(stored, next)
	if m.ID != "s" || m.Source != "linkedin-export" || m.Label != linkvet.Accept {
		t.Errorf("id, source and label must stay: %+v", m)
	}
	if m.Person.Name != "Tobias" || m.Person.Headline != "Engineer" {
		t.Errorf("known fields keep their value: %+v", m.Person)
	}
	if m.Person.Location != "Dublin" || m.AcceptURL == "" || !strings.HasSuffix(m.Message, "keep in touch.") {
		t.Errorf("unknown fields filled, cut note completed: %+v", m)
	}
	if !slices.Equal(m.Person.Skills, []string{"Go", "Flink"}) || !slices.Equal(m.ReceivedVia, []string{"linkedin-export", "email"}) {
		t.Errorf("lists united: %v %v", m.Person.Skills, m.ReceivedVia)
	}
	for _, f := range []string{"message", "accept_url", "person.location", "person.skills"} {
		if !slices.Contains(filled, f) {
			t.Errorf("filled %v lacks %s", filled, f)
		}
	}
	if again, filled := service.Enrich(m, next); len(filled) != 0 || again.Message != m.Message {
		t.Errorf("enriching twice fills %v", filled)
	}
}

// TestEnrichFillsEveryUnknownFieldOfARole: one record that knows both when
// a role ended and where it was fills both, and a school's years alike.
func TestEnrichFillsEveryUnknownFieldOfARole(t *testing.T) {
	stored := linkvet.Invitation{Person: linkvet.Person{
		Experience: []linkvet.Position{{Title: "Engineer", Company: "Acme", Start: "2020-01"}},
		Education:  []linkvet.Education{{School: "TU Nowhere", Degree: "MSc"}}}}
	next := linkvet.Invitation{Person: linkvet.Person{
		Experience: []linkvet.Position{{Title: "engineer", Company: "ACME", Start: "2020-01", End: "2023-06", Location: "Lyon"}},
		Education:  []linkvet.Education{{School: "TU Nowhere", Degree: "MSc", Start: "2014", End: "2016"}}}}
	m, _ := service.Enrich(stored, next)
	if p := m.Person.Experience; len(p) != 1 || p[0].End != "2023-06" || p[0].Location != "Lyon" {
		t.Errorf("the role: %+v", p)
	}
	if e := m.Person.Education; len(e) != 1 || e[0].Start != "2014" || e[0].End != "2016" {
		t.Errorf("the school: %+v", e)
	}
}

func ptr(n int) *int { return &n }

// TestIngestAddedKeepsEverything: an invitation first met in an mbox is
// stored whole (the Accept link, received_via), so that reading the same
// mbox again finds nothing to add.
func TestIngestAddedKeepsEverything(t *testing.T) {
	ctx := context.Background()
	db, svc := newIngest(t)
	res, got := ingestFile(t, svc, "../mail/testdata/inbox.mbox")
	if got.Added == 0 || got.Added != len(res.Records) || len(res.Phishing) == 0 {
		t.Fatalf("first read: %+v, %d phishing", got, len(res.Phishing))
	}
	for _, it := range got.Items {
		inv := it.Stored.Invitation
		if inv.AcceptURL == "" || !slices.Equal(inv.ReceivedVia, []string{linkvet.SourceEmail}) || it.RawKept == 0 {
			t.Errorf("%s stored without its Accept link, channel or raw mail: %+v", inv.Person.Name, inv)
		}
	}
	_, again := ingestFile(t, svc, "../mail/testdata/inbox.mbox")
	if again.Unchanged != got.Added || again.Added+again.Enriched != 0 {
		t.Errorf("the same mbox again: %+v", again)
	}
	if _, n, _ := db.Invitations(ctx, linkvet.InvitationFilter{}); n != got.Added {
		t.Errorf("%d invitations stored, want %d", n, got.Added)
	}
}
