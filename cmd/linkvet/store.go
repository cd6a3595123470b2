package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// storePath is the database the command uses: --db, else $LINKVET_DB,
// else the one in the user's data directory. It is absolute, so that
// messages and linkvet where name the file wherever the command ran.
func (e *env) storePath() (string, error) {
	p, err := e.givenStorePath()
	if err != nil || p == "" {
		return p, err
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs, nil
	}
	return p, nil
}

func (e *env) givenStorePath() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	if p := e.getenv("LINKVET_DB"); p != "" {
		return p, nil
	}
	p, err := sqlite.DefaultPath()
	if err != nil {
		return "", fmt.Errorf("find the data directory (use --db FILE or LINKVET_DB): %w", err)
	}
	return p, nil
}

// openStore opens the database, creating it when it does not exist: what
// commands that record something start with.
func (e *env) openStore() (*sqlite.DB, error) {
	return e.open(false)
}

// openExisting opens the database and refuses to create one: a read-only
// command (inbox, history, followups, network, outreach plan, learn
// rebuild) on a mistyped --db
// is an error naming the path, never a new empty store.
func (e *env) openExisting() (*sqlite.DB, error) {
	return e.open(true)
}

func (e *env) open(mustExist bool) (*sqlite.DB, error) {
	path, err := e.storePath()
	if err != nil {
		return nil, err
	}
	if mustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no linkvet database at %s: check --db or LINKVET_DB, or create one with linkvet import, add or policy use", path)
		}
	} else {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			e.noteCreated(path)
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, linkvet.Errorf(linkvet.EINVALID, "cannot create %s: %v", dir, errors.Unwrap(err))
			}
		}
	}
	db, err := sqlite.Open(e.ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if e.nowFlag != "" {
		// --now also dates what is recorded, so a run is reproducible.
		now, err := e.now()
		if err != nil {
			db.Close()
			return nil, err
		}
		db.SetNow(func() time.Time { return now })
	}
	return db, nil
}

// service opens the store (mustExist: see openExisting) and wires it into
// the use cases: the composition root of every store command. --policy
// FILE is the policy for this run only, and stderr says so.
func (e *env) service(mustExist bool) (*service.Service, func(), error) {
	now, err := e.now()
	if err != nil {
		return nil, nil, err
	}
	var override *service.Override
	if e.policyPath != "" {
		text, err := readPolicyFile(e.policyPath)
		if err != nil {
			return nil, nil, err
		}
		override = &service.Override{Name: e.policyPath, Text: text}
	}
	db, err := e.open(mustExist)
	if err != nil {
		return nil, nil, err
	}
	svc := service.New(service.Config{Store: db, Now: func() time.Time { return now }, Override: override})
	if override != nil {
		warnings, err := svc.OverrideWarnings()
		if err != nil {
			db.Close()
			return nil, nil, err
		}
		for _, w := range warnings {
			fmt.Fprintln(e.stderr, "linkvet: warning:", w)
		}
		fmt.Fprintf(e.stderr, "linkvet: using %s for this run only; the stored policy is unchanged (make it the one in force with: linkvet policy use %s)\n", e.policyPath, e.policyPath)
	}
	return svc, func() { db.Close() }, nil
}

// readPolicyFile reads a policy file, with the errors the guide promises.
func readPolicyFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "policy file %s does not exist", path)
	case err != nil:
		return nil, linkvet.Errorf(linkvet.EINVALID, "policy file %s: %v", path, errors.Unwrap(err))
	case fi.IsDir():
		return nil, linkvet.Errorf(linkvet.EINVALID, "policy file %s is a directory", path)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, linkvet.Errorf(linkvet.EINVALID, "policy file %s: %v", path, errors.Unwrap(err))
	}
	return text, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func dirOf(path string) string { return filepath.Dir(path) }

// configDir is where linkvet would look for configuration of its own:
// $XDG_CONFIG_HOME/linkvet or the platform's equivalent.
func configDir(e *env) string {
	if x := e.getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "linkvet")
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return filepath.Join(d, "linkvet")
}
