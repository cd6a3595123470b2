package main

import (
	"github.com/spf13/cobra"
)

// pasteCmd is `linkvet paste`: a page copied from LinkedIn, from standard
// input, brought in like `linkvet import` does.
func pasteCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "paste",
		Short: "Bring in a page copied from LinkedIn (Invitation Manager or a profile), from standard input",
		Long: `Paste reads, from standard input, the text you get with select all and copy on
LinkedIn's Invitation Manager (the invitations you received) or on a
member's profile page, and brings it in as 'linkvet import' does: each card
enriches the invitation already stored (matched by profile URL, then e-mail,
then name and time: the mutual connections, the headline, the whole note) or
is added; a profile enriches the pending invitation of that person. Ages such
as "3 days ago" count from now (or --now). What could not be understood is
listed with its line. linkvet never opens LinkedIn itself.`,
		Example: `  pbpaste | linkvet paste
  xclip -o -selection clipboard | linkvet paste
  linkvet paste < invitation-manager.txt`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			e.sayReadingPaste()
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			var rep ingestReport
			if err := e.ingestPath(svc, "-", &rep); err != nil {
				return err
			}
			rep.summary(e.stdout)
			return rep.err()
		}),
	}
}
