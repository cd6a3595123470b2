package compose

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

var (
	testMe = linkvet.Me{
		Name:       "Dana Weber",
		Headline:   "Data Engineer at Northwind Analytics",
		Industries: []string{"Software Development"},
		Interests:  []string{"stream processing", "Kafka"},
		Companies:  []string{"Northwind Analytics", "Fabrikam"},
		Schools:    []string{"TU Berlin"},
		Location:   "Berlin, Germany",
	}
	testTo = &linkvet.Invitation{
		ID:          "out-1",
		Direction:   linkvet.Outgoing,
		Person:      linkvet.Person{Name: "Jane Doe", Company: "Acme", Title: "Staff Engineer", Skills: []string{"Kafka", "Flink"}},
		MutualNames: []string{"Jo Park"},
		Shared:      linkvet.Shared{Groups: []string{"Kafka Users Berlin"}, Events: []string{"Berlin Data Meetup, Nov 2026"}},
	}
)

// goodNote passes every rule.
const goodNote = "Hi Jane, I'm Dana, a data engineer at Northwind, and we're both in Kafka Users Berlin. " +
	"I'd be glad to swap notes on how Acme runs its pipelines."

func hasRule(r LintResult, rule string) (Finding, bool) {
	for _, f := range r.Findings {
		if f.Rule == rule {
			return f, true
		}
	}
	return Finding{}, false
}

func TestLintGoodNote(t *testing.T) {
	r := Lint(goodNote, testTo, testMe, DefaultLimit)
	if len(r.Findings) != 0 || !r.OK || r.Score != 100 || r.Sentences != 2 {
		t.Errorf("Lint(good note) = %+v, want no findings, OK, score 100, 2 sentences", r)
	}
}

