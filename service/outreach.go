package service

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
)

// Outreach is what the outreach and network use cases reason over: the
// store's snapshot, the policy in force and the time.
type Outreach struct {
	State  outreach.State
	Policy *policy.Policy
	Now    time.Time
}

// OutreachView reads the snapshot the outreach rules need.
func (s *Service) OutreachView(ctx context.Context) (Outreach, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return Outreach{}, err
	}
	st, err := s.store.OutreachState(ctx)
	if err != nil {
		return Outreach{}, err
	}
	// Deciding, accepting and following up are interactions too.
	st.Known = outreach.Touched(st)
	return Outreach{State: st, Policy: p, Now: s.now()}, nil
}

// FollowUps lists the follow-ups owed on accepted invitations.
func (s *Service) FollowUps(ctx context.Context) ([]outreach.FollowUp, Outreach, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return nil, v, err
	}
	return outreach.FollowUps(v.State, v.Policy, v.Policy.Me, v.Now), v, nil
}

// Plan is the weekly budget and the state of the user's invitations.
func (s *Service) Plan(ctx context.Context) (outreach.PlanReport, Outreach, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return outreach.PlanReport{}, v, err
	}
	return outreach.Plan(v.State, v.Policy, v.Now), v, nil
}

// CheckTarget vets someone the user means to invite; lang is the language
// to read the note in ("" detects it).
func (s *Service) CheckTarget(ctx context.Context, target *linkvet.Invitation, reason, lang string) (outreach.Check, Outreach, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return outreach.Check{}, v, err
	}
	return outreach.CheckTarget(personOnly(target), reason, lang, v.State, v.Policy, v.Now), v, nil
}

// personOnly is target without the id linkvet derives for it, if that is
// the id it has: notes are seeded by their recipient, and a face that
// derived the id (the web's form) and one that did not (a file without
// one) must write the same notes for the same person. An id the user gave
// is kept.
func personOnly(target *linkvet.Invitation) *linkvet.Invitation {
	if target == nil || target.ID == "" {
		return target
	}
	t := *target
	t.ID = ""
	if linkvet.InvitationID(&t) != target.ID {
		return target
	}
	return &t
}

// NoteDraft is one note linkvet wrote for the user to send.
type NoteDraft struct {
	Note     string `json:"note"`
	Length   int    `json:"length"` // in characters, as LinkedIn counts them
	Score    int    `json:"score"`  // the note linter's score of the draft
	Language string `json:"language"`
}

// DraftNotes writes notes the user could send with an invitation to
// target, each within outreach.note_limit and scored by the note linter,
// in lang: a tag of compose.NoteLanguages, or "" for the person's language
// when the user speaks it, else the user's own. It returns the language
// written in and the drafts, none when nothing fits the limit.
func (s *Service) DraftNotes(ctx context.Context, target *linkvet.Invitation, reason, lang string) (string, []NoteDraft, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return "", nil, err
	}
	limit := p.Outreach.NoteLimit
	target = personOnly(target)
	chosen := compose.NoteLanguage(lang, target, p.Me)
	notes := compose.ComposeIn(chosen, target, p.Me, reason, limit)
	out := make([]NoteDraft, len(notes))
	for i, n := range notes {
		out[i] = NoteDraft{Note: n, Length: compose.Length(n), Score: compose.LintIn(chosen, n, target, p.Me, limit).Score, Language: chosen}
	}
	return chosen, out, nil
}

// SentInvitation says where an invitation the user sent stands at the
// service's clock: pending (and whether to withdraw it), accepted,
// withdrawn (and from when the person may be invited again), declined or
// ignored. It is ENOTFOUND when id names no invitation the user sent.
func (s *Service) SentInvitation(ctx context.Context, id string) (outreach.Tracked, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return outreach.Tracked{}, err
	}
	for _, t := range outreach.Track(v.State, v.Policy, v.Now) {
		if t.ID == id {
			return t, nil
		}
	}
	return outreach.Tracked{}, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation you sent has the id %q", clip(id, 80))
}

