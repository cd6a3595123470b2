package mail

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
)

// line is one line of a mail body in the reader's model: its visible text
// (with link addresses taken out) and the addresses of the links on it.
// A paragraph break before the line is kept as para.
type line struct {
	text string   // as written, trimmed, links taken out
	orig string   // as written, links left in (for a note that has one)
	f    string   // folded, for matching
	urls []string // link addresses on the line
	para bool     // a blank line came before it
	used bool     // consumed by the card, a label, a link
}

var urlPattern = regexp.MustCompile(`<?https?://[^\s<>"]+>?`)

// splitLines cuts a body into lines, takes link addresses out of them and
// ends at the first stop line (suggested people, footer).
func splitLines(text string) []line {
	var out []line
	para := false
	for raw := range strings.SplitSeq(text, "\n") {
		s := strings.TrimSpace(strings.TrimRight(raw, "\r"))
		if s == "" {
			para = true
			continue
		}
		var urls []string
		orig := ""
		if strings.Contains(s, "://") {
			orig = strings.Join(strings.Fields(urlPattern.ReplaceAllStringFunc(s, func(m string) string { return strings.Trim(m, "<>") })), " ")
			for _, m := range urlPattern.FindAllString(s, 8) {
				u := strings.TrimRight(strings.Trim(m, "<>"), ".,;)")
				urls = append(urls, u)
			}
			s = strings.TrimSpace(urlPattern.ReplaceAllString(s, " "))
			s = strings.Join(strings.Fields(s), " ")
			s = strings.TrimSpace(strings.TrimRight(s, ":-–>"))
		}
		l := line{text: s, orig: orig, f: ffold(s), urls: urls, para: para}
		para = false
		if l.text != "" && isStop(l.f) {
			break
		}
		if l.text == "" && len(l.urls) > 0 && len(out) > 0 && len(out[len(out)-1].urls) == 0 && !l.para {
			// A bare address under its label: "Accept invitation\nhttps://...".
			out[len(out)-1].urls = l.urls
			continue
		}
		if l.text == "" && len(l.urls) == 0 {
			continue
		}
		if len(out) > 0 && len(l.urls) == 0 && len(out[len(out)-1].urls) == 0 && l.text == out[len(out)-1].text {
			continue // HTML mails repeat a line for screen readers
		}
		out = append(out, l)
	}
	return out
}

func isStop(f string) bool {
	for _, s := range stopLines {
		if strings.HasPrefix(f, s) {
			return true
		}
	}
	for _, s := range footerWords {
		if strings.Contains(f, s) {
			return true
		}
	}
	return false
}

// extracted is what one invitation mail's body says.
type extracted struct {
	name, headline, location, note string
	profileURL, acceptURL          string
	mutual                         *int
	mutualNames                    []string
	accepts                        int      // Accept links: more than one is a digest
	offsite                        []string // Accept or profile links that leave LinkedIn
}

// profilePath matches a LinkedIn profile path, "/in/<vanity>" or
// "/comm/in/<vanity>" (the tracked form mails use), and captures the vanity
// name.
var profilePath = regexp.MustCompile(`^/(?:comm/)?in/([^/?#]+)`)

// profileLink returns the normalized profile address a link points to, or
// "" when it is not a profile link.
func profileLink(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	m := profilePath.FindStringSubmatch(u.EscapedPath())
	if m == nil {
		return "", false
	}
	return linkvet.NormalizeProfileURL("https://www.linkedin.com/in/" + m[1]), true
}

