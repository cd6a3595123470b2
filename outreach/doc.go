// Package outreach is the user's own side of LinkedIn networking: the
// invitations they send, the follow-ups they owe after accepting one, their
// own profile and the hygiene of their network. It is pure: no I/O, no
// clock (every function takes now), no randomness. The store gathers a
// State, the CLI and the web app present what these functions return.
//
// # Model
//
// An outgoing invitation is tracked from the invitations the store holds
// (imported from the export's OUTGOING rows, or recorded with `linkvet
// outreach sent`) plus an append-only log of Events the user or an import
// records: sent, withdrawn, declined, ignored and followup_done. Track
// folds the log into one Status per invitation: pending until an event or
// the store says otherwise; accepted as soon as the person is a connection;
// withdrawn, declined or ignored from the latest such event, and pending
// again when a later "sent" event records a new invitation. An invitation
// once sent cannot be deleted on the recipient's side: it stays in their
// list until they answer or the sender withdraws it.
//
// CheckTarget vets a person before the user invites them, with seed 000's
// three questions (can the user say why this person, what they share,
// whether the note is personal) and seed 002's signs for and against
// sending. It advises send, ask a mutual connection for an introduction,
// or don't send, and refuses outright when the person was already invited
// and is pending, declined or ignored the user, or was withdrawn less than
// policy.Outreach.ReinviteAfterWithdrawDays ago, or when the weekly budget
// is spent.
//
// Plan counts invitations over a rolling seven days against
// policy.Outreach.WeeklyInvites, and personalised notes over the calendar
// month (in the policy's time zone) against policy.Outreach.MonthlyNotes
// for free accounts, and lists what to withdraw.
//
// FollowUps lists the incoming invitations the user accepted: a follow-up
// is due policy.FollowUp.AfterDays after acceptance and overdue after twice
// that; it is done when the user marks it or writes to the person, and
// closed when the person writes back. A follow-up that met silence for
// policy.FollowUp.RemoveAfterSilenceDays suggests removing the connection.
//
// ProfileFindings says what the user's own profile lacks, and Summarize
// counts the network against LinkedIn's cap of 30,000 connections and
// lists connections gone quiet for policy.FollowUp.StaleAfterDays.
//
// People are matched by normalized profile URL, else e-mail address, else
// folded name; every text comparison goes through package fold.
package outreach
