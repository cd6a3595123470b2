package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/service"
)

// The JSON API is strict: what a client sends either means exactly one
// thing or is refused with a message naming what was wrong. These
// handlers check a request before the plain ones run it.

// strictDecision reads a decision body: one JSON object, only the fields
// "action" and "note", nothing after it.
func strictDecision(body []byte) (decisionRequest, error) {
	var req decisionRequest
	if !utf8.Valid(body) {
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: not valid UTF-8 text")
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: send one decision object like {\"action\": \"accept\", \"note\": \"...\"}")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		msg := err.Error()
		if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			return req, linkvet.Errorf(linkvet.EINVALID, "request body: unknown field %s: a decision has only \"action\" and \"note\"", clip(f, 60))
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return req, linkvet.Errorf(linkvet.EINVALID, "request body: field %q must be a %s", te.Field, te.Type.Kind())
		}
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: not a decision object like {\"action\": \"accept\", \"note\": \"...\"}: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: something follows the decision object; send exactly one")
	}
	if req.Action == "" {
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: \"action\" is required: accept, ask, ignore, decline, block or undo")
	}
	if n := len(req.Note); n > service.MaxNoteBytes {
		return req, linkvet.Errorf(linkvet.EINVALID, "request body: \"note\" has %d bytes, more than the %d allowed", n, service.MaxNoteBytes)
	}
	return req, nil
}

func (s *Server) apiDecideStrict(w http.ResponseWriter, r *http.Request) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	body, err := readBody(w, r, MaxJSONBytes)
	if err != nil {
		return err
	}
	req, err := strictDecision(body)
	if err != nil {
		return err
	}
	d, err := s.decide(r.Context(), r.PathValue("id"), req.Action, req.Note)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, historyEntry(d))
	return nil
}

