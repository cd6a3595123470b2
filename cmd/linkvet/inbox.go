package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/screen"
	"github.com/linkvet/linkvet/service"
)

func inboxCmd(e *env) *cobra.Command {
	var asJSON, all, drafts, needsDetails bool
	var onlyAction, category string
	var limit int
	c := &cobra.Command{
		Use:   "inbox",
		Short: "List pending invitations with their verdicts, most worth your attention first",
		Long: `Inbox lists the pending incoming invitations in the store, most worth your
attention first: likely accepts and likely scams at the top. Verdicts are kept
in the store with the policy and classifier they came from; only those a
change made stale are screened again. --all includes invitations you already
decided and shows what you decided; --drafts shows the drafted messages.

An invitation whose verdict stands on little more than a name is marked "*"
(needs details); --needs-details lists only those, and 'linkvet explain ID'
says how to bring in what is missing (a profile PDF, a pasted page, the
e-mail).

--limit N shows the first N only (a long inbox's top is where the work is);
the table then says how many there are in all.`,
		Example: `  linkvet inbox
  linkvet inbox --limit 20
  linkvet inbox --action accept --json`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usageError{fmt.Errorf("--limit %d: give a number of invitations, or 0 for all", limit)}
			}
			f := service.InboxFilter{All: all}
			if !needsDetails {
				f.Limit = limit // else the filter below comes first
			}
			if onlyAction != "" {
				a, _, err := service.ParseAction(onlyAction, false)
				if err != nil {
					return usageError{fmt.Errorf("--action: %w", err)}
				}
				f.Action = a
			}
			if category != "" {
				c, err := service.ParseCategory(category)
				if err != nil {
					return usageError{fmt.Errorf("--category: %w", err)}
				}
				f.Category = c
			}
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			if !asJSON && !drafts {
				// The table shows what the store keeps beside each
				// verdict: nothing is read whole.
				page, err := svc.Inbox(e.ctx, f)
				if err != nil {
					return err
				}
				kept, total := page.Items, page.Total
				if needsDetails {
					thin := kept[:0]
					for _, it := range kept {
						if len(it.Missing) > 0 {
							thin = append(thin, it)
						}
					}
					kept, total = firstN(thin, limit), len(thin)
				}
				rows := make([]linkvet.StoredInvitation, len(kept))
				marks := make([]bool, len(kept))
				for i := range kept {
					rows[i], marks[i] = listedRow(&kept[i]), len(kept[i].Missing) > 0
				}
				if total > len(rows) && len(rows) > 0 {
					defer fmt.Fprintf(e.stdout, "showing the first %d of %d; linkvet inbox without --limit lists all %d\n", len(rows), total, total)
				}
				return e.printInbox(svc, rows, marks, all, drafts, filtered(f, needsDetails))
			}
			kept, _, err := svc.InboxItems(e.ctx, f)
			if err != nil {
				return err
			}
			if needsDetails {
				thin := kept[:0]
				for _, it := range kept {
					if len(service.NeedsDetails(&it.Invitation, it.Verdict)) > 0 {
						thin = append(thin, it)
					}
				}
				kept = firstN(thin, limit)
			}
			if asJSON {
				w := json.NewEncoder(e.stdout)
				w.SetEscapeHTML(false)
				for i := range kept {
					// The decision shown is the standing one, as on the
					// web: an undo leaves none.
					kept[i].Decision = linkvet.Standing(kept[i].Decision)
					if err := w.Encode(kept[i]); err != nil {
						return err
					}
				}
				return nil
			}
			marks := make([]bool, len(kept))
			for i := range kept {
				marks[i] = len(service.NeedsDetails(&kept[i].Invitation, kept[i].Verdict)) > 0
			}
			return e.printInbox(svc, kept, marks, all, drafts, filtered(f, needsDetails))
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines: each invitation with its verdict and standing decision")
	c.Flags().BoolVar(&all, "all", false, "include invitations you already decided, with what you decided")
	c.Flags().BoolVar(&drafts, "drafts", false, "show the drafted messages under each invitation (--json always has them)")
	c.Flags().StringVar(&onlyAction, "action", "", "only invitations with this verdict")
	c.Flags().StringVar(&category, "category", "", "only invitations in this category")
	c.Flags().BoolVar(&needsDetails, "needs-details", false, "only invitations whose verdict stands on little more than a name")
	c.Flags().IntVar(&limit, "limit", 0, "show the first N only (0: all)")
	return c
}

