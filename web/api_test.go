package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func TestAPIScreen(t *testing.T) {
	e := newTestEnv(t)
	one := `{"id":"x1","message":"Hi Dana, I enjoyed your Kafka talk at the Berlin Data Meetup.","person":{"name":"Alex Kim","headline":"Data Engineer"},"mutual_connections":9}`
	w := e.postJSON("/api/v1/screen", one)
	wantStatus(t, w, http.StatusOK)
	var v linkvet.Verdict
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil || v.ID != "x1" || !v.Action.Valid() || len(v.Reasons) == 0 {
		t.Fatalf("verdict %+v, %v", v, err)
	}
	w = e.postJSON("/api/v1/screen", "["+one+`,{"person":{"name":"Only A Name"}}]`)
	wantStatus(t, w, http.StatusOK)
	var vs []linkvet.Verdict
	if err := json.Unmarshal(w.Body.Bytes(), &vs); err != nil || len(vs) != 2 || vs[0].ID != "x1" {
		t.Fatalf("verdicts %+v, %v", vs, err)
	}
	w = e.postJSON("/api/v1/screen", "["+one+"]")
	if !bytes.HasPrefix(bytes.TrimSpace(w.Body.Bytes()), []byte("[")) {
		t.Error("an array of one gives an array of one")
	}
	// Stateless: nothing was stored.
	if _, err := e.db.Invitation(context.Background(), "x1"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("screen stored the invitation: %v", err)
	}

	for _, tc := range []struct {
		name, body, ct string
		status         int
		code, where    string
	}{
		{"empty", "", "application/json", 400, "invalid", "empty"},
		{"not json", "hello", "application/json", 400, "invalid", "request body:1"},
		{"bad field", `{"person":{"name":"A","photo":"selfie"}}`, "application/json", 400, "invalid", "photo"},
		{"second record bad", "[" + one + `,{"mutual_connections":-1}]`, "application/json", 400, "invalid", "mutual_connections"},
		{"wrong type", one, "text/html", 400, "invalid", "Content-Type"},
		{"too large", `{"message":"` + strings.Repeat("x", MaxJSONBytes) + `"}`, "application/json", 413, "too_large", "bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(http.MethodPost, "/api/v1/screen", strings.NewReader(tc.body), "Content-Type", tc.ct)
			wantStatus(t, w, tc.status)
			code, msg := apiError(t, w)
			if code != tc.code || !strings.Contains(msg, tc.where) {
				t.Errorf("%s: %s", code, msg)
			}
		})
	}
}