// Sent is what RecordSent did.
type Sent struct {
	ID   string              `json:"id"`
	Plan outreach.PlanReport `json:"plan"` // the budget, counting this invitation
	// Warning says when this invitation went over the weekly budget: it is
	// recorded all the same (it was sent), but the user should slow down.
	Warning string `json:"warning,omitempty"`
}

// RecordSent stores an invitation the user has just sent (direction
// outgoing, sent now) with a "sent" event, in one transaction. An
// invitation to the same person stored already is enriched and sent again,
// unless LinkedIn would not allow it under the user's policy: still
// pending, accepted, or withdrawn less than
// outreach.reinvite_after_withdraw_days ago (ECONFLICT). The returned plan
// counts the invitation just recorded.
func (s *Service) RecordSent(ctx context.Context, inv linkvet.Invitation) (Sent, error) {
	switch inv.Direction {
	case "", linkvet.Outgoing:
		inv.Direction = linkvet.Outgoing
	default:
		return Sent{}, linkvet.Errorf(linkvet.EINVALID, "the invitation's direction is %q: only invitations you send can be recorded as sent", inv.Direction)
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return Sent{}, err
	}
	var out Sent
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		now := tx.Now()
		inv.SentAt = &now
		st, err := tx.OutreachState(ctx)
		if err != nil {
			return err
		}
		for _, t := range outreach.Track(st, p, now) {
			if !samePerson(t.Person, inv.Person) && t.ID != inv.ID {
				continue
			}
			if blocks, why := t.Blocks(now); blocks && t.Status != outreach.StatusDeclined && t.Status != outreach.StatusIgnored {
				return linkvet.Errorf(linkvet.ECONFLICT, "cannot record a new invitation: %s", why)
			}
		}
		ids, err := tx.PutInvitations(ctx, []linkvet.Invitation{inv})
		if err != nil {
			return err
		}
		ev, err := tx.AppendOutreach(ctx, linkvet.OutreachEvent{InvitationID: ids[0], Kind: linkvet.OutreachSent})
		if err != nil {
			return err
		}
		after, err := tx.OutreachState(ctx)
		if err != nil {
			return err
		}
		// The plan as of the event, which the store dated a moment after
		// sent_at: as of sent_at the event would be in the future.
		at := now
		if ev.At.After(at) {
			at = ev.At
		}
		out = Sent{ID: ids[0], Plan: outreach.Plan(after, p, at)}
		if b := out.Plan.WeeklyBudget; b > 0 && out.Plan.SentThisWeek > b {
			out.Warning = fmt.Sprintf("this is invitation %d of a weekly budget of %d (rolling 7 days): LinkedIn restricts accounts that invite too many people; send the next one after %s",
				out.Plan.SentThisWeek, b, out.Plan.NextSlot.In(p.Location()).Format("Mon 2006-01-02 15:04"))
		}
		return nil
	})
	return out, err
}

func samePerson(a, b linkvet.Person) bool {
	ka, kb := personKey(a), personKey(b)
	return ka != "" && ka == kb
}

func personKey(p linkvet.Person) string {
	var email string
	if len(p.Emails) > 0 {
		email = p.Emails[0]
	}
	return linkvet.PersonKey(p.ProfileURL, email)
}

// RecordOutreach appends an event to the outreach log of an invitation,
// checked against its life cycle and the user's policy: withdrawing,
// declining, ignoring or marking accepted one that is not pending, or a
// follow-up on an invitation the user has not accepted or already followed
// up, is ECONFLICT. sent, withdrawn, declined, ignored and accepted apply
// to outgoing invitations, followup_done to incoming ones. Use RecordSent
// to send again.
func (s *Service) RecordOutreach(ctx context.Context, id string, kind linkvet.OutreachKind, note string) (linkvet.OutreachEvent, *policy.Policy, error) {
	id = strings.TrimSpace(id)
	if !kind.Valid() || kind == linkvet.OutreachSent {
		names := []string{}
		for _, k := range linkvet.OutreachKinds {
			if k != linkvet.OutreachSent {
				names = append(names, string(k))
			}
		}
		return linkvet.OutreachEvent{}, nil, linkvet.Errorf(linkvet.EINVALID, "%q is not one of %s", clip(string(kind), 40), strings.Join(names, ", "))
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return linkvet.OutreachEvent{}, nil, err
	}
	var out linkvet.OutreachEvent
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		si, err := tx.Invitation(ctx, id)
		if err != nil {
			return err
		}
		st, err := tx.OutreachState(ctx)
		if err != nil {
			return err
		}
		ev := linkvet.OutreachEvent{InvitationID: si.Invitation.ID, Kind: kind, Note: strings.TrimSpace(note)}
		if err := allowed(ev, si, st, p, tx.Now()); err != nil {
			return err
		}
		out, err = tx.AppendOutreach(ctx, ev)
		return err
	})
	return out, p, err
}

