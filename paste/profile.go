package paste

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Lines in a profile's sections that are LinkedIn's, not the member's.
var profileNoise = regexp.MustCompile(`^(?:show all.*|see all.*|ver todo.*|tout afficher.*|alle .* anzeigen|mostrar tudo.*|exibir tudo.*|endorse|endorsed by .*|\d+ endorsements?|\d+ validaciones|\d+ recommandations?|\d+ bestatigungen|\d+ validacoes|.*skill assessment.*|\d+ experiences? (?:across|at) .*|skills: .*|aptitudes: .*|competences ?: .*|kenntnisse: .*|competencias: .*|grade: .*|nota: .*|activities and societies: .*|\+\d+ skills?|…see more|see more|show less|ver menos|voir moins|weniger anzeigen)$`)

var locationTail = regexp.MustCompile(`\s+·\s+(\S.*)$`)

func readProfile(ls []ln, res *Result) {
	p := &linkvet.Person{}
	res.Person = p
	// Split at headings; stop at suggestions of other people.
	type block struct {
		sec   section
		lines []ln
	}
	var intro []ln
	var blocks []block
	for _, l := range ls {
		s := sectionOf(l.f)
		if s == secStop {
			break
		}
		if s != secNone {
			blocks = append(blocks, block{sec: s})
			continue
		}
		if len(blocks) == 0 {
			intro = append(intro, l)
		} else {
			blocks[len(blocks)-1].lines = append(blocks[len(blocks)-1].lines, l)
		}
	}
	readIntro(intro, p, res)
	contactOverlay(ls, p)
	var topSkills []string
	for _, b := range blocks {
		var body []ln
		for _, l := range b.lines {
			if !profileNoise.MatchString(l.f) && !isNav(l.f) {
				body = append(body, l)
			}
		}
		switch b.sec {
		case secAbout:
			var parts []string
			for i := 0; i < len(body); i++ {
				// Since 2024 the About card ends with the top skills:
				// "Top skills" then "Go • Kafka • Data Modeling".
				if topSkillsWords[body[i].f] {
					for _, l := range body[i+1:] {
						for _, sk := range strings.Split(l.text, "•") {
							if sk = strings.TrimSpace(sk); sk != "" {
								topSkills = append(topSkills, sk)
							}
						}
					}
					break
				}
				s, _ := stripSeeMore(body[i].text)
				parts = append(parts, s)
			}
			p.About = strings.Join(parts, "\n")
		case secExperience:
			p.Experience = append(p.Experience, readExperience(body, res)...)
		case secEducation:
			p.Education = append(p.Education, readEducation(body)...)
		case secSkills:
			for _, l := range body {
				if !strings.Contains(l.f, " at ") && len([]rune(l.text)) <= 80 {
					p.Skills = append(p.Skills, l.text)
				}
			}
		case secLanguages:
			for i := 0; i < len(body); i++ {
				p.Languages = append(p.Languages, body[i].text)
				// The proficiency is on the line under the language.
				if i+1 < len(body) && isProficiency(body[i+1].f) {
					i++
				}
			}
		}
	}
	if len(p.Skills) == 0 {
		p.Skills = topSkills
	}
	for _, x := range p.Experience {
		if x.End == "" && x.Start != "" {
			p.Title, p.Company = x.Title, x.Company
			break
		}
	}
}

var topSkillsWords = set("Top skills", "Aptitudes principales", "Principales compétences", "Top-Kenntnisse",
	"Principais competências", "Competenze principali", "Belangrijkste vaardigheden")

var proficiencyRe = regexp.MustCompile(`(?:proficiency|bilingual|native|verhandlungssicher|competencia|nativo|bilingue|competence|langue maternelle|muttersprache|kenntnisse|fliessend|grundkenntnisse|competencia|fluente|basico|elementary|limited|professional|profesional|professionnelle|professionelle|profissional)`)

func isProficiency(f string) bool { return proficiencyRe.MatchString(f) }

