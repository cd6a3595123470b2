package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/screen"
)

func explainCmd(e *env) *cobra.Command {
	var asJSON bool
	var id string
	c := &cobra.Command{
		Use:   "explain [FILE]",
		Short: "Explain one verdict: every rule tried, and why it fired or not",
		Long: `Explain screens one invitation and lists every rule linkvet tried: those that
fired with their points and evidence, and those that did not with the reason.
FILE holds the invitation (standard input when "-"); when it holds several,
--id picks one. With --id and no FILE, it explains the stored invitation with
that id, with the policy in force (or --policy for this run).

An invitation you send ("direction": "outgoing") is not judged as if a
stranger sent it to you: explain prints its outreach check instead, as
'linkvet outreach check' and the API's /screen do (--json: {"id", "direction",
"check"}). A stored invitation you sent is refused: 'linkvet outreach plan'
shows where it stands.`,
		Example: `  linkvet explain one.json
  linkvet explain --id li-3f2a9c1e`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveDefault
		},
		RunE: action(func(cmd *cobra.Command, args []string) error {
			var inv *linkvet.Invitation
			var x screen.Explanation
			if len(args) == 0 && id != "" {
				svc, done, err := e.service(true)
				if err != nil {
					return err
				}
				defer done()
				si, ex, err := svc.Explain(e.ctx, id)
				if err != nil {
					return err
				}
				if si.Invitation.Direction == linkvet.Outgoing {
					return linkvet.Errorf(linkvet.EINVALID, "invitation %s is one you sent: explain judges invitations you receive; linkvet outreach plan shows where your invitations stand, and linkvet outreach check FILE checks one before you send it", id)
				}
				inv, x = &si.Invitation, ex
			} else {
				eng, now, err := e.engineNow()
				if err != nil {
					return err
				}
				name := "-"
				if len(args) == 1 {
					name = args[0]
				} else {
					e.sayReadingStdin()
				}
				if inv, err = e.pickInvitation(name, id); err != nil {
					return err
				}
				if inv.Direction == linkvet.Outgoing {
					return e.explainOutgoing(inv, asJSON)
				}
				x = eng.Explain(inv, now)
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(x)
			}
			printExplanation(e.stdout, inv, x)
			printMissing(e.stdout, inv, &x.Verdict)
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the explanation as JSON")
	c.Flags().StringVar(&id, "id", "", "the invitation to explain: one of FILE's, or a stored one when no FILE is named")
	_ = c.RegisterFlagCompletionFunc("id", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return completeIDs(e, linkvet.Incoming, false, toComplete), cobra.ShellCompDirectiveNoFileComp
	})
	return c
}

// explainOutgoing answers explain on an invitation the user sends with its
// outreach check, as the API's /screen does: a verdict on it as if it came
// from a stranger would judge the user's own note.
func (e *env) explainOutgoing(inv *linkvet.Invitation, asJSON bool) error {
	svc, done, err := e.service(false)
	if err != nil {
		return err
	}
	defer done()
	if inv.ID == "" {
		inv.ID = linkvet.InvitationID(inv)
	}
	c, _, err := svc.CheckTarget(e.ctx, inv, "", "")
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, struct {
			ID        string            `json:"id,omitempty"`
			Direction linkvet.Direction `json:"direction"`
			Check     outreach.Check    `json:"check"`
		}{inv.ID, linkvet.Outgoing, c})
	}
	fmt.Fprintln(e.stdout, "an invitation you send: its outreach check (as linkvet outreach check gives it), not a screening verdict")
	printCheck(e.stdout, inv, c)
	return nil
}

// pickInvitation reads one invitation from a file: the only one, or the
// one with the id asked for.
func (e *env) pickInvitation(name, id string) (*linkvet.Invitation, error) {
	invs, rejected, err := e.readInvitations(name)
	if err != nil {
		return nil, err
	}
	if rejected > 0 {
		return nil, fileError{err: fmt.Errorf("%s: %s rejected; nothing explained: fix the file and run again", displayName(name), count(rejected, "record"))}
	}
	if id == "" {
		switch len(invs) {
		case 0:
			return nil, linkvet.Errorf(linkvet.EINVALID, "%s holds no invitation", name)
		case 1:
			return &invs[0], nil
		}
		return nil, usageError{fmt.Errorf("%s holds several invitations; pick one with --id", name)}
	}
	for i := range invs {
		if invs[i].ID == id {
			return &invs[i], nil
		}
	}
	return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q in %s (%d read)", id, name, len(invs))
}

func printExplanation(w io.Writer, inv *linkvet.Invitation, x screen.Explanation) {
	v := x.Verdict
	fmt.Fprintf(w, "%s — %s\n", safe(inv.Person.Name), safe(inv.Person.Headline))
	report := ""
	if v.Report {
		report = " and report"
	}
	fmt.Fprintf(w, "verdict: %s%s (category %s, intent %s, score %d, confidence %.2f)\n", v.Action, report, v.Category, v.Intent, v.Score, v.Confidence)
	fmt.Fprintf(w, "how: %s\n", x.Path)
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	mutuals := "unknown"
	if v.Checklist.EnoughMutuals != nil {
		mutuals = yes(*v.Checklist.EnoughMutuals)
	}
	fmt.Fprintf(w, "checklist: personal note %s, something in common %s, enough mutual connections %s\n\n",
		yes(v.Checklist.PersonalNote), yes(v.Checklist.CommonGround), mutuals)
	fmt.Fprintln(w, "rules that fired:")
	for _, t := range x.Trials {
		if t.Fired {
			fmt.Fprintf(w, "  %+4d  %-26s %s\n", t.Points, t.Rule, safe(t.Detail))
		}
	}
	fmt.Fprintln(w, "\nrules that did not fire:")
	for _, t := range x.Trials {
		if !t.Fired {
			fmt.Fprintf(w, "        %-26s %s\n", t.Rule, safe(t.Detail))
		}
	}
	d := v.Drafts
	if d.Accept+d.FollowUp+d.Decline+d.Ask != "" {
		fmt.Fprintln(w, "\ndrafts:")
		for _, kv := range [][2]string{{"accept", d.Accept}, {"follow-up", d.FollowUp}, {"ask", d.Ask}, {"decline", d.Decline}} {
			if kv[1] != "" {
				fmt.Fprintf(w, "  %s:\n    %s\n", kv[0], strings.ReplaceAll(safe(kv[1]), "\n", "\n    "))
			}
		}
	}
}
