package sqlite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/jsonio"
)

// Restore reads a JSON export (Export's "json" format) into an empty
// store, in one transaction: afterwards the store exports the same data
// (invitations, verdicts, decisions, known people and tags, imports,
// messages, the outreach log, every policy version, the audit log, the
// classifier and its training markers, the raw inputs and the sync
// states). A store that holds anything is refused (ECONFLICT): restoring
// never mixes two histories. An export written before raw inputs and sync
// states were exported restores without them.
//
// The file is checked whole before anything is written: a value of the
// wrong type, a raw input whose invitation is not in the file, whose
// digest is not the SHA-256 of its data or that repeats another's
// (invitation, digest), and a sync state without a key or repeating
// another's are each refused (EINVALID) with name:line:column and the
// record, e.g. "raw_inputs[3] (invitation inv-7): digest does not match
// its data".
func (db *DB) Restore(ctx context.Context, r io.Reader, name string) error {
	// The file is held whole so that a problem can be placed by line and
	// column; the records decoded from it are held too, as the checks
	// above need all of them before the first is written.
	text, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("restore %s: read: %w", name, err)
	}
	d, err := decodeDump(text, name)
	if err != nil {
		return err
	}
	if err := checkDump(d); err != nil {
		return err
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invitations) + (SELECT count(*) FROM known) +
			(SELECT count(*) FROM messages) + (SELECT count(*) FROM policies) + (SELECT count(*) FROM me) +
			(SELECT count(*) FROM raw_inputs) + (SELECT count(*) FROM sync_states)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return linkvet.Errorf(linkvet.ECONFLICT, "the database %s is not empty: restore into a new one (--db NEW.db)", db.path)
		}
		return restoreRows(ctx, tx, d.dump)
	})
	if err != nil {
		return fmt.Errorf("restore %s: %w", name, err)
	}
	return nil
}

// rawInputIn is a raw input as Restore reads it: the data stays base64
// text until checkDump decodes it, so that bad base64 is reported with
// the record it belongs to (encoding/json names neither).
type rawInputIn struct {
	InvitationID string    `json:"invitation_id"`
	Channel      string    `json:"channel"`
	Place        string    `json:"place"`
	Digest       string    `json:"digest"`
	Data         string    `json:"data"`
	At           time.Time `json:"at"`

	data []byte // Data decoded, by checkDump
}

// decoded is a dump read from a file, with where its raw inputs and sync
// states start (byte offsets), for checkDump's messages.
type decoded struct {
	*dump
	text   []byte
	name   string
	rawAt  []int64
	syncAt []int64
}

// where is "name:line:column" of a byte offset in the file, past the
// blanks and the comma before a value.
func (d *decoded) where(off int64) string {
	for off < int64(len(d.text)) && strings.IndexByte(" \t\r\n,:", d.text[off]) >= 0 {
		off++
	}
	line, col := textLineCol(d.text, int(off))
	return fmt.Sprintf("%s:%d:%d", d.name, line, col)
}

func (d *decoded) errorf(off int64, format string, args ...any) error {
	return linkvet.Errorf(linkvet.EINVALID, "%s: %s", d.where(off), fmt.Sprintf(format, args...))
}

