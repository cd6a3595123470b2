package service_test

import (
	"context"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// inboxItems lists the inbox with every invitation read whole.
func inboxItems(svc *service.Service, ctx context.Context, f service.InboxFilter) ([]linkvet.StoredInvitation, error) {
	items, _, err := svc.InboxItems(ctx, f)
	return items, err
}
