package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
	"github.com/linkvet/linkvet/sqlite"
)

func inboxCmd(e *env) *cobra.Command {
	var asJSON, all bool
	var onlyAction, category string
	c := &cobra.Command{
		Use:   "inbox",
		Short: "List pending invitations, screened with the current policy, most worth your attention first",
		Long: `Inbox screens the pending incoming invitations in the store with the current
policy (--policy, else the one saved from the web app, else the defaults) and
lists them most worth your attention first: likely accepts and likely scams at
the top. --all includes invitations you already decided.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if onlyAction != "" && !linkvet.Action(onlyAction).Valid() {
				return usageError{fmt.Errorf("--action %q is not one of accept, ask, ignore, decline, block", onlyAction)}
			}
			if category != "" && !linkvet.Category(category).Valid() {
				return usageError{fmt.Errorf("--category %q is not a known category", category)}
			}
			db, now, err := e.openClocked()
			if err != nil {
				return err
			}
			defer db.Close()
			eng, _, err := e.storedEngine(e.ctx, db)
			if err != nil {
				return err
			}
			f := linkvet.InvitationFilter{Direction: linkvet.Incoming}
			if !all {
				pending := true
				f.Pending = &pending
			}
			items, _, err := db.Invitations(e.ctx, f)
			if err != nil {
				return err
			}
			if err := screenStored(e.ctx, db, eng, items, now); err != nil {
				return err
			}
			kept := items[:0]
			for _, it := range items {
				if (onlyAction == "" || string(it.Verdict.Action) == onlyAction) && (category == "" || string(it.Verdict.Category) == category) {
					kept = append(kept, it)
				}
			}
			sortByAttention(kept)
			if asJSON {
				w := json.NewEncoder(e.stdout)
				w.SetEscapeHTML(false)
				for i := range kept {
					if err := w.Encode(kept[i]); err != nil {
						return err
					}
				}
				return nil
			}
			if len(kept) == 0 {
				fmt.Fprintln(e.stdout, "No pending invitations. Import an export (linkvet import) or add some (linkvet add).")
				return nil
			}
			out := newTableSink(e.stdout, e.color)
			for i := range kept {
				if err := out.Write(&kept[i].Invitation, kept[i].Verdict); err != nil {
					return err
				}
			}
			return out.Close()
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: each invitation with its verdict and latest decision")
	c.Flags().BoolVar(&all, "all", false, "include invitations you already decided")
	c.Flags().StringVar(&onlyAction, "action", "", "only invitations with this verdict")
	c.Flags().StringVar(&category, "category", "", "only invitations in this category")
	return c
}

// sortByAttention puts what most needs the user's eye first; ties keep
// the newest first.
func sortByAttention(items []linkvet.StoredInvitation) {
	sort.SliceStable(items, func(i, j int) bool {
		return screen.Attention(items[i].Verdict) > screen.Attention(items[j].Verdict)
	})
}

func addCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "add FILE...",
		Short: "Add or enrich invitations from invitation-v1 JSON",
		Long: `Add stores invitations from invitation-v1 JSON or JSON Lines files ("-" for
standard input). An invitation that is already stored (matched by profile URL,
then by id) is enriched: new fields fill in, known fields are updated, nothing
is lost. Each is screened at once and its verdict printed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			now, err := e.now()
			if err != nil {
				return err
			}
			var invs []linkvet.Invitation
			rejected := 0
			for _, name := range args {
				got, n, err := e.readInvitations(name)
				if err != nil {
					return err
				}
				invs = append(invs, got...)
				rejected += n
			}
			db, err := e.openStore()
			if err != nil {
				return err
			}
			defer db.Close()
			if len(invs) > 0 {
				ids, err := db.PutInvitations(e.ctx, invs)
				if err != nil {
					return err
				}
				eng, _, err := e.storedEngine(e.ctx, db)
				if err != nil {
					return err
				}
				items := make([]linkvet.StoredInvitation, 0, len(ids))
				for _, id := range ids {
					it, err := db.Invitation(e.ctx, id)
					if err != nil {
						return err
					}
					items = append(items, *it)
				}
				if err := screenStored(e.ctx, db, eng, items, now); err != nil {
					return err
				}
				out := e.verdictOutput(asJSON)
				for i := range items {
					if err := out.Write(&items[i].Invitation, items[i].Verdict); err != nil {
						return err
					}
				}
				if err := out.Close(); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stderr, "stored %d invitation%s\n", len(invs), plural(len(invs)))
			if rejected > 0 {
				return rejectedError{rejected}
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print verdicts as JSON Lines")
	return c
}

// readRecords reads a whole file of invitations, reporting bad records
// on stderr; an invitation without an id gets its derived one.
func (e *env) readRecords(name string) ([]jsonio.Record, int, error) {
	r, err := e.fileInput(name).open()
	if err != nil {
		return nil, 0, err
	}
	defer r.Close()
	rd := jsonio.NewReader(r, name)
	var out []jsonio.Record
	rejected := 0
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			return out, rejected, nil
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			rejected++
			fmt.Fprintln(e.stderr, p)
			continue
		} else if err != nil {
			return nil, rejected, err
		}
		if rec.Invitation.ID == "" {
			rec.Invitation.ID = screen.ID(&rec.Invitation)
		}
		out = append(out, rec)
	}
}

