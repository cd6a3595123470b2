package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
)

// Listings (migration 0008): what the inbox shows of an invitation is kept
// in its row, in a compact text of its own (listingText), with the verdict
// it was made from. The index invitations_inbox holds it in the inbox's
// order, so that List reads a page as one index scan: no table row, no
// JSON, no sort. listed_state is the verdict's state; NULL means the
// listing is missing or no longer describes the stored invitation and
// verdict, and Unlisted hands such invitations to the service.

// listingVersion starts every listing text; a store written by a later
// form is read as unlisted, never misread.
const listingVersion = "L1;"

// listingText encodes l: numbers in decimal ended by ';', strings as their
// byte length, ':' and the bytes, so that any text survives.
func listingText(l *linkvet.Listing) string {
	var b strings.Builder
	b.Grow(64 + len(l.ID) + len(l.Name) + len(l.Reason.Rule) + len(l.Reason.Detail))
	b.WriteString(listingVersion)
	num := func(n int) {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(';')
	}
	str := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	report := 0
	if l.Report {
		report = 1
	}
	num(l.Attention)
	num(l.Score)
	num(report)
	num(l.Reason.Points)
	b.WriteString(strconv.FormatFloat(l.Confidence, 'g', -1, 64))
	b.WriteByte(';')
	num(len(l.Missing))
	str(l.ID)
	str(l.Name)
	str(string(l.Action))
	str(string(l.Category))
	str(string(l.Intent))
	str(l.Reason.Rule)
	str(l.Reason.Detail)
	for _, m := range l.Missing {
		str(m)
	}
	return b.String()
}

var errListing = errors.New("not a listing this linkvet can read")

// listingReader reads the fields of a listing text in order; bad is set
// by the first field that is not there.
type listingReader struct {
	s   string
	bad bool
}

// num reads a decimal integer ended by ';'.
func (r *listingReader) num() int {
	n, neg, i := 0, false, 0
	if i < len(r.s) && r.s[i] == '-' {
		neg, i = true, 1
	}
	start := i
	for ; i < len(r.s) && r.s[i] >= '0' && r.s[i] <= '9'; i++ {
		n = n*10 + int(r.s[i]-'0')
	}
	if i == start || i-start > 18 || i >= len(r.s) || r.s[i] != ';' {
		r.bad = true
		return 0
	}
	r.s = r.s[i+1:]
	if neg {
		return -n
	}
	return n
}

// str reads a string written as its length, ':' and its bytes.
func (r *listingReader) str() string {
	n, i := 0, 0
	for ; i < len(r.s) && r.s[i] >= '0' && r.s[i] <= '9'; i++ {
		n = n*10 + int(r.s[i]-'0')
	}
	if i == 0 || i > 9 || i >= len(r.s) || r.s[i] != ':' || n > len(r.s)-i-1 {
		r.bad = true
		return ""
	}
	out := r.s[i+1 : i+1+n]
	r.s = r.s[i+1+n:]
	return out
}

// parseListing decodes a listingText into l; its strings share s.
func parseListing(s string, l *linkvet.Listing) error {
	if !strings.HasPrefix(s, listingVersion) {
		return errListing
	}
	r := listingReader{s: s[len(listingVersion):]}
	l.Attention = r.num()
	l.Score = r.num()
	l.Report = r.num() == 1
	l.Reason.Points = r.num()
	i := strings.IndexByte(r.s, ';')
	if r.bad || i < 0 {
		return errListing
	}
	conf, err := strconv.ParseFloat(r.s[:i], 64)
	if err != nil {
		return errListing
	}
	l.Confidence = conf
	r.s = r.s[i+1:]
	missing := r.num()
	l.ID = r.str()
	l.Name = r.str()
	l.Action = linkvet.Action(r.str())
	l.Category = linkvet.Category(r.str())
	l.Intent = linkvet.Intent(r.str())
	l.Reason.Rule = r.str()
	l.Reason.Detail = r.str()
	if r.bad || missing < 0 || missing > len(r.s) {
		return errListing
	}
	l.Missing = nil
	if missing > 0 {
		l.Missing = make([]string, missing)
		for k := range l.Missing {
			l.Missing[k] = r.str()
		}
	}
	if r.bad || r.s != "" {
		return errListing
	}
	return nil
}

