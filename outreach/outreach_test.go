package outreach_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
)

var now = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

func testPolicy() *policy.Policy {
	p := policy.Default()
	p.TimeZone = "UTC"
	p.Me = linkvet.Me{
		Name: "Dana Weber", Headline: "Data Engineer at Northwind Analytics",
		Interests: []string{"stream processing", "Kafka"}, Companies: []string{"Northwind Analytics", "Fabrikam"},
		Schools: []string{"TU Berlin"}, Industries: []string{"Software Development"},
	}
	return p
}

// ines is an interesting potential contact: a stranger who works on what
// the user works on.
func ines() linkvet.Invitation {
	return linkvet.Invitation{
		ID: "out-ines", Direction: linkvet.Outgoing,
		Person: linkvet.Person{Name: "Ines Duarte", ProfileURL: "https://www.linkedin.com/in/ines-duarte",
			Headline: "Staff Engineer at Contoso", Company: "Contoso", Skills: []string{"Kafka", "Go"}},
	}
}

const personalNote = "Hi Ines, I'm Dana, data engineer at Northwind. Your talk on Kafka failover at the Berlin meetup answered questions we had for months; it would be good to swap notes on stream processing."

func has(reasons []linkvet.Reason, rule string) bool {
	return slices.ContainsFunc(reasons, func(r linkvet.Reason) bool { return r.Rule == rule })
}

func sentAt(d time.Duration) *time.Time { t := now.Add(-d); return &t }

// TestSeed000Outgoing is seed 000's table row for the user's own
// invitations: "You come across an interesting potential contact → only
// send a personalised invite explaining the value of connecting".
func TestSeed000Outgoing(t *testing.T) {
	reason := "I want to compare notes on Kafka failover with someone who has run it at scale"
	tests := []struct {
		name   string
		note   string
		reason string
		want   outreach.Advice
		next   string
	}{
		{"personalised invite explaining the value", personalNote, reason, outreach.Send, "Send it"},
		{"no note", "", reason, outreach.DontSend, "write a personal note"},
		{"LinkedIn's stock text", "I'd like to add you to my professional network on LinkedIn.", reason, outreach.DontSend, "write a personal note"},
		{"no reason and nothing said", "", "", outreach.DontSend, "Don't send"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := ines()
			inv.Message = tt.note
			if tt.name == "no reason and nothing said" {
				inv.Person.Skills = nil // nothing shared either
			}
			c := outreach.CheckTarget(&inv, tt.reason, "", outreach.State{}, testPolicy(), now)
			if c.Advice != tt.want {
				t.Fatalf("advice %s, want %s; reasons %+v", c.Advice, tt.want, c.Reasons)
			}
			if !strings.Contains(c.Next, tt.next) {
				t.Errorf("next %q does not say %q", c.Next, tt.next)
			}
			if len(c.Questions) != 3 {
				t.Fatalf("%d questions, want seed 000's three", len(c.Questions))
			}
			for _, r := range c.Reasons {
				if r.Detail == "" {
					t.Errorf("reason %s has no evidence", r.Rule)
				}
			}
		})
	}
}

func TestCheckTargetSignsFromSeed002(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*linkvet.Invitation)
		reason string
		want   outreach.Advice
		rules  []string
	}{
		{"knows them", func(inv *linkvet.Invitation) { inv.Interactions = []string{linkvet.MetInPerson} }, "", outreach.Send, []string{outreach.RuleKnowsThem, outreach.RuleNoNote}},
		{"mutual connections only", func(inv *linkvet.Invitation) {
			inv.Person.Skills = nil
			inv.MutualConnections = ptr(7)
			inv.MutualNames = []string{"Jo Park", "Sam Lee"}
		}, "", outreach.AskIntroduction, []string{outreach.RuleMutuals, outreach.RuleNoReason}},
		{"targeting by title", func(inv *linkvet.Invitation) { inv.Person.Skills = nil }, "she is a CTO", outreach.DontSend, []string{outreach.RuleTitleTargeting, outreach.RuleNothingShared}},
		{"selling", func(inv *linkvet.Invitation) { inv.Message = personalNote }, "I want to sell our platform to her team", outreach.DontSend, []string{outreach.RuleSelling}},
		{"company interest", func(inv *linkvet.Invitation) {
			inv.Message = personalNote
		}, "I am applying to Contoso and would like to learn how the platform team works", outreach.Send, []string{outreach.RuleCompanyInterest, outreach.RuleReason}},
		{"generic reason", func(inv *linkvet.Invitation) { inv.Person.Skills = nil }, "networking", outreach.DontSend, []string{outreach.RuleNoReason}},
		{"blocked", func(inv *linkvet.Invitation) {}, "", outreach.DontSend, []string{outreach.RuleBlocked}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPolicy()
			if tt.name == "blocked" {
				p.Blocked = []string{"linkedin.com/in/ines-duarte"}
				p.BlockedKeys = nil
			}
			inv := ines()
			tt.edit(&inv)
			c := outreach.CheckTarget(&inv, tt.reason, "", outreach.State{}, p, now)
			if c.Advice != tt.want {
				t.Errorf("advice %s, want %s; reasons %+v", c.Advice, tt.want, c.Reasons)
			}
			for _, r := range tt.rules {
				if !has(c.Reasons, r) {
					t.Errorf("no %s reason; reasons %+v", r, c.Reasons)
				}
			}
		})
	}
}

