package web

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/service"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Limits on request bodies.
const (
	// MaxJSONBytes bounds API request bodies other than imports, and forms.
	MaxJSONBytes = 1 << 20
	// DefaultMaxUploadBytes bounds an uploaded export: the same total the
	// CLI's import reads.
	DefaultMaxUploadBytes = linkedin.DefaultMaxTotalBytes
)

// Config is what New needs.
type Config struct {
	// Service runs the use cases; the web app reaches the store only
	// through it.
	Service *service.Service
	// Now is the clock verdicts are screened at; nil means time.Now.
	Now func() time.Time
	// Logger receives internal errors (users only see "internal error");
	// nil discards them.
	Logger *slog.Logger
	// Token, when set, must come with every API request as
	// "Authorization: Bearer TOKEN"; browsers log in once (see LoginURL)
	// and carry a session cookie instead. Without it only loopback Host
	// names are served (see CheckBind).
	Token string
	// MaxUploadBytes bounds an uploaded export; 0 means
	// DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// Import tunes reading uploaded exports; the zero value applies the
	// linkedin package's defaults and the policy's time zone.
	Import linkedin.Options
	// TempDir is where uploads are spooled before reading; "" means the
	// system's temporary directory.
	TempDir string
}

// Server is the web app and the API. Build it with New.
type Server struct {
	svc       *service.Service
	store     linkvet.Store // for reading only; changes go through svc
	now       func() time.Time
	log       *slog.Logger
	token     string
	maxUpload int64
	importOpt linkedin.Options
	tempDir   string
	pages     map[string]*template.Template
	handler   http.Handler

	imports  importLog
	sessions sessions
	buffers  sync.Pool // *bytes.Buffer for rendering pages
}

// New builds a server: it parses the templates and brings the stored
// verdicts in line with the policy in force.
func New(cfg Config) (*Server, error) {
	if cfg.Service == nil {
		return nil, errors.New("web: Config.Service is nil")
	}
	s := &Server{
		svc:       cfg.Service,
		store:     cfg.Service.Store(),
		now:       cfg.Now,
		log:       cfg.Logger,
		token:     cfg.Token,
		maxUpload: cfg.MaxUploadBytes,
		importOpt: cfg.Import,
		tempDir:   cfg.TempDir,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUploadBytes
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	if err := s.reload(context.Background()); err != nil {
		return nil, fmt.Errorf("load the active policy: %w", err)
	}
	s.handler = s.secure(s.routes())
	return s, nil
}

// Handler returns the app: pages, static assets and /api/v1/.
func (s *Server) Handler() http.Handler { return s.handler }

// route is one entry of the routing table.
type route struct {
	pattern string // Go 1.22 ServeMux pattern: "METHOD /path"
	handler http.HandlerFunc
}

// routes is the one place every URL of the app is listed.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(noListing(http.FileServerFS(static)))))
	mux.HandleFunc("GET /favicon.ico", serveFavicon)
	mux.HandleFunc("GET /login", s.page(s.loginPage))
	mux.HandleFunc("POST /login", s.page(s.loginSubmit))
	mux.HandleFunc("POST /logout", s.page(s.logout))

	mux.HandleFunc("GET /{$}", s.page(s.inboxPage))
	mux.HandleFunc("GET /invitations/{id}", s.page(s.invitationPage))
	mux.HandleFunc("POST /invitations/{id}/decision", s.page(s.decideForm))
	mux.HandleFunc("GET /review", s.page(s.reviewPage))
	mux.HandleFunc("POST /triage/apply", s.page(s.applyRecommendations))
	mux.HandleFunc("POST /triage/batches/{id}/undo", s.page(s.undoBatch))
	mux.HandleFunc("GET /decided", s.page(s.decidedPage))
	mux.HandleFunc("GET /import", s.page(s.importForm))
	mux.HandleFunc("POST /import", s.page(s.importUpload))
	mux.HandleFunc("GET /import/{n}", s.page(s.importSummaryPage))
	mux.HandleFunc("GET /paste", s.page(s.pastePage))
	mux.HandleFunc("POST /paste", s.page(s.pasteSubmit))
	mux.HandleFunc("POST /invitations/{id}/profile", s.page(s.profileDrop))
	mux.HandleFunc("GET /needs-details", s.page(s.needsDetailsPage))
	mux.HandleFunc("GET /add", s.page(s.addForm))
	mux.HandleFunc("POST /add", s.page(s.addSubmit))
	mux.HandleFunc("GET /policy", s.page(s.policyPage))
	mux.HandleFunc("POST /policy", s.page(s.policySubmitStrict))
	mux.HandleFunc("GET /insights", s.page(s.insightsPage))
	mux.HandleFunc("GET /check", s.page(s.checkPage))
	mux.HandleFunc("POST /check", s.page(s.checkPage))
	mux.HandleFunc("GET /followups", s.page(s.followUpsPage))
	mux.HandleFunc("POST /followups/{id}/done", s.page(s.followUpDone))
	mux.HandleFunc("GET /outreach", s.page(s.outreachPage))
	mux.HandleFunc("POST /outreach/check", s.page(s.outreachCheck))
	mux.HandleFunc("POST /outreach/sent", s.page(s.outreachSent))
	mux.HandleFunc("POST /outreach/{id}/event", s.page(s.outreachEvent))
	mux.HandleFunc("GET /network", s.page(s.networkPage))
	mux.HandleFunc("POST /network/tags", s.page(s.networkTags))

	probe := http.NewServeMux() // tells "no such path" from "wrong method"
	seen := map[string]bool{}
	for _, r := range s.apiRoutes() {
		mux.HandleFunc(r.pattern, r.handler)
		_, path, _ := strings.Cut(r.pattern, " ")
		if !seen[path] {
			seen[path] = true
			probe.HandleFunc(path, func(http.ResponseWriter, *http.Request) {})
		}
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		if isRegistered(probe, r.URL.Path) {
			s.writeAPIError(w, r, linkvet.Errorf(errMethod, "%s is not allowed on %s", r.Method, r.URL.Path))
			return
		}
		s.writeAPIError(w, r, linkvet.Errorf(linkvet.ENOTFOUND, "no API endpoint %s %s; see /api/v1/openapi.json", r.Method, r.URL.Path))
	})
	mux.HandleFunc("/", s.page(func(w http.ResponseWriter, r *http.Request) error {
		return linkvet.Errorf(linkvet.ENOTFOUND, "there is no page at %s", r.URL.Path)
	}))
	return mux
}

