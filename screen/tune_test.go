package screen

import (
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
)

// Tests of the signals added after the held-out set (testdata/heldout)
// showed what the corpus had not: gains told in numbers, contact
// collecting, forms of address around a greeted name, the sender naming
// themselves, a colleague's pitch words, and which fakes are reported.

func TestGains(t *testing.T) {
	e := New(nil)
	tests := []struct {
		note   string
		weight int // 0: no gain
	}{
		{"I put in 2,000 on the first of October and took out 2,600 on the fifteenth. Same again this month.", 3},
		{"metí 1.500 € el lunes y el viernes ya tenía 2.100 €", 2},
		{"Senin saya setor 5 juta, Jumat saya tarik 6,8 juta. Tiap minggu saya ulangi.", 3},
		{"Monday ko 50 hazaar dala, Friday ko 68 hazaar nikale. Har hafte yahi karta hoon.", 2},
		{"وضعت ٥٠٠٠ دولار يوم الاثنين وسحبت ٦٥٠٠ يوم الجمعة", 3}, // يوم: "day"
		{"1 000 € placés le lundi, 1 350 € récupérés le vendredi", 2},
		// ranges, side-by-side amounts and falls are no gains
		{"salary range 95-110k EUR plus equity", 0},
		{"sueldo entre 70 y 80 mil brutos", 0},
		{"we went from 2,000 to 5,000 events per second", 0},
		{"costs fell from 10,000 € last year to 8,000 € now", 0},
		{"I have 12 years of experience and 300 connections", 0},
		{"from 1,000 users in 2019 to 900,000 users today", 0}, // beyond five times
	}
	for _, tt := range tests {
		got := e.gains(strings.Fields(tt.note))
		w := 0
		for _, g := range got {
			w = max(w, g.weight)
		}
		if w != tt.weight {
			t.Errorf("gains(%q) = %+v, want weight %d", tt.note, got, tt.weight)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		sep  bool
	}{
		{"2,600", 2600, true}, {"2.600", 2600, true}, {"6,8", 6.8, false}, {"1.500€", 1500, true},
		{"$12,500,000", 12500000, true}, {"٥٠٠٠", 5000, false}, {"१२,३४५", 12345, true}, {"4.", 4, false},
	}
	for _, tt := range tests {
		v, sep, ok := parseNumber(tt.in)
		if !ok || v != tt.want || sep != tt.sep {
			t.Errorf("parseNumber(%q) = %v, %v, %v; want %v, %v", tt.in, v, sep, ok, tt.want, tt.sep)
		}
	}
}

func TestGreetingFormsOfAddress(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy)) // me: Dana Weber
	tests := []struct {
		note  string
		other bool
	}{
		{"Guten Morgen Herr Schulte, wie besprochen", true},
		{"Dzień dobry Pani Ewo, tak jak ustaliłyśmy", true},
		{"Günaydın Mehmet Bey, telefonda konuştuğumuz gibi", true},
		{"Namaste Suresh ji, phone par jaise baat hui thi", true},
		{"Pagi Pak Agus, sesuai obrolan kita", true},
		{"Guten Tag Frau Weber, ich habe Ihren Vortrag gesehen", false},
		{"Dear Sir, I am writing about", false},
	}
	for _, tt := range tests {
		f := e.facts(&linkvet.Invitation{Message: tt.note, Person: linkvet.Person{Name: "X"}}, now, false)
		if f.greetsOther != tt.other {
			t.Errorf("%q: greetsOther = %v (name %q), want %v", tt.note, f.greetsOther, f.greetName, tt.other)
		}
	}
}

func TestNamesSelf(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for _, tt := range []struct {
		note, name string
		want       bool
	}{
		{"Hey Dana, it's Tomasz! Long time no see.", "Tomasz Wróbel", true},
		{"Salut Dana, c'est Julien, on s'est vus à Lyon", "Julien Marchand", true},
		{"Hey Dana, great talk on Kafka!", "Tomasz Wróbel", false},
	} {
		f := e.facts(&linkvet.Invitation{Message: tt.note, Person: linkvet.Person{Name: tt.name}}, now, false)
		if f.noteIntro != tt.want {
			t.Errorf("%q from %s: noteIntro = %v, want %v", tt.note, tt.name, f.noteIntro, tt.want)
		}
	}
}

