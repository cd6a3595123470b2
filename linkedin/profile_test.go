package linkedin

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/linkvet/linkvet"
)

func TestReadProfileEras(t *testing.T) {
	for _, era := range []string{"export-2018", "export-2021", "export-2024", "export-2026"} {
		t.Run(era, func(t *testing.T) {
			p, err := ReadProfile(filepath.Join("testdata", era), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Name != "Robin Calder" || p.Headline == "" || !strings.Contains(p.Summary, "freight software") {
				t.Errorf("profile %+v: want Robin Calder with headline and About text", p)
			}
			if len(p.Positions) == 0 || p.Positions[0].Title == "" || p.Positions[0].End != "" {
				t.Errorf("positions %+v: want the current one first, with its title", p.Positions)
			}
			if len(p.Education) == 0 || len(p.Skills) == 0 {
				t.Errorf("education %v, skills %v: want both", p.Education, p.Skills)
			}
		})
	}
}

func TestReadProfileZipAndErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := ZipDir(filepath.Join("testdata", "export-2024"), &buf); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := ReadProfile(zipPath, Options{})
	if err != nil || p.Name != "Robin Calder" || len(p.Education) != 1 || p.Education[0].Degree != "BSc Computer Science" {
		t.Fatalf("from the ZIP: %+v %v", p, err)
	}
	if _, err := ReadProfile(filepath.Join(t.TempDir(), "none"), Options{}); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("missing path: %v, want ENOTFOUND", err)
	}
	empty := t.TempDir()
	if _, err := ReadProfile(empty, Options{}); linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), empty) {
		t.Errorf("no profile files: %v, want EINVALID naming the folder", err)
	}
	notZip := filepath.Join(t.TempDir(), "x.zip")
	os.WriteFile(notZip, []byte("hello"), 0o600)
	if _, err := ReadProfile(notZip, Options{}); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("not a ZIP: %v, want EINVALID", err)
	}
	big := fstest.MapFS{"Skills.csv": {Data: []byte("Name\n" + strings.Repeat("Go\n", 1000))}}
	if _, err := ReadProfileFS(big, Options{MaxFileBytes: 100}); linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("oversized file: %v, want ELIMIT", err)
	}
}

func FuzzReadProfile(f *testing.F) {
	f.Add([]byte("First Name,Last Name,Headline,Summary\nRobin,Calder,Engineer,\"About\nme\"\n"), []byte("Company Name,Title,Started On,Finished On\nAcme,Dev,Mar 2019,\n"))
	f.Add([]byte("\xff\xfe"), []byte(""))
	f.Fuzz(func(t *testing.T, profile, positions []byte) {
		fsys := fstest.MapFS{"Profile.csv": {Data: profile}, "Positions.csv": {Data: positions}}
		p, err := ReadProfileFS(fsys, Options{})
		if err != nil {
			if linkvet.ErrorCode(err) == linkvet.EINTERNAL {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if p == nil {
			t.Fatal("nil profile without an error")
		}
	})
}

// TestReadProfileHostileArchives holds ReadProfile to the archive rules
// Read follows: a profile import is as guarded as an export import.
func TestReadProfileHostileArchives(t *testing.T) {
	profile := zipEntry{name: "Profile.csv", data: "First Name,Last Name,Headline\nRobin,Calder,Engineer\n"}
	skills := zipEntry{name: "Skills.csv", data: "Name\n" + strings.Repeat("Go\n", 500)}
	tests := []struct {
		name    string
		zip     []byte
		opt     Options
		code    string
		mention string
	}{
		{"dot-dot path", makeZip(t, profile, zipEntry{name: "../Skills.csv", data: "Name\nGo\n"}), Options{}, linkvet.EINVALID, "outside the archive"},
		{"absolute path", makeZip(t, zipEntry{name: "/Profile.csv", data: "x"}), Options{}, linkvet.EINVALID, "absolute path"},
		{"symbolic link", makeZip(t, zipEntry{name: "Profile.csv", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}), Options{}, linkvet.EINVALID, "symbolic link"},
		{"too many files", makeZip(t, profile, zipEntry{name: "a.html"}, zipEntry{name: "b.html"}), Options{MaxFiles: 2}, linkvet.ELIMIT, "more than 2 files"},
		{"file over the limit", makeZip(t, profile, skills), Options{MaxFileBytes: 200}, linkvet.ELIMIT, "Skills.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export.zip")
			if err := os.WriteFile(path, tt.zip, 0o600); err != nil {
				t.Fatal(err)
			}
			p, err := ReadProfile(path, tt.opt)
			if err == nil {
				t.Fatalf("read %+v, want an error", p)
			}
			if code := linkvet.ErrorCode(err); code != tt.code {
				t.Errorf("code %q (%v), want %q", code, err, tt.code)
			}
			if msg := linkvet.ErrorMessage(err); !strings.Contains(msg, tt.mention) || !strings.Contains(msg, path) {
				t.Errorf("message %q does not mention %q and the file", msg, tt.mention)
			}
		})
	}
}
