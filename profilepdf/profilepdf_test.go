package profilepdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestGolden reads every fixture PDF (made by internal/gen from made-up
// people) and compares it with the record the generator wrote from the
// same data.
func TestGolden(t *testing.T) {
	pdfs, _ := filepath.Glob("testdata/*.pdf")
	if len(pdfs) < 6 {
		t.Fatalf("want at least 6 fixtures, found %d", len(pdfs))
	}
	for _, path := range pdfs {
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		t.Run(name, func(t *testing.T) {
			got, problems := readFile(t, path)
			for _, p := range problems {
				t.Errorf("problem: page %d: %s", p.Line, p.Reason)
			}
			wantJSON, err := os.ReadFile(strings.TrimSuffix(path, ".pdf") + ".json")
			if err != nil {
				t.Fatal(err)
			}
			var want linkvet.Person
			if err := json.Unmarshal(wantJSON, &want); err != nil {
				t.Fatal(err)
			}
			g, _ := json.MarshalIndent(got, "", "  ")
			w, _ := json.MarshalIndent(want, "", "  ")
			if !bytes.Equal(g, w) {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}

func readFile(t testing.TB, path string) (linkvet.Person, []linkvet.Problem) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, problems, err := Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return p, problems
}
