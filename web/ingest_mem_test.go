package web

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"
)

// writeBigExport writes an export ZIP whose Connections.csv holds n rows
// with long positions, row by row, so that the test itself holds none of
// it. The rows name only a thousand distinct people (a person met again
// and again), so that what the store keeps stays small while the CSV is
// large: holding the CSV anywhere would show. It returns the ZIP's and
// the CSV's sizes.
func writeBigExport(t testing.TB, path string, n int) (zipSize, csvSize int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.Create("Connections.csv")
	if err != nil {
		t.Fatal(err)
	}
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 64<<10)
	fmt.Fprint(bw, "Notes:\n\"made up\"\n\n\"First Name\",\"Last Name\",\"URL\",\"Email Address\",\"Company\",\"Position\",\"Connected On\"\n")
	pad := make([]byte, 300)
	for i := range pad {
		pad[i] = 'a' + byte(i%26)
	}
	for i := range n {
		p := i % 1000
		fmt.Fprintf(bw, "\"Gen%d\",\"Person%d\",\"https://www.linkedin.com/in/gen-person-%d\",\"\",\"Company %d\",\"Engineer %s\",\"%02d Mar 2024\"\n", p, p, p, p%97, pad, 1+p%28)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"Profile.csv":     "\"First Name\",\"Last Name\",\"Maiden Name\",\"Address\",\"Birth Date\",\"Headline\",\"Summary\",\"Industry\",\"Zip Code\",\"Geo Location\",\"Twitter Handles\",\"Websites\",\"Instant Messengers\"\n\"Maren\",\"Holt\",\"\",\"\",\"\",\"Data engineer\",\"\",\"Software\",\"\",\"Dublin\",\"\",\"\",\"\"\n",
		"Invitations.csv": "\"From\",\"To\",\"Sent At\",\"Message\",\"Direction\",\"inviterProfileUrl\",\"inviteeProfileUrl\"\n\"Ada Quill\",\"Maren Holt\",\"11/24/26, 9:14 AM\",\"\",\"INCOMING\",\"https://www.linkedin.com/in/ada-quill-1\",\"https://www.linkedin.com/in/maren-holt-dub\"\n",
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	info, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return info.Size(), cw.n
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// heapPeak samples the live heap until stop is closed and returns the
// largest value seen.
func heapPeak(stop <-chan struct{}) func() uint64 {
	var (
		mu   sync.Mutex
		peak uint64
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapAlloc)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { wg.Wait(); mu.Lock(); defer mu.Unlock(); return peak }
}

// TestUploadBigExportBoundedMemory: an export whose Connections.csv is far
// larger than the heap may grow goes through the Import page in bounded
// memory (issue 12, item 3): the upload is spooled to disk and the
// connections are streamed into the store in batches.
func TestUploadBigExportBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and imports a large export")
	}
	n := 300_000
	if v := os.Getenv("LINKVET_BIG_EXPORT_ROWS"); v != "" {
		fmt.Sscan(v, &n)
	}
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "big.zip")
	zipSize, csvSize := writeBigExport(t, zipPath, n)
	e := newTestEnv(t)
	// The multipart body is produced while it is sent: nothing holds the
	// upload whole.
	pr, pw := io.Pipe()
	ct := make(chan string, 1)
	go func() {
		mw := newMultipartFile(pw, "export", "big.zip", zipPath)
		ct <- mw
	}()
	contentType := <-ct
	// A tight GC target makes the sampled heap follow the live heap
	// rather than the collector's pacing.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	peak := heapPeak(stop)
	w := e.do(http.MethodPost, "/import", pr, "Content-Type", contentType, "Sec-Fetch-Site", "same-origin")
	close(stop)
	got := peak()
	wantStatus(t, w, http.StatusSeeOther)
	page := e.get(w.Header().Get("Location")).Body.String()
	wantIn(t, "big summary", page, "Connections.csv", fmt.Sprint(n))
	grown := int64(got) - int64(before.HeapAlloc)

	t.Logf("%d rows: ZIP %d MiB, Connections.csv %d MiB; live heap grew by at most %d MiB", n, zipSize>>20, csvSize>>20, grown>>20)
	// Holding the upload, the CSV or its rows would take at least the
	// CSV's size; streaming takes a few batches.
	if limit := csvSize / 3; grown > limit {
		t.Errorf("the live heap grew by %d MiB importing a %d MiB Connections.csv from a %d MiB ZIP; want under %d MiB", grown>>20, csvSize>>20, zipSize>>20, limit>>20)
	}
}

// newMultipartFile writes a one-file multipart form to pw from a file on
// disk, in a goroutine, and returns its Content-Type.
func newMultipartFile(pw *io.PipeWriter, field, name, path string) string {
	mw := multipartWriter(pw)
	go func() {
		f, err := os.Open(path)
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		defer f.Close()
		fw, err := mw.CreateFormFile(field, name)
		if err == nil {
			_, err = io.Copy(fw, f)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	return mw.FormDataContentType()
}

func multipartWriter(w io.Writer) *multipart.Writer { return multipart.NewWriter(w) }
