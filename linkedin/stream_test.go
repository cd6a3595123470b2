package linkedin

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// streamAll streams an export, keeping what the handler is given.
func streamAll(t testing.TB, path string, opt Options) (*linkvet.Export, []linkvet.KnownPerson, []linkvet.Message) {
	t.Helper()
	var known []linkvet.KnownPerson
	var msgs []linkvet.Message
	e, err := Stream(path, opt, StreamHandler{
		Known:    func(b []linkvet.KnownPerson) error { known = append(known, b...); return nil },
		Messages: func(b []linkvet.Message) error { msgs = append(msgs, b...); return nil },
	})
	if err != nil {
		t.Fatalf("stream %s: %v", path, err)
	}
	return e, known, msgs
}

// mergedSources merges people by profile URL, else name, as a store
// would, and lists each one's sources.
func mergedSources(list []linkvet.KnownPerson) map[string][]string {
	out := map[string][]string{}
	for _, p := range list {
		key := linkvet.NormalizeProfileURL(p.ProfileURL)
		if key == "" {
			key = "name:" + strings.ToLower(p.Name)
		}
		for _, s := range p.Sources {
			if !slices.Contains(out[key], s) {
				out[key] = append(out[key], s)
			}
		}
		slices.Sort(out[key])
	}
	return out
}

// TestStreamReadsLikeRead: streaming an export gives what Read gives, the
// people and messages in batches instead of in the export.
func TestStreamReadsLikeRead(t *testing.T) {
	dirs := []string{"testdata/export-2018", "testdata/export-2021", "testdata/export-2024", "testdata/export-2026", "testdata/quirks", "testdata/dma/csv"}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			opt := Options{Location: time.UTC}
			want, err := Read(dir, opt)
			if err != nil {
				t.Fatal(err)
			}
			got, known, msgs := streamAll(t, dir, opt)
			for _, c := range []struct {
				name      string
				got, want any
			}{
				{"me", got.Me, want.Me}, {"incoming", got.Incoming, want.Incoming}, {"outgoing", got.Outgoing, want.Outgoing},
				{"past accepts", got.PastAccepts, want.PastAccepts}, {"hidden", got.HiddenConnections, want.HiddenConnections},
				{"connections missing", got.ConnectionsMissing, want.ConnectionsMissing}, {"files", got.Files, want.Files},
				{"messages", msgs, want.Messages}, {"known", mergedSources(known), mergedSources(want.Known)},
			} {
				if !reflect.DeepEqual(c.got, c.want) && !(c.name == "messages" && len(msgs) == 0 && len(want.Messages) == 0) {
					t.Errorf("%s differ:\n got %+v\nwant %+v", c.name, c.got, c.want)
				}
			}
			if len(got.Known) != 0 || len(got.Messages) != 0 {
				t.Errorf("the export holds %d known people and %d messages", len(got.Known), len(got.Messages))
			}
		})
	}
}

// writeConnections writes an export of n connections without holding
// them, for measuring memory.
func writeConnections(tb testing.TB, dir string, n int) {
	tb.Helper()
	f, err := os.Create(filepath.Join(dir, "Connections.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString(notesPreamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(w, "First%d,Last%d,https://www.linkedin.com/in/member-%d,,Company %d,Software Engineer,%s\n",
			i, i, i, i%500, base.AddDate(0, 0, -i%3000).Format("02 Jan 2006"))
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	inv := networkerInvitations(2000)
	if err := os.WriteFile(filepath.Join(dir, "Invitations.csv"), inv, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// peakRSS is the process's peak resident memory in bytes, after it is
// reset by resetPeak (Linux only; 0 elsewhere).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// TestStreamPeakMemory measures the peak memory of streaming, and of
// reading whole, an export of $LINKVET_STREAM_CONNECTIONS connections
// (1,000,000 gives a 100 MB Connections.csv); documented figures come
// from it.
func TestStreamPeakMemory(t *testing.T) {
	s := os.Getenv("LINKVET_STREAM_CONNECTIONS")
	if s == "" {
		t.Skip("set LINKVET_STREAM_CONNECTIONS=N to measure")
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeConnections(t, dir, n)
	info, _ := os.Stat(filepath.Join(dir, "Connections.csv"))
	runtime.GC()
	resetPeak()
	base := peakRSS()
	people := 0
	_, err = Stream(dir, Options{Location: time.UTC}, StreamHandler{Known: func(b []linkvet.KnownPerson) error { people += len(b); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	streamed := peakRSS()
	t.Logf("Stream: %d connections (%d MB file) handed over, peak RSS %d MB (before: %d MB)", people, info.Size()>>20, streamed>>20, base>>20)
	if os.Getenv("LINKVET_STREAM_COMPARE") != "" {
		runtime.GC()
		resetPeak()
		e, err := Read(dir, Options{Location: time.UTC})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Read: %d known, peak RSS %d MB", len(e.Known), peakRSS()>>20)
	}
}

// TestStreamZipAndHandlerError: a ZIP streams like its folder, and an
// error from a handler stops reading and comes back as is.
func TestStreamZipAndHandlerError(t *testing.T) {
	var entries []zipEntry
	for _, name := range []string{"Connections.csv", "Invitations.csv", "Profile.csv", "messages.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "export-2024", name))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, zipEntry{name: "Basic_LinkedInDataExport/" + name, data: string(b)})
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, makeZip(t, entries...), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := Read(path, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	got, known, msgs := streamAll(t, path, Options{Location: time.UTC})
	if !reflect.DeepEqual(got.Incoming, want.Incoming) || !reflect.DeepEqual(msgs, want.Messages) ||
		!reflect.DeepEqual(mergedSources(known), mergedSources(want.Known)) {
		t.Errorf("the ZIP streams differently from Read")
	}
	stop := errors.New("disk full")
	_, err = Stream(path, Options{Location: time.UTC}, StreamHandler{Known: func([]linkvet.KnownPerson) error { return stop }})
	if !errors.Is(err, stop) {
		t.Errorf("handler error came back as %v", err)
	}
}
