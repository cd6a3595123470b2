package linkedin

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// data is what the files of one export say, before people are merged and
// pending invitations worked out.
type data struct {
	files []linkvet.FileSummary

	profile     profile
	hasProfile  bool
	positions   []linkvet.Position
	schools     []string
	skills      []string
	myEmails    []string
	connections []contact
	hasConns    bool // a Connections.csv was read
	hasInvs     bool // an Invitations.csv was read
	hidden      int
	contacts    []contact // Contacts.csv, ImportedContacts.csv
	endorsers   []contact
	recommender []contact
	invitations []invitation
	messages    []linkvet.Message
	directions  []string // per message: the folded 2018 Direction, or ""
}

// merge appends what one file gave to d; files are merged in the order
// they were chosen.
func (d *data) merge(o *data) {
	if o.hasProfile && !d.hasProfile {
		d.profile, d.hasProfile = o.profile, true
	}
	d.positions = join(d.positions, o.positions)
	d.schools = join(d.schools, o.schools)
	d.skills = join(d.skills, o.skills)
	d.myEmails = join(d.myEmails, o.myEmails)
	d.connections = join(d.connections, o.connections)
	d.hasConns = d.hasConns || o.hasConns
	d.hasInvs = d.hasInvs || o.hasInvs
	d.hidden += o.hidden
	d.contacts = join(d.contacts, o.contacts)
	d.endorsers = join(d.endorsers, o.endorsers)
	d.recommender = join(d.recommender, o.recommender)
	d.invitations = join(d.invitations, o.invitations)
	d.messages = join(d.messages, o.messages)
	d.directions = join(d.directions, o.directions)
}

// join appends b to a, taking b whole when a is empty: each kind of data
// usually comes from one file, and copying 100,000 messages while the
// collector runs is not free.
func join[T any](a, b []T) []T {
	if len(a) == 0 {
		return b
	}
	return append(a, b...)
}

type profile struct {
	name, headline, industry, location string
}

// contact is a person one file names.
type contact struct {
	name     string
	url      string
	emails   []string
	company  string
	position string
	since    time.Time
}

type invitation struct {
	direction linkvet.Direction
	from      string
	fromURL   string
	to        string
	toURL     string
	sentAt    time.Time // zero when unknown
	message   string
	line      int
}

// parseFile reads one file into d; size is the file's expected size, a
// hint for allocating.
func parseFile(k kind, r io.Reader, size int64, sum *linkvet.FileSummary, d *data, loc *time.Location, flush func(*data) error) error {
	t, err := openTable(r, k, sum)
	if err != nil || t == nil {
		return err
	}
	switch k {
	case connectionsFile:
		d.hasConns = true
	case invitationsFile:
		d.hasInvs = true
	}
	if k == messagesFile && d.messages == nil && flush == nil {
		n := int(min(size/200, 1<<20)) // about 200 bytes a message
		d.messages, d.directions = make([]linkvet.Message, 0, n), make([]string, 0, n)
	}
	dates := &dateParser{loc: loc}
	for {
		rw, ok, err := t.next()
		if err != nil {
			return err
		}
		if !ok {
			if flush != nil {
				return flush(d)
			}
			return nil
		}
		if used := parseRow(k, rw, d, dates); used {
			sum.Rows++
		}
		if flush != nil && len(d.connections)+len(d.messages) >= StreamBatch {
			if err := flush(d); err != nil {
				return err
			}
		}
	}
}

