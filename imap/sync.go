// Package imap fetches LinkedIn's invitation e-mails straight from the
// user's IMAP mailbox, for `linkvet mail sync`, and reads them with package
// mail.
//
// # The model
//
// A sync is read-only, always: the mailbox is opened with EXAMINE (never
// SELECT), messages are fetched with BODY.PEEK[] so that not even the \Seen
// flag changes, and nothing is ever stored, copied, moved, flagged or
// expunged. What is fetched is chosen by the server: a UID SEARCH for
// messages whose From mentions LinkedIn (which also finds the look-alikes
// and display-name imitations that package mail reports as phishing), above
// the last UID already read. The caller keeps a small State (the mailbox,
// its UIDVALIDITY and the last UID read) and hands it back next time, so
// each run fetches only what is new; when the server's UIDVALIDITY changed,
// the old UIDs mean nothing and the mailbox is searched again from the
// start (SyncResult.Reset says so).
//
// The connection is IMAP over TLS (port 993) by default. STARTTLS and
// plain text exist for tests against a local server and are refused for
// any host that is not a loopback address. The password comes from
// PasswordFrom: a file readable by its owner alone, or an environment
// variable; never the command line, never the store.
package imap

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/mail"
)

// Security is how the connection is protected.
type Security string

const (
	TLS      Security = "tls"      // IMAP over TLS, port 993 (the default)
	StartTLS Security = "starttls" // plain connection upgraded with STARTTLS; loopback hosts only
	Plain    Security = "plain"    // no encryption; loopback hosts only, for tests
)

// Config says where the mailbox is and how to log in.
type Config struct {
	Host     string
	Port     int // 0: 993 for TLS, 143 otherwise
	User     string
	Password string // from PasswordFrom; never logged, never stored
	Mailbox  string // "" is INBOX
	Security Security
	// TLSConfig replaces the default TLS settings (system roots, server
	// name = Host); tests use it to trust their own certificate.
	TLSConfig *tls.Config
	// Timeout bounds the dial, the TLS handshake and each wait on the
	// server; 0 is one minute.
	Timeout time.Duration
	// MaxMessages bounds the messages fetched in one run; 0 is 2,000. The
	// rest is fetched by the next run (SyncResult.More).
	MaxMessages int
}

// State is what a sync remembers between runs; the caller stores it (it is
// small and holds no secret) and passes it back unchanged.
type State struct {
	Mailbox     string `json:"mailbox"`
	UIDValidity uint32 `json:"uid_validity"`
	LastUID     uint32 `json:"last_uid"`
}

// SyncResult is what one run found.
type SyncResult struct {
	// Result holds the invitations, phishing findings, problems and raw
	// messages read; raw references and problem places name each message
	// as an IMAP URL: imap://user@host/INBOX;UIDVALIDITY=v/;UID=n.
	mail.Result
	Matched int  // messages the server's search found above the last UID
	Fetched int  // messages fetched and read
	Reset   bool // the mailbox's UIDVALIDITY changed: it was read from the start
	More    bool // MaxMessages was reached: run again for the rest
}

// searchFrom are the words the server searches the From header for:
// LinkedIn's own addresses and the common look-alikes of its name.
var searchFrom = []string{"linkedin", "linkedln", "1inkedin"}

const fetchBatch = 50

