package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
)

const (
	rosalindURL = "https://www.linkedin.com/in/rosalind-okafor-brennan-3f9a2c71"
	tobiasURL   = "https://www.linkedin.com/in/tobias-lindqvist-7c1d"
	rosalindPDF = "../profilepdf/testdata/en-2col-grouped.pdf" // Rosalind's profile
	ingestDir   = "../service/testdata/ingest"
)

// upload posts files in one form field as a same-origin browser would.
func (e *testEnv) upload(target, field string, files ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		fw, err := mw.CreateFormFile(field, files[i])
		if err != nil {
			e.t.Fatal(err)
		}
		fw.Write([]byte(files[i+1]))
	}
	mw.Close()
	return e.do(http.MethodPost, target, &buf, "Content-Type", mw.FormDataContentType(), "Sec-Fetch-Site", "same-origin")
}

// follow returns the page a 303 points to.
func (e *testEnv) follow(w *httptest.ResponseRecorder) string {
	e.t.Helper()
	wantStatus(e.t, w, http.StatusSeeOther)
	r := e.get(w.Header().Get("Location"))
	wantStatus(e.t, r, http.StatusOK)
	return r.Body.String()
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func zipDir(t testing.TB, dir string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := linkedin.ZipDir(dir, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// byURL finds the stored invitation from a profile.
func (e *testEnv) byURL(u string) linkvet.StoredInvitation {
	e.t.Helper()
	all, _, err := e.db.Invitations(context.Background(), linkvet.InvitationFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, si := range all {
		if si.Invitation.Person.ProfileURL == u {
			return si
		}
	}
	e.t.Fatalf("no invitation from %s", u)
	return linkvet.StoredInvitation{}
}

func wantIn(t testing.TB, where, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q:\n%s", where, w, clip(page, 3000))
		}
	}
}

// TestImportEveryKind walks the Import page through each kind of input:
// an export, an invitation e-mail that enriches, a phishing mail that is
// reported, a pasted Invitation Manager, a profile PDF, invitation JSON,
// an mbox, and bad files that are named.
func TestImportEveryKind(t *testing.T) {
	e := newTestEnv(t)
	page := e.follow(e.upload("/import", "export", "Basic_LinkedInDataExport.zip", zipDir(t, filepath.Join(ingestDir, "export"))))
	wantIn(t, "export summary", page, "Import finished", "Invitations.csv")
	if got := e.byURL(tobiasURL); got.Invitation.Person.Headline != "" {
		t.Fatalf("the export should leave Tobias bare: %+v", got.Invitation.Person)
	}
	if inbox := e.get("/").Body.String(); !strings.Contains(inbox, "needs details") || !strings.Contains(inbox, `href="/needs-details"`) {
		t.Error("the inbox marks no thin invitation")
	}

	page = e.follow(e.upload("/import", "export", "tobias.eml", readFile(t, filepath.Join(ingestDir, "tobias.eml"))))
	wantIn(t, "mail summary", page, "enriched", "matched by profile URL", "Tobias Lindqvist")
	if got := e.byURL(tobiasURL); got.Invitation.Person.Headline == "" {
		t.Errorf("the e-mail did not enrich Tobias: %+v", got.Invitation.Person)
	}

	page = e.follow(e.upload("/import", "export", "phish.eml", readFile(t, filepath.Join(ingestDir, "phish.eml"))))
	wantIn(t, "phishing summary", page, "Reported as phishing", "phish.eml", "do not click")

	page = e.follow(e.postForm("/paste", url.Values{"text": {readFile(t, filepath.Join(ingestDir, "manager.txt"))}}))
	wantIn(t, "paste summary", page, "Rosalind Okafor-Brennan", "enriched")
	if got := e.byURL(rosalindURL); got.Invitation.MutualConnections == nil {
		t.Errorf("the paste did not bring Rosalind's mutual connections")
	}

	page = e.follow(e.upload("/import", "export", "Profile.pdf", readFile(t, rosalindPDF)))
	wantIn(t, "pdf summary", page, "enriched", "Rosalind Okafor-Brennan")
	if got := e.byURL(rosalindURL); len(got.Invitation.Person.Experience) == 0 {
		t.Errorf("the PDF did not bring Rosalind's positions")
	}

	page = e.follow(e.upload("/import", "export", "invitation.json", `{"id":"json-1","direction":"incoming","person":{"name":"Quinn Abara","headline":"Buyer at Tallgrass Foods"},"message":"Hello from the trade fair"}`))
	wantIn(t, "json summary", page, "added")

	page = e.follow(e.upload("/import", "export", "LinkedIn.mbox", readFile(t, "../mail/testdata/inbox.mbox")))
	wantIn(t, "mbox summary", page, "LinkedIn.mbox", "(email,")
	if strings.Contains(page, "linkvet-upload-") {
		t.Error("the summary names the temporary file, not the upload")
	}

	for _, bad := range []struct{ name, data, want string }{
		{"notes.pdf", "just some words", "notes.pdf is not a PDF"},
		{"export.zip", "not a zip", "export.zip is not a ZIP file"},
		{"blob.bin", "\x00\x01\x02\xff\xfe", "blob.bin"},
		{"empty.eml", "", "empty.eml is empty"},
	} {
		w := e.upload("/import", "export", bad.name, bad.data)
		wantStatus(t, w, http.StatusBadRequest)
		wantIn(t, bad.name, w.Body.String(), `role="alert"`, bad.want)
	}
}

// TestImportSnapshotAndUnsettled: a Member Data Portability snapshot is an
// export; an export without Connections.csv says how many invitations wait
// apart from the inbox.
func TestImportSnapshotAndUnsettled(t *testing.T) {
	e := newTestEnv(t)
	page := e.follow(e.upload("/import", "export", "snapshot.json", readFile(t, "../linkedin/testdata/dma/snapshot.json")))
	wantIn(t, "snapshot summary", page, "Import finished")

	dir := t.TempDir()
	for _, f := range []string{"Invitations.csv", "Profile.csv", "Positions.csv"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(readFile(t, filepath.Join(ingestDir, "export", f))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	e2 := newTestEnv(t)
	page = e2.follow(e2.upload("/import", "export", "partial.zip", zipDir(t, dir)))
	wantIn(t, "partial export", page, `id="unsettled"`, "no Connections.csv")
	wantIn(t, "needs details", e2.get("/needs-details").Body.String(), `id="unsettled"`)
	// The API says the same, for the same upload streamed.
	e3 := newTestEnv(t)
	w := e3.do(http.MethodPost, "/api/v1/import", strings.NewReader(zipDir(t, dir)), "Content-Type", "application/zip")
	wantStatus(t, w, http.StatusOK)
	wantIn(t, "API import", w.Body.String(), `"connections_missing": true`, `"unsettled": 2`)
}

// TestPastePage: the paste box is linked from the inbox and the Import
// page, refuses an empty paste and text it cannot read, and goes back to
// the row it came from.
func TestPastePage(t *testing.T) {
	e := newTestEnv(t)
	wantIn(t, "inbox", e.get("/").Body.String(), `href="/paste"`)
	wantIn(t, "import", e.get("/import").Body.String(), `href="/paste"`)
	wantIn(t, "paste", e.get("/paste?return=/needs-details%23nd-x").Body.String(), `name="return" value="/needs-details#nd-x"`)

	w := e.postForm("/paste", url.Values{"text": {"  "}})
	wantStatus(t, w, http.StatusBadRequest)
	wantIn(t, "empty paste", w.Body.String(), `role="alert"`, "Nothing was pasted")

	w = e.postForm("/paste", url.Values{"text": {"lorem ipsum\ndolor sit amet"}})
	wantStatus(t, w, http.StatusBadRequest)
	wantIn(t, "unreadable paste", w.Body.String(), "pasted text", "lorem ipsum")

	e.follow(e.upload("/import", "export", "export.zip", zipDir(t, filepath.Join(ingestDir, "export"))))
	page := e.follow(e.postForm("/paste", url.Values{"text": {readFile(t, filepath.Join(ingestDir, "manager.txt"))}, "return": {"https://evil.example/"}}))
	wantIn(t, "paste summary", page, "Tobias Lindqvist", "enriched")
	if strings.Contains(page, "evil.example") {
		t.Error("a foreign return address was kept")
	}
	page = e.follow(e.postForm("/paste", url.Values{"text": {readFile(t, filepath.Join(ingestDir, "manager.txt"))}, "return": {"/needs-details#nd-abc"}}))
	wantIn(t, "paste back", page, `href="/needs-details#nd-abc"`)
}

// TestProfileDrop: a PDF sent from an invitation's page enriches that
// invitation, whatever name it bears, and comes back to the page with the
// new verdict; a file that is no profile is named.
func TestProfileDrop(t *testing.T) {
	e := newTestEnv(t)
	e.follow(e.upload("/import", "export", "export.zip", zipDir(t, filepath.Join(ingestDir, "export"))))
	ros := e.byURL(rosalindURL)
	path := "/invitations/" + url.PathEscape(ros.Invitation.ID)
	page := e.get(path).Body.String()
	wantIn(t, "invitation page", page, `id="profile-drop"`, `name="profile"`, `rel="noopener noreferrer"`, `target="_blank"`)
	before := ros.Verdict

	w := e.upload(path+"/profile", "profile", "Profile.pdf", readFile(t, rosalindPDF))
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); !strings.HasPrefix(loc, path+"?enriched=") {
		t.Errorf("back to %q, want the invitation page", loc)
	}
	after := e.byURL(rosalindURL)
	if len(after.Invitation.Person.Experience) == 0 || after.Verdict == nil {
		t.Fatalf("the drop did not enrich: %+v", after.Invitation.Person)
	}
	if before != nil && len(before.Missing) <= len(after.Verdict.Missing) {
		t.Errorf("the verdict still misses as much: before %v, after %v", before.Missing, after.Verdict.Missing)
	}

	// From the needs-details list: back to the same row.
	tob := e.byURL(tobiasURL)
	list := e.get("/needs-details").Body.String()
	row := "nd-" + rowID(tob.Invitation.ID)
	wantIn(t, "needs details", list, `id="`+row+`"`, "missing:", `target="_blank" rel="noopener noreferrer"`)
	w = e.upload(dropAction(tob.Invitation.ID, "/needs-details#"+row), "profile", "Profile.pdf", readFile(t, rosalindPDF))
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); !strings.HasPrefix(loc, "/needs-details?enriched=") || !strings.HasSuffix(loc, "#"+row) {
		t.Errorf("back to %q, want the row %s", loc, row)
	}

	w = e.upload(path+"/profile", "profile", "cv.pdf", "hello")
	wantStatus(t, w, http.StatusBadRequest)
	wantIn(t, "bad drop", w.Body.String(), "cv.pdf is not a PDF")
	w = e.upload(path+"/profile", "profile", "export.zip", zipDir(t, filepath.Join(ingestDir, "export")))
	wantStatus(t, w, http.StatusBadRequest)
	wantIn(t, "export dropped", w.Body.String(), "Import page")
	wantStatus(t, e.upload("/invitations/nope/profile", "profile", "Profile.pdf", readFile(t, rosalindPDF)), http.StatusNotFound)
	// Cross-site posts are refused as every form is.
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("profile", "Profile.pdf")
	fw.Write([]byte(readFile(t, rosalindPDF)))
	mw.Close()
	w = e.do(http.MethodPost, path+"/profile", &buf, "Content-Type", mw.FormDataContentType(), "Sec-Fetch-Site", "cross-site")
	if w.Code < 400 {
		t.Errorf("a cross-site drop answered %d", w.Code)
	}
}

// TestUploadSeveralOneBad: in one upload of several files, the one that
// cannot be read is named on the summary and the others are brought in; a
// file whose name lies is refused before anything is stored.
func TestUploadSeveralOneBad(t *testing.T) {
	e := newTestEnv(t)
	page := e.follow(e.upload("/import", "export",
		"export.zip", zipDir(t, filepath.Join(ingestDir, "export")),
		"Profile.pdf", readFile(t, rosalindPDF),
		"garbage.txt", "\x00\x01 not text \xff",
		"tobias.eml", readFile(t, filepath.Join(ingestDir, "tobias.eml"))))
	wantIn(t, "several files", page, "Import finished", "garbage.txt", "Not understood", "tobias.eml", "Profile.pdf", "matched by profile URL")
	// The profile came after the export and the mail, whatever the order.
	if got := e.byURL(rosalindURL); len(got.Invitation.Person.Experience) == 0 {
		t.Error("the profile did not find Rosalind's invitation")
	}
	before := len(e.pendingIDs())
	w := e.upload("/import", "export", "second.zip", zipDir(t, "../linkedin/testdata/export-2024"), "cv.pdf", "plain words")
	wantStatus(t, w, http.StatusBadRequest)
	wantIn(t, "lying name", w.Body.String(), "cv.pdf is not a PDF")
	if after := len(e.pendingIDs()); after != before {
		t.Errorf("a refused upload stored its export: %d pending, then %d", before, after)
	}
}

func TestReturnWithRow(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "",
		"/needs-details#nd-a_b":    "/needs-details#nd-a_b",
		"//evil.example/#x":        "/#x",
		"/x#<script>":              "/x",
		"https://evil.example/#ok": "/#ok",
	} {
		if got := returnWithRow(in); got != want {
			t.Errorf("returnWithRow(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzReturnWithRow: whatever a form sends as its way back, the redirect
// stays on this server and the fragment holds nothing but a row name.
func FuzzReturnWithRow(f *testing.F) {
	for _, s := range []string{"/needs-details#nd-a", "//evil.example", "/\\evil", "/%2f%2fevil#x", "#", "/a#b#c", "https://x/#y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := returnWithRow(s)
		if got == "" {
			if s != "" {
				t.Fatalf("%q gave no address", s)
			}
			return
		}
		p, frag, _ := strings.Cut(got, "#")
		if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
			t.Fatalf("%q leaves the server: %q", s, got)
		}
		if frag != "" && !rowFragment.MatchString(frag) {
			t.Fatalf("%q keeps the fragment %q", s, frag)
		}
	})
}
