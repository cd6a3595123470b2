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
	d.Facts = AppendInvitationFacts(make([]string, 0, 8), inv, len(fold.Fields(inv.Message)) > 0)
	return d
}

// AppendInvitationFacts appends to dst the facts DocFromInvitation gives
// inv, for a caller that builds a FoldedDoc. hasNote is whether the note
// has a word at all (fold.Fields(inv.Message) is not empty), which a
// caller that folded the note already knows. Every fact is a constant that
// folding leaves as it is (TestInvitationFactsFolded), so nothing is
// allocated.
func AppendInvitationFacts(dst []string, inv *linkvet.Invitation, hasNote bool) []string {
	if inv == nil {
		return dst
	}
	p := &inv.Person
	if inv.Direction == linkvet.Outgoing {
		dst = append(dst, "direction:outgoing")
	}
	if hasNote {
		dst = append(dst, "has_note:true")
	} else {
		dst = append(dst, "has_note:false")
	}
	switch p.Photo {
	case linkvet.PhotoReal:
		dst = append(dst, "photo:"+string(linkvet.PhotoReal))
	case linkvet.PhotoNone:
		dst = append(dst, "photo:"+string(linkvet.PhotoNone))
	case linkvet.PhotoStock:
		dst = append(dst, "photo:"+string(linkvet.PhotoStock))
	case linkvet.PhotoGenerated:
		dst = append(dst, "photo:"+string(linkvet.PhotoGenerated))
	}
	if p.Verified != nil {
		if *p.Verified {
			dst = append(dst, "verified:true")
		} else {
			dst = append(dst, "verified:false")
		}
	}
	if m := inv.MutualConnections; m != nil && *m >= 0 {
		switch {
		case *m == 0:
			dst = append(dst, "mutual:0")
		case *m < 5:
			dst = append(dst, "mutual:1-4")
		default:
			dst = append(dst, "mutual:5+")
		}
	}
	if n := p.Connections; n != nil && *n >= 0 {
		switch {
		case *n < 50:
			dst = append(dst, "connections:<50")
		case *n < 500:
			dst = append(dst, "connections:50-499")
		default:
			dst = append(dst, "connections:500+")
		}
	}
	if !inv.Shared.Empty() {
		// Nothing shown in common may just mean nothing was captured.
		dst = append(dst, "shared:some")
	}
	for _, f := range interactionFacts {
		if inv.HasInteraction(f.kind) {
			dst = append(dst, f.fact)
		}
	}
	return dst
}

// interactionFacts are the interactions the format knows, in the order
// their facts are listed, each with its fact written out once.
var interactionFacts = [...]struct{ kind, fact string }{
	{linkvet.FollowsYou, "interaction:" + linkvet.FollowsYou},
	{linkvet.EngagedWithYourContent, "interaction:" + linkvet.EngagedWithYourContent},
	{linkvet.MessagedBefore, "interaction:" + linkvet.MessagedBefore},
	{linkvet.MetInPerson, "interaction:" + linkvet.MetInPerson},
	{linkvet.AttendedSameEvent, "interaction:" + linkvet.AttendedSameEvent},
	{linkvet.ViewedYourProfile, "interaction:" + linkvet.ViewedYourProfile},
}

// invitationFacts lists every fact AppendInvitationFacts can give, so that
// a compiled model can number them once (TestInvitationFactsFolded).
var invitationFacts = func() []string {
	facts := []string{"direction:outgoing", "has_note:true", "has_note:false",
		"photo:" + string(linkvet.PhotoReal), "photo:" + string(linkvet.PhotoNone),
		"photo:" + string(linkvet.PhotoStock), "photo:" + string(linkvet.PhotoGenerated),
		"verified:true", "verified:false", "mutual:0", "mutual:1-4", "mutual:5+",
		"connections:<50", "connections:50-499", "connections:500+", "shared:some"}
	for _, f := range interactionFacts {
		facts = append(facts, f.fact)
	}
	return facts
}()
