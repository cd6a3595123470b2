package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
	"github.com/linkvet/linkvet/web"
)

// minTokenLength keeps a guessable token from guarding a server that is
// reachable from the network.
const minTokenLength = 16

func serveCmd(e *env) *cobra.Command {
	var addr, token, tokenFile, tlsCert, tlsKey string
	var demoMode bool
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web app and the JSON API on this machine",
		Long: `Serve starts linkvet's web app and its JSON API (/api/v1/, described at
/api/v1/openapi.json) on one address, both reading the same database as the
other commands. The policy is the one in force in the database (linkvet policy
show; edit it on the Policy page or with linkvet policy use FILE); --policy FILE
serves with that file for this run only (a policy saved on the Policy page
meanwhile is stored, and takes effect when the server runs without --policy).

By default it listens on 127.0.0.1:8080, reachable from this machine only.
Listening on any other address requires an access token (--token, or
--token-file to keep it out of the process list): open the printed address
once in the browser (it carries a one-time login code, never the token)
and the browser keeps a session for 12 hours;
API clients send "Authorization: Bearer TOKEN".

Over plain HTTP, the token, the session cookie and your data cross the
network in cleartext. --tls-cert and --tls-key (PEM files, such as a
certificate your own CA or mkcert made for this machine's name) serve
HTTPS instead; the session cookie is then marked Secure.

--demo serves the bundled demo inbox from a throw-away database, to try
linkvet without any data of your own. Ctrl-C stops the server.`,
		Example: `  linkvet serve --demo
  linkvet serve --addr 127.0.0.1:9000
  linkvet serve --addr 0.0.0.0:8080 --token-file ~/.config/linkvet/token
  linkvet serve --addr 0.0.0.0:8443 --token-file token --tls-cert host.pem --tls-key host-key.pem`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if demoMode && e.policyPath != "" {
				return usageError{errors.New("--demo serves the demo user's policy; drop --policy, or drop --demo")}
			}
			if demoMode && e.dbPath != "" {
				return usageError{errors.New("--demo serves a throw-away database; drop --db, or drop --demo to serve " + e.dbPath)}
			}
			tok, err := readToken(token, tokenFile)
			if err != nil {
				return err
			}
			if err := web.CheckBind(addr, tok); err != nil {
				return usageError{err}
			}
			cert, err := loadCertificate(tlsCert, tlsKey)
			if err != nil {
				return err
			}
			return e.serve(addr, tok, demoMode, cert)
		}),
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "listen on HOST:PORT")
	c.Flags().BoolVar(&demoMode, "demo", false, "serve the bundled demo inbox from a throw-away database")
	c.Flags().StringVar(&token, "token", "", "access token every request must carry (required off loopback)")
	c.Flags().StringVar(&tokenFile, "token-file", "", "read the access token from this file")
	c.Flags().StringVar(&tlsCert, "tls-cert", "", "serve HTTPS with this certificate (PEM; with --tls-key)")
	c.Flags().StringVar(&tlsKey, "tls-key", "", "the private key of --tls-cert (PEM)")
	return c
}

// loadCertificate reads the certificate and key of --tls-cert and
// --tls-key; nil when neither is given (plain HTTP).
func loadCertificate(certFile, keyFile string) (*tls.Certificate, error) {
	switch {
	case certFile == "" && keyFile == "":
		return nil, nil
	case certFile == "":
		return nil, usageError{errors.New("--tls-key needs --tls-cert, the certificate it belongs to")}
	case keyFile == "":
		return nil, usageError{errors.New("--tls-cert needs --tls-key, its private key")}
	}
	for _, f := range []struct{ flag, path string }{{"--tls-cert", certFile}, {"--tls-key", keyFile}} {
		if _, err := os.Stat(f.path); err != nil {
			return nil, linkvet.Errorf(linkvet.EINVALID, "%s: cannot read %s: %v", f.flag, f.path, errors.Unwrap(err))
		}
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, linkvet.Errorf(linkvet.EINVALID, "--tls-cert %s and --tls-key %s: %v", certFile, keyFile, err)
	}
	return &cert, nil
}

// readToken returns the token from --token or --token-file.
func readToken(token, file string) (string, error) {
	if token != "" && file != "" {
		return "", usageError{errors.New("give --token or --token-file, not both")}
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", linkvet.Errorf(linkvet.EINVALID, "--token-file: cannot read %s: %v", file, errors.Unwrap(err))
		}
		token = strings.TrimSpace(string(data))
		if token == "" {
			return "", usageError{fmt.Errorf("--token-file: %s is empty", file)}
		}
	}
	token = strings.TrimSpace(token)
	if token != "" && len(token) < minTokenLength {
		return "", usageError{fmt.Errorf("the token has %d characters; use at least %d random ones (for example: openssl rand -hex 16)", len(token), minTokenLength)}
	}
	return token, nil
}

func (e *env) serve(addr, token string, demoMode bool, cert *tls.Certificate) error {
	var svc *service.Service
	clock := time.Now
	if e.nowFlag != "" || demoMode {
		fixed := web.DemoNow()
		if e.nowFlag != "" {
			var err error
			if fixed, err = e.now(); err != nil {
				return err
			}
		}
		clock = func() time.Time { return fixed }
	}
	if demoMode {
		dir, err := os.MkdirTemp("", "linkvet-demo-*")
		if err != nil {
			return fmt.Errorf("make the demo database directory: %w", err)
		}
		// main cancels e.ctx on SIGINT and SIGTERM, so this runs on both.
		defer os.RemoveAll(dir)
		db, err := sqlite.Open(e.ctx, dir+string(os.PathSeparator)+"demo.db")
		if err != nil {
			return fmt.Errorf("open the demo database: %w", err)
		}
		defer db.Close()
		db.SetNow(clock)
		svc = service.New(service.Config{Store: db, Now: clock})
		if err := svc.LoadDemo(e.ctx); err != nil {
			return err
		}
		// Follow-ups, outreach and network get something to show too.
		if err := svc.LoadDemoExtras(e.ctx); err != nil {
			return err
		}
	} else {
		var done func()
		var err error
		if svc, done, err = e.service(false); err != nil {
			return err
		}
		defer done()
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv, err := web.New(web.Config{
		Service: svc,
		Now:     clock,
		Logger:  logger,
		Token:   token,
	})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "cannot listen on %s: %v", addr, errors.Unwrap(err))
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return e.ctx },
	}
	scheme := "http"
	if cert != nil {
		scheme = "https"
		hs.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, hs.TLSConfig)
	} else if w := web.BindWarning(addr); w != "" {
		fmt.Fprintln(e.stderr, "linkvet: "+w)
	}
	// The printed address carries a one-time login code, never the token.
	url := srv.LoginURL(scheme + "://" + ln.Addr().String())
	what := "your inbox"
	if demoMode {
		what = "the demo inbox"
	}
	fmt.Fprintf(e.stdout, "linkvet: serving %s at %s (Ctrl-C stops)\n", what, url)

	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-e.ctx.Done():
	}
	// Let requests in flight (an import, say) finish, within reason.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(e.ctx), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	fmt.Fprintln(e.stdout, "linkvet: stopped")
	return nil
}