// checkScreenBody refuses what /screen cannot mean: invalid UTF-8, null,
// an empty object, an array with either, or anything after an array.
func checkScreenBody(body []byte) error {
	if !utf8.Valid(body) {
		return linkvet.Errorf(linkvet.EINVALID, "request body: not valid UTF-8 text")
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return nil // the plain handler names an empty body
	}
	empty := func(raw json.RawMessage, where string) error {
		t := bytes.TrimSpace(raw)
		if bytes.Equal(t, []byte("null")) {
			return linkvet.Errorf(linkvet.EINVALID, "%s: null is not an invitation; send an object like {\"person\": {\"name\": \"...\"}}", where)
		}
		var m map[string]json.RawMessage
		if len(t) > 0 && t[0] == '{' && json.Unmarshal(t, &m) == nil && len(m) == 0 {
			return linkvet.Errorf(linkvet.EINVALID, "%s: an empty object is not an invitation; give at least \"person\"", where)
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if trimmed[0] == '[' {
		var items []json.RawMessage
		if err := dec.Decode(&items); err != nil {
			return nil // the plain handler reports the syntax error
		}
		if _, err := dec.Token(); err != io.EOF {
			return linkvet.Errorf(linkvet.EINVALID, "request body: something follows the array; send one array or JSON Lines")
		}
		for i, it := range items {
			if err := empty(it, "request body: item "+itoa(i+1)); err != nil {
				return err
			}
		}
		return nil
	}
	for n := 1; ; n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err == io.EOF {
			return nil
		} else if err != nil {
			return nil
		}
		where := "request body"
		if n > 1 {
			where += ": record " + itoa(n)
		}
		if err := empty(raw, where); err != nil {
			return err
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// withBody reads the body and puts it back for the plain handler.
func withBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := readBody(w, r, limit)
	if err != nil {
		return nil, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, nil
}

func (s *Server) apiScreenStrict(w http.ResponseWriter, r *http.Request) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	body, err := withBody(w, r, MaxJSONBytes)
	if err != nil {
		return err
	}
	if err := checkScreenBody(body); err != nil {
		return err
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) == 0 {
		return linkvet.Errorf(linkvet.EINVALID, "the request body is empty: send an invitation object or an array of them")
	}
	isArray := trimmed[0] == '['
	rd := jsonio.NewReader(bytes.NewReader(body), "request body")
	var invs []linkvet.Invitation
	for {
		rec, err := rd.Next()
		if err == io.EOF {
			break
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			return linkvet.Errorf(linkvet.EINVALID, "%s", p)
		} else if err != nil {
			return err
		}
		if len(invs) == maxScreenBatch {
			return linkvet.Errorf(linkvet.ELIMIT, "request body: more than %d invitations; send them in several requests", maxScreenBatch)
		}
		invs = append(invs, rec.Invitation)
	}
	if len(invs) == 0 {
		return linkvet.Errorf(linkvet.EINVALID, "the request body holds no invitation")
	}
	eng, _ := s.snapshot()
	now := s.now()
	out := make([]any, len(invs))
	for i := range invs {
		if invs[i].Direction == linkvet.Outgoing {
			// One the user means to send is vetted as outreach: is it
			// worth sending, and is the note good.
			c, _, err := s.svc.CheckTarget(r.Context(), &invs[i], "", "")
			if err != nil {
				return err
			}
			out[i] = outgoingScreen{ID: invs[i].ID, Direction: linkvet.Outgoing, Check: c}
			continue
		}
		v := eng.Screen(&invs[i], now)
		out[i] = v
	}
	if !isArray && len(out) == 1 {
		writeJSON(w, http.StatusOK, out[0])
		return nil
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// outgoingScreen is what /screen answers for an invitation the user sends:
// the outreach check, not a verdict on a stranger.
type outgoingScreen struct {
	ID        string            `json:"id,omitempty"`
	Direction linkvet.Direction `json:"direction"`
	Check     outreach.Check    `json:"check"`
}

// errEmptyPolicy is the refusal of an empty policy text.
func errEmptyPolicy(where string) error {
	return linkvet.Errorf(linkvet.EINVALID, "%s: the policy is empty; nothing was saved. To go back to the defaults, save the text GET /api/v1/policy shows for a fresh store (linkvet policy show prints it)", where)
}

func (s *Server) apiPutPolicyStrict(w http.ResponseWriter, r *http.Request) error {
	body, err := withBody(w, r, MaxJSONBytes)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return errEmptyPolicy("request body")
	}
	if !utf8.Valid(body) {
		return linkvet.Errorf(linkvet.EINVALID, "request body: not valid UTF-8 text")
	}
	return s.apiPutPolicy(w, r)
}

// policySubmitStrict refuses saving an empty text area.
func (s *Server) policySubmitStrict(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	if r.PostForm.Get("do") == "save" && strings.TrimSpace(r.PostForm.Get("yaml")) == "" {
		return errEmptyPolicy("the policy text")
	}
	return s.policySubmit(w, r)
}

// apiDecision is a history entry as the API shows it: an undo is
// "action": "undo", not the "ignore" it is stored as.
type apiDecision struct {
	ID           int64             `json:"id"`
	InvitationID string            `json:"invitation_id"`
	Action       string            `json:"action"`
	Verdict      linkvet.Action    `json:"verdict,omitempty"`
	Note         string            `json:"note,omitempty"`
	By           linkvet.DecidedBy `json:"by"`
	At           time.Time         `json:"at"`
	Undo         bool              `json:"undo,omitempty"`
}

func historyEntry(d linkvet.Decision) apiDecision {
	a := string(d.Action)
	if d.Undo {
		a = service.UndoAction
	}
	return apiDecision{ID: d.ID, InvitationID: d.InvitationID, Action: a, Verdict: d.Verdict, Note: d.Note, By: d.By, At: d.At, Undo: d.Undo}
}

type apiStoredHistory struct {
	apiStored
	History []apiDecision `json:"history,omitempty"`
}

func (s *Server) apiInvitationHistory(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	si, err := s.svc.Invitation(r.Context(), id)
	if err != nil {
		return err
	}
	history, err := s.store.Decisions(r.Context(), id)
	if err != nil {
		return err
	}
	out := apiStoredHistory{apiStored: toAPI(si)}
	out.apiStored.History = nil
	for _, d := range history {
		out.History = append(out.History, historyEntry(d))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
