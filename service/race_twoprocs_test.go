package service_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// hookStore runs after, once, when Unlisted has read: between the web
// server's read and its save.
type hookStore struct {
	*sqlite.DB
	after func()
}

func (h *hookStore) Unlisted(ctx context.Context, f linkvet.ListFilter) ([]linkvet.StoredInvitation, error) {
	out, err := h.DB.Unlisted(ctx, f)
	if h.after != nil {
		a := h.after
		h.after = nil
		a()
	}
	return out, err
}

// TestInboxAgainstAnotherWriter: the web server lists the inbox after a
// policy change; between its read of the stale invitations and its save,
// the CLI (another process on the same file) enriches one invitation and
// saves its fresh verdict. The web server must not overwrite that with
// the verdict of the invitation as it was: the list and the whole read
// both show what screening the stored invitation gives now.
func TestInboxAgainstAnotherWriter(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "linkvet.db")
	dbA, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer dbA.Close()
	dbB, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer dbB.Close()
	hs := &hookStore{DB: dbA}
	web := service.New(service.Config{Store: hs, Now: service.DemoNow})
	cli := service.New(service.Config{Store: dbB, Now: service.DemoNow})

	x := linkvet.Invitation{ID: "x", Direction: linkvet.Incoming, Person: linkvet.Person{Name: "Ana Made-Up", ProfileURL: "https://www.linkedin.com/in/ana-made-up"}}
	if _, err := cli.Add(ctx, []linkvet.Invitation{x}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cli.UsePolicy(ctx, []byte("style: curated\n"), "p.yaml", "test"); err != nil {
		t.Fatal(err)
	}
	enriched := x
	enriched.Message = "Hello dear, I am a crypto investment manager, guaranteed 30% profit weekly, contact me on WhatsApp +1 555 0100 to start trading forex today"
	hs.after = func() {
		if _, err := cli.Add(ctx, []linkvet.Invitation{enriched}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := web.Inbox(ctx, service.InboxFilter{}); err != nil {
		t.Fatal(err)
	}
	eng, _, err := web.Engine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := dbA.Invitation(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	want := eng.Screen(&raw.Invitation, service.DemoNow())
	page, err := web.Inbox(ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := web.Invitation(ctx, "x")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("stored note now: %q", raw.Invitation.Message)
	for _, l := range page.Items {
		if l.ID == "x" && (l.Action != want.Action || l.Score != want.Score || l.Category != want.Category) {
			t.Errorf("inbox lists x as %s/%d/%s; screening the stored invitation now gives %s/%d/%s", l.Action, l.Score, l.Category, want.Action, want.Score, want.Category)
		}
	}
	if whole.Verdict.Action != want.Action || whole.Verdict.Score != want.Score {
		t.Errorf("x reads whole as %s/%d (state %s); screening now gives %s/%d", whole.Verdict.Action, whole.Verdict.Score, whole.VerdictState, want.Action, want.Score)
	}
}
