package jsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// genLine writes generated invitation i as one JSON line, in the shapes
// screening meets: notes with escapes and non-Latin text, lists, numbers.
func genLine(i int) []byte {
	notes := []string{
		"Hi Dana, I enjoyed your talk on \"Kafka\" at the Berlin Data Meetup.\nWould love to stay in touch.",
		"",
		"I'd like to add you to my professional network on LinkedIn.",
		"Hola, ¿podemos hablar del puesto? 😀",
		"Hello dear, earn guaranteed returns of 30% weekly, contact me on WhatsApp.",
	}
	conns, mutual := 50+i%900, i%13
	verified := i%3 == 0
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)
	inv := linkvet.Invitation{
		ID: fmt.Sprintf("gen-%d", i), Direction: linkvet.Incoming, SentAt: &at, Message: notes[i%len(notes)],
		Person: linkvet.Person{
			Name: fmt.Sprintf("Person %d", i), ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/person-%d", i),
			Headline: []string{"Senior Data Engineer at Acme", "Account Executive | SaaS", "CEO", "Technical Recruiter"}[i%4],
			Company:  "Acme", Industry: "Software Development", Location: "Berlin, Germany",
			Photo: []linkvet.Photo{linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock}[i%3], Verified: &verified,
			Connections: &conns, MemberSince: fmt.Sprintf("%d-%02d", 2010+i%16, 1+i%12),
			Experience: []linkvet.Position{{Title: "Data Engineer", Company: "Acme", Start: "2021-03"}},
			Education:  []linkvet.Education{{School: "TU Berlin", Degree: "MSc"}},
			Skills:     []string{"Kafka", "Go", "SQL"},
		},
		MutualConnections: &mutual, MutualNames: []string{"Jo Park", "Sam Lee"}[:i%3],
		Shared:       linkvet.Shared{Groups: []string{"Kafka Users Berlin"}[:i%2]},
		Interactions: []string{"follows_you", "viewed_your_profile"}[:i%3],
		Source:       linkvet.SourceManual,
	}
	b, _ := json.Marshal(&inv)
	return append(b, '\n')
}

func genInput(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		b.Write(genLine(i))
	}
	return b.Bytes()
}

func TestFastKeysMatchTheDomain(t *testing.T) {
	if !fastEnabled {
		t.Fatal("the fast decoder's field lists differ from the domain types: update fastKeys and the decoder")
	}
}

// TestFastPathTaken: ordinary records never need encoding/json, or the
// fast decoder would be fast for nothing.
func TestFastPathTaken(t *testing.T) {
	for i := range 200 {
		line := genLine(i)
		var inv linkvet.Invitation
		if !decodeFast(line, &inv) {
			t.Fatalf("fast decoder refused %s", line)
		}
	}
}

