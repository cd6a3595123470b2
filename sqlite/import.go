package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
)

// sourceConnection is the known-person source that means "1st-degree
// connection"; an invitation whose person has it was accepted.
const sourceConnection = "connection"

// ImportRun is the record of one import.
type ImportRun struct {
	ID         int64     `json:"id"`
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at,omitzero"` // zero: the import was interrupted
	// Result counts rows added or changed, and rows seen unchanged.
	Result linkvet.ImportResult `json:"result"`
	// Accepted counts invitations the import found accepted outside
	// linkvet: their person had become a connection.
	Accepted          int                   `json:"accepted"`
	HiddenConnections int                   `json:"hidden_connections"`
	Files             []linkvet.FileSummary `json:"files"`
	// Abandoned marks an import whose process died before it finished
	// (found at a later start); the batches it committed are kept.
	Abandoned bool `json:"abandoned,omitempty"`
}

// Import stores an export: the user's profile, known people, pending
// invitations and messages, in transactions of at most BatchSize rows (see
// the package doc). Importing the same export twice changes nothing; a
// newer one updates what changed. A pending invitation that the export no
// longer lists, whose person is now a connection, gets an "accept"
// decision by rule: it was accepted outside linkvet.
func (db *DB) Import(ctx context.Context, e *linkvet.Export) (linkvet.ImportResult, error) {
	return db.importExport(ctx, e, nil)
}

// ImportMessages stores messages in whole batches of at most BatchSize,
// each in its own transaction; a message already stored is counted
// unchanged. A streamed import (BeginImport) calls it for each batch the
// reader hands over; ImportRest or FinishImport then takes its result.
func (db *DB) ImportMessages(ctx context.Context, msgs []linkvet.Message) (linkvet.ImportResult, error) {
	var res linkvet.ImportResult
	err := db.importMessages(ctx, msgs, &res)
	return res, err
}

// ImportKnown merges known people into the stored ones, in transactions of
// at most BatchSize people. Only the keys of each batch are looked up, so
// that memory does not grow with the number of people stored: a streamed
// import hands its connections over batch by batch.
func (db *DB) ImportKnown(ctx context.Context, people []linkvet.KnownPerson) (linkvet.ImportResult, error) {
	var res linkvet.ImportResult
	for from := 0; from < len(people); from += BatchSize {
		if err := db.importKnownBatch(ctx, people[from:min(from+BatchSize, len(people))], &res); err != nil {
			return res, fmt.Errorf("import: known people: %w", err)
		}
	}
	return res, nil
}

// ImportRest is Import for an export whose messages ImportMessages already
// stored: it skips them and counts them from stored.
func (db *DB) ImportRest(ctx context.Context, e *linkvet.Export, stored linkvet.ImportResult) (linkvet.ImportResult, error) {
	return db.importExport(ctx, e, &stored)
}

