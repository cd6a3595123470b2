package mail

import (
	"regexp"
	"strings"
	"sync"

	"github.com/linkvet/linkvet/fold"
)

// The words LinkedIn's invitation mails are made of, in the ten languages
// linkvet reads (en, es, pt, fr, de, it, nl, pl, tr, id). They were written
// for this reader from the structure of the mails, not copied: each list
// names a kind of line, and the reader decides by kind, so a wording
// LinkedIn changes next year still falls into the right kind as long as a
// few words stay. Patterns are matched against folded text (package fold:
// lower case, accents removed, look-alike letters mapped), so they are
// written without accents.

// subjectPatterns recognise a subject line that announces one invitation;
// the group "n" captures the inviter's name (empty when the subject names
// nobody, as 2010s "Invitation to connect on LinkedIn" did).
var subjectPatterns = sync.OnceValue(func() []*regexp.Regexp {
	return compile(
		// en
		`(?P<n>[^:]+?) wants to connect( with you)?( on linkedin)?`,
		`(?P<n>[^:]+?) would like to connect( with you)?( on linkedin)?`,
		`invitation from (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) sent you an invitation( to connect)?( on linkedin)?`,
		`(?P<n>[^:]+?) (has )?invited you to connect( on linkedin)?`,
		`(?P<n>[^:]+?) is waiting for your response`,
		`(?P<n>[^:]+?)'?s invitation is (still )?waiting( for your response)?`,
		`(?P<n>[^:]+?) requested to add you as a connection( on linkedin)?`,
		`invitation to connect on linkedin`,
		`(?P<n>[^:]+?) wants to be part of your network`,
		`(?P<n>[^:]+?)'?s invitation (will expire soon|expires soon|is about to expire|will expire)`,
		// es
		`(?P<n>[^:]+?) quiere (conectar(se)?|contactar) contigo( en linkedin)?`,
		`(?P<n>[^:]+?) quiere conectar(se)?`,
		`invitacion de (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) te (ha )?(enviado|envio) una invitacion( para conectar)?( en linkedin)?`,
		`(?P<n>[^:]+?) te (ha )?invitado a conectar(te)?`,
		`(?P<n>[^:]+?) (esta esperando|espera) (tu|su) respuesta`,
		`invitacion para conectar(se)? en linkedin`,
		// pt
		`(?P<n>[^:]+?) (quer|gostaria de) se conectar( com voce)?( no linkedin)?`,
		`convite de (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) (te |lhe )?enviou um convite( para se conectar)?( no linkedin)?`,
		`(?P<n>[^:]+?) (te |lhe )?convidou para se conectar`,
		`(?P<n>[^:]+?) (esta aguardando|aguarda) (a )?sua resposta`,
		`convite para se conectar no linkedin`,
		// fr
		`(?P<n>[^:]+?) (souhaite|aimerait|voudrait) (entrer en relation|se connecter)( avec vous)?( sur linkedin)?`,
		`invitation de (la part de )?(?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) vous a (envoye|adresse) une invitation( a (se connecter|entrer en relation))?( sur linkedin)?`,
		`(?P<n>[^:]+?) vous invite a (se connecter|entrer en relation)`,
		`(?P<n>[^:]+?) attend votre reponse`,
		`invitation a (se connecter|entrer en relation) sur linkedin`,
		// de
		`(?P<n>[^:]+?) mochte sich (gerne )?mit (ihnen|dir) vernetzen`,
		`(?P<n>[^:]+?) mochte (sich )?(mit ihnen |mit dir )?vernetzen`,
		`(?P<n>[^:]+?) mochte ihr kontakt (auf linkedin )?werden`,
		`einladung von (?P<n>[^:]+?)`,
		`kontaktanfrage von (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) hat (ihnen|dir) eine (kontaktanfrage|einladung)( zum vernetzen)? (gesendet|geschickt)`,
		`(?P<n>[^:]+?) wartet auf (ihre|deine) antwort`,
		`einladung zum vernetzen auf linkedin`,
		// it
		`(?P<n>[^:]+?) (vorrebbe|vuole|desidera) collegarsi( con te)?( su linkedin)?`,
		`invito (da|di) (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) ti ha (inviato|mandato) un invito( a collegarti)?( su linkedin)?`,
		`(?P<n>[^:]+?) (e in attesa di una tua risposta|attende la tua risposta)`,
		`invito a collegarsi su linkedin`,
		// nl
		`(?P<n>[^:]+?) wil (graag )?(met u |met je )?(connectie maken|connecten|verbinden)`,
		`uitnodiging van (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) heeft (u|je) een uitnodiging( om te connecten| om connectie te maken)? (gestuurd|verzonden)`,
		`(?P<n>[^:]+?) wacht op (uw|je) (reactie|antwoord)`,
		`uitnodiging om connectie te maken op linkedin`,
		// pl
		`(?P<n>[^:]+?) chce (nawiazac kontakt|sie polaczyc|dodac cie do kontaktow)`,
		`zaproszenie od (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) (wyslal|wyslala|wysłal\(a\)|przeslal|przeslala)( ci)? zaproszenie( do (nawiazania kontaktu|sieci kontaktow))?`,
		`(?P<n>[^:]+?) czeka na (twoja|pani|pana) odpowiedz`,
		`zaproszenie do nawiazania kontaktu na linkedin`,
		// tr
		`(?P<n>[^:]+?) (sizinle )?baglanti kurmak istiyor`,
		`(?P<n>[^:]+?) (adli kisiden|kisisinden|tarafindan) (davet|baglanti daveti)`,
		`(?P<n>[^:]+?) size (bir )?baglanti daveti gonderdi`,
		`(?P<n>[^:]+?) (yanitinizi|cevabinizi) bekliyor`,
		`linkedin'de baglanti daveti`,
		// id
		`(?P<n>[^:]+?) ingin terhubung( dengan anda)?( di linkedin)?`,
		`undangan dari (?P<n>[^:]+?)`,
		`(?P<n>[^:]+?) (telah )?mengirim(kan)? (anda )?undangan( untuk terhubung)?`,
		`(?P<n>[^:]+?) menunggu (tanggapan|balasan) anda`,
		`undangan untuk terhubung di linkedin`,
	)
})

