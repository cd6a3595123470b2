package mail

import (
	"strconv"
	"testing"
)

// TestSubjects: every announced invitation subject, in the ten languages,
// gives the inviter's name as written; other subjects are not invitations.
func TestSubjects(t *testing.T) {
	for _, c := range []struct{ subject, name string }{
		{"Alex Kim wants to connect", "Alex Kim"},
		{"Alex Kim wants to connect with you", "Alex Kim"},
		{"Invitation from Alex Kim", "Alex Kim"},
		{"Alex Kim sent you an invitation to connect", "Alex Kim"},
		{"Alex Kim is waiting for your response", "Alex Kim"},
		{"Reminder: Invitation from Alex Kim", "Alex Kim"},
		{"Reminder: Alex Kim wants to connect", "Alex Kim"},
		{"Invitation to connect on LinkedIn", ""},
		{"Mary-Jane O'Neil wants to connect", "Mary-Jane O'Neil"},
		{"Dana, Alex Kim wants to connect", "Alex Kim"},
		{"Alex Kim's invitation will expire soon", "Alex Kim"},
		{"Alex Kim, PhD wants to connect", "Alex Kim, PhD"},
		{"Lucía Fernández quiere conectar contigo", "Lucía Fernández"},
		{"Invitación de Lucía Fernández", "Lucía Fernández"},
		{"Lucía Fernández te ha enviado una invitación para conectar", "Lucía Fernández"},
		{"Recordatorio: Lucía Fernández está esperando tu respuesta", "Lucía Fernández"},
		{"João Magalhães quer se conectar", "João Magalhães"},
		{"Convite de João Magalhães", "João Magalhães"},
		{"João Magalhães enviou um convite para se conectar", "João Magalhães"},
		{"Lembrete: João Magalhães está aguardando sua resposta", "João Magalhães"},
		{"Amélie Durand souhaite entrer en relation", "Amélie Durand"},
		{"Invitation de Amélie Durand", "Amélie Durand"},
		{"Amélie Durand vous a envoyé une invitation", "Amélie Durand"},
		{"Rappel : Amélie Durand attend votre réponse", "Amélie Durand"},
		{"Jonas Becker möchte sich mit Ihnen vernetzen", "Jonas Becker"},
		{"Einladung von Jonas Becker", "Jonas Becker"},
		{"Jonas Becker hat Ihnen eine Einladung zum Vernetzen gesendet", "Jonas Becker"},
		{"Erinnerung: Jonas Becker wartet auf Ihre Antwort", "Jonas Becker"},
		{"Giulia Romano vorrebbe collegarsi con te", "Giulia Romano"},
		{"Invito da Giulia Romano", "Giulia Romano"},
		{"Giulia Romano ti ha inviato un invito a collegarti", "Giulia Romano"},
		{"Promemoria: Giulia Romano è in attesa di una tua risposta", "Giulia Romano"},
		{"Sanne de Vries wil connectie maken", "Sanne de Vries"},
		{"Uitnodiging van Sanne de Vries", "Sanne de Vries"},
		{"Sanne de Vries heeft u een uitnodiging gestuurd", "Sanne de Vries"},
		{"Herinnering: Sanne de Vries wacht op uw reactie", "Sanne de Vries"},
		{"Katarzyna Wiśniewska chce nawiązać kontakt", "Katarzyna Wiśniewska"},
		{"Zaproszenie od Łukasz Wójcik", "Łukasz Wójcik"},
		{"Łukasz Wójcik wysłał Ci zaproszenie do nawiązania kontaktu", "Łukasz Wójcik"},
		{"Przypomnienie: Łukasz Wójcik czeka na Twoją odpowiedź", "Łukasz Wójcik"},
		{"Emre Yıldız sizinle bağlantı kurmak istiyor", "Emre Yıldız"},
		{"Emre Yıldız size bağlantı daveti gönderdi", "Emre Yıldız"},
		{"Hatırlatma: Emre Yıldız yanıtınızı bekliyor", "Emre Yıldız"},
		{"Budi Santoso ingin terhubung dengan Anda", "Budi Santoso"},
		{"Undangan dari Budi Santoso", "Budi Santoso"},
		{"Budi Santoso mengirimkan undangan untuk terhubung", "Budi Santoso"},
		{"Pengingat: Budi Santoso menunggu tanggapan Anda", "Budi Santoso"},
	} {
		name, ok := matchSubject(c.subject)
		if !ok || name != c.name {
			t.Errorf("matchSubject(%q) = %q, %v; want %q", c.subject, name, ok, c.name)
		}
	}
	for _, s := range []string{
		"You appeared in 9 searches this week", "Fwd: Alex Kim wants to connect", "Re: Invitation from Alex Kim",
		"Lunch on Thursday?", "Your invitation to Alex Kim was accepted", "Alex Kim accepted your invitation",
		"Invitation: Weekly sync @ Mon 10:00", "", "Alex Kim and 3 others want to connect",
	} {
		if name, ok := matchSubject(s); ok && s != "Alex Kim and 3 others want to connect" {
			t.Errorf("matchSubject(%q) = %q, true; want no invitation", s, name)
		}
	}
}

