package sqlite

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func verdictSeeds() [][]byte {
	yes := true
	vs := []linkvet.Verdict{
		{},
		{ID: "a", Action: linkvet.Accept, Category: linkvet.IndustryPeer, Intent: "network", Score: 42, Confidence: 0.75,
			Reasons:   []linkvet.Reason{{Rule: "note", Points: 2, Detail: "a personal note"}, {Rule: "mutuals", Points: -1, Detail: "few mutuals"}},
			Checklist: linkvet.Checklist{PersonalNote: true, EnoughMutuals: &yes},
			Drafts:    linkvet.Drafts{Accept: "Thanks, Ana!", Ask: "How do we know each other?"},
			Language:  "en", DraftsLanguage: "en", Missing: []string{"headline"}},
		{ID: "b", Score: -3, Confidence: 1, Reasons: []linkvet.Reason{}, Drafts: linkvet.Drafts{Decline: "Nein, danke — Grüße"}, Missing: []string{}},
		{ID: "c<&>", Confidence: 1e-9, Drafts: linkvet.Drafts{FollowUp: "line\nbreak \"quoted\""}},
	}
	var out [][]byte
	for _, v := range vs {
		b, _ := json.Marshal(v)
		out = append(out, b)
	}
	return append(out, []byte(`{"id":"x","action":"accept","report":false,"category":"","intent":"","score":01,"confidence":0,"reasons":null,"checklist":{"personal_note":false,"common_ground":false,"enough_mutuals":null},"drafts":{}}`),
		[]byte(`{"id":"x","action":"accept","report":false,"category":"","intent":"","score":1,"confidence":0.5,"reasons":[],"checklist":{"personal_note":false,"common_ground":false,"enough_mutuals":false},"drafts":{"ask":"?"},"missing":["a","b"]}`),
		[]byte(`{"id":"\xff"}`), []byte(`not json`), []byte(`{"id":"x"} `))
}

// FuzzDecodeVerdict: the hand-read verdicts decode as encoding/json
// decodes them, and an input either refuses alike or not at all.
func FuzzDecodeVerdict(f *testing.F) {
	for _, s := range verdictSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want linkvet.Verdict
		wantErr := json.Unmarshal(data, &want)
		var fast linkvet.Verdict
		if (&verdictParser{b: string(data)}).verdict(&fast) {
			if wantErr != nil {
				t.Fatalf("read by hand, but encoding/json refuses %q: %v", data, wantErr)
			}
			if !reflect.DeepEqual(fast, want) {
				t.Fatalf("%q:\nby hand       %+v\nencoding/json %+v", data, fast, want)
			}
		}
		var got linkvet.Verdict
		gotErr := decodeVerdict(string(data), &got)
		if (gotErr != nil) != (wantErr != nil) || (gotErr == nil && !reflect.DeepEqual(got, want)) {
			t.Fatalf("%q: decodeVerdict %+v, %v; encoding/json %+v, %v", data, got, gotErr, want, wantErr)
		}
	})
}

// TestDecodeVerdictFastPath: what the service stores (jsonio's encoder's
// bytes, encoding/json's without HTML escaping) takes the hand-read path.
func TestDecodeVerdictFastPath(t *testing.T) {
	for _, s := range verdictSeeds()[:3] {
		var v linkvet.Verdict
		if !(&verdictParser{b: string(s)}).verdict(&v) {
			t.Errorf("not read by hand: %s", s)
		}
	}
}

func BenchmarkDecodeVerdict(b *testing.B) {
	data := verdictSeeds()[1]
	b.Run("Hand", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var v linkvet.Verdict
			if err := decodeVerdict(string(data), &v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EncodingJSON", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			var v linkvet.Verdict
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestDecodeInvitationsAgrees: reads decode stored invitations with
// jsonio.UnmarshalInvitation; every row decodes as encoding/json decodes
// it (one jsonio would reject as input, one over several lines too), and
// a row encoding/json refuses is refused.
func TestDecodeInvitationsAgrees(t *testing.T) {
	rows := []string{
		`{"id":"a","direction":"incoming","message":"Hi <Dana> & co","person":{"name":"Ana Made-Up","photo":"real","skills":["Go","Kafka"]},"mutual_connections":3,"sent_at":"2026-11-20T09:30:00+01:00"}`,
		`{}`,
		`{"id":"b","mutual_connections":-2,"person":{"name":"Ben"}}`,
		"{\"id\":\"c\",\n\"person\":{\"name\":\"Cem\"}}",
		`{"id":"d","person":{"name":"D\u00e9sir\u00e9e \ud83d\ude00"}}`,
		`{"id":"e","person":{"name":"Eve","photo":"painted"}}`,
	}
	raws := make([]rawStored, len(rows))
	for i, r := range rows {
		raws[i] = rawStored{invJSON: r, addedAt: "2026-11-20T10:00:00Z"}
	}
	got, err := decodeAll(raws, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		var want linkvet.Invitation
		if err := json.Unmarshal([]byte(r), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[i].Invitation, want) {
			t.Errorf("row %d: decoded %+v, encoding/json %+v", i, got[i].Invitation, want)
		}
	}
	// A row encoding/json refuses is refused, naming why.
	bad := append(raws, rawStored{invJSON: `{"id":"f","mutual_connections":"many"}`, addedAt: "2026-11-20T10:00:00Z"})
	if _, err := decodeAll(bad, ""); err == nil || !strings.Contains(err.Error(), "decode stored invitation") {
		t.Errorf("a bad row: %v", err)
	}
}
