package service_test

// Third review of the listing-first inbox: the second round's fixes
// (fe99f35: relistAll's state, ReadMark.UnsavedAt, listingsCurrent before
// imports, Unlisted's decoder). Tests named TestReview3... that fail name
// a bug (see the report); the others are regression tests of what held.
// Helpers rv* are review_lazy_test.go's.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/linkedin"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// r3Young is an invitation whose verdict depends on the clock (an account
// opened 2026-09: young on the demo's day, less so two months after).
func r3Young() linkvet.Invitation {
	return linkvet.Invitation{ID: "young-1", Direction: linkvet.Incoming,
		Person:  linkvet.Person{Name: "Yan Made-Up", Headline: "Data Engineer at Made-Up Analytics", MemberSince: "2026-09", Connections: ptrInt(10)},
		Message: "Hi Dana, I read your post on Kafka consumer lag, would love to connect."}
}

func r3At(db linkvet.Store, at time.Time, override *service.Override) *service.Service {
	return service.New(service.Config{Store: db, Now: func() time.Time { return at }, Override: override})
}

func r3Row(t *testing.T, page service.InboxPage, id string) linkvet.Listing {
	t.Helper()
	for _, l := range page.Items {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("%s not in the inbox %+v", id, page.Items)
	return linkvet.Listing{}
}

// TestReview3WholeReadAfterARunAndBackAgreesWithTheListing: young-1 is
// added on day 1 under the stored policy (its verdict stored, state S).
// A --policy run lists the inbox (an unsaved listing under the run's
// state). Two months later a plain inbox lists it again under S: the
// listing is written anew, unsaved, screened two months later. Its
// verdict row is still S's, so a whole read takes the stored verdict as
// current (VerdictState S = the state in force) and returns day 1's
// verdict, not the one the row shows: the page, the API and a decision
// disagree with the inbox at the same moment.
func TestReview3WholeReadAfterARunAndBackAgreesWithTheListing(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	later := day1.AddDate(0, 2, 0)
	svc := r3At(db, day1, nil)
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
		t.Fatal(err)
	}
	run := &service.Override{Name: "open.yaml", Text: []byte("style: open\n")}
	if _, err := r3At(db, day1, run).Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	now := r3At(db, later, nil)
	page, err := now.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	row := r3Row(t, page, "young-1")
	si, err := now.Invitation(ctx, "young-1")
	if err != nil {
		t.Fatal(err)
	}
	if si.Verdict.Action != row.Action || si.Verdict.Score != row.Score {
		t.Errorf("the inbox row says %s, score %d; its page, read at the same moment, says %s, score %d",
			row.Action, row.Score, si.Verdict.Action, si.Verdict.Score)
	}
	items, _, err := now.Invitations(ctx, linkvet.InvitationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Invitation.ID == "young-1" && it.Verdict.Score != row.Score {
			t.Errorf("the API returns young-1 with score %d; the inbox row says %d", it.Verdict.Score, row.Score)
		}
	}
}

// TestReview3APIPageAgreesWithItsFilterWhenTheStateChangesMeanwhile: GET
// /api/v1/invitations?action=accept (service.Invitations) relists, reads
// the page selected by the listings' action, then makes its verdicts
// current. Another process (the CLI) stores a policy between the read and
// Fresh: the page is screened under the new policy and returns
// invitations whose verdict is not accept, with a total counted under
// the old one. Invitations discards the state relistAll returns and
// never checks it again.
func TestReview3APIPageAgreesWithItsFilterWhenTheStateChangesMeanwhile(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	rvLoad(t, web)
	if _, _, err := web.Invitations(ctx, linkvet.InvitationFilter{}); err != nil {
		t.Fatal(err)
	}
	hs.afterInvitations = func() { rvUse(t, cli, "style: curated\n") }
	items, total, err := web.Invitations(ctx, linkvet.InvitationFilter{Action: linkvet.Accept})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Fatal("fixture: no invitation advised accept")
	}
	for _, si := range items {
		if si.Verdict.Action != linkvet.Accept {
			t.Errorf("?action=accept (total %d) returns %s with the verdict %s", total, si.Invitation.ID, si.Verdict.Action)
		}
	}
}