// Marked is what Mark recorded and what it means for the user.
type Marked struct {
	Event linkvet.OutreachEvent
	// ReinviteAt is, after a withdrawal, when LinkedIn lets the user invite
	// the person again (outreach.reinvite_after_withdraw_days on).
	ReinviteAt time.Time
	// RemoveAfter is, after a follow-up, when linkvet suggests removing the
	// connection if they have not answered; zero when
	// follow_up.remove_after_silence_days turns that off.
	RemoveAfter time.Time
}

// Mark is RecordOutreach, with the dates the event sets going: when the
// person may be invited again after a withdrawal, when a follow-up left
// unanswered suggests removing the connection.
func (s *Service) Mark(ctx context.Context, id string, kind linkvet.OutreachKind, note string) (Marked, error) {
	ev, p, err := s.RecordOutreach(ctx, id, kind, note)
	if err != nil {
		return Marked{}, err
	}
	m := Marked{Event: ev}
	switch kind {
	case linkvet.OutreachWithdrawn:
		m.ReinviteAt = ev.At.Add(outreach.Days(p.Outreach.ReinviteAfterWithdrawDays))
	case linkvet.OutreachFollowUpDone:
		if p.FollowUp.RemoveAfterSilenceDays > 0 {
			m.RemoveAfter = ev.At.Add(outreach.Days(p.FollowUp.RemoveAfterSilenceDays))
		}
	}
	return m, nil
}

// allowed checks an event against the invitation's current state.
func allowed(ev linkvet.OutreachEvent, si *linkvet.StoredInvitation, st outreach.State, p *policy.Policy, now time.Time) error {
	dir := si.Invitation.Direction
	if ev.Kind.ForOutgoing() != (dir == linkvet.Outgoing) {
		if dir == linkvet.Outgoing {
			return linkvet.Errorf(linkvet.EINVALID, "invitation %s is one you sent; a follow-up applies to invitations you accepted", ev.InvitationID)
		}
		return linkvet.Errorf(linkvet.EINVALID, "invitation %s was sent to you; %s applies to invitations you sent (record your answer with linkvet decide %s ACTION)", ev.InvitationID, ev.Kind, ev.InvitationID)
	}
	if ev.Kind == linkvet.OutreachFollowUpDone {
		if d := linkvet.Standing(si.Decision); d == nil || d.Action != linkvet.Accept {
			return linkvet.Errorf(linkvet.ECONFLICT, "you have not accepted invitation %s, so no follow-up is owed (record the acceptance with linkvet decide %s accept)", ev.InvitationID, ev.InvitationID)
		}
		for _, e := range st.Events {
			if e.InvitationID == ev.InvitationID && e.Kind == linkvet.OutreachFollowUpDone {
				return linkvet.Errorf(linkvet.ECONFLICT, "the follow-up on %s was already marked done on %s", ev.InvitationID, e.At.Format("2006-01-02"))
			}
		}
		return nil
	}
	var events []linkvet.OutreachEvent
	for _, e := range st.Events {
		if e.InvitationID == ev.InvitationID {
			events = append(events, e)
		}
	}
	t := outreach.Track(outreach.State{Invitations: []linkvet.StoredInvitation{*si}, Events: events, Known: st.Known}, p, now)[0]
	if t.Status != outreach.StatusPending {
		return linkvet.Errorf(linkvet.ECONFLICT, "invitation %s is %s, not pending: it cannot be marked %s now", ev.InvitationID, t.Status, ev.Kind)
	}
	return nil
}

