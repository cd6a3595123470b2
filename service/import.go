package service

import (
	"context"
	"fmt"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
)

// Reader reads an export with the options given: linkedin.Read for a
// path, linkedin.ReadZip for an upload.
type Reader func(opt linkedin.Options) (*linkvet.Export, error)

// Imported is what an import did.
type Imported struct {
	Export     *linkvet.Export      `json:"-"`
	Result     linkvet.ImportResult `json:"result"`
	Reconciled int                  `json:"reconciled"` // sent invitations found declined or ignored
}

// ImportOptions returns the reader options the policy in force implies
// (its time zone) over base.
func (s *Service) ImportOptions(ctx context.Context, base linkedin.Options) (linkedin.Options, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return base, err
	}
	if base.Location == nil {
		base.Location = p.Location()
	}
	return base, nil
}

// Import reads an export with read and stores it, then reconciles the
// user's sent invitations and screens the pending ones. The two biggest
// steps overlap: as soon as the reader has settled the messages, the store
// writes them while the reader works out known people and invitations.
func (s *Service) Import(ctx context.Context, read Reader, opt linkedin.Options) (Imported, error) {
	type stored struct {
		res linkvet.ImportResult
		err error
	}
	messages := make(chan stored, 1)
	started := false
	opt.MessagesReady = func(msgs []linkvet.Message) {
		started = true
		go func() {
			res, err := s.store.ImportMessages(ctx, msgs)
			messages <- stored{res, err}
		}()
	}
	export, err := read(opt)
	var pre stored
	if started {
		pre = <-messages // wait even when reading failed: the writer must be done
	}
	if err != nil {
		return Imported{}, err
	}
	if pre.err != nil {
		return Imported{}, pre.err
	}
	res, err := s.store.ImportRest(ctx, export, pre.res)
	if err != nil {
		return Imported{Result: res}, err
	}
	n, err := s.Reconcile(ctx, export)
	if err != nil {
		return Imported{Export: export, Result: res}, fmt.Errorf("reconcile sent invitations: %w", err)
	}
	// The imported profile may have changed "me": the verdicts of the
	// pending invitations are brought up to date now, not at the next list.
	pending := true
	items, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming, Pending: &pending})
	if err == nil {
		err = s.Fresh(ctx, items)
	}
	if err != nil {
		return Imported{Export: export, Result: res, Reconciled: n}, fmt.Errorf("screen the imported invitations: %w", err)
	}
	return Imported{Export: export, Result: res, Reconciled: n}, nil
}
