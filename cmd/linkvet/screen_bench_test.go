package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/internal/cpuclock"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// The benchmarks of screen --json (issue 13): the whole command over
// generated invitations next to its yardstick, a plain streaming
// encoding/json decoder into linkvet.Invitation over the same bytes, and
// each stage per record.
//
//	go test ./cmd/linkvet -run '^$' -bench 'ScreenFile' -benchtime 3x
//	go test ./cmd/linkvet -run '^$' -bench 'ScreenStage' -benchmem
//
// LINKVET_BENCH_N sets how many invitations (default 200,000, as
// linkvet demo --generate 200000 makes them).

var benchData struct {
	once sync.Once
	data []byte
	n    int
}

func benchInvitations(b *testing.B) ([]byte, int) {
	b.Helper()
	benchData.once.Do(func() {
		n := 200_000
		if s := os.Getenv("LINKVET_BENCH_N"); s != "" {
			n = atoiOr(s, n)
		}
		var buf bytes.Buffer
		if err := generateInvitations(&buf, n); err != nil {
			b.Fatal(err)
		}
		benchData.data, benchData.n = buf.Bytes(), n
	})
	return benchData.data, benchData.n
}

func atoiOr(s string, def int) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return def
		}
		n = n*10 + int(c-'0')
	}
	return n
}

var benchNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// plainDecode is the yardstick: encoding/json's streaming decoder, one
// record at a time into linkvet.Invitation, nothing else done.
func plainDecode(b *testing.B, data []byte) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	n := 0
	for {
		var inv linkvet.Invitation
		if err := dec.Decode(&inv); err == io.EOF {
			return n
		} else if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkScreenFile is one op = the whole file: Plain is the yardstick,
// JSON is linkvet screen --json (read, screen on every core, write in
// order), DecodeOnly is screen --decode-only. x-plain is JSON's throughput
// over the yardstick's measured in the same run (≥ 1 is the target);
// x-plain-cpu the same in CPU time (the yardstick uses one core, screen
// both, so on an idle machine x-plain approaches twice x-plain-cpu). Run
// it with GOGC=400, as linkvet screen sets for itself.
func BenchmarkScreenFile(b *testing.B) {
	data, n := benchInvitations(b)
	eng := screen.New(policy.Default())
	var plain, plainCPU time.Duration
	b.Run("Plain", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		cpu := cpuclock.Process()
		defer func() {
			plainCPU = (cpuclock.Process() - cpu) / time.Duration(b.N)
			b.ReportMetric(float64(plainCPU.Nanoseconds())/float64(n), "cpu-ns/record")
		}()
		for range b.N {
			if got := plainDecode(b, data); got != n {
				b.Fatalf("decoded %d records, want %d", got, n)
			}
		}
		plain = b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(plain.Nanoseconds())/float64(n), "ns/record")
	})
	run := func(name string, opts streamOptions) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu := cpuclock.Process()
			for range b.N {
				e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard}
				out := e.verdictOutput(true)
				err := e.screenInputs([]input{bytesInput("bench.jsonl", data)}, eng, benchNow, out, opts)
				if err != nil {
					b.Fatal(err)
				}
			}
			per := b.Elapsed() / time.Duration(b.N)
			perCPU := (cpuclock.Process() - cpu) / time.Duration(b.N)
			b.ReportMetric(float64(per.Nanoseconds())/float64(n), "ns/record")
			b.ReportMetric(float64(perCPU.Nanoseconds())/float64(n), "cpu-ns/record")
			if plain > 0 {
				b.ReportMetric(float64(plain)/float64(per), "x-plain")
			}
			if plainCPU > 0 {
				b.ReportMetric(float64(plainCPU)/float64(perCPU), "x-plain-cpu")
			}
		})
	}
	run("JSON", streamOptions{})
	run("DecodeOnly", streamOptions{decodeOnly: true})
}