// acceptLink reports whether a link is an invitation's Accept button: its
// label says Accept, or its path does (LinkedIn's accept addresses have
// carried "accept" in the path or query in every era).
func acceptLink(label, raw string) bool {
	if acceptLabel.MatchString(label) {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	p := strings.ToLower(u.EscapedPath())
	if strings.Contains(p, "accept") {
		return true
	}
	// Older mails routed every button through one address and named the
	// action in the query ("a=accept-invite", "action=acceptInvitation").
	for k, vs := range u.Query() {
		if k == "trk" || k == "trkEmail" || k == "lipi" {
			continue // tracking names the button clicked, not the action
		}
		for _, v := range vs {
			if strings.Contains(strings.ToLower(v), "accept") {
				return true
			}
		}
	}
	return false
}

// extract reads the inviter out of an invitation mail's body. name is the
// inviter's name as the subject or the From header gave it ("" when
// neither did). The body is read as lines:
//
//   - links: the first profile link is the inviter's profile, the first
//     Accept link is kept as accept_url; a line carrying a link, or a label
//     standing over one, is a button and never part of the note;
//   - the card: the line that is the inviter's name, then up to two short
//     lines under it (headline, then location) before a link, a count or
//     a break in the text;
//   - "N connections in common" and its translations anywhere;
//   - what is left, less the greeting, LinkedIn's default sentence, lines
//     that restate the invitation around the name ("Alex Kim wants to
//     connect"), rules and sign-offs, is the inviter's note.
func extract(lines []line, name string) extracted {
	var x extracted
	x.name = name
	fname := ffold(name)

	// Links first: they mark buttons, and the profile link marks the name
	// line when the subject gave no name.
	for i := range lines {
		l := &lines[i]
		for i, u := range l.urls {
			u, opaque := unwrap(u)
			l.urls[i] = u
			if p, ok := profileLink(u); ok {
				if x.profileURL == "" {
					x.profileURL = p
					if !linkedInHost(u) && !opaque {
						x.offsite = append(x.offsite, "the profile link goes to "+hostOf(u))
					}
					if x.name == "" && l.text != "" && len(l.text) <= 80 && !labelWords().MatchString(l.f) {
						x.name, fname = l.text, l.f
					}
				}
				continue
			}
			if acceptLink(l.f, u) {
				x.accepts++
			}
			if x.acceptURL == "" && acceptLink(l.f, u) {
				x.acceptURL = u
				if !linkedInHost(u) && !opaque {
					x.offsite = append(x.offsite, "the Accept link goes to "+hostOf(u))
				}
			}
		}
		if len(l.urls) > 0 && !prose(l) {
			l.used = true
		}
	}

	// Counts.
	for i := range lines {
		l := &lines[i]
		if l.used {
			continue
		}
		if n, names := namedMutuals(l); names != nil {
			if x.mutual == nil {
				x.mutual, x.mutualNames = &n, names
			}
			l.used = true
		} else if m := countPattern().FindStringSubmatch(l.f); m != nil && len(l.f) <= 80 {
			if n, err := strconv.Atoi(m[1]); err == nil && x.mutual == nil {
				x.mutual = &n
			}
			l.used = true
		} else if oneCount.MatchString(l.f) {
			one := 1
			if x.mutual == nil {
				x.mutual = &one
			}
			l.used = true
		}
	}

	// The card: the first line that is the name alone (a linked name
	// counts), then headline and location.
	card := -1
	for i := range lines {
		if h := besideName(&lines[i], fname); h != "" {
			// The headline beside the name: "Alex Kim · Engineer at Acme".
			card, x.headline = i, h
			break
		}
		if fname != "" && nameLine(strings.Trim(lines[i].f, `"' `), fname) {
			card = i
			break
		}
	}
	if card < 0 {
		// The name is written differently in the body than in the
		// subject: the linked line that carries the profile is the card.
		for i := range lines {
			if lines[i].text != "" && len(lines[i].text) <= 80 && !labelWords().MatchString(lines[i].f) && slices.ContainsFunc(lines[i].urls, func(u string) bool { _, ok := profileLink(u); return ok }) {
				card = i
				break
			}
		}
	}
	if card >= 0 {
		lines[card].used = true
		taken := 0
		if x.headline != "" {
			taken = 1
		}
		for j := card + 1; j < len(lines) && taken < 2; j++ {
			l := &lines[j]
			if l.used || len(l.urls) > 0 || quoted(l.text) || labelWords().MatchString(l.f) && len(l.f) < 40 ||
				greeting().MatchString(l.f) || strings.HasSuffix(l.f, ",") || strings.HasSuffix(l.f, ":") {
				break
			}
			if j+1 < len(lines) && len(lines[j+1].urls) > 0 && lines[j+1].text == "" {
				break // a label over a link
			}
			if taken == 0 {
				if len(l.text) > 240 || sentence(l.text) && len(l.text) > 120 || defaultSentence(l.f) || restates(l.f, fname) {
					break
				}
				x.headline = l.text
			} else {
				if !place(l.text) {
					break
				}
				x.location = l.text
			}
			l.used = true
			taken++
		}
	}

	// The note is what remains.
	var paras [][]string
	for i := range lines {
		l := &lines[i]
		if l.used || len(l.urls) > 0 && !prose(l) || chrome(l.f, fname) {
			continue
		}
		if i+1 < len(lines) && len(lines[i+1].urls) > 0 && lines[i+1].text == "" && len(l.f) <= 80 {
			continue // a label over a bare link
		}
		t := unquote(l.text)
		if len(l.urls) > 0 {
			t = unquote(l.orig) // a link the inviter wrote stays in the note
		}
		if t == "" {
			continue
		}
		if len(paras) == 0 || l.para || quoted(l.text) {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], t)
	}
	// A sign-off standing alone is the template's ("- Alex").
	var body []string
	for _, p := range paras {
		body = append(body, strings.Join(p, " "))
	}
	for len(body) > 0 && signOff(ffold(body[len(body)-1]), fname) {
		body = body[:len(body)-1]
	}
	// A greeting standing alone is the template's ("Hi Dana,"); a note
	// that starts with one keeps it in its first paragraph.
	for len(body) > 0 && greeting().MatchString(ffold(body[0])) {
		body = body[1:]
	}
	// A note quoted as a whole over several paragraphs loses its quotes.
	x.note = unquote(strings.Join(body, "\n"))
	return x
}

