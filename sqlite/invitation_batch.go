package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

// invitationChunk is how many new invitations one INSERT stores (7
// parameters each, far below SQLite's limit of 32,766). Bigger statements
// save no more per row and cost more to prepare (once per transaction).
const invitationChunk = 64

// pendingRows holds new invitations not yet inserted, in the order they
// came: the arguments of each row (7 apiece; the JSON is filled in by
// flush), the name of its record for errors, and the JSON of all of them
// in one buffer (each row's ending at ends[i]), written by
// jsonio.AppendInvitation (json.Marshal's bytes, faster): Marshal made a
// slice and then a string of every invitation, two allocations and two
// copies, where the rows now share one string per flush.
type pendingRows struct {
	args  []any
	where []recordName
	text  []byte
	ends  []int
	// expect is how many rows the batch may buffer (see grow): text is
	// sized from the first row for all of them, not doubled as it fills.
	expect int
	// stmts are the prepared INSERTs by their number of rows, kept for
	// the writer's life.
	stmts map[int]*sql.Stmt
}

// grow makes room for n rows.
func (p *pendingRows) grow(n int) {
	p.expect = n
	p.args = slices.Grow(p.args, 7*n)
	p.where = slices.Grow(p.where, n)
	p.ends = slices.Grow(p.ends, n)
}

// add buffers inv (merged, normalized) as a row, its JSON the bytes
// json.Marshal gives.
func (p *pendingRows) add(where recordName, inv *linkvet.Invitation, key string, sent any, now string) error {
	n := len(p.text)
	var err error
	if p.text, err = jsonio.AppendInvitation(p.text, inv); err != nil {
		return err
	}
	if p.expect > 1 && len(p.ends) == 0 && cap(p.text) < 2*len(p.text) {
		p.text = slices.Grow(p.text, (len(p.text)-n)*p.expect*5/4)
	}
	p.ends = append(p.ends, len(p.text))
	at := any(now) // added_at and updated_at: one value, boxed once
	p.args = append(p.args, inv.ID, key, string(inv.Direction), sent, at, at, nil)
	p.where = append(p.where, where)
	return nil
}

// flushFor stores the buffered rows when a lookup of k (a key of
// invitationWriter.known) could find one of them, so that every lookup
// finds exactly what it found when each row went in on its own. A lookup
// of anything else finds the same with the rows still buffered: it does
// not wait for them. Buffered rows' keys carry the current epoch (an
// enriched row's may too: a flush then is early, never wrong).
func (w *invitationWriter) flushFor(ctx context.Context, k string) error {
	if len(w.pending.where) == 0 || w.known != nil && w.known[k] != w.epoch {
		return nil
	}
	return w.flush(ctx)
}

func (p *pendingRows) close() {
	for _, s := range p.stmts {
		s.Close()
	}
	p.stmts = nil
}

// insertInvitations is the statement that stores n invitations, the
// columns in the order of w.insert's.
func insertInvitations(n int) string {
	var b strings.Builder
	b.Grow(100 + n*23)
	b.WriteString(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, json) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?)")
	}
	return b.String()
}

// flush inserts the buffered invitations, in order, in chunks of
// invitationChunk rows and then of falling powers of two (a flush of 7 is
// 4 + 2 + 1): a statement of each size is prepared once per writer, where
// preparing one for every flush's size cost as much as the rows saved.
// A statement that fails stores none of its rows (SQLite undoes the whole
// statement), so the chunk is then stored row by row again: the error is
// the one the first failing row gave when each row had its own statement,
// naming that row's record.
func (w *invitationWriter) flush(ctx context.Context) error {
	p := &w.pending
	if len(p.where) == 0 {
		return nil
	}
	text, start := string(p.text), 0
	for i, end := range p.ends {
		p.args[i*7+6], start = text[start:end], end
	}
	for from := 0; from < len(p.where); {
		n := invitationChunk
		for n > len(p.where)-from {
			n /= 2
		}
		args := p.args[from*7 : (from+n)*7]
		stmt, err := w.insertStmt(ctx, n)
		if err == nil {
			_, err = stmt.ExecContext(ctx, args...)
		}
		if err != nil {
			for i := range n {
				if _, rerr := w.insert.ExecContext(ctx, args[i*7:i*7+7]...); rerr != nil {
					where := p.where[from+i]
					p.drop()
					return fmt.Errorf("store %s: %w", where, rerr)
				}
			}
			// Row by row they all went in: the chunk's failure was its
			// own (say, its size), and nothing is lost.
		}
		from += n
	}
	p.drop()
	w.epoch++ // what was buffered is stored
	return nil
}

// insertStmt returns the prepared INSERT of n rows, n a power of two up
// to invitationChunk.
func (w *invitationWriter) insertStmt(ctx context.Context, n int) (*sql.Stmt, error) {
	if n == 1 {
		return w.insert, nil
	}
	p := &w.pending
	if p.stmts == nil {
		p.stmts = make(map[int]*sql.Stmt)
	}
	if s := p.stmts[n]; s != nil {
		return s, nil
	}
	s, err := w.tx.PrepareContext(ctx, insertInvitations(n))
	if err != nil {
		return nil, err
	}
	p.stmts[n] = s
	return s, nil
}

// drop forgets the buffered rows: stored, or failed (the transaction is
// then lost anyway, and the error is reported once).
func (p *pendingRows) drop() {
	clear(p.args) // the texts are not kept alive until the next batch
	p.args, p.where, p.ends = p.args[:0], p.where[:0], p.ends[:0]
	p.text = p.text[:0]
}
