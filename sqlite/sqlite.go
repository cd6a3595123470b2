// Package sqlite is linkvet's local store: it implements linkvet.Store on a
// single SQLite file through modernc.org/sqlite (pure Go, no cgo).
//
// # Model
//
// A DB is one database file, private to the user (created 0600 in a 0700
// directory), opened in WAL mode with foreign keys on, synchronous=NORMAL
// and a busy timeout so that the CLI and the web app can share it. Open
// applies the embedded migrations (migrations/NNNN_name.sql) in order, each
// in its own transaction together with its row in schema_migrations, and
// refuses a file whose schema is newer than this build knows.
//
// The schema (see the migrations for every column):
//
//	invitations  one row per invitation: invitation-v1 JSON plus the indexed
//	             columns id, person_key, direction, sent_at, added_at, pending,
//	             and revision, counted up by a trigger on each change of the
//	             JSON (a save made from a read checks it)
//	verdicts     the latest verdict per invitation (JSON, action, category,
//	             score) and the state it was screened in (policy version,
//	             classifier generation), which tells a stale one
//	listings     what the inbox shows of each invitation (linkvet.Listing),
//	             with the state it is current in, indexed in the inbox's
//	             order; no row means "make it again"; unsaved = 1 when the
//	             stored verdict is older than the listing, which then reads
//	             whole as stale and is screened again at screened_at, the
//	             instant the listing was (listing.go, 0010, 0011)
//	state_aliases  an old state whose listings are all current under a
//	             newer one too, so that they need no write each (alias.go)
//	decisions    append-only log of decisions; triggers refuse UPDATE and
//	             DELETE, the row with the highest id is the current one, and
//	             an undo row (undo = 1) puts the invitation back in the queue
//	policies     every version of the policy in force; the highest is current
//	audit        append-only audit log: policy changes, decisions, undos
//	me           the user's profile (one row of JSON)
//	known        people the user knows, keyed by linkvet.PersonKey or folded name
//	tags         user-assigned tags on known people
//	messages     messages from exports, keyed by a hash of sender, time, content
//	imports      one row per import: times, counts, per-file summary JSON
//	models       opaque named blobs (the trained classifier), with a
//	             generation counted up on every change
//	trained      the class each invitation was last trained as
//	outreach_events  append-only log of the user's own invitations
//
// # No business rules
//
// The store keeps data and checks only its shape (a valid action, a note
// within bounds, an invitation that exists). What may be recorded when (a
// re-invitation after a withdrawal, a follow-up owed) is package service's
// to decide: this package imports neither policy nor outreach. Update runs
// a use case's writes in one transaction (BEGIN IMMEDIATE, so that writers
// queue on the busy timeout instead of failing).
//
// # Identity and merging
//
// Two records are the same invitation when they name the same person (the
// normalized profile URL, else the first e-mail address) in the same
// direction, or else carry the same id. A
// second record enriches the stored one: a non-empty field replaces the
// stored value, an absent field keeps it, and lists are united (compared
// through fold.String). The first id stays the invitation's id.
//
// # Pending
//
// An invitation is pending while nobody has decided on it: no decision by
// the user or a rule (an "ignore" is a decision too), or the latest one is
// an undo, and no import has found that the person became a connection. In that last case the import
// records an "accept" decision by rule whose note says it happened outside
// linkvet, so the audit log explains why the invitation left the queue. It
// does so for undecided invitations and those last decided "ask" or
// "ignore" (both leave the invitation open on LinkedIn), never over the
// user's "accept", "decline" or "block".
//
// # Imports
//
// Import writes an export in transactions of at most BatchSize rows, with
// prepared multi-row INSERT statements. A process killed mid-import leaves every batch
// either wholly written or not at all, and importing the export again
// completes it. Rows equal to what is stored are not written; they are
// counted in ImportResult.Unchanged. Nothing an import does deletes a row.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
	driver "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// BatchSize is the most rows one import transaction writes.
