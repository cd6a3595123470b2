package compose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// AcceptLimit is the longest note LinkedIn sends with an acceptance.
const AcceptLimit = 300

// Salts keep the choice of each part of a message independent.
const (
	saltGreet uint64 = iota + 1
	saltOpen
	saltHook
	saltClose
	saltQuestion
	saltCall
	saltReason
)

// Drafts writes the messages that fit the verdict's action, personalised
// with inv's person and what they share with me, in the language
// v.DraftsLanguage names (else the one DraftsLanguage picks for
// v.Language; a language without drafts falls back to the user's first
// language that has them, then English):
//
//   - accept: Accept, a short note to send with the acceptance (at most
//     AcceptLimit characters), and FollowUp, for a few days later, which
//     asks about something specific they share and proposes a short call;
//   - ask: Ask, a polite reply asking how they found the user and what they
//     have in mind, leaving the door open;
//   - ignore: Ask as well, in case the user wants context after all, except
//     for salespeople (asking them what they have in mind invites the
//     pitch the user chose to ignore);
//   - decline: Decline, polite and without any accusation;
//   - block: nothing (a blocked account cannot be messaged).
//
// Drafts know the relationship: a colleague at the user's own company is
// not asked which part of it they were in, a former colleague is not told
// it is nice to meet someone else who has been there, and someone with
// years at a company or in a field is not asked how they find it "so far".
//
// Scammers, fake and blocked accounts, spam and anything to report get no
// drafts at all, whatever the action: nothing friendly is ever drafted for
// them. Drafts copies nothing from the note; it only refers back to a
// known shared item the note mentions. The wording is chosen by a hash of
// the invitation id, so the same invitation always gets the same text.
func Drafts(inv *linkvet.Invitation, v *linkvet.Verdict, me linkvet.Me) linkvet.Drafts {
	if inv == nil || v == nil || hostile(v) {
		return linkvet.Drafts{}
	}
	w := writer{pb: bookFor(v, me), seed: seedOf(inv)}
	switch v.Action {
	case linkvet.Accept:
		f := gatherFor(inv, v, me)
		return linkvet.Drafts{Accept: w.acceptNote(&f, v.Category), FollowUp: w.followUp(&f)}
	case linkvet.Ask:
		f := gatherFor(inv, v, me)
		return linkvet.Drafts{Ask: w.askNote(&f, v.Category)}
	case linkvet.Ignore:
		if v.Category == linkvet.Salesperson {
			return linkvet.Drafts{}
		}
		f := gatherFor(inv, v, me)
		return linkvet.Drafts{Ask: w.askNote(&f, v.Category)}
	case linkvet.Decline:
		f := gatherFor(inv, v, me)
		return linkvet.Drafts{Decline: w.declineNote(&f, v.Category)}
	}
	return linkvet.Drafts{}
}

// bookFor is the phrasebook of the verdict's drafts language, or of the
// user's first language that has one, or English.
func bookFor(v *linkvet.Verdict, me linkvet.Me) *phrasebook {
	tag := v.DraftsLanguage
	if tag == "" {
		tag = DraftsLanguage(v.Language, me)
	}
	if pb := phrasebookFor(tag); pb != nil {
		return pb
	}
	if pb := phrasebookFor(DraftsLanguage("", me)); pb != nil {
		return pb
	}
	return phrasebooks()["en"]
}

// gatherFor is gather with what the verdict knows of the relationship.
func gatherFor(inv *linkvet.Invitation, v *linkvet.Verdict, me linkvet.Me) facts {
	f := gather(inv, me)
	if v.Category == linkvet.KnownContact || inv.HasInteraction(linkvet.MessagedBefore) {
		f.known = true
	}
	f.relate(inv, me)
	return f
}

// writer builds messages from one phrasebook.
type writer struct {
	pb   *phrasebook
	seed uint64
}

// one picks a phrasing of list; "" when the list is empty.
func (w writer) one(list []string, salt uint64) string {
	if len(list) == 0 {
		return ""
	}
	return list[pick(w.seed, salt, len(list))]
}

// A draft is written into one buffer on the stack and copied out once:
// its sentences joined by single spaces, empty ones left out. Drafts are
// written for most invitations screened.

// draftBuf holds a draft while it is written; longer ones grow onto the
// heap.
type draftBuf [512]byte

// addSentence appends s after a space (none at the start); "" adds
// nothing.
func addSentence(dst []byte, s string) []byte {
	if s == "" {
		return dst
	}
	if len(dst) > 0 {
		dst = append(dst, ' ')
	}
	return append(dst, s...)
}

// addFilled appends fill(p, slot, value) as addSentence does.
func addFilled(dst []byte, p, slot, value string) []byte {
	n := strings.Count(p, slot)
	if n == 0 {
		return addSentence(dst, p)
	}
	if len(p)+n*(len(value)-len(slot)) == 0 {
		return dst // nothing but empty slots
	}
	if len(dst) > 0 {
		dst = append(dst, ' ')
	}
	for {
		i := strings.Index(p, slot)
		if i < 0 {
			return append(dst, p...)
		}
		dst = append(append(dst, p[:i]...), value...)
		p = p[i+len(slot):]
	}
}

