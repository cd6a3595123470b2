package sqlite_test

import (
	"context"
	"testing"
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
