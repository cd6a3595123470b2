package outreach

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/policy"
)

// EventKind is what happened to an invitation after it was sent (the
// domain's linkvet.OutreachKind; the names are kept for this package's
// readers).
type EventKind = linkvet.OutreachKind

const (
	EventSent         = linkvet.OutreachSent         // the user sent it (again)
	EventWithdrawn    = linkvet.OutreachWithdrawn    // the user took it back
	EventDeclined     = linkvet.OutreachDeclined     // the person said no
	EventIgnored      = linkvet.OutreachIgnored      // no answer, and it is gone
	EventAccepted     = linkvet.OutreachAccepted     // the person accepted
	EventFollowUpDone = linkvet.OutreachFollowUpDone // the user wrote after accepting
)

// EventKinds lists every kind, in the order a life cycle meets them.
var EventKinds = linkvet.OutreachKinds

// Event is one entry of the outreach log. Events are only ever appended.
type Event = linkvet.OutreachEvent

// State is what the store knows that outreach needs, read in one go.
type State = linkvet.OutreachState

// Status is where an outgoing invitation stands.
type Status string

const (
	StatusPending   Status = "pending"
	StatusAccepted  Status = "accepted"
	StatusWithdrawn Status = "withdrawn"
	StatusDeclined  Status = "declined"
	StatusIgnored   Status = "ignored"
)

// Tracked is one outgoing invitation with its status.
type Tracked struct {
	ID      string         `json:"id"`
	Person  linkvet.Person `json:"person"`
	Note    string         `json:"note,omitempty"` // the note sent with it
	Status  Status         `json:"status"`
	SentAt  time.Time      `json:"sent_at"`           // the latest sending
	Since   time.Time      `json:"since,omitzero"`    // when the status began, when it is not pending
	Comment string         `json:"comment,omitempty"` // the note of the event that set the status
	// AgeDays is how long a pending invitation has waited.
	AgeDays int `json:"age_days"`
	// SuggestWithdraw is set on a pending invitation older than
	// policy.Outreach.WithdrawAfterDays.
	SuggestWithdraw bool `json:"suggest_withdraw"`
	// ReinviteAt is when a withdrawn invitation may be sent again.
	ReinviteAt time.Time `json:"reinvite_at,omitzero"`
	// sends are every time it was sent, oldest first; the note went with
	// each when Note is set.
	sends []time.Time
}

// Blocks reports whether the status forbids inviting the person again at
// now, and why, for the user.
func (t *Tracked) Blocks(now time.Time) (bool, string) {
	switch t.Status {
	case StatusPending:
		return true, "you invited " + name(t.Person) + " on " + day(t.SentAt) + " and the invitation is still pending; it stays in their list until they answer, or until you withdraw it"
	case StatusAccepted:
		return true, name(t.Person) + " already accepted your invitation"
	case StatusDeclined:
		return true, name(t.Person) + " declined your invitation on " + day(t.Since) + "; take the hint and do not invite them again"
	case StatusIgnored:
		return true, name(t.Person) + " never answered your invitation of " + day(t.SentAt) + "; do not invite them again"
	case StatusWithdrawn:
		if now.Before(t.ReinviteAt) {
			return true, "you withdrew your invitation to " + name(t.Person) + " on " + day(t.Since) + "; LinkedIn lets you invite them again from " + day(t.ReinviteAt)
		}
	}
	return false, ""
}

// Days turns a count of days into a duration.
func Days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

// Track folds the outgoing invitations of s and their events into one
// status each (see the package doc), oldest sending first.
func Track(s State, p *policy.Policy, now time.Time) []Tracked {
	if p == nil {
		p = policy.Default()
	}
	return trackAll(s, p, now, index(s.Known, persons(s.Invitations, linkvet.Outgoing), nil))
}

