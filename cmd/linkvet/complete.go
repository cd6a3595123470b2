package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// completeIDs completes invitation ids from the store (never creating
// one), with the person's name as the description.
func completeIDs(e *env, dir linkvet.Direction, pendingOnly bool, toComplete string) []string {
	db, err := e.openExisting()
	if err != nil {
		return nil
	}
	defer db.Close()
	f := linkvet.InvitationFilter{Direction: dir}
	if pendingOnly {
		pending := true
		f.Pending = &pending
	}
	items, _, err := db.Invitations(e.ctx, f)
	if err != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		if strings.HasPrefix(it.Invitation.ID, toComplete) {
			out = append(out, it.Invitation.ID+"\t"+safe(it.Invitation.Person.Name))
		}
	}
	return out
}

func actionWords(undo bool) []string {
	var out []string
	for _, a := range linkvet.Actions {
		out = append(out, string(a))
	}
	if undo {
		out = append(out, service.UndoAction)
	}
	return out
}

// completeDecide completes "decide ID ACTION".
func completeDecide(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return completeIDs(e, linkvet.Incoming, false, toComplete), cobra.ShellCompDirectiveNoFileComp
		case 1:
			return actionWords(true), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeMark completes "outreach mark ID accepted|declined|ignored".
func completeMark(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		switch len(args) {
		case 0:
			return completeIDs(e, linkvet.Outgoing, false, toComplete), cobra.ShellCompDirectiveNoFileComp
		case 1:
			return []string{"accepted", "declined", "ignored"}, cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeID completes the one ID argument of a command.
func completeID(e *env, dir linkvet.Direction) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeIDs(e, dir, false, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// registerFlagCompletions completes the values of flags that take one of a
// few words, wherever they appear in the tree.
func registerFlagCompletions(root *cobra.Command) {
	words := map[string][]string{
		"action":   actionWords(false),
		"category": categoryWords(),
		"format":   {"json", "csv"},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, list := range words {
			if c.Flags().Lookup(name) != nil {
				list := list
				_ = c.RegisterFlagCompletionFunc(name, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
					return list, cobra.ShellCompDirectiveNoFileComp
				})
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func categoryWords() []string {
	out := make([]string, len(linkvet.Categories))
	for i, c := range linkvet.Categories {
		out[i] = string(c)
	}
	return out
}

// buildVersion is the version from the build info: the module version,
// else the VCS revision (and whether the tree was modified), never just
// "dev".
func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		out := "devel " + rev
		if at != "" {
			out += " (" + at + dirty + ")"
		} else if dirty != "" {
			out += " (modified)"
		}
		return out
	}
	return "devel (built without version control information, " + bi.GoVersion + ")"
}

func whereCmd(e *env) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "where",
		Short: "Say where linkvet keeps its data, and which version this is",
		Long: `Where prints the database linkvet uses (--db, else $LINKVET_DB, else the one in
your data directory), whether it exists, the directories linkvet reads and
writes, and the version of this linkvet. It never creates anything.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			path, err := e.storePath()
			if err != nil {
				return err
			}
			from := "default"
			switch {
			case e.dbPath != "":
				from = "--db"
			case e.getenv("LINKVET_DB") != "":
				from = "LINKVET_DB"
			}
			exists := fileExists(path)
			info := map[string]any{
				"database":        path,
				"database_from":   from,
				"database_exists": exists,
				"data_dir":        dirOf(path),
				"config_dir":      configDir(e),
				"version":         buildVersion(),
			}
			if asJSON {
				return writeJSON(e.stdout, info)
			}
			state := "exists"
			if !exists {
				state = "does not exist yet: the first command that stores something creates it (linkvet import, add or policy use)"
			}
			fmt.Fprintf(e.stdout, "database:   %s (%s; %s)\n", path, from, state)
			fmt.Fprintf(e.stdout, "data dir:   %s\n", dirOf(path))
			fmt.Fprintf(e.stdout, "config dir: %s\n", configDir(e))
			fmt.Fprintf(e.stdout, "version:    %s\n", buildVersion())
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return c
}

// manCmd writes a man page (roff) for linkvet generated from the command
// tree, so that it never disagrees with --help.
func manCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print linkvet's man page (roff), generated from its commands",
		Example: `  linkvet man > linkvet.1 && man ./linkvet.1
  linkvet man | gzip > /usr/local/share/man/man1/linkvet.1.gz`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			return writeMan(e.stdout, cmd.Root(), e)
		}),
	}
}

func writeMan(w io.Writer, root *cobra.Command, e *env) error {
	now, err := e.now()
	if err != nil {
		return err
	}
	esc := func(s string) string {
		s = strings.ReplaceAll(s, `\`, `\e`)
		var b strings.Builder
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
				line = `\&` + line
			}
			b.WriteString(line)
			b.WriteString("\n")
		}
		return b.String()
	}
	fmt.Fprintf(w, ".TH LINKVET 1 %q \"linkvet %s\" \"User Commands\"\n", now.UTC().Format(time.DateOnly), buildVersion())
	fmt.Fprintf(w, ".SH NAME\nlinkvet \\- %s\n", esc(strings.TrimSpace(root.Short)))
	fmt.Fprintf(w, ".SH SYNOPSIS\n.B linkvet\n\\fICOMMAND\\fR [\\fIFLAGS\\fR]\n")
	fmt.Fprintf(w, ".SH DESCRIPTION\n%s", esc(root.Long))
	fmt.Fprintf(w, ".SH GLOBAL FLAGS\n")
	writeManFlags(w, root.PersistentFlags().FlagUsages(), esc)
	fmt.Fprintf(w, ".SH COMMANDS\n")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || !sub.IsAvailableCommand() {
				continue
			}
			fmt.Fprintf(w, ".SS %s\n", esc(strings.TrimSpace(sub.CommandPath()+" "+strings.TrimPrefix(sub.Use, sub.Name()))))
			long := sub.Long
			if long == "" {
				long = sub.Short
			}
			fmt.Fprint(w, esc(long))
			if fl := sub.LocalNonPersistentFlags().FlagUsages(); fl != "" {
				fmt.Fprintf(w, ".PP\nFlags:\n")
				writeManFlags(w, fl, esc)
			}
			if sub.Example != "" {
				fmt.Fprintf(w, ".PP\nExamples:\n.nf\n%s.fi\n", esc(sub.Example))
			}
			walk(sub)
		}
	}
	walk(root)
	fmt.Fprintf(w, ".SH ENVIRONMENT\n.TP\n.B LINKVET_DB\nthe database file, unless --db names one\n.TP\n.B NO_COLOR\nno colour in tables\n")
	fmt.Fprintf(w, ".SH EXIT STATUS\n0 ok; 1 some input rejected or not found; 2 a usage error or an invalid policy; 3 an internal error.\n")
	return nil
}

func writeManFlags(w io.Writer, usages string, esc func(string) string) {
	fmt.Fprintf(w, ".nf\n%s.fi\n", esc(strings.TrimRight(usages, "\n")))
}
