package sqlite_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

func exportJSON(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	var b bytes.Buffer
	if err := db.Export(context.Background(), &b, "json"); err != nil {
		t.Fatalf("Export json: %v", err)
	}
	return b.String()
}

// populated returns a database with an import, a hostile invitation, a
// verdict, two decisions and a tag.
func populated(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db := openTest(t)
	mustImport(t, db, smallExport())
	mustPut(t, db, linkvet.Invitation{
		ID:      "evil",
		Message: "=HYPERLINK(\"http://evil.example\",\"click\")",
		Person: linkvet.Person{
			Name: "@SUM(1+1)", Headline: "+49 170 000", Company: "-2+3", Title: "\tTab", ProfileURL: "linkedin.com/in/evil",
			Emails: []string{"\rcr@evil.example"},
		},
	})
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{{ID: "evil", Action: linkvet.Block, Category: linkvet.Scammer, Score: -40, Report: true}}, ""); err != nil {
		t.Fatal(err)
	}
	for _, a := range []linkvet.Action{linkvet.Ask, linkvet.Block} {
		if _, err := db.Decide(ctx, linkvet.Decision{InvitationID: "evil", Action: a, Note: "=cmd|' /C calc'!A0"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Tag(ctx, []string{"linkedin.com/in/sam-lee"}, "=bad tag"); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestExportJSON(t *testing.T) {
	db := populated(t)
	var d struct {
		Format      string                     `json:"format"`
		Me          linkvet.Me                 `json:"me"`
		Invitations []linkvet.StoredInvitation `json:"invitations"`
		Decisions   []linkvet.Decision         `json:"decisions"`
		Known       []linkvet.KnownPerson      `json:"known"`
		Imports     []sqlite.ImportRun         `json:"imports"`
		Messages    []linkvet.Message          `json:"messages"`
	}
	if err := json.Unmarshal([]byte(exportJSON(t, db)), &d); err != nil {
		t.Fatal(err)
	}
	if d.Format != sqlite.ExportFormat || d.Me.Name != "Dana Weber" || len(d.Invitations) != 4 || len(d.Decisions) != 2 ||
		len(d.Known) != 4 || len(d.Imports) != 1 || len(d.Messages) != 2 {
		t.Fatalf("export holds format %q, me %q, %d invitations, %d decisions, %d known, %d imports, %d messages",
			d.Format, d.Me.Name, len(d.Invitations), len(d.Decisions), len(d.Known), len(d.Imports), len(d.Messages))
	}
	for _, si := range d.Invitations {
		if si.Invitation.ID == "evil" {
			if si.Verdict == nil || si.Verdict.Action != linkvet.Block || si.Decision == nil || si.Decision.Action != linkvet.Block {
				t.Errorf("evil exported without its verdict or latest decision: %+v", si)
			}
			// JSON carries data as it is: no spreadsheet escaping.
			if si.Invitation.Person.Name != "@SUM(1+1)" {
				t.Errorf("JSON changed a name to %q", si.Invitation.Person.Name)
			}
		}
	}
}

func TestExportCSV(t *testing.T) {
	db := populated(t)
	var b bytes.Buffer
	if err := db.Export(context.Background(), &b, "csv"); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("export is not valid CSV: %v", err)
	}
	header := rows[0]
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	counts := map[string]int{}
	for _, r := range rows[1:] {
		if len(r) != len(header) {
			t.Fatalf("row %v has %d cells, header %d", r, len(r), len(header))
		}
		counts[r[0]]++
		for i, cell := range r {
			if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
				t.Errorf("column %s: cell %q could run as a formula", header[i], cell)
			}
			if cell != "" && cell[0] == '-' && strings.Trim(cell[1:], "0123456789") != "" {
				t.Errorf("column %s: cell %q could run as a formula", header[i], cell)
			}
		}
		if r[0] == "invitation" && r[col["invitation_id"]] == "evil" {
			want := map[string]string{
				"name":           "'@SUM(1+1)",
				"headline":       "'+49 170 000",
				"company":        "'-2+3",
				"position":       "'\tTab",
				"email":          "'\rcr@evil.example",
				"message":        `'=HYPERLINK("http://evil.example","click")`,
				"verdict_score":  "-40",
				"verdict_action": "block",
				"decision_note":  "'=cmd|' /C calc'!A0",
			}
			for c, w := range want {
				if got := r[col[c]]; got != w {
					t.Errorf("evil %s = %q, want %q", c, got, w)
				}
			}
		}
		if r[0] == "known" && strings.Contains(r[col["tags"]], "bad tag") && r[col["tags"]] != "'=bad tag" {
			t.Errorf("tags cell %q", r[col["tags"]])
		}
	}
	if counts["invitation"] != 4 || counts["decision"] != 2 || counts["known"] != 4 {
		t.Errorf("record counts %v", counts)
	}
}

func TestExportUnknownFormat(t *testing.T) {
	db := openTest(t)
	err := db.Export(context.Background(), &bytes.Buffer{}, "xml")
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(linkvet.ErrorMessage(err), "xml") {
		t.Fatalf("got %v, want EINVALID naming xml", err)
	}
}

// TestRestoreGivesTheSameStore: an export restored into an empty store
// exports the same again; a store that holds anything is refused.
func TestRestoreGivesTheSameStore(t *testing.T) {
	ctx := context.Background()
	db := populated(t)
	if err := db.Update(ctx, func(tx linkvet.Tx) error {
		if _, err := tx.SetPolicy(ctx, linkvet.PolicyVersion{Text: "style: curated\n", Source: "cli"}); err != nil {
			return err
		}
		if err := tx.PutModel(ctx, "classifier", []byte{1, 2, 3}); err != nil {
			return err
		}
		return tx.SetTrainedAs(ctx, "evil", "block")
	}); err != nil {
		t.Fatal(err)
	}
	first := exportJSON(t, db)
	fresh := openTest(t)
	if err := fresh.Restore(ctx, strings.NewReader(first), "export.json"); err != nil {
		t.Fatal(err)
	}
	second := exportJSON(t, fresh)
	strip := func(s string) string {
		var lines []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.Contains(l, `"exported_at"`) {
				lines = append(lines, l)
			}
		}
		return strings.Join(lines, "\n")
	}
	if strip(first) != strip(second) {
		t.Errorf("the restored store exports differently:\n%s\n---\n%s", first, second)
	}
	err := fresh.Restore(ctx, strings.NewReader(first), "export.json")
	if linkvet.ErrorCode(err) != linkvet.ECONFLICT {
		t.Errorf("restoring into a store that holds data: %v, want ECONFLICT", err)
	}
	if err := openTest(t).Restore(ctx, strings.NewReader(`{"format":"other"}`), "x.json"); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("restoring another format: %v, want EINVALID", err)
	}
}

