package screen

import (
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
)

// facts is everything the rules read, computed once per invitation and in
// one place (this file and signals.go): folded texts and their tokens, what
// is shared with the user, counts that may be unknown, and the derived
// facts several rules and the decision read (a personal note, a pitch, a
// sales title, an impostor). Rules only read facts; what they find comes
// back to the engine as results, so the order rules run in changes nothing
// but the order of the reasons.
type facts struct {
	e   *Engine
	inv *linkvet.Invitation
	now time.Time

	note, headline, about, name, company, title, industry, location string   // folded
	words                                                           []string // every field's tokens, "|" between fields
	hits                                                            []hit    // every lexicon phrase found in words
	spHeadline, spHeadTitle, spProfile, spNote                      span
	spAll, spName                                                   span
	noteWords, headlineWords, nameWords                             []string // views into words
	companyWords, profileWords, allWords                            []string // profile: headline+title+company+about; all: profile+note

	hasNote       bool
	noteASCII     bool // the note is plain ASCII ...
	noteDigits    int  // ... with this many digits (in any case, its ASCII digits)
	defaultNote   bool
	placeholder   string
	noteSentences int
	noteRunes     int

	// language is the note's language (BCP 47) or ""; unreadNote: the note
	// is in a language linkvet has no vocabulary for, so its words can
	// neither help nor hurt.
	language   string
	unreadNote bool

	mutual      int // -1 = unknown
	connections int // -1 = unknown
	ageMonths   int // -1 = unknown
	verified    *bool

	known, blocked           bool
	knownEntry, blockedEntry string

	shared []sharedItem // everything in common, from the invitation and from me
	links  []link       // URLs in the note, about text and websites

	// derived facts
	noteIntro, noteReason bool              // the note says who they are / why
	noteShared            []string          // shared things the note names
	massPhrases           []string          // stock mass-invitation phrases in the note
	personal              bool              // seed 004's personal note (see personalNote)
	noteScam              bool              // the note carries scam talk (see scamTalk)
	pitch                 []string          // pitch phrases, when they make a pitch
	recruiterTitle        string            // first recruiter title in headline or title
	salesTitle            string            // first sales title in headline or title
	peerWhy               string            // why a sales or recruiting title is a peer's ("" = not a peer)
	greetName             string            // the name the note greets, as written
	greetsOther           bool              // ... and it is not the user's
	handoffs              []string          // ways the note offers to move off LinkedIn
	contactGiven          bool              // ... among them a number or messenger link to use
	money                 []weightedFinding // money or percentages promised per period
	impostorOf            string            // the known person whose name the sender uses
	lostAccount           []string          // "my old account was hacked"
	disqualified          []string
	promoted              []string
	competitor            string
	controversial         []string
	massInvite            bool // a template, a mass phrase, or a recruiter blasting
	explain               bool
	scratch               []string // reused token buffer

	// Buffers kept from one invitation to the next (pool.go): the folded
	// texts' bytes (each invitation's folded fields are one string copied
	// from it) and the arenas found and find hand out parts of.
	text      []byte
	strs      []string
	ids       []int32
	sharedBuf []sharedItem
	linksBuf  []link
	fields    []string // the note split at white space, for money
	hashes    []uint64 // tokenHash of each of words
	fieldInfo []fieldInfo
	nf        noteFields
	fold      fold.Scratch // for tokens only looked up (notefields.go)

	sharedEnds   []int  // where each of the invitation's shared items ends in sharedFolded
	sharedFolded string // those items folded, one after the other
	skillEnds    []int  // where each skill ends in skillsFolded (only when the user has interests)
	skillsFolded string
	ints         []int // a reused buffer of matcher results

	t tallies // the screening's evidence (Engine.run), kept for its marks' buffer
}

type sharedItem struct {
	kind   string // company, school, group, event, interest, industry, location
	value  string // as the user would recognise it
	folded string
}

type link struct {
	raw    string
	host   string // lower-case, as written (may hold look-alike letters)
	inNote bool
}

