package profilepdf

import "github.com/linkvet/linkvet/fold"

// section is a part of the profile the reader knows how to read.
type section int

const (
	secNone section = iota
	secContact
	secSkills
	secLanguages
	secSummary
	secExperience
	secEducation
	secOther // known, nothing linkvet uses (certifications, patents, ...)
)

// headings maps folded section headings, in the languages LinkedIn prints
// profiles in, to sections. Both layouts are covered: the left column's
// and the right column's of the 2019 layout, and the one column before.
var headings = func() map[string]section {
	m := map[string]section{}
	add := func(s section, words ...string) {
		for _, w := range words {
			m[fold.String(w)] = s
		}
	}
	add(secContact, "Contact", "Contact info", "Contactar", "Contacto", "Kontakt", "Kontaktinformationen",
		"Coordonnées", "Contato", "Informações de contato", "Contatti", "Contactgegevens")
	add(secSkills, "Top Skills", "Skills", "Skills & Expertise", "Skills and Expertise", "Aptitudes principales",
		"Aptitudes", "Conocimientos", "Top-Kenntnisse", "Top Kenntnisse", "Kenntnisse", "Principales compétences",
		"Compétences", "Principais competências", "Competências", "Competenze principali", "Competenze",
		"Belangrijkste vaardigheden", "Vaardigheden")
	add(secLanguages, "Languages", "Idiomas", "Sprachen", "Langues", "Lingue", "Talen")
	add(secSummary, "Summary", "About", "Extracto", "Resumen", "Acerca de", "Zusammenfassung", "Info",
		"Résumé", "Infos", "À propos", "Resumo", "Sobre", "Riepilogo", "Informazioni", "Samenvatting", "Over")
	add(secExperience, "Experience", "Work Experience", "Experiencia", "Experiencia laboral", "Berufserfahrung",
		"Erfahrung", "Expérience", "Expérience professionnelle", "Experiência", "Esperienza", "Ervaring", "Werkervaring")
	add(secEducation, "Education", "Educación", "Formación", "Formación académica", "Ausbildung", "Bildungsweg",
		"Formation", "Études", "Formação acadêmica", "Formação", "Educação", "Istruzione", "Formazione", "Opleiding")
	add(secOther, "Certifications", "Licenses & Certifications", "Certificaciones", "Licencias y certificaciones",
		"Zertifizierungen", "Zertifikate", "Certificações", "Certificazioni", "Certificeringen",
		"Honors-Awards", "Honors & Awards", "Honors and Awards", "Reconocimientos y premios", "Premios",
		"Auszeichnungen", "Distinctions", "Prix et distinctions", "Prêmios e homenagens", "Premios y reconocimientos",
		"Riconoscimenti e premi", "Publications", "Publicaciones", "Veröffentlichungen", "Publikationen",
		"Publicações", "Pubblicazioni", "Publicaties", "Patents", "Patentes", "Patente", "Brevets", "Brevetti",
		"Octrooien", "Volunteer Experience", "Voluntariado", "Ehrenamt", "Bénévolat", "Projects", "Proyectos",
		"Projekte", "Projets", "Projetos", "Courses", "Cursos", "Kurse", "Cours", "Interests", "Intereses",
		"Interessen", "Centres d'intérêt", "Interesses", "Organizations", "Organizaciones", "Organisationen",
		"Recommendations", "Recomendaciones", "Empfehlungen", "Recommandations", "Recomendações",
		"Test Scores", "Honors", "Awards")
	return m
}()

// headingOf returns the section a line names, or secNone.
func headingOf(text string) section {
	return headings[fold.String(text)]
}

// atWords join title and company in the one-column layout ("Product
// Manager at Lanternfish Games").
var atWords = []string{" at ", " en ", " bei ", " chez ", " na ", " no ", " em ", " presso ", " bij ", " @ "}
