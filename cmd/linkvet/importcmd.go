package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
)

func importCmd(e *env) *cobra.Command {
	var tz string
	c := &cobra.Command{
		Use:   "import PATH",
		Short: "Import LinkedIn's data export, invitation e-mails, profile PDFs, pasted pages or JSON",
		Long: `Import reads LinkedIn's data export ("Get a copy of your data" in LinkedIn's
settings): the ZIP file, or the folder it unpacks to. It learns who you are
(Profile, Positions, Education, Skills), whom you know (connections, contacts,
people you messaged, endorsers, recommenders), your pending invitations in both
directions and your messages, and keeps them in the local database.

Importing the same export twice changes nothing; a newer export updates what
changed. Rows that cannot be read are skipped and listed with file:line and
reason. Pending incoming invitations are screened at once: see linkvet inbox.

Import takes everything 'linkvet read' understands. LinkedIn's invitation
e-mails (an .eml file, an mbox, a Maildir folder), a profile saved as PDF, a
page copied from LinkedIn (the Invitation Manager, a profile) and
invitation-v1 JSON enrich the invitations already stored (matched by profile
URL, then e-mail, then name and time) instead of duplicating them, and add
the new ones. A profile enriches the pending invitation of that person. What
each record did is printed (added, enriched, unchanged, unmatched); e-mails
that imitate LinkedIn are reported as phishing and never imported; what could
not be understood is listed with its place. The input itself is kept with
each invitation. linkvet never follows an Accept link and never logs in.`,
		Example: `  linkvet import ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip
  linkvet import --time-zone Europe/Berlin ./export-folder
  linkvet import ~/Mail/LinkedIn.mbox
  linkvet import ~/Downloads/Profile.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			if !isExportInput(args[0]) {
				if tz != "" {
					return usageError{fmt.Errorf("--time-zone applies to LinkedIn's data export only; %s is not one", args[0])}
				}
				var rep ingestReport
				if err := e.ingestPath(svc, args[0], &rep); err != nil {
					return err
				}
				rep.summary(e.stdout)
				return rep.err()
			}
			var opts linkedin.Options
			if tz != "" {
				loc, err := time.LoadLocation(tz)
				if err != nil {
					return usageError{fmt.Errorf("--time-zone %q: %v", tz, err)}
				}
				opts.Location = loc
			}
			if opts, err = svc.ImportOptions(e.ctx, opts); err != nil {
				return err
			}
			var bar *progressbar.ProgressBar
			if isTerminal(e.stderr) {
				bar = newProgressBar(e.stderr)
				opts.Progress = func(file string, done, total int64) {
					bar.Describe(file)
					bar.ChangeMax64(max(total, 1))
					_ = bar.Set64(done)
				}
			}
			res, err := svc.ImportStream(e.ctx, func(o linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error) {
				return linkedin.Stream(args[0], o, h)
			}, opts)
			if bar != nil {
				_ = bar.Finish()
				fmt.Fprintln(e.stderr)
			}
			if err != nil {
				return err
			}
			printImported(e.stdout, args[0], res)
			page, err := svc.Inbox(e.ctx, service.InboxFilter{})
			if err != nil {
				return err
			}
			items := page.Items
			counts := map[linkvet.Action]int{}
			for _, it := range items {
				counts[it.Action]++
			}
			fmt.Fprintf(e.stdout, "\n%d pending invitation%s screened:", len(items), plural(len(items)))
			for _, a := range linkvet.Actions {
				if counts[a] > 0 {
					fmt.Fprintf(e.stdout, " %d %s", counts[a], a)
				}
			}
			fmt.Fprintln(e.stdout, "\nSee them with: linkvet inbox")
			return nil
		}),
	}
	c.Flags().StringVar(&tz, "time-zone", "", "IANA zone of the export's times without a zone (default: the policy's time_zone, else local)")
	return c
}

func newProgressBar(w io.Writer) *progressbar.ProgressBar {
	return progressbar.NewOptions64(1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// printImportSummary prints the summary of an export read whole.
//
//lint:ignore U1000 kept for the readers that hand over a whole export
func printImportSummary(w io.Writer, path string, x *linkvet.Export, res linkvet.ImportResult) {
	bySource := map[string]int{}
	for _, k := range x.Known {
		for _, s := range k.Sources {
			bySource[s]++
		}
	}
	printImportSummaryCounts(w, path, x, res, len(x.Known), len(x.Messages), bySource)
}

// printImportSummaryCounts prints the summary with the counts of known
// people and messages given apart (a streamed export holds neither).
func printImportSummaryCounts(w io.Writer, path string, x *linkvet.Export, res linkvet.ImportResult, known, messages int, bySource map[string]int) {
	fmt.Fprintf(w, "imported %s\n", path)
	files := append([]linkvet.FileSummary(nil), x.Files...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	skipped := 0
	for _, f := range files {
		fmt.Fprintf(w, "  %-40s %7d row%s", f.Name, f.Rows, plural(f.Rows))
		if len(f.Skipped) > 0 {
			fmt.Fprintf(w, ", %d skipped", len(f.Skipped))
		}
		fmt.Fprintln(w)
		skipped += len(f.Skipped)
	}
	fmt.Fprintf(w, "known people %d, pending incoming %d, pending outgoing %d, messages %d",
		known, len(x.Incoming), len(x.Outgoing), messages)
	if x.HiddenConnections > 0 {
		fmt.Fprintf(w, ", hidden connections %d", x.HiddenConnections)
	}
	if me := x.Me; !me.Empty() {
		fmt.Fprintf(w, "\nyou: %s", safe(me.Name))
		if me.Headline != "" {
			fmt.Fprintf(w, " — %s", safe(me.Headline))
		}
		if me.Location != "" {
			fmt.Fprintf(w, " (%s)", safe(me.Location))
		}
		fmt.Fprintf(w, "\n  companies: %s\n  schools: %s\n  industries: %s\n  skills: %d",
			safe(strings.Join(me.Companies, ", ")), safe(strings.Join(me.Schools, ", ")), safe(strings.Join(me.Industries, ", ")), len(me.Skills))
	}
	if len(bySource) > 0 {
		sources := sortedKeys(bySource)
		fmt.Fprintf(w, "\nknown people by source:")
		for _, s := range sources {
			fmt.Fprintf(w, " %s %d", s, bySource[s])
		}
	}
	fmt.Fprintf(w, "\nchanged: %d known, %d incoming, %d outgoing, %d messages; unchanged %d\n",
		res.Known, res.Incoming, res.Outgoing, res.Messages, res.Unchanged)
	if skipped > 0 {
		fmt.Fprintf(w, "skipped rows:\n")
		for _, f := range files {
			for _, p := range f.Skipped {
				fmt.Fprintf(w, "  %s\n", p)
			}
		}
	}
}