// BenchmarkScreenStage times each stage of screen --json on one thread,
// per record (cycling through the generated invitations): Plain is the
// yardstick decoder, Decode jsonio's reader, Screen the engine, Encode
// the verdict writer.
func BenchmarkScreenStage(b *testing.B) {
	data, _ := benchInvitations(b)
	const sample = 20_000
	lines := bytes.SplitN(data, []byte("\n"), sample+1)[:sample]
	var recs []jsonio.Record
	rd := jsonio.NewReader(bytes.NewReader(bytes.Join(lines, []byte("\n"))), "bench.jsonl")
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec)
	}
	eng := screen.New(policy.Default())
	verdicts := make([]linkvet.Verdict, len(recs))
	for i := range recs {
		verdicts[i] = eng.Screen(&recs[i].Invitation, benchNow)
	}

	b.Run("Plain", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			var inv linkvet.Invitation
			if err := json.Unmarshal(lines[i%sample], &inv); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Decode", func(b *testing.B) {
		b.ReportAllocs()
		// The reader over a stream of b.N lines, as screen reads a file.
		var buf bytes.Buffer
		for i := range b.N {
			buf.Write(lines[i%sample])
			buf.WriteByte('\n')
		}
		b.ResetTimer()
		rd := jsonio.NewReader(&buf, "bench.jsonl")
		for range b.N {
			if _, err := rd.Next(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Screen", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			_ = eng.Screen(&recs[i%len(recs)].Invitation, benchNow)
		}
	})
	b.Run("Encode", func(b *testing.B) {
		b.ReportAllocs()
		w := jsonio.NewVerdictWriter(io.Discard)
		for i := range b.N {
			if err := w.Write(&verdicts[i%len(verdicts)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	})
}

// benchClassifier is a classifier trained as a user's store would hold
// one: on the first 300 generated invitations, each with the action the
// default policy gives it (four classes: ask, ignore, decline, block).
func benchClassifier(b *testing.B, data []byte) *learn.Classifier {
	b.Helper()
	eng := screen.New(policy.Default())
	c := learn.New(learn.DefaultParams())
	rd := jsonio.NewReader(bytes.NewReader(data), "bench.jsonl")
	for range 300 {
		rec, err := rd.Next()
		if err != nil {
			b.Fatal(err)
		}
		v := eng.Screen(&rec.Invitation, benchNow)
		c.Train(learn.DocFromInvitation(&rec.Invitation), string(v.Action))
	}
	return c
}

// BenchmarkScreenFileLearned is BenchmarkScreenFile's JSON run with and
// without a trained classifier (screen.WithClassifier), as linkvet screen
// runs for a user whose store has decisions: one op = the whole file.
// The classifier's cost per invitation is the difference of the two
// cpu-ns/record figures.
//
//	GOGC=400 go test ./cmd/linkvet -run '^$' -bench 'ScreenFileLearned' -benchtime 2x
func BenchmarkScreenFileLearned(b *testing.B) {
	data, n := benchInvitations(b)
	c := benchClassifier(b, data)
	for _, tc := range []struct {
		name string
		eng  *screen.Engine
	}{
		{"NoClassifier", screen.New(policy.Default())},
		{"Classifier", screen.New(policy.Default(), screen.WithClassifier(c))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			cpu := cpuclock.Process()
			for range b.N {
				e := &env{ctx: context.Background(), stdout: io.Discard, stderr: io.Discard}
				out := e.verdictOutput(true)
				if err := e.screenInputs([]input{bytesInput("bench.jsonl", data)}, tc.eng, benchNow, out, streamOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			per := b.Elapsed() / time.Duration(b.N)
			perCPU := (cpuclock.Process() - cpu) / time.Duration(b.N)
			b.ReportMetric(float64(per.Nanoseconds())/float64(n), "ns/record")
			b.ReportMetric(float64(perCPU.Nanoseconds())/float64(n), "cpu-ns/record")
		})
	}
}

// BenchmarkScreenStageLearned screens one invitation at a time on one
// thread (cycling through 20,000 generated ones) without and with a
// trained classifier; Classify is the classifier alone, as the learn
// package's API gives it (DocFromInvitation then Classify). The
// classifier's share of screening is Learned's ns/op minus Screen's.
//
//	go test ./cmd/linkvet -run '^$' -bench 'ScreenStageLearned' -benchmem
func BenchmarkScreenStageLearned(b *testing.B) {
	data, _ := benchInvitations(b)
	c := benchClassifier(b, data)
	const sample = 20_000
	recs := make([]linkvet.Invitation, 0, sample)
	rd := jsonio.NewReader(bytes.NewReader(data), "bench.jsonl")
	for len(recs) < sample {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec.Invitation)
	}
	plain := screen.New(policy.Default())
	learned := screen.New(policy.Default(), screen.WithClassifier(c))
	b.Run("Screen", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuclock.Process()
		defer func() { b.ReportMetric(float64((cpuclock.Process()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op") }()
		for i := range b.N {
			_ = plain.Screen(&recs[i%len(recs)], benchNow)
		}
	})
	b.Run("Learned", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuclock.Process()
		defer func() { b.ReportMetric(float64((cpuclock.Process()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op") }()
		for i := range b.N {
			_ = learned.Screen(&recs[i%len(recs)], benchNow)
		}
	})
	b.Run("Classify", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuclock.Process()
		defer func() { b.ReportMetric(float64((cpuclock.Process()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op") }()
		for i := range b.N {
			_ = c.Classify(learn.DocFromInvitation(&recs[i%len(recs)]))
		}
	})
}