// addUpperFirst appends upperFirst(s) as addSentence does.
func addUpperFirst(dst []byte, s string) []byte {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) || !unicode.IsLower(r) {
		return addSentence(dst, s)
	}
	if len(dst) > 0 {
		dst = append(dst, ' ')
	}
	return append(utf8.AppendRune(dst, unicode.ToUpper(r)), s[n:]...)
}

// greet opens a message: "Hi Jane," or, with no usable name, a neutral
// greeting, followed by the opening sentence, capitalised when the
// greeting ends a sentence ("¡Hola, Carmen! Gracias ...").
func (w writer) greet(dst []byte, first string, salt uint64, open string) []byte {
	start := len(dst)
	if first == "" {
		dst = addSentence(dst, w.one(w.pb.Greeting.Neutral, salt))
	} else {
		dst = addFilled(dst, w.one(w.pb.Greeting.Named, salt), "{first}", first)
	}
	if len(dst) > start {
		switch dst[len(dst)-1] {
		case '.', '!', ':', '?':
			return addUpperFirst(dst, open)
		}
	}
	return addSentence(dst, open)
}

// acceptNote is the note sent with an acceptance: greeting and thanks, one
// sentence on the common ground, a closing line. It drops the closing,
// then the common ground, to stay within AcceptLimit.
func (w writer) acceptNote(f *facts, cat linkvet.Category) string {
	opens := w.pb.Accept.Open
	if cat == linkvet.KnownContact {
		opens = w.pb.Accept.OpenKnown
	}
	openLine := w.one(opens, saltOpen)
	var a draftBuf
	b := w.greet(a[:0], f.first, saltGreet, openLine)
	openEnd := len(b)
	prev := openLine // the sentence the next one must not echo
	h := f.best()
	if cat == linkvet.KnownContact && !sayToKnown[h.kind] {
		// "Nice to know more people around Acme" is for someone new; the
		// user already knows this person.
		h = hook{}
	}
	if list := w.pb.Accept.Hook[hookNames[h.kind]]; len(list) > 0 {
		// Never two sentences opening alike ("Gracias por escribirme ...
		// Gracias por mencionar ..."): take the next phrasing instead.
		i := fresh(list, pick(w.seed, saltHook, len(list)), openLine)
		b = addFilled(b, list[i], "{item}", h.value)
		prev = list[i]
	}
	hookEnd := len(b)
	// The closing line does not echo the sentence before it either
	// ("un plaisir de ... Au plaisir d'échanger.").
	closes := w.pb.Accept.Close
	b = addSentence(b, closes[fresh(closes, pick(w.seed, saltClose, len(closes)), prev)])
	for _, end := range [...]int{len(b), hookEnd, openEnd} {
		if runeCountBytes(b[:end]) <= AcceptLimit {
			return string(b[:end])
		}
	}
	return string(b[:openEnd])
}

// runeCountBytes is runeCount of a draft being written.
func runeCountBytes(b []byte) int {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			// A copy: handing b to norm would move the buffer to the heap.
			return runeCount(string(b))
		}
	}
	return len(b)
}

// followUp is the message for a few days after accepting: a question
// about something they share, and the offer of a short call (seed 004's
// test: a connection worth making is worth a call).
func (w writer) followUp(f *facts) string {
	h := f.best()
	// A follow-up asks about what they do; a skill the user shares is more
	// specific than an industry or a city.
	if f.topic != "" && h.kind >= hookIndustry {
		h = hook{hookInterest, f.topic}
	}
	questions := w.pb.FollowUp.Question[hookNames[h.kind]]
	q := w.one(questions, saltQuestion)
	if h.kind == hookMentioned && !f.hasHistory(h.value) {
		// "How are you finding it so far?" only to someone new to it: its
		// phrasings join the list.
		more := w.pb.FollowUp.Question["mentioned_new"]
		if n := len(questions) + len(more); n > 0 {
			if i := pick(w.seed, saltQuestion, n); i < len(questions) {
				q = questions[i]
			} else {
				q = more[i-len(questions)]
			}
		}
	}
	calls := w.pb.FollowUp.Call
	if f.known && len(w.pb.FollowUp.CallKnown) > 0 {
		calls = w.pb.FollowUp.CallKnown
	}
	var a draftBuf
	b := w.greet(a[:0], f.first, saltGreet+10, w.one(w.pb.FollowUp.Open, saltOpen+10))
	b = addFilled(b, q, "{item}", h.value)
	b = addSentence(b, w.one(calls, saltCall))
	return string(b)
}