func TestLintRules(t *testing.T) {
	long := goodNote + strings.Repeat(" More words here.", 12)
	tests := []struct {
		name     string
		note     string
		to       *linkvet.Invitation
		limit    int
		rule     string
		severity string // "" = must not fire
	}{
		{"empty", "", testTo, 0, RuleEmpty, SeverityError},
		{"blank", " \n\t ", testTo, 0, RuleEmpty, SeverityError},
		{"greeting only", "Hi Jane,", testTo, 0, RuleEmpty, SeverityError},
		{"not empty", goodNote, testTo, 0, RuleEmpty, ""},

		{"too long", long, testTo, 0, RuleTooLong, SeverityError},
		{"too long for a free account", goodNote + " " + goodNote, testTo, FreeLimit, RuleTooLong, SeverityError},
		{"exactly the limit", strings.Repeat("a", 299) + ".", testTo, 0, RuleTooLong, ""},
		{"decomposed accents count once", strings.Repeat("e\u0301", 300), testTo, 0, RuleTooLong, ""},

		{"placeholder", "Hi {firstName}, I'm Dana from Northwind.", testTo, 0, RulePlaceholder, SeverityError},
		// A template is a template, not LinkedIn's own text: one finding.
		{"placeholder in a stock line", "Hi {firstName}, let's connect", testTo, 0, RulePlaceholder, SeverityError},
		{"placeholder in a stock line is not default text", "Hi {firstName}, let's connect", testTo, 0, RuleDefaultText, ""},
		{"stock line without a placeholder", "Hi Jane, let's connect", testTo, 0, RuleDefaultText, SeverityError},
		{"bracket placeholder", "Hi Jane, I'm Dana. I see you work at [Company].", testTo, 0, RulePlaceholder, SeverityError},
		{"no placeholder", goodNote, testTo, 0, RulePlaceholder, ""},

		{"stock text", "Hi Jane, I'd like to add you to my professional network on LinkedIn.", testTo, 0, RuleDefaultText, SeverityError},
		{"stock sentence in a real note", goodNote + " I'd like to add you to my professional network.", testTo, 0, RuleDefaultText, SeverityWarning},
		{"no stock text", goodNote, testTo, 0, RuleDefaultText, ""},

		{"url", goodNote + " See https://dana.example/cv", testTo, 0, RuleLink, SeverityWarning},
		{"bare domain", goodNote + " More at dana.io", testTo, 0, RuleLink, SeverityWarning},
		{"email", goodNote + " Write to dana@northwind.example", testTo, 0, RuleLink, SeverityWarning},
		{"tech names are not links", "Hi Jane, I'm Dana; I work with Node.js and ASP.NET, e.g. at Northwind.", testTo, 0, RuleLink, ""},

		{"sales pitch", "Hi Jane, I'm Dana. Can I book a demo of our solution with you?", testTo, 0, RuleSalesPitch, SeverityWarning},
		{"discount", "Hi Jane, I'm Dana from Northwind. We have a special offer for Acme.", testTo, 0, RuleSalesPitch, SeverityWarning},
		{"team names are no pitch", "Hi Jane, I'm Dana, I lead our platform team at Northwind.", testTo, 0, RuleSalesPitch, ""},

		{"job ask", "Hi Jane, I'm Dana. Is your team hiring? Could you refer me?", testTo, 0, RuleAsksFavour, SeverityWarning},
		{"favour", "Hi Jane, I'm Dana. Could you do me a favour and introduce me to your CTO?", testTo, 0, RuleAsksFavour, SeverityWarning},
		{"hiring yourself is no ask", "Hi Jane, I'm Dana and I'm hiring data engineers at Northwind.", testTo, 0, RuleAsksFavour, ""},

		{"shouting", "HI JANE, I AM DANA FROM NORTHWIND AND WE SHOULD CONNECT", testTo, 0, RuleShouting, SeverityWarning},
		{"styled shouting", "𝐇𝐈 𝐉𝐀𝐍𝐄, 𝐈 𝐀𝐌 𝐃𝐀𝐍𝐀 𝐅𝐑𝐎𝐌 𝐍𝐎𝐑𝐓𝐇𝐖𝐈𝐍𝐃", testTo, 0, RuleShouting, SeverityWarning},
		{"acronyms are not shouting", "Hi Jane, I'm Dana; I run AWS and GCP workloads at Northwind for the CTO.", testTo, 0, RuleShouting, ""},

		{"emoji run", goodNote + " 🚀🚀🚀", testTo, 0, RuleEmoji, SeverityWarning},
		{"emoji spread", "Hi 👋 Jane, I'm Dana 😀 from Northwind 🎉 and Kafka Users Berlin 🙌.", testTo, 0, RuleEmoji, SeverityWarning},
		{"one emoji", goodNote + " 🙂", testTo, 0, RuleEmoji, ""},
		{"a zwj family is one emoji", goodNote + " 👨\u200d👩\u200d👧", testTo, 0, RuleEmoji, ""},
		{"flags and skin tones count once", goodNote + " 👋🏽 🇩🇪", testTo, 0, RuleEmoji, ""},

		{"exclamation run", "Hi Jane!! I'm Dana from Northwind.", testTo, 0, RuleExclamation, SeverityWarning},
		{"many exclamations", "Hi Jane! I'm Dana! We're both in Kafka Users Berlin!", testTo, 0, RuleExclamation, SeverityWarning},
		{"one exclamation", "Hi Jane! I'm Dana from Northwind.", testTo, 0, RuleExclamation, ""},

		{"generic flattery", "Hi, I'm impressed by your profile and would like to connect with you.", nil, 0, RuleFlattery, SeverityWarning},
		{"specific praise", "Hi, I'm impressed by your profile and your Kafka talk at the Berlin Data Meetup.", nil, 0, RuleFlattery, ""},

		{"many sentences", "Hi Jane. I'm Dana. I work at Northwind. We met once. I like Kafka. Let's talk.", testTo, 0, RuleSentences, SeverityWarning},
		{"three sentences", "I'm Dana. We met at the Berlin Data Meetup. Let's swap notes.", testTo, 0, RuleSentences, SeverityInfo},
		{"two sentences", goodNote, testTo, 0, RuleSentences, ""},

		{"career history", "Hi Jane, I'm Dana. Since 2012 I was an engineer at Fabrikam, then a manager at Contoso in 2016, and since 2019 a director at Northwind Analytics.", testTo, 0, RuleCareerHistory, SeverityInfo},
		{"current role only", goodNote, testTo, 0, RuleCareerHistory, ""},

		{"no intro", "Hi Jane, we're both in Kafka Users Berlin; let's swap notes.", testTo, 0, RuleNoIntro, SeverityWarning},
		{"feelings are no intro", "Hi Jane, I'm impressed by your work at Acme and we're both in Kafka Users Berlin.", testTo, 0, RuleNoIntro, SeverityWarning},
		{"intro by name", "Hi Jane, we're both in Kafka Users Berlin; let's swap notes. Best, Dana", testTo, 0, RuleNoIntro, ""},
		{"intro", goodNote, testTo, 0, RuleNoIntro, ""},

		{"no context", "Hi Jane, I'm Dana, a data engineer. Let's swap notes.", testTo, 0, RuleNoContext, SeverityWarning},
		{"met", "Hi Jane, I'm Dana; we met at the meetup last week.", testTo, 0, RuleNoContext, ""},
		{"your talk", "Hi Jane, I'm Dana; your talk on streaming was great.", testTo, 0, RuleNoContext, ""},
		{"mutual name", "Hi Jane, I'm Dana; Jo Park suggested we talk.", testTo, 0, RuleNoContext, ""},
		{"shared event", "Hi Jane, I'm Dana; I was at Berlin Data Meetup too.", testTo, 0, RuleNoContext, ""},

		{"nothing specific", "Hi, I'm Dana. We are both engineers, let's swap notes.", nil, 0, RuleNotSpecific, SeverityInfo},
		{"their company", "Hi Jane, I'm Dana. I'd like to hear about your work at Acme.", testTo, 0, RuleNotSpecific, ""},
		{"their skill", "Hi Jane, I'm Dana. How do you use flink?", testTo, 0, RuleNotSpecific, ""},
		{"a proper noun", "Hi, I'm Dana. Your post about Kubernetes upgrades was useful.", nil, 0, RuleNotSpecific, ""},
		{"own company is not specific", "Hi Jane Doe, I'm Dana from Northwind Analytics, let's swap notes.", nil, 0, RuleNotSpecific, SeverityInfo},

		{"no benefit", "Hi Jane, I'm Dana; we're both in Kafka Users Berlin.", testTo, 0, RuleNoBenefit, SeverityInfo},
		{"benefit", goodNote, testTo, 0, RuleNoBenefit, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Lint(tt.note, tt.to, testMe, tt.limit)
			f, ok := hasRule(r, tt.rule)
			switch {
			case tt.severity == "" && ok:
				t.Errorf("rule %s fired on %q: %+v", tt.rule, tt.note, f)
			case tt.severity != "" && !ok:
				t.Errorf("rule %s did not fire on %q; findings %+v", tt.rule, tt.note, r.Findings)
			case ok && f.Severity != tt.severity:
				t.Errorf("rule %s severity = %s, want %s", tt.rule, f.Severity, tt.severity)
			}
			if ok && (f.Message == "" || f.Fix == "") {
				t.Errorf("rule %s has no message or fix: %+v", tt.rule, f)
			}
			if r.OK == (tt.severity == SeverityError) && tt.severity == SeverityError {
				t.Errorf("OK = %v with an error finding", r.OK)
			}
		})
	}
}

