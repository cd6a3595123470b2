package linkedin

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
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
// an error, never a panic, and every error carries a code for the user.
//
// The seeds are tiny archives built here (a few hundred bytes each, most
// stored rather than deflated so that a mutated byte reaches the CSV
// reader instead of breaking the compressed stream): whole generated
// exports are tens of kilobytes, and the fuzzer spends its minute copying
// them instead of mutating. TestFuzzZipSeedsSmall keeps them small.
func FuzzZip(f *testing.F) {
	for _, seed := range zipSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ReadZip(bytes.NewReader(b), int64(len(b)), Options{Location: time.UTC, MaxTotalBytes: 1 << 20, MaxFiles: 16})
		if err == nil && e == nil {
			t.Fatal("no export and no error")
		}
		if err != nil && linkvet.ErrorCode(err) == linkvet.EINTERNAL {
			t.Fatalf("error without a code for the user: %v", err)
		}
	})
}

// zipSeeds are FuzzZip's starting archives: one per file the reader knows,
// the hostile shapes (traversal, symbolic link, unclosed quote) and an
// empty archive.
func zipSeeds(t testing.TB) [][]byte {
	conn := "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Byron,https://www.linkedin.com/in/ada,,Acme,CTO,02 Jan 2024\n"
	inv := "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nAda Byron,Me,\"1/2/24, 3:04 PM\",Hi,INCOMING,https://www.linkedin.com/in/ada,\n"
	msg := "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ada Byron,Me,2024-01-02 15:04:05 UTC,hello\n"
	prof := "First Name,Last Name,Headline\nMe,Myself,Builder\n"
	return [][]byte{
		storedZip(t, false, zipEntry{name: "Connections.csv", data: conn}),
		storedZip(t, false, zipEntry{name: "Invitations.csv", data: inv}, zipEntry{name: "Profile.csv", data: prof}),
		storedZip(t, false, zipEntry{name: "messages.csv", data: msg}),
		storedZip(t, true, zipEntry{name: "Connections.csv", data: conn}),
		storedZip(t, false, zipEntry{name: "Connections.csv", data: connectionsHeader + "\"open,x\n"}),
		storedZip(t, false, zipEntry{name: "../Connections.csv", data: conn}),
		storedZip(t, false, zipEntry{name: "Profile.csv", data: "/etc/passwd", mode: fs.ModeSymlink | 0o777}),
		[]byte("PK\x05\x06" + string(make([]byte, 18))),
	}
}

// storedZip is makeZip with a choice of method: stored (deflate false)
// keeps a file's bytes in the archive as they are.
func storedZip(t testing.TB, deflate bool, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Store}
		if deflate {
			h.Method = zip.Deflate
		}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
