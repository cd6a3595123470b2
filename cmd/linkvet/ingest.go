package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/mail"
	"github.com/linkvet/linkvet/read"
	"github.com/linkvet/linkvet/service"
)

// isExportInput reports whether path is LinkedIn's data export (ZIP or its
// folder) or a Member Data Portability snapshot: those keep the export's
// own import path. Anything else that read detects (e-mail, a Maildir, a
// PDF, a paste, invitation JSON) is brought in by the ingest use case. A
// JSON file is a snapshot when it speaks of snapshot domains.
func isExportInput(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return true // the export path says what is wrong with it
	}
	if !info.IsDir() {
		if linkedin.IsDMA(path) {
			return isSnapshot(path)
		}
		f := detectFile(path)
		return f == read.FormatExport || f == ""
	}
	if mail.IsMaildir(path) {
		return false
	}
	if linkedin.IsDMA(path) {
		for _, pat := range []string{"*.json", "*/*.json", "*.JSON", "*/*.JSON"} {
			m, _ := filepath.Glob(filepath.Join(path, pat))
			for _, f := range m {
				if isSnapshot(f) {
					return true
				}
			}
		}
	}
	return !isInputFolder(path)
}

// isSnapshot reports whether a JSON file is a Member Data Portability
// snapshot: its domains are named by "snapshotDomain" near its start.
func isSnapshot(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // the export path names the problem
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte(`"snapshotDomain"`))
}

// isInputFolder reports whether dir is a folder of separate inputs (.eml
// files, PDFs, JSON, saved pastes beside them) rather than an export: no
// CSV file at its top or one folder down, where an export keeps its
// tables, and at least one file that is by its content an e-mail, a PDF
// or JSON. Anything else is left to the export reader, which says what an
// export should hold.
func isInputFolder(dir string) bool {
	for _, pat := range []string{"*.csv", "*/*.csv", "*.CSV", "*/*.CSV"} {
		if m, _ := filepath.Glob(filepath.Join(dir, pat)); len(m) > 0 {
			return false
		}
	}
	files, _ := inputFiles(dir)
	for _, f := range files {
		switch detectFile(f) {
		case read.FormatMail, read.FormatPDF, read.FormatJSON:
			return true
		}
	}
	return false
}

// detectFile tells what a file is by its first bytes ("" when unreadable).
func detectFile(path string) read.Format {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return read.Detect(head[:n])
}

// inputFiles lists the regular, visible files of a folder of inputs, in
// name order.
func inputFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// ingestRecords turns what read found into the service's records.
func ingestRecords(res read.Result) []service.IngestRecord {
	recs := make([]service.IngestRecord, len(res.Records))
	for i, inv := range res.Records {
		recs[i].Invitation = inv
		for _, r := range res.RawOf(i) {
			recs[i].Raw = append(recs[i].Raw, service.RawInput{Place: r.Place, Data: r.Data})
		}
	}
	return recs
}

// ingestReport counts what several inputs gave, for the exit status.
type ingestReport struct {
	problems, phishing int
	total              service.Ingested
}

// printIngest writes what one input gave: each record's fate, the phishing
// mails, and what could not be understood, with its place.
func (e *env) printIngest(w io.Writer, name string, res read.Result, got service.Ingested, rep *ingestReport) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "%s: %d record%s read (%s)\n", name, len(res.Records), plural(len(res.Records)), res.Format)
	for _, it := range got.Items {
		switch it.Outcome {
		case service.Unmatched:
			fmt.Fprintf(bw, "  %-9s %-20s %s: no pending invitation from this person; nothing stored (name one: linkvet add --profile FILE ID)\n",
				it.Outcome, "-", safe(nameOrURL(&it.Record)))
			continue
		}
		si := it.Stored
		action := "-"
		if si.Verdict != nil {
			action = string(si.Verdict.Action)
		}
		line := fmt.Sprintf("  %-9s %-20s %-22s %-7s", it.Outcome, si.Invitation.ID, cut(safe(nameOrURL(&si.Invitation)), 22), action)
		if it.MatchedBy != "" {
			line += " matched by " + it.MatchedBy
		}
		if len(it.Filled) > 0 {
			line += "; added " + strings.Join(it.Filled, ", ")
		}
		if si.Verdict != nil && len(service.NeedsDetails(&si.Invitation, si.Verdict)) > 0 {
			line += " [needs details]"
		}
		fmt.Fprintln(bw, strings.TrimRight(line, " "))
	}
	for _, f := range res.Phishing {
		rep.phishing++
		place := f.File
		if f.Line > 1 {
			place = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		fmt.Fprintf(bw, "  PHISHING  %s: from %s: %s (not imported; do not click its links)\n", place, safe(f.From), safe(strings.Join(f.Evidence, "; ")))
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(bw, "  could not understand:\n")
		for _, p := range res.Problems {
			fmt.Fprintf(bw, "    %s\n", safe(p.String()))
		}
		rep.problems += len(res.Problems)
	}
	rep.total.Added += got.Added
	rep.total.Enriched += got.Enriched
	rep.total.Unchanged += got.Unchanged
	rep.total.Unmatched += got.Unmatched
}

