package screen

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

func TestPhoneNumber(t *testing.T) {
	tests := []struct{ note, want string }{
		{"write me on +34 612 345 678 please", "+34 612 345 678"},
		{"call 0049 (30) 1234-5678", "0049 (30) 1234-5678"},
		{"my number 612345678", "612345678"},
		{"رقمي ٠٥٠١٢٣٤٥٦٧", "٠٥٠١٢٣٤٥٦٧"},
		{"मेरा नंबर +९१ ९८७६५ ४३२१०", "+९१ ९८७६५ ४३२१०"},
		{"I worked there 2019-2023 and 2024", ""},
		{"we raised $12,500,000 last year", ""},
		{"our 3 teams ship 20 releases", ""},
		{"revenue of 1.000.000.000 €", ""},
	}
	for _, tt := range tests {
		if got := phoneNumber(tt.note); got != tt.want {
			t.Errorf("phoneNumber(%q) = %q, want %q", tt.note, got, tt.want)
		}
	}
}

func TestMoneyPromises(t *testing.T) {
	e := New(nil)
	tests := []struct {
		note   string
		weight int // 0: nothing found
	}{
		{"Earn $500 per week from home", 2},
		{"ganancias de 5% al día garantizadas", 3},
		{"Verdienen Sie 300 € pro Woche", 2},
		{"rendimento de 10 % ao mês", 2},
		{"kazanç günlük 2000 TL", 2},
		{"۵۰۰ دولار يوميا", 2},
		{"٥٠٠ دولار يوميا", 2},
		{"salary of 4,000 EUR per month", 1},
		{"ganho mais de 2 mil reais por mês", 1},
		{"earn 5 thousand dollars every week", 2},
		{"1500 USDT weekly profit", 2},
		{"We grew 40% last year", 0},
		{"I have 12 years of experience and 3 kids", 0},
		{"Tickets cost $20 at the door", 0},
	}
	for _, tt := range tests {
		got := e.moneyPromises(tt.note)
		w := 0
		for _, m := range got {
			w = max(w, m.weight)
		}
		if w != tt.weight {
			t.Errorf("moneyPromises(%q) = %+v, want weight %d", tt.note, got, tt.weight)
		}
	}
}

// TestHandoffs: a move off LinkedIn is seen in any script or spelling.
func TestHandoffs(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	tests := []struct {
		note string
		want bool
	}{
		{"Escríbeme por WhatsApp, es más fácil", true},
		{"напишите мне в ватсап", true},
		{"تواصل معي على واتساب", true},
		{"加我微信聊聊", true},
		{"Schreib mir auf Telegram", true},
		{"mi número es +52 55 1234 5678", true},
		{"details at wa.me/5215512345678", true},
		{"chat on hangouts?", true},
		{"Looking forward to your talk on signal processing", false},
		{"We should line up a meeting at the conference", false},
		{"Loved your article on event streaming", false},
	}
	for _, tt := range tests {
		f := e.facts(&linkvet.Invitation{Message: tt.note, Person: linkvet.Person{Name: "X"}}, now, false)
		if got := len(f.handoffs) > 0; got != tt.want {
			t.Errorf("handoffs(%q) = %q, want found=%v", tt.note, f.handoffs, tt.want)
		}
	}
}

// TestNameOddity: look-alike letters mixed into a word, styled letters and
// direction controls are signs of a fake; a name wholly in another script
// is a name.
func TestNameOddity(t *testing.T) {
	tests := []struct {
		name string
		want evidence
	}{
		{"Иван Петров", evNone},
		{"Γιώργος Παπαδόπουλος", evNone},
		{"محمد العلي", evNone},
		{"王小明", evNone},
		{"佐藤 ひろし", evNone},
		{"김민준", evNone},
		{"Işık Yılmaz", evNone},
		{"José María García-Núñez", evNone},
		{"Zoë O'Brien", evNone},
		{"Аnna Smith", evOddName},  // Cyrillic А in a Latin word
		{"Jοhn Carter", evOddName}, // Greek ο
		{"𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡", evOddName},
		{"ＪＯＨＮ Smith", evOddName},
		{"ᴊᴏʜɴ Smith", evOddName},
		{"John Smith 2", evOddName},
		{"John 🚀 Smith", evOddName},
		{"Maria\u202eztiw", evBidiName},
		{"\u2067Ana Ruiz\u2069", evBidiName},
	}
	for _, tt := range tests {
		f := New(nil).facts(&linkvet.Invitation{Person: linkvet.Person{Name: tt.name}}, now, false)
		why, got := nameOddity(tt.name, f.nameWords)
		if got != tt.want {
			t.Errorf("nameOddity(%q) = %v (%s), want %v", tt.name, got, why, tt.want)
		}
	}
}

