package imap_test

import (
	"context"
	"fmt"
	"os"

	"github.com/linkvet/linkvet/imap"
)

// How `linkvet mail sync` uses the package: the password from a private
// file (or an environment variable), the state from the last run, the new
// state stored after this one.
func ExampleSync() {
	pw, err := imap.PasswordFrom(os.ExpandEnv("$HOME/.config/linkvet/imap-password"), "LINKVET_IMAP_PASSWORD")
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // e.g. "password file ... has permissions 0644 ...; chmod 600 ..."
		return
	}
	cfg := imap.Config{Host: "imap.example.org", User: "dana@example.org", Password: pw}
	var last imap.State // loaded from where the caller keeps it
	res, next, err := imap.Sync(context.Background(), cfg, last)
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // next still covers what was read: store it
	}
	fmt.Println(len(res.Invitations), "invitations,", len(res.Phishing), "phishing,", res.Fetched, "fetched")
	_ = next // store it for the next run
}
