package policy

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

func ptr[T any](v T) *T { return &v }

// alex is a full invitation like the one in the format's example.
func alex() *linkvet.Invitation {
	return &linkvet.Invitation{
		ID:        "inv-0042",
		Direction: linkvet.Incoming,
		Message:   "Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup.",
		Person: linkvet.Person{
			Name:            "Alex Kim",
			ProfileURL:      "https://www.linkedin.com/in/alex-kim",
			Headline:        "Senior Data Engineer at Acme",
			Title:           "Senior Data Engineer",
			Company:         "Acme",
			Industry:        "Software Development",
			Location:        "Berlin, Germany",
			About:           "I build streaming pipelines.",
			Photo:           linkvet.PhotoReal,
			Verified:        ptr(true),
			Connections:     ptr(500),
			Followers:       ptr(1200),
			MemberSince:     "2015-04",
			Skills:          []string{"Kafka", "Go"},
			Recommendations: ptr(3),
			Emails:          []string{"alex@acme.example"},
			Websites:        []string{"https://github.com/alexkim"},
		},
		MutualConnections: ptr(7),
		MutualNames:       []string{"Jo Park", "Sam Lee"},
		Shared: linkvet.Shared{
			Schools:   []string{"TU Berlin"},
			Groups:    []string{"Kafka Users Berlin"},
			Events:    []string{"Berlin Data Meetup, Nov 2026"},
			Interests: []string{"stream processing"},
		},
		Interactions: []string{linkvet.EngagedWithYourContent},
		Source:       "manual",
	}
}

var now = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)

// loadRule loads a policy with one rule and returns the rule.
func loadRule(t testing.TB, when string) *Rule {
	t.Helper()
	src := fmt.Sprintf("rules:\n  - name: r\n    points: 1\n    when: %q\n", when)
	p, err := Load([]byte(src), "policy.yaml")
	if err != nil {
		t.Fatalf("Load(%q): %v", when, err)
	}
	return p.Rules[0]
}

func TestRuleMatch(t *testing.T) {
	bare := &linkvet.Invitation{Person: linkvet.Person{Name: "Nobody"}}
	styled := alex()
	styled.Person.Headline = "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 | ｖｉｓｉｏｎａｒｙ 🚀"
	styled.Person.About = "Cha\u200bnging the w\u200borld"
	tests := []struct {
		name string
		inv  *linkvet.Invitation
		when string
		want bool
	}{
		{"string field", alex(), `inv.person.company == "Acme"`, true},
		{"string function", alex(), `inv.person.headline.contains("Data") && inv.note.startsWith("Hi")`, true},
		{"int field", alex(), `inv.mutual_connections == 7 && inv.person.connections == 500 && inv.person.followers == 1200 && inv.person.recommendations == 3`, true},
		{"unknown ints are -1", bare, `inv.mutual_connections == -1 && inv.person.connections == -1 && inv.person.followers == -1 && inv.person.recommendations == -1 && inv.person.account_age_months == -1`, true},
		{"account age", alex(), `inv.person.account_age_months == 139`, true},
		{"bools", alex(), `inv.person.verified && inv.has_note`, true},
		{"unknown verified is false", bare, `!inv.person.verified && !inv.has_note`, true},
		{"photo unknown when absent", bare, `inv.person.photo == "unknown"`, true},
		{"direction defaults to incoming", bare, `inv.direction == "incoming"`, true},
		{"intent defaults to unknown", bare, `verdict.intent == "unknown"`, true},
		{"category and score", alex(), `verdict.category == "industry_peer" && verdict.score == 42`, true},
		{"lists", alex(), `"Go" in inv.person.skills && size(inv.mutual_names) == 2 && "TU Berlin" in inv.shared.schools && size(inv.shared.companies) == 0`, true},
		{"list macros", alex(), `inv.person.emails.exists(e, e.endsWith("@acme.example")) && inv.person.websites.all(w, w.startsWith("https://"))`, true},
		{"interactions", alex(), `"engaged_with_your_content" in inv.interactions && inv.source == "manual"`, true},
		{"empty lists", bare, `size(inv.person.skills) + size(inv.person.phones) + size(inv.shared.events) + size(inv.shared.interests) + size(inv.shared.groups) == 0`, true},
		{"has_phrase plain", alex(), `has_phrase(inv.person.headline, "data engineer")`, true},
		{"has_phrase whole words only", alex(), `has_phrase(inv.person.headline, "engine")`, false},
		{"has_phrase styled letters", styled, `has_phrase(inv.person.headline, "thought leader")`, true},
		{"has_phrase full width", styled, `has_phrase(inv.person.headline, "Visionary")`, true},
		{"has_phrase emoji", styled, `has_phrase(inv.person.headline, "🚀")`, true},
		{"has_phrase emoji is not a word", styled, `has_phrase(inv.person.headline, "rocket")`, false},
		{"has_phrase zero width", styled, `has_phrase(inv.person.about, "changing the world")`, true},
		{"has_phrase list", alex(), `has_phrase(inv.shared.events, "data meetup")`, true},
		{"has_phrase list no match", alex(), `has_phrase(inv.person.skills, "java")`, false},
		{"has_phrase empty phrase", alex(), `has_phrase(inv.person.headline, " ")`, false},
		{"fold", styled, `fold(inv.person.headline).startsWith("thought leader")`, true},
		{"string extensions", alex(), `inv.person.name.lowerAscii().split(" ")[0] == "alex"`, true},
		{"regex", alex(), `inv.person.about.matches("(?i)stream(ing)?")`, true},
		{"false rule", alex(), `inv.mutual_connections < 3`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := loadRule(t, tt.when)
			in := &RuleInput{Invitation: tt.inv, Category: linkvet.IndustryPeer, Score: 42, Now: now}
			if tt.inv == bare {
				in.Category = ""
			}
			got, err := r.Match(in)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got != tt.want {
				t.Errorf("%s = %v, want %v", tt.when, got, tt.want)
			}
		})
	}
}

