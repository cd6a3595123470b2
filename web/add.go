package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/jsonio"
)

// Form limits, in characters: generous for anything LinkedIn shows, small
// enough that a pasted page cannot fill the database.
const (
	maxShortField = 300    // name, headline, company, ...
	maxNoteField  = 20_000 // the note (LinkedIn's own cap is far lower)
	maxListItems  = 100    // entries of a shared list
	maxCount      = 100_000_000
)

// interactionChoices are the interactions the form offers as checkboxes.
var interactionChoices = []string{
	linkvet.FollowsYou, linkvet.EngagedWithYourContent, linkvet.MessagedBefore,
	linkvet.MetInPerson, linkvet.AttendedSameEvent, linkvet.ViewedYourProfile,
}

// addForm is what the add page shows: the values as typed and an error
// next to each field that needs one.
type addFormView struct {
	Values       url.Values
	Errors       map[string]string
	Interactions []string
	Photos       []linkvet.Photo
	Enrich       string // id of the invitation being enriched
}

// Field returns the value typed into a field.
func (v addFormView) Field(name string) string { return v.Values.Get(name) }

// Checked reports whether an interaction box is ticked.
func (v addFormView) Checked(name string) bool {
	for _, x := range v.Values["interactions"] {
		if x == name {
			return true
		}
	}
	return false
}

func newAddView(values url.Values) addFormView {
	if values == nil {
		values = url.Values{}
	}
	return addFormView{
		Values:       values,
		Errors:       map[string]string{},
		Interactions: interactionChoices,
		Photos:       []linkvet.Photo{linkvet.PhotoUnknown, linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated},
	}
}

func (s *Server) addForm(w http.ResponseWriter, r *http.Request) error {
	view := newAddView(nil)
	if id := r.URL.Query().Get("from"); id != "" {
		si, err := s.store.Invitation(r.Context(), id)
		if err != nil {
			return err
		}
		view.Values = invitationValues(&si.Invitation)
		view.Enrich = si.Invitation.ID
	}
	s.render(w, r, http.StatusOK, "add.html", "Add an invitation", view)
	return nil
}

func (s *Server) addSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	inv, errs := parseInvitationForm(r.PostForm)
	if len(errs) > 0 {
		view := newAddView(r.PostForm)
		view.Errors = errs
		view.Enrich = r.PostForm.Get("id")
		s.render(w, r, http.StatusBadRequest, "add.html", "Add an invitation", view)
		return nil
	}
	res, err := s.svc.Add(ctxWithoutCancel(r), []linkvet.Invitation{inv})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/invitations/"+url.PathEscape(res.Items[0].Invitation.ID), http.StatusSeeOther)
	return nil
}

