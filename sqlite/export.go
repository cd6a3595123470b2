package sqlite

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/linkvet/linkvet"
)

// ExportFormat names the layout of a JSON export, so that a reader can
// tell which version of it wrote it.
const ExportFormat = "linkvet-store-v1"

// dump is everything the store holds, as Export writes it in JSON and
// Restore reads it back.
type dump struct {
	Format        string                  `json:"format"`
	SchemaVersion int                     `json:"schema_version"`
	ExportedAt    time.Time               `json:"exported_at"`
	Me            linkvet.Me              `json:"me"`
	Invitations   []exportedInvitation    `json:"invitations"`
	Decisions     []linkvet.Decision      `json:"decisions"`
	Known         []linkvet.KnownPerson   `json:"known"`
	Imports       []ImportRun             `json:"imports"`
	Messages      []linkvet.Message       `json:"messages"`
	Outreach      []linkvet.OutreachEvent `json:"outreach"`
	Policies      []linkvet.PolicyVersion `json:"policies"`
	Audit         []linkvet.AuditEntry    `json:"audit"`
	Models        []storedModel           `json:"models"`
	Trained       map[string]string       `json:"trained"`
	// Inferred and Unsettled: see migration 0007 (import.go).
	Inferred  []inferredRow `json:"inferred,omitempty"`
	Unsettled []string      `json:"unsettled,omitempty"`
	// RawInputs and SyncStates (migration 0006) came with the second
	// revision of the layout; an export written before has neither, and
	// restores without them.
	RawInputs  []rawInputIn   `json:"raw_inputs,omitempty"`
	SyncStates []syncStateRow `json:"sync_states,omitempty"`
}

// exportedInvitation is an invitation as the export writes it: with the
// state its verdict was screened in, so that a restored store whose state
// is the same (the same policies, profile and classifier, restored too)
// keeps the verdicts as current instead of screening them all again at its
// own clock (a verdict may depend on the time).
type exportedInvitation struct {
	linkvet.StoredInvitation
	VerdictState string `json:"verdict_state,omitempty"`
}

// storedModel is a named blob with its generation (JSON writes the blob
// as base64).
type storedModel struct {
	Name       string `json:"name"`
	Generation int64  `json:"generation"`
	Blob       []byte `json:"blob"`
}

