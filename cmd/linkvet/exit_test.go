package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes holds the CLI to the guide's exit statuses: 1 when an
// input is unreadable or rejected, a database is missing or a server cannot
// be reached, 2 for a usage error or an invalid policy. Each case runs in a
// directory of its own with a new database.
func TestExitCodes(t *testing.T) {
	files := map[string]string{
		"trunc.json": `{"format":"linkvet-export",` + "\n" + `"invitations":[{"id":"a"`,
		"bad.json":   "{\"format\":\n  \"linkvet-export\" x}\n",
		"two.jsonl":  `{"person":{"name":"Ana Ruiz"}}` + "\n" + `{"person":{"name":"Ben Ode"}}` + "\n",
		"none.jsonl": "",
		"pw":         "not-a-real-password\n",
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"restore of a cut-short export", []string{"restore", "trunc.json"}, exitRejected, "trunc.json:2:25: not a linkvet export: the file ends in the middle"},
		{"restore of a damaged export", []string{"restore", "bad.json"}, exitRejected, "bad.json:2:20: not a linkvet export: invalid character 'x'"},
		{"restore of an empty file", []string{"restore", "none.jsonl"}, exitRejected, "none.jsonl: the file is empty"},
		{"outreach check of two people", []string{"outreach", "check", "two.jsonl"}, exitRejected, "two.jsonl holds 2 invitations"},
		{"outreach sent of nobody", []string{"outreach", "sent", "none.jsonl"}, exitRejected, "none.jsonl holds no invitation"},
		{"an unknown action", []string{"decide", "x", "maybe"}, exitUsage, `"maybe" is not one of`},
		// Nothing listens on port 1: the server is unreachable, which is
		// not a bug in linkvet (exit 3) but something for the user to check.
		{"a mail server that cannot be reached", []string{"mail", "sync", "--server", "imaps://me@127.0.0.1:1/INBOX", "--password-file", "pw"}, exitRejected, "imap server 127.0.0.1:1 could not be reached"},
		{"outreach plan on a missing database", []string{"outreach", "plan"}, exitRejected, "no linkvet database at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			var stdout, stderr bytes.Buffer
			args := append([]string{"--db", "t.db"}, tt.args...)
			code := exitCode(run(context.Background(), args, strings.NewReader(""), &stdout, &stderr), &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("linkvet %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stderr.String(), tt.code, tt.stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "t.db")); err == nil {
				t.Errorf("linkvet %s left a database behind", strings.Join(tt.args, " "))
			}
		})
	}
}
