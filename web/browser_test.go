package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/linkvet/linkvet"
)

// findChromium returns the browser to drive, or "" when there is none.
func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// watchScript runs in every page before the page's own scripts (the
// DevTools protocol is not bound by the page's CSP). It records CSP
// violations, so that the test can tell that the policy blocked nothing
// the app needs, and freezes nothing: the payloads are free to try.
const watchScript = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});`

// TestBrowser drives a real Chromium through the app: the demo inbox,
// keyboard triage, a decision that survives a reload, a policy edit that
// changes a verdict, an export upload and the hostile corpus. One browser
// serves every subtest.
func TestBrowser(t *testing.T) {
	path := findChromium()
	if path == "" {
		if os.Getenv("LINKVET_REQUIRE_BROWSER") != "" {
			t.Fatal("LINKVET_REQUIRE_BROWSER is set but no chromium was found on PATH or at /usr/bin/chromium")
		}
		t.Skip("no chromium found; install Debian's chromium to run the browser tests")
	}
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	e := newTestEnv(t)
	e.loadHostile()
	ts := httptest.NewServer(e.h)
	defer ts.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	// tab opens a fresh tab with the watcher installed.
	tab := func(t *testing.T) context.Context {
		t.Helper()
		c, cancel := chromedp.NewContext(browser)
		t.Cleanup(cancel)
		c, cancelT := context.WithTimeout(c, 45*time.Second)
		t.Cleanup(cancelT)
		if err := chromedp.Do(c, chromedp.Navigate("about:blank")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(c, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchScript}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	do := func(t *testing.T, c context.Context, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(c, actions...); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(t *testing.T, c context.Context, js string) string {
		t.Helper()
		s, err := chromedp.Run(c, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	// clean fails when the page was attacked or the CSP blocked anything.
	clean := func(t *testing.T, c context.Context, where string) {
		t.Helper()
		if got := eval(t, c, `String(window.__pwned)`); got != "undefined" {
			t.Errorf("%s: a payload ran: window.__pwned = %s", where, got)
		}
		// The payloads set the title to exactly "pwned"; a title that
		// merely shows a payload as text is what escaping is for.
		if got := eval(t, c, `document.title`); got == "pwned" || !strings.HasSuffix(got, " · linkvet") {
			t.Errorf("%s: a payload changed the title to %q", where, got)
		}
		if got := eval(t, c, `window.__csp.join("\n")`); got != "" {
			t.Errorf("%s: the Content-Security-Policy blocked something:\n%s", where, got)
		}
	}
	rowIDs := func(t *testing.T, c context.Context) []string {
		t.Helper()
		s := eval(t, c, `Array.from(document.querySelectorAll("#inbox > .row")).map(r => r.dataset.id).join("\n")`)
		return strings.Split(s, "\n")
	}

	t.Run("demo inbox", func(t *testing.T) {
		c := tab(t)
		do(t, c, chromedp.Navigate(ts.URL+"/?category=known_contact"), chromedp.WaitVisible(chromedp.CSS("#inbox")))
		if ids := rowIDs(t, c); !slices.Contains(ids, "demo-01") {
			t.Errorf("known contacts: %v", ids)
		}
		do(t, c, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#inbox")))
		if n := len(rowIDs(t, c)); n < 26 {
			t.Errorf("the inbox shows %d rows", n)
		}
		dir := os.Getenv("LINKVET_ARTIFACTS")
		if dir == "" {
			dir = t.TempDir()
		}
		shot, err := chromedp.Run(c, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "inbox.png")
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		// And as a phone shows it.
		do(t, c, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#inbox")))
		if w := eval(t, c, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
			t.Error("the inbox scrolls sideways on a phone-sized screen: " + eval(t, c, `Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(el => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right)).join("; ")`))
		}
		phone, err := chromedp.Run(c, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "inbox-phone.png"), phone, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("inbox screenshot: %s", file)
		clean(t, c, "inbox")
	})

	t.Run("keyboard triage", func(t *testing.T) {
		c := tab(t)
		do(t, c, chromedp.Navigate(ts.URL+"/?category=stranger"), chromedp.WaitVisible(chromedp.CSS("#inbox")))
		before := rowIDs(t, c)
		if len(before) < 2 {
			t.Fatalf("need two strangers, have %v", before)
		}
		do(t, c, chromedp.KeyEvent("j"))
		if got := eval(t, c, `document.querySelector(".row.current").dataset.id`); got != before[1] {
			t.Fatalf("j selected %q, want %q", got, before[1])
		}
		do(t, c, chromedp.KeyEvent("k"), chromedp.KeyEvent("j"))
		do(t, c, chromedp.KeyEvent("?"))
		if got := eval(t, c, `String(document.getElementById("help").open)`); got != "true" {
			t.Error("? should open the help")
		}
		eval(t, c, `document.getElementById("help").close(), ""`)
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("d"))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.CSS(".done")))
		if got := eval(t, c, `document.querySelector(".done").textContent`); !strings.Contains(got, "decline") {
			t.Errorf("banner %q", got)
		}
		do(t, c, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main")))
		if ids := rowIDs(t, c); slices.Contains(ids, before[1]) {
			t.Errorf("the declined %s is back after a reload", before[1])
		}
		// Triage keeps its place: the row after the decided one is next.
		if got := eval(t, c, `document.querySelector(".row.current") ? document.querySelector(".row.current").dataset.id : ""`); len(before) > 2 && got != before[2] {
			t.Errorf("after a decision the next row (%s) should be selected, got %q", before[2], got)
		}
		// u undoes it.
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent("u"))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.CSS("#inbox")))
		if ids := rowIDs(t, c); !slices.Contains(ids, before[1]) {
			t.Errorf("undo should bring %s back", before[1])
		}
		clean(t, c, "triage")
	})

	t.Run("decision persists", func(t *testing.T) {
		c := tab(t)
		do(t, c, chromedp.Navigate(ts.URL+"/invitations/demo-21"), chromedp.WaitVisible(chromedp.CSS(".decide")))
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`.decide button[value="ask"]`)))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#decide-h")))
		if got := eval(t, c, `document.querySelector("section[aria-labelledby=decide-h]").textContent`); !strings.Contains(got, "Standing decision: ask") {
			t.Errorf("after reload: %q", got)
		}
		clean(t, c, "invitation page")
	})

	t.Run("policy edit changes a verdict", func(t *testing.T) {
		c := tab(t)
		do(t, c, chromedp.Navigate(ts.URL+"/policy"), chromedp.WaitVisible(chromedp.ID("yaml")))
		text, err := chromedp.Run(c, chromedp.Value(chromedp.ID("yaml")))
		if err != nil {
			t.Fatal(err)
		}
		next := strings.Replace(text, "blocked:\n", "blocked:\n  - https://www.linkedin.com/in/alex-kim-data\n", 1)
		if next == text {
			t.Fatalf("no blocked list in the policy:\n%s", text)
		}
		do(t, c, chromedp.SetValue(chromedp.ID("yaml"), next))
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`button[value="preview"]`)))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.ID("preview")))
		if got := eval(t, c, `document.getElementById("preview").textContent`); !strings.Contains(got, "Alex Kim") {
			t.Errorf("preview: %q", got)
		}
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`button[value="save"]`)))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.Navigate(ts.URL+"/invitations/demo-02"), chromedp.WaitVisible(chromedp.CSS(".badge")))
		if got := eval(t, c, `document.querySelector(".meta .badge").textContent`); got != "block" {
			t.Errorf("Alex Kim's verdict after blocking: %q", got)
		}
		// A broken policy keeps the text and points at the line.
		do(t, c, chromedp.Navigate(ts.URL+"/policy"), chromedp.WaitVisible(chromedp.ID("yaml")),
			chromedp.SetValue(chromedp.ID("yaml"), "style: reckless\n"))
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`button[value="save"]`)))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.ID("policy-errors")), chromedp.Click(chromedp.CSS(".goto-line")))
		if got := eval(t, c, `document.activeElement.id + ":" + document.getElementById("yaml").value`); got != "yaml:style: reckless\n" {
			t.Errorf("after a bad save: %q", got)
		}
		clean(t, c, "policy")
	})

	t.Run("upload an export", func(t *testing.T) {
		c := tab(t)
		zipPath := filepath.Join(t.TempDir(), "Basic_LinkedInDataExport.zip")
		if err := os.WriteFile(zipPath, exportZip(t, "export-2026"), 0o600); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.Navigate(ts.URL+"/import"), chromedp.WaitVisible(chromedp.ID("export")),
			chromedp.SetUploadFiles(chromedp.ID("export"), []string{zipPath}))
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`#import-form button[type=submit]`)))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.CSS("h1")))
		if got := eval(t, c, `document.querySelector("main").textContent`); !strings.Contains(got, "Import finished") || !strings.Contains(got, "Invitations.csv") {
			t.Errorf("summary: %s", clip(got, 500))
		}
		clean(t, c, "import")
	})

	t.Run("follow-ups, outreach and network", func(t *testing.T) {
		c := tab(t)
		// Nadia Haddad was accepted five days before the demo's moment:
		// her follow-up is due.
		ctx := context.Background()
		at := func(days int) {
			when := DemoNow().AddDate(0, 0, days)
			e.db.SetNow(func() time.Time { return when })
		}
		at(-5)
		if _, err := e.db.Decide(ctx, linkvet.Decision{InvitationID: "demo-26", Action: linkvet.Accept}); err != nil {
			t.Fatal(err)
		}
		at(0)
		defer e.db.SetNow(time.Now)
		e.importNetwork(0)

		card := `#fu-due .card[data-id="demo-26"]`
		do(t, c, chromedp.Navigate(ts.URL+"/followups"), chromedp.WaitVisible(chromedp.CSS(card)))
		if got := eval(t, c, `document.querySelector('`+card+` pre').textContent`); got == "" {
			t.Error("the due follow-up has no draft")
		}
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(card+" .mark-done")))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.ID("fu-marked")))
		clean(t, c, "follow-ups")
		// Done survives a fresh visit: the card moved to "done" without its button.
		do(t, c, chromedp.Navigate(ts.URL+"/followups"), chromedp.WaitVisible(chromedp.CSS(`#fu-done .card[data-id="demo-26"]`)))
		if got := eval(t, c, `String(document.querySelectorAll('.card[data-id="demo-26"] .mark-done').length)`); got != "0" {
			t.Errorf("a follow-up marked done still offers %s buttons", got)
		}

		// Vet a person, then record the invitation as sent.
		do(t, c, chromedp.Navigate(ts.URL+"/outreach"), chromedp.WaitVisible(chromedp.ID("target-form")),
			chromedp.SetValue(chromedp.ID("name"), "Mirela Kovač"),
			chromedp.SetValue(chromedp.ID("mutual_connections"), "3"),
			chromedp.SetValue(chromedp.ID("mutual_names"), "Jo Park\nSam Lee"),
			chromedp.SetValue(chromedp.ID("reason"), "compare notes on Kafka failover after her meetup talk"))
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.ID("check-target")))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.ID("check-result")))
		if got := eval(t, c, `document.getElementById("check-h").textContent`); !strings.Contains(got, "Ask Jo Park to introduce you first") {
			t.Errorf("check result: %s", clip(eval(t, c, `document.querySelector("main").innerText`), 1500))
		}
		clean(t, c, "outreach check")
		if _, err := chromedp.Run(c, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(".record-sent")))); err != nil {
			t.Fatal(err)
		}
		do(t, c, chromedp.WaitVisible(chromedp.ID("sent-done")))
		if got := eval(t, c, `document.querySelector("#plan .cards").textContent`); !strings.Contains(got, "Mirela Kovač") {
			t.Errorf("pending after recording: %s", clip(got, 500))
		}

		// The three pages fit a phone's width.
		dir := os.Getenv("LINKVET_ARTIFACTS")
		if dir == "" {
			dir = t.TempDir()
		}
		do(t, c, chromedp.EmulateViewport(390, 844))
		for _, p := range []string{"/followups", "/outreach", "/network"} {
			do(t, c, chromedp.Navigate(ts.URL+p), chromedp.WaitVisible(chromedp.CSS("h1")))
			if w := eval(t, c, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
				t.Errorf("%s scrolls sideways on a phone-sized screen: %s", p, eval(t, c, `Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(el => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right)).join("; ")`))
			}
			shot, err := chromedp.Run(c, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, strings.TrimPrefix(p, "/")+"-phone.png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			clean(t, c, p)
		}
		t.Logf("screenshots of the outreach pages: %s", dir)
	})

	t.Run("the CSP blocks injected inline script", func(t *testing.T) {
		// A control for the checks above: were escaping ever to fail, an
		// inline script would still be refused, and the watcher would see it.
		c := tab(t)
		do(t, c, chromedp.Navigate(ts.URL+"/"), chromedp.WaitReady(chromedp.CSS("main")))
		eval(t, c, `(() => { const s = document.createElement("script"); s.textContent = "window.__pwned = 99"; document.body.appendChild(s);
			const d = document.createElement("div"); d.innerHTML = '<img src="x" onerror="window.__pwned = 98">'; document.body.appendChild(d); return ""; })()`)
		do(t, c, chromedp.Sleep(300*time.Millisecond))
		if got := eval(t, c, `String(window.__pwned)`); got != "undefined" {
			t.Errorf("the CSP let an inline script run: %s", got)
		}
		if got := eval(t, c, `window.__csp.join("\n")`); !strings.Contains(got, "script-src") {
			t.Errorf("the watcher saw no violation: %q", got)
		}
	})

	t.Run("hostile corpus runs nothing", func(t *testing.T) {
		c := tab(t)
		pages := []string{"/", "/?page=1&category=stranger", "/insights", "/followups", "/outreach", "/network"}
		for _, inv := range hostileInvitations() {
			pages = append(pages, "/invitations/"+url.PathEscape(inv.ID), "/add?from="+url.QueryEscape(inv.ID))
		}
		for _, p := range pages {
			do(t, c, chromedp.Navigate(ts.URL+p), chromedp.WaitReady(chromedp.CSS("main")))
			// Open every row and hover every element, so that handlers
			// a payload might have smuggled in get their chance.
			eval(t, c, `document.querySelectorAll("details").forEach(d => d.open = true);
				document.querySelectorAll("main *").forEach(el => el.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))); ""`)
			clean(t, c, p)
			if got := eval(t, c, `Array.from(document.querySelectorAll("a[href]")).map(a => a.href).filter(h => !h.startsWith(location.origin) && !/^https?:\/\/([a-z0-9-]+\.)*linkedin\.com\//.test(h)).join(" ")`); got != "" {
				t.Errorf("%s: links off the site: %s", p, got)
			}
		}
		if got := eval(t, c, `String(document.querySelectorAll("script").length)`); got != "1" {
			t.Errorf("the page holds %s scripts; only app.js belongs", got)
		}
	})
}
