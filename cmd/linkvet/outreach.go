package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
)

func outreachCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "outreach",
		Short: "Vet, pace and track the invitations you send",
		Long: `Outreach helps with your own invitations: check a person before inviting them,
record what you sent, see your weekly budget and what to withdraw, and mark
invitations withdrawn, declined or ignored.

An invitation cannot be deleted once sent: it stays in the other person's list
until they answer it, or until you withdraw it. After withdrawing, LinkedIn
lets you invite the same person again only after three weeks.`,
	}
	c.AddCommand(outreachCheckCmd(e), outreachSentCmd(e), outreachPlanCmd(e),
		outreachMarkCmd(e), outreachWithdrawCmd(e))
	return c
}

func outreachCheckCmd(e *env) *cobra.Command {
	var reason, lang string
	var asJSON bool
	c := &cobra.Command{
		Use:   "check PERSON.json|PROFILE.pdf",
		Short: "Vet a person before you invite them: send, ask for an introduction, or don't send",
		Long: `Check reads the invitation you plan to send (invitation-v1 JSON, direction
"outgoing"; "message" is your note) and answers three questions: can you say
why this person, what do you share, and is your note personal. It weighs the
signs for sending (you know them, mutual connections, crossed paths, shared
groups or schools, interest in their company, a specific reason) against the
signs against (nothing shared, targeting a job title, selling, sending too
often, no note), and refuses when you already invited them and they have not
answered, declined or ignored you, or you withdrew less than three weeks ago.

The advice is send, ask_introduction (naming the mutual connection best placed
to introduce you, when known) or dont_send, with the evidence. The exit status
is 0 whatever the advice; use --json for scripts.

Instead of JSON, the file may be the person's profile saved as PDF (More >
Save to PDF on their profile): their headline, experience and education are
then weighed as they are shown there.`,
		Example: `  linkvet outreach check ines.json --reason "compare notes on Kafka failover"
  linkvet outreach check Profile.pdf --reason "we both run Kafka on bare metal"`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			tag, err := noteLang(lang)
			if err != nil {
				return err
			}
			inv, rejected, err := e.readOutgoingOrProfile(args[0])
			if err != nil {
				return err
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			inv.ID = linkvet.InvitationID(&inv)
			c, _, err := svc.CheckTarget(e.ctx, &inv, reason, tag)
			if err != nil {
				return err
			}
			if asJSON {
				if err := writeJSON(e.stdout, c); err != nil {
					return err
				}
				return rejected
			}
			printCheck(e.stdout, &inv, c)
			return rejected
		}),
	}
	c.Flags().StringVar(&reason, "reason", "", "why you want to connect with this person, in a sentence")
	c.Flags().StringVar(&lang, "lang", "", "the language to read the note in (BCP 47: de, en, es, fr, it, pt); default: detected")
	c.Flags().BoolVar(&asJSON, "json", false, "print the check as JSON")
	return c
}

func printCheck(w io.Writer, inv *linkvet.Invitation, c outreach.Check) {
	advice := map[outreach.Advice]string{outreach.Send: "SEND", outreach.AskIntroduction: "ASK FOR AN INTRODUCTION", outreach.DontSend: "DON'T SEND"}[c.Advice]
	fmt.Fprintf(w, "%s: %s (score %d)\n", safe(personName(inv.Person)), advice, c.Score)
	if c.Introducer != "" && c.Advice == outreach.AskIntroduction {
		fmt.Fprintf(w, "introducer: %s\n", safe(c.Introducer))
	}
	fmt.Fprintln(w)
	for _, q := range c.Questions {
		answer := "no "
		if q.Yes {
			answer = "yes"
		}
		fmt.Fprintf(w, "  [%s] %s\n        %s\n", answer, q.Question, safe(q.Evidence))
	}
	fmt.Fprintln(w, "\nreasons:")
	for _, r := range c.Reasons {
		fmt.Fprintf(w, "  %+4d  %-20s %s\n", r.Points, r.Rule, safe(r.Detail))
	}
	if c.Note != nil {
		fmt.Fprintf(w, "\nnote: score %d, %d/%d characters\n", c.Note.Score, c.Note.Length, c.Note.Limit)
	}
	fmt.Fprintf(w, "\nnext: %s\n", safe(c.Next))
}

func outreachSentCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "sent PERSON.json",
		Short: "Record an invitation you just sent on LinkedIn",
		Long: `Sent records that you sent the invitation in PERSON.json (invitation-v1;
"message" is the note you attached), with the current time, so that the weekly
budget, the notes quota and the withdraw reminders count it. An invitation to
the same person that is already stored is updated.

Sent refuses what LinkedIn would not have allowed: an invitation to someone
already invited and still pending, already connected, or withdrawn less than
three weeks ago.`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			inv, err := e.readOutgoing(args[0])
			if err != nil {
				return err
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			sent, err := svc.RecordSent(e.ctx, inv)
			if err != nil {
				return err
			}
			if sent.Warning != "" {
				fmt.Fprintln(e.stderr, "linkvet: warning:", sent.Warning)
			}
			if asJSON {
				return writeJSON(e.stdout, sent)
			}
			fmt.Fprintf(e.stdout, "recorded %s: invitation to %s\n", sent.ID, safe(personName(inv.Person)))
			printBudget(e.stdout, sent.Plan)
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the id and the plan as JSON")
	return c
}

func outreachPlanCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "plan",
		Short: "Show your invitation budget, notes left this month, and what to withdraw",
		Long: `Plan counts the invitations you sent over the last seven days against your
weekly budget (outreach.weekly_invites, default 100) and says when the next one
may go and how to space them. On a free account (outreach.free_account) it
counts the personalised notes of this calendar month against
outreach.monthly_notes (default 5). It lists invitations still pending, those
pending longer than outreach.withdraw_after_days (default 30) to withdraw, and
the people not to invite again.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			plan, v, err := svc.Plan(e.ctx)
			if err != nil {
				return err
			}
			p := v.Policy
			if asJSON {
				return writeJSON(e.stdout, plan)
			}
			printBudget(e.stdout, plan)
			fmt.Fprintf(e.stdout, "\npending: %d\n", len(plan.Pending))
			for _, t := range plan.Pending {
				mark := ""
				if t.SuggestWithdraw {
					mark = "  <- withdraw?"
				}
				fmt.Fprintf(e.stdout, "  %-24s %-24s sent %s, %s ago%s\n", t.ID, cut(safe(personName(t.Person)), 24), t.SentAt.Format("2006-01-02"), count(t.AgeDays, "day"), mark)
			}
			if len(plan.Withdraw) > 0 {
				fmt.Fprintf(e.stdout, "\n%d invitation%s pending for more than %d days: withdraw them on LinkedIn, then record it with linkvet outreach withdraw ID.\n",
					len(plan.Withdraw), plural(len(plan.Withdraw)), p.Outreach.WithdrawAfterDays)
				fmt.Fprintln(e.stdout, "An invitation cannot be deleted from the other side; withdrawing is the only way to take it back.")
			}
			if len(plan.DoNotReinvite) > 0 {
				fmt.Fprintln(e.stdout, "\ndo not invite again:")
				for _, t := range plan.DoNotReinvite {
					until := ""
					if !t.ReinviteAt.IsZero() {
						until = ", until " + t.ReinviteAt.Format("2006-01-02")
					}
					fmt.Fprintf(e.stdout, "  %-24s %-24s %s%s\n", t.ID, cut(safe(personName(t.Person)), 24), t.Status, until)
				}
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the plan as JSON")
	return c
}

func printBudget(w io.Writer, plan outreach.PlanReport) {
	if plan.WeeklyBudget > 0 {
		fmt.Fprintf(w, "this week: %d of %d invitations sent, %d left (rolling 7 days)\n", plan.SentThisWeek, plan.WeeklyBudget, plan.LeftThisWeek)
		if !plan.NextSlot.IsZero() {
			fmt.Fprintf(w, "next slot: %s\n", plan.NextSlot.Format("2006-01-02 15:04 MST"))
		}
	} else {
		fmt.Fprintf(w, "this week: %s sent (no weekly budget set)\n", count(plan.SentThisWeek, "invitation"))
	}
	if plan.MonthlyNotes > 0 {
		fmt.Fprintf(w, "notes this month: %d of %d used, %d left (free account; back on %s)\n",
			plan.NotesThisMonth, plan.MonthlyNotes, plan.NotesLeft, plan.NotesReset.Format("2006-01-02"))
	}
	fmt.Fprintf(w, "spacing: %s\n", plan.Spacing)
}

func outreachMarkCmd(e *env) *cobra.Command {
	var note string
	c := &cobra.Command{
		Use:   "mark ID accepted|declined|ignored",
		Short: "Record that someone accepted, declined or ignored your invitation",
		Long: `Mark records that the person accepted your invitation, declined it, or ignored
it until it was gone. After a decline or an ignore linkvet never suggests
inviting them again; if the connection matters, ask a mutual connection for an
introduction instead. Imports mark an invitation accepted when the person is a
connection in the export, and ignored when it leaves the export's pending list
otherwise.`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeMark(e),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			kind := linkvet.OutreachKind(strings.ToLower(strings.TrimSpace(args[1])))
			if kind != outreach.EventDeclined && kind != outreach.EventIgnored && kind != outreach.EventAccepted {
				return usageError{fmt.Errorf("%q is not accepted, declined or ignored", args[1])}
			}
			return e.recordEvent(args[0], kind, note)
		}),
	}
	c.Flags().StringVar(&note, "note", "", "a remark to keep with it")
	return c
}

func outreachWithdrawCmd(e *env) *cobra.Command {
	var note string
	c := &cobra.Command{
		Use:   "withdraw ID",
		Short: "Record that you withdrew a pending invitation on LinkedIn",
		Long: `Withdraw records that you withdrew the invitation on LinkedIn (My Network >
Manage > Sent). Withdrawing is the only way to take an invitation back: it
cannot be deleted from the other person's side. LinkedIn lets you invite the
same person again after three weeks (outreach.reinvite_after_withdraw_days);
until then linkvet outreach check refuses.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeID(e, linkvet.Outgoing),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			return e.recordEvent(args[0], outreach.EventWithdrawn, note)
		}),
	}
	c.Flags().StringVar(&note, "note", "", "a remark to keep with it")
	return c
}