// TestGreeting: a note greeting someone else by name was meant for someone
// else; greeting the user, a short form of their name or "team" is not.
func TestGreeting(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy)) // me: Dana Weber
	tests := []struct {
		note  string
		other bool
	}{
		{"Hi Dana, loved your talk on Kafka", false},
		{"Hello dana! great post", false},
		{"Dear Ms Weber, I read your paper", false},
		{"Hi Dan, great meeting you", false},
		{"Hi team, we are hiring", false},
		{"Hey, hope you are well", false},
		{"Hi there, let's connect", false},
		{"Hi Michael, great meeting you at the summit", true},
		{"Hola Capitán, me encantó tu perfil", true},
		{"Bonjour Sophie, ravi de vous rencontrer", true},
		{"Hi, I am Tom from Acme", false},
		{"Hello Data Engineers, we are hiring", false},
		{"Hey Kafka fan, nice post", false},
		{"Hi Michael Brown! Great meeting you", false}, // missed on purpose: see capitalised
		{"Hi Michael\nGreat meeting you", true},
		{"مرحبا دانا، قرأت مقالك", false}, // Dana in Arabic letters
		{"Привет, Дана! Читала вашу статью", false},
	}
	for _, tt := range tests {
		f := e.facts(&linkvet.Invitation{Message: tt.note, Person: linkvet.Person{Name: "X"}}, now, false)
		if f.greetsOther != tt.other {
			t.Errorf("%q: greetsOther = %v (name %q), want %v", tt.note, f.greetsOther, f.greetName, tt.other)
		}
	}
	// Someone else's name: not personal, intent mistake.
	v := e.Screen(inv(t, `{"message":"Hi Michael, great meeting you at the summit last week, let's stay in touch!","person":{"name":"Lee Park","photo":"real"},"mutual_connections":2}`), now)
	if v.Checklist.PersonalNote || v.Intent != linkvet.Mistake || !hasReason(v, "meant_for_someone_else") || v.Action == linkvet.Accept {
		t.Errorf("note for someone else: %s %s personal=%v%s", v.Action, v.Intent, v.Checklist.PersonalNote, reasons(v))
	}
}

// TestImpersonation: a sender using a known contact's name from another
// profile, or saying the old account was lost, is declined and reported,
// that reason first; the real contact is accepted.
func TestImpersonation(t *testing.T) {
	people := []linkvet.KnownPerson{
		{Name: "Priya Raman", ProfileURL: "https://www.linkedin.com/in/priya-raman-42", Company: "Northwind Analytics", Sources: []string{"connection"}},
		{Name: "Tomás Ibáñez", Email: "tomas@fabrikam.example", Sources: []string{"contact"}},
		{Name: "No Url", Sources: []string{"message"}},
	}
	e := New(loadPolicy(t, danaPolicy), WithKnownPeople(people))
	tests := []struct {
		name, inv string
		impostor  bool
	}{
		{"same name, new URL, shares the employer", `{"message":"Hi Dana, this is Priya, can we talk?","person":{"name":"Priya Raman","profile_url":"https://www.linkedin.com/in/priya-raman-official","company":"Northwind Analytics","photo":"real"},"mutual_connections":9}`, true},
		{"styled name, new URL", `{"person":{"name":"𝐏𝐫𝐢𝐲𝐚 𝐑𝐚𝐦𝐚𝐧","profile_url":"https://www.linkedin.com/in/pr-2026"}}`, true},
		{"accents and e-mail differ", `{"person":{"name":"Tomas Ibanez","emails":["tomas.ibanez@gmail.com"],"profile_url":"https://www.linkedin.com/in/t-ibanez"}}`, true},
		{"lost account story, Spanish speaker in English", `{"message":"Hi Dana, I lost access to my old account, please accept this one","person":{"name":"Maria Lopez","profile_url":"https://www.linkedin.com/in/ml-new"}}`, true},
		{"the real Priya", `{"message":"Hi Dana!","person":{"name":"Priya Raman","profile_url":"https://linkedin.com/in/priya-raman-42/"}}`, false},
		{"the real Tomás by e-mail", `{"person":{"name":"Tomás Ibáñez","emails":["Tomas@Fabrikam.example"]}}`, false},
		{"a namesake of someone without URL", `{"person":{"name":"No Url","profile_url":"https://www.linkedin.com/in/nourl"}}`, false},
		{"same name, nothing to compare", `{"person":{"name":"Priya Raman"}}`, false},
	}
	for _, tt := range tests {
		v := e.Screen(inv(t, tt.inv), now)
		got := v.Category == linkvet.Fake && v.Action == linkvet.Decline && v.Report && v.Reasons[0].Rule == "impersonation"
		if got != tt.impostor {
			t.Errorf("%s: %s/%s report=%v%s", tt.name, v.Action, v.Category, v.Report, reasons(v))
		}
		if tt.impostor && hasReason(v, "common_ground") {
			t.Errorf("%s: an impostor earns common ground%s", tt.name, reasons(v))
		}
	}
	// Someone on the known list may tell of their old account.
	if v := e.Screen(inv(t, `{"message":"Hi Dana, my old account was hacked, this is me","person":{"name":"Sam Old","profile_url":"https://www.linkedin.com/in/some-former-colleague"}}`), now); v.Action != linkvet.Accept {
		t.Errorf("known person telling of an old account: %s%s", v.Action, reasons(v))
	}
	// Impersonation with scam talk is a scammer, impersonation still first.
	v := e.Screen(inv(t, `{"message":"Dana it's Priya, my account was hacked, send me a gift card urgently and verify your account here bit.ly/x","person":{"name":"Priya Raman","profile_url":"https://www.linkedin.com/in/priya-r"}}`), now)
	if v.Category != linkvet.Scammer || v.Action != linkvet.Block || !v.Report || v.Reasons[0].Rule != "impersonation" {
		t.Errorf("impostor with scam: %s/%s%s", v.Action, v.Category, reasons(v))
	}
}

