package mail

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// seeds returns every fixture message, for the fuzzers to mutate.
func seeds(f *testing.F) [][]byte {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	var out [][]byte
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzRead feeds arbitrary bytes to Read as one message or an mbox: it
// must never panic, never take long, and every invitation it returns must
// name someone and keep its raw message.
func FuzzRead(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
		f.Add(append([]byte("From x Mon Nov 30 10:00:00 2026\n"), s...))
	}
	f.Add([]byte("From a\n\nFrom b\n>From c\n"))
	f.Add([]byte("From: LinkedIn <i@linkedin.com>\nSubject: A wants to connect\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: multipart/alternative; boundary=y\n\n--y\n--x--\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		res, err := Read("fuzz", bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, inv := range res.Invitations {
			if inv.Person.Name == "" || inv.ID == "" || len(res.Raw[inv.ID]) == 0 {
				t.Fatalf("invitation without a name, an id or its raw message: %+v", inv)
			}
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("%d bytes took %v", len(data), d)
		}
	})
}

// FuzzHTMLText: the HTML scanner survives any input.
func FuzzHTMLText(f *testing.F) {
	f.Add(`<a href="https://x/in/a">A</a><br><style>x</style><td>b</td>`)
	f.Add(`<a href='x`)
	f.Add(`<!-- `)
	f.Add(`<script>`)
	f.Add(`<a href=>&amp;&#0;&#x110000;</a>`)
	f.Fuzz(func(t *testing.T, s string) {
		lines := splitLines(htmlText(s))
		extract(lines, "Alex Kim")
	})
}

// FuzzExtract: the body reader survives any text and never reads a name
// it was not given or that is not in the text.
func FuzzExtract(f *testing.F) {
	f.Add("Alex Kim\nEngineer\nBerlin\n3 mutual connections\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/1\n")
	f.Add("Hi Dana,\n\n\"Hello\"\n\n- Alex\nhttps://www.linkedin.com/comm/in/%zz\n")
	f.Fuzz(func(t *testing.T, text string) {
		x := extract(splitLines(text), "")
		if x.name != "" && !bytes.Contains([]byte(text), []byte(x.name)) && x.name != ffold(x.name) {
			t.Fatalf("name %q is not in the text", x.name)
		}
	})
}