// subjectWords: every subject pattern contains one of these, so a subject
// without any is not an invitation and the patterns need not be tried.
var subjectWords = []string{
	"connect", "invit", "waiting", "network", "conect", "contigo", "respuesta", "convite", "resposta",
	"relation", "reponse", "vernetz", "einladung", "kontakt", "antwort", "collega", "risposta",
	"connectie", "verbind", "uitnodiging", "reactie", "zaprosz", "odpowiedz", "polacz", "baglanti",
	"davet", "yanit", "cevab", "terhubung", "undangan", "tanggapan", "balasan",
	"antwoord", "wacht", "wartet", "attend", "espera", "aguard", "czeka", "bekliyor", "menunggu",
}

func subjectWord(f string) bool {
	for _, w := range subjectWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

// reminderPrefix is the prefix a reminder puts before an invitation
// subject ("Reminder: Invitation from ...").
var reminderPrefix = regexp.MustCompile(`^(reminder|recordatorio|lembrete|rappel|erinnerung|promemoria|herinnering|przypomnienie|hatirlatma|pengingat)\s*:\s*`)

// ffold folds text for matching against the tables above: package fold,
// plus the few letters that compatibility decomposition leaves alone but
// that the tables write plainly (Polish ł, German ß).
func ffold(s string) string {
	if strings.ContainsAny(s, "łŁß") {
		s = foldExtra.Replace(s)
	}
	return fold.String(s)
}

var foldExtra = strings.NewReplacer("ł", "l", "Ł", "L", "ß", "ss")

func compile(patterns ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(patterns))
	for i, p := range patterns {
		out[i] = regexp.MustCompile(`^` + p + `[.!]?$`)
	}
	return out
}

