package linkedin

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

const connectionsHeader = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

type zipEntry struct {
	name string
	data string
	mode fs.FileMode
}

func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHostileArchives(t *testing.T) {
	ok := zipEntry{name: "Connections.csv", data: connectionsHeader + "Ada,Byron,,,,,02 Jan 2024\n"}
	big := zipEntry{name: "messages.csv", data: "FROM,DATE,CONTENT\n" + strings.Repeat("x,2024-01-02 15:04:05 UTC,hello\n", 200)}
	tests := []struct {
		name    string
		zip     []byte
		opt     Options
		code    string
		mention string
	}{
		{"dot-dot path", makeZip(t, ok, zipEntry{name: "../evil.csv", data: "x"}), Options{}, linkvet.EINVALID, `"../evil.csv"`},
		{"dot-dot inside", makeZip(t, zipEntry{name: "export/../../Connections.csv", data: "x"}), Options{}, linkvet.EINVALID, "outside the archive"},
		{"absolute path", makeZip(t, zipEntry{name: "/abs.csv", data: "x"}), Options{}, linkvet.EINVALID, `"/abs.csv"`},
		{"windows absolute path", makeZip(t, zipEntry{name: `C:\abs.csv`, data: "x"}), Options{}, linkvet.EINVALID, "absolute path"},
		{"symbolic link", makeZip(t, ok, zipEntry{name: "Profile.csv", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}), Options{}, linkvet.EINVALID, `"Profile.csv" is a symbolic link`},
		{"too many files", makeZip(t, ok, zipEntry{name: "a.html"}, zipEntry{name: "b.html"}, zipEntry{name: "c.html"}), Options{MaxFiles: 3}, linkvet.ELIMIT, "more than 3 files"},
		{"file over the limit", makeZip(t, ok, big), Options{MaxFileBytes: 1000}, linkvet.ELIMIT, "messages.csv"},
		{"total over the limit", makeZip(t, ok, big), Options{MaxTotalBytes: 2000}, linkvet.ELIMIT, "add up to more than"},
		{"not a zip", []byte("First Name,Last Name\n"), Options{}, linkvet.EINVALID, "not a ZIP archive"},
		{"no export files", makeZip(t, zipEntry{name: "notes.txt", data: "hi"}, zipEntry{name: "a/b/Connections.csv", data: connectionsHeader}), Options{}, linkvet.EINVALID, "no LinkedIn export files found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ReadZip(bytes.NewReader(tt.zip), int64(len(tt.zip)), tt.opt)
			if err == nil {
				t.Fatalf("read %d known people, want an error", len(e.Known))
			}
			if code := linkvet.ErrorCode(err); code != tt.code {
				t.Errorf("code %q (%v), want %q", code, err, tt.code)
			}
			if msg := linkvet.ErrorMessage(err); !strings.Contains(msg, tt.mention) {
				t.Errorf("message %q does not mention %q", msg, tt.mention)
			}
		})
	}
}

// TestSizeCountedWhileReading checks that a file longer than its declared
// size is stopped by the bytes actually read.
func TestSizeCountedWhileReading(t *testing.T) {
	data := connectionsHeader + strings.Repeat("Ada,Byron,,,,,02 Jan 2024\n", 1000)
	lying := entry{name: "Connections.csv", kind: connectionsFile, size: 10,
		open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(data)), nil }}
	for _, opt := range []Options{{MaxFileBytes: 5000}, {MaxTotalBytes: 5000}} {
		_, err := readEntries([]entry{lying}, "the archive", opt.withDefaults())
		if code := linkvet.ErrorCode(err); code != linkvet.ELIMIT || !strings.Contains(err.Error(), "Connections.csv") {
			t.Errorf("%+v: err = %v (%s), want ELIMIT naming Connections.csv", opt, err, code)
		}
	}
}

// TestZipBombRatio reads a small archive that inflates far beyond the
// limit: the declared size stops it before anything is inflated.
func TestZipBombRatio(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("messages.csv")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for range 64 {
		if _, err := w.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = ReadZip(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{MaxTotalBytes: 16 << 20})
	if linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("%d-byte archive of 64 MiB: err = %v, want ELIMIT", buf.Len(), err)
	}
}

func TestFolderSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "secret.csv")
	if err := os.WriteFile(target, []byte(connectionsHeader), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "Connections.csv")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, err := Read(dir, Options{})
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "Connections.csv is a symbolic link") {
		t.Errorf("err = %v, want EINVALID naming the link", err)
	}
}

func TestReadErrorsNamePath(t *testing.T) {
	_, err := Read("testdata/no-such-export.zip", Options{})
	if linkvet.ErrorCode(err) != linkvet.ENOTFOUND || !strings.Contains(err.Error(), "no-such-export.zip") {
		t.Errorf("missing file: %v", err)
	}
	notZip := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(notZip, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Read(notZip, Options{})
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.HasPrefix(linkvet.ErrorMessage(err), notZip+": ") {
		t.Errorf("not a zip: %v", err)
	}
	empty := t.TempDir()
	_, err = Read(empty, Options{})
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "no LinkedIn export files found") {
		t.Errorf("empty folder: %v", err)
	}
}

// TestDuplicateFiles checks that when an archive holds two copies of a
// file, the one nearest the top is read and the other is listed as unread.
func TestDuplicateFiles(t *testing.T) {
	z := makeZip(t,
		zipEntry{name: "old/Connections.csv", data: connectionsHeader + "Old,Copy,,,,,02 Jan 2020\n"},
		zipEntry{name: "Connections.csv", data: connectionsHeader + "New,Copy,,,,,02 Jan 2024\n"})
	e, err := ReadZip(bytes.NewReader(z), int64(len(z)), Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Known) != 1 || e.Known[0].Name != "New Copy" {
		t.Errorf("known = %+v, want only New Copy", e.Known)
	}
	if len(e.Files) != 2 || e.Files[1].Name != "old/Connections.csv" || len(e.Files[1].Skipped) != 1 {
		t.Errorf("files = %+v, want old/Connections.csv listed as not read", e.Files)
	}
}

func TestMissingHeader(t *testing.T) {
	z := makeZip(t, zipEntry{name: "Connections.csv", data: "just,some,words\nand,more,words\n"})
	e, err := ReadZip(bytes.NewReader(z), int64(len(z)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Files) != 1 || len(e.Files[0].Skipped) != 1 || !strings.Contains(e.Files[0].Skipped[0].Reason, "no header row") {
		t.Errorf("files = %+v, want a problem about the header", e.Files)
	}
}

// TestLongRowSkipped checks that a row over 1 MiB is skipped and the rows
// after it are read.
func TestLongRowSkipped(t *testing.T) {
	data := connectionsHeader + "Ada,Byron,,,,," + strings.Repeat("x", maxRecordBytes+10) + "\nGrace,Hopper,,,,,02 Jan 2024\n"
	z := makeZip(t, zipEntry{name: "Connections.csv", data: data})
	e, err := ReadZip(bytes.NewReader(z), int64(len(z)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Known) != 1 || e.Known[0].Name != "Grace Hopper" {
		t.Errorf("known = %+v, want Grace Hopper alone", e.Known)
	}
	if s := e.Files[0].Skipped; len(s) != 1 || s[0].Line != 2 || !strings.Contains(s[0].Reason, "longer than 1 MiB") {
		t.Errorf("skipped = %+v, want line 2 too long", s)
	}
}
