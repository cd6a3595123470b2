package service_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// inboxItems lists the inbox with every invitation read whole.
func inboxItems(svc *service.Service, ctx context.Context, f service.InboxFilter) ([]linkvet.StoredInvitation, error) {
	items, _, err := svc.InboxItems(ctx, f)
	return items, err
}

// TestInboxListingsAgreeWithWholeInvitations: what Inbox lists from the
// kept listings is what reading every invitation whole and sorting them
// gives (the inbox before listings were kept): the same invitations in
// the same order, with the same action, category, intent, score,
// confidence, deciding reason and missing facts; pages put together give
// the whole list.
func TestInboxListingsAgreeWithWholeInvitations(t *testing.T) {
	_, svc := newCounting(t)
	demoWithDecisions(t, svc)
	for _, f := range inboxFilters {
		checkInboxAgainstWhole(t, svc, f, fmt.Sprintf("%+v", f))
	}
}

// TestInboxAfterPolicyChangeAgreesWithWholeInvitations: after a policy
// change the inbox keeps new listings without storing the verdicts (0010).
// The first list, whatever its filter, already selects and shows what the
// current verdicts say; the whole invitations, read after, are screened
// again where their verdict changed, and agree.
func TestInboxAfterPolicyChangeAgreesWithWholeInvitations(t *testing.T) {
	ctx := context.Background()
	for _, f := range inboxFilters {
		_, svc := newCounting(t)
		demoWithDecisions(t, svc)
		if _, _, err := svc.UsePolicy(ctx, []byte("style: curated\n"), "p.yaml", "test"); err != nil {
			t.Fatal(err)
		}
		checkInboxAgainstWhole(t, svc, f, fmt.Sprintf("after a policy change, %+v", f))
		// And back: most listings are marked current again by an alias.
		if _, _, err := svc.UsePolicy(ctx, []byte("style: open\n"), "p.yaml", "test"); err != nil {
			t.Fatal(err)
		}
		checkInboxAgainstWhole(t, svc, f, fmt.Sprintf("after a second policy change, %+v", f))
	}
}

// inboxFilters are the filters the inbox tests list with.
var inboxFilters = []service.InboxFilter{{}, {All: true}, {Action: linkvet.Ask}, {Action: linkvet.Accept}, {Category: linkvet.Stranger}, {All: true, Action: linkvet.Decline}}

// demoWithDecisions loads the demo, decides on three invitations and undoes
// one: pending and All differ.
func demoWithDecisions(t *testing.T, svc *service.Service) {
	t.Helper()
	ctx := context.Background()
	if err := svc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil || len(page.Items) < 5 {
		t.Fatalf("demo inbox: %d items, %v", len(page.Items), err)
	}
	for _, id := range []string{page.Items[0].ID, page.Items[3].ID, page.Items[4].ID} {
		if _, err := svc.Decide(ctx, id, linkvet.Ignore, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Undo(ctx, page.Items[4].ID); err != nil {
		t.Fatal(err)
	}
}

// checkInboxAgainstWhole lists with f, then reads every invitation whole
// with current verdicts, sorts and filters them, and checks that the list
// (and its pages) show the same invitations in the same order with the
// same action, category, intent, score, confidence, deciding reason,
// missing facts and decision.
func checkInboxAgainstWhole(t *testing.T, svc *service.Service, f service.InboxFilter, name string) {
	t.Helper()
	ctx := context.Background()
	got, err := svc.Inbox(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	lf := linkvet.InvitationFilter{Direction: linkvet.Incoming}
	if !f.All {
		pending := true
		lf.Pending = &pending
	}
	whole, _, err := svc.Store().Invitations(ctx, lf)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Fresh(ctx, whole); err != nil {
		t.Fatal(err)
	}
	service.SortByAttention(whole)
	var want []linkvet.StoredInvitation
	for _, si := range whole {
		if (f.Action == "" || si.Verdict.Action == f.Action) && (f.Category == "" || si.Verdict.Category == f.Category) {
			want = append(want, si)
		}
	}
	if got.Total != len(want) || len(got.Items) != len(want) {
		t.Fatalf("%s: %d listed (total %d), want %d", name, len(got.Items), got.Total, len(want))
	}
	for i, l := range got.Items {
		si := want[i]
		v := si.Verdict
		r, _ := service.DecidingReason(v)
		missing := service.NeedsDetails(&si.Invitation, v)
		if l.ID != si.Invitation.ID || l.Name != si.Invitation.Person.Name || l.Action != v.Action || l.Report != v.Report ||
			l.Category != v.Category || l.Intent != v.Intent || l.Score != v.Score || l.Confidence != v.Confidence ||
			l.Reason != r || strings.Join(l.Missing, ",") != strings.Join(missing, ",") {
			t.Errorf("%s: row %d lists %+v, the whole invitation %s says %+v", name, i, l, si.Invitation.ID, v)
		}
		if f.All && (l.Decision == nil) != (si.Decision == nil) {
			t.Errorf("%s: row %d decision %v, want %v", name, i, l.Decision, si.Decision)
		}
	}
	var paged []linkvet.Listing
	for off := 0; off < len(want)+2; off += 2 {
		p, err := svc.Inbox(ctx, service.InboxFilter{All: f.All, Action: f.Action, Category: f.Category, Offset: off, Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != len(want) {
			t.Errorf("%s: page at %d says total %d, want %d", name, off, p.Total, len(want))
		}
		paged = append(paged, p.Items...)
	}
	if len(paged) != len(want) {
		t.Fatalf("%s: pages hold %d, want %d", name, len(paged), len(want))
	}
	for i := range paged {
		if paged[i].ID != got.Items[i].ID {
			t.Fatalf("%s: paged row %d is %s, want %s", name, i, paged[i].ID, got.Items[i].ID)
		}
	}
}

// TestInboxListsVerdictsSavedWithoutListing: a verdict saved without its
// listing (as a store from before listings holds them) is listed from the
// stored verdict, not screened again, and kept as it was.
func TestInboxListsVerdictsSavedWithoutListing(t *testing.T) {
	ctx := context.Background()
	cs, svc := newCounting(t)
	if err := svc.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	before, _, err := svc.InboxItems(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	state, _ := svc.State(ctx)
	vs := make([]linkvet.Verdict, len(before))
	for i := range before {
		vs[i] = *before[i].Verdict
		vs[i].Score += 1000 // a verdict no screening gives: kept, not redone
	}
	if err := cs.DB.SaveVerdicts(ctx, vs, state); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != len(before) {
		t.Fatalf("%d listed, want %d", len(page.Items), len(before))
	}
	for _, l := range page.Items {
		if l.Score < 900 {
			t.Fatalf("%s listed with score %d: screened again instead of listed from the stored verdict", l.ID, l.Score)
		}
	}
}