// readIntro reads the top card: name, pronouns, degree, headline, location,
// followers and connections.
func readIntro(intro []ln, p *linkvet.Person, res *Result) {
	i := 0
	for i < len(intro) && (isNav(intro[i].f) || !plausibleName(stripPronouns(intro[i].text))) {
		i++
	}
	if i == len(intro) {
		if len(intro) > 0 {
			problem(res, intro[0], "no name found at the top of the profile")
		} else {
			res.Problems = append(res.Problems, linkvet.Problem{Line: 1, Reason: "no name found at the top of the profile"})
		}
		return
	}
	p.Name = stripPronouns(intro[i].text)
	for _, l := range intro[i+1:] {
		switch {
		case verifiedWords[l.f]:
			t := true
			p.Verified = &t
		case isNav(l.f), pronounRe.MatchString(l.text), degreeRe.MatchString(l.text), l.text == p.Name, l.f == "·":
		case contactRe.MatchString(l.text):
			if loc := strings.TrimSpace(contactRe.ReplaceAllString(l.text, "")); loc != "" {
				p.Location = loc
			}
		case followersRe.MatchString(l.text) || connRe.MatchString(l.text) && !strings.Contains(l.f, "mutual"):
			if m := followersRe.FindStringSubmatch(l.text); m != nil {
				p.Followers = count(m[1], m[2])
			}
			if m := connRe.FindStringSubmatch(l.text); m != nil && !strings.Contains(l.f, "mutual") {
				p.Connections = count(m[1], "")
			}
		case p.Headline == "":
			p.Headline = strings.TrimPrefix(l.text, "· ")
		case p.Location == "" && looksLikeLocationLine(l.text):
			// "Berlin, Germany" then "Contact info" on a line of its own.
			p.Location = l.text
		}
	}
	if p.Location != "" && p.Location == p.Headline {
		p.Location = ""
	}
}

// looksLikeLocationLine is the line before a lone "Contact info".
func looksLikeLocationLine(s string) bool {
	return strings.Count(s, ",") >= 1 && len(strings.Fields(s)) <= 8 && !strings.ContainsAny(s, "|@")
}