// Reconcile marks as ignored each outgoing invitation that is pending in
// the store but no longer listed in e, an export just imported: LinkedIn
// drops an invitation from the list when it is declined or ignored, and the
// export does not say which. Invitations accepted meanwhile are closed by
// the import (the person is a connection). Nothing is marked when e has no
// Invitations.csv, nor an invitation sent after the export's newest date.
func (s *Service) Reconcile(ctx context.Context, e *linkvet.Export) (int, error) {
	if e == nil || !hasInvitationsFile(e) {
		return 0, nil
	}
	newest := newestDate(e)
	if newest.IsZero() {
		return 0, nil
	}
	listedKeys := map[string]bool{}
	listedIDs := map[string]bool{}
	for _, inv := range e.Outgoing {
		if k := personKey(inv.Person); k != "" {
			listedKeys[k] = true
		}
		if inv.ID != "" {
			listedIDs[inv.ID] = true
		}
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return 0, err
	}
	marked := 0
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		st, err := tx.OutreachState(ctx)
		if err != nil {
			return err
		}
		now := tx.Now()
		for _, t := range outreach.Track(st, p, now) {
			if t.Status != outreach.StatusPending || listedIDs[t.ID] || listedKeys[personKey(t.Person)] || !t.SentAt.Before(newest) {
				continue
			}
			note := "no longer pending in the LinkedIn export imported on " + now.Format("2006-01-02") +
				", and not a connection: declined or ignored (the export does not say which)"
			if _, err := tx.AppendOutreach(ctx, linkvet.OutreachEvent{InvitationID: t.ID, Kind: linkvet.OutreachIgnored, Note: note}); err != nil {
				return err
			}
			marked++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("reconcile sent invitations with the export: %w", err)
	}
	return marked, nil
}

// hasInvitationsFile reports whether the export read an Invitations.csv:
// without it, no invitation can be said to have left the list.
func hasInvitationsFile(e *linkvet.Export) bool {
	for _, f := range e.Files {
		base := path.Base(strings.ReplaceAll(f.Name, `\`, "/"))
		base = strings.TrimSuffix(base, path.Ext(base))
		key := strings.Map(func(r rune) rune {
			if r == ' ' || r == '_' || r == '-' {
				return -1
			}
			return r
		}, fold.String(base))
		if key == "invitations" && (len(f.Skipped) == 0 || !strings.HasPrefix(f.Skipped[0].Reason, "not read")) {
			return true
		}
	}
	return false
}

// newestDate is the latest time the export mentions: a bound on when it
// was made.
func newestDate(e *linkvet.Export) time.Time {
	var newest time.Time
	see := func(t time.Time) {
		if t.After(newest) {
			newest = t
		}
	}
	for _, list := range [][]linkvet.Invitation{e.Incoming, e.Outgoing} {
		for _, inv := range list {
			if inv.SentAt != nil {
				see(*inv.SentAt)
			}
		}
	}
	for _, m := range e.Messages {
		see(m.At)
	}
	for _, k := range e.Known {
		see(k.Since)
		see(k.LastSeen)
	}
	return newest
}

// Tag adds a tag on known people (named by key, profile URL, e-mail or
// name); all or none.
func (s *Service) Tag(ctx context.Context, people []string, tag string) error {
	return s.store.Tag(ctx, people, tag)
}

// Untag removes a tag from known people; all or none.
func (s *Service) Untag(ctx context.Context, people []string, tag string) error {
	return s.store.Untag(ctx, people, tag)
}

// KnownKey is the key under which the store keeps a known person, the key
// Tag and Untag take: linkvet.PersonKey of the profile URL and e-mail, else
// "name:" and the folded name. (sqlite.KnownKey is the same; a test holds
// them together.)
func KnownKey(p linkvet.KnownPerson) string {
	if k := linkvet.PersonKey(p.ProfileURL, p.Email); k != "" {
		return k
	}
	if n := fold.String(p.Name); n != "" {
		return "name:" + n
	}
	return ""
}
