package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/read"
)

// readCmd is `linkvet read`: the one reader entry point, which stores
// nothing (package read does the work).
func readCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "read [--json] FILE|-...",
		Short: "Read any input (export, profile PDF, pasted page, JSON) and print what it holds",
		Long: `Read detects what it was given and prints the invitations it found, storing
nothing:

  - LinkedIn's data export (the ZIP or its folder): the pending invitations
    you received;
  - a profile saved as PDF (More > Save to PDF on a profile): one record
    holding only the person;
  - text copied from LinkedIn (select all, copy, paste into a file or
    standard input): the Invitation Manager gives one record per
    invitation, a profile page one record holding only the person;
  - LinkedIn's invitation e-mails: an .eml file, an mbox, a Maildir folder
    (e-mails that imitate LinkedIn are reported as phishing, never read as
    invitations);
  - invitation-v1 JSON or JSON Lines.

With --json the records are printed as invitation-v1 JSON Lines, ready for
'linkvet screen' or 'linkvet add'; without it, a short table. Ages such as
"3 days ago" in pasted pages count from now (or --now).

Whatever could not be understood is reported on standard error with its
place (file:line, or file: page N) and the rest is still printed. Exit
status: 0 when everything was understood, 1 when something was reported or
an input could not be read, 2 for a usage error.`,
		Example: `  linkvet read --json Profile.pdf
  pbpaste | linkvet read --json - | linkvet screen
  linkvet read ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip`,
		Args: cobra.MinimumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			now, err := e.now()
			if err != nil {
				return err
			}
			out := bufio.NewWriter(e.stdout)
			defer out.Flush()
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			var tw *tabwriter.Writer
			if !asJSON {
				tw = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "SOURCE\tNAME\tHEADLINE\tMUTUALS\tSENT\tNOTE")
			}
			rejected := 0
			for _, path := range args {
				res, err := read.ReadPath(path, e.stdin, read.Options{Now: now})
				if err != nil {
					if linkvet.ErrorCode(err) == linkvet.EINTERNAL {
						return err
					}
					fmt.Fprintln(e.stderr, err.Error())
					rejected++
					continue
				}
				for i := range res.Records {
					inv := &res.Records[i]
					if asJSON {
						if err := enc.Encode(inv); err != nil {
							return fmt.Errorf("write: %w", err)
						}
						continue
					}
					fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", inv.Source, readCell(inv.Person.Name, 30), readCell(inv.Person.Headline, 40),
						readMutuals(inv), readSent(inv), readCell(inv.Message, 40))
				}
				for _, p := range res.Problems {
					fmt.Fprintln(e.stderr, p.String())
					rejected++
				}
				for _, f := range res.Phishing {
					// Never a record: said on stderr, and counted as rejected.
					fmt.Fprintf(e.stderr, "%s: phishing, not an invitation: from %s: %s\n", f.File, f.From, strings.Join(f.Evidence, "; "))
					rejected++
				}
			}
			if tw != nil {
				if err := tw.Flush(); err != nil {
					return fmt.Errorf("write: %w", err)
				}
			}
			if err := out.Flush(); err != nil {
				return fmt.Errorf("write: %w", err)
			}
			if rejected > 0 {
				return rejectedError{rejected}
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print invitation-v1 JSON Lines")
	return c
}

func readCell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func readMutuals(inv *linkvet.Invitation) string {
	if inv.MutualConnections == nil {
		return "-"
	}
	return fmt.Sprint(*inv.MutualConnections)
}

func readSent(inv *linkvet.Invitation) string {
	if inv.SentAt == nil {
		return "-"
	}
	return inv.SentAt.Format("2006-01-02")
}
