// Package policy reads the user's policy file: who the user is, how readily
// they accept strangers, the people and phrases they already have an opinion
// about, a few outreach habits, and their own screening rules written in CEL.
//
// # Model
//
// The policy file is YAML (section 2 of the invitation-v1 format, with the
// v1.1 key me.languages and the extensions below). Every key is optional.
//
// Every key is declared once, in the schema table (schema.go): its kind,
// its default, its bounds or choices, a check for its values and a line of
// documentation. Everything else walks that table:
//
//   - loading (load.go, yamlnode.go): the YAML is read as a node tree, so that
//     every message names the file, line, column and key it is about; all
//     problems are reported at once (*linkvet.Error, EINVALID) in file order;
//   - suggestions (suggest.go): an unknown key gets a did-you-mean, also
//     across sections ("note_limit" belongs under outreach:). It is a
//     warning by default, so that an older linkvet reads a newer file, and
//     an error with Options{Strict: true}, used when a policy is stored;
//   - defaults: Default and Parse start from the table's defaults, so the
//     rest of linkvet never asks "was this set?";
//   - printing (print.go): Policy.YAML is the canonical text, every key in
//     the table's order with its effective value; Parse reads it back to an
//     equal Policy;
//   - the rule language: the `me` object rules see is the me section,
//     field for field;
//   - the documentation: tests hold docs/format.md and rules.md to the table.
//
// # Rules
//
// A rule adds points to the score, forces an action, or both, when its CEL
// condition `when` is true for an invitation:
//
//	rules:
//	  - name: no-crypto-coaches
//	    when: has_phrase(inv.person.headline, "crypto") && has_phrase(inv.person.about, "coaching")
//	    points: -20
//	    action: decline        # optional: accept, ask, ignore, decline or block
//	    report: false          # optional: also suggest reporting the sender
//	    reason: crypto coaching pitch   # optional, shown in the verdict
//
// A condition reads three typed objects (cel.go), named like the JSON
// contract: inv (the invitation, with inv.person and inv.shared), verdict
// (what the built-in rules concluded: category, intent, score) and me. The
// type checker knows every field, so a misspelt field or a comparison of
// text with a number is an error when the policy is read, with its place
// in the file. The flat names of earlier versions ("mutual", "headline")
// are errors that give the new spelling; Options{Upgrade: true} reads them
// as the new spelling instead, for policies already stored. rules.md is the
// user's reference.
//
// # Cost
//
// Rules run for every invitation, so evaluation is built for many rules:
//
//   - each rule is parsed, checked (it must give a bool) and planned once,
//     against one environment per policy;
//   - all rules of one invitation share one activation (the RuleInput's
//     cache): a field is converted to a CEL value once, a text is folded for
//     has_phrase once, and a literal phrase is folded once per policy;
//   - each rule's cost is estimated when it is loaded (cost.go). A rule that
//     must exceed RuleCostLimit is refused then, with its position (the
//     static minimum, or a trial run on an invitation with nothing in it).
//     A rule whose maximum stays within the limit for invitations of
//     ordinary size runs without a cost tracker, several times faster; any
//     other rule, and every rule meeting a larger value, runs tracked and is
//     stopped at the limit with an error naming it.
//
// # Extensions
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
//	rules: []                       # user rules, see rules.md
package policy
