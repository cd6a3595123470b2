package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/read"
	"github.com/linkvet/linkvet/service"
)

// ingestInput is what one non-export input (a file, a paste, a dropped
// PDF) gave.
type ingestInput struct {
	Name     string
	Format   read.Format
	Records  int
	Items    []ingestRow
	Phishing []phishRow
	Problems []string
	Ingested service.Ingested
}

// ingestRow is one record's fate, as the summary page shows it.
type ingestRow struct {
	Outcome   service.Outcome
	ID, Path  string
	Name      string
	Action    linkvet.Action
	MatchedBy string
	Filled    []string
	Needs     []string
}

type phishRow struct{ Place, From, Evidence string }

// uploadRequest reads the Import page's form: every file of the upload
// field is spooled, then exports are stored first, invitation inputs next
// and profiles last.
func (s *Server) uploadRequest(w http.ResponseWriter, r *http.Request) (importSummary, error) {
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "multipart/form-data" {
		return s.importRequest(w, r)
	}
	spools, err := s.spoolForm(w, r, uploadField)
	for _, sp := range spools {
		defer sp.remove()
	}
	if err != nil {
		return importSummary{}, err
	}
	ctx := ctxWithoutCancel(r)
	sum := importSummary{At: s.now()}
	// A file whose name promises another kind is refused before anything
	// is stored.
	for _, sp := range spools {
		if err := checkKind(sp); err != nil {
			return importSummary{}, err
		}
	}
	var inputs []*spooled
	for _, sp := range spools {
		if sp.format == read.FormatExport || sp.dma {
			if err := s.importExport(ctx, sp, &sum); err != nil {
				return importSummary{}, err
			}
			continue
		}
		inputs = append(inputs, sp)
	}
	// Read all, then bring in invitations before profiles. With several
	// files, one that cannot be read is named on the summary and the
	// others go on; a single file that gives nothing is refused.
	type readIn struct {
		sp  *spooled
		res read.Result
	}
	var invs, profiles []readIn
	for _, sp := range inputs {
		res, err := read.ReadPath(sp.path, nil, read.Options{Now: s.now()})
		if err == nil {
			renameResult(&res, sp)
			if len(res.Records) == 0 && len(res.Phishing) == 0 {
				err = nothingRead(sp.name, res)
			}
		}
		if err != nil {
			err = renamePath(err, sp)
			if len(spools) == 1 || linkvet.ErrorCode(err) == linkvet.EINTERNAL {
				return importSummary{}, err
			}
			_, msg := publicError(err)
			sum.Inputs = append(sum.Inputs, ingestInput{Name: sp.name, Format: sp.format, Problems: []string{msg}})
			continue
		}
		if onlyProfiles(res) {
			profiles = append(profiles, readIn{sp, res})
		} else {
			invs = append(invs, readIn{sp, res})
		}
	}
	for _, in := range append(invs, profiles...) {
		got, err := s.svc.Ingest(ctx, ingestRecords(in.res), service.IngestOptions{})
		if err != nil {
			return importSummary{}, err
		}
		sum.Bytes += in.sp.size
		sum.Inputs = append(sum.Inputs, newIngestInput(in.sp.name, in.res, got))
	}
	if n, err := s.svc.Unsettled(ctx); err == nil {
		sum.Unsettled = n
	}
	return sum, nil
}

// checkKind refuses a file whose name promises what its bytes are not.
func checkKind(sp *spooled) error {
	if sp.size == 0 {
		return linkvet.Errorf(linkvet.EINVALID, "%s is empty: choose the ZIP file LinkedIn sent, an e-mail, a profile PDF or a JSON file", sp.name)
	}
	ext := strings.ToLower(sp.name[strings.LastIndexByte(sp.name, '.')+1:])
	switch {
	case ext == "zip" && sp.format != read.FormatExport:
		return linkvet.Errorf(linkvet.EINVALID, "%s is not a ZIP file: upload the export as LinkedIn sent it", sp.name)
	case ext == "pdf" && sp.format != read.FormatPDF:
		return linkvet.Errorf(linkvet.EINVALID, "%s is not a PDF: save the profile again with More → Save to PDF", sp.name)
	}
	return nil
}

