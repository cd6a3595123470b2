package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/service"
)

func learnCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "learn FILE",
		Short: "Teach linkvet your past decisions; status and rebuild of the classifier",
		Long: `Learn reads labelled invitation-v1 JSON Lines (each record has a "label"
holding the action you took: accept, ask, ignore, decline or block), stores
each invitation with your decision, and trains linkvet's classifier on it, all
in one transaction. Learning the same file twice changes nothing; a changed
label replaces the old one in the classifier. The classifier's opinion counts
only once it has seen enough decisions (policy learning.min_decisions, 20 by
default), and never more than as one reason among the others.

linkvet learn status says what the classifier holds; linkvet learn rebuild
rebuilds it from your standing decisions.`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			recs, rejected, err := e.readRecords(args[0])
			if err != nil {
				return err
			}
			var labelled []linkvet.Invitation
			for _, rec := range recs {
				if rec.Invitation.Label == "" {
					rejected++
					fmt.Fprintf(e.stderr, "%s:%d: no label (want one of accept, ask, ignore, decline, block)\n", args[0], rec.Line)
					continue
				}
				labelled = append(labelled, rec.Invitation)
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			res, err := svc.Learn(e.ctx, labelled, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "learned %d decision%s (%d already known); the classifier has seen %d\n", res.Trained, plural(res.Trained), res.Unchanged, res.Status.Trained)
			if !res.Enough {
				fmt.Fprintf(e.stdout, "it has no say in verdicts yet: %s\n", res.Why)
			}
			if rejected > 0 {
				return rejectedError{rejected}
			}
			return nil
		}),
	}
	var asJSON bool
	status := &cobra.Command{
		Use:   "status",
		Short: "Say how many decisions the classifier holds, per action",
		Long: `Status says how many of your decisions the classifier holds, per action, and
how many examples it inferred from your LinkedIn exports: invitations you
accepted on LinkedIn (their sender is now a connection), learned as accepts.
An inferred example never stands over a decision of yours: deciding that
invitation replaces it.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			st, err := svc.LearnStatus(e.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, st)
			}
			printLearnStatus(e, st)
			return nil
		}),
	}
	status.Flags().BoolVar(&asJSON, "json", false, `print {"trained": N, "by_action": {...}, "inferred": N}`)
	rebuild := &cobra.Command{
		Use:   "rebuild",
		Short: "Rebuild the classifier from your standing decisions",
		Long: `Rebuild forgets what the classifier learned and teaches it again every
decision of yours that stands (undone ones and an import's records do not
count), and the past accepts inferred from your exports (except those you
have decided since), in one transaction. Run it when linkvet says the classifier is out of
step with the decisions.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			st, err := svc.Rebuild(e.ctx)
			if err != nil {
				return err
			}
			fmt.Fprint(e.stdout, "rebuilt: ")
			printLearnStatus(e, st)
			return nil
		}),
	}
	c.AddCommand(status, rebuild)
	return c
}

func printLearnStatus(e *env, st service.LearnStatus) {
	fmt.Fprintf(e.stdout, "the classifier holds %d decision%s", st.Trained, plural(st.Trained))
	var parts []string
	for _, a := range linkvet.Actions {
		if n := st.ByAction[string(a)]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, a))
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(e.stdout, ": %s", strings.Join(parts, ", "))
	}
	if st.Inferred > 0 {
		fmt.Fprintf(e.stdout, "; and %d accept%s inferred from your exports (invitations you accepted on LinkedIn)", st.Inferred, plural(st.Inferred))
	}
	fmt.Fprintln(e.stdout)
}

func replayCmd(e *env) *cobra.Command {
	var asJSON, pending bool
	c := &cobra.Command{
		Use:   "replay --policy NEW.yaml",
		Short: "Show what another policy would have changed, decision by decision",
		Long: `Replay screens the stored invitations with the policy in force (linkvet policy
show) and with the policy given by --policy,
and lists every verdict that would change, next to what you actually decided.
It ends with how often each policy agrees with your decisions. --pending
replays the pending invitations instead of the decided ones.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if e.policyPath == "" {
				return usageError{fmt.Errorf("replay needs the new policy: --policy NEW.yaml")}
			}
			text, err := readPolicyFile(e.policyPath)
			if err != nil {
				return err
			}
			newPolicy, err := policy.Load(text, e.policyPath)
			if err != nil {
				return err
			}
			current := *e
			current.policyPath = "" // the policy in force, not the new one
			svc, done, err := current.service(true)
			if err != nil {
				return err
			}
			defer done()
			rep, err := svc.Replay(e.ctx, newPolicy, pending)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, rep)
			}
			if len(rep.Changes) == 0 {
				fmt.Fprintf(e.stdout, "No verdict changes over %d invitation%s.\n", rep.Screened, plural(rep.Screened))
			} else {
				fmt.Fprintf(e.stdout, "%-20s %-22s %-8s    %-8s %-9s %s\n", "ID", "NAME", "NOW", "WOULD BE", "YOU DID", "")
				for _, ch := range rep.Changes {
					verdict := ""
					switch {
					case ch.Decision == "":
					case ch.After == ch.Decision:
						verdict = "now agrees with you"
					case ch.Before == ch.Decision:
						verdict = "no longer agrees with you"
					}
					fmt.Fprintf(e.stdout, "%-20s %-22s %-8s -> %-8s %-9s %s\n", ch.ID, cut(safe(ch.Name), 22), ch.Before, ch.After, ch.Decision, verdict)
				}
			}
			if rep.Decided > 0 {
				fmt.Fprintf(e.stdout, "\nagreement with your %d decision%s: %d now, %d with %s\n", rep.Decided, plural(rep.Decided), rep.AgreedBefore, rep.AgreedAfter, e.policyPath)
			}
			fmt.Fprintf(e.stdout, "%d of %d verdicts would change\n", len(rep.Changes), rep.Screened)
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	c.Flags().BoolVar(&pending, "pending", false, "replay pending invitations instead of decided ones")
	return c
}
