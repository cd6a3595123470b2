package web

import (
	"context"
	"encoding/base64"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserIngest drives Chromium through bringing details in: a pasted
// Invitation Manager enriches its rows, a profile PDF chosen on an
// invitation page changes the verdict, a PDF dragged onto a row of the
// needs-details list is sent by app.js and comes back to that row; the
// new pages pass axe-core and the CSP blocks nothing.
func TestBrowserIngest(t *testing.T) {
	axe := axeSource(t)
	b := startBrowser(t, 1300, 900)
	e := newTestEnv(t)
	e.follow(e.upload("/import", "export", "export.zip", zipDir(t, filepath.Join(ingestDir, "export"))))
	ts := httptest.NewServer(e.h)
	defer ts.Close()
	c := b.tab(t)
	clean := func(where string) {
		t.Helper()
		if got := eval(t, c, `window.__csp.join("\n")`); got != "" {
			t.Errorf("%s: the Content-Security-Policy blocked something:\n%s", where, got)
		}
		if axe != "" {
			runAxe(t, c, axe, where)
		}
	}

	// The inbox marks the thin rows and leads to the paste box.
	do(t, c, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("inbox")))
	if got := eval(t, c, `document.querySelectorAll("#inbox .needs-details").length + ""`); got == "0" {
		t.Error("the inbox marks no invitation as needing details")
	}
	clean("inbox")
	navigateBy(t, c, chromedp.Click(chromedp.ID("paste-link")))
	do(t, c, chromedp.WaitVisible(chromedp.ID("paste-text")))
	clean("paste")

	// Paste: the page's text goes in as a user's paste would.
	text := readFile(t, filepath.Join(ingestDir, "manager.txt"))
	do(t, c, chromedp.SetValue(chromedp.ID("paste-text"), text))
	navigateBy(t, c, chromedp.Click(chromedp.ID("paste-go")))
	do(t, c, chromedp.WaitVisible(chromedp.ID("ingest-counts")))
	main := eval(t, c, `document.querySelector("main").textContent`)
	for _, want := range []string{"Tobias Lindqvist", "enriched", "mutual_connections"} {
		if !strings.Contains(main, want) {
			t.Errorf("paste result lacks %q: %s", want, clip(main, 800))
		}
	}
	if got := eval(t, c, `Array.from(document.querySelectorAll(".ingested td a")).every(a => a.querySelector("bdi")) + ""`); got != "true" {
		t.Error("sender names on the result page are not isolated with <bdi>")
	}
	clean("paste result")
	tob := e.byURL(tobiasURL)
	do(t, c, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("inbox")))
	row := eval(t, c, `(document.querySelector('#inbox > .row[data-id="`+tob.Invitation.ID+`"]') || {textContent: ""}).textContent`)
	if !strings.Contains(row, "Platform Engineer") {
		t.Errorf("Tobias's row is not enriched: %s", clip(row, 400))
	}

	// A PDF chosen on Rosalind's invitation page: the verdict changes.
	ros := e.byURL(rosalindURL)
	path := "/invitations/" + url.PathEscape(ros.Invitation.ID)
	do(t, c, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.ID("profile-drop")))
	clean("invitation with the drop zone")
	if got := eval(t, c, `document.querySelector("#profile-drop a[target=_blank]").rel`); got != "noopener noreferrer" {
		t.Errorf("the profile link's rel is %q", got)
	}
	before := eval(t, c, `document.querySelector(".invitation .meta").textContent + " | " + document.querySelector(".facts").textContent`)
	pdf, err := filepath.Abs(rosalindPDF)
	if err != nil {
		t.Fatal(err)
	}
	input := "pdf-" + rowID(ros.Invitation.ID)
	do(t, c, chromedp.SetUploadFiles(chromedp.ID(input), []string{pdf}))
	navigateBy(t, c, chromedp.Click(chromedp.CSS("#profile-drop button[type=submit]")))
	do(t, c, chromedp.WaitVisible(chromedp.CSS("h1")))
	if loc := eval(t, c, `location.pathname + location.search`); !strings.HasPrefix(loc, path+"?enriched=") {
		t.Errorf("after the drop the browser is at %s", loc)
	}
	after := eval(t, c, `document.querySelector(".invitation .meta").textContent + " | " + document.querySelector(".facts").textContent`)
	if after == before {
		t.Errorf("the verdict and details did not change: %s", clip(after, 400))
	}
	if got := e.byURL(rosalindURL); len(got.Invitation.Person.Experience) == 0 {
		t.Error("the PDF's positions were not stored")
	}

	// Drag and drop on a row of the needs-details list (app.js): the file
	// is sent and the browser comes back to the same row.
	do(t, c, chromedp.Navigate(ts.URL+"/needs-details"), chromedp.WaitVisible(chromedp.ID("needs-details")))
	clean("needs details")
	ids := eval(t, c, `Array.from(document.querySelectorAll("#needs-details > li")).map(li => li.id).join(" ")`)
	first := strings.Fields(ids)
	if len(first) == 0 {
		t.Fatal("the needs-details list is empty")
	}
	rowEl := first[0]
	data := base64.StdEncoding.EncodeToString([]byte(readFile(t, rosalindPDF)))
	drop := `(function () {
  const bin = atob("` + data + `");
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], "Profile.pdf", {type: "application/pdf"}));
  const form = document.querySelector("#` + rowEl + ` form.profile-drop");
  form.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
  form.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
  return "ok";
})()`
	navigateBy(t, c, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[string](drop))
		return err
	}))
	do(t, c, chromedp.WaitVisible(chromedp.ID("enriched-status")))
	if loc := eval(t, c, `location.pathname + location.hash`); loc != "/needs-details#"+rowEl {
		t.Errorf("after the drop the browser is at %s, want the row %s", loc, rowEl)
	}
	if got := eval(t, c, `document.getElementById("enriched-status").textContent`); strings.Contains(got, "(0 fields") {
		t.Errorf("the drop filled nothing: %s", got)
	}
	clean("needs details after a drop")

	// The new pages at phone width, in dark mode: axe-core and no
	// sideways scrolling.
	do(t, c, chromedp.EmulateViewport(390, 900), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	}))
	for _, p := range []string{"/paste", "/needs-details", "/import", "/import/1", "/import/2", path, "/"} {
		do(t, c, chromedp.Navigate(ts.URL+p), chromedp.WaitReady(chromedp.CSS("main")))
		clean(p + " at 390 px (dark)")
		if w := eval(t, c, `String(document.documentElement.scrollWidth <= window.innerWidth)`); w != "true" {
			t.Errorf("%s scrolls sideways at 390 px", p)
		}
	}
}