// recordEvent records one outreach event and says what it means.
func (e *env) recordEvent(id string, kind outreach.EventKind, note string) error {
	svc, done, err := e.service(false)
	if err != nil {
		return err
	}
	defer done()
	m, err := svc.Mark(e.ctx, id, kind, note)
	if err != nil {
		return err
	}
	ev := m.Event
	fmt.Fprintf(e.stdout, "%s: %s on %s\n", ev.InvitationID, strings.ReplaceAll(string(ev.Kind), "followup_done", "follow-up done"), ev.At.Format("2006-01-02"))
	switch kind {
	case outreach.EventWithdrawn:
		fmt.Fprintf(e.stdout, "You can invite them again from %s.\n", m.ReinviteAt.Format("2006-01-02"))
	case outreach.EventDeclined, outreach.EventIgnored:
		fmt.Fprintln(e.stdout, "linkvet will not suggest inviting them again.")
	case outreach.EventAccepted:
		fmt.Fprintln(e.stdout, "A follow-up message is a good next step: linkvet followups lists what is owed.")
	case outreach.EventFollowUpDone:
		if !m.RemoveAfter.IsZero() {
			fmt.Fprintf(e.stdout, "If they have not answered by %s, linkvet suggests removing the connection.\n", m.RemoveAfter.Format("2006-01-02"))
		}
	}
	return nil
}

// readOutgoing reads the one invitation in name (invitation-v1, "-" for
// standard input) the user means to send. A file that does not hold
// exactly one usable invitation is a rejected input (exit 1).
func (e *env) readOutgoing(name string) (linkvet.Invitation, error) {
	inv, rejected, err := e.readOutgoingPartly(name)
	if err == nil && rejected != nil {
		// Recording from a damaged file could record the wrong person.
		return inv, fileError{err: fmt.Errorf("%w; nothing recorded: fix the file and run again", rejected)}
	}
	return inv, err
}

// readOutgoingPartly is readOutgoing that still returns the one valid
// invitation of a file in which other records were rejected (already
// reported on stderr); rejected then says how many, for the exit status.
// What only reads (outreach check, note check) advises on that one.
func (e *env) readOutgoingPartly(name string) (inv linkvet.Invitation, rejected error, err error) {
	invs, n, err := e.readInvitations(name)
	if err != nil {
		return linkvet.Invitation{}, nil, err
	}
	if n > 0 {
		rejected = fileError{err: rejectedCount(name, n, len(invs))}
		if len(invs) != 1 {
			return linkvet.Invitation{}, nil, rejected
		}
	}
	inv, err = e.oneOutgoing(name, invs)
	return inv, rejected, err
}

// oneOutgoing checks that invs is exactly one invitation the user sends.
func (e *env) oneOutgoing(name string, invs []linkvet.Invitation) (linkvet.Invitation, error) {
	switch {
	case len(invs) == 0:
		return linkvet.Invitation{}, fileError{err: linkvet.Errorf(linkvet.EINVALID, "%s holds no invitation", name)}
	case len(invs) > 1:
		return linkvet.Invitation{}, fileError{err: linkvet.Errorf(linkvet.EINVALID, "%s holds %d invitations; name one person per file", name, len(invs))}
	}
	inv := invs[0]
	if derived := inv; true {
		// readInvitations derived a missing id as if incoming; derive it
		// again where the direction is known (the store does on saving).
		derived.ID = ""
		if linkvet.InvitationID(&derived) == inv.ID {
			inv.ID = ""
		}
	}
	switch inv.Direction {
	case "", linkvet.Outgoing:
		inv.Direction = linkvet.Outgoing
	default:
		return inv, fileError{err: linkvet.Errorf(linkvet.EINVALID, "%s: direction is %q; this command is for invitations you send (\"outgoing\")", name, inv.Direction)}
	}
	if strings.TrimSpace(inv.Person.Name) == "" && strings.TrimSpace(inv.Person.ProfileURL) == "" {
		return inv, fileError{err: linkvet.Errorf(linkvet.EINVALID, "%s: person has no name and no profile_url", name)}
	}
	return inv, nil
}

func personName(p linkvet.Person) string {
	if p.Name != "" {
		return p.Name
	}
	if p.ProfileURL != "" {
		return p.ProfileURL
	}
	return "(no name)"
}
