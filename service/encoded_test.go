package service_test

import (
	"context"

	"github.com/linkvet/linkvet"
)

// SaveEncodedVerdicts counts as SaveVerdicts does: the service saves the
// verdicts it screens with their JSON made when the store takes it.
func (c *countingStore) SaveEncodedVerdicts(ctx context.Context, vs []linkvet.Verdict, data []string, state string) error {
	c.saved += len(vs)
	return c.DB.SaveEncodedVerdicts(ctx, vs, data, state)
}
