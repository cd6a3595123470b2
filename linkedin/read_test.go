package linkedin

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// readBoth reads an era folder directly and as a ZIP, and checks that both
// give the same export.
func readBoth(t *testing.T, dir string, opt Options) *linkvet.Export {
	t.Helper()
	fromDir, err := Read(dir, opt)
	if err != nil {
		t.Fatalf("Read(%s): %v", dir, err)
	}
	var zipped bytes.Buffer
	if err := ZipDir(dir, &zipped); err != nil {
		t.Fatalf("ZipDir(%s): %v", dir, err)
	}
	fromZip, err := ReadZip(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()), opt)
	if err != nil {
		t.Fatalf("ReadZip(%s): %v", dir, err)
	}
	if !reflect.DeepEqual(fromDir, fromZip) {
		t.Errorf("%s: the folder and its ZIP give different exports", dir)
	}
	return fromDir
}

func names(invs []linkvet.Invitation) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, inv.Person.Name)
	}
	return out
}

func knownBy(e *linkvet.Export, name string) *linkvet.KnownPerson {
	for i := range e.Known {
		if e.Known[i].Name == name {
			return &e.Known[i]
		}
	}
	return nil
}

func TestReadEras(t *testing.T) {
	pendingIn := []string{"Nadia Petrova", "Derek Sloane", "Grace Whitmore", "Ethan Cole", "Victoria Lane", "Sam Ortiz"}
	pendingOut := []string{"Ines Duarte", "Paul Novak"}
	tests := []struct {
		dir      string
		files    int
		hidden   int
		known    int
		sources  map[string][]string // known person → sources
		problems []string            // file:line of skipped rows
	}{
		{dir: "export-2018", files: 9, hidden: 2, known: 14, sources: map[string][]string{
			"Priya Raman": {"connection", "contact", "message"},
			"Sam Ortiz":   {"message"},
			"Ben Harlow":  {"contact"},
			"Wei Chen":    {"connection"},
		}},
		{dir: "export-2021", files: 11, hidden: 2, known: 16, sources: map[string][]string{
			"Priya Raman": {"connection", "contact", "endorsement", "message"},
			"Aisha Bello": {"connection", "recommendation", "message"},
			"Greta Holm":  {"endorsement"},
			"Martin Ruiz": {"recommendation"},
		}},
		{dir: "export-2024", files: 11, hidden: 2, known: 16, sources: map[string][]string{
			"Priya Raman":   {"connection", "contact", "endorsement", "message"},
			"Tomasz Wilk":   {"connection", "message"},
			"Hannah Okafor": {"connection"}, // wrote to the user, who never answered
		}},
		{dir: "export-2026", files: 11, hidden: 2, known: 16, sources: map[string][]string{
			"Lucía Márquez": {"connection"},
			"Sam Ortiz":     {"message"},
		}},
		{dir: "quirks", files: 11, hidden: 3, known: 17, sources: map[string][]string{
			"Bad\uFFFDByte Person": {"connection"}, // invalid UTF-8 repaired, row kept
		}, problems: []string{
			"Connections.csv:20", "Connections.csv:21",
			"Invitations.csv:14", "Invitations.csv:15",
			"messages.csv:12", "messages.csv:13", "messages.csv:14",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			e := readBoth(t, filepath.Join("testdata", tt.dir), Options{Location: time.UTC})
			if len(e.Files) != tt.files {
				t.Errorf("files = %d, want %d", len(e.Files), tt.files)
			}
			if e.HiddenConnections != tt.hidden {
				t.Errorf("hidden connections = %d, want %d", e.HiddenConnections, tt.hidden)
			}
			if got := names(e.Incoming); !slices.Equal(got, pendingIn) {
				t.Errorf("pending incoming = %q, want %q", got, pendingIn)
			}
			if got := names(e.Outgoing); !slices.Equal(got, pendingOut) {
				t.Errorf("pending outgoing = %q, want %q", got, pendingOut)
			}
			for _, inv := range append(e.Incoming, e.Outgoing...) {
				want := []string(nil)
				if inv.Person.Name == "Sam Ortiz" {
					want = []string{linkvet.MessagedBefore}
				}
				if !slices.Equal(inv.Interactions, want) {
					t.Errorf("%s: interactions %q, want %q", inv.Person.Name, inv.Interactions, want)
				}
				if inv.Source != Source || !strings.HasPrefix(inv.ID, "li-") || inv.SentAt == nil {
					t.Errorf("%s: source %q id %q sent %v", inv.Person.Name, inv.Source, inv.ID, inv.SentAt)
				}
			}
			if len(e.Known) != tt.known {
				var all []string
				for _, k := range e.Known {
					all = append(all, k.Name)
				}
				t.Errorf("known = %d %q, want %d", len(e.Known), all, tt.known)
			}
			for name, want := range tt.sources {
				k := knownBy(e, name)
				if k == nil {
					t.Errorf("%s is not known", name)
					continue
				}
				if !slices.Equal(k.Sources, want) {
					t.Errorf("%s: sources %q, want %q", name, k.Sources, want)
				}
			}
			for _, notKnown := range []string{"Robin Calder", "Derek Sloane", "Nadia Petrova"} {
				if knownBy(e, notKnown) != nil {
					t.Errorf("%s should not be known", notKnown)
				}
			}
			if p := knownBy(e, "Priya Raman"); p == nil || p.Since.IsZero() || p.LastSeen.IsZero() || p.Email != "priya.raman@example.com" {
				t.Errorf("Priya Raman = %+v, want since, last contact and e-mail", p)
			}
			out := 0
			for _, m := range e.Messages {
				if m.Outgoing {
					out++
				}
			}
			if len(e.Messages) != 10 || out != 4 {
				t.Errorf("messages = %d (%d sent by the user), want 10 (4)", len(e.Messages), out)
			}
			wantMe := linkvet.Me{
				Name: "Robin Calder", Headline: "Platform Engineer at Lumen Freight",
				Industries: []string{"Software Development"},
				Companies:  []string{"Lumen Freight", "Harbor Metrics", "Kestrel Labs"},
				Schools:    []string{"University of Leeds"}, Location: "Leeds, England, United Kingdom",
				Skills: []string{"Go", "Kubernetes", "PostgreSQL", "Terraform", "Distributed Systems"},
			}
			if !reflect.DeepEqual(e.Me, wantMe) {
				t.Errorf("me = %+v, want %+v", e.Me, wantMe)
			}
			var problems []string
			for _, f := range e.Files {
				for _, p := range f.Skipped {
					problems = append(problems, fmt.Sprintf("%s:%d", p.File, p.Line))
				}
			}
			if !slices.Equal(problems, tt.problems) {
				t.Errorf("problems = %q, want %q", problems, tt.problems)
			}
		})
	}
}