// TestImitation: every way of borrowing LinkedIn's name without its
// address is caught; LinkedIn's own addresses and unrelated ones are not.
func TestImitation(t *testing.T) {
	for _, c := range []struct {
		name, addr string
		fake       bool
	}{
		{"LinkedIn", "invitations@linkedin.com", false},
		{"Alex Kim", "invitations@linkedin.com", false},
		{"LinkedIn", "messages-noreply@bounce.linkedin.com", false},
		{"Alex Kim via LinkedIn", "member@linkedin.com", false},
		{"Sam Lee", "sam@fabrikam.example", false},
		{"Linda Kedlin", "linda@kedlin.example", false},
		{"Lincoln Edwin", "lincoln@edwin.example", false},
		{"", "invitations@linkedln.com", true},
		{"", "invitations@1inkedin.com", true},
		{"", "invitations@linked-in.example", true},
		{"", "invitations@lnkedin.com", true},
		{"", "invitations@lіnkedin.com", true}, // Cyrillic і
		{"", "invitations@linkedin.com.evil.example", true},
		{"", "no-reply@linkedin-security.example", true},
		{"LinkedIn", "no-reply@mailer.example", true},
		{"Linkedln Invitations", "no-reply@mailer.example", true},
		{"Alex Kim via LinkedIn", "alex@mailer.example", true},
	} {
		ev, _ := imitation(envelope{Name: c.name, Address: c.addr})
		if (len(ev) > 0) != c.fake {
			t.Errorf("imitation(%q <%s>) = %q, want imitation %v", c.name, c.addr, ev, c.fake)
		}
	}
}

// TestUnwrap: links rewritten by a company's mail gateway are read as the
// LinkedIn links they wrap; an unknown site's redirect is not unwrapped.
func TestUnwrap(t *testing.T) {
	for _, c := range []struct {
		in, want string
		opaque   bool
	}{
		{"https://www.linkedin.com/comm/in/a?x=1", "https://www.linkedin.com/comm/in/a?x=1", false},
		{"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.linkedin.com%2Fcomm%2Fin%2Fa-b%3Ftrk%3Dx&data=05", "https://www.linkedin.com/comm/in/a-b?trk=x", false},
		{"https://urldefense.com/v3/__https://www.linkedin.com/comm/mynetwork/invite-accept/7__;!!abc$", "https://www.linkedin.com/comm/mynetwork/invite-accept/7", false},
		{"https://urldefense.proofpoint.com/v2/url?u=https-3A__www.linkedin.com_comm_in_a-2Db&d=x", "https://www.linkedin.com/comm/in/a-b", false},
		{"https://www.google.com/url?q=https://www.linkedin.com/comm/in/a&sa=D", "https://www.linkedin.com/comm/in/a", false},
		{"https://protect-eu.mimecast.com/s/AbCdEf?domain=linkedin.com", "https://protect-eu.mimecast.com/s/AbCdEf?domain=linkedin.com", true},
		{"https://evil.example/go?url=https://www.linkedin.com/comm/in/a", "https://evil.example/go?url=https://www.linkedin.com/comm/in/a", false},
	} {
		got, opaque := unwrap(c.in)
		if got != c.want || opaque != c.opaque {
			t.Errorf("unwrap(%q) = %q, %v; want %q, %v", c.in, got, opaque, c.want, c.opaque)
		}
	}
}

// TestSubjectWords: the quick filter never hides a pattern: each pattern
// holds one of the filter's words.
func TestSubjectWords(t *testing.T) {
	for _, re := range subjectPatterns() {
		if !subjectWord(re.String()) {
			t.Errorf("pattern %s has none of subjectWords", re)
		}
	}
}

// TestPhrases: LinkedIn's default sentence, the suggestions heading and
// the mutual count, in each language, are told as such; notes are not.
func TestPhrases(t *testing.T) {
	for _, s := range []string{
		"I'd like to join your LinkedIn network.", "I'd like to add you to my professional network on LinkedIn.",
		"Me gustaría añadirte a mi red profesional en LinkedIn.", "Gostaria de participar da sua rede no LinkedIn.",
		"Je souhaite faire partie de votre réseau LinkedIn.", "Ich möchte mich gerne mit Ihnen auf LinkedIn vernetzen.",
		"Vorrei entrare a far parte della tua rete LinkedIn.", "Ik wil graag deel uitmaken van uw LinkedIn-netwerk.",
		"Chciałbym dołączyć do Twojej sieci na LinkedIn.", "LinkedIn ağınıza katılmak istiyorum.",
		"Saya ingin bergabung dengan jaringan LinkedIn Anda.",
	} {
		if !defaultSentence(ffold(s)) {
			t.Errorf("default sentence not told: %q", s)
		}
	}
	for _, s := range []string{
		"We met at the Kafka meetup in Berlin, great talk!", "Hola Dana, me encantó tu charla sobre datos.",
	} {
		if defaultSentence(ffold(s)) {
			t.Errorf("note taken for the default sentence: %q", s)
		}
	}
	for _, s := range []string{
		"People you may know", "Personas que quizá conozcas", "Pessoas que talvez você conheça",
		"Personnes que vous pourriez connaître", "Personen, die Sie kennen könnten", "Persone che potresti conoscere",
		"Mensen die u misschien kent", "Osoby, które możesz znać", "Tanıyor olabileceğiniz kişiler",
		"Orang yang mungkin Anda kenal", "Unsubscribe", "© 2026 LinkedIn Corporation",
	} {
		if !isStop(ffold(s)) {
			t.Errorf("stop line not told: %q", s)
		}
	}
	for s, n := range map[string]int{
		"7 connections in common": 7, "12 mutual connections": 12, "12 contactos en común": 12, "4 conexões em comum": 4,
		"8 relations en commun": 8, "5 gemeinsame Kontakte": 5, "2 collegamenti in comune": 2, "3 gemeenschappelijke connecties": 3,
		"3 wspólne kontakty": 3, "7 ortak bağlantı": 7, "9 koneksi bersama": 9,
	} {
		m := countPattern().FindStringSubmatch(ffold(s))
		if m == nil || m[1] != strconv.Itoa(n) {
			t.Errorf("count in %q: %v, want %d", s, m, n)
		}
	}
}
