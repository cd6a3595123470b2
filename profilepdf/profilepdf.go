// Package profilepdf reads the PDF that LinkedIn makes of a profile (More →
// Save to PDF) into a linkvet.Person.
//
// # Model
//
// The PDF is read as text runs with their position and font size
// (github.com/ledongthuc/pdf); nothing depends on fonts being embedded in
// a particular way, since a run's start is reliable even where glyph widths
// are not. Footers ("Page 2 of 3", "Seite 2 von 3", "Page2") are dropped.
//
// Since 2019 a profile PDF has two columns: a narrow left one (Contact, Top
// Skills, Languages, Certifications, Honors-Awards, Publications, Patents)
// and a wide right one (the name in the largest type, the headline, the
// location, then Summary, Experience and Education). The name's left edge is
// the right column's; anything starting clearly left of it is the left
// column. Before 2019 there was one column, with "Title at Company" lines.
//
// Headings are recognised by their words in English, Spanish, French,
// German, Portuguese, Italian and Dutch; a line set in the same size as the
// recognised headings but with unknown words is reported and its section
// skipped. Inside Experience, every date range ("September 2018 - Present
// (2 years 3 months)") anchors a role: the line above is the title, and the
// line above that is the company, unless it is a length of time alone (the
// total of a company with several roles, whose name is then one line
// higher) or text set like a description (the next role of the same
// company). Type sizes decide between company and description when the PDF
// sets them apart, as LinkedIn's does.
//
// Everything not understood is reported as a problem with its page
// (linkvet.Problem.Line holds the page number); nothing is guessed.
package profilepdf

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
	"github.com/linkvet/linkvet/paste"
)

// MaxPages caps the pages read; a profile runs to a handful.
const MaxPages = 40

// Read reads a profile PDF of the given size. Problems carry the page
// number in Line and leave File empty for the caller to fill. The error is
// a *linkvet.Error with code EINVALID when r is not a readable PDF or holds
// no text.
func Read(r io.ReaderAt, size int64) (p linkvet.Person, problems []linkvet.Problem, err error) {
	defer func() {
		// The PDF library panics on some malformed files.
		if x := recover(); x != nil {
			p, problems, err = linkvet.Person{}, nil, linkvet.Errorf(linkvet.EINVALID, "not a readable PDF (%v)", x)
		}
	}()
	rd, err := pdf.NewReader(r, size)
	if err != nil {
		return p, nil, linkvet.Errorf(linkvet.EINVALID, "not a readable PDF (%v)", err)
	}
	n := rd.NumPage()
	if n > MaxPages {
		problems = append(problems, linkvet.Problem{Line: MaxPages + 1, Reason: fmt.Sprintf("the PDF has %d pages; only the first %d were read", n, MaxPages)})
		n = MaxPages
	}
	var frags []frag
	for i := 1; i <= n; i++ {
		fs, err := pageFrags(rd.Page(i), i)
		if err != nil {
			problems = append(problems, linkvet.Problem{Line: i, Reason: err.Error()})
			continue
		}
		for _, f := range fs {
			if !isFooter(f) {
				frags = append(frags, f)
			}
		}
	}
	if len(frags) == 0 {
		return p, problems, linkvet.Errorf(linkvet.EINVALID, "the PDF holds no text (a scanned image?)")
	}
	d := newDoc(frags)
	p, more := d.person()
	return p, append(problems, more...), nil
}

var footerRe = regexp.MustCompile(`^\p{L}+\s*\d+(\s*(\p{L}+|/)\s*\d+)?$`)

func isFooter(f frag) bool {
	return f.y < 60 && footerRe.MatchString(f.text)
}

// doc is a profile's text split into columns.
type doc struct {
	left    []line // empty in the one-column layout
	right   []line // the whole text in the one-column layout
	oneCol  bool
	problem []linkvet.Problem
}

