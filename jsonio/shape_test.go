package jsonio

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// readAllFrom reads every record and problem of r in order, as strings.
func readAllFrom(t testing.TB, r *Reader) []string {
	t.Helper()
	defer r.Close()
	var out []string
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return out
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			out = append(out, "problem "+p.String())
			continue
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		out = append(out, rec.Invitation.Person.Name+"@"+itoa(rec.Line))
	}
}

func TestShapes(t *testing.T) {
	pretty := `{
  "id": "inv-1",
  "person": {
    "name": "Alex Kim",
    "headline": "Data engineer"
  },
  "message": "Hi {there} [friend]"
}
`
	tests := []struct {
		name, in string
		want     []string
	}{
		{"one pretty object", pretty, []string{"Alex Kim@1"}},
		{"pretty objects one after another", pretty + "\n" + pretty, []string{"Alex Kim@1", "Alex Kim@10"}},
		{"pretty object with a bad field", "{\n \"person\": {\"name\": \"A\", \"connections\": \"x\"}\n}\n{\n \"person\": {\"name\": \"B\"}\n}",
			[]string{"problem in.json:1: person.connections: want a whole number, got string", "B@4"}},
		{"pretty object never closed", "{\n \"person\": {\"name\": \"A\"}\n",
			[]string{"problem in.json:1: not valid JSON: the object that starts here is never closed (" + shapes + ")"}},
		{"JSON Lines still line by line", "{\"person\":{\"name\":\"A\"}}\n{\"person\":\n{\"person\":{\"name\":\"C\"}}\n",
			[]string{"A@1", "problem in.json:2: not valid JSON: unexpected end of JSON input (" + shapes + ")", "C@3"}},
		{"names nobody", "{\"message\":\"hello\"}\n{\"id\":\"x\"}\n{\"person\":{\"profile_url\":\"https://www.linkedin.com/in/a\"}}\n",
			[]string{"problem in.json:1: names nobody: give at least one of id, person.name, person.profile_url", "@2", "@3"}},
		{"the wrong kind of file says what is expected", "name,url\nA,B\n", []string{
			"problem in.json:1: not valid JSON: invalid character 'a' in literal null (expecting 'u') (" + shapes + ")",
			"problem in.json:2: not valid JSON: invalid character 'A' looking for beginning of value"}},
		{"text after an array", `[{"person":{"name":"A"}}]garbage`, []string{"A@1",
			"problem in.json:1: more text after the JSON array that ends on line 1; it was not read (" + shapes + ")"}},
		{"a second array", "[{\"person\":{\"name\":\"A\"}}]\n[{\"person\":{\"name\":\"B\"}}]\n", []string{"A@1",
			"problem in.json:2: a second array after the JSON array that ends on line 1; it was not read (" + shapes + ")"}},
		{"blank space after an array", "[{\"person\":{\"name\":\"A\"}}]\n\n  \n", []string{"A@1"}},
		{"trailing comma", "[{\"person\":{\"name\":\"A\"}},\n]", []string{"A@1",
			"problem in.json:2: not valid JSON, the rest of the input is skipped: ']' after a comma in the array, where an element was expected"}},
		{"missing comma", "[{\"person\":{\"name\":\"A\"}} {\"person\":{\"name\":\"B\"}}]", []string{"A@1",
			"problem in.json:1: not valid JSON, the rest of the input is skipped: '{' after an array element, where a comma or ] was expected"}},
		{"array never closed", "[{\"person\":{\"name\":\"A\"}},\n", []string{"A@1",
			"problem in.json:2: not valid JSON, the array is not closed: the input ends before its ]"}},
		{"a number in an array", "[1, {\"person\":{\"name\":\"B\"}}]", []string{
			"problem in.json:1: record 1: want a JSON object for an invitation, got number", "B@1"}},
		{"one line, the third element bad", `[{"person":{"name":"A"}},{"person":{"name":"B"}},{"person":{"verified":"yes"}}]`, []string{"A@1", "B@1",
			"problem in.json:1: record 3: person.verified: want true or false, got string"}},
		{"a huge number is not echoed", "{\"person\":{\"name\":\"A\"},\"mutual_connections\":" + strings.Repeat("9", 100000) + "}\n",
			[]string{"problem in.json:1: mutual_connections: want a whole number, got number " + strings.Repeat("9", 73) + "…"}},
		{"brackets and commas inside strings", "[{\"person\":{\"name\":\"A, ]}\"}}]", []string{"A, ]}@1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAllFrom(t, NewReader(strings.NewReader(tt.in), "in.json"))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// repeatReader yields n copies of b, without holding them.
type repeatReader struct {
	b   []byte
	n   int
	off int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.b[r.off:])
		k += c
		r.off += c
		if r.off == len(r.b) {
			r.off = 0
			r.n--
		}
	}
	return k, nil
}

// TestArrayElementBounded: a huge array element is refused at its line
// without being held, and the next element is read.
func TestArrayElementBounded(t *testing.T) {
	const size = 64 << 20
	in := io.MultiReader(strings.NewReader("[\n{\"message\":\""), &repeatReader{b: []byte("xxxxxxxx"), n: size / 8},
		strings.NewReader("\",\"person\":{\"name\":\"Huge\"}},\n{\"person\":{\"name\":\"B\"}}\n]\n"))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got := readAllFrom(t, NewReader(in, "big.json"))
	runtime.ReadMemStats(&after)
	want := "problem big.json:2: record 1: record longer than 1048576 bytes (1 MiB)\nB@3"
	if strings.Join(got, "\n") != want {
		t.Errorf("got %q", got)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("reading a %d MiB element allocated %d MiB", size>>20, alloc>>20)
	}
}

// TestBlankLinesBeforeArray: blank lines before the first element are
// skipped and counted.
func TestBlankLinesBeforeArray(t *testing.T) {
	const n = 2_000_000
	in := io.MultiReader(strings.NewReader("["), &repeatReader{b: []byte("\n"), n: n},
		strings.NewReader("{\"person\":{\"name\":\"A\"}}]"))
	got := readAllFrom(t, NewReader(in, "blank.json"))
	if len(got) != 1 || got[0] != "A@"+itoa(n+1) {
		t.Errorf("got %q", got)
	}
}

func TestPrettyObjectBounded(t *testing.T) {
	in := io.MultiReader(strings.NewReader("{\n\"message\":\""), &repeatReader{b: []byte("yyyy"), n: MaxRecord},
		strings.NewReader("\",\"person\":{\"name\":\"Huge\"}}\n{\n\"person\":{\"name\":\"B\"}}\n"))
	got := readAllFrom(t, NewReader(in, "big.json"))
	want := "problem big.json:1: record longer than 1048576 bytes (1 MiB)\nB@3"
	if strings.Join(got, "\n") != want {
		t.Errorf("got %q", got)
	}
}

// TestParallelSameAsSequential: decoding on several goroutines gives the
// same records and problems, in the same order.
func TestParallelSameAsSequential(t *testing.T) {
	var in bytes.Buffer
	for i := range 1000 {
		switch i % 97 {
		case 5:
			in.WriteString("not json\n")
		case 17:
			in.WriteString("{\"person\":{\"name\":\"X\",\"connections\":-1}}\n")
		case 33:
			in.WriteString("\n\n")
		case 50:
			in.WriteString("{\"message\":\"" + strings.Repeat("z", MaxRecord) + "\"}\n")
		default:
			in.Write(genLine(i))
		}
	}
	seq := readAllFrom(t, NewReader(bytes.NewReader(in.Bytes()), "in.jsonl"))
	r := NewReader(bytes.NewReader(in.Bytes()), "in.jsonl")
	r.Parallel(2)
	par := readAllFrom(t, r)
	if strings.Join(seq, "\n") != strings.Join(par, "\n") {
		t.Errorf("parallel differs:\n%v\n%v", seq[:10], par[:10])
	}
	if len(seq) != 1000-10 { // 10 of the 1000 are blank lines
		t.Errorf("read %d records and problems", len(seq))
	}
	// Stopping early does not hang.
	r = NewReader(bytes.NewReader(in.Bytes()), "in.jsonl")
	r.Parallel(2)
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	r.Close()
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after Close: %v", err)
	}
}
