package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/linkvet/linkvet"
)

// maxCompared is the most records add compares one by one with what was
// stored; a larger file is summed up as new and already stored.
const maxCompared = 2000

// addBaseline is what the store held before add: how many invitations, and
// the stored form of those the records name by id, so that the summary can
// say how many were new, enriched or unchanged instead of "stored 26" on
// every run.
type addBaseline struct {
	total  int
	stored map[string][]byte // id → invitation JSON before; nil when not compared
}

func storedBefore(ctx context.Context, st linkvet.Store, invs []linkvet.Invitation) (addBaseline, error) {
	var b addBaseline
	total, err := countInvitations(ctx, st)
	if err != nil {
		return b, err
	}
	b.total = total
	if len(invs) > maxCompared {
		return b, nil
	}
	// Which stored invitation each record lands on (matched by profile
	// address, then id) is the store's to say: a rehearsal of the write,
	// rolled back, tells.
	var ids []string
	errRehearsal := errors.New("rehearsal")
	err = st.Update(ctx, func(tx linkvet.Tx) error {
		var err error
		if ids, err = tx.PutInvitations(ctx, invs); err != nil {
			return err
		}
		return errRehearsal
	})
	if !errors.Is(err, errRehearsal) {
		return b, nil // add itself reports what is wrong
	}
	b.stored = map[string][]byte{}
	for _, id := range ids {
		si, err := st.Invitation(ctx, id)
		if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
			continue
		} else if err != nil {
			return b, err
		}
		b.stored[id], _ = json.Marshal(si.Invitation)
	}
	return b, nil
}

// countInvitations counts the stored invitations, both directions.
func countInvitations(ctx context.Context, st linkvet.Store) (int, error) {
	n := 0
	for _, d := range []linkvet.Direction{linkvet.Incoming, linkvet.Outgoing} {
		_, total, err := st.Invitations(ctx, linkvet.InvitationFilter{Direction: d, Limit: 1})
		if err != nil {
			return 0, err
		}
		n += total
	}
	return n, nil
}

// summary says what add did with the records, given what it stored: how
// many invitations are new (counted in the store, so that a record matched
// by its profile address is not taken for new), and of the others how
// many the records enriched and how many they left as they were.
func (b addBaseline) summary(ctx context.Context, st linkvet.Store, items []linkvet.StoredInvitation) (string, error) {
	after, err := countInvitations(ctx, st)
	if err != nil {
		return "", err
	}
	fresh := max(0, after-b.total)
	ids := map[string]bool{}
	for _, si := range items {
		ids[si.Invitation.ID] = true
	}
	known := max(0, len(ids)-fresh)
	if b.stored == nil {
		return fmt.Sprintf("%d new, %d already stored", fresh, known), nil
	}
	var unchanged int
	for _, si := range items {
		id := si.Invitation.ID
		old, ok := b.stored[id]
		if !ok || !ids[id] {
			continue
		}
		delete(ids, id) // a record given twice counts once
		if now, _ := json.Marshal(si.Invitation); string(now) == string(old) {
			unchanged++
		}
	}
	unchanged = min(unchanged, known)
	return fmt.Sprintf("%d new, %d enriched, %d unchanged", fresh, known-unchanged, unchanged), nil
}