// fastSeeds are inputs at every edge of JSON the decoder meets.
var fastSeeds = []string{
	`{"person":{"name":"A"}}`,
	`{"id":"1","id":"2"}`,
	`{"person":{"name":"A"},"person":{"headline":"B"}}`,
	`{"person":{"skills":["a"],"skills":["b","c"]}}`,
	`{"ID":"x","Person":{"NAME":"y"}}`,
	`{"\u0069d":"escaped key"}`,
	`{"message":"a\"b\\c\/d\b\f\n\r\t\u00e9\u20ac"}`,
	`{"message":"\ud83d\ude00 pair"}`,
	`{"message":"\ud83d lone high"}`,
	`{"message":"\ude00 lone low"}`,
	`{"message":"\ud83d\u0041 high then letter"}`,
	`{"message":"\ud83d\ud83d two highs"}`,
	`{"message":"bad \x escape"}`,
	"{\"message\":\"raw \x01 control\"}",
	"{\"message\":\"bad utf8 \xff\"}",
	`{"mutual_connections":12345678901234567890}`,
	`{"mutual_connections":9223372036854775807}`,
	`{"mutual_connections":-9223372036854775809}`,
	`{"mutual_connections":1e2}`,
	`{"mutual_connections":1.0}`,
	`{"mutual_connections":-0}`,
	`{"mutual_connections":01}`,
	`{"mutual_connections":"3"}`,
	`{"mutual_connections":null,"person":null,"shared":null,"sent_at":null,"message":null,"mutual_names":null}`,
	`{"person":{"verified":null,"connections":null,"experience":null,"education":[null,{"school":null}],"skills":[null,"x"]}}`,
	`{"person":{"experience":[],"skills":[]},"mutual_names":[]}`,
	`{"sent_at":"2026-11-20T09:15:00Z"}`,
	`{"sent_at":"2026-11-20T09:15:00+01:00"}`,
	`{"sent_at":"2026-11-20"}`,
	`{"sent_at":"2026-11-20T09:15:00\u005a"}`,
	`{"sent_at":5}`,
	`{"unknown":{"a":[1,2.5e-3,true,false,null,{"b":"c"}]},"person":{"name":"A"}}`,
	`{"person":{"name":"A"}} trailing`,
	`{"person":{"name":"A"}}{}`,
	`null`,
	`[]`,
	`"text"`,
	`{"person":{"name":"A"},}`,
	`{"person":{"name":"A"}`,
	`{"direction":"incoming","person":{"photo":"real"},"label":"accept","source":"email"}`,
	`{"direction":"INCOMING"}`,
	`{"person":{"name":"A","verified":tru}}`,
	`{"shared":{"groups":["g"],"Groups":["h"]}}`,
	`{"café":1,"person":{"name":"A"}}`,
	` 	{ "person" : { "name" : "A" } } 	`,
}

// FuzzFastDecoder holds the fast decoder to encoding/json: whenever it
// accepts an input, encoding/json accepts it too with the same result.
func FuzzFastDecoder(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	for i := range 5 {
		f.Add(genLine(i))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastAgrees(t, data)
	})
}

func checkFastAgrees(t *testing.T, data []byte) {
	t.Helper()
	var fast, slow linkvet.Invitation
	ok := decodeFast(data, &fast)
	err := json.Unmarshal(data, &slow)
	if !ok {
		return
	}
	if err != nil {
		t.Fatalf("fast decoder accepted what encoding/json refuses (%v): %q", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("fast decoder disagrees on %q:\n fast %#v\n json %#v", data, fast, slow)
	}
}

func TestFastSeeds(t *testing.T) {
	for _, s := range fastSeeds {
		checkFastAgrees(t, []byte(s))
	}
}

// readerOutput is everything a reader yields, records in full.
func readerOutput(t *testing.T, data []byte, parallel, slow bool) string {
	r := NewReader(bytes.NewReader(data), "f")
	r.slow = slow
	if parallel {
		r.Parallel(2)
	}
	defer r.Close()
	var b strings.Builder
	for range 100000 {
		rec, err := r.Next()
		if err == io.EOF {
			return b.String()
		}
		var p *linkvet.Problem
		if err != nil && !errors.As(err, &p) {
			t.Fatalf("non-problem error: %v", err)
		}
		if p != nil {
			if p.Line < 1 || p.File != "f" {
				t.Fatalf("problem without a place: %+v", p)
			}
			fmt.Fprintf(&b, "problem %s\n", p)
			continue
		}
		j, _ := json.Marshal(rec.Invitation)
		fmt.Fprintf(&b, "%d %s\n", rec.Line, j)
	}
	t.Fatal("reader did not end")
	return ""
}

// FuzzReaderAgrees: with or without the fast decoder, on one goroutine or
// two, a reader yields the same records and the same file:line problems.
func FuzzReaderAgrees(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
		f.Add([]byte("[" + s + "," + s + "]"))
	}
	f.Add(genInput(3))
	f.Add([]byte("{\n \"person\": {\"name\": \"A\"}\n}\n{\n\"id\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		withFast := readerOutput(t, data, false, false)
		par := readerOutput(t, data, true, false)
		withoutFast := readerOutput(t, data, false, true)
		if withFast != withoutFast {
			t.Fatalf("fast decoder changes the reader's output on %q:\n%s\nvs encoding/json:\n%s", data, withFast, withoutFast)
		}
		if par != withFast {
			t.Fatalf("parallel reader differs on %q:\n%s\nvs\n%s", data, par, withFast)
		}
	})
}

