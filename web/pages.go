package web

import (
	"context"
	"fmt"
	"github.com/linkvet/linkvet/service"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/screen"
)

// noteClip is how much of a note the inbox row shows; the expanded row and
// the invitation page show all of it.
const noteClip = 280

// inboxRow is one invitation of the inbox with every text already
// formatted: the inbox can hold thousands of rows, and each template
// function call costs more than the Go that replaces it.
type inboxRow struct {
	ID        string
	Path      string // ID escaped for a URL path
	Name      string
	Headline  string
	Note      string // clipped for the summary line
	FullNote  string // set only when Note was clipped
	V         *linkvet.Verdict
	Category  string
	Conf      string
	Mutual    string
	Reasons   []reasonRow
	Checks    []checkRow
	attention int
}

type reasonRow struct{ Points, Rule, Detail string }

type checkRow struct {
	Class, Question, Answer string
}

func newInboxRow(si *linkvet.StoredInvitation, v linkvet.Verdict) inboxRow {
	inv := &si.Invitation
	row := inboxRow{
		ID:        inv.ID,
		Path:      url.PathEscape(inv.ID),
		Name:      inv.Person.Name,
		Headline:  clip(inv.Person.Headline, 160),
		Note:      clip(inv.Message, noteClip),
		V:         &v,
		Category:  label(v.Category),
		Conf:      "confidence " + strconv.Itoa(int(v.Confidence*100+0.5)) + "%",
		Mutual:    "unknown mutual",
		attention: screen.Attention(&v),
	}
	if row.Note != inv.Message {
		row.FullNote = clip(inv.Message, maxNoteField)
	}
	if n := inv.MutualConnections; n != nil {
		row.Mutual = strconv.Itoa(*n) + " mutual"
	}
	row.Reasons = make([]reasonRow, len(v.Reasons))
	for i, r := range v.Reasons {
		row.Reasons[i] = reasonRow{Points: fmt.Sprintf("%+d", r.Points), Rule: label(r.Rule), Detail: r.Detail}
	}
	row.Checks = checklistRows(v.Checklist)
	return row
}

// checklistRows words seed 004's three questions for people.
func checklistRows(c linkvet.Checklist) []checkRow {
	yes := func(b bool) (string, string) {
		if b {
			return "yes", "yes"
		}
		return "no", "no"
	}
	var rows [3]checkRow
	rows[0].Class, rows[0].Answer = yes(c.PersonalNote)
	rows[0].Question = "Personal note"
	rows[1].Class, rows[1].Answer = yes(c.CommonGround)
	rows[1].Question = "Something in common"
	rows[2].Question, rows[2].Class, rows[2].Answer = "Enough mutual connections", "unknown", "unknown"
	if c.EnoughMutuals != nil {
		rows[2].Class, rows[2].Answer = yes(*c.EnoughMutuals)
	}
	return rows[:]
}

type inboxView struct {
	Total    int // waiting invitations the filters select
	Page     int
	From, To int // 1-based positions of the rows shown
	Prev     string
	Next     string
	Rows     []inboxRow
	Buttons  template.HTML
	Action   linkvet.Action
	Category linkvet.Category
	Filtered bool
	Done     *doneView
	Return   string
}

// doneView is the banner after a decision, with its undo button.
type doneView struct {
	ID     string
	Name   string
	Action linkvet.Action
	Return string
}

// parseFilter reads the verdict and category filters of the inbox and the
// API; unknown values are errors that name the parameter.
func parseFilter(q url.Values) (linkvet.InvitationFilter, error) {
	var f linkvet.InvitationFilter
	if a := strings.TrimSpace(q.Get("action")); a != "" {
		f.Action = linkvet.Action(a)
		if !f.Action.Valid() {
			return f, linkvet.Errorf(linkvet.EINVALID, "parameter action: %q is not one of accept, ask, ignore, decline, block", clip(a, 40))
		}
	}
	if c := strings.TrimSpace(q.Get("category")); c != "" {
		f.Category = linkvet.Category(c)
		if !f.Category.Valid() {
			return f, linkvet.Errorf(linkvet.EINVALID, "parameter category: %q is not a known category", clip(c, 40))
		}
	}
	return f, nil
}