// Export writes everything stored to w, for `linkvet export`.
//
// format "json" writes one object (format "linkvet-store-v1"): the user's
// profile, every invitation with its verdict and latest decision, the full
// decision history, known people with tags, the import history, the
// messages, the outreach log, every version of the policy, the audit log,
// the trained classifier and what each invitation was trained as, the
// raw inputs each invitation was read from ("raw_inputs": the e-mail,
// pasted page or profile PDF as kept, its data in base64, with its SHA-256
// digest) and where each mailbox sync stopped ("sync_states"). Every
// table is written as it is read, one row at a time, so that memory stays
// flat whatever the store's size (a large raw input is held once, while it
// is written); Restore reads it back into an empty store.
//
// format "csv" writes one table for spreadsheets, one row per record; the
// first column, "record", says what the row is: "invitation" (with its
// verdict and latest decision), "decision" (the full history, oldest
// first; verdict_action is what linkvet had advised) or "known". Columns
// that do not apply to a record are empty. The profile, imports,
// messages, raw inputs and sync states are left to the JSON export. So that a spreadsheet never runs a
// cell as a formula, a cell starting with = + - @, a tab or a carriage
// return (also behind spaces and invisible characters) gets a leading
// single quote ('=cmd), except plain integers such as a negative score.
func (db *DB) Export(ctx context.Context, w io.Writer, format string) error {
	switch format {
	case "json", "csv":
	default:
		return linkvet.Errorf(linkvet.EINVALID, "unknown export format %q: want json or csv", format)
	}
	// One read transaction: a decision recorded meanwhile is either in
	// both the invitations and the history, or in neither.
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		var err error
		if format == "json" {
			err = db.writeJSON(ctx, tx, bw)
		} else {
			err = writeCSV(ctx, tx, bw)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return nil
}

// jsonStream writes one JSON object field by field, arrays element by
// element.
type jsonStream struct {
	w     *bufio.Writer
	first bool
	err   error
}

func (j *jsonStream) field(name string, v any) {
	j.key(name)
	j.value(v)
}

func (j *jsonStream) key(name string) {
	if j.err != nil {
		return
	}
	if !j.first {
		j.w.WriteString(",\n")
	}
	j.first = false
	k, _ := json.Marshal(name)
	j.w.WriteString("  ")
	j.w.Write(k)
	j.w.WriteString(": ")
}

func (j *jsonStream) value(v any) {
	if j.err != nil {
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		j.err = err
		return
	}
	j.w.Write(b)
}

// array writes name: [ ... ], each element each passes to emit on a line
// of its own, as it comes: nothing is gathered first.
func (j *jsonStream) array(name string, each func(emit func(v any)) error) {
	j.key(name)
	if j.err != nil {
		return
	}
	j.w.WriteString("[")
	n := 0
	emit := func(v any) {
		if j.err != nil {
			return
		}
		if n > 0 {
			j.w.WriteString(",")
		}
		j.w.WriteString("\n    ")
		n++
		j.value(v)
	}
	if err := each(emit); err != nil && j.err == nil {
		j.err = err
	}
	if n > 0 {
		j.w.WriteString("\n  ")
	}
	j.w.WriteString("]")
}

func (db *DB) writeJSON(ctx context.Context, tx *sql.Tx, w *bufio.Writer) error {
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	me, err := readMe(ctx, tx)
	if err != nil {
		return err
	}
	j := &jsonStream{w: w, first: true}
	w.WriteString("{\n")
	j.field("format", ExportFormat)
	j.field("schema_version", version)
	j.field("exported_at", db.now().UTC())
	j.field("me", me)
	j.array("invitations", func(emit func(any)) error {
		return eachInvitation(ctx, tx, func(si linkvet.StoredInvitation) {
			e := exportedInvitation{StoredInvitation: si}
			if si.Verdict != nil {
				e.VerdictState = si.VerdictState
			}
			emit(e)
		})
	})
	j.array("decisions", func(emit func(any)) error {
		return eachDecision(ctx, tx, "", func(d linkvet.Decision) { emit(d) })
	})
	j.array("known", func(emit func(any)) error {
		return eachKnown(ctx, tx, func(k linkvet.KnownPerson) { emit(k) })
	})
	j.array("imports", func(emit func(any)) error {
		return eachImport(ctx, tx, func(r ImportRun) { emit(r) })
	})
	j.array("messages", func(emit func(any)) error {
		return eachMessage(ctx, tx, func(m linkvet.Message) { emit(m) })
	})
	j.array("outreach", func(emit func(any)) error {
		return eachEvent(ctx, tx, "", func(e linkvet.OutreachEvent) { emit(e) })
	})
	j.array("policies", func(emit func(any)) error {
		return eachPolicy(ctx, tx, func(pv linkvet.PolicyVersion) { emit(pv) })
	})
	j.array("audit", func(emit func(any)) error {
		return eachAudit(ctx, tx, func(e linkvet.AuditEntry) { emit(e) })
	})
	j.array("models", func(emit func(any)) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, generation, blob FROM models ORDER BY name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m storedModel
			if err := rows.Scan(&m.Name, &m.Generation, &m.Blob); err != nil {
				return err
			}
			emit(m)
		}
		return rows.Err()
	})
	trained := map[string]string{}
	rows, err := tx.QueryContext(ctx, `SELECT invitation_id, class FROM trained`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, class string
		if err := rows.Scan(&id, &class); err != nil {
			rows.Close()
			return err
		}
		trained[id] = class
	}
	rows.Close()
	j.field("trained", trained)
	if err := exportImportState(ctx, tx, j); err != nil {
		return err
	}
	j.array("raw_inputs", func(emit func(any)) error {
		return eachRawInput(ctx, tx, func(r rawInputRow) { emit(r) })
	})
	j.array("sync_states", func(emit func(any)) error {
		return eachSyncState(ctx, tx, func(s syncStateRow) { emit(s) })
	})
	if j.err != nil {
		return j.err
	}
	_, err = w.WriteString("\n}\n")
	return err
}