// TestReview3InboxItemsAgreeWithTheirRowsWhenTheStateChangesMeanwhile: the
// same for inbox --json and the web inbox's whole items (InboxItems): the
// rows are listed under one state, the items read whole under the next.
func TestReview3InboxItemsAgreeWithTheirRowsWhenTheStateChangesMeanwhile(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	rvLoad(t, web)
	hs.afterInvitations = func() { rvUse(t, cli, "style: curated\n") }
	items, total, err := web.InboxItems(ctx, service.InboxFilter{Action: linkvet.Accept})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Fatal("fixture: no invitation advised accept")
	}
	for _, si := range items {
		if si.Verdict.Action != linkvet.Accept {
			t.Errorf("inbox --action accept (total %d) returns %s with the verdict %s", total, si.Invitation.ID, si.Verdict.Action)
		}
	}
}

// TestReview3RuleDecisionOfAnImportUnderAPolicyRunRecordsThePolicyInForce:
// linkvet --policy curated.yaml import export.zip (import takes --policy).
// listingsCurrent relists under the service's state, which is the run's:
// the import then closes demo-13 by rule (its sender is a connection now)
// and records the run's advice, which was never in force (the same
// import without --policy records the policy in force's: see
// TestReview2RuleDecisionAfterAPolicyRunRecordsThePolicyInForce).
func TestReview3RuleDecisionOfAnImportUnderAPolicyRunRecordsThePolicyInForce(t *testing.T) {
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
	eng, _, err := runSvc.Engine(ctx) // nothing stored under the run before the import
	if err != nil {
		t.Fatal(err)
	}
	inv := inForce.Invitation
	tried := eng.Screen(&inv, service.DemoNow())
	if tried.Action == inForce.Verdict.Action || inv.Person.ProfileURL == "" {
		t.Fatalf("fixture: demo-13 is %s in force and %s under the run; want them to differ, and a profile", inForce.Verdict.Action, tried.Action)
	}
	exp := &linkvet.Export{Known: []linkvet.KnownPerson{{Name: inv.Person.Name, ProfileURL: inv.Person.ProfileURL, Sources: []string{"connection"}}}}
	if _, err := runSvc.Import(ctx, func(linkedin.Options) (*linkvet.Export, error) { return exp, nil }, linkedin.Options{}); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Decisions(ctx, "demo-13")
	if err != nil || len(ds) == 0 {
		t.Fatalf("no decision by rule on demo-13: %v %v", ds, err)
	}
	if d := ds[len(ds)-1]; d.Verdict != inForce.Verdict.Action {
		t.Errorf("the rule's decision records linkvet's advice as %s (the --policy run's); the policy in force advised %s", d.Verdict, inForce.Verdict.Action)
	}
}

// r3Restored exports db through svc and restores the file into a new
// store.
func r3Restored(t *testing.T, svc *service.Service) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	var buf bytes.Buffer
	if err := svc.Export(ctx, &buf, "json"); err != nil {
		t.Fatal(err)
	}
	db2, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "restored.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	if err := db2.Restore(ctx, &buf, "export.json"); err != nil {
		t.Fatal(err)
	}
	return db2
}

// r3Rows is an inbox as text: id, action, score and deciding reason of
// each row, in order, and the total.
func r3Rows(t *testing.T, svc *service.Service, f service.InboxFilter) string {
	t.Helper()
	page, err := svc.Inbox(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "total %d\n", page.Total)
	for _, l := range page.Items {
		fmt.Fprintf(&b, "%s %s %d %s\n", l.ID, l.Action, l.Score, l.Reason.Detail)
	}
	return b.String()
}