func newDoc(frags []frag) *doc {
	d := &doc{}
	// The name: the largest type on the first page that has text.
	first := frags[0].page
	var nameFrag frag
	for _, f := range frags {
		if f.page == first && f.size > nameFrag.size+0.1 {
			nameFrag = f
		}
	}
	split := nameFrag.x - 12
	d.oneCol = true
	for _, f := range frags {
		if f.x < split && nameFrag.x > 60 {
			d.oneCol = false
			break
		}
	}
	var pages [][]frag
	for _, f := range frags {
		for len(pages) < f.page {
			pages = append(pages, nil)
		}
		pages[f.page-1] = append(pages[f.page-1], f)
	}
	for _, fs := range pages {
		var l, r []frag
		for _, f := range fs {
			if !d.oneCol && f.x < split {
				l = append(l, f)
			} else {
				r = append(r, f)
			}
		}
		d.left = append(d.left, toLines(l)...)
		d.right = append(d.right, toLines(r)...)
	}
	return d
}

func (d *doc) report(page int, format string, args ...any) {
	d.problem = append(d.problem, linkvet.Problem{Line: page, Reason: fmt.Sprintf(format, args...)})
}

// block is the lines of one section.
type block struct {
	sec     section
	heading string
	lines   []line
}

// sections splits lines at their headings. Headings are lines whose words
// name a section; their type size then marks unknown headings too.
func (d *doc) sections(lines []line, skip int) (head []line, blocks []block) {
	var sizes []float64
	for _, l := range lines[skip:] {
		if headingOf(l.text) != secNone {
			sizes = append(sizes, l.size)
		}
	}
	hsize := mode(sizes)
	isHeading := func(l line) bool {
		if s := headingOf(l.text); s != secNone {
			return hsize == 0 || math.Abs(l.size-hsize) < 0.6 || l.size > hsize
		}
		return hsize > 0 && math.Abs(l.size-hsize) < 0.3 && len([]rune(l.text)) < 50
	}
	for i := skip; i < len(lines); i++ {
		l := lines[i]
		if isHeading(l) {
			// A heading wrapped over lines of its size ("Principales" +
			// "compétences").
			text := l.text
			for i+1 < len(lines) && headingOf(text) == secNone && math.Abs(lines[i+1].size-l.size) < 0.1 && lines[i+1].page == l.page {
				i++
				text += " " + lines[i].text
			}
			b := block{sec: headingOf(text), heading: text}
			if b.sec == secNone {
				d.report(l.page, "section %q not understood; skipped", text)
			}
			blocks = append(blocks, b)
			continue
		}
		if len(blocks) == 0 {
			head = append(head, l)
		} else {
			blocks[len(blocks)-1].lines = append(blocks[len(blocks)-1].lines, l)
		}
	}
	return head, blocks
}

// mode returns the most common size (rounded to tenths), 0 for none.
func mode(sizes []float64) float64 {
	count := map[float64]int{}
	best, bestN := 0.0, 0
	for _, s := range sizes {
		k := math.Round(s*10) / 10
		count[k]++
		if n := count[k]; n > bestN || n == bestN && k > best {
			best, bestN = k, n
		}
	}
	return best
}

func (d *doc) person() (linkvet.Person, []linkvet.Problem) {
	var p linkvet.Person
	if len(d.right) == 0 {
		d.report(1, "no name found")
		return p, d.problem
	}
	// The name, possibly wrapped over lines of the same size.
	nameSize := 0.0
	start := 0
	for i, l := range d.right {
		if l.page == d.right[0].page && l.size > nameSize+0.1 {
			nameSize, start = l.size, i
		}
	}
	end := start + 1
	for end < len(d.right) && math.Abs(d.right[end].size-nameSize) < 0.1 && end-start < 3 {
		end++
	}
	var name []string
	for _, l := range d.right[start:end] {
		name = append(name, l.text)
	}
	p.Name = strings.Join(name, " ")
	head, blocks := d.sections(d.right, end)
	if len(blocks) == 0 {
		d.report(d.right[0].page, "no section headings found; is this a LinkedIn profile PDF?")
	}
	if d.oneCol {
		head = d.contact(&p, head, true)
	}
	d.header(&p, head)
	if !d.oneCol {
		lhead, lblocks := d.sections(d.left, 0)
		for _, l := range lhead {
			d.report(l.page, "left column text %q outside any section; skipped", l.text)
		}
		blocks = append(lblocks, blocks...)
	}
	for _, b := range blocks {
		switch b.sec {
		case secContact:
			d.contact(&p, b.lines, false)
		case secSkills:
			p.Skills = append(p.Skills, joinParens(b.lines)...)
		case secLanguages:
			for _, s := range joinParens(b.lines) {
				if i := strings.Index(s, "("); i > 0 {
					s = strings.TrimSpace(s[:i])
				}
				p.Languages = append(p.Languages, s)
			}
		case secSummary:
			p.About = paragraphs(b.lines)
		case secExperience:
			p.Experience = append(p.Experience, d.experience(b.lines)...)
		case secEducation:
			p.Education = append(p.Education, d.education(b.lines)...)
		}
	}
	for _, x := range p.Experience {
		if x.End == "" && x.Start != "" {
			p.Title, p.Company = x.Title, x.Company
			break
		}
	}
	slices.SortStableFunc(d.problem, func(a, b linkvet.Problem) int { return a.Line - b.Line })
	return p, d.problem
}