func (rep *ingestReport) summary(w io.Writer) {
	t := rep.total
	fmt.Fprintf(w, "added %d, enriched %d, unchanged %d, unmatched %d, phishing %d, not understood %d\n",
		t.Added, t.Enriched, t.Unchanged, t.Unmatched, rep.phishing, rep.problems)
}

func (rep *ingestReport) err() error {
	if rep.problems > 0 {
		return rejectedError{rep.problems}
	}
	return nil
}

func nameOrURL(inv *linkvet.Invitation) string {
	if inv.Person.Name != "" {
		return inv.Person.Name
	}
	if inv.Person.ProfileURL != "" {
		return inv.Person.ProfileURL
	}
	return "(no name)"
}

// ingestPath reads path (or "-") with read and brings it in. A folder of
// inputs is read file by file (a file that cannot be read is reported and
// the others go on), and its profiles are brought in after its
// invitations, so that a profile finds the invitation it belongs to.
func (e *env) ingestPath(svc *service.Service, path string, rep *ingestReport) error {
	now, err := e.now()
	if err != nil {
		return err
	}
	opt := read.Options{Now: now}
	if info, err := os.Stat(path); err == nil && info.IsDir() && !mail.IsMaildir(path) {
		files, err := inputFiles(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		type input struct {
			name string
			res  read.Result
		}
		var invitations, profiles []input
		for _, f := range files {
			res, err := read.ReadPath(f, e.stdin, opt)
			if err != nil {
				if linkvet.ErrorCode(err) == linkvet.EINTERNAL {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: not read: %s\n", f, safe(err.Error()))
				rep.problems++
				continue
			}
			if onlyProfiles(res) {
				profiles = append(profiles, input{f, res})
			} else {
				invitations = append(invitations, input{f, res})
			}
		}
		for _, in := range append(invitations, profiles...) {
			if err := e.ingestResult(svc, in.name, in.res, rep); err != nil {
				return err
			}
		}
		return nil
	}
	res, err := read.ReadPath(path, e.stdin, opt)
	if err != nil {
		return err
	}
	name := path
	if path == "-" {
		name = "stdin"
	}
	return e.ingestResult(svc, name, res, rep)
}

// onlyProfiles reports whether an input holds profiles and no invitation.
func onlyProfiles(res read.Result) bool {
	for i := range res.Records {
		if !service.ProfileOnly(&res.Records[i]) {
			return false
		}
	}
	return len(res.Records) > 0
}

func (e *env) ingestResult(svc *service.Service, name string, res read.Result, rep *ingestReport) error {
	got, err := svc.Ingest(e.ctx, ingestRecords(res), service.IngestOptions{})
	if err != nil {
		return err
	}
	e.printIngest(e.stdout, name, res, got, rep)
	return nil
}

// sayReadingPaste tells a user at a terminal that linkvet waits for the
// paste.
func (e *env) sayReadingPaste() {
	if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
		fmt.Fprintln(e.stderr, "linkvet: reading the copied page from standard input: paste it, then press Ctrl-D")
	}
}

// printMissing says what the verdict stands without and how to bring it in
// (explain's last lines).
func printMissing(w io.Writer, inv *linkvet.Invitation, v *linkvet.Verdict) {
	missing := service.NeedsDetails(inv, v)
	if len(missing) == 0 {
		return
	}
	fmt.Fprintf(w, "\nNeeds details (missing: %s). To bring them in:\n", strings.Join(missing, ", "))
	for _, how := range service.HowToGetDetails(inv, missing) {
		fmt.Fprintf(w, "  - %s\n", safe(how))
	}
}
