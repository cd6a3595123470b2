package compose

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// lintCase is one language's notes for the rules that read words. Each is
// written as a user of that language would write it (made-up people: the
// user Dana of Northwind writes to Jane of Acme, both in Kafka Users
// Berlin).
type lintCase struct {
	good, stock, pitch, favour, flattery, noIntro, noContext, greeting string
}

var lintCases = map[string]lintCase{
	"en": {
		good:      goodNote,
		stock:     "Hi Jane, I'd like to add you to my professional network on LinkedIn.",
		pitch:     "Hi Jane, I'm Dana. Can I book a demo of our solution with you?",
		favour:    "Hi Jane, I'm Dana. Is your team hiring? Could you refer me?",
		flattery:  "Hi, I'm Dana from Northwind. I admire your work and would be glad to stay in touch.",
		noIntro:   "Hi Jane, we're both in Kafka Users Berlin; let's swap notes.",
		noContext: "Hi Jane, I'm Dana, a data engineer. I'd like to hear how Acme runs its data platform.",
		greeting:  "Hi Jane,",
	},
	"es": {
		good:      "Hola, Jane. Soy Dana, ingeniera de datos en Northwind, y coincidimos en Kafka Users Berlin. Me encantaría intercambiar ideas sobre cómo trabaja Acme con sus datos.",
		stock:     "Hola, Jane: me gustaría agregarte a mi red profesional de LinkedIn.",
		pitch:     "Hola, Jane. Soy Dana, de Northwind. Tenemos una oferta especial para Acme con nuestra plataforma.",
		favour:    "Hola, Jane. Soy Dana y estoy buscando trabajo: ¿me puedes recomendar en Acme?",
		flattery:  "Hola. Soy Dana, de Northwind. Admiro tu trabajo y me encantaría seguir en contacto contigo.",
		noIntro:   "Hola, Jane. Coincidimos en Kafka Users Berlin y sería bueno intercambiar ideas.",
		noContext: "Hola, Jane. Soy Dana, ingeniera de datos. Me gustaría saber cómo organiza Acme su plataforma de datos.",
		greeting:  "¡Hola, Jane!",
	},
	"pt": {
		good:      "Olá, Jane! Sou Dana, engenheira de dados na Northwind, e nós dois fazemos parte do grupo Kafka Users Berlin. Seria ótimo trocar ideias sobre como a Acme usa Kafka.",
		stock:     "Olá, Jane. Gostaria de adicionar você à minha rede profissional no LinkedIn.",
		pitch:     "Olá, Jane. Sou Dana, da Northwind. Temos uma oferta especial da nossa plataforma para a Acme.",
		favour:    "Olá, Jane. Sou Dana e estou procurando emprego; você poderia me indicar na Acme?",
		flattery:  "Olá! Sou Dana, da Northwind. Admiro seu trabalho e adoraria manter contato com você.",
		noIntro:   "Olá, Jane! Nós dois fazemos parte do grupo Kafka Users Berlin, então seria bom trocar ideias.",
		noContext: "Olá, Jane. Sou Dana, engenheira de dados. Gostaria de saber como a Acme organiza a sua plataforma de dados.",
		greeting:  "Olá, Jane!",
	},
	"fr": {
		good:      "Bonjour Jane, je suis Dana, ingénieure données chez Northwind, et nous faisons partie du même groupe, Kafka Users Berlin. Ce serait un plaisir d'échanger sur la façon dont Acme utilise Kafka.",
		stock:     "Bonjour Jane, j'aimerais vous inviter à rejoindre mon réseau professionnel sur LinkedIn.",
		pitch:     "Bonjour Jane, je suis Dana, de Northwind. Nous avons une offre spéciale pour Acme sur notre plateforme.",
		favour:    "Bonjour Jane, je suis Dana et je cherche un emploi. Pourriez-vous me recommander chez Acme ?",
		flattery:  "Bonjour, je suis Dana, de l'équipe Northwind. J'admire votre travail et j'aimerais beaucoup rester en contact.",
		noIntro:   "Bonjour Jane, nous faisons partie du même groupe, Kafka Users Berlin, et ce serait un plaisir d'échanger.",
		noContext: "Bonjour Jane, je suis Dana, ingénieure données. J'aimerais savoir comment Acme organise sa plateforme de données.",
		greeting:  "Bonjour Jane,",
	},
	"de": {
		good:      "Hallo Jane, ich bin Dana, Data Engineer bei Northwind, und wir sind beide in der Gruppe Kafka Users Berlin. Ein Austausch dazu, wie Acme Kafka einsetzt, wäre schön.",
		stock:     "Hallo Jane, ich möchte dich gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
		pitch:     "Hallo Jane, ich bin Dana von Northwind. Wir haben ein exklusives Angebot für Acme: unsere Plattform kostenlos testen.",
		favour:    "Hallo Jane, ich bin Dana und suche eine Stelle. Kannst du mich bei Acme empfehlen?",
		flattery:  "Hallo, ich bin Dana von Northwind. Ich bewundere deine Arbeit und würde mich über einen Austausch freuen.",
		noIntro:   "Hallo Jane, wir sind beide in der Gruppe Kafka Users Berlin. Ein Austausch wäre schön.",
		noContext: "Hallo Jane, ich bin Dana, Data Engineer. Mich würde interessieren, wie Acme seine Datenplattform aufbaut.",
		greeting:  "Hallo Jane,",
	},
	"it": {
		good:      "Ciao Jane, sono Dana, data engineer presso Northwind, e facciamo parte dello stesso gruppo, Kafka Users Berlin. Sarebbe bello scambiare idee su come Acme usa Kafka.",
		stock:     "Ciao Jane, vorrei aggiungerti alla mia rete professionale su LinkedIn.",
		pitch:     "Ciao Jane, sono Dana di Northwind. Abbiamo un'offerta speciale per Acme con la nostra piattaforma.",
		favour:    "Ciao Jane, sono Dana e sto cercando lavoro: potresti segnalarmi in Acme?",
		flattery:  "Ciao, sono Dana di Northwind. Ammiro il tuo lavoro e mi farebbe piacere restare in contatto.",
		noIntro:   "Ciao Jane, facciamo parte dello stesso gruppo, Kafka Users Berlin, e sarebbe bello scambiare idee.",
		noContext: "Ciao Jane, sono Dana, data engineer. Mi piacerebbe sapere come Acme organizza la sua piattaforma dati.",
		greeting:  "Ciao Jane,",
	},
}

