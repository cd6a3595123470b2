package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/service"
)

func profileCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "profile",
		Short: "Check your own LinkedIn profile",
	}
	c.AddCommand(profileCheckCmd(e))
	return c
}

func profileCheckCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "check [EXPORT]",
		Short: "Say what your profile lacks: headline, About, current position, skills, education, photo",
		Long: `Check looks at your own profile, since a complete and detailed profile makes
people accept your invitations: the headline, the About text, a current
position with its title, at least 5 skills, education, industry and location.
The export does not include your photo, so check asks about it.

With EXPORT (LinkedIn's ZIP or the folder it unpacks to) it reads Profile.csv,
Positions.csv, Education.csv and Skills.csv from it, in full. Without, it uses
the profile stored by your last linkvet import, which keeps no About text and
no dates: those are asked about rather than reported missing.`,
		Example: `  linkvet profile check ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip`,
		Args:    cobra.MaximumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			var rep service.ProfileReport
			if len(args) == 1 {
				p, err := linkedin.ReadProfile(args[0], linkedin.Options{Location: time.UTC})
				if err != nil {
					return err
				}
				rep = service.CheckProfileOf(*p)
			} else {
				svc, done, err := e.service(true)
				if err != nil {
					return err
				}
				defer done()
				rep, err = svc.CheckProfile(e.ctx)
				if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
					return linkvet.Errorf(linkvet.ENOTFOUND, "no profile is stored yet: import your LinkedIn export (linkvet import PATH), or name it: linkvet profile check PATH")
				} else if err != nil {
					return err
				}
			}
			prof, partial, findings := rep.Profile, rep.Partial, rep.Findings
			if asJSON {
				return writeJSON(e.stdout, map[string]any{"profile": prof, "partial": partial, "findings": findings})
			}
			fmt.Fprintf(e.stdout, "profile of %s", safe(personName(linkvet.Person{Name: prof.Name})))
			if partial {
				fmt.Fprint(e.stdout, " (from the last import; name the export for the full check)")
			}
			fmt.Fprintln(e.stdout)
			counts := map[string]int{}
			for _, f := range findings {
				counts[f.Severity]++
				fmt.Fprintf(e.stdout, "  %-8s %-10s %s\n  %-8s %-10s -> %s\n", f.Severity, f.Field, safe(f.Message), "", "", f.Suggestion)
			}
			fmt.Fprintf(e.stdout, "%d missing, %d weak, %d to check yourself\n",
				counts[outreach.ProfileMissing], counts[outreach.ProfileWeak], counts[outreach.ProfileQuestion])
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the profile and the findings as JSON")
	return c
}
