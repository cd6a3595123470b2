package sqlite_test

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// The raw inputs kept with an invitation: the same bytes are kept once,
// other bytes are added, all in the transaction of the use case; a rolled
// back transaction keeps nothing.
func TestRawInputsAndSyncState(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{{ID: "r1", Person: linkvet.Person{Name: "Ria Made-Up"}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveVerdicts(ctx, []linkvet.Verdict{{ID: "r1", Action: linkvet.Ignore, Category: linkvet.Stranger}}, "s1"); err != nil {
		t.Fatal(err)
	}
	var added []bool
	err := db.Update(ctx, func(ltx linkvet.Tx) error {
		tx := ltx.(*sqlite.Tx)
		for _, data := range []string{"mail one", "mail one", "mail two"} {
			ok, err := tx.AddRaw(ctx, "r1", "email", "inbox.mbox:1", []byte(data))
			if err != nil {
				return err
			}
			added = append(added, ok)
		}
		if err := tx.SetSyncState(ctx, "imap:dana@host:993/INBOX", `{"last_uid":7}`); err != nil {
			return err
		}
		changed, err := tx.ReplaceInvitation(ctx, linkvet.Invitation{ID: "r1", Direction: linkvet.Outgoing, Person: linkvet.Person{Name: "Ria Made-Up", Headline: "Cook"}})
		if err != nil || !changed {
			t.Errorf("replace: %v %v", changed, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 3 || !added[0] || added[1] || !added[2] {
		t.Errorf("added %v, want the same bytes kept once", added)
	}
	raws, err := db.RawInputs(ctx, "r1")
	if err != nil || len(raws) != 2 || string(raws[1].Data) != "mail two" || raws[0].Channel != "email" || raws[0].Place != "inbox.mbox:1" {
		t.Errorf("raw inputs %+v, %v", raws, err)
	}
	if v, err := db.SyncState(ctx, "imap:dana@host:993/INBOX"); err != nil || v != `{"last_uid":7}` {
		t.Errorf("sync state %q, %v", v, err)
	}
	if v, err := db.SyncState(ctx, "imap:other"); err != nil || v != "" {
		t.Errorf("unknown sync state %q, %v", v, err)
	}
	si, err := db.Invitation(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if si.Invitation.Direction != linkvet.Incoming || si.Invitation.Person.Headline != "Cook" || si.VerdictState != "" {
		t.Errorf("replaced invitation %+v (state %q): the direction stays, the verdict is stale", si.Invitation, si.VerdictState)
	}

	// A failed use case keeps nothing.
	_ = db.Update(ctx, func(ltx linkvet.Tx) error {
		tx := ltx.(*sqlite.Tx)
		if _, err := tx.AddRaw(ctx, "r1", "paste", "stdin", []byte("pasted")); err != nil {
			return err
		}
		return linkvet.Errorf(linkvet.EINVALID, "stop")
	})
	if raws, _ := db.RawInputs(ctx, "r1"); len(raws) != 2 {
		t.Errorf("a rolled back raw input was kept: %d", len(raws))
	}
	err = db.Update(ctx, func(ltx linkvet.Tx) error {
		_, err := ltx.(*sqlite.Tx).ReplaceInvitation(ctx, linkvet.Invitation{ID: "nobody"})
		return err
	})
	if linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("replacing a missing invitation: %v", err)
	}
}