func TestCheckTargetIntroducer(t *testing.T) {
	inv := ines()
	inv.Person.Skills = nil
	inv.MutualNames = []string{"Jo Park", "Sam Lee"}
	s := outreach.State{Known: []linkvet.KnownPerson{
		{Name: "Jo Park", Company: "Fabrikam", Sources: []string{"connection"}},
		{Name: "Sam Lee", Company: "Contoso", Sources: []string{"connection"}},
	}}
	c := outreach.CheckTarget(&inv, "", "", s, testPolicy(), now)
	if c.Advice != outreach.AskIntroduction || c.Introducer != "Sam Lee" {
		t.Fatalf("advice %s via %q, want ask_introduction via Sam Lee (shares Contoso)", c.Advice, c.Introducer)
	}
	if !strings.Contains(c.Next, "Sam Lee") {
		t.Errorf("next %q does not name the introducer", c.Next)
	}
	s.Known[1].Company = "Elsewhere"
	if c := outreach.CheckTarget(&inv, "", "", s, testPolicy(), now); c.Introducer != "Jo Park" {
		t.Errorf("introducer %q, want the first mutual, Jo Park", c.Introducer)
	}
}

// state holds one earlier outgoing invitation to Ines with the events.
func state(sent time.Duration, events ...outreach.Event) outreach.State {
	prev := ines()
	prev.ID = "li-ines"
	prev.SentAt = sentAt(sent)
	for i := range events {
		events[i].InvitationID = "li-ines"
		events[i].ID = int64(i + 1)
	}
	return outreach.State{Invitations: []linkvet.StoredInvitation{{Invitation: prev, AddedAt: *prev.SentAt}}, Events: events}
}

func TestCheckTargetRefusesReinvites(t *testing.T) {
	tests := []struct {
		name  string
		state outreach.State
		rule  string // "" = not refused
		text  string
	}{
		{"pending", state(5 * 24 * time.Hour), outreach.RuleAlreadyPending, "cannot be deleted on their side; you can only withdraw it"},
		{"declined", state(40*24*time.Hour, outreach.Event{Kind: outreach.EventDeclined, At: now.Add(-30 * 24 * time.Hour)}), outreach.RuleDeclinedBefore, "Don't invite again"},
		{"ignored", state(200*24*time.Hour, outreach.Event{Kind: outreach.EventIgnored, At: now.Add(-100 * 24 * time.Hour)}), outreach.RuleIgnoredBefore, "Don't invite again"},
		{"withdrawn 10 days ago", state(60*24*time.Hour, outreach.Event{Kind: outreach.EventWithdrawn, At: now.Add(-10 * 24 * time.Hour)}), outreach.RuleWithdrawnRecently, "from 2026-12-01"},
		{"withdrawn 22 days ago", state(60*24*time.Hour, outreach.Event{Kind: outreach.EventWithdrawn, At: now.Add(-22 * 24 * time.Hour)}), "", ""},
		{"sent again after a withdrawal", state(60*24*time.Hour,
			outreach.Event{Kind: outreach.EventWithdrawn, At: now.Add(-40 * 24 * time.Hour)},
			outreach.Event{Kind: outreach.EventSent, At: now.Add(-2 * 24 * time.Hour)}), outreach.RuleAlreadyPending, "still pending"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := ines()
			inv.Message = personalNote
			c := outreach.CheckTarget(&inv, "I want to compare notes on Kafka failover at scale", "", tt.state, testPolicy(), now)
			if tt.rule == "" {
				if c.Advice != outreach.Send {
					t.Fatalf("advice %s, want send once the waiting period is over; reasons %+v", c.Advice, c.Reasons)
				}
				return
			}
			if c.Advice != outreach.DontSend || !has(c.Reasons, tt.rule) {
				t.Fatalf("advice %s, want dont_send for %s; reasons %+v", c.Advice, tt.rule, c.Reasons)
			}
			if c.Previous == nil || c.Previous.ID != "li-ines" {
				t.Errorf("previous invitation %+v, want li-ines", c.Previous)
			}
			all := c.Next
			for _, r := range c.Reasons {
				all += " " + r.Detail
			}
			if !strings.Contains(all, tt.text) {
				t.Errorf("the advice does not say %q: %s", tt.text, all)
			}
		})
	}
}

