package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestMbox reads an mbox of seven messages: an invitation and its
// reminder (merged into one record, the newer mutual count and Accept link
// kept, both messages kept raw), a personal mail with an escaped ">From "
// line, a look-alike phishing mail, a LinkedIn notification and two more
// invitations.
func TestMbox(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "inbox.mbox"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Read("inbox.mbox", f)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "inbox.mbox", res)
	if len(res.Invitations) != 3 {
		t.Fatalf("got %d invitations, want 3", len(res.Invitations))
	}
	alex := res.Invitations[0]
	raws := res.Raw[alex.ID]
	if len(raws) != 2 || raws[0].Line != 1 || raws[1].Line != 130 {
		t.Errorf("Alex Kim's raw messages: %d, want the invitation at line 1 and the reminder at line 130", len(raws))
	}
	for _, r := range raws {
		if !bytes.HasPrefix(r.Bytes, []byte("Return-Path:")) {
			t.Errorf("raw message at line %d does not start with its header: %.40q", r.Line, r.Bytes)
		}
	}
	for _, inv := range res.Invitations {
		if len(res.Raw[inv.ID]) == 0 {
			t.Errorf("%s: no raw message kept", inv.Person.Name)
		}
	}
	if len(res.Phishing) != 1 || res.Phishing[0].Line != 109 {
		t.Errorf("phishing: %+v, want the look-alike at line 109", res.Phishing)
	}
}

// TestMboxFromLines checks the mbox split: a "From " line only starts a
// message after a blank line, and a body line escaped as ">From " reads as
// "From " again.
func TestMboxFromLines(t *testing.T) {
	inv := "From: Rui Costa <invitations@linkedin.com>\nSubject: Rui Costa wants to connect\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n\n" +
		"Rui Costa\nData Analyst at Tailspin\n\nHello Dana,\n>From our chat at the meetup: let's keep in touch.\n" +
		"From now on I will post weekly.\n\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/9\n"
	other := "From: Ana <ana@example.org>\nSubject: hi\n\nFrom here on, nothing.\n"
	mbox := "From a@b Mon Mar  2 10:00:00 2026\n" + inv + "\nFrom x@y Mon Mar  2 11:00:00 2026\n" + other
	res, err := Read("t.mbox", strings.NewReader(mbox))
	if err != nil {
		t.Fatal(err)
	}
	if res.Skipped != 1 || len(res.Invitations) != 1 {
		t.Fatalf("got %d invitations and %d skipped, want 1 and 1", len(res.Invitations), res.Skipped)
	}
	crlf := strings.ReplaceAll(mbox, "\n", "\r\n")
	for _, in := range []string{"\xef\xbb\xbf" + mbox, "\n\n" + mbox, "\r\n" + mbox, crlf} {
		again, err := Read("t.mbox", strings.NewReader(in))
		if err != nil || len(again.Invitations) != 1 || again.Skipped != 1 {
			t.Errorf("mbox starting %.12q: %d invitations, %d skipped, %v", in, len(again.Invitations), again.Skipped, err)
		}
	}
	want := "Hello Dana, From our chat at the meetup: let's keep in touch. From now on I will post weekly."
	if got := res.Invitations[0].Message; got != want {
		t.Errorf("note\n got %q\nwant %q", got, want)
	}
}

