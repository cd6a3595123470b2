package paste

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

var (
	picRe    = regexp.MustCompile(`(?i)^(.+?)(?:'s|’s)?\s+(?:profile picture|profile photo|profile image)$|^(?:foto de perfil de|photo de profil de|profilbild von|foto do perfil de)\s+(.+)$`)
	todayRe  = regexp.MustCompile(`^(?:today|just now|hoy|ahora|aujourd'hui|a l'instant|heute|gerade eben|hoje|agora|oggi|vandaag|\d+\s*(?:h|min|m)|(?:\d+|an?|one) (?:hours?|minutes?) ago|hace (?:\d+|una?) (?:horas?|minutos?)|il y a (?:\d+|une?) (?:heures?|minutes?)|vor (?:\d+|einer) (?:stunden?|minuten?)|(?:ha|faz) (?:\d+|uma?) (?:horas?|minutos?))$`)
	ydayRe   = regexp.MustCompile(`^(?:yesterday|ayer|hier|gestern|ontem|ieri|gisteren)$`)
	agoRe    = regexp.MustCompile(`^(\d+|an?|one) (days?|weeks?|months?|years?) ago$`)
	haceRe   = regexp.MustCompile(`^(?:hace|il y a|vor|ha|faz) (\d+|una?|une|einem|einer|uma?) (dias?|semanas?|mes|meses|anos?|jours?|semaines?|mois|ans?|tag|tagen|wochen?|monat|monaten|jahr|jahren)$`)
	compact  = regexp.MustCompile(`^(\d+)\s*(d|w|mo|y)$`)
	quotesRe = regexp.MustCompile(`^[\s"“”„«»']+|[\s"“”„«»']+$`)
)

// ageDays reads an invitation's age ("Today", "Yesterday", "3 days ago",
// "1 week ago", "hace 2 semanas") as whole days.
func ageDays(f string) (int, bool) {
	switch {
	case todayRe.MatchString(f):
		return 0, true
	case ydayRe.MatchString(f):
		return 1, true
	}
	var n, unit string
	if m := agoRe.FindStringSubmatch(f); m != nil {
		n, unit = m[1], m[2]
	} else if m := haceRe.FindStringSubmatch(f); m != nil {
		n, unit = m[1], m[2]
	} else if m := compact.FindStringSubmatch(f); m != nil {
		n, unit = m[1], m[2]
	} else {
		return 0, false
	}
	k, err := strconv.Atoi(n)
	if err != nil {
		k = 1 // "a week ago", "hace una semana"
	}
	if k > 10000 {
		return 0, false
	}
	switch {
	case strings.HasPrefix(unit, "w") || strings.HasPrefix(unit, "sem") || strings.HasPrefix(unit, "woch"):
		return 7 * k, true
	case strings.HasPrefix(unit, "mo") || strings.HasPrefix(unit, "mes") || unit == "mois" || strings.HasPrefix(unit, "monat"):
		return 30 * k, true
	case strings.HasPrefix(unit, "y") || strings.HasPrefix(unit, "an") || strings.HasPrefix(unit, "jahr"):
		return 365 * k, true
	}
	return k, true
}

var (
	// verbs are compared unfolded: Portuguese "é" (is) must not match "e" (and).
	verbs       = map[string]bool{"is": true, "are": true, "es": true, "son": true, "est": true, "sont": true, "ist": true, "sind": true, "é": true, "são": true, "è": true, "sono": true, "zijn": true}
	connectives = set("and", "y", "et", "und", "e", "en", "mais", "more", "plus", "weitere", "otros", "autres", "outras", "outros", "altri", "other", "others")
)

// parseMutual reads "Jo Park and 6 other mutual connections", "Jo Park is a
// mutual connection", "Jo Park and Sam Lee are mutual connections", "12
// mutual connections" and their translations.
func parseMutual(text, f string) (count *int, names []string, ok bool) {
	hit := false
	for _, k := range mutualKeys {
		if strings.Contains(f, k) {
			hit = true
			break
		}
	}
	if !hit {
		return nil, nil, false
	}
	words := strings.Fields(text)
	cut, n := -1, 0
	for i, w := range words {
		if d := strings.NewReplacer(",", "", ".", "", "+", "").Replace(w); d != "" && isDigits(d) {
			cut = i
			n, _ = strconv.Atoi(d)
			break
		}
		if verbs[strings.ToLower(w)] && i > 0 {
			cut = i
			break
		}
	}
	if cut < 0 {
		return nil, nil, true // a mutual line without a count: nothing to take
	}
	head := words[:cut]
	for len(head) > 0 && connectives[fold.String(strings.Trim(head[len(head)-1], ","))] {
		head = head[:len(head)-1]
	}
	if len(head) > 0 {
		for _, part := range mutualJoin.Split(strings.Join(head, " "), -1) {
			if p := strings.TrimSpace(strings.Trim(part, ",")); p != "" {
				names = append(names, p)
			}
		}
	}
	c := n + len(names)
	return &c, names, true
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != "" && len(s) < 9
}