func TestLintTooLongSaysByHowMuch(t *testing.T) {
	note := goodNote + strings.Repeat(" x", 100) // 142 + 200 runes
	r := Lint(note, testTo, testMe, 300)
	f, ok := hasRule(r, RuleTooLong)
	if !ok {
		t.Fatalf("too_long did not fire for %d characters", r.Length)
	}
	over := r.Length - 300
	if !strings.Contains(f.Message, itoa(over)) || !strings.Contains(f.Fix, itoa(over)) {
		t.Errorf("too_long does not say it is %d over: %+v", over, f)
	}
	if r.OK || r.Score > 50 {
		t.Errorf("a note over the limit got OK=%v score=%d", r.OK, r.Score)
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
		if n == 0 {
			return string(b)
		}
	}
}

func TestLintLengthAndLimit(t *testing.T) {
	tests := []struct {
		note       string
		limit      int
		wantLength int
		wantLimit  int
	}{
		{"café", 0, 4, DefaultLimit},
		{"cafe\u0301", 200, 4, FreeLimit},
		{"👋🏽", -5, 2, DefaultLimit}, // hand and skin tone: two characters
		{"", 300, 0, 300},
	}
	for _, tt := range tests {
		r := Lint(tt.note, nil, linkvet.Me{}, tt.limit)
		if r.Length != tt.wantLength || r.Limit != tt.wantLimit {
			t.Errorf("Lint(%q, %d): length %d limit %d, want %d %d", tt.note, tt.limit, r.Length, r.Limit, tt.wantLength, tt.wantLimit)
		}
	}
}

