package service

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
)

// DecidingReason returns the reason that decided a verdict's action: the
// heaviest reason for an accept, the heaviest reason against for anything
// else, the heaviest of any sign when none has the deciding sign. ok is
// false when no rule fired.
func DecidingReason(v *linkvet.Verdict) (r linkvet.Reason, ok bool) {
	want := -1
	if v.Action == linkvet.Accept {
		want = 1
	}
	abs := func(n int) int {
		if n < 0 {
			return -n
		}
		return n
	}
	best, anyR := -1, -1
	for i, x := range v.Reasons {
		if anyR < 0 || abs(x.Points) > abs(v.Reasons[anyR].Points) {
			anyR = i
		}
		if x.Points*want > 0 && (best < 0 || abs(x.Points) > abs(v.Reasons[best].Points)) {
			best = i
		}
	}
	if best < 0 {
		best = anyR
	}
	if best < 0 {
		return linkvet.Reason{}, false
	}
	return v.Reasons[best], true
}

// Batch is what ApplyRecommendations recorded: one audit entry names it,
// and UndoBatch takes it back whole.
type Batch struct {
	ID string `json:"id"`
	// Decided counts the decisions recorded, per action.
	Decided  int            `json:"decided"`
	ByAction map[string]int `json:"by_action"`
}

// batchKind is the audit kind of a batch of applied recommendations; its
// Detail lists "invitationID=decisionID" pairs, one a line.
const batchKind = "batch"

// ApplyRecommendations records linkvet's recommendation as the user's
// decision for every pending incoming invitation f selects whose verdict
// is one of actions (all actions when empty), in one transaction. Each
// decision is trained and audited as one made by hand; one more audit
// entry names the batch, for UndoBatch.
func (s *Service) ApplyRecommendations(ctx context.Context, f InboxFilter, actions []linkvet.Action) (Batch, error) {
	f.All, f.Offset, f.Limit = false, 0, 0
	page, err := s.Inbox(ctx, f)
	if err != nil {
		return Batch{}, err
	}
	items := page.Items
	want := map[linkvet.Action]bool{}
	for _, a := range actions {
		if !a.Valid() {
			_, _, err := ParseAction(string(a), false)
			return Batch{}, err
		}
		want[a] = true
	}
	out := Batch{ByAction: map[string]int{}}
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		var pairs []string
		for i := range items {
			v := &items[i]
			if len(want) > 0 && !want[v.Action] {
				continue
			}
			si, err := tx.Invitation(ctx, items[i].ID)
			if err != nil {
				return err
			}
			// Decided meanwhile, or not the user's to decide: left alone.
			if si.Invitation.Direction != linkvet.Incoming || linkvet.Standing(si.Decision) != nil {
				continue
			}
			d, err := tx.Decide(ctx, linkvet.Decision{InvitationID: si.Invitation.ID, Action: v.Action, Verdict: v.Action, By: linkvet.ByUser})
			if err != nil {
				return err
			}
			if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "decision", Subject: d.InvitationID, Detail: string(v.Action) + " (linkvet's recommendation, applied to a batch)"}); err != nil {
				return err
			}
			if _, err := s.train(ctx, tx, nil, &si.Invitation, si.Invitation.ID, string(v.Action)); err != nil {
				return err
			}
			pairs = append(pairs, d.InvitationID+"="+strconv.FormatInt(d.ID, 10))
			out.Decided++
			out.ByAction[string(v.Action)]++
			if out.ID == "" {
				out.ID = "b" + strconv.FormatInt(d.ID, 10)
			}
		}
		if out.Decided == 0 {
			return nil
		}
		return tx.AddAudit(ctx, linkvet.AuditEntry{Kind: batchKind, Subject: out.ID, Detail: strings.Join(pairs, "\n")})
	})
	if err != nil {
		return Batch{}, err
	}
	return out, nil
}

// UndoBatch takes back every decision of a batch that still stands as the
// batch recorded it, in one transaction; a decision the user changed
// since is left alone. It returns how many were undone.
func (s *Service) UndoBatch(ctx context.Context, id string) (int, error) {
	audit, err := s.store.Audit(ctx)
	if err != nil {
		return 0, err
	}
	var detail string
	found := false
	for _, e := range audit {
		if e.Kind == batchKind && e.Subject == id {
			detail, found = e.Detail, true
		}
	}
	if !found {
		return 0, linkvet.Errorf(linkvet.ENOTFOUND, "no batch %q was recorded", clip(id, 40))
	}
	n := 0
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		for _, line := range strings.Split(detail, "\n") {
			invID, dec, ok := strings.Cut(line, "=")
			if !ok {
				continue
			}
			si, err := tx.Invitation(ctx, invID)
			if err != nil {
				if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
					continue
				}
				return err
			}
			d := linkvet.Standing(si.Decision)
			if d == nil || strconv.FormatInt(d.ID, 10) != dec {
				continue
			}
			u, err := tx.Decide(ctx, linkvet.Decision{InvitationID: invID, Undo: true, Note: "undo of " + string(d.Action), By: linkvet.ByUser})
			if err != nil {
				return err
			}
			if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "undo", Subject: u.InvitationID, Detail: "took back " + string(d.Action) + " (batch " + id + ")"}); err != nil {
				return err
			}
			if _, err := s.untrain(ctx, tx, nil, &si.Invitation, invID); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return linkvet.Errorf(linkvet.ECONFLICT, "batch %s has no decision left to undo", id)
		}
		return tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "undo", Subject: id, Detail: fmt.Sprintf("took back %d decisions of batch %s", n, id)})
	})
	return n, err
}

// DecidedFilter selects what Decided lists. Zero fields select everything.
type DecidedFilter struct {
	Action linkvet.Action
	By     linkvet.DecidedBy
	// From and To bound the decision's time: From inclusive, To exclusive.
	From, To time.Time
}

// DecidedItem is one decided invitation with the decision that stands.
type DecidedItem struct {
	Decision   linkvet.Decision
	Invitation linkvet.Invitation
}

// Decided lists the incoming invitations whose decision stands (by the
// user or by an import's rule), newest decision first.
func (s *Service) Decided(ctx context.Context, f DecidedFilter) ([]DecidedItem, error) {
	history, err := s.store.Decisions(ctx, "")
	if err != nil {
		return nil, err
	}
	latest := map[string]linkvet.Decision{}
	for _, d := range history {
		latest[d.InvitationID] = d
	}
	invs, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return nil, err
	}
	var out []DecidedItem
	for i := range invs {
		d, ok := latest[invs[i].Invitation.ID]
		if !ok || d.Undo {
			continue
		}
		if f.Action != "" && d.Action != f.Action {
			continue
		}
		if f.By != "" && d.By != f.By {
			continue
		}
		if !f.From.IsZero() && d.At.Before(f.From) {
			continue
		}
		if !f.To.IsZero() && !d.At.Before(f.To) {
			continue
		}
		out = append(out, DecidedItem{Decision: d, Invitation: invs[i].Invitation})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Decision.At.Equal(out[j].Decision.At) {
			return out[i].Decision.At.After(out[j].Decision.At)
		}
		return out[i].Decision.ID > out[j].Decision.ID
	})
	return out, nil
}
