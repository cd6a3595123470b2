package outreach

import (
	"fmt"
	"slices"
	"time"

	"github.com/linkvet/linkvet/policy"
)

// Window is the span the weekly budget counts over: a rolling seven days,
// so that a burst on Sunday still counts on Monday.
const Window = 7 * 24 * time.Hour

// PlanReport says what the user can send, and when.
type PlanReport struct {
	// WeeklyBudget is policy.Outreach.WeeklyInvites; 0 means no budget.
	WeeklyBudget int `json:"weekly_budget"`
	SentThisWeek int `json:"sent_this_week"` // in the last seven days
	LeftThisWeek int `json:"left_this_week"`
	// NextSlot is when the next invitation may go out, when the budget is
	// spent; zero when one may go now.
	NextSlot time.Time `json:"next_slot,omitzero"`
	// PerDay is the suggested pace: the weekly budget spread over seven
	// days, so that invitations go out steadily rather than in bursts.
	PerDay int `json:"per_day"`
	// TodayMax is how many to send today at that pace.
	TodayMax int    `json:"today_max"`
	Spacing  string `json:"spacing"` // the advice in words

	FreeAccount    bool      `json:"free_account"`
	MonthlyNotes   int       `json:"monthly_notes"` // the quota; 0 = none applies
	NotesThisMonth int       `json:"notes_this_month"`
	NotesLeft      int       `json:"notes_left"`
	NotesReset     time.Time `json:"notes_reset,omitzero"` // the first of next month

	Pending  []Tracked `json:"pending"`  // still waiting, oldest first
	Withdraw []Tracked `json:"withdraw"` // pending longer than WithdrawAfterDays
	// DoNotReinvite lists people who declined or ignored the user, and
	// withdrawn invitations still inside the waiting period.
	DoNotReinvite []Tracked `json:"do_not_reinvite"`
}

// Plan works out the budget, the notes quota and the invitations to
// withdraw at now (see the package doc).
func Plan(s State, p *policy.Policy, now time.Time) PlanReport {
	if p == nil {
		p = policy.Default()
	}
	return planFrom(Track(s, p, now), p, now)
}

// planFrom is Plan for invitations tracked already.
func planFrom(tracked []Tracked, p *policy.Policy, now time.Time) PlanReport {
	o := p.Outreach
	r := PlanReport{WeeklyBudget: o.WeeklyInvites, FreeAccount: o.FreeAccount,
		Pending: []Tracked{}, Withdraw: []Tracked{}, DoNotReinvite: []Tracked{}}

	var week []time.Time
	loc := p.Location()
	local := now.In(loc)
	monthStart := time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc)
	for _, t := range tracked {
		for _, at := range t.sends {
			if at.After(now) {
				continue // recorded with a clock ahead of this one
			}
			if now.Sub(at) < Window {
				week = append(week, at)
			}
			if t.Note != "" && !at.Before(monthStart) {
				r.NotesThisMonth++
			}
		}
		switch t.Status {
		case StatusPending:
			r.Pending = append(r.Pending, t)
			if t.SuggestWithdraw {
				r.Withdraw = append(r.Withdraw, t)
			}
		case StatusDeclined, StatusIgnored:
			r.DoNotReinvite = append(r.DoNotReinvite, t)
		case StatusWithdrawn:
			if now.Before(t.ReinviteAt) {
				r.DoNotReinvite = append(r.DoNotReinvite, t)
			}
		}
	}
	slices.SortFunc(week, time.Time.Compare)
	r.SentThisWeek = len(week)

	if o.WeeklyInvites > 0 {
		r.LeftThisWeek = max(0, o.WeeklyInvites-r.SentThisWeek)
		if r.LeftThisWeek == 0 {
			// The slot of the oldest invitation that keeps the count at the
			// budget frees up seven days after it was sent.
			r.NextSlot = week[r.SentThisWeek-o.WeeklyInvites].Add(Window)
		}
		r.PerDay = max(1, (o.WeeklyInvites+3)/7)
		var today int
		dayStart := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
		for _, at := range week {
			if !at.Before(dayStart) {
				today++
			}
		}
		r.TodayMax = max(0, min(r.LeftThisWeek, r.PerDay-today))
		switch {
		case r.LeftThisWeek == 0:
			r.Spacing = fmt.Sprintf("The weekly budget of %d is spent: wait until %s, then send about %d a day.",
				o.WeeklyInvites, r.NextSlot.In(loc).Format("Mon 2006-01-02 15:04"), r.PerDay)
		case r.TodayMax == 0:
			r.Spacing = fmt.Sprintf("You sent %d today: about %d a day keeps you within %d a week. Send more tomorrow.", today, r.PerDay, o.WeeklyInvites)
		default:
			r.Spacing = fmt.Sprintf("Send about %d a day (up to %d more today); spread them out rather than sending them at once.", r.PerDay, r.TodayMax)
		}
	} else {
		r.Spacing = "No weekly budget is set (outreach.weekly_invites: 0); LinkedIn restricts accounts that invite far more than about 100 people a week."
	}

	if o.FreeAccount && o.MonthlyNotes > 0 {
		r.MonthlyNotes = o.MonthlyNotes
		r.NotesLeft = max(0, o.MonthlyNotes-r.NotesThisMonth)
		r.NotesReset = monthStart.AddDate(0, 1, 0)
	}
	slices.SortStableFunc(r.Withdraw, func(a, b Tracked) int { return a.SentAt.Compare(b.SentAt) })
	return r
}
