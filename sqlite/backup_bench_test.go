package sqlite_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/linkvet/linkvet"
)

// BenchmarkExportDecisions exports a store holding many decisions (and
// outreach events) to nowhere. Besides the usual allocation figures it
// reports peak-live-B: the largest live heap seen while the export was
// being written (a GC is forced before each look, every 32nd write of
// 64 KiB), which stays flat when the export streams row by row and grows
// with the store when it reads a whole table first.
func BenchmarkExportDecisions(b *testing.B) {
	for _, n := range []int{20_000, 200_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			db := openTest(b)
			fillDecisions(b, db.Path(), 1000, n)
			ctx := context.Background()
			b.ReportAllocs()
			var peak uint64
			b.ResetTimer()
			for b.Loop() {
				w := &peakWriter{}
				if err := db.Export(ctx, w, "json"); err != nil {
					b.Fatal(err)
				}
				peak = max(peak, w.peak)
			}
			b.ReportMetric(float64(peak), "peak-live-B")
		})
	}
}

// fillDecisions writes invitations invitations, then decisions decisions
// spread over them and one outreach event per ten decisions, straight in
// SQL in one transaction (recording each through Decide would take
// minutes).
func fillDecisions(tb testing.TB, path string, invitations, decisions int) {
	tb.Helper()
	raw := rawDB(tb, path)
	tx, err := raw.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for i := range invitations {
		if _, err := tx.Exec(`INSERT INTO invitations (id, person_key, direction, sent_at, added_at, updated_at, json)
			VALUES (?, ?, 'incoming', NULL, '2026-11-20T10:00:00.000000000Z', '2026-11-20T10:00:00.000000000Z', ?)`,
			fmt.Sprintf("inv-%d", i), fmt.Sprintf("url:example.com/in/p%d", i),
			fmt.Sprintf(`{"id":"inv-%d","direction":"incoming","person":{"name":"Made-Up Person %d"},"shared":{}}`, i, i)); err != nil {
			tb.Fatal(err)
		}
	}
	actions := []linkvet.Action{linkvet.Accept, linkvet.Ignore, linkvet.Ask, linkvet.Decline}
	for i := range decisions {
		if _, err := tx.Exec(`INSERT INTO decisions (invitation_id, action, verdict, note, decided_by, at, undo)
			VALUES (?, ?, 'ignore', ?, 'user', ?, 0)`, fmt.Sprintf("inv-%d", i%invitations), string(actions[i%len(actions)]),
			fmt.Sprintf("note number %d about this one", i), fmt.Sprintf("2026-11-20T10:%02d:%02d.000000000Z", i/60%60, i%60)); err != nil {
			tb.Fatal(err)
		}
		if i%10 == 0 {
			if _, err := tx.Exec(`INSERT INTO outreach_events (invitation_id, kind, at, note) VALUES (?, 'sent', ?, '')`,
				fmt.Sprintf("inv-%d", i%invitations), "2026-11-20T10:00:00.000000000Z"); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// peakWriter discards what it is given and keeps the largest live heap
// seen every 32nd write.
type peakWriter struct {
	n    int
	peak uint64
}

func (w *peakWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n%32 == 1 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		w.peak = max(w.peak, ms.HeapAlloc)
	}
	return len(p), nil
}

var _ io.Writer = (*peakWriter)(nil)
