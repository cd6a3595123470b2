package service_test

import (
	"context"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// SaveEncodedVerdicts, SaveListed and SaveEncodedListed count as
// SaveVerdicts does: the service saves the verdicts it screens with their
// listings, and with their JSON made when the store takes it.
func (c *countingStore) SaveEncodedVerdicts(ctx context.Context, vs []linkvet.Verdict, data []string, state string) error {
	c.saved += len(vs)
	return c.DB.SaveEncodedVerdicts(ctx, vs, data, state)
}

func (c *countingStore) SaveListed(ctx context.Context, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error {
	c.saved += len(vs)
	return c.DB.SaveListed(ctx, vs, ls, state)
}

func (c *countingStore) SaveEncodedListed(ctx context.Context, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error {
	c.saved += len(vs)
	return c.DB.SaveEncodedListed(ctx, vs, data, ls, state)
}

// Update counts the verdicts saved in transactions too: a list saves the
// verdicts it screens again in one.
func (c *countingStore) Update(ctx context.Context, fn func(tx linkvet.Tx) error) error {
	return c.DB.Update(ctx, func(tx linkvet.Tx) error { return fn(&countingTx{Tx: tx.(*sqlite.Tx), c: c}) })
}

// countingTx is a transaction of a countingStore.
type countingTx struct {
	*sqlite.Tx
	c *countingStore
}

func (t *countingTx) SaveVerdicts(ctx context.Context, vs []linkvet.Verdict, state string) error {
	t.c.saved += len(vs)
	return t.Tx.SaveVerdicts(ctx, vs, state)
}

func (t *countingTx) SaveListed(ctx context.Context, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error {
	t.c.saved += len(vs)
	return t.Tx.SaveListed(ctx, vs, ls, state)
}

func (t *countingTx) SaveEncodedListed(ctx context.Context, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error {
	t.c.saved += len(vs)
	return t.Tx.SaveEncodedListed(ctx, vs, data, ls, state)
}

// ListScreened counts the listings kept without their verdicts: what a
// list screened again and did not store whole.
func (t *countingTx) ListScreened(ctx context.Context, ls []linkvet.Listing, digests []int64, read []linkvet.ReadMark, state string, at time.Time) error {
	t.c.listed += len(ls)
	return t.Tx.ListScreened(ctx, ls, digests, read, state, at)
}