func TestCheckTargetAlreadyConnected(t *testing.T) {
	inv := ines()
	s := outreach.State{Known: []linkvet.KnownPerson{{Name: "Ines Duarte", ProfileURL: "linkedin.com/in/ines-duarte/", Sources: []string{"connection"}}}}
	c := outreach.CheckTarget(&inv, "", "", s, testPolicy(), now)
	if c.Advice != outreach.DontSend || !has(c.Reasons, outreach.RuleAlreadyConnected) {
		t.Fatalf("advice %s; reasons %+v, want already_connected", c.Advice, c.Reasons)
	}
}

func TestCheckTargetWeeklyBudget(t *testing.T) {
	p := testPolicy()
	p.Outreach.WeeklyInvites = 3
	var s outreach.State
	for i := range 3 {
		inv := linkvet.Invitation{ID: fmt.Sprintf("o%d", i), Direction: linkvet.Outgoing, SentAt: sentAt(time.Duration(i+1) * 24 * time.Hour),
			Person: linkvet.Person{Name: fmt.Sprintf("P%d", i), ProfileURL: fmt.Sprintf("linkedin.com/in/p%d", i)}}
		s.Invitations = append(s.Invitations, linkvet.StoredInvitation{Invitation: inv})
	}
	inv := ines()
	inv.Message = personalNote
	c := outreach.CheckTarget(&inv, "I want to compare notes on Kafka failover at scale", "", s, p, now)
	if c.Advice != outreach.DontSend || !has(c.Reasons, outreach.RuleWeeklyBudget) {
		t.Fatalf("advice %s; reasons %+v, want weekly_budget", c.Advice, c.Reasons)
	}
	// The oldest of the three was sent 3 days ago: its slot frees in 4 days.
	if !strings.Contains(fmt.Sprint(c.Reasons), "2026-11-24 10:00") {
		t.Errorf("the reason does not name when the next slot opens: %+v", c.Reasons)
	}
}

