package service_test

import (
	"context"

	"github.com/linkvet/linkvet"
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
