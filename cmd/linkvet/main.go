// Command linkvet screens LinkedIn connection invitations on your own
// machine: see `linkvet --help` and docs/guide.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGTERM as well as Ctrl-C: commands then return and run their
	// clean-up (serve --demo removes its temporary folder).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}
