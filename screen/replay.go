package screen

import (
	"time"

	"github.com/linkvet/linkvet"
)

// Change is one invitation whose verdict differs between two engines.
type Change struct {
	ID     string         `json:"id"`
	Name   string         `json:"name"`
	Before linkvet.Action `json:"before"`
	After  linkvet.Action `json:"after"`
	// BeforeReport and AfterReport say whether each verdict also advised
	// reporting the sender; a change of report alone is a change too.
	BeforeReport bool           `json:"before_report"`
	AfterReport  bool           `json:"after_report"`
	Decision     linkvet.Action `json:"decision,omitempty"` // what the user decided, if they did
}

// ReplayReport compares two policies over stored invitations.
type ReplayReport struct {
	Screened int `json:"screened"`
	Decided  int `json:"decided"` // invitations with a standing user decision (an undo is none)
	// AgreedBefore and AgreedAfter count decided invitations whose verdict
	// matches the user's decision under the old and the new engine.
	AgreedBefore int      `json:"agreed_before"`
	AgreedAfter  int      `json:"agreed_after"`
	Changes      []Change `json:"changes"`
}

// Replay screens items with both engines and reports every verdict that
// changes, against what the user actually decided. It is how a policy
// change is previewed before it is saved.
func Replay(before, after *Engine, items []linkvet.StoredInvitation, now time.Time) ReplayReport {
	// Changes is never nil: JSON readers get [] for "nothing changes".
	r := ReplayReport{Changes: []Change{}}
	for i := range items {
		it := &items[i]
		b := before.Screen(&it.Invitation, now)
		a := after.Screen(&it.Invitation, now)
		r.Screened++
		var decided linkvet.Action
		// An undo is stored as a decision row; only a standing decision
		// is one the user still holds.
		if d := linkvet.Standing(it.Decision); d != nil {
			decided = d.Action
			r.Decided++
			if b.Action == decided {
				r.AgreedBefore++
			}
			if a.Action == decided {
				r.AgreedAfter++
			}
		}
		if a.Action != b.Action || a.Report != b.Report {
			r.Changes = append(r.Changes, Change{ID: b.ID, Name: it.Invitation.Person.Name, Before: b.Action, After: a.Action,
				BeforeReport: b.Report, AfterReport: a.Report, Decision: decided})
		}
	}
	return r
}
