package compose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func incoming(id, name, note string) *linkvet.Invitation {
	return &linkvet.Invitation{
		ID:      id,
		Message: note,
		Person:  linkvet.Person{Name: name, Company: "Acme", Title: "Senior Data Engineer", Industry: "Software Development", Location: "Berlin, Germany", Skills: []string{"Kafka", "Go"}},
		Shared:  linkvet.Shared{Groups: []string{"Kafka Users Berlin"}, Events: []string{"Berlin Data Meetup, Nov 2026"}},
	}
}

func verdict(a linkvet.Action, c linkvet.Category) *linkvet.Verdict {
	return &linkvet.Verdict{Action: a, Category: c, Intent: linkvet.KeepInTouch}
}

func allText(d linkvet.Drafts) string {
	return d.Accept + "\n" + d.FollowUp + "\n" + d.Ask + "\n" + d.Decline
}

func TestDraftsPerAction(t *testing.T) {
	inv := incoming("inv-1", "Dr. Jane Doe", "Hi Dana, I enjoyed your Kafka talk at the Berlin Data Meetup.")
	tests := []struct {
		action                         linkvet.Action
		category                       linkvet.Category
		accept, followUp, ask, decline bool
	}{
		{linkvet.Accept, linkvet.IndustryPeer, true, true, false, false},
		{linkvet.Accept, linkvet.KnownContact, true, true, false, false},
		{linkvet.Ask, linkvet.Stranger, false, false, true, false},
		{linkvet.Ask, linkvet.Recruiter, false, false, true, false},
		{linkvet.Ignore, linkvet.Stranger, false, false, true, false},
		{linkvet.Ignore, linkvet.Salesperson, false, false, false, false},
		{linkvet.Decline, linkvet.Stranger, false, false, false, true},
		{linkvet.Decline, linkvet.Competitor, false, false, false, true},
		{linkvet.Decline, linkvet.Salesperson, false, false, false, true},
		{linkvet.Block, linkvet.Stranger, false, false, false, false},
		{"", linkvet.Stranger, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.action)+"/"+string(tt.category), func(t *testing.T) {
			d := Drafts(inv, verdict(tt.action, tt.category), testMe)
			got := [4]bool{d.Accept != "", d.FollowUp != "", d.Ask != "", d.Decline != ""}
			want := [4]bool{tt.accept, tt.followUp, tt.ask, tt.decline}
			if got != want {
				t.Fatalf("drafts present = %v, want %v: %+v", got, want, d)
			}
			for _, s := range []string{d.Accept, d.FollowUp, d.Ask, d.Decline} {
				if s != "" && !strings.Contains(s, "Jane") {
					t.Errorf("draft does not greet Jane: %q", s)
				}
				if strings.Contains(s, "Dr.") || strings.Contains(s, "Doe") {
					t.Errorf("draft uses more than the first name: %q", s)
				}
			}
			if n := runeCount(d.Accept); n > AcceptLimit {
				t.Errorf("accept note is %d characters, over %d", n, AcceptLimit)
			}
		})
	}
}

func TestDraftsNothingFriendlyForHostileSenders(t *testing.T) {
	inv := incoming("inv-2", "Jane Doe", "Invest in crypto now https://scam.example")
	for _, v := range []*linkvet.Verdict{
		verdict(linkvet.Decline, linkvet.Scammer),
		verdict(linkvet.Accept, linkvet.Scammer),
		verdict(linkvet.Decline, linkvet.Fake),
		verdict(linkvet.Ask, linkvet.Blocked),
		verdict(linkvet.Block, linkvet.Stranger),
		{Action: linkvet.Decline, Category: linkvet.Stranger, Report: true},
		{Action: linkvet.Ask, Category: linkvet.Stranger, Intent: linkvet.Spam},
	} {
		if d := Drafts(inv, v, testMe); d != (linkvet.Drafts{}) {
			t.Errorf("Drafts for %+v = %+v, want none", v, d)
		}
	}
	if d := Drafts(nil, verdict(linkvet.Accept, linkvet.Stranger), testMe); d != (linkvet.Drafts{}) {
		t.Errorf("Drafts(nil invitation) = %+v", d)
	}
	if d := Drafts(inv, nil, testMe); d != (linkvet.Drafts{}) {
		t.Errorf("Drafts(nil verdict) = %+v", d)
	}
}

