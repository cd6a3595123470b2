package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
)

func followupsCmd(e *env) *cobra.Command {
	var asJSON, all bool
	c := &cobra.Command{
		Use:   "followups",
		Short: "List the follow-up messages you owe people whose invitations you accepted",
		Long: `Followups lists the invitations you accepted (linkvet decide ID accept, or found
accepted by an import) with the message to send a few days later
(follow_up.after_days, default 3): due, overdue (more than twice that), or
coming up. Each has a draft that uses what you share. A follow-up is done when
you mark it (linkvet followups done ID) or an imported export shows you wrote
to them; it is closed when they write back. If they never answer a follow-up,
linkvet suggests removing the connection after follow_up.remove_after_silence_days
(default 7; 0 turns it off).

Without --all, closed follow-ups (they replied) and done ones still waiting
are left out.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			list, _, err := svc.FollowUps(e.ctx)
			if err != nil {
				return err
			}
			if !all {
				kept := list[:0]
				for _, f := range list {
					if f.Status != outreach.FollowUpReplied && f.Status != outreach.FollowUpDone {
						kept = append(kept, f)
					}
				}
				list = kept
			}
			if asJSON {
				if list == nil {
					list = []outreach.FollowUp{}
				}
				return writeJSON(e.stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(e.stdout, "No follow-ups to send. Accepted invitations show up here (linkvet decide ID accept).")
				return nil
			}
			counts := map[outreach.FollowUpStatus]int{}
			for _, f := range list {
				counts[f.Status]++
				fmt.Fprintf(e.stdout, "%-8s %-20s %-24s %s\n", f.Status, f.InvitationID, cut(safe(personName(f.Person)), 24), safe(f.Why))
				if f.Draft != "" {
					fmt.Fprintf(e.stdout, "         draft: %s\n", safe(f.Draft))
				}
			}
			fmt.Fprintf(e.stdout, "\n%d overdue, %d due, %d coming up, %d to consider removing\n",
				counts[outreach.FollowUpOverdue], counts[outreach.FollowUpDue], counts[outreach.FollowUpUpcoming], counts[outreach.FollowUpSilent])
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the follow-ups as JSON")
	c.Flags().BoolVar(&all, "all", false, "include follow-ups done or answered")
	c.AddCommand(followupsDoneCmd(e))
	return c
}

func followupsDoneCmd(e *env) *cobra.Command {
	var note string
	c := &cobra.Command{
		Use:               "done ID",
		Short:             "Mark a follow-up as sent",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeID(e, linkvet.Incoming),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			return e.recordEvent(args[0], outreach.EventFollowUpDone, note)
		}),
	}
	c.Flags().StringVar(&note, "note", "", "a remark to keep with it, such as what you wrote")
	return c
}
