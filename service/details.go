package service

import (
	"slices"

	"github.com/linkvet/linkvet"
)

// NeedsDetails returns what a verdict stands without: the verdict's own
// Missing list (the engine's word), or, when the engine names nothing, the
// profile when the invitation holds no more than a name and perhaps a note
// (no headline, no position, no about). Empty means enough is known, and
// so does a verdict that blocks or reports the sender or knows them
// already: no more about the person would change it, and a user should not
// be sent to a scammer's profile to fetch it.
func NeedsDetails(inv *linkvet.Invitation, v *linkvet.Verdict) []string {
	if v != nil && (v.Action == linkvet.Block || v.Report || v.Category == linkvet.KnownContact || v.Category == linkvet.Blocked) {
		return nil
	}
	if v != nil && len(v.Missing) > 0 {
		return v.Missing
	}
	p := inv.Person
	if p.Headline == "" && p.Title == "" && len(p.Experience) == 0 && p.About == "" {
		return []string{"profile"}
	}
	return nil
}

// HowToGetDetails says, for the facts missing, how the user can bring them
// in without linkvet touching their LinkedIn account, one sentence each.
func HowToGetDetails(inv *linkvet.Invitation, missing []string) []string {
	if len(missing) == 0 {
		return nil
	}
	profile := "open the profile"
	if inv.Person.ProfileURL != "" {
		profile = "open " + inv.Person.ProfileURL
	}
	out := []string{
		profile + ", choose More > Save to PDF, then: linkvet add --profile FILE.pdf " + inv.ID,
		"select all on the Invitation Manager page, copy, then: linkvet paste (mutual connections and notes)",
	}
	if !slices.Contains(inv.ReceivedVia, linkvet.SourceEmail) {
		out = append(out, "bring in LinkedIn's invitation e-mail: linkvet import FILE.eml, or linkvet mail sync")
	}
	return out
}