// nothingRead is the error for an input that gave nothing at all.
func nothingRead(name string, res read.Result) error {
	why := "nothing in it looks like an invitation, a profile or LinkedIn's e-mail"
	if len(res.Problems) > 0 {
		parts := make([]string, 0, 3)
		for _, p := range res.Problems[:min(3, len(res.Problems))] {
			parts = append(parts, p.String())
		}
		why = strings.Join(parts, "; ")
	}
	return linkvet.Errorf(linkvet.EINVALID, "%s: nothing could be read (%s)", name, why)
}

// spoolForm spools every file of field; other fields are skipped.
func (s *Server) spoolForm(w http.ResponseWriter, r *http.Request, field string) ([]*spooled, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, linkvet.Errorf(linkvet.EINVALID, "the upload is not a readable form: %v", err)
	}
	var out []*spooled
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			return out, uploadError(err)
		}
		if part.FormName() != field || part.FileName() == "" && field != uploadField {
			continue
		}
		sp, err := s.spool(part, uploadName(part.FileName()))
		if err != nil {
			return out, err
		}
		out = append(out, sp)
	}
	if len(out) == 0 {
		return nil, linkvet.Errorf(linkvet.EINVALID, "no file in the form field %q: choose a file", field)
	}
	return out, nil
}

// renameResult puts the user's file name where read named the temporary
// file.
func renameResult(res *read.Result, sp *spooled) {
	fix := func(s string) string { return strings.ReplaceAll(s, sp.path, sp.name) }
	for i := range res.Problems {
		res.Problems[i].File = fix(res.Problems[i].File)
	}
	for i := range res.Phishing {
		res.Phishing[i].File = fix(res.Phishing[i].File)
	}
	for i := range res.Raw {
		for j := range res.Raw[i] {
			res.Raw[i][j].Place = fix(res.Raw[i][j].Place)
		}
	}
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

func newIngestInput(name string, res read.Result, got service.Ingested) ingestInput {
	in := ingestInput{Name: name, Format: res.Format, Records: len(res.Records), Ingested: got}
	for _, it := range got.Items {
		row := ingestRow{Outcome: it.Outcome, MatchedBy: it.MatchedBy, Filled: it.Filled}
		inv := &it.Record
		if it.Stored != nil {
			inv = &it.Stored.Invitation
			row.ID, row.Path = inv.ID, url.PathEscape(inv.ID)
			if v := it.Stored.Verdict; v != nil {
				row.Action = v.Action
				row.Needs = service.NeedsDetails(inv, v)
			}
		}
		row.Name = inv.Person.Name
		if row.Name == "" {
			row.Name = inv.Person.ProfileURL
		}
		in.Items = append(in.Items, row)
	}
	for _, f := range res.Phishing {
		place := f.File
		if f.Line > 1 {
			place = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		in.Phishing = append(in.Phishing, phishRow{Place: place, From: f.From, Evidence: strings.Join(f.Evidence, "; ")})
	}
	for _, p := range res.Problems {
		in.Problems = append(in.Problems, p.String())
	}
	return in
}

// resultView is the summary page of an import, a paste or a drop.
type resultView struct {
	importSummary
	HasExport                             bool
	Added, Enriched, Unchanged, Unmatched int
	Phishing, Problems                    int
	ReturnTo                              string
}

func newResultView(sum importSummary) resultView {
	v := resultView{importSummary: sum, HasExport: sum.hasExport(), ReturnTo: sum.Return}
	for _, in := range sum.Inputs {
		v.Added += in.Ingested.Added
		v.Enriched += in.Ingested.Enriched
		v.Unchanged += in.Ingested.Unchanged
		v.Unmatched += in.Ingested.Unmatched
		v.Phishing += len(in.Phishing)
		v.Problems += len(in.Problems)
	}
	return v
}

// ---- paste ----------------------------------------------------------------

// maxPasteBytes bounds a pasted page: a long Invitation Manager is a few
// hundred kilobytes.
const maxPasteBytes = 4 << 20

type pasteView struct {
	Text   string
	Return string
	Error  string
}

func (s *Server) pastePage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "paste.html", "Paste from LinkedIn", pasteView{Return: returnWithRow(r.URL.Query().Get("return"))})
	return nil
}

