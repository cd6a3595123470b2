package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Restore reads a JSON export (Export's "json" format) into an empty
// store, in one transaction: afterwards the store exports the same data
// (invitations, verdicts, decisions, known people and tags, imports,
// messages, the outreach log, every policy version, the audit log, the
// classifier and its training markers). A store that holds anything is
// refused (ECONFLICT): restoring never mixes two histories.
func (db *DB) Restore(ctx context.Context, r io.Reader, name string) error {
	var d dump
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s: not a linkvet export: %v", name, err)
	}
	if d.Format != ExportFormat {
		return linkvet.Errorf(linkvet.EINVALID, "%s: format %q, want %q (written by linkvet export --format json)", name, d.Format, ExportFormat)
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invitations) + (SELECT count(*) FROM known) +
			(SELECT count(*) FROM messages) + (SELECT count(*) FROM policies) + (SELECT count(*) FROM me)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return linkvet.Errorf(linkvet.ECONFLICT, "the database %s is not empty: restore into a new one (--db NEW.db)", db.path)
		}
		return restoreRows(ctx, tx, &d)
	})
	if err != nil {
		return fmt.Errorf("restore %s: %w", name, err)
	}
	return nil
}

func restoreRows(ctx context.Context, tx *sql.Tx, d *dump) error {
	exec := func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	if !d.Me.Empty() {
		me, _ := json.Marshal(d.Me)
		if err := exec(`INSERT INTO me (id, updated_at, json) VALUES (1, ?, ?)`, formatTime(d.ExportedAt), string(me)); err != nil {
			return err
		}
	}
	for _, si := range d.Invitations {
		inv := si.Invitation
		data, err := json.Marshal(inv)
		if err != nil {
			return err
		}
		if err := exec(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, json)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, inv.ID, invitationPersonKey(inv.Person), string(inv.Direction), sentAt(inv),
			formatTime(si.AddedAt), formatTime(si.AddedAt), string(data)); err != nil {
			return fmt.Errorf("invitation %s: %w", inv.ID, err)
		}
		if v := si.Verdict; v != nil {
			vj, err := json.Marshal(v)
			if err != nil {
				return err
			}
			if err := exec(`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state)
				VALUES (?, ?, ?, ?, ?, ?, '')`, inv.ID, string(v.Action), string(v.Category), v.Score, formatTime(d.ExportedAt), string(vj)); err != nil {
				return fmt.Errorf("verdict of %s: %w", inv.ID, err)
			}
		}
	}
	for _, dc := range d.Decisions {
		undo := 0
		if dc.Undo {
			undo = 1
		}
		if err := exec(`INSERT INTO decisions (id, invitation_id, action, verdict, note, decided_by, at, undo)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, dc.ID, dc.InvitationID, string(dc.Action), string(dc.Verdict), dc.Note,
			string(dc.By), formatTime(dc.At), undo); err != nil {
			return fmt.Errorf("decision %d: %w", dc.ID, err)
		}
	}
	// Pending follows the latest decision, as appendDecision keeps it.
	if err := exec(`UPDATE invitations SET pending = coalesce((SELECT d.undo FROM decisions d
		WHERE d.invitation_id = invitations.id ORDER BY d.id DESC LIMIT 1), 1)`); err != nil {
		return err
	}
	for _, k := range d.Known {
		key := knownKey(k)
		sources, _ := json.Marshal(nonNil(k.Sources))
		if err := exec(`INSERT INTO known (key, name, profile_url, email, company, position, sources, since, last_contact, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, key, k.Name, k.ProfileURL, k.Email, k.Company, k.Position, string(sources),
			nullTime(k.Since), nullTime(k.LastSeen), formatTime(d.ExportedAt)); err != nil {
			return fmt.Errorf("known person %s: %w", k.Name, err)
		}
		for _, tag := range k.Tags {
			if err := exec(`INSERT INTO tags (person_key, folded, tag) VALUES (?, ?, ?)`, key, fold.String(tag), tag); err != nil {
				return fmt.Errorf("tag %q of %s: %w", tag, k.Name, err)
			}
		}
	}
	for _, r := range d.Imports {
		files, _ := json.Marshal(nonNil(r.Files))
		// An unfinished import restored is over: its process is gone.
		abandoned := r.Abandoned || r.FinishedAt.IsZero()
		if err := exec(`INSERT INTO imports (id, started_at, finished_at, known, incoming, outgoing, messages, unchanged, accepted, hidden, files, abandoned)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, formatTime(r.StartedAt), nullTime(r.FinishedAt), r.Result.Known,
			r.Result.Incoming, r.Result.Outgoing, r.Result.Messages, r.Result.Unchanged, r.Accepted, r.HiddenConnections, string(files), abandoned); err != nil {
			return fmt.Errorf("import %d: %w", r.ID, err)
		}
	}
	for _, m := range d.Messages {
		toURLs := ""
		if len(m.ToURLs) > 0 {
			b, _ := json.Marshal(m.ToURLs)
			toURLs = string(b)
		}
		if err := exec(`INSERT OR IGNORE INTO messages (hash, conversation_id, from_name, from_url, to_name, to_urls, at, subject, content, outgoing)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, messageHash(m), m.ConversationID, m.From, m.FromURL, m.To, toURLs,
			formatTime(m.At), m.Subject, m.Content, m.Outgoing); err != nil {
			return fmt.Errorf("message: %w", err)
		}
	}
	for _, e := range d.Outreach {
		if err := exec(`INSERT INTO outreach_events (id, invitation_id, kind, at, note) VALUES (?, ?, ?, ?, ?)`,
			e.ID, e.InvitationID, string(e.Kind), formatTime(e.At), e.Note); err != nil {
			return fmt.Errorf("outreach event %d: %w", e.ID, err)
		}
	}
	for _, pv := range d.Policies {
		learning := 0
		if pv.Learning {
			learning = 1
		}
		if err := exec(`INSERT INTO policies (version, at, text, learning, source) VALUES (?, ?, ?, ?, ?)`,
			pv.Version, formatTime(pv.At), pv.Text, learning, pv.Source); err != nil {
			return fmt.Errorf("policy version %d: %w", pv.Version, err)
		}
	}
	for _, e := range d.Audit {
		if err := exec(`INSERT INTO audit (id, at, kind, subject, detail) VALUES (?, ?, ?, ?, ?)`,
			e.ID, formatTime(e.At), e.Kind, e.Subject, e.Detail); err != nil {
			return fmt.Errorf("audit entry %d: %w", e.ID, err)
		}
	}
	for _, m := range d.Models {
		if len(m.Blob) > maxModelBytes {
			return linkvet.Errorf(linkvet.ELIMIT, "model %q has %d bytes, more than the %d allowed", m.Name, len(m.Blob), maxModelBytes)
		}
		blob := m.Blob
		if blob == nil {
			blob = []byte{}
		}
		if err := exec(`INSERT INTO models (name, updated_at, blob, generation) VALUES (?, ?, ?, ?)`,
			m.Name, formatTime(d.ExportedAt), blob, m.Generation); err != nil {
			return fmt.Errorf("model %s: %w", m.Name, err)
		}
	}
	for id, class := range d.Trained {
		if err := exec(`INSERT INTO trained (invitation_id, class, at) VALUES (?, ?, ?)`, id, class, formatTime(d.ExportedAt)); err != nil {
			return fmt.Errorf("training marker of %s: %w", id, err)
		}
	}
	return restoreImportState(exec, d)
}