// BeginImport records the start of a streamed import and returns its run
// id: the known people and messages follow (ImportKnown, ImportMessages,
// each batch committed on its own), then FinishImport stores the rest. A
// run killed before FinishImport stays unfinished, and is marked abandoned
// at the next start.
func (db *DB) BeginImport(ctx context.Context) (int64, error) {
	var runID int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO imports (started_at, pid, host) VALUES (?, ?, ?)`,
			formatTime(db.now()), os.Getpid(), hostname())
		if err != nil {
			return err
		}
		runID, err = r.LastInsertId()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("import: record the run: %w", err)
	}
	return runID, nil
}

// FinishImport stores what a streamed export holds besides its known
// people and messages (the profile, the invitations, the file summaries),
// closes what the export settles, and marks the run finished. stored
// counts what the batches already stored; e.Known and e.Messages, when
// not empty, are stored here too.
func (db *DB) FinishImport(ctx context.Context, runID int64, e *linkvet.Export, stored linkvet.ImportResult) (linkvet.ImportResult, error) {
	return db.importRun(ctx, runID, e, &stored)
}

func (db *DB) importExport(ctx context.Context, e *linkvet.Export, messagesStored *linkvet.ImportResult) (linkvet.ImportResult, error) {
	if e == nil {
		return linkvet.ImportResult{}, linkvet.Errorf(linkvet.EINVALID, "import: no export given")
	}
	// Everything is checked before anything is written, so a bad record
	// cannot leave half an import behind.
	if _, err := checkLists(e); err != nil {
		return linkvet.ImportResult{}, err
	}
	runID, err := db.BeginImport(ctx)
	if err != nil {
		return linkvet.ImportResult{}, err
	}
	var stored linkvet.ImportResult
	if messagesStored != nil {
		stored = *messagesStored
	}
	// Known people first, then the messages (unless already stored), so
	// that a killed import has the people of its messages.
	known, err := db.ImportKnown(ctx, e.Known)
	stored.Known += known.Known
	stored.Unchanged += known.Unchanged
	if err != nil {
		return stored, err
	}
	if messagesStored == nil {
		msgs, err := db.ImportMessages(ctx, e.Messages)
		stored.Messages += msgs.Messages
		stored.Unchanged += msgs.Unchanged
		if err != nil {
			return stored, err
		}
	}
	rest := *e
	rest.Known, rest.Messages = nil, nil
	return db.importRun(ctx, runID, &rest, &stored)
}

// lists is an export's invitations, checked and normalized.
type lists struct{ incoming, outgoing []linkvet.Invitation }

func checkLists(e *linkvet.Export) (lists, error) {
	var l lists
	var err error
	if l.incoming, err = normalizeList(e.Incoming, linkvet.Incoming); err != nil {
		return l, err
	}
	l.outgoing, err = normalizeList(e.Outgoing, linkvet.Outgoing)
	return l, err
}

// importRun stores the rest of an export under a run that BeginImport
// recorded; stored counts the batches already written.
func (db *DB) importRun(ctx context.Context, runID int64, e *linkvet.Export, stored *linkvet.ImportResult) (linkvet.ImportResult, error) {
	var res linkvet.ImportResult
	if e == nil {
		return res, linkvet.Errorf(linkvet.EINVALID, "import: no export given")
	}
	l, err := checkLists(e)
	if err != nil {
		return res, err
	}
	files, err := json.Marshal(nonNil(e.Files))
	if err != nil {
		return res, fmt.Errorf("import: encode file summaries: %w", err)
	}
	if stored != nil {
		res = *stored
	}
	if len(e.Known) > 0 {
		k, err := db.ImportKnown(ctx, e.Known)
		res.Known += k.Known
		res.Unchanged += k.Unchanged
		if err != nil {
			return res, err
		}
	}
	if len(e.Messages) > 0 {
		if err := db.importMessages(ctx, e.Messages, &res); err != nil {
			return res, err
		}
	}
	if err := db.importMe(ctx, e.Me); err != nil {
		return res, err
	}
	listed := make(map[string]bool, len(l.incoming)+len(l.outgoing))
	for _, list := range []struct {
		invs  []linkvet.Invitation
		count *int
		name  string
	}{{l.incoming, &res.Incoming, "incoming"}, {l.outgoing, &res.Outgoing, "outgoing"}} {
		if err := db.importInvitations(ctx, list.invs, list.name, list.count, &res.Unchanged, listed); err != nil {
			return res, err
		}
	}

	var accepted int
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if accepted, err = db.closeAccepted(ctx, tx, listed); err != nil {
			return err
		}
		if listsInvitations(e) {
			if err := db.closeGone(ctx, tx, listed); err != nil {
				return err
			}
		}
		if err := db.settle(ctx, tx, e, l.incoming); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE imports SET finished_at = ?, known = ?, incoming = ?, outgoing = ?,
			messages = ?, unchanged = ?, accepted = ?, hidden = ?, files = ? WHERE id = ?`,
			formatTime(db.now()), res.Known, res.Incoming, res.Outgoing, res.Messages, res.Unchanged, accepted,
			e.HiddenConnections, string(files), runID)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("import: finish: %w", err)
	}
	return res, nil
}

// settle keeps the incoming invitations of an export without
// Connections.csv out of the inbox (table unsettled): they may have been
// accepted already. An export that can tell (it has connections and
// lists invitations) settles every one of them: what it lists is pending,
// and what it does not was closed by closeGone or closeAccepted.
func (db *DB) settle(ctx context.Context, tx *sql.Tx, e *linkvet.Export, incoming []linkvet.Invitation) error {
	if !e.ConnectionsMissing {
		if listsInvitations(e) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM unsettled`); err != nil {
				return fmt.Errorf("settle invitations: %w", err)
			}
		}
		return nil
	}
	at := formatTime(db.now())
	stmt, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO unsettled (invitation_id, since)
		SELECT id, ? FROM invitations i WHERE id = ? AND pending = 1`)
	if err != nil {
		return fmt.Errorf("mark unsettled invitations: %w", err)
	}
	defer stmt.Close()
	for _, inv := range incoming {
		id, err := storedIDOf(ctx, tx, inv)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, at, id); err != nil {
			return fmt.Errorf("mark invitation %s unsettled: %w", id, err)
		}
	}
	return nil
}

