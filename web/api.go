package web

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
)

// API paging limits.
const (
	defaultPageSize = 50
	maxPageSize     = 1000
	// maxScreenBatch bounds how many invitations one POST /api/v1/screen
	// takes (the body limit bounds their size).
	maxScreenBatch = 10_000
)

// apiStored is an invitation as the API returns it.
type apiStored struct {
	Invitation linkvet.Invitation `json:"invitation"`
	Verdict    *linkvet.Verdict   `json:"verdict,omitempty"`
	// Decision is the decision that stands: absent when none was made or
	// the last one was undone.
	Decision *linkvet.Decision  `json:"decision,omitempty"`
	Pending  bool               `json:"pending"`
	AddedAt  time.Time          `json:"added_at"`
	History  []linkvet.Decision `json:"history,omitempty"`
}

func toAPI(si *linkvet.StoredInvitation) apiStored {
	d := current(si.Decision)
	return apiStored{Invitation: si.Invitation, Verdict: si.Verdict, Decision: d, Pending: d == nil, AddedAt: si.AddedAt}
}

// requireJSON refuses bodies declared as something else; an absent type is
// taken as JSON for the sake of curl users.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || mt == "application/x-ndjson" || mt == "application/jsonl" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	return linkvet.Errorf(linkvet.EINVALID, "Content-Type %q: send application/json", clip(ct, 80))
}

type apiList struct {
	Items  []apiStored `json:"items"`
	Total  int         `json:"total"`
	Offset int         `json:"offset"`
	Limit  int         `json:"limit"`
}

func (s *Server) apiInvitations(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		return err
	}
	f.Direction = linkvet.Incoming
	offset, err := intParam(q.Get("offset"), "offset", 0, 0, 1<<31-1)
	if err != nil {
		return err
	}
	limit, err := intParam(q.Get("limit"), "limit", defaultPageSize, 1, maxPageSize)
	if err != nil {
		return err
	}
	var pending *bool
	switch p := q.Get("pending"); p {
	case "":
	case "true", "1":
		pending = ptr(true)
	case "false", "0":
		pending = ptr(false)
	default:
		return linkvet.Errorf(linkvet.EINVALID, "parameter pending: %q is not true or false", clip(p, 40))
	}
	out := apiList{Items: []apiStored{}, Offset: offset, Limit: limit}
	// The store's pending flag follows undo too, so it selects and pages.
	f.Pending, f.Offset, f.Limit = pending, offset, limit
	list, total, err := s.svc.Invitations(r.Context(), f)
	if err != nil {
		return err
	}
	out.Total = total
	for i := range list {
		out.Items = append(out.Items, toAPI(&list[i]))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func intParam(s, name string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, linkvet.Errorf(linkvet.EINVALID, "parameter %s: %q is not a whole number from %d to %d", name, clip(s, 40), lo, hi)
	}
	return n, nil
}

type decisionRequest struct {
	Action string `json:"action"`
	Note   string `json:"note"`
}

func (s *Server) apiGetPolicy(w http.ResponseWriter, r *http.Request) error {
	_, text := s.snapshot()
	if text == nil {
		text = defaultPolicyYAML()
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	_, _ = w.Write(text)
	return nil
}

type policySaved struct {
	Warnings []string `json:"warnings"`
	Pending  int      `json:"pending"`
	Flipped  []flip   `json:"flipped"`
	// The user's decisions replayed: how many agree with linkvet's verdict
	// under the old and the new policy, and each one whose verdict moved.
	Decided      int              `json:"decided"`
	AgreedBefore int              `json:"agreed_before"`
	AgreedAfter  int              `json:"agreed_after"`
	Decisions    []decisionChange `json:"decisions"`
}

// apiPutPolicy replaces the policy with the YAML text of the body. It
// answers with the warnings, the pending verdicts the change flipped and
// what it did to the agreement with the user's decisions.
func (s *Server) apiPutPolicy(w http.ResponseWriter, r *http.Request) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		switch mt {
		case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", "application/octet-stream":
		default:
			return linkvet.Errorf(linkvet.EINVALID, "Content-Type %q: send the policy as YAML text (application/yaml)", clip(ct, 80))
		}
	}
	text, err := readBody(w, r, MaxJSONBytes)
	if err != nil {
		return err
	}
	ctx := ctxWithoutCancel(r)
	next, err := s.engineFor(ctx, text)
	if err != nil {
		return err
	}
	pv, err := s.preview(ctx, next)
	if err != nil {
		return err
	}
	p, err := s.savePolicy(ctx, text, "api")
	if err != nil {
		return err
	}
	out := policySaved{Warnings: p.Warnings, Pending: pv.Pending, Flipped: pv.Flips,
		Decided: pv.Decided, AgreedBefore: pv.AgreedBefore, AgreedAfter: pv.AgreedAfter, Decisions: pv.Decisions}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