// parseInvitationForm turns the add form into an invitation. Every
// problem is reported against the field it concerns; the map is empty
// when the invitation is good to store.
func parseInvitationForm(form url.Values) (linkvet.Invitation, map[string]string) {
	errs := map[string]string{}
	text := func(name string, max int) string {
		v := strings.TrimSpace(form.Get(name))
		switch {
		case !utf8.ValidString(v):
			errs[name] = "contains bytes that are not UTF-8 text"
			return ""
		case utf8.RuneCountInString(v) > max:
			errs[name] = "is longer than " + strconv.Itoa(max) + " characters"
			return ""
		}
		return v
	}
	count := func(name string) *int {
		v := strings.TrimSpace(form.Get(name))
		if v == "" {
			return nil
		}
		v = strings.TrimSuffix(v, "+") // LinkedIn shows "500+"
		n, err := strconv.Atoi(strings.ReplaceAll(v, ",", ""))
		switch {
		case err != nil:
			errs[name] = "must be a whole number, like 42"
			return nil
		case n < 0:
			errs[name] = "must not be negative"
			return nil
		case n > maxCount:
			errs[name] = "is implausibly large"
			return nil
		}
		return &n
	}
	list := func(name string) []string {
		var out []string
		for _, item := range strings.FieldsFunc(text(name, maxNoteField), func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, clip(item, maxShortField))
			}
		}
		if len(out) > maxListItems {
			errs[name] = "has more than " + strconv.Itoa(maxListItems) + " entries"
			return nil
		}
		return out
	}

	var inv linkvet.Invitation
	inv.ID = text("id", maxShortField)
	inv.Direction = linkvet.Incoming
	if inv.ID == "" {
		// Enriching keeps the stored source: the export is still where
		// the invitation came from.
		inv.Source = "manual"
	}
	p := &inv.Person
	p.Name = text("name", maxShortField)
	if p.Name == "" && errs["name"] == "" {
		errs["name"] = nameRequired
	}
	p.Headline = text("headline", maxShortField)
	p.ProfileURL = text("profile_url", maxShortField)
	if p.ProfileURL != "" && errs["profile_url"] == "" {
		u, err := url.Parse(p.ProfileURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs["profile_url"] = "must be a web address starting with https://, like https://www.linkedin.com/in/alex-kim"
		} else if linkvet.NormalizeProfileURL(p.ProfileURL) == "" {
			errs["profile_url"] = "is not a profile address"
		}
	}
	p.Company = text("company", maxShortField)
	p.Industry = text("industry", maxShortField)
	p.Location = text("location", maxShortField)
	p.Photo = linkvet.Photo(text("photo", maxShortField))
	if p.Photo == linkvet.PhotoUnknown {
		p.Photo = ""
	}
	switch text("verified", maxShortField) {
	case "", "unknown":
	case "yes":
		p.Verified = ptr(true)
	case "no":
		p.Verified = ptr(false)
	default:
		errs["verified"] = "must be yes, no or unknown"
	}
	p.Connections = count("connections")
	inv.MutualConnections = count("mutual_connections")
	inv.Message = text("message", maxNoteField)
	if when := text("sent_at", maxShortField); when != "" {
		t, err := time.Parse("2006-01-02", when)
		if err != nil {
			errs["sent_at"] = "must be a date like 2026-11-20"
		} else {
			// The form shows a date; the time LinkedIn gave is kept when
			// the date was left as it was.
			if full, err := time.Parse(time.RFC3339, form.Get("sent_at_full")); err == nil && full.Format("2006-01-02") == when {
				t = full
			}
			inv.SentAt = &t
		}
	}
	inv.Shared = linkvet.Shared{
		Companies: list("shared_companies"),
		Schools:   list("shared_schools"),
		Groups:    list("shared_groups"),
		Events:    list("shared_events"),
		Interests: list("shared_interests"),
	}
	for _, x := range form["interactions"] {
		for _, known := range interactionChoices {
			if x == known {
				inv.Interactions = append(inv.Interactions, x)
			}
		}
	}
	if err := jsonio.Validate(&inv); err != nil {
		field, msg := validationField(err)
		if errs[field] == "" {
			errs[field] = msg
		}
	}
	return inv, errs
}

// formFields maps the format's field paths, as jsonio.Validate names them,
// to the form's inputs.
var formFields = map[string]string{
	"person.photo":       "photo",
	"mutual_connections": "mutual_connections",
	"person.connections": "connections",
	"direction":          "name",
}

// nameRequired is the one message for a missing name.
const nameRequired = "is required: the name LinkedIn shows"

// validationField splits a jsonio.Validate error into the form field it
// names and the message; an error about a field the form lacks is shown
// at the top of the form.
func validationField(err error) (field, msg string) {
	path, rest, ok := strings.Cut(err.Error(), ": ")
	if ok && path == "names nobody" {
		// The form asks for a name: say it there, in the form's words,
		// not in the file format's field paths.
		return "name", nameRequired
	}
	if f, known := formFields[path]; ok && known {
		return f, rest
	}
	return "form", err.Error()
}

// invitationValues fills the form from a stored invitation, to enrich it.
func invitationValues(inv *linkvet.Invitation) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	p := &inv.Person
	set("id", inv.ID)
	set("name", p.Name)
	set("headline", p.Headline)
	set("profile_url", p.ProfileURL)
	set("company", p.Company)
	set("industry", p.Industry)
	set("location", p.Location)
	set("photo", string(p.Photo))
	if p.Verified != nil {
		set("verified", map[bool]string{true: "yes", false: "no"}[*p.Verified])
	}
	if p.Connections != nil {
		set("connections", strconv.Itoa(*p.Connections))
	}
	if inv.MutualConnections != nil {
		set("mutual_connections", strconv.Itoa(*inv.MutualConnections))
	}
	set("message", inv.Message)
	if inv.SentAt != nil {
		set("sent_at", inv.SentAt.Format("2006-01-02"))
		set("sent_at_full", inv.SentAt.Format(time.RFC3339))
	}
	set("shared_companies", strings.Join(inv.Shared.Companies, "\n"))
	set("shared_schools", strings.Join(inv.Shared.Schools, "\n"))
	set("shared_groups", strings.Join(inv.Shared.Groups, "\n"))
	set("shared_events", strings.Join(inv.Shared.Events, "\n"))
	set("shared_interests", strings.Join(inv.Shared.Interests, "\n"))
	for _, x := range inv.Interactions {
		v.Add("interactions", x)
	}
	return v
}

func ptr[T any](v T) *T { return &v }

// lintNote checks an outgoing note against the policy's limit.
func lintNote(note string, me linkvet.Me, limit int) compose.LintResult {
	return compose.Lint(note, nil, me, limit)
}

func asMaxBytes(err error, target **http.MaxBytesError) bool { return errors.As(err, target) }
