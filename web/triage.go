package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// Triage, the way a mail client's screener works: linkvet's recommendation
// is one keystroke (Enter, or its primary button), everything else is a
// deliberate step. Accepting someone linkvet flagged asks once more;
// applying every recommendation of a filtered set is one batch with one
// undo; every decided invitation stays reachable on the Decided page.

func init() {
	funcs["rowButtons"] = rowButtons
	funcs["decidingReason"] = decidingReason
	funcs["flagged"] = flagged
	funcs["carryOut"] = carryOut
	funcs["reportReason"] = reportReason
	funcs["actionLabel"] = actionLabel
	funcs["decideFor"] = decideFor
	funcs["isolate"] = isolate
	funcs["isolateNames"] = isolateNames
	funcs["plus"] = func(a, b int) int { return a + b }
}

// isolate wraps text in first-strong isolate marks, for places where no
// element can isolate it (the <title>).
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// decideFor is what the "decide" template needs on the invitation page.
type decideForData struct {
	ID, Return string
	Buttons    template.HTML
}

// decideFor builds the decision buttons of the invitation page.
// With a standing decision, the buttons show it as current: its button is
// the highlighted one, pressed (aria-pressed) and labelled "your
// decision", and pressing it again records nothing new; linkvet's
// recommendation stays marked as the recommendation. Without one, the
// recommendation is the highlighted button, as in the inbox.
func decideFor(inv *linkvet.Invitation, v linkvet.Verdict, d *linkvet.Decision, ret string) decideForData {
	row := inboxRow{Name: inv.Person.Name, V: &v}
	if d == nil || !d.Action.Valid() {
		return decideForData{ID: inv.ID, Return: ret, Buttons: rowButtons(row)}
	}
	return decideForData{ID: inv.ID, Return: ret, Buttons: decidedButtons(row, d.Action)}
}

// decidedButtons are the decision buttons of an invitation decided
// already: the standing decision first, highlighted and pressed, the
// others after it; the recommendation keeps data-rec and says so.
func decidedButtons(row inboxRow, standing linkvet.Action) template.HTML {
	var b strings.Builder
	name := template.HTMLEscapeString(row.Name)
	if name == "" {
		name = "this invitation"
	}
	rec := linkvet.Action("")
	if row.V != nil {
		rec = row.V.Action
	}
	write := func(a linkvet.Action) {
		class, extra, marks := "btn secondary", "", []string{}
		if a == standing {
			class = "btn primary current a-" + string(a)
			extra += ` aria-pressed="true"`
			marks = append(marks, "your decision")
		} else {
			extra += ` aria-pressed="false"`
		}
		if a == rec {
			extra += ` data-rec="1"`
			marks = append(marks, "recommended")
		}
		if a == linkvet.Accept && flagged(row.V) {
			extra += ` data-flagged="1"`
		}
		mark := ""
		if len(marks) > 0 {
			mark = ` <span class="mark">(` + strings.Join(marks, ", ") + `)</span>`
		}
		fmt.Fprintf(&b, `<button type="submit" name="action" value="%s" class="%s" data-key="%s" aria-keyshortcuts="%s"%s>%s<span class="vh"> <bdi>%s</bdi></span>%s</button>`+"\n",
			a, class, actionKey(a), actionKey(a), extra, actionLabel(a), name, mark)
	}
	write(standing)
	for _, a := range linkvet.Actions {
		if a != standing {
			write(a)
		}
	}
	return template.HTML(b.String())
}

// actionLabel is an action as a button names it.
func actionLabel(a linkvet.Action) string {
	switch a {
	case linkvet.Ask:
		return "Ask"
	case "":
		return ""
	}
	s := string(a)
	return strings.ToUpper(s[:1]) + s[1:]
}

// flagged reports whether accepting against this verdict needs a
// confirmation: linkvet advised block or decline.
func flagged(v *linkvet.Verdict) bool {
	return v != nil && (v.Action == linkvet.Block || v.Action == linkvet.Decline)
}

// decidingReason is the reason beside the recommendation.
func decidingReason(x any) string {
	var v *linkvet.Verdict
	switch t := x.(type) {
	case *linkvet.Verdict:
		v = t
	case linkvet.Verdict:
		v = &t
	}
	if v == nil {
		return ""
	}
	r, ok := service.DecidingReason(v)
	if !ok {
		return "no rule fired"
	}
	return clip(r.Detail, 160)
}