// noteLike reports whether a line reads as a sentence someone wrote rather
// than a name or headline.
func noteLike(s string) bool {
	if quoted(s) {
		return true
	}
	words := len(strings.Fields(s))
	return len(s) > 90 && !strings.Contains(s, "|") || words >= 6 && strings.ContainsAny(s, ".!?") && !strings.Contains(s, "|")
}

// senderName finds the name in a sender line, keeping the original
// letters: the regex runs on the folded line, and folding keeps words.
func senderName(l ln) (name string, follows bool, ok bool) {
	m := senderRe.FindStringSubmatchIndex(l.f)
	if m == nil {
		return "", false, false
	}
	nameWords := len(strings.Fields(l.f[m[2]:m[3]]))
	words := strings.Fields(l.text)
	if nameWords > len(words) {
		return "", false, false
	}
	for g := 4; g+1 < len(m); g += 2 {
		if m[g] >= 0 {
			follows = true
		}
	}
	return strings.Join(words[:nameWords], " "), follows, true
}

// otherInviteRe marks cards that invite to something other than a
// connection: following a page, a newsletter, an event, a group. They share
// the Ignore/Accept buttons and are skipped.
var otherInviteRe = regexp.MustCompile(`invited you to (?:follow|subscribe|attend|join)|te (?:invito|ha invitado) a (?:seguir|suscribirte|asistir|unirte)|vous a invite a (?:suivre|vous abonner|participer|rejoindre le groupe)|hat sie eingeladen|hat dich eingeladen|convidou voce para (?:seguir|assinar|participar|entrar)|ti ha invitato a (?:seguire|iscriverti|partecipare)`)

type card struct {
	inv   linkvet.Invitation
	lead  []ln // lines above the card's start that are not page chrome
	noted bool
	other bool // an invitation to follow a page, a newsletter, an event
}

func readInvitations(ls []ln, now time.Time, res *Result) {
	for i, l := range ls {
		if isStop(l.f) {
			ls = ls[:i]
			break
		}
	}
	type btn struct{ at, after int }
	var btns []btn
	for i := 0; i < len(ls); i++ {
		if j, ok := buttons(ls, i); ok {
			btns = append(btns, btn{i, j + 1})
			i = j
		}
	}
	start := 0
	var cards []*card
	for k, b := range btns {
		c := parseCard(ls[start:b.at], ls[b.at], now, res)
		for _, l := range ls[start:b.at] {
			if otherInviteRe.MatchString(l.f) {
				c.other = true
			}
		}
		// From 2025 the note follows the buttons and ends before "Reply to
		// <first name>".
		limit := len(ls)
		if k+1 < len(btns) {
			limit = btns[k+1].at
		}
		start = b.after
		for i := b.after; i < limit; i++ {
			if replyRe.MatchString(ls[i].f) {
				setNote(c, ls[b.after:i])
				start = i + 1
				break
			}
		}
		// A note after the buttons with no "Reply to" under it shows up as
		// the lead of the next card.
		if k > 0 && len(c.lead) > 0 {
			if prev := cards[k-1]; !prev.noted && allNoteLike(c.lead) {
				setNote(prev, c.lead)
				c.lead = nil
			}
		}
		for _, l := range c.lead {
			if k > 0 {
				problem(res, l, "line %q between invitations not understood; skipped", l.text)
			}
		}
		cards = append(cards, c)
	}
	var rest []ln
	for _, l := range ls[start:] {
		if !isNav(l.f) {
			rest = append(rest, l)
		}
	}
	if n := len(cards); n > 0 && !cards[n-1].noted && allNoteLike(rest) {
		setNote(cards[n-1], rest)
		rest = nil
	}
	for _, l := range rest {
		if len(btns) > 0 {
			problem(res, l, "line %q after the last invitation not understood; skipped", l.text)
			break
		}
	}
	for _, c := range cards {
		if c.inv.Person.Name != "" && !c.other {
			res.Invitations = append(res.Invitations, c.inv)
		}
	}
}

func allNoteLike(ls []ln) bool {
	for _, l := range ls {
		if !noteLike(l.text) && !strings.HasSuffix(l.text, "…") {
			return false
		}
	}
	return len(ls) > 0
}

