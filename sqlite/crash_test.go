package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/linkvet/linkvet/sqlite"
)

const (
	crashChildEnv = "LINKVET_CRASH_CHILD" // set: this process is the child that gets killed
	crashDBEnv    = "LINKVET_CRASH_DB"
	crashKnown    = 30_000
	crashMessages = 100_000
)

// TestImportCrash kills an import with SIGKILL in the middle and checks
// that the database holds whole batches only, passes SQLite's integrity
// check, and that importing again completes it.
func TestImportCrash(t *testing.T) {
	if os.Getenv(crashChildEnv) != "" {
		crashChild(t)
		return
	}
	if testing.Short() {
		t.Skip("imports a big export in a child process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	path := filepath.Join(t.TempDir(), "linkvet.db")
	openAt(t, path).Close() // migrated before the child starts

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportCrash$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"=1", crashDBEnv+"="+path)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	// Kill the child once the messages are partly written: it is then in
	// the middle of a later batch.
	raw := rawDB(t, path)
	killed := false
	for !killed {
		select {
		case err := <-exited:
			t.Fatalf("the child finished before it could be killed (%v): make the export bigger", err)
		case <-time.After(5 * time.Millisecond):
		}
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM messages`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n >= 2*sqlite.BatchSize {
			if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
				t.Fatal(err)
			}
			<-exited
			killed = true
		}
	}
	raw.Close()

	// Open the database like a user would after the crash.
	db := openAt(t, path)
	raw = rawDB(t, path)
	checkIntegrity(t, raw)
	known, messages := count(t, raw, "known"), count(t, raw, "messages")
	t.Logf("after the kill: %d known people, %d messages", known, messages)
	if known != crashKnown {
		t.Errorf("%d known people, want all %d (written before the messages)", known, crashKnown)
	}
	if messages%sqlite.BatchSize != 0 && messages != crashMessages {
		t.Errorf("%d messages: not a whole number of %d-row batches", messages, sqlite.BatchSize)
	}
	runs, err := db.Imports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || !runs[0].FinishedAt.IsZero() {
		t.Errorf("import history %+v: want one unfinished run", runs)
	}
	// Opening the store after the kill marked the dead process's import.
	if runtime.GOOS != "windows" && (len(runs) != 1 || !runs[0].Abandoned) {
		t.Errorf("import history %+v: the killed import is not marked abandoned", runs)
	}

	// Importing again completes the import.
	res, err := db.Import(context.Background(), bigExport(crashKnown, crashMessages))
	if err != nil {
		t.Fatal(err)
	}
	if res.Messages != crashMessages-messages || res.Known != 0 {
		t.Errorf("second import %+v: want %d new messages, no known changes", res, crashMessages-messages)
	}
	checkIntegrity(t, raw)
	if n := count(t, raw, "messages"); n != crashMessages {
		t.Errorf("%d messages after the second import, want %d", n, crashMessages)
	}
	if n := count(t, raw, "known"); n != crashKnown {
		t.Errorf("%d known people after the second import, want %d", n, crashKnown)
	}
}

// crashChild is the process that gets killed.
func crashChild(t *testing.T) {
	db, err := sqlite.Open(context.Background(), os.Getenv(crashDBEnv))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(context.Background(), bigExport(crashKnown, crashMessages)); err != nil {
		t.Fatal(err)
	}
}

func checkIntegrity(t *testing.T, raw *sql.DB) {
	t.Helper()
	var res string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		t.Fatal(err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
}

func count(t *testing.T, raw *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
