package mail

import (
	"strings"
	"testing"
)

// TestBodyVariants: layouts the fixtures do not show, read from a plain
// body under a LinkedIn sender and an invitation subject.
func TestBodyVariants(t *testing.T) {
	type want struct {
		headline, location, note, profile, accept string
		mutual                                    int // -1: unknown
	}
	for _, c := range []struct {
		name, body string
		want       want
	}{
		{"pronouns beside the name", `Alex Kim (She/Her)
Staff Engineer at Acme
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/1
View profile: https://www.linkedin.com/comm/in/alexkim
`, want{headline: "Staff Engineer at Acme", profile: "linkedin.com/in/alexkim", accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/1", mutual: -1}},
		{"labels and links apart, note first", `Dana,

I run the Go meetup in Porto and would like to invite you to speak; details at https://gomeetup.example/porto please have a look.

- Alex

Alex Kim
Community Lead at Gophers Porto
Porto, Portugal

Accept

https://www.linkedin.com/comm/mynetwork/invite-accept/2

View profile

https://www.linkedin.com/comm/in/alex-kim-porto
`, want{headline: "Community Lead at Gophers Porto", location: "Porto, Portugal",
			note:    "I run the Go meetup in Porto and would like to invite you to speak; details at https://gomeetup.example/porto please have a look.",
			profile: "linkedin.com/in/alex-kim-porto", accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/2", mutual: -1}},
		{"wrapped note, mutual names, suggestions after", `Alex Kim
Data Engineer at Acme
Jo Park and Sam Lee are mutual connections

Hello Dana, we were on the same panel at the
Stream Processing Summit. I would like to keep
in touch.

Reply to Alex
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/3

People you may know
Jamie Fox
Head of Growth
https://www.linkedin.com/comm/in/jamie-fox
`, want{headline: "Data Engineer at Acme", note: "Hello Dana, we were on the same panel at the Stream Processing Summit. I would like to keep in touch.",
			accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/3", mutual: 2}},
		{"a short note that opens with a greeting", `Alex Kim
Recruiter at Tailspin

Hi Dana, let's connect!

Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/5
`, want{headline: "Recruiter at Tailspin", note: "Hi Dana, let's connect!", accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/5", mutual: -1}},
		{"headline beside the name", `Alex Kim · 2nd · Platform Engineer at Acme | Kubernetes
Lisbon, Portugal
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/6
`, want{headline: "Platform Engineer at Acme | Kubernetes", location: "Lisbon, Portugal", accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/6", mutual: -1}},
		{"short headline beside the name", `Alex Kim | Founder
Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/7
`, want{headline: "Founder", accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/7", mutual: -1}},
		{"no headline, only the default sentence", `Hi Dana,
I'd like to connect with you on LinkedIn.
Alex Kim
Accept invitation https://www.linkedin.com/comm/mynetwork/invite-accept/4
`, want{accept: "https://www.linkedin.com/comm/mynetwork/invite-accept/4", mutual: -1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := "From: Alex Kim <invitations@linkedin.com>\nSubject: Alex Kim wants to connect\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n\n" + c.body
			res, err := Read("v.eml", strings.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Invitations) != 1 {
				t.Fatalf("got %d invitations, problems %v", len(res.Invitations), res.Problems)
			}
			inv := res.Invitations[0]
			mutual := -1
			if inv.MutualConnections != nil {
				mutual = *inv.MutualConnections
			}
			got := want{inv.Person.Headline, inv.Person.Location, inv.Message, inv.Person.ProfileURL, inv.AcceptURL, mutual}
			if got != c.want {
				t.Errorf("\n got %+v\nwant %+v", got, c.want)
			}
			if inv.Person.Name != "Alex Kim" {
				t.Errorf("name %q", inv.Person.Name)
			}
		})
	}
}

// TestUnknownLanguage: an invitation in a language the subject patterns
// do not know (Swedish here) is still read, by its Accept link, under the
// name LinkedIn sends it from.
func TestUnknownLanguage(t *testing.T) {
	raw := "From: Alex Kim <invitations@linkedin.com>\nSubject: Alex Kim vill ansluta\nDate: Mon, 02 Mar 2026 10:00:00 +0000\n\n" +
		"Alex Kim\nUtvecklare på Acme\nStockholm, Sverige\n\nGodkänn: https://www.linkedin.com/comm/mynetwork/invite-accept/8\nVisa profil: https://www.linkedin.com/comm/in/alexkim-se\n"
	res, err := Read("sv.eml", strings.NewReader(raw))
	if err != nil || len(res.Invitations) != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	inv := res.Invitations[0]
	if inv.Person.Name != "Alex Kim" || inv.Person.Headline != "Utvecklare på Acme" || inv.Person.ProfileURL != "linkedin.com/in/alexkim-se" {
		t.Errorf("read %+v", inv.Person)
	}
}

func TestAcceptLink(t *testing.T) {
	for _, c := range []struct {
		label, url string
		want       bool
	}{
		{"", "https://www.linkedin.com/comm/mynetwork/invite-accept/1", true},
		{"accept", "https://www.linkedin.com/e/v2?e=1&t=2", true},
		{"aceptar", "https://www.linkedin.com/x", true},
		{"", "https://www.linkedin.com/e/v2?e=1&a=acceptInvitation", true},
		{"", "https://www.linkedin.com/e/v2?e=1&action=accept", true},
		{"view profile", "https://www.linkedin.com/comm/in/a?trk=eml-accept_text", false},
		{"", "https://www.linkedin.com/comm/mynetwork/?trk=hero-accept", false},
		{"ignore", "https://www.linkedin.com/comm/mynetwork/invite-ignore/1", false},
	} {
		if got := acceptLink(ffold(c.label), c.url); got != c.want {
			t.Errorf("acceptLink(%q, %q) = %v", c.label, c.url, got)
		}
	}
}
