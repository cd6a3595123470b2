package service_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// countingStore counts the verdicts saved, and the listings kept without
// their verdicts: what a list screens again.
type countingStore struct {
	*sqlite.DB
	saved, listed int
}

func (c *countingStore) SaveVerdicts(ctx context.Context, vs []linkvet.Verdict, state string) error {
	c.saved += len(vs)
	return c.DB.SaveVerdicts(ctx, vs, state)
}

func newCounting(t *testing.T) (*countingStore, *service.Service) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "linkvet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cs := &countingStore{DB: db}
	return cs, service.New(service.Config{Store: cs, Now: service.DemoNow})
}

// TestInboxScreensOnlyStale: listing reads kept verdicts; a policy change,
// a changed profile or an enriched invitation makes exactly the affected
// verdicts stale.
func TestInboxScreensOnlyStale(t *testing.T) {
	ctx := context.Background()
	cs, svc := newCounting(t)
	invs := []linkvet.Invitation{
		{ID: "a", Message: "We met at the Go meetup", Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up"}},
		{ID: "b", Person: linkvet.Person{Name: "Ben Made-Up", ProfileURL: "https://www.linkedin.com/in/ben-made-up"}},
		{ID: "c", Person: linkvet.Person{Name: "Cem Made-Up", ProfileURL: "https://www.linkedin.com/in/cem-made-up"}},
	}
	if _, err := svc.Add(ctx, invs); err != nil {
		t.Fatal(err)
	}
	// want counts the verdicts screened again and stored whole, wantListed
	// those kept as listings alone (the list screens every stale verdict;
	// reading them whole stores those that changed).
	list := func(want, wantListed int, when string) {
		t.Helper()
		cs.saved, cs.listed = 0, 0
		items, err := inboxItems(svc, ctx, service.InboxFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 3 {
			t.Fatalf("%s: %d items", when, len(items))
		}
		for _, it := range items {
			if it.Verdict == nil {
				t.Fatalf("%s: %s has no verdict", when, it.Invitation.ID)
			}
		}
		if cs.saved != want || cs.listed != wantListed {
			t.Errorf("%s: %d verdicts screened again and stored, %d kept as listings; want %d and %d", when, cs.saved, cs.listed, want, wantListed)
		}
	}
	list(0, 0, "right after add")
	list(0, 0, "listed again")
	if _, _, err := svc.UsePolicy(ctx, []byte("style: curated\n"), "p.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	list(1, 3, "after a policy change")
	list(0, 0, "listed again")
	if _, err := svc.Add(ctx, []linkvet.Invitation{{ID: "b", Person: linkvet.Person{ProfileURL: "https://www.linkedin.com/in/ben-made-up", Headline: "Recruiter"}}}); err != nil {
		t.Fatal(err)
	}
	list(0, 0, "after enriching one (add screens it)")
	if _, err := cs.Import(ctx, &linkvet.Export{Me: linkvet.Me{Name: "Dana Made-Up", Interests: []string{"Go"}}}); err != nil {
		t.Fatal(err)
	}
	list(3, 3, "after the profile changed")
}

// TestPolicyOverrideIsForThisRunOnly: a service built with an override
// screens with it and stores nothing; UsePolicy refuses an unknown key.
func TestPolicyOverrideIsForThisRunOnly(t *testing.T) {
	ctx := context.Background()
	cs, svc := newCounting(t)
	if _, _, err := svc.UsePolicy(ctx, []byte("stlye: curated\n"), "typo.yaml", "test"); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Fatalf("a key typo: %v, want EINVALID", err)
	}
	if _, _, err := svc.UsePolicy(ctx, []byte("style: open\n"), "open.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	run := service.New(service.Config{Store: cs, Override: &service.Override{Name: "curated.yaml", Text: []byte("style: curated\n")}})
	p, err := run.Policy(ctx)
	if err != nil || p.Style != linkvet.Curated {
		t.Fatalf("override: %v %v, want curated", p, err)
	}
	pv, err := cs.Policy(ctx)
	if err != nil || pv.Version != 1 || pv.Text != "style: open\n" {
		t.Errorf("the stored policy became %+v %v", pv, err)
	}
}

// TestDecideRules: outgoing invitations are refused, a repeated decision
// is a conflict, undo needs a standing decision.
func TestDecideRules(t *testing.T) {
	ctx := context.Background()
	_, svc := newCounting(t)
	if _, err := svc.Add(ctx, []linkvet.Invitation{
		{ID: "in", Person: linkvet.Person{Name: "In Made-Up"}},
		{ID: "out", Direction: linkvet.Outgoing, Person: linkvet.Person{Name: "Out Made-Up"}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, "out", linkvet.Accept, ""); linkvet.ErrorCode(err) != linkvet.EINVALID {
		t.Errorf("deciding an outgoing invitation: %v, want EINVALID", err)
	}
	if _, err := svc.Undo(ctx, "in"); linkvet.ErrorCode(err) != linkvet.ECONFLICT {
		t.Errorf("undo without a decision: %v, want ECONFLICT", err)
	}
	if _, err := svc.Decide(ctx, "in", linkvet.Accept, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, "in", linkvet.Accept, ""); linkvet.ErrorCode(err) != linkvet.ECONFLICT {
		t.Errorf("the same decision twice: %v, want ECONFLICT", err)
	}
	if _, err := svc.Decide(ctx, "nobody", linkvet.Accept, ""); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("an unknown id: %v, want ENOTFOUND", err)
	}
	if err := svc.Check(ctx); err != nil {
		t.Error(err)
	}
	for word, want := range map[string]linkvet.Action{"ACCEPT": linkvet.Accept, " Decline ": linkvet.Decline} {
		if a, _, err := service.ParseAction(word, false); err != nil || a != want {
			t.Errorf("ParseAction(%q) = %q, %v", word, a, err)
		}
	}
	if _, _, err := service.ParseAction("blokc", true); err == nil || !strings.Contains(err.Error(), `did you mean "block"`) {
		t.Errorf("a typo: %v", err)
	}
}
