package service_test

import (
	"context"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// TestImpostorOfAnImportedContact: the people an export says the user
// knows reach the engine, so someone using a contact's name on another
// profile is declined and reported; a later import that adds a contact
// makes pending verdicts stale, and a listing catches the impostor then.
func TestImpostorOfAnImportedContact(t *testing.T) {
	ctx := context.Background()
	cs, svc := newCounting(t)
	impostor := linkvet.Invitation{ID: "imp", Message: "Hello, I hope the new quarter is going well.",
		Person: linkvet.Person{Name: "Ilka Made-Up", ProfileURL: "https://www.linkedin.com/in/ilka-made-up-99"}}
	if _, err := svc.Add(ctx, []linkvet.Invitation{impostor}); err != nil {
		t.Fatal(err)
	}
	exp := &linkvet.Export{Known: []linkvet.KnownPerson{{Name: "Ilka Made-Up",
		ProfileURL: "https://www.linkedin.com/in/ilka-made-up", Sources: []string{"connection"}}}}
	if _, err := cs.Import(ctx, exp); err != nil {
		t.Fatal(err)
	}
	items, err := inboxItems(svc, ctx, service.InboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || items[0].Verdict == nil {
		t.Fatalf("inbox: %+v", items)
	}
	v := items[0].Verdict
	if v.Action != linkvet.Decline && v.Action != linkvet.Block || !v.Report {
		t.Errorf("an impostor of an imported contact: %s, report %v; want decline or block, and report", v.Action, v.Report)
	}
	if len(v.Reasons) == 0 || v.Reasons[0].Rule != "impersonation" {
		t.Errorf("the first reason is %+v, want impersonation", v.Reasons)
	}
}
