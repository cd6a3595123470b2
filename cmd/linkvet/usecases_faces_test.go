package main

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/outreach"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
	"github.com/linkvet/linkvet/web"
)

// faces is one store reached through both faces: the CLI's run() and the
// web app's handler, and the service both call, at crossNow.
type faces struct {
	t   *testing.T
	dir string
	db  string // the store's file
	svc *service.Service
	h   http.Handler
}

func newFaces(t *testing.T) *faces {
	t.Helper()
	dir := t.TempDir()
	f := &faces{t: t, dir: dir, db: filepath.Join(dir, "linkvet.db")}
	export, err := filepath.Abs("../../linkedin/testdata/export-2024")
	if err != nil {
		t.Fatal(err)
	}
	f.cli("import", export)
	db, err := sqlite.Open(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetNow(func() time.Time { return crossNow })
	f.svc = service.New(service.Config{Store: db, Now: func() time.Time { return crossNow }})
	srv, err := web.New(web.Config{Service: f.svc, Now: func() time.Time { return crossNow }, TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	f.h = srv.Handler()
	return f
}

// cli runs linkvet on the store at crossNow and returns its standard output.
func (f *faces) cli(args ...string) string {
	f.t.Helper()
	var out, errb bytes.Buffer
	all := append([]string{"--db", f.db, "--now", crossNow.Format(time.RFC3339)}, args...)
	if err := run(context.Background(), all, strings.NewReader(""), &out, &errb); err != nil {
		f.t.Fatalf("linkvet %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

func (f *faces) write(name, text string) string {
	f.t.Helper()
	p := filepath.Join(f.dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		f.t.Fatal(err)
	}
	return p
}

// web sends one request as a same-origin browser on this machine would.
func (f *faces) web(method, target string, form url.Values) *httptest.ResponseRecorder {
	f.t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	if w.Code >= 400 {
		f.t.Fatalf("%s %s: %d %s", method, target, w.Code, w.Body.String())
	}
	return w
}

func (f *faces) page(target string) string {
	f.t.Helper()
	return f.web(http.MethodGet, target, nil).Body.String()
}

// sameJSON fails unless the CLI's --json output is the service's result.
func sameJSON(t *testing.T, what, cliOut string, result any) {
	t.Helper()
	data, err := json.Marshal(result)
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal([]byte(cliOut), &a); err != nil {
		t.Fatalf("%s: the CLI's output is not JSON: %v\n%s", what, err, cliOut)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("%s: the CLI says\n%s\nthe service says\n%s", what, ja, jb)
	}
}

// all returns group 1 of every match of re in s, unescaped.
func all(re *regexp.Regexp, s string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// section cuts the part of a page from the element with id start to the
// one with id end ("" for the rest).
func section(t *testing.T, page, start, end string) string {
	t.Helper()
	i := strings.Index(page, `id="`+start+`"`)
	if i < 0 {
		t.Fatalf("no element %q on the page", start)
	}
	page = page[i:]
	if end != "" {
		if j := strings.Index(page, `id="`+end+`"`); j >= 0 {
			page = page[:j]
		}
	}
	return page
}

var (
	bigRe       = regexp.MustCompile(`<span class="big">(\d+)</span>`)
	staleNameRe = regexp.MustCompile(`<span class="name"><bdi>([^<]*)</bdi></span></label>`)
	tagRowRe    = regexp.MustCompile(`<tr><td><bdi>([^<]*)</bdi></td><td class="num">\d+</td></tr>`)
	tagCountRe  = regexp.MustCompile(`<tr><td><bdi>[^<]*</bdi></td><td class="num">(\d+)</td></tr>`)
	findingRe   = regexp.MustCompile(`<li class="sev-([a-z]+)"><span class="sev">[a-z]+</span> <strong>([^<]*)</strong>`)
	cardIDRe    = regexp.MustCompile(`<li class="card[^"]*" data-id="([^"]*)">`)
	adviceRe    = regexp.MustCompile(`class="advice advice-([a-z_]+)"`)
	scoreRe     = regexp.MustCompile(`What speaks for and against sending \(score (-?\d+)\)`)
	reasonRe    = regexp.MustCompile(`<tr><td class="num">([-+]?\d+)</td><td>([^<]*)</td>`)
	answerRe    = regexp.MustCompile(`<li class="(yes|no)">`)
	draftRe     = regexp.MustCompile(`<pre id="note-draft-\d+" aria-labelledby="note-draft-\d+-h" dir="auto" lang="([^"]*)">([^<]*)</pre>`)
	followUpRe  = regexp.MustCompile(`<li class="card fu-([a-z_]+)" data-id="([^"]*)">`)
	recordedRe  = regexp.MustCompile(`<p class="done" role="status" id="recorded-done"><bdi>([^<]*)</bdi></p>`)
)

// TestNetworkThroughBothFaces: `linkvet network` and the Network page show
// what Service.Network says: the count against the cap, the stale
// connections in their order, the tags.
func TestNetworkThroughBothFaces(t *testing.T) {
	f := newFaces(t)
	f.cli("network", "tag", "harbor", "--company", "Harbor Metrics")
	n, err := f.svc.Network(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n.Connections == 0 || len(n.Stale) == 0 || len(n.Tags) == 0 {
		t.Fatalf("the fixture shows too little: %+v", n)
	}
	sameJSON(t, "network --json", f.cli("network", "--json"), n)

	text := f.cli("network")
	if want := "connections: " + strconv.Itoa(n.Connections) + " of " + strconv.Itoa(n.Cap); !strings.Contains(text, want) {
		t.Errorf("the CLI's summary lacks %q:\n%s", want, text)
	}
	if want := "): " + strconv.Itoa(len(n.Stale)) + "\n"; !strings.Contains(text, want) {
		t.Errorf("the CLI's summary does not count %d stale:\n%s", len(n.Stale), text)
	}
	var stale []string
	for _, st := range n.Stale {
		stale = append(stale, st.Person.Name)
	}
	// The CLI prints the stale in the service's order, one a line.
	at := 0
	for _, name := range stale[:min(len(stale), staleShown)] {
		i := strings.Index(text[at:], "  "+name)
		if i < 0 {
			t.Fatalf("the CLI does not list %q in order after byte %d:\n%s", name, at, text)
		}
		at += i + len(name)
	}

	pg := f.page("/network")
	if got := all(bigRe, section(t, pg, "cap", "stale")); len(got) != 1 || got[0] != strconv.Itoa(n.Connections) {
		t.Errorf("the page counts %v connections, the service %d", got, n.Connections)
	}
	if got := all(staleNameRe, section(t, pg, "stale", "tags")); !slices.Equal(got, stale[:min(len(stale), web.StaleShown)]) {
		t.Errorf("the page lists the stale as\n%q\nthe service as\n%q", got, stale)
	}
	var tags, counts []string
	for _, tc := range n.Tags {
		tags, counts = append(tags, tc.Tag), append(counts, strconv.Itoa(tc.Count))
	}
	tagsHTML := section(t, pg, "tags", "profile")
	if got := all(tagRowRe, tagsHTML); !slices.Equal(got, tags) {
		t.Errorf("the page's tags %q, the service's %q", got, tags)
	}
	if got := all(tagCountRe, tagsHTML); !slices.Equal(got, counts) {
		t.Errorf("the page's tag counts %q, the service's %q", got, counts)
	}
	if !strings.Contains(tagsHTML, "Connections without a tag: "+strconv.Itoa(n.Untagged)) {
		t.Errorf("the page does not count %d untagged", n.Untagged)
	}
}

// taggedAs lists, sorted, the names of the people who carry tag.
func (f *faces) taggedAs(tag string) []string {
	f.t.Helper()
	known, err := f.svc.Store().Known(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, k := range known {
		if slices.Contains(k.Tags, tag) {
			out = append(out, k.Name)
		}
	}
	slices.Sort(out)
	return out
}

// TestTagSelectionsThroughBothFaces: "tag --stale" and "tag --company" on
// the CLI, and the Network page's "all gone quiet" and "everyone at a
// company", tag exactly the people Service.StaleConnections and
// Service.PeopleAt name.
func TestTagSelectionsThroughBothFaces(t *testing.T) {
	f := newFaces(t)
	ctx := context.Background()
	stale, err := f.svc.StaleConnections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, st := range stale {
		want = append(want, st.Person.Name)
	}
	slices.Sort(want)
	if len(want) == 0 {
		t.Fatal("the fixture has no stale connection")
	}
	f.cli("network", "tag", "cli-stale", "--stale")
	w := f.web(http.MethodPost, "/network/tags", url.Values{"tag": {"web-stale"}, "whom": {"stale"}, "do": {"tag"}})
	if loc := w.Header().Get("Location"); !strings.Contains(loc, "changed="+strconv.Itoa(len(want))+"&") {
		t.Errorf("the page tagged %s, the service names %d", loc, len(want))
	}
	if cli, pg := f.taggedAs("cli-stale"), f.taggedAs("web-stale"); !slices.Equal(cli, want) || !slices.Equal(pg, want) {
		t.Errorf("stale: the CLI tagged %q, the page %q, the service names %q", cli, pg, want)
	}

	for _, company := range []string{"harbor METRICS", "Lumen Freight", "Lumen"} {
		at, err := f.svc.PeopleAt(ctx, company)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, k := range at {
			want = append(want, k.Name)
		}
		slices.Sort(want)
		if len(want) == 0 {
			t.Fatalf("nobody at %q", company)
		}
		cliTag, webTag := "cli "+company, "web "+company
		f.cli("network", "tag", cliTag, "--company", company)
		f.web(http.MethodPost, "/network/tags", url.Values{"tag": {webTag}, "whom": {"company"}, "company": {company}, "do": {"tag"}})
		if cli, pg := f.taggedAs(cliTag), f.taggedAs(webTag); !slices.Equal(cli, want) || !slices.Equal(pg, want) {
			t.Errorf("at %q: the CLI tagged %q, the page %q, the service names %q", company, cli, pg, want)
		}
	}

	// Names resolve through Service.PeopleNamed: the keys it returns tag
	// the same people as the CLI's PERSON arguments.
	keys, err := f.svc.PeopleNamed(ctx, []string{"wei chen", "https://www.linkedin.com/in/aisha-bello"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Tag(ctx, keys, "svc-named"); err != nil {
		t.Fatal(err)
	}
	f.cli("network", "tag", "cli-named", "wei chen", "https://www.linkedin.com/in/aisha-bello")
	if cli, svc := f.taggedAs("cli-named"), f.taggedAs("svc-named"); !slices.Equal(cli, svc) || len(cli) != 2 {
		t.Errorf("named: the CLI tagged %q, the service's keys %q", cli, svc)
	}
}

// TestProfileCheckThroughBothFaces: `linkvet profile check` and the
// Network page's profile section show Service.CheckProfile's findings.
func TestProfileCheckThroughBothFaces(t *testing.T) {
	f := newFaces(t)
	rep, err := f.svc.CheckProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) == 0 || !rep.Partial {
		t.Fatalf("the stored profile's check: %+v", rep)
	}
	sameJSON(t, "profile check --json", f.cli("profile", "check", "--json"), map[string]any{"profile": rep.Profile, "partial": rep.Partial, "findings": rep.Findings})
	text := f.cli("profile", "check")
	var want []string
	for _, fd := range rep.Findings {
		want = append(want, fd.Severity+" "+fd.Message)
		if !strings.Contains(text, fd.Message) {
			t.Errorf("the CLI does not say %q:\n%s", fd.Message, text)
		}
	}
	var got []string
	for _, m := range findingRe.FindAllStringSubmatch(section(t, f.page("/network"), "profile", ""), -1) {
		got = append(got, m[1]+" "+html.UnescapeString(m[2]))
	}
	if !slices.Equal(got, want) {
		t.Errorf("the page's findings\n%q\nthe service's\n%q", got, want)
	}

	// An export is checked in full without a store.
	export, err := filepath.Abs("../../linkedin/testdata/export-2024")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if err := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "none.db"), "profile", "check", "--json", export}, strings.NewReader(""), &out, &errb); err != nil {
		t.Fatalf("profile check EXPORT without a store: %v\n%s", err, errb.String())
	}
	var full struct {
		Partial bool `json:"partial"`
	}
	if err := json.Unmarshal(out.Bytes(), &full); err != nil || full.Partial {
		t.Errorf("profile check EXPORT: %v %s", err, out.String())
	}
}

// TestOutreachThroughBothFaces: the plan of `linkvet outreach plan` and
// of the Outreach page is Service.Plan's; a person vetted with `outreach
// check` and with the page's form gets Service.CheckTarget's answer; a
// withdrawal recorded says the same date to invite again on both faces.
func TestOutreachThroughBothFaces(t *testing.T) {
	f := newFaces(t)
	ctx := context.Background()
	f.cli("outreach", "sent", f.write("lea.json", `{"direction": "outgoing", "message": "Hi Lea, I enjoyed your talk on stream processing.", "person": {"name": "Lea Made-Up", "profile_url": "https://www.linkedin.com/in/lea-made-up"}}`))
	f.cli("outreach", "sent", f.write("max.json", `{"direction": "outgoing", "person": {"name": "Max Made-Up", "profile_url": "https://www.linkedin.com/in/max-made-up"}}`))
	maxID := outgoingID(t, f.db, "max-made-up")
	withdrawn := f.cli("outreach", "withdraw", maxID)

	// The plan.
	plan, _, err := f.svc.Plan(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Pending) == 0 || len(plan.DoNotReinvite) == 0 {
		t.Fatalf("the fixture's plan shows too little: %+v", plan)
	}
	sameJSON(t, "outreach plan --json", f.cli("outreach", "plan", "--json"), plan)
	text := f.cli("outreach", "plan")
	if want := "pending: " + strconv.Itoa(len(plan.Pending)) + "\n"; !strings.Contains(text, want) {
		t.Errorf("the CLI's plan lacks %q:\n%s", want, text)
	}
	var pending, donot []string
	for _, tr := range plan.Pending {
		pending = append(pending, tr.ID)
		if !strings.Contains(text, tr.ID) {
			t.Errorf("the CLI's plan does not list %s", tr.ID)
		}
	}
	for _, tr := range plan.DoNotReinvite {
		donot = append(donot, tr.ID)
	}
	pg := f.page("/outreach")
	planHTML := section(t, pg, "plan", "")
	if got := all(cardIDRe, section(t, planHTML, "pending-h", "donot-h")); !slices.Equal(got, pending) {
		t.Errorf("the page's pending %q, the service's %q", got, pending)
	}
	if got := all(cardIDRe, section(t, planHTML, "donot-h", "")); !slices.Equal(got, donot) {
		t.Errorf("the page's do-not-invite %q, the service's %q", got, donot)
	}
	if got := all(bigRe, section(t, planHTML, "budget", "notes-left")); len(got) != 1 || got[0] != strconv.Itoa(plan.LeftThisWeek) {
		t.Errorf("the page leaves %v this week, the service %d", got, plan.LeftThisWeek)
	}
	if !strings.Contains(planHTML, html.EscapeString(plan.Spacing)) {
		t.Errorf("the page does not say %q", plan.Spacing)
	}

	// What the withdrawal means.
	tr, err := f.svc.SentInvitation(ctx, maxID)
	if err != nil {
		t.Fatal(err)
	}
	again := tr.ReinviteAt.Format("2006-01-02")
	if tr.Status != outreach.StatusWithdrawn || !strings.Contains(withdrawn, "You can invite them again from "+again+".") {
		t.Errorf("the CLI said %q; the service: %s, again from %s", withdrawn, tr.Status, again)
	}
	if got := all(recordedRe, f.page("/outreach?recorded="+url.QueryEscape(maxID))); len(got) != 1 || !strings.Contains(got[0], "invite them again from "+again+".") {
		t.Errorf("the page says %q; the service: again from %s", got, again)
	}

	// Vetting a person.
	reason := "compare notes on stream processing for freight"
	target := linkvet.Invitation{Direction: linkvet.Outgoing,
		Message: "Hi Ines, I run the data platform at Lumen Freight and read your post on Kafka failover; I would like to swap notes on it.",
		Person:  linkvet.Person{Name: "Ines Made-Up", ProfileURL: "https://www.linkedin.com/in/ines-made-up", Headline: "Streaming engineer", Company: "Harbor Metrics"},
		Shared:  linkvet.Shared{Groups: []string{"Kafka Users Leeds"}}}
	data, err := json.Marshal(target)
	if err != nil {
		t.Fatal(err)
	}
	target.ID = linkvet.InvitationID(&target)
	c, _, err := f.svc.CheckTarget(ctx, &target, reason, "")
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "outreach check --json", f.cli("outreach", "check", f.write("ines.json", string(data)), "--reason", reason, "--json"), c)
	text = f.cli("outreach", "check", f.write("ines.json", string(data)), "--reason", reason)
	if want := "(score " + strconv.Itoa(c.Score) + ")"; !strings.Contains(text, want) {
		t.Errorf("the CLI's check lacks %q:\n%s", want, text)
	}
	w := f.web(http.MethodPost, "/outreach/check", url.Values{"name": {target.Person.Name}, "profile_url": {target.Person.ProfileURL},
		"headline": {target.Person.Headline}, "company": {target.Person.Company}, "message": {target.Message},
		"shared_groups": {"Kafka Users Leeds"}, "reason": {reason}})
	res := section(t, w.Body.String(), "check-result", "vet")
	if got := all(adviceRe, res); len(got) != 1 || got[0] != string(c.Advice) {
		t.Errorf("the page advises %q, the service %q", got, c.Advice)
	}
	if got := all(scoreRe, res); len(got) != 1 || got[0] != strconv.Itoa(c.Score) {
		t.Errorf("the page scores %q, the service %d", got, c.Score)
	}
	var reasons []string
	for _, rs := range c.Reasons {
		reasons = append(reasons, strconv.Itoa(rs.Points)+" "+strings.ReplaceAll(rs.Rule, "_", " "))
	}
	var got []string
	for _, m := range reasonRe.FindAllStringSubmatch(html.UnescapeString(res), -1) { // html/template writes + as &#43;
		got = append(got, strings.TrimPrefix(m[1], "+")+" "+m[2])
	}
	if !slices.Equal(got, reasons) {
		t.Errorf("the page's reasons\n%q\nthe service's\n%q", got, reasons)
	}
	var answers []string
	for _, q := range c.Questions {
		answers = append(answers, map[bool]string{true: "yes", false: "no"}[q.Yes])
	}
	if got := all(answerRe, section(t, res, "check-next", "")); !slices.Equal(got, answers) {
		t.Errorf("the page answers %q, the service %q", got, answers)
	}

	// Drafts, for a target without a note: the page offers what
	// Service.DraftNotes writes, and so does `linkvet note draft`: the
	// same notes, although the page vets the person under the id the store
	// would give them and `note draft` reads a file without one (the
	// service seeds the notes by the person, not by a derived id).
	bare := target
	bare.Message, bare.ID = "", ""
	data, err = json.Marshal(bare)
	if err != nil {
		t.Fatal(err)
	}
	_, drafts, err := f.svc.DraftNotes(ctx, &bare, reason, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) == 0 {
		t.Fatal("no drafts for the bare target")
	}
	sameJSON(t, "note draft --json", f.cli("note", "draft", "--to", f.write("bare.json", string(data)), "--reason", reason, "--json"), drafts)
	w = f.web(http.MethodPost, "/outreach/check", url.Values{"name": {bare.Person.Name}, "profile_url": {bare.Person.ProfileURL},
		"headline": {bare.Person.Headline}, "company": {bare.Person.Company},
		"shared_groups": {"Kafka Users Leeds"}, "reason": {reason}})
	withID := bare
	withID.ID = linkvet.InvitationID(&withID)
	lang, withIDDrafts, err := f.svc.DraftNotes(ctx, &withID, reason, "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withIDDrafts, drafts) {
		t.Errorf("with the id the store would give, the service drafts\n%v\nwithout it\n%v", withIDDrafts, drafts)
	}
	var want []string
	for _, d := range drafts {
		want = append(want, d.Language+" "+d.Note)
	}
	got = nil
	for _, m := range draftRe.FindAllStringSubmatch(w.Body.String(), -1) {
		got = append(got, m[1]+" "+html.UnescapeString(m[2]))
	}
	if !slices.Equal(got, want) || lang != drafts[0].Language {
		t.Errorf("the page drafts\n%q\nthe service\n%q", got, want)
	}
}

// TestFollowUpsThroughBothFaces: `linkvet followups --all` and the
// Follow-ups page list what Service.FollowUps says is owed, with the same
// status each; marking one done on the CLI says when to give up on an
// answer, as Service.Mark dates it.
func TestFollowUpsThroughBothFaces(t *testing.T) {
	f := newFaces(t)
	ctx := context.Background()
	pending := pendingIDs(t, f.db)
	if len(pending) < 2 {
		t.Fatalf("pending: %v", pending)
	}
	f.cli("decide", pending[0], "accept")
	f.cli("decide", pending[1], "accept")
	done := f.cli("followups", "done", pending[1])
	list, _, err := f.svc.FollowUps(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("follow-ups: %+v", list)
	}
	sameJSON(t, "followups --all --json", f.cli("followups", "--all", "--json"), list)
	var want []string
	for _, fu := range list {
		want = append(want, string(fu.Status)+" "+fu.InvitationID)
	}
	slices.Sort(want)
	var got []string
	for _, m := range followUpRe.FindAllStringSubmatch(f.page("/followups"), -1) {
		got = append(got, m[1]+" "+html.UnescapeString(m[2]))
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("the page's follow-ups %q, the service's %q", got, want)
	}
	st, err := f.svc.Store().OutreachState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range st.Events {
		if ev.InvitationID == pending[1] && ev.Kind == outreach.EventFollowUpDone {
			if want := "If they have not answered by " + ev.At.Add(outreach.Days(7)).Format("2006-01-02"); !strings.Contains(done, want) {
				t.Errorf("the CLI said %q, want %q", done, want)
			}
			return
		}
	}
	t.Errorf("no follow-up recorded for %s", pending[1])
}