func TestAPIInvitations(t *testing.T) {
	e := newTestEnv(t)
	list := func(query string) apiList {
		t.Helper()
		w := e.get("/api/v1/invitations" + query)
		wantStatus(t, w, http.StatusOK)
		var l apiList
		if err := json.Unmarshal(w.Body.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	if l := list(""); l.Total != 26 || len(l.Items) != 26 || l.Limit != 50 {
		t.Errorf("all: total %d items %d limit %d", l.Total, len(l.Items), l.Limit)
	}
	page := list("?limit=10&offset=20")
	if page.Total != 26 || len(page.Items) != 6 {
		t.Errorf("paging: total %d items %d", page.Total, len(page.Items))
	}
	if l := list("?action=block&category=scammer"); l.Total != e.count(linkvet.InvitationFilter{Action: linkvet.Block, Category: linkvet.Scammer}) {
		t.Errorf("scammers: %d", l.Total)
	}

	w := e.postJSON("/api/v1/invitations/demo-07/decision", `{"action":"ignore","note":"not now"}`)
	wantStatus(t, w, http.StatusCreated)
	var d linkvet.Decision
	json.Unmarshal(w.Body.Bytes(), &d)
	if d.Action != linkvet.Ignore || d.Verdict != linkvet.Ignore || d.Note != "not now" || d.By != linkvet.ByUser || d.ID == 0 {
		t.Errorf("decision %+v", d)
	}
	if l := list("?pending=true"); l.Total != 25 || slices.ContainsFunc(l.Items, func(a apiStored) bool { return a.Invitation.ID == "demo-07" }) {
		t.Errorf("pending after a decision: %d", l.Total)
	}
	if l := list("?pending=false"); l.Total != 1 || l.Items[0].Decision == nil || l.Items[0].Pending {
		t.Errorf("decided: %+v", l)
	}
	if l := list("?pending=true&limit=5&offset=24"); l.Total != 25 || len(l.Items) != 1 {
		t.Errorf("pending paging: total %d items %d", l.Total, len(l.Items))
	}
	wantStatus(t, e.postJSON("/api/v1/invitations/demo-07/decision", `{"action":"undo"}`), http.StatusCreated)
	if l := list("?pending=true"); l.Total != 26 {
		t.Errorf("pending after undo: %d", l.Total)
	}

	w = e.get("/api/v1/invitations/demo-07")
	wantStatus(t, w, http.StatusOK)
	var one apiStored
	json.Unmarshal(w.Body.Bytes(), &one)
	if one.Invitation.Person.Name != "Lee Chen" || one.Verdict == nil || one.Decision != nil || !one.Pending || len(one.History) != 2 {
		t.Errorf("one: %+v", one)
	}

	for _, tc := range []struct {
		method, target, body string
		status               int
		code, where          string
	}{
		{"GET", "/api/v1/invitations?action=maybe", "", 400, "invalid", "action"},
		{"GET", "/api/v1/invitations?category=friends", "", 400, "invalid", "category"},
		{"GET", "/api/v1/invitations?pending=perhaps", "", 400, "invalid", "pending"},
		{"GET", "/api/v1/invitations?limit=0", "", 400, "invalid", "limit"},
		{"GET", "/api/v1/invitations?limit=5000", "", 400, "invalid", "limit"},
		{"GET", "/api/v1/invitations?offset=-1", "", 400, "invalid", "offset"},
		{"GET", "/api/v1/invitations/nope", "", 404, "not_found", "nope"},
		{"POST", "/api/v1/invitations/nope/decision", `{"action":"accept"}`, 404, "not_found", "nope"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"maybe"}`, 400, "invalid", "maybe"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{}`, 400, "invalid", "action"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":`, 400, "invalid", "decision object"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"undo"}`, 409, "conflict", "nothing|no decision"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"accept","note":"` + strings.Repeat("n", 10_001) + `"}`, 400, "invalid", "note"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"accept","notes":"x"}`, 400, "invalid", "notes"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"accept"}{"action":"block"}`, 400, "invalid", "follows"},
		{"POST", "/api/v1/invitations/demo-07/decision", `{"action":"accept"} x`, 400, "invalid", "follows"},
		{"POST", "/api/v1/invitations/demo-07/decision", "{\"action\":\"accept\",\"note\":\"\xff\"}", 400, "invalid", "UTF-8"},
		{"POST", "/api/v1/screen", `null`, 400, "invalid", "null"},
		{"POST", "/api/v1/screen", `{}`, 400, "invalid", "empty object"},
		{"POST", "/api/v1/screen", `[{"person":{"name":"A"}}, null]`, 400, "invalid", "item 2"},
		{"POST", "/api/v1/screen", `[{"person":{"name":"A"}}] {}`, 400, "invalid", "follows"},
		{"POST", "/api/v1/screen", "{\"person\":{\"name\":\"\xff\"}}", 400, "invalid", "UTF-8"},
		{"DELETE", "/api/v1/invitations/demo-07", "", 405, "method_not_allowed", "DELETE"},
		{"GET", "/api/v1/nothing-here", "", 404, "not_found", "openapi.json"},
	} {
		w := e.do(tc.method, tc.target, strings.NewReader(tc.body), "Content-Type", "application/json")
		if w.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d: %s", tc.method, tc.target, w.Code, tc.status, w.Body.String())
			continue
		}
		code, msg := apiError(t, w)
		matched := false
		for _, alt := range strings.Split(tc.where, "|") {
			matched = matched || strings.Contains(msg, alt)
		}
		if code != tc.code || !matched {
			t.Errorf("%s %s: %s: %s", tc.method, tc.target, code, msg)
		}
	}
	if allow := e.do("DELETE", "/api/v1/policy", nil).Header().Get("Allow"); allow != "GET, PUT" {
		t.Errorf("Allow %q", allow)
	}
}

func TestAPIPolicy(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/api/v1/policy")
	wantStatus(t, w, http.StatusOK)
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/yaml") || !strings.Contains(w.Body.String(), "Dana Weber") {
		t.Errorf("policy: %s %s", w.Header().Get("Content-Type"), w.Body.String())
	}
	next := strings.Replace(w.Body.String(), "style: balanced", "style: curated", 1)
	// A key typo is refused, not warned about: it would silently fall
	// back to a default.
	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader(next+"\nunknown_key: 1\n"), "Content-Type", "application/yaml")
	wantStatus(t, w, http.StatusBadRequest)
	if code, msg := apiError(t, w); code != linkvet.EINVALID || !strings.Contains(msg, "unknown_key") {
		t.Errorf("a policy with an unknown key: %s %s", code, msg)
	}
	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader(next), "Content-Type", "application/yaml")
	wantStatus(t, w, http.StatusOK)
	var saved policySaved
	json.Unmarshal(w.Body.Bytes(), &saved)
	if saved.Pending != 26 || len(saved.Flipped) == 0 || len(saved.Warnings) != 0 {
		t.Errorf("saved %+v", saved)
	}
	if w := e.get("/api/v1/policy"); !strings.Contains(w.Body.String(), "style: curated") {
		t.Error("GET should return the text as saved")
	}
	for _, f := range saved.Flipped {
		si, _ := e.db.Invitation(context.Background(), f.ID)
		if si.Verdict.Action != f.To {
			t.Errorf("%s: stored %s, flipped to %s", f.ID, si.Verdict.Action, f.To)
		}
	}

	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader("style: reckless\n"), "Content-Type", "application/yaml")
	wantStatus(t, w, http.StatusBadRequest)
	if code, msg := apiError(t, w); code != "invalid" || !strings.Contains(msg, "policy.yaml:1:") {
		t.Errorf("%s: %s", code, msg)
	}
	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader("{}"), "Content-Type", "image/png")
	wantStatus(t, w, http.StatusBadRequest)
	w = e.do(http.MethodPut, "/api/v1/policy", strings.NewReader(strings.Repeat("#", MaxJSONBytes+1)), "Content-Type", "application/yaml")
	wantStatus(t, w, http.StatusRequestEntityTooLarge)
	if w := e.get("/api/v1/policy"); !strings.Contains(w.Body.String(), "style: curated") {
		t.Error("a refused policy must not replace the saved one")
	}
}

