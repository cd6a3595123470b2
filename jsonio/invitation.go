package jsonio

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/linkvet/linkvet"
)

// AppendInvitation appends inv's JSON to b: the very bytes
// json.Marshal(inv) gives (HTML escaped, fields in declaration order, the
// same omitempty and omitzero), several times faster. A store keeps
// invitations in that form; this lets it encode a batch into one buffer.
// What it cannot write as encoding/json would (a time outside RFC 3339's
// range) it hands to encoding/json, and returns json.Marshal's error as
// it is (b then as it was): a caller naming the record says where.
func AppendInvitation(b []byte, inv *linkvet.Invitation) ([]byte, error) {
	n := len(b)
	if out, ok := appendInvitation(b, inv); ok {
		return out, nil
	}
	data, err := json.Marshal(inv)
	if err != nil {
		return b[:n], err
	}
	return append(b[:n], data...), nil
}

// fields writes an object's members, a comma before all but the first.
type fields struct {
	b     []byte
	first bool
}

func (f *fields) key(k string) {
	if !f.first {
		f.b = append(f.b, ',')
	}
	f.first = false
	f.b = append(f.b, '"')
	f.b = append(f.b, k...)
	f.b = append(f.b, '"', ':')
}

func (f *fields) str(k, v string) { // omitempty
	if v != "" {
		f.key(k)
		f.b = appendStringHTML(f.b, v)
	}
}

func (f *fields) intPtr(k string, v *int) { // omitempty
	if v != nil {
		f.key(k)
		f.b = strconv.AppendInt(f.b, int64(*v), 10)
	}
}

func (f *fields) strings(k string, v []string) { // omitzero
	if v != nil {
		f.key(k)
		f.b = appendStringsHTML(f.b, v)
	}
}

func appendStringsHTML(b []byte, v []string) []byte {
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStringHTML(b, s)
	}
	return append(b, ']')
}

func appendInvitation(b []byte, inv *linkvet.Invitation) ([]byte, bool) {
	f := fields{b: append(b, '{'), first: true}
	f.str("id", inv.ID)
	f.str("direction", string(inv.Direction))
	if inv.SentAt != nil {
		f.key("sent_at")
		var ok bool
		if f.b, ok = appendTime(f.b, *inv.SentAt); !ok {
			return b, false
		}
	}
	f.str("message", inv.Message)
	f.key("person")
	f.b = appendPerson(f.b, &inv.Person)
	f.intPtr("mutual_connections", inv.MutualConnections)
	f.strings("mutual_names", inv.MutualNames)
	f.key("shared")
	s := fields{b: append(f.b, '{'), first: true}
	s.strings("companies", inv.Shared.Companies)
	s.strings("schools", inv.Shared.Schools)
	s.strings("groups", inv.Shared.Groups)
	s.strings("events", inv.Shared.Events)
	s.strings("interests", inv.Shared.Interests)
	f.b = append(s.b, '}')
	f.strings("interactions", inv.Interactions)
	f.str("source", inv.Source)
	f.str("accept_url", inv.AcceptURL)
	if len(inv.ReceivedVia) > 0 { // omitempty, not omitzero
		f.key("received_via")
		f.b = appendStringsHTML(f.b, inv.ReceivedVia)
	}
	f.str("label", string(inv.Label))
	return append(f.b, '}'), true
}

func appendPerson(b []byte, p *linkvet.Person) []byte {
	f := fields{b: append(b, '{'), first: true}
	f.str("name", p.Name)
	f.str("profile_url", p.ProfileURL)
	f.str("headline", p.Headline)
	f.str("title", p.Title)
	f.str("company", p.Company)
	f.str("industry", p.Industry)
	f.str("location", p.Location)
	f.str("about", p.About)
	f.str("photo", string(p.Photo))
	if p.Verified != nil {
		f.key("verified")
		f.b = strconv.AppendBool(f.b, *p.Verified)
	}
	f.intPtr("connections", p.Connections)
	f.intPtr("followers", p.Followers)
	f.str("member_since", p.MemberSince)
	if p.Experience != nil {
		f.key("experience")
		f.b = append(f.b, '[')
		for i := range p.Experience {
			if i > 0 {
				f.b = append(f.b, ',')
			}
			x := &p.Experience[i]
			e := fields{b: append(f.b, '{'), first: true}
			e.str("title", x.Title)
			e.str("company", x.Company)
			e.str("start", x.Start)
			e.str("end", x.End)
			e.str("location", x.Location)
			f.b = append(e.b, '}')
		}
		f.b = append(f.b, ']')
	}
	if p.Education != nil {
		f.key("education")
		f.b = append(f.b, '[')
		for i := range p.Education {
			if i > 0 {
				f.b = append(f.b, ',')
			}
			x := &p.Education[i]
			e := fields{b: append(f.b, '{'), first: true}
			e.str("school", x.School)
			e.str("degree", x.Degree)
			e.str("start", x.Start)
			e.str("end", x.End)
			f.b = append(e.b, '}')
		}
		f.b = append(f.b, ']')
	}
	f.strings("skills", p.Skills)
	f.strings("languages", p.Languages)
	f.intPtr("recommendations", p.Recommendations)
	f.strings("emails", p.Emails)
	f.strings("phones", p.Phones)
	f.strings("websites", p.Websites)
	return append(f.b, '}')
}

// appendTime writes t as time.Time's MarshalJSON does, and false where
// that fails (a year beyond four digits, an offset of 24 hours or more).
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	if len(b) < n0+5 || b[n0+4] != '-' {
		return b, false
	}
	if b[len(b)-1] != 'Z' {
		c := b[len(b)-len("Z07:00")]
		h := b[len(b)-len("07:00"):]
		if '0' <= c && c <= '9' || 10*(h[0]-'0')+(h[1]-'0') >= 24 {
			return b, false
		}
	}
	return append(b, '"'), true
}

// appendStringHTML writes s quoted as json.Marshal does: appendString's
// escapes, and <, > and & as \u003c, \u003e and \u0026.
func appendStringHTML(b []byte, s string) []byte { return appendQuoted(b, s, true) }
