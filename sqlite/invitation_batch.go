package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// invitationChunk is how many new invitations one INSERT stores (7
// parameters each, far below SQLite's limit of 32,766). Past a few hundred
// rows a bigger statement saves nothing more.
const invitationChunk = 256

// pendingRows holds new invitations not yet inserted, in the order they
// came: the arguments of each row (7 apiece) and the name of its record
// for errors.
type pendingRows struct {
	args  []any
	where []string
	// full is the prepared INSERT of invitationChunk rows, kept for the
	// writer's life: every chunk but the last has that size.
	full *sql.Stmt
}

func (p *pendingRows) add(where, id, key, direction string, sent any, now, data string) {
	p.args = append(p.args, id, key, direction, sent, now, now, data)
	p.where = append(p.where, where)
}

func (p *pendingRows) close() {
	if p.full != nil {
		p.full.Close()
		p.full = nil
	}
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

// flush inserts the buffered invitations, in order, a chunk per statement.
// A statement that fails stores none of its rows (SQLite undoes the whole
// statement), so the chunk is then stored row by row again: the error is
// the one the first failing row gave when each row had its own statement,
// naming that row's record.
func (w *invitationWriter) flush(ctx context.Context) error {
	p := &w.pending
	for from := 0; from < len(p.where); {
		n := min(len(p.where)-from, invitationChunk)
		args := p.args[from*7 : (from+n)*7]
		var err error
		if n == invitationChunk {
			if p.full == nil {
				p.full, err = w.tx.PrepareContext(ctx, insertInvitations(n))
			}
			if err == nil {
				_, err = p.full.ExecContext(ctx, args...)
			}
		} else {
			_, err = w.tx.ExecContext(ctx, insertInvitations(n), args...)
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
	return nil
}

// drop forgets the buffered rows: stored, or failed (the transaction is
// then lost anyway, and the error is reported once).
func (p *pendingRows) drop() {
	clear(p.args) // the texts are not kept alive until the next batch
	p.args, p.where = p.args[:0], p.where[:0]
}
