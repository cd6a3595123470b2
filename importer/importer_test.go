package importer_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/importer"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/sqlite"
)

func open(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// An import through Run stores what a plain read and Import store.
func TestRunMatchesPlainImport(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join("..", "linkedin", "testdata", "export-2024")
	read := func(o linkedin.Options) (*linkvet.Export, error) { return linkedin.Read(dir, o) }

	plain := open(t)
	x, err := linkedin.Read(dir, linkedin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := plain.Import(ctx, x)
	if err != nil {
		t.Fatal(err)
	}
	db := open(t)
	_, got, err := importer.Run(ctx, db, read, linkedin.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Run counted %+v, Import %+v", got, want)
	}
	msgs, _ := db.Messages(ctx)
	wantMsgs, _ := plain.Messages(ctx)
	if len(msgs) != len(wantMsgs) || len(msgs) == 0 {
		t.Errorf("Run stored %d messages, Import %d", len(msgs), len(wantMsgs))
	}
	// Twice: nothing changes.
	_, again, err := importer.Run(ctx, db, read, linkedin.Options{})
	if err != nil || again.Known+again.Incoming+again.Outgoing+again.Messages != 0 {
		t.Errorf("second run changed %+v, %v", again, err)
	}
}

// A read that fails stores nothing more and says why.
func TestRunReadError(t *testing.T) {
	db := open(t)
	boom := errors.New("boom")
	_, _, err := importer.Run(context.Background(), db, func(linkedin.Options) (*linkvet.Export, error) { return nil, boom }, linkedin.Options{})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
}
