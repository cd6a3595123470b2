package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// syntheticInvitations makes n varied pending invitations: peers,
// recruiters, sellers and strangers with notes of different lengths.
func syntheticInvitations(n int) []linkvet.Invitation {
	heads := []string{"Data Engineer at Acme", "Technical Recruiter at Hays", "Business Development | Lead Generation", "CEO | Visionary | 🚀", "Student", ""}
	notes := []string{
		"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to swap notes.",
		"Hi, I'm recruiting for a staff data engineer role in Berlin; happy to share details.",
		"Our platform cuts cloud costs by 40%. Open to a quick call this week?",
		"",
	}
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	out := make([]linkvet.Invitation, n)
	for i := range out {
		sent := base.Add(time.Duration(i) * 17 * time.Minute)
		mutual := (i * 7) % 40
		out[i] = linkvet.Invitation{
			ID:                fmt.Sprintf("gen-%05d", i),
			SentAt:            &sent,
			Message:           notes[i%len(notes)],
			MutualConnections: &mutual,
			Person: linkvet.Person{
				Name:       fmt.Sprintf("Person %d", i),
				ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/person-%d", i),
				Headline:   heads[i%len(heads)],
				Location:   "Berlin, Germany",
			},
		}
	}
	return out
}

// benchEnv serves a store holding n synthetic pending invitations.
func benchEnv(b *testing.B, n int) *testEnv {
	b.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db, Now: DemoNow})
	if err := LoadDemo(ctx, svc); err != nil {
		b.Fatal(err)
	}
	if _, err := db.PutInvitations(ctx, syntheticInvitations(n)); err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{Service: svc, Now: DemoNow})
	if err != nil {
		b.Fatal(err)
	}
	return &testEnv{t: b, db: db, srv: srv, h: srv.Handler()}
}

// BenchmarkInbox1000 renders the inbox with 1,000 pending invitations
// (plus the 26 of the demo), server side: store query, sort, template.
func BenchmarkInbox1000(b *testing.B) {
	e := benchEnv(b, 1000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		w := e.get("/")
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
		size = w.Body.Len()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
	b.ReportMetric(float64(size)/1024, "KiB/page")
}

// BenchmarkAPIScreen measures POST /api/v1/screen over loopback TCP, with
// 100 invitations per request, and reports invitations screened per second.
func BenchmarkAPIScreen(b *testing.B) {
	e := benchEnv(b, 0)
	ts := httptest.NewServer(e.h)
	defer ts.Close()
	body, err := json.Marshal(syntheticInvitations(100))
	if err != nil {
		b.Fatal(err)
	}
	client := ts.Client()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Post(ts.URL+"/api/v1/screen", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
	b.ReportMetric(float64(100*b.N)/b.Elapsed().Seconds(), "invitations/s")
}

// BenchmarkAPIScreenOne is the latency of screening one invitation per
// request over loopback.
func BenchmarkAPIScreenOne(b *testing.B) {
	e := benchEnv(b, 0)
	ts := httptest.NewServer(e.h)
	defer ts.Close()
	body, _ := json.Marshal(syntheticInvitations(1)[0])
	client := ts.Client()
	for b.Loop() {
		resp, err := client.Post(ts.URL+"/api/v1/screen", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}

// TestInboxPages checks that a large queue is paged, the pages together
// holding every waiting invitation once.
func TestInboxPages(t *testing.T) {
	e := newTestEnv(t)
	if _, err := e.db.PutInvitations(context.Background(), syntheticInvitations(InboxPageSize)); err != nil {
		t.Fatal(err)
	}
	if err := e.srv.reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	total := InboxPageSize + 26
	seen := 0
	for page, want := range map[int]int{1: InboxPageSize, 2: total - InboxPageSize, 3: 0} {
		w := e.get(fmt.Sprintf("/?page=%d", page))
		if want == 0 {
			// Past the last page: sent to the last one.
			wantStatus(t, w, http.StatusSeeOther)
			if loc := w.Header().Get("Location"); loc != "/?page=2" {
				t.Errorf("page %d: to %q", page, loc)
			}
			continue
		}
		wantStatus(t, w, http.StatusOK)
		body := w.Body.String()
		if got := strings.Count(body, `<li class="row"`); got != want {
			t.Errorf("page %d: %d rows, want %d", page, got, want)
		}
		seen += want
		if page == 1 && (!strings.Contains(body, `rel="next"`) || !strings.Contains(body, fmt.Sprintf("Showing 1–%d of %d", InboxPageSize, total))) {
			t.Error("page 1 should say where it is and link to the next")
		}
	}
	if seen != total {
		t.Errorf("pages hold %d rows, want %d", seen, total)
	}
}

// BenchmarkNetwork27000 renders the Network page for a user near the cap:
// 27,000 connections, a third of them gone quiet (500 listed), 1,000
// tagged.
func BenchmarkNetwork27000(b *testing.B) {
	e := benchEnv(b, 0)
	ctx := context.Background()
	now := DemoNow()
	known := make([]linkvet.KnownPerson, 27_000)
	for i := range known {
		since := now.AddDate(0, 0, -30-i/10)
		known[i] = linkvet.KnownPerson{
			Name: fmt.Sprintf("Connection %d", i), ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/connection-%d", i),
			Company: []string{"Acme", "Initech", "Harbor Metrics", "Northwind"}[i%4], Position: "Engineer",
			Sources: []string{"connection"}, Since: since,
		}
	}
	if _, err := e.db.Import(ctx, &linkvet.Export{Known: known}); err != nil {
		b.Fatal(err)
	}
	keys := make([]string, 1000)
	for i := range keys {
		keys[i] = sqlite.KnownKey(known[i])
	}
	if err := e.db.Tag(ctx, keys, "colleagues"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		w := e.get("/network")
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "colleagues") {
			b.Fatalf("status %d", w.Code)
		}
		size = w.Body.Len()
	}
	b.ReportMetric(float64(size)/1024, "KiB/page")
}
