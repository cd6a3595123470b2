package sqlite

import (
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
)

// ExportFormat names the layout of a JSON export, so that a reader can
// tell which version of it wrote it.
const ExportFormat = "linkvet-store-v1"

// dump is everything the store holds, as Export writes it in JSON.
type dump struct {
	Format        string                     `json:"format"`
	SchemaVersion int                        `json:"schema_version"`
	ExportedAt    time.Time                  `json:"exported_at"`
	Me            linkvet.Me                 `json:"me"`
	Invitations   []linkvet.StoredInvitation `json:"invitations"`
	Decisions     []linkvet.Decision         `json:"decisions"`
	Known         []linkvet.KnownPerson      `json:"known"`
	Imports       []ImportRun                `json:"imports"`
	Messages      []linkvet.Message          `json:"messages"`
}

// Export writes everything stored to w, for `linkvet export`.
//
// format "json" writes one object (format "linkvet-store-v1"): the user's
// profile, every invitation with its verdict and latest decision, the full
// decision history, known people with tags, the import history and the
// messages.
//
// format "csv" writes one table for spreadsheets, one row per record; the
// first column, "record", says what the row is: "invitation" (with its
// verdict and latest decision), "decision" (the full history, oldest
// first; verdict_action is what linkvet had advised) or "known". Columns
// that do not apply to a record are empty. The profile, imports and
// messages are left to the JSON export. So that a spreadsheet never runs a
// cell as a formula, a cell starting with = + - @, a tab or a carriage
// return gets a leading single quote ('=cmd), except plain integers such as
// a negative score.
func (db *DB) Export(ctx context.Context, w io.Writer, format string) error {
	switch format {
	case "json", "csv":
	default:
		return linkvet.Errorf(linkvet.EINVALID, "unknown export format %q: want json or csv", format)
	}
	d, err := db.dump(ctx)
	if err != nil {
		return err
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("export json: %w", err)
		}
		return nil
	}
	if err := writeCSV(w, d); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// dump reads everything in one snapshot.
func (db *DB) dump(ctx context.Context) (*dump, error) {
	d := &dump{Format: ExportFormat, ExportedAt: db.now().UTC()}
	// One read transaction: a decision recorded meanwhile is either in
	// both the invitations and the history, or in neither.
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		if err = tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&d.SchemaVersion); err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if d.Me, err = readMe(ctx, tx); err != nil {
			return err
		}
		if d.Invitations, err = readAllInvitations(ctx, tx); err != nil {
			return err
		}
		if d.Decisions, err = readDecisions(ctx, tx, ""); err != nil {
			return err
		}
		if d.Known, err = readKnown(ctx, tx); err != nil {
			return err
		}
		if d.Imports, err = readImports(ctx, tx); err != nil {
			return err
		}
		d.Messages, err = readMessages(ctx, tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	d.Invitations = nonNil(d.Invitations)
	d.Decisions = nonNil(d.Decisions)
	d.Known = nonNil(d.Known)
	d.Imports = nonNil(d.Imports)
	d.Messages = nonNil(d.Messages)
	return d, nil
}

// allInvitations returns every invitation, incoming first, newest first.
func readAllInvitations(ctx context.Context, q querier) ([]linkvet.StoredInvitation, error) {
	rows, err := q.QueryContext(ctx, selectStored+` ORDER BY i.direction, i.sent_at DESC, i.id`)
	if err != nil {
		return nil, fmt.Errorf("read invitations: %w", err)
	}
	defer rows.Close()
	var out []linkvet.StoredInvitation
	for rows.Next() {
		si, err := scanStored(rows)
		if err != nil {
			return nil, fmt.Errorf("read invitations: %w", err)
		}
		out = append(out, si)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read invitations: %w", err)
	}
	return out, nil
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

func writeCSV(w io.Writer, d *dump) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, si := range d.Invitations {
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
		if err := cw.Write(row.cells()); err != nil {
			return err
		}
	}
	for _, dec := range d.Decisions {
		row := csvRow{
			"record":          "decision",
			"invitation_id":   dec.InvitationID,
			"verdict_action":  string(dec.Verdict),
			"decision_action": string(dec.Action),
			"decided_by":      string(dec.By),
			"decision_note":   dec.Note,
			"decided_at":      csvTime(dec.At),
		}
		if err := cw.Write(row.cells()); err != nil {
			return err
		}
	}
	for _, p := range d.Known {
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
		if err := cw.Write(row.cells()); err != nil {
			return err
		}
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
// Export). Plain integers are numbers to a spreadsheet, never formulas.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || isInteger(s) {
		return s
	}
	return "'" + s
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