func TestTrack(t *testing.T) {
	p := testPolicy()
	mk := func(id string, age time.Duration) linkvet.StoredInvitation {
		return linkvet.StoredInvitation{Invitation: linkvet.Invitation{ID: id, Direction: linkvet.Outgoing, SentAt: sentAt(age),
			Person: linkvet.Person{Name: id, ProfileURL: "linkedin.com/in/" + id}}}
	}
	accepted := mk("acc", 50*24*time.Hour)
	accepted.Decision = &linkvet.Decision{Action: linkvet.Accept, By: linkvet.ByRule, At: now.Add(-40 * 24 * time.Hour)}
	s := outreach.State{
		Invitations: []linkvet.StoredInvitation{mk("old", 45*24*time.Hour), mk("new", 2*24*time.Hour), accepted, mk("conn", 20*24*time.Hour), mk("wd", 30*24*time.Hour),
			{Invitation: linkvet.Invitation{ID: "in", Direction: linkvet.Incoming}}},
		Events: []outreach.Event{{InvitationID: "wd", Kind: outreach.EventWithdrawn, At: now.Add(-5 * 24 * time.Hour)}},
		Known:  []linkvet.KnownPerson{{Name: "conn", ProfileURL: "https://linkedin.com/in/conn", Sources: []string{"connection"}}},
	}
	got := map[string]outreach.Tracked{}
	for _, tr := range outreach.Track(s, p, now) {
		got[tr.ID] = tr
	}
	if len(got) != 5 {
		t.Fatalf("tracked %d, want the 5 outgoing invitations", len(got))
	}
	want := map[string]outreach.Status{"old": outreach.StatusPending, "new": outreach.StatusPending, "acc": outreach.StatusAccepted,
		"conn": outreach.StatusAccepted, "wd": outreach.StatusWithdrawn}
	for id, st := range want {
		if got[id].Status != st {
			t.Errorf("%s: status %s, want %s", id, got[id].Status, st)
		}
	}
	if !got["old"].SuggestWithdraw || got["new"].SuggestWithdraw || got["old"].AgeDays != 45 {
		t.Errorf("withdraw suggestions: old %+v, new %+v; want only the one pending 45 days (> 30)", got["old"], got["new"])
	}
	if want := now.Add(16 * 24 * time.Hour); !got["wd"].ReinviteAt.Equal(want) {
		t.Errorf("reinvite at %v, want %v (21 days after withdrawing)", got["wd"].ReinviteAt, want)
	}
}

func TestPlan(t *testing.T) {
	p := testPolicy()
	p.Outreach.FreeAccount = true
	var s outreach.State
	// 30 invitations over the last 10 days, three a day; those of the
	// month (November) carry a note.
	for i := range 30 {
		at := now.Add(-time.Duration(i) * 8 * time.Hour)
		inv := linkvet.Invitation{ID: fmt.Sprintf("o%d", i), Direction: linkvet.Outgoing, SentAt: &at,
			Person: linkvet.Person{Name: fmt.Sprintf("P%d", i), ProfileURL: fmt.Sprintf("linkedin.com/in/p%d", i)}}
		if i%10 == 0 {
			inv.Message = "Hi, we met at the meetup."
		}
		s.Invitations = append(s.Invitations, linkvet.StoredInvitation{Invitation: inv})
	}
	old := now.Add(-40 * 24 * time.Hour)
	s.Invitations = append(s.Invitations, linkvet.StoredInvitation{Invitation: linkvet.Invitation{ID: "old", Direction: linkvet.Outgoing,
		SentAt: &old, Message: "Hi from October", Person: linkvet.Person{Name: "Old"}}})
	r := outreach.Plan(s, p, now)
	if r.SentThisWeek != 21 || r.LeftThisWeek != 79 {
		t.Errorf("sent %d / left %d this week, want 21 / 79 (rolling 7 days)", r.SentThisWeek, r.LeftThisWeek)
	}
	if r.PerDay != 14 || !strings.Contains(r.Spacing, "about 14 a day") {
		t.Errorf("per day %d, spacing %q; want about 14 a day", r.PerDay, r.Spacing)
	}
	if r.NotesThisMonth != 3 || r.NotesLeft != 2 || !r.NotesReset.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("notes %d used, %d left, reset %v; want 3, 2, 2026-12-01", r.NotesThisMonth, r.NotesLeft, r.NotesReset)
	}
	if len(r.Withdraw) != 1 || r.Withdraw[0].ID != "old" {
		t.Errorf("withdraw %+v, want the one pending 40 days", r.Withdraw)
	}

	p.Outreach.WeeklyInvites = 21
	r = outreach.Plan(s, p, now)
	if r.LeftThisWeek != 0 || r.NextSlot.IsZero() {
		t.Fatalf("left %d, next slot %v; want 0 and a slot", r.LeftThisWeek, r.NextSlot)
	}
	// The oldest of the 21 in the window was sent 160 hours ago.
	if want := now.Add(-160 * time.Hour).Add(outreach.Window); !r.NextSlot.Equal(want) {
		t.Errorf("next slot %v, want %v", r.NextSlot, want)
	}
	if !strings.Contains(r.Spacing, "spent") {
		t.Errorf("spacing %q does not say the budget is spent", r.Spacing)
	}
	p.Outreach.WeeklyInvites = 0
	if r := outreach.Plan(s, p, now); r.LeftThisWeek != 0 || !strings.Contains(r.Spacing, "No weekly budget") {
		t.Errorf("with no budget: %+v", r)
	}
}

