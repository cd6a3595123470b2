package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
)

// Token mode for browsers. The access token never travels in an address
// a browser keeps (history, bookmarks, referrers): `linkvet serve` prints a
// login address carrying a one-time code, which the login page exchanges
// through a POST for a session cookie; or the user pastes the token into
// the login form. The session cookie is a random value of its own, not the
// API token, expires, and is scoped: on HTTPS it is a __Host- cookie
// (Secure, this host only); on plain HTTP its name carries the port, so
// that another local server on another port neither receives nor
// overwrites a usable credential under the same name.

// SessionLifetime is how long a browser session lasts.
const SessionLifetime = 12 * time.Hour

// loginCodeLifetime is how long a printed login address works.
const loginCodeLifetime = 30 * time.Minute

// maxSessions bounds the sessions kept; the oldest go first.
const maxSessions = 1000

type sessions struct {
	mu       sync.Mutex
	sessions map[string]time.Time // sha256(session id) → expiry
	codes    map[string]time.Time // sha256(one-time code) → expiry
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// newCode makes a one-time login code.
func (st *sessions) newCode(now time.Time) string {
	code := randomHex(24)
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.codes == nil {
		st.codes = map[string]time.Time{}
	}
	for k, exp := range st.codes {
		if now.After(exp) {
			delete(st.codes, k)
		}
	}
	st.codes[digest(code)] = now.Add(loginCodeLifetime)
	return code
}

// useCode spends a code: true once, while it lasts.
func (st *sessions) useCode(code string, now time.Time) bool {
	if code == "" {
		return false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	k := digest(code)
	exp, ok := st.codes[k]
	delete(st.codes, k)
	return ok && now.Before(exp)
}

func (st *sessions) start(now time.Time) string {
	id := randomHex(32)
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.sessions == nil {
		st.sessions = map[string]time.Time{}
	}
	if len(st.sessions) >= maxSessions {
		oldK, oldT := "", time.Time{}
		for k, exp := range st.sessions {
			if now.After(exp) {
				delete(st.sessions, k)
				continue
			}
			if oldK == "" || exp.Before(oldT) {
				oldK, oldT = k, exp
			}
		}
		if len(st.sessions) >= maxSessions {
			delete(st.sessions, oldK)
		}
	}
	st.sessions[digest(id)] = now.Add(SessionLifetime)
	return id
}

func (st *sessions) valid(id string, now time.Time) bool {
	if id == "" {
		return false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	k := digest(id)
	exp, ok := st.sessions[k]
	if ok && now.After(exp) {
		delete(st.sessions, k)
		return false
	}
	return ok
}

func (st *sessions) end(id string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.sessions, digest(id))
}

// SessionCookieName is the session cookie's name for a request: a
// __Host- cookie over HTTPS, else one named for the port.
func SessionCookieName(r *http.Request) string {
	if r.TLS != nil {
		return "__Host-linkvet_session"
	}
	_, port, err := net.SplitHostPort(r.Host)
	if err != nil || port == "" {
		port = "80"
	}
	return "linkvet_session_" + port
}

// LoginURL returns the address to print for a browser to log in with: base
// (like "http://127.0.0.1:8080") and /login?code= with a one-time code,
// never the token. Without a token it is base + "/".
func (s *Server) LoginURL(base string) string {
	base = strings.TrimRight(base, "/")
	if s.token == "" {
		return base + "/"
	}
	return base + "/login?code=" + url.QueryEscape(s.sessions.newCode(time.Now()))
}

// bearer returns the token of an Authorization header; the scheme's case
// does not matter (RFC 9110 section 11.1).
func bearer(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	return strings.TrimSpace(tok), true
}

// publicPath reports whether a path is served without a credential: the
// login page and what it needs to look right.
func publicPath(p string) bool {
	return p == "/login" || p == "/favicon.ico" || strings.HasPrefix(p, "/static/")
}

// authorized checks the credential and reports whether to go on: the
// bearer token (API clients) or the session cookie (browsers).
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if tok, ok := bearer(r.Header.Get("Authorization")); ok && s.tokenMatches(tok) {
		return true
	}
	if c, err := r.Cookie(SessionCookieName(r)); err == nil && s.sessions.valid(c.Value, time.Now()) {
		return true
	}
	if publicPath(r.URL.Path) {
		return true
	}
	msg := "this linkvet server needs its access token: open the login address printed by 'linkvet serve', or send 'Authorization: Bearer TOKEN'"
	if r.URL.Query().Has("token") {
		msg = "a token in the address is not accepted (browsers keep addresses in their history): open the login address printed by 'linkvet serve', or paste the token on the login page"
	}
	s.refuse(w, r, linkvet.Errorf(errUnauthorized, "%s", msg))
	return false
}

func (s *Server) tokenMatches(t string) bool {
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

type loginView struct {
	Code    string
	Message string
	Token   bool // a token is configured
}

// loginPage shows the login form; with ?code= it holds the code in a form
// that app.js sends at once (a GET changes nothing).
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Referrer-Policy", "no-referrer")
	view := loginView{Code: r.URL.Query().Get("code"), Token: s.token != ""}
	status := http.StatusOK
	if s.token == "" {
		view.Message = "This server needs no login: it only answers on this machine."
	}
	s.render(w, r, status, "login.html", "Log in", view)
	return nil
}

// loginSubmit exchanges a one-time code or the token for a session.
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	if s.token == "" {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	now := time.Now()
	ok := false
	if code := r.PostForm.Get("code"); code != "" {
		ok = s.sessions.useCode(code, now)
	} else if tok := strings.TrimSpace(r.PostForm.Get("token")); tok != "" {
		ok = s.tokenMatches(tok)
	}
	if !ok {
		view := loginView{Token: true, Message: "That login code or token is not valid (a printed login address works once and for 30 minutes): paste the token from --token or --token-file."}
		s.render(w, r, http.StatusUnauthorized, "login.html", "Log in", view)
		return nil
	}
	id := s.sessions.start(now)
	c := &http.Cookie{Name: SessionCookieName(r), Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, MaxAge: int(SessionLifetime / time.Second), Expires: now.Add(SessionLifetime)}
	if r.TLS != nil {
		c.Secure = true
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// logout ends the browser's session.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(SessionCookieName(r)); err == nil {
		s.sessions.end(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookieName(r), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// BindWarning returns a warning to print when addr is reachable from other
// machines over plain HTTP: the token and everything else travel in
// cleartext there. It is "" on loopback.
func BindWarning(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return ""
	}
	return "warning: " + addr + " is reachable from other machines over plain HTTP: the token, the session cookie and your data cross the network in cleartext; use it only on a network you trust, or serve HTTPS with --tls-cert and --tls-key"
}