// InboxPageSize is how many invitations one inbox page shows. A page of
// a thousand rows weighs megabytes and is slow on a phone; the most
// worth attention come first, so the first page is the one that matters.
const InboxPageSize = 200

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	page, err := intParam(q.Get("page"), "page", 1, 1, 1<<31-1)
	if err != nil {
		return err
	}
	view, err := s.inbox(r.Context(), f, page)
	if err != nil {
		return err
	}
	if len(view.Rows) == 0 && page > 1 {
		// Deciding the last row of the last page: go to the page that
		// is now the last, keeping the undo banner.
		to := inboxURL(f, max(1, (view.Total+InboxPageSize-1)/InboxPageSize))
		if id := q.Get("done"); id != "" {
			to = withQuery(to, "done", id)
		}
		http.Redirect(w, r, to, http.StatusSeeOther)
		return nil
	}
	if id := q.Get("done"); id != "" {
		if si, err := s.store.Invitation(r.Context(), id); err == nil && current(si.Decision) != nil {
			view.Done = &doneView{ID: id, Name: si.Invitation.Person.Name, Action: si.Decision.Action, Return: view.Return}
		}
	}
	s.render(w, r, http.StatusOK, "inbox.html", "Inbox", view)
	return nil
}

// inbox builds one page of the inbox: the queue, most worth attention
// first. The service lists the page from what the store keeps beside each
// verdict; only the page's invitations are read whole.
func (s *Server) inbox(ctx context.Context, f linkvet.InvitationFilter, page int) (*inboxView, error) {
	from := (page - 1) * InboxPageSize
	listed, err := s.svc.Inbox(ctx, service.InboxFilter{Action: f.Action, Category: f.Category, Offset: from, Limit: InboxPageSize})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(listed.Items))
	for i := range listed.Items {
		ids[i] = listed.Items[i].ID
	}
	whole, err := s.svc.Whole(ctx, ids)
	if err != nil {
		return nil, err
	}
	view := &inboxView{Buttons: decisionButtons, Action: f.Action, Category: f.Category,
		Filtered: f.Action != "" || f.Category != "", Total: listed.Total, Page: page}
	from = min(from, listed.Total)
	to := from + len(whole)
	view.From, view.To = from+1, to
	var eng *screen.Engine
	for i := range whole {
		si := &whole[i]
		si.Decision = current(si.Decision)
		if si.Verdict == nil && eng == nil {
			eng, _ = s.snapshot()
		}
		view.Rows = append(view.Rows, newInboxRow(si, s.verdictOf(si, eng)))
	}
	view.Return = inboxURL(f, page)
	if page > 1 {
		view.Prev = inboxURL(f, page-1)
	}
	if to < listed.Total {
		view.Next = inboxURL(f, page+1)
	}
	return view, nil
}

func inboxURL(f linkvet.InvitationFilter, page int) string {
	q := url.Values{}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if f.Action != "" {
		q.Set("action", string(f.Action))
	}
	if f.Category != "" {
		q.Set("category", string(f.Category))
	}
	if len(q) == 0 {
		return "/"
	}
	return "/?" + q.Encode()
}