// firstN is the first n of list, all of it when n is 0.
func firstN[T any](list []T, n int) []T {
	if n > 0 && len(list) > n {
		return list[:n]
	}
	return list
}

// filtered says what the filters of an inbox select ("" for none), for
// an empty list to say so rather than suggest importing.
func filtered(f service.InboxFilter, needsDetails bool) string {
	var parts []string
	if f.Action != "" {
		parts = append(parts, "with the verdict "+string(f.Action))
	}
	if f.Category != "" {
		parts = append(parts, "in the category "+string(f.Category))
	}
	if needsDetails {
		parts = append(parts, "that need details")
	}
	return strings.Join(parts, " and ")
}

// printInbox prints the inbox as a table; marks[i] says kept[i] needs
// details; filter says what the filters select ("" for none).
func (e *env) printInbox(svc *service.Service, kept []linkvet.StoredInvitation, marks []bool, all, drafts bool, filter string) error {
	if !all {
		defer printUnsettled(e, svc)
	}
	if len(kept) == 0 {
		switch {
		case filter != "" && all:
			fmt.Fprintf(e.stdout, "No invitations %s. linkvet inbox --all without filters lists them all.\n", filter)
		case filter != "":
			fmt.Fprintf(e.stdout, "No pending invitations %s. linkvet inbox without filters lists them all.\n", filter)
		case all:
			fmt.Fprintln(e.stdout, "No invitations stored. Import an export (linkvet import) or add some (linkvet add).")
		default:
			fmt.Fprintln(e.stdout, "No pending invitations. Import an export (linkvet import) or add some (linkvet add).")
		}
		return nil
	}
	out := newTableSink(e.stdout, e.color)
	out.decided = all
	out.drafts = drafts
	marked := 0
	for i := range kept {
		row := kept[i]
		if marks[i] {
			row.Invitation.Person.Name = "* " + row.Invitation.Person.Name
			marked++
		}
		if err := out.WriteStored(&row); err != nil {
			return err
		}
	}
	if marked > 0 {
		defer fmt.Fprintf(e.stdout, "* needs details (%d): linkvet explain ID says how to bring them in; linkvet inbox --needs-details lists them\n", marked)
	}
	return out.Close()
}

// listedRow is the part of a stored invitation the inbox table shows,
// made from its listing: the deciding reason stands alone among the
// reasons, so that the table's WHY column finds it.
func listedRow(l *linkvet.Listing) linkvet.StoredInvitation {
	v := &linkvet.Verdict{ID: l.ID, Action: l.Action, Report: l.Report, Category: l.Category, Intent: l.Intent,
		Score: l.Score, Confidence: l.Confidence, Missing: l.Missing}
	if l.Reason != (linkvet.Reason{}) {
		v.Reasons = []linkvet.Reason{l.Reason}
	}
	return linkvet.StoredInvitation{Invitation: linkvet.Invitation{ID: l.ID, Person: linkvet.Person{Name: l.Name}}, Verdict: v, Decision: l.Decision}
}