func TestDraftsNeverCopyTheNote(t *testing.T) {
	hostile := "Hi! Visit https://evil.example/claim or www.evil.example, mail win@evil.example, bit.ly/zz. " +
		"You are a SECRETWORD winner."
	inv := incoming("inv-3", "Jane https://evil.example Doe", hostile)
	inv.Person.Company = "Acme https://evil.example/x \x1b[2J"
	inv.Shared.Groups = []string{"https://evil.example/group", "Kafka Users Berlin"}
	for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ask, linkvet.Decline} {
		d := allText(Drafts(inv, verdict(a, linkvet.Stranger), testMe))
		for _, bad := range []string{"evil", "http", "www", "bit.ly", "@", "SECRETWORD", "\x1b", "winner"} {
			if strings.Contains(d, bad) {
				t.Errorf("%s drafts contain %q: %q", a, bad, d)
			}
		}
	}
}

func TestDraftsReferToWhatIsShared(t *testing.T) {
	tests := []struct {
		name string
		edit func(*linkvet.Invitation)
		want string
	}{
		{"note mentions an event", func(i *linkvet.Invitation) { i.Message = "Loved the Berlin Data Meetup!" }, "Berlin Data Meetup"},
		{"shared event", func(i *linkvet.Invitation) {}, "Berlin Data Meetup"},
		{"shared group", func(i *linkvet.Invitation) { i.Shared.Events = nil }, "Kafka Users Berlin"},
		{"shared school", func(i *linkvet.Invitation) {
			i.Shared = linkvet.Shared{}
			i.Person.Education = []linkvet.Education{{School: "TU Berlin"}}
		}, "TU Berlin"},
		{"shared employer", func(i *linkvet.Invitation) {
			i.Shared = linkvet.Shared{}
			i.Person.Experience = []linkvet.Position{{Company: "Fabrikam", End: "2020-01"}}
		}, "Fabrikam"},
		{"their company", func(i *linkvet.Invitation) {
			i.Shared = linkvet.Shared{}
			i.Person.Skills, i.Person.Industry, i.Person.Location = nil, "", ""
		}, "Acme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := incoming("inv-4", "Jane Doe", "")
			tt.edit(inv)
			d := Drafts(inv, verdict(linkvet.Accept, linkvet.IndustryPeer), testMe)
			if !strings.Contains(d.Accept, tt.want) && !strings.Contains(d.FollowUp, tt.want) {
				t.Errorf("drafts do not mention %q:\n%s\n%s", tt.want, d.Accept, d.FollowUp)
			}
		})
	}
}

func TestDraftsNeutralGreeting(t *testing.T) {
	for _, name := range []string{"", "🚀🔥", "{firstName}", "   ", "12345"} {
		inv := incoming("inv-5", name, "")
		d := Drafts(inv, verdict(linkvet.Ask, linkvet.Stranger), testMe)
		if !strings.HasPrefix(d.Ask, "Hi there,") && !strings.HasPrefix(d.Ask, "Hello,") {
			t.Errorf("name %q: ask draft %q does not open with a neutral greeting", name, d.Ask)
		}
		if strings.Contains(d.Ask, "{") || strings.Contains(d.Ask, "🚀") {
			t.Errorf("name %q leaked into %q", name, d.Ask)
		}
	}
}

func TestDraftsDeclineIsPolite(t *testing.T) {
	for i := range 30 {
		for _, c := range []linkvet.Category{linkvet.Stranger, linkvet.Competitor, linkvet.Salesperson, linkvet.Recruiter} {
			d := Drafts(incoming(fmt.Sprintf("inv-%d", i), "Jane Doe", ""), verdict(linkvet.Decline, c), testMe)
			low := strings.ToLower(d.Decline)
			for _, accusation := range []string{"spam", "scam", "fake", "bot", "suspicious", "stop"} {
				if strings.Contains(low, accusation) {
					t.Errorf("decline for %s accuses: %q", c, d.Decline)
				}
			}
			if !strings.Contains(low, "thank") && !strings.Contains(low, "appreciate") {
				t.Errorf("decline does not thank: %q", d.Decline)
			}
		}
	}
}

