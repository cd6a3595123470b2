package mail

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares what was read with testdata/golden/NAME.json; with
// -update it writes the file instead (review the diff before committing).
func golden(t *testing.T, name string, res Result) {
	t.Helper()
	got, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "golden", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./mail -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: read differs from %s\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// TestGolden reads every fixture message and compares the records with
// the expected ones: every era (2013 plain text to 2026 HTML), every
// encoding (7bit, quoted-printable, base64, ISO-8859-1), ten languages,
// phishing, LinkedIn's other mail and a mail that cannot be understood.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if len(files) < 15 {
		t.Fatalf("only %d fixtures", len(files))
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".eml")
		t.Run(name, func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			res, err := Read(filepath.Base(path), f)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, name, res)
		})
	}
}

// TestCRLF: a message saved with CRLF line ends (Outlook, Windows tools,
// IMAP itself) reads the same as with LF.
func TestCRLF(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lf, err := Read("m", bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		crlf, err := Read("m", bytes.NewReader(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))))
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(lf)
		c, _ := json.Marshal(crlf)
		// The ids hash the same fields, so whole results compare.
		if !bytes.Equal(a, c) {
			t.Errorf("%s reads differently with CRLF line ends:\n LF %s\nCRLF %s", path, a, c)
		}
	}
}
