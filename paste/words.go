package paste

import (
	"regexp"
	"strings"

	"github.com/linkvet/linkvet/fold"
)

// The page words linkvet recognises, folded (lower case, no accents), in
// English, Spanish, French, German and Portuguese, with Italian and Dutch
// where they were cheap to add.

func set(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		m[fold.String(w)] = true
	}
	return m
}

var (
	ignoreWords = set("Ignore", "Ignorar", "Ignorer", "Ignorieren", "Ignora", "Negeren")
	acceptWords = set("Accept", "Aceptar", "Accepter", "Annehmen", "Akzeptieren", "Aceitar", "Accetta", "Accepteren")

	// stopWords start the suggestions under the invitations: nothing after
	// them is an invitation.
	stopPhrases = []string{
		"people you may know", "more suggestions for you", "personas que quiza conozcas",
		"vous connaissez peut-etre", "personnes que vous pourriez connaitre", "personen, die sie kennen konnten",
		"leute, die sie vielleicht kennen", "pessoas que talvez voce conheca", "persone che potresti conoscere",
		"mensen die u misschien kent", "people also viewed", "more profiles for you", "otros perfiles",
		"autres profils", "weitere profile", "outros perfis", "people you may know from",
	}

	// navWords are the page's chrome: menus, tabs, buttons and counters.
	navWords = set("Skip to main content", "Home", "My Network", "Jobs", "Messaging", "Notifications", "Me",
		"For Business", "Work", "Learning", "Search", "Invitations", "Manage", "Manage all", "See all", "Show all",
		"Received", "Sent", "Grow", "Catch up", "Manage my network", "Connections", "Contacts", "Following & followers",
		"Groups", "Events", "Pages", "Newsletters", "Hashtags", "People", "Message", "Connect", "Follow", "More",
		"Pending", "Withdraw", "Premium", "Try Premium for free", "Reactivate Premium", "Advertise", "Dismiss",
		"Inicio", "Mi red", "Empleos", "Mensajes", "Notificaciones", "Yo", "Para negocios", "Invitaciones",
		"Gestionar", "Ver todo", "Recibidas", "Enviadas", "Conectar", "Seguir", "Más", "Mensaje",
		"Accueil", "Réseau", "Mon réseau", "Emplois", "Messagerie", "Vous", "Pour les entreprises", "Gérer", "Tout afficher",
		"Reçues", "Envoyées", "Se connecter", "Suivre", "Plus", "Startseite", "Mein Netzwerk", "Nachrichten",
		"Mitteilungen", "Ich", "Für Unternehmen", "Einladungen", "Verwalten", "Alle anzeigen", "Erhalten", "Gesendet",
		"Vernetzen", "Folgen", "Mehr", "Nachricht", "Início", "Minha rede", "Vagas", "Mensagens", "Notificações", "Eu",
		"Para negócios", "Convites", "Gerenciar", "Ver tudo", "Recebidos", "Enviados", "Conectar", "Seguir", "Mais", "Mensagem",
		"Invitations received", "Invitation", "Pending invitations", "No pending invitations", "Load more", "Show more",
		"Show more results", "See more", "Ver más", "Voir plus", "Mehr anzeigen", "Ver mais",
		"Manage invitations", "Show all invitations", "Gestionar invitaciones", "Gérer les invitations",
		"Einladungen verwalten", "Gerenciar convites", "Gestisci inviti", "Uitnodigingen beheren",
		"Status is online", "Status is offline", "Status is reachable", "Hiring", "Open to work", "Premium member",
	)

	// verifiedWords are the badge's caption, which a copy keeps as a line.
	verifiedWords = set("Verified", "Verified profile", "Has a verification", "Verificado", "Perfil verificado",
		"Vérifié", "Profil vérifié", "Verifiziert", "Verifiziertes Profil", "Verificata", "Geverifieerd")
	navRe = regexp.MustCompile(`^(?:\d+\s*(?:new\s+)?(?:notifications?|notificaciones|notifications?|mitteilungen|notificacoes)|(?:invitations|invitaciones|invitations|einladungen|convites|see all|show all|ver todo|tout afficher|alle anzeigen|ver tudo|manage|gestionar|gerer|verwalten|gerenciar)\s*\(?\d*\)?|\(?\d+\)?|.*(?:profile picture|profile photo|profile image)|foto de perfil de .*|photo de profil de .*|profilbild von .*|try premium.*|.*premium for .*|page \d+ of \d+)$`)

	// reply lines close a note from 2025 on: "Reply to Alex".
	replyRe = regexp.MustCompile(`^(?:reply to|reply|responder a|repondre a|antworten an|antworten|rispondi a|reageren op)\b`)

	// sender lines: "Alex Kim is inviting you to connect", "Alex Kim follows
	// you and is inviting you to connect", and their translations.
	senderRe = regexp.MustCompile(`^(.+?)\s+(?:(follows you and )?is inviting you to connect|(te sigue y )?te (?:invita|ha invitado) a conectar|(vous suit et )?vous invite a (?:rejoindre son reseau|vous connecter)|(folgt ihnen und )?mochte sich mit ihnen vernetzen|(folgt dir und )?mochte sich mit dir vernetzen|(segue voce e )?(?:convidou voce|esta convidando voce) para se conectar|(ti segue e )?ti ha invitato a collegarti)\b`)

	mutualKeys  = []string{"mutual connection", "contacto en comun", "contactos en comun", "conexion en comun", "conexiones en comun", "relation en commun", "relations en commun", "gemeinsame kontakt", "gemeinsamer kontakt", "gemeinsame kontakte", "conexao em comum", "conexoes em comum", "collegamenti in comune", "collegamento in comune", "gemeenschappelijke connectie"}
	mutualJoin  = regexp.MustCompile(`\s*,\s*(?:and|y|et|und|e|en)\s+|\s*,\s*|\s+(?:and|y|et|und|e|en)\s+`)
	followersRe = regexp.MustCompile(`(?i)(\d[\d.,\s]*\d|\d)\s*([kKmM])?\+?\s+(?:followers|seguidores|abonnes|abonnés|follower|followerinnen|volgers)\b`)
	connRe      = regexp.MustCompile(`(?i)(\d[\d.,\s]*\d|\d)\s*(\+)?\s+(?:connections|contactos|conexiones|relations|kontakte|conexoes|conexões|collegamenti|connecties)\b`)
	degreeRe    = regexp.MustCompile(`(?i)^(?:·\s*)?(?:1st|2nd|3rd\+?|[123](?:º|er|e|\.|°)\+?)(?:\s+degree connection)?$`)
	pronounRe   = regexp.MustCompile(`(?i)^\(?(?:he|she|they|him|her|them|el|ella|elle|il|iel|er|sie|ele|ela|elu)/(?:him|her|them|his|hers|theirs|he|she|they|el|ella|elle|il|iel|ihm|ihr|sie|dele|dela|ela|ele|elu)\)?$`)
	contactRe   = regexp.MustCompile(`(?i)\s*·?\s*(?:contact info|informacion de contacto|información de contacto|coordonnees|coordonnées|kontaktinfo|kontaktinformationen|informacoes de contato|informações de contato|dati di contatto|contactgegevens)\s*$`)
)

