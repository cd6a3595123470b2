package imap

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// TestUnreachable: a server that cannot be reached, or that hangs up before
// it greets, is EUNAVAILABLE (the user's to check, not linkvet's bug), and
// the message names the server and what to check.
func TestUnreachable(t *testing.T) {
	// A port nothing listens on: take one, then close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedPort := ln.Addr().(*net.TCPAddr).Port
	ln.Close()

	// A server that accepts and hangs up at once.
	hangup, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer hangup.Close()
	go func() {
		for {
			c, err := hangup.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	hangupPort := hangup.Addr().(*net.TCPAddr).Port

	for _, tc := range []struct {
		name     string
		port     int
		security Security
		want     string
	}{
		{"connection refused", closedPort, TLS, "cannot connect (connection refused)"},
		{"hang-up during TLS", hangupPort, TLS, "the connection failed during the TLS handshake"},
		{"hang-up before the greeting", hangupPort, Plain, "the server did not greet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Config{Host: "127.0.0.1", Port: tc.port, User: "me", Password: "pw", Security: tc.security, Timeout: 5 * time.Second}
			_, _, err := Sync(context.Background(), cfg, State{})
			if linkvet.ErrorCode(err) != linkvet.EUNAVAILABLE {
				t.Fatalf("Sync: %v (code %q), want %s", err, linkvet.ErrorCode(err), linkvet.EUNAVAILABLE)
			}
			msg := linkvet.ErrorMessage(err)
			addr := "127.0.0.1:" + strconv.Itoa(tc.port)
			for _, want := range []string{"imap server " + addr + " could not be reached", tc.want, "check the host and port in --server"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q does not say %q", msg, want)
				}
			}
		})
	}
}

// TestUnreachableCanceled: an interrupted connect stays context.Canceled,
// for the CLI to say "interrupted" rather than blame the server.
func TestUnreachableCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := Config{Host: "127.0.0.1", Port: 1, User: "me", Password: "pw"}
	_, _, err := Sync(ctx, cfg, State{})
	if linkvet.ErrorCode(err) == linkvet.EUNAVAILABLE || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("Sync with a canceled context: %v (code %q)", err, linkvet.ErrorCode(err))
	}
}

// TestStoppedAnswering: a server that greets and then drops the connection
// is EUNAVAILABLE too, said as such.
func TestStoppedAnswering(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("* OK made-up server ready\r\n"))
			// Drop the connection once the client speaks, not before: a
			// close racing the greeting would test the greeting instead.
			c.Read(make([]byte, 512))
			c.Close()
		}
	}()
	port := ln.Addr().(*net.TCPAddr).Port
	cfg := Config{Host: "127.0.0.1", Port: port, User: "me", Password: "pw", Security: Plain, Timeout: 5 * time.Second}
	_, _, err = Sync(context.Background(), cfg, State{})
	if linkvet.ErrorCode(err) != linkvet.EUNAVAILABLE {
		t.Fatalf("Sync: %v (code %q), want %s", err, linkvet.ErrorCode(err), linkvet.EUNAVAILABLE)
	}
	want := "imap server 127.0.0.1:" + strconv.Itoa(port) + " stopped answering during login"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("message %q does not say %q", err, want)
	}
}
