package outreach

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/policy"
)

// Advice is what CheckTarget recommends.
type Advice string

const (
	Send            Advice = "send"             // invite, with the note
	AskIntroduction Advice = "ask_introduction" // ask a mutual connection to introduce you
	DontSend        Advice = "dont_send"        // not this person, or not now
)

// Question is one of seed 000's three questions before inviting someone,
// with the answer linkvet found and its evidence.
type Question struct {
	Question string `json:"question"`
	Yes      bool   `json:"yes"`
	Evidence string `json:"evidence"`
}

// Check is CheckTarget's answer.
type Check struct {
	ID     string `json:"id"`
	Advice Advice `json:"advice"`
	// Introducer is the mutual connection best placed to introduce the
	// user, when one is known by name.
	Introducer string           `json:"introducer,omitempty"`
	Score      int              `json:"score"`
	Reasons    []linkvet.Reason `json:"reasons"`
	Questions  []Question       `json:"questions"`
	// Note is the linter's verdict on the note, when there is one.
	Note *compose.LintResult `json:"note,omitempty"`
	// Previous is the user's earlier invitation to the same person.
	Previous *Tracked `json:"previous,omitempty"`
	// Next says in one sentence what to do now.
	Next string `json:"next"`
}

// Rule names of Check.Reasons.
const (
	RuleBlocked           = "blocked"
	RuleAlreadyConnected  = "already_connected"
	RuleAlreadyPending    = "already_pending"
	RuleDeclinedBefore    = "declined_before"
	RuleIgnoredBefore     = "ignored_before"
	RuleWithdrawnRecently = "withdrawn_recently"
	RuleWeeklyBudget      = "weekly_budget"
	RuleSelling           = "selling"
	RuleKnowsThem         = "knows_them"
	RuleMutuals           = "mutual_connections"
	RuleInteraction       = "indirect_interaction"
	RuleCommonGround      = "common_ground"
	RuleNothingShared     = "nothing_shared"
	RuleCompanyInterest   = "company_interest"
	RuleReason            = "professional_reason"
	RuleNoReason          = "no_reason"
	RuleTitleTargeting    = "title_targeting"
	RulePersonalNote      = "personal_note"
	RuleWeakNote          = "weak_note"
	RuleNoNote            = "no_note"
	RuleNotesUsedUp       = "monthly_notes_used"
)

// refusals are the rules that make the advice dont_send whatever else
// speaks for the person.
var refusals = []string{RuleBlocked, RuleAlreadyConnected, RuleAlreadyPending, RuleDeclinedBefore,
	RuleIgnoredBefore, RuleWithdrawnRecently, RuleWeeklyBudget, RuleSelling}