func (s *Server) pasteSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxPasteBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	view := pasteView{Text: r.PostForm.Get("text"), Return: returnWithRow(r.PostForm.Get("return"))}
	fail := func(msg string) error {
		view.Error = msg
		s.render(w, r, http.StatusBadRequest, "paste.html", "Paste from LinkedIn", view)
		return nil
	}
	if strings.TrimSpace(view.Text) == "" {
		return fail("Nothing was pasted: on LinkedIn, select all (Ctrl-A or ⌘-A) on the Invitation Manager or a profile, copy, and paste here.")
	}
	res, err := read.Read("pasted text", strings.NewReader(view.Text), read.Options{Now: s.now()})
	if err != nil {
		_, msg := publicError(err)
		return fail(msg)
	}
	if len(res.Records) == 0 {
		_, msg := publicError(nothingRead("pasted text", res))
		return fail(msg)
	}
	ctx := ctxWithoutCancel(r)
	got, err := s.svc.Ingest(ctx, ingestRecords(res), service.IngestOptions{})
	if err != nil {
		return err
	}
	sum := importSummary{At: s.now(), Bytes: int64(len(view.Text)), Return: view.Return}
	sum.Inputs = append(sum.Inputs, newIngestInput("pasted text", res, got))
	if n, err := s.svc.Unsettled(ctx); err == nil {
		sum.Unsettled = n
	}
	n := s.imports.add(sum)
	http.Redirect(w, r, "/import/"+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

// ---- a profile PDF dropped on an invitation -------------------------------

// profileField is the form field of a dropped profile.
const profileField = "profile"

// profileDrop reads a profile (a PDF, or a saved profile page) sent for
// one invitation and enriches that invitation (IngestOptions.Target), then
// goes back where the form was: the invitation page, or a row of the
// needs-details list.
func (s *Server) profileDrop(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	ctx := ctxWithoutCancel(r)
	if _, err := s.store.Invitation(ctx, id); err != nil {
		return err
	}
	back := "/invitations/" + url.PathEscape(id)
	if q := r.URL.Query().Get("return"); q != "" {
		back = returnWithRow(q)
	}
	spools, err := s.spoolForm(w, r, profileField)
	for _, sp := range spools {
		defer sp.remove()
	}
	if err != nil {
		return err
	}
	sp := spools[0]
	if err := checkKind(sp); err != nil {
		return err
	}
	if sp.format == read.FormatExport || sp.dma {
		return linkvet.Errorf(linkvet.EINVALID, "%s is an export, not a profile: upload it on the Import page", sp.name)
	}
	res, err := read.ReadPath(sp.path, nil, read.Options{Now: s.now()})
	if err != nil {
		return renamePath(err, sp)
	}
	renameResult(&res, sp)
	var rec *service.IngestRecord
	recs := ingestRecords(res)
	for i := range recs {
		if service.ProfileOnly(&recs[i].Invitation) {
			rec = &recs[i]
			break
		}
	}
	if rec == nil {
		why := ""
		if len(res.Problems) > 0 {
			why = " (" + res.Problems[0].String() + ")"
		}
		return linkvet.Errorf(linkvet.EINVALID, "%s holds no profile%s: on the profile, choose More → Save to PDF and drop that file", sp.name, why)
	}
	got, err := s.svc.Ingest(ctx, []service.IngestRecord{*rec}, service.IngestOptions{Target: id})
	if err != nil {
		return err
	}
	// The page shows the new verdict; the query says what the drop did.
	filled := 0
	if len(got.Items) > 0 {
		filled = len(got.Items[0].Filled)
	}
	u, frag, _ := strings.Cut(back, "#")
	u = withQuery(u, "enriched", strconv.Itoa(filled))
	if frag != "" {
		u += "#" + frag
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
	return nil
}

// rowFragment is what a fragment of a return address may hold.
var rowFragment = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,200}$`)

// returnWithRow is safeReturn that keeps a "#row" fragment, so that a drop
// or paste comes back to the row it was made from.
func returnWithRow(s string) string {
	if s == "" {
		return ""
	}
	p, frag, _ := strings.Cut(s, "#")
	out := safeReturn(p)
	if frag != "" && rowFragment.MatchString(frag) {
		out += "#" + frag
	}
	return out
}

// ---- needs details --------------------------------------------------------

type detailsRow struct {
	ID, Path, Row string
	Name          string
	Headline      string
	V             *linkvet.Verdict
	Missing       []string
	Profile       string
	Return        string
	Action        string // where the profile form posts
}

// dropAction is where a row's profile form posts, with the row to come
// back to.
func dropAction(id, ret string) string {
	a := "/invitations/" + url.PathEscape(id) + "/profile"
	if ret != "" {
		a += "?return=" + url.QueryEscape(ret)
	}
	return a
}

type detailsView struct {
	Rows      []detailsRow
	Pending   int
	Unsettled int
	Enriched  string
}

// needsDetailsPage lists the waiting invitations whose verdict stands on
// little (service.NeedsDetails), each with what it lacks and the ways to
// bring it in one row at a time: the profile opens in a new tab, a PDF
// dropped or a page pasted comes back to the same row.
func (s *Server) needsDetailsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	page, err := s.svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		return err
	}
	// Only those that need details are read whole.
	var ids []string
	for _, l := range page.Items {
		if len(l.Missing) > 0 {
			ids = append(ids, l.ID)
		}
	}
	items, err := s.svc.Whole(ctx, ids)
	if err != nil {
		return err
	}
	view := detailsView{Pending: page.Total, Enriched: r.URL.Query().Get("enriched")}
	for i := range items {
		si := &items[i]
		missing := service.NeedsDetails(&si.Invitation, si.Verdict)
		if len(missing) == 0 {
			continue
		}
		row := "nd-" + rowID(si.Invitation.ID)
		view.Rows = append(view.Rows, detailsRow{
			ID: si.Invitation.ID, Path: url.PathEscape(si.Invitation.ID), Row: row,
			Name: si.Invitation.Person.Name, Headline: clip(si.Invitation.Person.Headline, 160),
			V: si.Verdict, Missing: missingLabels(missing),
			Profile: linkedinURL(si.Invitation.Person.ProfileURL),
			Return:  "/needs-details#" + row,
			Action:  dropAction(si.Invitation.ID, "/needs-details#"+row),
		})
	}
	if view.Unsettled, err = s.svc.Unsettled(ctx); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "needs_details.html", "Needs details", view)
	return nil
}

// rowID makes an invitation id safe as an HTML id and a fragment.
func rowID(id string) string {
	var b strings.Builder
	for _, c := range id {
		if c < 128 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b.WriteRune(c)
		} else {
			fmt.Fprintf(&b, "_%x", c)
		}
	}
	return clip(b.String(), 150)
}

// missingLabels says in words what a verdict lacks.
func missingLabels(m []string) []string {
	names := map[string]string{"headline": "headline", "mutual_connections": "mutual connections", "note": "the rest of the note",
		"profile": "profile", "profile_url": "profile link"}
	out := make([]string, 0, len(m))
	for _, k := range m {
		if n, ok := names[k]; ok {
			out = append(out, n)
		} else {
			out = append(out, strings.ReplaceAll(k, "_", " "))
		}
	}
	return out
}

// ---- partials -------------------------------------------------------------

// The pages are parsed each with the layout only, so the few pieces other
// pages include (the drop zone, the needs-details mark) are rendered by a
// template function from their own file.
var ingestPartials *template.Template

func init() {
	funcs["partial"] = renderPartial
	funcs["missingWords"] = func(m []string) string { return strings.Join(missingLabels(m), ", ") }
	funcs["rowID"] = rowID
	funcs["pendingIn"] = func(inv *linkvet.Invitation, d *linkvet.Decision) bool {
		return inv != nil && inv.Direction != linkvet.Outgoing && d == nil
	}
	funcs["needsOnPage"] = func(rows []inboxRow) int {
		n := 0
		for _, r := range rows {
			if r.V != nil && len(r.V.Missing) > 0 {
				n++
			}
		}
		return n
	}
	funcs["dropFor"] = func(inv *linkvet.Invitation) detailsRow {
		return detailsRow{ID: inv.ID, Path: url.PathEscape(inv.ID), Name: inv.Person.Name, Action: dropAction(inv.ID, "")}
	}
	funcs["has"] = func(list []string, s string) bool { return slices.Contains(list, s) }
	ingestPartials = template.Must(template.New("partials").Funcs(funcs).ParseFS(templateFS, "templates/ingest_partials.html"))
}

// renderPartial executes one partial into HTML for the including page.
func renderPartial(name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := ingestPartials.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