func TestFollowUps(t *testing.T) {
	p := testPolicy()
	accepted := func(id string, ago time.Duration) linkvet.StoredInvitation {
		return linkvet.StoredInvitation{
			Invitation: linkvet.Invitation{ID: id, Person: linkvet.Person{Name: "Person " + id, ProfileURL: "linkedin.com/in/" + id, Company: "Contoso"},
				Shared: linkvet.Shared{Interests: []string{"stream processing"}}},
			Verdict:  &linkvet.Verdict{ID: id, Action: linkvet.Accept, Category: linkvet.IndustryPeer},
			Decision: &linkvet.Decision{InvitationID: id, Action: linkvet.Accept, By: linkvet.ByUser, At: now.Add(-ago)},
		}
	}
	day := 24 * time.Hour
	scam := accepted("scam", 4*day)
	scam.Verdict.Category, scam.Verdict.Report = linkvet.Scammer, true
	declined := accepted("declined", 4*day)
	declined.Decision.Action = linkvet.Decline
	fake := accepted("fake", 4*day)
	fake.Verdict.Category = linkvet.Fake
	// Advised block when accepted, however the verdict reads now.
	forced := accepted("forced", 4*day)
	forced.Decision.Verdict = linkvet.Block
	s := outreach.State{
		Invitations: []linkvet.StoredInvitation{
			accepted("upcoming", 1*day), accepted("due", 4*day), accepted("overdue", 10*day),
			accepted("done", 5*day), accepted("silent", 20*day), accepted("replied", 6*day), accepted("byname", 6*day),
			accepted("wrote", 6*day), scam, declined, fake, forced,
		},
		Events: []outreach.Event{
			{InvitationID: "done", Kind: outreach.EventFollowUpDone, At: now.Add(-1 * day)},
			{InvitationID: "silent", Kind: outreach.EventFollowUpDone, At: now.Add(-10 * day)},
		},
		Messages: []linkvet.Message{
			{From: "Person replied", FromURL: "https://www.linkedin.com/in/replied/", At: now.Add(-2 * day)},
			{From: "Person replied", FromURL: "https://www.linkedin.com/in/replied/", At: now.Add(-30 * day)}, // before accepting
			{From: "PERSON BYNAME", At: now.Add(-1 * day)},
			{From: "Dana Weber", To: "Person wrote", ToURLs: []string{"linkedin.com/in/wrote"}, At: now.Add(-3 * day), Outgoing: true},
			{From: "Person silent", FromURL: "linkedin.com/in/someone-else", At: now.Add(-1 * day)}, // same name, another person
		},
	}
	got := map[string]outreach.FollowUp{}
	list := outreach.FollowUps(s, p, p.Me, now)
	for _, f := range list {
		got[f.InvitationID] = f
	}
	for _, id := range []string{"declined", "scam", "fake", "forced"} {
		if f, ok := got[id]; ok {
			t.Errorf("%s: follow-up %s (%s); a declined or untrusted invitation owes none", id, f.Status, f.Why)
		}
	}
	want := map[string]outreach.FollowUpStatus{
		"upcoming": outreach.FollowUpUpcoming, "due": outreach.FollowUpDue, "overdue": outreach.FollowUpOverdue,
		"done": outreach.FollowUpDone, "silent": outreach.FollowUpSilent, "replied": outreach.FollowUpReplied,
		"byname": outreach.FollowUpReplied, "wrote": outreach.FollowUpDone,
	}
	for id, st := range want {
		if got[id].Status != st {
			t.Errorf("%s: status %s (%s), want %s", id, got[id].Status, got[id].Why, st)
		}
	}
	if !got["silent"].SuggestRemove || got["done"].SuggestRemove {
		t.Errorf("remove suggested: silent %v, done %v; want only silent", got["silent"].SuggestRemove, got["done"].SuggestRemove)
	}
	if d := got["due"].Draft; d == "" || !strings.Contains(d, "stream processing") {
		t.Errorf("due draft %q, want one that uses the shared interest", d)
	}
	if got["done"].Draft != "" {
		t.Errorf("draft for done (%q), want none", got["done"].Draft)
	}
	if list[0].Status != outreach.FollowUpOverdue {
		t.Errorf("first listed %s, want overdue first", list[0].Status)
	}
	if want := now.Add(-4 * day).Add(3 * day); !got["due"].DueAt.Equal(want) {
		t.Errorf("due at %v, want 3 days after accepting", got["due"].DueAt)
	}

	p.FollowUp.RemoveAfterSilenceDays = 0
	if f := outreach.FollowUps(s, p, p.Me, now); slices.ContainsFunc(f, func(f outreach.FollowUp) bool { return f.SuggestRemove }) {
		t.Error("remove_after_silence_days 0 still suggests removing")
	}
}