const BatchSize = 5000

// busyTimeout is how long a writer waits for another process's transaction
// before giving up with "database is locked".
const busyTimeout = 60 * time.Second

// DB is an open linkvet database. It is safe for concurrent use.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time
	// stamps are the listings each open write transaction found
	// unchanged, marked current when it commits (alias.go).
	stampMu sync.Mutex
	stamps  map[*sql.Tx]*deferredStamps
}

var _ linkvet.Store = (*DB)(nil)

// Open opens the database at path, creating it (mode 0600, and its
// directory 0700) when it does not exist, and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, linkvet.Errorf(linkvet.EINVALID, "database path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve database path %s: %w", path, err)
	}
	created, err := createPrivate(abs)
	if err != nil {
		return nil, err
	}
	if created {
		if err := setPageSize(ctx, abs); err != nil {
			return nil, err
		}
	}
	sqlDB, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", abs, err)
	}
	db := &DB{sql: sqlDB, path: abs, now: time.Now}
	if err := sqlDB.PingContext(ctx); err != nil {
		sqlDB.Close()
		return nil, openError(abs, fmt.Errorf("open database %s: %w", abs, err))
	}
	if err := db.migrate(ctx); err != nil {
		sqlDB.Close()
		return nil, openError(abs, err)
	}
	if err := db.markAbandoned(ctx); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}

// openError turns "not a database" into a message for the user.
func openError(path string, err error) error {
	var e *driver.Error
	if errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return linkvet.Errorf(linkvet.EINVALID, "%s is not a linkvet database (not an SQLite file)", path)
	}
	return err
}

// createPrivate creates the directory (0700) and an empty file (0600) when
// they are missing, so that SQLite never creates them with the umask's
// wider defaults; the -wal and -shm files inherit the file's mode.
func createPrivate(path string) (created bool, err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return false, linkvet.Errorf(linkvet.EINVALID, "database path %s is a directory, not a file", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, fmt.Errorf("create database directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("create database %s: %w", path, err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return false, fmt.Errorf("create database %s: %w", path, err)
	}
	return true, f.Close()
}

// pageSize is the page size of new databases. 16 KiB pages write an import
// in a quarter of the system calls of SQLite's default 4 KiB, which on a
// virtual machine is most of the import's time.
const pageSize = 16384

// setPageSize fixes the page size of a new, empty database file. It must
// happen before the first write and before WAL mode, which freezes the
// page size, so it uses a connection of its own without the usual pragmas.
func setPageSize(ctx context.Context, path string) error {
	raw, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String())
	if err != nil {
		return fmt.Errorf("create database %s: %w", path, err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	for _, stmt := range []string{"PRAGMA page_size = " + strconv.Itoa(pageSize), "CREATE TABLE linkvet_init (x)", "DROP TABLE linkvet_init"} {
		if _, err := raw.ExecContext(ctx, stmt); err != nil {
			return openError(path, fmt.Errorf("create database %s: %w", path, err))
		}
	}
	return nil
}

// dsn builds a URI for the absolute path: URI escaping keeps '?', '#' and
// '%' in file names from being read as parameters. Every connection of the
// pool gets the pragmas, and every write transaction starts with BEGIN
// IMMEDIATE so that two writers queue on busy_timeout instead of failing on
// a lock upgrade.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") { // Windows: C:/x becomes /C:/x
		p = "/" + p
	}
	u := url.URL{Scheme: "file", Path: p}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busyTimeout.Milliseconds(), 10)+")")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Multi-row statements keep a statement journal; in memory it costs
	// no file writes.
	q.Add("_pragma", "temp_store(MEMORY)")
	// Up to 32 MiB of page cache per connection keeps the indexes an
	// import probes in memory; SQLite grows it only as pages are used.
	q.Add("_pragma", "cache_size(-32768)")
	q.Add("_txlock", "immediate")
	return u.String() + "?" + q.Encode()
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// SetNow replaces the clock (time.Now by default). Tests use it; call it
// before the DB is shared.
func (db *DB) SetNow(now func() time.Time) { db.now = now }

