// Package web is linkvet's local web app and JSON API: one http.Handler
// that serves server-rendered pages and /api/v1/ from the same store.
//
// # Model
//
// A Server is an adapter over a service.Service, which owns every use case
// (the same one the CLI calls): a handler parses the request, calls one
// service method and renders the result. The Server reads the store only
// through the service's Store() for lists, and never imports package
// sqlite. It also holds the parsed templates.
//
// The policy in force is the one the store keeps, versioned (the service's
// PolicyInForce; the defaults when none is stored); when it says nothing
// about the user, the profile from the latest import stands in for "me".
// Stored verdicts carry the state they were screened in; New, a policy
// save and an import bring the stale ones up to date, and lists re-screen
// any left stale. Pages and the API then read verdicts from the store, so
// that filtering by verdict and category is a query, not a screening run.
//
// Decisions are append-only (the store keeps the full history). Undoing a
// decision appends one more, marked Undo: the invitation is back in the
// queue, as if never decided, for the CLI too; insights ignore undone
// decisions.
//
// The outreach pages (Follow-ups, Outreach, Network) read the service's
// outreach view and compute what they show with package outreach at the
// server's clock; their buttons record through the service, which checks
// each event against the user's own policy.
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
