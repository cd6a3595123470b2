package service_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

const (
	childEnv   = "LINKVET_SERVICE_CHILD" // "decide:N" or "decide-forever"
	childDBEnv = "LINKVET_SERVICE_DB"
	invCount   = 20
	perChild   = 150
)

// TestMain lets the test binary act as a deciding child process.
func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(deciderChild(mode, os.Getenv(childDBEnv)))
	}
	os.Exit(m.Run())
}

// deciderChild decides on the seeded invitations through the service, as
// `linkvet decide` does, and reports any failure with exit status 1.
func deciderChild(mode, path string) int {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	svc := service.New(service.Config{Store: db})
	seed, forever := 0, mode == "decide-forever"
	if !forever {
		seed, _ = strconv.Atoi(mode[len("decide:"):])
	}
	for i := 0; forever || i < perChild; i++ {
		id := fmt.Sprintf("inv-%02d", (i*7+seed)%invCount)
		act := linkvet.Actions[(i+seed)%len(linkvet.Actions)]
		var err error
		if (i+seed)%11 == 0 {
			_, err = svc.Undo(ctx, id)
		} else {
			_, err = svc.Decide(ctx, id, act, "")
		}
		// A conflict is the user's own mistake (deciding what stands, or
		// undoing nothing), never contention.
		if err != nil && linkvet.ErrorCode(err) != linkvet.ECONFLICT {
			fmt.Fprintf(os.Stderr, "decide %s %s: %v\n", id, act, err)
			return 1
		}
	}
	return 0
}

func seedStore(t *testing.T) (string, *sqlite.DB, *service.Service) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkvet.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(service.Config{Store: db})
	var invs []linkvet.Invitation
	for i := range invCount {
		invs = append(invs, linkvet.Invitation{ID: fmt.Sprintf("inv-%02d", i),
			Message: fmt.Sprintf("Hello, we met at meetup number %d about streaming data", i),
			Person:  linkvet.Person{Name: fmt.Sprintf("Made Up %d", i), Headline: "Engineer at Example Corp " + strconv.Itoa(i%3)}})
	}
	if _, err := svc.Add(ctx, invs); err != nil {
		t.Fatal(err)
	}
	return path, db, svc
}

func startChild(t *testing.T, mode, path string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childDBEnv+"="+path)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func integrity(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var res string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}

// consistent checks that the classifier equals one rebuilt from the
// standing decisions.
func consistent(t *testing.T, svc *service.Service) {
	t.Helper()
	ctx := context.Background()
	if err := svc.Check(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := svc.LearnStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after, err := svc.Rebuild(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Fatalf("classifier %v, rebuilt from the decisions %v", before, after)
	}
	dec, err := svc.StandingDecisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Trained != len(dec) {
		t.Fatalf("classifier holds %d decisions, %d stand", before.Trained, len(dec))
	}
}

// TestConcurrentDecideAndImport runs two processes deciding on the same
// invitations while this one imports an export: no action fails, and the
// classifier ends equal to one rebuilt from the decisions.
func TestConcurrentDecideAndImport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path, _, svc := seedStore(t)
	a, b := startChild(t, "decide:1", path), startChild(t, "decide:2", path)
	var wg sync.WaitGroup
	wg.Add(1)
	var importErr error
	go func() {
		defer wg.Done()
		exp := bigExport(20_000)
		_, importErr = svc.Import(context.Background(), func(linkedin.Options) (*linkvet.Export, error) { return exp, nil }, linkedin.Options{})
	}()
	errA, errB := a.Wait(), b.Wait()
	wg.Wait()
	if errA != nil || errB != nil || importErr != nil {
		t.Fatalf("deciders: %v, %v; import: %v", errA, errB, importErr)
	}
	integrity(t, path)
	consistent(t, svc)
	hist, err := svc.Store().Decisions(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d decisions recorded by two processes during an import", len(hist))
}

// TestDecideKill kills a process deciding in a loop and checks that every
// decision is whole: with its training, or not at all.
func TestDecideKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a child process")
	}
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	path, db, svc := seedStore(t)
	cmd := startChild(t, "decide-forever", path)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.After(60 * time.Second)
	for {
		select {
		case err := <-exited:
			t.Fatalf("the decider stopped on its own: %v", err)
		case <-deadline:
			t.Fatal("the decider recorded too few decisions in a minute")
		case <-time.After(3 * time.Millisecond):
		}
		hist, err := db.Decisions(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) >= 60 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-exited
	integrity(t, path)
	consistent(t, svc)
}

// bigExport is an export with n known people and as many messages.
func bigExport(n int) *linkvet.Export {
	e := &linkvet.Export{}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		e.Known = append(e.Known, linkvet.KnownPerson{Name: fmt.Sprintf("Known %d", i), ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/known-%d", i), Sources: []string{"connection"}, Since: at})
		e.Messages = append(e.Messages, linkvet.Message{From: fmt.Sprintf("Known %d", i), To: "Me", At: at.Add(time.Duration(i) * time.Minute), Content: "hello " + strconv.Itoa(i)})
	}
	return e
}

// TestConcurrentWritersInOneProcess is the web app's case: many requests
// deciding at once through one service while an import runs. Every action
// succeeds or fails for the user's own reason (a conflict), never for
// contention, and what is reported saved is saved.
func TestConcurrentWritersInOneProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("imports a big export")
	}
	_, db, svc := seedStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	saved := map[int64]bool{}
	var failures []error
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				id := fmt.Sprintf("inv-%02d", (i*3+w)%invCount)
				res, err := svc.Decide(ctx, id, linkvet.Actions[(i+w)%len(linkvet.Actions)], "")
				mu.Lock()
				switch {
				case err == nil:
					saved[res.Decision.ID] = true
				case linkvet.ErrorCode(err) != linkvet.ECONFLICT:
					failures = append(failures, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		exp := bigExport(20_000)
		if _, err := svc.Import(ctx, func(linkedin.Options) (*linkvet.Export, error) { return exp, nil }, linkedin.Options{}); err != nil {
			mu.Lock()
			failures = append(failures, err)
			mu.Unlock()
		}
	}()
	wg.Wait()
	for _, err := range failures {
		t.Errorf("an action failed: %v", err)
	}
	hist, err := db.Decisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]bool{}
	for _, d := range hist {
		stored[d.ID] = true
	}
	for id := range saved {
		if !stored[id] {
			t.Errorf("decision %d was reported saved but is not stored", id)
		}
	}
	if len(stored) != len(saved) {
		t.Errorf("%d decisions stored, %d reported saved", len(stored), len(saved))
	}
	consistent(t, svc)
}
