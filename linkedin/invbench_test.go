package linkedin

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// writeNetworkerExport writes the export of a heavy networker: an
// Invitations.csv of n rows with the shape of real ones (about 96%
// outgoing, one note in twenty, profile URLs only on rows sent since
// late 2023 when LinkedIn added the columns), and a Connections.csv in
// which about half of the outgoing invitations were accepted.
func writeNetworkerExport(tb testing.TB, dir string, n int) {
	tb.Helper()
	if err := os.WriteFile(filepath.Join(dir, "Invitations.csv"), networkerInvitations(n), 0o644); err != nil {
		tb.Fatal(err)
	}
	conn := csvFile{header: []string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}, preamble: notesPreamble}
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i += 2 {
		at := base.Add(-time.Duration(i) * 37 * time.Minute)
		url := ""
		if at.After(urlColumnsSince) {
			url = "https://www.linkedin.com/in/peer-" + strconv.Itoa(i)
		}
		conn.rows = append(conn.rows, []string{"Peer", strconv.Itoa(i), url, "", "Company " + strconv.Itoa(i%300), "Engineer", at.Format("02 Jan 2006")})
	}
	if err := os.WriteFile(filepath.Join(dir, "Connections.csv"), conn.render(), 0o644); err != nil {
		tb.Fatal(err)
	}
	prof := csvFile{header: []string{"First Name", "Last Name", "Headline"}, rows: [][]string{{"Robin", "Calder", "Platform Engineer"}}}
	if err := os.WriteFile(filepath.Join(dir, "Profile.csv"), prof.render(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// urlColumnsSince is when Invitations.csv began to carry profile URLs.
var urlColumnsSince = time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC)

func networkerInvitations(n int) []byte {
	inv := csvFile{header: []string{"From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"}}
	base := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	me, meURL := "Robin Calder", genMe.url()
	for i := range n {
		at := base.Add(-time.Duration(i) * 37 * time.Minute)
		other := "Peer " + strconv.Itoa(i)
		otherURL := ""
		myURL := ""
		if at.After(urlColumnsSince) {
			otherURL = "https://www.linkedin.com/in/peer-" + strconv.Itoa(i)
			myURL = meURL
		}
		note := ""
		if i%20 == 7 {
			note = fmt.Sprintf("Hi, we met at the meetup %d, glad to stay in touch.", i%40)
		}
		row := []string{me, other, at.Format("1/2/06, 3:04 PM"), note, "OUTGOING", myURL, otherURL}
		if i%25 == 3 {
			row = []string{other, me, at.Format("1/2/06, 3:04 PM"), note, "INCOMING", otherURL, myURL}
		}
		inv.rows = append(inv.rows, row)
	}
	return inv.render()
}

// BenchmarkReadInvitations reads a networker's export at 1k to 64k
// invitation rows: the time per row must stay flat (linear growth).
func BenchmarkReadInvitations(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000, 64000} {
		b.Run(strconv.Itoa(n/1000)+"k", func(b *testing.B) {
			dir := b.TempDir()
			writeNetworkerExport(b, dir, n)
			b.ReportAllocs()
			for b.Loop() {
				e, err := Read(dir, Options{Location: time.UTC})
				if err != nil {
					b.Fatal(err)
				}
				if len(e.Outgoing) == 0 {
					b.Fatal("no pending outgoing invitations")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
		})
	}
}

// TestGenerateNetworkerExport writes a networker's export of
// $LINKVET_GENERATE_ROWS invitation rows (default 5,498) to
// $LINKVET_GENERATE_NETWORKER, for timing `linkvet import` by hand.
func TestGenerateNetworkerExport(t *testing.T) {
	dir := os.Getenv("LINKVET_GENERATE_NETWORKER")
	if dir == "" {
		t.Skip("set LINKVET_GENERATE_NETWORKER=DIR to write a networker's export")
	}
	n := 5498
	if s := os.Getenv("LINKVET_GENERATE_ROWS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeNetworkerExport(t, dir, n)
}