// TestTrialImpostor: the trial's t17 — a known contact's first name, a new
// account, "lost access to the old one", and a request for the user's
// phone number — is blocked and reported with impersonation first.
func TestTrialImpostor(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	v := e.Screen(inv(t, `{"message":"Hey Dana, it's Tomasz! New account, lost access to the old one. Can you connect and send me your phone number? Need a quick favour, urgent.","person":{"name":"Tomasz Wróbel","profile_url":"https://www.linkedin.com/in/tomasz-wrobel-7731a","headline":"Software Engineer","photo":"none","connections":4,"member_since":"2026-11"}}`), now)
	if (v.Action != linkvet.Block && v.Action != linkvet.Decline) || !v.Report || len(v.Reasons) == 0 || v.Reasons[0].Rule != "impersonation" {
		t.Errorf("lost-account impostor: %s report=%v%s", v.Action, v.Report, reasons(v))
	}
}

// TestContactCollecting: a stranger asking for the user's own number is
// declined; a recruiter asking for an e-mail to send a job to is not
// accused of it.
func TestContactCollecting(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	v := e.Screen(inv(t, `{"message":"Hi Dana, I like what you do. Send me your number so we can talk privately.","person":{"name":"Paul Dexter","headline":"Consultant","photo":"stock","connections":90,"member_since":"2026-05"},"mutual_connections":0}`), now)
	if v.Action != linkvet.Decline && v.Action != linkvet.Block {
		t.Errorf("contact collector: %s%s", v.Action, reasons(v))
	}
	v = e.Screen(inv(t, `{"message":"Hi Dana, I recruit for a fintech hiring a staff data engineer. Could you share your email address so I can send the description?","person":{"name":"Alison Reeves","headline":"Technical Recruiter at Halcyon Talent","company":"Halcyon Talent","photo":"real","connections":800,"member_since":"2014-01"},"mutual_connections":2}`), now)
	for _, r := range v.Reasons {
		if strings.Contains(r.Detail, "collecting contacts") {
			t.Errorf("recruiter accused of collecting contacts: %s%s", v.Action, reasons(v))
		}
	}
}

// TestFakeReport: a fake profile is reported when it imitates someone or
// carries scam evidence; a merely thin one is declined without a report.
func TestFakeReport(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	thin := e.Screen(inv(t, `{"person":{"name":"Ethan Calloway","headline":"CEO","photo":"none","experience":[],"connections":17,"member_since":"2026-09"},"mutual_connections":0}`), now)
	if thin.Category != linkvet.Fake || thin.Report {
		t.Errorf("thin profile: %s %s report=%v%s", thin.Category, thin.Action, thin.Report, reasons(thin))
	}
	gen := e.Screen(inv(t, `{"person":{"name":"Amelia Stroud","headline":"Entrepreneur","photo":"generated","experience":[],"connections":15,"member_since":"2026-09"},"mutual_connections":0}`), now)
	if gen.Action != linkvet.Decline && gen.Action != linkvet.Block || !gen.Report {
		t.Errorf("generated face: %s report=%v%s", gen.Action, gen.Report, reasons(gen))
	}
}

// FuzzGains: any note, in any script, is read without panicking, and a
// gain weighs 2 or 3.
func FuzzGains(f *testing.F) {
	for _, s := range []string{"put in 2,000 and took out 2,600", "٥٠٠٠ دولار … ٦٥٠٠", "1 000 € 1 350 €", "5k 6k 7k", "1.2.3,4,5 €", "$", "9" + strings.Repeat(",999", 30)} {
		f.Add(s)
	}
	e := New(nil)
	f.Fuzz(func(t *testing.T, note string) {
		for _, g := range e.gains(strings.Fields(note)) {
			if g.weight < 2 || g.weight > 3 {
				t.Fatalf("gains(%q) weight %d", note, g.weight)
			}
		}
		parseNumber(note)
	})
}