// readInvitations is readRecords without the line numbers.
func (e *env) readInvitations(name string) ([]linkvet.Invitation, int, error) {
	recs, rejected, err := e.readRecords(name)
	invs := make([]linkvet.Invitation, len(recs))
	for i := range recs {
		invs[i] = recs[i].Invitation
	}
	return invs, rejected, err
}

func decideCmd(e *env) *cobra.Command {
	var note string
	c := &cobra.Command{
		Use:   "decide ID accept|ask|ignore|decline|block",
		Short: "Record your decision on an invitation",
		Long: `Decide records what you did with an invitation, with the time and the verdict
linkvet had given. You can change your mind: every decision is kept in the
history (linkvet history ID). Each decision also teaches linkvet's classifier;
a changed decision first takes back what the old one taught.`,
		Args: cobra.ExactArgs(2),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id, act := args[0], linkvet.Action(args[1])
			if !act.Valid() {
				return usageError{fmt.Errorf("%q is not one of accept, ask, ignore, decline, block", args[1])}
			}
			db, now, err := e.openClocked()
			if err != nil {
				return err
			}
			defer db.Close()
			it, err := db.Invitation(e.ctx, id)
			if err != nil {
				return err
			}
			eng, p, err := e.storedEngine(e.ctx, db)
			if err != nil {
				return err
			}
			v := eng.Screen(&it.Invitation, now)
			if err := db.SaveVerdicts(e.ctx, []linkvet.Verdict{v}); err != nil {
				return err
			}
			d, err := db.Decide(e.ctx, linkvet.Decision{InvitationID: id, Action: act, Verdict: v.Action, Note: note, By: linkvet.ByUser})
			if err != nil {
				return err
			}
			if p.Learning.Enabled {
				if err := train(e.ctx, db, p, &it.Invitation, id, string(act)); err != nil {
					return err
				}
			}
			agree := "as linkvet advised"
			if v.Action != act {
				agree = "linkvet had advised " + string(v.Action)
			}
			fmt.Fprintf(e.stdout, "%s: %s (%s), recorded %s\n", id, act, agree, d.At.Format(time.RFC3339))
			return nil
		}),
	}
	c.Flags().StringVar(&note, "note", "", "a note to keep with the decision")
	return c
}

// train teaches the stored classifier one decision and saves it.
func train(ctx context.Context, db *sqlite.DB, p *policy.Policy, inv *linkvet.Invitation, key, class string) error {
	c, err := loadClassifier(ctx, db, p)
	if err != nil {
		return err
	}
	changed, err := retrain(ctx, db, c, inv, key, class)
	if err != nil || !changed {
		return err
	}
	return saveClassifier(ctx, db, c)
}

// retrain teaches c that the invitation stored as key was decided as
// class. The store remembers what each invitation was trained as, so a
// changed decision untrains the old class first and a repeated one changes
// nothing (changed is false). The caller saves c.
func retrain(ctx context.Context, db *sqlite.DB, c *learn.Classifier, inv *linkvet.Invitation, key, class string) (changed bool, err error) {
	old, err := db.TrainedAs(ctx, key)
	if err != nil || old == class {
		return false, err
	}
	doc := learn.DocFromInvitation(inv)
	if old != "" {
		if err := c.Untrain(doc, old); err != nil {
			return false, fmt.Errorf("untrain %s as %s: %w", key, old, err)
		}
	}
	c.Train(doc, class)
	return true, db.SetTrainedAs(ctx, key, class)
}