// matchSubject reports whether a subject announces one invitation, and the
// name it gives. The subject is folded before matching; the name is cut
// from the subject as written, so accents and capitals survive.
func matchSubject(subject string) (name string, ok bool) {
	s := strings.TrimSpace(subject)
	f := ffold(s)
	// Folding can change lengths (ß, ligatures); when it does, the name is
	// taken from the folded text only if the raw text has no match.
	for {
		loc := reminderPrefix.FindStringIndex(f)
		if loc == nil {
			break
		}
		f = f[loc[1]:]
		if i := strings.IndexByte(s, ':'); i >= 0 {
			s = strings.TrimSpace(s[i+1:])
		}
	}
	f = strings.TrimRight(f, " .!")
	if !subjectWord(f) {
		return "", false // most mail: no pattern can match
	}
	for _, re := range subjectPatterns() {
		m := re.FindStringSubmatchIndex(f)
		if m == nil {
			continue
		}
		gi := re.SubexpIndex("n")
		if gi < 0 || m[2*gi] < 0 {
			return "", true
		}
		name := nameFrom(s, f, m[2*gi], m[2*gi+1])
		// "Dana, Alex Kim wants to connect": the first word and its comma
		// address the reader.
		if m := addressed.FindStringSubmatch(name); m != nil {
			name = m[1]
		}
		return name, true
	}
	return "", false
}

// nameFrom maps the span [start,end) of the folded subject back to the
// subject as written. Names sit at the start or the end of every pattern,
// so the span is taken by its word count from that end.
func nameFrom(raw, folded string, start, end int) string {
	name := strings.TrimSpace(folded[start:end])
	words := len(strings.Fields(name))
	rw := strings.Fields(strings.TrimRight(raw, " .!"))
	if words == 0 || words > len(rw) {
		return ""
	}
	var out string
	if start == 0 {
		out = strings.Join(rw[:words], " ")
	} else {
		out = strings.Join(rw[len(rw)-words:], " ")
	}
	out = strings.TrimSuffix(strings.TrimSuffix(out, "'s"), "’s")
	if ffold(out) != name {
		// The raw words do not line up (a ligature, a split word): the
		// folded name is still right, only its capitals are lost.
		return name
	}
	return out
}

var addressed = regexp.MustCompile(`^[\p{L}'-]+, (\p{L}.*)$`)

// viaLinkedIn strips the " via LinkedIn" LinkedIn puts after a member's
// name in the From display name of mails it sends on their behalf.
var viaLinkedIn = regexp.MustCompile(`(?i)\s+(via|uber|über|a traves de|a través de|por meio do|por|par|tramite|przez|melalui|aracılığıyla|araciligiyla|op)\s+linkedin\s*$`)

