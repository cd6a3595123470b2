package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/policy"
)

// maxReason bounds the "why this person" field, in characters.
const maxReason = 1000

// outreachView is the Outreach page: the form that vets a person before
// the user invites them, its result, and the planner.
type outreachView struct {
	Form      addFormView
	Check     *targetCheck
	Plan      planView
	Limit     int              // the note limit
	NoteLangs []noteLangOption // the languages drafted notes can be written in
	Sent      string           // name of the person just recorded as invited
	Recorded  string           // what a withdrawn, declined or ignored mark means, after recording it
	SendError string           // why the store refused to record the invitation as sent
}

// targetCheck is outreach.CheckTarget's answer, worded for the page.
type targetCheck struct {
	Name       string
	Advice     string // outreach.Advice, for the CSS class
	Headline   string // the advice in words
	Introducer string
	Score      int
	Next       string
	Questions  []questionRow
	Reasons    []reasonRow
	Note       *compose.LintResult
	NoteFind   []findingView
	Drafts     []draftRow
	WeakNote   bool   // the note is missing or needs work: drafts are offered
	DraftsLang string // the drafts' language, in its own name
	DraftsTag  string // and its BCP 47 tag
}

// noteLangOption is one entry of the form's language select.
type noteLangOption struct {
	Tag, Name string
}

// noteLangOptions lists the languages notes are written in, for the form.
func noteLangOptions() []noteLangOption {
	var out []noteLangOption
	for _, t := range compose.NoteLanguages() {
		out = append(out, noteLangOption{Tag: t, Name: compose.NoteLanguageName(t)})
	}
	return out
}

// formNoteLang is the language the form asks drafted notes to be written
// in: "" for automatic (the person's language when the user speaks it,
// else the user's own), or a tag of compose.NoteLanguages.
func formNoteLang(form url.Values) (lang, problem string) {
	raw := strings.TrimSpace(form.Get("lang"))
	if raw == "" {
		return "", ""
	}
	if t := compose.MatchNoteLanguage(raw); t != "" {
		return t, ""
	}
	return "", "is not one of the languages notes are written in (" + strings.Join(compose.NoteLanguages(), ", ") + ")"
}

type questionRow struct {
	Question, Answer, Evidence string
	Yes                        bool
}

type draftRow struct {
	ID     string
	Text   string
	Length int
	Score  int
	Lang   string // BCP 47, for the lang attribute
}

// planView is outreach.Plan's report, formatted.
type planView struct {
	R             outreach.PlanReport
	NextSlot      string
	NotesReset    string
	Pending       []trackedRow
	DoNot         []trackedRow
	WithdrawAfter int
	ReinviteAfter int
}

type trackedRow struct {
	ID, Path string
	Name     string
	Headline string
	Profile  string // a safe link to the profile, or ""
	Sent     string
	AgeDays  int
	Withdraw bool // pending long enough to withdraw
	Status   string
	Since    string
	Until    string // when a withdrawn invitation may be sent again
	Comment  string
}

func newTrackedRow(t outreach.Tracked) trackedRow {
	return trackedRow{
		ID: t.ID, Path: url.PathEscape(t.ID),
		Name:     clip(personLabel(t.Person), 120),
		Headline: clip(t.Person.Headline, 160),
		Profile:  linkedinURL(t.Person.ProfileURL),
		Sent:     day(t.SentAt),
		AgeDays:  t.AgeDays,
		Withdraw: t.SuggestWithdraw,
		Status:   string(t.Status),
		Since:    day(t.Since),
		Until:    day(t.ReinviteAt),
		Comment:  clip(t.Comment, 300),
	}
}

// planFor words the planner's report for the page.
func planFor(r outreach.PlanReport, p *policy.Policy) planView {
	v := planView{R: r, WithdrawAfter: p.Outreach.WithdrawAfterDays, ReinviteAfter: p.Outreach.ReinviteAfterWithdrawDays}
	loc := p.Location()
	if !r.NextSlot.IsZero() {
		v.NextSlot = r.NextSlot.In(loc).Format("Mon 2006-01-02 15:04")
	}
	if !r.NotesReset.IsZero() {
		v.NotesReset = r.NotesReset.In(loc).Format("2006-01-02")
	}
	for _, t := range r.Pending {
		v.Pending = append(v.Pending, newTrackedRow(t))
	}
	for _, t := range r.DoNotReinvite {
		v.DoNot = append(v.DoNot, newTrackedRow(t))
	}
	return v
}

// buildOutreach builds the page around a form, with the planner of
// Service.Plan.
func (s *Server) buildOutreach(ctx context.Context, form addFormView) (outreachView, error) {
	plan, ov, err := s.svc.Plan(ctx)
	if err != nil {
		return outreachView{}, err
	}
	p := ov.Policy
	return outreachView{Form: form, Plan: planFor(plan, p), Limit: p.Outreach.NoteLimit, NoteLangs: noteLangOptions()}, nil
}

