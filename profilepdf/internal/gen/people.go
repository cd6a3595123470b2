package main

import (
	"fmt"
	"strings"
)

// lorem returns n sentences of made-up work description, so that profiles
// run over several pages.
func lorem(topic string, n int) []string {
	base := []string{
		"Led a small team that rebuilt the " + topic + " pipeline and cut nightly run times by half.",
		"Wrote the on-call handbook, ran blameless reviews and mentored two junior engineers.",
		"Moved the batch jobs to a streaming design and kept the old reports working during the switch.",
		"Worked with finance and support to define the numbers everyone now reads each morning.",
	}
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, base[i%len(base)])
	}
	return out
}

func certificates(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf("Harbour Cloud Practitioner Level %d", i))
	}
	return out
}

var people = []Spec{
	{
		// Another producer: a standard font and one size for companies,
		// titles and descriptions, so only the words and the order tell
		// them apart.
		File: "en-2col-flat", Lang: "en", Core: true, Flat: true,
		Name:      "Wendell Strickland",
		Headline:  "Warehouse Operations Manager",
		Location:  "Columbus, Ohio, United States",
		URL:       "www.linkedin.com/in/wendell-strickland-ops",
		Emails:    []string{"wendell@stricklandops.example"},
		Skills:    []string{"Lean Manufacturing", "Forklift Safety"},
		Languages: [][2]string{{"English", "Native or Bilingual"}},
		Summary:   []string{"I run safe, tidy warehouses."},
		Companies: []Company{
			{Name: "Buckeye Distribution", Total: "7 years 1 month", Roles: []Role{
				{Title: "Operations Manager", Start: "2022-02", Duration: "3 years 10 months", Location: "Columbus, Ohio", Desc: []string{"Runs three shifts and forty people."}},
				{Title: "Shift Supervisor", Start: "2018-11", End: "2022-01", Duration: "3 years 3 months", Desc: []string{"Cut picking errors by a third."}},
			}},
			{Name: "Scioto Freight", Roles: []Role{
				{Title: "Forklift Operator", Start: "2014-05", End: "2018-10", Duration: "4 years 6 months", Location: "Grove City, Ohio"},
			}},
		},
		Schools: []School{{Name: "Franklin Valley Community College", Degree: "Associate of Applied Science, Logistics", Start: "2012", End: "2014"}},
	},
	{
		// Sparse and unusual: no summary, no e-mail, a headline and a title
		// that wrap, a school without years, a left column that runs onto
		// the second page.
		File: "en-2col-sparse", Lang: "en",
		Name:      "Odalys Brennerman",
		Headline:  "Principal Consultant for Regulated Cloud Migrations in Banking, Insurance and the Public Sector",
		Location:  "Greater Rotterdam Area",
		URL:       "www.linkedin.com/in/odalys-b",
		Skills:    []string{"Cloud Migration", "Risk Management"},
		Languages: [][2]string{{"Dutch", "Native or Bilingual"}, {"English", "Full Professional"}, {"Spanish", "Elementary"}},
		Certs:     certificates(48),
		Honors:    []string{"Consultant of the Year 2021"},
		Companies: []Company{
			{Name: "Kade & Partners", Roles: []Role{
				{Title: "Principal Consultant, Regulated Cloud Migrations for Financial Services and Government", Start: "2020-05", Duration: "5 years 7 months", Location: "Rotterdam, South Holland, Netherlands"},
			}},
			{Name: "Maasbank", Roles: []Role{
				{Title: "IT Risk Officer", Start: "2017-01", End: "2020-04", Duration: "3 years 4 months"},
			}},
		},
		Schools: []School{{Name: "Erasmus Polder School of Management", Degree: "Executive Programme, Digital Risk"}},
	},
	{
		File: "en-2col-grouped", Lang: "en",
		Name:      "Rosalind Okafor-Brennan",
		Headline:  "Staff Data Engineer at Quillfeather Analytics | Streaming, Go and Kafka",
		Location:  "Dublin, County Dublin, Ireland",
		URL:       "www.linkedin.com/in/rosalind-okafor-brennan-3f9a2c71",
		Emails:    []string{"rosalind.ob@quillfeather.example"},
		Phones:    []string{"+353 1 555 0142"},
		Websites:  []string{"www.quillfeather.example"},
		Skills:    []string{"Apache Kafka", "Go (Programming Language)", "Data Modeling"},
		Languages: [][2]string{{"English", "Native or Bilingual"}, {"Irish", "Limited Working"}, {"German", "Professional Working"}},
		Certs:     []string{"Certified Stream Wrangler"},
		Summary: []string{
			"I design data platforms that stay boring at three in the morning. Over twelve years I have moved companies from nightly batch files to event streams without losing a single report along the way.",
			"Outside work I organise a small meetup for people who run Kafka in production and I write about schema evolution.",
		},
		Companies: []Company{
			{Name: "Quillfeather Analytics", Total: "6 years 2 months", Roles: []Role{
				{Title: "Staff Data Engineer", Start: "2023-01", Duration: "3 years", Location: "Dublin, Ireland", Desc: lorem("billing", 8)},
				{Title: "Senior Data Engineer", Start: "2020-10", End: "2022-12", Duration: "2 years 3 months", Location: "Dublin, Ireland", Desc: lorem("events", 8)},
				{Title: "Data Engineer", Start: "2019-10", End: "2020-09", Duration: "1 year", Desc: lorem("ingest", 8)},
			}},
			{Name: "Harrowgate Logistics", Roles: []Role{
				{Title: "Backend Developer", Start: "2016-03", End: "2019-09", Duration: "3 years 7 months", Location: "Cork, Ireland", Desc: lorem("routing", 8)},
			}},
			{Name: "Bramblewick Software", Total: "2 years 6 months", Roles: []Role{
				{Title: "Software Engineer", Start: "2014-09", End: "2016-02", Duration: "1 year 6 months", Location: "Galway, Ireland", Desc: lorem("search", 6)},
				{Title: "Graduate Engineer", Start: "2013-09", End: "2014-08", Duration: "1 year", Location: "Galway, Ireland", Desc: lorem("reporting", 8)},
			}},
			{Name: "Thistledown Consulting", Roles: []Role{
				{Title: "Intern", Start: "2012-06", End: "2012-09", Duration: "4 months", Desc: lorem("testing", 6)},
			}},
		},
		Schools: []School{
			{Name: "University of Glenmore", Degree: "Master of Science - MS, Computer Science", Start: "2011", End: "2013"},
			{Name: "Corrib Institute of Technology", Degree: "Bachelor of Engineering - BE, Software Engineering", Start: "2007", End: "2011"},
		},
	},
	{
		File: "es-2col", Lang: "es",
		Name:      "Lucía Ferrández Ortuño",
		Headline:  "Responsable de Ciberseguridad en Garbancera Seguros",
		Location:  "Valencia, Comunidad Valenciana, España",
		URL:       "www.linkedin.com/in/lucia-ferrandez-ortuno-8b1d",
		Emails:    []string{"lucia.ferrandez@garbancera.example"},
		Skills:    []string{"Seguridad de la información", "ISO 27001", "Gestión de riesgos"},
		Languages: [][2]string{{"Español", "Nativo o bilingüe"}, {"Inglés", "Competencia profesional completa"}},
		Summary: []string{
			"Ayudo a equipos pequeños a proteger lo que importa sin frenar su trabajo diario.",
			strings.Repeat("Me gusta explicar los riesgos con ejemplos sencillos y medir si las medidas funcionan de verdad. ", 14),
			strings.Repeat("Fuera del trabajo doy clases de introducción a la seguridad en una asociación de barrio. ", 12),
		},
		Companies: []Company{
			{Name: "Garbancera Seguros", Total: "5 años 2 meses", Roles: []Role{
				{Title: "Responsable de Ciberseguridad", Start: "2022-04", Duration: "3 años 8 meses", Location: "Valencia, España"},
				{Title: "Analista de Seguridad", Start: "2020-10", End: "2022-03", Duration: "1 año 6 meses", Location: "Valencia, España"},
			}},
			{Name: "Naranjal Sistemas", Roles: []Role{
				{Title: "Administradora de Sistemas", Start: "2016-09", End: "2020-09", Duration: "4 años 1 mes", Location: "Alicante, España"},
			}},
		},
		Schools: []School{{Name: "Universidad de Turia", Degree: "Grado en Ingeniería Informática", Start: "2012", End: "2016"}},
	},
	{
		File: "de-2col", Lang: "de",
		Name:      "Jörg Wendlandt",
		Headline:  "Leiter Einkauf bei Kranichsfeld Maschinenbau GmbH",
		Location:  "Kassel, Hessen, Deutschland",
		URL:       "www.linkedin.com/in/joerg-wendlandt",
		Emails:    []string{"j.wendlandt@kranichsfeld.example"},
		Phones:    []string{"+49 561 555 0199"},
		Skills:    []string{"Einkauf", "Lieferantenmanagement", "SAP MM"},
		Languages: [][2]string{{"Deutsch", "Muttersprache oder zweisprachig"}, {"Englisch", "Fließend"}},
		Summary:   []string{"Ich verhandle fair und langfristig. Seit fünfzehn Jahren baue ich Lieferketten für mittelständische Maschinenbauer auf."},
		Companies: []Company{
			{Name: "Kranichsfeld Maschinenbau GmbH", Roles: []Role{
				{Title: "Leiter Einkauf", Start: "2019-02", Duration: "6 Jahre 10 Monate", Location: "Kassel, Deutschland"},
			}},
			{Name: "Ederhütte Antriebe AG", Total: "8 Jahre 1 Monat", Roles: []Role{
				{Title: "Senior Einkäufer", Start: "2014-01", End: "2019-01", Duration: "5 Jahre 1 Monat", Location: "Fulda, Deutschland"},
				{Title: "Einkäufer", Start: "2011-01", End: "2013-12", Duration: "3 Jahre"},
			}},
		},
		Schools: []School{{Name: "Hochschule Nordhessen", Degree: "Diplom-Wirtschaftsingenieur, Maschinenbau", Start: "2005", End: "2010"}},
	},
	{
		File: "fr-2col", Lang: "fr",
		Name:      "Héloïse Marchetti",
		Headline:  "Chargée de recrutement IT chez Vauclair Conseil",
		Location:  "Lyon, Auvergne-Rhône-Alpes, France",
		URL:       "www.linkedin.com/in/heloise-marchetti-recrutement-it",
		Emails:    []string{"heloise@vauclair.example"},
		Websites:  []string{"www.vauclair-conseil.example"},
		Skills:    []string{"Recrutement", "Sourcing", "Entretiens"},
		Languages: [][2]string{{"Français", "Bilingue ou langue natale"}, {"Italien", "Capacité professionnelle complète"}},
		Summary:   []string{"Je mets en relation des développeurs et des équipes qui leur ressemblent."},
		Companies: []Company{
			{Name: "Vauclair Conseil", Roles: []Role{
				{Title: "Chargée de recrutement IT", Start: "2021-09", Duration: "4 ans 3 mois", Location: "Lyon, France"},
			}},
			{Name: "Talentis Rhône", Total: "3 ans 2 mois", Roles: []Role{
				{Title: "Consultante en recrutement", Start: "2019-07", End: "2021-08", Duration: "2 ans 2 mois", Location: "Villeurbanne, France"},
				{Title: "Assistante RH", Start: "2018-07", End: "2019-06", Duration: "1 an"},
			}},
		},
		Schools: []School{{Name: "Université Lumière des Monts", Degree: "Master, Ressources humaines", Start: "2016", End: "2018"}},
	},
	{
		File: "pt-2col", Lang: "pt",
		Name:      "João Pedro Albuquerque",
		Headline:  "Gerente de Vendas na Cajueiro Software",
		Location:  "Recife, Pernambuco, Brasil",
		URL:       "www.linkedin.com/in/joao-pedro-albuquerque-vendas-b2b-7c",
		Emails:    []string{"joao.albuquerque@cajueiro.example"},
		Phones:    []string{"+55 81 5555 0123"},
		Skills:    []string{"Vendas B2B", "CRM", "Negociação"},
		Languages: [][2]string{{"Português", "Nativo ou bilíngue"}, {"Inglês", "Competência profissional"}},
		Summary:   []string{"Vendo software para indústrias do Nordeste e gosto de conversas longas com clientes."},
		Companies: []Company{
			{Name: "Cajueiro Software", Total: "4 anos 5 meses", Roles: []Role{
				{Title: "Gerente de Vendas", Start: "2023-03", Duration: "2 anos 9 meses", Location: "Recife, Brasil"},
				{Title: "Executivo de Contas", Start: "2021-07", End: "2023-02", Duration: "1 ano 8 meses", Location: "Recife, Brasil"},
			}},
			{Name: "Maracatu Telecom", Roles: []Role{
				{Title: "Representante Comercial", Start: "2017-01", End: "2021-06", Duration: "4 anos 6 meses", Location: "Olinda, Brasil"},
			}},
		},
		Schools: []School{{Name: "Universidade do Capibaribe", Degree: "Bacharelado, Administração de Empresas", Start: "2012", End: "2016"}},
	},
	{
		File: "en-1col-2016", Lang: "en", OneColumn: true,
		Name:      "Tobias Wrenfield",
		Headline:  "Product Manager at Lanternfish Games",
		Emails:    []string{"tobias.wrenfield@lanternfish.example"},
		Skills:    []string{"Product Management", "Game Design", "Agile Methodologies", "User Research"},
		Languages: [][2]string{{"English", "Native or bilingual proficiency"}, {"Dutch", "Elementary proficiency"}},
		Summary:   []string{"I turn player feedback into features people keep using. " + strings.Repeat("I like small teams and short release cycles. ", 3)},
		Companies: []Company{
			{Name: "Lanternfish Games", Roles: []Role{
				{Title: "Product Manager", Start: "2014-06", Duration: "2 years 5 months", Location: "Bristol, United Kingdom", Desc: lorem("matchmaking", 2)},
			}},
			{Name: "Copperkettle Studios", Roles: []Role{
				{Title: "Associate Producer", Start: "2011-02", End: "2014-05", Duration: "3 years 4 months", Desc: lorem("build", 2)},
			}},
		},
		Schools: []School{{Name: "University of Severnbridge", Degree: "BSc, Computer Games Technology", Start: "2007", End: "2010"}},
	},
}