func TestCountSentences(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"Hi Jane,", 0},
		{"Hi Jane! I'm Dana. We met at the meetup.", 2},
		{"I'm Dana, e.g. a data engineer at Northwind.", 1},
		{"Dr. Smith and I met. Great talk!", 2},
		{"I use Node.js and v3.5 daily", 1},
		{"Really?! Yes... Indeed.", 3},
		{"I'm Dana. Best, Dana", 1},
		{"Thanks! I'm Dana. All the best.", 1},
	}
	for _, tt := range tests {
		if got := countSentences(foldString(tt.text)); got != tt.want {
			t.Errorf("countSentences(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestLintScoreOrdersNotes(t *testing.T) {
	good := Lint(goodNote, testTo, testMe, 0)
	generic := Lint("Hi, I'm impressed by your profile. Let's connect!", testTo, testMe, 0)
	spammy := Lint("HI!!! BOOK A DEMO NOW 🚀🚀🚀 https://x.io", testTo, testMe, 0)
	if !(good.Score > generic.Score && generic.Score > spammy.Score) {
		t.Errorf("scores good %d, generic %d, spammy %d: want decreasing", good.Score, generic.Score, spammy.Score)
	}
}

func FuzzLint(f *testing.F) {
	for _, s := range []string{"", goodNote, "Hi {firstName}!!! 🚀🚀🚀 https://x.io", "\xff\xfe", "I'd like to add you to my professional network",
		"Dr. X. e.g. ...?!", "<Company> %NAME% *|FNAME|* [name] {{x}}", strings.Repeat("é", 400), "\u202e\u200b\ufe0f"} {
		f.Add(s, 300)
	}
	f.Fuzz(func(t *testing.T, note string, limit int) {
		for _, to := range []*linkvet.Invitation{nil, testTo} {
			r := Lint(note, to, testMe, limit)
			if r.Score < 0 || r.Score > 100 {
				t.Fatalf("score %d out of range for %q", r.Score, note)
			}
			if r.Limit <= 0 || r.Length < 0 || r.Sentences < 0 {
				t.Fatalf("bad counts %+v", r)
			}
			hasError := false
			for _, f := range r.Findings {
				switch f.Severity {
				case SeverityError:
					hasError = true
				case SeverityWarning, SeverityInfo:
				default:
					t.Fatalf("bad severity %q", f.Severity)
				}
				if f.Rule == "" || f.Message == "" || f.Fix == "" || !utf8.ValidString(f.Message) {
					t.Fatalf("incomplete finding %+v", f)
				}
			}
			if r.OK == hasError {
				t.Fatalf("OK = %v but error findings = %v", r.OK, hasError)
			}
		}
		IsDefaultNote(note)
		HasPlaceholder(note)
	})
}

func BenchmarkLint(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Lint(goodNote, testTo, testMe, DefaultLimit)
	}
}
