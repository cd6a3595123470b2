package learn

import (
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// DocFromInvitation returns what the classifier reads of an invitation:
// the note, the headline and the about text as text, and these facts,
// each only when it is known (an unknown fact is no evidence either way):
//
//	direction:outgoing       for an invitation the user sent
//	has_note:true|false
//	photo:real|none|stock|generated
//	verified:true|false
//	mutual:0, mutual:1-4, mutual:5+
//	connections:<50, connections:50-499, connections:500+
//	shared:some              a company, school, group, event or interest
//	interaction:KIND         one per interaction the format knows
//
// An empty about text or work history is not a fact: the format cannot
// tell "empty" from "not captured".
func DocFromInvitation(inv *linkvet.Invitation) Doc {
	if inv == nil {
		return Doc{}
	}
	p := &inv.Person
	var d Doc
	for _, t := range []string{inv.Message, p.Headline, p.About} {
		if strings.TrimSpace(t) != "" {
			d.Text = append(d.Text, t)
		}
	}
	fact := func(f string) { d.Facts = append(d.Facts, f) }
	if inv.Direction == linkvet.Outgoing {
		fact("direction:outgoing")
	}
	if len(fold.Fields(inv.Message)) > 0 {
		fact("has_note:true")
	} else {
		fact("has_note:false")
	}
	switch p.Photo {
	case linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated:
		fact("photo:" + string(p.Photo))
	}
	if p.Verified != nil {
		if *p.Verified {
			fact("verified:true")
		} else {
			fact("verified:false")
		}
	}
	if m := inv.MutualConnections; m != nil && *m >= 0 {
		switch {
		case *m == 0:
			fact("mutual:0")
		case *m < 5:
			fact("mutual:1-4")
		default:
			fact("mutual:5+")
		}
	}
	if n := p.Connections; n != nil && *n >= 0 {
		switch {
		case *n < 50:
			fact("connections:<50")
		case *n < 500:
			fact("connections:50-499")
		default:
			fact("connections:500+")
		}
	}
	if !inv.Shared.Empty() {
		// Nothing shown in common may just mean nothing was captured.
		fact("shared:some")
	}
	for _, kind := range []string{linkvet.FollowsYou, linkvet.EngagedWithYourContent, linkvet.MessagedBefore,
		linkvet.MetInPerson, linkvet.AttendedSameEvent, linkvet.ViewedYourProfile} {
		if inv.HasInteraction(kind) {
			fact("interaction:" + kind)
		}
	}
	return d
}
