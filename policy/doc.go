// Package policy loads the user's policy file: who the user is, how readily
// they accept strangers, the people and phrases they already have an opinion
// about, a few outreach habits, and their own screening rules written in CEL.
//
// # Model
//
// A policy file is YAML (section 2 of the invitation-v1 format, plus the
// extensions listed below). Every key is optional. Load turns the file into
// a *Policy in one pass:
//
//  1. parse: the YAML is read as a node tree so that every message can name
//     the file, line, column and key it is about;
//  2. validate: wrong types, unknown values, negative counts and broken rules
//     are errors (*linkvet.Error with code EINVALID, all problems at once);
//     unknown keys are only warnings, with a did-you-mean, so that an older
//     linkvet reads a newer file;
//  3. default: what the file leaves out gets the documented default, so the
//     rest of linkvet never has to ask "was this set?";
//  4. compile: each rule's `when` expression is parsed and type-checked once,
//     against one CEL environment built for this Load, and must yield a bool.
//
// YAML prints the effective policy (defaults filled in) in a form Load
// accepts again, which is what `linkvet policy show` prints.
//
// # Keys
//
// From the format: me, style, min_mutual (default 5), competitors, known,
// blocked, disqualify, disqualify_promoted_connection_count.
//
// Extensions:
//
//	decline_controversial: false    # decline strangers whose profile is mostly politics, religion or controversy
//	time_zone: Local                # IANA name used for dates the user sees
//	outreach:                       # the user's own invitations
//	  note_limit: 300               # characters per invitation note; 200 when free_account is true
//	  free_account: false
//	  weekly_invites: 100           # invitations to send per week at most
//	  monthly_notes: 5              # personalized notes per month (free accounts)
//	  withdraw_after_days: 30       # suggest withdrawing an unanswered invitation after this; 0 = never
//	  reinvite_after_withdraw_days: 21
//	follow_up:
//	  after_days: 3                 # suggest a follow-up message this long after accepting
//	  remove_after_silence_days: 7  # suggest removing a connection that never answered; 0 = never
//	  stale_after_days: 730         # a known person not heard from for this long is stale; 0 = never
//	learning:
//	  enabled: true                 # adjust weights from the user's recorded decisions
//	  min_decisions: 20             # ... once there are at least this many
//	rules: []                       # user rules, see below
//
// # Rules
//
// A rule adds points to the score, forces an action, or both, when its CEL
// expression `when` is true for an invitation:
//
//	rules:
//	  - name: no-crypto-coaches
//	    when: has_phrase(headline, "crypto") && has_phrase(about, "coaching")
//	    points: -20
//	    action: decline        # optional: accept, ask, ignore, decline or block
//	    report: false          # optional: also suggest reporting the sender
//	    reason: crypto coaching pitch   # optional, shown in the verdict
//
// The expression sees these variables (rules.md has the same table for the
// user documentation):
//
//	name        type          value
//	----        ----          -----
//	name        string        person.name
//	headline    string        person.headline
//	title       string        person.title
//	company     string        person.company
//	industry    string        person.industry
//	location    string        person.location
//	about       string        person.about
//	note        string        the message sent with the invitation
//	photo       string        person.photo; "unknown" when absent
//	direction   string        "incoming" (default) or "outgoing"
//	source      string        where the record came from
//	category    string        the category the built-in rules chose
//	intent      string        the intent the built-in rules guessed
//	mutual      int           mutual_connections; -1 when unknown
//	connections int           person.connections; -1 when unknown
//	followers   int           person.followers; -1 when unknown
//	recommendations int       person.recommendations; -1 when unknown
//	account_age_months int    months since person.member_since; -1 when unknown
//	score       int           the score of the built-in rules
//	verified    bool          person.verified; false when unknown
//	has_note    bool          the invitation came with a non-blank note
//	skills, emails, phones, websites, interactions, mutual_names,
//	shared_companies, shared_schools, shared_groups, shared_events,
//	shared_interests          list(string)
//
// Functions, besides CEL's standard library and its string extensions:
//
//	has_phrase(text, phrase) bool         phrase occurs in text as whole words, after
//	has_phrase(list, phrase) bool         Unicode folding (fold package): styled letters,
//	                                      look-alikes and zero-width tricks do not hide it
//	fold(text) string                     text folded: lower case, plain letters
//
// Rules are evaluated per invitation, so evaluation is built for speed:
// variables are resolved lazily from the RuleInput (nothing is computed for a
// variable the rule does not use) and each evaluation is capped by a cost
// limit, so that a runaway expression (nested comprehensions, huge regular
// expressions) fails with an error instead of stalling the screening.
package policy
