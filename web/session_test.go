package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// sessionCookie logs in through the form and returns the cookie set.
func loginWith(t *testing.T, e *testEnv, form url.Values) *http.Cookie {
	t.Helper()
	w := e.postForm("/login", form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("login %v: status %d: %s", form, w.Code, clip(w.Body.String(), 300))
	}
	cs := w.Result().Cookies()
	if len(cs) != 1 {
		t.Fatalf("cookies %+v", cs)
	}
	return cs[0]
}

func TestToken(t *testing.T) {
	const token = "0123456789abcdef0123"
	e := newTestEnv(t, func(c *Config) { c.Token = token })
	w := e.get("/")
	wantStatus(t, w, http.StatusUnauthorized)
	if body := w.Body.String(); !strings.Contains(body, "Log in to linkvet") || !strings.Contains(body, "/static/app.css") {
		t.Errorf("the 401 page should be the styled login page: %s", clip(body, 400))
	}
	w = e.get("/api/v1/invitations")
	wantStatus(t, w, http.StatusUnauthorized)
	if code, msg := apiError(t, w); code != "unauthorized" || !strings.Contains(msg, "Bearer") {
		t.Errorf("%s: %s", code, msg)
	}
	w = e.do(http.MethodGet, "/api/v1/invitations", nil, "Authorization", "Bearer wrong")
	wantStatus(t, w, http.StatusUnauthorized)
	for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
		w = e.do(http.MethodGet, "/api/v1/invitations", nil, "Authorization", scheme+" "+token)
		wantStatus(t, w, http.StatusOK)
	}
	// The login page, its style and the icon need no credential.
	for _, p := range []string{"/login", "/static/app.css", "/favicon.ico"} {
		wantStatus(t, e.get(p), http.StatusOK)
	}

	// A token in the address is never accepted, nor made a cookie.
	w = e.get("/?token=" + token)
	wantStatus(t, w, http.StatusUnauthorized)
	if len(w.Result().Cookies()) != 0 {
		t.Error("a token in the address set a cookie")
	}

	// The printed login address carries a one-time code, not the token.
	login := e.srv.LoginURL("http://127.0.0.1:8080")
	if strings.Contains(login, token) || !strings.HasPrefix(login, "http://127.0.0.1:8080/login?code=") {
		t.Fatalf("login URL %q", login)
	}
	u, _ := url.Parse(login)
	w = e.get(u.RequestURI())
	wantStatus(t, w, http.StatusOK)
	code := u.Query().Get("code")
	c := loginWith(t, e, url.Values{"code": {code}})
	if c.Value == token || strings.Contains(c.Value, token) {
		t.Error("the session cookie must not be the API token")
	}
	if c.Name != "linkvet_session_8080" || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.MaxAge <= 0 {
		t.Errorf("cookie %+v: want a port-scoped, HttpOnly, SameSite=Strict cookie with an expiry", c)
	}
	w = e.do(http.MethodGet, "/", nil, "Cookie", c.Name+"="+c.Value)
	wantStatus(t, w, http.StatusOK)
	// The same cookie name on another port is another cookie.
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.Host = "127.0.0.1:9999"
	req.Header.Set("Cookie", c.Name+"="+c.Value)
	rec := newRecorder()
	e.h.ServeHTTP(rec, req)
	wantStatus(t, rec, http.StatusUnauthorized)
	// The session is not an API token.
	w = e.do(http.MethodGet, "/api/v1/invitations", nil, "Authorization", "Bearer "+c.Value)
	wantStatus(t, w, http.StatusUnauthorized)
	// A code works once.
	w = e.postForm("/login", url.Values{"code": {code}})
	wantStatus(t, w, http.StatusUnauthorized)
	// Pasting the token works too.
	loginWith(t, e, url.Values{"token": {token}})
	w = e.postForm("/login", url.Values{"token": {"wrong"}})
	wantStatus(t, w, http.StatusUnauthorized)
	// Logging out ends the session.
	w = e.do(http.MethodPost, "/logout", nil, "Cookie", c.Name+"="+c.Value)
	wantStatus(t, w, http.StatusSeeOther)
	w = e.do(http.MethodGet, "/", nil, "Cookie", c.Name+"="+c.Value)
	wantStatus(t, w, http.StatusUnauthorized)

	// With a token, any Host name is fine: the token is the guard.
	req, _ = http.NewRequest(http.MethodGet, "/", nil)
	req.Host = "linkvet.lan:8080"
	req.Header.Set("Authorization", "Bearer "+token)
	rec = newRecorder()
	e.h.ServeHTTP(rec, req)
	wantStatus(t, rec, http.StatusOK)
}

func TestBindWarning(t *testing.T) {
	for addr, warn := range map[string]bool{"127.0.0.1:8080": false, "localhost:1": false, "[::1]:8080": false, "0.0.0.0:8080": true, "192.168.1.5:80": true} {
		if got := BindWarning(addr); (got != "") != warn || (warn && !strings.Contains(got, "cleartext")) {
			t.Errorf("BindWarning(%q) = %q", addr, got)
		}
	}
}

func TestStaticAndJSONHeaders(t *testing.T) {
	e := newTestEnv(t)
	for _, p := range []string{"/static/", "/static", "/static/./"} {
		if w := e.get(p); w.Code == http.StatusOK {
			t.Errorf("%s lists a directory: %s", p, clip(w.Body.String(), 200))
		}
	}
	w := e.get("/favicon.ico")
	wantStatus(t, w, http.StatusOK)
	if ct := w.Header().Get("Content-Type"); ct != "image/svg+xml" {
		t.Errorf("favicon type %q", ct)
	}
	for _, p := range []string{"/api/v1/invitations", "/api/v1/openapi.json", "/api/v1/nope"} {
		if cc := e.get(p).Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("%s: Cache-Control %q", p, cc)
		}
	}
}
