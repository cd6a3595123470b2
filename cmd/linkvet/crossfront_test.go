package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
	"github.com/linkvet/linkvet/web"
)

// crossNow is the moment both front ends act at.
var crossNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// TestFrontEndsAgree runs every use case both front ends offer, once
// through the CLI's run() and once through the web app's HTTP endpoints,
// on two fresh stores, and requires identical store state: decisions,
// audit log, classifier counts, outreach log, policy versions and tags.
func TestFrontEndsAgree(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	policyText := "style: curated\nlearning:\n  enabled: true\n"
	policyFile := write("policy.yaml", policyText)
	addFile := write("add.json", `{"id": "manual-1", "message": "We met at the Kafka meetup in Lisbon last week.", "person": {"name": "Rui Made-Up", "profile_url": "https://www.linkedin.com/in/rui-made-up", "headline": "Data engineer"}}`)
	sentFile := write("sent.json", `{"direction": "outgoing", "message": "Hi Lea, I enjoyed your talk on stream processing.", "person": {"name": "Lea Made-Up", "profile_url": "https://www.linkedin.com/in/lea-made-up"}}`)
	export, err := filepath.Abs("../../linkedin/testdata/export-2024")
	if err != nil {
		t.Fatal(err)
	}
	var zipped bytes.Buffer
	if err := linkedin.ZipDir(export, &zipped); err != nil {
		t.Fatal(err)
	}

	// The CLI.
	cliDB := filepath.Join(dir, "cli.db")
	cli := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		all := append([]string{"--db", cliDB, "--now", crossNow.Format(time.RFC3339)}, args...)
		if err := run(context.Background(), all, strings.NewReader(""), &out, &errb); err != nil {
			t.Fatalf("linkvet %s: %v\n%s", strings.Join(args, " "), err, errb.String())
		}
		return out.String()
	}
	cli("policy", "use", policyFile)
	cli("import", export)
	cli("add", addFile)
	pending := pendingIDs(t, cliDB)
	if len(pending) < 3 {
		t.Fatalf("pending after import and add: %v", pending)
	}
	a, b := pending[0], pending[1]
	cli("decide", a, "accept")
	cli("decide", b, "decline")
	cli("decide", b, "undo")
	cli("decide", b, "block")
	cli("decide", "manual-1", "ask", "--note", "asked where we met")
	cli("followups", "done", a)
	cli("outreach", "sent", sentFile)
	sentID := outgoingID(t, cliDB, "lea-made-up")
	cli("outreach", "withdraw", sentID)
	cli("network", "tag", "harbor", "--company", "Harbor Metrics")

	// The web app and its API.
	webDB := filepath.Join(dir, "web.db")
	db, err := sqlite.Open(context.Background(), webDB)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetNow(func() time.Time { return crossNow })
	svc := service.New(service.Config{Store: db, Now: func() time.Time { return crossNow }})
	srv, err := web.New(web.Config{Service: svc, Now: func() time.Time { return crossNow }, TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	do := func(method, target, ctype, body string) {
		t.Helper()
		r := httptest.NewRequest(method, target, strings.NewReader(body))
		r.Host = "127.0.0.1:8080"
		r.Header.Set("Sec-Fetch-Site", "same-origin")
		if ctype != "" {
			r.Header.Set("Content-Type", ctype)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code >= 400 {
			t.Fatalf("%s %s: %d %s", method, target, w.Code, w.Body.String())
		}
	}
	form := func(target string, v url.Values) {
		do(http.MethodPost, target, "application/x-www-form-urlencoded", v.Encode())
	}
	decide := func(id, action, note string) {
		body, _ := json.Marshal(map[string]string{"action": action, "note": note})
		do(http.MethodPost, "/api/v1/invitations/"+url.PathEscape(id)+"/decision", "application/json", string(body))
	}
	do(http.MethodPut, "/api/v1/policy", "application/yaml", policyText)
	do(http.MethodPost, "/api/v1/import", "application/zip", zipped.String())
	form("/add", url.Values{"id": {"manual-1"}, "name": {"Rui Made-Up"}, "profile_url": {"https://www.linkedin.com/in/rui-made-up"},
		"headline": {"Data engineer"}, "message": {"We met at the Kafka meetup in Lisbon last week."}})
	decide(a, "accept", "")
	decide(b, "decline", "")
	decide(b, "undo", "")
	decide(b, "block", "")
	decide("manual-1", "ask", "asked where we met")
	form("/followups/"+url.PathEscape(a)+"/done", url.Values{})
	form("/outreach/sent", url.Values{"name": {"Lea Made-Up"}, "profile_url": {"https://www.linkedin.com/in/lea-made-up"},
		"message": {"Hi Lea, I enjoyed your talk on stream processing."}})
	if id := outgoingID(t, webDB, "lea-made-up"); id != sentID {
		t.Fatalf("the sent invitation is %q on the web, %q on the CLI", id, sentID)
	}
	form("/outreach/"+url.PathEscape(sentID)+"/event", url.Values{"kind": {"withdrawn"}})
	form("/network/tags", url.Values{"tag": {"harbor"}, "whom": {"company"}, "company": {"Harbor Metrics"}, "do": {"tag"}})

	cliState, webState := storeState(t, cliDB), storeState(t, webDB)
	if cliState != webState {
		t.Errorf("the front ends leave different stores:\n--- CLI\n%s\n--- web\n%s", cliState, webState)
	}
}

func pendingIDs(t *testing.T, path string) []string {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending := true
	items, _, err := db.Invitations(context.Background(), linkvet.InvitationFilter{Pending: &pending})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.Invitation.ID)
	}
	return ids
}

func outgoingID(t *testing.T, path, slug string) string {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	items, _, err := db.Invitations(context.Background(), linkvet.InvitationFilter{Direction: linkvet.Outgoing})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if strings.Contains(it.Invitation.Person.ProfileURL, slug) {
			return it.Invitation.ID
		}
	}
	t.Fatalf("no outgoing invitation to %s", slug)
	return ""
}

// storeState renders what the use cases write, with what legitimately
// differs between front ends (the policy's source, row times of the
// store's own bookkeeping) left out.
func storeState(t *testing.T, path string) string {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := service.New(service.Config{Store: db})
	var b strings.Builder
	enc := func(label string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(label + ": " + string(data) + "\n")
	}
	ds, err := db.Decisions(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	enc("decisions", ds)
	audit, err := db.Audit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	enc("audit", audit)
	st, err := svc.LearnStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	enc("classifier", st)
	if err := svc.Check(ctx); err != nil {
		t.Errorf("%s: %v", path, err)
	}
	os, err := db.OutreachState(ctx)
	if err != nil {
		t.Fatal(err)
	}
	enc("outreach", os.Events)
	pvs, err := db.Policies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pvs {
		pvs[i].Source = ""
	}
	enc("policies", pvs)
	known, err := db.Known(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, k := range known {
		for _, tag := range k.Tags {
			tags = append(tags, k.Name+"="+tag)
		}
	}
	enc("tags", tags)
	return b.String()
}
