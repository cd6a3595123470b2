// Package demo bundles a realistic inbox and the policy of its user, so
// that `linkvet demo` and `linkvet serve --demo` show linkvet working
// without any data of one's own. Every person in it is made up.
package demo

import _ "embed"

// Inbox is 26 invitations as JSON Lines (invitation-v1): old colleagues,
// peers, recruiters, salespeople, strangers, fakes and scams.
//
//go:embed inbox.jsonl
var Inbox []byte

// Policy is the demo user's policy file.
//
//go:embed policy.yaml
var Policy []byte

// Now is the moment the demo inbox is screened at, so that the demo gives
// the same verdicts whenever it is run.
const Now = "2026-11-22T12:00:00Z"