// TestCategoryByRelation: a sales or recruiting title at the user's own
// company or in the user's own line of work is a peer's.
func TestCategoryByRelation(t *testing.T) {
	salesUser := loadPolicy(t, `
me:
  name: Riley Moss
  headline: Account Executive at Tailspin
  companies: [Tailspin]
  industries: [Software Development]
`)
	engineer := loadPolicy(t, danaPolicy)
	tests := []struct {
		name   string
		pol    bool // true: the sales user
		inv    string
		want   linkvet.Category
		intent linkvet.Intent
	}{
		{"fellow account executive", true, `{"message":"Hi Riley, I'm an AE too, would love to swap notes on enterprise deals.","person":{"name":"Kim Ho","headline":"Account Executive at Contoso","photo":"real"},"mutual_connections":6}`, linkvet.IndustryPeer, ""},
		{"salesperson at the user's own company", false, `{"person":{"name":"Ola Berg","headline":"Account Manager","company":"Northwind Analytics","photo":"real"}}`, linkvet.IndustryPeer, ""},
		{"recruiter at the user's own company", false, `{"person":{"name":"Ines Roth","headline":"Technical Recruiter at Northwind Analytics","company":"Northwind Analytics"}}`, linkvet.IndustryPeer, ""},
		{"salesperson selling to an engineer", false, `{"person":{"name":"Pat Lee","headline":"Account Executive at Vendorly","company":"Vendorly"}}`, linkvet.Salesperson, linkvet.Sell},
		{"a fellow AE who pitches is selling", true, `{"message":"Our platform can book a demo for your team, quick call?","person":{"name":"Max Y","headline":"Account Executive"}}`, linkvet.Salesperson, linkvet.Sell},
		{"recruiter elsewhere", false, `{"person":{"name":"Ray K","headline":"Talent Acquisition at Globex"}}`, linkvet.Recruiter, linkvet.CareerOpportunity},
	}
	for _, tt := range tests {
		p := engineer
		if tt.pol {
			p = salesUser
		}
		v := New(p).Screen(inv(t, tt.inv), now)
		if v.Category != tt.want || (tt.intent != "" && v.Intent != tt.intent) || (tt.intent == "" && v.Intent == linkvet.Sell) {
			t.Errorf("%s: %s, intent %s; want %s%s", tt.name, v.Category, v.Intent, tt.want, reasons(v))
		}
	}
}

