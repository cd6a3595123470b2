package jsonio

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func readAll(t *testing.T, input string) (names []string, problems []string) {
	t.Helper()
	r := NewReader(strings.NewReader(input), "in.jsonl")
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			problems = append(problems, p.String())
			continue
		}
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		names = append(names, rec.Invitation.Person.Name+"@"+itoa(rec.Line))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestJSONLines(t *testing.T) {
	in := `{"person":{"name":"A"}}

{"person":{"name":"B"}, "future_field": {"x": 1}}
{"person":{"name":"C","connections":"many"}}
not json
{"person":{"name":"D"},"direction":"sideways"}
{"person":{"name":"E","photo":"blurry"}}
{"sent_at":"yesterday","person":{"name":"F"}}
{"person":{"name":"G"}}`
	names, problems := readAll(t, in)
	if got := strings.Join(names, " "); got != "A@1 B@3 G@9" {
		t.Errorf("records = %s", got)
	}
	want := []string{
		"in.jsonl:4: person.connections: want a whole number, got string",
		"in.jsonl:5: not valid JSON",
		"in.jsonl:6: direction: \"sideways\" is not incoming or outgoing",
		"in.jsonl:7: person.photo: \"blurry\" is not one of",
		"in.jsonl:8: sent_at: \"yesterday\" is not an RFC 3339 time",
	}
	if len(problems) != len(want) {
		t.Fatalf("problems = %q", problems)
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i], w) {
			t.Errorf("problem %d = %q, want prefix %q", i, problems[i], w)
		}
	}
}

func TestArray(t *testing.T) {
	in := "[\n  {\"person\":{\"name\":\"A\"}},\n  {\"person\":{\"name\":\"B\",\"verified\":\"yes\"}},\n  {\"person\":{\"name\":\"C\"}}\n]\n"
	names, problems := readAll(t, in)
	if got := strings.Join(names, " "); got != "A@2 C@4" {
		t.Errorf("records = %s", got)
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "in.jsonl:3: record 2: person.verified: want true or false") {
		t.Errorf("problems = %q", problems)
	}
}

func TestArraySyntaxErrorStopsThatInput(t *testing.T) {
	names, problems := readAll(t, "[{\"person\":{\"name\":\"A\"}},\n{\"person\": oops}, {\"person\":{\"name\":\"C\"}}]")
	if strings.Join(names, " ") != "A@1" || len(problems) != 1 || !strings.Contains(problems[0], "in.jsonl:2: record 2: not valid JSON, the rest of the input is skipped") {
		t.Errorf("names %q problems %q", names, problems)
	}
}

func TestLongLineAndBadUTF8(t *testing.T) {
	long := `{"message":"` + strings.Repeat("x", MaxRecord+10) + `","person":{"name":"L"}}`
	in := long + "\n" + "{\"person\":{\"name\":\"\xff\xfe\"}}\n" + `{"person":{"name":"OK"}}` + "\n"
	names, problems := readAll(t, in)
	if strings.Join(names, " ") != "OK@3" {
		t.Errorf("records = %q", names)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], ":1: record longer than") || !strings.Contains(problems[1], ":2: invalid UTF-8") {
		t.Errorf("problems = %q", problems)
	}
}

func TestEmptyAndBOM(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n", "[]", "\ufeff[ ]\n"} {
		names, problems := readAll(t, in)
		if len(names)+len(problems) != 0 {
			t.Errorf("%q: names %q problems %q", in, names, problems)
		}
	}
	names, _ := readAll(t, "\ufeff{\"person\":{\"name\":\"A\"}}")
	if len(names) != 1 {
		t.Errorf("BOM input: %q", names)
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte(`{"person":{"name":"A"}}` + "\n" + `[1]`))
	f.Add([]byte(`[{"person":{"name":"A"},"mutual_connections":3}, {"x":[}]`))
	f.Add([]byte("\xff\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), "fuzz")
		for i := 0; i < 10000; i++ {
			_, err := r.Next()
			if err == io.EOF {
				return
			}
			var p *linkvet.Problem
			if err != nil && !errors.As(err, &p) {
				t.Fatalf("non-problem error: %v", err)
			}
			if p != nil && (p.Line < 1 || p.File != "fuzz") {
				t.Fatalf("problem without a place: %+v", p)
			}
		}
		t.Fatalf("reader did not end")
	})
}

// BenchmarkDecode decodes the spec's example invitation: the work the
// reader does per record, to hold the engine's cost against.
func BenchmarkDecode(b *testing.B) {
	line := []byte(`{"id":"inv-0042","direction":"incoming","sent_at":"2026-11-20T09:15:00Z","message":"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.","person":{"name":"Alex Kim","profile_url":"https://www.linkedin.com/in/alex-kim","headline":"Senior Data Engineer at Acme","title":"Senior Data Engineer","company":"Acme","industry":"Software Development","location":"Berlin, Germany","about":"I build streaming pipelines with Kafka and Go.","photo":"real","verified":true,"connections":500,"followers":1200,"member_since":"2015-04","experience":[{"title":"Data Engineer","company":"Acme","start":"2021-03","end":""}],"education":[{"school":"TU Berlin","degree":"MSc Computer Science"}],"skills":["Kafka","Go"],"recommendations":3,"emails":["alex@acme.example"],"websites":["https://github.com/alexkim"]},"mutual_connections":7,"mutual_names":["Jo Park","Sam Lee"],"shared":{"schools":["TU Berlin"],"groups":["Kafka Users Berlin"],"events":["Berlin Data Meetup, Nov 2026"],"interests":["stream processing"]},"interactions":["engaged_with_your_content"],"source":"manual"}` + "\n")
	input := bytes.Repeat(line, 1000)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(input), "bench")
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
