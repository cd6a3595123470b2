package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// batchRecords makes n made-up invitation records, the same for a seed,
// with what an add file holds besides new people: the same record twice,
// later records enriching earlier ones (by person key, spelled otherwise,
// or by id alone; repeats in a hundred records are one of these), people
// known by e-mail only, records without an id,
// both directions for one person, and "unknown" photos.
func batchRecords(seed uint64, n, repeats int) []linkvet.Invitation {
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	out := make([]linkvet.Invitation, 0, n)
	var people []linkvet.Invitation // the records made afresh, that name someone
	for i := range n {
		if i > 0 && r.IntN(100) < repeats {
			prev := people[r.IntN(len(people))]
			switch r.IntN(5) {
			case 0: // the very record again
				out = append(out, prev)
				continue
			case 1: // the same person, URL spelled otherwise, more known
				e := linkvet.Invitation{Direction: prev.Direction, Person: prev.Person}
				e.Person.ProfileURL = strings.ToUpper(strings.TrimSuffix(prev.Person.ProfileURL, "/"))
				e.Person.Headline = pick("Engineer at Made-Up Works", "Founder", "")
				e.Person.Skills = []string{pick("Go", "SQL", "Sales")}
				e.Shared.Companies = []string{pick("Made-Up Works", "made-up works", "Other Co")}
				e.MutualConnections = ptrTo(r.IntN(40))
				e.Person.Photo = linkvet.Photo(pick("unknown", "", "default"))
				out = append(out, e)
				continue
			case 2: // by id alone, naming nobody else
				if prev.ID != "" {
					out = append(out, linkvet.Invitation{ID: prev.ID, Direction: prev.Direction,
						Message: pick("Hello again", ""), ReceivedVia: []string{pick("email", "paste")}})
					continue
				}
			case 3: // the same person the other way round
				o := prev
				o.ID = ""
				if o.Direction == linkvet.Outgoing {
					o.Direction = linkvet.Incoming
				} else {
					o.Direction = linkvet.Outgoing
				}
				out = append(out, o)
				continue
			}
		}
		inv := linkvet.Invitation{
			ID:      fmt.Sprintf("gen-%d-%d", seed, i),
			Message: pick("", "", "Hi, let us connect.", "Saw your talk on made-up things."),
			Person: linkvet.Person{
				Name:     fmt.Sprintf("Made-Up Person %d", i),
				Headline: pick("", "Recruiter", "Data Engineer", "CEO | Investor | Coach"),
				Location: pick("", "Berlin", "Lyon"),
				Photo:    linkvet.Photo(pick("", "unknown", "custom")),
			},
		}
		switch r.IntN(10) {
		case 0:
			inv.Direction = linkvet.Outgoing
		case 1:
			inv.Direction = linkvet.Incoming
		}
		switch r.IntN(6) {
		case 0: // e-mail only
			inv.Person.Emails = []string{fmt.Sprintf("Person%d@Example.com", i)}
		case 1: // nothing but a name: matched by id only
		default:
			inv.Person.ProfileURL = fmt.Sprintf("https://www.linkedin.com/in/made-up-%d/", i)
			if r.IntN(8) == 0 {
				inv.ID = "" // derived from the URL
			}
		}
		if r.IntN(2) == 0 {
			at := time.Date(2026, 3, 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.FixedZone("X", 3600*r.IntN(3)))
			inv.SentAt = &at
		}
		if r.IntN(3) == 0 {
			inv.MutualNames = []string{"Ana Made-Up", pick("Bo Made-Up", "ana made-up")}
		}
		if r.IntN(10) == 0 {
			inv.Label = linkvet.Action(pick("accept", "ignore"))
		}
		out = append(out, inv)
		people = append(people, inv)
	}
	return out
}

func ptrTo[T any](v T) *T { return &v }

// openInternal opens a fresh store whose clock moves a millisecond per
// reading from a fixed start.
func openInternal(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	db.SetNow(func() time.Time { at = at.Add(time.Millisecond); return at })
	return db
}

type putResult struct {
	IDs     []string
	Out     []linkvet.StoredInvitation
	Changes []linkvet.Change
	Err     string
}