// eachInvitation calls fn for every invitation, incoming first, newest
// first, one row at a time.
func eachInvitation(ctx context.Context, q querier, fn func(linkvet.StoredInvitation)) error {
	rows, err := q.QueryContext(ctx, selectStored+` ORDER BY i.direction, i.sent_at DESC, i.id`)
	if err != nil {
		return fmt.Errorf("read invitations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		si, err := scanStored(rows)
		if err != nil {
			return fmt.Errorf("read invitations: %w", err)
		}
		fn(si)
	}
	return rows.Err()
}

var csvHeader = []string{
	"record", "invitation_id", "direction", "sent_at", "name", "profile_url", "email", "headline", "company",
	"position", "message", "verdict_action", "verdict_category", "verdict_score", "decision_action",
	"decided_by", "decision_note", "decided_at", "sources", "tags", "since", "last_contact", "added_at",
}

// csvRow builds one row by column name, so that each record fills only its
// own columns.
type csvRow map[string]string

func (r csvRow) cells() []string {
	out := make([]string, len(csvHeader))
	for i, col := range csvHeader {
		out[i] = safeCell(r[col])
	}
	return out
}

func writeCSV(ctx context.Context, tx *sql.Tx, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	var werr error
	err := eachInvitation(ctx, tx, func(si linkvet.StoredInvitation) {
		if werr != nil {
			return
		}
		inv := si.Invitation
		row := csvRow{
			"record":        "invitation",
			"invitation_id": inv.ID,
			"direction":     string(inv.Direction),
			"sent_at":       csvTimePtr(inv.SentAt),
			"name":          inv.Person.Name,
			"profile_url":   inv.Person.ProfileURL,
			"headline":      inv.Person.Headline,
			"company":       inv.Person.Company,
			"position":      inv.Person.Title,
			"message":       inv.Message,
			"added_at":      csvTime(si.AddedAt),
		}
		if len(inv.Person.Emails) > 0 {
			row["email"] = inv.Person.Emails[0]
		}
		if v := si.Verdict; v != nil {
			row["verdict_action"] = string(v.Action)
			row["verdict_category"] = string(v.Category)
			row["verdict_score"] = strconv.Itoa(v.Score)
		}
		if dec := si.Decision; dec != nil {
			row["decision_action"] = string(dec.Action)
			row["decided_by"] = string(dec.By)
			row["decision_note"] = dec.Note
			row["decided_at"] = csvTime(dec.At)
		}
		werr = cw.Write(row.cells())
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	werr = nil
	err = eachDecision(ctx, tx, "", func(dec linkvet.Decision) {
		if werr != nil {
			return
		}
		row := csvRow{
			"record":          "decision",
			"invitation_id":   dec.InvitationID,
			"verdict_action":  string(dec.Verdict),
			"decision_action": string(dec.Action),
			"decided_by":      string(dec.By),
			"decision_note":   dec.Note,
			"decided_at":      csvTime(dec.At),
		}
		werr = cw.Write(row.cells())
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	err = eachKnown(ctx, tx, func(p linkvet.KnownPerson) {
		if werr != nil {
			return
		}
		row := csvRow{
			"record":       "known",
			"name":         p.Name,
			"profile_url":  p.ProfileURL,
			"email":        p.Email,
			"company":      p.Company,
			"position":     p.Position,
			"sources":      strings.Join(p.Sources, "; "),
			"tags":         strings.Join(p.Tags, "; "),
			"since":        csvTime(p.Since),
			"last_contact": csvTime(p.LastSeen),
		}
		werr = cw.Write(row.cells())
	})
	if err != nil {
		return err
	}
	if werr != nil {
		return werr
	}
	cw.Flush()
	return cw.Error()
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func csvTimePtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return csvTime(*t)
}

// safeCell defuses a cell a spreadsheet would run as a formula (see
// Export). Spreadsheets skip leading spaces and invisible characters
// (zero-width spaces, byte-order marks, bidi marks) before looking for
// "=", so those are looked through; full-width signs count too. Plain
// integers are numbers to a spreadsheet, never formulas.
func safeCell(s string) string {
	if s == "" || isInteger(s) {
		return s
	}
	if s[0] == '\t' || s[0] == '\r' {
		return "'" + s
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
			continue
		}
		if strings.ContainsRune("=+-@\uff1d\uff0b\uff0d\uff20", r) {
			return "'" + s
		}
		break
	}
	return s
}

func isInteger(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

// The readers below stream a table one row at a time: the export's, as a
// store with hundreds of thousands of decisions must not hold them all,
// and under readDecisions and readEvents, which gather a slice for callers
// that want one.

// eachDecision calls fn with every decision (of one invitation when
// invitationID is set), oldest first.
func eachDecision(ctx context.Context, q querier, invitationID string, fn func(linkvet.Decision)) error {
	query := `SELECT id, invitation_id, action, verdict, note, decided_by, at, undo FROM decisions`
	var args []any
	if invitationID != "" {
		query += ` WHERE invitation_id = ?`
		args = append(args, invitationID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read decisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d linkvet.Decision
		var action, verdict, by string
		var at sql.NullString
		var undo int
		if err := rows.Scan(&d.ID, &d.InvitationID, &action, &verdict, &d.Note, &by, &at, &undo); err != nil {
			return fmt.Errorf("read decisions: %w", err)
		}
		d.Action, d.Verdict, d.By, d.Undo = linkvet.Action(action), linkvet.Action(verdict), linkvet.DecidedBy(by), undo == 1
		if d.At, err = parseTime(at); err != nil {
			return fmt.Errorf("read decision %d: %w", d.ID, err)
		}
		fn(d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read decisions: %w", err)
	}
	return nil
}

// eachEvent calls fn with every outreach event (of one invitation when
// invitationID is set), oldest first.
func eachEvent(ctx context.Context, q querier, invitationID string, fn func(linkvet.OutreachEvent)) error {
	query := `SELECT id, invitation_id, kind, at, note FROM outreach_events`
	var args []any
	if invitationID != "" {
		query += ` WHERE invitation_id = ?`
		args = append(args, invitationID)
	}
	rows, err := q.QueryContext(ctx, query+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read outreach events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ev linkvet.OutreachEvent
		var kind string
		var at sql.NullString
		if err := rows.Scan(&ev.ID, &ev.InvitationID, &kind, &at, &ev.Note); err != nil {
			return fmt.Errorf("read outreach events: %w", err)
		}
		ev.Kind = linkvet.OutreachKind(kind)
		if ev.At, err = parseTime(at); err != nil {
			return fmt.Errorf("read outreach event %d: %w", ev.ID, err)
		}
		fn(ev)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read outreach events: %w", err)
	}
	return nil
}

// eachImport calls fn with every import run, oldest first.
func eachImport(ctx context.Context, q querier, fn func(ImportRun)) error {
	rows, err := q.QueryContext(ctx, `SELECT id, started_at, finished_at, known, incoming, outgoing, messages,
		unchanged, accepted, hidden, files, abandoned FROM imports ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read imports: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r ImportRun
		var started, finished sql.NullString
		var files string
		if err := rows.Scan(&r.ID, &started, &finished, &r.Result.Known, &r.Result.Incoming, &r.Result.Outgoing,
			&r.Result.Messages, &r.Result.Unchanged, &r.Accepted, &r.HiddenConnections, &files, &r.Abandoned); err != nil {
			return fmt.Errorf("read imports: %w", err)
		}
		if r.StartedAt, err = parseTime(started); err != nil {
			return fmt.Errorf("read import %d: %w", r.ID, err)
		}
		if r.FinishedAt, err = parseTime(finished); err != nil {
			return fmt.Errorf("read import %d: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(files), &r.Files); err != nil {
			return fmt.Errorf("read import %d: decode file summaries: %w", r.ID, err)
		}
		fn(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read imports: %w", err)
	}
	return nil
}

// rawInputRow is one raw input as the JSON export writes it (Data in
// base64). Its row id is left out: Restore adds the inputs in the order
// written, which is the order of their ids.
type rawInputRow struct {
	InvitationID string    `json:"invitation_id"`
	Channel      string    `json:"channel"`
	Place        string    `json:"place"`
	Digest       string    `json:"digest"`
	Data         []byte    `json:"data"`
	At           time.Time `json:"at"`
}

// syncStateRow is one sync state, as exported and restored.
type syncStateRow struct {
	Key       string    `json:"key"`
	Value     string    `json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}

// eachRawInput calls fn with every raw input, in the order kept.
func eachRawInput(ctx context.Context, q querier, fn func(rawInputRow)) error {
	rows, err := q.QueryContext(ctx, `SELECT id, invitation_id, channel, place, digest, data, at FROM raw_inputs ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read raw inputs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r rawInputRow
		var at sql.NullString
		if err := rows.Scan(&id, &r.InvitationID, &r.Channel, &r.Place, &r.Digest, &r.Data, &at); err != nil {
			return fmt.Errorf("read raw inputs: %w", err)
		}
		if r.At, err = parseTime(at); err != nil {
			return fmt.Errorf("read raw input %d of %s: %w", id, r.InvitationID, err)
		}
		if r.Data == nil {
			r.Data = []byte{} // "" rather than null: the column is NOT NULL
		}
		fn(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read raw inputs: %w", err)
	}
	return nil
}

// eachSyncState calls fn with every sync state, by key.
func eachSyncState(ctx context.Context, q querier, fn func(syncStateRow)) error {
	rows, err := q.QueryContext(ctx, `SELECT key, value, updated_at FROM sync_states ORDER BY key`)
	if err != nil {
		return fmt.Errorf("read sync states: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s syncStateRow
		var at sql.NullString
		if err := rows.Scan(&s.Key, &s.Value, &at); err != nil {
			return fmt.Errorf("read sync states: %w", err)
		}
		if s.UpdatedAt, err = parseTime(at); err != nil {
			return fmt.Errorf("read sync state %s: %w", s.Key, err)
		}
		fn(s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read sync states: %w", err)
	}
	return nil
}
