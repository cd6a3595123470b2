package service

import (
	"context"
	"fmt"
	"time"

	"github.com/linkvet/linkvet"
)

// LoadDemoExtras fills the pages beyond the inbox for `linkvet serve
// --demo`, so that a newcomer sees each of them with something on it: two
// invitations accepted earlier (the Follow-ups page), two invitations the
// user sent (Outreach, one waiting long enough to withdraw) and a small
// network of connections (Network). Nothing in the inbox changes.
//
// The events are dated before the service's clock: when the store can be
// told the time (sqlite.DB can), its clock is set back for each one and
// restored to the service's clock afterwards. Call it after LoadDemo, on
// the demo's own throw-away store only.
func (s *Service) LoadDemoExtras(ctx context.Context) error {
	clock, canSet := s.store.(interface{ SetNow(func() time.Time) })
	now := s.now()
	at := func(days int) {
		if canSet {
			t := now.AddDate(0, 0, days)
			clock.SetNow(func() time.Time { return t })
		}
	}
	if canSet {
		defer clock.SetNow(s.now)
	}
	mutual := func(n int) *int { return &n }
	sent := func(days int) *time.Time { t := now.AddDate(0, 0, days); return &t }
	accepted := []struct {
		days int
		inv  linkvet.Invitation
	}{
		{-12, linkvet.Invitation{ID: "demo-followup-1", Direction: linkvet.Incoming, SentAt: sent(-13), MutualConnections: mutual(9),
			Message: "Hi, we met at the data quality workshop in Leipzig; I'd like to stay in touch about lineage tooling.",
			Person:  linkvet.Person{Name: "Ines Duarte", Headline: "Data Platform Lead at Harbor Metrics", ProfileURL: "https://www.linkedin.com/in/ines-duarte-demo", Company: "Harbor Metrics"}}},
		{-4, linkvet.Invitation{ID: "demo-followup-2", Direction: linkvet.Incoming, SentAt: sent(-5), MutualConnections: mutual(14),
			Message: "Hello! I'm organising the next stream processing meetup and would love to have you on a panel.",
			Person:  linkvet.Person{Name: "Kofi Mensah", Headline: "Community Organiser, Streaming Berlin", ProfileURL: "https://www.linkedin.com/in/kofi-mensah-demo"}}},
	}
	for _, a := range accepted {
		at(a.days)
		if _, err := s.Add(ctx, []linkvet.Invitation{a.inv}); err != nil {
			return fmt.Errorf("demo: store %s: %w", a.inv.ID, err)
		}
		if _, err := s.Decide(ctx, a.inv.ID, linkvet.Accept, "met in person"); err != nil {
			return fmt.Errorf("demo: accept %s: %w", a.inv.ID, err)
		}
	}
	outgoing := []struct {
		days int
		inv  linkvet.Invitation
	}{
		{-40, linkvet.Invitation{ID: "demo-sent-1", Message: "Hi Lucía, your talk on schema evolution answered a question my team has had for months. I'd like to follow your work.",
			Person: linkvet.Person{Name: "Lucía Ferrer", Headline: "Principal Engineer at Kestrel Data", ProfileURL: "https://www.linkedin.com/in/lucia-ferrer-demo"}}},
		{-3, linkvet.Invitation{ID: "demo-sent-2", Message: "Hi Mateo, Jo Park suggested we talk about the Kafka migration you led.",
			MutualConnections: mutual(4), MutualNames: []string{"Jo Park"},
			Person: linkvet.Person{Name: "Mateo Silva", Headline: "Staff Engineer at Loop Logistics", ProfileURL: "https://www.linkedin.com/in/mateo-silva-demo"}}},
	}
	for _, o := range outgoing {
		at(o.days)
		if _, err := s.RecordSent(ctx, o.inv); err != nil {
			return fmt.Errorf("demo: record %s as sent: %w", o.inv.ID, err)
		}
	}
	at(0)
	conn := []string{"connection"}
	known := []linkvet.KnownPerson{
		{Name: "Jo Park", ProfileURL: "https://www.linkedin.com/in/jo-park-demo", Company: "Northwind Analytics", Position: "Engineering Manager", Sources: conn, Since: now.AddDate(-3, 0, 0), LastSeen: now.AddDate(0, 0, -20)},
		{Name: "Sam Lee", ProfileURL: "https://www.linkedin.com/in/sam-lee-demo", Company: "Contoso Data", Position: "Data Scientist", Sources: conn, Since: now.AddDate(-2, -4, 0)},
		{Name: "Hana Ito", ProfileURL: "https://www.linkedin.com/in/hana-ito-demo", Company: "Harbor Metrics", Position: "Analytics Engineer", Sources: conn, Since: now.AddDate(0, -2, 0), LastSeen: now.AddDate(0, 0, -6)},
		{Name: "Piotr Nowak", ProfileURL: "https://www.linkedin.com/in/piotr-nowak-demo", Company: "Initech", Position: "Sales Director", Sources: conn, Since: now.AddDate(-5, 0, 0)},
		{Name: "Amara Obi", ProfileURL: "https://www.linkedin.com/in/amara-obi-demo", Company: "Loop Logistics", Position: "Product Manager", Sources: conn, Since: now.AddDate(-1, -1, 0), LastSeen: now.AddDate(0, -5, 0)},
	}
	if _, err := s.store.Import(ctx, &linkvet.Export{Known: known}); err != nil {
		return fmt.Errorf("demo: store the network: %w", err)
	}
	return nil
}