func TestReadHTMLAndDrafts(t *testing.T) {
	e, err := Read("testdata/export-2026", Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	var contents []string
	for _, m := range e.Messages {
		contents = append(contents, m.Content)
	}
	for _, want := range []string{"Great, table for eight booked.\nMenu & address to follow.", "Done.\nLeft two comments:\n- naming\n- state \"locking\""} {
		if !slices.Contains(contents, want) {
			t.Errorf("no message %q among %q", want, contents)
		}
	}
	for _, c := range contents {
		if strings.Contains(c, "flaky integration tests") {
			t.Errorf("a draft was read as a message: %q", c)
		}
	}
}

func TestReadLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database")
	}
	inUTC, err := Read("testdata/export-2024", Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	inNY, err := Read("testdata/export-2024", Options{Location: ny})
	if err != nil {
		t.Fatal(err)
	}
	got := *inNY.Incoming[0].SentAt
	if want := time.Date(2024, 1, 8, 9, 14, 0, 0, ny); !got.Equal(want) {
		t.Errorf("Sent At read in New York = %v, want %v", got, want)
	}
	// Message dates carry their zone and do not move.
	if !inUTC.Messages[0].At.Equal(inNY.Messages[0].At) {
		t.Errorf("message time moved with the zone: %v vs %v", inUTC.Messages[0].At, inNY.Messages[0].At)
	}
	// Ids do not depend on the zone, so a re-import elsewhere matches.
	for i := range inUTC.Incoming {
		if inUTC.Incoming[i].ID != inNY.Incoming[i].ID {
			t.Errorf("%s: id %s in UTC, %s in New York", inUTC.Incoming[i].Person.Name, inUTC.Incoming[i].ID, inNY.Incoming[i].ID)
		}
	}
}

