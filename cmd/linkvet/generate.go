package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/linkvet/linkvet"
)

// generateInvitations writes n synthetic invitations as JSON Lines, for
// benchmarks: a deterministic mix of notes, profiles and scams.
func generateInvitations(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	notes := []string{
		"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.",
		"",
		"I'd like to add you to my professional network on LinkedIn.",
		"Hello dear, earn guaranteed returns of 30% weekly with crypto trading, contact me on WhatsApp.",
		"Hi, our platform helps data teams cut costs by 40%. Would you be open to a quick call?",
		"Hi Dana, I'm recruiting for a staff data engineer role in Berlin; your background looks like a great fit.",
	}
	photos := []linkvet.Photo{linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoReal, linkvet.PhotoGenerated}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		mutual := i % 13
		conns := 50 + i%900
		t := base.Add(time.Duration(i) * time.Minute)
		inv := linkvet.Invitation{
			ID:      fmt.Sprintf("gen-%d", i),
			SentAt:  &t,
			Message: notes[i%len(notes)],
			Person: linkvet.Person{
				Name:        fmt.Sprintf("Person %d", i),
				ProfileURL:  fmt.Sprintf("https://www.linkedin.com/in/person-%d", i),
				Headline:    []string{"Senior Data Engineer at Acme", "Account Executive | SaaS", "CEO", "Technical Recruiter at Hays"}[i%4],
				Company:     "Acme",
				Industry:    []string{"Software Development", "Accounting", "Staffing and Recruiting"}[i%3],
				Location:    "Berlin, Germany",
				Photo:       photos[i%len(photos)],
				Connections: &conns,
				MemberSince: fmt.Sprintf("%d-%02d", 2010+i%16, 1+i%12),
				Experience:  []linkvet.Position{{Title: "Data Engineer", Company: "Acme", Start: "2021-03"}},
				Skills:      []string{"Kafka", "Go", "SQL"},
			},
			MutualConnections: &mutual,
			Shared:            linkvet.Shared{Groups: []string{"Kafka Users Berlin"}[:i%2]},
			Interactions:      []string{"follows_you", "viewed_your_profile"}[:i%3],
		}
		if err := enc.Encode(&inv); err != nil {
			return err
		}
	}
	return bw.Flush()
}