// Sync fetches the messages that arrived since st and reads them. It
// returns the new State to store. On an error after some messages were
// read, the returned State covers exactly those (so storing it loses and
// repeats nothing) and the SyncResult holds what they gave.
func Sync(ctx context.Context, cfg Config, st State) (SyncResult, State, error) {
	var res SyncResult
	if err := cfg.check(); err != nil {
		return res, st, err
	}
	mailbox := cfg.Mailbox
	if mailbox == "" {
		mailbox = "INBOX"
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	max := cfg.MaxMessages
	if max <= 0 {
		max = 2000
	}

	c, stop, err := dial(ctx, cfg, timeout)
	if err != nil {
		return res, st, err
	}
	defer stop()
	defer c.Close()
	fail := func(what string, err error) error {
		if ctx.Err() != nil {
			return fmt.Errorf("imap %s: %s: %w", cfg.Host, what, ctx.Err())
		}
		if isNetwork(err) {
			return unreachable(net.JoinHostPort(strings.Trim(cfg.Host, "[]"), strconv.Itoa(cfg.port())), "stopped answering during "+what, err)
		}
		return fmt.Errorf("imap %s: %s: %w", cfg.Host, what, err)
	}

	if err := c.Login(cfg.User, cfg.Password).Wait(); err != nil {
		var ie *goimap.Error
		if errors.As(err, &ie) {
			return res, st, linkvet.Errorf(linkvet.EINVALID, "imap %s: the server refused the login for %s: %s", cfg.Host, cfg.User, ie.Text)
		}
		return res, st, fail("login", err)
	}
	// EXAMINE: the mailbox is opened read-only.
	sel, err := c.Select(mailbox, &goimap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		var ie *goimap.Error
		if errors.As(err, &ie) {
			return res, st, linkvet.Errorf(linkvet.ENOTFOUND, "imap %s: cannot open mailbox %q: %s", cfg.Host, mailbox, ie.Text)
		}
		return res, st, fail("examine "+mailbox, err)
	}
	next := State{Mailbox: mailbox, UIDValidity: sel.UIDValidity}
	if st.Mailbox == mailbox && st.UIDValidity == sel.UIDValidity && sel.UIDValidity != 0 {
		next.LastUID = st.LastUID
	} else if st.UIDValidity != 0 || st.LastUID != 0 {
		res.Reset = true
	}

	criteria := &goimap.SearchCriteria{}
	var set goimap.UIDSet
	set.AddRange(goimap.UID(next.LastUID+1), 0) // 0 is "*"
	criteria.UID = []goimap.UIDSet{set}
	criteria.And(fromAny(searchFrom))
	data, err := c.UIDSearch(criteria, nil).Wait()
	if err != nil {
		return res, next, fail("search", err)
	}
	var uids []goimap.UID
	for _, u := range data.AllUIDs() {
		// "n:*" always includes the highest UID, even below n.
		if uint32(u) > next.LastUID {
			uids = append(uids, u)
		}
	}
	slices.Sort(uids)
	res.Matched = len(uids)
	if len(uids) > max {
		uids, res.More = uids[:max], true
	}

	ref := func(uid goimap.UID) string {
		u := url.URL{Scheme: "imap", User: url.User(cfg.User), Host: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.port())), Path: "/" + mailbox}
		return u.String() + ";UIDVALIDITY=" + strconv.FormatUint(uint64(next.UIDValidity), 10) + "/;UID=" + strconv.FormatUint(uint64(uid), 10)
	}
	section := &goimap.FetchItemBodySection{Peek: true} // BODY.PEEK[]: leaves \Seen alone
	for start := 0; start < len(uids); start += fetchBatch {
		batch := uids[start:min(start+fetchBatch, len(uids))]
		cmd := c.Fetch(goimap.UIDSetNum(batch...), &goimap.FetchOptions{UID: true, BodySection: []*goimap.FetchItemBodySection{section}})
		got := map[goimap.UID][]byte{}
		for {
			msg := cmd.Next()
			if msg == nil {
				break
			}
			buf, err := msg.Collect()
			if err != nil {
				cmd.Close()
				return res, next, fail("fetch", err)
			}
			if b := buf.FindBodySection(section); b != nil && buf.UID != 0 {
				got[buf.UID] = b
			}
		}
		if err := cmd.Close(); err != nil {
			return res, next, fail("fetch", err)
		}
		// Read in UID order and advance the state message by message, so
		// that an error later loses nothing already read.
		for _, uid := range batch {
			if raw, ok := got[uid]; ok {
				res.Add(ref(uid), 1, raw)
				res.Fetched++
			} else {
				// Expunged between the search and the fetch: nothing to read.
				res.Skipped++
			}
			next.LastUID = uint32(uid)
		}
	}
	if err := c.Logout().Wait(); err != nil && ctx.Err() != nil {
		return res, next, fail("logout", err)
	}
	return res, next, nil
}

// fromAny is "FROM w1 OR FROM w2 ...".
func fromAny(words []string) *goimap.SearchCriteria {
	one := func(w string) goimap.SearchCriteria {
		return goimap.SearchCriteria{Header: []goimap.SearchCriteriaHeaderField{{Key: "From", Value: w}}}
	}
	c := one(words[len(words)-1])
	for i := len(words) - 2; i >= 0; i-- {
		c = goimap.SearchCriteria{Or: [][2]goimap.SearchCriteria{{one(words[i]), c}}}
	}
	return &c
}

func (cfg Config) port() int {
	if cfg.Port != 0 {
		return cfg.Port
	}
	if cfg.Security == "" || cfg.Security == TLS {
		return 993
	}
	return 143
}

