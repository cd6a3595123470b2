package imap_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/imap"
	"github.com/linkvet/linkvet/imap/imaptest"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "mail", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func names(invs []linkvet.Invitation) []string {
	var out []string
	for _, inv := range invs {
		out = append(out, inv.Person.Name)
	}
	slices.Sort(out)
	return out
}

// TestSyncDovecot runs the sync against a real Dovecot: the first run
// reads the LinkedIn invitations and reports the imitation, skipping the
// rest of the mailbox on the server's side; a second run fetches nothing;
// a new message is fetched alone by the third; nothing in the mailbox was
// flagged, moved or deleted.
func TestSyncDovecot(t *testing.T) {
	srv := imaptest.Start(t)
	for _, f := range []string{"2026-en-modern.eml", "newsletter.eml", "2023-nl-note.eml", "phish-lookalike.eml", "2013-en-plain.eml"} {
		srv.Deliver(t, fixture(t, f))
	}
	personal := "From: Sam Lee <sam@fabrikam.example>\r\nTo: dana@northwind.example\r\nSubject: Lunch\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nThursday?\r\n"
	srv.Deliver(t, []byte(personal))

	cfg := imap.Config{Host: srv.Host, Port: srv.TLSPort, User: srv.User, Password: srv.Password, TLSConfig: srv.TLS, Timeout: 10 * time.Second}
	ctx := context.Background()

	res, st, err := imap.Sync(ctx, cfg, imap.State{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(res.Invitations), []string{"Alex Kim", "Priya Raman", "Sanne de Vries"}; !slices.Equal(got, want) {
		t.Errorf("first sync read %q, want %q", got, want)
	}
	if res.Matched != 4 || res.Fetched != 4 {
		t.Errorf("first sync matched %d and fetched %d, want 4 and 4 (the newsletter and the personal mail stay on the server)", res.Matched, res.Fetched)
	}
	if len(res.Phishing) != 1 || !strings.Contains(strings.Join(res.Phishing[0].Evidence, " "), "linkedln.com") {
		t.Errorf("phishing: %+v", res.Phishing)
	}
	if st.Mailbox != "INBOX" || st.UIDValidity == 0 || st.LastUID != 5 {
		t.Errorf("state after the first sync: %+v, want INBOX, a UIDVALIDITY and last UID 5", st)
	}
	for _, inv := range res.Invitations {
		raws := res.Raw[inv.ID]
		if len(raws) != 1 || !strings.HasPrefix(raws[0].File, "imap://dana@127.0.0.1:") || !strings.Contains(raws[0].File, ";UID=") {
			t.Errorf("%s: raw reference %+v", inv.Person.Name, raws)
		}
	}
	alex := res.Invitations[slices.IndexFunc(res.Invitations, func(i linkvet.Invitation) bool { return i.Person.Name == "Alex Kim" })]
	if alex.Person.ProfileURL != "linkedin.com/in/alex-kim-berlin" || alex.AcceptURL == "" || alex.Source != "email" {
		t.Errorf("Alex Kim read as %+v", alex)
	}

	// Nothing new: nothing fetched, the state stays.
	res2, st2, err := imap.Sync(ctx, cfg, st)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Matched != 0 || res2.Fetched != 0 || len(res2.Invitations) != 0 || st2 != st {
		t.Errorf("second sync: matched %d, fetched %d, %d invitations, state %+v; want nothing and %+v", res2.Matched, res2.Fetched, len(res2.Invitations), st2, st)
	}

	// One new invitation: fetched alone.
	srv.Deliver(t, fixture(t, "2024-tr-plain.eml"))
	res3, st3, err := imap.Sync(ctx, cfg, st2)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res3.Invitations); res3.Fetched != 1 || !slices.Equal(got, []string{"Emre Yıldız"}) || st3.LastUID != 7 {
		t.Errorf("third sync fetched %d (%q), state %+v; want Emre Yıldız alone, last UID 7", res3.Fetched, got, st3)
	}

	// A changed UIDVALIDITY means the old UIDs are void: read from the start.
	res4, _, err := imap.Sync(ctx, cfg, imap.State{Mailbox: "INBOX", UIDValidity: st.UIDValidity + 1, LastUID: 99})
	if err != nil {
		t.Fatal(err)
	}
	if !res4.Reset || res4.Fetched != 5 {
		t.Errorf("sync with a stale UIDVALIDITY: reset %v, fetched %d; want a reset and all 5 LinkedIn-like messages", res4.Reset, res4.Fetched)
	}

	// A bounded run says there is more, and the next run goes on from there.
	cfg.MaxMessages = 3
	part1, stA, err := imap.Sync(ctx, cfg, imap.State{})
	if err != nil {
		t.Fatal(err)
	}
	part2, stB, err := imap.Sync(ctx, cfg, stA)
	if err != nil {
		t.Fatal(err)
	}
	if !part1.More || part1.Fetched != 3 || part2.More || part2.Fetched != 2 || stB.LastUID != 7 {
		t.Errorf("bounded runs: more %v fetched %d, then more %v fetched %d, state %+v", part1.More, part1.Fetched, part2.More, part2.Fetched, stB)
	}

	// Read-only: no flag was set, no message moved or deleted.
	if f := srv.Flagged(t); len(f) != 0 {
		t.Errorf("the sync flagged messages: %q", f)
	}
	if n := srv.Count(t); n != 7 {
		t.Errorf("the mailbox holds %d messages, want the 7 delivered", n)
	}
	c, err := imapclient.DialTLS("127.0.0.1:"+strconv.Itoa(srv.TLSPort), &imapclient.Options{TLSConfig: srv.TLS})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(srv.User, srv.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", &goimap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	msgs, err := c.Fetch(goimap.SeqSetNum(1, 2, 3, 4, 5, 6, 7), &goimap.FetchOptions{Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if slices.Contains(m.Flags, goimap.FlagSeen) {
			t.Errorf("message %d is \\Seen after the sync", m.SeqNum)
		}
	}
}

