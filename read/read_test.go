package read

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

var now = time.Date(2026, 11, 30, 15, 4, 0, 0, time.UTC)

func TestDetect(t *testing.T) {
	for _, tc := range []struct {
		name string
		head string
		want Format
	}{
		{"zip", "PK\x03\x04rest", FormatExport},
		{"empty zip", "PK\x05\x06", FormatExport},
		{"pdf", "%PDF-1.7\n%\xe2\xe3", FormatPDF},
		{"pdf after junk", "\r\n%PDF-1.4", FormatPDF},
		{"mbox", "From MAILER-DAEMON Thu Nov 27 09:00:00 2026\nReturn-Path: <x>\n", FormatMail},
		{"eml", "Received: by x\nFrom: LinkedIn <invitations@linkedin.com>\nTo: dana@example.com\nSubject: Alex wants to connect\n\nbody", FormatMail},
		{"json array", "\xef\xbb\xbf  [ {\"person\":{}} ]", FormatJSON},
		{"jsonl", "\n{\"person\":{\"name\":\"A\"}}\n", FormatJSON},
		{"paste", "Home\nMy Network\nAlex Kim\nIgnore\nAccept", FormatPaste},
		{"paste mentioning From", "From: the top of the page\nAlex Kim", FormatPaste},
	} {
		if got := Detect([]byte(tc.head)); got != tc.want {
			t.Errorf("%s: Detect = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func readPath(t *testing.T, path string) Result {
	t.Helper()
	res, err := ReadPath(path, nil, Options{Now: now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestEveryFormat(t *testing.T) {
	for _, tc := range []struct {
		path   string
		format Format
		source string
		min    int
	}{
		{"../profilepdf/testdata/de-2col.pdf", FormatPDF, linkvet.SourcePDF, 1},
		{"../paste/testdata/im-2018-en.txt", FormatPaste, linkvet.SourcePaste, 3},
		{"../paste/testdata/profile-2026-es.txt", FormatPaste, linkvet.SourcePaste, 1},
		{"../linkedin/testdata/export-2024", FormatExport, linkvet.SourceLinkedInExport, 1},
	} {
		res := readPath(t, tc.path)
		if res.Format != tc.format || len(res.Records) < tc.min {
			t.Errorf("%s: format %q with %d records", tc.path, res.Format, len(res.Records))
			continue
		}
		for _, r := range res.Records {
			if r.Source != tc.source || !slices.Equal(r.ReceivedVia, []string{tc.source}) {
				t.Errorf("%s: source %q, received_via %q", tc.path, r.Source, r.ReceivedVia)
			}
		}
		for _, p := range res.Problems {
			t.Errorf("%s: problem %s", tc.path, p)
		}
	}
}

// A profile becomes one record holding only the person.
func TestProfileIsPersonOnly(t *testing.T) {
	for _, path := range []string{"../profilepdf/testdata/fr-2col.pdf", "../paste/testdata/profile-2025-de.txt"} {
		res := readPath(t, path)
		if len(res.Records) != 1 {
			t.Fatalf("%s: %d records", path, len(res.Records))
		}
		r := res.Records[0]
		r.Source, r.ReceivedVia = "", nil
		if r.Direction != "" || r.SentAt != nil || r.Message != "" || r.MutualConnections != nil || r.ID != "" || r.Person.Name == "" {
			t.Errorf("%s: more than a person: %+v", path, r)
		}
	}
}

// TestSamePersonTwoChannels: the same made-up person, read from her
// profile PDF and from a copy of her profile page, is the same person by
// name and by profile address.
func TestSamePersonTwoChannels(t *testing.T) {
	pdf := readPath(t, "../profilepdf/testdata/en-2col-grouped.pdf").Records[0].Person
	page := readPath(t, "../paste/testdata/profile-2024-en.txt").Records[0].Person
	if pdf.Name != page.Name || pdf.Name == "" {
		t.Errorf("names differ: %q (pdf) vs %q (paste)", pdf.Name, page.Name)
	}
	if k := linkvet.NormalizeProfileURL(pdf.ProfileURL); k == "" || k != linkvet.NormalizeProfileURL(page.ProfileURL) {
		t.Errorf("profile addresses differ: %q (pdf) vs %q (paste)", pdf.ProfileURL, page.ProfileURL)
	}
	if pdf.Headline != page.Headline || pdf.Location != page.Location || pdf.Title != page.Title || pdf.Company != page.Company {
		t.Errorf("intro differs:\npdf   %q | %q | %q | %q\npaste %q | %q | %q | %q", pdf.Headline, pdf.Location, pdf.Title, pdf.Company,
			page.Headline, page.Location, page.Title, page.Company)
	}
	// Every role the page shows is in the PDF with the same dates.
	for _, x := range page.Experience {
		i := slices.IndexFunc(pdf.Experience, func(y linkvet.Position) bool { return y.Title == x.Title && y.Company == x.Company })
		if i < 0 || pdf.Experience[i].Start != x.Start || pdf.Experience[i].End != x.End {
			t.Errorf("role %+v of the page is not in the PDF as such", x)
		}
	}
}

func TestJSONKeepsSource(t *testing.T) {
	in := `{"person":{"name":"Alex Kim"},"source":"api"}
{"person":{"name":"Jo Park"}}
not json
`
	res, err := Read("inbox.jsonl", strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatJSON || len(res.Records) != 2 {
		t.Fatalf("got %+v", res)
	}
	if res.Records[0].Source != "api" || res.Records[1].Source != linkvet.SourceManual {
		t.Errorf("sources %q, %q", res.Records[0].Source, res.Records[1].Source)
	}
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].String(), "inbox.jsonl:3: ") {
		t.Errorf("problems %v", res.Problems)
	}
}

func TestPlaces(t *testing.T) {
	res, err := Read("-", strings.NewReader("hello\nworld\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].String(), "stdin:1: not recognised") {
		t.Errorf("problems %v", res.Problems)
	}
	if got := (Problem{File: "cv.pdf", Page: 2, Reason: "x"}).String(); got != "cv.pdf: page 2: x" {
		t.Errorf("page place %q", got)
	}
}

func TestBadInputs(t *testing.T) {
	if _, err := ReadPath("testdata/no-such-file.pdf", nil, Options{}); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("missing file: %v", err)
	}
	data, err := os.ReadFile("../profilepdf/testdata/de-2col.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Read("cut.pdf", strings.NewReader(string(data[:400])), Options{})
	if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), "cut.pdf") {
		t.Errorf("cut PDF: %v", err)
	}
	_, err = Read("blob", strings.NewReader("\x00\x01\x02\xff\xfe"), Options{})
	if linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("binary: %v", err)
	}
	// A mail that is not LinkedIn's is read as mail and gives nothing.
	res, err := Read("mail.eml", strings.NewReader("From: a@b\nTo: c@d\nSubject: x\n\nhi"), Options{})
	if err != nil || res.Format != FormatMail || len(res.Records) != 0 {
		t.Errorf("mail: %+v, %v", res, err)
	}
}