func (e *Engine) facts(inv *linkvet.Invitation, now time.Time, explain bool) *facts {
	p := &inv.Person
	f := e.pool.get()
	f.e, f.inv, f.now, f.explain, f.verified = e, inv, now, explain, p.Verified
	f.mutual, f.connections, f.ageMonths = -1, -1, -1

	// Every field folded into one buffer and made one string: one
	// allocation for all eight, and each field a part of it.
	b := f.text[:0]
	var ends [8]int
	for i, s := range [8]string{inv.Message, p.Headline, p.About, p.Name, p.Company, p.Title, p.Industry, p.Location} {
		b = fold.AppendString(b, s)
		ends[i] = len(b)
	}
	// What the invitation says is shared, folded into the same buffer for
	// sharedWith.
	shEnds := f.sharedEnds[:0]
	for _, list := range [...][]string{inv.Shared.Companies, inv.Shared.Schools, inv.Shared.Groups, inv.Shared.Events, inv.Shared.Interests} {
		for _, v := range list {
			b = fold.AppendString(b, strings.TrimSpace(v))
			shEnds = append(shEnds, len(b)-ends[len(ends)-1])
		}
	}
	// The sender's skills too, when the user has interests to match them
	// with (sharedWith).
	skStart, skEnds := len(b), f.skillEnds[:0]
	if e.me.interests.Len() > 0 {
		for _, s := range p.Skills {
			b = fold.AppendString(b, s)
			skEnds = append(skEnds, len(b)-skStart)
		}
	}
	f.text, f.sharedEnds, f.skillEnds = b, shEnds, skEnds
	folded := string(b)
	f.sharedFolded, f.skillsFolded = folded[ends[len(ends)-1]:skStart], folded[skStart:]
	field := func(i int) string {
		if i == 0 {
			return folded[:ends[0]]
		}
		return folded[ends[i-1]:ends[i]]
	}
	f.note, f.headline, f.about, f.name = field(0), field(1), field(2), field(3)
	f.company, f.title, f.industry, f.location = field(4), field(5), field(6), field(7)

	// One token list for every field, with a separator phrases never
	// match, so that the vocabularies are scanned once (index.go).
	w := f.words[:0]
	w = fold.AppendWords(w, f.headline)
	headEnd := len(w)
	w = fold.AppendWords(append(w, "|"), f.title)
	titleEnd := len(w)
	w = fold.AppendWords(append(w, "|"), f.company)
	companyStart, companyEnd := titleEnd+1, len(w)
	w = fold.AppendWords(append(w, "|"), f.about)
	aboutEnd := len(w)
	w = append(w, "|")
	noteStart := len(w)
	w = fold.AppendWords(w, f.note)
	noteEnd := len(w)
	w = append(w, "|")
	nameStart := len(w)
	w = fold.AppendWords(w, f.name)
	f.words = w
	f.spHeadline = span{0, headEnd}
	f.spHeadTitle = span{0, titleEnd}
	f.spProfile = span{0, aboutEnd}
	f.spNote = span{noteStart, noteEnd}
	f.spAll = span{0, noteEnd}
	f.spName = span{nameStart, len(w)}
	// Capped slices: appending to one never writes into the next field.
	f.headlineWords = w[:headEnd:headEnd]
	f.companyWords = w[companyStart:companyEnd:companyEnd]
	f.profileWords = w[:aboutEnd:aboutEnd]
	f.noteWords = w[noteStart:noteEnd:noteEnd]
	f.allWords = w[:noteEnd:noteEnd]
	f.nameWords = w[nameStart:len(w):len(w)]
	f.hashes = tokenHashes(f.hashes[:0], w)
	f.hits = e.vocab.index.scan(f.hits[:0], w, f.hashes)
	f.hits = e.disqualify.scan(f.hits, w[:noteEnd], f.hashes)

	f.hasNote = len(f.noteWords) > 0
	if f.hasNote {
		f.noteASCII, f.noteDigits = asciiDigits(inv.Message)
		// Only a note holding a stock phrase can be LinkedIn's stock text.
		if e.vocab.stock().any(f.noteWords, f.hashes[noteStart:noteEnd]) {
			f.defaultNote = compose.IsDefaultNoteWords(f.noteWords)
		}
		f.placeholder, _ = compose.HasPlaceholder(inv.Message)
		f.noteSentences = countSentences(inv.Message)
		f.noteRunes = utf8.RuneCountInString(strings.TrimSpace(inv.Message))
		f.language = e.detect(inv.Message)
		f.unreadNote = f.language != "" && !e.vocab.tags[f.language]
	}
	if inv.MutualConnections != nil {
		f.mutual = max(*inv.MutualConnections, 0)
	}
	if p.Connections != nil {
		f.connections = max(*p.Connections, 0)
	}
	f.ageMonths = accountAge(p.MemberSince, now)
	f.known, f.knownEntry = e.pol.IsKnown(inv)
	f.blocked, f.blockedEntry = e.pol.IsBlocked(inv)
	f.shared = e.sharedWith(f)
	f.links = e.findLinks(f)
	f.derive()
	return f
}