func TestLintPerLanguage(t *testing.T) {
	for _, lang := range noteLanguages {
		c, ok := lintCases[lang]
		if !ok {
			t.Errorf("no lint cases for %s", lang)
			continue
		}
		tests := []struct {
			name, note string
			to         *linkvet.Invitation
			rule, sev  string // sev "" = the note has no warning or error
		}{
			{"good", c.good, testTo, "", ""},
			{"stock", c.stock, testTo, RuleDefaultText, SeverityError},
			{"pitch", c.pitch, testTo, RuleSalesPitch, SeverityWarning},
			{"favour", c.favour, testTo, RuleAsksFavour, SeverityWarning},
			{"flattery", c.flattery, nil, RuleFlattery, SeverityWarning},
			{"no intro", c.noIntro, testTo, RuleNoIntro, SeverityWarning},
			{"no context", c.noContext, testTo, RuleNoContext, SeverityWarning},
			{"greeting only", c.greeting, testTo, RuleEmpty, SeverityError},
		}
		for _, tt := range tests {
			t.Run(lang+"/"+tt.name, func(t *testing.T) {
				r := LintIn(lang, tt.note, tt.to, testMe, 0)
				if r.Language != lang {
					t.Errorf("read in %q, want %q", r.Language, lang)
				}
				if tt.rule == "" {
					for _, f := range r.Findings {
						if f.Severity != SeverityInfo {
							t.Errorf("%s %s on a good note: %q %+v", f.Severity, f.Rule, tt.note, r.Findings)
						}
					}
					if r.Score < 90 {
						t.Errorf("a good note scores %d: %+v", r.Score, r.Findings)
					}
				} else if f, ok := hasRule(r, tt.rule); !ok || f.Severity != tt.sev {
					t.Errorf("%s did not fire as %s on %q: %+v", tt.rule, tt.sev, tt.note, r.Findings)
				}
				if tt.rule != RuleNoIntro && tt.rule != RuleEmpty && tt.rule != RuleDefaultText {
					if f, ok := hasRule(r, RuleNoIntro); ok {
						t.Errorf("the note says who Dana is, yet: %+v", f)
					}
				}
				for _, f := range r.Findings {
					checkAdvice(t, lang, f)
				}
			})
		}
	}
}

// checkAdvice: a finding about a note in lang is worded in lang.
func checkAdvice(t *testing.T, lang string, f Finding) {
	t.Helper()
	if f.Message == "" || f.Fix == "" || strings.ContainsAny(f.Message+f.Fix, "{}") {
		t.Errorf("advice with a slot left or missing: %+v", f)
	}
	if lang == "en" {
		return
	}
	low := " " + strings.ToLower(f.Message+" "+f.Fix) + " "
	for _, en := range []string{" the ", " you ", " your ", " is ", " with "} {
		if strings.Contains(low, en) {
			t.Errorf("English %q in %s advice: %+v", en, lang, f)
		}
	}
}

// TestLintDetectsTheLanguage: with no language named, a note is read in its
// own language; a note too short to tell in the user's first language.
func TestLintDetectsTheLanguage(t *testing.T) {
	for _, lang := range noteLanguages {
		c := lintCases[lang]
		for _, note := range []string{c.good, c.pitch, c.noContext} {
			if r := Lint(note, testTo, testMe, 0); r.Language != lang {
				t.Errorf("Lint(%q).Language = %q, want %q", note, r.Language, lang)
			}
		}
	}
	me := testMe
	me.Languages = []string{"nl", "de", "en"}
	if got := LintLanguage("", "Hi Jane,", me); got != "de" {
		t.Errorf("a greeting only, user writes nl, de: %q, want de", got)
	}
	if got := LintLanguage("it", lintCases["de"].good, me); got != "it" {
		t.Errorf("explicit it: %q", got)
	}
	if got := LintLanguage("", "", linkvet.Me{}); got != "en" {
		t.Errorf("nothing known: %q", got)
	}
}

// TestLintAdviceComplete: every language words every finding, with its
// figures filled in.
func TestLintAdviceComplete(t *testing.T) {
	for _, lang := range noteLanguages {
		nb := noteBooks()[lang]
		for key := range adviceSlots {
			a := nb.say(key, "{length}", "345", "{over}", "45", "{limit}", "300", "{quote}", `"x"`, "{caps}", "7",
				"{words}", "9", "{total}", "5", "{run}", "4", "{n}", "6")
			if a.Message == "" || a.Fix == "" || strings.ContainsAny(a.Message+a.Fix, "{}") {
				t.Errorf("%s %s: %+v", lang, key, a)
			}
		}
		r := LintIn(lang, strings.Repeat("Kafka ", 60)+"Acme.", testTo, testMe, FreeLimit)
		f, ok := hasRule(r, RuleTooLong)
		if !ok || !strings.Contains(f.Message, "365") || !strings.Contains(f.Message, "165") || !strings.Contains(f.Message, "200") {
			t.Errorf("%s too_long: %+v", lang, f)
		}
	}
}
