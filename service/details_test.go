package service_test

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestScamNeedsNoDetails: an invitation known only by a name and a note is
// marked as needing details, unless its verdict already blocks or reports
// the sender: more about a scammer would change nothing, and the inbox
// should not send the user to their profile.
func TestScamNeedsNoDetails(t *testing.T) {
	ctx := context.Background()
	_, svc := newCounting(t)
	invs := []linkvet.Invitation{
		{ID: "scam", Message: "Guaranteed 30% profit every week with my crypto fund, write to me on WhatsApp +1 555 0100 to start today",
			Person: linkvet.Person{Name: "Rex Made-Up"}},
		{ID: "thin", Person: linkvet.Person{Name: "Tia Made-Up", ProfileURL: "https://www.linkedin.com/in/tia-made-up"}},
	}
	if _, err := svc.Add(ctx, invs); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	needs := map[string]bool{}
	for _, l := range page.Items {
		needs[l.ID] = len(l.Missing) > 0
		if l.ID == "scam" && !(l.Action == linkvet.Block || l.Report) {
			t.Fatalf("the scam's verdict is %s (report %v); the test needs one that blocks or reports", l.Action, l.Report)
		}
	}
	if needs["scam"] || !needs["thin"] {
		t.Errorf("needs details: scam %v, thin %v; want false, true", needs["scam"], needs["thin"])
	}
}