// apiRoutes lists the JSON API; the OpenAPI test checks it against
// openapi.json in both directions.
func (s *Server) apiRoutes() []route {
	return []route{
		{"GET /api/v1/openapi.json", s.openAPIDoc},
		{"POST /api/v1/screen", s.api(s.apiScreenStrict)},
		{"GET /api/v1/invitations", s.api(s.apiInvitations)},
		{"GET /api/v1/invitations/{id}", s.api(s.apiInvitationHistory)},
		{"POST /api/v1/invitations/{id}/decision", s.api(s.apiDecideStrict)},
		{"GET /api/v1/policy", s.api(s.apiGetPolicy)},
		{"PUT /api/v1/policy", s.api(s.apiPutPolicyStrict)},
		{"POST /api/v1/import", s.api(s.apiImport)},
	}
}

func isRegistered(mux *http.ServeMux, path string) bool {
	_, pattern := mux.Handler(&http.Request{Method: "GET", URL: &url.URL{Path: path}})
	return pattern != ""
}

// errMethod is the web's own code for a method a path does not take; it is
// never produced outside this package.
const errMethod = "method_not_allowed"

// httpStatus is the one mapping from linkvet error codes to HTTP statuses.
func httpStatus(err error) int {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return http.StatusRequestEntityTooLarge
	}
	switch linkvet.ErrorCode(err) {
	case linkvet.EINVALID:
		return http.StatusBadRequest
	case linkvet.ENOTFOUND:
		return http.StatusNotFound
	case linkvet.ECONFLICT:
		return http.StatusConflict
	case linkvet.ELIMIT:
		return http.StatusRequestEntityTooLarge
	case linkvet.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case errMethod:
		return http.StatusMethodNotAllowed
	case errUnauthorized:
		return http.StatusUnauthorized
	case errForbidden:
		return http.StatusForbidden
	}
	return http.StatusInternalServerError
}

// publicError turns any error into what a user may see: linkvet's coded
// errors keep their message, a body over its limit says so, and anything
// else becomes "internal error" (and is logged by the caller).
func publicError(err error) (code, message string) {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return linkvet.ELIMIT, fmt.Sprintf("the request body is larger than the %d bytes allowed", mb.Limit)
	}
	return linkvet.ErrorCode(err), linkvet.ErrorMessage(err)
}

func (s *Server) logIfInternal(r *http.Request, err error) {
	if httpStatus(err) == http.StatusInternalServerError {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
}

type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (s *Server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	s.logIfInternal(r, err)
	var body apiErrorBody
	body.Error.Code, body.Error.Message = publicError(err)
	if linkvet.ErrorCode(err) == errMethod {
		w.Header().Set("Allow", allowedMethods(s.apiRoutes(), r.URL.Path))
	}
	writeJSON(w, httpStatus(err), body)
}

// allowedMethods lists the methods routed for path, for the Allow header.
func allowedMethods(routes []route, path string) string {
	var methods []string
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt.pattern, " ")
		mux := http.NewServeMux()
		mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
		if isRegistered(mux, path) {
			methods = append(methods, method)
		}
	}
	return strings.Join(methods, ", ")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"internal error"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	// API answers hold the user's data: no cache keeps them.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// api adapts an API handler that returns an error.
