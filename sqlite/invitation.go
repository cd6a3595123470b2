package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

// maxNoteBytes bounds a decision note: it is a remark, not a document.
const maxNoteBytes = 10_000

// normalizeInvitation fills the direction and id an invitation-v1 record
// may leave out, and rejects one that names nobody. where names the record
// in errors ("invitation 3").
func normalizeInvitation(inv linkvet.Invitation, where string) (linkvet.Invitation, error) {
	switch inv.Direction {
	case "":
		inv.Direction = linkvet.Incoming
	case linkvet.Incoming, linkvet.Outgoing:
	default:
		return inv, linkvet.Errorf(linkvet.EINVALID, "%s: direction %q is neither %q nor %q", where, inv.Direction, linkvet.Incoming, linkvet.Outgoing)
	}
	inv.ID = strings.TrimSpace(inv.ID)
	if inv.ID == "" {
		inv.ID = deriveInvitationID(inv)
		if inv.ID == "" {
			return inv, linkvet.Errorf(linkvet.EINVALID, "%s has no id, no person.profile_url and no person.name: nothing identifies it", where)
		}
	}
	if inv.Label != "" && !inv.Label.Valid() {
		return inv, linkvet.Errorf(linkvet.EINVALID, "%s: label %q is not one of %s", where, inv.Label, actionList())
	}
	return inv, nil
}

func actionList() string {
	names := make([]string, len(linkvet.Actions))
	for i, a := range linkvet.Actions {
		names[i] = string(a)
	}
	return strings.Join(names, ", ")
}

// invitationWriter holds the statements that store invitations within one
// transaction.
type invitationWriter struct {
	db       *DB
	tx       *sql.Tx
	byPerson *sql.Stmt
	byID     *sql.Stmt
	insert   *sql.Stmt
	update   *sql.Stmt
	stale    *sql.Stmt

	// known, when set, holds every person key ("k" + direction + key) and
	// id ("i" + id) that may be stored: a record whose key and id are not
	// in it is new without a lookup. Written rows are added as they go,
	// with the epoch they were written in (stored ones: 1): a key of the
	// current epoch may be a row still buffered (see flushFor).
	known map[string]uint32
	epoch uint32

	// batched, when set, makes new invitations wait in pending and go in
	// several rows per INSERT (see flush): one statement per row was most
	// of storing a batch of new invitations.
	batched bool
	pending pendingRows
}

// preload fills w.known for invs with one query, so that a batch of new
// invitations costs no lookups.
func (w *invitationWriter) preload(ctx context.Context, tx *sql.Tx, invs []linkvet.Invitation) error {
	personKeys := make([]string, len(invs))
	for i, inv := range invs {
		personKeys[i] = invitationPersonKey(inv.Person)
	}
	return w.preloadKeys(ctx, tx, invs, personKeys)
}

