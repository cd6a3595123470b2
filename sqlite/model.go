package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
)

// maxModelBytes bounds a stored model blob; a classifier over invitation
// words is far smaller.
const maxModelBytes = 64 << 20

// Model returns the blob stored under name; ENOTFOUND when there is none.
func (db *DB) Model(ctx context.Context, name string) ([]byte, error) {
	return readModel(ctx, db.sql, name)
}

func readModel(ctx context.Context, q querier, name string) ([]byte, error) {
	var blob []byte
	err := q.QueryRowContext(ctx, `SELECT blob FROM models WHERE name = ?`, name).Scan(&blob)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no model named %q is stored", name)
	} else if err != nil {
		return nil, fmt.Errorf("read model %s: %w", name, err)
	}
	return blob, nil
}

// ModelGeneration counts how many times the blob under name was stored; 0
// when it never was.
func (db *DB) ModelGeneration(ctx context.Context, name string) (int64, error) {
	var g int64
	err := db.sql.QueryRowContext(ctx, `SELECT generation FROM models WHERE name = ?`, name).Scan(&g)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("read model %s: %w", name, err)
	}
	return g, nil
}

// PutModel stores blob under name, replacing what was there.
func (db *DB) PutModel(ctx context.Context, name string, blob []byte) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.putModel(ctx, tx, name, blob) })
}

func (db *DB) putModel(ctx context.Context, tx *sql.Tx, name string, blob []byte) error {
	if strings.TrimSpace(name) == "" {
		return linkvet.Errorf(linkvet.EINVALID, "model name is empty")
	}
	if len(blob) > maxModelBytes {
		return linkvet.Errorf(linkvet.ELIMIT, "model %q has %d bytes, more than the %d allowed", name, len(blob), maxModelBytes)
	}
	if blob == nil {
		blob = []byte{} // the column is NOT NULL; an empty model is still a model
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO models (name, updated_at, blob, generation) VALUES (?, ?, ?, 1)
		ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at, blob = excluded.blob,
			generation = models.generation + 1`,
		name, formatTime(db.now()), blob)
	if err != nil {
		return fmt.Errorf("store model %s: %w", name, err)
	}
	return nil
}

// TrainedAs returns the class the invitation was last trained as, "" when
// it never was (or does not exist).
func (db *DB) TrainedAs(ctx context.Context, invitationID string) (string, error) {
	return readTrainedAs(ctx, db.sql, invitationID)
}

func readTrainedAs(ctx context.Context, q querier, invitationID string) (string, error) {
	var class string
	err := q.QueryRowContext(ctx, `SELECT class FROM trained WHERE invitation_id = ?`, invitationID).Scan(&class)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read training state of %s: %w", invitationID, err)
	}
	return class, nil
}

// SetTrainedAs records that the invitation was trained as class; "" marks
// it untrained again. ENOTFOUND when the invitation is not stored.
func (db *DB) SetTrainedAs(ctx context.Context, invitationID, class string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error { return db.setTrainedAs(ctx, tx, invitationID, class) })
}

func (db *DB) setTrainedAs(ctx context.Context, tx *sql.Tx, invitationID, class string) error {
	err := func() error {
		if err := mustExist(ctx, tx, invitationID); err != nil {
			return err
		}
		if class == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM trained WHERE invitation_id = ?`, invitationID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO trained (invitation_id, class, at) VALUES (?, ?, ?)
			ON CONFLICT (invitation_id) DO UPDATE SET class = excluded.class, at = excluded.at`,
			invitationID, class, formatTime(db.now()))
		return err
	}()
	if err != nil {
		return fmt.Errorf("record training state of %s: %w", invitationID, err)
	}
	return nil
}

// KnownGeneration names the state of the people the user knows: they change
// only through imports, so the latest import and whether it has finished
// tell a cached copy whether it is still current. "" means no import yet.
func (db *DB) KnownGeneration(ctx context.Context) (string, error) {
	var id int64
	var finished sql.NullString
	err := db.sql.QueryRowContext(ctx, `SELECT id, finished_at FROM imports ORDER BY id DESC LIMIT 1`).Scan(&id, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read the latest import: %w", err)
	}
	return strconv.FormatInt(id, 10) + ":" + finished.String, nil
}
