package service

import (
	"slices"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Enrich returns stored with what next adds: every field stored does not
// know is filled from next, lists are united (received_via among them),
// the Accept link is kept, and the id, direction, source and label (the
// user's own word) stay the stored ones. A note cut short ("…see more") is
// completed by a fuller copy of it. It also names the fields filled.
func Enrich(stored, next linkvet.Invitation) (linkvet.Invitation, []string) {
	m := stored
	var filled []string
	str := func(name string, dst *string, src string) {
		if strings.TrimSpace(*dst) == "" && strings.TrimSpace(src) != "" {
			*dst = src
			filled = append(filled, name)
		}
	}
	list := func(name string, dst *[]string, src []string) {
		u := union(*dst, src)
		if len(u) > len(*dst) {
			filled = append(filled, name)
		}
		if len(u) > len(*dst) || (*dst == nil && src != nil) {
			*dst = u
		}
	}
	if m.SentAt == nil && next.SentAt != nil {
		t := *next.SentAt
		m.SentAt = &t
		filled = append(filled, "sent_at")
	}
	if longer := completes(m.Message, next.Message); longer {
		m.Message = next.Message
		filled = append(filled, "message")
	} else {
		str("message", &m.Message, next.Message)
	}
	if m.MutualConnections == nil && next.MutualConnections != nil {
		n := *next.MutualConnections
		m.MutualConnections = &n
		filled = append(filled, "mutual_connections")
	}
	list("mutual_names", &m.MutualNames, next.MutualNames)
	list("shared.companies", &m.Shared.Companies, next.Shared.Companies)
	list("shared.schools", &m.Shared.Schools, next.Shared.Schools)
	list("shared.groups", &m.Shared.Groups, next.Shared.Groups)
	list("shared.events", &m.Shared.Events, next.Shared.Events)
	list("shared.interests", &m.Shared.Interests, next.Shared.Interests)
	list("interactions", &m.Interactions, next.Interactions)
	str("accept_url", &m.AcceptURL, next.AcceptURL)
	str("source", &m.Source, next.Source)
	via := m.ReceivedVia
	if len(via) == 0 && stored.Source != "" {
		via = []string{stored.Source}
	}
	for _, v := range append(slices.Clone(next.ReceivedVia), next.Source) {
		if v != "" && !slices.Contains(via, v) {
			via = append(via, v)
		}
	}
	m.ReceivedVia = via

	p, q := &m.Person, next.Person
	str("person.name", &p.Name, q.Name)
	str("person.profile_url", &p.ProfileURL, q.ProfileURL)
	str("person.headline", &p.Headline, q.Headline)
	str("person.title", &p.Title, q.Title)
	str("person.company", &p.Company, q.Company)
	str("person.industry", &p.Industry, q.Industry)
	str("person.location", &p.Location, q.Location)
	str("person.about", &p.About, q.About)
	str("person.member_since", &p.MemberSince, q.MemberSince)
	if (p.Photo == "" || p.Photo == linkvet.PhotoUnknown) && q.Photo != "" && q.Photo != linkvet.PhotoUnknown {
		p.Photo = q.Photo
		filled = append(filled, "person.photo")
	}
	ptr := func(name string, dst **int, src *int) {
		if *dst == nil && src != nil {
			n := *src
			*dst = &n
			filled = append(filled, name)
		}
	}
	ptr("person.connections", &p.Connections, q.Connections)
	ptr("person.followers", &p.Followers, q.Followers)
	ptr("person.recommendations", &p.Recommendations, q.Recommendations)
	if p.Verified == nil && q.Verified != nil {
		b := *q.Verified
		p.Verified = &b
		filled = append(filled, "person.verified")
	}
	list("person.skills", &p.Skills, q.Skills)
	list("person.languages", &p.Languages, q.Languages)
	list("person.emails", &p.Emails, q.Emails)
	list("person.phones", &p.Phones, q.Phones)
	list("person.websites", &p.Websites, q.Websites)
	if exp, added := unitePositions(p.Experience, q.Experience); added {
		p.Experience = exp
		filled = append(filled, "person.experience")
	} else if p.Experience == nil && q.Experience != nil {
		p.Experience = exp
	}
	if edu, added := uniteEducation(p.Education, q.Education); added {
		p.Education = edu
		filled = append(filled, "person.education")
	} else if p.Education == nil && q.Education != nil {
		p.Education = edu
	}
	return m, filled
}

// completes reports whether next is a fuller copy of a note that stored
// holds cut short ("Hi Dana, I read your post…see more").
func completes(stored, next string) bool {
	s := strings.TrimSpace(stored)
	if s == "" || len(next) <= len(s) {
		return false
	}
	for _, cut := range []string{"see more", "…", "...", "ver más", "voir plus", "mehr anzeigen", "ver mais"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, cut))
	}
	fs, fn := fold.String(s), fold.String(next)
	return fs != "" && fs != fold.String(stored) && strings.HasPrefix(fn, fs)
}

// union appends the items of next that list lacks (folded), keeping the
// order and spelling of list.
func union(list, next []string) []string {
	out := slices.Clone(list)
	if out == nil && next != nil {
		out = []string{}
	}
	for _, n := range next {
		k := fold.String(n)
		if k == "" || slices.ContainsFunc(out, func(s string) bool { return fold.String(s) == k }) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// unitePositions adds the positions of next that list lacks (same title,
// company and start), filling the unknown end and place of those it has.
func unitePositions(list, next []linkvet.Position) ([]linkvet.Position, bool) {
	return uniteRecords(list, next, func(p linkvet.Position) string {
		return fold.String(p.Title) + "\x00" + fold.String(p.Company) + "\x00" + strings.TrimSpace(p.Start)
	}, func(o *linkvet.Position, n linkvet.Position) bool {
		end := fillEmpty(&o.End, n.End) // both filled: no short circuit
		place := fillEmpty(&o.Location, n.Location)
		return end || place
	})
}

// uniteEducation adds the schools of next that list lacks (same school and
// degree), filling the unknown years of those it has.
func uniteEducation(list, next []linkvet.Education) ([]linkvet.Education, bool) {
	return uniteRecords(list, next, func(e linkvet.Education) string {
		return fold.String(e.School) + "\x00" + fold.String(e.Degree)
	}, func(o *linkvet.Education, n linkvet.Education) bool {
		start := fillEmpty(&o.Start, n.Start) // both filled: no short circuit
		end := fillEmpty(&o.End, n.End)
		return start || end
	})
}

// uniteRecords adds the records of next whose key list lacks and lets fill
// complete the ones it has; it reports whether anything changed. A known
// empty list stays known: nil with a non-nil next becomes [].
func uniteRecords[T any](list, next []T, key func(T) string, fill func(o *T, n T) bool) ([]T, bool) {
	out := slices.Clone(list)
	if out == nil && next != nil {
		out = []T{}
	}
	changed := false
	for _, n := range next {
		k := key(n)
		i := slices.IndexFunc(out, func(o T) bool { return key(o) == k })
		if i < 0 {
			out = append(out, n)
			changed = true
			continue
		}
		if fill(&out[i], n) {
			changed = true
		}
	}
	return out, changed
}

// fillEmpty sets *dst to src when dst is unknown and src known.
func fillEmpty(dst *string, src string) bool {
	if *dst == "" && src != "" {
		*dst = src
		return true
	}
	return false
}
