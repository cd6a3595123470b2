package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/imap"
	"github.com/linkvet/linkvet/read"
	"github.com/linkvet/linkvet/service"
)

// mailCmd is `linkvet mail`: LinkedIn's invitation e-mails straight from
// the user's mailbox.
func mailCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "mail",
		Short: "Read LinkedIn's invitation e-mails from your IMAP mailbox",
	}
	c.AddCommand(mailSyncCmd(e))
	return c
}

// PasswordEnv is the environment variable the IMAP password may come from.
const PasswordEnv = "LINKVET_IMAP_PASSWORD"

func mailSyncCmd(e *env) *cobra.Command {
	var server, passwordFile, caFile string
	c := &cobra.Command{
		Use:   "sync --server imaps://USER@HOST[:PORT]/MAILBOX",
		Short: "Fetch new LinkedIn invitation e-mails from an IMAP mailbox and bring them in",
		Long: `Sync reads the LinkedIn invitation e-mails that arrived in an IMAP mailbox since
the last sync and brings them in as 'linkvet import' does: each enriches the
invitation already stored (the headline, the mutual connections, the note,
the Accept link for you to click) or is added, and is screened.

The mailbox is only read: it is opened read-only (EXAMINE) and messages are
fetched without even marking them seen; nothing is moved, flagged or deleted.
The server finds LinkedIn's messages for linkvet; where the last sync stopped
(the mailbox's UIDVALIDITY and last UID) is kept in the database, so a second
run fetches only what is new. E-mails that imitate LinkedIn are reported as
phishing and never imported.

The password is read from a file only you can read (--password-file, mode
0600) or from the environment variable ` + PasswordEnv + `; never from the
command line, and it is never stored. linkvet never logs in to LinkedIn.`,
		Example: `  linkvet mail sync --server imaps://dana@imap.example.org/INBOX --password-file ~/.config/linkvet/imap-password
  LINKVET_IMAP_PASSWORD=... linkvet mail sync --server imaps://dana%40example.org@mail.example.org:993/LinkedIn`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if server == "" {
				return usageError{fmt.Errorf("--server is required, e.g. imaps://you@imap.example.org/INBOX")}
			}
			cfg, err := imap.ParseServer(server)
			if err != nil {
				return err
			}
			if passwordFile == "" && e.getenv(PasswordEnv) == "" {
				return usageError{fmt.Errorf("no password: give --password-file FILE (mode 0600) or set %s", PasswordEnv)}
			}
			if passwordFile != "" {
				cfg.Password, err = imap.PasswordFrom(passwordFile, "")
			} else {
				cfg.Password = e.getenv(PasswordEnv)
			}
			if err != nil {
				return err
			}
			if caFile != "" {
				pem, err := os.ReadFile(caFile)
				if err != nil {
					return fileError{err: fmt.Errorf("--ca-file: %w", err)}
				}
				pool, err := x509.SystemCertPool()
				if err != nil || pool == nil {
					pool = x509.NewCertPool()
				}
				if !pool.AppendCertsFromPEM(pem) {
					return linkvet.Errorf(linkvet.EINVALID, "--ca-file %s: no PEM certificate in it", caFile)
				}
				cfg.TLSConfig = &tls.Config{RootCAs: pool, ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			key := mailStateKey(cfg)
			var st imap.State
			stored, err := svc.StoredSyncState(e.ctx, key)
			if err != nil {
				return err
			}
			if stored != "" {
				if err := json.Unmarshal([]byte(stored), &st); err != nil {
					return fmt.Errorf("read the stored position of %s (it is reset by the next sync): %w", key, err)
				}
			}
			sr, next, syncErr := imap.Sync(e.ctx, cfg, st)
			if syncErr != nil && (sr.Fetched == 0 || next == (imap.State{})) {
				// Nothing was read: the stored position stays as it was.
				return fmt.Errorf("mail sync: %w", syncErr)
			}
			res := read.FromMail(sr.Result)
			state, err := json.Marshal(next)
			if err != nil {
				return fmt.Errorf("encode sync state: %w", err)
			}
			got, err := svc.Ingest(e.ctx, ingestRecords(res), service.IngestOptions{Sync: &service.SyncState{Key: key, Value: string(state)}})
			if err != nil {
				return err
			}
			if sr.Reset {
				fmt.Fprintln(e.stdout, "the mailbox was renumbered by the server (UIDVALIDITY changed): read again from the start")
			}
			fmt.Fprintf(e.stdout, "fetched %d new message%s from %s\n", sr.Fetched, plural(sr.Fetched), key[len("imap:"):])
			var rep ingestReport
			if sr.Fetched > 0 {
				e.printIngest(e.stdout, "mailbox", res, got, &rep)
			} else {
				rep.total = got
			}
			fmt.Fprintf(e.stdout, "new %d, enriched %d, unchanged %d, phishing %d, not understood %d\n",
				got.Added, got.Enriched, got.Unchanged, len(res.Phishing), len(res.Problems))
			if sr.More {
				fmt.Fprintln(e.stdout, "more messages are waiting: run linkvet mail sync again")
			}
			if syncErr != nil {
				return fmt.Errorf("mail sync stopped (what was read before is kept): %w", syncErr)
			}
			return rep.err()
		}),
	}
	c.Flags().StringVar(&server, "server", "", "the mailbox: imaps://USER@HOST[:PORT]/MAILBOX")
	c.Flags().StringVar(&passwordFile, "password-file", "", "file holding the IMAP password, readable by you alone (else $"+PasswordEnv+")")
	c.Flags().StringVar(&caFile, "ca-file", "", "also trust this CA certificate (PEM), for a server with a certificate of its own")
	return c
}

// mailStateKey names a mailbox's position in the store: one per server,
// user and mailbox.
func mailStateKey(cfg imap.Config) string {
	port := cfg.Port
	if port == 0 {
		port = 993
		if cfg.Security != "" && cfg.Security != imap.TLS {
			port = 143
		}
	}
	mbox := cfg.Mailbox
	if mbox == "" {
		mbox = "INBOX"
	}
	return "imap:" + cfg.User + "@" + net.JoinHostPort(cfg.Host, strconv.Itoa(port)) + "/" + mbox
}
