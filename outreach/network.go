package outreach

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/policy"
)

// LinkedIn's cap on first-degree connections, and the count at which
// linkvet starts warning (90 %), so that there is room to prune first.
const (
	ConnectionCap = 30000
	CapWarning    = ConnectionCap * 9 / 10
)

// Network summarises the user's connections.
type Network struct {
	Connections int `json:"connections"` // including hidden ones
	Hidden      int `json:"hidden"`      // members who hide their details from exports
	Cap         int `json:"cap"`
	Left        int `json:"left"`
	// Warning is set from CapWarning on, with what to do.
	Warning string `json:"warning,omitempty"`
	// StaleAfterDays is the policy's threshold; 0 means stale connections
	// are not looked for.
	StaleAfterDays int `json:"stale_after_days"`
	// Stale lists connections with no interaction for StaleAfterDays,
	// quietest first.
	Stale []StaleConnection `json:"stale"`
	// Undated counts connections with neither a connection date nor a
	// message: linkvet cannot tell whether they went quiet.
	Undated  int        `json:"undated"`
	Tags     []TagCount `json:"tags"`
	Untagged int        `json:"untagged"` // connections with no tag
}

// StaleConnection is a connection gone quiet.
type StaleConnection struct {
	Person linkvet.KnownPerson `json:"person"`
	// LastInteraction is the last message either way, else the date of
	// connecting.
	LastInteraction time.Time `json:"last_interaction"`
	QuietDays       int       `json:"quiet_days"`
}

// TagCount is one tag and how many known people carry it.
type TagCount struct {
	Tag   string `json:"tag"`
	Count int    `json:"count"`
}

// Summarize counts the connections in known (plus hidden ones) against
// the cap, lists the stale ones (policy.FollowUp.StaleAfterDays) and
// counts tags over everyone known.
func Summarize(known []linkvet.KnownPerson, hidden int, p *policy.Policy, now time.Time) Network {
	if p == nil {
		p = policy.Default()
	}
	n := Network{Hidden: hidden, Cap: ConnectionCap, StaleAfterDays: p.FollowUp.StaleAfterDays, Stale: []StaleConnection{}, Tags: []TagCount{}}
	tags := map[string]*TagCount{}
	for i := range known {
		k := &known[i]
		for _, t := range k.Tags {
			f := fold.String(t)
			if tc, ok := tags[f]; ok {
				tc.Count++
			} else {
				tags[f] = &TagCount{Tag: t, Count: 1}
			}
		}
		if !isConnection(k) {
			continue
		}
		n.Connections++
		if len(k.Tags) == 0 {
			n.Untagged++
		}
	}
	n.Stale = Stale(known, p, now)
	for i := range known {
		if isConnection(&known[i]) && lastInteraction(&known[i]).IsZero() {
			n.Undated++
		}
	}
	n.Connections += hidden
	n.Left = max(0, ConnectionCap-n.Connections)
	switch {
	case n.Connections >= ConnectionCap:
		n.Warning = fmt.Sprintf("You have %d connections, LinkedIn's cap of %d: nobody can connect with you until you remove some. Start with the stale ones.", n.Connections, ConnectionCap)
	case n.Connections >= CapWarning:
		n.Warning = fmt.Sprintf("You have %d connections, %d%% of LinkedIn's cap of %d: %d left. Prune stale connections before invitations start to bounce.",
			n.Connections, n.Connections*100/ConnectionCap, ConnectionCap, n.Left)
	}
	for _, tc := range tags {
		n.Tags = append(n.Tags, *tc)
	}
	slices.SortFunc(n.Tags, func(a, b TagCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(fold.String(a.Tag), fold.String(b.Tag)))
	})
	return n
}

// Stale lists connections with no interaction (last message, else the
// date of connecting) for policy.FollowUp.StaleAfterDays, quietest first.
// Connections without any date are left out: their silence is unknown.
func Stale(known []linkvet.KnownPerson, p *policy.Policy, now time.Time) []StaleConnection {
	if p == nil {
		p = policy.Default()
	}
	out := []StaleConnection{}
	days := p.FollowUp.StaleAfterDays
	if days <= 0 {
		return out
	}
	for i := range known {
		k := &known[i]
		last := lastInteraction(k)
		if !isConnection(k) || last.IsZero() || now.Sub(last) < Days(days) {
			continue
		}
		// Someone the policy lists as known is kept whatever the silence.
		if listed, _ := p.IsKnown(&linkvet.Invitation{Person: linkvet.Person{Name: k.Name, ProfileURL: k.ProfileURL, Emails: nonEmpty(k.Email)}}); listed {
			continue
		}
		out = append(out, StaleConnection{Person: *k, LastInteraction: last, QuietDays: int(now.Sub(last) / Days(1))})
	}
	slices.SortStableFunc(out, func(a, b StaleConnection) int {
		return cmp.Or(a.LastInteraction.Compare(b.LastInteraction), strings.Compare(a.Person.Name, b.Person.Name))
	})
	return out
}

// AtCompany lists the connections whose company is company, compared
// folded as whole words: "Acme" finds "ACME" and "Acme Corp" but not
// "Acmeware".
func AtCompany(known []linkvet.KnownPerson, company string) []linkvet.KnownPerson {
	out := []linkvet.KnownPerson{}
	if len(fold.Fields(company)) == 0 {
		return out
	}
	for _, k := range known {
		if isConnection(&k) && fold.ContainsPhrase(k.Company, company) {
			out = append(out, k)
		}
	}
	return out
}

func lastInteraction(k *linkvet.KnownPerson) time.Time {
	if !k.LastSeen.IsZero() {
		return k.LastSeen
	}
	return k.Since
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Touched returns s.Known with each person's last contact moved up to the
// latest thing the user did about them in linkvet: deciding on their
// invitation (accepting is an interaction), sending them an invitation, or
// following up. Messages alone undercount: much of a relationship happens
// in these steps.
func Touched(s State) []linkvet.KnownPerson {
	latest := map[string]time.Time{}
	see := func(p linkvet.Person, at time.Time) {
		for _, k := range touchKeys(p.Name, p.ProfileURL, p.Emails) {
			if at.After(latest[k]) {
				latest[k] = at
			}
		}
	}
	byID := map[string]*linkvet.StoredInvitation{}
	for i := range s.Invitations {
		si := &s.Invitations[i]
		byID[si.Invitation.ID] = si
		if si.Decision != nil {
			see(si.Invitation.Person, si.Decision.At)
		}
	}
	for _, e := range s.Events {
		if si := byID[e.InvitationID]; si != nil {
			see(si.Invitation.Person, e.At)
		}
	}
	if len(latest) == 0 {
		return s.Known
	}
	out := make([]linkvet.KnownPerson, len(s.Known))
	copy(out, s.Known)
	for i := range out {
		k := &out[i]
		for _, key := range touchKeys(k.Name, k.ProfileURL, nonEmpty(k.Email)) {
			if at := latest[key]; at.After(k.LastSeen) {
				k.LastSeen = at
			}
		}
	}
	return out
}

// touchKeys are the keys a person is matched by: the profile URL or
// e-mail key when there is one, else the folded name.
func touchKeys(name, url string, emails []string) []string {
	email := ""
	if len(emails) > 0 {
		email = emails[0]
	}
	if k := linkvet.PersonKey(url, email); k != "" {
		return []string{k}
	}
	if n := fold.String(name); n != "" {
		return []string{"name:" + n}
	}
	return nil
}
