package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
)

// RecordOutreach appends an event to the outreach log of an invitation and
// returns it with its id and time (the store's clock; ev.At is ignored).
// It refuses what cannot have happened, with ECONFLICT: withdrawing,
// declining or ignoring an invitation that is not pending, sending again
// one that is pending, accepted or withdrawn less than
// ReinviteAfterWithdrawDays ago, or a follow-up on an invitation the user
// has not accepted or already followed up. sent, withdrawn, declined and
// ignored apply to outgoing invitations, followup_done to incoming ones.
func (db *DB) RecordOutreach(ctx context.Context, ev outreach.Event) (outreach.Event, error) {
	ev.InvitationID = strings.TrimSpace(ev.InvitationID)
	if err := checkEvent(ev); err != nil {
		return ev, err
	}
	ev.At = db.now().UTC()
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		si, events, err := readOutreach(ctx, tx, ev.InvitationID)
		if err != nil {
			return err
		}
		if err := allowed(ev, si, events, ev.At); err != nil {
			return err
		}
		ev, err = appendEvent(ctx, tx, ev)
		return err
	})
	if err != nil {
		return ev, fmt.Errorf("record %s: %w", ev.Kind, err)
	}
	return ev, nil
}

func checkEvent(ev outreach.Event) error {
	switch {
	case ev.InvitationID == "":
		return linkvet.Errorf(linkvet.EINVALID, "outreach event names no invitation")
	case !ev.Kind.Valid():
		names := make([]string, len(outreach.EventKinds))
		for i, k := range outreach.EventKinds {
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

// allowed checks an event against the invitation's current state.
func allowed(ev outreach.Event, si *linkvet.StoredInvitation, events []outreach.Event, now time.Time) error {
	dir := si.Invitation.Direction
	if ev.Kind.ForOutgoing() != (dir == linkvet.Outgoing) {
		if dir == linkvet.Outgoing {
			return linkvet.Errorf(linkvet.EINVALID, "invitation %s is one you sent; a follow-up applies to invitations you accepted", ev.InvitationID)
		}
		return linkvet.Errorf(linkvet.EINVALID, "invitation %s was sent to you; %s applies to invitations you sent", ev.InvitationID, ev.Kind)
	}
	if ev.Kind == outreach.EventFollowUpDone {
		if si.Decision == nil || si.Decision.Action != linkvet.Accept {
			return linkvet.Errorf(linkvet.ECONFLICT, "you have not accepted invitation %s, so no follow-up is owed (record the acceptance with linkvet decide %s accept)", ev.InvitationID, ev.InvitationID)
		}
		for _, e := range events {
			if e.Kind == outreach.EventFollowUpDone {
				return linkvet.Errorf(linkvet.ECONFLICT, "the follow-up on %s was already marked done on %s", ev.InvitationID, e.At.Format("2006-01-02"))
			}
		}
		return nil
	}
	p := policy.Default()
	t := outreach.Track(outreach.State{Invitations: []linkvet.StoredInvitation{*si}, Events: events}, p, now)[0]
	switch ev.Kind {
	case outreach.EventSent:
		if blocks, why := t.Blocks(now); blocks && t.Status != outreach.StatusDeclined && t.Status != outreach.StatusIgnored {
			return linkvet.Errorf(linkvet.ECONFLICT, "cannot record a new invitation: %s", why)
		}
	default:
		if t.Status != outreach.StatusPending {
			return linkvet.Errorf(linkvet.ECONFLICT, "invitation %s is %s, not pending: it cannot be %s now", ev.InvitationID, t.Status, ev.Kind)
		}
	}
	return nil
}

func appendEvent(ctx context.Context, tx *sql.Tx, ev outreach.Event) (outreach.Event, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO outreach_events (invitation_id, kind, at, note) VALUES (?, ?, ?, ?)`,
		ev.InvitationID, string(ev.Kind), formatTime(ev.At), ev.Note)
	if err != nil {
		return ev, err
	}
	ev.ID, err = res.LastInsertId()
	return ev, err
}

// readOutreach reads one invitation and its events; ENOTFOUND when it is
// not stored.
func readOutreach(ctx context.Context, q querier, id string) (*linkvet.StoredInvitation, []outreach.Event, error) {
	si, err := scanStored(q.QueryRowContext(ctx, selectStored+` WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", id)
	} else if err != nil {
		return nil, nil, err
	}
	events, err := readEvents(ctx, q, id)
	return &si, events, err
}

// OutreachEvents returns the outreach log of one invitation, or of all
// when invitationID is empty, oldest first.
func (db *DB) OutreachEvents(ctx context.Context, invitationID string) ([]outreach.Event, error) {
	if err := db.mustExist(ctx, invitationID); err != nil {
		return nil, fmt.Errorf("read outreach events: %w", err)
	}
	return readEvents(ctx, db.sql, invitationID)
}

func readEvents(ctx context.Context, q querier, invitationID string) ([]outreach.Event, error) {
	query := `SELECT id, invitation_id, kind, at, note FROM outreach_events`
	var args []any
	if invitationID != "" {
		query += ` WHERE invitation_id = ?`
		args = append(args, invitationID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read outreach events: %w", err)
	}
	defer rows.Close()
	var out []outreach.Event
	for rows.Next() {
		var ev outreach.Event
		var kind string
		var at sql.NullString
		if err := rows.Scan(&ev.ID, &ev.InvitationID, &kind, &at, &ev.Note); err != nil {
			return nil, fmt.Errorf("read outreach events: %w", err)
		}
		ev.Kind = outreach.EventKind(kind)
		if ev.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("read outreach events: %w", err)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read outreach events: %w", err)
	}
	return out, nil
}

// RecordSent stores an invitation the user has just sent (direction
// outgoing, sent_at the store's clock) with a "sent" event, in one
// transaction, and returns its id. An invitation to the same person that
// is stored already is enriched and sent again, unless LinkedIn would not
// allow it: still pending, accepted, or withdrawn less than three weeks
// ago (ECONFLICT).
func (db *DB) RecordSent(ctx context.Context, inv linkvet.Invitation) (string, error) {
	switch inv.Direction {
	case "", linkvet.Outgoing:
		inv.Direction = linkvet.Outgoing
	default:
		return "", linkvet.Errorf(linkvet.EINVALID, "the invitation's direction is %q: only invitations you send can be recorded as sent", inv.Direction)
	}
	now := db.now().UTC()
	inv.SentAt = &now
	inv.ID = strings.TrimSpace(inv.ID)
	n, err := normalizeInvitation(inv, "the sent invitation")
	if err != nil {
		return "", err
	}
	var id string
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		w, err := db.newInvitationWriter(ctx, tx)
		if err != nil {
			return err
		}
		var row *storedRow
		if key := invitationPersonKey(n.Person); key != "" {
			if row, err = w.find(ctx, w.byPerson, key, string(linkvet.Outgoing)); err != nil {
				return err
			}
		}
		if row == nil {
			if row, err = w.find(ctx, w.byID, n.ID); err != nil {
				return err
			}
		}
		if row != nil && row.direction == string(linkvet.Outgoing) {
			si, events, err := readOutreach(ctx, tx, row.id)
			if err != nil {
				return err
			}
			if err := allowed(outreach.Event{InvitationID: row.id, Kind: outreach.EventSent}, si, events, now); err != nil {
				return err
			}
		}
		if id, _, err = w.put(ctx, n, "the sent invitation"); err != nil {
			return err
		}
		_, err = appendEvent(ctx, tx, outreach.Event{InvitationID: id, Kind: outreach.EventSent, At: now})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("record sent invitation: %w", err)
	}
	return id, nil
}

// ReconcileOutgoing marks as ignored each outgoing invitation that is
// pending in the store but no longer listed in e, an export imported
// with Import just before: LinkedIn drops an invitation from the list
// when it is declined or ignored, and the export does not say which.
// Invitations accepted meanwhile are already closed by Import (the person
// is a connection). Nothing is marked when e has no Invitations.csv, nor
// an invitation sent after the export's newest date, which the export may
// predate. It returns how many were marked.
func (db *DB) ReconcileOutgoing(ctx context.Context, e *linkvet.Export) (int, error) {
	if e == nil || !hasInvitationsFile(e) {
		return 0, nil
	}
	listedKeys := map[string]bool{}
	listedIDs := map[string]bool{}
	for _, inv := range e.Outgoing {
		if k := invitationPersonKey(inv.Person); k != "" {
			listedKeys[k] = true
		}
		if inv.ID != "" {
			listedIDs[inv.ID] = true
		} else if id := deriveInvitationID(inv); id != "" {
			listedIDs[id] = true
		}
	}
	newest := newestDate(e)
	if newest.IsZero() {
		return 0, nil
	}
	now := db.now().UTC()
	marked := 0
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, selectStored+` WHERE i.direction = 'outgoing'`)
		if err != nil {
			return err
		}
		var stored []linkvet.StoredInvitation
		for rows.Next() {
			si, err := scanStored(rows)
			if err != nil {
				rows.Close()
				return err
			}
			// Only an invitation the export leaves out, sent before the
			// export was made, can have been declined or ignored.
			sent := si.Invitation.SentAt
			if listedIDs[si.Invitation.ID] || listedKeys[invitationPersonKey(si.Invitation.Person)] || (sent != nil && !sent.Before(newest)) {
				continue
			}
			stored = append(stored, si)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(stored) == 0 {
			return nil // nothing to reconcile: skip reading the whole network
		}
		events, err := readEvents(ctx, tx, "")
		if err != nil {
			return err
		}
		known, err := readKnown(ctx, tx)
		if err != nil {
			return err
		}
		tracked := outreach.Track(outreach.State{Invitations: stored, Events: events, Known: known}, policy.Default(), now)
		for _, t := range tracked {
			if t.Status != outreach.StatusPending || listedIDs[t.ID] || listedKeys[invitationPersonKey(t.Person)] || !t.SentAt.Before(newest) {
				continue
			}
			note := "no longer pending in the LinkedIn export imported on " + now.Format("2006-01-02") +
				", and not a connection: declined or ignored (the export does not say which)"
			if _, err := appendEvent(ctx, tx, outreach.Event{InvitationID: t.ID, Kind: outreach.EventIgnored, At: now, Note: note}); err != nil {
				return err
			}
			marked++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reconcile sent invitations with the export: %w", err)
	}
	return marked, nil
}

// hasInvitationsFile reports whether the export read an Invitations.csv:
// without it, no invitation can be said to have left the list.
func hasInvitationsFile(e *linkvet.Export) bool {
	for _, f := range e.Files {
		base := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
		base = strings.TrimSuffix(base, path.Ext(base))
		key := strings.Map(func(r rune) rune {
			if r == ' ' || r == '_' || r == '-' {
				return -1
			}
			return r
		}, fold.String(base))
		if key == "invitations" && !strings.HasPrefix(firstReason(f), "not read") {
			return true
		}
	}
	return false
}

func firstReason(f linkvet.FileSummary) string {
	if len(f.Skipped) == 0 {
		return ""
	}
	return f.Skipped[0].Reason
}

// newestDate is the latest time the export mentions: a bound on when it
// was made.
func newestDate(e *linkvet.Export) time.Time {
	var newest time.Time
	see := func(t time.Time) {
		if t.After(newest) {
			newest = t
		}
	}
	for _, list := range [][]linkvet.Invitation{e.Incoming, e.Outgoing} {
		for _, inv := range list {
			if inv.SentAt != nil {
				see(*inv.SentAt)
			}
		}
	}
	for _, m := range e.Messages {
		see(m.At)
	}
	for _, k := range e.Known {
		see(k.Since)
		see(k.LastSeen)
	}
	return newest
}

// OutreachState reads what package outreach needs, in one snapshot: every
// invitation with its verdict and latest decision, the outreach log, the
// known people, the messages and the hidden connections of the latest
// finished import.
func (db *DB) OutreachState(ctx context.Context) (outreach.State, error) {
	var s outreach.State
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
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
	})
	if err != nil {
		return s, fmt.Errorf("read outreach state: %w", err)
	}
	return s, nil
}
