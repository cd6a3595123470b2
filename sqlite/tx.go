package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/linkvet/linkvet"
)

// Tx is one write transaction: what a use case writes through it is
// committed together or not at all. It implements linkvet.Tx.
type Tx struct {
	db *DB
	tx *sql.Tx
	// read is the statement Invitation uses, prepared at its first use:
	// a batch reads hundreds of invitations back.
	read *sql.Stmt
}

var _ linkvet.Tx = (*Tx)(nil)

// Update runs fn in one write transaction (BEGIN IMMEDIATE: a second
// writer, in this process or another, waits for the first instead of
// failing) and commits it when fn returns nil.
func (db *DB) Update(ctx context.Context, fn func(tx linkvet.Tx) error) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return fn(&Tx{db: db, tx: tx}) })
}

// Now is the store's clock.
func (t *Tx) Now() time.Time { return t.db.now().UTC() }

// Invitation reads one invitation within the transaction.
func (t *Tx) Invitation(ctx context.Context, id string) (*linkvet.StoredInvitation, error) {
	if t.read == nil {
		var err error
		if t.read, err = t.tx.PrepareContext(ctx, selectStored+` WHERE i.id = ?`); err != nil {
			return nil, fmt.Errorf("read invitation %s: %w", id, err)
		}
	}
	si, err := scanStored(t.read.QueryRowContext(ctx, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("read invitation %s: %w", id, err)
	}
	return &si, nil
}

// PutInvitations adds or enriches invitations (see DB.PutInvitations).
func (t *Tx) PutInvitations(ctx context.Context, invs []linkvet.Invitation) ([]string, error) {
	return t.db.putInvitations(ctx, t.tx, invs)
}

// SaveVerdicts records verdicts with the state they were screened in.
func (t *Tx) SaveVerdicts(ctx context.Context, vs []linkvet.Verdict, state string) error {
	return t.db.saveVerdicts(ctx, t.tx, vs, state)
}

// Decide appends a decision (see DB.Decide).
func (t *Tx) Decide(ctx context.Context, d linkvet.Decision) (linkvet.Decision, error) {
	d, err := checkDecision(d)
	if err != nil {
		return d, err
	}
	d.At = t.Now()
	d, err = appendDecision(ctx, t.tx, d)
	if err != nil {
		return d, fmt.Errorf("record decision: %w", err)
	}
	return d, nil
}

// Decisions reads the decision history within the transaction.
func (t *Tx) Decisions(ctx context.Context, invitationID string) ([]linkvet.Decision, error) {
	if err := mustExist(ctx, t.tx, invitationID); err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	return readDecisions(ctx, t.tx, invitationID)
}

// Model reads a named blob within the transaction.
func (t *Tx) Model(ctx context.Context, name string) ([]byte, error) {
	return readModel(ctx, t.tx, name)
}

// PutModel replaces a named blob and counts a new generation of it.
func (t *Tx) PutModel(ctx context.Context, name string, blob []byte) error {
	return t.db.putModel(ctx, t.tx, name, blob)
}

// TrainedAs is the class an invitation was last trained as.
func (t *Tx) TrainedAs(ctx context.Context, invitationID string) (string, error) {
	return readTrainedAs(ctx, t.tx, invitationID)
}

// SetTrainedAs records the class an invitation was trained as.
func (t *Tx) SetTrainedAs(ctx context.Context, invitationID, class string) error {
	return t.db.setTrainedAs(ctx, t.tx, invitationID, class)
}

// ClearTrained forgets every training marker.
func (t *Tx) ClearTrained(ctx context.Context) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM trained`); err != nil {
		return fmt.Errorf("clear training markers: %w", err)
	}
	return nil
}

// AppendOutreach appends an outreach event at the store's time.
func (t *Tx) AppendOutreach(ctx context.Context, ev linkvet.OutreachEvent) (linkvet.OutreachEvent, error) {
	if err := checkEvent(ev); err != nil {
		return ev, err
	}
	if err := mustExist(ctx, t.tx, ev.InvitationID); err != nil {
		return ev, err
	}
	ev.At = t.Now()
	ev, err := appendEvent(ctx, t.tx, ev)
	if err != nil {
		return ev, fmt.Errorf("record %s: %w", ev.Kind, err)
	}
	return ev, nil
}

// OutreachState reads the outreach inputs within the transaction.
func (t *Tx) OutreachState(ctx context.Context) (linkvet.OutreachState, error) {
	return readOutreachState(ctx, t.tx)
}

// SetPolicy stores a new version of the policy in force with its audit
// entry.
func (t *Tx) SetPolicy(ctx context.Context, pv linkvet.PolicyVersion) (linkvet.PolicyVersion, error) {
	pv.At = t.Now()
	learning := 0
	if pv.Learning {
		learning = 1
	}
	res, err := t.tx.ExecContext(ctx, `INSERT INTO policies (at, text, learning, source) VALUES (?, ?, ?, ?)`,
		formatTime(pv.At), pv.Text, learning, pv.Source)
	if err != nil {
		return pv, fmt.Errorf("store the policy: %w", err)
	}
	v, err := res.LastInsertId()
	if err != nil {
		return pv, fmt.Errorf("store the policy: %w", err)
	}
	pv.Version = int(v)
	// Who changed it (cli, web, api) is in the version's own row; the
	// audit entry says what changed, the same from every front end.
	detail := "a new policy is in force"
	if pv.Text == "" {
		detail = "back to the built-in defaults"
	}
	if err := t.AddAudit(ctx, linkvet.AuditEntry{Kind: "policy", Subject: "version " + strconv.Itoa(pv.Version), Detail: detail}); err != nil {
		return pv, err
	}
	return pv, nil
}

// AddAudit appends an entry to the audit log at the store's time.
func (t *Tx) AddAudit(ctx context.Context, e linkvet.AuditEntry) error {
	if e.Kind == "" {
		return linkvet.Errorf(linkvet.EINVALID, "audit entry has no kind")
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO audit (at, kind, subject, detail) VALUES (?, ?, ?, ?)`,
		formatTime(t.Now()), e.Kind, e.Subject, e.Detail); err != nil {
		return fmt.Errorf("append to the audit log: %w", err)
	}
	return nil
}

