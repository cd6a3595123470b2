// Command gen writes the profile PDF fixtures of package profilepdf: made-up
// people laid out the way LinkedIn's "Save to PDF" lays out a profile, in
// the two-column layout used since 2019 (in five languages) and the
// one-column layout before it, with the record each one should read as.
//
//	go run ./profilepdf/internal/gen -out profilepdf/testdata
//
// The expected records are written from the same data that is drawn, not
// from what the reader makes of the PDF, so they are an independent check.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/linkvet/linkvet"
)

func main() {
	out := flag.String("out", "profilepdf/testdata", "folder to write the fixtures to")
	fontDir := flag.String("fonts", "", "folder holding DejaVuSansCondensed.ttf (default: go-pdf/fpdf's font folder)")
	flag.Parse()
	if *fontDir == "" {
		b, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-pdf/fpdf").Output()
		if err != nil {
			log.Fatalf("find go-pdf/fpdf: %v", err)
		}
		*fontDir = filepath.Join(strings.TrimSpace(string(b)), "font")
	}
	regular, err := os.ReadFile(filepath.Join(*fontDir, "DejaVuSansCondensed.ttf"))
	if err != nil {
		log.Fatal(err)
	}
	bold, err := os.ReadFile(filepath.Join(*fontDir, "DejaVuSansCondensed-Bold.ttf"))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, p := range people {
		pdf, err := Render(p, regular, bold)
		if err != nil {
			log.Fatalf("%s: %v", p.File, err)
		}
		if err := os.WriteFile(filepath.Join(*out, p.File+".pdf"), pdf, 0o644); err != nil {
			log.Fatal(err)
		}
		want, err := json.MarshalIndent(Expected(p), "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*out, p.File+".json"), append(want, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// Spec is one made-up person and how their PDF is laid out.
type Spec struct {
	File      string
	Lang      string // key of words
	OneColumn bool   // the layout before 2019
	Core      bool   // a standard font instead of an embedded one (ASCII text only)
	Flat      bool   // companies, titles and descriptions in one size
	Name      string
	Headline  string
	Location  string
	URL       string // as LinkedIn prints it, without the scheme
	Emails    []string
	Phones    []string // printed with " (Mobile)"
	Websites  []string // printed with " (Company)"
	Skills    []string
	Languages [][2]string // name, level
	Certs     []string
	Honors    []string
	Summary   []string // paragraphs
	Companies []Company
	Schools   []School
}

type Company struct {
	Name  string
	Total string // the company's total time, shown when it has several roles
	Roles []Role
}

type Role struct {
	Title, Start, End, Location string // Start, End: YYYY-MM; End "" = present
	Duration                    string
	Desc                        []string
}

type School struct {
	Name, Degree, Start, End string
}

// Words are the fixed texts of one language.
type Words struct {
	Contact, TopSkills, Languages, Certs, Summary, Experience, Education string
	Page                                                                 string // format with two %d
	Present                                                              string
	Months                                                               [12]string
	MonthYear                                                            string // format: %s month, %s year
	Mobile, Company                                                      string
	At                                                                   string // one-column "Title at Company"
	Skills                                                               string // one-column skills heading
}

var words = map[string]Words{
	"en": {"Contact", "Top Skills", "Languages", "Certifications", "Summary", "Experience", "Education",
		"Page %d of %d", "Present",
		[12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		"%s %s", "Mobile", "Company", " at ", "Skills & Expertise"},
	"es": {"Contactar", "Aptitudes principales", "Idiomas", "Certificaciones", "Extracto", "Experiencia", "Educación",
		"Página %d de %d", "actualidad",
		[12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		"%s de %s", "Móvil", "Empresa", " en ", "Aptitudes"},
	"de": {"Kontakt", "Top-Kenntnisse", "Sprachen", "Zertifizierungen", "Zusammenfassung", "Berufserfahrung", "Ausbildung",
		"Seite %d von %d", "Heute",
		[12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		"%s %s", "Mobil", "Unternehmen", " bei ", "Kenntnisse"},
	"fr": {"Coordonnées", "Principales compétences", "Langues", "Certifications", "Résumé", "Expérience", "Formation",
		"Page %d sur %d", "aujourd'hui",
		[12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		"%s %s", "Mobile", "Entreprise", " chez ", "Compétences"},
	"pt": {"Contato", "Principais competências", "Idiomas", "Certificações", "Resumo", "Experiência", "Formação acadêmica",
		"Página %d de %d", "o momento",
		[12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		"%s de %s", "Celular", "Empresa", " na ", "Competências"},
}

func (w Words) date(ym string) string {
	if ym == "" {
		return w.Present
	}
	var y, m int
	fmt.Sscanf(ym, "%d-%d", &y, &m)
	if m == 0 {
		return fmt.Sprint(y)
	}
	return fmt.Sprintf(w.MonthYear, w.Months[m-1], fmt.Sprint(y))
}

func (w Words) dates(r Role) string {
	s := w.date(r.Start) + " - " + w.date(r.End)
	if r.Duration != "" {
		s += " (" + r.Duration + ")"
	}
	return s
}

// Expected is the record the reader should give for p.
func Expected(p Spec) linkvet.Person {
	out := linkvet.Person{
		Name:     p.Name,
		Headline: p.Headline,
		Location: p.Location,
		About:    strings.Join(trimAll(p.Summary), "\n\n"),
		Emails:   p.Emails,
		Phones:   p.Phones,
		Websites: p.Websites,
		Skills:   p.Skills,
	}
	if p.URL != "" {
		out.ProfileURL = "https://" + p.URL
	}
	for _, l := range p.Languages {
		out.Languages = append(out.Languages, l[0])
	}
	for _, c := range p.Companies {
		for _, r := range c.Roles {
			out.Experience = append(out.Experience, linkvet.Position{Title: r.Title, Company: c.Name, Start: r.Start, End: r.End, Location: r.Location})
			if r.End == "" && out.Title == "" {
				out.Title, out.Company = r.Title, c.Name
			}
		}
	}
	for _, s := range p.Schools {
		out.Education = append(out.Education, linkvet.Education{School: s.Name, Degree: s.Degree, Start: s.Start, End: s.End})
	}
	return out
}

// line is one line of text placed in a column.
type line struct {
	text   string
	size   float64
	bold   bool
	gap    float64 // extra space before
	page   int
	y      float64
	indent float64
}

const (
	pageW, pageH = 612.0, 792.0
	top, bottom  = 54.0, 730.0
)

type column struct {
	x, width float64
	lines    []line
}

func (c *column) add(f *fpdf.Fpdf, text string, size float64, bold bool, gap float64) {
	style := ""
	if bold {
		style = "B"
	}
	f.SetFont(family, style, size)
	parts := []string{tr(text)} // SplitText reads UTF-8 only: core-font lines are kept short
	if family == "dv" {
		parts = f.SplitText(text, c.width)
	}
	for i, part := range parts {
		g := gap
		if i > 0 {
			g = 0
		}
		c.lines = append(c.lines, line{text: part, size: size, bold: bold, gap: g})
	}
}

// place assigns pages and baselines; it returns the number of pages used.
func (c *column) place() int {
	page, y := 1, top
	for i := range c.lines {
		l := &c.lines[i]
		h := l.size*1.3 + l.gap
		if y+h > bottom {
			page, y = page+1, top
			h = l.size * 1.3
		}
		y += h
		l.page, l.y = page, y
	}
	return page
}

// family is the font family of the PDF being drawn, and tr turns text
// into the bytes its encoding expects.
var (
	family = "dv"
	tr     = func(s string) string { return s }
)

// Render draws p's profile as a PDF.
func Render(p Spec, regular, bold []byte) ([]byte, error) {
	w := words[p.Lang]
	family, tr = "dv", func(s string) string { return s }
	f := fpdf.New("P", "pt", "Letter", "")
	if p.Core {
		family = "Helvetica" // a standard font with a width table, single-byte text
		tr = f.UnicodeTranslatorFromDescriptor("")
	}
	f.SetAutoPageBreak(false, 0)
	f.SetCreator("linkvet fixture generator", true)
	// Fixed dates keep the fixtures byte-identical from run to run.
	stamp := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true)
	f.AddUTF8FontFromBytes("dv", "", regular)
	f.AddUTF8FontFromBytes("dv", "B", bold)
	var cols []*column
	if p.OneColumn {
		cols = []*column{oneColumn(f, p, w)}
	} else {
		cols = twoColumns(f, p, w)
	}
	pages := 0
	for _, c := range cols {
		pages = max(pages, c.place())
	}
	for n := 1; n <= pages; n++ {
		f.AddPage()
		if !p.OneColumn {
			f.SetFillColor(242, 240, 236)
			f.Rect(0, 0, 196, pageH, "F")
		}
		for _, c := range cols {
			for _, l := range c.lines {
				if l.page != n {
					continue
				}
				style := ""
				if l.bold {
					style = "B"
				}
				f.SetFont(family, style, l.size)
				f.Text(c.x+l.indent, l.y, l.text)
			}
		}
		f.SetFont(family, "", 9)
		footer := fmt.Sprintf(w.Page, n, pages)
		if p.OneColumn {
			footer = fmt.Sprintf("Page%d", n)
		}
		f.Text(pageW/2-f.GetStringWidth(footer)/2, pageH-24, footer)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func twoColumns(f *fpdf.Fpdf, p Spec, w Words) []*column {
	left := &column{x: 30, width: 146}
	right := &column{x: 216, width: 366}
	heading := func(s string) { left.add(f, s, 13, false, 14) }
	heading(w.Contact)
	for _, e := range p.Emails {
		left.add(f, e, 10.5, false, 4)
	}
	for _, ph := range p.Phones {
		left.add(f, ph+" ("+w.Mobile+")", 10.5, false, 4)
	}
	if p.URL != "" {
		// LinkedIn breaks a long address after its last hyphen that fits.
		u := p.URL + " (LinkedIn)"
		f.SetFont(family, "", 10.5)
		if f.GetStringWidth(u) > left.width {
			cut := strings.LastIndex(p.URL[:len(p.URL)-4], "-")
			left.lines = append(left.lines, line{text: p.URL[:cut+1], size: 10.5, gap: 4}, line{text: p.URL[cut+1:] + " (LinkedIn)", size: 10.5})
		} else {
			left.add(f, u, 10.5, false, 4)
		}
	}
	for _, s := range p.Websites {
		left.add(f, s+" ("+w.Company+")", 10.5, false, 4)
	}
	if len(p.Skills) > 0 {
		heading(w.TopSkills)
		for _, s := range p.Skills {
			left.add(f, s, 10.5, false, 2)
		}
	}
	if len(p.Languages) > 0 {
		heading(w.Languages)
		for _, l := range p.Languages {
			left.add(f, l[0]+" ("+l[1]+")", 10.5, false, 2)
		}
	}
	if len(p.Certs) > 0 {
		heading(w.Certs)
		for _, c := range p.Certs {
			left.add(f, c, 10.5, false, 2)
		}
	}
	if len(p.Honors) > 0 {
		heading("Honors-Awards")
		for _, c := range p.Honors {
			left.add(f, c, 10.5, false, 2)
		}
	}

	right.add(f, p.Name, 26, false, 0)
	right.add(f, p.Headline, 12, false, 4)
	if p.Location != "" {
		right.add(f, p.Location, 10.5, false, 4)
	}
	if len(p.Summary) > 0 {
		right.add(f, w.Summary, 15.75, false, 18)
		for i, para := range p.Summary {
			right.add(f, para, 10.5, false, float64(min(i, 1))*8+4)
		}
	}
	right.add(f, w.Experience, 15.75, false, 18)
	companySize, titleSize := 12.0, 11.5
	if p.Flat {
		companySize, titleSize = 10.5, 10.5
	}
	for _, c := range p.Companies {
		right.add(f, c.Name, companySize, false, 12)
		grouped := len(c.Roles) > 1
		if grouped {
			right.add(f, c.Total, 10.5, false, 2)
		}
		for _, r := range c.Roles {
			right.add(f, r.Title, titleSize, !p.Flat, 6)
			right.add(f, w.dates(r), 10.5, false, 2)
			if r.Location != "" {
				right.add(f, r.Location, 10.5, false, 2)
			}
			for _, d := range r.Desc {
				right.add(f, d, 10.5, false, 4)
			}
		}
	}
	right.add(f, w.Education, 15.75, false, 18)
	for _, s := range p.Schools {
		right.add(f, s.Name, 12, false, 10)
		deg := s.Degree
		if s.Start != "" {
			deg += " · (" + s.Start + " - " + s.End + ")"
		}
		right.add(f, deg, 10.5, false, 2)
	}
	return []*column{left, right}
}

func oneColumn(f *fpdf.Fpdf, p Spec, w Words) *column {
	c := &column{x: 48, width: 516}
	c.add(f, p.Name, 20, true, 0)
	c.add(f, p.Headline, 12, false, 4)
	for _, e := range p.Emails {
		c.add(f, e, 10.5, false, 4)
	}
	heading := func(s string) { c.add(f, s, 14, true, 18) }
	if len(p.Summary) > 0 {
		heading(w.Summary)
		for i, para := range p.Summary {
			c.add(f, para, 10.5, false, float64(min(i, 1))*8+4)
		}
	}
	heading(w.Experience)
	for _, co := range p.Companies {
		for _, r := range co.Roles {
			c.add(f, r.Title+w.At+co.Name, 12, true, 12)
			c.add(f, w.dates(r), 10.5, false, 2)
			if r.Location != "" {
				c.add(f, r.Location, 10.5, false, 2)
			}
			for _, d := range r.Desc {
				c.add(f, d, 10.5, false, 4)
			}
		}
	}
	heading(w.Education)
	for _, s := range p.Schools {
		c.add(f, s.Name, 12, true, 10)
		deg := s.Degree
		if s.Start != "" {
			deg += ", " + s.Start + " - " + s.End
		}
		c.add(f, deg, 10.5, false, 2)
	}
	if len(p.Skills) > 0 {
		heading(w.Skills)
		for _, s := range p.Skills {
			c.add(f, s, 10.5, false, 2)
		}
	}
	if len(p.Languages) > 0 {
		heading(w.Languages)
		for _, l := range p.Languages {
			c.add(f, l[0]+" ("+l[1]+")", 10.5, false, 2)
		}
	}
	return c
}

func trimAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}