// TestCameAcrossYourProfile: a generic note is a mass invitation or a
// personal note, never both at once.
func TestCameAcrossYourProfile(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for _, note := range []string{
		"Hi Dana, I came across your profile and would like to connect.",
		"Hello, came across your profile, I'm a consultant and would love to expand my network.",
		"Hi Dana, I came across your profile and loved your Kafka talk at the Berlin Data Meetup.",
	} {
		v := e.Screen(&linkvet.Invitation{Message: note, Person: linkvet.Person{Name: "Sam Doe"}}, now)
		if hasReason(v, "personal_note") == hasReason(v, "mass_invite") {
			t.Errorf("%q: personal_note and mass_invite both %v%s", note, hasReason(v, "mass_invite"), reasons(v))
		}
	}
}

// TestLanguageWithoutVocabulary: a note in a language linkvet cannot read
// is judged on structure alone, and the verdict says so at 0 points.
func TestLanguageWithoutVocabulary(t *testing.T) {
	p := loadPolicy(t, danaPolicy)
	detect := func(s string) string {
		if strings.Contains(s, "Sveiki") {
			return "lv"
		}
		return "en"
	}
	e := New(p, withDetector(detect))
	v := e.Screen(inv(t, `{"message":"Sveiki Dana, es strādāju ar Kafka Rīgā, būtu prieks sazināties.","person":{"name":"Anna Ozola","headline":"Data Engineer","industry":"Banking","photo":"real"},"mutual_connections":0}`), now)
	var lr *linkvet.Reason
	for i := range v.Reasons {
		if v.Reasons[i].Rule == "note_language" {
			lr = &v.Reasons[i]
		}
	}
	if v.Language != "lv" || lr == nil || lr.Points != 0 || !strings.Contains(lr.Detail, "lv") {
		t.Fatalf("language %q, reason %+v%s", v.Language, lr, reasons(v))
	}
	for _, r := range v.Reasons {
		if r.Rule == "outside_your_field" || r.Rule == "mass_invite" || r.Rule == "meant_for_someone_else" {
			t.Errorf("an unread note counted against the sender: %+v", r)
		}
	}
	en := e.Screen(inv(t, `{"message":"Hi Dana, loved your talk","person":{"name":"Al"}}`), now)
	if en.Language != "en" || hasReason(en, "note_language") || en.DraftsLanguage != "en" {
		t.Errorf("English note: language %q drafts %q%s", en.Language, en.DraftsLanguage, reasons(en))
	}
}

// TestDraftsLanguage: drafts are in the note's language when the user
// writes it, else the user's first language.
func TestDraftsLanguage(t *testing.T) {
	p := loadPolicy(t, danaPolicy+"\n")
	p.Me.Languages = []string{"de", "es"}
	e := New(p, withDetector(func(string) string { return "es" }))
	v := e.Screen(inv(t, `{"message":"Hola Dana, me encantó tu charla","person":{"name":"Lu"}}`), now)
	if v.Language != "es" || v.DraftsLanguage != "es" {
		t.Errorf("language %q, drafts %q", v.Language, v.DraftsLanguage)
	}
	e = New(p, withDetector(func(string) string { return "fr" }))
	if v := e.Screen(inv(t, `{"message":"Bonjour Dana","person":{"name":"Lu"}}`), now); v.DraftsLanguage != "de" {
		t.Errorf("French note for a de/es user: drafts %q", v.DraftsLanguage)
	}
}

// TestMissing: a verdict standing on a name says what is missing and how
// to get it, with low confidence; a full invitation misses nothing.
func TestMissing(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	v := e.Screen(inv(t, `{"person":{"name":"Ana Ruiz","profile_url":"https://www.linkedin.com/in/ana-ruiz"},"source":"linkedin-export"}`), now)
	want := []string{"headline", "mutual_connections", "profile"}
	if strings.Join(v.Missing, ",") != strings.Join(want, ",") || v.Confidence > thinConfidenceCap {
		t.Errorf("missing %v confidence %v", v.Missing, v.Confidence)
	}
	var adv string
	for _, r := range v.Reasons {
		if r.Rule == "missing_details" {
			adv = r.Detail
		}
	}
	for _, w := range []string{"headline", "mutual connections", "Save to PDF", "Invitation Manager", "e-mails"} {
		if !strings.Contains(adv, w) {
			t.Errorf("advice %q lacks %q", adv, w)
		}
	}
	cut := e.Screen(inv(t, `{"message":"Hi Dana, I read your post about Kafka partitions and…see more","person":{"name":"Al Bo","profile_url":"https://www.linkedin.com/in/albo","headline":"Engineer"},"mutual_connections":3}`), now)
	if strings.Join(cut.Missing, ",") != "profile,note" {
		t.Errorf("cut note: missing %v", cut.Missing)
	}
	full := e.Screen(inv(t, `{"message":"Hi Dana","person":{"name":"Al Bo","profile_url":"https://www.linkedin.com/in/albo","headline":"Engineer at X","photo":"real","experience":[]},"mutual_connections":3}`), now)
	if len(full.Missing) != 0 || hasReason(full, "missing_details") {
		t.Errorf("full invitation: missing %v%s", full.Missing, reasons(full))
	}
}