// preloadKeys is preload given each invitation's person key.
func (w *invitationWriter) preloadKeys(ctx context.Context, tx *sql.Tx, invs []linkvet.Invitation, personKeys []string) error {
	keys := make([]string, 0, len(invs))
	ids := make([]string, 0, len(invs))
	for i, inv := range invs {
		if k := personKeys[i]; k != "" {
			keys = append(keys, k)
		}
		ids = append(ids, inv.ID)
	}
	kj, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	ij, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT 'k' || direction || person_key FROM invitations
			WHERE person_key IN (SELECT value FROM json_each(?))
		UNION ALL SELECT 'i' || id FROM invitations WHERE id IN (SELECT value FROM json_each(?))`, string(kj), string(ij))
	if err != nil {
		return fmt.Errorf("look up invitations: %w", err)
	}
	defer rows.Close()
	w.known = make(map[string]uint32, 2*len(invs))
	w.epoch = 2
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return fmt.Errorf("look up invitations: %w", err)
		}
		w.known[k] = 1
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look up invitations: %w", err)
	}
	return nil
}

// mayHave reports whether a lookup of k can find anything.
func (w *invitationWriter) mayHave(k string) bool { return w.known == nil || w.known[k] != 0 }

// wrote records a row written in this transaction.
func (w *invitationWriter) wrote(id, direction, key string) {
	if w.known != nil {
		w.wroteKeys("i"+id, "k"+direction+key)
	}
}

// wroteKeys is wrote given the row's keys as known spells them.
func (w *invitationWriter) wroteKeys(ik, kk string) {
	if w.known != nil {
		w.known[ik] = w.epoch
		w.known[kk] = w.epoch
	}
}

func (db *DB) newInvitationWriter(ctx context.Context, tx *sql.Tx) (*invitationWriter, error) {
	w := &invitationWriter{db: db, tx: tx}
	var err error
	prepare := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	w.byPerson = prepare(`SELECT id, direction, person_key, json FROM invitations
		WHERE person_key = ? AND person_key <> '' AND direction = ? ORDER BY added_at, id LIMIT 1`)
	w.byID = prepare(`SELECT id, direction, person_key, json FROM invitations WHERE id = ?`)
	w.insert = prepare(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, json)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	w.update = prepare(`UPDATE invitations SET person_key = ?, sent_at = ?, updated_at = ?, json = ? WHERE id = ?`)
	w.stale = prepare(`UPDATE verdicts SET state = '' WHERE invitation_id = ?`)
	if err != nil {
		return nil, fmt.Errorf("prepare invitation statements: %w", err)
	}
	return w, nil
}

type storedRow struct {
	id, direction, personKey, json string
}

func (w *invitationWriter) find(ctx context.Context, stmt *sql.Stmt, args ...any) (*storedRow, error) {
	var r storedRow
	err := stmt.QueryRowContext(ctx, args...).Scan(&r.id, &r.direction, &r.personKey, &r.json)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("look up invitation: %w", err)
	}
	return &r, nil
}

// put adds inv (normalized) or enriches the invitation it matches: first by
// person and direction, then by id. It returns the stored id and whether
// anything changed.
func (w *invitationWriter) put(ctx context.Context, inv linkvet.Invitation, where string) (string, bool, error) {
	id, changed, _, err := w.putNew(ctx, inv, invitationPersonKey(inv.Person), recordName{text: where}, nil)
	return id, changed, err
}

// recordName names a record in errors ("invitation 3 (id "x")"), made
// only when an error is: naming every record cost a Sprintf each.
type recordName struct {
	i    int
	id   string
	text string // the name, when given whole
}

func (n recordName) String() string {
	if n.text != "" {
		return n.text
	}
	return invitationName(n.i, n.id)
}

// putNew is put that also reports whether the invitation was new and then
// sets *into (when not nil) to it as stored: the caller need not read it
// back. key is invitationPersonKey(inv.Person). New rows wait in w.pending
// when w.batched.
func (w *invitationWriter) putNew(ctx context.Context, inv linkvet.Invitation, key string, where recordName, into *linkvet.StoredInvitation) (string, bool, bool, error) {
	var kk string
	var row *storedRow
	var err error
	if key != "" {
		if kk = "k" + string(inv.Direction) + key; w.mayHave(kk) {
			if err := w.flushFor(ctx, kk); err != nil {
				return "", false, false, err
			}
			if row, err = w.find(ctx, w.byPerson, key, string(inv.Direction)); err != nil {
				return "", false, false, err
			}
		}
	} else {
		kk = "k" + string(inv.Direction)
	}
	ik := "i" + inv.ID
	if row == nil && w.mayHave(ik) {
		if err := w.flushFor(ctx, ik); err != nil {
			return "", false, false, err
		}
		if row, err = w.find(ctx, w.byID, inv.ID); err != nil {
			return "", false, false, err
		}
		if row != nil && row.direction != string(inv.Direction) {
			return "", false, false, linkvet.Errorf(linkvet.ECONFLICT, "%s: id %q is stored as an %s invitation, not %s", where, inv.ID, row.direction, inv.Direction)
		}
		if row != nil && key != "" && row.personKey != "" && row.personKey != key {
			return "", false, false, linkvet.Errorf(linkvet.ECONFLICT, "%s: id %q is stored for %s, not %s", where, inv.ID, row.personKey, key)
		}
	}
	now := formatTime(w.db.now())
	if row == nil {
		// Merged into nothing, so that the stored form is the one a
		// later merge of the same record reproduces (lists without
		// duplicates, no "unknown" photo): re-imports then change nothing.
		inv = mergeInvitation(linkvet.Invitation{ID: inv.ID, Direction: inv.Direction}, inv)
		if w.batched {
			if err := w.pending.add(where, &inv, key, sentAt(inv), now); err != nil {
				return "", false, false, fmt.Errorf("encode %s: %w", where, err)
			}
		} else {
			data, err := json.Marshal(inv)
			if err != nil {
				return "", false, false, fmt.Errorf("encode %s: %w", where, err)
			}
			if _, err := w.insert.ExecContext(ctx, inv.ID, key, string(inv.Direction), sentAt(inv), now, now, string(data)); err != nil {
				return "", false, false, fmt.Errorf("store %s: %w", where, err)
			}
		}
		w.wroteKeys(ik, kk)
		if into != nil {
			added, err := parseTime(sql.NullString{String: now, Valid: true})
			if err != nil {
				return "", false, false, err
			}
			// The invitation as merged is what a read gives back (the
			// tests hold the two together), without decoding what was
			// just encoded.
			*into = linkvet.StoredInvitation{Invitation: inv, AddedAt: added}
		}
		return inv.ID, true, true, nil
	}
	var stored linkvet.Invitation
	if err := json.Unmarshal([]byte(row.json), &stored); err != nil {
		return "", false, false, fmt.Errorf("decode stored invitation %s: %w", row.id, err)
	}
	merged := mergeInvitation(stored, inv)
	merged.ID, merged.Direction = row.id, stored.Direction
	data, err := json.Marshal(merged)
	if err != nil {
		return "", false, false, fmt.Errorf("encode %s: %w", where, err)
	}
	if string(data) == row.json {
		return row.id, false, false, nil
	}
	if _, err := w.update.ExecContext(ctx, invitationPersonKey(merged.Person), sentAt(merged), now, string(data), row.id); err != nil {
		return "", false, false, fmt.Errorf("update invitation %s from %s: %w", row.id, where, err)
	}
	w.wrote(row.id, string(stored.Direction), invitationPersonKey(merged.Person))
	// The verdict was about the invitation as it was: mark it stale.
	if _, err := w.stale.ExecContext(ctx, row.id); err != nil {
		return "", false, false, fmt.Errorf("update invitation %s from %s: %w", row.id, where, err)
	}
	return row.id, true, false, nil
}

func sentAt(inv linkvet.Invitation) any {
	if inv.SentAt == nil {
		return nil
	}
	return nullTime(*inv.SentAt)
}

// PutInvitations adds invitations or enriches the stored ones they match
// (same person and direction, else same id; see the package doc), all in
// one transaction. It returns the stored id of each, in order.
func (db *DB) PutInvitations(ctx context.Context, invs []linkvet.Invitation) ([]string, error) {
	var ids []string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		ids, err = db.putInvitations(ctx, tx, invs)
		return err
	})
	return ids, err
}

func (db *DB) putInvitations(ctx context.Context, tx *sql.Tx, invs []linkvet.Invitation) ([]string, error) {
	ids, _, _, err := db.putInvitationsStored(ctx, tx, invs, false)
	return ids, err
}

// PutInvitationsStored is PutInvitations that also returns each invitation
// as stored, with its latest decision and without its verdict (nil), as
// Invitation would read it: a batch that is screened next then need not
// read back what it has just written. New invitations are not read back at
// all; only ones that enriched a stored invitation are. changes says, per
// record, what its write did.
func (t *Tx) PutInvitationsStored(ctx context.Context, invs []linkvet.Invitation) (out []linkvet.StoredInvitation, changes []linkvet.Change, err error) {
	_, out, changes, err = t.db.putInvitationsStored(ctx, t.tx, invs, true)
	return out, changes, err
}

func (db *DB) putInvitationsStored(ctx context.Context, tx *sql.Tx, invs []linkvet.Invitation, stored bool) ([]string, []linkvet.StoredInvitation, []linkvet.Change, error) {
	norm := make([]linkvet.Invitation, len(invs))
	for i, inv := range invs {
		n, err := normalizeInvitation(inv, "")
		if err != nil {
			// Named only now: the same check again gives the same error,
			// naming the record.
			_, err = normalizeInvitation(inv, invitationName(i, inv.ID))
			return nil, nil, nil, err
		}
		norm[i] = n
	}
	ids := make([]string, len(norm))
	changes := make([]linkvet.Change, len(norm))
	var out []linkvet.StoredInvitation
	if stored {
		out = make([]linkvet.StoredInvitation, len(norm))
	}
	w, err := db.newInvitationWriter(ctx, tx)
	if err != nil {
		return nil, nil, nil, err
	}
	personKeys := make([]string, len(norm))
	for i := range norm {
		personKeys[i] = invitationPersonKey(norm[i].Person)
	}
	if err := w.preloadKeys(ctx, tx, norm, personKeys); err != nil {
		return nil, nil, nil, err
	}
	// Invitations matched to a stored one (or to one earlier in the
	// batch) are read back once the batch is written, so that every entry
	// shows the invitation as the batch left it; new ones are not read.
	reread := map[string]*linkvet.StoredInvitation{}
	w.batched = true
	w.pending.grow(len(norm))
	defer w.pending.close()
	for i, inv := range norm {
		var into *linkvet.StoredInvitation
		if stored {
			into = &out[i]
		}
		id, changed, isNew, err := w.putNew(ctx, inv, personKeys[i], recordName{i: i, id: inv.ID}, into)
		if err != nil {
			// The rows buffered before came first: their error wins, as
			// when each went in on its own.
			if ferr := w.flush(ctx); ferr != nil {
				err = ferr
			}
			return nil, nil, nil, fmt.Errorf("put invitations: %w", err)
		}
		ids[i] = id
		switch {
		case isNew:
			changes[i] = linkvet.ChangeNew
		case changed:
			changes[i] = linkvet.ChangeEnriched
		default:
			changes[i] = linkvet.ChangeUnchanged
		}
		if stored && !isNew {
			reread[id] = nil
		}
	}
	if err := w.flush(ctx); err != nil {
		return nil, nil, nil, fmt.Errorf("put invitations: %w", err)
	}
	if len(reread) > 0 {
		read, err := tx.PrepareContext(ctx, selectStored+` WHERE i.id = ?`)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("put invitations: %w", err)
		}
		defer read.Close()
		for i, id := range ids {
			if _, ok := reread[id]; !ok {
				continue
			}
			if reread[id] == nil {
				got, err := scanStored(read.QueryRowContext(ctx, id))
				if err != nil {
					return nil, nil, nil, fmt.Errorf("put invitations: read %s back: %w", id, err)
				}
				got.Verdict, got.VerdictState = nil, ""
				reread[id] = &got
			}
			out[i] = *reread[id]
		}
	}
	return ids, out, changes, nil
}

// invitationName names record i of a list in errors, counting from 1.
func invitationName(i int, id string) string {
	if id == "" {
		return fmt.Sprintf("invitation %d", i+1)
	}
	return fmt.Sprintf("invitation %d (id %q)", i+1, id)
}

// selectStored reads invitations with their verdict and latest decision.
// A verdict's state is its listing's when it has one: a verdict screened
// again unchanged is marked current there only (see 0008), or by an alias
// of its state (0009).
const selectStored = `SELECT i.json, i.added_at, i.revision, l.state, l.digest,
		CASE WHEN l.unsaved = 1 THEN l.screened_at END,
		CASE WHEN l.unsaved = 1 THEN ` + aliasedListingState + ` END,
		v.json, ` + reportedVerdictState + `,
		d.id, d.action, d.verdict, d.note, d.decided_by, d.at, d.undo
	FROM invitations i
	LEFT JOIN verdicts v ON v.invitation_id = i.id
	LEFT JOIN listings l ON l.invitation_id = i.id
	LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE invitation_id = i.id)`

type scanner interface{ Scan(dest ...any) error }

func scanStored(s scanner) (linkvet.StoredInvitation, error) { return scanStoredIn(s, "") }

// scanStoredIn is scanStored that leaves a verdict undecoded (nil) when
// fresh is set and the verdict's state differs: the caller screens it
// again anyway, and decoding it would be wasted.
func scanStoredIn(s scanner, fresh string) (linkvet.StoredInvitation, error) {
	var raw rawStored
	if err := raw.scan(s); err != nil {
		return linkvet.StoredInvitation{}, err
	}
	return raw.decode(fresh)
}

// rawStored is one row of selectStored before its JSON is decoded: rows
// are read in order, and decoded in parallel after.
type rawStored struct {
	invJSON, addedAt                      string
	revision                              int64
	listedState                           sql.NullString
	listedDigest                          sql.NullInt64
	unsavedAt, unsavedState               sql.NullString
	verdictJSON, verdictState             sql.NullString
	decUndo                               sql.NullInt64
	decID                                 sql.NullInt64
	decAction, decVerdict, decNote, decBy sql.NullString
	decAt                                 sql.NullString
}

func (r *rawStored) scan(s scanner) error {
	return s.Scan(&r.invJSON, &r.addedAt, &r.revision, &r.listedState, &r.listedDigest, &r.unsavedAt, &r.unsavedState, &r.verdictJSON, &r.verdictState, &r.decID, &r.decAction, &r.decVerdict, &r.decNote, &r.decBy, &r.decAt, &r.decUndo)
}

func (r *rawStored) decode(fresh string) (linkvet.StoredInvitation, error) {
	var si linkvet.StoredInvitation
	err := r.decodeInto(fresh, &si)
	return si, err
}

// decodeInto is decode into si, which must be zero.
func (r *rawStored) decodeInto(fresh string, si *linkvet.StoredInvitation) error {
	if err := jsonio.UnmarshalInvitation(r.invJSON, &si.Invitation); err != nil {
		return fmt.Errorf("decode stored invitation: %w", err)
	}
	var err error
	if si.AddedAt, err = parseTime(sql.NullString{String: r.addedAt, Valid: true}); err != nil {
		return err
	}
	si.VerdictState = r.verdictState.String
	si.Read = linkvet.ReadMark{Revision: r.revision, ListedState: r.listedState.String, ListedDigest: r.listedDigest.Int64, UnsavedState: r.unsavedState.String}
	if si.Read.UnsavedAt, err = parseTime(r.unsavedAt); err != nil {
		return err
	}
	if r.verdictJSON.Valid && (fresh == "" || r.verdictState.String == fresh) {
		si.Verdict = new(linkvet.Verdict)
		if err := decodeVerdict(r.verdictJSON.String, si.Verdict); err != nil {
			return fmt.Errorf("decode verdict of %s: %w", si.Invitation.ID, err)
		}
	}
	if r.decID.Valid {
		at, err := parseTime(r.decAt)
		if err != nil {
			return err
		}
		si.Decision = &linkvet.Decision{
			ID:           r.decID.Int64,
			InvitationID: si.Invitation.ID,
			Action:       linkvet.Action(r.decAction.String),
			Verdict:      linkvet.Action(r.decVerdict.String),
			Note:         r.decNote.String,
			By:           linkvet.DecidedBy(r.decBy.String),
			At:           at,
			Undo:         r.decUndo.Int64 == 1,
		}
	}
	return nil
}

// decodeAll decodes rows on every core, each core a run of them; decoding
// JSON is most of the cost of a long list. Each invitation is decoded in
// place from the string SQLite's driver made of it, by jsonio's
// hand-written decoder where it can (jsonio.UnmarshalInvitation: it agrees
// with encoding/json on every input, and is about three times faster).
func decodeAll(raws []rawStored, fresh string) ([]linkvet.StoredInvitation, error) {
	out := make([]linkvet.StoredInvitation, len(raws))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(raws)/256))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(raws)/workers, (w+1)*len(raws)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if err := raws[i].decodeInto(fresh, &out[i]); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// Invitation returns one stored invitation with its verdict and latest
// decision.
func (db *DB) Invitation(ctx context.Context, id string) (*linkvet.StoredInvitation, error) {
	return readInvitation(ctx, db.sql, id)
}

func readInvitation(ctx context.Context, q querier, id string) (*linkvet.StoredInvitation, error) {
	si, err := scanStored(q.QueryRowContext(ctx, selectStored+` WHERE i.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", id)
	} else if err != nil {
		return nil, fmt.Errorf("read invitation %s: %w", id, err)
	}
	return &si, nil
}

