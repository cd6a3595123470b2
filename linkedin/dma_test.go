package linkedin

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// TestDMAReadsLikeTheCSVExport: the same tables as a snapshot file (API
// pages one after another), as a folder of snapshot files in other shapes,
// and as CSV files give the same export; only the invitations' source
// differs.
func TestDMAReadsLikeTheCSVExport(t *testing.T) {
	opt := Options{Location: time.UTC}
	want, err := Read(filepath.Join("testdata", "dma", "csv"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Incoming) != 1 || len(want.Outgoing) != 1 || len(want.PastAccepts) != 1 || len(want.Known) != 2 {
		t.Fatalf("the CSV fixture reads as %d incoming, %d outgoing, %d past accepts, %d known",
			len(want.Incoming), len(want.Outgoing), len(want.PastAccepts), len(want.Known))
	}
	for _, p := range []string{"snapshot.json", "folder"} {
		path := filepath.Join("testdata", "dma", p)
		if !IsDMA(path) {
			t.Errorf("%s is not recognised as a snapshot", p)
		}
		got, err := Read(path, opt)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, list := range [][]linkvet.Invitation{got.Incoming, got.Outgoing, got.PastAccepts} {
			for i := range list {
				if list[i].Source != linkvet.SourceDMA {
					t.Errorf("%s: source %q", p, list[i].Source)
				}
				list[i].Source = linkvet.SourceLinkedInExport
			}
		}
		for _, c := range []struct {
			name      string
			got, want any
		}{
			{"me", got.Me, want.Me}, {"known", got.Known, want.Known}, {"incoming", got.Incoming, want.Incoming},
			{"outgoing", got.Outgoing, want.Outgoing}, {"past accepts", got.PastAccepts, want.PastAccepts},
			{"messages", got.Messages, want.Messages}, {"hidden", got.HiddenConnections, want.HiddenConnections},
		} {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s: %s differ:\n got %+v\nwant %+v", p, c.name, c.got, c.want)
			}
		}
		// The bad row is named with its file and line.
		text, _ := os.ReadFile(path)
		if p == "folder" {
			text, _ = os.ReadFile(filepath.Join(path, "profile-and-invitations.json"))
		}
		line := 1 + bytes.Count(text[:bytes.Index(text, []byte("SIDEWAYS"))], []byte("\n"))
		found := false
		for _, f := range got.Files {
			for _, s := range f.Skipped {
				if strings.Contains(s.File, "(INVITATIONS)") && s.Line == line && strings.Contains(s.Reason, "SIDEWAYS") {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: the SIDEWAYS row is not reported at line %d: %+v", p, line, got.Files)
		}
	}
}

func TestDMAErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"paging": {}, "elements": []}`, "no LinkedIn snapshot data found"},
		{`{"MEMBER_SHARE_INFO": [{"Date": "x"}]}`, "no LinkedIn snapshot data found"},
		{"{\"elements\": [\n{\"snapshotDomain\": \"CONNECTIONS\",\n\"snapshotData\": [ {\"URL\": oops} ]}]}", "snap.json:3: not valid JSON"},
	} {
		_, err := ReadDMAFile(strings.NewReader(c.in), "snap.json", Options{})
		var le *linkvet.Error
		if !errors.As(err, &le) || le.Code != linkvet.EINVALID || !strings.Contains(le.Message, c.want) {
			t.Errorf("%s: error %v, want %q", c.in, err, c.want)
		}
	}
	// Connections missing from a snapshot that has invitations.
	e, err := ReadDMAFile(strings.NewReader(`{"INVITATIONS": [{"From": "Kofi Mensah", "To": "Marit Olsen", "Sent At": "2/20/26, 9:12 AM", "Direction": "INCOMING"}]}`),
		"INVITATIONS.json", Options{Location: time.UTC})
	if err != nil || !e.ConnectionsMissing || len(e.Incoming) != 1 {
		t.Errorf("err %v, missing %v, incoming %d", err, e != nil && e.ConnectionsMissing, len(e.Incoming))
	}
}

// FuzzDMA: any bytes give an export or a *linkvet.Error; every problem
// names a line of the file.
func FuzzDMA(f *testing.F) {
	for _, p := range []string{"snapshot.json", "folder/CONNECTIONS.json", "folder/profile-and-invitations.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "dma", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, filepath.Base(p))
	}
	f.Add([]byte(`[{"snapshotDomain":"CONNECTIONS","snapshotData":{"URL":1}}]`), "x.json")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		e, err := ReadDMAFile(bytes.NewReader(data), name, Options{Location: time.UTC})
		if err != nil {
			var le *linkvet.Error
			if !errors.As(err, &le) {
				t.Fatalf("not a linkvet.Error: %v", err)
			}
			return
		}
		lines := 1 + bytes.Count(data, []byte("\n"))
		for _, f := range e.Files {
			for _, s := range f.Skipped {
				if s.Line > lines {
					t.Fatalf("problem at line %d of %d: %+v", s.Line, lines, s)
				}
			}
		}
	})
}
