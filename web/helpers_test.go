package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// testHost is the Host header of test requests: a loopback name, as a
// browser on this machine sends.
const testHost = "127.0.0.1:8080"

type testEnv struct {
	t   testing.TB
	db  *sqlite.DB
	srv *Server
	h   http.Handler
}

// newTestEnv serves the demo inbox from a fresh database.
func newTestEnv(t testing.TB, tweak ...func(*Config)) *testEnv {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetNow(DemoNow)
	svc := service.New(service.Config{Store: db, Now: DemoNow})
	if err := LoadDemo(ctx, svc); err != nil {
		t.Fatal(err)
	}
	db.SetNow(time.Now)
	cfg := Config{Service: svc, Now: DemoNow, TempDir: t.TempDir()}
	for _, f := range tweak {
		f(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{t: t, db: db, srv: srv, h: srv.Handler()}
}

// do sends one request to the app and returns the recorded response.
func (e *testEnv) do(method, target string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.Host = testHost
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

func (e *testEnv) get(target string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(http.MethodGet, target, nil)
}

// postForm sends a form as a same-origin browser would.
func (e *testEnv) postForm(target string, form url.Values) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(http.MethodPost, target, strings.NewReader(form.Encode()),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin")
}

func (e *testEnv) postJSON(target, body string) *httptest.ResponseRecorder {
	e.t.Helper()
	return e.do(http.MethodPost, target, strings.NewReader(body), "Content-Type", "application/json")
}

// wantStatus fails the test when the response has another status.
func wantStatus(t testing.TB, w *httptest.ResponseRecorder, status int) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body:\n%s", w.Code, status, clip(w.Body.String(), 2000))
	}
}

// apiError decodes an API error body.
func apiError(t testing.TB, w *httptest.ResponseRecorder) (code, message string) {
	t.Helper()
	var body apiErrorBody
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("error body is not JSON: %v\n%s", err, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	return body.Error.Code, body.Error.Message
}

// exportZip returns an export from the linkedin package's test data as the
// ZIP LinkedIn sends.
func exportZip(t testing.TB, era string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := linkedin.ZipDir(filepath.Join("..", "linkedin", "testdata", era), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pendingIDs lists the ids of the invitations waiting in the inbox.
func (e *testEnv) pendingIDs() []string {
	e.t.Helper()
	list, err := e.srv.queue(context.Background(), linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		e.t.Fatal(err)
	}
	var ids []string
	for _, si := range list {
		ids = append(ids, si.Invitation.ID)
	}
	return ids
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

// count returns how many stored invitations f selects.
func (e *testEnv) count(f linkvet.InvitationFilter) int {
	e.t.Helper()
	_, n, err := e.db.Invitations(context.Background(), f)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}
