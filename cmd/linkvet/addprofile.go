package main

import (
	"fmt"
	"io"
	"os"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/read"
	"github.com/linkvet/linkvet/service"
)

// addProfile is `linkvet add --profile FILE [ID]`: a profile enriches the
// pending invitation of that person, which is screened again.
func (e *env) addProfile(path string, args []string, asJSON bool) error {
	if len(args) > 1 {
		return usageError{fmt.Errorf("add --profile takes at most one invitation ID, got %d arguments", len(args))}
	}
	now, err := e.now()
	if err != nil {
		return err
	}
	res, err := read.ReadPath(path, e.stdin, read.Options{Now: now})
	if err != nil {
		return err
	}
	for _, p := range res.Problems {
		fmt.Fprintln(e.stderr, safe(p.String()))
	}
	var rec *service.IngestRecord
	recs := ingestRecords(res)
	for i := range recs {
		if service.ProfileOnly(&recs[i].Invitation) {
			rec = &recs[i]
			break
		}
	}
	if rec == nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s holds no profile (read it with linkvet read %s); a profile PDF or a copied profile page is needed", path, path)
	}
	svc, done, err := e.service(true)
	if err != nil {
		return err
	}
	defer done()
	opt := service.IngestOptions{}
	if len(args) == 1 {
		opt.Target = args[0]
	}
	got, err := svc.Ingest(e.ctx, []service.IngestRecord{*rec}, opt)
	if err != nil {
		return err
	}
	it := got.Items[0]
	if it.Outcome == service.Unmatched {
		who := nameOrURL(&rec.Invitation)
		return linkvet.Errorf(linkvet.ENOTFOUND, "no pending invitation from %s (by profile URL or name); name it: linkvet add --profile %s ID", who, path)
	}
	out := e.verdictOutput(asJSON)
	if err := out.Write(&it.Stored.Invitation, it.Stored.Verdict); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	how := "matched by " + it.MatchedBy
	if it.MatchedBy == "id" {
		how = "named by its id"
	}
	fmt.Fprintf(e.stderr, "%s %s (%s, %d field%s added)\n", it.Outcome, it.Stored.Invitation.ID, how, len(it.Filled), plural(len(it.Filled)))
	if len(res.Problems) > 0 {
		return rejectedError{len(res.Problems)}
	}
	return nil
}

// readOutgoingOrProfile reads the person the user means to invite: an
// invitation-v1 file, or their profile as a PDF (or a copied profile page),
// which becomes an outgoing invitation without a note.
func (e *env) readOutgoingOrProfile(name string) (inv linkvet.Invitation, rejected error, err error) {
	if name == "-" || isJSONFile(name) {
		return e.readOutgoingPartly(name)
	}
	now, err := e.now()
	if err != nil {
		return linkvet.Invitation{}, nil, err
	}
	res, err := read.ReadPath(name, e.stdin, read.Options{Now: now})
	if err != nil {
		return linkvet.Invitation{}, nil, err
	}
	if res.Format == read.FormatJSON {
		return e.readOutgoingPartly(name)
	}
	for _, p := range res.Problems {
		fmt.Fprintln(e.stderr, safe(p.String()))
	}
	for _, r := range res.Records {
		if service.ProfileOnly(&r) {
			return linkvet.Invitation{Direction: linkvet.Outgoing, Person: r.Person, Source: r.Source, ReceivedVia: r.ReceivedVia}, nil, nil
		}
	}
	return linkvet.Invitation{}, nil, linkvet.Errorf(linkvet.EINVALID, "%s holds no profile and no invitation-v1 JSON", name)
}

// isJSONFile reports whether a file starts, after blanks, with JSON.
func isJSONFile(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return true // readOutgoing names the problem
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return read.Detect(head[:n]) == read.FormatJSON
}
