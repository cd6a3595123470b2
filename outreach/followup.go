package outreach

import (
	"cmp"
	"slices"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/policy"
)

// FollowUpStatus is where the conversation after an acceptance stands.
type FollowUpStatus string

const (
	FollowUpUpcoming FollowUpStatus = "upcoming" // not due yet
	FollowUpDue      FollowUpStatus = "due"
	FollowUpOverdue  FollowUpStatus = "overdue" // more than twice AfterDays since accepting
	FollowUpDone     FollowUpStatus = "done"    // the user wrote; waiting for an answer
	FollowUpReplied  FollowUpStatus = "replied" // the person wrote back: closed
	FollowUpSilent   FollowUpStatus = "silent"  // no answer RemoveAfterSilenceDays after the follow-up
)

// statusOrder puts what needs the user first.
var statusOrder = []FollowUpStatus{FollowUpOverdue, FollowUpDue, FollowUpSilent, FollowUpUpcoming, FollowUpDone, FollowUpReplied}

// FollowUp is the follow-up owed after accepting one invitation.
type FollowUp struct {
	InvitationID string         `json:"invitation_id"`
	Person       linkvet.Person `json:"person"`
	AcceptedAt   time.Time      `json:"accepted_at"`
	DueAt        time.Time      `json:"due_at"`
	Status       FollowUpStatus `json:"status"`
	// DoneAt is when the user followed up: marked done, or a message to
	// the person in an imported export.
	DoneAt    time.Time `json:"done_at,omitzero"`
	RepliedAt time.Time `json:"replied_at,omitzero"`
	// Draft is a message to send, using what the user and the person
	// share; empty once done, or for accounts linkvet drafts nothing for.
	Draft string `json:"draft,omitempty"`
	// SuggestRemove is set when the person never answered the follow-up:
	// a connection that does not talk is not a relationship.
	SuggestRemove bool   `json:"suggest_remove"`
	Why           string `json:"why"`
}

// untrusted reports whether linkvet judged the sender a scammer, a fake
// or someone to block, now or when the user accepted: a follow-up would
// only draw the user into the conversation the scam wants, so none is due.
func untrusted(si *linkvet.StoredInvitation) bool {
	if si.Decision != nil && si.Decision.Verdict == linkvet.Block {
		return true
	}
	v := si.Verdict
	if v == nil {
		return false
	}
	switch v.Category {
	case linkvet.Scammer, linkvet.Fake, linkvet.Blocked:
		return true
	}
	return v.Action == linkvet.Block
}

// FollowUps lists the follow-ups for the incoming invitations the user
// accepted, what needs doing first (see the package doc). me is the user,
// for the drafts.
func FollowUps(s State, p *policy.Policy, me linkvet.Me, now time.Time) []FollowUp {
	if p == nil {
		p = policy.Default()
	}
	fu := p.FollowUp
	events := eventsByInvitation(s.Events)
	wanted := persons(s.Invitations, linkvet.Incoming)
	known := index(s.Known, wanted, nil)
	msgs := indexMessages(s.Messages, wanted)
	var out []FollowUp
	for i := range s.Invitations {
		si := &s.Invitations[i]
		inv := &si.Invitation
		d := si.Decision
		if inv.Direction == linkvet.Outgoing || d == nil || d.Action != linkvet.Accept || untrusted(si) {
			continue
		}
		f := FollowUp{InvitationID: inv.ID, Person: inv.Person, AcceptedAt: d.At}
		if d.By == linkvet.ByRule {
			// Accepted on LinkedIn and found by an import: the connection
			// date is when it happened, the decision only when linkvet saw it.
			if k, ok := known.find(inv.Person, isConnection); ok && !k.Since.IsZero() && k.Since.Before(d.At) {
				f.AcceptedAt = k.Since
			}
		}
		f.DueAt = f.AcceptedAt.Add(Days(fu.AfterDays))
		for _, e := range events[inv.ID] {
			if e.Kind == EventFollowUpDone {
				f.DoneAt = e.At
				break
			}
		}
		if m, ok := msgs.first(inv.Person, f.AcceptedAt, true); ok && (f.DoneAt.IsZero() || m.At.Before(f.DoneAt)) {
			f.DoneAt = m.At
		}
		if m, ok := msgs.first(inv.Person, f.AcceptedAt, false); ok {
			f.RepliedAt = m.At
		}
		who := name(inv.Person)
		overdueAt := f.DueAt.Add(Days(max(fu.AfterDays, 1)))
		switch {
		case !f.RepliedAt.IsZero():
			f.Status = FollowUpReplied
			f.Why = who + " wrote to you on " + day(f.RepliedAt) + ": the conversation has started"
		case !f.DoneAt.IsZero() && fu.RemoveAfterSilenceDays > 0 && !now.Before(f.DoneAt.Add(Days(fu.RemoveAfterSilenceDays))) && !knownContact(si, p):
			f.Status = FollowUpSilent
			f.SuggestRemove = true
			f.Why = who + " has not answered your follow-up of " + day(f.DoneAt) + "; consider removing the connection"
		case !f.DoneAt.IsZero():
			f.Status = FollowUpDone
			f.Why = "you followed up on " + day(f.DoneAt) + "; waiting for an answer"
		case now.Before(f.DueAt):
			f.Status = FollowUpUpcoming
			f.Why = "due on " + day(f.DueAt) + ", a few days after you accepted"
		case now.Before(overdueAt):
			f.Status = FollowUpDue
			f.Why = "you accepted on " + day(f.AcceptedAt) + ": send a message to start the conversation"
		default:
			f.Status = FollowUpOverdue
			f.Why = "overdue since " + day(overdueAt) + ": a message now is still better than none"
		}
		if f.DoneAt.IsZero() && f.RepliedAt.IsZero() {
			f.Draft = followUpDraft(si, me)
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b FollowUp) int {
		return cmp.Or(cmp.Compare(slices.Index(statusOrder, a.Status), slices.Index(statusOrder, b.Status)),
			a.DueAt.Compare(b.DueAt), cmp.Compare(a.InvitationID, b.InvitationID))
	})
	return out
}