// asciiDigits reports whether s is ASCII, and counts its ASCII digits.
func asciiDigits(s string) (ascii bool, digits int) {
	ascii = true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii, digits
}

// derive computes the facts that several rules and the decision read, in
// the one order their dependencies need.
func (f *facts) derive() {
	e := f.e
	if f.hasNote {
		f.noteIntro = f.has(lxIntro, f.spNote) || f.namesSelf()
		f.noteReason = f.has(lxReason, f.spNote) || f.has(lxSharedGround, f.spNote)
		f.noteShared = e.noteMentionsShared(f)
		f.massPhrases = f.found(lxMassInvite, f.spNote)
		f.greetName, f.greetsOther = e.greeting(f)
		f.handoffs, f.contactGiven = e.handoffs(f)
		if f.noteDigits > 0 || (!f.noteASCII && hasDigit(f.inv.Message)) { // split once for both money signals
			fields := f.fields[:0] // strings.Fields, into a reused slice
			for w := range strings.FieldsSeq(f.inv.Message) {
				fields = append(fields, w)
			}
			f.fields = fields
			nf := f.noteFields(fields)
			f.money = append(nf.money(), nf.gains()...)
		}
		// A day rate in a recruiter's note is a wage, not bait: amounts
		// (not percentages) from a sender with a recruiting title weigh
		// only beside other signs. Money per period in a note that talks
		// of investing or crypto is a promise of returns: at least 2.
		if len(f.money) > 0 {
			recruiter := f.has(lxRecruiter, f.spHeadTitle)
			investing := f.has(lxCrypto, f.spNote) || f.has(lxInvestment, f.spNote)
			for i := range f.money {
				switch m := &f.money[i]; {
				case recruiter && !m.percent:
					m.weight = min(m.weight, 1)
				case investing:
					m.weight = max(m.weight, 2)
				}
			}
		}
		if !f.known { // someone on the known list telling of an old account is them
			f.lostAccount = f.found(lxLostAccount, f.spNote)
		}
	}
	if t := f.found(lxRecruiter, f.spHeadTitle); len(t) > 0 {
		f.recruiterTitle = t[0]
	}
	if t := f.found(lxSales, f.spHeadTitle); len(t) > 0 {
		f.salesTitle = t[0]
	}
	// One pitch phrase from a salesperson, or two from anyone; but "our
	// platform" from someone who works where the user works is the user's
	// platform too: a colleague is selling to customers, not to the user.
	if pitch := f.found(lxPitch, f.spNote); (len(pitch) >= 2 || (len(pitch) == 1 && f.has(lxSales, f.spAll))) && !e.worksWithMe(f) {
		f.pitch = pitch
	}
	f.noteScam = f.scamTalk()
	f.personal = f.personalNote()
	f.peerWhy = e.peerByRelation(f)
	f.impostorOf = e.impostor(f)
	f.disqualified = f.found(lxDisqualify, f.spAll)
	if e.pol.DisqualifyPromotedConnectionCount {
		found := f.found(lxPromoted, f.spProfile)
		// "30K+ connections", "12,000 followers": a number just before the word.
		found = append(found, numberedCount(f.profileWords)...)
		f.promoted = withoutBareCountWords(found)
	}
	f.competitor = e.competitorOf(f)
	f.controversial = f.found(lxControversial, f.spProfile)
	f.massInvite = f.placeholder != "" || (len(f.massPhrases) > 0 && len(f.noteShared) == 0) || f.recruiterBlasting()
}

// personalNote is seed 004's first question: a note that is not LinkedIn's
// stock text, not a template with its placeholder left in, not meant for
// someone else, and says who they are or why they want to connect. A note
// built on a mass-invitation phrase ("I came across your profile") is
// personal only when it names something the two share: it is then either
// personal or a mass invitation, never both.
func (f *facts) personalNote() bool {
	if !f.hasNote || f.defaultNote || f.placeholder != "" || len(f.noteWords) < 4 || len(f.pitch) > 0 || f.greetsOther || f.noteScam {
		return false
	}
	if len(f.massPhrases) > 0 {
		return len(f.noteShared) > 0
	}
	return f.noteIntro || f.noteReason || len(f.noteShared) > 0
}

// scamTalk reports scam evidence of weight 3 or more in the note (phrases
// and money promised per period): a note selling a scam is not a personal
// note, however warmly it introduces itself.
func (f *facts) scamTalk() bool {
	total := 0
	for _, l := range [...]lex{lxInvestment, lxRomance, lxAdvance, lxPhish} {
		if idx := f.find(l, f.spNote); len(idx) > 0 {
			if w, _ := f.familyWeight(l, idx); w >= 2 {
				total += w
			}
		}
	}
	for _, m := range f.money {
		if m.weight >= 2 {
			total += m.weight
		}
	}
	return total >= 3
}