func TestAPIImport(t *testing.T) {
	e := newTestEnv(t)
	zip := exportZip(t, "export-2021")
	w := e.do(http.MethodPost, "/api/v1/import", bytes.NewReader(zip), "Content-Type", "application/zip")
	wantStatus(t, w, http.StatusOK)
	var sum importSummary
	if err := json.Unmarshal(w.Body.Bytes(), &sum); err != nil || sum.Bytes != int64(len(zip)) || len(sum.Files) == 0 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	// The same export again changes nothing.
	w = e.do(http.MethodPost, "/api/v1/import", bytes.NewReader(zip), "Content-Type", "application/zip")
	wantStatus(t, w, http.StatusOK)
	var again importSummary
	json.Unmarshal(w.Body.Bytes(), &again)
	if again.Result.Incoming+again.Result.Known+again.Result.Messages != 0 {
		t.Errorf("second import changed %+v", again.Result)
	}
	body, ct := multipartBody(t, "export", "e.zip", zip)
	wantStatus(t, e.do(http.MethodPost, "/api/v1/import", body, "Content-Type", ct), http.StatusOK)

	for _, tc := range []struct {
		name, ct string
		body     []byte
		status   int
	}{
		{"empty", "application/zip", nil, 400},
		{"not a zip", "application/zip", []byte("PK but not really"), 400},
		{"wrong type", "application/json", []byte("{}"), 400},
		{"bad multipart", "multipart/form-data; boundary=x", []byte("garbage"), 400},
	} {
		w := e.do(http.MethodPost, "/api/v1/import", bytes.NewReader(tc.body), "Content-Type", tc.ct)
		if w.Code != tc.status {
			t.Errorf("%s: %d %s", tc.name, w.Code, w.Body.String())
		}
		apiError(t, w)
	}
	small := newTestEnv(t, func(c *Config) { c.MaxUploadBytes = 100 })
	w = small.do(http.MethodPost, "/api/v1/import", bytes.NewReader(zip), "Content-Type", "application/zip")
	wantStatus(t, w, http.StatusRequestEntityTooLarge)
	if code, _ := apiError(t, w); code != "too_large" {
		t.Errorf("code %s", code)
	}
}