func (s *Server) outreachPage(w http.ResponseWriter, r *http.Request) error {
	view, err := s.buildOutreach(r.Context(), newAddView(nil))
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if id := q.Get("sent"); id != "" {
		for _, t := range view.Plan.Pending {
			if t.ID == id {
				view.Sent = t.Name
			}
		}
	}
	if id := q.Get("recorded"); id != "" {
		if view.Recorded, err = s.recordedText(r.Context(), id); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "outreach.html", "Outreach", view)
	return nil
}

// recordedText says what a mark just recorded on invitation id means,
// from where Service.SentInvitation says it stands.
func (s *Server) recordedText(ctx context.Context, id string) (string, error) {
	t, err := s.svc.SentInvitation(ctx, id)
	if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
		return "", nil
	} else if err != nil {
		return "", err
	}
	who := personLabel(t.Person)
	switch t.Status {
	case outreach.StatusWithdrawn:
		return "Recorded: you withdrew your invitation to " + who + ". LinkedIn lets you invite them again from " + day(t.ReinviteAt) + ".", nil
	case outreach.StatusDeclined:
		return "Recorded: " + who + " declined. linkvet will not suggest inviting them again.", nil
	case outreach.StatusIgnored:
		return "Recorded: " + who + " let the invitation go unanswered. linkvet will not suggest inviting them again.", nil
	}
	return "", nil
}

// targetFields are the inputs of the "vet a person" form that the add
// form's parser reads.
var targetFields = []string{"name", "headline", "profile_url", "company", "industry", "location", "mutual_connections",
	"message", "shared_companies", "shared_schools", "shared_groups", "shared_events", "shared_interests", "interactions"}

// parseTargetForm reads the "vet a person" form: the person as the add
// form reads them, the names of mutual connections, and the user's reason.
// The invitation is outgoing; its Message is the user's note.
func parseTargetForm(form url.Values) (linkvet.Invitation, string, map[string]string) {
	// Only the fields this form shows: a crafted extra field (a date, an
	// id) must not produce an error nobody can see.
	known := url.Values{}
	for _, f := range targetFields {
		if v, ok := form[f]; ok {
			known[f] = v
		}
	}
	inv, errs := parseInvitationForm(known)
	inv.ID = ""
	inv.Direction = linkvet.Outgoing
	inv.SentAt = nil
	if errs["name"] != "" && form.Get("name") == "" {
		errs["name"] = "is required: the name LinkedIn shows for the person you want to invite"
	}
	names := strings.TrimSpace(form.Get("mutual_names"))
	switch {
	case !utf8.ValidString(names):
		errs["mutual_names"] = "contains bytes that are not UTF-8 text"
	case utf8.RuneCountInString(names) > maxNoteField:
		errs["mutual_names"] = "is longer than " + strconv.Itoa(maxNoteField) + " characters"
	default:
		for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
			if n = strings.TrimSpace(n); n != "" {
				inv.MutualNames = append(inv.MutualNames, clip(n, maxShortField))
			}
		}
		if len(inv.MutualNames) > maxListItems {
			errs["mutual_names"] = "has more than " + strconv.Itoa(maxListItems) + " entries"
			inv.MutualNames = nil
		}
	}
	reason := strings.TrimSpace(form.Get("reason"))
	switch {
	case !utf8.ValidString(reason):
		errs["reason"] = "contains bytes that are not UTF-8 text"
		reason = ""
	case utf8.RuneCountInString(reason) > maxReason:
		errs["reason"] = "is longer than " + strconv.Itoa(maxReason) + " characters; one or two sentences are enough"
		reason = ""
	}
	return inv, reason, errs
}

// readTargetForm parses the posted form; a form that cannot be read at
// all is an error page, field problems come back in the view.
func readTargetForm(w http.ResponseWriter, r *http.Request) (linkvet.Invitation, string, addFormView, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return linkvet.Invitation{}, "", addFormView{}, formError(err)
	}
	inv, reason, errs := parseTargetForm(r.PostForm)
	if _, problem := formNoteLang(r.PostForm); problem != "" {
		errs["lang"] = problem
	}
	view := newAddView(r.PostForm)
	view.Errors = errs
	return inv, reason, view, nil
}