// knownContact reports whether the person is someone the user knows (the
// policy's known list, or a verdict that says so): silence after a
// follow-up is no reason to drop them.
func knownContact(si *linkvet.StoredInvitation, p *policy.Policy) bool {
	if si.Verdict != nil && si.Verdict.Category == linkvet.KnownContact {
		return true
	}
	known, _ := p.IsKnown(&si.Invitation)
	return known
}

// followUpDraft drafts the follow-up as the engine does for an accepted
// invitation, keeping the stored verdict's category, so that a scammer
// the user accepted anyway still gets nothing friendly drafted, and its
// languages, so that the follow-up is written in the language the
// verdict's own drafts chose (a Portuguese note gets a Portuguese
// follow-up, not one in the user's first language).
func followUpDraft(si *linkvet.StoredInvitation, me linkvet.Me) string {
	v := linkvet.Verdict{ID: si.Invitation.ID, Action: linkvet.Accept, Category: linkvet.IndustryPeer, Intent: linkvet.KeepInTouch}
	if sv := si.Verdict; sv != nil {
		v.Category, v.Intent, v.Report = sv.Category, sv.Intent, sv.Report
		v.Language, v.DraftsLanguage = sv.Language, sv.DraftsLanguage
	}
	return compose.Drafts(&si.Invitation, &v, me).FollowUp
}

// messageIndex finds messages by the other side's profile URL or folded
// name.
type messageIndex struct {
	byURL  map[string][]*linkvet.Message
	byName map[string][]*linkvet.Message
}

// indexMessages indexes the messages that may concern the wanted people
// under the other side: the sender of a message to the user, each
// recipient of one from the user. Only addresses whose last segment is a
// wanted person's are normalized; names are folded for messages without
// addresses, or for all when a wanted person has none.
func indexMessages(msgs []linkvet.Message, wanted []linkvet.Person) *messageIndex {
	ix := &messageIndex{byURL: map[string][]*linkvet.Message{}, byName: map[string][]*linkvet.Message{}}
	slugs := map[string]bool{}
	unkeyed := false
	for _, p := range wanted {
		if s := slug(p.ProfileURL); s != "" {
			slugs[s] = true
		} else {
			unkeyed = true
		}
	}
	addURL := func(m *linkvet.Message, u string) {
		if slugs[slug(u)] {
			if k := linkvet.NormalizeProfileURL(u); k != "" {
				ix.byURL[k] = append(ix.byURL[k], m)
			}
		}
	}
	for i := range msgs {
		m := &msgs[i]
		other := m.From
		if m.Outgoing {
			other = m.To
			for _, u := range m.ToURLs {
				addURL(m, u)
			}
		} else if m.FromURL != "" {
			addURL(m, m.FromURL)
		}
		if unkeyed || !messageHasURL(m) {
			if n := fold.String(other); n != "" {
				ix.byName[n] = append(ix.byName[n], m)
			}
		}
	}
	return ix
}

// first returns the earliest message after since between the user and p:
// written by the user when outgoing, by p otherwise. Profile URLs decide
// when both sides have one; otherwise the folded name does.
func (ix *messageIndex) first(p linkvet.Person, since time.Time, outgoing bool) (*linkvet.Message, bool) {
	var best *linkvet.Message
	url := linkvet.NormalizeProfileURL(p.ProfileURL)
	consider := func(list []*linkvet.Message, byName bool) {
		for _, m := range list {
			if m.Outgoing != outgoing || !m.At.After(since) || best != nil && !m.At.Before(best.At) {
				continue
			}
			if byName && url != "" && messageHasURL(m) {
				continue // both sides have addresses, and they differ
			}
			best = m
		}
	}
	if url != "" {
		consider(ix.byURL[url], false)
	}
	if n := fold.String(p.Name); n != "" {
		consider(ix.byName[n], true)
	}
	return best, best != nil
}

func messageHasURL(m *linkvet.Message) bool {
	if m.Outgoing {
		return len(m.ToURLs) > 0
	}
	return m.FromURL != ""
}