// recruiterBlasting: a recruiter with no personal note, no mutuals and
// nothing in common is sending invitations by the hundred. A note linkvet
// cannot read is given the benefit of the doubt.
func (f *facts) recruiterBlasting() bool {
	return f.recruiterTitle != "" && f.peerWhy == "" && !f.personal && !f.unreadNote && f.mutual <= 0 && len(f.shared) == 0
}

// countSentences counts sentence ends; a note with no end mark is one
// sentence.
func countSentences(s string) int {
	n := 0
	inSentence := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf { // ASCII, most notes, needs no decoding
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch r {
		case '.', '!', '?', '。', '！', '？':
			if inSentence {
				n++
				inSentence = false
			}
		case ' ', '\n', '\t', '\r', '"', '\'', ')':
		default:
			inSentence = true
		}
	}
	if inSentence {
		n++
	}
	return n
}

// accountAge returns the months from member_since (YYYY-MM) to now, or -1.
func accountAge(since string, now time.Time) int {
	if len(since) < 7 || since[4] != '-' {
		return -1
	}
	y, err1 := strconv.Atoi(since[:4])
	m, err2 := strconv.Atoi(since[5:7])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || now.IsZero() {
		return -1
	}
	months := (now.Year()-y)*12 + int(now.Month()) - m
	if months < 0 {
		return -1
	}
	return months
}

// sharedWith lists what the user and the person have in common: what the
// invitation says is shared, plus what linkvet can see by comparing the
// person's profile with the user's own (policy me).
func (e *Engine) sharedWith(f *facts) []sharedItem {
	inv := f.inv
	out := f.sharedBuf[:0]
	addFolded := func(kind, value, folded string) {
		if value == "" {
			return
		}
		for _, s := range out {
			if s.kind == kind && s.folded == folded {
				return
			}
		}
		out = append(out, sharedItem{kind, value, folded})
	}
	add := func(kind string, v sharedValue) { addFolded(kind, v.value, v.folded) }
	// The invitation's own lists were folded with the other fields
	// (facts): f.sharedFolded holds them one after the other.
	k, from := 0, 0
	for i, list := range [...][]string{inv.Shared.Companies, inv.Shared.Schools, inv.Shared.Groups, inv.Shared.Events, inv.Shared.Interests} {
		kind := [...]string{"company", "school", "group", "event", "interest"}[i]
		for _, v := range list {
			to := f.sharedEnds[k]
			addFolded(kind, strings.TrimSpace(v), f.sharedFolded[from:to])
			k, from = k+1, to
		}
	}
	// What the policy says of the user is folded once, in New.
	me := &e.me
	p := &inv.Person
	if len(me.companies) > 0 {
		if c := matchFolded(me.companies, f.company); c != nil {
			add("company", c.shared)
		}
		for _, x := range p.Experience {
			if c := matchFolded(me.companies, f.fold.String(x.Company)); c != nil {
				add("company", c.shared)
			}
		}
	}
	if len(me.schools) > 0 {
		for _, ed := range p.Education {
			if s := matchFolded(me.schools, f.fold.String(ed.School)); s != nil {
				add("school", s.shared)
			}
		}
	}
	if len(me.industries) > 0 && f.industry != "" {
		for i, ind := range me.industries {
			if ind == f.industry {
				add("industry", me.industryValues[i])
			}
		}
	}
	if me.city != "" && f.location != "" {
		if city, _, _ := strings.Cut(f.location, ","); strings.TrimSpace(city) == me.city {
			add("location", me.location)
		}
	}
	if me.interests.Len() > 0 {
		f.ints = me.interests.AppendFind(f.ints[:0], f.profileWords)
		for _, i := range f.ints {
			add("interest", me.interestValues[i])
		}
		if len(p.Skills) > 0 {
			// The skills were folded with the other fields (facts).
			skills, from := f.scratch[:0], 0
			for _, to := range f.skillEnds {
				skills = append(fold.AppendWords(skills, f.skillsFolded[from:to]), "|")
				from = to
			}
			f.scratch = skills
			f.ints = me.interests.AppendFind(f.ints[:0], skills)
			for _, i := range f.ints {
				add("interest", me.interestValues[i])
			}
		}
	}
	f.sharedBuf = out
	return out[:len(out):len(out)]
}