// TestDayRateIsAWage: a recruiter's day rate or salary is no scam, and
// phrases of weight 1 do not add up to evidence on their own.
func TestDayRateIsAWage(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for _, js := range []string{
		`{"message":"Hallo Dana, Freelance-Projekt als Data Engineer: Tagessatz 850 € pro Tag, remote, Start ASAP.","person":{"name":"Jonas Kraft","headline":"IT Recruiter","photo":"real"}}`,
		`{"message":"Hi Dana, contract role for a Kafka engineer, £600 per day, start immediately.","person":{"name":"Amy Cole","headline":"Technical Recruiter at Hays","photo":"real"}}`,
		`{"message":"Hi Dana, we are hiring a senior data engineer: salary of 85,000 euros, work from home two days per week. Interested?","person":{"name":"Ben Ode","headline":"Technical Recruiter","photo":"real"}}`,
		`{"message":"Kindly note this part time job is paid per week, from home","person":{"name":"Cy Dee","photo":"real"}}`,
	} {
		v := e.Screen(inv(t, js), now)
		if v.Category == linkvet.Scammer || v.Report {
			t.Errorf("%s: %s/%s%s", js, v.Action, v.Category, reasons(v))
		}
	}
}

// TestScamInAnyLanguageWithoutVocabulary: money per week and a WhatsApp
// number are found whatever the note's words, so the combination of a
// promise and a hand-off blocks and reports even with no phrase list.
func TestScamWithoutVocabulary(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for _, note := range []string{
		"Ganhe 800 $ semanais, fale comigo no WhatsApp +55 11 91234 5678",
		"Zarabiaj 15% tygodniowo, napisz na telegram",
		"Kazanç %10 haftalık, WhatsApp: +90 532 123 45 67",
	} {
		v := e.Screen(&linkvet.Invitation{Message: note, Person: linkvet.Person{Name: "Kim Lee"}}, now)
		if v.Action != linkvet.Block || !v.Report || v.Category != linkvet.Scammer {
			t.Errorf("%q: %s/%s report=%v%s", note, v.Action, v.Category, v.Report, reasons(v))
		}
	}
}

func TestGenericTitle(t *testing.T) {
	e := New(nil)
	tests := []struct {
		headline string
		generic  bool
	}{
		{"CEO", true},
		{"CEO & Founder", true},
		{"Entrepreneur | Investor", true},
		{"CEO at Northwind", false},
		{"Placement Consultant", false},
		{"Senior Data Engineer", false},
	}
	for _, tt := range tests {
		v := e.Screen(&linkvet.Invitation{Person: linkvet.Person{Name: "Al Bo", Headline: tt.headline}}, now)
		if hasReason(v, "generic_title") != tt.generic {
			t.Errorf("%q: generic %v, want %v", tt.headline, !tt.generic, tt.generic)
		}
	}
}

func TestClip(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short one", 60, "short one"},
		{"  spaced\n out  text ", 60, "spaced out text"},
		{"Grüße  aus Köln", 60, "Grüße aus Köln"},
		{"a b c d e f g h i j k l m n", 10, "a b c d e…"},
		{"", 10, ""},
	}
	for _, tt := range tests {
		if got := clip(tt.in, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// TestScamWordingsBeyondTheOldList: scams in English worded without the
// phrases the first lexicon had are still blocked and reported.
func TestScamWordingsBeyondTheOldList(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for _, note := range []string{
		"Hello, my mentor showed me how to make consistent profits trading gold and I can guide you too. Text me on WhatsApp.",
		"We received your resume and you are selected for the position. The interview on Telegram is today; we send a check so you can buy the equipment.",
		"Are you single? I work on an oil rig and I lost my wife years ago, looking for someone special.",
		"Earn 3% daily with my trading team, withdraw your earnings any time",
	} {
		v := e.Screen(&linkvet.Invitation{Message: note, Person: linkvet.Person{Name: "Kim Lee", ProfileURL: "https://www.linkedin.com/in/kl"}}, now)
		if v.Action != linkvet.Block || !v.Report {
			t.Errorf("%q: %s/%s%s", note, v.Action, v.Category, reasons(v))
		}
	}
}
