package linkedin

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// csvTrace is everything a CSV reader yields, for comparing two readers.
func csvTrace(t testing.TB, input []byte, bufSize, max int, noSkip bool) string {
	r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(input), bufSize), ',')
	r.max, r.noSkip = max, noSkip
	var b strings.Builder
	for n := 0; n <= len(input)+1; n++ {
		rec, line, err := r.next()
		var re *rowError
		switch {
		case errors.Is(err, io.EOF):
			return b.String()
		case errors.As(err, &re):
			fmt.Fprintf(&b, "skip %d %s\n", re.line, re.reason)
		case err != nil:
			t.Fatalf("next: %v", err)
		default:
			fmt.Fprintf(&b, "%d %q\n", line, rec)
		}
	}
	t.Fatalf("the reader does not end")
	return ""
}

// strayQuotes is n lines that each open a quote never closed.
func strayQuotes(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "a%d,\"b%d\n", i, i)
	}
	return b.Bytes()
}

// TestStrayQuotesEachCostOneRow: every line with a stray quote is skipped
// on its own, the rows between them are kept, and the result is the one
// reading to the end after each failure gives.
func TestStrayQuotesEachCostOneRow(t *testing.T) {
	in := []byte("h1,h2\nok,1\nx,\"open\nok,2\ny,\"again\n\"\",z\nz,\"q\"\"r\nok,3\n")
	fast := csvTrace(t, in, 16, 1<<20, false)
	slow := csvTrace(t, in, 16, 1<<20, true)
	if fast != slow {
		t.Errorf("with the shortcut:\n%s\nreading to the end:\n%s", fast, slow)
	}
	want := `1 ["h1" "h2"]
2 ["ok" "1"]
skip 3 a quoted field opened on this line is never closed
4 ["ok" "2"]
skip 5 a quoted field opened on this line is never closed
6 ["" "z"]
skip 7 a quoted field opened on this line is never closed
8 ["ok" "3"]
`
	if fast != want {
		t.Errorf("got\n%s", fast)
	}
	many := strayQuotes(20000)
	got := csvTrace(t, many, 64<<10, 1<<20, false)
	if n := strings.Count(got, "skip "); n != 20000 {
		t.Errorf("%d of 20000 stray quotes reported", n)
	}
}

// FuzzQuoteRecovery holds the linear recovery to reading to the end
// after every unclosed quote: both give the same rows and problems.
func FuzzQuoteRecovery(f *testing.F) {
	f.Add([]byte("x,\"open\nok,2\ny,\"again\n\"\",z\n"), uint8(16))
	f.Add([]byte("\"a\"b\",c\n\"\"\"\n\"x\r\n\"\r\ny,\"\n"), uint8(3))
	f.Add(strayQuotes(5), uint8(20))
	f.Fuzz(func(t *testing.T, input []byte, size uint8) {
		bufSize := 16 + int(size)
		for _, max := range []int{64, 1 << 20} {
			fast := csvTrace(t, input, bufSize, max, false)
			slow := csvTrace(t, input, bufSize, max, true)
			if fast != slow {
				t.Fatalf("max %d: with the shortcut:\n%s\nreading to the end:\n%s", max, fast, slow)
			}
		}
	})
}

// BenchmarkStrayQuotes reads 1 MiB of lines that each open a quote never
// closed: the cost per line stays flat (it was quadratic).
func BenchmarkStrayQuotes(b *testing.B) {
	for _, n := range []int{10000, 60000} { // 60,000 lines: 0.9 MB, under the record limit
		input := strayQuotes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(input)))
			b.ReportAllocs()
			for b.Loop() {
				r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(input), 64<<10), ',')
				for {
					if _, _, err := r.next(); errors.Is(err, io.EOF) {
						break
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		})
	}
}

// BenchmarkStrayQuotesReadToEnd is the recovery without the shortcut,
// reading to the end after every unclosed quote: the yardstick that grows
// with the square of the lines.
func BenchmarkStrayQuotesReadToEnd(b *testing.B) {
	input := strayQuotes(10000)
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(input), 64<<10), ',')
		r.noSkip = true
		for {
			if _, _, err := r.next(); errors.Is(err, io.EOF) {
				break
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "ns/line")
}

// TestOneStrayQuoteInABigFile: a quote never closed, with more than the
// row limit after it, costs its row, not the rest of the file.
func TestOneStrayQuoteInABigFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b\nx,\"open\n")
	for i := range 500 {
		fmt.Fprintf(&b, "r%d,v%d\n", i, i)
	}
	got := parseAll(t, b.String(), ',', 1024)
	if len(got.records) != 501 || !reflect.DeepEqual(got.skipped, []int{2}) || got.lines[500] != 502 {
		t.Errorf("%d records, skipped %v, last at line %d", len(got.records), got.skipped, got.lines[len(got.lines)-1])
	}
}
