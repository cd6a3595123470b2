package service_test

// Review of d35c31c (listing-first inbox, migration 0010): adversarial
// sequences checked against what screening each stored invitation afresh
// gives. Tests named TestReview... that fail name a bug (see the report);
// the others are regression tests of the invariants that held.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// rvHookStore is a store whose reads run a hook once, right after they
// have read: what another process does between a read and its save.
type rvHookStore struct {
	*sqlite.DB
	afterUnlisted, afterInvitation, afterInvitations func()
}

func rvOnce(f *func()) {
	if *f != nil {
		g := *f
		*f = nil
		g()
	}
}

func (h *rvHookStore) Unlisted(ctx context.Context, f linkvet.ListFilter) ([]linkvet.StoredInvitation, error) {
	out, err := h.DB.Unlisted(ctx, f)
	rvOnce(&h.afterUnlisted)
	return out, err
}

func (h *rvHookStore) Invitation(ctx context.Context, id string) (*linkvet.StoredInvitation, error) {
	out, err := h.DB.Invitation(ctx, id)
	rvOnce(&h.afterInvitation)
	return out, err
}

func (h *rvHookStore) Invitations(ctx context.Context, f linkvet.InvitationFilter) ([]linkvet.StoredInvitation, int, error) {
	out, n, err := h.DB.Invitations(ctx, f)
	rvOnce(&h.afterInvitations)
	return out, n, err
}

// rvOpen opens two handles on one new file: two processes.
func rvOpen(t *testing.T) (a, b *sqlite.DB) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkvet.db")
	var err error
	if a, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if b, err = sqlite.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, b
}

// rvWant is what screening every stored incoming invitation afresh gives,
// under the state a service built anew on db (with override) is in: the
// raw invitations in the store's order and their verdicts.
func rvWant(t *testing.T, db *sqlite.DB, override *service.Override) ([]linkvet.StoredInvitation, map[string]linkvet.Verdict) {
	t.Helper()
	ctx := context.Background()
	fresh := service.New(service.Config{Store: db, Now: service.DemoNow, Override: override})
	eng, _, err := fresh.Engine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, _, err := db.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]linkvet.Verdict{}
	for i := range raw {
		v := eng.Screen(&raw[i].Invitation, service.DemoNow())
		v.ID = raw[i].Invitation.ID
		want[v.ID] = v
		raw[i].Verdict = &v
	}
	return raw, want
}

