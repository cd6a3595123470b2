package web

import (
	"net/http"
	"testing"
)

// BenchmarkInbox2000 renders the first inbox page with 2,000 pending
// invitations (plus the demo's), server side: store query, freshness
// check, sort, the recommendation buttons and reasons of each row, the
// template. The bar is 100 ms.
func BenchmarkInbox2000(b *testing.B) {
	e := benchEnv(b, 2000)
	if w := e.get("/"); w.Code != http.StatusOK { // screen once, as the server's start does
		b.Fatalf("status %d", w.Code)
	}
	b.ReportAllocs()
	for b.Loop() {
		if w := e.get("/"); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
}

// BenchmarkReview2000 renders one invitation of the review walk with
// 2,000 pending.
func BenchmarkReview2000(b *testing.B) {
	e := benchEnv(b, 2000)
	e.get("/review")
	for b.Loop() {
		if w := e.get("/review"); w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
}
