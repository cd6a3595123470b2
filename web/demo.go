package web

import (
	"context"
	"time"

	"github.com/linkvet/linkvet/service"
)

// LoadDemo fills an empty store with the bundled demo inbox and its user's
// policy, for `linkvet serve --demo` (see service.LoadDemo).
func LoadDemo(ctx context.Context, svc *service.Service) error { return svc.LoadDemo(ctx) }

// DemoNow is the moment the demo inbox is screened at.
func DemoNow() time.Time { return service.DemoNow() }
