package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet/policy"
)

func policyCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "policy",
		Short: "Work with policy files",
	}
	c.AddCommand(&cobra.Command{
		Use:   "check [FILE]",
		Short: "Validate a policy file and print the effective policy",
		Long: `Check validates a policy file and prints the policy linkvet will use, with
every default filled in. An error names the line and the key. With no FILE,
it prints the defaults (or the file given with --policy).`,
		Args: cobra.MaximumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			path := e.policyPath
			if len(args) == 1 {
				path = args[0]
			}
			p := policy.Default()
			if path != "" {
				var err error
				if p, err = policy.LoadFile(path); err != nil {
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
	return c
}
