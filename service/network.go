package service

import (
	"context"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/outreach"
)

// The network use cases: looking over one's connections (the count against
// LinkedIn's cap, the stale ones, the tags), choosing people to tag, and
// checking one's own profile. `linkvet network`, `linkvet network tag`,
// `linkvet profile check` and the web app's Network page call these and
// only present what they return, so the two faces cannot disagree. Each
// reads the outreach snapshot once (OutreachView: the people known, with
// those met through invitations and decisions, and the policy in force)
// and takes the time from the service's clock.

// Network summarises the user's connections at the service's clock: how
// many against LinkedIn's cap, the stale ones (follow_up.stale_after_days),
// how many have no date, and the tags given to people.
func (s *Service) Network(ctx context.Context) (outreach.Network, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return outreach.Network{}, err
	}
	return outreach.Summarize(v.State.Known, v.State.HiddenConnections, v.Policy, v.Now), nil
}

// StaleConnections lists the connections gone quiet for
// follow_up.stale_after_days, quietest first: the people "tag --stale"
// names. Connections the policy lists as known are never stale.
func (s *Service) StaleConnections(ctx context.Context) ([]outreach.StaleConnection, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return nil, err
	}
	return outreach.Stale(v.State.Known, v.Policy, v.Now), nil
}

// PeopleAt lists the connections whose company contains company as whole
// words, compared folded ("Acme" finds "ACME Corp", not "Acmeware"); none
// for a company without a word.
func (s *Service) PeopleAt(ctx context.Context, company string) ([]linkvet.KnownPerson, error) {
	v, err := s.OutreachView(ctx)
	if err != nil {
		return nil, err
	}
	return outreach.AtCompany(v.State.Known, company), nil
}

// PeopleNamed turns what the user typed to name people (profile URLs,
// e-mail addresses, names) into the keys Tag and Untag take, in order. A
// profile URL or an e-mail address is passed on as is; a name is looked up
// among the people known (folded) and must name exactly one of them, else
// EINVALID. A name nobody has is passed on as typed, for Tag to name in
// its error.
func (s *Service) PeopleNamed(ctx context.Context, people []string) ([]string, error) {
	keys := make([]string, 0, len(people))
	var known []linkvet.KnownPerson
	read := false
	for _, a := range people {
		if linkvet.PersonKey(a, a) != "" {
			keys = append(keys, a)
			continue
		}
		if !read {
			v, err := s.OutreachView(ctx)
			if err != nil {
				return nil, err
			}
			known, read = v.State.Known, true
		}
		var found []string
		for _, k := range known {
			if fold.String(k.Name) == fold.String(a) {
				found = append(found, KnownKey(k))
			}
		}
		switch len(found) {
		case 0:
			keys = append(keys, a) // the store names it in its error
		case 1:
			keys = append(keys, found[0])
		default:
			return nil, linkvet.Errorf(linkvet.EINVALID, "%q names %d people you know; use the profile URL of the one you mean", a, len(found))
		}
	}
	return keys, nil
}

// ProfileReport is the check of the user's own profile.
type ProfileReport struct {
	Profile linkvet.Profile `json:"profile"`
	// Partial is set when the profile is the one an import stored, which
	// keeps no About text and no dates: those are asked about rather than
	// reported missing.
	Partial  bool                      `json:"partial"`
	Findings []outreach.ProfileFinding `json:"findings"`
}

// CheckProfile says what the profile the last import stored lacks: the
// headline, a current position, skills, education, industry, location;
// the About text, the dates and the photo, which an import does not keep,
// are asked about (Partial). It is ENOTFOUND when no import stored a
// profile.
func (s *Service) CheckProfile(ctx context.Context) (ProfileReport, error) {
	me, err := s.store.Me(ctx)
	if err != nil {
		return ProfileReport{}, err
	}
	if me.Empty() {
		return ProfileReport{}, linkvet.Errorf(linkvet.ENOTFOUND, "no profile is stored yet: import your LinkedIn export")
	}
	p := outreach.ProfileFromMe(me)
	return ProfileReport{Profile: p, Partial: true, Findings: outreach.ProfileFindings(p, true)}, nil
}

// CheckProfileOf is CheckProfile for a profile read in full from an
// export (linkedin.ReadProfile); it needs no store, so that a profile can
// be checked before anything is imported.
func CheckProfileOf(prof linkvet.Profile) ProfileReport {
	return ProfileReport{Profile: prof, Findings: outreach.ProfileFindings(prof, false)}
}
