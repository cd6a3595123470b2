package linkedin

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Source is the Invitation.Source of invitations read from an export.
const Source = linkvet.SourceLinkedInExport

// Known person sources.
const (
	SourceConnection     = "connection"
	SourceContact        = "contact"
	SourceMessage        = "message"
	SourceEndorsement    = "endorsement"
	SourceRecommendation = "recommendation"
)

// export works out what the files mean together.
func (d *data) export(loc *time.Location, messagesReady func([]linkvet.Message)) *linkvet.Export {
	e := &linkvet.Export{
		Known:             []linkvet.KnownPerson{},
		Incoming:          []linkvet.Invitation{},
		Outgoing:          []linkvet.Invitation{},
		HiddenConnections: d.hidden,
		Files:             d.files,
	}
	k := newKeys()
	me := d.whoAmI(k, func(yield func(*linkvet.Message) bool) {
		for i := range d.messages {
			if !yield(&d.messages[i]) {
				return
			}
		}
	})
	e.Me = d.me(me.name)

	// Messages: which are the user's, and whom the user has talked with. A
	// message only counts as contact when the user took part in the
	// conversation: a one-way InMail from a stranger proves nothing.
	wrote := map[string]bool{} // conversations the user wrote in
	for i := range d.messages {
		m := &d.messages[i]
		m.Outgoing = me.sent(m, d.directions[i])
		if m.Outgoing && m.ConversationID != "" {
			wrote[m.ConversationID] = true
		}
	}
	if messagesReady != nil {
		// From here on the messages are only read.
		messagesReady(d.messages)
	}
	tk := newTalks(k, me, wrote, len(d.connections)) // message partners are mostly connections
	for i := range d.messages {
		tk.see(&d.messages[i])
	}
	talked := tk.talked
	e.Messages = d.messages

	// Known people: everyone the export shows the user knows.
	known := newPeople(k, len(d.connections)+len(d.contacts)+len(talked.list))
	for _, c := range d.connections {
		if !me.is(c.name, c.url, c.emails...) {
			known.add(c, SourceConnection)
		}
	}
	d.addOthers(known, me, talked)
	e.Known = make([]linkvet.KnownPerson, 0, len(known.list))
	for _, p := range known.list {
		kp := linkvet.KnownPerson{
			Name: p.name, ProfileURL: p.url, Company: p.company, Position: p.position,
			Sources: p.sources, Since: p.since,
		}
		if len(p.emails) > 0 {
			kp.Email = p.emails[0]
		}
		if kp.Name == "" {
			kp.Name = cmp.Or(kp.ProfileURL, kp.Email)
		}
		kp.LastSeen = tk.lastSeen(p.url, p.name)
		e.Known = append(e.Known, kp)
	}
	sortKnown(e.Known, k)

	// Pending invitations: Invitations.csv also lists accepted ones, whose
	// other side is now a connection.
	connections := newPeople(k, len(d.connections))
	for _, c := range d.connections {
		connections.add(c, SourceConnection)
	}
	d.pending(e, me, func(_ int, c contact) bool { return connections.find(c) >= 0 }, func(c contact) bool { return talked.find(c) >= 0 })
	return e
}

// pending sorts the invitations into e: pending ones (only the latest per
// person and direction) into Incoming and Outgoing, accepted incoming ones
// into PastAccepts. isConnection tells whether the other side of
// invitation n is now a connection; talked whether the user messaged them.
// talks is what the messages tell of the people the user talks with: the
// last message either way, by profile URL and by name, and whom the user
// talked with (a message in a conversation the user wrote in; a one-way
// InMail from a stranger proves nothing). Read and Stream both fill one.
type talks struct {
	k                     *keys
	me                    self
	wrote                 map[string]bool // conversations the user wrote in
	talked                *people
	lastByURL, lastByName map[string]time.Time
	engaged               map[string]bool // person keys already added to talked
	others                []contact
}

func newTalks(k *keys, me self, wrote map[string]bool, size int) *talks {
	return &talks{k: k, me: me, wrote: wrote, talked: newPeople(k, size),
		lastByURL: map[string]time.Time{}, lastByName: map[string]time.Time{}, engaged: map[string]bool{}}
}

