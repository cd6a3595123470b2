package compose

import (
	"github.com/linkvet/linkvet"
)

// AcceptLimit is the longest note LinkedIn sends with an acceptance.
const AcceptLimit = 300

// frame is a phrasing with one slot: pre + value + post.
type frame struct{ pre, post string }

func (fr frame) with(v string) string { return fr.pre + v + fr.post }

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
// with inv's person and what they share with me:
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
// Scammers, fake and blocked accounts, spam and anything to report get no
// drafts at all, whatever the action: nothing friendly is ever drafted for
// them. Drafts copies nothing from the note; it only refers back to a
// known shared item the note mentions. The wording is chosen by a hash of
// the invitation id, so the same invitation always gets the same text.
func Drafts(inv *linkvet.Invitation, v *linkvet.Verdict, me linkvet.Me) linkvet.Drafts {
	if inv == nil || v == nil || hostile(v) {
		return linkvet.Drafts{}
	}
	seed := seedOf(inv)
	switch v.Action {
	case linkvet.Accept:
		f := gather(inv, me)
		return linkvet.Drafts{Accept: acceptNote(&f, v.Category, seed), FollowUp: followUp(&f, seed)}
	case linkvet.Ask:
		f := gather(inv, me)
		return linkvet.Drafts{Ask: askNote(&f, v.Category, seed)}
	case linkvet.Ignore:
		if v.Category == linkvet.Salesperson {
			return linkvet.Drafts{}
		}
		f := gather(inv, me)
		return linkvet.Drafts{Ask: askNote(&f, v.Category, seed)}
	case linkvet.Decline:
		f := gather(inv, me)
		return linkvet.Drafts{Decline: declineNote(&f, v.Category, seed)}
	}
	return linkvet.Drafts{}
}

var (
	acceptOpenKnown = []string{
		"great to be connected here as well.",
		"good to see you on here, glad we are connected.",
		"nice to finally have you in my network here.",
	}
	acceptOpen = []string{
		"thanks for the invitation, happy to connect.",
		"thank you for reaching out, glad to be connected.",
		"good to connect with you here.",
	}
	acceptClose = []string{
		"Looking forward to staying in touch.",
		"Let's keep in touch.",
		"Looking forward to seeing what you are working on.",
	}
	// acceptHooks: one sentence about the common ground, three phrasings
	// for each kind.
	acceptHooks = map[hookKind][]frame{
		hookMentioned: {
			{"Thanks for mentioning ", " in your note."},
			{"Nice that you brought up ", "."},
			{"Good to see ", " come up in your note."},
		},
		hookMet: {
			{"It was good to meet you in person.", ""},
			{"Glad we got to meet face to face.", ""},
			{"Nice to follow up here after meeting in person.", ""},
		},
		hookEvent: {
			{"Nice to connect after ", "."},
			{"Always good to meet people from ", "."},
			{"Glad our paths crossed at ", "."},
		},
		hookGroup: {
			{"Good to meet a fellow member of ", "."},
			{"Nice to see another face from ", "."},
			{"Always glad to meet people from ", "."},
		},
		hookInterest: {
			{"Always good to know more people into ", "."},
			{"Nice to meet someone else who works on ", "."},
			{"Glad to find another person interested in ", "."},
		},
		hookCompany: {
			{"Nice to meet someone else who has been at ", "."},
			{"Always good to connect with people from ", "."},
			{"Good to see we both have ", " in our histories."},
		},
		hookSchool: {
			{"Always nice to meet someone else from ", "."},
			{"Good to see another ", " name in my network."},
			{"Nice to find someone who also studied at ", "."},
		},
		hookMutual: {
			{"Good to see we both know ", "."},
			{"I see ", " is a mutual connection, nice."},
			{"Nice to connect through ", "'s network."},
		},
		hookEngaged: {
			{"Thanks for reading and reacting to my posts.", ""},
			{"I appreciate you engaging with what I share here.", ""},
			{"Glad my posts have been useful to you.", ""},
		},
		hookIndustry: {
			{"Always good to know more people in ", "."},
			{"Glad to grow my circle in ", "."},
			{"Nice to connect with someone else working in ", "."},
		},
		hookLocation: {
			{"Always nice to connect with people in ", "."},
			{"Good to know more people around ", "."},
			{"Nice to meet someone else based in ", "."},
		},
		hookTheirCompany: {
			{"I'd be glad to hear more about your work at ", "."},
			{"Curious to learn what you do at ", "."},
			{"Happy to hear more about ", " sometime."},
		},
	}
)