func rvJSON(v *linkvet.Verdict) string {
	if v == nil {
		return "<none>"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// rvCheckInbox holds svc's inbox (pending and all, unfiltered and filtered
// by every action and category) to screening afresh: the same invitations
// in the same order with the same action, category, intent, score,
// confidence, report flag, deciding reason and missing facts.
func rvCheckInbox(t *testing.T, svc *service.Service, db *sqlite.DB, override *service.Override, when string) {
	t.Helper()
	ctx := context.Background()
	raw, _ := rvWant(t, db, override)
	service.SortByAttention(raw)
	var filters []service.InboxFilter
	for _, all := range []bool{false, true} {
		filters = append(filters, service.InboxFilter{All: all})
		for _, a := range linkvet.Actions {
			filters = append(filters, service.InboxFilter{All: all, Action: a})
		}
		seen := map[linkvet.Category]bool{}
		for _, si := range raw {
			if c := si.Verdict.Category; !seen[c] {
				seen[c] = true
				filters = append(filters, service.InboxFilter{All: all, Category: c})
			}
		}
	}
	for _, f := range filters {
		name := fmt.Sprintf("%s: inbox %+v", when, f)
		var want []linkvet.StoredInvitation
		for _, si := range raw {
			if !f.All && linkvet.Standing(si.Decision) != nil {
				continue
			}
			if f.Action != "" && si.Verdict.Action != f.Action || f.Category != "" && si.Verdict.Category != f.Category {
				continue
			}
			want = append(want, si)
		}
		page, err := svc.Inbox(ctx, f)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got, wantIDs []string
		for _, l := range page.Items {
			got = append(got, l.ID)
		}
		for _, si := range want {
			wantIDs = append(wantIDs, si.Invitation.ID)
		}
		if !slices.Equal(got, wantIDs) || page.Total != len(want) {
			t.Errorf("%s: lists %v (total %d); screening afresh selects %v", name, got, page.Total, wantIDs)
			continue
		}
		if f.Action == "" && f.Category == "" {
			// Pages of 4 put together are the whole list.
			var paged []string
			for off := 0; off < len(want)+4; off += 4 {
				p, err := svc.Inbox(ctx, service.InboxFilter{All: f.All, Offset: off, Limit: 4})
				if err != nil {
					t.Fatal(err)
				}
				if p.Total != len(want) {
					t.Errorf("%s: page at %d says total %d, want %d", name, off, p.Total, len(want))
				}
				for _, l := range p.Items {
					paged = append(paged, l.ID)
				}
			}
			if !slices.Equal(paged, wantIDs) {
				t.Errorf("%s: pages of 4 list %v, want %v", name, paged, wantIDs)
			}
		}
		for i, l := range page.Items {
			si := want[i]
			v := si.Verdict
			r, _ := service.DecidingReason(v)
			missing := service.NeedsDetails(&si.Invitation, v)
			if l.Name != si.Invitation.Person.Name || l.Action != v.Action || l.Report != v.Report || l.Category != v.Category ||
				l.Intent != v.Intent || l.Score != v.Score || l.Confidence != v.Confidence || l.Reason != r ||
				strings.Join(l.Missing, ",") != strings.Join(missing, ",") {
				t.Errorf("%s: %s listed as %s/%s/%d (missing %v); screening afresh gives %s/%s/%d (missing %v)",
					name, l.ID, l.Action, l.Category, l.Score, l.Missing, v.Action, v.Category, v.Score, missing)
			}
		}
	}
}

// rvCheckWhole holds svc's whole reads (Invitation, Whole, InboxItems,
// Insights) to screening afresh: every verdict returned is, byte for
// byte, the one the stored text gives under the current state, and says
// so (VerdictState).
func rvCheckWhole(t *testing.T, svc *service.Service, db *sqlite.DB, override *service.Override, when string) {
	t.Helper()
	ctx := context.Background()
	_, want := rvWant(t, db, override)
	state, err := svc.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(how string, si *linkvet.StoredInvitation) {
		t.Helper()
		w := want[si.Invitation.ID]
		if got := rvJSON(si.Verdict); got != rvJSON(&w) || si.VerdictState != state {
			var a linkvet.Action
			var sc int
			if si.Verdict != nil {
				a, sc = si.Verdict.Action, si.Verdict.Score
			}
			t.Errorf("%s: %s %s reads as %s/%d, said current in %q; screening afresh gives %s/%d in %q (verdict JSON differs)",
				when, how, si.Invitation.ID, a, sc, si.VerdictState, w.Action, w.Score, state)
		}
	}
	ids := make([]string, 0, len(want))
	for id := range want {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		si, err := svc.Invitation(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		check("Invitation", si)
	}
	whole, err := svc.Whole(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i := range whole {
		check("Whole", &whole[i])
	}
	items, _, err := svc.InboxItems(ctx, service.InboxFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		check("InboxItems", &items[i])
	}
	ins, err := svc.Insights(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ins.Invitations {
		check("Insights", &ins.Invitations[i])
	}
}

// rvLoad stores the demo inbox through svc.
func rvLoad(t *testing.T, svc *service.Service) {
	t.Helper()
	if err := svc.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func rvUse(t *testing.T, svc *service.Service, text string) {
	t.Helper()
	if _, _, err := svc.UsePolicy(context.Background(), []byte(text), "p.yaml", "test"); err != nil {
		t.Fatal(err)
	}
}

func rvRaw(t *testing.T, db *sqlite.DB, id string) linkvet.Invitation {
	t.Helper()
	si, err := db.Invitation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return si.Invitation
}

// TestReviewInboxFollowsEverySequence: add, list-only relists after policy
// changes (A, B, A), whole reads, and --policy runs on the same file
// between stored-policy runs (the run's state comes back by name). After
// every step the inbox, its filters and every whole read agree
// with screening afresh. Each check lists first and reads whole after, so
// that whole reads find the listings the inbox kept without verdicts.
func TestReviewInboxFollowsEverySequence(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	check := func(s *service.Service, o *service.Override, when string) {
		t.Helper()
		rvCheckInbox(t, s, db, o, when)
		rvCheckWhole(t, s, db, o, when)
	}
	check(svc, nil, "demo")
	pv, err := svc.PolicyInForce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: curated\n")
	check(svc, nil, "curated")
	rvUse(t, svc, pv.Text)
	check(svc, nil, "demo policy again")

	// A --policy run, then the stored policy, then the same run again:
	// the run's state comes back with the same name.
	run := &service.Override{Name: "open.yaml", Text: []byte("style: open\n")}
	runSvc := service.New(service.Config{Store: db, Now: service.DemoNow, Override: run})
	check(runSvc, run, "--policy open")
	check(svc, nil, "stored policy after the run")
	rvUse(t, svc, "style: curated\n")
	rvCheckInbox(t, svc, db, nil, "curated, listed only")
	check(runSvc, run, "--policy open again")
	check(svc, nil, "curated after the run")
}

// TestReviewInboxFollowsDecisionsLearningAndEnrichment: as
// TestReviewInboxFollowsEverySequence, through a decision and its undo
// (each trains the classifier: a new state), a labelled file learned,
// enrichment through Add (screened) and through the store alone
// (PutInvitations, as import and learn do), and a profile import that
// changes "me", with policy changes between them.
func TestReviewInboxFollowsDecisionsLearningAndEnrichment(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	check := func(s *service.Service, o *service.Override, when string) {
		t.Helper()
		rvCheckInbox(t, s, db, o, when)
		rvCheckWhole(t, s, db, o, when)
	}
	rvUse(t, svc, "style: curated\n")
	rvCheckInbox(t, svc, db, nil, "curated, listed only")

	// A decision trains the classifier: a new state.
	if _, err := svc.Decide(ctx, "demo-14", linkvet.Accept, ""); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "one decided")
	if _, err := svc.Undo(ctx, "demo-14"); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "undone")

	// Learning from a labelled file: a label (a decision), the classifier
	// trained (a new state) and one invitation enriched by the store alone.
	labelled := rvRaw(t, db, "demo-22")
	labelled.Label = linkvet.Decline
	labelled.Person.Location = "Berlin, Germany"
	if _, err := svc.Learn(ctx, []linkvet.Invitation{labelled}, "labels.jsonl"); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "after learning a label")

	// Enriched through Add (screened), then through the store alone.
	inv := rvRaw(t, db, "demo-18")
	inv.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100"
	if _, err := svc.Add(ctx, []linkvet.Invitation{inv}); err != nil {
		t.Fatal(err)
	}
	rvUse(t, svc, "style: open\n")
	rvCheckInbox(t, svc, db, nil, "open after an add")
	inv = rvRaw(t, db, "demo-20")
	inv.Person.Headline = "Staff Data Engineer at Northwind Analytics"
	if _, err := db.PutInvitations(ctx, []linkvet.Invitation{inv}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "open, one enriched by the store alone")

	// A profile import changes "me".
	if _, err := db.Import(ctx, &linkvet.Export{Me: linkvet.Me{Name: "Dana Made-Up", Interests: []string{"Go", "Kafka"}}}); err != nil {
		t.Fatal(err)
	}
	check(svc, nil, "after the profile changed")
}

// TestReviewWholeReadFirstThenInbox: after a policy change, whole reads
// (which store verdicts) come before the inbox (which keeps listings
// alone), then a further change and the other order again.
func TestReviewWholeReadFirstThenInbox(t *testing.T) {
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	rvCheckWhole(t, svc, db, nil, "curated, whole first")
	rvCheckInbox(t, svc, db, nil, "curated, whole first")
	rvUse(t, svc, "style: open\n")
	rvCheckInbox(t, svc, db, nil, "open, inbox first")
	rvUse(t, svc, "style: curated\n")
	rvCheckInbox(t, svc, db, nil, "curated again, inbox first")
	rvCheckWhole(t, svc, db, nil, "curated again, inbox first")
}

// TestReviewDecideAfterListOnlyRecordsCurrentVerdict: after a policy
// change the inbox keeps the new listings without their verdicts; a
// decision made then records the verdict the inbox showed, the one
// screening afresh gives, not the stored verdict row of the policy before.
func TestReviewDecideAfterListOnlyRecordsCurrentVerdict(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]linkvet.Action{}
	for _, l := range page.Items {
		shown[l.ID] = l.Action
	}
	// demo-01 is accept under the demo policy, ignore under curated.
	if shown["demo-01"] != linkvet.Ignore {
		t.Fatalf("demo-01 listed as %s under curated, want ignore (fixture)", shown["demo-01"])
	}
	d, err := svc.Decide(ctx, "demo-01", linkvet.Decline, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict.Action != linkvet.Ignore || d.Decision.Verdict != linkvet.Ignore {
		t.Errorf("decision records linkvet's advice as %s (verdict %s); the inbox showed %s", d.Decision.Verdict, d.Verdict.Action, shown["demo-01"])
	}
}

// TestReviewRuleDecisionRecordsTheVerdictShown: after a policy change
// the inbox shows new verdicts (kept as listings only). An import then
// closes an invitation by rule (its sender is now a connection). The
// decision records "what linkvet had advised": it must be what the inbox
// showed, not the verdict row kept from the policy before, which is a
// verdict of another state.
func TestReviewRuleDecisionRecordsTheVerdictShown(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	page, err := svc.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var shown linkvet.Action
	for _, l := range page.Items {
		if l.ID == "demo-13" {
			shown = l.Action
		}
	}
	inv := rvRaw(t, db, "demo-13")
	if shown != linkvet.Ignore || inv.Person.ProfileURL == "" {
		t.Fatalf("demo-13 listed as %q under curated with profile %q; want ignore and a profile (fixture)", shown, inv.Person.ProfileURL)
	}
	// The sender became a connection: the import accepts it by rule.
	if _, err := db.Import(ctx, &linkvet.Export{Known: []linkvet.KnownPerson{{Name: inv.Person.Name, ProfileURL: inv.Person.ProfileURL, Sources: []string{"connection"}}}}); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Decisions(ctx, "demo-13")
	if err != nil || len(ds) == 0 {
		t.Fatalf("no decision by rule on demo-13: %v %v", ds, err)
	}
	d := ds[len(ds)-1]
	if d.By != linkvet.ByRule {
		t.Fatalf("latest decision %+v, want one by rule (fixture)", d)
	}
	if d.Verdict != shown {
		t.Errorf("the rule's decision records linkvet's advice as %s; the inbox showed %s when it was made (the stored verdict row is the demo policy's)", d.Verdict, shown)
	}
}

// TestReviewInboxAgainstAWriterOfTheOldState: the web server lists the
// inbox under the stored policy; between its read and its save, the CLI
// with a --policy run (another state, which gives the same verdicts on
// the invitations already stored, and other ones on good notes) enriches
// one invitation with a good note and adds another, both listed under the
// run's state. The web server finds every listing it read unchanged, yet
// nothing the run wrote meanwhile may become current under the stored
// policy (by an alias or a mark): the inbox and whole reads of the web
// server agree with screening afresh.
func TestReviewInboxAgainstAWriterOfTheOldState(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	run := &service.Override{Name: "curated.yaml", Text: []byte("style: curated\n")}
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow, Override: run})
	const scam = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100"
	const good = "Hi, we met at the Go meetup in Berlin last week, would love to stay in touch."
	base := []linkvet.Invitation{
		{ID: "a", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up", Headline: "Engineer"}, Message: scam},
		{ID: "b", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ben Made-Up", ProfileURL: "https://www.linkedin.com/in/ben-made-up"}},
	}
	if _, err := cli.Add(ctx, base); err != nil {
		t.Fatal(err)
	}
	// Fixture: the run and the stored policy agree on a and b as they
	// are, and differ on a good note.
	_, stored := rvWant(t, dbA, nil)
	_, ran := rvWant(t, dbA, run)
	for _, id := range []string{"a", "b"} {
		if v1, v2 := stored[id], ran[id]; rvJSON(&v1) != rvJSON(&v2) {
			t.Fatalf("fixture: %s screens differently under the run", id)
		}
	}
	hs.afterUnlisted = func() {
		enriched := base[1]
		enriched.Person.Headline = "Data Engineer at Northwind"
		enriched.Message = good
		z := linkvet.Invitation{ID: "z", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Zoe Made-Up", ProfileURL: "https://www.linkedin.com/in/zoe-made-up", Headline: "Data Engineer at Northwind"}, Message: good}
		if _, err := cli.Add(ctx, []linkvet.Invitation{enriched, z}); err != nil {
			t.Error(err)
		}
	}
	if _, err := web.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	_, stored = rvWant(t, dbA, nil)
	_, ran = rvWant(t, dbA, run)
	for _, id := range []string{"b", "z"} {
		if v1, v2 := stored[id], ran[id]; v1.Action == v2.Action {
			t.Fatalf("fixture: %s should screen differently under the run (%s)", id, v1.Action)
		}
	}
	rvCheckInbox(t, web, dbA, nil, "web after the run wrote")
	rvCheckWhole(t, web, dbA, nil, "web after the run wrote")
	rvCheckInbox(t, cli, dbB, run, "the run again")
}

// TestReviewWholeReadAgainstAnEnrichmentByImport: an invitation enriched
// by the store alone (an import, learn) has a stale verdict (” state) and
// no listing. The web server reads it whole; before it saves the verdict
// it screened, another process enriches it again by the store alone (the
// verdict state is ” again). The web server must not store its verdict,
// made from the text before, as current: afterwards the invitation reads
// whole, and lists, as screening its stored text gives.
func TestReviewWholeReadAgainstAnEnrichmentByImport(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	x := linkvet.Invitation{ID: "x", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up"}}
	if _, err := web.Add(ctx, []linkvet.Invitation{x}); err != nil {
		t.Fatal(err)
	}
	first := x
	first.Person.Headline = "Data Engineer at Northwind Analytics"
	if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{first}); err != nil {
		t.Fatal(err)
	}
	second := first
	second.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100 to start trading forex today"
	hs.afterInvitation = func() {
		if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{second}); err != nil {
			t.Error(err)
		}
	}
	if _, err := web.Invitation(ctx, "x"); err != nil {
		t.Fatal(err)
	}
	_, want := rvWant(t, dbA, nil)
	if want["x"].Action == linkvet.Accept {
		t.Fatalf("fixture: the scam note should not be accepted")
	}
	// A new process reads it whole, as the CLI would.
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	rvCheckInbox(t, cli, dbB, nil, "after the second enrichment")
	rvCheckWhole(t, cli, dbB, nil, "after the second enrichment")
}

// TestReviewRelistAgainstAnEnrichment: an invitation whose verdict of the
// current state is stored without a listing (a store from before 0008, or
// SaveVerdicts) is listed from that verdict. Between the web server's read
// and its save, the CLI enriches the invitation and stores the verdict of
// the new text under the same state. The web server must not write the
// verdict and listing it read before over the CLI's.
func TestReviewRelistAgainstAnEnrichment(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})
	x := linkvet.Invitation{ID: "x", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up", Headline: "Engineer"}}
	res, err := web.Add(ctx, []linkvet.Invitation{x})
	if err != nil {
		t.Fatal(err)
	}
	state, err := web.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The verdict of the current state kept without its listing.
	if err := dbA.SaveVerdicts(ctx, []linkvet.Verdict{*res.Items[0].Verdict}, state); err != nil {
		t.Fatal(err)
	}
	enriched := x
	enriched.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100 to start trading forex today"
	hs.afterUnlisted = func() {
		if _, err := cli.Add(ctx, []linkvet.Invitation{enriched}); err != nil {
			t.Error(err)
		}
	}
	if _, err := web.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	_, want := rvWant(t, dbA, nil)
	if want["x"].Action == res.Items[0].Verdict.Action {
		t.Fatalf("fixture: the enrichment should change the verdict (%s)", want["x"].Action)
	}
	rvCheckInbox(t, cli, dbB, nil, "after the enrichment")
	rvCheckWhole(t, cli, dbB, nil, "after the enrichment")
}

// TestReviewExportAfterInboxHasTheVerdictsShown: the user changes the
// policy, lists the inbox (which now keeps the new listings without their
// verdicts), then exports for a spreadsheet: each invitation's
// verdict_action is the advice the inbox just showed, not the verdict
// row of the policy before (before 0010 listing stored the verdicts, and
// the export agreed with the inbox).
func TestReviewExportAfterInboxHasTheVerdictsShown(t *testing.T) {
	ctx := context.Background()
	db, _ := rvOpen(t)
	svc := service.New(service.Config{Store: db, Now: service.DemoNow})
	rvLoad(t, svc)
	rvUse(t, svc, "style: curated\n")
	page, err := svc.Inbox(ctx, service.InboxFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := svc.Export(ctx, &buf, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	exported := map[string]string{}
	for _, r := range recs[1:] {
		if r[col["record"]] == "invitation" {
			exported[r[col["invitation_id"]]] = r[col["verdict_action"]]
		}
	}
	differ := 0
	for _, l := range page.Items {
		if exported[l.ID] != string(l.Action) {
			differ++
			if differ <= 3 {
				t.Errorf("%s: the inbox shows %s, the export says linkvet advised %s", l.ID, l.Action, exported[l.ID])
			}
		}
	}
	if differ > 3 {
		t.Errorf("... %d invitations in all export another verdict than the inbox shows", differ)
	}
}

// TestReviewInboxKeepsAnInvitationEnrichedWhileListing: the inbox after a
// policy change screens the stale invitations again; meanwhile another
// process enriches one of them by the store alone (an import). The
// listing made from the text before is rightly not kept, but the page
// returned must still hold the invitation, pending as it is, with what
// screening its stored text gives: it must not vanish from this inbox
// (and from its total) until the next one.
func TestReviewInboxKeepsAnInvitationEnrichedWhileListing(t *testing.T) {
	ctx := context.Background()
	dbA, dbB := rvOpen(t)
	hs := &rvHookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	rvLoad(t, web)
	rvUse(t, web, "style: curated\n")
	enriched := rvRaw(t, dbA, "demo-18")
	enriched.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100"
	hs.afterUnlisted = func() {
		if _, err := dbB.PutInvitations(ctx, []linkvet.Invitation{enriched}); err != nil {
			t.Error(err)
		}
	}
	page, err := web.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	raw, want := rvWant(t, dbA, nil)
	pending := 0
	for _, si := range raw {
		if linkvet.Standing(si.Decision) == nil {
			pending++
		}
	}
	found := false
	for _, l := range page.Items {
		if l.ID == "demo-18" {
			found = true
			if l.Action != want["demo-18"].Action {
				t.Errorf("demo-18 listed as %s, screening its stored text gives %s", l.Action, want["demo-18"].Action)
			}
		}
	}
	if !found || page.Total != pending {
		t.Errorf("the inbox lists %d of %d pending invitations (total %d); demo-18, enriched while listing, listed: %v", len(page.Items), pending, page.Total, found)
	}
}