// see notes one message whose Outgoing is already set.
func (t *talks) see(m *linkvet.Message) {
	t.others = counterparts(t.others[:0], m)
	for _, c := range t.others {
		u, n := t.k.url(c.url), t.k.name(c.name)
		if t.me.isKey(u, n) {
			continue
		}
		if u != "" && m.At.After(t.lastByURL[u]) {
			t.lastByURL[u] = m.At
		}
		if n != "" && m.At.After(t.lastByName[n]) {
			t.lastByName[n] = m.At
		}
		if m.Outgoing || t.wrote[m.ConversationID] {
			if key := u + "\x00" + n; !t.engaged[key] {
				t.engaged[key] = true
				t.talked.add(c, SourceMessage)
			}
		}
	}
}

// lastSeen is the last message with the person of this URL, else of this
// name.
func (t *talks) lastSeen(url, name string) time.Time {
	if at, ok := t.lastByURL[t.k.url(url)]; ok {
		return at
	}
	return t.lastByName[t.k.name(name)]
}

// addOthers adds to known the people of the export's smaller files
// (contacts, endorsers, recommenders) and those the user messaged, leaving
// the user out: what Read and Stream both know besides the connections.
func (d *data) addOthers(known *people, me self, talked *people) {
	for _, c := range d.contacts {
		if !me.is(c.name, c.url, c.emails...) {
			known.add(c, SourceContact)
		}
	}
	for _, c := range d.endorsers {
		if !me.is(c.name, c.url) {
			known.add(c, SourceEndorsement)
		}
	}
	for _, c := range d.recommender {
		if !me.is(c.name, c.url) {
			known.add(c, SourceRecommendation)
		}
	}
	for _, p := range talked.list {
		known.add(p.contact, SourceMessage)
	}
}

