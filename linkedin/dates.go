package linkedin

import (
	"html"
	"strings"
	"time"
)

// dateLayouts are the date forms found in exports since 2018, in the zone
// of Options.Location unless they name UTC. Slashed dates are month first,
// as LinkedIn writes them.
var dateLayouts = []string{
	"2006-01-02 15:04:05 UTC", // messages
	"2 Jan 2006",              // Connected On since 2019
	"1/2/06, 3:04 PM",         // Sent At; Connected On in 2018
	"2-Jan-06",                // Connected On re-saved by a spreadsheet
	"2-Jan-2006",
	"2006/01/02 15:04:05 UTC", // endorsements
	"1/2/2006, 3:04 PM",
	"1/2/06 3:04 PM",
	"1/2/2006 3:04 PM",
	"1/2/06, 15:04",
	"1/2/2006 15:04",
	"1/2/06",
	"1/2/2006",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02",
	"Jan 2, 2006",
	"January 2, 2006",
	"2 January 2006",
}

// dateParser parses the dates of one file, trying first the layout that
// worked last: a file uses one layout throughout.
type dateParser struct {
	loc  *time.Location
	last int
}

// parse returns the instant s names; ok is false when s is empty or no
// layout fits.
func (p *dateParser) parse(s string) (t time.Time, ok bool) {
	s = normalizeDate(s)
	if s == "" {
		return time.Time{}, false
	}
	if t, err := p.try(dateLayouts[p.last], s); err == nil {
		return t, true
	}
	for i, layout := range dateLayouts {
		if t, err := p.try(layout, s); err == nil {
			p.last = i
			return t, true
		}
	}
	return time.Time{}, false
}

// day returns the calendar date s names, as midnight UTC of that date,
// for fields that are dates rather than instants (Connections.csv
// "Connected On"). A date has no zone: reading it as local midnight would
// print a day early east of UTC once shown as a UTC date, and importing
// again in another zone would see a change where there is none. When the
// field carries a time of day too (2018 exports), the date is the one on
// the wall clock as written.
func (p *dateParser) day(s string) (time.Time, bool) {
	wall := dateParser{loc: time.UTC, last: p.last}
	t, ok := wall.parse(s)
	if !ok {
		return time.Time{}, false
	}
	p.last = wall.last
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// try parses s in the user's zone, or in UTC when the layout says so ("UTC"
// is literal text to Go's layouts, not a zone).
func (p *dateParser) try(layout, s string) (time.Time, error) {
	loc := p.loc
	if strings.HasSuffix(layout, " UTC") {
		loc = time.UTC
	}
	return time.ParseInLocation(layout, s, loc)
}

// normalizeDate trims and upper-cases (Go's layouts want "PM"; month names
// match in any case) and turns the no-break spaces newer spreadsheets put
// before AM/PM into plain ones.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\u00a0\u202f") {
		s = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s)
	}
	for i := 0; i < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' {
			return strings.ToUpper(s)
		}
	}
	return s
}

// monthLayouts are the forms of Started On / Finished On in Positions.csv.
var monthLayouts = []string{"Jan 2006", "January 2006", "2006-01", "1/2006", "01/2006", "Jan-06", "2006"}

// parseMonth returns a position date as YYYY-MM (or YYYY when only the year
// is given), "" when it is not a date.
func parseMonth(s string) string {
	s = normalizeDate(s)
	for _, layout := range monthLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == "2006" {
				return t.Format("2006")
			}
			return t.Format("2006-01")
		}
	}
	return ""
}

// htmlMarkers are tags that show a message body is HTML rather than text
// that happens to contain "<".
var htmlMarkers = []string{"<p>", "<p ", "<br", "<div", "<a href", "<span", "<strong>", "<em>", "<b>", "<i>", "<ul>", "<ol>", "<li>", "</p>", "</div>"}

// plainText turns an HTML message body into text: block tags become line
// breaks, other tags go, entities are decoded. Text that only contains a
// "<" is returned unchanged.
func plainText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	lower := asciiLower(s) // same byte offsets as s
	isHTML := false
	for _, m := range htmlMarkers {
		if strings.Contains(lower, m) {
			isHTML = true
			break
		}
	}
	if !isHTML {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		tag := strings.TrimLeft(lower[i+1:i+end], "/")
		if name, _, _ := strings.Cut(tag, " "); name == "br" || name == "br/" || name == "p" || name == "div" || name == "li" {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
		i += end + 1
	}
	return strings.TrimSpace(html.UnescapeString(b.String()))
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