// Close closes the database.
func (db *DB) Close() error {
	if err := db.sql.Close(); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations ordered by version. Names are
// NNNN_what.sql; the number is the schema version the file brings.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var ms []migration
	seen := map[int]string{}
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", base)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", prev, base, v)
		}
		seen[v] = base
		text, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(text)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction with its schema_migrations row, so a crash leaves the schema
// at a whole version.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var exists int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master
		WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&exists); err != nil {
		return fmt.Errorf("read schema of %s: %w", db.path, err)
	}
	if exists == 0 {
		if _, err := db.sql.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at TEXT NOT NULL
		)`); err != nil {
			return fmt.Errorf("create schema table in %s: %w", db.path, err)
		}
	}
	latest := 0
	if len(ms) > 0 {
		latest = ms[len(ms)-1].version
	}
	applied := make(map[int]bool)
	current := 0
	rows, err := db.sql.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("read schema version of %s: %w", db.path, err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("read schema version of %s: %w", db.path, err)
		}
		applied[v] = true
		current = max(current, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read schema version of %s: %w", db.path, err)
	}
	if current > latest {
		return linkvet.Errorf(linkvet.ECONFLICT,
			"database %s has schema version %d but this linkvet knows only up to %d: it was written by a newer linkvet; upgrade linkvet or use another file",
			db.path, current, latest)
	}
	for _, m := range ms {
		if applied[m.version] {
			continue // no write lock taken, so opening never waits on a running import
		}
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			// Checked again inside the write transaction: another process
			// may have applied it since the read above.
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, formatTime(db.now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s to %s: %w", m.name, db.path, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest migration applied to the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		db.forgetStamps(tx)
		tx.Rollback()
		return err
	}
	if err := db.settleStamps(ctx, tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("save verdicts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// querier is what the readers need: a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// inReadTx runs fn in a read-only transaction, so that several queries see
// one snapshot.
func (db *DB) inReadTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin read transaction: %w", err)
	}
	defer tx.Rollback()
	return fn(tx)
}

// timeLayout is fixed-width, so that string order is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// formatTime formats t in UTC for storage.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime stores the zero time as NULL: unknown.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// parseTime reads a stored time; NULL is the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s.String, err)
	}
	return t, nil
}

// DefaultPath returns where linkvet keeps its database unless told
// otherwise: $XDG_DATA_HOME/linkvet/linkvet.db, else
// ~/.local/share/linkvet/linkvet.db on Linux and other Unix systems;
// ~/Library/Application Support/linkvet/linkvet.db on macOS;
// %AppData%\linkvet\linkvet.db on Windows. It reads the environment and
// the home directory (os.Getenv, os.UserHomeDir) here, at the edge.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultPath(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	const dir, file = "linkvet", "linkvet.db"
	switch goos {
	case "windows":
		if app := getenv("AppData"); app != "" {
			return filepath.Join(app, dir, file), nil
		}
		return "", linkvet.Errorf(linkvet.EINVALID, "%%AppData%% is not set: name the database file explicitly")
	case "darwin", "ios":
		h, err := home()
		if err != nil || h == "" {
			return "", linkvet.Errorf(linkvet.EINVALID, "cannot find the home directory: name the database file explicitly")
		}
		return filepath.Join(h, "Library", "Application Support", dir, file), nil
	}
	// XDG says a relative $XDG_DATA_HOME is invalid and must be ignored.
	if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, dir, file), nil
	}
	h, err := home()
	if err != nil || h == "" {
		return "", linkvet.Errorf(linkvet.EINVALID, "cannot find the home directory ($HOME): name the database file explicitly")
	}
	return filepath.Join(h, ".local", "share", dir, file), nil
}