// Policy returns the policy in force: the highest stored version, or
// Version 0 with no text when none was ever stored.
func (db *DB) Policy(ctx context.Context) (linkvet.PolicyVersion, error) {
	var pv linkvet.PolicyVersion
	var at string
	var learning int
	err := db.sql.QueryRowContext(ctx, `SELECT version, at, text, learning, source FROM policies ORDER BY version DESC LIMIT 1`).
		Scan(&pv.Version, &at, &pv.Text, &learning, &pv.Source)
	if errors.Is(err, sql.ErrNoRows) {
		return linkvet.PolicyVersion{}, nil
	} else if err != nil {
		return pv, fmt.Errorf("read the policy in force: %w", err)
	}
	pv.Learning = learning == 1
	if pv.At, err = parseTime(sql.NullString{String: at, Valid: true}); err != nil {
		return pv, err
	}
	return pv, nil
}

// Policies returns every stored version of the policy, oldest first.
func (db *DB) Policies(ctx context.Context) ([]linkvet.PolicyVersion, error) {
	var out []linkvet.PolicyVersion
	err := eachPolicy(ctx, db.sql, func(pv linkvet.PolicyVersion) { out = append(out, pv) })
	return out, err
}

func eachPolicy(ctx context.Context, q querier, fn func(linkvet.PolicyVersion)) error {
	rows, err := q.QueryContext(ctx, `SELECT version, at, text, learning, source FROM policies ORDER BY version`)
	if err != nil {
		return fmt.Errorf("read the policy versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pv linkvet.PolicyVersion
		var at string
		var learning int
		if err := rows.Scan(&pv.Version, &at, &pv.Text, &learning, &pv.Source); err != nil {
			return fmt.Errorf("read the policy versions: %w", err)
		}
		pv.Learning = learning == 1
		if pv.At, err = parseTime(sql.NullString{String: at, Valid: true}); err != nil {
			return err
		}
		fn(pv)
	}
	return rows.Err()
}

// Audit returns the audit log, oldest first.
func (db *DB) Audit(ctx context.Context) ([]linkvet.AuditEntry, error) {
	var out []linkvet.AuditEntry
	err := eachAudit(ctx, db.sql, func(e linkvet.AuditEntry) { out = append(out, e) })
	return out, err
}

func eachAudit(ctx context.Context, q querier, fn func(linkvet.AuditEntry)) error {
	rows, err := q.QueryContext(ctx, `SELECT id, at, kind, subject, detail FROM audit ORDER BY id`)
	if err != nil {
		return fmt.Errorf("read the audit log: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e linkvet.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Subject, &e.Detail); err != nil {
			return fmt.Errorf("read the audit log: %w", err)
		}
		if e.At, err = parseTime(sql.NullString{String: at, Valid: true}); err != nil {
			return err
		}
		fn(e)
	}
	return rows.Err()
}

// Trained returns every training marker: invitation id → class.
func (db *DB) Trained(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT invitation_id, class FROM trained`)
	if err != nil {
		return nil, fmt.Errorf("read training markers: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, class string
		if err := rows.Scan(&id, &class); err != nil {
			return nil, fmt.Errorf("read training markers: %w", err)
		}
		out[id] = class
	}
	return out, rows.Err()
}