// openAPIDocument is the part of OpenAPI 3 the test reads.
type openAPIDocument struct {
	Paths map[string]map[string]struct {
		Responses map[string]json.RawMessage `json:"responses"`
	} `json:"paths"`
}

// TestOpenAPIMatchesRoutes checks openapi.json against the real handlers:
// every documented operation is routed and answers, for good and bad
// requests, only with statuses it documents; every routed /api/v1
// operation is documented.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/api/v1/openapi.json")
	wantStatus(t, w, http.StatusOK)
	var doc openAPIDocument
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	zip := exportZip(t, "export-2018")
	// Requests that exercise each operation, good and bad.
	type probe struct{ body, ct, path string }
	probes := map[string][]probe{
		"GET /api/v1/openapi.json":               {{}},
		"POST /api/v1/screen":                    {{`{"person":{"name":"A"}}`, "application/json", ""}, {`[]`, "application/json", ""}, {`{`, "application/json", ""}},
		"GET /api/v1/invitations":                {{}, {path: "/api/v1/invitations?limit=-1"}},
		"GET /api/v1/invitations/{id}":           {{}, {path: "/api/v1/invitations/nope"}},
		"POST /api/v1/invitations/{id}/decision": {{`{"action":"accept"}`, "application/json", ""}, {`{"action":"undo"}`, "application/json", "/api/v1/invitations/demo-02/decision"}, {`{"action":"x"}`, "application/json", ""}, {`{"action":"accept"}`, "application/json", "/api/v1/invitations/nope/decision"}},
		"GET /api/v1/policy":                     {{}},
		"PUT /api/v1/policy":                     {{"style: open\n", "application/yaml", ""}, {"style: x\n", "application/yaml", ""}},
		"POST /api/v1/import":                    {{string(zip), "application/zip", ""}, {"nope", "application/zip", ""}},
	}
	for path, methods := range doc.Paths {
		for method, op := range methods {
			key := strings.ToUpper(method) + " " + path
			documented[key] = true
			ps, ok := probes[key]
			if !ok {
				t.Errorf("%s is documented but the test has no request for it", key)
				continue
			}
			for _, p := range ps {
				target := p.path
				if target == "" {
					target = strings.ReplaceAll(path, "{id}", "demo-01")
				}
				w := e.do(strings.ToUpper(method), target, strings.NewReader(p.body), "Content-Type", p.ct)
				if _, ok := op.Responses[strconv.Itoa(w.Code)]; !ok {
					t.Errorf("%s %s answered %d, which is not documented: %s", strings.ToUpper(method), target, w.Code, clip(w.Body.String(), 300))
				}
				if w.Code >= 400 {
					apiError(t, w)
				}
			}
		}
	}
	for _, r := range e.srv.apiRoutes() {
		if !documented[r.pattern] {
			t.Errorf("%s is routed but not documented in openapi.json", r.pattern)
		}
	}
	for key := range documented {
		if !slices.ContainsFunc(e.srv.apiRoutes(), func(r route) bool { return r.pattern == key }) {
			t.Errorf("%s is documented but not routed", key)
		}
	}
}