// namedMutuals reads a line that names mutual connections; names is nil
// when the line is not one.
func namedMutuals(l *line) (int, []string) {
	if len(l.f) > 160 || len(l.urls) > 0 {
		return 0, nil
	}
	// Match on the folded text, cut the names from the text as written:
	// the two have the same words when only accents and case differ.
	cut := func(fm []int, gi int) string {
		folded := l.f[fm[2*gi]:fm[2*gi+1]]
		words := strings.Fields(l.text)
		fw := strings.Fields(l.f)
		if len(words) == len(fw) {
			start := len(strings.Fields(l.f[:fm[2*gi]]))
			n := len(strings.Fields(folded))
			if start+n <= len(words) {
				return strings.Join(words[start:start+n], " ")
			}
		}
		return folded
	}
	if m := mutualAndOthers.FindStringSubmatchIndex(l.f); m != nil {
		n, err := strconv.Atoi(l.f[m[4]:m[5]])
		if err != nil {
			return 0, nil
		}
		return n + 1, []string{cut(m, 1)}
	}
	if m := mutualOne.FindStringSubmatchIndex(l.f); m != nil {
		return 1, []string{cut(m, 1)}
	}
	if m := mutualTwo.FindStringSubmatchIndex(l.f); m != nil {
		return 2, []string{cut(m, 1), cut(m, 2)}
	}
	return 0, nil
}

// nameLine tells the card's first line: the name alone, or followed by
// what LinkedIn shows beside it (pronouns, credentials, the degree).
func nameLine(f, fname string) bool {
	if f == fname {
		return true
	}
	if !strings.HasPrefix(f, fname) || len(f) > len(fname)+32 {
		return false
	}
	switch f[len(fname)] {
	case ' ', ',', '(', '[', '|', '-':
		rest := strings.TrimSpace(f[len(fname):])
		return !strings.Contains(rest, " connect") && !restates(f, fname) || strings.HasPrefix(rest, "(")
	}
	return false
}

