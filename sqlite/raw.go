package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/linkvet/linkvet"
)

// This file holds what bringing invitations in from e-mail, PDFs and pasted
// pages needs of the store beyond linkvet.Tx (the service reaches it through
// an interface of its own): the raw inputs kept with each record, whole
// invitations written back after the service merged them, and the state of
// each mailbox sync.

// RawInput is one input an invitation was read from, as kept.
type RawInput struct {
	InvitationID string
	Channel      string
	Place        string
	Data         []byte
	At           time.Time
}

// InvitationsIn lists every invitation of a direction with its verdict and
// latest decision, within the transaction: what the service matches new
// records against.
func (t *Tx) InvitationsIn(ctx context.Context, dir linkvet.Direction) ([]linkvet.StoredInvitation, error) {
	where, args, err := filterSQL(linkvet.InvitationFilter{Direction: dir})
	if err != nil {
		return nil, err
	}
	rows, err := t.tx.QueryContext(ctx, selectStored+where+` ORDER BY i.added_at, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	raws, err := scanRaws(rows)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	return decodeAll(raws, "")
}

// scanRaws reads, then closes, every row of a query of selectStored's
// columns.
func scanRaws(rows *sql.Rows) ([]rawStored, error) {
	defer rows.Close()
	var raws []rawStored
	for rows.Next() {
		var r rawStored
		if err := r.scan(rows); err != nil {
			return nil, err
		}
		raws = append(raws, r)
	}
	return raws, rows.Err()
}

// ReplaceInvitation writes inv, already merged by the caller, over the
// stored invitation with its id, and marks its verdict stale. It reports
// whether anything changed. The direction stays the stored one.
func (t *Tx) ReplaceInvitation(ctx context.Context, inv linkvet.Invitation) (bool, error) {
	var dir, old string
	err := t.tx.QueryRowContext(ctx, `SELECT direction, json FROM invitations WHERE id = ?`, inv.ID).Scan(&dir, &old)
	if errors.Is(err, sql.ErrNoRows) {
		return false, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", inv.ID)
	} else if err != nil {
		return false, fmt.Errorf("read invitation %s: %w", inv.ID, err)
	}
	inv.Direction = linkvet.Direction(dir)
	data, err := json.Marshal(inv)
	if err != nil {
		return false, fmt.Errorf("encode invitation %s: %w", inv.ID, err)
	}
	if string(data) == old {
		return false, nil
	}
	now := formatTime(t.db.now())
	if _, err := t.tx.ExecContext(ctx, `UPDATE invitations SET person_key = ?, sent_at = ?, updated_at = ?, json = ? WHERE id = ?`,
		invitationPersonKey(inv.Person), sentAt(inv), now, string(data), inv.ID); err != nil {
		return false, fmt.Errorf("update invitation %s: %w", inv.ID, err)
	}
	if _, err := t.tx.ExecContext(ctx, `UPDATE verdicts SET state = '' WHERE invitation_id = ?`, inv.ID); err != nil {
		return false, fmt.Errorf("update invitation %s: %w", inv.ID, err)
	}
	return true, nil
}

// AddRaw keeps one raw input with its invitation; the same bytes kept
// again for the same invitation change nothing (added is false).
func (t *Tx) AddRaw(ctx context.Context, invitationID, channel, place string, data []byte) (added bool, err error) {
	sum := sha256.Sum256(data)
	if data == nil {
		data = []byte{}
	}
	res, err := t.tx.ExecContext(ctx, `INSERT INTO raw_inputs (invitation_id, channel, place, digest, data, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (invitation_id, digest) DO NOTHING`,
		invitationID, channel, place, hex.EncodeToString(sum[:]), data, formatTime(t.db.now()))
	if err != nil {
		return false, fmt.Errorf("keep the raw input of %s: %w", invitationID, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// SyncState returns a stored sync state ("" when none).
func (t *Tx) SyncState(ctx context.Context, key string) (string, error) {
	return syncState(ctx, t.tx, key)
}

// SetSyncState stores a sync state.
func (t *Tx) SetSyncState(ctx context.Context, key, value string) error {
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO sync_states (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, formatTime(t.db.now())); err != nil {
		return fmt.Errorf("store sync state %s: %w", key, err)
	}
	return nil
}

// SyncState returns a stored sync state ("" when none).
func (db *DB) SyncState(ctx context.Context, key string) (string, error) {
	return syncState(ctx, db.sql, key)
}

func syncState(ctx context.Context, q querier, key string) (string, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM sync_states WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read sync state %s: %w", key, err)
	}
	return v, nil
}

// RawInputs returns the raw inputs kept with an invitation, oldest first.
func (db *DB) RawInputs(ctx context.Context, invitationID string) ([]RawInput, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT invitation_id, channel, place, data, at FROM raw_inputs
		WHERE invitation_id = ? ORDER BY id`, invitationID)
	if err != nil {
		return nil, fmt.Errorf("read raw inputs of %s: %w", invitationID, err)
	}
	defer rows.Close()
	var out []RawInput
	for rows.Next() {
		var r RawInput
		var at string
		if err := rows.Scan(&r.InvitationID, &r.Channel, &r.Place, &r.Data, &at); err != nil {
			return nil, fmt.Errorf("read raw inputs of %s: %w", invitationID, err)
		}
		if r.At, err = parseTime(sql.NullString{String: at, Valid: true}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
