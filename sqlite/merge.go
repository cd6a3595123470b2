package sqlite

import (
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// invitationPersonKey is the key under which two records are the same
// person: the normalized profile URL, else the first usable e-mail address.
func invitationPersonKey(p linkvet.Person) string {
	if k := linkvet.NormalizeProfileURL(p.ProfileURL); k != "" {
		return k
	}
	for _, e := range p.Emails {
		if k := linkvet.NormalizeEmail(e); k != "" {
			return k
		}
	}
	return ""
}

// deriveInvitationID gives an invitation without an id a stable one, as
// invitation-v1 asks: from the profile URL (else the folded name) and the
// time it was sent, so the same invitation read twice gets the same id. It
// returns "" when the record names nobody.
func deriveInvitationID(inv linkvet.Invitation) string {
	return linkvet.InvitationID(&inv)
}

// mergeInvitation enriches stored with next: a non-empty field of next
// replaces the stored value, an absent one keeps it, lists are united. The
// id and direction stay the stored ones.
func mergeInvitation(stored, next linkvet.Invitation) linkvet.Invitation {
	m := stored
	m.SentAt = pickPtr(stored.SentAt, next.SentAt)
	m.Message = pick(stored.Message, next.Message)
	m.Person = mergePerson(stored.Person, next.Person)
	m.MutualConnections = pickPtr(stored.MutualConnections, next.MutualConnections)
	m.MutualNames = unionFolded(stored.MutualNames, next.MutualNames)
	m.Shared = linkvet.Shared{
		Companies: unionFolded(stored.Shared.Companies, next.Shared.Companies),
		Schools:   unionFolded(stored.Shared.Schools, next.Shared.Schools),
		Groups:    unionFolded(stored.Shared.Groups, next.Shared.Groups),
		Events:    unionFolded(stored.Shared.Events, next.Shared.Events),
		Interests: unionFolded(stored.Shared.Interests, next.Shared.Interests),
	}
	m.Interactions = unionFolded(stored.Interactions, next.Interactions)
	m.Source = pick(stored.Source, next.Source)
	m.AcceptURL = pick(stored.AcceptURL, next.AcceptURL)
	m.ReceivedVia = unionFolded(stored.ReceivedVia, next.ReceivedVia)
	m.Label = linkvet.Action(pick(string(stored.Label), string(next.Label)))
	return m
}

func mergePerson(stored, next linkvet.Person) linkvet.Person {
	m := stored
	m.Name = pick(stored.Name, next.Name)
	m.ProfileURL = pick(stored.ProfileURL, next.ProfileURL)
	m.Headline = pick(stored.Headline, next.Headline)
	m.Title = pick(stored.Title, next.Title)
	m.Company = pick(stored.Company, next.Company)
	m.Industry = pick(stored.Industry, next.Industry)
	m.Location = pick(stored.Location, next.Location)
	m.About = pick(stored.About, next.About)
	// "unknown" is the format's way of saying nothing.
	if next.Photo != "" && next.Photo != linkvet.PhotoUnknown {
		m.Photo = next.Photo
	}
	m.Verified = pickPtr(stored.Verified, next.Verified)
	m.Connections = pickPtr(stored.Connections, next.Connections)
	m.Followers = pickPtr(stored.Followers, next.Followers)
	m.MemberSince = pick(stored.MemberSince, next.MemberSince)
	m.Experience = mergeExperience(stored.Experience, next.Experience)
	m.Education = mergeEducation(stored.Education, next.Education)
	m.Skills = unionFolded(stored.Skills, next.Skills)
	m.Languages = unionFolded(stored.Languages, next.Languages)
	m.Recommendations = pickPtr(stored.Recommendations, next.Recommendations)
	m.Emails = unionFolded(stored.Emails, next.Emails)
	m.Phones = unionFolded(stored.Phones, next.Phones)
	m.Websites = unionFolded(stored.Websites, next.Websites)
	return m
}

func pick(stored, next string) string {
	if next != "" {
		return next
	}
	return stored
}

func pickPtr[T any](stored, next *T) *T {
	if next != nil {
		return next
	}
	return stored
}

// unionFolded appends the items of next that stored lacks, comparing
// folded text; the stored order and spelling win.
func unionFolded(stored, next []string) []string {
	if len(next) == 0 {
		if stored == nil {
			return next // known to be empty beats unknown
		}
		return stored
	}
	seen := make(map[string]bool, len(stored)+len(next))
	out := make([]string, 0, len(stored)+len(next))
	for _, list := range [][]string{stored, next} {
		for _, s := range list {
			k := fold.String(s)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// mergeExperience unites positions, treating the same title at the same
// company from the same start as one position whose fields merge (an end
// date appears when the person moves on).
func mergeExperience(stored, next []linkvet.Position) []linkvet.Position {
	if len(next) == 0 {
		if stored == nil {
			return next // known to be empty beats unknown
		}
		return stored
	}
	key := func(p linkvet.Position) string {
		return fold.String(p.Title) + "\x00" + fold.String(p.Company) + "\x00" + strings.TrimSpace(p.Start)
	}
	out := append([]linkvet.Position(nil), stored...)
	index := make(map[string]int, len(out))
	for i, p := range out {
		index[key(p)] = i
	}
	for _, p := range next {
		k := key(p)
		if i, ok := index[k]; ok {
			out[i] = linkvet.Position{
				Title:    pick(out[i].Title, p.Title),
				Company:  pick(out[i].Company, p.Company),
				Start:    pick(out[i].Start, p.Start),
				End:      pick(out[i].End, p.End),
				Location: pick(out[i].Location, p.Location),
			}
			continue
		}
		index[k] = len(out)
		out = append(out, p)
	}
	return out
}

func mergeEducation(stored, next []linkvet.Education) []linkvet.Education {
	if len(next) == 0 {
		if stored == nil {
			return next // known to be empty beats unknown
		}
		return stored
	}
	out := append([]linkvet.Education(nil), stored...)
	seen := make(map[string]bool, len(out))
	for _, e := range out {
		seen[fold.String(e.School)+"\x00"+fold.String(e.Degree)] = true
	}
	for _, e := range next {
		k := fold.String(e.School) + "\x00" + fold.String(e.Degree)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

// knownKey is the key of a known person: linkvet.PersonKey of the profile
// URL and e-mail, else "name:" and the folded name, else "" (nobody).
func knownKey(p linkvet.KnownPerson) string {
	if k := linkvet.PersonKey(p.ProfileURL, p.Email); k != "" {
		return k
	}
	if n := fold.String(p.Name); n != "" {
		return "name:" + n
	}
	return ""
}

// KnownKey returns the key under which the store keeps a known person, the
// key Tag and Untag take: linkvet.PersonKey of the profile URL and e-mail,
// else "name:" followed by the folded name.
func KnownKey(p linkvet.KnownPerson) string { return knownKey(p) }

// mergeKnown enriches a stored known person with what a newer export says:
// non-empty fields replace, sources unite, the last contact is the later
// one. Tags are the user's and live elsewhere.
func mergeKnown(stored, next linkvet.KnownPerson) linkvet.KnownPerson {
	m := stored
	m.Name = pick(stored.Name, next.Name)
	m.ProfileURL = pick(stored.ProfileURL, next.ProfileURL)
	m.Email = pick(stored.Email, next.Email)
	m.Company = pick(stored.Company, next.Company)
	m.Position = pick(stored.Position, next.Position)
	m.Sources = unionFolded(stored.Sources, next.Sources)
	if !next.Since.IsZero() {
		m.Since = next.Since
	}
	if next.LastSeen.After(m.LastSeen) {
		m.LastSeen = next.LastSeen
	}
	m.Tags = nil
	return m
}

// sameKnown reports whether two known people would be stored identically.
func sameKnown(a, b linkvet.KnownPerson) bool {
	if a.Name != b.Name || a.ProfileURL != b.ProfileURL || a.Email != b.Email ||
		a.Company != b.Company || a.Position != b.Position ||
		!a.Since.Equal(b.Since) || !a.LastSeen.Equal(b.LastSeen) || len(a.Sources) != len(b.Sources) {
		return false
	}
	for i := range a.Sources {
		if a.Sources[i] != b.Sources[i] {
			return false
		}
	}
	return true
}

// hasSource reports whether a known person came from source (folded).
func hasSource(p linkvet.KnownPerson, source string) bool {
	for _, s := range p.Sources {
		if fold.String(s) == source {
			return true
		}
	}
	return false
}
