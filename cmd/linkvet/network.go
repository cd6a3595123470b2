package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// staleShown is how many stale connections the summary prints; --json has
// them all.
const staleShown = 20

func networkCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "network",
		Short: "Summarise your connections: count against the cap, stale ones, tags",
		Long: `Network counts your connections (from the last import, hidden ones included)
against LinkedIn's cap of 30,000 and warns from 27,000 on. It lists connections
you have not interacted with for follow_up.stale_after_days (default 730): no
message either way since, else connected that long ago. Those are candidates
for pruning; connections without any date are counted but not listed. It shows
the tags (groups) you gave people: see linkvet network tag.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			n, err := svc.Network(e.ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, n)
			}
			fmt.Fprintf(e.stdout, "connections: %d of %d (%d left)", n.Connections, n.Cap, n.Left)
			if n.Hidden > 0 {
				fmt.Fprintf(e.stdout, ", %d of them hidden from the export", n.Hidden)
			}
			fmt.Fprintln(e.stdout)
			if n.Warning != "" {
				fmt.Fprintln(e.stdout, "warning:", n.Warning)
			}
			if n.StaleAfterDays > 0 {
				fmt.Fprintf(e.stdout, "\nstale (no interaction for %d days): %d\n", n.StaleAfterDays, len(n.Stale))
				for i, st := range n.Stale {
					if i == staleShown {
						fmt.Fprintf(e.stdout, "  ... and %d more (--json lists all)\n", len(n.Stale)-staleShown)
						break
					}
					fmt.Fprintf(e.stdout, "  %-24s %-22s last %s (%s)\n", cut(safe(st.Person.Name), 24), cut(safe(st.Person.Company), 22),
						st.LastInteraction.Format("2006-01-02"), count(st.QuietDays, "day"))
				}
				if len(n.Stale) > 0 {
					fmt.Fprintln(e.stdout, "  Tag them to review: linkvet network tag prune --stale")
				}
			}
			if n.Undated > 0 {
				fmt.Fprintf(e.stdout, "%d connection%s without a date or a message: linkvet cannot tell how quiet they are\n", n.Undated, plural(n.Undated))
			}
			fmt.Fprintln(e.stdout, "\ntags:")
			if len(n.Tags) == 0 {
				fmt.Fprintln(e.stdout, "  none yet: group people with linkvet network tag TAG --company X (or --stale, or names)")
			}
			for _, t := range n.Tags {
				fmt.Fprintf(e.stdout, "  %-24s %d\n", cut(safe(t.Tag), 24), t.Count)
			}
			fmt.Fprintf(e.stdout, "connections without a tag: %d\n", n.Untagged)
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	c.AddCommand(networkTagCmd(e, true), networkTagCmd(e, false))
	return c
}

// networkTagCmd builds "tag" (add) or "untag" (remove).
func networkTagCmd(e *env, add bool) *cobra.Command {
	var stale bool
	var company string
	use, verb, short := "tag", "tagged", "Tag connections, in bulk: the stale ones, those at a company, or people named"
	if !add {
		use, verb, short = "untag", "untagged", "Remove a tag from connections: the stale ones, those at a company, or people named"
	}
	c := &cobra.Command{
		Use:   use + " TAG (--stale | --company NAME | PERSON...)",
		Short: short,
		Long: `Tags group the people you know into lists of your own,
for instance to review the stale ones before pruning, or to keep colleagues of
a company together. A tag is compared without regard to case or styling:
"Work" and "work" are one tag.

Name the people with --stale (connections quiet for follow_up.stale_after_days),
--company NAME (connections whose company contains NAME as whole words), or
PERSON arguments: profile URLs, e-mail addresses or names. All are ` + verb + ` or none.`,
		Example: `  linkvet network tag prune --stale
  linkvet network tag harbor --company "Harbor Metrics"
  linkvet network ` + use + ` mentors https://www.linkedin.com/in/aisha-bello "Priya Raman"`,
		Args: cobra.MinimumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			tag, people := args[0], args[1:]
			chosen := 0
			for _, set := range []bool{stale, company != "", len(people) > 0} {
				if set {
					chosen++
				}
			}
			if chosen != 1 {
				return usageError{fmt.Errorf("name the people to %s in one way: --stale, --company NAME, or PERSON arguments", use)}
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			keys, err := svc.PeopleNamed(e.ctx, people)
			if err != nil {
				return err
			}
			if len(people) == 0 {
				var selected []linkvet.KnownPerson
				if stale {
					list, err := svc.StaleConnections(e.ctx)
					if err != nil {
						return err
					}
					for _, st := range list {
						selected = append(selected, st.Person)
					}
				} else if selected, err = svc.PeopleAt(e.ctx, company); err != nil {
					return err
				}
				if len(selected) == 0 {
					what := "no connection is stale"
					if !stale {
						what = fmt.Sprintf("no connection works at %q", company)
					}
					fmt.Fprintf(e.stdout, "%s: nobody %s\n", what, verb)
					return nil
				}
				for _, k := range selected {
					keys = append(keys, service.KnownKey(k))
				}
			}
			if add {
				err = svc.Tag(e.ctx, keys, tag)
			} else {
				err = svc.Untag(e.ctx, keys, tag)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s %d %s %q\n", verb, len(keys), map[bool]string{true: "person", false: "people"}[len(keys) == 1], tag)
			return nil
		}),
	}
	c.Flags().BoolVar(&stale, "stale", false, "the connections gone quiet (follow_up.stale_after_days)")
	c.Flags().StringVar(&company, "company", "", "the connections whose company contains this name")
	return c
}
