package profilepdf

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

// BenchmarkRead4Pages reads the four-page fixture; the budget is 50 ms.
//
//	go test ./profilepdf -run '^$' -bench Read4Pages -benchtime 200x
func BenchmarkRead4Pages(b *testing.B) {
	data, err := os.ReadFile("testdata/en-2col-grouped.pdf")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Read(bytes.NewReader(data), int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRead feeds mutated fixtures: the reader must return, not panic, and
// in bounded time.
func FuzzRead(f *testing.F) {
	// Whole fixtures are 25 kB, which slows the fuzzer to a crawl; the
	// mutation test below covers them.
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		_, _, _ = Read(bytes.NewReader(data), int64(len(data)))
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
	})
}

// TestMutatedFixtures flips bytes of a fixture thousands of times: every
// damaged PDF must give a result or an error, never a panic or a hang.
func TestMutatedFixtures(t *testing.T) {
	data, err := os.ReadFile("testdata/de-2col.pdf")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := range n {
		d := bytes.Clone(data)
		for range 1 + r.IntN(4) {
			d[r.IntN(len(d))] = byte(r.IntN(256))
		}
		if i%2 == 1 {
			d = d[:r.IntN(len(d))]
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _, _ = Read(bytes.NewReader(d), int64(len(d)))
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("mutation %d: no answer after 5 s", i)
		}
	}
}