// TestSyncPlainLoopback: a local test server may be reached without TLS or
// with STARTTLS; a wrong password and a missing mailbox are clear errors.
func TestSyncPlainLoopback(t *testing.T) {
	srv := imaptest.Start(t)
	srv.Deliver(t, fixture(t, "2022-it-html-qp.eml"))
	ctx := context.Background()
	for _, sec := range []imap.Security{imap.Plain, imap.StartTLS} {
		cfg := imap.Config{Host: "127.0.0.1", Port: srv.PlainPort, Security: sec, User: srv.User, Password: srv.Password, TLSConfig: srv.TLS}
		res, st, err := imap.Sync(ctx, cfg, imap.State{})
		if err != nil {
			t.Fatalf("%s: %v", sec, err)
		}
		if got := names(res.Invitations); !slices.Equal(got, []string{"Giulia Romano"}) || st.LastUID != 1 {
			t.Errorf("%s: read %q, state %+v", sec, got, st)
		}
	}
	// A missing mailbox, an untrusted certificate, a wrong password (last:
	// Dovecot slows down logins from an address after a failed one).
	cfg := imap.Config{Host: srv.Host, Port: srv.TLSPort, User: srv.User, Password: srv.Password, Mailbox: "Nowhere", TLSConfig: srv.TLS}
	if _, _, err := imap.Sync(ctx, cfg, imap.State{}); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("missing mailbox: %v", err)
	}
	cfg.Mailbox, cfg.TLSConfig = "", nil
	if _, _, err := imap.Sync(ctx, cfg, imap.State{}); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("self-signed certificate accepted without being trusted: %v", err)
	}
	cfg.TLSConfig, cfg.Password = srv.TLS, "wrong"
	if _, _, err := imap.Sync(ctx, cfg, imap.State{}); linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "refused the login") {
		t.Errorf("wrong password: %v", err)
	}
}