func stripPronouns(s string) string {
	if i := strings.LastIndex(s, "("); i > 0 && pronounRe.MatchString(strings.TrimSpace(s[i:])) {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// count reads "1,204", "1.204", "1 204", "12K"; nil when it is not a number.
func count(digits, mult string) *int {
	d := strings.NewReplacer(",", "", ".", "", " ", "", "\u202f", "").Replace(digits)
	n, err := strconv.Atoi(d)
	if err != nil || n < 0 {
		return nil
	}
	switch strings.ToLower(mult) {
	case "k":
		n *= 1000
	case "m":
		n *= 1000000
	}
	return &n
}

// companyType splits "Acme · Full-time" into the company and whether an
// employment type followed it.
func companyType(s string) (string, bool) {
	parts := strings.Split(s, " · ")
	if len(parts) >= 2 && employmentWords[fold.String(parts[len(parts)-1])] {
		return strings.Join(parts[:len(parts)-1], " · "), true
	}
	return s, false
}

// durationish is a company header's second line: "Full-time · 6 yrs 2
// mos", "6 yrs 2 mos".
func durationish(s string) bool {
	if _, _, ok := ParseDateRange(s); ok {
		return false
	}
	parts := strings.Split(s, " · ")
	return IsDuration(parts[len(parts)-1])
}

func readExperience(ls []ln, res *Result) []linkvet.Position {
	isDate := make([]bool, len(ls))
	for i, l := range ls {
		_, _, isDate[i] = ParseDateRange(l.text)
	}
	var out []linkvet.Position
	group := ""
	used := 0
	for d := range ls {
		if !isDate[d] {
			continue
		}
		start, end, _ := ParseDateRange(ls[d].text)
		pos := linkvet.Position{Start: start, End: end}
		t := d - 1
		if t < used {
			problem(res, ls[d], "dates %q without a title; skipped", ls[d].text)
			continue
		}
		// A group header ("Acme" then "Full-time · 6 yrs 2 mos") above.
		for h := used; h+1 < t+1 && h+1 < len(ls); h++ {
			if durationish(ls[h+1].text) && !isDate[h] {
				group = ls[h].text
			}
		}
		if employmentWords[ls[t].f] && t-1 >= used {
			t-- // "Full-time" alone under a grouped role's title
		}
		if c, typed := companyType(ls[t].text); typed && t-1 >= used {
			pos.Title, pos.Company = ls[t-1].text, c
			group = ""
		} else if group != "" && !durationish(ls[t].text) {
			pos.Title, pos.Company = ls[t].text, group
		} else if t-1 >= used && !durationish(ls[t-1].text) {
			pos.Title, pos.Company = ls[t-1].text, ls[t].text
		} else {
			pos.Title = ls[t].text
		}
		used = d + 1
		if n := d + 1; n < len(ls) && !isDate[n] && !(n+1 < len(ls) && isDate[n+1]) {
			nextTyped := false
			if n+1 < len(ls) {
				_, nextTyped = companyType(ls[n+1].text)
			}
			startsRole := n+2 < len(ls) && isDate[n+2] && (group == "" || nextTyped)
			if m := locationTail.FindStringSubmatch(ls[n].text); m != nil && workplaceWords[fold.String(m[1])] {
				pos.Location = strings.TrimSpace(ls[n].text[:len(ls[n].text)-len(m[0])])
				used = n + 1
			} else if workplaceWords[ls[n].f] {
				used = n + 1
			} else if !startsRole && looksLikeLocationLine(ls[n].text) && !strings.HasSuffix(ls[n].text, ".") {
				pos.Location = ls[n].text
				used = n + 1
			}
		}
		out = append(out, pos)
	}
	return out
}

func readEducation(ls []ln) []linkvet.Education {
	var out []linkvet.Education
	used := 0
	for y, l := range ls {
		start, end, ok := ParseDateRange(l.text)
		if !ok {
			continue
		}
		e := linkvet.Education{Start: start, End: end}
		switch {
		case y-2 >= used:
			e.School, e.Degree = ls[y-2].text, ls[y-1].text
		case y-1 >= used:
			e.School = ls[y-1].text
		default:
			continue
		}
		// Years as YYYY: schools show years, and a month is noise here.
		e.Start, e.End = year(e.Start), year(e.End)
		out = append(out, e)
		used = y + 1
		// Skip the description under it up to the next school: a school is
		// the line two above the next years line, handled by used.
		for k := y + 1; k < len(ls); k++ {
			if _, _, ok := ParseDateRange(ls[k].text); ok {
				used = max(used, k-2)
				break
			}
		}
	}
	return out
}

func year(s string) string {
	if len(s) > 4 {
		return s[:4]
	}
	return s
}

var (
	profileURLRe = regexp.MustCompile(`(?i)(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/[^\s/?#]+`)
	emailRe      = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`)
)

// contactOverlay reads the profile address and e-mail addresses, which a
// copy holds when it was made with the "Contact info" dialog open.
func contactOverlay(ls []ln, p *linkvet.Person) {
	for _, l := range ls {
		if !strings.Contains(l.f, "linkedin.com/") && !strings.Contains(l.text, "@") {
			continue // the regexps below are costly on every line
		}
		if m := profileURLRe.FindString(l.text); m != "" && p.ProfileURL == "" {
			u := m
			if !strings.Contains(u, "://") {
				u = "https://" + u
			}
			if strings.HasPrefix(strings.ToLower(u), "https://linkedin.com") {
				u = "https://www." + u[len("https://"):]
			}
			p.ProfileURL = u
		}
		for _, e := range emailRe.FindAllString(l.text, -1) {
			if !slices.Contains(p.Emails, e) {
				p.Emails = append(p.Emails, e)
			}
		}
	}
}

// plausibleName is the looser test for the first line of a profile, where
// names carry credentials ("Jane Doe, MBA") and emoji.
func plausibleName(s string) bool {
	if s == "" || len([]rune(s)) > 80 || len(strings.Fields(s)) > 9 {
		return false
	}
	return !strings.ContainsAny(s, "0123456789|@")
}
