package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// docBlock is one fenced example of the documentation.
type docBlock struct {
	file, lang, text string
	line             int
}

var fence = regexp.MustCompile("(?s)```(json|yaml)\n(.*?)```")

func docBlocks(t *testing.T) []docBlock {
	t.Helper()
	files, _ := filepath.Glob("../../docs/*.md")
	files = append(files, "../../README.md")
	var out []docBlock
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range fence.FindAllSubmatchIndex(data, -1) {
			out = append(out, docBlock{file: filepath.Base(f), lang: string(data[m[2]:m[3]]), text: string(data[m[4]:m[5]]),
				line: bytes.Count(data[:m[0]], []byte("\n")) + 1})
		}
	}
	return out
}

// TestDocExamples feeds every JSON and YAML example of the documentation
// to the command it documents: an invitation to linkvet screen (or, when
// outgoing, linkvet outreach check), a verdict to the verdict type with no
// unknown field, a policy to linkvet policy use (strict: an unknown key is
// an error).
func TestDocExamples(t *testing.T) {
	blocks := docBlocks(t)
	if len(blocks) == 0 {
		t.Fatal("no examples found in docs/")
	}
	dir := t.TempDir()
	// Screening uses the policy in force when a database exists: point at
	// none, so that the user's own never plays a part.
	t.Setenv("LINKVET_DB", filepath.Join(dir, "none.db"))
	for i, b := range blocks {
		name := b.file + ":" + itoa(b.line)
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, "example-"+itoa(i))
			if err := os.WriteFile(path, []byte(b.text), 0o600); err != nil {
				t.Fatal(err)
			}
			runCLI := func(args ...string) (string, string, error) {
				var out, errb bytes.Buffer
				err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
				return out.String(), errb.String(), err
			}
			if b.lang == "yaml" {
				if !strings.Contains(b.text, "style:") && !strings.Contains(b.text, "me:") {
					t.Skip("not a policy")
				}
				if _, stderr, err := runCLI("--db", filepath.Join(dir, "p"+itoa(i)+".db"), "policy", "use", path); err != nil {
					t.Errorf("linkvet policy use on the example: %v\n%s", err, stderr)
				}
				return
			}
			var probe map[string]any
			if err := json.Unmarshal([]byte(b.text), &probe); err != nil {
				t.Fatalf("the example is not one JSON object: %v", err)
			}
			if _, ok := probe["action"]; ok {
				dec := json.NewDecoder(strings.NewReader(b.text))
				dec.DisallowUnknownFields()
				var v linkvet.Verdict
				if err := dec.Decode(&v); err != nil {
					t.Errorf("the verdict example does not match the verdict type: %v", err)
				} else if !v.Action.Valid() || !v.Category.Valid() {
					t.Errorf("the verdict example has action %q, category %q", v.Action, v.Category)
				}
				return
			}
			if _, ok := probe["elements"]; ok {
				// A Member Data Portability snapshot: imported like an export.
				snap := path + ".json"
				if err := os.Rename(path, snap); err != nil {
					t.Fatal(err)
				}
				if _, stderr, err := runCLI("--db", filepath.Join(dir, "d"+itoa(i)+".db"), "import", snap); err != nil {
					t.Errorf("linkvet import on the snapshot example: %v\n%s", err, stderr)
				}
				return
			}
			args := []string{"screen", "--json", path}
			if probe["direction"] == "outgoing" || strings.Contains(b.text, "mutual_names") && b.file == "guide.md" {
				args = []string{"--db", filepath.Join(dir, "o"+itoa(i)+".db"), "outreach", "check", "--json", path}
			}
			stdout, stderr, err := runCLI(args...)
			if err != nil {
				t.Fatalf("linkvet %s: %v\n%s", strings.Join(args, " "), err, stderr)
			}
			if !strings.Contains(stdout, "{") {
				t.Errorf("linkvet %s printed no JSON:\n%s", strings.Join(args, " "), stdout)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
