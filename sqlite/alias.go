package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/linkvet/linkvet"
)

// State aliases (migration 0009). A verdict screened again that comes out
// as stored needs no write, but its listing must become current under the
// new state. Marking each listing rewrote thousands of rows after every
// policy change; instead the listings a transaction finds unchanged are
// kept aside (deferredStamps) until it commits. If they are every listing
// stamped with some old state T (the others stamped T were written anew in
// the transaction, so no longer are), the store records "T is current
// under S" in state_aliases: one row, not thousands. Otherwise they are
// marked one by one, as before.
//
// Exactness rests on three rules:
//   - an alias (T, S) is recorded only when every listing stamped T was
//     found unchanged under S, in the transaction that records it;
//   - every save of listings under a state S drops the aliases from S (a
//     listing written or marked under S was never checked under the state
//     S was aliased to);
//   - an enriched invitation's listing is deleted (0008's trigger), a
//     decision changes its pending flag only: neither makes a listing
//     stamped T describe another verdict.
//
// A listing stamped T is current under S when T is S or (T, S) is an
// alias; a verdict read whole reports the alias's state (aliasedListingState).

// currentIn returns the SQL condition that listing l is current under
// state, with its arguments: its state is state or one aliased to it. The
// aliases are read first (a handful of rows) so that the condition is a
// list of constants, not a lookup per listing.
func currentIn(ctx context.Context, tx *sql.Tx, state string) (string, []any, error) {
	args := []any{state}
	rows, err := tx.QueryContext(ctx, `SELECT old FROM state_aliases WHERE current = ? ORDER BY old`, state)
	if err != nil {
		return "", nil, fmt.Errorf("read state aliases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var old string
		if err := rows.Scan(&old); err != nil {
			return "", nil, fmt.Errorf("read state aliases: %w", err)
		}
		args = append(args, old)
	}
	if err := rows.Err(); err != nil {
		return "", nil, fmt.Errorf("read state aliases: %w", err)
	}
	return `l.state IN (?` + strings.Repeat(", ?", len(args)-1) + `)`, args, nil
}

// aliasedListingState is the SQL expression of the state listing l is
// current in: its alias's when its state has one, else its own (NULL
// without a listing).
const aliasedListingState = `coalesce((SELECT a.current FROM state_aliases a WHERE a.old = l.state), l.state)`

// reportedVerdictState is the SQL expression of the state a verdict read
// whole is reported in (listing l, verdict v): its listing's when the
// listing describes it (aliasedListingState); "" when the listing was kept
// without it (0010: the stored verdict is older than the listing, and may
// have been screened in the very state now in force, at another instant:
// it is screened again, at the listing's); the verdict's own without a
// listing.
const reportedVerdictState = `CASE WHEN l.unsaved = 1 THEN '' ELSE coalesce(` + aliasedListingState + `, v.state) END`

// deferredStamps are the listings one transaction found unchanged under
// state and not yet marked: by invitation id, the state each is stamped
// with and its digest.
type deferredStamps struct {
	state string
	rows  map[string]stampRow
}

// stampRow is one listing to mark current: the state it is stamped with,
// the digest of its verdict and the revision of its invitation, as found.
// It is marked only if it still has all three at commit.
type stampRow struct {
	old      string
	digest   int64
	revision int64
}

// deferred returns tx's deferred stamps, made when create is set.
func (db *DB) deferred(tx *sql.Tx, create bool) *deferredStamps {
	db.stampMu.Lock()
	defer db.stampMu.Unlock()
	d := db.stamps[tx]
	if d == nil && create {
		if db.stamps == nil {
			db.stamps = map[*sql.Tx]*deferredStamps{}
		}
		d = &deferredStamps{rows: map[string]stampRow{}}
		db.stamps[tx] = d
	}
	return d
}

// forgetStamps drops tx's deferred stamps (the transaction ended).
func (db *DB) forgetStamps(tx *sql.Tx) *deferredStamps {
	db.stampMu.Lock()
	defer db.stampMu.Unlock()
	d := db.stamps[tx]
	delete(db.stamps, tx)
	return d
}

// findUnchanged reports which verdicts (data[i] their JSON, "" for none to
// save) are the stored ones, as their listings' digests say, with every
// verdict's digest: those need not be written. Their listings not already
// stamped state are deferred to the commit (settleStamps). It also drops
// the aliases from state: listings are about to be saved under it.
func (db *DB) findUnchanged(ctx context.Context, tx *sql.Tx, vs []linkvet.Verdict, data []string, state string) ([]bool, []int64, error) {
	d, err := db.stampsFor(ctx, tx, state)
	if err != nil {
		return nil, nil, err
	}
	digests := make([]int64, len(vs))
	at := make(map[string]int, len(vs))
	ids := make([]string, 0, len(vs))
	for i := range vs {
		if data[i] != "" {
			digests[i] = verdictDigest(data[i])
			if _, dup := at[vs[i].ID]; !dup {
				ids = append(ids, vs[i].ID)
			}
			at[vs[i].ID] = i
		}
	}
	same := make([]bool, len(vs))
	if len(ids) == 0 {
		return same, digests, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, nil, err
	}
	// A listing kept without its verdict (0010) does not make the stored
	// verdict this one, whatever its digest: the verdict is written.
	rows, err := tx.QueryContext(ctx, `SELECT l.invitation_id, l.state, l.digest, l.revision FROM listings l
		WHERE l.invitation_id IN (SELECT value FROM json_each(?)) AND l.unsaved = 0`, string(list))
	if err != nil {
		return nil, nil, fmt.Errorf("read listings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, old string
		var digest, revision int64
		if err := rows.Scan(&id, &old, &digest, &revision); err != nil {
			return nil, nil, fmt.Errorf("read listings: %w", err)
		}
		i, ok := at[id]
		if !ok || digests[i] != digest {
			continue
		}
		same[i] = true
		if old != state {
			d.rows[id] = stampRow{old: old, digest: digest, revision: revision}
		} else {
			delete(d.rows, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read listings: %w", err)
	}
	return same, digests, nil
}

// stampsFor returns tx's deferred stamps for listings about to be marked
// current under state. Listings are about to be saved under state: the
// aliases from it are dropped (a listing marked under state was never
// checked under the state it was aliased to). What an earlier save in tx
// deferred under another state is marked now.
func (db *DB) stampsFor(ctx context.Context, tx *sql.Tx, state string) (*deferredStamps, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM state_aliases WHERE old = ?`, state); err != nil {
		return nil, fmt.Errorf("forget aliases of %q: %w", state, err)
	}
	d := db.deferred(tx, true)
	if d.state != state && len(d.rows) > 0 {
		if err := stampRows(ctx, tx, d); err != nil {
			return nil, err
		}
		clear(d.rows)
	}
	d.state = state
	return d, nil
}

// undefer forgets the deferred stamps of ids: their listings were just
// written or deleted.
func (db *DB) undefer(tx *sql.Tx, ids func(yield func(string) bool)) {
	d := db.deferred(tx, false)
	if d == nil || len(d.rows) == 0 {
		return
	}
	for id := range ids {
		delete(d.rows, id)
	}
}

// settleStamps, run before tx commits, makes current the listings tx
// deferred: an alias for each old state all of whose listings are among
// them, a mark per row for the others.
func (db *DB) settleStamps(ctx context.Context, tx *sql.Tx) error {
	d := db.forgetStamps(tx)
	if d == nil || len(d.rows) == 0 {
		return nil
	}
	// Set equality from sums: the listings stamped old now are the ones
	// deferred, each with the digest and the revision found, when their
	// count and the sums of the two halves of their digests and of their
	// revisions are the deferred ones'. The digest names the verdict's
	// JSON, its invitation's id included: a listing deleted later in tx
	// cannot be stood in for by another of the same state, never screened
	// again, nor one made again from an enriched invitation by one of its
	// own, whose revision is higher.
	byOld := map[string]listingSums{}
	for _, r := range d.rows {
		byOld[r.old] = byOld[r.old].add(r.digest, r.revision)
	}
	olds := make([]string, 0, len(byOld))
	for old := range byOld {
		olds = append(olds, old)
	}
	list, err := json.Marshal(olds)
	if err != nil {
		return err
	}
	// Summed apart for pending and decided listings: the inbox screens
	// the pending ones again, and a store with decisions keeps listings
	// of decided invitations stamped old too.
	stamped := map[string]listingSums{}
	pending := map[string]listingSums{}
	rows, err := tx.QueryContext(ctx, `SELECT state, pending, count(*), sum(digest & 4294967295), sum((digest >> 32) & 4294967295), sum(revision)
		FROM listings WHERE state IN (SELECT value FROM json_each(?)) GROUP BY state, pending`, string(list))
	if err != nil {
		return fmt.Errorf("sum listings by state: %w", err)
	}
	for rows.Next() {
		var st string
		var p bool
		var sums listingSums
		if err := rows.Scan(&st, &p, &sums.n, &sums.lo, &sums.hi, &sums.revisions); err != nil {
			rows.Close()
			return fmt.Errorf("sum listings by state: %w", err)
		}
		stamped[st] = stamped[st].plus(sums)
		if p {
			pending[st] = sums
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sum listings by state: %w", err)
	}
	// Every listing of old found unchanged: one alias row. Every pending
	// one: one statement marks them, without a lookup per row. Else each
	// row is marked if it still is as found.
	whole := func(old string) bool { return stamped[old] == byOld[old] }
	allPending := func(old string) bool { return !whole(old) && pending[old] == byOld[old] }
	rest := &deferredStamps{state: d.state, rows: map[string]stampRow{}}
	for id, r := range d.rows {
		if !whole(r.old) && !allPending(r.old) {
			rest.rows[id] = r
		}
	}
	for old := range byOld {
		switch {
		case whole(old):
			if _, err := tx.ExecContext(ctx, `INSERT INTO state_aliases (old, current) VALUES (?, ?)
				ON CONFLICT (old) DO UPDATE SET current = excluded.current`, old, d.state); err != nil {
				return fmt.Errorf("alias state %q to %q: %w", old, d.state, err)
			}
		case allPending(old):
			// The aliases from d.state went when the save began (stampsFor).
			if _, err := tx.ExecContext(ctx, `UPDATE listings SET state = ? WHERE state = ? AND pending = 1`, d.state, old); err != nil {
				return fmt.Errorf("mark listings current: %w", err)
			}
		}
	}
	return stampRows(ctx, tx, rest)
}

// stampRows marks current (d.state) each listing of d whose digest is
// still the one found, 500 to a statement.
func stampRows(ctx context.Context, tx *sql.Tx, d *deferredStamps) error {
	if len(d.rows) == 0 {
		return nil
	}
	var stmt *sql.Stmt
	stmtRows := 0
	defer func() {
		if stmt != nil {
			stmt.Close()
		}
	}()
	args := make([]any, 0, 1+stampChunk*3)
	flush := func() error {
		n := (len(args) - 1) / 3
		if n == 0 {
			return nil
		}
		if stmt == nil || stmtRows != n {
			if stmt != nil {
				stmt.Close()
			}
			var err error
			if stmt, err = tx.PrepareContext(ctx, stampListings(n)); err != nil {
				return err
			}
			stmtRows = n
		}
		rows, err := stmt.QueryContext(ctx, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		rows.Close()
		args = append(args[:0], d.state)
		return rows.Err()
	}
	args = append(args, d.state)
	for id, r := range d.rows {
		args = append(args, id, r.digest, r.revision)
		if (len(args)-1)/3 == stampChunk {
			if err := flush(); err != nil {
				return fmt.Errorf("mark listings current: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("mark listings current: %w", err)
	}
	// Listings marked under d.state were not checked under any state it
	// is aliased to.
	if _, err := tx.ExecContext(ctx, `DELETE FROM state_aliases WHERE old = ?`, d.state); err != nil {
		return fmt.Errorf("forget aliases of %q: %w", d.state, err)
	}
	return nil
}

// VerdictRevisions returns the state each invitation's verdict is
// reported in, as a read reports it (selectStored: reportedVerdictState;
// "" without a verdict), and each invitation's revision (the count of
// changes to its text). A caller that read and screened
// invitations outside tx compares both with what it read, so that a
// verdict another process saved, or an enrichment, meanwhile is not
// overwritten by one made from the text read before: the state alone
// cannot tell two enrichments apart (each leaves it "").
func (t *Tx) VerdictRevisions(ctx context.Context, ids []string) (map[string]string, map[string]int64, error) {
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, nil, err
	}
	rows, err := t.tx.QueryContext(ctx, `SELECT i.id, coalesce(`+reportedVerdictState+`, ''), i.revision
		FROM json_each(?) j
		JOIN invitations i ON i.id = j.value
		LEFT JOIN verdicts v ON v.invitation_id = i.id
		LEFT JOIN listings l ON l.invitation_id = i.id`, string(list))
	if err != nil {
		return nil, nil, fmt.Errorf("read verdict states: %w", err)
	}
	defer rows.Close()
	states := make(map[string]string, len(ids))
	revisions := make(map[string]int64, len(ids))
	for rows.Next() {
		var id, st string
		var rev int64
		if err := rows.Scan(&id, &st, &rev); err != nil {
			return nil, nil, fmt.Errorf("read verdict states: %w", err)
		}
		states[id], revisions[id] = st, rev
	}
	return states, revisions, rows.Err()
}

// listingSums sums a set of listings: how many, the low and high halves of
// their digests, and their revisions (each well below 2^63 for any number
// of rows a store holds).
type listingSums struct {
	n                 int
	lo, hi, revisions int64
}

func (s listingSums) plus(t listingSums) listingSums {
	return listingSums{s.n + t.n, s.lo + t.lo, s.hi + t.hi, s.revisions + t.revisions}
}

func (s listingSums) add(digest, revision int64) listingSums {
	u := uint64(digest)
	return listingSums{s.n + 1, s.lo + int64(u&0xffffffff), s.hi + int64(u>>32), s.revisions + revision}
}
