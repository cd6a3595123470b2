package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/linkvet/linkvet"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// Exit codes. exitCode is the one place errors become them.
const (
	exitOK       = 0
	exitRejected = 1 // some input was rejected, the thing asked for does not exist, or a server could not be reached
	exitUsage    = 2 // a usage error or an invalid policy: nothing was done
	exitInternal = 3
)

// usageError marks a mistake in how linkvet was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// fileError is an input file that could not be read: exit status 1.
// silent means it was already reported on stderr.
type fileError struct {
	err    error
	silent bool
}

func (e fileError) Error() string {
	if e.err == nil {
		return "an input could not be read"
	}
	return e.err.Error()
}
func (e fileError) Unwrap() error { return e.err }

// rejectedError says some records were rejected and the rest processed;
// the records were already reported on stderr.
type rejectedError struct{ n int }

func (e rejectedError) Error() string {
	if e.n == 1 {
		return "1 record rejected (named above)"
	}
	return fmt.Sprintf("%d records rejected (each named above)", e.n)
}

func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	var re rejectedError
	var fe fileError
	switch {
	case errors.As(err, &fe):
		if !fe.silent {
			say(stderr, err)
		}
		return exitRejected
	case errors.As(err, &re):
		say(stderr, err)
		return exitRejected
	case errors.As(err, &ue):
		say(stderr, err)
		return exitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "linkvet: interrupted")
		return exitRejected
	}
	switch linkvet.ErrorCode(err) {
	case linkvet.EINVALID, linkvet.ELIMIT:
		say(stderr, err)
		return exitUsage
	case linkvet.ENOTFOUND, linkvet.ECONFLICT, linkvet.EUNAVAILABLE:
		say(stderr, err)
		return exitRejected
	}
	say(stderr, err)
	return exitInternal
}

// say prints an error on stderr, every line of it prefixed "linkvet: ":
// an error listing several problems (a policy file's) reads the same on
// each line as one with a single problem.
func say(stderr io.Writer, err error) {
	for _, line := range strings.Split(strings.TrimRight(err.Error(), "\n"), "\n") {
		fmt.Fprintln(stderr, "linkvet:", line)
	}
}

// env is what every command gets: the streams, the clock and the options
// shared by all commands. Nothing here is global.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	policyPath string
	dbPath     string
	nowFlag    string
	color      bool
	getenv     func(string) string

	created *createdStore // the database this run created, if any (created.go)
}

// now is the one clock read of the CLI; --now fixes it for reproducible
// runs and tests.
func (e *env) now() (time.Time, error) {
	if e.nowFlag == "" {
		return time.Now(), nil
	}
	if t, err := time.Parse(time.RFC3339, e.nowFlag); err == nil {
		return t, nil
	}
	// A date alone is noon UTC of that day: the same day in every zone.
	if t, err := time.Parse(time.DateOnly, e.nowFlag); err == nil {
		return t.Add(12 * time.Hour), nil
	}
	return time.Time{}, usageError{fmt.Errorf("--now: %q is neither a date (2026-12-08) nor an RFC 3339 time (2026-11-22T12:00:00Z)", e.nowFlag)}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	e.color = isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetContext(ctx)
	cmd, err := root.ExecuteC()
	e.removeUnusedStore()
	if err != nil && !isRuntimeError(err) {
		// cobra's own complaints (unknown flag, wrong arg count) are usage errors.
		if cmd != nil {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return usageError{err}
	}
	return err
}

// runtimeError wraps errors returned by a command's RunE, so that run can
// tell them from cobra's argument errors.
type runtimeError struct{ err error }

func (e runtimeError) Error() string { return e.err.Error() }
func (e runtimeError) Unwrap() error { return e.err }

func isRuntimeError(err error) bool {
	var re runtimeError
	return errors.As(err, &re)
}

// action adapts a command function so its errors are told apart from
// cobra's usage errors.
func action(f func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := f(cmd, args); err != nil {
			return runtimeError{err}
		}
		return nil
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func versionString() string { return buildVersion() }

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "linkvet",
		Short: "Screen LinkedIn connection invitations, locally",
		Long: `linkvet decides what to do with LinkedIn connection invitations (accept, ask,
ignore, decline, block, and report) and says why, drafts the messages to send,
checks your own invitations, and learns from your decisions. Everything stays
on your machine.

Start with 'linkvet demo' to see it screen a made-up inbox.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&e.policyPath, "policy", "", "policy file (YAML) for this run only; default: the policy in force (linkvet policy show)")
	root.PersistentFlags().StringVar(&e.dbPath, "db", "", "database file (default: $LINKVET_DB, else in your data directory; see linkvet where)")
	root.PersistentFlags().StringVar(&e.nowFlag, "now", "", "act as of this date or RFC 3339 time instead of now (for reproducible runs)")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		return refuseIgnoredFlags(cmd)
	}
	root.AddCommand(
		screenCmd(e), demoCmd(e), explainCmd(e), policyCmd(e), evalCmd(e),
		importCmd(e), inboxCmd(e), addCmd(e), decideCmd(e), historyCmd(e), exportCmd(e),
		learnCmd(e), replayCmd(e), serveCmd(e),
		outreachCmd(e), noteCmd(e), followupsCmd(e), profileCmd(e), networkCmd(e),
		whereCmd(e), manCmd(e), restoreCmd(e), readCmd(e),
		pasteCmd(e), mailCmd(e),
	)
	registerFlagCompletions(root)
	return root
}

// storeless are the commands that never read the database: --db on them
// would be silently ignored, so it is refused. noPolicy are those that
// never screen with a policy of the user's.
var (
	storeless = map[string]bool{"demo": true, "eval": true, "man": true, "completion": true}
	noPolicy  = map[string]bool{"demo": true, "where": true, "man": true, "history": true, "export": true, "restore": true, "completion": true}
)

// refuseIgnoredFlags turns a global flag the command would ignore into a
// usage error, so that nobody believes it did something.
func refuseIgnoredFlags(cmd *cobra.Command) error {
	name := cmd.Name()
	if cmd.Parent() != nil && cmd.Parent().Name() == "policy" && name == "check" {
		name = "policy check"
	}
	if cmd.Flags().Changed("db") && (storeless[name] || name == "policy check") {
		return usageError{fmt.Errorf("%s does not use a database; drop --db", cmd.CommandPath())}
	}
	if cmd.Flags().Changed("policy") && noPolicy[name] {
		what := "does not screen with your policy"
		if name == "demo" {
			what = "screens with the demo user's policy"
		}
		return usageError{fmt.Errorf("%s %s; drop --policy", cmd.CommandPath(), what)}
	}
	return nil
}