// countPattern reads "N connections in common" and its translations.
var countPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:^|\b)(\d{1,5})\+?\s+(?:` + strings.Join([]string{
		`(?:mutual|shared) connections?`, `connections? in common`, `mutual`, // en
		`(?:contactos?|conexiones?|contatos?|conexoes?|conexao) (?:en|em) comu[nm]`, `(?:contactos?|conexiones?) mutu[oa]s?`, // es, pt
		`relations? en commun`, `relations? communes?`, // fr
		`gemeinsamen? kontakte?`, `kontakte? gemeinsam`, // de
		`collegamenti in comune`, `collegamento in comune`, `collegamenti comuni`, // it
		`gemeenschappelijke connecties?`, `connecties? gemeenschappelijk`, `gedeelde connecties?`, // nl
		`wspoln(?:y|e|ych) (?:kontakt(?:y|ow)?|znajom(?:y|ych|i))`, // pl
		`ortak baglanti`,                       // tr
		`koneksi bersama`, `koneksi yang sama`, // id
	}, "|") + `)`)
})

// oneCount reads "one connection in common", "a mutual connection".
var oneCount = regexp.MustCompile(`^(?:one|a|1) (?:mutual|shared) connection|^one connection in common`)

// stopLines start the parts of a mail that are never about the inviter:
// suggestions of other people, and the footer. Everything from the first
// one on is ignored, so a suggested person is never read as the inviter.
var stopLines = []string{
	// suggestions
	"people you may know", "more people you may know", "others you may know", "you may also know",
	"people also viewed", "suggested for you", "more suggestions", "grow your network", "expand your network",
	"personas que quiza conozcas", "personas que quizas conozcas", "gente que quiza conozcas", "otras personas que quiza conozcas",
	"pessoas que talvez voce conheca", "outras pessoas que talvez voce conheca",
	"personnes que vous pourriez connaitre", "vous connaissez peut-etre", "autres personnes que vous pourriez connaitre",
	"personen, die sie kennen konnten", "leute, die sie vielleicht kennen", "personen, die du kennen konntest", "das konnte sie auch interessieren",
	"persone che potresti conoscere", "altre persone che potresti conoscere",
	"mensen die u misschien kent", "mensen die je misschien kent", "mensen die je mogelijk kent",
	"osoby, ktore moga byc ci znane", "osoby, ktore mozesz znac", "osoby ktore mozesz znac",
	"taniyor olabileceginiz kisiler", "taniyor olabileceginiz diger kisiler",
	"orang yang mungkin anda kenal", "orang lain yang mungkin anda kenal",
	// footers
	"this email was intended for", "this e-mail was intended for", "you are receiving", "you received this",
	"this is an occasional email", "learn why we included this", "unsubscribe", "did you know",
	"este correo electronico iba dirigido a", "este email era para", "este e-mail foi enviado para", "cet e-mail etait destine a",
	"diese e-mail ist fur", "diese e-mail war fur", "questa email e stata inviata a", "deze e-mail was bedoeld voor",
	"ten e-mail byl przeznaczony dla", "bu e-posta", "email ini ditujukan untuk",
	"cancelar suscripcion", "darse de baja", "cancelar inscricao", "se desabonner", "se desinscrire", "abmelden", "abbestellen",
	"annulla iscrizione", "afmelden", "wypisz sie", "anuluj subskrypcje", "abonelikten cik", "berhenti berlangganan",
	"© ", "(c) 20", "linkedin corporation", "linkedin ireland",
}

// footerWords end the useful text wherever they appear in a line: the
// unsubscribe sentence and the "intended for" notice are always footer,
// however the line around them starts.
var footerWords = []string{
	"unsubscribe", "this email was intended for", "this e-mail was intended for", "you are receiving",
	"darse de baja", "cancelar la suscripcion", "cancelar inscricao", "cancelar assinatura", "se desabonner", "se desinscrire",
	"abbestellen", "abmelden", "annulla iscrizione", "annullare l'iscrizione", "afmelden", "wypisz sie", "anuluj subskrypcje",
	"abonelikten cik", "abonelikten ayril", "berhenti berlangganan",
}

// defaultSentence tells the sentence LinkedIn writes when the inviter
// adds no note: it speaks of joining or adding to a LinkedIn network and
// is short. A personal note that happens to say the same is as empty.
func defaultSentence(f string) bool {
	if len(f) > 120 || !strings.Contains(f, "linkedin") {
		return false
	}
	for _, w := range networkWords {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

var networkWords = []string{"network", "red ", "red.", "rede ", "rede.", "reseau", "netzwerk", "rete ", "rete.", "netwerk", "sieci", "siec ", "agim", "aginiza", "agina", "jaringan", "connect", "conect", "vernetz", "collegar", "kontakt", "baglanti", "terhubung", "relation"}

// greeting tells a salutation line ("Hi Dana,", "Hallo Dana,", "Dana,").
var greeting = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(?:hi|hello|hey|dear|hola|ola|oi|prezado|prezada|querido|querida|estimado|estimada|bonjour|salut|cher|chere|hallo|guten tag|liebe|lieber|sehr geehrte|ciao|salve|gentile|caro|cara|beste|hoi|dag|czesc|witaj|dzien dobry|merhaba|selam|sayin|halo|hai|yth)(?: [\p{L}'.-]+){0,3} ?[,!:]?|[\p{L}'-]+(?: [\p{L}'-]+)?,)$`)
})

