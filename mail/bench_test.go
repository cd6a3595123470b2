package mail

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mboxOf builds an mbox of n messages: one in fifty is a LinkedIn
// invitation (the fixtures, in turn), one in two hundred a phishing mail,
// the rest everyday mail of a few kilobytes, some multipart with HTML.
func mboxOf(tb testing.TB, n int) []byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "20*.eml"))
	phish, _ := filepath.Glob(filepath.Join("testdata", "phish-*.eml"))
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		return strings.ReplaceAll(string(b), "\nFrom ", "\n>From ")
	}
	para := strings.Repeat("The quarterly numbers are in and the team did well; see the attached notes for details. ", 12)
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "From sender%d@example.org Mon Nov 30 10:00:00 2026\n", i)
		switch {
		case i%50 == 7:
			b.WriteString(read(files[(i/50)%len(files)]))
		case i%200 == 13:
			b.WriteString(read(phish[(i/200)%len(phish)]))
		case i%3 == 0:
			fmt.Fprintf(&b, "From: Colleague %d <c%d@fabrikam.example>\nTo: dana@northwind.example\nSubject: Re: report %d\nDate: Mon, 23 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b%d\n\n--b%d\nContent-Type: text/plain; charset=utf-8\n\n%s\n--b%d\nContent-Type: text/html; charset=utf-8\n\n<p>%s</p>\n--b%d--\n", i, i, i, i, i, para, i, para, i)
		default:
			fmt.Fprintf(&b, "From: Newsletter <news%d@shop.example>\nTo: dana@northwind.example\nSubject: Weekly deals %d\nDate: Mon, 23 Nov 2026 10:00:00 +0000\n\n%s\n", i, i, para)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

// BenchmarkMbox10k reads an mbox of 10,000 messages, mostly not LinkedIn.
// The goal is under a second per run; run with
//
//	go test ./mail -run XXX -bench Mbox10k -benchtime 3x
func BenchmarkMbox10k(b *testing.B) {
	data := mboxOf(b, 10000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	var res Result
	for b.Loop() {
		var err error
		res, err = Read("bench.mbox", bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(res.Invitations) == 0 || res.Skipped < 9000 || len(res.Phishing) == 0 {
		b.Fatalf("read %d invitations, %d phishing, %d skipped", len(res.Invitations), len(res.Phishing), res.Skipped)
	}
}

// TestMboxOf10k checks the benchmark's input reads as built: 200
// invitation mails, merged into one record per fixture person, and 50
// phishing mails.
func TestMboxOf10k(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	res, err := Read("bench.mbox", bytes.NewReader(mboxOf(t, 10000)))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "20*.eml"))
	if len(res.Invitations) != len(files) || len(res.Phishing) != 50 || res.Skipped != 10000-200-50 || len(res.Problems) != 0 {
		t.Errorf("%d invitations, %d phishing, %d skipped, problems %v", len(res.Invitations), len(res.Phishing), res.Skipped, res.Problems)
	}
}
