// Package importer runs an import of LinkedIn's data export into the
// store, the same way for the CLI and the web app.
//
// An import reads the export (package linkedin) and stores it (package
// sqlite). The two biggest steps overlap: as soon as the reader has settled
// the messages (which of them the user sent), the store writes them, while
// the reader goes on to work out known people and invitations; the rest is
// stored once the reader is done. Then the user's sent invitations are
// reconciled with the export: those it no longer lists, and whose person
// did not become a connection, were declined or ignored.
package importer

import (
	"context"
	"fmt"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
)

// Store is what an import writes to; *sqlite.DB implements it.
type Store interface {
	ImportMessages(ctx context.Context, msgs []linkvet.Message) (linkvet.ImportResult, error)
	ImportRest(ctx context.Context, e *linkvet.Export, stored linkvet.ImportResult) (linkvet.ImportResult, error)
	ReconcileOutgoing(ctx context.Context, e *linkvet.Export) (int, error)
}

// Reader reads an export with the options given: linkedin.Read for a
// path, linkedin.ReadZip for an upload.
type Reader func(opt linkedin.Options) (*linkvet.Export, error)

// Run reads an export with read and stores it in st.
func Run(ctx context.Context, st Store, read Reader, opt linkedin.Options) (*linkvet.Export, linkvet.ImportResult, error) {
	type stored struct {
		res linkvet.ImportResult
		err error
	}
	messages := make(chan stored, 1)
	started := false
	opt.MessagesReady = func(msgs []linkvet.Message) {
		started = true
		go func() {
			res, err := st.ImportMessages(ctx, msgs)
			messages <- stored{res, err}
		}()
	}
	export, err := read(opt)
	var pre stored
	if started {
		pre = <-messages // wait even when reading failed: the writer must be done
	}
	if err != nil {
		return nil, linkvet.ImportResult{}, err
	}
	if pre.err != nil {
		return nil, linkvet.ImportResult{}, pre.err
	}
	res, err := st.ImportRest(ctx, export, pre.res)
	if err != nil {
		return nil, res, err
	}
	if _, err := st.ReconcileOutgoing(ctx, export); err != nil {
		return nil, res, fmt.Errorf("reconcile sent invitations: %w", err)
	}
	return export, res, nil
}
