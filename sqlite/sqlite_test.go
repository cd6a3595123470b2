package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

func TestOpenCreatesPrivateFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	dir := filepath.Join(t.TempDir(), "data", "linkvet")
	path := filepath.Join(dir, "linkvet.db")
	db := openAt(t, path)
	// Write something so that the WAL files exist too.
	if _, err := db.PutInvitations(context.Background(), []linkvet.Invitation{{ID: "a", Person: linkvet.Person{Name: "A"}}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatalf("stat %s: %v", f, err)
		}
		if perm := fi.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), perm)
		}
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		t.Errorf("directory has mode %v, want 0700", perm)
	}
	if db.Path() != path {
		t.Errorf("Path() = %s, want %s", db.Path(), path)
	}
}

func TestOpenPragmas(t *testing.T) {
	db := openTest(t)
	raw := rawDB(t, db.Path())
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "synchronous": "1", "busy_timeout": "5000"} {
		var got string
		if err := raw.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
}

// rawDB opens the file with the same pragmas the package uses, for checks
// the API does not offer.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { raw.Close() })
	return raw
}

func TestMigrationsOrderedAndIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkvet.db")
	db := openAt(t, path)
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v < 3 {
		t.Fatalf("schema version %d, want at least 3", v)
	}
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "kept", Person: linkvet.Person{Name: "Kim"}}}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// Opening again applies nothing and keeps the data.
	db = openAt(t, path)
	if _, err := db.Invitation(ctx, "kept"); err != nil {
		t.Fatalf("data lost on reopen: %v", err)
	}
	raw := rawDB(t, path)
	rows, err := raw.Query(`SELECT version, name FROM schema_migrations ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var versions []int
	for rows.Next() {
		var v int
		var name string
		if err := rows.Scan(&v, &name); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".sql") {
			t.Errorf("migration %d recorded as %q", v, name)
		}
		versions = append(versions, v)
	}
	// Versions rise strictly (each applied once, in order); a branch may
	// lack a number another branch brings.
	for i, v := range versions {
		if v <= 0 || (i > 0 && v <= versions[i-1]) {
			t.Fatalf("migrations applied in order %v, want each once in rising order", versions)
		}
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linkvet.db")
	openAt(t, path).Close()
	raw := rawDB(t, path)
	if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', 'x')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := sqlite.Open(context.Background(), path)
	if linkvet.ErrorCode(err) != linkvet.ECONFLICT {
		t.Fatalf("Open of a newer database: %v (code %q), want %s", err, linkvet.ErrorCode(err), linkvet.ECONFLICT)
	}
	if msg := linkvet.ErrorMessage(err); !strings.Contains(msg, "999") || !strings.Contains(msg, "newer") {
		t.Errorf("message %q should name the version and say it is newer", msg)
	}
}

func TestOpenBadPaths(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, code string
	}{
		{"empty", "", linkvet.EINVALID},
		{"directory", dir, linkvet.EINVALID},
		{"text file", notDB, linkvet.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := sqlite.Open(context.Background(), tc.path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			if linkvet.ErrorCode(err) != tc.code {
				t.Fatalf("Open: %v (code %q), want code %q", err, linkvet.ErrorCode(err), tc.code)
			}
		})
	}
	// The text file is untouched.
	if b, _ := os.ReadFile(notDB); !strings.HasPrefix(string(b), "not a database") {
		t.Error("Open changed a file that is not a database")
	}
}

func TestOpenPathWithURICharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd?name#1%20.db")
	db := openAt(t, path)
	if _, err := db.PutInvitations(context.Background(), []linkvet.Invitation{{ID: "x", Person: linkvet.Person{Name: "X"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database not at the path given: %v", err)
	}
}
