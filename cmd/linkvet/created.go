package main

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// A command that may record something opens the database creating it. When
// it then records nothing (it only read, or it failed before writing), the
// new file would be a stray: an empty store at a mistyped --db, a folder
// nobody asked for. So the run remembers what it created and, once the
// command is over and the store closed, removes it again unless something
// was stored in it.

// createdStore is what this run created: the database file and the folders
// made for it (outermost first).
type createdStore struct {
	path string
	dirs []string
}

// noteCreated records that path does not exist yet and is about to be
// created, with every missing folder above it.
func (e *env) noteCreated(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return
	}
	c := &createdStore{path: abs}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			break
		}
		c.dirs = append([]string{dir}, c.dirs...)
		if dir == filepath.Dir(dir) {
			break
		}
	}
	e.created = c
}

// removeUnusedStore removes the database this run created (and the folders
// made for it) when nothing was stored in it. A store holding anything at
// all, even one row, is kept.
func (e *env) removeUnusedStore() {
	c := e.created
	e.created = nil
	if c == nil {
		return
	}
	if _, err := os.Stat(c.path); err != nil {
		return
	}
	if used, err := storeHasData(e.ctx, c.path); err != nil || used {
		return
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal", ""} {
		os.Remove(c.path + suffix)
	}
	for i := len(c.dirs) - 1; i >= 0; i-- {
		if os.Remove(c.dirs[i]) != nil { // not empty: someone put something there
			break
		}
	}
}

// bookkeeping are the tables that say nothing about the user's data: the
// schema version and the record of an import that stored nothing.
var bookkeeping = map[string]bool{"schema_migrations": true, "sqlite_sequence": true, "imports": true}

// storeHasData reports whether any table of the database at path other
// than bookkeeping holds a row. It reads through a connection of its own (read-write, so that closing it
// leaves no -wal file behind), after the command closed the store.
func storeHasData(ctx context.Context, path string) (bool, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx = context.WithoutCancel(ctx) // an interrupted run still tidies up
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return true, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return true, err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return true, err
		}
		if !bookkeeping[name] && !strings.HasPrefix(name, "sqlite_") {
			tables = append(tables, name)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return true, err
	}
	for _, t := range tables {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM "`+strings.ReplaceAll(t, `"`, `""`)+`")`).Scan(&n); err != nil {
			return true, err
		}
		if n != 0 {
			return true, nil
		}
	}
	return false, nil
}
