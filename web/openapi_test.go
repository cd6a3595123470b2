package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestEveryDocumentedResponseHappens drives each operation of
// openapi.json into every status it documents, so that the document
// cannot promise a response the server never gives, and checks that each
// error answer has the documented error shape.
func TestEveryDocumentedResponseHappens(t *testing.T) {
	const token = "0123456789abcdef0123"
	e := newTestEnv(t)
	small := newTestEnv(t, func(c *Config) { c.MaxUploadBytes = 1000 })
	tok := newTestEnv(t, func(c *Config) { c.Token = token })
	var doc openAPIDocument
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	var full struct {
		Security   []map[string][]string `json:"security"`
		Components struct {
			SecuritySchemes map[string]struct{ Type, Scheme string } `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &full); err != nil {
		t.Fatal(err)
	}
	if s := full.Components.SecuritySchemes["bearer"]; s.Type != "http" || s.Scheme != "bearer" || len(full.Security) == 0 {
		t.Errorf("the bearer security scheme is not declared: %+v %+v", s, full.Security)
	}
	big := `{"action":"accept","note":"` + strings.Repeat("x", MaxJSONBytes) + `"}`
	zip := string(exportZip(t, "export-2018"))
	type probe struct {
		env            *testEnv
		method, target string
		body, ct       string
		header         []string
	}
	host := func(p probe) probe { p.header = append(p.header, "Host", "evil.example"); return p }
	// The requests that make each operation answer each status.
	probes := map[string]map[int]probe{
		"GET /api/v1/openapi.json": {200: {}},
		"POST /api/v1/screen": {200: {body: `{"person":{"name":"A"}}`}, 400: {body: `null`},
			413: {body: `{"person":{"name":"` + strings.Repeat("x", MaxJSONBytes) + `"}}`}},
		"GET /api/v1/invitations":      {200: {}, 400: {target: "/api/v1/invitations?limit=-1"}},
		"GET /api/v1/invitations/{id}": {200: {}, 404: {target: "/api/v1/invitations/nope"}},
		"POST /api/v1/invitations/{id}/decision": {201: {body: `{"action":"accept"}`, target: "/api/v1/invitations/demo-04/decision"},
			400: {body: `{"action":"accept","x":1}`}, 404: {body: `{"action":"accept"}`, target: "/api/v1/invitations/nope/decision"},
			409: {body: `{"action":"undo"}`, target: "/api/v1/invitations/demo-09/decision"}, 413: {body: big}},
		"GET /api/v1/policy": {200: {}},
		"PUT /api/v1/policy": {200: {body: "style: open\n", ct: "application/yaml"}, 400: {body: "", ct: "application/yaml"},
			413: {body: strings.Repeat("#", MaxJSONBytes+1), ct: "application/yaml"}},
		"POST /api/v1/import": {200: {body: zip, ct: "application/zip"}, 400: {body: "nope", ct: "application/zip"},
			413: {env: small, body: zip, ct: "application/zip"}},
	}
	for path, methods := range doc.Paths {
		for method, op := range methods {
			m := strings.ToUpper(method)
			key := m + " " + path
			ps := probes[key]
			for status := range op.Responses {
				code, _ := strconv.Atoi(status)
				var p probe
				switch code {
				case 401:
					p = probe{env: tok}
				case 403:
					p = host(probe{})
				case 405:
					p = probe{method: "PATCH"}
				default:
					var ok bool
					if p, ok = ps[code]; !ok {
						t.Errorf("%s documents %d but the test has no request for it", key, code)
						continue
					}
				}
				if p.env == nil {
					p.env = e
				}
				if p.method == "" {
					p.method = m
				}
				if p.target == "" {
					p.target = strings.ReplaceAll(path, "{id}", "demo-01")
				}
				if p.ct == "" {
					p.ct = "application/json"
				}
				req := httptest.NewRequest(p.method, "http://"+testHost+p.target, strings.NewReader(p.body))
				req.Host = testHost
				req.Header.Set("Content-Type", p.ct)
				for i := 0; i+1 < len(p.header); i += 2 {
					if p.header[i] == "Host" {
						req.Host = p.header[i+1]
						continue
					}
					req.Header.Set(p.header[i], p.header[i+1])
				}
				w := httptest.NewRecorder()
				p.env.h.ServeHTTP(w, req)
				if w.Code != code {
					t.Errorf("%s %s: status %d, want the documented %d: %s", p.method, p.target, w.Code, code, clip(w.Body.String(), 200))
					continue
				}
				if code >= 400 {
					apiError(t, w)
					if code == http.StatusMethodNotAllowed && w.Header().Get("Allow") == "" {
						t.Errorf("%s: 405 without Allow", key)
					}
				}
				if ct := w.Header().Get("Content-Type"); code != 200 || path != "/api/v1/policy" {
					if !strings.HasPrefix(ct, "application/json") {
						t.Errorf("%s %d: Content-Type %q", key, code, ct)
					}
				}
			}
		}
	}
}