func TestProgress(t *testing.T) {
	var files []string
	last := map[string][2]int64{}
	_, err := Read("testdata/export-2024", Options{Location: time.UTC, Progress: func(file string, done, total int64) {
		if !slices.Contains(files, file) {
			files = append(files, file)
		}
		if done > total {
			t.Errorf("%s: done %d > total %d", file, done, total)
		}
		last[file] = [2]int64{done, total}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 11 {
		t.Errorf("progress for %d files, want 11: %q", len(files), files)
	}
	for f, l := range last {
		if l[0] != l[1] {
			t.Errorf("%s: progress ended at %d of %d", f, l[0], l[1])
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := map[string]kind{
		"Connections.csv":                      connectionsFile,
		"CONNECTIONS.CSV":                      connectionsFile,
		"Email Addresses.csv":                  emailAddressesFile,
		"email_addresses.csv":                  emailAddressesFile,
		"Imported Contacts.csv":                importedContactsFile,
		"Endorsement_Received_Info.csv":        endorsementsFile,
		"export/messages.csv":                  messagesFile,
		"Connections.html":                     unknownKind,
		"._Connections.csv":                    unknownKind,
		"Ad_Targeting.csv":                     unknownKind,
		"Recommendations_Received.csv":         recommendationsFile,
		"Basic_LinkedIn_DataExport/Skills.csv": skillsFile,
	}
	for name, want := range tests {
		if got := kindAt(name); got != want {
			t.Errorf("kindAt(%q) = %d, want %d", name, got, want)
		}
	}
	if got := kindAt("a/b/Connections.csv"); got != unknownKind {
		t.Errorf("a file two folders down was recognised")
	}
	if got := kindAt("__MACOSX/Connections.csv"); got != unknownKind {
		t.Errorf("a __MACOSX copy was recognised")
	}
}

func TestParseDates(t *testing.T) {
	p := &dateParser{loc: time.UTC}
	tests := map[string]time.Time{
		"02 Jan 2024":             time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		"2 Jan 2024":              time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		"02-Jan-24":               time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC),
		"1/2/18, 3:04 PM":         time.Date(2018, 1, 2, 15, 4, 0, 0, time.UTC),
		"12/31/18, 11:59 am":      time.Date(2018, 12, 31, 11, 59, 0, 0, time.UTC),
		"1/2/24, 3:04\u202fPM":    time.Date(2024, 1, 2, 15, 4, 0, 0, time.UTC),
		"2024-01-02 15:04:05 UTC": time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC),
		"2024/01/02 15:04:05 UTC": time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC),
	}
	for in, want := range tests {
		got, ok := p.parse(in)
		if !ok || !got.Equal(want) {
			t.Errorf("parse(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "13/45/99", "2024-13-01"} {
		if got, ok := p.parse(bad); ok {
			t.Errorf("parse(%q) = %v, want no date", bad, got)
		}
	}
	for in, want := range map[string]string{"Jan 2021": "2021-01", "March 2019": "2019-03", "2015": "2015", "": "", "soon": ""} {
		if got := parseMonth(in); got != want {
			t.Errorf("parseMonth(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := map[string]string{
		"no markup at all":                          "no markup at all",
		"if a < b then c":                           "if a < b then c",
		"<p>Hi Robin,</p><p>Thanks &amp; bye</p>":   "Hi Robin,\nThanks & bye",
		"line one<br>line two<BR/>three":            "line one\nline two\nthree",
		`<a href="https://x.example">link</a> text`: "link text",
	}
	for in, want := range tests {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConnectedOnIsADate: "Connected On" is a calendar date, the same in
// every zone: midnight UTC of the date written, so that it prints as that
// day and importing again with another zone changes nothing.
func TestConnectedOnIsADate(t *testing.T) {
	dir := t.TempDir()
	conn := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" +
		"Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Engineer,03 Mar 2025\n" +
		"Ben,Moss,https://www.linkedin.com/in/ben-moss,,Acme,Engineer,\"3/4/18, 11:30 PM\"\n"
	if err := os.WriteFile(filepath.Join(dir, "Connections.csv"), []byte(conn), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"Ada Quill": time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC),
		"Ben Moss":  time.Date(2018, 3, 4, 0, 0, 0, 0, time.UTC),
	}
	for _, zone := range []string{"Asia/Tokyo", "America/Los_Angeles", "UTC", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Skipf("no zone data: %v", err)
		}
		e, err := Read(dir, Options{Location: loc})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range e.Known {
			if !k.Since.Equal(want[k.Name]) || k.Since.Location() != time.UTC {
				t.Errorf("%s: %s connected on %v, want %v", zone, k.Name, k.Since, want[k.Name])
			}
		}
	}
}
