// Package web is linkvet's local web app and JSON API: one http.Handler
// that serves server-rendered pages and /api/v1/ from the same store.
//
// # Model
//
// A Server owns three things: the store (a linkvet.Store that also keeps
// named blobs, the outreach log and tags), the screening engine built from
// the active policy, and the parsed templates. The active policy is the YAML stored in the store under
// the name "policy" (policy.Default when there is none); when it says nothing
// about the user, the profile from the latest import stands in for "me".
//
// Stored verdicts always follow the active policy: New screens every
// incoming invitation once, and so does every change that can move a
// verdict (saving the policy, importing an export, adding an invitation).
// Pages and the API then read verdicts from the store, so that filtering by
// verdict and category is a query, not a screening run.
//
// Decisions are append-only (the store keeps the full history). Undoing a
// decision therefore appends one more: action "ignore" with the note
// "undo" (UndoNote). An invitation whose latest decision is such an undo is
// back in the queue, as if never decided; insights ignore undone decisions.
//
// The outreach pages (Follow-ups, Outreach, Network) read the store's
// outreach state and compute what they show with package outreach at the
// server's clock; their buttons append to the outreach log or change tags.
// The Policy page previews a change with screen.Replay, against the
// waiting invitations and against the user's own decisions.
//
// Every field of an invitation is written by a stranger. Text reaches pages
// only through html/template's contextual escaping, links to profiles are
// drawn only for http(s) addresses on linkedin.com, and every response carries
// a strict Content-Security-Policy that forbids inline script. State changes
// are guarded by http.CrossOriginProtection; with a token configured, every
// request must also present it (see docs/web.md for the security model).
package web