// parseRow adds one row to d; it reports false for rows it skipped (and
// recorded) or found empty of anything useful.
func parseRow(k kind, r row, d *data, dates *dateParser) bool {
	switch k {
	case connectionsFile:
		c := contact{
			name:     fullName(r.get("firstname"), r.get("lastname")),
			url:      r.get("url"),
			emails:   emails(r.get("emailaddress")),
			company:  r.get("company"),
			position: r.get("position"),
		}
		when := r.get("connectedon")
		c.since, _ = dates.day(when) // an unreadable date leaves Since unknown
		if c.name == "" && c.url == "" && len(c.emails) == 0 {
			if c.company == "" && c.position == "" && when != "" {
				d.hidden++ // a member who hides their details from exports
				return true
			}
			r.t.skip(r, "connection has no name, profile URL or e-mail address")
			return false
		}
		d.connections = append(d.connections, c)
	case invitationsFile:
		inv := invitation{
			from: r.get("from"), fromURL: r.get("inviterprofileurl"),
			to: r.get("to"), toURL: r.get("inviteeprofileurl"),
			message: r.get("message"), line: r.line,
		}
		switch dir := fold.String(r.get("direction")); dir {
		case "incoming":
			inv.direction = linkvet.Incoming
		case "outgoing":
			inv.direction = linkvet.Outgoing
		default:
			r.t.skip(r, fmt.Sprintf("Direction is %q, not INCOMING or OUTGOING", r.get("direction")))
			return false
		}
		if sent := r.get("sentat"); sent != "" {
			if inv.sentAt, _ = dates.parse(sent); inv.sentAt.IsZero() {
				r.t.skip(r, fmt.Sprintf("Sent At %q is not a date like 1/2/06, 3:04 PM", sent))
				return false
			}
		}
		if inv.direction == linkvet.Incoming && inv.from == "" && inv.fromURL == "" ||
			inv.direction == linkvet.Outgoing && inv.to == "" && inv.toURL == "" {
			r.t.skip(r, "invitation names no one on the other side")
			return false
		}
		d.invitations = append(d.invitations, inv)
	case messagesFile:
		if isTrue(r.get("ismessagedraft")) {
			return false // never sent
		}
		m := linkvet.Message{
			ConversationID: r.get("conversationid"),
			From:           r.get("from"),
			FromURL:        r.get("senderprofileurl"),
			To:             r.get("to"),
			ToURLs:         splitURLs(r.get("recipientprofileurls")),
			Subject:        r.get("subject"),
			Content:        plainText(strings.TrimSpace(r.get("content"))),
		}
		when := r.get("date")
		at, ok := dates.parse(when)
		if !ok {
			r.t.skip(r, fmt.Sprintf("DATE %q is not a date like 2006-01-02 15:04:05 UTC", when))
			return false
		}
		m.At = at
		if m.From == "" && m.FromURL == "" {
			r.t.skip(r, "message has no sender")
			return false
		}
		d.messages = append(d.messages, m)
		// 2018 files say who sent what; later ones leave it to the sender.
		d.directions = append(d.directions, fold.String(r.get("direction")))
	case profileFile:
		if d.hasProfile {
			r.t.skip(r, "a second profile row; the first one was used")
			return false
		}
		d.hasProfile = true
		d.profile = profile{
			name:     fullName(r.get("firstname"), r.get("lastname")),
			headline: r.get("headline"),
			industry: r.get("industry"),
			location: firstNonEmpty(r.get("geolocation"), r.get("address")),
		}
	case positionsFile:
		p := linkvet.Position{Company: r.get("companyname"), Title: r.get("title"),
			Start: parseMonth(r.get("startedon")), End: parseMonth(r.get("finishedon"))}
		if p.Company == "" {
			r.t.skip(r, "position has no Company Name")
			return false
		}
		d.positions = append(d.positions, p)
	case skillsFile:
		if s := r.get("name"); s != "" {
			d.skills = append(d.skills, s)
		} else {
			return false
		}
	case educationFile:
		if s := r.get("schoolname"); s != "" {
			d.schools = append(d.schools, s)
		} else {
			r.t.skip(r, "education has no School Name")
			return false
		}
	case contactsFile, importedContactsFile:
		c := contact{
			name:     firstNonEmpty(fullName(r.get("firstname"), r.get("lastname")), r.get("fullname")),
			emails:   emails(r.get("emails")),
			company:  firstField(r.get("companies")),
			position: r.get("title"),
			url:      linkedInURL(r.get("profiles")),
		}
		if c.name == "" && len(c.emails) > 0 {
			c.name = c.emails[0]
		}
		if c.name == "" && c.url == "" {
			r.t.skip(r, "contact has no name, e-mail address or profile")
			return false
		}
		d.contacts = append(d.contacts, c)
	case emailAddressesFile:
		if e := linkvet.NormalizeEmail(r.get("emailaddress")); e != "" {
			d.myEmails = append(d.myEmails, e)
		} else {
			r.t.skip(r, fmt.Sprintf("%q is not an e-mail address", r.get("emailaddress")))
			return false
		}
	case endorsementsFile:
		if status := fold.String(r.get("endorsementstatus")); status == "rejected" || status == "hidden" {
			return false // the user turned it down: no evidence they know each other
		}
		c := contact{name: fullName(r.get("endorserfirstname"), r.get("endorserlastname")), url: r.get("endorserpublicurl")}
		if c.name == "" && c.url == "" {
			r.t.skip(r, "endorsement names no endorser")
			return false
		}
		d.endorsers = append(d.endorsers, c)
	case recommendationsFile:
		if status := fold.String(r.get("status")); status == "rejected" || status == "hidden" {
			return false
		}
		c := contact{name: fullName(r.get("firstname"), r.get("lastname")), company: r.get("company"), position: r.get("jobtitle")}
		if c.name == "" {
			r.t.skip(r, "recommendation names no recommender")
			return false
		}
		d.recommender = append(d.recommender, c)
	}
	return true
}

func fullName(first, last string) string {
	return strings.TrimSpace(first + " " + last)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// firstField returns the first item of a comma-separated list.
func firstField(s string) string {
	first, _, _ := strings.Cut(s, ",")
	return strings.TrimSpace(first)
}

// emails returns the valid e-mail addresses in a list separated by commas,
// semicolons or spaces (Contacts.csv holds several).
func emails(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if e := linkvet.NormalizeEmail(f); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// splitURLs splits a list of profile URLs (RECIPIENT PROFILE URLS holds one
// per recipient).
func splitURLs(s string) []string {
	if s == "" {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' })
}

// linkedInURL returns the first LinkedIn profile in a list of profiles.
func linkedInURL(s string) string {
	for _, u := range splitURLs(s) {
		if strings.HasPrefix(linkvet.NormalizeProfileURL(u), "linkedin.com/in/") {
			return u
		}
	}
	return ""
}

func isTrue(s string) bool {
	switch fold.String(s) {
	case "yes", "true", "1", "y":
		return true
	}
	return false
}