// storedIDOf is the id an imported invitation is stored under: the one
// of the stored invitation of the same person and direction, else its own
// (see invitationWriter.put).
func storedIDOf(ctx context.Context, tx *sql.Tx, inv linkvet.Invitation) (string, error) {
	if key := invitationPersonKey(inv.Person); key != "" {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM invitations WHERE person_key = ? AND direction = ?
			ORDER BY added_at, id LIMIT 1`, key, string(inv.Direction)).Scan(&id)
		if err == nil {
			return id, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return "", fmt.Errorf("look up invitation %s: %w", inv.ID, err)
		}
	}
	return inv.ID, nil
}

// Unsettled counts the incoming invitations an export without
// Connections.csv left unsettled (kept out of the inbox), and returns
// their ids.
func (db *DB) Unsettled(ctx context.Context) (map[string]bool, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT u.invitation_id FROM unsettled u
		JOIN invitations i ON i.id = u.invitation_id WHERE i.pending = 1`)
	if err != nil {
		return nil, fmt.Errorf("read unsettled invitations: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read unsettled invitations: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// normalizeList checks the invitations of one list of an export; the list
// decides their direction.
func normalizeList(invs []linkvet.Invitation, dir linkvet.Direction) ([]linkvet.Invitation, error) {
	out := make([]linkvet.Invitation, len(invs))
	for i, inv := range invs {
		inv.Direction = dir
		n, err := normalizeInvitation(inv, fmt.Sprintf("import: %s invitation %d", dir, i+1))
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

// importMe replaces the stored profile with a non-empty one that differs.
func (db *DB) importMe(ctx context.Context, me linkvet.Me) error {
	if me.Empty() {
		return nil
	}
	data, err := json.Marshal(me)
	if err != nil {
		return fmt.Errorf("import: encode profile: %w", err)
	}
	_, err = db.sql.ExecContext(ctx, `INSERT INTO me (id, updated_at, json) VALUES (1, ?, ?)
		ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, json = excluded.json
		WHERE json IS NOT excluded.json`, formatTime(db.now()), string(data))
	if err != nil {
		return fmt.Errorf("import: store profile: %w", err)
	}
	return nil
}

// inBatches calls write with successive slices of at most BatchSize of n
// items, each in its own transaction.
func (db *DB) inBatches(ctx context.Context, n int, write func(tx *sql.Tx, from, to int) error) error {
	for from := 0; from < n; from += BatchSize {
		to := min(from+BatchSize, n)
		if err := db.inTx(ctx, func(tx *sql.Tx) error { return write(tx, from, to) }); err != nil {
			return err
		}
	}
	return nil
}

func (db *DB) importInvitations(ctx context.Context, invs []linkvet.Invitation, name string, changed, unchanged *int, listed map[string]bool) error {
	// Counts are applied only once a batch commits.
	err := db.inBatches(ctx, len(invs), func(tx *sql.Tx, from, to int) error {
		w, err := db.newInvitationWriter(ctx, tx)
		if err != nil {
			return err
		}
		sent, err := tx.PrepareContext(ctx, `SELECT json FROM invitations WHERE id = ?`)
		if err != nil {
			return err
		}
		defer sent.Close()
		var c, u int
		var ids []string
		for i := from; i < to; i++ {
			inv, err := keepSentAt(ctx, sent, invs[i])
			if err != nil {
				return err
			}
			id, ch, err := w.put(ctx, inv, fmt.Sprintf("%s invitation %d", name, i+1))
			if err != nil {
				return err
			}
			ids = append(ids, id)
			if ch {
				c++
			} else {
				u++
			}
		}
		*changed += c
		*unchanged += u
		for _, id := range ids {
			listed[id] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// keepSentAt gives an exported invitation the sending time stored with
// its id. Export ids come from the wall-clock time LinkedIn wrote, which
// has no zone: the same id read with another --time-zone is the same
// invitation at the same wall-clock time, and re-importing it must change
// nothing.
func keepSentAt(ctx context.Context, byID *sql.Stmt, inv linkvet.Invitation) (linkvet.Invitation, error) {
	if inv.ID == "" || inv.SentAt == nil {
		return inv, nil
	}
	var raw string
	err := byID.QueryRowContext(ctx, inv.ID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, nil
	} else if err != nil {
		return inv, fmt.Errorf("look up invitation %s: %w", inv.ID, err)
	}
	var stored struct {
		SentAt *time.Time `json:"sent_at"`
	}
	if err := json.Unmarshal([]byte(raw), &stored); err != nil || stored.SentAt == nil {
		return inv, nil
	}
	if wallClock(*stored.SentAt) == wallClock(*inv.SentAt) {
		t := *stored.SentAt
		inv.SentAt = &t
	}
	return inv, nil
}

// wallClock is a time as written, without its zone.
func wallClock(t time.Time) string { return t.Format("2006-01-02T15:04:05.999999999") }

// loadKnown reads every known person, keyed, by name.
func loadKnown(ctx context.Context, q querier) (map[string]linkvet.KnownPerson, []string, error) {
	rows, err := q.QueryContext(ctx, `SELECT key, name, profile_url, email, company, position, sources, since, last_contact
		FROM known ORDER BY name, key`)
	if err != nil {
		return nil, nil, err
	}
	people := make(map[string]linkvet.KnownPerson)
	var order []string
	err = scanKnown(rows, func(key string, p linkvet.KnownPerson) {
		people[key] = p
		order = append(order, key)
	})
	return people, order, err
}

// scanKnown calls fn for each row of a known-people query, and closes it.
func scanKnown(rows *sql.Rows, fn func(key string, p linkvet.KnownPerson)) error {
	defer rows.Close()
	for rows.Next() {
		var key, sources string
		var p linkvet.KnownPerson
		var since, last sql.NullString
		if err := rows.Scan(&key, &p.Name, &p.ProfileURL, &p.Email, &p.Company, &p.Position, &sources, &since, &last); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(sources), &p.Sources); err != nil {
			return fmt.Errorf("decode sources of %s: %w", key, err)
		}
		var err error
		if p.Since, err = parseTime(since); err != nil {
			return err
		}
		if p.LastSeen, err = parseTime(last); err != nil {
			return err
		}
		fn(key, p)
	}
	return rows.Err()
}

// importKnownBatch merges one batch of known people into the stored ones
// in one transaction. The batch is merged within itself first (an export
// names one person in several files), then with the stored people of
// only its keys.
func (db *DB) importKnownBatch(ctx context.Context, people []linkvet.KnownPerson, res *linkvet.ImportResult) error {
	merged := make(map[string]linkvet.KnownPerson, len(people))
	var keys []string
	for _, p := range people {
		k := knownKey(p)
		if k == "" {
			continue // names nobody; the parser reports such rows
		}
		p.Tags = nil
		if m, ok := merged[k]; ok {
			merged[k] = mergeKnown(m, p)
			continue
		}
		merged[k] = mergeKnown(linkvet.KnownPerson{}, p)
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil
	}
	now := formatTime(db.now())
	return db.inTx(ctx, func(tx *sql.Tx) error {
		stored, err := loadKnownKeys(ctx, tx, keys)
		if err != nil {
			return fmt.Errorf("read known people: %w", err)
		}
		upsert := newMultiInsert(ctx, tx, `INSERT INTO known
			(key, name, profile_url, email, company, position, sources, since, last_contact, updated_at)`,
			`ON CONFLICT (key) DO UPDATE SET name = excluded.name, profile_url = excluded.profile_url,
				email = excluded.email, company = excluded.company, position = excluded.position,
				sources = excluded.sources, since = excluded.since, last_contact = excluded.last_contact,
				updated_at = excluded.updated_at`, 10)
		var changed, unchanged int
		for _, k := range keys {
			next := merged[k]
			if old, had := stored[k]; had {
				next.LastSeen = sameLastContact(old.LastSeen, next.LastSeen)
				next = mergeKnown(old, next)
				if sameKnown(old, next) {
					unchanged++
					continue
				}
			}
			sources, err := json.Marshal(nonNil(next.Sources))
			if err != nil {
				return err
			}
			if err := upsert.add(k, next.Name, next.ProfileURL, next.Email, next.Company, next.Position,
				string(sources), nullTime(next.Since), nullTime(next.LastSeen), now); err != nil {
				return fmt.Errorf("store known people: %w", err)
			}
			changed++
		}
		if err := upsert.flush(); err != nil {
			return fmt.Errorf("store known people: %w", err)
		}
		// Counts are applied only once the batch commits... or fails as a
		// whole, in which case the caller reports the error.
		res.Known += changed
		res.Unchanged += unchanged
		return nil
	})
}

// sameLastContact keeps the stored last contact when the new one is the
// same moment read in another zone: the 2018 exports write message times
// without a zone, so importing one again with another --time-zone moves
// them by the zones' difference (a whole number of quarter hours, at most
// 26 hours later: UTC-12 to UTC+14). Anything else is a newer contact and
// wins as usual.
func sameLastContact(stored, next time.Time) time.Time {
	if stored.IsZero() || next.IsZero() {
		return next
	}
	if d := next.Sub(stored); d > 0 && d <= 26*time.Hour && d%(15*time.Minute) == 0 {
		return stored
	}
	return next
}

// knownLookup is how many keys one look-up names (well under SQLite's
// limit on bound parameters).
const knownLookup = 500

// loadKnownKeys reads the stored known people with the given keys.
func loadKnownKeys(ctx context.Context, q querier, keys []string) (map[string]linkvet.KnownPerson, error) {
	out := make(map[string]linkvet.KnownPerson, len(keys))
	for from := 0; from < len(keys); from += knownLookup {
		part := keys[from:min(from+knownLookup, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		rows, err := q.QueryContext(ctx, `SELECT key, name, profile_url, email, company, position, sources, since, last_contact
			FROM known WHERE key IN (?`+strings.Repeat(", ?", len(part)-1)+`)`, args...)
		if err != nil {
			return nil, err
		}
		err = scanKnown(rows, func(key string, p linkvet.KnownPerson) { out[key] = p })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// messageHash identifies a message across imports: sender, time, content.
// The time enters as written (its wall clock), not converted to UTC: an
// export's times without a zone (the 2018 messages) read with another
// --time-zone are the same messages. For a time in UTC it is the hash
// earlier versions stored (legacyMessageHash).
func messageHash(m linkvet.Message) []byte {
	return hashMessage(m, m.At.Format(timeLayout))
}

// legacyMessageHash is the hash earlier versions stored: the time
// converted to UTC.
func legacyMessageHash(m linkvet.Message) []byte {
	return hashMessage(m, formatTime(m.At))
}

func hashMessage(m linkvet.Message, at string) []byte {
	h := sha256.New()
	h.Write([]byte(m.From))
	h.Write([]byte{0})
	h.Write([]byte(at))
	h.Write([]byte{0})
	h.Write([]byte(m.Content))
	return h.Sum(nil)[:16]
}

func (db *DB) importMessages(ctx context.Context, msgs []linkvet.Message, res *linkvet.ImportResult) error {
	err := db.inBatches(ctx, len(msgs), func(tx *sql.Tx, from, to int) error {
		// OR IGNORE rather than ON CONFLICT DO NOTHING: a statement that
		// cannot abort needs no statement journal, which saves a copy of
		// every page it touches.
		insert := newMultiInsert(ctx, tx, `INSERT OR IGNORE INTO messages
			(hash, conversation_id, from_name, from_url, to_name, to_urls, at, subject, content, outgoing)`,
			``, 10)
		var legacy *sql.Stmt
		defer func() {
			if legacy != nil {
				legacy.Close()
			}
		}()
		for i := from; i < to; i++ {
			m := msgs[i]
			if _, off := m.At.Zone(); off != 0 {
				// Stored by an earlier version under its UTC time?
				if legacy == nil {
					var err error
					if legacy, err = tx.PrepareContext(ctx, `SELECT count(*) FROM messages WHERE hash = ?`); err != nil {
						return err
					}
				}
				var n int
				if err := legacy.QueryRowContext(ctx, legacyMessageHash(m)).Scan(&n); err != nil {
					return fmt.Errorf("look up message %d: %w", i+1, err)
				}
				if n > 0 {
					continue // counted unchanged below
				}
			}
			toURLs := ""
			if len(m.ToURLs) > 0 {
				b, err := json.Marshal(m.ToURLs)
				if err != nil {
					return err
				}
				toURLs = string(b)
			}
			if err := insert.add(messageHash(m), m.ConversationID, m.From, m.FromURL, m.To, toURLs,
				formatTime(m.At), m.Subject, m.Content, m.Outgoing); err != nil {
				return fmt.Errorf("store messages %d to %d: %w", from+1, to, err)
			}
		}
		if err := insert.flush(); err != nil {
			return fmt.Errorf("store messages %d to %d: %w", from+1, to, err)
		}
		// A message already stored (or twice in this batch) is not inserted.
		res.Messages += int(insert.affected)
		res.Unchanged += to - from - int(insert.affected)
		return nil
	})
	if err != nil {
		return fmt.Errorf("import: messages: %w", err)
	}
	return nil
}

// closeAccepted records an "accept" by rule for each invitation still open
// (undecided, or last decided ask or ignore, which leave it open on
// LinkedIn) that this export does not list but whose person is now a
// connection. Declines and blocks are the user's and stay current.
// listsInvitations reports whether the export had an Invitations.csv: only
// then does an invitation's absence from it mean anything.
func listsInvitations(e *linkvet.Export) bool {
	for _, f := range e.Files {
		name := strings.ToLower(f.Name)
		if i := strings.LastIndexByte(name, '/'); i >= 0 {
			name = name[i+1:]
		}
		if name == "invitations.csv" {
			return true
		}
	}
	return false
}

// closeGone ends the incoming invitations that an earlier export listed as
// pending and this one does not: on LinkedIn they were answered or
// withdrawn, so they no longer wait in linkvet's inbox. Each gets an
// "ignore" decision by rule saying so; the user's own decisions are never
// touched, and invitations added by hand are not an export's to close.
func (db *DB) closeGone(ctx context.Context, tx *sql.Tx, listed map[string]bool) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, json FROM invitations WHERE pending = 1 AND direction = 'incoming'`)
	if err != nil {
		return err
	}
	var gone []string
	for rows.Next() {
		var id, raw string
		if err := rows.Scan(&id, &raw); err != nil {
			rows.Close()
			return err
		}
		if listed[id] {
			continue
		}
		var inv linkvet.Invitation
		if err := json.Unmarshal([]byte(raw), &inv); err != nil || inv.Source != linkvet.SourceLinkedInExport {
			continue
		}
		gone = append(gone, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	at := db.now().UTC()
	for _, id := range gone {
		if _, err := appendDecision(ctx, tx, linkvet.Decision{
			InvitationID: id,
			Action:       linkvet.Ignore,
			Note:         "no longer pending in the newer export: answered or withdrawn on LinkedIn",
			By:           linkvet.ByRule,
			At:           at,
		}); err != nil {
			return fmt.Errorf("close invitation %s: %w", id, err)
		}
	}
	return nil
}

func (db *DB) closeAccepted(ctx context.Context, tx *sql.Tx, listed map[string]bool) (int, error) {
	// Only the invitations whose person is known are looked at, each with
	// that one person: nothing here grows with the number of connections.
	rows, err := tx.QueryContext(ctx, `SELECT i.id, i.person_key, coalesce(d.action, ''), k.sources
		FROM invitations i
		JOIN known k ON k.key = i.person_key
		LEFT JOIN decisions d ON d.id = (SELECT max(id) FROM decisions WHERE invitation_id = i.id)
		WHERE i.person_key <> ''`)
	if err != nil {
		return 0, err
	}
	type open struct{ id, key string }
	var found []open
	for rows.Next() {
		var id, key, latest, sources string
		if err := rows.Scan(&id, &key, &latest, &sources); err != nil {
			rows.Close()
			return 0, err
		}
		switch linkvet.Action(latest) {
		case "", linkvet.Ask, linkvet.Ignore:
		default:
			continue
		}
		var p linkvet.KnownPerson
		if err := json.Unmarshal([]byte(sources), &p.Sources); err != nil {
			rows.Close()
			return 0, fmt.Errorf("decode sources of %s: %w", key, err)
		}
		if !listed[id] && hasSource(p, sourceConnection) {
			found = append(found, open{id, key})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	at := db.now().UTC()
	for _, o := range found {
		_, err := appendDecision(ctx, tx, linkvet.Decision{
			InvitationID: o.id,
			Action:       linkvet.Accept,
			Note:         "accepted outside linkvet: " + o.key + " is a connection in the imported export",
			By:           linkvet.ByRule,
			At:           at,
		})
		if err != nil {
			return 0, fmt.Errorf("close accepted invitation %s: %w", o.id, err)
		}
	}
	return len(found), nil
}

// Me returns the user's profile from the latest import that had one; it
// is empty before any.
func (db *DB) Me(ctx context.Context) (linkvet.Me, error) {
	return readMe(ctx, db.sql)
}

func readMe(ctx context.Context, q querier) (linkvet.Me, error) {
	var me linkvet.Me
	var data string
	err := q.QueryRowContext(ctx, `SELECT json FROM me WHERE id = 1`).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return me, nil
	} else if err != nil {
		return me, fmt.Errorf("read profile: %w", err)
	}
	if err := json.Unmarshal([]byte(data), &me); err != nil {
		return me, fmt.Errorf("decode stored profile: %w", err)
	}
	return me, nil
}

// Known returns everyone the user knows, with their tags, by name.
func (db *DB) Known(ctx context.Context) ([]linkvet.KnownPerson, error) {
	var out []linkvet.KnownPerson
	err := db.inReadTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = readKnown(ctx, tx)
		return err
	})
	return out, err
}

func readKnown(ctx context.Context, q querier) ([]linkvet.KnownPerson, error) {
	people, order, err := loadKnown(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read known people: %w", err)
	}
	tags, err := loadTags(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	out := make([]linkvet.KnownPerson, 0, len(order))
	for _, k := range order {
		p := people[k]
		p.Tags = tags[k]
		out = append(out, p)
	}
	return out, nil
}

func loadTags(ctx context.Context, q querier) (map[string][]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT person_key, tag FROM tags ORDER BY person_key, folded`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tags := make(map[string][]string)
	for rows.Next() {
		var k, t string
		if err := rows.Scan(&k, &t); err != nil {
			return nil, err
		}
		tags[k] = append(tags[k], t)
	}
	return tags, rows.Err()
}

// Messages returns every stored message, oldest first.
func (db *DB) Messages(ctx context.Context) ([]linkvet.Message, error) {
	return readMessages(ctx, db.sql)
}

func readMessages(ctx context.Context, q querier) ([]linkvet.Message, error) {
	var out []linkvet.Message
	err := eachMessage(ctx, q, func(m linkvet.Message) { out = append(out, m) })
	return out, err
}

// eachMessage calls fn for every message, oldest first, one row at a time.
func eachMessage(ctx context.Context, q querier, fn func(linkvet.Message)) error {
	rows, err := q.QueryContext(ctx, `SELECT conversation_id, from_name, from_url, to_name, to_urls, at, subject, content, outgoing
		FROM messages ORDER BY at, id`)
	if err != nil {
		return fmt.Errorf("read messages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m linkvet.Message
		var toURLs string
		var at sql.NullString
		if err := rows.Scan(&m.ConversationID, &m.From, &m.FromURL, &m.To, &toURLs, &at, &m.Subject, &m.Content, &m.Outgoing); err != nil {
			return fmt.Errorf("read messages: %w", err)
		}
		if toURLs != "" {
			if err := json.Unmarshal([]byte(toURLs), &m.ToURLs); err != nil {
				return fmt.Errorf("read messages: decode recipients: %w", err)
			}
		}
		if m.At, err = parseTime(at); err != nil {
			return fmt.Errorf("read messages: %w", err)
		}
		fn(m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read messages: %w", err)
	}
	return nil
}

// Imports returns the history of imports, oldest first.
func (db *DB) Imports(ctx context.Context) ([]ImportRun, error) {
	return readImports(ctx, db.sql)
}

func readImports(ctx context.Context, q querier) ([]ImportRun, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, started_at, finished_at, known, incoming, outgoing, messages,
		unchanged, accepted, hidden, files, abandoned FROM imports ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read imports: %w", err)
	}
	defer rows.Close()
	var out []ImportRun
	for rows.Next() {
		var r ImportRun
		var started, finished sql.NullString
		var files string
		if err := rows.Scan(&r.ID, &started, &finished, &r.Result.Known, &r.Result.Incoming, &r.Result.Outgoing,
			&r.Result.Messages, &r.Result.Unchanged, &r.Accepted, &r.HiddenConnections, &files, &r.Abandoned); err != nil {
			return nil, fmt.Errorf("read imports: %w", err)
		}
		if r.StartedAt, err = parseTime(started); err != nil {
			return nil, fmt.Errorf("read imports: %w", err)
		}
		if r.FinishedAt, err = parseTime(finished); err != nil {
			return nil, fmt.Errorf("read imports: %w", err)
		}
		if err := json.Unmarshal([]byte(files), &r.Files); err != nil {
			return nil, fmt.Errorf("read import %d: decode file summaries: %w", r.ID, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read imports: %w", err)
	}
	return out, nil
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

// markAbandoned marks the unfinished imports whose process, on this host,
// is gone: killed mid-import. It writes only when there is one, so that
// opening a store stays read-only otherwise.
func (db *DB) markAbandoned(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, pid, host FROM imports WHERE finished_at IS NULL AND abandoned = 0`)
	if err != nil {
		return fmt.Errorf("read unfinished imports: %w", err)
	}
	var dead []int64
	host := hostname()
	for rows.Next() {
		var id, pid int64
		var h string
		if err := rows.Scan(&id, &pid, &h); err != nil {
			rows.Close()
			return fmt.Errorf("read unfinished imports: %w", err)
		}
		if h == host && pid != int64(os.Getpid()) && !processAlive(int(pid)) {
			dead = append(dead, id)
		}
	}
	rows.Close()
	if len(dead) == 0 {
		return rows.Err()
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range dead {
			if _, err := tx.ExecContext(ctx, `UPDATE imports SET abandoned = 1 WHERE id = ? AND finished_at IS NULL`, id); err != nil {
				return fmt.Errorf("mark import %d abandoned: %w", id, err)
			}
		}
		return nil
	})
}

// InferredExample is the inferred example (a past accept learned from an
// export) with that id, as it was trained, and its class; "" when there is
// none.
func (t *Tx) InferredExample(ctx context.Context, invitationID string) (linkvet.Invitation, string, error) {
	var inv linkvet.Invitation
	var class, raw string
	err := t.tx.QueryRowContext(ctx, `SELECT class, json FROM inferred WHERE invitation_id = ?`, invitationID).Scan(&class, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, "", nil
	} else if err != nil {
		return inv, "", fmt.Errorf("read inferred example %s: %w", invitationID, err)
	}
	if err := json.Unmarshal([]byte(raw), &inv); err != nil {
		return inv, "", fmt.Errorf("decode inferred example %s: %w", invitationID, err)
	}
	return inv, class, nil
}

// PutInferred records that inv was trained as class, as an inferred
// example; the invitation is kept for rebuilds.
func (t *Tx) PutInferred(ctx context.Context, inv linkvet.Invitation, class string) error {
	if inv.ID == "" || class == "" {
		return linkvet.Errorf(linkvet.EINVALID, "inferred example: no id or no class")
	}
	data, err := json.Marshal(inv)
	if err != nil {
		return fmt.Errorf("encode inferred example %s: %w", inv.ID, err)
	}
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO inferred (invitation_id, class, json, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (invitation_id) DO UPDATE SET class = excluded.class, json = excluded.json, at = excluded.at`,
		inv.ID, class, string(data), formatTime(t.Now())); err != nil {
		return fmt.Errorf("record inferred example %s: %w", inv.ID, err)
	}
	return nil
}

// DeleteInferred forgets an inferred example (the user's own decision on
// the invitation replaces it).
func (t *Tx) DeleteInferred(ctx context.Context, invitationID string) error {
	if _, err := t.tx.ExecContext(ctx, `DELETE FROM inferred WHERE invitation_id = ?`, invitationID); err != nil {
		return fmt.Errorf("forget inferred example %s: %w", invitationID, err)
	}
	return nil
}

// EachInferred calls fn for every inferred example, by id.
func (t *Tx) EachInferred(ctx context.Context, fn func(inv linkvet.Invitation, class string) error) error {
	rows, err := t.tx.QueryContext(ctx, `SELECT invitation_id, class, json FROM inferred ORDER BY invitation_id`)
	if err != nil {
		return fmt.Errorf("read inferred examples: %w", err)
	}
	type example struct {
		inv   linkvet.Invitation
		class string
	}
	var all []example
	for rows.Next() {
		var id, class, raw string
		if err := rows.Scan(&id, &class, &raw); err != nil {
			rows.Close()
			return fmt.Errorf("read inferred examples: %w", err)
		}
		var inv linkvet.Invitation
		if err := json.Unmarshal([]byte(raw), &inv); err != nil {
			rows.Close()
			return fmt.Errorf("decode inferred example %s: %w", id, err)
		}
		all = append(all, example{inv, class})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read inferred examples: %w", err)
	}
	// Read whole before fn runs: fn may write through the same transaction.
	for _, e := range all {
		if err := fn(e.inv, e.class); err != nil {
			return err
		}
	}
	return nil
}

// InferredCounts counts the inferred examples per class.
func (db *DB) InferredCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT class, count(*) FROM inferred GROUP BY class`)
	if err != nil {
		return nil, fmt.Errorf("count inferred examples: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var class string
		var n int
		if err := rows.Scan(&class, &n); err != nil {
			return nil, fmt.Errorf("count inferred examples: %w", err)
		}
		out[class] = n
	}
	return out, rows.Err()
}

// inferredRow is an inferred example as `linkvet export` writes it.
type inferredRow struct {
	InvitationID string             `json:"invitation_id"`
	Class        string             `json:"class"`
	At           time.Time          `json:"at"`
	Invitation   linkvet.Invitation `json:"invitation"`
}

// exportImportState writes the inferred examples and the unsettled
// invitations into an export of the store, so that a restore gives the
// same classifier status and the same inbox.
func exportImportState(ctx context.Context, q querier, j *jsonStream) error {
	var inferred []inferredRow
	rows, err := q.QueryContext(ctx, `SELECT invitation_id, class, json, at FROM inferred ORDER BY invitation_id`)
	if err != nil {
		return fmt.Errorf("read inferred examples: %w", err)
	}
	for rows.Next() {
		var r inferredRow
		var raw string
		var at sql.NullString
		if err := rows.Scan(&r.InvitationID, &r.Class, &raw, &at); err != nil {
			rows.Close()
			return fmt.Errorf("read inferred examples: %w", err)
		}
		if err := json.Unmarshal([]byte(raw), &r.Invitation); err != nil {
			rows.Close()
			return fmt.Errorf("decode inferred example %s: %w", r.InvitationID, err)
		}
		if r.At, err = parseTime(at); err != nil {
			rows.Close()
			return err
		}
		inferred = append(inferred, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read inferred examples: %w", err)
	}
	var unsettled []string
	rows, err = q.QueryContext(ctx, `SELECT invitation_id FROM unsettled ORDER BY invitation_id`)
	if err != nil {
		return fmt.Errorf("read unsettled invitations: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("read unsettled invitations: %w", err)
		}
		unsettled = append(unsettled, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read unsettled invitations: %w", err)
	}
	j.field("inferred", nonNil(inferred))
	j.field("unsettled", nonNil(unsettled))
	return nil
}

// restoreImportState writes back what exportImportState wrote.
func restoreImportState(exec func(q string, args ...any) error, d *dump) error {
	for _, r := range d.Inferred {
		if r.InvitationID == "" || r.Class == "" {
			return linkvet.Errorf(linkvet.EINVALID, "inferred example without an id or a class")
		}
		data, err := json.Marshal(r.Invitation)
		if err != nil {
			return fmt.Errorf("inferred example %s: %w", r.InvitationID, err)
		}
		at := r.At
		if at.IsZero() {
			at = d.ExportedAt
		}
		if err := exec(`INSERT INTO inferred (invitation_id, class, json, at) VALUES (?, ?, ?, ?)`,
			r.InvitationID, r.Class, string(data), formatTime(at)); err != nil {
			return fmt.Errorf("inferred example %s: %w", r.InvitationID, err)
		}
	}
	for _, id := range d.Unsettled {
		if err := exec(`INSERT INTO unsettled (invitation_id, since) VALUES (?, ?)`, id, formatTime(d.ExportedAt)); err != nil {
			return fmt.Errorf("unsettled invitation %s: %w", id, err)
		}
	}
	return nil
}

// EachKnownName calls fn with the name, profile URL and e-mail of every
// known person who has a name and a URL or an e-mail, one row at a time:
// what an impostor check needs, without holding the whole network (a
// million connections) in memory as KnownPerson values.
func (db *DB) EachKnownName(ctx context.Context, fn func(name, profileURL, email string) error) error {
	return db.inReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT name, profile_url, email FROM known
			WHERE name <> '' AND (profile_url <> '' OR email <> '')`)
		if err != nil {
			return fmt.Errorf("read known names: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var name, url, email string
			if err := rows.Scan(&name, &url, &email); err != nil {
				return fmt.Errorf("read known names: %w", err)
			}
			if err := fn(name, url, email); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}

// eachKnown calls fn with every known person and their tags, in the order
// Known lists them, one row at a time (an export of a large network need
// not hold it whole).
func eachKnown(ctx context.Context, q querier, fn func(linkvet.KnownPerson)) error {
	tags, err := loadTags(ctx, q)
	if err != nil {
		return fmt.Errorf("read tags: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT key, name, profile_url, email, company, position, sources, since, last_contact
		FROM known ORDER BY name, key`)
	if err != nil {
		return fmt.Errorf("read known people: %w", err)
	}
	if err := scanKnown(rows, func(key string, p linkvet.KnownPerson) {
		p.Tags = tags[key]
		fn(p)
	}); err != nil {
		return fmt.Errorf("read known people: %w", err)
	}
	return nil
}