func (s *Server) outreachCheck(w http.ResponseWriter, r *http.Request) error {
	inv, reason, form, err := readTargetForm(w, r)
	if err != nil {
		return err
	}
	view, err := s.buildOutreach(r.Context(), form)
	if err != nil {
		return err
	}
	if len(form.Errors) > 0 {
		s.render(w, r, http.StatusBadRequest, "outreach.html", "Outreach", view)
		return nil
	}
	inv.ID = linkvet.InvitationID(&inv)
	lang, _ := formNoteLang(form.Values)
	c, _, err := s.svc.CheckTarget(r.Context(), &inv, reason, lang)
	if err != nil {
		return err
	}
	view.Check = newTargetCheck(&inv, c)
	if view.Check.WeakNote {
		chosen, drafts, err := s.svc.DraftNotes(r.Context(), &inv, reason, lang)
		if err != nil {
			return err
		}
		view.Check.DraftsLang, view.Check.DraftsTag = compose.NoteLanguageName(chosen), chosen
		for i, d := range drafts {
			view.Check.Drafts = append(view.Check.Drafts, draftRow{ID: "note-draft-" + strconv.Itoa(i), Text: d.Note,
				Length: d.Length, Score: d.Score, Lang: d.Language})
		}
	}
	s.render(w, r, http.StatusOK, "outreach.html", "Outreach", view)
	return nil
}

// newTargetCheck words a check for the page; WeakNote says when the
// user's note is missing or needs work, and drafts should be offered.
func newTargetCheck(inv *linkvet.Invitation, c outreach.Check) *targetCheck {
	tc := &targetCheck{
		Name:       clip(personLabel(inv.Person), 120),
		Advice:     string(c.Advice),
		Introducer: clip(c.Introducer, 120),
		Score:      c.Score,
		Next:       c.Next,
		Note:       c.Note,
	}
	switch c.Advice {
	case outreach.Send:
		tc.Headline = "Send the invitation"
	case outreach.AskIntroduction:
		if tc.Introducer != "" {
			tc.Headline = "Ask " + tc.Introducer + " to introduce you first"
		} else {
			tc.Headline = "Ask a mutual connection to introduce you first"
		}
	default:
		tc.Headline = "Don't send it"
	}
	for _, q := range c.Questions {
		row := questionRow{Question: q.Question, Evidence: q.Evidence, Yes: q.Yes, Answer: "no"}
		if q.Yes {
			row.Answer = "yes"
		}
		tc.Questions = append(tc.Questions, row)
	}
	for _, rs := range c.Reasons {
		tc.Reasons = append(tc.Reasons, reasonRow{Points: signedInt(rs.Points), Rule: label(rs.Rule), Detail: rs.Detail})
	}
	if c.Note != nil {
		for _, f := range c.Note.Findings {
			tc.NoteFind = append(tc.NoteFind, findingView{f.Rule, f.Severity, f.Message, f.Fix})
		}
	}
	for _, rs := range c.Reasons {
		if rs.Rule == outreach.RuleNoNote || rs.Rule == outreach.RuleWeakNote {
			tc.WeakNote = true
		}
	}
	return tc
}

func signedInt(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// outreachSent records the person of the form as invited, now.
func (s *Server) outreachSent(w http.ResponseWriter, r *http.Request) error {
	inv, _, form, err := readTargetForm(w, r)
	if err != nil {
		return err
	}
	if len(form.Errors) > 0 {
		view, err := s.buildOutreach(r.Context(), form)
		if err != nil {
			return err
		}
		s.render(w, r, http.StatusBadRequest, "outreach.html", "Outreach", view)
		return nil
	}
	sent, err := s.svc.RecordSent(r.Context(), inv)
	id := sent.ID
	if code := linkvet.ErrorCode(err); code == linkvet.ECONFLICT || code == linkvet.EINVALID {
		// Keep what the user typed and say why, next to the form.
		view, verr := s.buildOutreach(r.Context(), form)
		if verr != nil {
			return verr
		}
		view.SendError = linkvet.ErrorMessage(err)
		s.render(w, r, httpStatus(err), "outreach.html", "Outreach", view)
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/outreach?sent="+url.QueryEscape(id)+"#plan", http.StatusSeeOther)
	return nil
}

// outreachMarks are the events the planner's buttons record.
var outreachMarks = []outreach.EventKind{outreach.EventWithdrawn, outreach.EventAccepted, outreach.EventDeclined, outreach.EventIgnored}

// outreachEvent records that a pending invitation was withdrawn, declined
// or ignored.
func (s *Server) outreachEvent(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	kind := outreach.EventKind(strings.TrimSpace(r.PostForm.Get("kind")))
	valid := false
	for _, k := range outreachMarks {
		valid = valid || k == kind
	}
	if !valid {
		return linkvet.Errorf(linkvet.EINVALID, "kind: %q is not one of withdrawn, accepted, declined, ignored", clip(string(kind), 40))
	}
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if !utf8.ValidString(note) {
		return linkvet.Errorf(linkvet.EINVALID, "note: not valid UTF-8 text")
	}
	id := r.PathValue("id")
	if _, _, err := s.svc.RecordOutreach(r.Context(), id, kind, note); err != nil {
		return err
	}
	http.Redirect(w, r, "/outreach?recorded="+url.QueryEscape(id)+"#plan", http.StatusSeeOther)
	return nil
}
