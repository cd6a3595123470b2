package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
)

// followUpSections orders the Follow-ups page: what needs the user first,
// each section with a heading that says what its rows have in common.
var followUpSections = []followUpSectionText{
	{outreach.FollowUpOverdue, "Overdue", "You accepted these a while ago and have not written yet. A late message is still better than none."},
	{outreach.FollowUpDue, "Due now", "You accepted these a few days ago: a short message now starts the conversation."},
	{outreach.FollowUpSilent, "No answer to your follow-up", "These people never answered. A connection that does not talk is not a relationship: consider removing it on LinkedIn."},
	{outreach.FollowUpUpcoming, "Coming up", "Not due yet; the draft is ready when it is."},
	{outreach.FollowUpDone, "Done, waiting for an answer", "You followed up; linkvet closes these when an imported export shows a reply."},
	{outreach.FollowUpReplied, "Replied", "They wrote back: the conversation has started."},
}

type followUpSectionText struct {
	Status      outreach.FollowUpStatus
	Title, Hint string
}

type followUpsView struct {
	Sections []followUpSection
	Total    int
	Summary  string
	Done     string // name of the person whose follow-up was just marked done
}

type followUpSection struct {
	Status outreach.FollowUpStatus
	Title  string
	Hint   string
	Rows   []followUpRow
}

// followUpRow is one follow-up, formatted for the page.
type followUpRow struct {
	ID, Path      string
	Name          string
	Headline      string
	Status        string
	Why           string
	Accepted      string
	Due           string
	DraftID       string // element id of the draft, for the copy button
	Draft         string
	SuggestRemove bool
	CanMarkDone   bool
}

func (s *Server) followUpsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	list, _, err := s.svc.FollowUps(ctx)
	if err != nil {
		return err
	}
	view := buildFollowUps(list)
	if id := r.URL.Query().Get("done"); id != "" {
		for _, f := range list {
			if f.InvitationID == id && !f.DoneAt.IsZero() {
				view.Done = personLabel(f.Person)
			}
		}
	}
	s.render(w, r, http.StatusOK, "followups.html", "Follow-ups", view)
	return nil
}

// buildFollowUps groups the follow-ups into the page's sections, in the
// order of followUpSections (a status it does not know goes last); it is
// pure, for tests.
func buildFollowUps(list []outreach.FollowUp) followUpsView {
	view := followUpsView{Total: len(list)}
	rows := map[outreach.FollowUpStatus][]followUpRow{}
	var unknown []outreach.FollowUpStatus
	for i, f := range list {
		if _, seen := rows[f.Status]; !seen && !slices.ContainsFunc(followUpSections, func(k followUpSectionText) bool { return k.Status == f.Status }) {
			unknown = append(unknown, f.Status)
		}
		rows[f.Status] = append(rows[f.Status], followUpRow{
			ID:            f.InvitationID,
			Path:          url.PathEscape(f.InvitationID),
			Name:          clip(personLabel(f.Person), 120),
			Headline:      clip(f.Person.Headline, 160),
			Status:        string(f.Status),
			Why:           clip(f.Why, 400),
			Accepted:      day(f.AcceptedAt),
			Due:           day(f.DueAt),
			Draft:         clip(f.Draft, maxNoteField),
			DraftID:       "fu-draft-" + strconv.Itoa(i),
			SuggestRemove: f.SuggestRemove,
			CanMarkDone:   f.DoneAt.IsZero() && f.RepliedAt.IsZero(),
		})
	}
	sections := slices.Clone(followUpSections)
	for _, st := range unknown {
		sections = append(sections, followUpSectionText{Status: st, Title: label(st)})
	}
	var parts []string
	for _, sec := range sections {
		if len(rows[sec.Status]) == 0 {
			continue
		}
		view.Sections = append(view.Sections, followUpSection{Status: sec.Status, Title: sec.Title, Hint: sec.Hint, Rows: rows[sec.Status]})
		parts = append(parts, strconv.Itoa(len(rows[sec.Status]))+" "+strings.ToLower(sec.Title))
	}
	view.Summary = strings.Join(parts, ", ")
	return view
}

// followUpDone records that the user wrote to someone whose invitation
// they accepted.
func (s *Server) followUpDone(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	id := r.PathValue("id")
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if !utf8.ValidString(note) {
		return linkvet.Errorf(linkvet.EINVALID, "note: not valid UTF-8 text")
	}
	if _, _, err := s.svc.RecordOutreach(r.Context(), id, outreach.EventFollowUpDone, note); err != nil {
		return err
	}
	http.Redirect(w, r, "/followups?done="+url.QueryEscape(id), http.StatusSeeOther)
	return nil
}

// personLabel is how a person is named on the outreach pages.
func personLabel(p linkvet.Person) string {
	switch {
	case strings.TrimSpace(p.Name) != "":
		return p.Name
	case p.ProfileURL != "":
		return p.ProfileURL
	}
	return "(no name)"
}

// day formats a date for the outreach pages; "" for an unknown one.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
