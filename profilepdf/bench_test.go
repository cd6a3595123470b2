package profilepdf

import (
	"bytes"
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
	for _, name := range []string{"testdata/de-2col.pdf", "testdata/en-1col-2016.pdf"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
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
