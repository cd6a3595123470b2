package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// BenchmarkIngest brings 1,000 e-mail records in over a store of 1,000
// invitations from the export: each is matched by profile URL, enriched,
// kept with its raw message and screened, all in one transaction.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	const n = 1000
	sent := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	seed := make([]linkvet.Invitation, n)
	recs := make([]service.IngestRecord, n)
	for i := range n {
		url := fmt.Sprintf("https://www.linkedin.com/in/made-up-%d", i)
		seed[i] = linkvet.Invitation{SentAt: &sent, Source: linkvet.SourceLinkedInExport, Person: linkvet.Person{Name: fmt.Sprintf("Made Up %d", i), ProfileURL: url}}
		mutual := i % 20
		recs[i] = service.IngestRecord{
			Invitation: linkvet.Invitation{SentAt: &sent, Source: linkvet.SourceEmail, ReceivedVia: []string{linkvet.SourceEmail}, MutualConnections: &mutual,
				AcceptURL: "https://www.linkedin.com/comm/mynetwork/invite-accept/" + fmt.Sprint(i),
				Person:    linkvet.Person{Name: fmt.Sprintf("Made Up %d", i), ProfileURL: "linkedin.com/comm/in/made-up-" + fmt.Sprint(i), Headline: "Data Engineer at Acme"}},
			Raw: []service.RawInput{{Place: "inbox.mbox:" + fmt.Sprint(i*40+1), Data: make([]byte, 6<<10)}},
		}
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		_, svc := newIngestB(b)
		if _, err := svc.Add(ctx, seed); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		got, err := svc.Ingest(ctx, recs, service.IngestOptions{})
		if err != nil || got.Enriched != n {
			b.Fatalf("%+v %v", got.Enriched, err)
		}
	}
}