// TestReview3RestoredStoreListsTheSameInbox: restore does not restore
// listings. A store exported right after a policy change (the inbox kept
// unsaved listings, screened on day 1) or after whole reads, restored into
// a new one, lists the same inbox as the original, on day 1 and two
// months later, and its pages say what its rows say.
func TestReview3RestoredStoreListsTheSameInbox(t *testing.T) {
	for _, whole := range []bool{false, true} {
		t.Run(fmt.Sprintf("whole=%v", whole), func(t *testing.T) {
			ctx := context.Background()
			db, _ := rvOpen(t)
			day1 := service.DemoNow()
			later := day1.AddDate(0, 2, 0)
			svc := r3At(db, day1, nil)
			rvLoad(t, svc)
			if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
				t.Fatal(err)
			}
			rvUse(t, svc, "style: curated\n")
			if _, err := svc.Inbox(ctx, service.InboxFilter{All: true}); err != nil {
				t.Fatal(err)
			}
			if whole {
				if _, _, err := svc.InboxItems(ctx, service.InboxFilter{}); err != nil {
					t.Fatal(err)
				}
			}
			db2 := r3Restored(t, svc)
			for _, at := range []time.Time{day1, later} {
				orig, restored := r3At(db, at, nil), r3At(db2, at, nil)
				for _, f := range []service.InboxFilter{{}, {All: true}, {Action: linkvet.Decline}, {Action: linkvet.Ignore}} {
					a, b := r3Rows(t, orig, f), r3Rows(t, restored, f)
					if a != b {
						t.Errorf("on %s, inbox %+v: the original and the restored store differ:\n%s", at.Format("2006-01-02"), f, r3Diff(a, b))
					}
				}
				page, err := restored.Inbox(ctx, service.InboxFilter{})
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range page.Items {
					si, err := restored.Invitation(ctx, l.ID)
					if err != nil {
						t.Fatal(err)
					}
					if si.Verdict.Action != l.Action || si.Verdict.Score != l.Score {
						t.Errorf("on %s, restored: %s listed %s/%d, its page says %s/%d", at.Format("2006-01-02"), l.ID, l.Action, l.Score, si.Verdict.Action, si.Verdict.Score)
					}
				}
			}
		})
	}
}

// r3EveryUnlisted is a store that runs a hook after every Unlisted read.
type r3EveryUnlisted struct {
	*sqlite.DB
	after func()
}

func (h *r3EveryUnlisted) Unlisted(ctx context.Context, f linkvet.ListFilter) ([]linkvet.StoredInvitation, error) {
	out, err := h.DB.Unlisted(ctx, f)
	if h.after != nil {
		h.after()
	}
	return out, err
}

// TestReview3InboxUnderAStateThatKeepsChangingListsEverything: another
// process stores a policy after each of relistAll's three reads (the CLI
// in a loop, a script). relistAll gives up after three passes, as its
// comment says, but returns the state read after the last pass, under
// which nothing was listed: the inbox comes back empty (total 0) instead
// of listing every pending invitation under the state it last relisted in.
func TestReview3InboxUnderAStateThatKeepsChangingListsEverything(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &r3EveryUnlisted{DB: dbA}
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
	texts := []string{"style: curated\n", "style: open\n"}
	n := 0
	hs.after = func() {
		if n < 3 {
			rvUse(t, cli, texts[n%2])
		}
		n++
	}
	page, err := web.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != pending || len(page.Items) != pending {
		t.Errorf("the inbox listed while the policy changed three times shows %d invitations (total %d); %d are pending", len(page.Items), page.Total, pending)
	}
	hs.after = nil
	rvCheckInbox(t, web, dbA, nil, "the inbox after")
}

// TestReview3WholeReadInAnotherZoneOfTheSameInstantAgreesWithTheListing:
// the engine reads the account's age in the clock's own zone
// (screen.accountAge: now.Year(), now.Month()). The inbox lists at
// 2026-12-01 05:00 +10:00 (the user's local time; 2026-11-30 19:00 UTC):
// an account opened 2026-09 is 3 months old (-2). The listing keeps
// screened_at in UTC and a whole read screens again at that instant
// parsed back in UTC: November, 2 months old (-6). The page says another
// score than the row, at the very instant the row was screened.
func TestReview3WholeReadInAnotherZoneOfTheSameInstantAgreesWithTheListing(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	local := time.Date(2026, 12, 1, 5, 0, 0, 0, time.FixedZone("UTC+10", 10*3600))
	svc := r3At(db, local, nil)
	if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	row := r3Row(t, page, "young-1")
	si, err := svc.Invitation(ctx, "young-1")
	if err != nil {
		t.Fatal(err)
	}
	if si.Verdict.Action != row.Action || si.Verdict.Score != row.Score {
		r, _ := service.DecidingReason(si.Verdict)
		t.Errorf("the inbox row says %s, score %d (%s); its page, read by the same process at the same instant, says %s, score %d (%s)",
			row.Action, row.Score, row.Reason.Detail, si.Verdict.Action, si.Verdict.Score, r.Detail)
	}
}