// acceptNote is the note sent with an acceptance: greeting and thanks, one
// sentence on the common ground, a closing line. It drops the closing,
// then the common ground, to stay within AcceptLimit.
func acceptNote(f *facts, cat linkvet.Category, seed uint64) string {
	opens := acceptOpen
	if cat == linkvet.KnownContact {
		opens = acceptOpenKnown
	}
	open := greet(f.first, pick(seed, saltGreet, 3)) + " " + opens[pick(seed, saltOpen, len(opens))]
	h := f.best()
	hookLine := ""
	if frames := acceptHooks[h.kind]; len(frames) > 0 {
		hookLine = frames[pick(seed, saltHook, len(frames))].with(h.value)
	}
	closing := acceptClose[pick(seed, saltClose, len(acceptClose))]
	for _, s := range [...]string{sentences(open, hookLine, closing), sentences(open, hookLine), open} {
		if runeCount(s) <= AcceptLimit {
			return s
		}
	}
	return open
}

var (
	followOpen = []string{
		"thanks again for connecting the other day.",
		"good to be connected, I wanted to follow up.",
		"I hope your week is going well.",
	}
	// followQuestions ask about something specific they share.
	followQuestions = map[hookKind][]frame{
		hookMentioned: {
			{"You mentioned ", " in your note: what got you interested in it?"},
			{"I'd like to hear more about your take on ", "."},
			{"What is your experience with ", " so far?"},
		},
		hookMet: {
			{"What have you been up to since we met?", ""},
			{"How have things been since we spoke in person?", ""},
			{"I'd like to pick up where we left off when we met.", ""},
		},
		hookEvent: {
			{"What did you take away from ", "?"},
			{"Which session at ", " stuck with you most?"},
			{"What was the highlight of ", " for you?"},
		},
		hookGroup: {
			{"What got you into ", "?"},
			{"How long have you been part of ", "?"},
			{"What do you get most out of ", "?"},
		},
		hookInterest: {
			{"What are you working on in ", " right now?"},
			{"How did you get into ", "?"},
			{"What is the most interesting problem you have hit with ", " lately?"},
		},
		hookCompany: {
			{"What did you work on at ", "?"},
			{"Which part of ", " were you in?"},
			{"How was your time at ", "?"},
		},
		hookSchool: {
			{"What did you study at ", "?"},
			{"When were you at ", "?"},
			{"Do you still keep up with people from ", "?"},
		},
		hookMutual: {
			{"How do you know ", "?"},
			{"How did you and ", " meet?"},
			{"Have you worked with ", " before?"},
		},
		hookEngaged: {
			{"Which topics would you like to see me write about next?", ""},
			{"What got you interested in my posts?", ""},
			{"I'd like to hear what you are working on yourself.", ""},
		},
		hookIndustry: {
			{"What changes are you seeing in ", " at the moment?"},
			{"How did you end up in ", "?"},
			{"What is keeping you busy in ", " these days?"},
		},
		hookLocation: {
			{"Do you go to any meetups around ", "?"},
			{"How long have you been in ", "?"},
			{"What is the scene like for your line of work in ", "?"},
		},
		hookTheirCompany: {
			{"What are you focused on at ", " at the moment?"},
			{"How did you end up at ", "?"},
			{"What does a typical week look like for you at ", "?"},
		},
		hookNone: {
			{"What are you focused on these days?", ""},
			{"What kind of work keeps you busiest at the moment?", ""},
			{"What are you hoping to get out of LinkedIn these days?", ""},
		},
	}
	followCall = []string{
		"Would you be up for a 15-minute call next week to compare notes?",
		"If you are open to it, I'd enjoy a short call to get to know each other.",
		"Happy to set up a quick video chat whenever it suits you.",
	}
)

// followUp is the message for a few days after accepting: a question
// about something they share, and the offer of a short call (seed 004's
// test: a connection worth making is worth a call).
func followUp(f *facts, seed uint64) string {
	h := f.best()
	// A follow-up asks about what they do; a skill the user shares is more
	// specific than an industry or a city.
	if f.topic != "" && h.kind >= hookIndustry {
		h = hook{hookInterest, f.topic}
	}
	frames := followQuestions[h.kind]
	q := frames[pick(seed, saltQuestion, len(frames))].with(h.value)
	return sentences(
		greet(f.first, pick(seed, saltGreet+10, 3))+" "+followOpen[pick(seed, saltOpen+10, len(followOpen))],
		q,
		followCall[pick(seed, saltCall, len(followCall))],
	)
}

