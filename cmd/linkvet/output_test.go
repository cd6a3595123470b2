package main

import (
	"testing"

	"github.com/linkvet/linkvet"
)

// TestDecidingReason: the table's WHY column shows the reason that decided
// the action, not merely the heaviest one: a declined fake shows what is
// wrong with it, not its friendly note.
func TestDecidingReason(t *testing.T) {
	note := linkvet.Reason{Rule: "personal_note", Points: 12, Detail: "a personal note: we met at the meetup"}
	fake := linkvet.Reason{Rule: "stock_photo", Points: -8, Detail: "the photo is a stock image"}
	young := linkvet.Reason{Rule: "new_account", Points: -5, Detail: "the account is two weeks old"}
	for _, tc := range []struct {
		action  linkvet.Action
		reasons []linkvet.Reason
		want    string
	}{
		{linkvet.Decline, []linkvet.Reason{note, young, fake}, fake.Detail},
		{linkvet.Block, []linkvet.Reason{note, fake}, fake.Detail},
		{linkvet.Accept, []linkvet.Reason{young, note}, note.Detail},
		{linkvet.Ask, []linkvet.Reason{note}, note.Detail}, // nothing against: the heaviest
		{linkvet.Ignore, nil, ""},
	} {
		v := &linkvet.Verdict{Action: tc.action, Reasons: tc.reasons}
		if got := decidingReason(v); got != tc.want {
			t.Errorf("%s: WHY %q, want %q", tc.action, got, tc.want)
		}
	}
}