func TestFollowUpAcceptedOutsideLinkvet(t *testing.T) {
	since := now.Add(-60 * 24 * time.Hour)
	s := outreach.State{
		Invitations: []linkvet.StoredInvitation{{
			Invitation: linkvet.Invitation{ID: "x", Person: linkvet.Person{Name: "X", ProfileURL: "linkedin.com/in/x"}},
			Decision:   &linkvet.Decision{Action: linkvet.Accept, By: linkvet.ByRule, At: now.Add(-time.Hour)},
		}},
		Known: []linkvet.KnownPerson{{Name: "X", ProfileURL: "linkedin.com/in/x", Sources: []string{"connection"}, Since: since}},
	}
	f := outreach.FollowUps(s, testPolicy(), linkvet.Me{}, now)
	if len(f) != 1 || !f[0].AcceptedAt.Equal(since) || f[0].Status != outreach.FollowUpOverdue {
		t.Fatalf("follow-ups %+v, want one accepted on the connection date, overdue", f)
	}
}

func TestProfileFindings(t *testing.T) {
	full := linkvet.Profile{
		Name: "Robin Calder", Headline: "Platform Engineer at Lumen Freight", Industry: "Software Development", Location: "Leeds",
		Summary:   strings.Repeat("I keep freight software running. ", 8),
		Positions: []linkvet.Position{{Title: "Platform Engineer", Company: "Lumen Freight", Start: "2019-03"}},
		Education: []linkvet.Education{{School: "University of Leeds"}},
		Skills:    []string{"Go", "Kubernetes", "PostgreSQL", "Terraform", "Kafka"},
	}
	tests := []struct {
		name    string
		edit    func(*linkvet.Profile)
		partial bool
		want    map[string]string // field → severity
	}{
		{"complete", func(*linkvet.Profile) {}, false, map[string]string{"photo": outreach.ProfileQuestion}},
		{"empty", func(p *linkvet.Profile) { *p = linkvet.Profile{} }, false, map[string]string{
			"headline": outreach.ProfileMissing, "summary": outreach.ProfileMissing, "positions": outreach.ProfileMissing,
			"skills": outreach.ProfileMissing, "education": outreach.ProfileMissing, "industry": outreach.ProfileWeak,
			"location": outreach.ProfileWeak, "photo": outreach.ProfileQuestion}},
		{"four skills", func(p *linkvet.Profile) { p.Skills = p.Skills[:4] }, false, map[string]string{"skills": outreach.ProfileWeak, "photo": outreach.ProfileQuestion}},
		{"short summary and headline", func(p *linkvet.Profile) { p.Summary, p.Headline = "Engineer.", "Engineer" }, false,
			map[string]string{"summary": outreach.ProfileWeak, "headline": outreach.ProfileWeak, "photo": outreach.ProfileQuestion}},
		{"no current position", func(p *linkvet.Profile) { p.Positions[0].End = "2024-01" }, false, map[string]string{"positions": outreach.ProfileMissing, "photo": outreach.ProfileQuestion}},
		{"from the stored summary", func(p *linkvet.Profile) {
			p.Summary = ""
			p.Positions = []linkvet.Position{{Company: "Lumen Freight", End: "x"}}
		}, true,
			map[string]string{"summary": outreach.ProfileQuestion, "photo": outreach.ProfileQuestion}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := full
			p.Positions = slices.Clone(full.Positions)
			tt.edit(&p)
			got := map[string]string{}
			for _, f := range outreach.ProfileFindings(p, tt.partial) {
				got[f.Field] = f.Severity
				if f.Message == "" || f.Suggestion == "" {
					t.Errorf("%s: finding without message or suggestion: %+v", f.Field, f)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("findings %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	p := testPolicy()
	known := []linkvet.KnownPerson{
		{Name: "Quiet", Sources: []string{"connection"}, Since: now.AddDate(-3, 0, 0), Company: "Acme Corp"},
		{Name: "Talks", Sources: []string{"connection"}, Since: now.AddDate(-5, 0, 0), LastSeen: now.AddDate(0, -1, 0), Tags: []string{"Work"}},
		{Name: "Undated", Sources: []string{"connection"}, Tags: []string{"work", "Kafka"}, Company: "ACME"},
		{Name: "Contact", Sources: []string{"contact"}, Since: now.AddDate(-9, 0, 0)},
	}
	n := outreach.Summarize(known, 2, p, now)
	if n.Connections != 5 || n.Hidden != 2 || n.Untagged != 1 || n.Undated != 1 || n.Warning != "" {
		t.Errorf("summary %+v: want 5 connections (2 hidden), 1 untagged, 1 undated, no warning", n)
	}
	if len(n.Stale) != 1 || n.Stale[0].Person.Name != "Quiet" {
		t.Errorf("stale %+v, want Quiet only (Talks wrote a month ago; contacts are not connections)", n.Stale)
	}
	if fmt.Sprint(n.Tags) != "[{Work 2} {Kafka 1}]" {
		t.Errorf("tags %v, want Work 2 (folded), Kafka 1", n.Tags)
	}
	if got := outreach.AtCompany(known, "acme"); len(got) != 2 {
		t.Errorf("at company acme: %d, want 2 (Acme Corp and ACME)", len(got))
	}
	if got := outreach.AtCompany(known, "  "); len(got) != 0 {
		t.Errorf("an empty company matched %d", len(got))
	}

	for _, tt := range []struct {
		hidden int
		warn   string
	}{{26999 - 3, ""}, {27000 - 3, "90% of LinkedIn's cap"}, {30000 - 3, "nobody can connect"}} {
		n := outreach.Summarize(known, tt.hidden, p, now)
		if tt.warn == "" && n.Warning != "" || !strings.Contains(n.Warning, tt.warn) {
			t.Errorf("%d connections: warning %q, want %q", n.Connections, n.Warning, tt.warn)
		}
	}
	p.FollowUp.StaleAfterDays = 0
	if n := outreach.Summarize(known, 0, p, now); len(n.Stale) != 0 {
		t.Errorf("stale_after_days 0 still lists %d", len(n.Stale))
	}
}

// FuzzCheckTarget feeds arbitrary reasons and notes: every input gets an
// advice with evidence, never a panic.
func FuzzCheckTarget(f *testing.F) {
	f.Add("I want to compare notes on Kafka", personalNote)
	f.Add("", "")
	f.Add("CEO\x00\xff", "{firstName} 🚀🚀🚀 BUY NOW")
	f.Fuzz(func(t *testing.T, reason, note string) {
		inv := ines()
		inv.Message = note
		c := outreach.CheckTarget(&inv, reason, "", state(40*24*time.Hour, outreach.Event{Kind: outreach.EventWithdrawn, At: now.Add(-30 * 24 * time.Hour)}), testPolicy(), now)
		switch c.Advice {
		case outreach.Send, outreach.AskIntroduction, outreach.DontSend:
		default:
			t.Fatalf("advice %q", c.Advice)
		}
		if c.Next == "" || len(c.Questions) != 3 {
			t.Fatalf("check without next step or questions: %+v", c)
		}
	})
}

// bigState is a busy account: 30,000 connections, 100,000 messages and
// 500 accepted invitations.
func bigState() outreach.State {
	var s outreach.State
	for i := range 30000 {
		s.Known = append(s.Known, linkvet.KnownPerson{Name: fmt.Sprintf("Person %d", i), ProfileURL: fmt.Sprintf("linkedin.com/in/p%d", i),
			Sources: []string{"connection"}, Since: now.AddDate(0, 0, -i%3000), Company: fmt.Sprintf("Company %d", i%500)})
	}
	for i := range 100000 {
		s.Messages = append(s.Messages, linkvet.Message{From: fmt.Sprintf("Person %d", i%30000), FromURL: fmt.Sprintf("linkedin.com/in/p%d", i%30000),
			At: now.Add(-time.Duration(i) * time.Minute)})
	}
	for i := range 500 {
		s.Invitations = append(s.Invitations, linkvet.StoredInvitation{
			Invitation: linkvet.Invitation{ID: fmt.Sprintf("in%d", i), Person: linkvet.Person{Name: fmt.Sprintf("Person %d", i), ProfileURL: fmt.Sprintf("linkedin.com/in/p%d", i)}},
			Decision:   &linkvet.Decision{Action: linkvet.Accept, By: linkvet.ByUser, At: now.Add(-time.Duration(i) * time.Hour)},
		})
	}
	return s
}

func BenchmarkFollowUps(b *testing.B) {
	s, p := bigState(), testPolicy()
	b.ReportAllocs()
	for b.Loop() {
		outreach.FollowUps(s, p, p.Me, now)
	}
}

func BenchmarkSummarize(b *testing.B) {
	s, p := bigState(), testPolicy()
	b.ReportAllocs()
	for b.Loop() {
		outreach.Summarize(s.Known, 0, p, now)
	}
}

func BenchmarkCheckTarget(b *testing.B) {
	s, p := bigState(), testPolicy()
	inv := ines()
	inv.Message = personalNote
	b.ReportAllocs()
	for b.Loop() {
		outreach.CheckTarget(&inv, "I want to compare notes on Kafka failover at scale", "", s, p, now)
	}
}

// TestTouchedCountsDecisionsAndFollowUps: accepting, deciding and following
// up are interactions, so a connection met that way is not stale.
func TestTouchedCountsDecisionsAndFollowUps(t *testing.T) {
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	long := now.AddDate(-3, 0, 0)
	url := "https://www.linkedin.com/in/mira-made-up"
	s := outreach.State{
		Known: []linkvet.KnownPerson{{Name: "Mira Made-Up", ProfileURL: url, Sources: []string{"connection"}, Since: long}},
		Invitations: []linkvet.StoredInvitation{{
			Invitation: linkvet.Invitation{ID: "m1", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Mira Made-Up", ProfileURL: url}},
			Decision:   &linkvet.Decision{InvitationID: "m1", Action: linkvet.Accept, By: linkvet.ByUser, At: now.AddDate(0, 0, -8)},
		}},
		Events: []outreach.Event{{InvitationID: "m1", Kind: outreach.EventFollowUpDone, At: now.AddDate(0, 0, -5)}},
	}
	p := policy.Default()
	if st := outreach.Stale(s.Known, p, now); len(st) != 1 {
		t.Fatalf("without the decision, %d stale, want 1", len(st))
	}
	touched := outreach.Touched(s)
	if !touched[0].LastSeen.Equal(now.AddDate(0, 0, -5)) {
		t.Errorf("last contact %v, want the follow-up", touched[0].LastSeen)
	}
	if st := outreach.Stale(touched, p, now); len(st) != 0 {
		t.Errorf("a connection followed up five days ago is stale: %+v", st)
	}
	if !s.Known[0].LastSeen.IsZero() {
		t.Error("Touched changed its input")
	}
}

// The "sent" event recorded with an invitation is dated a moment after the
// invitation's sent_at; it is the same sending and counts once. A sending
// days later counts again.
func TestPlanCountsOneSendingOnce(t *testing.T) {
	p := testPolicy()
	sent := now.Add(-time.Hour)
	s := outreach.State{
		Invitations: []linkvet.StoredInvitation{{Invitation: linkvet.Invitation{ID: "o1", Direction: linkvet.Outgoing, SentAt: &sent,
			Person: linkvet.Person{Name: "Ines", ProfileURL: "linkedin.com/in/ines"}}}},
		Events: []outreach.Event{{InvitationID: "o1", Kind: outreach.EventSent, At: sent.Add(1200 * time.Microsecond)}},
	}
	if r := outreach.Plan(s, p, now); r.SentThisWeek != 1 {
		t.Errorf("one sending counted %d times", r.SentThisWeek)
	}
	s.Events = append(s.Events, outreach.Event{InvitationID: "o1", Kind: outreach.EventSent, At: sent.Add(-3 * 24 * time.Hour)})
	if r := outreach.Plan(s, p, now); r.SentThisWeek != 2 {
		t.Errorf("two sendings three days apart counted %d, want 2", r.SentThisWeek)
	}
}