// textLineCol is the 1-based line and column (in bytes) of offset in text.
func textLineCol(text []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(text))
	before := text[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// decodeDump reads an export key by key and its arrays element by
// element, so that a problem is named with its place and its record
// ("decisions[12]: ..."), not only with encoding/json's type names.
func decodeDump(text []byte, name string) (*decoded, error) {
	d := &decoded{dump: &dump{}, text: text, name: name}
	dec := json.NewDecoder(bytes.NewReader(text))
	tok, err := dec.Token()
	if err != nil {
		if len(bytes.TrimSpace(text)) == 0 {
			return nil, linkvet.Errorf(linkvet.EINVALID, "%s: the file is empty, not a linkvet export", name)
		}
		return nil, d.valueError(0, "not a linkvet export", err)
	}
	if tok != json.Delim('{') {
		return nil, d.errorf(0, "not a linkvet export: want a JSON object, found %s", tokenText(tok))
	}
	seen := map[string]bool{}
	for dec.More() {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil, d.valueError(off, "not a linkvet export", err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, d.errorf(off, "%q appears twice", key)
		}
		seen[key] = true
		var derr error
		switch key {
		case "format":
			if derr = d.value(dec, key, &d.Format); derr == nil && d.Format != ExportFormat {
				return nil, d.errorf(off, "format %q, want %q (written by linkvet export --format json)", d.Format, ExportFormat)
			}
		case "schema_version":
			derr = d.value(dec, key, &d.SchemaVersion)
		case "exported_at":
			derr = d.value(dec, key, &d.ExportedAt)
		case "me":
			derr = d.value(dec, key, &d.Me)
		case "trained":
			derr = d.value(dec, key, &d.Trained)
		case "invitations":
			derr = decodeArray(d, dec, key, &d.Invitations, nil)
		case "decisions":
			derr = decodeArray(d, dec, key, &d.Decisions, nil)
		case "known":
			derr = decodeArray(d, dec, key, &d.Known, nil)
		case "imports":
			derr = decodeArray(d, dec, key, &d.Imports, nil)
		case "messages":
			derr = decodeArray(d, dec, key, &d.Messages, nil)
		case "outreach":
			derr = decodeArray(d, dec, key, &d.Outreach, nil)
		case "policies":
			derr = decodeArray(d, dec, key, &d.Policies, nil)
		case "audit":
			derr = decodeArray(d, dec, key, &d.Audit, nil)
		case "models":
			derr = decodeArray(d, dec, key, &d.Models, nil)
		case "inferred":
			derr = decodeArray(d, dec, key, &d.Inferred, nil)
		case "unsettled":
			derr = decodeArray(d, dec, key, &d.Unsettled, nil)
		case "raw_inputs":
			derr = decodeArray(d, dec, key, &d.RawInputs, &d.rawAt)
		case "sync_states":
			derr = decodeArray(d, dec, key, &d.SyncStates, &d.syncAt)
		default:
			// A key a later linkvet writes: skipped, as encoding/json would.
			var skip json.RawMessage
			derr = d.value(dec, fmt.Sprintf("key %q", key), &skip)
		}
		if derr != nil {
			return nil, derr
		}
	}
	off := dec.InputOffset()
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, d.valueError(off, "not a linkvet export", err)
	}
	off = dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, d.errorf(off, "not a linkvet export: more data after the end of the export")
	}
	if d.Format != ExportFormat {
		return nil, linkvet.Errorf(linkvet.EINVALID, "%s: format %q, want %q (written by linkvet export --format json)", name, d.Format, ExportFormat)
	}
	return d, nil
}

// value decodes the next value into v; what names it in a message.
func (d *decoded) value(dec *json.Decoder, what string, v any) error {
	off := dec.InputOffset()
	if err := dec.Decode(v); err != nil {
		return d.valueError(off, what, err)
	}
	return nil
}

// decodeArray decodes the next value, an array or null, into out, element
// by element; starts, when not nil, gets each element's offset.
func decodeArray[T any](d *decoded, dec *json.Decoder, key string, out *[]T, starts *[]int64) error {
	off := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return d.valueError(off, key, err)
	}
	if tok == nil {
		return nil // null: none
	}
	if tok != json.Delim('[') {
		return d.errorf(off, "%s: want an array, found %s", key, tokenText(tok))
	}
	for i := 0; dec.More(); i++ {
		at := dec.InputOffset()
		var v T
		if err := dec.Decode(&v); err != nil {
			return d.valueError(at, fmt.Sprintf("%s[%d]", key, i), err)
		}
		*out = append(*out, v)
		if starts != nil {
			*starts = append(*starts, at)
		}
	}
	off = dec.InputOffset()
	if _, err := dec.Token(); err != nil { // the closing bracket
		return d.valueError(off, key, err)
	}
	return nil
}

// valueError names a value that failed to decode from off on: a syntax
// error is placed at its byte, a file cut short at its end, anything else
// (a value of the wrong type, a bad time) at the value's start.
func (d *decoded) valueError(off int64, what string, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return d.errorf(int64(len(d.text)), "%s: the file ends in the middle of the JSON (cut short?)", what)
	case errors.As(err, &se):
		// The decoder's offsets count from where it last started a
		// value; scanning again from the value's start places the byte.
		start := off
		for start < int64(len(d.text)) && strings.IndexByte(" \t\r\n,:", d.text[start]) >= 0 {
			start++
		}
		var raw json.RawMessage
		var se2 *json.SyntaxError
		if err2 := json.NewDecoder(bytes.NewReader(d.text[start:])).Decode(&raw); errors.As(err2, &se2) {
			return d.errorf(start+se2.Offset-1, "%s: %v", what, se2)
		}
		return d.errorf(off, "%s: %v", what, se)
	}
	return d.errorf(off, "%s: %s", what, strings.TrimPrefix(err.Error(), "json: "))
}