// listWhere is the part of List's and Unlisted's queries that selects
// the invitations f lists, whatever their listing.
func listWhere(ctx context.Context, tx *sql.Tx, f linkvet.ListFilter) (string, error) {
	where := ` WHERE i.direction = 'incoming'`
	if f.All {
		return where, nil
	}
	where += ` AND i.pending = 1`
	// Those an export could not settle wait apart (see 0007); most
	// stores have none, and then no row is looked up for them.
	var some bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM unsettled)`).Scan(&some); err != nil {
		return "", err
	}
	if some {
		where += ` AND NOT EXISTS (SELECT 1 FROM unsettled u WHERE u.invitation_id = i.id)`
	}
	return where, nil
}

// List returns the listings of the incoming invitations f selects whose
// listing was made in f.State, most worth attention first (then newest
// sent, then by id), and how many it selects without paging. With f.All
// each carries its latest decision.
func (db *DB) List(ctx context.Context, f linkvet.ListFilter) ([]linkvet.Listing, int, error) {
	if f.Offset < 0 || f.Limit < 0 {
		return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: offset (%d) and limit (%d) must not be negative", f.Offset, f.Limit)
	}
	where := ` AND i.listed_state = ?`
	args := []any{f.State}
	if f.Action != "" {
		if !f.Action.Valid() {
			return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: action %q is not one of %s", f.Action, actionList())
		}
		where += ` AND i.id IN (SELECT invitation_id FROM verdicts WHERE action = ?)`
		args = append(args, string(f.Action))
	}
	if f.Category != "" {
		if !f.Category.Valid() {
			return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: category %q is not a known category", f.Category)
		}
		where += ` AND i.id IN (SELECT invitation_id FROM verdicts WHERE category = ?)`
		args = append(args, string(f.Category))
	}
	cols := `SELECT i.listing`
	from := ` FROM invitations i`
	if f.All {
		cols += `, d.id, d.action, d.verdict, d.note, d.decided_by, d.at, d.undo`
		from += ` LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE invitation_id = i.id)`
	}
	limit := -1
	if f.Limit > 0 {
		limit = f.Limit
	}
	// One column a row, kept as read and decoded after into a list made
	// once: per row and per column, database/sql costs more than the
	// decoding, and growing a list of thousands of listings did too.
	var texts []string
	var decs []rawDecision
	total := 0
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		selected, err := listWhere(ctx, tx, f)
		if err != nil {
			return err
		}
		where = selected + where
		rows, err := tx.QueryContext(ctx, cols+from+where+` ORDER BY i.attention DESC, i.sent_at DESC, i.id LIMIT ? OFFSET ?`,
			append(args, limit, f.Offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var text string
			if !f.All {
				if err := rows.Scan(&text); err != nil {
					return err
				}
				texts = append(texts, text)
				continue
			}
			var d rawDecision
			if err := rows.Scan(&text, &d.id, &d.action, &d.verdict, &d.note, &d.by, &d.at, &d.undo); err != nil {
				return err
			}
			texts, decs = append(texts, text), append(decs, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if f.Offset == 0 && (f.Limit == 0 || len(texts) < f.Limit) {
			total = len(texts)
			return nil
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM invitations i`+where, args...).Scan(&total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list invitations: %w", err)
	}
	out := make([]linkvet.Listing, len(texts))
	for i, text := range texts {
		l := &out[i]
		if err := parseListing(text, l); err != nil {
			return nil, 0, fmt.Errorf("list invitations: listing %d: %w", i+1, err)
		}
		if f.All {
			if l.Decision, err = decs[i].decision(l.ID); err != nil {
				return nil, 0, fmt.Errorf("list invitations: %w", err)
			}
		}
	}
	return out, total, nil
}