// rowButtons are the decision buttons of one inbox row: the
// recommendation first and primary, the others secondary. Each names the
// person ("Accept Ana Ruiz") for screen readers, the name isolated so that
// a right-to-left name cannot reorder the button's words.
func rowButtons(row inboxRow) template.HTML {
	var b strings.Builder
	name := template.HTMLEscapeString(row.Name)
	if name == "" {
		name = "this invitation"
	}
	write := func(a linkvet.Action, primary bool) {
		class := "btn secondary"
		extra := ""
		if primary {
			class = "btn primary a-" + string(a)
			extra = ` data-rec="1"`
		}
		if a == linkvet.Accept && flagged(row.V) {
			extra += ` data-flagged="1"`
		}
		fmt.Fprintf(&b, `<button type="submit" name="action" value="%s" class="%s" data-key="%s" aria-keyshortcuts="%s"%s>%s<span class="vh"> <bdi>%s</bdi></span></button>`+"\n",
			a, class, actionKey(a), actionKey(a), extra, actionLabel(a), name)
	}
	rec := linkvet.Action("")
	if row.V != nil {
		rec = row.V.Action
	}
	if rec.Valid() {
		write(rec, true)
	}
	for _, a := range linkvet.Actions {
		if a != rec {
			write(a, false)
		}
	}
	return template.HTML(b.String())
}

// carryOut says where to carry a decision out on LinkedIn: linkvet never
// touches the account.
func carryOut(a linkvet.Action) string {
	switch a {
	case linkvet.Accept:
		return "On LinkedIn, open the profile (or My Network → Invitations) and press Accept."
	case linkvet.Ask:
		return "On LinkedIn, leave the invitation pending and send the person a message asking what they have in mind."
	case linkvet.Ignore:
		return "On LinkedIn, open the profile (or My Network → Invitations) and press Ignore; the sender is not told."
	case linkvet.Decline:
		return "On LinkedIn, press Ignore on the invitation; send the polite decline first if you want to answer."
	case linkvet.Block:
		return "On LinkedIn, press Ignore on the invitation, then block the account from its profile's More menu."
	}
	return ""
}

// reportReason picks the reason LinkedIn's report form offers that fits
// the evidence best.
func reportReason(v linkvet.Verdict) string {
	var rules []string
	for _, r := range v.Reasons {
		if r.Points < 0 {
			rules = append(rules, strings.ToLower(r.Rule+" "+r.Detail))
		}
	}
	all := strings.Join(rules, " ")
	switch {
	case strings.Contains(all, "impersonat") || strings.Contains(all, "pretend"):
		return "“Pretending to be someone”"
	case strings.Contains(all, "crypto") || strings.Contains(all, "money") || strings.Contains(all, "invest") || strings.Contains(all, "scam") || strings.Contains(all, "whatsapp") || strings.Contains(all, "phone") || strings.Contains(all, "link"):
		return "“Scam, fraud or spam” (it asks for money, moves you off LinkedIn or sells)"
	case strings.Contains(all, "fake") || strings.Contains(all, "photo") || strings.Contains(all, "stock") || strings.Contains(all, "bidi"):
		return "“Fake account” (this profile looks made up)"
	}
	return "“Fake account” or “Scam, fraud or spam”, whichever the evidence below shows"
}

// decideForm wraps the decision form of the pages: a note over its limit
// is a bad request, and accepting someone linkvet advised blocking or
// declining needs a second, deliberate step.
func (s *Server) decideForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	if n := len(r.PostForm.Get("note")); n > service.MaxNoteBytes {
		return linkvet.Errorf(linkvet.EINVALID, "note: %d bytes, more than the %d allowed", n, service.MaxNoteBytes)
	}
	id := r.PathValue("id")
	action := strings.ToLower(strings.TrimSpace(r.PostForm.Get("action")))
	if action == string(linkvet.Accept) && r.PostForm.Get("confirm") != "yes" {
		si, err := s.svc.Invitation(r.Context(), id)
		if err != nil {
			return err
		}
		if si.Invitation.Direction == linkvet.Incoming && flagged(si.Verdict) {
			view := confirmView{ID: id, Name: si.Invitation.Person.Name, V: si.Verdict,
				Reason: decidingReason(si.Verdict), Return: safeReturn(r.PostForm.Get("return")), Note: r.PostForm.Get("note")}
			s.render(w, r, http.StatusOK, "confirm.html", "Accept anyway?", view)
			return nil
		}
	}
	return s.decidePage(w, r)
}

type confirmView struct {
	ID, Name, Reason, Return, Note string
	V                              *linkvet.Verdict
}

// reviewView is one invitation of the review walk.
type reviewView struct {
	Row      inboxRow
	Pos      int // 1-based
	Total    int
	Skip     int
	Next     string // skip to the next one
	Return   string
	Action   linkvet.Action
	Category linkvet.Category
	Inv      *linkvet.Invitation
	Profile  string
}