func addCmd(e *env) *cobra.Command {
	var asJSON bool
	var profile string
	c := &cobra.Command{
		Use:   "add [FILE...] | add --profile FILE.pdf [ID]",
		Short: "Add or enrich invitations (invitation-v1 JSON) and screen them",
		Long: `Add stores invitations from invitation-v1 JSON or JSON Lines files ("-" for
standard input, also when no FILE is given). An invitation that is already stored (matched by profile URL,
then by id) is enriched: new fields fill in, known fields are updated, nothing
is lost. Each is screened at once and its verdict printed.

With --profile, FILE is a profile saved as PDF (More > Save to PDF on the
profile) or a copied profile page: it enriches the pending invitation of that
person (matched by the profile URL, else the name; ID names it when the name
is ambiguous or the profile has no link) and screens it again.`,
		Args: cobra.ArbitraryArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if profile != "" {
				return e.addProfile(profile, args, asJSON)
			}
			if len(args) == 0 {
				args = []string{"-"}
				e.sayReadingStdin()
			}
			var invs []linkvet.Invitation
			rejected := 0
			var empty []string
			for _, name := range args {
				got, n, err := e.readInvitations(name)
				if err != nil {
					return err
				}
				if len(got) == 0 && n == 0 {
					// Named here, so that nobody takes silence for success.
					empty = append(empty, name)
					fmt.Fprintf(e.stderr, "linkvet: %s holds no invitations (an empty file?); nothing stored from it\n", displayName(name))
				}
				invs = append(invs, got...)
				rejected += n
			}
			if len(invs) == 0 {
				// Nothing to store: no database is opened, none is created.
				if rejected > 0 {
					return fileError{err: rejectedCount(oneName(args), rejected, 0)}
				}
				return fileError{silent: true} // each empty input was named above
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			res, err := svc.Add(e.ctx, invs)
			if err != nil {
				return err
			}
			items := res.Items
			out := e.verdictOutput(asJSON)
			for i := range items {
				if err := out.Write(&items[i].Invitation, items[i].Verdict); err != nil {
					return err
				}
			}
			if err := out.Close(); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "%s read: %d new, %d enriched, %d unchanged\n", count(len(invs), "invitation"), res.New, res.Enriched, res.Unchanged)
			if rejected > 0 {
				return fileError{err: rejectedCount(oneName(args), rejected, len(invs))}
			}
			if len(empty) > 0 {
				return fileError{silent: true} // named above
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print verdicts as JSON Lines")
	c.Flags().StringVar(&profile, "profile", "", "a profile PDF (or copied profile page) that enriches that person's pending invitation")
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
	var force bool
	c := &cobra.Command{
		Use:   "decide ID accept|ask|ignore|decline|block|undo",
		Short: "Record your decision on an invitation, or undo it",
		Long: `Decide records what you did with an invitation sent to you, with the time and
the verdict linkvet had given. You can change your mind: every decision is kept
in the history (linkvet history ID), and "undo" takes back the standing one (the
invitation is pending again). Each decision also teaches linkvet's classifier,
in the same transaction; a changed decision first takes back what the old one
taught. For invitations you sent, record what happened with linkvet outreach
mark ID accepted|declined|ignored.

Accepting someone linkvet advises you to block or decline (a scam, a fake
profile) is refused unless you add --force, as the web app asks you to
confirm it.`,
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeDecide(e),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			id := args[0]
			act, undo, err := service.ParseAction(args[1], true)
			if err != nil {
				return usageError{err}
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			if undo {
				d, err := svc.Undo(e.ctx, id)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: decision undone, pending again (recorded %s)\n", id, d.At.Format(time.RFC3339))
				return nil
			}
			if act == linkvet.Accept && !force {
				si, err := svc.Invitation(e.ctx, id)
				if err != nil {
					return err
				}
				if v := si.Verdict; si.Invitation.Direction == linkvet.Incoming && service.NeedsConfirmation(v) {
					why := ""
					if r, ok := service.DecidingReason(v); ok {
						why = ": " + r.Detail
					}
					return usageError{fmt.Errorf("%s: linkvet advises %s (%s%s); nothing recorded. If you are sure, accept with: linkvet decide %s accept --force",
						id, v.Action, v.Category, why, id)}
				}
			}
			res, err := svc.Decide(e.ctx, id, act, note)
			if err != nil {
				return err
			}
			agree := "as linkvet advised"
			if res.Verdict.Action != act {
				agree = "linkvet had advised " + string(res.Verdict.Action)
			}
			fmt.Fprintf(e.stdout, "%s: %s (%s), recorded %s\n", id, act, agree, res.Decision.At.Format(time.RFC3339))
			return nil
		}),
	}
	c.Flags().StringVar(&note, "note", "", "a note to keep with the decision")
	c.Flags().BoolVar(&force, "force", false, "accept even though linkvet advises block or decline")
	return c
}
