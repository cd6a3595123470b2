package linkedin

import (
	"bytes"
	"testing"
	"time"
)

// TestFuzzZipSeedsSmall keeps FuzzZip able to fuzz: its seeds stay under
// 1 KiB each (a whole export is tens of kilobytes, too big to mutate
// within a minute), and the good ones are read as exports, so that the
// fuzzer starts from archives that reach the CSV parsers.
func TestFuzzZipSeedsSmall(t *testing.T) {
	seeds := zipSeeds(t)
	for i, b := range seeds {
		if len(b) > 1024 {
			t.Errorf("seed %d is %d bytes, want at most 1 KiB", i, len(b))
		}
	}
	for i, b := range seeds[:4] {
		e, err := ReadZip(bytes.NewReader(b), int64(len(b)), Options{Location: time.UTC})
		if err != nil {
			t.Errorf("seed %d: %v", i, err)
			continue
		}
		t.Logf("seed %d: %d bytes, %d known, %d invitations, %d messages, files %+v", i, len(b), len(e.Known), len(e.Incoming)+len(e.Outgoing), len(e.Messages), e.Files)
	}
}
