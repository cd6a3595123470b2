package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

func learnCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "learn FILE",
		Short: "Teach linkvet your past decisions from labelled invitations",
		Long: `Learn reads labelled invitation-v1 JSON Lines (each record has a "label"
holding the action you took: accept, ask, ignore, decline or block), stores
each invitation with your decision, and trains linkvet's classifier on it.
Learning the same file twice changes nothing; a changed label replaces the old
one in the classifier. The classifier's opinion counts only once it has seen
enough decisions (policy learning.min_decisions, 20 by default), and never
more than as one reason among the others.`,
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
			db, now, err := e.openClocked()
			if err != nil {
				return err
			}
			defer db.Close()
			ids, err := db.PutInvitations(e.ctx, labelled)
			if err != nil {
				return err
			}
			// The verdicts recorded with the decisions are the rules' own,
			// without the classifier being taught here.
			p, err := e.effectivePolicy(e.ctx, db)
			if err != nil {
				return err
			}
			eng := screen.New(p)
			c, err := loadClassifier(e.ctx, db, p)
			if err != nil {
				return err
			}
			trained, unchanged := 0, 0
			for i, id := range ids {
				inv := &labelled[i]
				class := string(inv.Label)
				it, err := db.Invitation(e.ctx, id)
				if err != nil {
					return err
				}
				if it.Decision == nil || it.Decision.Action != inv.Label {
					v := eng.Screen(&it.Invitation, now)
					if _, err := db.Decide(e.ctx, linkvet.Decision{InvitationID: id, Action: inv.Label, Verdict: v.Action, Note: "learned from " + args[0], By: linkvet.ByUser}); err != nil {
						return err
					}
				}
				changed, err := retrain(e.ctx, db, c, &it.Invitation, id, class)
				if err != nil {
					return err
				}
				if !changed {
					unchanged++
					continue
				}
				trained++
			}
			if err := saveClassifier(e.ctx, db, c); err != nil {
				return err
			}
			total := 0
			for _, n := range c.Docs() {
				total += n
			}
			fmt.Fprintf(e.stdout, "learned %d decision%s (%d already known); the classifier has seen %d\n", trained, plural(trained), unchanged, total)
			if r := c.Classify(learn.Doc{}); !r.Enough {
				fmt.Fprintf(e.stdout, "it has no say in verdicts yet: %s\n", r.Why)
			}
			if rejected > 0 {
				return rejectedError{rejected}
			}
			return nil
		}),
	}
}

func replayCmd(e *env) *cobra.Command {
	var asJSON, pending bool
	c := &cobra.Command{
		Use:   "replay --policy NEW.yaml",
		Short: "Show what another policy would have changed, decision by decision",
		Long: `Replay screens the stored invitations with the current policy (the one saved
from the web app, else the defaults) and with the policy given by --policy,
and lists every verdict that would change, next to what you actually decided.
It ends with how often each policy agrees with your decisions. --pending
replays the pending invitations instead of the decided ones.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if e.policyPath == "" {
				return usageError{fmt.Errorf("replay needs the new policy: --policy NEW.yaml")}
			}
			now, err := e.now()
			if err != nil {
				return err
			}
			newPolicy, err := policy.LoadFile(e.policyPath)
			if err != nil {
				return err
			}
			db, err := e.openStore()
			if err != nil {
				return err
			}
			defer db.Close()
			current := *e
			current.policyPath = "" // the stored policy, not the new one
			oldPolicy, err := current.effectivePolicy(e.ctx, db)
			if err != nil {
				return err
			}
			if newPolicy.Me.Empty() {
				newPolicy.Me = oldPolicy.Me
			}
			f := linkvet.InvitationFilter{Direction: linkvet.Incoming, Pending: &pending}
			items, _, err := db.Invitations(e.ctx, f)
			if err != nil {
				return err
			}
			rep := screen.Replay(screen.New(oldPolicy), screen.New(newPolicy), items, now)
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
					fmt.Fprintf(e.stdout, "%-20s %-22s %-8s -> %-8s %-9s %s\n", cut(ch.ID, 20), cut(safe(ch.Name), 22), ch.Before, ch.After, ch.Decision, verdict)
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