// header reads the headline and location: the lines between the name and
// the first heading. The location is set apart from the headline by a
// smaller size; failing that, it is the last of several lines.
func (d *doc) header(p *linkvet.Person, head []line) {
	if len(head) == 0 {
		return
	}
	var hl, loc []string
	size := head[0].size
	for _, l := range head {
		if math.Abs(l.size-size) < 0.1 && len(loc) == 0 {
			hl = append(hl, l.text)
		} else {
			loc = append(loc, l.text)
		}
	}
	if len(loc) == 0 && len(hl) > 1 && looksLikeLocation(hl[len(hl)-1]) && !d.oneCol {
		loc, hl = hl[len(hl)-1:], hl[:len(hl)-1]
	}
	p.Headline = strings.Join(hl, " ")
	p.Location = strings.Join(loc, " ")
}

var (
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`)
	phoneRe = regexp.MustCompile(`^\+?[\d\s().\-/]{7,}$`)
	kindRe  = regexp.MustCompile(`\s*\(([^()]*)\)\s*$`)
)

// contact reads e-mails, phones, the profile address and websites; it
// returns the lines it did not use. In the one-column layout the header
// holds the e-mail, so only what is clearly contact data is taken.
func (d *doc) contact(p *linkvet.Person, lines []line, header bool) []line {
	var rest []line
	items := joinWrapped(lines)
	for _, it := range items {
		s := it.text
		kind := ""
		if m := kindRe.FindStringSubmatch(s); m != nil {
			kind = fold.String(m[1])
			s = strings.TrimSpace(s[:len(s)-len(m[0])])
		}
		f := fold.String(s)
		switch {
		case emailRe.MatchString(s) && !strings.Contains(s, " "):
			p.Emails = append(p.Emails, emailRe.FindString(s))
		case strings.Contains(f, "linkedin.com/in/") || strings.Contains(f, "linkedin.com/pub/"):
			u := strings.ReplaceAll(s, " ", "")
			if !strings.Contains(u, "://") {
				u = "https://" + u
			}
			p.ProfileURL = u
		case header:
			rest = append(rest, it.lines...)
		case phoneRe.MatchString(s) && digits(s) >= 7:
			p.Phones = append(p.Phones, s)
		case kind != "" && strings.Contains(s, ".") && !strings.Contains(s, " "):
			p.Websites = append(p.Websites, s)
		default:
			// Addresses and other text: kept out of the record, said aloud.
			d.report(it.lines[0].page, "contact line %q not understood; skipped", it.text)
		}
	}
	return rest
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

type item struct {
	text  string
	lines []line
}

// joinWrapped joins an address LinkedIn wrapped over lines: a line without
// spaces continues on the next when that one ends the entry with its kind,
// "(LinkedIn)" or "(Company)".
func joinWrapped(lines []line) []item {
	var out []item
	for i := 0; i < len(lines); i++ {
		it := item{text: lines[i].text, lines: lines[i : i+1]}
		for j := i + 1; j < len(lines) && j < i+4; j++ {
			if strings.Contains(it.text, " ") || kindRe.MatchString(it.text) {
				break
			}
			next := lines[j].text
			if kindRe.FindStringIndex(next) != nil && kindRe.FindStringIndex(next)[0] == 0 {
				it.text += " " + next // only the kind went to the next line
				it.lines = lines[i : j+1]
				i = j
				break
			}
			head := next
			if m := kindRe.FindStringIndex(next); m != nil {
				head = next[:m[0]]
			}
			if strings.Contains(head, " ") || headingOf(next) != secNone || !continues(head) {
				break
			}
			it.text += next
			it.lines = lines[i : j+1]
			i = j
		}
		out = append(out, it)
	}
	return out
}

// continues reports whether s can be the rest of a wrapped address rather
// than an entry of its own.
func continues(s string) bool {
	f := strings.ToLower(s)
	if s == "" || strings.Contains(s, "@") || strings.HasPrefix(f, "www.") || strings.Contains(f, "://") || phoneRe.MatchString(s) {
		return false
	}
	r := []rune(s)[0]
	return !unicode.IsUpper(r)
}

// joinParens joins list lines whose parenthesis was left open by a wrap
// ("Go (Programming" + "Language)").
func joinParens(lines []line) []string {
	var out []string
	for i := 0; i < len(lines); i++ {
		s := lines[i].text
		for strings.Count(s, "(") > strings.Count(s, ")") && i+1 < len(lines) {
			i++
			s += " " + lines[i].text
		}
		out = append(out, s)
	}
	return out
}

// paragraphs joins wrapped lines; a gap taller than a line of text starts a
// new paragraph.
func paragraphs(lines []line) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if l.page == lines[i-1].page && l.gap > l.size*0.9 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// looksLikeLocation accepts short place names: "Dublin, Ireland",
// "Greater Boston Area", "Remote".
func looksLikeLocation(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 9 || len(s) > 90 || strings.HasSuffix(s, ".") {
		return false
	}
	if strings.Contains(s, ",") {
		return true
	}
	f := fold.String(s)
	for _, w := range []string{"area", "region", "remote", "metropolitana", "metropolitan", "greater", "grande", "gross", "und umgebung", "e regiao", "y alrededores", "et peripherie"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	return len(words) <= 2
}

// experience reads roles: see the package comment.
func (d *doc) experience(lines []line) []linkvet.Position {
	type dated struct {
		i          int
		start, end string
	}
	var dates []dated
	isDate := make([]bool, len(lines))
	for i, l := range lines {
		if s, e, ok := paste.ParseDateRange(l.text); ok && i > 0 {
			dates = append(dates, dated{i, s, e})
			isDate[i] = true
		}
	}
	if len(dates) == 0 {
		if len(lines) > 0 {
			d.report(lines[0].page, "no dated roles in the experience section; it was not read")
		}
		return nil
	}
	// Sizes: the description's (the commonest), the title's and the
	// company's (the line above the first title, when it is not a total).
	var all []float64
	for _, l := range lines {
		all = append(all, l.size)
	}
	descSize := mode(all)
	// In the two-column layout the section opens with a company's name,
	// which sets the company size.
	titleSize := lines[dates[0].i-1].size
	dateSize := lines[dates[0].i].size
	companySize := 0.0
	if !d.oneCol {
		companySize = lines[0].size
	}
	sizesTell := companySize != 0 && math.Abs(companySize-descSize) > 0.2
	same := func(a, b float64) bool { return math.Abs(a-b) < 0.2 }

	var out []linkvet.Position
	company, grouped := "", false
	used := 0 // lines before this index belong to earlier roles
	for k, dt := range dates {
		ti := dt.i - 1
		if ti < used || isDate[ti] {
			d.report(lines[dt.i].page, "dates %q without a title; skipped", lines[dt.i].text)
			continue
		}
		title := lines[ti].text
		// A title wrapped over two lines.
		if ti-1 >= used && !d.oneCol && same(lines[ti-1].size, titleSize) && !same(titleSize, dateSize) && !same(titleSize, companySize) {
			ti--
			title = lines[ti].text + " " + title
		}
		j := ti - 1
		switch {
		case j >= used && paste.IsDuration(lines[j].text) && j-1 >= used:
			company, grouped = lines[j-1].text, true
		case j >= used && !d.oneCol && (sizesTell && same(lines[j].size, companySize) || !sizesTell && (!grouped || startsBlock(lines, j, used)) && !strings.HasSuffix(lines[j].text, ".")):
			company, grouped = lines[j].text, false
		case k == 0 && j >= used:
			// Text above the first role that is not a company: nothing to take.
		}
		pos := linkvet.Position{Title: title, Company: company, Start: dt.start, End: dt.end}
		if d.oneCol || company == "" {
			pos.Title, pos.Company = splitAt(title)
		}
		used = dt.i + 1
		// The location: the line under the dates, unless it starts the next role.
		if n := dt.i + 1; n < len(lines) && d.isLocation(lines, n, isDate, grouped, sizesTell, companySize) {
			pos.Location = lines[n].text
			used = n + 1
		}
		out = append(out, pos)
	}
	return out
}

// startsBlock reports, where type sizes do not tell, whether line j looks
// like a company's name opening a new block rather than the last line of
// the previous role's description: short, capitalised, without sentence
// punctuation, right after a role's last line or a finished sentence.
func startsBlock(lines []line, j, used int) bool {
	s := lines[j].text
	if len(strings.Fields(s)) > 6 || len(s) > 60 || strings.ContainsAny(s, ",.!?:;") || !unicode.IsUpper([]rune(s)[0]) {
		return false
	}
	return j-1 < used || strings.ContainsAny(lines[j-1].text[len(lines[j-1].text)-1:], ".!?")
}

// isLocation reports whether line n, under a role's dates, is where the
// role was held rather than the start of the next role.
func (d *doc) isLocation(lines []line, n int, isDate []bool, grouped, sizesTell bool, companySize float64) bool {
	l := lines[n]
	if isDate[n] || !looksLikeLocation(l.text) || paste.IsDuration(l.text) || n+1 < len(lines) && isDate[n+1] {
		return false
	}
	if sizesTell {
		return math.Abs(l.size-companySize) > 0.2
	}
	// Same sizes throughout: a line followed by a title and dates starts a
	// new company unless the current one groups several roles.
	return !(n+2 < len(lines) && isDate[n+2]) || grouped || d.oneCol
}

// splitAt splits "Product Manager at Lanternfish Games" at the last joining
// word of any language.
func splitAt(s string) (title, company string) {
	best := -1
	var word string
	for _, w := range atWords {
		if i := strings.LastIndex(s, w); i > best {
			best, word = i, w
		}
	}
	if best <= 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:best]), strings.TrimSpace(s[best+len(word):])
}

var trailingYears = regexp.MustCompile(`(?:\s*[·,]\s*|\s+)\(?([^(),·]*\d{4}[^(),·]*)\)?\s*$`)

// education reads schools: a school's name is set larger than the degree
// line under it, which ends with the years ("Master of Science - MS,
// Computer Science · (2011 - 2013)").
func (d *doc) education(lines []line) []linkvet.Education {
	if len(lines) == 0 {
		return nil
	}
	schoolSize := lines[0].size
	sizesTell := false
	for _, l := range lines {
		if math.Abs(l.size-schoolSize) > 0.2 {
			sizesTell = true
		}
	}
	var out []linkvet.Education
	var degree []string
	finish := func() {
		if len(out) == 0 {
			return
		}
		e := &out[len(out)-1]
		text := strings.Join(degree, " ")
		if m := trailingYears.FindStringSubmatchIndex(text); m != nil {
			if s, en, ok := paste.ParseDateRange(text[m[2]:m[3]]); ok {
				e.Start, e.End = year(s), year(en)
				text = text[:m[0]]
			}
		}
		e.Degree = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(text), "·,"))
		degree = nil
	}
	prevSchool := false
	for _, l := range lines {
		isSchool := sizesTell && math.Abs(l.size-schoolSize) < 0.2 ||
			!sizesTell && !prevSchool && !trailingYears.MatchString(l.text)
		switch {
		case isSchool && prevSchool && sizesTell:
			out[len(out)-1].School += " " + l.text // a wrapped name
		case isSchool:
			finish()
			out = append(out, linkvet.Education{School: l.text})
		default:
			if len(out) == 0 {
				d.report(l.page, "education line %q before any school; skipped", l.text)
				continue
			}
			degree = append(degree, l.text)
		}
		prevSchool = isSchool
	}
	finish()
	return out
}

// year keeps the year of a "YYYY-MM" date: schools are listed by year.
func year(s string) string {
	if len(s) > 4 {
		return s[:4]
	}
	return s
}