// TestReview3ExportAfterARunAndBackHasTheVerdictShown: the sequence of
// TestReview3WholeReadAfterARunAndBackAgreesWithTheListing, then an
// export (JSON, what restore reads). The export brings every verdict up to
// date first, but takes young-1's stored day-1 verdict as current (its
// row's state is the state in force): the file says score 5 where the
// inbox shows 9. (A store restored from it screens everything again, its
// state being new, and lists 9: regression part.)
func TestReview3ExportAfterARunAndBackHasTheVerdictShown(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	later := day1.AddDate(0, 2, 0)
	svc := r3At(db, day1, nil)
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
		t.Fatal(err)
	}
	run := &service.Override{Name: "open.yaml", Text: []byte("style: open\n")}
	if _, err := r3At(db, day1, run).Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	now := r3At(db, later, nil)
	page, err := now.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	row := r3Row(t, page, "young-1")
	var buf bytes.Buffer
	if err := now.Export(ctx, &buf, "json"); err != nil {
		t.Fatal(err)
	}
	var dump struct {
		Invitations []linkvet.StoredInvitation `json:"invitations"`
	}
	if err := json.Unmarshal(buf.Bytes(), &dump); err != nil {
		t.Fatal(err)
	}
	for _, si := range dump.Invitations {
		if si.Invitation.ID == "young-1" && (si.Verdict == nil || si.Verdict.Score != row.Score) {
			t.Errorf("the inbox shows young-1 with score %d; the export holds %s", row.Score, rvJSON(si.Verdict))
		}
	}
	db2 := r3Restored(t, now)
	a, b := r3Rows(t, now, service.InboxFilter{}), r3Rows(t, r3At(db2, later, nil), service.InboxFilter{})
	if a != b {
		t.Errorf("the original and the restored store differ:\n%s", r3Diff(a, b))
	}
}

// TestReview3RestoredStoreFirstListedLaterListsTheSameInbox: as
// TestReview3RestoredStoreListsTheSameInbox, but the restored store is
// first listed two months later (restored on a new machine, say). Restore
// stores every verdict with an empty state (stale), though the export
// brought each up to date under the state the restored store is in
// (the same key): the restored store screens everything again at its own
// clock and lists young-1 with score 9, while the original, at the same
// clock, still lists the verdict it screened on day 1 (score 5).
func TestReview3RestoredStoreFirstListedLaterListsTheSameInbox(t *testing.T) {
	for _, whole := range []bool{false, true} {
		t.Run(fmt.Sprintf("whole=%v", whole), func(t *testing.T) {
			ctx := context.Background()
			db, _ := rvOpen(t)
			day1 := service.DemoNow()
			later := day1.AddDate(0, 2, 0)
			svc := r3At(db, day1, nil)
			rvLoad(t, svc)
			if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
				t.Fatal(err)
			}
			rvUse(t, svc, "style: curated\n")
			if _, err := svc.Inbox(ctx, service.InboxFilter{All: true}); err != nil {
				t.Fatal(err)
			}
			if whole {
				if _, _, err := svc.InboxItems(ctx, service.InboxFilter{}); err != nil {
					t.Fatal(err)
				}
			}
			db2 := r3Restored(t, svc)
			orig, restored := r3At(db, later, nil), r3At(db2, later, nil)
			for _, f := range []service.InboxFilter{{}, {All: true}} {
				a, b := r3Rows(t, orig, f), r3Rows(t, restored, f)
				if a != b {
					t.Errorf("two months later, inbox %+v: the original and the restored store differ:\n%s", f, r3Diff(a, b))
				}
			}
		})
	}
}