// Invitations returns the invitations f selects, newest sent first (unknown
// send times last, then by id), and how many there are without paging.
// Pending selects the invitations nobody has decided on yet (see the
// package doc); Action and Category select on the stored verdict.
func (db *DB) Invitations(ctx context.Context, f linkvet.InvitationFilter) ([]linkvet.StoredInvitation, int, error) {
	where, args, err := filterSQL(f)
	if err != nil {
		return nil, 0, err
	}
	var raws []rawStored
	var total int
	err = db.inReadTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM invitations i
			LEFT JOIN verdicts v ON v.invitation_id = i.id
			LEFT JOIN listings l ON l.invitation_id = i.id`+where, args...).Scan(&total); err != nil {
			return err
		}
		limit := -1 // SQLite: no limit
		if f.Limit > 0 {
			limit = f.Limit
		}
		rows, err := tx.QueryContext(ctx, selectStored+where+` ORDER BY i.sent_at DESC, i.id LIMIT ? OFFSET ?`,
			append(args, limit, f.Offset)...)
		if err != nil {
			return err
		}
		raws, err = scanRaws(rows)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("list invitations: %w", err)
	}
	out, err := decodeAll(raws, f.FreshState)
	if err != nil {
		return nil, 0, fmt.Errorf("list invitations: %w", err)
	}
	return out, total, nil
}

func filterSQL(f linkvet.InvitationFilter) (string, []any, error) {
	dir := f.Direction
	if dir == "" {
		dir = linkvet.Incoming
	}
	if dir != linkvet.Incoming && dir != linkvet.Outgoing {
		return "", nil, linkvet.Errorf(linkvet.EINVALID, "filter: direction %q is neither %q nor %q", f.Direction, linkvet.Incoming, linkvet.Outgoing)
	}
	if f.Offset < 0 || f.Limit < 0 {
		return "", nil, linkvet.Errorf(linkvet.EINVALID, "filter: offset (%d) and limit (%d) must not be negative", f.Offset, f.Limit)
	}
	where := ` WHERE i.direction = ?`
	args := []any{string(dir)}
	if f.Pending != nil {
		pending := 0
		if *f.Pending {
			pending = 1
		}
		where += ` AND i.pending = ?`
		args = append(args, pending)
	}
	if f.Action != "" {
		if !f.Action.Valid() {
			return "", nil, linkvet.Errorf(linkvet.EINVALID, "filter: action %q is not one of %s", f.Action, actionList())
		}
		// The listing's, where there is one: it is never older than the
		// stored verdict (0010).
		where += ` AND coalesce(nullif(l.action, ''), v.action) = ?`
		args = append(args, string(f.Action))
	}
	if f.Category != "" {
		if !f.Category.Valid() {
			return "", nil, linkvet.Errorf(linkvet.EINVALID, "filter: category %q is not a known category", f.Category)
		}
		where += ` AND coalesce(nullif(l.category, ''), v.category) = ?`
		args = append(args, string(f.Category))
	}
	if f.IDs != nil {
		list, err := json.Marshal(f.IDs)
		if err != nil {
			return "", nil, err
		}
		where += ` AND i.id IN (SELECT value FROM json_each(?))`
		args = append(args, string(list))
	}
	return where, args, nil
}

// SaveVerdicts records the latest verdict of each invitation, replacing the
// one stored before. All are saved or none.
func (db *DB) SaveVerdicts(ctx context.Context, vs []linkvet.Verdict, state string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.saveVerdicts(ctx, tx, vs, state) })
}

// SaveEncodedVerdicts is SaveVerdicts with each verdict's JSON already
// made (data[i] is vs[i] as encoding/json would write it): a caller that
// screens on every core encodes there too.
func (db *DB) SaveEncodedVerdicts(ctx context.Context, vs []linkvet.Verdict, data []string, state string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.saveVerdictsData(ctx, tx, vs, data, nil, state) })
}

// SaveEncodedVerdicts is DB.SaveEncodedVerdicts within the transaction.
func (t *Tx) SaveEncodedVerdicts(ctx context.Context, vs []linkvet.Verdict, data []string, state string) error {
	return t.db.saveVerdictsData(ctx, t.tx, vs, data, nil, state)
}

// SaveEncodedListed is SaveEncodedVerdicts that keeps each verdict's
// listing too (see SaveListed).
func (db *DB) SaveEncodedListed(ctx context.Context, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.saveVerdictsData(ctx, tx, vs, data, ls, state) })
}

// SaveEncodedListed is DB.SaveEncodedListed within the transaction.
func (t *Tx) SaveEncodedListed(ctx context.Context, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error {
	return t.db.saveVerdictsData(ctx, t.tx, vs, data, ls, state)
}

func (db *DB) saveVerdicts(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict, state string) error {
	return db.saveVerdictsData(ctx, tx, vs, nil, nil, state)
}

// saveVerdictsData saves vs (with their JSON when encoded is not nil) and
// their listings ls; with ls nil their invitations are left unlisted.
func (db *DB) saveVerdictsData(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict, encoded []string, ls []linkvet.Listing, state string) error {
	if encoded != nil && len(encoded) != len(vs) {
		return linkvet.Errorf(linkvet.EINTERNAL, "save verdicts: %d verdicts but %d encoded", len(vs), len(encoded))
	}
	for i, v := range vs {
		switch {
		case v.ID == "":
			return linkvet.Errorf(linkvet.EINVALID, "verdict %d has no id", i+1)
		case !v.Action.Valid():
			return linkvet.Errorf(linkvet.EINVALID, "verdict %d (id %q): action %q is not one of %s", i+1, v.ID, v.Action, actionList())
		case !v.Category.Valid():
			return linkvet.Errorf(linkvet.EINVALID, "verdict %d (id %q): category %q is not a known category", i+1, v.ID, v.Category)
		}
	}
	now := formatTime(db.now())
	err := func() error {
		if err := allStored(ctx, tx, vs); err != nil {
			return err
		}
		// One statement per chunk of rows, not per row: the statement's
		// own cost was most of saving a verdict. A verdict given twice in
		// the list is saved once, the last one winning, as row by row.
		last := make(map[string]int, len(vs))
		for i := range vs {
			last[vs[i].ID] = i
		}
		args := make([]any, 0, verdictChunk*7)
		rows := 0
		var stmt *sql.Stmt
		stmtRows := 0
		flush := func() error {
			if rows == 0 {
				return nil
			}
			if stmt == nil || stmtRows != rows {
				if stmt != nil {
					stmt.Close()
				}
				var err error
				if stmt, err = tx.PrepareContext(ctx, upsertVerdicts(rows, ls != nil)); err != nil {
					return err
				}
				stmtRows = rows
			}
			if _, err := stmt.ExecContext(ctx, args...); err != nil {
				return fmt.Errorf("store verdicts %s to %s: %w", args[0], args[len(args)-7], err)
			}
			args, rows = args[:0], 0
			return nil
		}
		defer func() {
			if stmt != nil {
				stmt.Close()
			}
		}()
		datas := make([]string, len(vs))
		for i := range vs {
			v := &vs[i]
			if last[v.ID] != i {
				continue
			}
			if encoded != nil {
				datas[i] = encoded[i]
			} else {
				// jsonio's form, as the service encodes verdicts: one
				// verdict, one text, one digest, however it was saved.
				b, err := jsonio.AppendVerdict(nil, v)
				if err != nil {
					return err
				}
				datas[i] = string(b)
			}
		}
		// A verdict screened again as it was is not sent at all: its
		// listing alone is marked current (see stampUnchanged).
		var same []bool
		var digests []int64
		if ls != nil {
			var err error
			if same, digests, err = db.findUnchanged(ctx, tx, vs, datas, state); err != nil {
				return err
			}
		}
		for i := range vs {
			v := &vs[i]
			if last[v.ID] != i || same != nil && same[i] {
				continue
			}
			args = append(args, v.ID, string(v.Action), string(v.Category), v.Score, now, datas[i], state)
			if rows++; rows == verdictChunk {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return db.keepListings(ctx, tx, vs, datas, digests, same, ls, state)
	}()
	if err != nil {
		return fmt.Errorf("save verdicts: %w", err)
	}
	return nil
}

// verdictChunk is how many verdicts one statement saves (7 parameters
// each, far below SQLite's limit of 32,766).
const verdictChunk = 128

// upsertVerdicts is the statement that saves n verdicts. With listed, a
// verdict whose JSON is the one stored is not written at all: its listing
// marks it current (see 0008), and the wide row stays as it was.
func upsertVerdicts(n int, listed bool) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO verdicts (invitation_id, action, category, score, saved_at, json, state) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?)")
	}
	b.WriteString(` ON CONFLICT (invitation_id) DO UPDATE SET action = excluded.action, category = excluded.category,
		score = excluded.score, saved_at = excluded.saved_at, json = excluded.json, state = excluded.state`)
	if listed {
		b.WriteString(` WHERE verdicts.json IS NOT excluded.json`)
	}
	return b.String()
}

// allStored returns ENOTFOUND naming the first verdict whose invitation is
// not stored. One query for the whole list: a lookup per verdict was a
// fair part of storing a batch.
func allStored(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict) error {
	ids := make([]string, len(vs))
	for i := range vs {
		ids[i] = vs[i].ID
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	// Counted first: when every verdict's invitation is stored (always,
	// from the service), no id is read back.
	var n, distinct int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invitations WHERE id IN (SELECT value FROM json_each(?1))),
		(SELECT count(DISTINCT value) FROM json_each(?1))`, string(list)).Scan(&n, &distinct); err != nil {
		return err
	}
	if n == distinct {
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT id FROM invitations WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	found := make(map[string]bool, len(vs))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range vs {
		if !found[vs[i].ID] {
			return linkvet.Errorf(linkvet.ENOTFOUND, "verdict %d: no invitation with id %q is stored", i+1, vs[i].ID)
		}
	}
	return nil
}

