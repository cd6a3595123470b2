package linkedin

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// writeLargeExport writes an export of the given size in the 2024 format
// for connections and the 2026 one (every field quoted, multi-line HTML
// bodies) for messages.
func writeLargeExport(tb testing.TB, dir string, nConnections, nMessages int) {
	tb.Helper()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	conn := csvFile{header: []string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}, preamble: notesPreamble}
	for i := range nConnections {
		conn.rows = append(conn.rows, []string{fmt.Sprintf("First%d", i), fmt.Sprintf("Last%d", i),
			fmt.Sprintf("https://www.linkedin.com/in/member-%d", i), "", fmt.Sprintf("Company %d", i%500),
			"Software Engineer", base.AddDate(0, 0, -i%3000).Format("02 Jan 2006")})
	}
	msg := csvFile{quoteAll: true, crlf: true, header: []string{"CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
		"RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS", "IS MESSAGE DRAFT"}}
	for i := range nMessages {
		other := i % (nConnections + 1000) // some strangers too
		them := fmt.Sprintf("First%d Last%d", other, other)
		themURL := fmt.Sprintf("https://www.linkedin.com/in/member-%d", other)
		from, fromURL, to, toURL := them, themURL, "Robin Calder", genMe.url()
		if i%3 == 0 {
			from, fromURL, to, toURL = to, toURL, from, fromURL
		}
		content := fmt.Sprintf("Hi, about the project %d: could we talk on Thursday?\nThanks,\n%s", i, from)
		if i%10 == 0 {
			content = "<p>" + content + "</p><p>See you &amp; the team.</p>"
		}
		msg.rows = append(msg.rows, []string{fmt.Sprintf("2-conv-%d", other), "", from, fromURL, to, toURL,
			base.Add(time.Duration(i) * time.Minute).Format("2006-01-02 15:04:05 UTC"), "", content, "INBOX", "", "No"})
	}
	inv := csvFile{header: []string{"From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"}}
	for i := range 2000 {
		other := nConnections - 1000 + i // half accepted, half pending
		inv.rows = append(inv.rows, []string{fmt.Sprintf("First%d Last%d", other, other), "Robin Calder",
			base.Add(time.Duration(i) * time.Hour).Format("1/2/06, 3:04 PM"), "Hello Robin, let us connect.", "INCOMING",
			fmt.Sprintf("https://www.linkedin.com/in/member-%d", other), genMe.url()})
	}
	prof := csvFile{header: []string{"First Name", "Last Name", "Headline"}, rows: [][]string{{"Robin", "Calder", "Platform Engineer"}}}
	for name, f := range map[string]csvFile{"Connections.csv": conn, "messages.csv": msg, "Invitations.csv": inv, "Profile.csv": prof} {
		if err := os.WriteFile(filepath.Join(dir, name), f.render(), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// BenchmarkRead30k100k reads an export of 30,000 connections and 100,000
// messages; the import as a whole has a budget of 0.7 s for this part.
func BenchmarkRead30k100k(b *testing.B) {
	dir := b.TempDir()
	writeLargeExport(b, dir, 30000, 100000)
	b.ReportAllocs()
	for b.Loop() {
		e, err := Read(dir, Options{Location: time.UTC})
		if err != nil {
			b.Fatal(err)
		}
		if len(e.Messages) != 100000 || len(e.Incoming) != 1000 {
			b.Fatalf("read %d messages, %d pending", len(e.Messages), len(e.Incoming))
		}
	}
}

func BenchmarkCSVReader(b *testing.B) {
	dir := b.TempDir()
	writeLargeExport(b, dir, 100, 20000)
	data, err := os.ReadFile(filepath.Join(dir, "messages.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r := newCSVReader(bufioReader(data), ',')
		for {
			if _, _, err := r.next(); err != nil {
				break
			}
		}
	}
}

func bufioReader(b []byte) *bufio.Reader { return bufio.NewReaderSize(bytes.NewReader(b), 64<<10) }

// TestGenerateLargeExport writes the benchmark's export (30,000 connections,
// 100,000 messages) to $LINKVET_GENERATE_EXPORT, for timing the whole
// `linkvet import` by hand (docs/benchmarks.md).
func TestGenerateLargeExport(t *testing.T) {
	dir := os.Getenv("LINKVET_GENERATE_EXPORT")
	if dir == "" {
		t.Skip("set LINKVET_GENERATE_EXPORT=DIR to write the benchmark export")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeLargeExport(t, dir, 30000, 100000)
}