// putWith stores invs in one transaction, batched or row by row.
func putWith(t *testing.T, db *DB, invs []linkvet.Invitation, batched bool) putResult {
	t.Helper()
	var res putResult
	err := db.inTx(context.Background(), func(tx *sql.Tx) error {
		var err error
		if batched {
			res.IDs, res.Out, res.Changes, err = db.putInvitationsStored(context.Background(), tx, invs, true)
		} else {
			res.IDs, res.Out, res.Changes, err = db.putInvitationsStoredRowByRow(context.Background(), tx, invs, true)
		}
		return err
	})
	if err != nil {
		res.Err = err.Error()
	}
	return res
}

// dumpRows is every stored invitation row and verdict state, as stored.
func dumpRows(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	rows, err := db.sql.Query(`SELECT rowid, id, person_key, direction, coalesce(sent_at, 'NULL'), added_at, updated_at, pending, json FROM invitations ORDER BY rowid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var f [9]string
		if err := rows.Scan(&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8]); err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join(f[:], " | "))
	}
	vrows, err := db.sql.Query(`SELECT invitation_id, state FROM verdicts ORDER BY invitation_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer vrows.Close()
	for vrows.Next() {
		var id, state string
		if err := vrows.Scan(&id, &state); err != nil {
			t.Fatal(err)
		}
		out = append(out, "verdict "+id+" "+state)
	}
	return out
}

// markScreened gives every stored invitation a current verdict row, so
// that enriching one must mark it stale.
func markScreened(t *testing.T, db *DB) {
	t.Helper()
	if _, err := db.sql.Exec(`INSERT OR IGNORE INTO verdicts (invitation_id, action, category, score, saved_at, json, state)
		SELECT id, 'accept', 'legit', 0, '2026-11-20T10:00:00.000000000Z', '{}', 'v1' FROM invitations`); err != nil {
		t.Fatal(err)
	}
}

// TestPutBatchedAsRowByRow: storing a generated add file in batches (new
// invitations many rows per statement) leaves every row, verdict state,
// returned invitation, id and change exactly as the row-by-row code did,
// for the same records and clock, across several batches (later batches
// enrich earlier ones) and chunk boundaries.
func TestPutBatchedAsRowByRow(t *testing.T) {
	for _, tc := range []struct {
		seed       uint64
		n, batches int
	}{
		{1, 1500, 3}, {2, 700, 1}, {3, invitationChunk*2 + 1, 2}, {4, 40, 4},
	} {
		t.Run(fmt.Sprint(tc.seed), func(t *testing.T) {
			invs := batchRecords(tc.seed, tc.n, 35)
			dbNew, dbOld := openInternal(t), openInternal(t)
			size := (len(invs) + tc.batches - 1) / tc.batches
			var kinds [4]int
			for from := 0; from < len(invs); from += size {
				batch := invs[from:min(from+size, len(invs))]
				got, want := putWith(t, dbNew, batch, true), putWith(t, dbOld, batch, false)
				if want.Err != "" {
					t.Fatalf("row by row failed: %s", want.Err)
				}
				if !reflect.DeepEqual(got.IDs, want.IDs) || !reflect.DeepEqual(got.Changes, want.Changes) || got.Err != want.Err {
					t.Fatalf("batch at %d: ids/changes/error differ:\n got %v %v %q\nwant %v %v %q", from, got.IDs, got.Changes, got.Err, want.IDs, want.Changes, want.Err)
				}
				gj, _ := json.Marshal(got.Out)
				wj, _ := json.Marshal(want.Out)
				if string(gj) != string(wj) {
					t.Fatalf("batch at %d: handed back invitations differ", from)
				}
				for _, c := range want.Changes {
					kinds[map[linkvet.Change]int{linkvet.ChangeNew: 0, linkvet.ChangeEnriched: 1, linkvet.ChangeUnchanged: 2}[c]]++
				}
				markScreened(t, dbNew)
				markScreened(t, dbOld)
			}
			// The file must have exercised every kind of write.
			if kinds[0] == 0 || kinds[1] == 0 || kinds[2] == 0 {
				t.Fatalf("generated records gave %d new, %d enriched, %d unchanged: want some of each", kinds[0], kinds[1], kinds[2])
			}
			got, want := dumpRows(t, dbNew), dumpRows(t, dbOld)
			if len(got) != len(want) {
				t.Fatalf("%d rows stored batched, %d row by row", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("row %d differs:\n got %s\nwant %s", i, got[i], want[i])
				}
			}
		})
	}
}

// TestPutBatchedConflictsAsRowByRow: a record that conflicts with one
// buffered earlier in the batch (same id, other direction or person) fails
// the batch with the same ECONFLICT message, and stores nothing, as before.
func TestPutBatchedConflictsAsRowByRow(t *testing.T) {
	base := batchRecords(9, 300, 35)
	for _, tc := range []struct {
		name string
		bad  func(first linkvet.Invitation) linkvet.Invitation
	}{
		{"other direction", func(f linkvet.Invitation) linkvet.Invitation {
			return linkvet.Invitation{ID: f.ID, Direction: linkvet.Outgoing, Person: linkvet.Person{Name: "Someone Else"}}
		}},
		{"other person", func(f linkvet.Invitation) linkvet.Invitation {
			return linkvet.Invitation{ID: f.ID, Person: linkvet.Person{ProfileURL: "https://www.linkedin.com/in/someone-else-made-up/"}}
		}},
		{"year beyond 9999", func(f linkvet.Invitation) linkvet.Invitation {
			far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
			return linkvet.Invitation{ID: "far", Person: linkvet.Person{Name: "Far Made-Up"}, SentAt: &far}
		}},
		{"bad label", func(f linkvet.Invitation) linkvet.Invitation {
			return linkvet.Invitation{ID: "x", Person: linkvet.Person{Name: "X"}, Label: "maybe"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := linkvet.Invitation{ID: "conflict-1", Direction: linkvet.Incoming,
				Person: linkvet.Person{Name: "Cy Made-Up", ProfileURL: "https://www.linkedin.com/in/cy-made-up/"}}
			invs := append(append([]linkvet.Invitation{first}, base...), tc.bad(first))
			dbNew, dbOld := openInternal(t), openInternal(t)
			got, want := putWith(t, dbNew, invs, true), putWith(t, dbOld, invs, false)
			if want.Err == "" {
				t.Fatal("row by row stored a conflicting batch")
			}
			if got.Err != want.Err {
				t.Fatalf("error differs:\n got %s\nwant %s", got.Err, want.Err)
			}
			if d := dumpRows(t, dbNew); len(d) != 0 {
				t.Fatalf("a failed batch left %d rows", len(d))
			}
		})
	}
}

// TestPutBatchedStoreErrorAsRowByRow: when SQLite refuses a row (here a
// trigger refuses one id), the batch fails naming that record, as when
// each row had its own statement, whether the refused row sits in a full
// chunk, a short one, or alone.
func TestPutBatchedStoreErrorAsRowByRow(t *testing.T) {
	invs := batchRecords(11, 400, 0)
	for _, at := range []int{3, invitationChunk + 5, len(invs) - 1} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			dbNew, dbOld := openInternal(t), openInternal(t)
			for _, db := range []*DB{dbNew, dbOld} {
				if _, err := db.sql.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON invitations
					WHEN NEW.id = '` + invs[at].ID + `' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`); err != nil {
					t.Fatal(err)
				}
			}
			got, want := putWith(t, dbNew, invs, true), putWith(t, dbOld, invs, false)
			if want.Err == "" || !strings.Contains(want.Err, fmt.Sprintf("invitation %d ", at+1)) {
				t.Fatalf("row by row: error %q, want one naming invitation %d", want.Err, at+1)
			}
			if got.Err != want.Err {
				t.Fatalf("error differs:\n got %s\nwant %s", got.Err, want.Err)
			}
			if d := dumpRows(t, dbNew); len(d) != 0 {
				t.Fatalf("a failed batch left %d rows", len(d))
			}
		})
	}
}

// BenchmarkPutInvitations5000 stores 5,000 generated records into a fresh
// store, batched and row by row: all new (as BenchmarkAdd5000's), and a
// third of them repeats or enrichments.
func BenchmarkPutInvitations5000(b *testing.B) {
	for _, repeats := range []int{0, 35} {
		invs := batchRecords(5, 5000, repeats)
		for _, batched := range []bool{true, false} {
			b.Run(fmt.Sprintf("repeats=%d/%s", repeats, map[bool]string{true: "Batched", false: "RowByRow"}[batched]), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					b.StopTimer()
					db, err := Open(context.Background(), filepath.Join(b.TempDir(), "x.db"))
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					err = db.inTx(context.Background(), func(tx *sql.Tx) error {
						var err error
						if batched {
							_, _, _, err = db.putInvitationsStored(context.Background(), tx, invs, true)
						} else {
							_, _, _, err = db.putInvitationsStoredRowByRow(context.Background(), tx, invs, true)
						}
						return err
					})
					b.StopTimer()
					if err != nil {
						b.Fatal(err)
					}
					db.Close()
					b.StartTimer()
				}
			})
		}
	}
}