// CheckTarget vets the person of target (an invitation the user means to
// send; its Message is the note) before the user invites them. reason is
// why the user wants to connect, in their words; it may be empty. lang is
// the language to read the note in (a BCP 47 tag, as compose.LintIn
// takes it; "" detects it). s is the store's state: earlier invitations,
// known people, the week's sending.
// The checks and the advice are described in the package doc.
func CheckTarget(target *linkvet.Invitation, reason, lang string, s State, p *policy.Policy, now time.Time) Check {
	if p == nil {
		p = policy.Default()
	}
	var inv linkvet.Invitation
	if target != nil {
		inv = *target
	}
	c := Check{ID: inv.ID}
	add := func(rule string, points int, format string, args ...any) {
		c.Reasons = append(c.Reasons, linkvet.Reason{Rule: rule, Points: points, Detail: fmt.Sprintf(format, args...)})
		c.Score += points
	}
	who := name(inv.Person)

	// Refusals: the history with this person, the policy, the budget.
	if ok, entry := p.IsBlocked(&inv); ok {
		add(RuleBlocked, -100, "%s is on your blocked list (%s)", who, entry)
	}
	known := index(s.Known, persons(s.Invitations, linkvet.Outgoing, inv.Person), inv.MutualNames)
	tracked := trackAll(s, p, now, known)
	for i := len(tracked) - 1; i >= 0; i-- {
		t := tracked[i]
		if t.ID == inv.ID && inv.ID != "" || samePerson(t.Person, inv.Person) {
			c.Previous = &t
			break
		}
	}
	if k, ok := known.find(inv.Person, isConnection); ok && (c.Previous == nil || c.Previous.Status != StatusAccepted) {
		since := ""
		if !k.Since.IsZero() {
			since = " since " + day(k.Since)
		}
		add(RuleAlreadyConnected, -100, "%s is already one of your connections%s", who, since)
	}
	if prev := c.Previous; prev != nil {
		if blocks, why := prev.Blocks(now); blocks {
			rule := map[Status]string{StatusPending: RuleAlreadyPending, StatusAccepted: RuleAlreadyConnected,
				StatusDeclined: RuleDeclinedBefore, StatusIgnored: RuleIgnoredBefore, StatusWithdrawn: RuleWithdrawnRecently}[prev.Status]
			add(rule, -100, "%s", why)
		}
	}
	plan := planFrom(tracked, p, now)
	if plan.WeeklyBudget > 0 && plan.LeftThisWeek == 0 {
		add(RuleWeeklyBudget, -30, "you sent %d invitations in the last 7 days, your budget is %d; the next slot opens on %s",
			plan.SentThisWeek, plan.WeeklyBudget, plan.NextSlot.Format("2006-01-02 15:04"))
	}
	reasonToks := fold.Fields(reason)
	if hits := sellingMatcher.FindPhrases(reasonToks); len(hits) > 0 {
		add(RuleSelling, -25, "your reason is to sell (%q): pitching in an invitation is rarely welcome; connect over something shared and talk business later", hits[0])
	}

	// Seed 002's signs for sending.
	knows := knowsThem(&inv, known, p)
	if knows != "" {
		add(RuleKnowsThem, 30, "you know %s: %s", who, knows)
	}
	mutual := 0
	if inv.MutualConnections != nil {
		mutual = *inv.MutualConnections
	}
	mutual = max(mutual, len(inv.MutualNames))
	switch {
	case mutual >= p.MinMutual && mutual > 0:
		add(RuleMutuals, 15, "%d mutual connections (at least %d)%s", mutual, p.MinMutual, namesDetail(inv.MutualNames))
	case mutual > 0:
		add(RuleMutuals, 5, "%d mutual connection%s (fewer than %d)%s", mutual, plural(mutual), p.MinMutual, namesDetail(inv.MutualNames))
	}
	var interactions []string
	for _, k := range []string{linkvet.AttendedSameEvent, linkvet.EngagedWithYourContent, linkvet.FollowsYou, linkvet.ViewedYourProfile} {
		if inv.HasInteraction(k) {
			interactions = append(interactions, strings.ReplaceAll(k, "_", " "))
		}
	}
	if len(interactions) > 0 {
		add(RuleInteraction, 10, "you have crossed paths: %s", strings.Join(interactions, ", "))
	}
	shared := commonGround(&inv, p.Me)
	if len(shared) > 0 {
		add(RuleCommonGround, 10, "you share %s", strings.Join(shared[:min(3, len(shared))], ", "))
	}
	direct := knows != "" || len(interactions) > 0 || len(shared) > 0
	if !direct && mutual == 0 {
		add(RuleNothingShared, -20, "nothing shared with %s: no mutual connections, groups, schools, companies, interests or earlier contact; an unprompted invitation reads as spam", who)
	}
	company := inv.Person.Company
	if company == "" {
		company = currentCompany(inv.Person)
	}
	companyInterest := company != "" && fold.ContainsPhrase(reason, company) || companyMatcher.Any(reasonToks)
	if companyInterest {
		add(RuleCompanyInterest, 10, "you want to learn about their company%s", ifSet(" ("+company+")", company != ""))
	}

	// Why this person: the user's reason.
	titleOnly := titleTargeting(reason, reasonToks, inv.Person)
	specificReason := false
	switch {
	case len(reasonToks) == 0:
		if knows == "" {
			add(RuleNoReason, -10, "no reason given: say why this person in particular (--reason)")
		}
	case titleOnly && !direct && !companyInterest:
		add(RuleTitleTargeting, -15, "the reason is their seniority or job title; inviting people for their title alone is seen as mass outreach")
	case genericMatcher.Any(reasonToks) && len(reasonToks) < 8:
		add(RuleNoReason, -10, "the reason (%q) would fit anyone; name what about this person makes you want to connect", capText(reason, 60))
	case len(reasonToks) >= 4 && !sellingMatcher.Any(reasonToks):
		specificReason = true
		add(RuleReason, 15, "a specific reason: %q", capText(reason, 80))
	default:
		add(RuleNoReason, -5, "the reason (%q) is thin; one sentence on what you want to talk about helps", capText(reason, 60))
	}

	// The note.
	personal := false
	notesLeft := !plan.FreeAccount || plan.MonthlyNotes == 0 || plan.NotesLeft > 0
	if strings.TrimSpace(inv.Message) == "" {
		add(RuleNoNote, -15, "no note: generic invitations are the ones that get ignored")
		if !notesLeft {
			add(RuleNotesUsedUp, 0, "your %d personalised notes for this month are used up (free account); they come back on %s",
				plan.MonthlyNotes, day(plan.NotesReset))
		}
	} else {
		lr := compose.LintIn(lang, inv.Message, &inv, p.Me, p.Outreach.NoteLimit)
		c.Note = &lr
		personal = lr.OK && !hasFinding(lr, compose.RuleNoContext) && !hasFinding(lr, compose.RuleDefaultText)
		switch {
		case personal:
			add(RulePersonalNote, 10, "the note is personal (lint score %d)%s", lr.Score,
				ifSet("; it could still say what connecting brings to both", hasFinding(lr, compose.RuleNoBenefit)))
		default:
			add(RuleWeakNote, -10, "the note needs work (lint score %d): %s", lr.Score, firstProblem(lr))
		}
		if hasFinding(lr, compose.RuleSalesPitch) && !slices.ContainsFunc(c.Reasons, func(r linkvet.Reason) bool { return r.Rule == RuleSelling }) {
			add(RuleSelling, -25, "the note pitches something; leave the offer out of the invitation")
		}
		if !notesLeft {
			add(RuleNotesUsedUp, -5, "your %d personalised notes for this month are used up (free account): this one would go without its note until %s",
				plan.MonthlyNotes, day(plan.NotesReset))
		}
	}

	why := specificReason || companyInterest || knows != "" || personal && c.Note != nil && !hasFinding(*c.Note, compose.RuleNotSpecific)
	share := direct || mutual > 0
	c.Questions = []Question{
		{Question: "Can you say why you want to connect with this person in particular?", Yes: why, Evidence: evidence(c.Reasons, why,
			[]string{RuleKnowsThem, RuleReason, RuleCompanyInterest, RulePersonalNote}, []string{RuleTitleTargeting, RuleNoReason})},
		{Question: "Do you share connections, groups, interests or history you can mention?", Yes: share, Evidence: evidence(c.Reasons, share,
			[]string{RuleKnowsThem, RuleCommonGround, RuleInteraction, RuleMutuals}, []string{RuleNothingShared})},
		{Question: "Is your note personal, with context on why you want to connect?", Yes: personal, Evidence: evidence(c.Reasons, personal,
			[]string{RulePersonalNote}, []string{RuleNoNote, RuleWeakNote})},
	}

	c.Introducer = introducer(&inv, known)
	refused := slices.ContainsFunc(c.Reasons, func(r linkvet.Reason) bool { return slices.Contains(refusals, r.Rule) })
	switch {
	case refused:
		c.Advice = DontSend
		c.Next = refusalNext(&c, who)
	case why && share && personal:
		c.Advice = Send
		c.Next = "Send it, with the note. An invitation cannot be deleted once sent, only withdrawn; follow up once " + who + " accepts."
	case knows != "":
		c.Advice = Send
		c.Next = "Send it: you know " + who + "." + ifSet(" A line on where you met still helps: linkvet note draft.", !personal)
	case mutual > 0 && (!why || !direct):
		c.Advice = AskIntroduction
		if c.Introducer != "" {
			c.Next = "Ask " + c.Introducer + ", your mutual connection, to introduce you; invite " + who + " once you have talked."
		} else {
			c.Next = fmt.Sprintf("Ask one of your %d mutual connections to introduce you; invite %s once you have talked.", mutual, who)
		}
	case why && share:
		c.Advice = DontSend
		c.Next = "Not yet: write a personal note first (linkvet note draft --to FILE), then check again."
	default:
		c.Advice = DontSend
		c.Next = "Don't send: without a reason and something shared the invitation reads as spam. Meet " + who + " through a group, an event or a mutual connection first."
	}
	return c
}

