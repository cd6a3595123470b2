package linkedin

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// FuzzReadCSV feeds arbitrary bytes to the CSV reader and to every file
// parser: nothing may panic or loop, line numbers only grow, and every
// skipped row names a line.
func FuzzReadCSV(f *testing.F) {
	for _, e := range eras {
		for name, b := range e.files() {
			if len(b) < 4096 {
				f.Add(uint8(kindOf(name)), b)
			}
		}
	}
	f.Add(uint8(connectionsFile), []byte("\"open\nx,y\r\n\"\"\"\r\r\n,,,\n"))
	f.Add(uint8(messagesFile), []byte{0xFF, 0xFE, 'a', 0, '\t', 0, 'b', 0})
	f.Fuzz(func(t *testing.T, k uint8, input []byte) {
		r := newCSVReader(bufio.NewReaderSize(bytes.NewReader(input), 16), ',')
		r.max = 64
		last := 0
		for n := 0; ; n++ {
			if n > len(input)+1 {
				t.Fatalf("more records than bytes: the reader does not advance")
			}
			_, line, err := r.next()
			if errors.Is(err, io.EOF) {
				break
			}
			var re *rowError
			if err != nil && !errors.As(err, &re) {
				t.Fatalf("unexpected error %v", err)
			}
			if line < last {
				t.Fatalf("line %d after line %d", line, last)
			}
			last = line
		}
		var d data
		sum := linkvet.FileSummary{Name: "fuzz.csv"}
		if err := parseFile(kind(k%uint8(recommendationsFile+1)), bytes.NewReader(input), int64(len(input)), &sum, &d, time.UTC, nil); err != nil {
			t.Fatalf("parseFile: %v", err)
		}
		for _, p := range sum.Skipped {
			if p.Line < 0 || p.File != "fuzz.csv" || p.Reason == "" {
				t.Errorf("bad problem %+v", p)
			}
		}
		d.export(time.UTC, nil)
	})
}

// FuzzZip reads arbitrary bytes as an archive: the answer is an export or
// an error, never a panic.
func FuzzZip(f *testing.F) {
	for _, e := range eras {
		dir := f.TempDir()
		for name, b := range e.files() {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				f.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				f.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := ZipDir(dir, &buf); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ReadZip(bytes.NewReader(b), int64(len(b)), Options{Location: time.UTC, MaxTotalBytes: 1 << 20})
		if err == nil && e == nil {
			t.Fatal("no export and no error")
		}
		if err != nil && linkvet.ErrorCode(err) == linkvet.EINTERNAL {
			t.Fatalf("error without a code for the user: %v", err)
		}
	})
}