// employment types follow a company's name in a role ("Acme · Full-time")
// or stand alone under it.
var employmentWords = set("Full-time", "Part-time", "Self-employed", "Freelance", "Contract", "Internship", "Apprenticeship",
	"Seasonal", "Permanent", "Jornada completa", "Jornada parcial", "Media jornada", "Autónomo", "Contrato temporal",
	"Prácticas", "Temps plein", "Temps partiel", "Indépendant", "Freelance", "CDI", "CDD", "Stage", "Alternance",
	"Vollzeit", "Teilzeit", "Selbstständig", "Freiberuflich", "Praktikum", "Befristet", "Tempo integral",
	"Meio período", "Autônomo", "Estágio", "Temporário", "Tempo pieno", "Part-time", "Stagista", "Fulltime", "Parttime")

// workplace types follow a role's location ("Berlin, Germany · Hybrid").
var workplaceWords = set("Hybrid", "On-site", "Remote", "Híbrido", "Presencial", "En remoto", "Remoto", "Hybride",
	"Sur site", "À distance", "Télétravail", "Vor Ort", "Remote", "In sede", "Da remoto", "Ibrido")

// profile sections, by heading.
type section int

const (
	secNone section = iota
	secAbout
	secExperience
	secEducation
	secSkills
	secLanguages
	secOther
	secStop
)

