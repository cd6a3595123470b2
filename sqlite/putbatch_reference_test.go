package sqlite

// The reference for PutInvitationsStored's batched inserts: the row-by-row
// code they replaced, kept verbatim but for names (putNewRowByRow,
// putInvitationsStoredRowByRow), so that a test can hold the two together
// on the same records and clock.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/linkvet/linkvet"
)

func (w *invitationWriter) putNewRowByRow(ctx context.Context, inv linkvet.Invitation, where string) (string, bool, *linkvet.StoredInvitation, error) {
	key := invitationPersonKey(inv.Person)
	var row *storedRow
	var err error
	if key != "" && w.mayHave("k"+string(inv.Direction)+key) {
		if row, err = w.find(ctx, w.byPerson, key, string(inv.Direction)); err != nil {
			return "", false, nil, err
		}
	}
	if row == nil && w.mayHave("i"+inv.ID) {
		if row, err = w.find(ctx, w.byID, inv.ID); err != nil {
			return "", false, nil, err
		}
		if row != nil && row.direction != string(inv.Direction) {
			return "", false, nil, linkvet.Errorf(linkvet.ECONFLICT, "%s: id %q is stored as an %s invitation, not %s", where, inv.ID, row.direction, inv.Direction)
		}
		if row != nil && key != "" && row.personKey != "" && row.personKey != key {
			return "", false, nil, linkvet.Errorf(linkvet.ECONFLICT, "%s: id %q is stored for %s, not %s", where, inv.ID, row.personKey, key)
		}
	}
	now := formatTime(w.db.now())
	if row == nil {
		// Merged into nothing, so that the stored form is the one a
		// later merge of the same record reproduces (lists without
		// duplicates, no "unknown" photo): re-imports then change nothing.
		inv = mergeInvitation(linkvet.Invitation{ID: inv.ID, Direction: inv.Direction}, inv)
		data, err := json.Marshal(inv)
		if err != nil {
			return "", false, nil, fmt.Errorf("encode %s: %w", where, err)
		}
		if _, err := w.insert.ExecContext(ctx, inv.ID, key, string(inv.Direction), sentAt(inv), now, now, string(data)); err != nil {
			return "", false, nil, fmt.Errorf("store %s: %w", where, err)
		}
		w.wrote(inv.ID, string(inv.Direction), key)
		added, err := parseTime(sql.NullString{String: now, Valid: true})
		if err != nil {
			return "", false, nil, err
		}
		// The invitation as merged is what a read gives back (the tests
		// hold the two together), without decoding what was just encoded.
		return inv.ID, true, &linkvet.StoredInvitation{Invitation: inv, AddedAt: added}, nil
	}
	var stored linkvet.Invitation
	if err := json.Unmarshal([]byte(row.json), &stored); err != nil {
		return "", false, nil, fmt.Errorf("decode stored invitation %s: %w", row.id, err)
	}
	merged := mergeInvitation(stored, inv)
	merged.ID, merged.Direction = row.id, stored.Direction
	data, err := json.Marshal(merged)
	if err != nil {
		return "", false, nil, fmt.Errorf("encode %s: %w", where, err)
	}
	if string(data) == row.json {
		return row.id, false, nil, nil
	}
	if _, err := w.update.ExecContext(ctx, invitationPersonKey(merged.Person), sentAt(merged), now, string(data), row.id); err != nil {
		return "", false, nil, fmt.Errorf("update invitation %s from %s: %w", row.id, where, err)
	}
	w.wrote(row.id, string(stored.Direction), invitationPersonKey(merged.Person))
	// The verdict was about the invitation as it was: mark it stale.
	if _, err := w.stale.ExecContext(ctx, row.id); err != nil {
		return "", false, nil, fmt.Errorf("update invitation %s from %s: %w", row.id, where, err)
	}
	return row.id, true, nil, nil
}

func (db *DB) putInvitationsStoredRowByRow(ctx context.Context, tx *sql.Tx, invs []linkvet.Invitation, stored bool) ([]string, []linkvet.StoredInvitation, []linkvet.Change, error) {
	norm := make([]linkvet.Invitation, len(invs))
	for i, inv := range invs {
		where := invitationName(i, inv.ID)
		n, err := normalizeInvitation(inv, where)
		if err != nil {
			return nil, nil, nil, err
		}
		norm[i] = n
	}
	ids := make([]string, len(norm))
	changes := make([]linkvet.Change, len(norm))
	var out []linkvet.StoredInvitation
	if stored {
		out = make([]linkvet.StoredInvitation, len(norm))
	}
	w, err := db.newInvitationWriter(ctx, tx)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := w.preload(ctx, tx, norm); err != nil {
		return nil, nil, nil, err
	}
	// Invitations matched to a stored one (or to one earlier in the
	// batch) are read back once the batch is written, so that every entry
	// shows the invitation as the batch left it; new ones are not read.
	reread := map[string]*linkvet.StoredInvitation{}
	for i, inv := range norm {
		id, changed, si, err := w.putNewRowByRow(ctx, inv, invitationName(i, inv.ID))
		if err != nil {
			return nil, nil, nil, fmt.Errorf("put invitations: %w", err)
		}
		ids[i] = id
		switch {
		case si != nil:
			changes[i] = linkvet.ChangeNew
		case changed:
			changes[i] = linkvet.ChangeEnriched
		default:
			changes[i] = linkvet.ChangeUnchanged
		}
		if !stored {
			continue
		}
		if si == nil {
			reread[id] = nil
			continue
		}
		out[i] = *si
	}
	if len(reread) > 0 {
		read, err := tx.PrepareContext(ctx, selectStored+` WHERE i.id = ?`)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("put invitations: %w", err)
		}
		defer read.Close()
		for i, id := range ids {
			if _, ok := reread[id]; !ok {
				continue
			}
			if reread[id] == nil {
				got, err := scanStored(read.QueryRowContext(ctx, id))
				if err != nil {
					return nil, nil, nil, fmt.Errorf("put invitations: read %s back: %w", id, err)
				}
				got.Verdict, got.VerdictState = nil, ""
				reread[id] = &got
			}
			out[i] = *reread[id]
		}
	}
	return ids, out, changes, nil
}
