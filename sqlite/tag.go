package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// maxTagBytes bounds a tag: it is a short label.
const maxTagBytes = 100

// checkTag trims a tag and rejects one a user could not read back.
func checkTag(tag string) (string, error) {
	tag = strings.TrimSpace(tag)
	switch {
	case tag == "":
		return "", linkvet.Errorf(linkvet.EINVALID, "tag is empty")
	case !utf8.ValidString(tag):
		return "", linkvet.Errorf(linkvet.EINVALID, "tag %q is not valid UTF-8 text", tag)
	case len(tag) > maxTagBytes:
		return "", linkvet.Errorf(linkvet.ELIMIT, "tag %.20q... has %d bytes, more than the %d allowed", tag, len(tag), maxTagBytes)
	case strings.IndexFunc(tag, unicode.IsControl) >= 0:
		return "", linkvet.Errorf(linkvet.EINVALID, "tag %q contains a control character", tag)
	case fold.String(tag) == "":
		return "", linkvet.Errorf(linkvet.EINVALID, "tag %q has no visible letters", tag)
	}
	return tag, nil
}

// resolveKeys finds the stored key of each person named in keys. A key may
// be the store's own (see KnownKey), a profile URL or e-mail address, or a
// name. The first one matching nobody is an ENOTFOUND error.
func resolveKeys(ctx context.Context, tx *sql.Tx, keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, linkvet.Errorf(linkvet.EINVALID, "no people to tag given")
	}
	stmt, err := tx.PrepareContext(ctx, `SELECT key FROM known WHERE key = ?`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	out := make([]string, 0, len(keys))
	for i, k := range keys {
		candidates := []string{k, linkvet.PersonKey(k, k), "name:" + fold.String(k)}
		found := ""
		for _, c := range candidates {
			if c == "" || c == "name:" {
				continue
			}
			err := stmt.QueryRowContext(ctx, c).Scan(&found)
			if err == nil {
				break
			} else if !errors.Is(err, sql.ErrNoRows) {
				return nil, err
			}
		}
		if found == "" {
			return nil, linkvet.Errorf(linkvet.ENOTFOUND, "person %d (%q) is not among the known people", i+1, k)
		}
		out = append(out, found)
	}
	return out, nil
}

// Tag adds tag to each known person named in personKeys (see KnownKey; a
// profile URL, e-mail address or name also works). Tags compare folded:
// tagging "Work" where "work" is set changes nothing. All or none are
// tagged.
func (db *DB) Tag(ctx context.Context, personKeys []string, tag string) error {
	return db.eachTagged(ctx, "tag", personKeys, tag, func(tx *sql.Tx, key, folded, tag string) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO tags (person_key, folded, tag) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, key, folded, tag)
		return err
	})
}

// Untag removes tag (compared folded) from each known person named in
// personKeys; a person without it is left as is.
func (db *DB) Untag(ctx context.Context, personKeys []string, tag string) error {
	return db.eachTagged(ctx, "untag", personKeys, tag, func(tx *sql.Tx, key, folded, _ string) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE person_key = ? AND folded = ?`, key, folded)
		return err
	})
}

// eachTagged checks tag and calls do for every person personKeys names,
// in one transaction.
func (db *DB) eachTagged(ctx context.Context, verb string, personKeys []string, tag string, do func(tx *sql.Tx, key, folded, tag string) error) error {
	tag, err := checkTag(tag)
	if err != nil {
		return err
	}
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		keys, err := resolveKeys(ctx, tx, personKeys)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := do(tx, k, fold.String(tag), tag); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s %q: %w", verb, tag, err)
	}
	return nil
}