// matchFolded returns the user's organisation whose folded name is o, or
// nil.
func matchFolded(mine []orgName, o string) *orgName {
	if o == "" {
		return nil
	}
	for i := range mine {
		if mine[i].folded == o {
			return &mine[i]
		}
	}
	return nil
}

func (f *facts) sharedKinds(kinds ...string) []string {
	var out []string
	for _, s := range f.shared {
		for _, k := range kinds {
			if s.kind == k {
				out = append(out, s.value)
			}
		}
	}
	return out
}

// findLinks collects the URLs and bare domains in the note, the about text
// and the websites.
func (e *Engine) findLinks(f *facts) []link {
	inv := f.inv
	out := f.linksBuf[:0]
	inNote := false
	scan := func(s string) {
		if strings.IndexByte(s, '.') < 0 {
			return // every URL and domain has a dot: most texts end here
		}
		for w := range dottedFields(s) {
			w = strings.Trim(w, "()[]<>\"'.,;:!?")
			if !strings.Contains(w, ".") {
				continue // every URL and domain has a dot: most words end here, unlowered
			}
			lw := strings.ToLower(w)
			hasScheme := strings.HasPrefix(lw, "http://") || strings.HasPrefix(lw, "https://") || strings.HasPrefix(lw, "www.")
			if !hasScheme && !e.looksLikeDomain(lw) {
				continue
			}
			raw := w
			if !strings.Contains(lw, "://") {
				w = "https://" + w
			}
			u, err := url.Parse(w)
			if err != nil || u.Host == "" {
				continue
			}
			out = append(out, link{raw: raw, host: strings.ToLower(strings.TrimPrefix(u.Hostname(), "www.")), inNote: inNote})
		}
	}
	inNote = true
	scan(inv.Message)
	inNote = false
	scan(inv.Person.About)
	for _, w := range inv.Person.Websites {
		scan(w)
	}
	f.linksBuf = out
	return out[:len(out):len(out)]
}

// dottedFields yields the fields of s (as strings.Fields splits them) that
// hold a dot, in order. Over ASCII text it jumps from dot to dot and looks
// no further than the field around each; at a byte beyond ASCII (which may
// belong to a space of another script) it splits the rest as
// strings.FieldsSeq does.
func dottedFields(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		i := 0 // s[:i] is done; i is 0, len(s) or at a white space
		for {
			k := strings.IndexByte(s[i:], '.')
			if k < 0 {
				return
			}
			start, end := i+k, i+k+1
			for start > i && !asciiSpace(s[start-1]) && s[start-1] < utf8.RuneSelf {
				start--
			}
			for end < len(s) && !asciiSpace(s[end]) && s[end] < utf8.RuneSelf {
				end++
			}
			if (start > i && s[start-1] >= utf8.RuneSelf) || (end < len(s) && s[end] >= utf8.RuneSelf) {
				for w := range strings.FieldsSeq(s[i:]) {
					if strings.IndexByte(w, '.') >= 0 && !yield(w) {
						return
					}
				}
				return
			}
			if !yield(s[start:end]) {
				return
			}
			i = end
		}
	}
}

// asciiSpace is unicode.IsSpace for a byte of ASCII text.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// looksLikeDomain accepts "name.tld/..." words such as "bit.ly/x" or
// "lіnkedin.com", but not "e.g." or "3.5".
func (e *Engine) looksLikeDomain(w string) bool {
	host, _, _ := strings.Cut(w, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 || strings.Contains(host, "@") {
		return false
	}
	tld := host[dot+1:]
	if len(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !(r >= 'a' && r <= 'z') && r < 0x80 {
			return false
		}
	}
	return strings.Contains(w, "/") || e.knownTLD(tld) || strings.HasPrefix(tld, "xn--")
}

func (e *Engine) knownTLD(tld string) bool {
	switch tld {
	case "com", "net", "org", "io", "co", "ly", "me", "gl", "gd", "in", "info", "biz", "app", "dev", "ai", "ru", "cn", "uk", "de", "us":
		return true
	}
	for _, t := range e.vocab.riskyTLDs {
		if t == tld {
			return true
		}
	}
	return false
}

// namesSelf: the note names the sender by their own first name ("it's
// Tomasz!", "c'est Julien", "hier ist Jonas", "Tomasz here"), which in
// any language is saying who they are.
func (f *facts) namesSelf() bool {
	if len(f.nameWords) == 0 {
		return false
	}
	first := f.nameWords[0]
	if utf8.RuneCountInString(first) < 2 || f.e.vocab.addressees[first] {
		return false
	}
	for i := f.spNote.from; i < f.spNote.to; i++ {
		if f.words[i] == first {
			return true
		}
	}
	return false
}
