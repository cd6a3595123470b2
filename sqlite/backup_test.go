package sqlite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// rawFixtures are the inputs kept with invitations in the tests below: an
// e-mail, a "PDF" with NUL bytes and bytes that are not UTF-8, an empty
// input, and the same e-mail kept with a second invitation.
var rawFixtures = []struct {
	invitation, channel, place string
	data                       []byte
}{
	{"evil", "email", "inbox.mbox:12", []byte("From: made-up sender <x@example.test>\r\nSubject: hi\r\n\r\nbody\n")},
	{"evil", "pdf", "profile.pdf", []byte("%PDF-1.4\x00\x00\xff\xfe\x80binary\x00tail\xc3")},
	{"evil", "paste", "stdin:1", []byte{}},
	{"backup-out", "email", "imaps://dana@mail.example.test/INBOX#uid=7", []byte("From: made-up sender <x@example.test>\r\nSubject: hi\r\n\r\nbody\n")},
}

var syncFixtures = map[string]string{
	"imap:dana@mail.example.test:993/INBOX":   `{"uidvalidity":1700000000,"last_uid":7}`,
	"imap:dana@mail.example.test:993/Archive": `{"uidvalidity":42,"last_uid":0}`,
}

// backedUp returns populated's store with an outgoing invitation and its
// outreach event, the raw inputs of rawFixtures and the sync states of
// syncFixtures.
func backedUp(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db := populated(t)
	mustPut(t, db, linkvet.Invitation{ID: "backup-out", Direction: linkvet.Outgoing,
		Person: linkvet.Person{Name: "Orla Madeup", ProfileURL: "linkedin.com/in/orla-madeup"}})
	err := db.Update(ctx, func(ltx linkvet.Tx) error {
		tx := ltx.(*sqlite.Tx)
		if _, err := tx.AppendOutreach(ctx, linkvet.OutreachEvent{InvitationID: "backup-out", Kind: linkvet.OutreachSent, Note: "met at a made-up meetup"}); err != nil {
			return err
		}
		for _, r := range rawFixtures {
			if _, err := tx.AddRaw(ctx, r.invitation, r.channel, r.place, r.data); err != nil {
				return err
			}
		}
		for k, v := range syncFixtures {
			if err := tx.SetSyncState(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// withoutExportedAt drops the one line two exports of the same store may
// differ in.
func withoutExportedAt(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.HasPrefix(l, `  "exported_at"`) {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// TestBackupRoundTrip: an export restored into a new store exports the
// same bytes again (but for exported_at), raw inputs with binary data and
// sync states included, and the restored store gives back each input's
// bytes and each mailbox's state.
func TestBackupRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := backedUp(t)
	first := exportJSON(t, db)
	for _, want := range []string{`"raw_inputs": [`, `"sync_states": [`, `"channel":"pdf"`, `"key":"imap:dana@mail.example.test:993/INBOX"`} {
		if !strings.Contains(first, want) {
			t.Errorf("the export lacks %s", want)
		}
	}
	fresh := openTest(t)
	if err := fresh.Restore(ctx, strings.NewReader(first), "backup.json"); err != nil {
		t.Fatal(err)
	}
	second := exportJSON(t, fresh)
	if withoutExportedAt(first) != withoutExportedAt(second) {
		t.Fatalf("the restored store exports differently:\n%s\n---\n%s", first, second)
	}
	for _, id := range []string{"evil", "backup-out"} {
		was, err := db.RawInputs(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fresh.RawInputs(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(was) || len(got) == 0 {
			t.Fatalf("%s: %d raw inputs restored, want %d", id, len(got), len(was))
		}
		for i := range got {
			if !bytes.Equal(got[i].Data, was[i].Data) || got[i].Channel != was[i].Channel || got[i].Place != was[i].Place || !got[i].At.Equal(was[i].At) {
				t.Errorf("%s raw input %d: restored %+v, want %+v", id, i, got[i], was[i])
			}
		}
	}
	for k, v := range syncFixtures {
		if got, err := fresh.SyncState(ctx, k); err != nil || got != v {
			t.Errorf("sync state %s restored as %q (%v), want %q", k, got, err, v)
		}
	}
	// The restored store keeps inputs once each, as the original does:
	// the same bytes for the same invitation again add nothing.
	err := fresh.Update(ctx, func(ltx linkvet.Tx) error {
		added, err := ltx.(*sqlite.Tx).AddRaw(ctx, rawFixtures[1].invitation, "pdf", "again.pdf", rawFixtures[1].data)
		if added {
			t.Errorf("an input restored was kept a second time")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportStreamedTablesUnchanged: decisions, imports and outreach
// events, now written row by row, come out as the store's readers give
// them, one JSON object per line.
func TestExportStreamedTablesUnchanged(t *testing.T) {
	ctx := context.Background()
	db := backedUp(t)
	text := exportJSON(t, db)
	decisions, err := db.Decisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	events, err := db.OutreachEvents(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	imports, err := db.Imports(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(decisions) == 0 || len(events) == 0 || len(imports) == 0 {
		t.Fatalf("fixture has %d decisions, %d events, %d imports", len(decisions), len(events), len(imports))
	}
	for name, list := range map[string]any{"decisions": decisions, "outreach": events, "imports": imports} {
		var want strings.Builder
		want.WriteString("  \"" + name + "\": [")
		items, _ := json.Marshal(list)
		var each []json.RawMessage
		if err := json.Unmarshal(items, &each); err != nil {
			t.Fatal(err)
		}
		for i, e := range each {
			if i > 0 {
				want.WriteString(",")
			}
			want.WriteString("\n    ")
			want.Write(e)
		}
		want.WriteString("\n  ]")
		if !strings.Contains(text, want.String()) {
			t.Errorf("%s exported differently from what the store reads; want\n%s\nin\n%s", name, want.String(), text)
		}
	}
}

// TestRestoreOldExport: an export written before raw inputs and sync
// states were exported restores, and the store then exports them empty.
func TestRestoreOldExport(t *testing.T) {
	ctx := context.Background()
	text := exportJSON(t, backedUp(t))
	// An old export is the same text without the two arrays.
	var old []string
	skip := false
	for _, l := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(l, `  "raw_inputs"`), strings.HasPrefix(l, `  "sync_states"`):
			skip = !strings.HasSuffix(strings.TrimSuffix(l, ","), "]")
			continue
		case skip:
			skip = !strings.HasPrefix(l, "  ]")
			continue
		}
		old = append(old, l)
	}
	oldText := strings.Join(old, "\n")
	oldText = strings.Replace(oldText, "\"unsettled\": [],\n}", "\"unsettled\": []\n}", 1)
	if strings.Contains(oldText, "raw_inputs") || strings.Contains(oldText, "sync_states") || !json.Valid([]byte(oldText)) {
		t.Fatalf("could not make an old export:\n%s", oldText)
	}
	fresh := openTest(t)
	if err := fresh.Restore(ctx, strings.NewReader(oldText), "old.json"); err != nil {
		t.Fatal(err)
	}
	again := exportJSON(t, fresh)
	if !strings.Contains(again, "\"raw_inputs\": [],\n  \"sync_states\": []\n}") {
		t.Errorf("an old export restored exports raw inputs or sync states:\n%s", again)
	}
	// Everything else is as it was.
	trim := func(s string) string {
		s = withoutExportedAt(s)
		return s[:strings.Index(s, `  "raw_inputs"`)]
	}
	if trim(again) != trim(text) {
		t.Errorf("an old export restored exports differently:\n%s\n---\n%s", trim(text), trim(again))
	}
}

// restoreDoc is a small export holding invitations inv-1 and inv-2, with
// the raw inputs and sync states given (JSON array elements), one element
// per line so that messages can be checked for their line.
func restoreDoc(raws, syncs []string) string {
	inv := func(id string) string {
		return fmt.Sprintf(`{"invitation":{"id":%q,"direction":"incoming","person":{"name":"Made-Up %s"},"shared":{}},"added_at":"2026-11-20T10:00:00Z"}`, id, id)
	}
	return "{\n" +
		`"format": "linkvet-store-v1",` + "\n" +
		`"invitations": [` + "\n" + inv("inv-1") + ",\n" + inv("inv-2") + "\n],\n" +
		`"raw_inputs": [` + "\n" + strings.Join(raws, ",\n") + "\n],\n" +
		`"sync_states": [` + "\n" + strings.Join(syncs, ",\n") + "\n]\n}\n"
}

// rawDoc is one raw input element; digest "" means the data's own.
func rawDoc(invitation string, data []byte, digest string) string {
	if digest == "" {
		sum := sha256.Sum256(data)
		digest = hex.EncodeToString(sum[:])
	}
	return fmt.Sprintf(`{"invitation_id":%q,"channel":"email","place":"in.eml","digest":%q,"data":%q,"at":"2026-11-21T09:00:00Z"}`,
		invitation, digest, base64.StdEncoding.EncodeToString(data))
}

func syncDoc(key string) string {
	return fmt.Sprintf(`{"key":%q,"value":"{}","updated_at":"2026-11-21T09:00:00Z"}`, key)
}

// TestRestoreRefusesBadRawInputsAndSyncStates: each record that would
// break the store's promises is refused with the file's place and the
// record, and nothing of the file is written.
func TestRestoreRefusesBadRawInputsAndSyncStates(t *testing.T) {
	ctx := context.Background()
	mail, pdf := []byte("a made-up mail\n"), []byte("%PDF\x00\xff")
	good := rawDoc("inv-1", mail, "")
	// Lines of restoreDoc: 1 {, 2 format, 3 invitations, 4-5 the two,
	// 6 ], 7 raw_inputs, 8... the raw inputs, then ], sync_states, ...
	for _, c := range []struct {
		name         string
		raws, syncs  []string
		want         string
		wantPosition string
	}{
		{"invitation not in the export", []string{good, rawDoc("inv-7", mail, "")}, nil,
			"raw_inputs[1] (invitation inv-7): the invitation is not in the export", "x.json:9:1: "},
		{"no invitation", []string{rawDoc("", mail, "")}, nil, "raw_inputs[0]: no invitation_id", "x.json:8:1: "},
		{"digest of other data", []string{good, rawDoc("inv-2", pdf, strings.Repeat("ab", 32))}, nil,
			"raw_inputs[1] (invitation inv-2): digest does not match its data", "x.json:9:1: "},
		{"digest in capitals", []string{rawDoc("inv-1", mail, strings.ToUpper(rawDigest(mail)))}, nil,
			"raw_inputs[0] (invitation inv-1): digest does not match its data", ""},
		{"no digest", []string{strings.Replace(good, rawDigest(mail), "", 1)}, nil,
			"raw_inputs[0] (invitation inv-1): no digest", ""},
		{"same input twice", []string{good, rawDoc("inv-2", mail, ""), rawDoc("inv-1", mail, "")}, nil,
			"raw_inputs[2] (invitation inv-1): the same input (digest " + rawDigest(mail) + ") as raw_inputs[0]", "x.json:10:1: "},
		{"data not base64", []string{strings.Replace(good, `"data":"`, `"data":"*`, 1)}, nil,
			"raw_inputs[0] (invitation inv-1): data is not base64", ""},
		{"data not a string", []string{`{"invitation_id":"inv-1","data":12}`}, nil,
			"raw_inputs[0]: cannot unmarshal number into Go struct field", "x.json:8:1: "},
		{"sync state without a key", []string{good}, []string{syncDoc("imap:a"), syncDoc("")},
			"sync_states[1]: empty key", "x.json:12:1: "},
		{"sync state twice", nil, []string{syncDoc("imap:a"), syncDoc("imap:a")},
			"sync_states[1] (key imap:a): the same key as sync_states[0]", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := openTest(t)
			doc := restoreDoc(c.raws, c.syncs)
			err := db.Restore(ctx, strings.NewReader(doc), "x.json")
			msg := linkvet.ErrorMessage(err)
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(msg, c.want) || !strings.Contains(msg, c.wantPosition) {
				t.Fatalf("got %v (%s), want EINVALID with %q at %q, for\n%s", err, linkvet.ErrorCode(err), c.want, c.wantPosition, doc)
			}
			assertEmpty(t, db)
		})
	}
	// The same file with its records right restores whole.
	db := openTest(t)
	if err := db.Restore(ctx, strings.NewReader(restoreDoc([]string{good, rawDoc("inv-2", mail, ""), rawDoc("inv-1", pdf, "")},
		[]string{syncDoc("imap:a"), syncDoc("imap:b")})), "x.json"); err != nil {
		t.Fatal(err)
	}
	raws, err := db.RawInputs(ctx, "inv-1")
	if err != nil || len(raws) != 2 || !bytes.Equal(raws[1].Data, pdf) {
		t.Errorf("restored raw inputs of inv-1: %+v, %v", raws, err)
	}
	if v, err := db.SyncState(ctx, "imap:b"); err != nil || v != "{}" {
		t.Errorf("restored sync state %q, %v", v, err)
	}
}

func rawDigest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// assertEmpty fails unless db holds nothing a restore writes.
func assertEmpty(t *testing.T, db *sqlite.DB) {
	t.Helper()
	text := exportJSON(t, db)
	empty := exportJSON(t, openTest(t))
	if withoutExportedAt(text) != withoutExportedAt(empty) {
		t.Errorf("a refused restore wrote something:\n%s", text)
	}
}

// restoreProblems are damaged files and what Restore must say of each:
// where (file:line:column) and what.
var restoreProblems = []struct {
	name, text, want string
}{
	{"empty", "", "x.json: the file is empty"},
	{"blank", " \n\t", "x.json: the file is empty"},
	{"array", "[]", "x.json:1:1: not a linkvet export: want a JSON object"},
	{"string", `"linkvet"`, "x.json:1:1: not a linkvet export: want a JSON object"},
	{"other format", `{"format":"other"}`, `x.json:1:2: format "other", want "linkvet-store-v1"`},
	{"no format", `{}`, `x.json: format "", want "linkvet-store-v1"`},
	{"cut short", "{\"format\":\"linkvet-store-v1\",\n\"decisions\":[{\"id\":1", "x.json:2:21: decisions[0]: the file ends in the middle of the JSON"},
	{"cut after key", `{"format":"linkvet-store-v1","known"`, "the file ends in the middle of the JSON"},
	{"syntax error in a record", "{\"format\":\"linkvet-store-v1\",\n\"known\":[\n{\"name\":\"a\",}]}", "x.json:3:13: known[0]: invalid character '}'"},
	{"syntax error between keys", "{\"format\":\"linkvet-store-v1\" \"x\":1}", "x.json:1:30: not a linkvet export: invalid character '\"'"},
	{"wrong type", "{\"format\":\"linkvet-store-v1\",\n\"decisions\":[{\"id\":1},\n{\"id\":\"two\"}]}", "x.json:3:1: decisions[1]: cannot unmarshal string"},
	{"bad time", "{\"format\":\"linkvet-store-v1\",\n\"audit\":[{\"at\":\"yesterday\"}]}", "x.json:2:10: audit[0]: parsing time"},
	{"not an array", `{"format":"linkvet-store-v1","invitations":{}}`, `x.json:1:44: invitations: want an array, found "{"`},
	{"number for an array", `{"format":"linkvet-store-v1","sync_states":3}`, "sync_states: want an array, found 3"},
	{"me an array", `{"format":"linkvet-store-v1","me":[]}`, "x.json:1:35: me: cannot unmarshal array"},
	{"key twice", `{"format":"linkvet-store-v1","raw_inputs":[],"raw_inputs":[]}`, `x.json:1:46: "raw_inputs" appears twice`},
	{"trailing data", "{\"format\":\"linkvet-store-v1\"}\n{}", "x.json:2:1: not a linkvet export: more data after the end of the export"},
	{"bad blob", `{"format":"linkvet-store-v1","models":[{"name":"m","blob":"!!"}]}`, "models[0]: illegal base64 data"},
}

// TestRestoreNamesEachProblem: every damaged file is refused (EINVALID)
// with its place and what is wrong, and nothing is written.
func TestRestoreNamesEachProblem(t *testing.T) {
	db := openTest(t)
	for _, c := range restoreProblems {
		t.Run(c.name, func(t *testing.T) {
			err := db.Restore(context.Background(), strings.NewReader(c.text), "x.json")
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(linkvet.ErrorMessage(err), c.want) {
				t.Errorf("got %q (%s), want EINVALID with %q", linkvet.ErrorMessage(err), linkvet.ErrorCode(err), c.want)
			}
		})
	}
	assertEmpty(t, db)
}

// placed is how every refusal of a file's content starts: the file's
// name, then its line and column when the problem has a place.
var placed = regexp.MustCompile(`^fuzz\.json(:[0-9]+:[0-9]+)?: \S`)

// FuzzRestoreNamesTheProblem: whatever the file, Restore never panics; a
// file it refuses for its content is named, with a place when there is
// one, and a reason; one it restores exports again the same.
func FuzzRestoreNamesTheProblem(f *testing.F) {
	for _, c := range restoreProblems {
		f.Add([]byte(c.text))
	}
	mail := []byte("a made-up mail\n")
	f.Add([]byte(restoreDoc([]string{rawDoc("inv-1", mail, ""), rawDoc("inv-2", []byte{0, 0xff}, "")}, []string{syncDoc("imap:a")})))
	f.Add([]byte(restoreDoc([]string{rawDoc("inv-9", mail, "")}, nil)))
	f.Add([]byte(restoreDoc(nil, []string{syncDoc(""), syncDoc("a")})))
	dir := f.TempDir()
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
	var db *sqlite.DB
	fresh := func(t *testing.T) {
		if db != nil {
			db.Close()
		}
		n++
		path := filepath.Join(dir, fmt.Sprintf("f%d.db", n))
		if err := os.WriteFile(path, empty, 0o600); err != nil {
			t.Fatal(err)
		}
		if db, err = sqlite.Open(context.Background(), path); err != nil {
			t.Fatal(err)
		}
	}
	f.Cleanup(func() {
		if db != nil {
			db.Close()
		}
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		if db == nil {
			fresh(t)
		}
		err := db.Restore(context.Background(), bytes.NewReader(data), "fuzz.json")
		switch linkvet.ErrorCode(err) {
		case "":
			// Restored: what the store now exports restores into an
			// empty one and exports the same again.
			var first, second bytes.Buffer
			if err := db.Export(context.Background(), &first, "json"); err != nil {
				t.Fatalf("a restored store does not export: %v", err)
			}
			fresh(t)
			if err := db.Restore(context.Background(), bytes.NewReader(first.Bytes()), "again.json"); err != nil {
				t.Fatalf("an export of a restored store does not restore: %v\n%s", err, first.Bytes())
			}
			if err := db.Export(context.Background(), &second, "json"); err != nil {
				t.Fatal(err)
			}
			if a, b := withoutExportedAt(first.String()), withoutExportedAt(second.String()); a != b {
				t.Fatalf("export, restore, export differ:\n%s\n---\n%s", a, b)
			}
			fresh(t)
		case linkvet.EINVALID:
			if msg := linkvet.ErrorMessage(err); !placed.MatchString(msg) {
				t.Fatalf("refusal %q does not name the file, its place and the problem", msg)
			}
		}
	})
}

// TestRestoreRefusesAStoreWithOnlyASyncState: a store that holds nothing
// but where a mailbox sync stopped is not empty; restoring into it would
// mix two syncs' states.
func TestRestoreRefusesAStoreWithOnlyASyncState(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if err := db.Update(ctx, func(ltx linkvet.Tx) error {
		return ltx.(*sqlite.Tx).SetSyncState(ctx, "imap:a", "{}")
	}); err != nil {
		t.Fatal(err)
	}
	err := db.Restore(ctx, strings.NewReader(restoreDoc(nil, []string{syncDoc("imap:b")})), "x.json")
	if linkvet.ErrorCode(err) != linkvet.ECONFLICT || !strings.Contains(linkvet.ErrorMessage(err), "is not empty") {
		t.Fatalf("got %v, want ECONFLICT: the store is not empty", err)
	}
	if v, _ := db.SyncState(ctx, "imap:b"); v != "" {
		t.Errorf("a refused restore wrote sync state imap:b = %q", v)
	}
}
