package read

import (
	"os"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// The mail hook: e-mails become records with their raw messages, look-alikes
// become phishing findings, and a Maildir folder is read as mail, not as an
// export.
func TestMail(t *testing.T) {
	res, err := ReadPath("../mail/testdata/2026-en-modern.eml", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatMail || len(res.Records) != 1 {
		t.Fatalf("got %s with %d records", res.Format, len(res.Records))
	}
	inv := res.Records[0]
	if inv.Source != linkvet.SourceEmail || len(inv.ReceivedVia) != 1 || inv.ReceivedVia[0] != linkvet.SourceEmail {
		t.Errorf("source %q via %v", inv.Source, inv.ReceivedVia)
	}
	if inv.Person.Name == "" || inv.AcceptURL == "" {
		t.Errorf("record %+v", inv)
	}
	raw := res.RawOf(0)
	if len(raw) != 1 || !strings.Contains(raw[0].Place, "2026-en-modern.eml") || len(raw[0].Data) == 0 {
		t.Errorf("raw %+v", raw)
	}

	// The same bytes from a stream read the same.
	data, err := os.ReadFile("../mail/testdata/2026-en-modern.eml")
	if err != nil {
		t.Fatal(err)
	}
	res2, err := Read("x.eml", strings.NewReader(string(data)), Options{})
	if err != nil || len(res2.Records) != 1 || res2.Records[0].ID != inv.ID {
		t.Errorf("stream: %+v, %v", res2.Records, err)
	}

	ph, err := ReadPath("../mail/testdata/phish-lookalike.eml", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ph.Records) != 0 || len(ph.Phishing) != 1 {
		t.Errorf("phishing read as %d records, %d findings", len(ph.Records), len(ph.Phishing))
	}

	md, err := ReadPath("../mail/testdata/maildir", nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if md.Format != FormatMail || len(md.Records) == 0 {
		t.Errorf("maildir: %s with %d records", md.Format, len(md.Records))
	}
}