// FuzzRestore: whatever file restore is given, it never panics, and it
// either restores the file whole or changes nothing.
func FuzzRestore(f *testing.F) {
	f.Add([]byte(`{"format":"linkvet-store-v1","invitations":[{"invitation":{"id":"a","direction":"incoming","person":{"name":"A"},"shared":{}},"added_at":"2026-11-20T10:00:00Z"}],"decisions":[{"id":1,"invitation_id":"a","action":"accept","by":"user","at":"2026-11-20T10:00:00Z"}]}`))
	f.Add([]byte(`{"format":"linkvet-store-v1","decisions":[{"id":1,"invitation_id":"missing","action":"accept","by":"user"}]}`))
	f.Add([]byte(`{"format":"linkvet-store-v1","policies":[{"version":1,"text":"style: open"}],"trained":{"x":"accept"}}`))
	f.Add([]byte(`[]`))
	dir := f.TempDir()
	// A migrated empty store, copied for each input: creating one per
	// input would leave the fuzzer little time to fuzz.
	template := filepath.Join(dir, "template.db")
	tdb, err := sqlite.Open(context.Background(), template)
	if err != nil {
		f.Fatal(err)
	}
	tdb.Close()
	empty, err := os.ReadFile(template)
	if err != nil {
		f.Fatal(err)
	}
	n := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		n++
		path := filepath.Join(dir, fmt.Sprintf("f%d.db", n))
		if err := os.WriteFile(path, empty, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		err = db.Restore(context.Background(), bytes.NewReader(data), "fuzz.json")
		if err != nil {
			// Nothing half-restored.
			items, total, lerr := db.Invitations(context.Background(), linkvet.InvitationFilter{})
			pv, perr := db.Policy(context.Background())
			if lerr != nil || perr != nil || total != 0 || len(items) != 0 || pv.Version != 0 {
				t.Fatalf("a failed restore (%v) left %d invitations, policy version %d (%v %v)", err, total, pv.Version, lerr, perr)
			}
		}
	})
}