// Decide appends a decision to the audit log and returns it with its id
// and time (the store's clock; d.At is ignored). When d.Verdict is empty it
// records the action of the stored verdict, if any. By defaults to "user".
// An Undo entry puts the invitation back in the pending queue.
func (db *DB) Decide(ctx context.Context, d linkvet.Decision) (linkvet.Decision, error) {
	err := db.Update(ctx, func(tx linkvet.Tx) error {
		var err error
		d, err = tx.Decide(ctx, d)
		return err
	})
	return d, err
}

// checkDecision validates a decision before it is written.
func checkDecision(d linkvet.Decision) (linkvet.Decision, error) {
	d.InvitationID = strings.TrimSpace(d.InvitationID)
	if d.InvitationID == "" {
		return d, linkvet.Errorf(linkvet.EINVALID, "decision names no invitation")
	}
	if d.Undo {
		d.Action = linkvet.Ignore
	}
	if !d.Action.Valid() {
		return d, linkvet.Errorf(linkvet.EINVALID, "decision on %s: action %q is not one of %s", d.InvitationID, d.Action, actionList())
	}
	if d.Verdict != "" && !d.Verdict.Valid() {
		return d, linkvet.Errorf(linkvet.EINVALID, "decision on %s: verdict %q is not one of %s", d.InvitationID, d.Verdict, actionList())
	}
	switch d.By {
	case "":
		d.By = linkvet.ByUser
	case linkvet.ByUser, linkvet.ByRule:
	default:
		return d, linkvet.Errorf(linkvet.EINVALID, "decision on %s: decided by %q, want %q or %q", d.InvitationID, d.By, linkvet.ByUser, linkvet.ByRule)
	}
	if !utf8.ValidString(d.Note) {
		return d, linkvet.Errorf(linkvet.EINVALID, "decision on %s: the note is not valid UTF-8 text", d.InvitationID)
	}
	if len(d.Note) > maxNoteBytes {
		return d, linkvet.Errorf(linkvet.ELIMIT, "decision on %s: the note has %d bytes, more than the %d allowed", d.InvitationID, len(d.Note), maxNoteBytes)
	}
	return d, nil
}

