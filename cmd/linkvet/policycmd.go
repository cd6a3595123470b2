package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/service"
)

func policyCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "policy",
		Short: "Check a policy file, make it the one in force, or show the one in force",
		Long: `One policy is in force per database: linkvet policy use FILE stores it (each
change is a new version, kept in the audit log), linkvet policy show prints it,
and the web app's Policy page edits the same one. --policy FILE on any command
uses FILE for that run only and says so.`,
	}
	c.AddCommand(&cobra.Command{
		Use:   "check [FILE]",
		Short: "Validate a policy file and print the effective policy",
		Long: `Check validates a policy file and prints the policy linkvet would use, with
every default filled in. An error names the line and the key; an unknown key is
a warning here and an error for linkvet policy use. With no FILE, it prints the
defaults (or the file given with --policy).`,
		Args: cobra.MaximumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			path := e.policyPath
			if len(args) == 1 {
				path = args[0]
			}
			p := policy.Default()
			if path != "" {
				text, err := readPolicyFile(path)
				if err != nil {
					return err
				}
				if p, err = policy.Load(text, path); err != nil {
					return err
				}
				for _, w := range p.Warnings {
					fmt.Fprintln(e.stderr, "linkvet: warning:", w)
				}
				fmt.Fprintf(e.stderr, "%s: ok (%d rule%s)\n", path, len(p.Rules), plural(len(p.Rules)))
			}
			_, err := e.stdout.Write(p.YAML())
			return err
		}),
	})
	c.AddCommand(&cobra.Command{
		Use:   "use FILE",
		Short: "Make FILE the policy in force for this database",
		Long: `Use validates FILE strictly (an unknown key such as a misspelt "stlye:" is an
error, not a warning) and stores it as the policy in force: a new version,
recorded in the audit log. Every command, and the web app, then screens with
it. The verdicts it makes stale are screened again when next listed.`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			text, err := readPolicyFile(args[0])
			if err != nil {
				return err
			}
			if _, err := service.LoadStrict(text, args[0]); err != nil {
				return err // before a store is opened or created
			}
			local := *e
			local.policyPath = ""
			svc, done, err := local.service(false)
			if err != nil {
				return err
			}
			defer done()
			pv, p, err := svc.UsePolicy(e.ctx, text, args[0], "cli")
			if err != nil {
				return err
			}
			for _, w := range p.Warnings {
				fmt.Fprintln(e.stderr, "linkvet: warning:", w)
			}
			fmt.Fprintf(e.stdout, "policy version %d is in force (from %s)\n", pv.Version, args[0])
			return nil
		}),
	})
	var effective bool
	show := &cobra.Command{
		Use:   "show",
		Short: "Print the policy in force, as stored",
		Long: `Show prints the policy in force in the database as it was stored (linkvet policy
use FILE, or the web app's Policy page), preceded by a comment with its version.
--effective prints it with every default filled in instead.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			local := *e
			local.policyPath = ""
			svc, done, err := local.service(true)
			if err != nil {
				return err
			}
			defer done()
			pv, err := svc.PolicyInForce(e.ctx)
			if err != nil {
				return err
			}
			if effective || pv.Version == 0 {
				p, err := svc.Policy(e.ctx)
				if err != nil {
					return err
				}
				if pv.Version == 0 {
					fmt.Fprintln(e.stdout, "# no policy stored: the built-in defaults are in force (store one with linkvet policy use FILE)")
				} else {
					fmt.Fprintf(e.stdout, "# policy version %d, stored %s from %s, with every default filled in\n", pv.Version, pv.At.Format("2006-01-02 15:04"), pv.Source)
				}
				_, err = e.stdout.Write(p.YAML())
				return err
			}
			fmt.Fprintf(e.stdout, "# policy version %d, stored %s from %s\n", pv.Version, pv.At.Format("2006-01-02 15:04"), pv.Source)
			fmt.Fprint(e.stdout, pv.Text)
			if n := len(pv.Text); n > 0 && pv.Text[n-1] != '\n' {
				fmt.Fprintln(e.stdout)
			}
			return nil
		}),
	}
	show.Flags().BoolVar(&effective, "effective", false, "fill in every default")
	c.AddCommand(show)
	return c
}
