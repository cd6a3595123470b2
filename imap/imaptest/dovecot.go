// Package imaptest starts a real, throwaway Dovecot IMAP server for tests:
// Debian's dovecot-imapd, on loopback ports, with one passwd-file user and a
// Maildir in the test's temporary folder, TLS with a certificate made for
// the test. Tests deliver messages by writing them into the Maildir.
//
// Start skips the test when Dovecot is not installed, unless the
// environment variable LINKVET_REQUIRE_DOVECOT is 1 (CI sets it), in which
// case the test fails: a missing server must not pass silently there.
package imaptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// Server is a running Dovecot.
type Server struct {
	Host      string // 127.0.0.1
	TLSPort   int    // IMAP over TLS
	PlainPort int    // IMAP without TLS (STARTTLS offered)
	User      string
	Password  string
	Maildir   string      // the user's Maildir: cur/, new/, tmp/
	TLS       *tls.Config // trusts the server's certificate
	Log       string      // Dovecot's log file

	uid, gid int
	seq      atomic.Int64
}

// Binary is where Debian installs Dovecot.
const Binary = "/usr/sbin/dovecot"

// Start starts Dovecot for the test and stops it when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	bin := Binary
	if _, err := os.Stat(bin); err != nil {
		if p, err := exec.LookPath("dovecot"); err == nil {
			bin = p
		} else {
			if os.Getenv("LINKVET_REQUIRE_DOVECOT") == "1" {
				t.Fatalf("dovecot is not installed (apt-get install dovecot-imapd) and LINKVET_REQUIRE_DOVECOT=1")
			}
			t.Skip("dovecot is not installed (apt-get install dovecot-imapd); set LINKVET_REQUIRE_DOVECOT=1 to fail instead")
		}
	}
	dir := t.TempDir()
	// Unix socket paths are limited to about 100 bytes: Dovecot's own
	// sockets go in a short folder of their own.
	run, err := os.MkdirTemp("", "lvdc")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(run) })

	s := &Server{Host: "127.0.0.1", User: "dana", Password: "correct horse " + strconv.FormatInt(time.Now().UnixNano()%1e6, 10)}
	s.uid, s.gid = os.Getuid(), os.Getgid()
	internal, login := "", ""
	if s.uid == 0 {
		// Dovecot refuses to give mail to root: the mail user is nobody,
		// and its folders must be reachable by it.
		u, err := user.Lookup("nobody")
		if err != nil {
			t.Fatalf("no user nobody for the mail processes: %v", err)
		}
		s.uid, _ = strconv.Atoi(u.Uid)
		s.gid, _ = strconv.Atoi(u.Gid)
		internal, login = "dovecot", "dovenull"
		if _, err := user.Lookup("dovecot"); err != nil {
			internal = "nobody"
		}
		if _, err := user.Lookup("dovenull"); err != nil {
			login = "nobody"
		}
		for _, d := range []string{filepath.Dir(dir), dir} {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	} else {
		cur, err := user.Current()
		if err != nil {
			t.Fatal(err)
		}
		internal, login = cur.Username, cur.Username
	}

	home := filepath.Join(dir, "home", s.User)
	s.Maildir = filepath.Join(home, "Maildir")
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(s.Maildir, sub), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{filepath.Join(dir, "home"), home, s.Maildir, filepath.Join(s.Maildir, "cur"), filepath.Join(s.Maildir, "new"), filepath.Join(s.Maildir, "tmp")} {
		if err := os.Lchown(d, s.uid, s.gid); err != nil {
			t.Fatal(err)
		}
	}

	certPEM, keyPEM := selfSigned(t)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	must(t, os.WriteFile(certFile, certPEM, 0o644))
	must(t, os.WriteFile(keyFile, keyPEM, 0o600))
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	s.TLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}

	passwd := filepath.Join(dir, "passwd")
	must(t, os.WriteFile(passwd, []byte(s.User+":{PLAIN}"+s.Password+"::::::\n"), 0o644))

	ports := freePorts(t, 2)
	s.TLSPort, s.PlainPort = ports[0], ports[1]
	s.Log = filepath.Join(dir, "dovecot.log")
	conf := fmt.Sprintf(`# a throwaway Dovecot for linkvet's tests
base_dir = %[1]s
state_dir = %[1]s/state
log_path = %[2]s
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <%[3]s
ssl_key = <%[4]s
disable_plaintext_auth = no
auth_mechanisms = plain
auth_failure_delay = 0
default_internal_user = %[5]s
default_login_user = %[6]s
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[7]s
}
userdb {
  driver = static
  args = uid=%[8]d gid=%[9]d home=%[10]s/home/%%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[11]d
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[12]d
    ssl = yes
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`, run, s.Log, certFile, keyFile, internal, login, passwd, s.uid, s.gid, dir, s.PlainPort, s.TLSPort)
	confFile := filepath.Join(dir, "dovecot.conf")
	must(t, os.WriteFile(confFile, []byte(conf), 0o644))

	cmd := exec.Command(bin, "-F", "-c", confFile)
	out, err := os.Create(filepath.Join(dir, "dovecot.out"))
	must(t, err)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); out.Close(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})

	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.TLSPort)), time.Second)
		if err == nil {
			c.Close()
			break
		}
		select {
		case <-exited:
			t.Fatalf("dovecot exited at start:\n%s\n%s", readFile(filepath.Join(dir, "dovecot.out")), readFile(s.Log))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("dovecot did not listen within 15 s:\n%s", readFile(s.Log))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("dovecot log:\n%s", readFile(s.Log))
		}
	})
	return s
}

// Deliver puts a message into the Maildir's new/ folder, as a delivery
// agent would: written in tmp/, then renamed.
func (s *Server) Deliver(t testing.TB, raw []byte) {
	t.Helper()
	name := fmt.Sprintf("%d.M%dP%d.linkvet-test", time.Now().Unix(), s.seq.Add(1), os.Getpid())
	tmp := filepath.Join(s.Maildir, "tmp", name)
	must(t, os.WriteFile(tmp, raw, 0o600))
	must(t, os.Lchown(tmp, s.uid, s.gid))
	must(t, os.Rename(tmp, filepath.Join(s.Maildir, "new", name)))
}

// Flagged returns the Maildir file names whose flags (the part after
// ":2,") are not empty: what a client changed, since delivered messages
// carry none.
func (s *Server) Flagged(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, sub := range []string{"cur", "new"} {
		ents, err := os.ReadDir(filepath.Join(s.Maildir, sub))
		must(t, err)
		for _, e := range ents {
			if _, flags, ok := strings.Cut(e.Name(), ":2,"); ok && flags != "" {
				out = append(out, sub+"/"+e.Name())
			}
		}
	}
	return out
}

// Count returns the number of messages in the Maildir.
func (s *Server) Count(t testing.TB) int {
	t.Helper()
	n := 0
	for _, sub := range []string{"cur", "new"} {
		ents, err := os.ReadDir(filepath.Join(s.Maildir, sub))
		must(t, err)
		n += len(ents)
	}
	return n
}

func selfSigned(t testing.TB) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	must(t, err)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(time.Now().UnixNano()),
		Subject:               pkix.Name{CommonName: "linkvet test IMAP server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	must(t, err)
	kb, err := x509.MarshalECPrivateKey(key)
	must(t, err)
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})
}

// freePorts finds n distinct free loopback ports, holding them all open
// while choosing so that none is handed out twice.
func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		must(t, err)
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports
}

func readFile(name string) string {
	b, _ := os.ReadFile(name)
	return string(b)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
