package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/service"
)

// StaleShown is how many stale connections the Network page lists with a
// checkbox; "all stale" in the tag form reaches the rest.
const StaleShown = 500

// maxTagKeys bounds how many people one tag form may name.
const maxTagKeys = 50_000

// Who a tag form applies to.
const (
	whomSelected = "selected"
	whomStale    = "stale"
	whomCompany  = "company"
)

type networkView struct {
	N         outreach.Network
	Percent   string
	Stale     []staleRow
	StaleMore int // stale connections beyond StaleShown
	Form      tagForm
	Done      string // what the last tag change did
	// The profile check.
	HasProfile bool
	Findings   []outreach.ProfileFinding
}

type staleRow struct {
	Key      string // service.KnownKey, the checkbox value
	CheckID  string // element id of the checkbox
	Name     string
	Company  string
	Position string
	Last     string
	Quiet    int
	Tags     string
	Profile  string
	Checked  bool
}

// tagForm is the bulk tag form as typed, with an error per field.
type tagForm struct {
	Tag     string
	Whom    string
	Company string
	Keys    []string
	Untag   bool
	Errors  map[string]string
}

func (s *Server) networkPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	view, err := s.networkView(r.Context(), tagForm{Whom: whomSelected})
	if err != nil {
		return err
	}
	if n := q.Get("changed"); n != "" {
		verb := "Tagged"
		if q.Get("do") == "untag" {
			verb = "Removed the tag from"
		}
		count, _ := strconv.Atoi(n)
		who := "people"
		if count == 1 {
			who = "person"
		}
		view.Done = verb + " " + strconv.Itoa(count) + " " + who + ": " + clip(q.Get("tag"), 100)
	}
	s.render(w, r, http.StatusOK, "network.html", "Network", view)
	return nil
}

// networkView gathers the page: the count against the cap, the stale
// connections, the tags and the profile check.
func (s *Server) networkView(ctx context.Context, form tagForm) (networkView, error) {
	n, err := s.svc.Network(ctx)
	if err != nil {
		return networkView{}, err
	}
	view := networkView{N: n, Form: form, Percent: strconv.Itoa(n.Connections*100/max(n.Cap, 1)) + "%"}
	if view.Form.Errors == nil {
		view.Form.Errors = map[string]string{}
	}
	checked := map[string]bool{}
	for _, k := range form.Keys {
		checked[k] = true
	}
	for i, st := range n.Stale {
		if i == StaleShown {
			view.StaleMore = len(n.Stale) - StaleShown
			break
		}
		k := st.Person
		key := service.KnownKey(k)
		view.Stale = append(view.Stale, staleRow{
			Key: key, CheckID: "stale-" + strconv.Itoa(i),
			Name: clip(k.Name, 120), Company: clip(k.Company, 120), Position: clip(k.Position, 120),
			Last: day(st.LastInteraction), Quiet: st.QuietDays, Tags: clip(strings.Join(k.Tags, ", "), 300),
			Profile: linkedinURL(k.ProfileURL), Checked: checked[key],
		})
	}
	switch rep, err := s.svc.CheckProfile(ctx); linkvet.ErrorCode(err) {
	case "":
		view.HasProfile = true
		view.Findings = rep.Findings
	case linkvet.ENOTFOUND:
		// No import stored a profile yet: the page says how to get one.
	default:
		return networkView{}, err
	}
	return view, nil
}

