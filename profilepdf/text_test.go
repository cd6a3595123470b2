package profilepdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// minimalPDF builds a one-page PDF around a content stream, with the
// standard Helvetica font: without a width table (like fonts whose widths
// the library cannot read), or with one giving every glyph half an em.
func minimalPDF(content string, widths ...bool) []byte {
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	if len(widths) > 0 && widths[0] {
		font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" +
			strings.Repeat("500 ", 95) + "] >>"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		font,
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestKerningAndJumps: producers kern inside words and often draw a space
// as a jump instead of a glyph. Neither may split a word or glue two.
func TestKerningAndJumps(t *testing.T) {
	content := strings.Join([]string{
		"BT /F1 26 Tf 220 720 Td [(Ro) -15 (salind) -280 (Okafor)] TJ ET",
		"BT /F1 12 Tf 220 690 Td [(Staff) -250 (Engineer)] TJ ET",
		"BT /F1 13 Tf 30 720 Td (Contact) Tj ET",
		"BT /F1 10 Tf 30 700 Td (rosa@example.org) Tj ET",
		"BT /F1 16 Tf 220 650 Td (Experience) Tj ET",
		"BT /F1 12 Tf 220 630 Td (Quillfeather) Tj ET",
		"BT /F1 11 Tf 220 615 Td (Data Engineer) Tj ET",
		"BT /F1 10 Tf 220 600 Td (January 2023 - Present \\(3 years\\)) Tj ET",
		"BT /F1 9 Tf 280 30 Td (Page 1 of 1) Tj ET",
	}, "\n")
	for _, widths := range []bool{false, true} {
		data := minimalPDF(content, widths)
		p, problems, err := Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, pr := range problems {
			t.Errorf("widths %v: problem: page %d: %s", widths, pr.Line, pr.Reason)
		}
		if p.Name != "Rosalind Okafor" || p.Headline != "Staff Engineer" {
			t.Errorf("widths %v: name %q, headline %q", widths, p.Name, p.Headline)
		}
		if len(p.Emails) != 1 || p.Emails[0] != "rosa@example.org" {
			t.Errorf("widths %v: emails %q", widths, p.Emails)
		}
		if len(p.Experience) != 1 || p.Experience[0].Company != "Quillfeather" || p.Experience[0].Title != "Data Engineer" || p.Experience[0].Start != "2023-01" {
			t.Errorf("widths %v: experience %+v", widths, p.Experience)
		}
	}
}

func TestNotAPDF(t *testing.T) {
	for _, in := range []string{"", "hello", "%PDF-1.4\n%%EOF\n", string(minimalPDF(""))} {
		if _, _, err := Read(strings.NewReader(in), int64(len(in))); err == nil {
			t.Errorf("%q: no error", in[:min(len(in), 20)])
		}
	}
}