// reviewPage walks the whole inbox one invitation at a time, most worth
// attention first, the recommendation preselected: Enter records it, and
// the next invitation comes up. skip counts the invitations passed over.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	skip, err := intParam(q.Get("skip"), "skip", 0, 0, 1<<31-1)
	if err != nil {
		return err
	}
	page, err := s.svc.Inbox(r.Context(), service.InboxFilter{Action: f.Action, Category: f.Category, Offset: skip, Limit: 1})
	if err != nil {
		return err
	}
	total := page.Total
	view := reviewView{Total: total, Skip: skip, Action: f.Action, Category: f.Category}
	base := url.Values{}
	if f.Action != "" {
		base.Set("action", string(f.Action))
	}
	if f.Category != "" {
		base.Set("category", string(f.Category))
	}
	link := func(skip int) string {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		if skip > 0 {
			v.Set("skip", strconv.Itoa(skip))
		}
		if len(v) == 0 {
			return "/review"
		}
		return "/review?" + v.Encode()
	}
	if skip >= total && total > 0 {
		// Everything after the skipped ones is decided: start over with
		// those passed over.
		http.Redirect(w, r, link(0), http.StatusSeeOther)
		return nil
	}
	view.Return = link(skip)
	if len(page.Items) > 0 {
		// Only the invitation shown is read whole.
		whole, err := s.svc.Whole(r.Context(), []string{page.Items[0].ID})
		if err != nil {
			return err
		}
		if len(whole) == 0 {
			return linkvet.Errorf(linkvet.ENOTFOUND, "no invitation with id %q", page.Items[0].ID)
		}
		si := &whole[0]
		view.Row = newInboxRow(si, *si.Verdict)
		view.Pos = skip + 1
		view.Inv = &si.Invitation
		view.Profile = linkedinURL(si.Invitation.Person.ProfileURL)
		if skip+1 < total {
			view.Next = link(skip + 1)
		} else {
			view.Next = link(0)
		}
	}
	title := "Review"
	if view.Inv != nil && view.Inv.Person.Name != "" {
		title = "Review: " + clip(view.Inv.Person.Name, 60)
	}
	s.render(w, r, http.StatusOK, "review.html", title, view)
	return nil
}

// applyRecommendations records linkvet's recommendation for every waiting
// invitation the filter selects whose verdict is one of the checked
// actions, as one batch, and shows the batch with its undo.
func (s *Server) applyRecommendations(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	f, err := parseFilter(url.Values{"category": {r.PostForm.Get("category")}, "action": {r.PostForm.Get("filter_action")}})
	if err != nil {
		return err
	}
	var actions []linkvet.Action
	for _, a := range r.PostForm["apply"] {
		act, _, err := service.ParseAction(a, false)
		if err != nil {
			return linkvet.Errorf(linkvet.EINVALID, "apply: %s", linkvet.ErrorMessage(err))
		}
		actions = append(actions, act)
	}
	if len(actions) == 0 {
		return linkvet.Errorf(linkvet.EINVALID, "apply: check at least one verdict (block, ignore, …) whose recommendation to record")
	}
	b, err := s.svc.ApplyRecommendations(ctxWithoutCancel(r), service.InboxFilter{Action: f.Action, Category: f.Category}, actions)
	if err != nil {
		return err
	}
	if b.Decided == 0 {
		return linkvet.Errorf(linkvet.ECONFLICT, "no waiting invitation has one of those verdicts: nothing was recorded")
	}
	http.Redirect(w, r, "/decided?batch="+url.QueryEscape(b.ID), http.StatusSeeOther)
	return nil
}