func TestRuleMatchErrors(t *testing.T) {
	tests := []struct {
		name     string
		when     string
		code     string
		contains string
	}{
		{"nested comprehensions over the invitation hit the cost limit",
			`inv.person.about.split(" ").all(a, inv.person.about.split(" ").all(b, inv.person.about.split(" ").all(c, a + b + c != "")))`,
			linkvet.ELIMIT, "cost limit"},
		{"growing strings hit the cost limit",
			`[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25].map(i, inv.person.about + inv.person.about + inv.person.about + inv.person.about).map(s, s + s + s + s).exists(s, has_phrase(s, "zzz"))`,
			linkvet.ELIMIT, "cost limit"},
		{"division by zero", `10 / (inv.mutual_connections - 7) > 1`, linkvet.EINVALID, "division by zero"},
		{"index out of range", `inv.person.skills[5] == "x"`, linkvet.EINVALID, "index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := loadRule(t, tt.when)
			inv := alex()
			inv.Person.About = strings.Repeat("streaming pipelines and more ", 100)
			got, err := r.Match(&RuleInput{Invitation: inv, Now: now})
			if err == nil {
				t.Fatalf("Match = %v, want an error", got)
			}
			if code := linkvet.ErrorCode(err); code != tt.code {
				t.Errorf("code %q, want %q (%v)", code, tt.code, err)
			}
			if msg := linkvet.ErrorMessage(err); !strings.Contains(msg, tt.contains) || !strings.Contains(msg, `rule "r" (policy line 2)`) {
				t.Errorf("message %q does not name the rule and %q", msg, tt.contains)
			}
		})
	}
}

func TestRuleMatchContextCancelled(t *testing.T) {
	r := loadRule(t, `[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, a+b > 0))`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := r.MatchContext(ctx, &RuleInput{Invitation: alex(), Now: now})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("MatchContext with a cancelled context = %v, want context.Canceled", err)
	}
	if ok, err := r.MatchContext(context.Background(), &RuleInput{Invitation: alex(), Now: now}); err != nil || !ok {
		t.Fatalf("MatchContext = %v, %v; want true, nil", ok, err)
	}
}

func TestRuleMatchWithoutInput(t *testing.T) {
	r := loadRule(t, `inv.mutual_connections > 1`)
	for _, in := range []*RuleInput{nil, {}} {
		if _, err := r.Match(in); linkvet.ErrorCode(err) != linkvet.EINVALID {
			t.Errorf("Match(%v) error %v, want EINVALID", in, err)
		}
	}
	var hand Rule // built by hand, never compiled
	if _, err := hand.Match(&RuleInput{Invitation: alex()}); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("uncompiled rule: error %v, want EINVALID", err)
	}
	var nilRule *Rule
	if _, err := nilRule.Match(&RuleInput{Invitation: alex()}); err == nil {
		t.Error("nil rule: no error")
	}
}

func TestAccountAgeMonths(t *testing.T) {
	tests := []struct {
		since string
		now   time.Time
		want  int
	}{
		{"2015-04", now, 139},
		{"2026-11", now, 0},
		{"2026-10", now, 1},
		{"2027-01", now, 0}, // in the future: a new account
		{"", now, -1},
		{"2015", now, -1},
		{"2015-13", now, -1},
		{"20x5-01", now, -1},
		{"2015-04", time.Time{}, -1},
	}
	for _, tt := range tests {
		if got := accountAgeMonths(tt.since, tt.now); got != tt.want {
			t.Errorf("accountAgeMonths(%q, %v) = %d, want %d", tt.since, tt.now, got, tt.want)
		}
	}
}

func BenchmarkRuleMatch(b *testing.B) {
	inv := alex()
	inv.Person.About = strings.Repeat("I build streaming pipelines for fintech teams. ", 20)
	for _, bench := range []struct{ name, when string }{
		{"simple", `inv.mutual_connections < 3 && !inv.has_note`},
		{"has_phrase", `has_phrase(inv.person.headline, "thought leader") || has_phrase(inv.person.about, "crypto coach")`},
		{"list", `"Kafka" in inv.person.skills && size(inv.shared.groups) > 0`},
		{"regex", `inv.person.about.matches("(?i)forex|crypto")`},
	} {
		b.Run(bench.name, func(b *testing.B) {
			r := loadRule(b, bench.when)
			in := &RuleInput{Invitation: inv, Category: linkvet.IndustryPeer, Score: 10, Now: now}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Match(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func foldFields(s string) []string { return fold.Fields(s) }

func TestRuleMatchConcurrently(t *testing.T) {
	p, err := Load([]byte("known: [linkedin.com/in/alex-kim]\nrules:\n  - {name: r, when: 'has_phrase(inv.person.headline, \"data engineer\") && inv.mutual_connections > 3', points: 1}\n"), "policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	for range 4 {
		go func() {
			var err error
			for range 200 {
				ok, e := p.Rules[0].Match(&RuleInput{Invitation: alex(), Now: now})
				if known, _ := p.IsKnown(alex()); e != nil || !ok || !known {
					err = fmt.Errorf("Match = %v, %v; known %v", ok, e, known)
				}
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