// rawDecision is a decision as a LEFT JOIN reads it: all NULL for none.
type rawDecision struct {
	id                        sql.NullInt64
	action, verdict, note, by sql.NullString
	at                        sql.NullString
	undo                      sql.NullInt64
}

func (r *rawDecision) decision(invitationID string) (*linkvet.Decision, error) {
	if !r.id.Valid {
		return nil, nil
	}
	at, err := parseTime(r.at)
	if err != nil {
		return nil, err
	}
	return &linkvet.Decision{
		ID: r.id.Int64, InvitationID: invitationID,
		Action: linkvet.Action(r.action.String), Verdict: linkvet.Action(r.verdict.String),
		Note: r.note.String, By: linkvet.DecidedBy(r.by.String), At: at, Undo: r.undo.Int64 == 1,
	}, nil
}

// Unlisted returns, whole and in the store's order, the incoming
// invitations f selects (its Action, Category, Offset and Limit aside:
// screening again may change what they select) whose listing is missing
// or was made in another state than f.State. A verdict made in f.State is
// decoded (only its listing is missing); any other is left nil, for the
// caller screens it again.
func (db *DB) Unlisted(ctx context.Context, f linkvet.ListFilter) ([]linkvet.StoredInvitation, error) {
	var raws []rawStored
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		where, err := listWhere(ctx, tx, f)
		if err != nil {
			return err
		}
		// The ids first, from the inbox's index alone: when every
		// listing is current (the common case) no table row is read.
		rows, err := tx.QueryContext(ctx, `SELECT i.id FROM invitations i INDEXED BY invitations_inbox`+where+
			` AND (i.listed_state IS NULL OR i.listed_state <> ?)`, f.State)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(ids) == 0 {
			return err
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		rows, err = tx.QueryContext(ctx, selectStored+` WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.sent_at DESC, i.id`, string(list))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r rawStored
			if err := r.scan(rows); err != nil {
				return err
			}
			raws = append(raws, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("list unlisted invitations: %w", err)
	}
	if len(raws) == 0 {
		return nil, nil
	}
	// "" asks decodeAll for every verdict; a state that differs must stay nil.
	out, err := decodeAll(raws, f.State)
	if err != nil {
		return nil, fmt.Errorf("list unlisted invitations: %w", err)
	}
	if f.State == "" {
		for i := range out {
			if out[i].VerdictState != "" {
				out[i].Verdict = nil
			}
		}
	}
	return out, nil
}

// SaveListed is SaveVerdicts that keeps each verdict's listing too (ls[i]
// is vs[i]'s), in one transaction.
func (db *DB) SaveListed(ctx context.Context, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.saveVerdictsData(ctx, tx, vs, nil, ls, state) })
}

// SaveListed is DB.SaveListed within the transaction.
func (t *Tx) SaveListed(ctx context.Context, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error {
	return t.db.saveVerdictsData(ctx, t.tx, vs, nil, ls, state)
}

// keepListings writes the listings of the verdicts just saved (ls[i] is
// vs[i]'s; the last of an id given twice wins, as for the verdicts), or,
// when ls is nil, marks their invitations unlisted: a listing must never
// describe another verdict than the stored one.
func keepListings(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error {
	if ls == nil {
		ids := make([]string, len(vs))
		for i := range vs {
			ids[i] = vs[i].ID
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE invitations SET attention = NULL, listing = NULL, listed_state = NULL
			WHERE id IN (SELECT value FROM json_each(?))`, string(list))
		return err
	}
	if len(ls) != len(vs) {
		return linkvet.Errorf(linkvet.EINTERNAL, "save verdicts: %d verdicts but %d listings", len(vs), len(ls))
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE invitations SET attention = ?, listing = ?, listed_state = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range vs {
		l := &ls[i]
		if _, err := stmt.ExecContext(ctx, l.Attention, listingText(l), state, vs[i].ID); err != nil {
			return fmt.Errorf("keep the listing of %s: %w", vs[i].ID, err)
		}
	}
	return nil
}
