package service_test

// Second review of the listing-first inbox (d35c31c and after): readers
// of verdicts outside service.Fresh, the API's lists, the 3-pass relist,
// --policy runs and upgraded stores. Tests named TestReview2... that fail
// name a bug (see the report); the others are regression tests of what
// held. Helpers rv* are review_lazy_test.go's.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// TestReview2APIPendingFilterAfterPolicyChangeWithUnsettled: an import of
// an export without Connections.csv leaves demo-01 unsettled (out of the
// inbox; the API lists it). The user changes the policy: demo-01 goes
// from accept to ignore. GET /api/v1/invitations?pending=true&action=...
// (service.Invitations) relists only what the inbox lists, so demo-01's
// listing stays the old policy's, and the filter selects by it while the
// page shows the verdict screened afresh: action=accept returns demo-01
// with an ignore verdict, action=ignore leaves it out.
func TestReview2APIPendingFilterAfterPolicyChangeWithUnsettled(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	inv := rvRaw(t, db, "demo-01")
	if _, err := db.Import(ctx, &linkvet.Export{ConnectionsMissing: true, Incoming: []linkvet.Invitation{inv}}); err != nil {
		t.Fatal(err)
	}
	un, err := db.Unsettled(ctx)
	if err != nil || !un["demo-01"] {
		t.Fatalf("fixture: demo-01 unsettled: %v %v", un, err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	_, want := rvWant(t, db, nil)
	if want["demo-01"].Action != linkvet.Ignore {
		t.Fatalf("fixture: demo-01 is %s under curated, want ignore", want["demo-01"].Action)
	}
	pending := true
	for _, a := range []linkvet.Action{linkvet.Accept, linkvet.Ignore} {
		items, total, err := svc.Invitations(ctx, linkvet.InvitationFilter{Pending: &pending, Action: a})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, si := range items {
			if si.Verdict == nil || si.Verdict.Action != a {
				t.Errorf("pending&action=%s returns %s with a verdict %s", a, si.Invitation.ID, si.Verdict.Action)
			}
			if si.Invitation.ID == "demo-01" {
				found = true
			}
		}
		if (a == linkvet.Ignore) != found {
			t.Errorf("pending&action=%s: demo-01 (screened afresh: ignore) listed: %v (total %d)", a, found, total)
		}
	}
}

// r2CheckAPI holds service.Invitations (GET /api/v1/invitations) to
// screening afresh: for pending true, false and either, unfiltered and
// by every action, the invitations selected (in the store's order, paged
// by 3), their total, and each verdict shown.
func r2CheckAPI(t *testing.T, svc *service.Service, db *sqlite.DB, override *service.Override, when string) {
	t.Helper()
	ctx := context.Background()
	raw, want := rvWant(t, db, override)
	for _, p := range []*bool{nil, ptrBool(true), ptrBool(false)} {
		for _, a := range append([]linkvet.Action{""}, linkvet.Actions...) {
			var wantIDs []string
			for _, si := range raw {
				pending := linkvet.Standing(si.Decision) == nil
				if p != nil && *p != pending || a != "" && want[si.Invitation.ID].Action != a {
					continue
				}
				wantIDs = append(wantIDs, si.Invitation.ID)
			}
			var got []string
			for off := 0; off < len(wantIDs)+3; off += 3 {
				items, total, err := svc.Invitations(ctx, linkvet.InvitationFilter{Pending: p, Action: a, Offset: off, Limit: 3})
				if err != nil {
					t.Fatal(err)
				}
				if total != len(wantIDs) {
					t.Errorf("%s: API pending=%v action=%q offset %d: total %d, screening afresh selects %d", when, r2Bool(p), a, off, total, len(wantIDs))
				}
				for _, si := range items {
					got = append(got, si.Invitation.ID)
					w := want[si.Invitation.ID]
					if rvJSON(si.Verdict) != rvJSON(&w) {
						t.Errorf("%s: API pending=%v action=%q: %s shows %s/%d, screening afresh gives %s/%d", when, r2Bool(p), a, si.Invitation.ID, si.Verdict.Action, si.Verdict.Score, w.Action, w.Score)
					}
				}
			}
			if !slices.Equal(got, wantIDs) {
				t.Errorf("%s: API pending=%v action=%q lists %v, screening afresh selects %v", when, r2Bool(p), a, got, wantIDs)
			}
		}
	}
}

func ptrBool(b bool) *bool { return &b }

func r2Bool(p *bool) string {
	if p == nil {
		return "any"
	}
	return fmt.Sprint(*p)
}

// TestReview2SequencesThroughTheAPI: the API's list (checked first after
// every step, before anything else reads or lists) through policy
// changes, a --policy run, decisions and their undo, a batch of applied
// recommendations and its undo, and enrichments, then the inbox and whole
// reads.
func TestReview2SequencesThroughTheAPI(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	check := func(s *service.Service, o *service.Override, when string) {
		t.Helper()
		r2CheckAPI(t, s, db, o, when)
		rvCheckInbox(t, s, db, o, when)
	}
	check(svc, nil, "demo")
	rvUse(t, svc, "style: curated\n")
	check(svc, nil, "curated")
	rvUse(t, svc, "style: open\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open, listed first")
	if _, err := svc.Decide(ctx, "demo-01", linkvet.Decline, ""); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "curated, one decided")
	b, err := svc.ApplyRecommendations(ctx, service.InboxFilter{}, []linkvet.Action{linkvet.Ignore})
	if err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: open\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{All: true}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open after a batch")
	if b.Decided > 0 {
		if _, err := svc.UndoBatch(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Undo(ctx, "demo-01"); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open, batch and decision undone")
	run := &service.Override{Name: "curated.yaml", Text: []byte("style: curated\n")}
	runSvc := service.New(service.Config{Store: db, Now: service.DemoNow, Override: run})
	if _, err := runSvc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open after a --policy run listed")
	check(runSvc, run, "the --policy run")
	inv := rvRaw(t, db, "demo-05")
	inv.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100"
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{inv}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open, one enriched")
	rvCheckWhole(t, svc, db, nil, "open, one enriched")
}

// TestReview2DecisionsAndUndosBetweenListOnlyInboxes: each decision and
// undo trains the classifier (a new state), so every inbox after one
// finds the listings of the state before unchanged but for the decided
// one: they are marked current in bulk (the pending ones of the old
// state) or by an alias. Decisions, undos, a batch and its undo come
// between list-only inboxes after a policy change; after each step the
// inbox, the API and (at the end) whole reads agree with screening afresh.
func TestReview2DecisionsAndUndosBetweenListOnlyInboxes(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	inbox := func(all bool) {
		t.Helper()
		if _, err := svc.Inbox(ctx, service.InboxFilter{All: all}); err != nil {
			t.Fatal(err)
		}
	}
	inbox(false)
	for i, id := range []string{"demo-03", "demo-07", "demo-11"} {
		if _, err := svc.Decide(ctx, id, linkvet.Decline, ""); err != nil {
			t.Fatal(err)
		}
		inbox(i%2 == 0)
	}
	rvCheckInbox(t, svc, db, nil, "three decided")
	if _, err := svc.Undo(ctx, "demo-07"); err != nil {
		t.Fatal(err)
	}
	inbox(false)
	if _, err := svc.Decide(ctx, "demo-03", linkvet.Accept, ""); err != nil {
		t.Fatal(err)
	}
	r2CheckAPI(t, svc, db, nil, "undo and a changed decision")
	rvCheckInbox(t, svc, db, nil, "undo and a changed decision")
	b, err := svc.ApplyRecommendations(ctx, service.InboxFilter{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	inbox(true)
	rvUse(t, svc, "style: open\n")
	inbox(false)
	if _, err := svc.UndoBatch(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	inbox(false)
	rvCheckInbox(t, svc, db, nil, "batch undone under another policy")
	r2CheckAPI(t, svc, db, nil, "batch undone under another policy")
	rvCheckWhole(t, svc, db, nil, "batch undone under another policy")
}

// TestReview2InboxDuringAPolicyChangeListsEverything: the web server
// lists the inbox after a policy change (every listing stale); between
// its read of the stale invitations and its screening, the CLI changes the
// policy again (or, with learning on, records a decision: a new state
// too). The inbox screens and keeps the listings under the newest state
// (rescreen builds the engine anew), then lists under the state it read
// first, in which nothing is current any more: the page comes back
// without the invitations screened, and the 3-pass relist cannot help
// (it asks again under the same old state). Every pending invitation must
// be on the page, under one policy or the other.
func TestReview2InboxDuringAPolicyChangeListsEverything(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	rvLoad(t, web)
	raw, _ := rvWant(t, dbA, nil)
	pending := 0
	for _, si := range raw {
		if linkvet.Standing(si.Decision) == nil {
			pending++
		}
	}
	rvUse(t, cli, "style: curated\n")
	hs.afterUnlisted = func() { rvUse(t, cli, "style: open\n") }
	page, err := web.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != pending || len(page.Items) != pending {
		t.Errorf("the inbox listed while the policy changed shows %d invitations (total %d); %d are pending", len(page.Items), page.Total, pending)
	}
	// The next inbox is whole again.
	rvCheckInbox(t, web, dbA, nil, "the inbox after")
}

// TestReview2InboxDuringADecisionListsEverything: as
// TestReview2InboxDuringAPolicyChangeListsEverything, in one web server:
// with learning on (the default) a decision trains the classifier, a new
// state. The user decides in one tab; the inbox, listed in another after
// the decision before, is screened under the state after it and listed
// under the state before: it comes back without the invitations screened.
func TestReview2InboxDuringADecisionListsEverything(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	hs := &rvHookStore{DB: db}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	rvLoad(t, web)
	if _, err := web.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	before, err := web.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := web.Decide(ctx, "demo-03", linkvet.Decline, ""); err != nil {
		t.Fatal(err)
	}
	if after, _ := web.State(ctx); after == before {
		t.Fatalf("fixture: a decision should train the classifier (a new state), state %q", after)
	}
	hs.afterUnlisted = func() {
		if _, err := web.Decide(ctx, "demo-07", linkvet.Decline, ""); err != nil {
			t.Error(err)
		}
	}
	page, err := web.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := rvWant(t, db, nil)
	pending := 0
	for _, si := range raw {
		if linkvet.Standing(si.Decision) == nil {
			pending++
		}
	}
	if page.Total < pending || len(page.Items) < pending {
		t.Errorf("the inbox listed while a decision was recorded shows %d invitations (total %d); %d are pending", len(page.Items), page.Total, pending)
	}
}

// TestReview2WholeReadAgreesWithTheListingLater: after a policy change the
// inbox keeps the listings it screened (at its clock) without their
// verdicts. A whole read later (the invitation's page, inbox --json, the
// API, a day or a month after, or simply a run without the --now of the
// run that listed) screens the invitation again at its own clock: for a
// verdict that depends on the time (the account's age) the page then
// says another score, reason or action than the inbox row the user
// clicked, at the same moment. Before 0010 the inbox stored the verdict it
// listed, and a whole read returned it: the list and the page agreed
// until the state changed.
func TestReview2WholeReadAgreesWithTheListingLater(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	svc := service.New(service.Config{Store: db, Now: func() time.Time { return day1 }})
	rvLoad(t, svc)
	young := linkvet.Invitation{ID: "young-1", Direction: linkvet.Incoming,
		Person:  linkvet.Person{Name: "Yan Made-Up", Headline: "Data Engineer at Made-Up Analytics", MemberSince: "2026-09", Connections: ptrInt(80)},
		Message: "Hi Dana, I read your post on Kafka consumer lag, would love to connect."}
	if _, err := svc.Add(ctx, []linkvet.Invitation{young}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	later := service.New(service.Config{Store: db, Now: func() time.Time { return day1.AddDate(0, 2, 0) }})
	page, err := later.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var row linkvet.Listing
	for _, l := range page.Items {
		if l.ID == "young-1" {
			row = l
		}
	}
	if row.ID == "" {
		t.Fatal("young-1 not in the inbox")
	}
	si, err := later.Invitation(ctx, "young-1")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := service.DecidingReason(si.Verdict)
	if si.Verdict.Action != row.Action || si.Verdict.Score != row.Score || r != row.Reason {
		t.Errorf("the inbox row says %s, score %d (%s); its page, read at the same moment, says %s, score %d (%s)",
			row.Action, row.Score, row.Reason.Detail, si.Verdict.Action, si.Verdict.Score, r.Detail)
	}
}

func ptrInt(n int) *int { return &n }

// TestReview2APIFilterLaterAgreesWithItsVerdicts: as
// TestReview2WholeReadAgreesWithTheListingLater, through the API: two
// months after a list-only inbox, GET /api/v1/invitations?action=decline
// selects an invitation by its listing (a two-month-old account then:
// decline) and returns it with the verdict screened now (a
// four-month-old account: ignore); ?action=ignore leaves it out.
func TestReview2APIFilterLaterAgreesWithItsVerdicts(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	svc := service.New(service.Config{Store: db, Now: func() time.Time { return day1 }})
	// The policy before gives another verdict (one more reason).
	rvUse(t, svc, "style: curated\nrules:\n  - name: kafka-note\n    when: 'inv.note.contains(\"Kafka\")'\n    points: 1\n    reason: mentions Kafka\n")
	young := linkvet.Invitation{ID: "young-1", Direction: linkvet.Incoming,
		Person:  linkvet.Person{Name: "Yan1 Made-Up", Headline: "Data Engineer at Made-Up Analytics", MemberSince: "2026-09", Connections: ptrInt(10)},
		Message: "Hi Dana, I read your post on Kafka consumer lag, would love to connect."}
	if _, err := svc.Add(ctx, []linkvet.Invitation{young}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || page.Items[0].Action != linkvet.Decline {
		t.Fatalf("fixture: day 1 lists %+v, want young-1 declined", page.Items)
	}
	later := service.New(service.Config{Store: db, Now: func() time.Time { return day1.AddDate(0, 2, 0) }})
	for _, a := range []linkvet.Action{linkvet.Decline, linkvet.Ignore} {
		items, total, err := later.Invitations(ctx, linkvet.InvitationFilter{Action: a})
		if err != nil {
			t.Fatal(err)
		}
		for _, si := range items {
			if si.Verdict.Action != a {
				t.Errorf("API ?action=%s (total %d) returns %s with the verdict %s", a, total, si.Invitation.ID, si.Verdict.Action)
			}
		}
	}
}

// TestReview2RuleDecisionAfterAPolicyRunRecordsThePolicyInForce: the user
// tries a policy for one run (linkvet --policy curated.yaml inbox: the
// inbox keeps the run's listings, not its verdicts), then imports an
// export under the policy in force in which demo-13's sender is now a
// connection: the import closes demo-13 by rule and records what linkvet
// had advised. That must be the advice of the policy in force (what every
// list, page and export of it says), not the one of the trial run, which
// was never in force: appendDecision takes the listing's action whatever
// state the listing was made in.
func TestReview2RuleDecisionAfterAPolicyRunRecordsThePolicyInForce(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	inForce, err := svc.Invitation(ctx, "demo-13")
	if err != nil {
		t.Fatal(err)
	}
	run := &service.Override{Name: "curated.yaml", Text: []byte("style: curated\n")}
	runSvc := service.New(service.Config{Store: db, Now: service.DemoNow, Override: run})
	page, err := runSvc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var tried linkvet.Action
	for _, l := range page.Items {
		if l.ID == "demo-13" {
			tried = l.Action
		}
	}
	inv := inForce.Invitation
	if tried == inForce.Verdict.Action || inv.Person.ProfileURL == "" {
		t.Fatalf("fixture: demo-13 is %s in force and %s under the run; want them to differ, and a profile", inForce.Verdict.Action, tried)
	}
	// Through the service, as the CLI and the web app import: the store
	// alone cannot know which state is in force (a --policy run keeps its
	// listings too), so the service brings the listings up to date first.
	exp := &linkvet.Export{Known: []linkvet.KnownPerson{{Name: inv.Person.Name, ProfileURL: inv.Person.ProfileURL, Sources: []string{"connection"}}}}
	if _, err := svc.Import(ctx, func(linkedin.Options) (*linkvet.Export, error) { return exp, nil }, linkedin.Options{}); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Decisions(ctx, "demo-13")
	if err != nil || len(ds) == 0 {
		t.Fatalf("no decision by rule on demo-13: %v %v", ds, err)
	}
	if d := ds[len(ds)-1]; d.Verdict != inForce.Verdict.Action {
		t.Errorf("the rule's decision records linkvet's advice as %s (the trial run's); the policy in force advised %s", d.Verdict, inForce.Verdict.Action)
	}
}

// TestReview2DecisionLaterRecordsTheAdviceShown: the clock face of
// TestReviewDecideAfterListOnlyRecordsCurrentVerdict. Two months after a
// list-only inbox, the inbox shows young-1 as decline (its listing); the
// user declines it there, and the history records that linkvet had
// advised ignore (Decide screens the stale verdict row again at its own
// clock): "you went against linkvet's advice", which the user never saw.
func TestReview2DecisionLaterRecordsTheAdviceShown(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	svc := service.New(service.Config{Store: db, Now: func() time.Time { return day1 }})
	rvUse(t, svc, "style: curated\nrules:\n  - name: kafka-note\n    when: 'inv.note.contains(\"Kafka\")'\n    points: 1\n    reason: mentions Kafka\n")
	young := linkvet.Invitation{ID: "young-1", Direction: linkvet.Incoming,
		Person:  linkvet.Person{Name: "Yan1 Made-Up", Headline: "Data Engineer at Made-Up Analytics", MemberSince: "2026-09", Connections: ptrInt(10)},
		Message: "Hi Dana, I read your post on Kafka consumer lag, would love to connect."}
	if _, err := svc.Add(ctx, []linkvet.Invitation{young}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	later := service.New(service.Config{Store: db, Now: func() time.Time { return day1.AddDate(0, 2, 0) }})
	page, err := later.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 {
		t.Fatalf("fixture: inbox %+v", page.Items)
	}
	shown := page.Items[0].Action
	d, err := later.Decide(ctx, "young-1", linkvet.Decline, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Decision.Verdict != shown {
		t.Errorf("the inbox showed %s; the decision records that linkvet had advised %s", shown, d.Decision.Verdict)
	}
}

// TestReview2ExportJSONAfterARunAndAListOnlyInbox: the JSON export (what
// restore reads back) after a policy change listed only, a --policy run
// listed only and a decision holds, for every incoming invitation, the
// verdict screening afresh gives under the policy in force.
func TestReview2ExportJSONAfterARunAndAListOnlyInbox(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{All: true}); err != nil {
		t.Fatal(err)
	}
	run := &service.Override{Name: "open.yaml", Text: []byte("style: open\n")}
	if _, err := service.New(service.Config{Store: db, Now: service.DemoNow, Override: run}).Inbox(ctx, service.InboxFilter{All: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, "demo-02", linkvet.Ask, ""); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := svc.Export(ctx, &buf, "json"); err != nil {
		t.Fatal(err)
	}
	var dump struct {
		Invitations []linkvet.StoredInvitation `json:"invitations"`
	}
	if err := json.Unmarshal(buf.Bytes(), &dump); err != nil {
		t.Fatal(err)
	}
	_, want := rvWant(t, db, nil)
	n := 0
	for _, si := range dump.Invitations {
		w, ok := want[si.Invitation.ID]
		if !ok {
			continue
		}
		n++
		if rvJSON(si.Verdict) != rvJSON(&w) {
			t.Errorf("export: %s has %s/%d; screening afresh gives %s/%d", si.Invitation.ID, si.Verdict.Action, si.Verdict.Score, w.Action, w.Score)
		}
	}
	if n != len(want) {
		t.Errorf("export holds %d of %d incoming invitations", n, len(want))
	}
}
