package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet/imap/imaptest"
)

// TestMailSyncDovecot runs `linkvet mail sync` against a real Dovecot (it
// skips without one, unless LINKVET_REQUIRE_DOVECOT=1): the invitation
// e-mail enriches the invitation the export stored, the look-alike is
// reported as phishing, the position is kept in the store so that a second
// run fetches nothing, and the mailbox is left exactly as it was.
func TestMailSyncDovecot(t *testing.T) {
	srv := imaptest.Start(t)
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("../../service/testdata/ingest", name))
		if err != nil {
			t.Fatal(err)
		}
		return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
	}
	srv.Deliver(t, read("tobias.eml"))
	srv.Deliver(t, read("phish.eml"))
	srv.Deliver(t, []byte("From: Sam Lee <sam@fabrikam.example>\r\nTo: maren@fenwick.example\r\nSubject: Lunch\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nThursday?\r\n"))

	dir := t.TempDir()
	db := filepath.Join(dir, "linkvet.db")
	pw := filepath.Join(dir, "imap-password")
	if err := os.WriteFile(pw, []byte(srv.Password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// imaptest writes the server's certificate beside the user's home.
	ca := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(srv.Maildir))), "cert.pem")
	if _, err := os.Stat(ca); err != nil {
		t.Fatalf("the test server's certificate: %v", err)
	}
	server := fmt.Sprintf("imaps://%s@%s:%d/INBOX", srv.User, srv.Host, srv.TLSPort)
	linkvet := func(args ...string) (string, error) {
		t.Helper()
		var out, errb bytes.Buffer
		args = append([]string{"--db", db, "--now", "2026-11-30T12:00:00Z"}, args...)
		err := run(context.Background(), args, strings.NewReader(""), &out, &errb)
		if err != nil {
			return out.String() + errb.String(), fmt.Errorf("%v: %s", err, errb.String())
		}
		return out.String(), nil
	}
	if _, err := linkvet("import", "../../service/testdata/ingest/export"); err != nil {
		t.Fatal(err)
	}
	sync := []string{"mail", "sync", "--server", server, "--password-file", pw, "--ca-file", ca}
	out, err := linkvet(sync...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fetched 2 new messages", "enriched  li-290c4f8526b9ac40  Tobias Lindqvist", "PHISHING", "new 0, enriched 1, unchanged 0, phishing 1, not understood 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("first sync lacks %q:\n%s", want, out)
		}
	}

	// A second run fetches nothing new.
	out, err = linkvet(sync...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "fetched 0 new messages") || !strings.Contains(out, "new 0, enriched 0, unchanged 0, phishing 0") {
		t.Errorf("second sync:\n%s", out)
	}

	// A new invitation arrives: only it is fetched, and added; the
	// password comes from the environment this time.
	b, err := os.ReadFile("../../mail/testdata/2026-en-modern.eml")
	if err != nil {
		t.Fatal(err)
	}
	srv.Deliver(t, b)
	t.Setenv(PasswordEnv, srv.Password)
	out, err = linkvet("mail", "sync", "--server", server, "--ca-file", ca)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "fetched 1 new message") || !strings.Contains(out, "added") || !strings.Contains(out, "new 1, enriched 0") {
		t.Errorf("third sync:\n%s", out)
	}
	if flagged := srv.Flagged(t); len(flagged) != 0 {
		t.Errorf("the sync changed flags on %v", flagged)
	}
	if n := srv.Count(t); n != 4 {
		t.Errorf("the mailbox holds %d messages, want the 4 delivered", n)
	}

	// A failed login keeps the stored position: the next run fetches
	// nothing again.
	t.Setenv(PasswordEnv, "not-the-password")
	if _, err := linkvet("mail", "sync", "--server", server, "--ca-file", ca); err == nil {
		t.Error("a wrong password synced")
	}
	t.Setenv(PasswordEnv, srv.Password)
	if out, err := linkvet("mail", "sync", "--server", server, "--ca-file", ca); err != nil || !strings.Contains(out, "fetched 0 new messages") {
		t.Errorf("after a failed login: %v\n%s", err, out)
	}

	// A password file others can read is refused; no password at all is a
	// usage error.
	if err := os.Chmod(pw, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := linkvet(sync...); err == nil || !strings.Contains(err.Error(), "chmod") {
		t.Errorf("readable password file: %v", err)
	}
	t.Setenv(PasswordEnv, "")
	if _, err := linkvet("mail", "sync", "--server", server); err == nil || !strings.Contains(err.Error(), "no password") {
		t.Errorf("no password: %v", err)
	}
}
