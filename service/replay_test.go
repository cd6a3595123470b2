package service_test

import (
	"context"
	"strings"
	"testing"
)

// TestReplayCountsStandingDecisionsOnly: an undo is stored as a decision
// row, but it leaves the invitation pending with no decision: replay
// --pending must not count it as one, and the decided replay counts only
// the decisions that stand. No change is an empty list, never null.
func TestReplayCountsStandingDecisionsOnly(t *testing.T) {
	ctx := context.Background()
	_, svc := newCounting(t)
	demoWithDecisions(t, svc) // three ignored, one of them undone
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := svc.Replay(ctx, p, true)
	if err != nil {
		t.Fatal(err)
	}
	if pending.Decided != 0 || pending.AgreedBefore != 0 {
		t.Errorf("replay of the pending invitations: %d decided (%d agreeing), want none: the undone one has no standing decision", pending.Decided, pending.AgreedBefore)
	}
	decided, err := svc.Replay(ctx, p, false)
	if err != nil {
		t.Fatal(err)
	}
	if decided.Decided != 2 {
		t.Errorf("replay of the decided invitations: %d decided, want the 2 that stand", decided.Decided)
	}
	for _, rep := range []string{mustJSON(t, pending), mustJSON(t, decided)} {
		if !strings.Contains(rep, `"changes":[]`) {
			t.Errorf("the same policy changes nothing, as []: %s", rep)
		}
	}
}