// parseTagForm reads the bulk tag form; every problem is reported against
// the field it concerns.
func parseTagForm(form url.Values) tagForm {
	f := tagForm{Errors: map[string]string{}}
	f.Tag = strings.TrimSpace(form.Get("tag"))
	f.Whom = strings.TrimSpace(form.Get("whom"))
	f.Company = strings.TrimSpace(form.Get("company"))
	f.Untag = form.Get("do") == "untag"
	switch do := form.Get("do"); do {
	case "tag", "untag", "":
	default:
		f.Errors["form"] = "do: " + strconv.Quote(clip(do, 40)) + " is neither tag nor untag"
	}
	switch {
	case f.Tag == "":
		f.Errors["tag"] = "is required: a short label such as prune or colleagues"
	case !utf8.ValidString(f.Tag):
		f.Errors["tag"] = "contains bytes that are not UTF-8 text"
		f.Tag = ""
	case utf8.RuneCountInString(f.Tag) > maxShortField:
		f.Errors["tag"] = "is longer than " + strconv.Itoa(maxShortField) + " characters"
		f.Tag = clip(f.Tag, maxShortField)
	}
	if !utf8.ValidString(f.Company) {
		f.Errors["company"] = "contains bytes that are not UTF-8 text"
		f.Company = ""
	}
	switch f.Whom {
	case whomSelected:
		for _, k := range form["key"] {
			if k = strings.TrimSpace(k); k != "" && utf8.ValidString(k) {
				f.Keys = append(f.Keys, k)
			}
		}
		switch {
		case len(f.Keys) == 0:
			f.Errors["whom"] = "no connection is ticked: tick some in the list, or choose all stale connections or a company"
		case len(f.Keys) > maxTagKeys:
			f.Errors["whom"] = "more than " + strconv.Itoa(maxTagKeys) + " people are ticked"
			f.Keys = nil
		}
	case whomStale:
	case whomCompany:
		if f.Company == "" && f.Errors["company"] == "" {
			f.Errors["company"] = "is required when tagging everyone at a company"
		} else if len(f.Company) > 0 && utf8.RuneCountInString(f.Company) > maxShortField {
			f.Errors["company"] = "is longer than " + strconv.Itoa(maxShortField) + " characters"
			f.Company = clip(f.Company, maxShortField)
		}
	default:
		f.Errors["whom"] = "choose the ticked connections, all stale connections, or everyone at a company"
		f.Whom = whomSelected
	}
	return f
}

// networkTags tags or untags people in bulk: the ticked ones, every stale
// connection, or everyone at a company.
func (s *Server) networkTags(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	ctx := r.Context()
	f := parseTagForm(r.PostForm)
	keys, err := s.tagKeys(ctx, &f)
	if err != nil {
		return err
	}
	if len(f.Errors) == 0 {
		if f.Untag {
			err = s.svc.Untag(ctx, keys, f.Tag)
		} else {
			err = s.svc.Tag(ctx, keys, f.Tag)
		}
		switch linkvet.ErrorCode(err) {
		case "":
			do := "tag"
			if f.Untag {
				do = "untag"
			}
			q := url.Values{"changed": {strconv.Itoa(len(keys))}, "tag": {f.Tag}, "do": {do}}
			http.Redirect(w, r, "/network?"+q.Encode(), http.StatusSeeOther)
			return nil
		case linkvet.EINVALID, linkvet.ELIMIT:
			// The store's word on the tag itself (a control character, a
			// tag of symbols only) belongs next to the tag field.
			f.Errors["tag"] = linkvet.ErrorMessage(err)
		default:
			return err
		}
	}
	view, err := s.networkView(ctx, f)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusBadRequest, "network.html", "Network", view)
	return nil
}

// tagKeys turns the form's choice of people into the store's keys; when
// the choice selects nobody, it says so next to the field.
func (s *Server) tagKeys(ctx context.Context, f *tagForm) ([]string, error) {
	switch f.Whom {
	case whomSelected:
		return f.Keys, nil
	case whomStale, whomCompany:
		if f.Errors["company"] != "" {
			return nil, nil
		}
	default:
		return nil, nil
	}
	var people []linkvet.KnownPerson
	if f.Whom == whomStale {
		stale, err := s.svc.StaleConnections(ctx)
		if err != nil {
			return nil, err
		}
		for _, st := range stale {
			people = append(people, st.Person)
		}
		if len(people) == 0 {
			f.Errors["whom"] = "no connection is stale: there is nobody to tag"
		}
	} else {
		var err error
		if people, err = s.svc.PeopleAt(ctx, f.Company); err != nil {
			return nil, err
		}
		if len(people) == 0 {
			f.Errors["company"] = "matches no connection: no connection's company contains " + strconv.Quote(f.Company)
		}
	}
	keys := make([]string, 0, len(people))
	for _, k := range people {
		if key := service.KnownKey(k); key != "" {
			keys = append(keys, key)
		}
	}
	return keys, nil
}
