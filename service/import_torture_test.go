package service_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// knownCountingStore counts the calls that read every known person at once.
type knownCountingStore struct {
	*sqlite.DB
	known atomic.Int32
}

func (c *knownCountingStore) Known(ctx context.Context) ([]linkvet.KnownPerson, error) {
	c.known.Add(1)
	return c.DB.Known(ctx)
}

// TestImportStreamNeverLoadsEveryone is issue 12, item 3, as a property
// that does not need a million rows: a streamed import (and the screening
// of the pending invitations that ends it) never reads every stored known
// person at once, since that is what makes memory grow with the export.
// The impostor check indexes known people row by row
// (sqlite.DB.EachKnownName), never as a whole []KnownPerson.
func TestImportStreamNeverLoadsEveryone(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := &knownCountingStore{DB: db}
	svc := service.New(service.Config{Store: store, Now: service.DemoNow})
	dir := writeExport(t, 2*linkedin.StreamBatch+5, true)
	imp, err := svc.ImportStream(context.Background(), func(o linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error) {
		return linkedin.Stream(dir, o, h)
	}, linkedin.Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if imp.Result.Known < 2*linkedin.StreamBatch {
		t.Fatalf("stored %d known people", imp.Result.Known)
	}
	if n := store.known.Load(); n != 0 {
		t.Errorf("every known person was read %d times during an import: memory grows with the export", n)
	}
}
