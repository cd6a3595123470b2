package outreach

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Severities of a ProfileFinding.
const (
	ProfileMissing  = "missing"  // the profile lacks it
	ProfileWeak     = "weak"     // there, but thin
	ProfileQuestion = "question" // linkvet cannot see it: the user should look
)

// ProfileFinding is one thing the user's profile lacks, with what to do.
type ProfileFinding struct {
	Field      string `json:"field"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// Thresholds of ProfileFindings.
const (
	MinSkills        = 5   // fewer skills is a weak profile
	MinSummaryRunes  = 200 // a shorter About says little
	MinHeadlineWords = 3
	maxHeadlineRunes = 220 // LinkedIn's limit
	maxSummaryRunes  = 2600
)

// ProfileFindings says what the user's profile lacks or has thin, each
// with a concrete suggestion (seed 002: a complete, detailed profile with
// a professional photo makes invitations welcome). partial is set when the
// profile comes from the store's summary rather than the export itself:
// the About text and the dates of positions are then unknown, and asked
// about rather than reported missing. The photo is always a question: the
// export does not include it.
func ProfileFindings(p linkvet.Profile, partial bool) []ProfileFinding {
	var out []ProfileFinding
	add := func(field, sev, msg, fix string) {
		out = append(out, ProfileFinding{Field: field, Severity: sev, Message: msg, Suggestion: fix})
	}
	headline := strings.TrimSpace(p.Headline)
	switch words := len(fold.Fields(headline)); {
	case headline == "":
		add("headline", ProfileMissing, "Your profile has no headline.",
			"Write one line on what you do and for whom, such as \"Platform engineer at Lumen Freight: deploys, Kubernetes, on-call\".")
	case words < MinHeadlineWords:
		add("headline", ProfileWeak, fmt.Sprintf("Your headline (%q) is %d word%s; it is the line people see next to your invitation.", headline, words, plural(words)),
			"Add your role, your company or field, and one thing you are known for.")
	case utf8.RuneCountInString(headline) > maxHeadlineRunes:
		add("headline", ProfileWeak, fmt.Sprintf("Your headline is %d characters; LinkedIn shows at most %d.", utf8.RuneCountInString(headline), maxHeadlineRunes),
			"Shorten it to the role and the one thing you are known for.")
	}
	summary := strings.TrimSpace(p.Summary)
	switch n := utf8.RuneCountInString(summary); {
	case summary == "" && partial:
		add("summary", ProfileQuestion, "linkvet cannot see your About text from the stored profile.",
			"Run linkvet profile check with the path of your LinkedIn export to check it.")
	case summary == "":
		add("summary", ProfileMissing, "Your profile has no About text.",
			"Write three or four sentences: what you work on, what you are good at, and what you would like to talk about.")
	case n < MinSummaryRunes:
		add("summary", ProfileWeak, fmt.Sprintf("Your About text is %d characters; it says little about you.", n),
			fmt.Sprintf("Expand it to at least %d characters: your focus, one or two results, and what you are looking for.", MinSummaryRunes))
	case n > maxSummaryRunes:
		add("summary", ProfileWeak, fmt.Sprintf("Your About text is %d characters, over LinkedIn's limit of %d.", n, maxSummaryRunes),
			"Cut it to the essentials; people read the first lines.")
	}
	current := 0
	untitled := ""
	for _, x := range p.Positions {
		if x.End == "" {
			current++
			if strings.TrimSpace(x.Title) == "" && untitled == "" {
				untitled = x.Company
			}
		}
	}
	switch {
	case len(p.Positions) == 0:
		add("positions", ProfileMissing, "Your profile lists no positions.",
			"Add your current role with its title and company, and the previous ones that matter.")
	case partial:
		// The stored summary keeps employers without dates: nothing to say
		// about which one is current.
	case current == 0:
		add("positions", ProfileMissing, "None of your positions is current: people cannot see what you do now.",
			"Add your current role, or a line such as \"Open to work\" with the kind of role you want.")
	case untitled != "":
		add("positions", ProfileWeak, fmt.Sprintf("Your current position at %s has no title.", untitled),
			"Add the title, so that people see your role at a glance.")
	}
	switch n := len(p.Skills); {
	case n == 0:
		add("skills", ProfileMissing, "Your profile lists no skills.",
			fmt.Sprintf("Add at least %d skills you want to be found for.", MinSkills))
	case n < MinSkills:
		add("skills", ProfileWeak, fmt.Sprintf("Your profile lists %d skill%s; fewer than %d looks unfinished.", n, plural(n), MinSkills),
			fmt.Sprintf("Add %d more that you use in your work.", MinSkills-n))
	}
	if len(p.Education) == 0 {
		add("education", ProfileMissing, "Your profile lists no education.",
			"Add your school or university, or a course or certification: shared schools are common ground for invitations.")
	}
	if strings.TrimSpace(p.Industry) == "" {
		add("industry", ProfileWeak, "Your profile names no industry.",
			"Choose your industry: people in the same field are the likeliest to accept.")
	}
	if strings.TrimSpace(p.Location) == "" {
		add("location", ProfileWeak, "Your profile names no location.",
			"Add your city or region: people nearby are more likely to connect.")
	}
	add("photo", ProfileQuestion, "Does your profile have a professional photo? The export does not include it.",
		"Use a recent, well-lit headshot with your face clearly visible; profiles without a photo look unfinished or fake.")
	return out
}

// ProfileFromMe builds the profile the store knows (linkvet.Me) for
// ProfileFindings with partial set: employers become positions without
// titles or dates, schools become education.
func ProfileFromMe(me linkvet.Me) linkvet.Profile {
	p := linkvet.Profile{Name: me.Name, Headline: me.Headline, Location: me.Location, Skills: me.Skills}
	if len(me.Industries) > 0 {
		p.Industry = me.Industries[0]
	}
	for _, c := range me.Companies {
		p.Positions = append(p.Positions, linkvet.Position{Company: c})
	}
	for _, s := range me.Schools {
		p.Education = append(p.Education, linkvet.Education{School: s})
	}
	return p
}
