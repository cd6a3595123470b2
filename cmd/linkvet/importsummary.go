package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/linkvet/linkvet/service"
)

// printUnsettled says how many invitations wait for a fuller export (see
// service.Service.Unsettled), after the inbox's table.
func printUnsettled(e *env, svc *service.Service) {
	n, err := svc.Unsettled(e.ctx)
	if err != nil || n == 0 {
		return
	}
	fmt.Fprintf(e.stdout, "%s\n", unsettledLine(n))
}

func unsettledLine(n int) string {
	verb := "wait"
	if n == 1 {
		verb = "waits"
	}
	return fmt.Sprintf("%d invitation%s %s for a fuller export: the export had no Connections.csv, so pending and accepted ones cannot be told apart (import an export with connections, or enrich them from an e-mail or a pasted page)", n, plural(n), verb)
}

// printImported is the summary of an import: what each file held, what
// the store changed, past accepts learned and invitations left unsettled.
func printImported(w io.Writer, path string, imp service.Imported) {
	x := *imp.Export
	// A streamed export's people and messages went to the store: the
	// counts stand in for them.
	printImportSummaryCounts(w, path, &x, imp.Result, imp.Known, imp.Messages, imp.KnownBySource)
	if imp.Inferred > 0 {
		fmt.Fprintf(w, "past accepts learned as inferred examples: %d (see linkvet learn status)\n", imp.Inferred)
	}
	if x.ConnectionsMissing || imp.Unsettled > 0 {
		fmt.Fprintln(w, unsettledLine(imp.Unsettled))
	}
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