// labelWords name links and buttons: lines made of them are page chrome,
// never a note.
var labelWords = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:accept|ignore|decline|reply|view|see|connect|respond|accept invitation|view profile|view invitation|see all invitations|aceptar|ignorar|responder|ver perfil|ver invitacion|aceitar|ver convite|accepter|ignorer|voir le profil|repondre|annehmen|bestatigen|ignorieren|profil anzeigen|antworten|accetta|ignora|visualizza profilo|rispondi|accepteren|negeren|profiel bekijken|beantwoorden|akceptuj|zignoruj|wyswietl profil|odpowiedz|kabul et|yoksay|profili goruntule|yanitla|terima|abaikan|lihat profil|balas)\b`)
})

// acceptLabel tells a link whose text says Accept.
var acceptLabel = regexp.MustCompile(`\b(?:accept|aceptar|aceitar|accepter|annehmen|bestatigen|accetta|accettare|accepteren|akceptuj|zaakceptuj|kabul|terima)\b`)

// inviteWords are the words of the lines LinkedIn writes around the
// inviter's name ("Alex Kim wants to connect", "Alex Kim's invitation is
// waiting for your response"): a short line with the name and one of these
// is page chrome, not the note.
var inviteWords = []string{"invit", "connect", "conect", "conex", "contact", "verbind", "vernetz", "kontakt", "collega", "baglanti", "terhubung", "relation", "respon", "wait", "esper", "aguard", "attend", "wartet", "attesa", "wacht", "czeka", "bekliyor", "menunggu", "convite", "einladung", "invito", "uitnodig", "zaprosz", "davet", "undang", "linkedin", "message", "mensaje", "mensagem", "nachricht", "messaggio", "bericht", "wiadomosc", "mesaj", "pesan", "note"}

// chromeLines are LinkedIn's own short lines that name no one: page
// titles, "you have an invitation", "view in browser".
var chromeLines = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` + strings.Join([]string{
		`(?:you have|you've got|tienes|tiene|voce tem|vous avez|sie haben|du hast|hai|u hebt|je hebt|masz|anda memiliki|bir) (?:an?|una|um|une|eine|un|een|\d+|yeni)? ?(?:new |nueva |nova |nouvelle |neue |nuova |nieuwe |nowe |baru )?(?:invitations?|invitacion(?:es)?|convites?|einladungen?|inviti?|uitnodigingen?|zaproszeni[ea]|davet|undangan)`,
		`(?:view|open|read|see) (?:this )?(?:e-?mail |message )?(?:in|on) (?:your |a )?(?:web )?browser`,
		`(?:ver|abrir|afficher|anzeigen|visualizza|bekijk|zobacz|goruntule|lihat) .{0,30}(?:navegador|navigateur|browser|przegladarce|tarayici)`,
		`(?:invitations?|invitacion(?:es)?|convites?|einladungen?|invit[io]|uitnodigingen?|zaproszeni[ea]|davetler?|undangan|my network|mi red|minha rede|mon reseau|mein netzwerk|la mia rete|mijn netwerk|moja siec|agim|jaringan saya)`,
		`(?:see|view) all(?: pending)? invitations`,
		`linkedin(?: corporation| ireland(?: unlimited company)?)?`,
	}, "|") + `)[.!]?$`)
})

// mutualNamed reads the forms that name mutual connections: "Jo Park and
// 6 other mutual connections", "Jo Park is a mutual connection", "Jo Park
// and Sam Lee are mutual connections".
var (
	mutualAndOthers = regexp.MustCompile(`^(.+?) and (\d{1,5}) others? (?:mutual|shared) connections?$`)
	mutualOne       = regexp.MustCompile(`^(.+?) is a (?:mutual|shared) connection$`)
	mutualTwo       = regexp.MustCompile(`^(.+?) and (.+?) are (?:mutual|shared) connections$`)
)
