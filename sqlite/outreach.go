package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

func checkEvent(ev linkvet.OutreachEvent) error {
	switch {
	case ev.InvitationID == "":
		return linkvet.Errorf(linkvet.EINVALID, "outreach event names no invitation")
	case !ev.Kind.Valid():
		names := make([]string, len(linkvet.OutreachKinds))
		for i, k := range linkvet.OutreachKinds {
			names[i] = string(k)
		}
		return linkvet.Errorf(linkvet.EINVALID, "outreach event on %s: kind %q is not one of %s", ev.InvitationID, ev.Kind, strings.Join(names, ", "))
	case !utf8.ValidString(ev.Note):
		return linkvet.Errorf(linkvet.EINVALID, "outreach event on %s: the note is not valid UTF-8 text", ev.InvitationID)
	case len(ev.Note) > maxNoteBytes:
		return linkvet.Errorf(linkvet.ELIMIT, "outreach event on %s: the note has %d bytes, more than the %d allowed", ev.InvitationID, len(ev.Note), maxNoteBytes)
	}
	return nil
}

// appendEvent inserts a checked event.
func appendEvent(ctx context.Context, tx *sql.Tx, ev linkvet.OutreachEvent) (linkvet.OutreachEvent, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO outreach_events (invitation_id, kind, at, note) VALUES (?, ?, ?, ?)`,
		ev.InvitationID, string(ev.Kind), formatTime(ev.At), ev.Note)
	if err != nil {
		return ev, err
	}
	ev.ID, err = res.LastInsertId()
	return ev, err
}

// OutreachEvents returns the outreach log of one invitation, or of all
// when invitationID is empty, oldest first.
func (db *DB) OutreachEvents(ctx context.Context, invitationID string) ([]linkvet.OutreachEvent, error) {
	if err := mustExist(ctx, db.sql, invitationID); err != nil {
		return nil, fmt.Errorf("read outreach events: %w", err)
	}
	return readEvents(ctx, db.sql, invitationID)
}

func readEvents(ctx context.Context, q querier, invitationID string) ([]linkvet.OutreachEvent, error) {
	var out []linkvet.OutreachEvent
	err := eachEvent(ctx, q, invitationID, func(ev linkvet.OutreachEvent) { out = append(out, ev) })
	return out, err
}

// OutreachState reads what package outreach needs, in one snapshot: every
// invitation with its verdict and latest decision, the outreach log, the
// known people, the messages and the hidden connections of the latest
// finished import.
func (db *DB) OutreachState(ctx context.Context) (linkvet.OutreachState, error) {
	var s linkvet.OutreachState
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		s, err = readOutreachState(ctx, tx)
		return err
	})
	return s, err
}

func readOutreachState(ctx context.Context, tx querier) (linkvet.OutreachState, error) {
	var s linkvet.OutreachState
	err := func() error {
		rows, err := tx.QueryContext(ctx, selectStored+` ORDER BY i.sent_at, i.id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			si, err := scanStored(rows)
			if err != nil {
				rows.Close()
				return err
			}
			s.Invitations = append(s.Invitations, si)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if s.Events, err = readEvents(ctx, tx, ""); err != nil {
			return err
		}
		if s.Known, err = readKnown(ctx, tx); err != nil {
			return err
		}
		if s.Messages, err = readMessages(ctx, tx); err != nil {
			return err
		}
		err = tx.QueryRowContext(ctx, `SELECT hidden FROM imports WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`).Scan(&s.HiddenConnections)
		if errors.Is(err, sql.ErrNoRows) {
			err = nil
		}
		return err
	}()
	if err != nil {
		return s, fmt.Errorf("read outreach state: %w", err)
	}
	return s, nil
}