// trackAll is Track with the known people indexed already.
func trackAll(s State, p *policy.Policy, now time.Time, known *people) []Tracked {
	events := eventsByInvitation(s.Events)
	var out []Tracked
	for i := range s.Invitations {
		si := &s.Invitations[i]
		if si.Invitation.Direction != linkvet.Outgoing {
			continue
		}
		out = append(out, track(si, events[si.Invitation.ID], known, p.Outreach, now))
	}
	slices.SortStableFunc(out, func(a, b Tracked) int {
		return cmp.Or(a.SentAt.Compare(b.SentAt), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// sendingSlack is how far apart two records of one sending may be dated.
// LinkedIn refuses a second invitation while one is pending, so two real
// sendings to one person are days apart, never a minute.
const sendingSlack = time.Minute

func sameSending(a, b time.Time) bool {
	d := a.Sub(b)
	return d > -sendingSlack && d < sendingSlack
}

func track(si *linkvet.StoredInvitation, events []Event, known *people, o policy.Outreach, now time.Time) Tracked {
	inv := &si.Invitation
	t := Tracked{ID: inv.ID, Person: inv.Person, Note: inv.Message, Status: StatusPending}
	switch {
	case inv.SentAt != nil:
		t.SentAt = *inv.SentAt
	default:
		t.SentAt = si.AddedAt
	}
	t.sends = []time.Time{t.SentAt}
	for _, e := range events {
		switch e.Kind {
		case EventSent:
			// The "sent" event of the invitation's own sending is dated a
			// moment after its sent_at (two clock reads of one recording):
			// one sending, counted once.
			if !slices.ContainsFunc(t.sends, func(at time.Time) bool { return sameSending(at, e.At) }) {
				t.sends = append(t.sends, e.At)
			}
			if e.At.After(t.SentAt) {
				t.SentAt = e.At
			}
			t.Status, t.Since, t.Comment = StatusPending, time.Time{}, ""
		case EventWithdrawn, EventDeclined, EventIgnored, EventAccepted:
			t.Status, t.Since, t.Comment = Status(e.Kind), e.At, e.Note
		}
	}
	if t.Status != StatusPending && t.SentAt.After(t.Since) {
		// A later export shows a newer invitation to the same person: it
		// was sent again outside linkvet.
		t.Status, t.Since, t.Comment = StatusPending, time.Time{}, ""
	}
	slices.SortFunc(t.sends, time.Time.Compare)
	// Being connected beats anything the log says: however it happened,
	// there is nobody left to invite.
	if d := si.Decision; d != nil && d.Action == linkvet.Accept {
		t.Status, t.Since, t.Comment = StatusAccepted, d.At, d.Note
	} else if k, ok := known.find(inv.Person, isConnection); ok {
		t.Status, t.Since, t.Comment = StatusAccepted, k.Since, "a connection in the imported export"
	}
	switch t.Status {
	case StatusPending:
		t.AgeDays = max(0, int(now.Sub(t.SentAt)/Days(1)))
		t.SuggestWithdraw = o.WithdrawAfterDays > 0 && now.Sub(t.SentAt) >= Days(o.WithdrawAfterDays)
	case StatusWithdrawn:
		t.ReinviteAt = t.Since.Add(Days(o.ReinviteAfterWithdrawDays))
	}
	return t
}

// eventsByInvitation groups events by invitation, each group in the order
// they happened.
func eventsByInvitation(events []Event) map[string][]Event {
	m := make(map[string][]Event)
	for _, e := range events {
		m[e.InvitationID] = append(m[e.InvitationID], e)
	}
	for _, list := range m {
		slices.SortStableFunc(list, func(a, b Event) int {
			return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
		})
	}
	return m
}

// people indexes the known people an operation asks about, by profile
// URL, e-mail address and folded name. Normalizing tens of thousands of
// addresses costs more than the rest of an operation, so only those whose
// last path segment matches a wanted person's are normalized, and names
// are folded only when a wanted person has no address or a name is wanted.
type people struct {
	byKey  map[string]*linkvet.KnownPerson
	byName map[string][]*linkvet.KnownPerson
}

func index(known []linkvet.KnownPerson, wanted []linkvet.Person, names []string) *people {
	ix := &people{byKey: map[string]*linkvet.KnownPerson{}, byName: map[string][]*linkvet.KnownPerson{}}
	slugs := map[string]bool{}
	emails, byName := false, len(names) > 0
	for _, p := range wanted {
		if s := slug(p.ProfileURL); s != "" {
			slugs[s] = true
		}
		emails = emails || len(p.Emails) > 0
		byName = byName || personKey(p) == ""
	}
	for i := range known {
		k := &known[i]
		if k.ProfileURL != "" && slugs[slug(k.ProfileURL)] {
			if key := linkvet.NormalizeProfileURL(k.ProfileURL); key != "" {
				ix.byKey[key] = k
			}
		}
		if emails && k.Email != "" {
			if key := linkvet.NormalizeEmail(k.Email); key != "" {
				ix.byKey[key] = k
			}
		}
		if byName {
			if n := fold.String(k.Name); n != "" {
				ix.byName[n] = append(ix.byName[n], k)
			}
		}
	}
	return ix
}

// slug is the last segment of a profile address's path, lower-cased: a
// cheap key that every form of one address shares.
func slug(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimRight(u, "/ ")
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		u = u[i+1:]
	}
	if strings.IndexByte(u, '%') >= 0 {
		if un, err := url.PathUnescape(u); err == nil {
			u = un
		}
	}
	return strings.ToLower(u)
}

func isConnection(k *linkvet.KnownPerson) bool { return slices.Contains(k.Sources, "connection") }

func anyone(*linkvet.KnownPerson) bool { return true }

// find matches p, among the people keep accepts, by profile URL or e-mail
// address; by folded name only when p has neither, so that two people of
// one name are not confused when their addresses say they differ.
func (ix *people) find(p linkvet.Person, keep func(*linkvet.KnownPerson) bool) (*linkvet.KnownPerson, bool) {
	keyed := false
	if key := linkvet.NormalizeProfileURL(p.ProfileURL); key != "" {
		keyed = true
		if k, ok := ix.byKey[key]; ok && keep(k) {
			return k, true
		}
	}
	for _, e := range p.Emails {
		if key := linkvet.NormalizeEmail(e); key != "" {
			keyed = true
			if k, ok := ix.byKey[key]; ok && keep(k) {
				return k, true
			}
		}
	}
	if keyed || p.Name == "" {
		return nil, false
	}
	return ix.named(p.Name, keep)
}

// named finds a person by folded name.
func (ix *people) named(name string, keep func(*linkvet.KnownPerson) bool) (*linkvet.KnownPerson, bool) {
	for _, k := range ix.byName[fold.String(name)] {
		if keep(k) {
			return k, true
		}
	}
	return nil, false
}

// persons lists the people of the invitations, for index.
func persons(invs []linkvet.StoredInvitation, dir linkvet.Direction, extra ...linkvet.Person) []linkvet.Person {
	out := extra
	for i := range invs {
		d := invs[i].Invitation.Direction
		if d == "" {
			d = linkvet.Incoming // invitation-v1's default
		}
		if d == dir {
			out = append(out, invs[i].Invitation.Person)
		}
	}
	return out
}

// samePerson reports whether a and b name one person: by profile URL or
// e-mail address when both have one, else by folded name.
func samePerson(a, b linkvet.Person) bool {
	ka, kb := personKey(a), personKey(b)
	if ka != "" && kb != "" {
		return ka == kb
	}
	na, nb := fold.String(a.Name), fold.String(b.Name)
	return na != "" && na == nb
}

func personKey(p linkvet.Person) string {
	email := ""
	if len(p.Emails) > 0 {
		email = p.Emails[0]
	}
	return linkvet.PersonKey(p.ProfileURL, email)
}

// name is how a person is called in messages.
func name(p linkvet.Person) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.ProfileURL != "":
		return p.ProfileURL
	}
	return "this person"
}

// day formats a date for messages.
func day(t time.Time) string {
	if t.IsZero() {
		return "an unknown date"
	}
	return t.Format("2006-01-02")
}
