package service_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// streamConnectionsEnv scales BenchmarkImportStream: the number of
// connections in the generated export (default 20,000; the figure in
// docs/benchmarks.md is for 1,000,000).
const streamConnectionsEnv = "LINKVET_STREAM_CONNECTIONS"

// BenchmarkImportStream imports a generated export of N connections with
// ImportStream into a fresh store each iteration and reports the peak RSS
// of the process (VmHWM, Linux) and the time per import. Run it alone:
//
//	LINKVET_STREAM_CONNECTIONS=1000000 go test -run '^$' -bench ImportStream -benchtime 1x ./service/
func BenchmarkImportStream(b *testing.B) {
	n := 20_000
	if v := os.Getenv(streamConnectionsEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 0 {
			b.Fatalf("%s=%q: want a number of connections", streamConnectionsEnv, v)
		}
	}
	dir := writeExport(b, n, true)
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_, svc := openService(b)
		b.StartTimer()
		start := time.Now()
		imp := importDir(b, svc, dir, time.UTC)
		b.ReportMetric(time.Since(start).Seconds(), "s/import")
		if imp.Result.Known < n {
			b.Fatalf("stored %d known people, want %d", imp.Result.Known, n)
		}
	}
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(float64(n), "connections")
}

// peakRSS is the process's peak resident set (VmHWM), 0 where unknown.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

// TestGenerateStreamExport writes the export BenchmarkImportStream
// imports (LINKVET_STREAM_CONNECTIONS connections) to
// $LINKVET_GENERATE_STREAM_EXPORT, for timing `linkvet import` by hand.
func TestGenerateStreamExport(t *testing.T) {
	dir := os.Getenv("LINKVET_GENERATE_STREAM_EXPORT")
	if dir == "" {
		t.Skip("set LINKVET_GENERATE_STREAM_EXPORT=DIR to write the export")
	}
	n := 20_000
	if v := os.Getenv(streamConnectionsEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 0 {
			t.Fatalf("%s=%q: want a number of connections", streamConnectionsEnv, v)
		}
	}
	src := writeExport(t, n, true)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Rename(filepath.Join(src, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}