// r3Diff is the lines of two r3Rows texts that differ, place by place.
func r3Diff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			fmt.Fprintf(&out, "  original: %s\n  restored: %s\n", x, y)
		}
	}
	return out.String()
}

// TestReview3ImportThatChangesMeWhileListingRecordsTheAdviceShown: the web
// app imports an export that makes demo-13's sender a connection and
// carries a profile ("me") of its own, while, after listingsCurrent's
// first read, the CLI imports another profile (a new state). The rule's
// decision records the advice of the state the listings were brought up
// to (the one after the CLI's import, before the web's), which is what an
// inbox listed then shows. Regression test.
func TestReview3ImportThatChangesMeWhileListingRecordsTheAdviceShown(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	rvLoad(t, web)
	rvUse(t, web, "style: curated\n")
	before, err := web.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var shown linkvet.Action
	hs.afterUnlisted = func() {
		other := &linkvet.Export{Me: linkvet.Me{Name: "Dana Made-Up", Headline: "Platform engineer", Location: "Lisbon"}}
		if _, err := cli.Import(ctx, func(linkedin.Options) (*linkvet.Export, error) { return other, nil }, linkedin.Options{}); err != nil {
			t.Error(err)
		}
		eng, _, err := service.New(service.Config{Store: dbB, Now: service.DemoNow}).Engine(ctx)
		if err != nil {
			t.Error(err)
			return
		}
		raw := rvRaw(t, dbB, "demo-13")
		shown = eng.Screen(&raw, service.DemoNow()).Action
	}
	inv := rvRaw(t, dbA, "demo-13")
	if inv.Person.ProfileURL == "" {
		t.Fatal("fixture: demo-13 has no profile URL")
	}
	exp := &linkvet.Export{Me: linkvet.Me{Name: "Dana Made-Up", Headline: "Data engineer", Location: "Berlin"},
		Known: []linkvet.KnownPerson{{Name: inv.Person.Name, ProfileURL: inv.Person.ProfileURL, Sources: []string{"connection"}}}}
	if _, err := web.Import(ctx, func(linkedin.Options) (*linkvet.Export, error) { return exp, nil }, linkedin.Options{}); err != nil {
		t.Fatal(err)
	}
	if after, _ := web.State(ctx); after == before {
		t.Fatalf("fixture: the imports should change the state")
	}
	ds, err := dbA.Decisions(ctx, "demo-13")
	if err != nil || len(ds) == 0 {
		t.Fatalf("no decision by rule on demo-13: %v %v", ds, err)
	}
	if d := ds[len(ds)-1]; d.Verdict != shown {
		t.Errorf("the rule's decision records linkvet's advice as %s; the state the listings were brought up to advised %s", d.Verdict, shown)
	}
	rvCheckInbox(t, web, dbA, nil, "after the imports")
}

// TestReview3ExplainLaterAgreesWithTheListing: the clock face of
// TestReview2WholeReadAgreesWithTheListingLater for linkvet explain ID
// (Service.Explain): two months after a list-only inbox the row says
// score 5 (screened on day 1; the page and the API now agree with it),
// while explain screens at its own clock and explains score 9: the one
// reader of a whole verdict that screenedAt left out.
func TestReview3ExplainLaterAgreesWithTheListing(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	day1 := service.DemoNow()
	svc := r3At(db, day1, nil)
	if _, err := svc.Add(ctx, []linkvet.Invitation{r3Young()}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	if _, err := svc.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	later := r3At(db, day1.AddDate(0, 2, 0), nil)
	page, err := later.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	row := r3Row(t, page, "young-1")
	_, x, err := later.Explain(ctx, "young-1")
	if err != nil {
		t.Fatal(err)
	}
	if x.Verdict.Action != row.Action || x.Verdict.Score != row.Score {
		t.Errorf("the inbox row says %s, score %d; explain, at the same moment, explains %s, score %d",
			row.Action, row.Score, x.Verdict.Action, x.Verdict.Score)
	}
}
