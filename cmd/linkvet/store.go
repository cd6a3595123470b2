package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
	"github.com/linkvet/linkvet/sqlite"
)

// Names of the blobs linkvet keeps in the store.
const (
	policyBlob     = "policy"     // the policy YAML the web app edits
	classifierBlob = "classifier" // the trained learn.Classifier
)

// openStore opens the database named by --db, or the one in the user's
// data directory.
func (e *env) openStore() (*sqlite.DB, error) {
	path := e.dbPath
	if path == "" {
		p, err := sqlite.DefaultPath()
		if err != nil {
			return nil, fmt.Errorf("find the data directory (use --db FILE): %w", err)
		}
		path = p
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, linkvet.Errorf(linkvet.EINVALID, "cannot create %s: %v", dir, errors.Unwrap(err))
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

// openWithPolicy opens the store at the command's clock and loads the
// effective policy: what most store commands start with. The caller
// closes the store.
func (e *env) openWithPolicy() (*sqlite.DB, time.Time, *policy.Policy, error) {
	db, now, err := e.openClocked()
	if err != nil {
		return nil, now, nil, err
	}
	p, err := e.effectivePolicy(e.ctx, db)
	if err != nil {
		db.Close()
		return nil, now, nil, err
	}
	return db, now, p, nil
}

// openOutreach is openWithPolicy plus the state the outreach functions
// reason over.
func (e *env) openOutreach() (*sqlite.DB, time.Time, *policy.Policy, outreach.State, error) {
	db, now, p, err := e.openWithPolicy()
	if err != nil {
		return nil, now, nil, outreach.State{}, err
	}
	s, err := db.OutreachState(e.ctx)
	if err != nil {
		db.Close()
		return nil, now, nil, outreach.State{}, err
	}
	return db, now, p, s, nil
}

// effectivePolicy is the policy commands that use the store screen with:
// the --policy file, else the one saved from the web app, else the
// defaults. When it says nothing about the user, the profile from the
// imported export stands in for `me`.
func (e *env) effectivePolicy(ctx context.Context, db *sqlite.DB) (*policy.Policy, error) {
	var p *policy.Policy
	if e.policyPath != "" {
		var err error
		if p, err = e.loadPolicy(); err != nil {
			return nil, err
		}
	} else {
		blob, err := db.Model(ctx, policyBlob)
		switch {
		case err == nil && len(blob) > 0:
			if p, err = policy.Load(blob, "stored policy"); err != nil {
				return nil, fmt.Errorf("the policy stored in the database is invalid (fix it in the web app, or pass --policy): %w", err)
			}
		case err == nil || linkvet.ErrorCode(err) == linkvet.ENOTFOUND:
			p = policy.Default()
		default:
			return nil, err
		}
	}
	if p.Me.Empty() {
		me, err := db.Me(ctx)
		if err != nil {
			return nil, err
		}
		if !me.Empty() {
			withMe := *p
			withMe.Me = me
			p = &withMe
		}
	}
	return p, nil
}

// storedEngine builds the engine for the store's invitations: the
// effective policy and, when learning is on and trained, the classifier.
func (e *env) storedEngine(ctx context.Context, db *sqlite.DB) (*screen.Engine, *policy.Policy, error) {
	p, err := e.effectivePolicy(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	var opts []screen.Option
	if p.Learning.Enabled {
		c, err := loadClassifier(ctx, db, p)
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, screen.WithClassifier(c))
	}
	return screen.New(p, opts...), p, nil
}

// loadClassifier reads the trained classifier, or makes an empty one.
func loadClassifier(ctx context.Context, db *sqlite.DB, p *policy.Policy) (*learn.Classifier, error) {
	params := learn.DefaultParams()
	if p != nil && p.Learning.MinDecisions > 0 {
		params.MinDocs = p.Learning.MinDecisions
	}
	c := learn.New(params)
	blob, err := db.Model(ctx, classifierBlob)
	if err != nil && linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		return nil, err
	}
	if len(blob) > 0 {
		if err := c.UnmarshalBinary(blob); err != nil {
			return nil, fmt.Errorf("read the trained classifier: %w", err)
		}
	}
	return c, nil
}

func saveClassifier(ctx context.Context, db *sqlite.DB, c *learn.Classifier) error {
	blob, err := c.MarshalBinary()
	if err != nil {
		return err
	}
	return db.PutModel(ctx, classifierBlob, blob)
}

// screenStored screens stored invitations and saves the verdicts.
func screenStored(ctx context.Context, db *sqlite.DB, eng *screen.Engine, items []linkvet.StoredInvitation, now time.Time) error {
	vs := make([]linkvet.Verdict, len(items))
	for i := range items {
		vs[i] = eng.Screen(&items[i].Invitation, now)
		v := vs[i]
		items[i].Verdict = &v
	}
	if len(vs) == 0 {
		return nil
	}
	return db.SaveVerdicts(ctx, vs)
}
