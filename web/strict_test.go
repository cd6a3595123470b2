package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

func TestEmptyPolicyRefused(t *testing.T) {
	e := newTestEnv(t)
	before := e.get("/api/v1/policy").Body.String()
	for _, body := range []string{"", "  \n\t\n"} {
		w := e.do(http.MethodPut, "/api/v1/policy", strings.NewReader(body), "Content-Type", "application/yaml")
		wantStatus(t, w, http.StatusBadRequest)
		if _, msg := apiError(t, w); !strings.Contains(msg, "empty") {
			t.Errorf("message %q", msg)
		}
	}
	w := e.postForm("/policy", url.Values{"do": {"save"}, "yaml": {"   \r\n"}})
	wantStatus(t, w, http.StatusBadRequest)
	if !strings.Contains(w.Body.String(), "the policy is empty") {
		t.Errorf("page: %s", clip(w.Body.String(), 300))
	}
	after := e.get("/api/v1/policy")
	wantStatus(t, after, http.StatusOK)
	if strings.TrimSpace(after.Body.String()) == "" || after.Body.String() != before {
		t.Errorf("the policy changed or is empty: %q", clip(after.Body.String(), 100))
	}
}

func TestPolicyNeverEmptyOnAFreshStore(t *testing.T) {
	e := newTestEnv(t)
	// The demo stores its policy; a store with none serves the defaults.
	w := e.get("/api/v1/policy")
	if strings.TrimSpace(w.Body.String()) == "" {
		t.Fatal("GET /api/v1/policy is empty")
	}
}

func TestHistoryReportsUndo(t *testing.T) {
	e := newTestEnv(t)
	wantStatus(t, e.postJSON("/api/v1/invitations/demo-03/decision", `{"action":"decline"}`), http.StatusCreated)
	w := e.postJSON("/api/v1/invitations/demo-03/decision", `{"action":"UNDO"}`)
	wantStatus(t, w, http.StatusCreated)
	var d struct{ Action string }
	if json.Unmarshal(w.Body.Bytes(), &d); d.Action != "undo" {
		t.Errorf("the undo answered action %q", d.Action)
	}
	w = e.get("/api/v1/invitations/demo-03")
	var got struct {
		Pending bool
		History []struct {
			Action string `json:"action"`
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Pending || len(got.History) != 2 || got.History[0].Action != "decline" || got.History[1].Action != "undo" {
		t.Errorf("history %+v", got)
	}
}

// The user's own sent invitations are not incoming: never in the inbox,
// never decidable, screened as what they are.
func TestOutgoingNotDecidable(t *testing.T) {
	e := newTestEnv(t)
	w := e.postForm("/outreach/sent", url.Values{"name": {"Mirela Kovač"}, "reason": {"compare notes on failover"}})
	if w.Code >= 400 {
		t.Fatalf("record sent: %d %s", w.Code, clip(w.Body.String(), 300))
	}
	out, _, err := e.db.Invitations(t.Context(), linkvet.InvitationFilter{Direction: linkvet.Outgoing})
	if err != nil || len(out) == 0 {
		t.Fatalf("no outgoing invitation stored (%v)", err)
	}
	id := out[0].Invitation.ID
	w = e.postJSON("/api/v1/invitations/"+url.PathEscape(id)+"/decision", `{"action":"accept"}`)
	if w.Code < 400 || w.Code >= 500 {
		t.Errorf("deciding on an outgoing invitation: %d", w.Code)
	}
	w = e.postForm("/invitations/"+url.PathEscape(id)+"/decision", url.Values{"action": {"accept"}})
	if w.Code < 400 || w.Code >= 500 {
		t.Errorf("deciding on an outgoing invitation by form: %d", w.Code)
	}
	page := e.get("/invitations/" + url.PathEscape(id)).Body.String()
	if strings.Contains(page, `name="action" value="accept"`) || !strings.Contains(page, "An invitation you sent") {
		t.Errorf("the page of a sent invitation offers decisions")
	}
	if strings.Contains(e.get("/").Body.String(), `data-id="`+id+`"`) {
		t.Error("a sent invitation is in the inbox")
	}
	w = e.postJSON("/api/v1/screen", `{"direction":"outgoing","person":{"name":"Mirela Kovač"},"message":"Hi, loved your talk"}`)
	wantStatus(t, w, http.StatusOK)
	var got struct {
		Direction string
		Action    string
		Check     struct{ Advice, Next string }
	}
	json.Unmarshal(w.Body.Bytes(), &got)
	if got.Direction != "outgoing" || got.Action != "" || got.Check.Advice == "" {
		t.Errorf("an outgoing invitation screened as incoming: %s", clip(w.Body.String(), 300))
	}
}

// "Add what LinkedIn shows" keeps the send time: the form shows the date,
// and the time comes back when the date was left alone.
func TestAddFormKeepsSendTime(t *testing.T) {
	sent := time.Date(2026, 11, 20, 14, 35, 12, 0, time.UTC)
	inv := linkvet.Invitation{ID: "x", Person: linkvet.Person{Name: "Ana Ruiz"}, SentAt: &sent}
	vals := invitationValues(&inv)
	got, errs := parseInvitationForm(vals)
	if len(errs) > 0 || got.SentAt == nil || !got.SentAt.Equal(sent) {
		t.Fatalf("sent at %v (%v), want %v", got.SentAt, errs, sent)
	}
	vals.Set("sent_at", "2026-11-21")
	got, _ = parseInvitationForm(vals)
	if got.SentAt == nil || got.SentAt.Format("2006-01-02") != "2026-11-21" {
		t.Errorf("a changed date: %v", got.SentAt)
	}
	body := newTestEnv(t).get("/add?from=demo-01").Body.String()
	if !strings.Contains(body, `name="sent_at_full"`) {
		t.Error("the add form does not carry the send time")
	}
}

// Deciding the last row of the last page lands on a page that exists.
func TestLastPageAfterDecidingItsLastRow(t *testing.T) {
	e := newTestEnv(t)
	w := e.get("/?page=9")
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/" {
		t.Errorf("page 9 of one page: to %q", loc)
	}
	w = e.get("/?page=3&category=stranger&done=demo-05")
	if loc := w.Header().Get("Location"); loc != "/?category=stranger&done=demo-05" {
		t.Errorf("to %q", loc)
	}
}

func TestReportReasonFitsTheEvidence(t *testing.T) {
	scam := linkvet.Verdict{Reasons: []linkvet.Reason{{Rule: "photo", Points: -8, Detail: "the photo is a stock image"}, {Rule: "investment_scam", Points: -24, Detail: "promises investment returns"}}}
	if got := reportReason(scam); !strings.Contains(got, "Scam") {
		t.Errorf("an investment scam: %s", got)
	}
	fake := linkvet.Verdict{Reasons: []linkvet.Reason{{Rule: "photo", Points: -8, Detail: "the photo looks generated"}}}
	if got := reportReason(fake); !strings.Contains(got, "Fake account") {
		t.Errorf("a made-up profile: %s", got)
	}
	imp := linkvet.Verdict{Reasons: []linkvet.Reason{{Rule: "impersonation", Points: -30, Detail: "uses the name of a celebrity"}}}
	if got := reportReason(imp); !strings.Contains(got, "Pretending") {
		t.Errorf("an impersonator: %s", got)
	}
}
