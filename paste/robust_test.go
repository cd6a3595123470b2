package paste

import (
	"os"
	"testing"
	"time"
)

// TestVariants reads copies unlike the fixtures: no navigation, a card
// without a headline, a note above the buttons without quotes, a note below
// them without "Reply to", Windows line ends, a name with credentials, a
// lone "Contact info" line, a role whose company has no employment type.
func TestVariants(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	t.Run("cards", func(t *testing.T) {
		res := Read(`Alex Kim
3 mutual connections
Ignore
Accept
Mira Solberg
Product Designer at Heron Studio
We met at the design systems conference in Oslo, would be great to connect and swap notes.
2 weeks ago
Ignore
Accept
Pavel Dudek is inviting you to connect
Pavel Dudek
Engineer at Krtek
Ignore
Accept
Hello! I saw your article about ETL and wanted to ask a couple of questions about it.
Sven Aalto
Sven Aalto is inviting you to connect
CTO at Lumi
Today
Ignore
Accept
`, now)
		if len(res.Problems) > 0 {
			t.Errorf("problems: %v", res.Problems)
		}
		want := []struct{ name, headline, note string }{
			{"Alex Kim", "", ""},
			{"Mira Solberg", "Product Designer at Heron Studio", "We met at the design systems conference in Oslo, would be great to connect and swap notes."},
			{"Pavel Dudek", "Engineer at Krtek", "Hello! I saw your article about ETL and wanted to ask a couple of questions about it."},
			{"Sven Aalto", "CTO at Lumi", ""},
		}
		if len(res.Invitations) != len(want) {
			t.Fatalf("%d invitations: %+v", len(res.Invitations), res.Invitations)
		}
		for i, w := range want {
			got := res.Invitations[i]
			if got.Person.Name != w.name || got.Person.Headline != w.headline || got.Message != w.note {
				t.Errorf("card %d: %q | %q | %q; want %q | %q | %q", i, got.Person.Name, got.Person.Headline, got.Message, w.name, w.headline, w.note)
			}
		}
	})
	t.Run("profile", func(t *testing.T) {
		res := Read("Nora Quist, MBA\r\nData Lead at Fjell\r\nOslo, Norway\r\nContact info\r\n312 connections\r\nExperience\r\n"+
			"Data Lead\r\nFjell\r\nMar 2019 to Jun 2024\r\nOslo, Norway\r\nAnalyst\r\nBrygge AS\r\n2015 - 2019\r\n", now)
		p := res.Person
		if p == nil {
			t.Fatalf("no profile: %+v", res)
		}
		if p.Name != "Nora Quist, MBA" || p.Headline != "Data Lead at Fjell" || p.Location != "Oslo, Norway" || p.Connections == nil || *p.Connections != 312 {
			t.Errorf("intro %+v", p)
		}
		if len(p.Experience) != 2 || p.Experience[0].Company != "Fjell" || p.Experience[0].End != "2024-06" ||
			p.Experience[0].Location != "Oslo, Norway" || p.Experience[1].Company != "Brygge AS" || p.Experience[1].Start != "2015" {
			t.Errorf("experience %+v", p.Experience)
		}
	})
}

// TestEmptyAndHuge: nothing, and more than MaxBytes, are reported, not read;
// a flood of bad cards is listed up to MaxProblems.
func TestEmptyAndHuge(t *testing.T) {
	if res := Read("\n \n", time.Time{}); len(res.Problems) != 1 {
		t.Errorf("empty: %+v", res)
	}
	card, err := os.ReadFile("testdata/im-2017-en.txt")
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 0, MaxBytes+len(card))
	for len(big) <= MaxBytes {
		big = append(big, "x\n"...)
	}
	res := Read(string(big), time.Time{})
	if len(res.Problems) == 0 || res.Problems[0].Line != 1 {
		t.Errorf("huge: %v", res.Problems)
	}
	var flood []byte
	for range 500 {
		flood = append(flood, "Ignore\nAccept\n"...)
	}
	if res := Read(string(flood), time.Time{}); len(res.Problems) != MaxProblems+1 {
		t.Errorf("flood: %d problems", len(res.Problems))
	}
}

// TestOtherInvitations: invitations to follow a page or subscribe to a
// newsletter share the buttons but are not connection invitations.
func TestOtherInvitations(t *testing.T) {
	res := Read(`Ada Lind
Engineer at Volt
Ignore
Accept
Ben Ortiz invited you to follow Ortiz Consulting
Ortiz Consulting
Ignore
Accept
Cleo Marr invited you to subscribe to The Weekly Pipeline
Ignore
Accept
`, time.Time{})
	if len(res.Invitations) != 1 || res.Invitations[0].Person.Name != "Ada Lind" {
		t.Errorf("got %+v", res.Invitations)
	}
}

// TestTopSkillsInAbout: since 2024 the About card lists top skills.
func TestTopSkillsInAbout(t *testing.T) {
	res := Read("Ada Lind\nEngineer at Volt\nOslo, Norway · Contact info\nAbout\nI build things.\nTop skills\nGo • Kafka • SQL\nExperience\n", time.Time{})
	if res.Person == nil || res.Person.About != "I build things." || len(res.Person.Skills) != 3 || res.Person.Skills[1] != "Kafka" {
		t.Errorf("got %+v", res.Person)
	}
}