func (d *data) pending(e *linkvet.Export, me self, isConnection func(n int, c contact) bool, talked func(contact) bool) {
	latest := map[string]int{} // direction + person key → index in pending
	var pending []linkvet.Invitation
	accepted := map[string]int{} // person key → index in e.PastAccepts
	for n, inv := range d.invitations {
		other := contact{name: inv.from, url: inv.fromURL}
		if inv.direction == linkvet.Outgoing {
			other = contact{name: inv.to, url: inv.toURL}
		}
		if me.is(other.name, other.url) {
			continue
		}
		if isConnection(n, other) {
			// Accepted: an incoming one is an example of whom the user
			// accepts. Only the latest per person is kept.
			if inv.direction == linkvet.Incoming {
				li := exportInvitation(inv, other)
				key := personKey(other)
				if i, dup := accepted[key]; !dup {
					accepted[key] = len(e.PastAccepts)
					e.PastAccepts = append(e.PastAccepts, li)
				} else if inv.sentAt.After(timeOf(e.PastAccepts[i].SentAt)) {
					e.PastAccepts[i] = li
				}
			}
			continue
		}
		key := string(inv.direction) + " " + personKey(other)
		li := exportInvitation(inv, other)
		if talked(other) {
			li.Interactions = []string{linkvet.MessagedBefore}
		}
		// Only one invitation per person can be pending: keep the latest.
		if i, dup := latest[key]; dup {
			if inv.sentAt.After(timeOf(pending[i].SentAt)) {
				pending[i] = li
			}
			continue
		}
		latest[key] = len(pending)
		pending = append(pending, li)
	}
	newestFirst := func(a, b linkvet.Invitation) int {
		return cmp.Or(timeOf(b.SentAt).Compare(timeOf(a.SentAt)), strings.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(pending, newestFirst)
	slices.SortStableFunc(e.PastAccepts, newestFirst)
	if d.hasInvs && !d.hasConns {
		e.ConnectionsMissing = true
		e.Files = append(e.Files, linkvet.FileSummary{Name: "Connections.csv", Skipped: []linkvet.Problem{{File: "Connections.csv",
			Reason: "missing from the export: without it, invitations still pending cannot be told from accepted ones, " +
				"so they are kept apart until a fuller export (or another channel) settles them"}}})
	}
	for _, inv := range pending {
		if inv.Direction == linkvet.Outgoing {
			e.Outgoing = append(e.Outgoing, inv)
		} else {
			e.Incoming = append(e.Incoming, inv)
		}
	}
}

// exportInvitation is one row of Invitations.csv as an invitation, with
// other as the person on the other side.
func exportInvitation(inv invitation, other contact) linkvet.Invitation {
	li := linkvet.Invitation{
		ID:        invitationID(inv.direction, other, inv.sentAt),
		Direction: inv.direction,
		Message:   inv.message,
		Person:    linkvet.Person{Name: other.name, ProfileURL: other.url},
		Source:    Source,
	}
	if !inv.sentAt.IsZero() {
		at := inv.sentAt
		li.SentAt = &at
	}
	return li
}

// sortKnown orders people by folded name, then profile URL and e-mail,
// folding each name once.
func sortKnown(list []linkvet.KnownPerson, k *keys) {
	order := make([]int, len(list))
	folded := make([]string, len(list))
	for i := range order {
		order[i], folded[i] = i, k.name(list[i].Name)
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &list[i], &list[j]
		return cmp.Or(strings.Compare(folded[i], folded[j]),
			strings.Compare(a.ProfileURL, b.ProfileURL), strings.Compare(a.Email, b.Email))
	})
	sorted := make([]linkvet.KnownPerson, len(list))
	for i, j := range order {
		sorted[i] = list[j]
	}
	copy(list, sorted)
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// invitationID derives a stable id, so that importing the same export
// again, or a later one, finds the same invitation. The time enters as
// wall-clock text, so the id does not depend on the zone of the import.
func invitationID(dir linkvet.Direction, p contact, sentAt time.Time) string {
	wall := ""
	if !sentAt.IsZero() {
		wall = sentAt.Format("2006-01-02T15:04")
	}
	sum := sha256.Sum256([]byte(string(dir) + "\x00" + personKey(p) + "\x00" + wall))
	return "li-" + hex.EncodeToString(sum[:8])
}

// personKey identifies a person: linkvet.PersonKey, else the folded name.
func personKey(c contact) string {
	email := ""
	if len(c.emails) > 0 {
		email = c.emails[0]
	}
	if k := linkvet.PersonKey(c.url, email); k != "" {
		return k
	}
	return "name:" + fold.String(c.name)
}

// self is who the user is, as far as the export tells.
type self struct {
	k      *keys
	name   string          // as written
	folded string          // fold.String(name)
	urls   map[string]bool // normalised profile URLs
	emails map[string]bool
}

// whoAmI finds the user's name (Profile.csv, else the side of the
// invitations that is always the same, else the most frequent party to
// the messages) and profile URLs (from invitations, else from the messages
// the user's name signed).
func (d *data) whoAmI(k *keys, messages iter.Seq[*linkvet.Message]) self {
	s := self{k: k, name: d.profile.name, urls: map[string]bool{}, emails: map[string]bool{}}
	for _, e := range d.myEmails {
		s.emails[e] = true
	}
	if s.name == "" {
		var names tally
		for _, inv := range d.invitations {
			if inv.direction == linkvet.Outgoing {
				names.add(inv.from)
			} else {
				names.add(inv.to)
			}
		}
		s.name = names.top()
	}
	if s.name == "" {
		var names tally
		for m := range messages {
			names.add(m.From)
		}
		s.name = names.top()
	}
	s.folded = fold.String(s.name)
	for _, inv := range d.invitations {
		u := inv.toURL
		if inv.direction == linkvet.Outgoing {
			u = inv.fromURL
		}
		if u := linkvet.NormalizeProfileURL(u); u != "" {
			s.urls[u] = true
		}
	}
	if len(s.urls) == 0 && s.folded != "" {
		var urls tally
		for m := range messages {
			if m.FromURL != "" && fold.String(m.From) == s.folded {
				urls.add(linkvet.NormalizeProfileURL(m.FromURL))
			}
		}
		if u := urls.top(); u != "" {
			s.urls[u] = true
		}
	}
	return s
}

// is reports whether a person is the user: by profile URL or e-mail when
// known, by name only when the record has neither.
func (s self) is(name, url string, emails ...string) bool {
	if u := s.k.url(url); u != "" {
		return s.isKey(u, "")
	}
	for _, e := range emails {
		if s.emails[e] {
			return true
		}
	}
	if len(emails) > 0 {
		return false
	}
	return s.folded != "" && s.k.name(name) == s.folded
}

// isKey is is for a person already reduced to a normalised profile URL u
// and folded name n.
func (s self) isKey(u, n string) bool {
	if u != "" {
		return s.urls[u]
	}
	return s.folded != "" && n == s.folded
}

// sent reports whether the user wrote a message; direction is the 2018
// Direction column, folded, when there is one.
func (s self) sent(m *linkvet.Message, direction string) bool {
	switch direction {
	case "outgoing", "sent":
		return true
	case "incoming", "received":
		return false
	}
	if u := s.k.url(m.FromURL); u != "" && len(s.urls) > 0 {
		return s.urls[u]
	}
	return s.folded != "" && s.k.name(m.From) == s.folded
}

// counterparts returns the other side of a message as the user sees it:
// the sender of a message received, the recipients of one sent. Names in
// TO pair with RECIPIENT PROFILE URLS when both list as many people.
func counterparts(dst []contact, m *linkvet.Message) []contact {
	if !m.Outgoing {
		return append(dst, contact{name: m.From, url: m.FromURL})
	}
	switch len(m.ToURLs) {
	case 0:
		if m.To == "" {
			return dst
		}
		return append(dst, contact{name: m.To})
	case 1:
		return append(dst, contact{name: m.To, url: m.ToURLs[0]})
	}
	names := strings.Split(m.To, ",")
	for i, u := range m.ToURLs {
		c := contact{url: u}
		if len(names) == len(m.ToURLs) {
			c.name = strings.TrimSpace(names[i])
		}
		dst = append(dst, c)
	}
	return dst
}

// tally counts strings and returns the most frequent (the first on a tie).
type tally struct {
	n     map[string]int
	order []string
}

func (t *tally) add(s string) {
	if s = strings.TrimSpace(s); s == "" {
		return
	}
	if t.n == nil {
		t.n = map[string]int{}
	}
	if t.n[s] == 0 {
		t.order = append(t.order, s)
	}
	t.n[s]++
}

func (t *tally) top() string {
	best := ""
	for _, s := range t.order {
		if t.n[s] > t.n[best] {
			best = s
		}
	}
	return best
}

// keys memoises the normalised forms of profile URLs and names: an export
// repeats the same few thousand people across 100,000 messages.
type keys struct {
	urls  map[string]string
	names map[string]string
}

func newKeys() *keys { return &keys{urls: map[string]string{}, names: map[string]string{}} }

// streamKeys are keys that remember nothing, for reading in bounded
// memory: a cache of every name of a million connections is not bounded.
func streamKeys() *keys { return &keys{} }

// url returns linkvet.NormalizeProfileURL(s).
func (k *keys) url(s string) string {
	if s == "" {
		return ""
	}
	if k.urls == nil {
		return linkvet.NormalizeProfileURL(s)
	}
	v, ok := k.urls[s]
	if !ok {
		v = linkvet.NormalizeProfileURL(s)
		k.urls[s] = v
	}
	return v
}

// name returns fold.String(s).
func (k *keys) name(s string) string {
	if s == "" {
		return ""
	}
	if k.names == nil {
		return fold.String(s)
	}
	v, ok := k.names[s]
	if !ok {
		v = fold.String(s)
		k.names[s] = v
	}
	return v
}

// person is a merged record of people.
type person struct {
	contact
	sources []string
}

// people merges records of the same person: by profile URL, then e-mail,
// then folded name, except that two different profile URLs are always two
// people, however alike their names.
type people struct {
	k       *keys
	list    []person
	byURL   map[string]int
	byEmail map[string]int
	byName  map[string][]int
}

func newPeople(k *keys, size int) *people {
	return &people{k: k, list: make([]person, 0, size), byURL: make(map[string]int, size),
		byEmail: map[string]int{}, byName: make(map[string][]int, size)}
}

func (ps *people) find(c contact) int {
	u := ps.k.url(c.url)
	if i, ok := ps.byURL[u]; ok && u != "" {
		return i
	}
	for _, e := range c.emails {
		if i, ok := ps.byEmail[e]; ok && ps.compatible(i, u) {
			return i
		}
	}
	if c.name == "" {
		return -1
	}
	for _, i := range ps.byName[ps.k.name(c.name)] {
		if ps.compatible(i, u) {
			return i
		}
	}
	return -1
}

// compatible reports whether person i may be someone with profile URL u.
func (ps *people) compatible(i int, u string) bool {
	have := ps.k.url(ps.list[i].url)
	return u == "" || have == "" || have == u
}

// add merges c into the person it matches, or adds a new one, and returns
// its index.
func (ps *people) add(c contact, source string) int {
	i := ps.find(c)
	if i < 0 {
		i = len(ps.list)
		ps.list = append(ps.list, person{contact: contact{name: c.name}})
	}
	p := &ps.list[i]
	p.name = cmp.Or(p.name, c.name)
	p.url = cmp.Or(p.url, fullURL(c.url))
	p.company = cmp.Or(p.company, c.company)
	p.position = cmp.Or(p.position, c.position)
	for _, e := range c.emails {
		if !slices.Contains(p.emails, e) {
			p.emails = append(p.emails, e)
		}
		if _, ok := ps.byEmail[e]; !ok {
			ps.byEmail[e] = i
		}
	}
	if !c.since.IsZero() && (p.since.IsZero() || c.since.Before(p.since)) {
		p.since = c.since
	}
	if source != "" && !slices.Contains(p.sources, source) {
		p.sources = append(p.sources, source)
	}
	if u := ps.k.url(p.url); u != "" {
		ps.byURL[u] = i
	}
	if n := ps.k.name(c.name); n != "" && !slices.Contains(ps.byName[n], i) {
		ps.byName[n] = append(ps.byName[n], i)
	}
	return i
}

// mergeFirst merges c into person i as if c had been added first, as
// Read adds connections before the people of the smaller files.
func (ps *people) mergeFirst(i int, c contact, source string) {
	p := &ps.list[i]
	p.name = cmp.Or(c.name, p.name)
	p.url = cmp.Or(fullURL(c.url), p.url)
	p.company = cmp.Or(c.company, p.company)
	p.position = cmp.Or(c.position, p.position)
	emails := slices.Clone(c.emails)
	for _, e := range p.emails {
		if !slices.Contains(emails, e) {
			emails = append(emails, e)
		}
	}
	p.emails = emails
	for _, e := range c.emails {
		if _, ok := ps.byEmail[e]; !ok {
			ps.byEmail[e] = i
		}
	}
	if !c.since.IsZero() && (p.since.IsZero() || c.since.Before(p.since)) {
		p.since = c.since
	}
	if !slices.Contains(p.sources, source) {
		p.sources = append([]string{source}, p.sources...)
	}
	if u := ps.k.url(p.url); u != "" {
		ps.byURL[u] = i
	}
	if n := ps.k.name(c.name); n != "" && !slices.Contains(ps.byName[n], i) {
		ps.byName[n] = append(ps.byName[n], i)
	}
}

// fullURL gives a profile address its scheme, as endorsements omit it.
func fullURL(u string) string {
	if u != "" && !strings.Contains(u, "://") {
		return "https://" + u
	}
	return u
}

// me derives the user's profile.
func (d *data) me(name string) linkvet.Me {
	m := linkvet.Me{Name: name, Headline: d.profile.headline, Location: d.profile.location}
	if d.profile.industry != "" {
		m.Industries = []string{d.profile.industry}
	}
	// Current employers first, then former ones, in the file's order
	// (LinkedIn lists the latest first).
	for _, current := range []bool{true, false} {
		for _, p := range d.positions {
			if (p.End == "") == current {
				m.Companies = appendUnique(m.Companies, p.Company)
			}
		}
	}
	for _, s := range d.schools {
		m.Schools = appendUnique(m.Schools, s)
	}
	for _, s := range d.skills {
		m.Skills = appendUnique(m.Skills, s)
	}
	return m
}

// appendUnique appends s unless list holds it already, compared folded.
func appendUnique(list []string, s string) []string {
	f := fold.String(s)
	for _, have := range list {
		if fold.String(have) == f {
			return list
		}
	}
	return append(list, s)
}