// besideName returns the headline written on the name's own line after a
// separator ("Alex Kim · 2nd · Engineer at Acme", "Alex Kim | Engineer"),
// or "" when the line is not that.
func besideName(l *line, fname string) string {
	if fname == "" || !strings.HasPrefix(l.f, fname+" ") {
		return ""
	}
	words := strings.Fields(l.text)
	n := len(strings.Fields(fname))
	if len(words) <= n+1 || ffold(strings.Join(words[:n], " ")) != fname {
		return ""
	}
	rest := words[n:]
	isSep := func(w string) bool {
		return w == "·" || w == "|" || w == "-" || w == "–" || w == "—" || w == "•"
	}
	if !isSep(rest[0]) {
		return ""
	}
	// Drop separators and the connection degree ("2nd", "3rd+", "1º").
	for len(rest) > 0 && (isSep(rest[0]) || degree.MatchString(strings.ToLower(rest[0]))) {
		rest = rest[1:]
	}
	if len(rest) == 0 || restates(l.f, fname) {
		return ""
	}
	return strings.Join(rest, " ")
}

var degree = regexp.MustCompile(`^(?:1st|2nd|3rd\+?|[123][º°oe.]?\+?)$`)

// prose tells a line with a link that is a sentence someone wrote (six
// words or more, not a label), not a button.
func prose(l *line) bool {
	if len(strings.Fields(l.text)) < 6 || labelWords().MatchString(l.f) || strings.HasSuffix(l.f, ":") {
		return false
	}
	for _, u := range l.urls {
		if linkedInHost(u) {
			return false // LinkedIn's own links are its buttons
		}
	}
	return true
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return raw
}

// chrome tells lines that are LinkedIn's own words, never the inviter's:
// the default sentence, rules, lone labels, the brand, lines restating the
// invitation around the name, and note introductions ("Alex wrote:").
func chrome(f, fname string) bool {
	if f == "" || strings.Trim(f, "-=_*~·•|. ") == "" {
		return true
	}
	if chromeLines().MatchString(f) || defaultSentence(f) || restates(f, fname) {
		return true
	}
	if labelWords().MatchString(f) && len(f) <= 40 {
		return true
	}
	if _, ok := matchSubject(f); ok {
		return true
	}
	if strings.HasSuffix(f, ":") && len(f) <= 80 && !strings.Contains(f, ". ") {
		return true // "Alex Kim has a message for you:", "Message:"
	}
	return false
}

// restates tells a short line that names the inviter with invitation
// words: "Alex Kim's invitation is waiting", "You have an invitation from
// Alex Kim". A note that mentions its own writer's full name alongside
// such words is rare; one that does loses that line only.
func restates(f, fname string) bool {
	if fname == "" || len(f) > 140 || !strings.Contains(f, fname) || quoted(f) {
		return false
	}
	for _, w := range inviteWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// signOff tells the closing line of a note: the name, the first name, or
// either after a dash.
func signOff(f, fname string) bool {
	f = strings.TrimSpace(strings.TrimLeft(f, "-–— "))
	if f == "" || fname == "" {
		return false
	}
	if f == fname {
		return true
	}
	first, _, _ := strings.Cut(fname, " ")
	return f == first
}

func quoted(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return false
	}
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}, {"„", "“"}, {"«", "»"}, {"‘", "’"}, {"'", "'"}} {
		if strings.HasPrefix(s, q[0]) && strings.HasSuffix(s, q[1]) {
			return true
		}
	}
	return false
}

func unquote(s string) string {
	if !quoted(s) {
		return strings.TrimSpace(s)
	}
	for _, q := range []string{`"`, "“", "”", "„", "«", "»", "‘", "’", "'"} {
		s = strings.TrimPrefix(s, q)
		s = strings.TrimSuffix(s, q)
	}
	return strings.TrimSpace(s)
}

// sentence tells text that ends like a sentence.
func sentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// place tells a line that can be a location: short, few words, not a
// sentence, no digits beyond a postal-code-like run.
func place(s string) bool {
	if len(s) > 80 || sentence(s) || quoted(s) {
		return false
	}
	if len(strings.Fields(s)) > 8 {
		return false
	}
	return !strings.ContainsAny(s, "@|")
}
