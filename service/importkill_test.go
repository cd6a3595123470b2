package service_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

const (
	streamKillChildEnv = "LINKVET_STREAM_KILL_CHILD" // the export folder: this process imports it and gets killed
	streamKillDBEnv    = "LINKVET_STREAM_KILL_DB"
	streamKillPeople   = 100_000
)

// TestImportStreamKill kills a streamed import with SIGKILL while it
// writes its batches: the store passes SQLite's integrity check, holds
// whole batches of the reader's, the run is marked abandoned at the next
// start, and importing again completes it with every person once.
func TestImportStreamKill(t *testing.T) {
	if dir := os.Getenv(streamKillChildEnv); dir != "" {
		db, err := sqlite.Open(context.Background(), os.Getenv(streamKillDBEnv))
		if err != nil {
			t.Fatal(err)
		}
		importDir(t, service.New(service.Config{Store: db}), dir, time.UTC)
		return
	}
	if testing.Short() {
		t.Skip("imports a big export in a child process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	dir := writeExport(t, streamKillPeople, true)
	path := filepath.Join(t.TempDir(), "linkvet.db")
	db0, err := sqlite.Open(context.Background(), path) // migrated before the child starts
	if err != nil {
		t.Fatal(err)
	}
	db0.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportStreamKill$", "-test.count=1")
	cmd.Env = append(os.Environ(), streamKillChildEnv+"="+dir, streamKillDBEnv+"="+path)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for killed := false; !killed; {
		select {
		case err := <-exited:
			t.Fatalf("the child finished before it could be killed (%v): make the export bigger", err)
		case <-time.After(5 * time.Millisecond):
		}
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM known`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n >= 3*linkedin.StreamBatch {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			<-exited
			killed = true
		}
	}
	raw.Close()

	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	integrity(t, path)
	known, err := db.Known(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(known)%linkedin.StreamBatch != 0 {
		t.Errorf("%d known people after the kill: not whole batches of %d", len(known), linkedin.StreamBatch)
	}
	runs, err := db.Imports(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || !runs[0].FinishedAt.IsZero() || !runs[0].Abandoned {
		t.Errorf("import history %+v: want one run, unfinished and marked abandoned", runs)
	}
	svc := service.New(service.Config{Store: db})
	imp := importDir(t, svc, dir, time.UTC)
	if imp.Result.Known != streamKillPeople+2-len(known) {
		t.Errorf("the second import changed %d known people, want the %d missing", imp.Result.Known, streamKillPeople+2-len(known))
	}
	integrity(t, path)
	if all, _ := db.Known(context.Background()); len(all) != streamKillPeople+2 {
		t.Errorf("%d known people after the second import, want %d", len(all), streamKillPeople+2)
	}
}
