package policy

import (
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Policy is the loaded, validated and defaulted policy. Its fields are plain
// data; Load fills KnownKeys and BlockedKeys from Known and Blocked. A Policy
// is read-only once loaded and safe for concurrent use.
type Policy struct {
	Me                                linkvet.Me    // yaml "me"
	Style                             linkvet.Style // yaml "style": open, balanced (default) or curated
	MinMutual                         int           // yaml "min_mutual": fewer mutual connections is a red flag; default 5
	Competitors                       []string      // yaml "competitors": company names
	Known                             []string      // yaml "known": profile URLs or e-mail addresses, as written
	Blocked                           []string      // yaml "blocked": profile URLs or e-mail addresses, as written
	Disqualify                        []string      // yaml "disqualify": phrases or emoji
	DisqualifyPromotedConnectionCount bool          // yaml "disqualify_promoted_connection_count"

	// DeclineControversial (yaml "decline_controversial") opts in to
	// declining strangers whose profile is mostly political, religious or
	// otherwise controversial content. Off by default: that is a personal
	// choice, not a sign of a fake.
	DeclineControversial bool
	// TimeZone (yaml "time_zone") is the IANA name of the zone dates are
	// shown in; "Local" (the default) is the machine's zone.
	TimeZone string
	Outreach Outreach // yaml "outreach"
	FollowUp FollowUp // yaml "follow_up"
	Learning Learning // yaml "learning"
	Rules    []*Rule  // yaml "rules"

	// Warnings are problems that did not stop the load, each naming the
	// file and line: unknown keys (with a did-you-mean), entries that can
	// never match, settings LinkedIn would not honour.
	Warnings []string

	// KnownKeys and BlockedKeys hold the entries of Known and Blocked
	// normalized with linkvet.PersonKey, for lookup per invitation.
	KnownKeys   map[string]bool
	BlockedKeys map[string]bool

	location *time.Location
	// disqualify and competitors are the phrase lists, folded once.
	disqualify  *fold.Matcher
	competitors *fold.Matcher
}

// Outreach is how the user sends invitations of their own (yaml "outreach").
type Outreach struct {
	// NoteLimit (note_limit) is the longest invitation note LinkedIn takes
	// from the user: 300 characters, 200 on a free account (the default
	// follows FreeAccount).
	NoteLimit   int
	FreeAccount bool // free_account
	// WeeklyInvites (weekly_invites) caps the invitations linkvet suggests
	// sending per week; LinkedIn restricts accounts that send far more.
	WeeklyInvites int
	// MonthlyNotes (monthly_notes) is how many personalized notes a free
	// account may attach per month.
	MonthlyNotes int
	// WithdrawAfterDays (withdraw_after_days): suggest withdrawing an
	// invitation nobody answered after this many days; 0 = never.
	WithdrawAfterDays int
	// ReinviteAfterWithdrawDays (reinvite_after_withdraw_days): LinkedIn
	// does not let the user invite the same person again for three weeks
	// after withdrawing.
	ReinviteAfterWithdrawDays int
}

// FollowUp is when to suggest messages after connecting (yaml "follow_up").
type FollowUp struct {
	// AfterDays (after_days): suggest a first message this many days after
	// accepting: a connection that never talks is not networking.
	AfterDays int
	// RemoveAfterSilenceDays (remove_after_silence_days): suggest removing a
	// new connection that never answered the follow-up; 0 = never suggest.
	RemoveAfterSilenceDays int
	// StaleAfterDays (stale_after_days): a known person not heard from for
	// this long no longer counts as a close contact; 0 = never.
	StaleAfterDays int
}

// Learning controls adjusting the engine to the user's decisions (yaml
// "learning").
type Learning struct {
	Enabled      bool // enabled
	MinDecisions int  // min_decisions: decisions needed before anything is learned
}

// The defaults, named so that the docs, Default and the validation agree.
const (
	DefaultStyle                     = linkvet.Balanced
	DefaultMinMutual                 = 5 // seed 004: fewer than five mutuals may be a red flag
	DefaultTimeZone                  = "Local"
	DefaultNoteLimit                 = 300
	DefaultFreeNoteLimit             = 200
	DefaultWeeklyInvites             = 100
	DefaultMonthlyNotes              = 5
	DefaultWithdrawAfterDays         = 30
	DefaultReinviteAfterWithdrawDays = 21
	DefaultFollowUpAfterDays         = 3
	DefaultRemoveAfterSilenceDays    = 7
	DefaultStaleAfterDays            = 730
	DefaultMinDecisions              = 20
)

// Default returns the policy used when the user has no policy file: every
// key of the schema at its default.
func Default() *Policy {
	p := &Policy{}
	applyDefaults(p)
	p.index()
	return p
}

// index builds what Load derives from the plain fields.
func (p *Policy) index() {
	p.KnownKeys = personKeys(p.Known)
	p.BlockedKeys = personKeys(p.Blocked)
	p.disqualify = fold.NewMatcher(p.Disqualify)
	p.competitors = fold.NewMatcher(p.Competitors)
}

func personKeys(entries []string) map[string]bool {
	keys := make(map[string]bool, len(entries))
	for _, e := range entries {
		if k := personKey(e); k != "" {
			keys[k] = true
		}
	}
	return keys
}

// personKey normalizes one known/blocked entry: a profile URL or an e-mail
// address. Both kinds go through linkvet.PersonKey, which tells them apart.
func personKey(entry string) string {
	return linkvet.PersonKey(entry, entry)
}

// Location returns the time zone named by TimeZone.
func (p *Policy) Location() *time.Location {
	if p.location != nil {
		return p.location
	}
	// A Policy built by hand rather than loaded: resolve it now.
	if loc, err := time.LoadLocation(p.TimeZone); err == nil {
		return loc
	}
	return time.Local
}

// DisqualifyMatcher returns the disqualify phrases, folded for matching
// against fold.Fields of a headline, about text or note.
func (p *Policy) DisqualifyMatcher() *fold.Matcher {
	if p.disqualify == nil {
		return fold.NewMatcher(p.Disqualify)
	}
	return p.disqualify
}

// CompetitorMatcher returns the competitor names, folded for matching
// against fold.Fields of a company or headline.
func (p *Policy) CompetitorMatcher() *fold.Matcher {
	if p.competitors == nil {
		return fold.NewMatcher(p.Competitors)
	}
	return p.competitors
}

// IsKnown reports whether the person of inv is in the known list, by
// profile URL or any of their e-mail addresses, and returns the entry of
// Known that matched, as the user wrote it, for the verdict's evidence.
func (p *Policy) IsKnown(inv *linkvet.Invitation) (bool, string) {
	return match(inv, p.Known, p.KnownKeys)
}

// IsBlocked is IsKnown for the blocked list.
func (p *Policy) IsBlocked(inv *linkvet.Invitation) (bool, string) {
	return match(inv, p.Blocked, p.BlockedKeys)
}

func match(inv *linkvet.Invitation, entries []string, keys map[string]bool) (bool, string) {
	if inv == nil || len(entries) == 0 {
		return false, ""
	}
	if keys == nil { // a Policy built by hand
		keys = personKeys(entries)
	}
	hit := func(k string) (bool, string) {
		if k == "" || !keys[k] {
			return false, ""
		}
		// Matches are rare, so the entry as written is looked up only now.
		for _, e := range entries {
			if personKey(e) == k {
				return true, e
			}
		}
		return true, k
	}
	if ok, e := hit(linkvet.NormalizeProfileURL(inv.Person.ProfileURL)); ok {
		return ok, e
	}
	for _, email := range inv.Person.Emails {
		if ok, e := hit(linkvet.NormalizeEmail(email)); ok {
			return ok, e
		}
	}
	return false, ""
}