type invitationView struct {
	Inv       *linkvet.Invitation
	V         linkvet.Verdict
	Decision  *linkvet.Decision
	History   []linkvet.Decision
	Profile   string
	AddedAt   string
	Return    string
	Done      *doneView
	HasDrafts bool
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	// Through the service: a verdict made stale by a policy change is
	// screened again, as the inbox that links here shows it.
	si, err := s.svc.Invitation(r.Context(), id)
	if err != nil {
		return err
	}
	history, err := s.store.Decisions(r.Context(), id)
	if err != nil {
		return err
	}
	eng, _ := s.snapshot()
	v := s.verdictOf(si, eng)
	d := v.Drafts
	view := invitationView{
		Inv:       &si.Invitation,
		V:         v,
		Decision:  current(si.Decision),
		History:   history,
		Profile:   linkedinURL(si.Invitation.Person.ProfileURL),
		Return:    "/invitations/" + url.PathEscape(id),
		HasDrafts: d.Accept+d.FollowUp+d.Ask+d.Decline != "",
	}
	if !si.AddedAt.IsZero() {
		view.AddedAt = si.AddedAt.Format("2006-01-02 15:04")
	}
	if view.Decision != nil && r.URL.Query().Get("done") != "" {
		view.Done = &doneView{ID: id, Name: si.Invitation.Person.Name, Action: view.Decision.Action, Return: view.Return}
	}
	title := si.Invitation.Person.Name
	if title == "" {
		title = "Invitation"
	}
	s.render(w, r, http.StatusOK, "invitation.html", clip(title, 60), view)
	return nil
}

// undoAction is the pseudo-action that undoes the standing decision.
const undoAction = service.UndoAction

// decide records the user's decision on an invitation, or undoes the
// standing one when action is "undo".
func (s *Server) decide(ctx context.Context, id, action, note string) (linkvet.Decision, error) {
	a, undo, err := service.ParseAction(action, true)
	if err != nil {
		return linkvet.Decision{}, linkvet.Errorf(linkvet.EINVALID, "action: %s", linkvet.ErrorMessage(err))
	}
	if undo {
		return s.svc.Undo(ctx, id)
	}
	res, err := s.svc.Decide(ctx, id, a, note)
	return res.Decision, err
}

func (s *Server) decidePage(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	id := r.PathValue("id")
	action := r.PostForm.Get("action")
	if _, err := s.decide(r.Context(), id, action, r.PostForm.Get("note")); err != nil {
		return err
	}
	ret := safeReturn(r.PostForm.Get("return"))
	if action != undoAction {
		ret = withQuery(ret, "done", id)
	}
	http.Redirect(w, r, ret, http.StatusSeeOther)
	return nil
}

// formError reports a form that could not be read.
func formError(err error) error {
	var mb *http.MaxBytesError
	if asMaxBytes(err, &mb) {
		return err
	}
	return linkvet.Errorf(linkvet.EINVALID, "the form could not be read: %v", err)
}

// safeReturn accepts only a path on this server as a place to go back to,
// so that a crafted form cannot send the user elsewhere.
func safeReturn(s string) string {
	if s == "" || !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") {
		return "/"
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	// Re-encoding can turn "/%2f" into "//", which a browser reads as
	// another host: check the result again.
	return localURI(u)
}

// localURI returns u's path and query when they stay on this server.
func localURI(u *url.URL) string {
	out := u.RequestURI()
	if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || strings.HasPrefix(out, "/\\") {
		return "/"
	}
	return out
}

// withQuery sets one query parameter of a local address.
func withQuery(local, key, value string) string {
	u, err := url.Parse(local)
	if err != nil {
		return "/"
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return localURI(u)
}

// checkView is the page that lints an outgoing note.
type checkView struct {
	Note    string
	Limit   int
	Checked bool
	Score   int
	Length  int
	OK      bool
	Find    []findingView
}

type findingView struct {
	Rule, Severity, Message, Fix string
}

func (s *Server) checkPage(w http.ResponseWriter, r *http.Request) error {
	eng, _ := s.snapshot()
	p := eng.Policy()
	view := checkView{Limit: p.Outreach.NoteLimit}
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
		if err := r.ParseForm(); err != nil {
			return formError(err)
		}
		view.Note = r.PostForm.Get("note")
		res := lintNote(view.Note, p.Me, p.Outreach.NoteLimit)
		view.Checked, view.Score, view.Length, view.OK, view.Limit = true, res.Score, res.Length, res.OK, res.Limit
		for _, f := range res.Findings {
			view.Find = append(view.Find, findingView{f.Rule, f.Severity, f.Message, f.Fix})
		}
	}
	s.render(w, r, http.StatusOK, "check.html", "Check a note", view)
	return nil
}