// check validates the configuration before any connection is made.
func (cfg Config) check() error {
	switch {
	case cfg.Host == "":
		return linkvet.Errorf(linkvet.EINVALID, "imap: no server host given")
	case cfg.User == "":
		return linkvet.Errorf(linkvet.EINVALID, "imap %s: no user name given", cfg.Host)
	case cfg.Password == "":
		return linkvet.Errorf(linkvet.EINVALID, "imap %s: no password (give a password file with 0600 permissions or an environment variable)", cfg.Host)
	case cfg.Port < 0 || cfg.Port > 65535:
		return linkvet.Errorf(linkvet.EINVALID, "imap %s: port %d out of range", cfg.Host, cfg.Port)
	}
	switch cfg.Security {
	case "", TLS:
	case StartTLS, Plain:
		if !loopback(cfg.Host) {
			return linkvet.Errorf(linkvet.EINVALID, "imap %s: %s is only allowed for a server on this machine (127.0.0.1, ::1, localhost); use tls", cfg.Host, cfg.Security)
		}
	default:
		return linkvet.Errorf(linkvet.EINVALID, "imap %s: unknown security %q (want tls, starttls or plain)", cfg.Host, cfg.Security)
	}
	return nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// dial connects and waits for the greeting. The client has no context of
// its own: closing the connection is what ends a wait when ctx is done, so
// dial arranges that from the moment the connection exists; stop undoes it.
func dial(ctx context.Context, cfg Config, timeout time.Duration) (c *imapclient.Client, stop func() bool, err error) {
	tc := cfg.TLSConfig
	if tc == nil {
		tc = &tls.Config{}
	} else {
		tc = tc.Clone()
	}
	if tc.ServerName == "" {
		tc.ServerName = strings.Trim(cfg.Host, "[]")
	}
	if tc.MinVersion == 0 {
		tc.MinVersion = tls.VersionTLS12
	}
	opts := &imapclient.Options{TLSConfig: tc}
	addr := net.JoinHostPort(strings.Trim(cfg.Host, "[]"), strconv.Itoa(cfg.port()))
	d := &net.Dialer{Timeout: timeout}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, fmt.Errorf("imap %s: connect: %w", addr, ctx.Err())
		}
		return nil, nil, unreachable(addr, "cannot connect", err)
	}
	unwatch := context.AfterFunc(ctx, func() { raw.Close() })
	defer func() {
		if err != nil {
			unwatch()
			raw.Close()
			if ctx.Err() != nil {
				err = fmt.Errorf("imap %s: %w", addr, ctx.Err())
			}
		}
	}()
	// A server that stops answering must not hang the sync: every read
	// waits at most timeout.
	conn := net.Conn(&idleConn{Conn: raw, timeout: timeout})
	switch cfg.Security {
	case "", TLS:
		tconn := tls.Client(conn, tc)
		hctx, cancel := context.WithTimeout(ctx, timeout)
		err = tconn.HandshakeContext(hctx)
		cancel()
		if err != nil {
			if isNetwork(err) {
				return nil, nil, unreachable(addr, "the connection failed during the TLS handshake", err)
			}
			return nil, nil, fmt.Errorf("imap %s: TLS: %w", addr, err)
		}
		c = imapclient.New(tconn, opts)
	case StartTLS:
		c, err = imapclient.NewStartTLS(conn, opts)
		if err != nil {
			return nil, nil, fmt.Errorf("imap %s: STARTTLS: %w", addr, err)
		}
	case Plain:
		c = imapclient.New(conn, opts)
	}
	if err = c.WaitGreeting(); err != nil {
		c.Close()
		// No greeting is a connection that failed or a port where no IMAP
		// server listens: both are for the user to check.
		return nil, nil, unreachable(addr, "the server did not greet", err)
	}
	return c, unwatch, nil
}

// unreachable is a server that cannot be reached or stopped answering: the
// user's network, host name or port, or the server itself, never a bug in
// linkvet. The message names the server, the cause, and what to check.
func unreachable(addr, what string, err error) error {
	var dns *net.DNSError
	hint := "check the host and port in --server, your network connection, and that the server is up; then try again"
	cause := err.Error()
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		cause = "no such host"
		if !dns.IsNotFound {
			cause = "the host name could not be looked up"
		}
		hint = "check the host name in --server and your network connection; then try again"
	case errors.As(err, &op) && op.Err != nil:
		cause = op.Err.Error()
		var se *os.SyscallError
		if errors.As(op.Err, &se) {
			cause = se.Err.Error()
		}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		cause = "no answer in time"
	}
	if strings.HasPrefix(what, "stopped answering") {
		// Reached, then lost: what was read before is kept by the caller.
		return linkvet.Errorf(linkvet.EUNAVAILABLE, "imap server %s %s (%s); %s", addr, what, cause, hint)
	}
	return linkvet.Errorf(linkvet.EUNAVAILABLE, "imap server %s could not be reached: %s (%s); %s", addr, what, cause, hint)
}

// isNetwork says err is the connection failing (reset, closed, timed out)
// rather than the server saying something linkvet did not expect.
func isNetwork(err error) bool {
	var ne net.Error
	var op *net.OpError
	return errors.As(err, &ne) || errors.As(err, &op) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// idleConn bounds every read and write by a deadline.
type idleConn struct {
	net.Conn
	timeout time.Duration
}

func (c *idleConn) Read(p []byte) (int, error) {
	c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(p)
}

func (c *idleConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(p)
}