// undoBatch takes a whole batch back.
func (s *Server) undoBatch(w http.ResponseWriter, r *http.Request) error {
	n, err := s.svc.UndoBatch(ctxWithoutCancel(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/?undone="+strconv.Itoa(n), http.StatusSeeOther)
	return nil
}

// decidedRow is one decided invitation.
type decidedRow struct {
	ID, Path, Name, Headline string
	Action                   linkvet.Action
	Verdict                  linkvet.Action
	By                       string
	At                       string
	Note                     string
	Against                  bool // decided against linkvet's advice
}

type decidedView struct {
	Rows             []decidedRow
	Total            int
	Action           linkvet.Action
	By               string
	From, To         string
	Batch            string
	Filtered         bool
	Return           string
	Shown            int
	ByAction         []countView
	BatchUndoneCount int
}

type countView struct {
	Action linkvet.Action
	N      int
}

// maxDecidedRows bounds one Decided page; filters narrow it.
const maxDecidedRows = 500

// decidedPage lists every decided invitation, newest first, filtered by
// action, by who decided, by date, or by batch, with undo on each row.
func (s *Server) decidedPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var f service.DecidedFilter
	view := decidedView{From: q.Get("from"), To: q.Get("to"), By: q.Get("by"), Batch: q.Get("batch")}
	if a := strings.TrimSpace(q.Get("action")); a != "" {
		act, _, err := service.ParseAction(a, false)
		if err != nil {
			return linkvet.Errorf(linkvet.EINVALID, "parameter action: %s", linkvet.ErrorMessage(err))
		}
		f.Action, view.Action = act, act
	}
	switch view.By {
	case "":
	case string(linkvet.ByUser), string(linkvet.ByRule):
		f.By = linkvet.DecidedBy(view.By)
	default:
		return linkvet.Errorf(linkvet.EINVALID, "parameter by: %q is not user or rule", clip(view.By, 40))
	}
	for _, p := range []struct {
		name, val string
		to        *time.Time
		next      bool
	}{{"from", view.From, &f.From, false}, {"to", view.To, &f.To, true}} {
		if p.val == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", p.val)
		if err != nil {
			return linkvet.Errorf(linkvet.EINVALID, "parameter %s: %q is not a date like 2026-11-20", p.name, clip(p.val, 40))
		}
		if p.next {
			t = t.AddDate(0, 0, 1) // "to" includes its day
		}
		*p.to = t
	}
	items, err := s.svc.Decided(r.Context(), f)
	if err != nil {
		return err
	}
	var inBatch map[string]string
	if view.Batch != "" {
		if inBatch, err = s.batchMembers(r, view.Batch); err != nil {
			return err
		}
	}
	view.Filtered = f.Action != "" || f.By != "" || view.From != "" || view.To != "" || view.Batch != ""
	view.Return = r.URL.RequestURI()
	counts := map[linkvet.Action]int{}
	for _, it := range items {
		d := it.Decision
		if inBatch != nil && inBatch[it.Invitation.ID] != strconv.FormatInt(d.ID, 10) {
			continue
		}
		view.Total++
		counts[d.Action]++
		if len(view.Rows) >= maxDecidedRows {
			continue
		}
		view.Rows = append(view.Rows, decidedRow{
			ID: it.Invitation.ID, Path: url.PathEscape(it.Invitation.ID),
			Name: it.Invitation.Person.Name, Headline: clip(it.Invitation.Person.Headline, 120),
			Action: d.Action, Verdict: d.Verdict, By: string(d.By),
			At: d.At.UTC().Format("2006-01-02 15:04"), Note: clip(d.Note, 200),
			Against: d.Verdict != "" && d.Verdict != d.Action,
		})
	}
	view.Shown = len(view.Rows)
	for _, a := range linkvet.Actions {
		if counts[a] > 0 {
			view.ByAction = append(view.ByAction, countView{a, counts[a]})
		}
	}
	s.render(w, r, http.StatusOK, "decided.html", "Decided", view)
	return nil
}

// batchMembers maps each invitation of a batch to the decision id it got.
func (s *Server) batchMembers(r *http.Request, id string) (map[string]string, error) {
	audit, err := s.store.Audit(r.Context())
	if err != nil {
		return nil, err
	}
	for _, e := range audit {
		if e.Kind == "batch" && e.Subject == id {
			out := map[string]string{}
			for _, line := range strings.Split(e.Detail, "\n") {
				if inv, dec, ok := strings.Cut(line, "="); ok {
					out[inv] = dec
				}
			}
			return out, nil
		}
	}
	return nil, linkvet.Errorf(linkvet.ENOTFOUND, "no batch %q was recorded", clip(id, 40))
}

// isolateNames escapes text, linkvet's own sentence, and wraps every
// occurrence of the given names (text a stranger wrote) in <bdi>, so
// that a name with right-to-left or control characters cannot reorder
// the words around it.
func isolateNames(text string, names ...string) template.HTML {
	type span struct{ at, end int }
	var spans []span
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			continue
		}
		for i := 0; i < len(text); {
			j := strings.Index(text[i:], n)
			if j < 0 {
				break
			}
			at := i + j
			overlaps := false
			for _, s := range spans {
				if at < s.end && at+len(n) > s.at {
					overlaps = true
				}
			}
			if !overlaps {
				spans = append(spans, span{at, at + len(n)})
			}
			i = at + len(n)
		}
	}
	if len(spans) == 0 {
		return template.HTML(template.HTMLEscapeString(text))
	}
	slices.SortFunc(spans, func(a, b span) int { return a.at - b.at })
	var b strings.Builder
	prev := 0
	for _, s := range spans {
		b.WriteString(template.HTMLEscapeString(text[prev:s.at]))
		b.WriteString("<bdi>")
		b.WriteString(template.HTMLEscapeString(text[s.at:s.end]))
		b.WriteString("</bdi>")
		prev = s.end
	}
	b.WriteString(template.HTMLEscapeString(text[prev:]))
	return template.HTML(b.String())
}