// refusalNext says what to do instead of a refused invitation.
func refusalNext(c *Check, who string) string {
	has := func(rule string) bool {
		return slices.ContainsFunc(c.Reasons, func(r linkvet.Reason) bool { return r.Rule == rule })
	}
	switch {
	case has(RuleBlocked):
		return "Don't send: " + who + " is on your blocked list."
	case has(RuleAlreadyConnected):
		return "Nothing to send: you are already connected. Send a message instead."
	case has(RuleAlreadyPending):
		msg := "Don't send again: the invitation is still pending. It cannot be deleted on their side; you can only withdraw it (linkvet outreach withdraw " + c.Previous.ID + ")."
		if c.Previous.SuggestWithdraw {
			msg += " It has waited " + strconv.Itoa(c.Previous.AgeDays) + " days: withdrawing it is reasonable."
		}
		return msg
	case has(RuleDeclinedBefore), has(RuleIgnoredBefore):
		if c.Introducer != "" {
			return "Don't invite again. If the connection matters, ask " + c.Introducer + ", your mutual connection, for an introduction."
		}
		return "Don't invite again; connect in other ways, such as through a mutual connection or a group."
	case has(RuleWithdrawnRecently):
		return "Not yet: you can invite again from " + day(c.Previous.ReinviteAt) + "."
	case has(RuleWeeklyBudget):
		return "Not now: your weekly budget is spent. See linkvet outreach plan."
	case has(RuleSelling):
		return "Don't send a pitch as an invitation: connect over something you share, and talk business once there is a conversation."
	}
	return "Don't send."
}

