package linkedin

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

type csvResult struct {
	records [][]string
	lines   []int
	skipped []int // lines of skipped records
}

func parseAll(t testing.TB, input string, comma byte, max int) csvResult {
	r := newCSVReader(bufio.NewReaderSize(strings.NewReader(input), 16), comma)
	if max > 0 {
		r.max = max
	}
	var res csvResult
	for range 10000 {
		rec, line, err := r.next()
		var re *rowError
		switch {
		case errors.As(err, &re):
			res.skipped = append(res.skipped, re.line)
			continue
		case errors.Is(err, io.EOF):
			return res
		case err != nil:
			t.Fatalf("next: %v", err)
		}
		res.records = append(res.records, append([]string(nil), rec...))
		res.lines = append(res.lines, line)
	}
	t.Fatalf("reader does not end on %q", input)
	return res
}

func TestCSVReader(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    [][]string
		lines   []int
		skipped []int
	}{
		{"plain", "a,b\nc,d\n", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, nil},
		{"no final newline", "a,b\nc,d", [][]string{{"a", "b"}, {"c", "d"}}, []int{1, 2}, nil},
		{"crlf and lf mixed", "a,b\r\nc,d\ne,f\r\n", [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}}, []int{1, 2, 3}, nil},
		{"blank lines skipped", "a\n\n\r\nb\n", [][]string{{"a"}, {"b"}}, []int{1, 4}, nil},
		{"quoted newline", "\"x\r\ny\",z\nnext\n", [][]string{{"x\ny", "z"}, {"next"}}, []int{1, 3}, nil},
		{"doubled quote", `"say ""hi""",b` + "\n", [][]string{{`say "hi"`, "b"}}, []int{1}, nil},
		{"lazy quote in field", `ab"c,d` + "\n", [][]string{{`ab"c`, "d"}}, []int{1}, nil},
		{"lazy quote after quoted", `"ab"c,d"` + "\n", [][]string{{`ab"c,d`}}, []int{1}, nil},
		{"quote reopened never closes", `"ab"c,d` + "\nx,y\n", [][]string{{"x", "y"}}, []int{2}, []int{1}},
		{"trailing comma", "a,b,\n", [][]string{{"a", "b", ""}}, []int{1}, nil},
		{"empty quoted", "\"\",\"\"\n", [][]string{{"", ""}}, []int{1}, nil},
		{"lone CR kept", "a\rb,c\n", [][]string{{"a\rb", "c"}}, []int{1}, nil},
		{"unterminated quote recovers", "a,b\n\"open,c\nd,e\nf,g\n", [][]string{{"a", "b"}, {"d", "e"}, {"f", "g"}}, []int{1, 3, 4}, []int{2}},
		{"invalid utf-8 repaired", "a\xffb,c\n", [][]string{{"a\uFFFDb", "c"}}, []int{1}, nil},
		{"empty input", "", nil, nil, nil},
		{"long quoted field spans buffer", "\"" + strings.Repeat("x", 100) + "\n" + strings.Repeat("y", 50) + "\",z\n", [][]string{{strings.Repeat("x", 100) + "\n" + strings.Repeat("y", 50), "z"}}, []int{1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseAll(t, tt.in, ',', 0)
			if !reflect.DeepEqual(got.records, tt.want) {
				t.Errorf("records = %q, want %q", got.records, tt.want)
			}
			if !reflect.DeepEqual(got.lines, tt.lines) {
				t.Errorf("lines = %v, want %v", got.lines, tt.lines)
			}
			if !reflect.DeepEqual(got.skipped, tt.skipped) {
				t.Errorf("skipped = %v, want %v", got.skipped, tt.skipped)
			}
		})
	}
}

func TestCSVReaderTooLong(t *testing.T) {
	long := strings.Repeat("x", 300)
	in := "a,b\n" + long + ",c\n\"" + long + "\n" + long + "\",d\ne,f\n"
	got := parseAll(t, in, ',', 100)
	want := [][]string{{"a", "b"}, {"e", "f"}}
	// The quoted field of line 3 runs past the limit: it is read as never
	// closed, and line 4 (too long itself) is parsed again on its own.
	if !reflect.DeepEqual(got.records, want) || !reflect.DeepEqual(got.lines, []int{1, 5}) || !reflect.DeepEqual(got.skipped, []int{2, 3, 4}) {
		t.Errorf("got %q at %v, skipped %v; want %q at [1 5], skipped [2 3 4]", got.records, got.lines, got.skipped, want)
	}
}

// TestCSVReaderMatchesEncodingCSV checks well-formed files parse as the
// standard library parses them.
func TestCSVReaderMatchesEncodingCSV(t *testing.T) {
	inputs := []string{
		"First Name,Last Name,URL\nAda,Lovelace,https://x\n",
		"\"a,b\",\"c\"\"d\",e\n\"multi\nline\",x,y\n",
		"a\tb\tc\n1\t2\t3\n",
		"x,,\n,,\n\n\ny\n",
	}
	for _, in := range inputs {
		comma := byte(',')
		if strings.Contains(in, "\t") {
			comma = '\t'
		}
		std := csv.NewReader(strings.NewReader(in))
		std.Comma = rune(comma)
		std.LazyQuotes = true
		std.FieldsPerRecord = -1
		want, err := std.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := parseAll(t, in, comma, 0)
		if !reflect.DeepEqual(got.records, want) {
			t.Errorf("%q: got %q, encoding/csv %q", in, got.records, want)
		}
	}
}

func TestDecodeText(t *testing.T) {
	le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	be := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r>>8), byte(r))
		}
		return b
	}
	text := "Name\nGo\r\nLucía\n"
	tests := map[string][]byte{
		"utf-8":                  []byte(text),
		"utf-8 with bom":         append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"utf-16le with bom":      append([]byte{0xFF, 0xFE}, le(text)...),
		"utf-16be with bom":      append([]byte{0xFE, 0xFF}, be(text)...),
		"utf-16le without bom":   le(text),
		"utf-16be without bom":   be(text),
		"old mac line ends (cr)": []byte("Name\rGo\rLucía\r"),
	}
	for name, in := range tests {
		br, err := decodeText(strings.NewReader(string(in)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := parseAll(t, readAllString(t, br), ',', 0)
		want := [][]string{{"Name"}, {"Go"}, {"Lucía"}}
		if !reflect.DeepEqual(got.records, want) {
			t.Errorf("%s: records %q, want %q", name, got.records, want)
		}
	}
}

func readAllString(t *testing.T, r io.Reader) string {
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
