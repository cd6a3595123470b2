package jsonio

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"testing"

	"github.com/linkvet/linkvet"
)

func sampleVerdict(i int) linkvet.Verdict {
	yes := i%2 == 0
	v := linkvet.Verdict{
		ID: "gen-" + itoa(i), Action: linkvet.Ask, Category: linkvet.Stranger, Intent: linkvet.KeepInTouch,
		Score: 12 - i%30, Confidence: 0.77,
		Reasons: []linkvet.Reason{
			{Rule: "personal_note", Points: 12, Detail: "a personal note: “Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in…”"},
			{Rule: "mutual_connections", Points: -8, Detail: "no mutual connections; fewer than 5 is a red flag"},
			{Rule: "photo", Points: 3, Detail: "a real profile photo"},
			{Rule: "suspicious_name", Points: -4, Detail: "digits in the name: \"Person 0\"\t<&>"},
		},
		Checklist: linkvet.Checklist{PersonalNote: true, EnoughMutuals: &yes},
		Drafts:    linkvet.Drafts{Ask: "Hi Person, thanks for the invitation.\nCould you tell me a bit about how you found me?"},
		Language:  "en", DraftsLanguage: "en",
	}
	if i%3 == 0 {
		v.Missing = []string{"headline", "mutual_connections"}
		v.Checklist.EnoughMutuals = nil
	}
	return v
}

func encodingJSON(t testing.TB, v *linkvet.Verdict) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkVerdictBytes(t *testing.T, v linkvet.Verdict) {
	t.Helper()
	want := encodingJSON(t, &v)
	got, ok := appendVerdict(nil, &v)
	if !ok {
		t.Fatalf("refused %+v", v)
	}
	if got = append(got, '\n'); !bytes.Equal(got, want) {
		t.Fatalf("verdict bytes differ:\n got %s\nwant %s", got, want)
	}
}

func TestVerdictEncoderMatchesJSON(t *testing.T) {
	if !verdictFast {
		t.Fatal("the verdict encoder's field lists differ from the domain types: update verdictKeys and appendVerdict")
	}
	for i := range 12 {
		checkVerdictBytes(t, sampleVerdict(i))
	}
	checkVerdictBytes(t, linkvet.Verdict{})
	for _, f := range []float64{0, math.Copysign(0, -1), 1, 1e-7, 1e-6, 123456789e13, 1e21, 1e22, -3.5e-10, math.SmallestNonzeroFloat64, math.MaxFloat64} {
		checkVerdictBytes(t, linkvet.Verdict{Confidence: f})
	}
	checkVerdictBytes(t, linkvet.Verdict{ID: "\x00\x01\x1f\x7f\b\f\u2028\u2029\xff\xfe ok \\ \"", Missing: []string{}})
	// Not a number: encoding/json's error.
	var buf bytes.Buffer
	if err := NewVerdictWriter(&buf).Write(&linkvet.Verdict{Confidence: math.NaN()}); err == nil {
		t.Error("NaN written")
	}
}

// FuzzVerdictEncoder holds the hand-written verdict encoder to
// encoding/json, byte for byte.
func FuzzVerdictEncoder(f *testing.F) {
	f.Add("gen-1", "a personal note: “hi”", "\x00\u2028\xff", int64(12), uint64(math.Float64bits(0.77)), true, uint8(3))
	f.Add("", "", "", int64(-5), uint64(math.Float64bits(1e-9)), false, uint8(0))
	f.Fuzz(func(t *testing.T, id, detail, draft string, score int64, conf uint64, flag bool, n uint8) {
		c := math.Float64frombits(conf)
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return
		}
		v := linkvet.Verdict{ID: id, Action: linkvet.Action(detail), Score: int(score), Confidence: c, Report: flag,
			Drafts: linkvet.Drafts{Accept: draft, Decline: id}, Language: draft}
		for i := range int(n % 5) {
			v.Reasons = append(v.Reasons, linkvet.Reason{Rule: id, Points: int(score) + i, Detail: detail})
			v.Missing = append(v.Missing, draft)
		}
		if flag {
			v.Checklist.EnoughMutuals = &flag
		}
		checkVerdictBytes(t, v)
	})
}

func BenchmarkVerdictWriter(b *testing.B) {
	vs := make([]linkvet.Verdict, 100)
	for i := range vs {
		vs[i] = sampleVerdict(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		w := NewVerdictWriter(io.Discard)
		for i := range vs {
			if err := w.Write(&vs[i]); err != nil {
				b.Fatal(err)
			}
		}
		w.Flush()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vs)), "ns/verdict")
}

// BenchmarkVerdictEncodingJSON is the same with encoding/json's encoder,
// the yardstick.
func BenchmarkVerdictEncodingJSON(b *testing.B) {
	vs := make([]linkvet.Verdict, 100)
	for i := range vs {
		vs[i] = sampleVerdict(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		enc := json.NewEncoder(io.Discard)
		enc.SetEscapeHTML(false)
		for i := range vs {
			if err := enc.Encode(&vs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vs)), "ns/verdict")
}

// lineWriter records how output reached it.
type lineWriter struct{ writes [][]byte }

func (l *lineWriter) Write(p []byte) (int, error) {
	l.writes = append(l.writes, append([]byte(nil), p...))
	return len(p), nil
}

// TestVerdictWriterWholeLines: output is handed on in whole lines only, so
// a run that stops before Flush never leaves half a verdict.
func TestVerdictWriterWholeLines(t *testing.T) {
	var lw lineWriter
	w := NewVerdictWriter(&lw)
	for i := range 500 {
		v := sampleVerdict(i)
		if err := w.Write(&v); err != nil {
			t.Fatal(err)
		}
	}
	if len(lw.writes) == 0 {
		t.Fatal("nothing written before Flush for 500 verdicts")
	}
	for _, b := range lw.writes {
		if b[len(b)-1] != '\n' {
			t.Fatalf("a write ends mid-line: …%q", b[len(b)-20:])
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(bytes.Join(lw.writes, nil), []byte("\n")); n != 500 {
		t.Errorf("%d lines", n)
	}
}

// TestAppendVerdictIsTheWritersLine: AppendVerdict gives the line a
// VerdictWriter writes, without its newline, for verdicts with and without
// reasons, HTML-like text, and a confidence encoding/json refuses.
func TestAppendVerdictIsTheWritersLine(t *testing.T) {
	for _, v := range []linkvet.Verdict{
		{ID: "a", Action: linkvet.Accept, Confidence: 0.5, Reasons: []linkvet.Reason{{Rule: "r", Points: 3, Detail: "<b> & co"}}},
		{ID: "b", Action: linkvet.Ask},
	} {
		var buf bytes.Buffer
		w := NewVerdictWriter(&buf)
		cp := v
		if err := w.Write(&cp); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		got, err := AppendVerdict(nil, &v)
		if err != nil {
			t.Fatal(err)
		}
		if string(got)+"\n" != buf.String() {
			t.Errorf("AppendVerdict %s\nwriter        %s", got, buf.String())
		}
		if v.ID == "b" && v.Reasons != nil {
			t.Error("AppendVerdict changed the verdict it was given")
		}
	}
	if _, err := AppendVerdict(nil, &linkvet.Verdict{ID: "c", Confidence: math.NaN()}); err == nil {
		t.Error("a NaN confidence: no error")
	}
}
