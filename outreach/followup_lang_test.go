package outreach_test

import (
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/outreach"
)

// TestFollowUpInTheDraftsLanguage: the follow-up owed after accepting is
// written in the language the verdict's drafts chose (a new-user trial got
// "Hi Beatriz, good to be connected" for a Portuguese note whose verdict
// drafted in Portuguese), and is the verdict's own follow-up draft.
func TestFollowUpInTheDraftsLanguage(t *testing.T) {
	p := testPolicy()
	p.Me.Languages = []string{"en", "pt", "es", "de"}
	day := 24 * time.Hour
	tests := []struct {
		id, noteLang, draftsLang string
		want                     []string // one of these words, lower case
	}{
		{"fu-pt", "pt", "pt", []string{"olá", "oi"}},
		{"fu-es", "es", "es", []string{"hola", "qué tal"}},
		{"fu-de", "de", "de", []string{"hallo", "hi ", "guten tag"}},
		{"fu-it", "it", "en", []string{"hi ", "hello"}}, // a language the user does not write: hers
		// A verdict stored before drafts_language existed: the note's
		// language decides, as it did for the verdict's drafts.
		{"fu-old", "pt", "", []string{"olá", "oi"}},
	}
	var s outreach.State
	verdicts := map[string]*linkvet.Verdict{}
	for _, tt := range tests {
		inv := linkvet.Invitation{ID: tt.id, Person: linkvet.Person{Name: "Beatriz Quintela", ProfileURL: "linkedin.com/in/" + tt.id, Company: "Caravela Labs"},
			Shared: linkvet.Shared{Interests: []string{"Kafka"}}}
		v := &linkvet.Verdict{ID: tt.id, Action: linkvet.Accept, Category: linkvet.IndustryPeer, Intent: linkvet.KeepInTouch,
			Language: tt.noteLang, DraftsLanguage: tt.draftsLang}
		v.Drafts = compose.Drafts(&inv, v, p.Me)
		verdicts[tt.id] = v
		s.Invitations = append(s.Invitations, linkvet.StoredInvitation{Invitation: inv, Verdict: v,
			Decision: &linkvet.Decision{InvitationID: tt.id, Action: linkvet.Accept, By: linkvet.ByUser, At: now.Add(-4 * day)}})
	}
	got := map[string]string{}
	for _, f := range outreach.FollowUps(s, p, p.Me, now) {
		got[f.InvitationID] = f.Draft
	}
	for _, tt := range tests {
		d := got[tt.id]
		if d == "" {
			t.Errorf("%s: no follow-up draft", tt.id)
			continue
		}
		if want := verdicts[tt.id].Drafts.FollowUp; d != want {
			t.Errorf("%s: follow-up\n%q\nwant the verdict's\n%q", tt.id, d, want)
		}
		ok := false
		for _, w := range tt.want {
			ok = ok || strings.HasPrefix(strings.ToLower(d), w) || strings.HasPrefix(strings.ToLower(d), "¿"+w)
		}
		if !ok {
			t.Errorf("%s (note %s, drafts %q): follow-up %q does not open in the drafts' language", tt.id, tt.noteLang, tt.draftsLang, d)
		}
	}
}