// tokenText shows a JSON token in a message.
func tokenText(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return fmt.Sprintf("%q", string(t))
	case string:
		return fmt.Sprintf("the string %q", t)
	case nil:
		return "null"
	default:
		return fmt.Sprintf("%v", t)
	}
}

// checkDump refuses what the store would take but a restore must not:
// raw inputs that would be kept under an invitation the file does not
// hold, or under a digest that is not their data's, or twice; sync states
// that no sync could ever look up. Everything is checked before anything
// is written.
func checkDump(d *decoded) error {
	ids := make(map[string]bool, len(d.Invitations))
	for _, si := range d.Invitations {
		ids[si.Invitation.ID] = true
	}
	type rawKey struct{ invitation, digest string }
	firstRaw := map[rawKey]int{}
	for i := range d.RawInputs {
		r := &d.RawInputs[i]
		at := d.rawAt[i]
		if r.InvitationID == "" {
			return d.errorf(at, "raw_inputs[%d]: no invitation_id", i)
		}
		rec := fmt.Sprintf("raw_inputs[%d] (invitation %s)", i, r.InvitationID)
		if !ids[r.InvitationID] {
			return d.errorf(at, "%s: the invitation is not in the export", rec)
		}
		data, err := base64.StdEncoding.DecodeString(r.Data)
		if err != nil {
			return d.errorf(at, "%s: data is not base64: %v", rec, err)
		}
		r.data = data
		sum := sha256.Sum256(data)
		want := hex.EncodeToString(sum[:])
		switch {
		case r.Digest == "":
			return d.errorf(at, "%s: no digest (the SHA-256 of its data is %s)", rec, want)
		case r.Digest != want:
			return d.errorf(at, "%s: digest does not match its data (its SHA-256 is %s, not %s)", rec, want, r.Digest)
		}
		k := rawKey{r.InvitationID, r.Digest}
		if j, ok := firstRaw[k]; ok {
			return d.errorf(at, "%s: the same input (digest %s) as raw_inputs[%d]", rec, r.Digest, j)
		}
		firstRaw[k] = i
	}
	firstSync := map[string]int{}
	for i, s := range d.SyncStates {
		at := d.syncAt[i]
		if s.Key == "" {
			return d.errorf(at, "sync_states[%d]: empty key", i)
		}
		if j, ok := firstSync[s.Key]; ok {
			return d.errorf(at, "sync_states[%d] (key %s): the same key as sync_states[%d]", i, s.Key, j)
		}
		firstSync[s.Key] = i
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
			vj, err := jsonio.AppendVerdict(nil, v)
			if err != nil {
				return err
			}
			// The state it was screened in: current if this store's state
			// is the same, stale (screened again) otherwise.
			if err := exec(`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, inv.ID, string(v.Action), string(v.Category), v.Score, formatTime(d.ExportedAt), string(vj), si.VerdictState); err != nil {
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
	if err := restoreImportState(exec, d); err != nil {
		return err
	}
	// Raw inputs in the order written, which is the order of their ids:
	// a second export lists them alike.
	for i, r := range d.RawInputs {
		data := r.data
		if data == nil {
			data = []byte{}
		}
		if err := exec(`INSERT INTO raw_inputs (invitation_id, channel, place, digest, data, at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.InvitationID, r.Channel, r.Place, r.Digest, data, formatTime(r.At)); err != nil {
			return fmt.Errorf("raw_inputs[%d] (invitation %s): %w", i, r.InvitationID, err)
		}
	}
	for i, s := range d.SyncStates {
		if err := exec(`INSERT INTO sync_states (key, value, updated_at) VALUES (?, ?, ?)`, s.Key, s.Value, formatTime(s.UpdatedAt)); err != nil {
			return fmt.Errorf("sync_states[%d] (key %s): %w", i, s.Key, err)
		}
	}
	return nil
}