// knowsThem says how the user knows the person, "" when they don't.
func knowsThem(inv *linkvet.Invitation, known *people, p *policy.Policy) string {
	if ok, entry := p.IsKnown(inv); ok {
		return "on your known list (" + entry + ")"
	}
	if inv.HasInteraction(linkvet.MetInPerson) {
		return "you met in person"
	}
	if inv.HasInteraction(linkvet.MessagedBefore) {
		return "you have messaged before"
	}
	if k, ok := known.find(inv.Person, anyone); ok {
		return "they are among your " + strings.Join(k.Sources, ", ") + " records"
	}
	return ""
}

// commonGround lists what the user shares with the person: what the
// invitation says, and what comparing the person's profile with me finds.
func commonGround(inv *linkvet.Invitation, me linkvet.Me) []string {
	var out []string
	seen := map[string]bool{}
	add := func(kind, item string) {
		f := fold.String(item)
		if f == "" || seen[f] {
			return
		}
		seen[f] = true
		out = append(out, kind+" "+strings.TrimSpace(item))
	}
	sh := inv.Shared
	for _, list := range []struct {
		kind  string
		items []string
	}{{"the company", sh.Companies}, {"the school", sh.Schools}, {"the group", sh.Groups}, {"the event", sh.Events}, {"an interest in", sh.Interests}} {
		for _, it := range list.items {
			add(list.kind, it)
		}
	}
	companies := []string{inv.Person.Company}
	for _, x := range inv.Person.Experience {
		companies = append(companies, x.Company)
	}
	for _, c := range companies {
		if containsFolded(me.Companies, c) {
			add("the company", c)
		}
	}
	for _, e := range inv.Person.Education {
		if containsFolded(me.Schools, e.School) {
			add("the school", e.School)
		}
	}
	for _, sk := range inv.Person.Skills {
		if containsFolded(me.Interests, sk) || containsFolded(me.Skills, sk) {
			add("an interest in", sk)
		}
	}
	if inv.Person.Industry != "" && containsFolded(me.Industries, inv.Person.Industry) {
		add("the industry", inv.Person.Industry)
	}
	return out
}

func containsFolded(list []string, s string) bool {
	f := fold.String(s)
	if f == "" {
		return false
	}
	for _, x := range list {
		if fold.String(x) == f {
			return true
		}
	}
	return false
}