// askNote asks for context before deciding, without closing the door.
func (w writer) askNote(f *facts, cat linkvet.Category) string {
	var a draftBuf
	b := w.greet(a[:0], f.first, saltGreet+20, w.one(w.pb.Ask.Open, saltOpen+20))
	h := f.best()
	switch {
	case h.kind == hookMentioned:
		b = addFilled(b, w.one(w.pb.Ask.ContextMentioned, saltHook), "{item}", h.value)
	case h.kind == hookColleague:
		b = addFilled(b, w.one(w.pb.Ask.ContextColleague, saltHook), "{item}", h.value)
	case h.value != "" && h.kind != hookTheirCompany && w.inRunningText(h):
		b = addFilled(b, w.one(w.pb.Ask.ContextShared, saltHook), "{item}", h.value)
	default:
		b = addSentence(b, w.one(w.pb.Ask.ContextNone, saltHook))
	}
	questions := w.pb.Ask.Question
	if cat == linkvet.Recruiter {
		questions = w.pb.Ask.QuestionRecruiter
	}
	b = addSentence(b, w.one(questions, saltQuestion+20))
	b = addSentence(b, w.one(w.pb.Ask.Door, saltClose+20))
	return string(b)
}

// inRunningText reports whether h's value can stand in a sentence of this
// phrasebook: sector names come from LinkedIn's English list, and an
// English "Software Development" does not belong in a Portuguese
// sentence, so only English drafts name them (the other phrasebooks'
// industry sentences say "your field" instead).
func (w writer) inRunningText(h hook) bool {
	return h.kind != hookIndustry || primary(normTag(w.pb.Tag)) == "en"
}

// declineNote turns the invitation down politely: a thank-you, a reason
// that is about the user's own habits rather than the sender, and a good
// wish.
func (w writer) declineNote(f *facts, cat linkvet.Category) string {
	key := "default"
	switch cat {
	case linkvet.Competitor, linkvet.Salesperson, linkvet.Recruiter:
		key = string(cat)
	}
	var a draftBuf
	b := w.greet(a[:0], f.first, saltGreet+30, w.one(w.pb.Decline.Open, saltOpen+30))
	b = addSentence(b, w.one(w.pb.Decline.Reason[key], saltReason+30))
	b = addSentence(b, w.one(w.pb.Decline.Door, saltHook+30))
	if f.company != "" {
		b = addFilled(b, w.one(w.pb.Decline.Wish, saltClose+30), "{company}", f.company)
	} else {
		b = addSentence(b, w.one(w.pb.Decline.WishPlain, saltClose+30))
	}
	return string(b)
}

// sayToKnown are the kinds of common ground worth naming to someone the
// user already knows: what they wrote, where they met, the years they
// shared, what they read of the user's.
var sayToKnown = map[hookKind]bool{hookMentioned: true, hookMet: true, hookEvent: true, hookFormerColleague: true, hookEngaged: true}

// fresh returns the index of the first phrasing of list, from i on and
// wrapping, that does not echo prev; failing that, the first that at
// least does not open like it; failing that, i.
func fresh(list []string, i int, prev string) int {
	for n := range len(list) {
		if j := (i + n) % len(list); !echoes(list[j], prev) {
			return j
		}
	}
	for n := range len(list) {
		if j := (i + n) % len(list); !sameOpener(list[j], prev) {
			return j
		}
	}
	return i
}

// echoes reports whether sentence next, following prev, would sound
// like a repetition: both open alike (sameOpener), or one of next's first
// three words of four letters or more is a word of prev ("schön, dass wir
// uns vernetzen. Schön, ...", "glad to be connected. Glad to ..."). No
// allocation: it runs per draft.
func echoes(next, prev string) bool {
	if sameOpener(next, prev) {
		return true
	}
	rest := next
	for n := 0; n < 3; n++ {
		w, after, ok := nextWord(rest)
		if !ok {
			return false
		}
		rest = after
		if utf8.RuneCountInString(w) >= 4 && hasWord(prev, w) {
			return true
		}
	}
	return false
}

// nextWord returns the first run of letters in s and what follows it.
func nextWord(s string) (word, rest string, ok bool) {
	start := strings.IndexFunc(s, unicode.IsLetter)
	if start < 0 {
		return "", "", false
	}
	s = s[start:]
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		return s, "", true
	}
	return s[:end], s[end:], true
}

// hasWord reports whether w is one of s's words, ignoring case.
func hasWord(s, w string) bool {
	for {
		x, rest, ok := nextWord(s)
		if !ok {
			return false
		}
		if strings.EqualFold(x, w) {
			return true
		}
		s = rest
	}
}

// sameOpener: two sentences open with the same word or forms of it
// ("thank you …", "Thanks for …"): their first words agree, ignoring case,
// on their first three to five letters. No allocation: it runs per draft.
func sameOpener(a, b string) bool {
	notLetter := func(r rune) bool { return !unicode.IsLetter(r) }
	a, b = strings.TrimLeftFunc(a, notLetter), strings.TrimLeftFunc(b, notLetter)
	n := 0
	for n < 5 {
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if !unicode.IsLetter(ra) || !unicode.IsLetter(rb) {
			break
		}
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[sa:], b[sb:]
		n++
	}
	return n >= 3
}
