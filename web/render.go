package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// parsePages parses every page once, each together with the layout, so
// that pages can define the same blocks without clashing.
func parsePages() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse the layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, path := range names {
		name := strings.TrimPrefix(path, "templates/")
		if name == "layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, path)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// maxPooledBuffer is the largest page buffer kept for reuse.
const maxPooledBuffer = 4 << 20

// layoutData is what the layout sees; Page is the page's own data.
type layoutData struct {
	Title string
	Path  string
	Page  any
}

// render executes a page into a buffer first, so that a template error
// never leaves half a page behind a 200.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	buf, _ := s.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		// A rare huge page should not pin its memory for good.
		if buf.Cap() <= maxPooledBuffer {
			buf.Reset()
			s.buffers.Put(buf)
		}
	}()
	if err := t.ExecuteTemplate(buf, "layout.html", layoutData{Title: title, Path: r.URL.Path, Page: data}); err != nil {
		s.log.Error("render page", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorView struct {
	Status     int
	StatusText string
	Code       string
	Message    string
}

var funcs = template.FuncMap{
	"clip":        clip,
	"linkedinURL": linkedinURL,
	"pct":         func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"intp": func(n *int) string {
		if n == nil {
			return "unknown"
		}
		return strconv.Itoa(*n)
	},
	"boolp": func(b *bool) string {
		if b == nil {
			return "unknown"
		}
		if *b {
			return "yes"
		}
		return "no"
	},
	"yesno": func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	},
	"signed":  func(n int) string { return fmt.Sprintf("%+d", n) },
	"join":    strings.Join,
	"label":   label,
	"actions": func() []linkvet.Action { return linkvet.Actions },
	"cats":    func() []linkvet.Category { return linkvet.Categories },
	"key":     actionKey,
	"idpath":  url.PathEscape,
	"fieldData": func(v addFormView, name, label, typ, hint string) fieldData {
		return fieldData{Name: name, Label: label, Type: typ, Hint: hint, Value: v.Field(name), Error: v.Errors[name]}
	},
	"decideData": func(id, ret string) decideData {
		return decideData{ID: id, Return: ret}
	},
}

// fieldData is one input of the add form.
type fieldData struct{ Name, Label, Type, Hint, Value, Error string }

// decideData is what the decision buttons need.
type decideData struct{ ID, Return string }

// actionKey is the keyboard shortcut of each action in the inbox.
func actionKey(a linkvet.Action) string {
	switch a {
	case linkvet.Accept:
		return "a"
	case linkvet.Ask:
		return "s"
	case linkvet.Ignore:
		return "i"
	case linkvet.Decline:
		return "d"
	case linkvet.Block:
		return "b"
	}
	return ""
}

// label turns a snake_case vocabulary word into words for people.
func label(s any) string {
	return strings.ReplaceAll(fmt.Sprint(s), "_", " ")
}

// clip shortens text for a summary line, cutting at a rune boundary, and
// replaces invalid UTF-8 so that the browser never guesses an encoding.
func clip(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		n++
	}
	return s
}

// linkedinURL returns the address to link to a profile, or "" when it is
// not an http(s) address on linkedin.com or one of its subdomains: a
// stranger's javascript: or look-alike host must never become a link.
func linkedinURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || !utf8.ValidString(raw) {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Opaque != "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host != "linkedin.com" && !strings.HasSuffix(host, ".linkedin.com") {
		return ""
	}
	for _, r := range host {
		if r >= utf8.RuneSelf {
			return ""
		}
	}
	return u.String()
}

// decisionButtons are the five decision buttons of an inbox row. They are
// the same on every row and hold no user data, so they are built once,
// from constants only, instead of by a template loop per row.
var decisionButtons = func() template.HTML {
	var b strings.Builder
	for _, a := range linkvet.Actions {
		fmt.Fprintf(&b, `<button type="submit" name="action" value="%s" class="btn a-%s" data-key="%s" aria-keyshortcuts="%s">%s</button>`+"\n", a, a, actionKey(a), actionKey(a), a)
	}
	return template.HTML(b.String())
}()
