package service

import (
	"context"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/screen"
)

// PolicyPreview is what putting another policy in force would change,
// before it is saved: the verdicts of the invitations waiting for a
// decision that would move, and how often each policy agrees with the
// decisions the user made.
type PolicyPreview struct {
	Pending int // incoming invitations waiting for a decision
	screen.ReplayReport
}

// PreviewPolicy replays the incoming invitations with cur (the engine in
// force) and next (screen.Replay): those waiting for a decision, and those
// the user decided, measured against the decision. Decisions made by rules
// (during imports) are not the user's and are left out, as on the
// Insights page.
func (s *Service) PreviewPolicy(ctx context.Context, cur, next *screen.Engine) (PolicyPreview, error) {
	all, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return PolicyPreview{}, err
	}
	mine, err := s.StandingDecisions(ctx)
	if err != nil {
		return PolicyPreview{}, err
	}
	items := make([]linkvet.StoredInvitation, 0, len(all))
	pending := 0
	for _, si := range all {
		if d, ok := mine[si.Invitation.ID]; ok {
			si.Decision = &d
		} else if linkvet.Standing(si.Decision) == nil {
			si.Decision = nil
			pending++
		} else {
			continue // decided by a rule only
		}
		items = append(items, si)
	}
	return PolicyPreview{Pending: pending, ReplayReport: screen.Replay(cur, next, items, s.now())}, nil
}