var sectionWords = func() map[string]section {
	m := map[string]section{}
	add := func(s section, words ...string) {
		for _, w := range words {
			m[fold.String(w)] = s
		}
	}
	add(secAbout, "About", "Acerca de", "Info", "Infos", "À propos", "Sobre", "Informazioni", "Over", "Summary")
	add(secExperience, "Experience", "Experiencia", "Expérience", "Berufserfahrung", "Erfahrung", "Experiência", "Esperienza", "Ervaring")
	add(secEducation, "Education", "Educación", "Formación", "Formation", "Ausbildung", "Formação acadêmica", "Formação", "Istruzione", "Formazione", "Opleiding")
	add(secSkills, "Skills", "Aptitudes", "Conocimientos", "Compétences", "Kenntnisse", "Competências", "Competenze", "Vaardigheden")
	add(secLanguages, "Languages", "Idiomas", "Langues", "Sprachen", "Lingue", "Talen")
	add(secOther, "Activity", "Actividad", "Activité", "Aktivität", "Aktivitäten", "Atividade", "Attività", "Activiteit",
		"Featured", "Destacado", "Sélection", "Im Fokus", "Destaques", "Licenses & certifications", "Licencias y certificaciones",
		"Licences et certifications", "Bescheinigungen und Zertifikate", "Licenças e certificados", "Volunteering", "Voluntariado",
		"Bénévolat", "Ehrenamt", "Projects", "Proyectos", "Projets", "Projekte", "Projetos", "Recommendations", "Recomendaciones",
		"Recommandations", "Empfehlungen", "Recomendações", "Interests", "Intereses", "Centres d'intérêt", "Interessen", "Interesses",
		"Honors & awards", "Reconocimientos y premios", "Distinctions", "Auszeichnungen", "Prêmios e homenagens",
		"Publications", "Publicaciones", "Publikationen", "Publicações", "Courses", "Cursos", "Cours", "Kurse",
		"Organizations", "Causes", "Patents", "Test scores", "Services", "Servicios", "Analytics", "Resources", "Recursos",
		"Ressources", "Ressourcen", "Open to work", "Suggested for you")
	return m
}()

func sectionOf(f string) section {
	if s, ok := sectionWords[f]; ok {
		return s
	}
	if isStop(f) {
		return secStop
	}
	return secNone
}

func isStop(f string) bool {
	for _, p := range stopPhrases {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// isNav reports whether a folded line is page chrome.
func isNav(f string) bool {
	return navWords[f] || navRe.MatchString(f)
}

// seeMore strips LinkedIn's "…see more" from the end of a cut text; cut
// reports whether it was there.
var seeMoreRe = regexp.MustCompile(`(?i)\s*(?:…|\.\.\.)?\s*(?:see more|more|ver más|ver mas|voir plus|plus|mehr anzeigen|mehr|ver mais|mais|altro|meer weergeven)\s*$`)

func stripSeeMore(s string) (string, bool) {
	if loc := seeMoreRe.FindStringIndex(s); loc != nil {
		tail := s[loc[0]:]
		// Bare "more"/"plus"/"mais" count only after an ellipsis.
		if strings.Contains(tail, "…") || strings.Contains(tail, "...") || strings.Contains(strings.ToLower(tail), "see more") ||
			strings.Contains(strings.ToLower(tail), "ver m") || strings.Contains(strings.ToLower(tail), "voir plus") ||
			strings.Contains(strings.ToLower(tail), "anzeigen") {
			return strings.TrimSpace(s[:loc[0]]), true
		}
	}
	if strings.HasSuffix(s, "…") {
		return strings.TrimSpace(strings.TrimSuffix(s, "…")), true
	}
	return s, false
}