func TestDraftsDeterministicAndVaried(t *testing.T) {
	kinds := map[string]func(linkvet.Drafts) string{
		"accept":    func(d linkvet.Drafts) string { return d.Accept },
		"follow_up": func(d linkvet.Drafts) string { return d.FollowUp },
		"ask":       func(d linkvet.Drafts) string { return d.Ask },
		"decline":   func(d linkvet.Drafts) string { return d.Decline },
	}
	actions := map[string]linkvet.Action{"accept": linkvet.Accept, "follow_up": linkvet.Accept, "ask": linkvet.Ask, "decline": linkvet.Decline}
	for kind, get := range kinds {
		distinct := map[string]bool{}
		for i := range 20 {
			// The same name for everyone: the variety must come from the
			// wording, not from the names.
			inv := incoming(fmt.Sprintf("inv-%02d", i), "Jane Doe", "")
			v := verdict(actions[kind], linkvet.Stranger)
			a, b := get(Drafts(inv, v, testMe)), get(Drafts(inv, v, testMe))
			if a != b {
				t.Fatalf("%s is not deterministic:\n%q\n%q", kind, a, b)
			}
			distinct[a] = true
		}
		if len(distinct) < 3 {
			t.Errorf("%s: only %d distinct texts across 20 people", kind, len(distinct))
		}
	}
}

func TestDraftsHugeInputs(t *testing.T) {
	long := strings.Repeat("Verylongword ", 500)
	inv := &linkvet.Invitation{
		ID:          "inv-6",
		Message:     long,
		Person:      linkvet.Person{Name: long, Company: long, Skills: []string{long}},
		MutualNames: []string{long},
		Shared:      linkvet.Shared{Events: []string{long}, Groups: []string{long}, Interests: []string{long}},
	}
	d := Drafts(inv, verdict(linkvet.Accept, linkvet.IndustryPeer), testMe)
	if n := runeCount(d.Accept); n == 0 || n > AcceptLimit {
		t.Errorf("accept note has %d characters", n)
	}
	if len(d.FollowUp) > 400 {
		t.Errorf("follow-up is %d bytes: interpolated items are not capped", len(d.FollowUp))
	}
}

func FuzzDrafts(f *testing.F) {
	f.Add("Jane Doe", "Acme", "Kafka Users Berlin", "Hi, we met at the Kafka Users Berlin meetup", uint8(0))
	f.Add("\xff🚀{x}", "https://x.io", "[name]", "\x00\u202e", uint8(3))
	f.Add("de la Vega, Carmen", "Northwind Analytics", "{item}", "Hola", uint8(1))
	langs := DraftsLanguages()
	f.Fuzz(func(t *testing.T, name, company, group, note string, lang uint8) {
		inv := &linkvet.Invitation{ID: name, Message: note,
			Person: linkvet.Person{Name: name, Company: company},
			Shared: linkvet.Shared{Groups: []string{group}}}
		for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ask, linkvet.Decline} {
			v := verdict(a, linkvet.IndustryPeer)
			v.DraftsLanguage = langs[int(lang)%len(langs)]
			d := Drafts(inv, v, testMe)
			if runeCount(d.Accept) > AcceptLimit {
				t.Fatalf("accept over the limit: %q", d.Accept)
			}
			for _, s := range []string{d.Accept, d.FollowUp, d.Ask, d.Decline} {
				if strings.Contains(s, "://") || strings.ContainsAny(s, "\x00\u202e{}<>[]") {
					t.Fatalf("unsafe draft %q", s)
				}
			}
		}
	})
}

func BenchmarkDrafts(b *testing.B) {
	inv := incoming("inv-0042", "Dr. Jane Doe", "Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup.")
	v := verdict(linkvet.Accept, linkvet.IndustryPeer)
	b.ReportAllocs()
	for b.Loop() {
		Drafts(inv, v, testMe)
	}
}
