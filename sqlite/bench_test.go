package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// BenchmarkImport30k100k imports an export of 30,000 connections and
// 100,000 messages into a fresh database.
func BenchmarkImport30k100k(b *testing.B) {
	e := bigExport(30_000, 100_000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		db := openTest(b)
		b.StartTimer()
		res, err := db.Import(ctx, e)
		if err != nil {
			b.Fatal(err)
		}
		if res.Known != 30_000 || res.Messages != 100_000 {
			b.Fatalf("imported %+v", res)
		}
	}
}

// benchmarkImportInvitations imports an export of n invitations, mostly
// outgoing like a heavy networker's Invitations.csv: the cost must grow
// linearly with n (issue 13).
func benchmarkImportInvitations(b *testing.B, n int) {
	at := time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)
	e := &linkvet.Export{}
	for i := range n {
		inv := linkvet.Invitation{Direction: linkvet.Outgoing, SentAt: &at,
			Person: linkvet.Person{Name: fmt.Sprintf("Person %d", i), ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/person-%d", i)}}
		if i%20 == 0 {
			inv.Direction, inv.Message = linkvet.Incoming, "Hello, let us connect"
			e.Incoming = append(e.Incoming, inv)
			continue
		}
		e.Outgoing = append(e.Outgoing, inv)
	}
	for range b.N {
		b.StopTimer()
		db := openTest(b)
		b.StartTimer()
		if _, err := db.Import(context.Background(), e); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportInvitations1k(b *testing.B)  { benchmarkImportInvitations(b, 1000) }
func BenchmarkImportInvitations4k(b *testing.B)  { benchmarkImportInvitations(b, 4000) }
func BenchmarkImportInvitations16k(b *testing.B) { benchmarkImportInvitations(b, 16000) }
