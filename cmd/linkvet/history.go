package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
)

func historyCmd(e *env) *cobra.Command {
	var asJSON, audit bool
	c := &cobra.Command{
		Use:   "history [ID]",
		Short: "Show the decisions recorded: what was decided, when, by whom, and what linkvet had advised",
		Args:  cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeIDs(e, linkvet.Incoming, false, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: action(func(cmd *cobra.Command, args []string) error {
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			st := svc.Store()
			if audit {
				entries, err := st.Audit(e.ctx)
				if err != nil {
					return err
				}
				if asJSON {
					enc := json.NewEncoder(e.stdout)
					for _, a := range entries {
						if err := enc.Encode(a); err != nil {
							return err
						}
					}
					return nil
				}
				if len(entries) == 0 {
					fmt.Fprintln(e.stdout, "The audit log is empty.")
					return nil
				}
				fmt.Fprintf(e.stdout, "%-20s %-9s %-22s %s\n", "WHEN", "WHAT", "SUBJECT", "DETAIL")
				for _, a := range entries {
					fmt.Fprintf(e.stdout, "%-20s %-9s %-22s %s\n", a.At.UTC().Format("2006-01-02 15:04:05"), a.Kind, a.Subject, safe(a.Detail))
				}
				return nil
			}
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			ds, err := st.Decisions(e.ctx, id)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(e.stdout)
				for _, d := range ds {
					if err := enc.Encode(d); err != nil {
						return err
					}
				}
				return nil
			}
			if len(ds) == 0 {
				fmt.Fprintln(e.stdout, "No decisions recorded yet.")
				return nil
			}
			names := map[string]string{}
			for _, d := range ds {
				if _, ok := names[d.InvitationID]; ok {
					continue
				}
				if si, err := st.Invitation(e.ctx, d.InvitationID); err == nil {
					names[d.InvitationID] = si.Invitation.Person.Name
				}
			}
			width := len("INVITATION")
			for _, d := range ds {
				width = max(width, len(d.InvitationID))
			}
			format := "%-20s %-" + strconv.Itoa(width) + "s %-22s %-5s %-8s %-8s %s\n"
			fmt.Fprintf(e.stdout, format, "WHEN", "INVITATION", "NAME", "BY", "ACTION", "ADVISED", "NOTE")
			for _, d := range ds {
				act := string(d.Action)
				if d.Undo {
					act = "undo"
				}
				fmt.Fprintf(e.stdout, format, d.At.UTC().Format("2006-01-02 15:04:05"), d.InvitationID, cut(safe(names[d.InvitationID]), 22), d.By, act, d.Verdict, safe(d.Note))
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON Lines")
	c.Flags().BoolVar(&audit, "audit", false, "print the audit log instead: every policy change, decision, undo and rebuild")
	return c
}

func exportCmd(e *env) *cobra.Command {
	var format, output string
	c := &cobra.Command{
		Use:   "export",
		Short: "Write everything stored, as JSON or CSV",
		Long: `Export writes everything linkvet keeps, as it reads it (memory stays flat):
invitations with their verdicts and decisions, the decision history, the people
you know, and with --format json also the messages, the outreach log, the
policy versions, the audit log, the classifier, the raw inputs each invitation
was read from (e-mails, pasted pages, profile PDFs, in base64) and where each
mailbox sync stopped, which linkvet restore reads back. Verdicts made stale by
a change of policy, profile or classifier are screened again first, so the
export says what the inbox shows. CSV cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return, also behind spaces
or invisible characters) are prefixed with a single quote.`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "csv" {
				return usageError{fmt.Errorf("--format %q: want json or csv", format)}
			}
			svc, done, err := e.service(true)
			if err != nil {
				return err
			}
			defer done()
			var w io.Writer = e.stdout
			if output != "" && output != "-" {
				f, err := os.OpenFile(output, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
				if err != nil {
					return linkvet.Errorf(linkvet.EINVALID, "cannot write %s: %v", output, err)
				}
				defer f.Close()
				w = f
			}
			return svc.Export(e.ctx, w, format)
		}),
	}
	c.Flags().StringVar(&format, "format", "json", "json or csv")
	c.Flags().StringVarP(&output, "output", "o", "", "write to this file (0600) instead of standard output")
	return c
}

func restoreCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Read a JSON export back into an empty database",
		Long: `Restore reads what linkvet export --format json wrote into a database that holds
nothing yet (name a new one with --db), in one transaction: invitations,
verdicts, decisions, known people and tags, imports, messages, the outreach
log, every version of the policy, the audit log, the classifier, the raw inputs
and the mailbox sync states (an export without the last two, written by an
older linkvet, restores too). The restored database exports the same again. A
raw input whose invitation is not in the file, whose digest is not the SHA-256
of its data or that repeats another, and a sync state without a key, are
refused with their place before anything is written. A database that holds
anything is refused, so that two histories never mix.`,
		Example: `  linkvet export -o backup.json
  linkvet --db restored.db restore backup.json`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			r, err := e.fileInput(args[0]).open()
			if err != nil {
				return err
			}
			text, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				return fileError{err: fmt.Errorf("read %s: %w", args[0], err)}
			}
			// A damaged file is an unreadable input (exit 1) named with the
			// place it breaks, found before any database is touched.
			if err := checkJSON(args[0], text); err != nil {
				return fileError{err: err}
			}
			db, err := e.openStore()
			if err != nil {
				return err
			}
			defer db.Close()
			if err := db.Restore(e.ctx, bytes.NewReader(text), args[0]); err != nil {
				if linkvet.ErrorCode(err) == linkvet.EINVALID {
					return fileError{err: err} // the file's content, not the call
				}
				return err
			}
			fmt.Fprintf(e.stdout, "restored %s into %s\n", args[0], db.Path())
			return nil
		}),
	}
}

// checkJSON reports where text stops being one JSON value: name:line:column
// and what was wrong, or that the file ends too early.
func checkJSON(name string, text []byte) error {
	dec := json.NewDecoder(bytes.NewReader(text))
	var v json.RawMessage
	err := dec.Decode(&v)
	if err == nil {
		if _, err := dec.Token(); err != io.EOF {
			line, col := lineCol(text, int(dec.InputOffset()))
			return linkvet.Errorf(linkvet.EINVALID, "%s:%d:%d: not a linkvet export: more data after the end of the export", name, line, col)
		}
		return nil
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		// Offset counts the offending byte: the column is that byte's.
		line, col := lineCol(text, int(se.Offset)-1)
		return linkvet.Errorf(linkvet.EINVALID, "%s:%d:%d: not a linkvet export: %v", name, line, col, se)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		if len(bytes.TrimSpace(text)) == 0 {
			return linkvet.Errorf(linkvet.EINVALID, "%s: the file is empty, not a linkvet export", name)
		}
		line, col := lineCol(text, len(text))
		return linkvet.Errorf(linkvet.EINVALID, "%s:%d:%d: not a linkvet export: the file ends in the middle of the JSON (cut short?)", name, line, col)
	}
	return linkvet.Errorf(linkvet.EINVALID, "%s: not a linkvet export: %v", name, err)
}

// lineCol is the 1-based line and column (in bytes) of offset in text.
func lineCol(text []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(text))
	before := text[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
