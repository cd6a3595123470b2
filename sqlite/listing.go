package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

// Listings (migration 0008): what the inbox shows of an invitation is kept
// in the narrow table listings, in a compact text of its own (listingText),
// with the state it is current in. The table is kept in the inbox's order
// (its primary key), so that List reads a page as one range of it: no JSON,
// no sort; marking a row current rewrites that row alone. An invitation
// without a listing of the current state is what Unlisted hands to the
// service.
//
// Since 0010 a listing may be newer than the stored verdict: after a
// policy change the inbox keeps the listings it made (ListScreened) and
// not the verdicts. Such a listing is marked unsaved; its verdict reads
// whole as stale (reportedVerdictState), so whoever reads it whole
// screens it again and stores it. List filters on the listing's
// own action and category.

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

// unsettledClause leaves out the invitations an export could not settle
// (see 0007), col naming the invitation's id; most stores have none, and
// then it is empty, so that no row is looked up for them.
func unsettledClause(ctx context.Context, tx *sql.Tx, f linkvet.ListFilter, col string) (string, error) {
	if f.All || f.Unsettled {
		return "", nil
	}
	var some bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM unsettled)`).Scan(&some); err != nil {
		return "", err
	}
	if !some {
		return "", nil
	}
	return ` AND NOT EXISTS (SELECT 1 FROM unsettled u WHERE u.invitation_id = ` + col + `)`, nil
}

// List returns the listings of the incoming invitations f selects whose
// listing was made in f.State, most worth attention first (then newest
// sent, then by id), and how many it selects without paging. With f.All
// each carries its latest decision.
func (db *DB) List(ctx context.Context, f linkvet.ListFilter) ([]linkvet.Listing, int, error) {
	if f.Offset < 0 || f.Limit < 0 {
		return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: offset (%d) and limit (%d) must not be negative", f.Offset, f.Limit)
	}
	where := ` WHERE l.direction = 'incoming'`
	if !f.All {
		where += ` AND l.pending = 1`
	}
	var args []any
	if f.Action != "" {
		if !f.Action.Valid() {
			return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: action %q is not one of %s", f.Action, actionList())
		}
		where += ` AND l.action = ?`
		args = append(args, string(f.Action))
	}
	if f.Category != "" {
		if !f.Category.Valid() {
			return nil, 0, linkvet.Errorf(linkvet.EINVALID, "list: category %q is not a known category", f.Category)
		}
		where += ` AND l.category = ?`
		args = append(args, string(f.Category))
	}
	cols := `SELECT l.listing`
	from := ` FROM listings l`
	if f.All {
		cols += `, d.id, d.action, d.verdict, d.note, d.decided_by, d.at, d.undo`
		from += ` LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE invitation_id = l.invitation_id)`
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
		unsettled, err := unsettledClause(ctx, tx, f, "l.invitation_id")
		if err != nil {
			return err
		}
		cur, curArgs, err := currentIn(ctx, tx, f.State)
		if err != nil {
			return err
		}
		where += ` AND ` + cur + unsettled
		args = append(args, curArgs...)
		rows, err := tx.QueryContext(ctx, cols+from+where+` ORDER BY l.attention DESC, l.sent_at DESC, l.invitation_id LIMIT ? OFFSET ?`,
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
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM listings l`+where, args...).Scan(&total)
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

