package imap

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// TestPasswordFrom: the password comes from a private file or an
// environment variable, and every refusal says what to fix without
// showing the password.
func TestPasswordFrom(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string, perm os.FileMode) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), perm); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, perm); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good", "s3cret pass\n", 0o600)
	readOnly := write("ro", "s3cret pass", 0o400)
	open := write("open", "s3cret pass\n", 0o644)
	group := write("group", "s3cret pass\n", 0o640)
	empty := write("empty", "\n", 0o600)
	twoLines := write("two", "s3cret\nmore\n", 0o600)
	t.Setenv("LINKVET_TEST_PW", "from env")
	t.Setenv("LINKVET_TEST_EMPTY", "")

	for _, c := range []struct {
		file, env, want, err string
	}{
		{file: good, want: "s3cret pass"},
		{file: readOnly, want: "s3cret pass"},
		{file: good, env: "LINKVET_TEST_PW", want: "s3cret pass"},
		{env: "LINKVET_TEST_PW", want: "from env"},
		{file: open, err: "permissions 0644"},
		{file: group, err: "chmod 600"},
		{file: empty, err: "is empty"},
		{file: twoLines, err: "more than one line"},
		{file: filepath.Join(dir, "missing"), err: "does not exist"},
		{file: dir, err: "not a regular file"},
		{env: "LINKVET_TEST_UNSET_VARIABLE", err: "LINKVET_TEST_UNSET_VARIABLE that should hold the IMAP password is not set"},
		{env: "LINKVET_TEST_EMPTY", err: "is empty"},
		{err: "no IMAP password"},
	} {
		got, err := PasswordFrom(c.file, c.env)
		if c.err != "" {
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("PasswordFrom(%q, %q) = %q, %v; want an error saying %q", c.file, c.env, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("PasswordFrom(%q, %q) = %q, %v; want %q", c.file, c.env, got, err, c.want)
		}
	}
}

// TestConfigCheck: unencrypted connections are for the local machine only,
// and a bad configuration is refused before any connection is made.
func TestConfigCheck(t *testing.T) {
	ok := Config{Host: "imap.example.org", User: "dana", Password: "x"}
	for _, c := range []struct {
		cfg Config
		err string
	}{
		{ok, ""},
		{Config{Host: "127.0.0.1", User: "dana", Password: "x", Security: Plain}, ""},
		{Config{Host: "::1", User: "dana", Password: "x", Security: StartTLS}, ""},
		{Config{Host: "localhost", User: "dana", Password: "x", Security: Plain}, ""},
		{Config{Host: "imap.example.org", User: "dana", Password: "x", Security: Plain}, "only allowed for a server on this machine"},
		{Config{Host: "10.0.0.8", User: "dana", Password: "x", Security: StartTLS}, "only allowed for a server on this machine"},
		{Config{Host: "imap.example.org", User: "dana", Password: "x", Security: "ssl3"}, "unknown security"},
		{Config{User: "dana", Password: "x"}, "no server host"},
		{Config{Host: "h", Password: "x"}, "no user name"},
		{Config{Host: "h", User: "dana"}, "no password"},
		{Config{Host: "h", User: "dana", Password: "x", Port: 70000}, "out of range"},
	} {
		err := c.cfg.check()
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || linkvet.ErrorCode(err) != linkvet.EINVALID) {
			t.Errorf("check(%+v) = %v, want %q", c.cfg, err, c.err)
		}
	}
	if ok.port() != 993 || (Config{Security: StartTLS}).port() != 143 || (Config{Port: 1993}).port() != 1993 {
		t.Error("default ports")
	}
	// Sync refuses a bad configuration without dialling.
	if _, st, err := Sync(context.Background(), Config{Host: "imap.example.org", User: "dana", Password: "x", Security: Plain}, State{LastUID: 9}); err == nil || st.LastUID != 9 {
		t.Errorf("Sync with plain text to a remote host: %v, state %+v", err, st)
	}
}

func TestSearchCriteria(t *testing.T) {
	c := fromAny([]string{"a", "b", "c"})
	if len(c.Or) != 1 || c.Or[0][0].Header[0].Value != "a" || c.Or[0][1].Or[0][1].Header[0].Value != "c" {
		t.Errorf("fromAny: %+v", c)
	}
}

// TestSilentServer: a server that accepts and says nothing does not hang
// the sync: the timeout ends it, and so does the caller's context.
func TestSilentServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // held open, silent, until the test ends
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	for _, sec := range []Security{Plain, TLS} {
		cfg := Config{Host: "127.0.0.1", Port: port, User: "dana", Password: "x", Security: sec, Timeout: 300 * time.Millisecond}
		start := time.Now()
		_, _, err := Sync(context.Background(), cfg, State{})
		if err == nil || time.Since(start) > 5*time.Second {
			t.Errorf("%s: silent server: %v after %v", sec, err, time.Since(start))
		}
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		cfg.Timeout = time.Hour
		start = time.Now()
		_, _, err = Sync(ctx, cfg, State{})
		cancel()
		if err == nil || time.Since(start) > 5*time.Second {
			t.Errorf("%s: cancelled context: %v after %v", sec, err, time.Since(start))
		}
	}
}

func TestParseServer(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Config
		err  string
	}{
		{in: "imaps://dana@imap.example.org/INBOX", want: Config{Host: "imap.example.org", User: "dana", Mailbox: "INBOX", Security: TLS}},
		{in: "imaps://dana%40example.org@imap.example.org:1993/Social/LinkedIn", want: Config{Host: "imap.example.org", User: "dana@example.org", Port: 1993, Mailbox: "Social/LinkedIn", Security: TLS}},
		{in: "imap.example.org", want: Config{Host: "imap.example.org", Security: TLS}},
		{in: "imap://dana@127.0.0.1:1143", want: Config{Host: "127.0.0.1", User: "dana", Port: 1143, Security: StartTLS}},
		{in: "imap://dana@imap.example.org", err: "only allowed for a server on this machine"},
		{in: "imaps://dana:hunter2@imap.example.org", err: "holds a password"},
		{in: "pop3://imap.example.org", err: "neither imaps nor imap"},
		{in: "imaps://imap.example.org:99999", err: "out of range"},
		{in: "", err: "no IMAP server"},
	} {
		got, err := ParseServer(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("ParseServer(%q) = %v, want an error saying %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got.Host != c.want.Host || got.User != c.want.User || got.Port != c.want.Port || got.Mailbox != c.want.Mailbox || got.Security != c.want.Security {
			t.Errorf("ParseServer(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
}
