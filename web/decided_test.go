package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// On the invitation page, a standing decision is what the buttons show as
// current: its button is highlighted and pressed, labelled as the user's
// decision, while linkvet's recommendation stays marked as recommended.
// Without a decision the recommendation is the highlighted button.
func TestInvitationButtonsShowTheStandingDecision(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	res, err := e.srv.svc.Add(ctx, []linkvet.Invitation{{ID: "decided-1",
		Person: linkvet.Person{Name: "Quinn Stray", ProfileURL: "https://www.linkedin.com/in/quinn-stray-test"}}})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Items[0].Verdict.Action
	if rec == linkvet.Block {
		t.Fatalf("the fixture should not be advised block")
	}
	button := func(body string, a linkvet.Action) string {
		t.Helper()
		m := regexp.MustCompile(`<button [^>]*value="` + string(a) + `"[^>]*>.*?</button>`).FindString(body)
		if m == "" {
			t.Fatalf("no %s button in\n%s", a, body)
		}
		return m
	}

	body := e.get("/invitations/decided-1").Body.String()
	if b := button(body, rec); !strings.Contains(b, "btn primary") || !strings.Contains(b, "data-rec") {
		t.Errorf("undecided: the recommendation %s is not the highlighted button: %s", rec, b)
	}
	if strings.Contains(body, "aria-pressed") {
		t.Error("undecided: a button is shown pressed")
	}

	w := e.postForm("/invitations/decided-1/decision", url.Values{"action": {"block"}})
	if w.Code != http.StatusSeeOther && w.Code != http.StatusOK {
		t.Fatalf("deciding block: status %d", w.Code)
	}
	body = e.get("/invitations/decided-1").Body.String()
	blk := button(body, linkvet.Block)
	for _, want := range []string{"btn primary", `aria-pressed="true"`, "your decision"} {
		if !strings.Contains(blk, want) {
			t.Errorf("decided block: the block button lacks %q: %s", want, blk)
		}
	}
	r := button(body, rec)
	if strings.Contains(r, "btn primary") || !strings.Contains(r, `aria-pressed="false"`) {
		t.Errorf("decided block: the recommendation %s is still highlighted: %s", rec, r)
	}
	if !strings.Contains(r, "data-rec") || !strings.Contains(r, "recommended") {
		t.Errorf("decided block: the recommendation %s is no longer marked: %s", rec, r)
	}
	if n := strings.Count(body, `aria-pressed="true"`); n != 1 {
		t.Errorf("%d buttons pressed, want the standing decision's only", n)
	}
}