// Unlisted returns, in the store's order, the incoming invitations f
// selects (its Action, Category, Offset and Limit aside: screening again
// may change what they select) that have no listing made in f.State,
// without their decisions, each with what a save made from it needs
// (StoredInvitation.Read: the revision, and the state and digest of its
// listing). A verdict of f.State is decoded (only its listing is missing);
// any other is left nil, and not even read, for the caller screens it
// again. VerdictState is the stored verdict's for an invitation without a
// listing, and "" for one whose listing is stale: the caller screens that
// one again whatever its verdict's state, which is not looked up.
func (db *DB) Unlisted(ctx context.Context, f linkvet.ListFilter) ([]linkvet.StoredInvitation, error) {
	var raws []rawStored
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		unsettled, err := unsettledClause(ctx, tx, f, "i.id")
		if err != nil {
			return err
		}
		pending := ""
		if !f.All {
			pending = ` AND i.pending = 1`
		}
		// Counted from the two indexes first: when every invitation has
		// a current listing (the common case), no row is looked up.
		var selected, listed int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invitations i WHERE i.direction = 'incoming'`+pending+unsettled).Scan(&selected); err != nil {
			return err
		}
		lpending := strings.ReplaceAll(pending, "i.", "l.")
		lunsettled := strings.ReplaceAll(unsettled, "i.id", "l.invitation_id")
		cur, curArgs, err := currentIn(ctx, tx, f.State)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM listings l WHERE l.direction = 'incoming'`+lpending+` AND `+cur+lunsettled, curArgs...).Scan(&listed); err != nil {
			return err
		}
		if listed == selected {
			return nil
		}
		// As selectStored, without the JSON of a verdict that is stale,
		// nor the decision: what is screened again is the invitation. The
		// verdict is looked up only for an invitation without a listing
		// (a listed one is stale here, its verdict not needed): after a
		// policy change, that is none of them.
		rows, err := tx.QueryContext(ctx, `SELECT i.json, i.added_at, i.revision, l.state, l.digest, CASE WHEN l.unsaved = 1 THEN l.screened_at END,
				CASE WHEN l.state IS NULL THEN (SELECT v.json FROM verdicts v WHERE v.invitation_id = i.id AND v.state = ?) END,
				CASE WHEN l.state IS NULL THEN (SELECT v.state FROM verdicts v WHERE v.invitation_id = i.id) END
			FROM invitations i
			LEFT JOIN listings l ON l.invitation_id = i.id
			WHERE i.direction = 'incoming'`+pending+unsettled+` AND (l.state IS NULL OR NOT `+cur+`)
			ORDER BY i.sent_at DESC, i.id`, append([]any{f.State}, curArgs...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		// About this many rows: the list grows once, not by doubling.
		raws = make([]rawStored, 0, max(selected-listed, 0))
		for rows.Next() {
			var r rawStored
			if err := rows.Scan(&r.invJSON, &r.addedAt, &r.revision, &r.listedState, &r.listedDigest, &r.unsavedAt, &r.verdictJSON, &r.verdictState); err != nil {
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
	// The verdict JSON was read only where it is of f.State.
	out, err := decodeAll(raws, f.State)
	if err != nil {
		return nil, fmt.Errorf("list unlisted invitations: %w", err)
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
// vs[i]'s, data[i] its JSON and digests[i] its digest, data[i] "" for one
// given again later in vs: the last wins, as for the verdicts), but for
// those findUnchanged found as stored (same[i]). When ls is nil it drops
// their listings instead: a listing must never describe another verdict
// than the stored one.
func (db *DB) keepListings(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict, data []string, digests []int64, same []bool, ls []linkvet.Listing, state string) error {
	if ls == nil {
		ids := make([]string, len(vs))
		for i := range vs {
			ids[i] = vs[i].ID
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		db.undefer(tx, slices.Values(ids))
		_, err = tx.ExecContext(ctx, `DELETE FROM listings WHERE invitation_id IN (SELECT value FROM json_each(?))`, string(list))
		return err
	}
	if len(ls) != len(vs) {
		return linkvet.Errorf(linkvet.EINTERNAL, "save verdicts: %d verdicts but %d listings", len(vs), len(ls))
	}
	var keep []int
	for i := range vs {
		if data[i] != "" && !same[i] {
			keep = append(keep, i)
		}
	}
	db.undefer(tx, func(yield func(string) bool) {
		for _, i := range keep {
			if !yield(vs[i].ID) {
				return
			}
		}
	})
	// Many rows to a statement, as for the verdicts.
	var stmt *sql.Stmt
	stmtRows := 0
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 1+listingChunk*6)
	for from := 0; from < len(keep); from += listingChunk {
		part := keep[from:min(from+listingChunk, len(keep))]
		if stmt == nil || stmtRows != len(part) {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, upsertListings(len(part))); err != nil {
				return err
			}
			stmtRows = len(part)
		}
		args = append(args[:0], state)
		for _, i := range part {
			args = append(args, vs[i].ID, ls[i].Attention, listingText(&ls[i]), digests[i], string(ls[i].Action), string(ls[i].Category))
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("keep the listings of %s to %s: %w", vs[part[0]].ID, vs[part[len(part)-1]].ID, err)
		}
	}
	return nil
}

// verdictDigest names a verdict's JSON in 64 bits (jsonio.Digest): a
// verdict screened again is the stored one when its digest is the one its
// listing keeps.
func verdictDigest(data string) int64 { return jsonio.DigestString(data) }

// stampChunk is how many listings one stampListings statement looks at.
const stampChunk = 500

// stampListings is the statement that marks current (?1) the listings of n
// verdicts (id, digest and the invitation's revision each) that still have
// that digest and were made from that revision, and names them.
func stampListings(n int) string {
	var b strings.Builder
	b.WriteString(`UPDATE listings SET state = ?1 FROM (VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?)")
	}
	b.WriteString(`) AS j WHERE listings.invitation_id = j.column1 AND listings.digest = j.column2
		AND listings.revision = j.column3 RETURNING listings.invitation_id`)
	return b.String()
}

// listingChunk is how many listings one statement keeps.
const listingChunk = 256

// upsertListings is the statement that keeps n listings: the state, then
// id, attention, text and verdict digest for each. Direction, pending and
// sent_at are the invitation's.
func upsertListings(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO listings (invitation_id, direction, pending, sent_at, attention, state, listing, digest, action, category, unsaved, revision)
		SELECT i.id, i.direction, i.pending, coalesce(i.sent_at, ''), j.column2, ?1, j.column3, j.column4, j.column5, j.column6, 0, i.revision FROM (VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(`) j JOIN invitations i ON i.id = j.column1 WHERE true
		ON CONFLICT (invitation_id) DO UPDATE SET pending = excluded.pending, sent_at = excluded.sent_at,
		attention = excluded.attention, state = excluded.state, listing = excluded.listing, digest = excluded.digest,
		action = excluded.action, category = excluded.category, unsaved = 0, revision = excluded.revision`)
	return b.String()
}

// screenedChunk is how many listings one relistScreened statement keeps.
const screenedChunk = 256

// relistScreened is the statement that keeps n listings made by screening
// again, without their verdicts (0010): the state and the time screened
// at, then id, attention, text, verdict digest, action, category and the
// revision screened for each. An invitation no longer at that revision (enriched since, by any
// process) is left as it is. The listing stays saved (its verdict stored)
// only when the verdict came out with the JSON the stored one has.
func relistScreened(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO listings (invitation_id, direction, pending, sent_at, attention, state, listing, digest, action, category, unsaved, revision, screened_at)
		SELECT i.id, i.direction, i.pending, coalesce(i.sent_at, ''), j.column2, ?1, j.column3, j.column4, j.column5, j.column6, 1, i.revision, ?2 FROM (VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(`) j JOIN invitations i ON i.id = j.column1 AND i.revision = j.column7 WHERE true
		ON CONFLICT (invitation_id) DO UPDATE SET pending = excluded.pending, sent_at = excluded.sent_at,
		attention = excluded.attention, state = excluded.state, listing = excluded.listing,
		action = excluded.action, category = excluded.category,
		unsaved = CASE WHEN listings.digest = excluded.digest THEN listings.unsaved ELSE 1 END,
		screened_at = CASE WHEN listings.digest = excluded.digest AND listings.unsaved = 0 THEN listings.screened_at ELSE excluded.screened_at END,
		digest = excluded.digest, revision = excluded.revision`)
	return b.String()
}

// ListScreened keeps the listings ls made by screening invitations again
// under state, without storing their verdicts (0010): after a policy
// change, listing the inbox then writes one short row per invitation whose
// listing changed, not the verdict's JSON too, and none for the others.
// digests[i] is the jsonio.Digest of the JSON of the verdict ls[i] was
// made from, read[i] what Unlisted noted of the invitation screened.
//
// A listing whose verdict has the digest its stored listing keeps is that
// listing: it is marked current at commit, by an alias of its old state
// when it can (alias.go), without a write. The others are written, marked
// unsaved unless their verdict came out as stored. An invitation no longer
// at the revision screened (enriched since, by this process or another)
// keeps what it has, and is screened again by the next read that finds it
// stale. A verdict read whole whose listing is unsaved reports its own,
// older, state: whoever reads it whole screens it again and stores it.
func (t *Tx) ListScreened(ctx context.Context, ls []linkvet.Listing, digests []int64, read []linkvet.ReadMark, state string, at time.Time) error {
	if len(digests) != len(ls) || len(read) != len(ls) {
		return linkvet.Errorf(linkvet.EINTERNAL, "keep listings: %d listings, %d digests and %d read marks", len(ls), len(digests), len(read))
	}
	if len(ls) == 0 {
		return nil
	}
	tx := t.tx
	d, err := t.db.stampsFor(ctx, tx, state)
	if err != nil {
		return fmt.Errorf("keep listings: %w", err)
	}
	var changed []int
	for i := range ls {
		if ls[i].ID == "" {
			return linkvet.Errorf(linkvet.EINVALID, "keep listings: listing %d has no id", i+1)
		}
		switch r := read[i]; {
		case !r.UnsavedAt.IsZero():
			// Kept without its verdict: written again with the time of
			// this screening, which a whole read screens at.
			delete(d.rows, ls[i].ID)
			changed = append(changed, i)
		case r.ListedState != "" && r.ListedDigest == digests[i] && r.ListedState != state:
			d.rows[ls[i].ID] = stampRow{old: r.ListedState, digest: digests[i], revision: r.Revision}
		case r.ListedState == state && r.ListedDigest == digests[i]:
			delete(d.rows, ls[i].ID) // already current
		default:
			delete(d.rows, ls[i].ID) // written now: no stamp may touch it at commit
			changed = append(changed, i)
		}
	}
	var stmt *sql.Stmt
	stmtRows := 0
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 2+screenedChunk*7)
	for from := 0; from < len(changed); from += screenedChunk {
		part := changed[from:min(from+screenedChunk, len(changed))]
		if stmt == nil || stmtRows != len(part) {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, relistScreened(len(part))); err != nil {
				return fmt.Errorf("keep listings: %w", err)
			}
			stmtRows = len(part)
		}
		// With its zone, not in UTC: the engine reads an account's age
		// in the clock's zone, and a whole read screens at this instant.
		args = append(args[:0], state, at.Format(time.RFC3339Nano))
		for _, i := range part {
			l := &ls[i]
			args = append(args, l.ID, l.Attention, listingText(l), digests[i], string(l.Action), string(l.Category), read[i].Revision)
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("keep the listings of %s to %s: %w", ls[part[0]].ID, ls[part[len(part)-1]].ID, err)
		}
	}
	return nil
}