// currentCompany is the company of the person's current position.
func currentCompany(p linkvet.Person) string {
	for _, x := range p.Experience {
		if x.End == "" && x.Company != "" {
			return x.Company
		}
	}
	return ""
}

// introducer picks the mutual connection best placed to introduce the
// user: one who works or worked where the person does, else the first
// one LinkedIn lists.
func introducer(inv *linkvet.Invitation, known *people) string {
	if len(inv.MutualNames) == 0 {
		return ""
	}
	companies := []string{inv.Person.Company}
	for _, x := range inv.Person.Experience {
		companies = append(companies, x.Company)
	}
	for _, m := range inv.MutualNames {
		if _, ok := known.named(m, func(k *linkvet.KnownPerson) bool { return containsFolded(companies, k.Company) }); ok {
			return m
		}
	}
	for _, m := range inv.MutualNames {
		if strings.TrimSpace(m) != "" {
			return strings.TrimSpace(m)
		}
	}
	return ""
}

// titleTargeting reports whether the reason is about the person's
// seniority or title rather than about them.
func titleTargeting(reason string, toks []string, p linkvet.Person) bool {
	if len(toks) == 0 {
		return false
	}
	if seniorityMatcher.Any(toks) {
		return true
	}
	for _, t := range []string{p.Title, p.Headline} {
		if ft := fold.String(t); ft != "" && fold.String(reason) == ft {
			return true
		}
	}
	return false
}

func hasFinding(lr compose.LintResult, rule string) bool {
	return slices.ContainsFunc(lr.Findings, func(f compose.Finding) bool { return f.Rule == rule })
}

// firstProblem is the most severe finding, with its fix.
func firstProblem(lr compose.LintResult) string {
	for _, sev := range []string{compose.SeverityError, compose.SeverityWarning, compose.SeverityInfo} {
		for _, f := range lr.Findings {
			if f.Severity == sev {
				return f.Message + " " + f.Fix
			}
		}
	}
	return "see linkvet note check"
}

// evidence joins the details of the reasons that answered a question.
func evidence(reasons []linkvet.Reason, yes bool, pro, con []string) string {
	want := con
	if yes {
		want = pro
	}
	var parts []string
	for _, r := range reasons {
		if slices.Contains(want, r.Rule) {
			parts = append(parts, r.Detail)
		}
	}
	if len(parts) == 0 {
		if yes {
			return "yes"
		}
		return "nothing found"
	}
	return strings.Join(parts, "; ")
}

func namesDetail(names []string) string {
	var kept []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			kept = append(kept, n)
		}
	}
	if len(kept) == 0 {
		return ""
	}
	if len(kept) > 3 {
		kept = append(kept[:3:3], "...")
	}
	return ", including " + strings.Join(kept, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func ifSet(s string, ok bool) string {
	if ok {
		return s
	}
	return ""
}

// capText shortens user text quoted in a reason.
func capText(s string, n int) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Phrase lists, folded and matched as whole words.
var (
	sellingMatcher = fold.NewMatcher([]string{
		"sell", "selling", "sell to", "sales pitch", "book a demo", "a demo of", "our product", "our service",
		"our services", "our solution", "our platform", "pricing", "discount", "prospect", "prospecting",
		"lead generation", "new clients", "new customers", "potential client", "potential customer",
		"offer them", "book a call", "close a deal",
	})
	genericMatcher = fold.NewMatcher([]string{
		"networking", "expand my network", "grow my network", "grow my connections", "more connections",
		"add you to my network", "connect with everyone", "500 connections", "reach 500",
	})
	seniorityMatcher = fold.NewMatcher([]string{
		"ceo", "cto", "cfo", "coo", "cio", "cmo", "vp", "vice president", "svp", "evp", "director",
		"head of", "founder", "cofounder", "co founder", "chief", "executive", "executives",
		"decision maker", "decision makers", "c level", "c suite", "senior leader", "senior leaders",
		"managing director", "partner at",
	})
	companyMatcher = fold.NewMatcher([]string{
		"your company", "your team", "your employer", "your organisation", "your organization",
		"work at", "working at", "join your", "joining your", "apply to", "applying to", "applying at",
	})
)