func (s *Server) api(f func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := f(w, r); err != nil {
			s.writeAPIError(w, r, err)
		}
	}
}

// page adapts a page handler that returns an error; errors become an
// error page with the mapped status.
func (s *Server) page(f func(w http.ResponseWriter, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := f(w, r); err != nil {
			s.logIfInternal(r, err)
			code, msg := publicError(err)
			status := httpStatus(err)
			data := errorView{Status: status, StatusText: http.StatusText(status), Code: code, Message: msg}
			s.render(w, r, status, "error.html", "Error", data)
		}
	}
}

func (s *Server) openAPIDoc(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(openAPI)
}

// noListing answers 404 for a directory: /static/ lists nothing.
func noListing(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "" || strings.HasSuffix(p, "/") {
			http.NotFound(w, r)
			return
		}
		if f, err := staticFS.Open("static/" + p); err == nil {
			st, err := f.Stat()
			f.Close()
			if err == nil && st.IsDir() {
				http.NotFound(w, r)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// serveFavicon serves the icon where browsers look for it.
func serveFavicon(w http.ResponseWriter, r *http.Request) {
	data, err := staticFS.ReadFile("static/favicon.svg")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(data)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Assets change with the binary; a short cache keeps upgrades visible.
		w.Header().Set("Cache-Control", "public, max-age=300")
		h.ServeHTTP(w, r)
	})
}

// Codes for refusals by the security layer; like errMethod they are the
// web's own and map to 401 and 403.
const (
	errUnauthorized = "unauthorized"
	errForbidden    = "forbidden"
)

// contentSecurityPolicy allows only the app's own scripts, styles and
// images: no inline script or handler can run, whatever a stranger wrote.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"

// secure wraps the mux in the security layers, outermost first: headers on
// every response, the host or token check, then cross-origin protection.
func (s *Server) secure(mux http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, linkvet.Errorf(errForbidden, "cross-origin request refused: state changes are only accepted from linkvet's own pages"))
	}))
	inner := cop.Handler(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.token == "" {
			// Without a token the server trusts whoever can reach loopback;
			// refusing other Host names stops DNS-rebinding pages from
			// reading the API through the user's browser.
			if !loopbackHost(r.Host) {
				s.refuse(w, r, linkvet.Errorf(errForbidden, "host %q refused: without a token linkvet only answers to localhost addresses", r.Host))
				return
			}
		} else if !s.authorized(w, r) {
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// refuse answers a request the security layer turned away, in JSON for
// the API and as a page otherwise.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.writeAPIError(w, r, err)
		return
	}
	code, msg := publicError(err)
	status := httpStatus(err)
	if status == http.StatusUnauthorized {
		// A browser without a session gets the login page, which says
		// what to do, with the 401 status.
		view := loginView{Token: true}
		if r.URL.Query().Has("token") {
			view.Message = "A token in the address is not accepted: browsers keep addresses in their history. Log in below instead."
		}
		s.render(w, r, status, "login.html", "Log in", view)
		return
	}
	s.render(w, r, status, "error.html", "Error", errorView{Status: status, StatusText: http.StatusText(status), Code: code, Message: msg})
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckBind refuses to serve on a non-loopback address without a token:
// anyone on the network could otherwise read and change the user's data.
func CheckBind(addr, token string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "--addr %q is not HOST:PORT (like 127.0.0.1:8080)", addr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil || port == "" {
		return linkvet.Errorf(linkvet.EINVALID, "--addr %q: %q is not a port", addr, port)
	}
	if token != "" {
		return nil
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return linkvet.Errorf(linkvet.EINVALID, "--addr %s is reachable from other machines; refusing to serve without a token: pass --token or --token-file, or use a loopback address such as 127.0.0.1:%s", addr, port)
}

// ctxWithoutCancel keeps long writes (an import) going when the browser
// gives up waiting: half an import is never useful.
func ctxWithoutCancel(r *http.Request) context.Context { return context.WithoutCancel(r.Context()) }

// readBody reads a request body of at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return nil, err
		}
		return nil, fmt.Errorf("read the request body: %w", err)
	}
	return data, nil
}

// policyFromText loads a policy text; empty text means the defaults.
func policyFromText(text []byte) (*policy.Policy, error) {
	if len(bytes.TrimSpace(text)) == 0 {
		return policy.Default(), nil
	}
	return policy.Load(text, policyFile)
}

// policyFile names the stored policy in messages.
const policyFile = "policy.yaml"

// defaultPolicyYAML is the text shown and served when no policy is stored.
func defaultPolicyYAML() []byte { return policy.Default().YAML() }