// The benchmarks below measure each stage of reading generated
// invitations against BenchmarkPlainDecoder, the yardstick of issue 13:
// encoding/json streaming into typed structs, one record at a time.

const benchRecords = 2000

func BenchmarkPlainDecoder(b *testing.B) {
	input := genInput(benchRecords)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(input))
		for {
			var inv linkvet.Invitation
			if err := dec.Decode(&inv); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRecords), "ns/record")
}

// BenchmarkSplit is the framing stage alone: lines cut out of the input.
func BenchmarkSplit(b *testing.B) {
	input := genInput(benchRecords)
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(input), "bench")
		n := 0
		for {
			line, tooLong, err := r.readLine()
			if err == io.EOF && line == nil && !tooLong {
				break
			}
			n++
		}
		if n != benchRecords {
			b.Fatalf("%d lines", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRecords), "ns/record")
}

// BenchmarkDecodeStage is the decoding stage alone (UTF-8 check, fast
// decoder, validation) on lines already cut out.
func BenchmarkDecodeStage(b *testing.B) {
	lines := bytes.SplitAfter(genInput(benchRecords), []byte{'\n'})
	lines = lines[:benchRecords]
	b.ReportAllocs()
	for b.Loop() {
		for i, l := range lines {
			if _, bad := decodeRecord(l, i+1, true); bad != nil {
				b.Fatal(bad.reason)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRecords), "ns/record")
}

// BenchmarkDecodeStageJSON is the same stage with encoding/json, the
// fallback's cost.
func BenchmarkDecodeStageJSON(b *testing.B) {
	lines := bytes.SplitAfter(genInput(benchRecords), []byte{'\n'})
	lines = lines[:benchRecords]
	b.ReportAllocs()
	for b.Loop() {
		for i, l := range lines {
			if _, bad := decodeRecord(l, i+1, false); bad != nil {
				b.Fatal(bad.reason)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRecords), "ns/record")
}

func benchReader(b *testing.B, input []byte, workers int) {
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(input), "bench")
		r.Parallel(workers)
		n := 0
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchRecords {
			b.Fatalf("%d records", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRecords), "ns/record")
}

// BenchmarkReader is split and decode together, as Next does them.
func BenchmarkReader(b *testing.B) { benchReader(b, genInput(benchRecords), 1) }

// BenchmarkReaderParallel decodes on two goroutines (Parallel(2)).
func BenchmarkReaderParallel(b *testing.B) { benchReader(b, genInput(benchRecords), 2) }

// BenchmarkReaderArray reads the same records as one JSON array.
func BenchmarkReaderArray(b *testing.B) {
	lines := bytes.Split(bytes.TrimSpace(genInput(benchRecords)), []byte{'\n'})
	input := append(append([]byte("[\n"), bytes.Join(lines, []byte(",\n"))...), "\n]\n"...)
	benchReader(b, input, 1)
}

// BenchmarkArrayHugeElement reads an array whose one element is 64 MiB:
// refused at the record limit, in flat memory (see B/op).
func BenchmarkArrayHugeElement(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		in := io.MultiReader(strings.NewReader("[{\"message\":\""), &repeatReader{b: []byte("xxxxxxxx"), n: 8 << 20},
			strings.NewReader("\"}]"))
		r := NewReader(in, "big")
		if _, err := r.Next(); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkBlankBeforeArray reads 64 MiB of newlines before an array's
// first element: linear, not quadratic.
func BenchmarkBlankBeforeArray(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		in := io.MultiReader(strings.NewReader("["), &repeatReader{b: bytes.Repeat([]byte("\n"), 4096), n: 16384},
			strings.NewReader("{\"person\":{\"name\":\"A\"}}]"))
		r := NewReader(in, "blank")
		if _, err := r.Next(); err != nil {
			b.Fatal(err)
		}
	}
}