// TestMaildir reads a Maildir with messages in cur/ and new/.
func TestMaildir(t *testing.T) {
	res, err := ReadMaildir(filepath.Join("testdata", "maildir"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range res.Phishing {
		res.Phishing[i].File = filepath.ToSlash(res.Phishing[i].File)
	}
	golden(t, "maildir", res)
	if len(res.Invitations) != 2 || len(res.Phishing) != 1 || res.Skipped != 1 {
		t.Errorf("got %d invitations, %d phishing, %d skipped; want 2, 1, 1", len(res.Invitations), len(res.Phishing), res.Skipped)
	}
	if !IsMaildir(filepath.Join("testdata", "maildir")) || IsMaildir("testdata") {
		t.Error("IsMaildir does not tell a Maildir from another folder")
	}
	_, err = ReadMaildir("testdata")
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "not a Maildir") {
		t.Errorf("ReadMaildir on a plain folder: %v", err)
	}
}

func TestReadRejectsNonMail(t *testing.T) {
	for _, in := range []string{"", "   \n", "name,url\nAlex,https://x\n", "{\"person\":{}}\n", "Hello: world\nthis is not\n"} {
		_, err := Read("in.txt", strings.NewReader(in))
		if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.HasPrefix(err.Error(), "in.txt: ") {
			t.Errorf("Read(%q) = %v, want an invalid-input error naming the file", in, err)
		}
	}
	_, err := Read("x", errReader{})
	if err == nil || linkvet.ErrorCode(err) != linkvet.EINTERNAL {
		t.Errorf("read error: %v", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestSniff(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"From MAILER-DAEMON Mon Nov 30 10:00:00 2026\n", true},
		{"Return-Path: <a@b>\nReceived: from x\n\tby y\nSubject: s\n\nbody", true},
		{"From: a@b\r\nSubject: s\r\n\r\n", true},
		{"Delivered-To: dana@x\nX-Spam: no\n", true},
		{"X-Custom: a\nX-Other: b\n\n", false},
		{"name,profile_url\n", false},
		{"%PDF-1.7\n", false},
		{"PK\x03\x04", false},
		{"{\"a\":1}", false},
		{" From: a\n", false},
	} {
		if got := Sniff([]byte(c.in)); got != c.want {
			t.Errorf("Sniff(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestReadPath picks the reader by what the path is.
func TestReadPath(t *testing.T) {
	res, err := ReadPath(filepath.Join("testdata", "maildir"))
	if err != nil || len(res.Invitations) != 2 {
		t.Errorf("ReadPath(maildir) = %d invitations, %v", len(res.Invitations), err)
	}
	res, err = ReadPath(filepath.Join("testdata", "inbox.mbox"))
	if err != nil || len(res.Invitations) != 3 {
		t.Errorf("ReadPath(mbox) = %d invitations, %v", len(res.Invitations), err)
	}
	res, err = ReadPath(filepath.Join("testdata", "2023-nl-note.eml"))
	if err != nil || len(res.Invitations) != 1 || res.Invitations[0].Person.Name != "Sanne de Vries" {
		t.Errorf("ReadPath(eml) = %+v, %v", res.Invitations, err)
	}
	if _, err := ReadPath(filepath.Join("testdata", "nothing.eml")); linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("ReadPath(missing) = %v", err)
	}
}

// TestLimits: an oversized message is named and skipped, the next one is
// still read; deep MIME nesting and part floods end with what was found.
func TestLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 33 MiB mbox")
	}
	invite := "From: Rui Costa <invitations@linkedin.com>\nSubject: Rui Costa wants to connect\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n\nRui Costa\nData Analyst\n\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/9\n"
	big := "From: a@b.example\nSubject: big\n\n" + strings.Repeat("x", 80) + "\n"
	big = big + strings.Repeat(strings.Repeat("y", 99)+"\n", (maxMessageBytes/100)+10)
	mbox := "From a Mon Mar  2 10:00:00 2026\n" + big + "\nFrom b Mon Mar  2 10:00:00 2026\n" + invite
	res, err := Read("big.mbox", strings.NewReader(mbox))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || res.Problems[0].Line != 1 || !strings.Contains(res.Problems[0].Reason, "larger than 32 MiB") {
		t.Errorf("problems: %v", res.Problems)
	}
	if len(res.Invitations) != 1 {
		t.Errorf("the message after the oversized one was not read: %d invitations", len(res.Invitations))
	}

	// 200 nested multiparts, then a flood of parts.
	var b strings.Builder
	b.WriteString("From: Rui Costa <invitations@linkedin.com>\nSubject: Rui Costa wants to connect\nMIME-Version: 1.0\n")
	for i := range 200 {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\n\nRui Costa\n")
	nested := b.String()
	b.Reset()
	b.WriteString("From: Rui Costa <invitations@linkedin.com>\nSubject: Rui Costa wants to connect\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=z\n\n")
	for range 5000 {
		b.WriteString("--z\nContent-Type: application/octet-stream\n\nAAAA\n")
	}
	b.WriteString("--z--\n")
	for _, msg := range []string{nested, b.String()} {
		res, err := Read("m.eml", strings.NewReader(msg))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Invitations)+len(res.Problems) == 0 {
			t.Errorf("a hostile MIME structure gave neither a record nor a problem")
		}
	}
}

// TestMaildirPlusPlus reads the Maildir++ folders beside cur/ and new/
// (".LinkedIn", ".Archive.2025"), where mail a user filed away lives, and
// follows no symbolic link.
func TestMaildirPlusPlus(t *testing.T) {
	root := t.TempDir()
	copyTree := func(dst string) {
		t.Helper()
		src := filepath.Join("testdata", "maildir")
		err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	copyTree(root)
	copyTree(filepath.Join(root, ".LinkedIn"))
	copyTree(filepath.Join(root, ".Archive.2025"))
	outside := t.TempDir()
	copyTree(outside)
	if err := os.Symlink(outside, filepath.Join(root, ".Linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".NotAFolder"), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := ReadMaildir(root)
	if err != nil {
		t.Fatal(err)
	}
	// The same invitation filed in three folders is one invitation; each
	// phishing copy is reported where it lies.
	if len(res.Invitations) != 2 || len(res.Phishing) != 3 || res.Skipped != 3 {
		t.Errorf("got %d invitations, %d phishing, %d skipped; want 2, 3, 3 (three folders, no link followed)", len(res.Invitations), len(res.Phishing), res.Skipped)
	}
	seen := map[string]bool{}
	for _, p := range res.Phishing {
		seen[filepath.Base(filepath.Dir(filepath.Dir(p.File)))] = true
	}
	for _, folder := range []string{filepath.Base(root), ".LinkedIn", ".Archive.2025"} {
		if !seen[folder] {
			t.Errorf("nothing read from %s (read from %v)", folder, seen)
		}
	}
}
