package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// rowsPerStatement is how many rows one multi-row INSERT carries. Each
// Exec crosses database/sql and the driver once, so fewer, bigger
// statements make imports several times faster; 100 rows of 10 columns
// stay far below SQLite's limit of 32,766 parameters.
const rowsPerStatement = 100

// multiInsert writes rows with multi-row INSERT statements inside one
// transaction and adds up the rows they affected.
type multiInsert struct {
	ctx      context.Context
	tx       *sql.Tx
	head     string // INSERT INTO t (a, b) VALUES
	tail     string // ON CONFLICT ...
	cols     int
	full     *sql.Stmt // prepared once for rowsPerStatement rows
	args     []any
	affected int64
}

func newMultiInsert(ctx context.Context, tx *sql.Tx, head, tail string, cols int) *multiInsert {
	return &multiInsert{ctx: ctx, tx: tx, head: head, tail: tail, cols: cols,
		args: make([]any, 0, cols*rowsPerStatement)}
}

func (m *multiInsert) query(rows int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", m.cols), ", ") + ")"
	var b strings.Builder
	b.WriteString(m.head)
	b.WriteString(" VALUES ")
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	b.WriteString(" ")
	b.WriteString(m.tail)
	return b.String()
}

// add queues one row (len(args) == cols) and writes a full statement.
func (m *multiInsert) add(args ...any) error {
	m.args = append(m.args, args...)
	if len(m.args) < m.cols*rowsPerStatement {
		return nil
	}
	if m.full == nil {
		var err error
		if m.full, err = m.tx.PrepareContext(m.ctx, m.query(rowsPerStatement)); err != nil {
			return err
		}
	}
	return m.exec(m.full.ExecContext(m.ctx, m.args...))
}

// flush writes the queued rows and closes the statements.
func (m *multiInsert) flush() error {
	if m.full != nil {
		defer m.full.Close()
	}
	if len(m.args) == 0 {
		return nil
	}
	return m.exec(m.tx.ExecContext(m.ctx, m.query(len(m.args)/m.cols), m.args...))
}

func (m *multiInsert) exec(r sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := r.RowsAffected()
	if err != nil {
		return err
	}
	m.affected += n
	m.args = m.args[:0]
	return nil
}
