package linkedin

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
)

// allocatedReading is the bytes allocated while reading input to the end.
func allocatedReading(input []byte, noSkip bool) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(input), 64<<10), ',')
	r.noSkip = noSkip
	for {
		if _, _, err := r.next(); errors.Is(err, io.EOF) {
			break
		}
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestStrayQuotesLinear is issue 12, item 8, without a clock: four times
// the lines that each open a quote never closed cost about four times the
// memory traffic, not sixteen (the recovery that read to the end after
// each stray quote copied what followed every time). The reference reader
// (noSkip) is checked to grow faster, so that the test can tell the two.
func TestStrayQuotesLinear(t *testing.T) {
	small, big := strayQuotes(2000), strayQuotes(8000)
	grow := float64(allocatedReading(big, false)) / float64(allocatedReading(small, false))
	ref := float64(allocatedReading(big, true)) / float64(allocatedReading(small, true))
	t.Logf("4x the stray quotes: %.1fx the bytes allocated (reading to the end every time: %.1fx)", grow, ref)
	if grow > 6 {
		t.Errorf("4x the stray quotes allocate %.1fx the bytes: the recovery is not linear", grow)
	}
	if ref < 10 {
		t.Errorf("the reference reader grows %.1fx: the test cannot tell linear from quadratic", ref)
	}
}