func setNote(c *card, ls []ln) {
	var parts []string
	for _, l := range ls {
		if isNav(l.f) && !noteLike(l.text) {
			continue
		}
		s, _ := stripSeeMore(l.text)
		s = quotesRe.ReplaceAllString(s, "")
		if s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) > 0 {
		c.inv.Message = strings.Join(parts, "\n")
		c.noted = true
	}
}

// parseCard reads the head of one invitation card: the lines from the end
// of the previous card to its Ignore button.
func parseCard(head []ln, at ln, now time.Time, res *Result) *card {
	c := &card{inv: linkvet.Invitation{
		Direction:   linkvet.Incoming,
		Source:      linkvet.SourcePaste,
		ReceivedVia: []string{linkvet.SourcePaste},
	}}
	inv := &c.inv
	kinds := make([]byte, len(head)) // n nav, s sender, p picture, m mutual, a age, o other
	startAt := -1
	name := ""
	for i, l := range head {
		if n, follows, ok := senderName(l); ok {
			kinds[i] = 's'
			if name == "" || startAt < 0 || head[startAt].f != l.f {
				name, startAt = n, i
			}
			if follows {
				inv.Interactions = append(inv.Interactions, linkvet.FollowsYou)
			}
			continue
		}
		if m := picRe.FindStringSubmatch(l.text); m != nil {
			kinds[i] = 'p'
			if startAt < 0 || kinds[startAt] != 's' {
				name, startAt = strings.TrimSpace(m[1]+m[2]), i
			}
			continue
		}
		if verifiedWords[l.f] {
			kinds[i] = 'n'
			t := true
			inv.Person.Verified = &t
			continue
		}
		if isNav(l.f) || degreeRe.MatchString(l.text) || pronounRe.MatchString(l.text) {
			kinds[i] = 'n'
			continue
		}
		if cnt, names, ok := parseMutual(l.text, l.f); ok {
			kinds[i] = 'm'
			inv.MutualConnections, inv.MutualNames = cnt, names
			continue
		}
		if d, ok := ageDays(l.f); ok {
			kinds[i] = 'a'
			t := now.AddDate(0, 0, -d)
			t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			inv.SentAt = &t
			continue
		}
		kinds[i] = 'o'
	}
	var others []int
	for i, k := range kinds {
		if k == 'o' {
			others = append(others, i)
		}
	}
	nameAt := -1
	if startAt >= 0 {
		// The name is given; a line repeating it is the name itself.
		for _, i := range others {
			if i > startAt && head[i].text == name {
				nameAt = i
				break
			}
		}
		if nameAt < 0 {
			nameAt = startAt
		}
	} else {
		// No sender line: the sender is the line above the headline, and
		// the headline the last plain line above the first mutual or age
		// line (or note); with neither, the last two plain lines.
		anchor := len(head)
		for i, k := range kinds {
			if k == 'm' || k == 'a' || k == 'o' && quoted(head[i].text) {
				anchor = i
				break
			}
		}
		var above []int
		for _, i := range others {
			if i < anchor {
				above = append(above, i)
			}
		}
		// A note above the buttons (before 2025): a sentence under the
		// headline is the note, not the headline under the name.
		for len(above) > 2 && noteLike(head[above[len(above)-1]].text) && !looksLikeName(head[above[len(above)-2]].text) {
			above = above[:len(above)-1]
		}
		switch {
		case len(above) >= 2:
			nameAt = above[len(above)-2]
			if !looksLikeName(head[nameAt].text) && looksLikeName(head[above[len(above)-1]].text) {
				nameAt = above[len(above)-1] // a member without a headline
			}
		case len(above) == 1:
			nameAt = above[0]
		}
		if nameAt >= 0 {
			name = head[nameAt].text
		}
	}
	if name == "" {
		problem(res, at, "invitation card without a sender's name; skipped")
		return c
	}
	inv.Person.Name = name
	startLine := min(nameAt, max(startAt, 0))
	if startAt < 0 {
		startLine = nameAt
	}
	var note []ln
	for _, i := range others {
		switch {
		case head[i].text == name:
			// The name again (above or below the sender line).
		case i < startLine:
			c.lead = append(c.lead, head[i])
		case i == nameAt:
		case inv.Person.Headline == "" && i > nameAt && !quoted(head[i].text) && len(note) == 0:
			inv.Person.Headline = head[i].text
		case i > nameAt:
			note = append(note, head[i])
		}
	}
	setNote(c, note)
	return c
}

// quoted reports whether s opens with a quotation mark, as notes were shown.
func quoted(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "„") || strings.HasPrefix(s, "«")
}
