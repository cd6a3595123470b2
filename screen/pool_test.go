package screen

import (
	"encoding/json"
	"slices"
	"sort"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestPooledFactsLeaveVerdictsAlone: an engine reuses the buffers of one
// screening for the next (pool.go). Every corpus invitation screened by an
// engine that has just screened the others, in both orders, gives the
// verdict and explanation a fresh engine gives; and a verdict already
// returned does not change while the engine goes on screening (nothing in
// it shares memory with the pooled buffers).
func TestPooledFactsLeaveVerdictsAlone(t *testing.T) {
	p := loadPolicyFile(t, "testdata/corpus/policy.yaml")
	cases := loadCorpus(t)
	tags := make([]string, 0, len(cases))
	for tag := range cases {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	var invs []*linkvet.Invitation
	for _, tag := range tags {
		for i := range cases[tag] {
			invs = append(invs, &cases[tag][i].inv)
		}
	}
	// The extremes of the buffers: nothing at all, and one field far
	// beyond what the pool keeps.
	invs = append(invs, &linkvet.Invitation{}, &linkvet.Invitation{Message: "Hi!", Person: linkvet.Person{
		Name: "Big About", About: string(slices.Repeat([]byte("Visit https://example.com/x now. "), 4000))}})

	marshal := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := make([]string, len(invs))
	for i, inv := range invs {
		want[i] = marshal(New(p).Explain(inv, corpusNow))
	}

	e := New(p)
	kept := make([]linkvet.Verdict, len(invs))
	keptJSON := make([]string, len(invs))
	for i, inv := range invs {
		x := e.Explain(inv, corpusNow)
		if got := marshal(x); got != want[i] {
			t.Fatalf("record %d, screened after others: %s\nwant %s", i, got, want[i])
		}
		kept[i], keptJSON[i] = e.Screen(inv, corpusNow), marshal(e.Screen(inv, corpusNow))
	}
	for i := len(invs) - 1; i >= 0; i-- {
		if got := marshal(e.Explain(invs[i], corpusNow)); got != want[i] {
			t.Fatalf("record %d, screened in reverse: %s\nwant %s", i, got, want[i])
		}
	}
	for i := range kept {
		if got := marshal(kept[i]); got != keptJSON[i] {
			t.Fatalf("record %d: its verdict changed after later screenings:\n%s\nwas %s", i, got, keptJSON[i])
		}
	}
}

// BenchmarkFactsPooled is the facts stage as the engine runs it: computed
// into pooled buffers and given back (BenchmarkScreenStages/facts keeps
// every facts it makes, so it allocates them afresh each time).
func BenchmarkFactsPooled(b *testing.B) {
	e := New(loadPolicy(b, danaPolicy))
	full := inv(b, `{"id":"inv-0042","direction":"incoming","sent_at":"2026-11-20T09:15:00Z",
		"message":"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.",
		"person":{"name":"Alex Kim","profile_url":"https://www.linkedin.com/in/alex-kim","headline":"Senior Data Engineer at Acme","title":"Senior Data Engineer","company":"Acme","industry":"Software Development","location":"Berlin, Germany","about":"I build streaming pipelines with Kafka and Go.","photo":"real","verified":true,"connections":500,"followers":1200,"member_since":"2015-04","experience":[{"title":"Data Engineer","company":"Acme","start":"2021-03","end":""}],"education":[{"school":"TU Berlin","degree":"MSc Computer Science"}],"skills":["Kafka","Go"],"recommendations":3,"emails":["alex@acme.example"],"websites":["https://github.com/alexkim"]},
		"mutual_connections":7,"mutual_names":["Jo Park","Sam Lee"],"shared":{"schools":["TU Berlin"],"groups":["Kafka Users Berlin"],"events":["Berlin Data Meetup, Nov 2026"],"interests":["stream processing"]},
		"interactions":["engaged_with_your_content"],"source":"manual"}`)
	b.ReportAllocs()
	for b.Loop() {
		e.pool.put(e.facts(full, now, false))
	}
}