// appendDecision inserts a validated decision and takes its invitation out
// of the pending queue.
func appendDecision(ctx context.Context, tx *sql.Tx, d linkvet.Decision) (linkvet.Decision, error) {
	// What linkvet advised is the listing's action, where there is one:
	// a listing is never older than the stored verdict, and after a
	// policy change the inbox keeps new listings without their verdicts
	// (0010).
	var verdict sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT coalesce(nullif(l.action, ''), v.action) FROM invitations i
		LEFT JOIN verdicts v ON v.invitation_id = i.id
		LEFT JOIN listings l ON l.invitation_id = i.id WHERE i.id = ?`, d.InvitationID).Scan(&verdict)
	if errors.Is(err, sql.ErrNoRows) {
		return d, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", d.InvitationID)
	} else if err != nil {
		return d, err
	}
	if d.Verdict == "" {
		d.Verdict = linkvet.Action(verdict.String)
	}
	undo := 0
	if d.Undo {
		undo = 1
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO decisions (invitation_id, action, verdict, note, decided_by, at, undo)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.InvitationID, string(d.Action), string(d.Verdict), d.Note, string(d.By), formatTime(d.At), undo)
	if err != nil {
		return d, err
	}
	if d.ID, err = res.LastInsertId(); err != nil {
		return d, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invitations SET pending = ? WHERE id = ?`, undo, d.InvitationID); err != nil {
		return d, err
	}
	return d, nil
}

// Decisions returns the decision history of one invitation, or of all
// when invitationID is empty, oldest first.
func (db *DB) Decisions(ctx context.Context, invitationID string) ([]linkvet.Decision, error) {
	if err := mustExist(ctx, db.sql, invitationID); err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	return readDecisions(ctx, db.sql, invitationID)
}

// mustExist returns ENOTFOUND when id names no stored invitation; an empty
// id means "all" and always passes.
func mustExist(ctx context.Context, q querier, id string) error {
	if id == "" {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM invitations WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Errorf("look up invitation %s: %w", id, err)
	}
	if n == 0 {
		return linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", id)
	}
	return nil
}

func readDecisions(ctx context.Context, q querier, invitationID string) ([]linkvet.Decision, error) {
	var out []linkvet.Decision
	err := eachDecision(ctx, q, invitationID, func(d linkvet.Decision) { out = append(out, d) })
	return out, err
}