var (
	askOpen = []string{
		"thanks for the invitation.",
		"thank you for reaching out.",
		"thanks for the connection request.",
	}
	askContextNone = []string{
		"I like to know a little about the people I connect with, and I couldn't work out where our paths crossed.",
		"I try to connect with people I know or work with, and I couldn't quite place you.",
		"Before I accept, I'd like to understand a bit more about the context.",
	}
	askContextMentioned = []frame{
		{"I saw you mentioned ", ", which I'd be glad to hear more about."},
		{"You brought up ", ", so I'd like to understand the context a bit better."},
		{"I noticed ", " in your note and wanted to ask a little more."},
	}
	askContextShared = []frame{
		{"I see we both have a link to ", ", but I can't quite place how we know each other."},
		{"We seem to have ", " in common, though I don't think we have met."},
		{"I noticed the connection through ", ", but I'd like a bit more context."},
	}
	askQuestion = []string{
		"How did you come across my profile, and what did you have in mind?",
		"What made you reach out? Is there something specific you'd like to talk about?",
		"Could you tell me a bit about how you found me and what you hope to connect about?",
	}
	askQuestionRecruiter = []string{
		"Is there a particular role you had in mind?",
		"Could you tell me a little about the role or team you are recruiting for?",
		"What kind of position are you looking to fill?",
	}
	askDoor = []string{
		"Happy to connect once I know a little more.",
		"Glad to pick this up once I have a bit more context.",
		"Looking forward to hearing from you.",
	}
)

// askNote asks for context before deciding, without closing the door.
func askNote(f *facts, cat linkvet.Category, seed uint64) string {
	var context string
	h := f.best()
	switch {
	case h.kind == hookMentioned:
		context = askContextMentioned[pick(seed, saltHook, len(askContextMentioned))].with(h.value)
	case h.value != "" && h.kind != hookTheirCompany:
		context = askContextShared[pick(seed, saltHook, len(askContextShared))].with(h.value)
	default:
		context = askContextNone[pick(seed, saltHook, len(askContextNone))]
	}
	questions := askQuestion
	if cat == linkvet.Recruiter {
		questions = askQuestionRecruiter
	}
	return sentences(
		greet(f.first, pick(seed, saltGreet+20, 3))+" "+askOpen[pick(seed, saltOpen+20, len(askOpen))],
		context,
		questions[pick(seed, saltQuestion+20, len(questions))],
		askDoor[pick(seed, saltClose+20, len(askDoor))],
	)
}

var (
	declineOpen = []string{
		"thank you for the invitation.",
		"thanks for thinking of me.",
		"I appreciate you reaching out.",
	}
	declineReason = map[linkvet.Category][]string{
		"": {
			"I keep my LinkedIn network to people I have worked with or know personally, so I'll pass for now.",
			"I try to keep my network small and close to my day-to-day work, so I won't connect this time.",
			"I mostly connect with people I already know, so I'll hold off for now.",
		},
		linkvet.Competitor: {
			"Since our companies work in closely related areas, I keep those connections off LinkedIn. Nothing personal.",
			"Given how close our employers' work is, I prefer not to connect here.",
			"With our companies in the same field, I keep my network separate from that side of the market.",
		},
		linkvet.Salesperson: {
			"I'm not looking at new products or services at the moment, so I'll pass on connecting for now.",
			"I'm not in the market for anything new right now, so I'll hold off on connecting.",
			"Our needs are covered for the time being, so I won't connect this time.",
		},
		linkvet.Recruiter: {
			"I'm not exploring a move right now, so I'll hold off on connecting.",
			"I'm settled in my current role, so I'll pass on connecting for now.",
			"I'm not looking for new opportunities at the moment, so I won't connect this time.",
		},
	}
	declineDoor = []string{
		"If our paths cross through work, I'd be glad to revisit.",
		"Should we end up working together, I'm happy to reconsider.",
		"",
	}
	declineWish = []frame{
		{"All the best with your work at ", "."},
		{"Wishing you every success at ", "."},
		{"Good luck with everything at ", "."},
	}
	declineWishPlain = []string{
		"All the best.",
		"Wishing you every success.",
		"Good luck with everything.",
	}
)

// declineNote turns the invitation down politely: a thank-you, a reason
// that is about the user's own habits rather than the sender, and a good
// wish.
func declineNote(f *facts, cat linkvet.Category, seed uint64) string {
	reasons, ok := declineReason[cat]
	if !ok {
		reasons = declineReason[""]
	}
	wish := declineWishPlain[pick(seed, saltClose+30, len(declineWishPlain))]
	if f.company != "" {
		wish = declineWish[pick(seed, saltClose+30, len(declineWish))].with(f.company)
	}
	return sentences(
		greet(f.first, pick(seed, saltGreet+30, 3))+" "+declineOpen[pick(seed, saltOpen+30, len(declineOpen))],
		reasons[pick(seed, saltReason+30, len(reasons))],
		declineDoor[pick(seed, saltHook+30, len(declineDoor))],
		wish,
	)
}
