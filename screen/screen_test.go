package screen

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// dana is the user of the spec's example policy.
const danaPolicy = `
me:
  name: Dana Weber
  headline: Data Engineer at Northwind Analytics
  industries: [Software Development, IT Services and IT Consulting]
  interests: [data engineering, stream processing, Kafka, Go]
  companies: [Northwind Analytics, Fabrikam]
  schools: [TU Berlin]
  location: Berlin, Germany
style: balanced
min_mutual: 5
competitors: [Contoso Data]
known:
  - https://www.linkedin.com/in/some-former-colleague
blocked:
  - https://www.linkedin.com/in/someone-who-harassed-me
disqualify:
  - thought leader
  - visionary
  - "🚀"
disqualify_promoted_connection_count: true
`

func loadPolicy(t testing.TB, src string) *policy.Policy {
	t.Helper()
	p, err := policy.Load([]byte(src), "test.yaml")
	if err != nil {
		t.Fatalf("load policy: %v", err)
	}
	return p
}

func inv(t testing.TB, js string) *linkvet.Invitation {
	t.Helper()
	var i linkvet.Invitation
	if err := json.Unmarshal([]byte(js), &i); err != nil {
		t.Fatalf("bad test invitation %s: %v", js, err)
	}
	return &i
}

func hasReason(v linkvet.Verdict, rule string) bool {
	for _, r := range v.Reasons {
		if r.Rule == rule {
			return true
		}
	}
	return false
}

// TestSenderKinds is seed 003's table: nine kinds of sender, each with its
// recommendation.
func TestSenderKinds(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	tests := []struct {
		kind     string
		inv      string
		action   linkvet.Action
		category linkvet.Category
		report   bool
	}{
		{"known contact → accept", `{"person":{"name":"Sam Old","profile_url":"https://linkedin.com/in/some-former-colleague/"}}`,
			linkvet.Accept, linkvet.KnownContact, false},
		{"industry peer → accept", `{"message":"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to swap notes on stream processing.",
			"person":{"name":"Alex Kim","headline":"Senior Data Engineer at Acme","industry":"Software Development","location":"Berlin, Germany","photo":"real","connections":480,"member_since":"2015-04",
			"experience":[{"title":"Data Engineer","company":"Acme","start":"2021-03"},{"title":"Developer","company":"Initech","start":"2017-01","end":"2021-02"}]},
			"mutual_connections":7,"shared":{"events":["Berlin Data Meetup"]}}`,
			linkvet.Accept, linkvet.IndustryPeer, false},
		{"verified account → accept", `{"message":"Hello Dana, I'm a product lead at a health startup and would like to learn from your work on data pipelines.",
			"person":{"name":"Maria Lopez","headline":"Product Lead at Healthly","photo":"real","verified":true,"experience":[{"title":"Product Lead","company":"Healthly"}],"connections":900}}`,
			linkvet.Accept, linkvet.Verified, false},
		{"recruiter → review and accept", `{"message":"Hi Dana, I'm recruiting for a staff data engineer role at a Berlin scale-up; your Kafka background looks like a great fit and I'd love to tell you more.",
			"person":{"name":"Jonas Berg","headline":"Technical Recruiter at Hays","industry":"Staffing and Recruiting","photo":"real","experience":[{"title":"Recruiter","company":"Hays"},{"title":"Sourcer","company":"Zalando"}]},
			"mutual_connections":6}`,
			linkvet.Accept, linkvet.Recruiter, false},
		{"salesperson, relevant → accept", `{"message":"Hi Dana, we are both in the Kafka Users Berlin group; I'd love to keep in touch about stream processing.",
			"person":{"name":"Chris Young","headline":"Account Executive at Confluent","industry":"Software Development","photo":"real","experience":[{"title":"AE","company":"Confluent"},{"title":"SDR","company":"Elastic"}]},
			"mutual_connections":9,"shared":{"groups":["Kafka Users Berlin"]}}`,
			linkvet.Accept, linkvet.Salesperson, false},
		{"salesperson, pitching → not accepted", `{"message":"Hi, our platform helps data teams cut costs by 40%. Would you be open to a quick call or a free demo this week?",
			"person":{"name":"Pat Miller","headline":"Business Development Manager | Lead Generation","industry":"Outsourcing and Offshoring Consulting","photo":"real"},"mutual_connections":0}`,
			linkvet.Decline, linkvet.Salesperson, false},
		{"stranger → ignore", `{"person":{"name":"Lee Chen","headline":"Accountant at Smith & Co","industry":"Accounting","photo":"real","location":"Denver, Colorado, United States"},"mutual_connections":0}`,
			linkvet.Ignore, linkvet.Stranger, false},
		{"fake profile → decline", `{"person":{"name":"Anna Smith","headline":"CEO","photo":"generated","experience":[],"connections":4,"member_since":"2026-10"},"mutual_connections":0}`,
			linkvet.Decline, linkvet.Fake, true},
		{"competitor → decline", `{"message":"Hi Dana, fellow data engineer here, would love to connect and exchange ideas.",
			"person":{"name":"Kim Lee","headline":"Data Engineer at Contoso Data","company":"Contoso Data","photo":"real","industry":"Software Development"},"mutual_connections":8}`,
			linkvet.Decline, linkvet.Competitor, false},
		{"scammer → block and report", `{"message":"Hello dear, I help people earn guaranteed returns of 30% weekly with crypto trading. Contact me on WhatsApp +44 7700 900123 to start today.",
			"person":{"name":"Jennifer Wilson","headline":"Investment Manager","photo":"stock"}}`,
			linkvet.Block, linkvet.Scammer, true},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			v := e.Screen(inv(t, tt.inv), now)
			if v.Action != tt.action || v.Category != tt.category || v.Report != tt.report {
				t.Errorf("got %s/%s report=%v, want %s/%s report=%v\nreasons: %s",
					v.Action, v.Category, v.Report, tt.action, tt.category, tt.report, reasons(v))
			}
			if len(v.Reasons) == 0 {
				t.Errorf("no reasons given")
			}
		})
	}
}

func reasons(v linkvet.Verdict) string {
	var b strings.Builder
	for _, r := range v.Reasons {
		b.WriteString("\n  " + r.Rule + " " + itoa(r.Points) + ": " + r.Detail)
	}
	b.WriteString("\n  score " + itoa(v.Score))
	return b.String()
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestSeed000Scenarios is seed 000's table of incoming scenarios (the
// outgoing one, "only send a personalised invite", is the outreach
// package's).
func TestSeed000Scenarios(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	t.Run("generic invite from a stranger: ignore", func(t *testing.T) {
		v := e.Screen(inv(t, `{"message":"I'd like to add you to my professional network on LinkedIn.","person":{"name":"Robin Doe","headline":"Logistics Coordinator","industry":"Truck Transportation","photo":"real"},"mutual_connections":1}`), now)
		if v.Action != linkvet.Ignore {
			t.Errorf("action = %s, want ignore%s", v.Action, reasons(v))
		}
	})
	t.Run("someone in your industry: review the profile before accepting", func(t *testing.T) {
		thin := e.Screen(inv(t, `{"person":{"name":"Noor Ali","headline":"Software Engineer","industry":"Software Development"},"mutual_connections":2}`), now)
		if thin.Action == linkvet.Accept {
			t.Errorf("an industry peer with a thin profile and no note was accepted%s", reasons(thin))
		}
		full := e.Screen(inv(t, `{"message":"Hi Dana, I'm a data engineer at Siemens in Berlin; I'd like to stay in touch with people working on Kafka.",
			"person":{"name":"Noor Ali","headline":"Data Engineer at Siemens","industry":"Software Development","location":"Berlin, Germany","photo":"real",
			"experience":[{"title":"Data Engineer","company":"Siemens"}],"skills":["Kafka","Spark","Python"]},"mutual_connections":12}`), now)
		if full.Action != linkvet.Accept || full.Category != linkvet.IndustryPeer {
			t.Errorf("a vetted industry peer got %s/%s, want accept/industry_peer%s", full.Action, full.Category, reasons(full))
		}
	})
	t.Run("after accepting: a follow-up is drafted", func(t *testing.T) {
		v := e.Screen(inv(t, `{"person":{"name":"Sam Old","profile_url":"https://linkedin.com/in/some-former-colleague"}}`), now)
		if v.Action != linkvet.Accept || v.Drafts.FollowUp == "" || v.Drafts.Accept == "" {
			t.Errorf("accept verdict lacks accept and follow-up drafts: %+v", v.Drafts)
		}
	})
}

func TestPrecedence(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	tests := []struct {
		name   string
		inv    string
		action linkvet.Action
		cat    linkvet.Category
	}{
		{"blocked beats known-looking signals", `{"message":"Great meeting you at the meetup!","person":{"name":"X","profile_url":"https://www.linkedin.com/in/someone-who-harassed-me","photo":"real","verified":true},"mutual_connections":50,"interactions":["met_in_person"]}`,
			linkvet.Block, linkvet.Blocked},
		{"scam beats known", `{"message":"Your account has been suspended. Verify your identity at https://lіnkedin.com/verify","person":{"name":"Sam Old","profile_url":"https://linkedin.com/in/some-former-colleague"}}`,
			linkvet.Block, linkvet.Scammer},
		{"known beats disqualify", `{"person":{"name":"Sam Old","profile_url":"https://linkedin.com/in/some-former-colleague","headline":"Visionary 🚀 Thought Leader"}}`,
			linkvet.Accept, linkvet.KnownContact},
		{"disqualify beats a good profile", `{"message":"Hi Dana, I enjoyed your Kafka talk.","person":{"name":"Max Power","headline":"𝐕𝐢𝐬𝐢𝐨𝐧𝐚𝐫𝐲 founder","photo":"real","verified":true,"industry":"Software Development"},"mutual_connections":30}`,
			linkvet.Decline, linkvet.IndustryPeer},
		{"promoted connection count disqualifies", `{"person":{"name":"Big Net","headline":"LION | 30K+ connections | Open Networker","photo":"real"},"mutual_connections":40}`,
			linkvet.Decline, linkvet.Stranger},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := e.Screen(inv(t, tt.inv), now)
			if v.Action != tt.action || v.Category != tt.cat {
				t.Errorf("got %s/%s, want %s/%s%s", v.Action, v.Category, tt.action, tt.cat, reasons(v))
			}
		})
	}
}

// TestRules checks that each rule fires where it should and not where it
// should not.
func TestRules(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	tests := []struct {
		rule      string
		fires     string
		doesNot   string
		wantScore func(int) bool
	}{
		{"disqualify", `{"person":{"name":"A","headline":"𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 in fintech"}}`, `{"person":{"name":"A","headline":"Thoughtful leader of a data team"}}`, nil},
		{"disqualify", `{"person":{"name":"A","headline":"ｖｉｓｉｏｎａｒｙ"}}`, `{"person":{"name":"A","headline":"visionaryx labs"}}`, nil},
		{"disqualify", `{"person":{"name":"A","headline":"Building the future 🚀️"}}`, `{"person":{"name":"A","headline":"Sales at Rocket Internet"}}`, nil},
		{"disqualify", `{"message":"vi\u200bsionary here","person":{"name":"A"}}`, `{"message":"I had a vision","person":{"name":"A"}}`, nil},
		{"promoted_connection_count", `{"person":{"name":"A","headline":"12,000 followers | speaker"}}`, `{"person":{"name":"A","headline":"Building connections between data teams"}}`, nil},
		{"competitor", `{"person":{"name":"A","company":"Contoso Data"}}`, `{"person":{"name":"A","company":"Contoso Foods"}}`, nil},
		{"personal_note", `{"message":"Hi Dana, I'm Alex; I enjoyed your talk on stream processing.","person":{"name":"A"}}`, `{"message":"Hi","person":{"name":"A"}}`, nil},
		{"no_note", `{"person":{"name":"A"}}`, `{"message":"Hello Dana, we met at the Go meetup last week.","person":{"name":"A"}}`, nil},
		{"default_note", `{"message":"I'd like to add you to my professional network on LinkedIn.","person":{"name":"A"}}`, `{"message":"Hello Dana, we met at the Go meetup.","person":{"name":"A"}}`, nil},
		{"note_length", `{"message":"Hi Dana, we met at the Go meetup last week in Berlin.","person":{"name":"A"}}`, `{"person":{"name":"A"}}`, nil},
		{"sales_pitch", `{"message":"Our platform can cut costs for your team. Book a demo?","person":{"name":"A"}}`, `{"message":"I'd love to hear how your team cut costs on Kafka.","person":{"name":"A"}}`, nil},
		{"mass_invite", `{"message":"I'm expanding my network with leaders like you.","person":{"name":"A"}}`, `{"message":"We met at the Kafka meetup; keep in touch!","person":{"name":"A"}}`, nil},
		{"mutual_connections", `{"person":{"name":"A"},"mutual_connections":0}`, `{"person":{"name":"A"}}`, nil},
		{"common_ground", `{"person":{"name":"A","education":[{"school":"TU Berlin"}]}}`, `{"person":{"name":"A","education":[{"school":"TU Munich"}]}}`, nil},
		{"prior_interaction", `{"person":{"name":"A"},"interactions":["engaged_with_your_content","some_new_word"]}`, `{"person":{"name":"A"},"interactions":["some_new_word"]}`, nil},
		{"outside_your_field", `{"person":{"name":"A","industry":"Farming"}}`, `{"person":{"name":"A","industry":"Software Development"}}`, nil},
		{"photo", `{"person":{"name":"A","photo":"none"}}`, `{"person":{"name":"A","photo":"unknown"}}`, nil},
		{"work_history", `{"person":{"name":"A","experience":[]}}`, `{"person":{"name":"A"}}`, nil},
		{"blank_profile", `{"person":{"name":"A","photo":"none"}}`, `{"person":{"name":"A","photo":"none","headline":"Nurse at St. Mary's"}}`, nil},
		{"verified_badge", `{"person":{"name":"A","verified":true}}`, `{"person":{"name":"A","verified":false}}`, nil},
		{"account_age", `{"person":{"name":"A","member_since":"2026-10"}}`, `{"person":{"name":"A","member_since":"2023-01"}}`, nil},
		{"connection_count", `{"person":{"name":"A","connections":500}}`, `{"person":{"name":"A","connections":200}}`, nil},
		{"generic_title", `{"person":{"name":"A","headline":"Entrepreneur"}}`, `{"person":{"name":"A","headline":"Entrepreneur building payroll software for bakeries"}}`, nil},
		{"suspicious_name", `{"person":{"name":"Anna 💋 Smith"}}`, `{"person":{"name":"Zoë O'Brien-Müller"}}`, nil},
		{"suspicious_name", `{"person":{"name":"j0hn smith"}}`, `{"person":{"name":"Li Na"}}`, nil},
		{"famous_name_unverified", `{"person":{"name":"Elon Musk"}}`, `{"person":{"name":"Elon Musk","verified":true}}`, nil},
		{"parody_account", `{"person":{"name":"Bill Gates (Parody)"}}`, `{"person":{"name":"Bill Parkin"}}`, nil},
		{"recruiter", `{"person":{"name":"A","headline":"Talent Acquisition Partner"}}`, `{"person":{"name":"A","headline":"Engineering Manager"}}`, nil},
		{"salesperson", `{"person":{"name":"A","headline":"Account Executive | SaaS"}}`, `{"person":{"name":"A","headline":"Data Scientist"}}`, nil},
		{"investment_scam", `{"message":"Earn guaranteed profits daily with my forex signals","person":{"name":"A"}}`, `{"message":"I work on risk models for a forex desk and liked your Kafka talk","person":{"name":"A"}}`, nil},
		{"romance_approach", `{"message":"Hello my dear, your smile caught my eye","person":{"name":"A"}}`, `{"message":"Hello Dana, I liked your talk on data quality","person":{"name":"A"}}`, nil},
		{"advance_fee", `{"message":"Remote job, no experience needed, just pay the registration fee","person":{"name":"A"}}`, `{"message":"We are hiring data engineers in Berlin","person":{"name":"A"}}`, nil},
		{"phishing", `{"message":"LinkedIn security team: your account will be suspended, verify your account here","person":{"name":"A"}}`, `{"message":"I work on account security at a bank","person":{"name":"A"}}`, nil},
		{"off_platform", `{"message":"Text me on WhatsApp","person":{"name":"A"}}`, `{"message":"Let's talk here on LinkedIn","person":{"name":"A"}}`, nil},
		{"urgency", `{"message":"Reply urgently, this is your last chance","person":{"name":"A"}}`, `{"message":"No rush at all","person":{"name":"A"}}`, nil},
		{"suspicious_links", `{"message":"see bit.ly/3xYz","person":{"name":"A"}}`, `{"person":{"name":"A","websites":["https://github.com/a"]}}`, nil},
		{"suspicious_links", `{"message":"log in at https://lіnkedin.com/login","person":{"name":"A"}}`, `{"message":"my talk is on https://www.linkedin.com/posts/x","person":{"name":"A"}}`, nil},
		{"contact_mismatch", `{"person":{"name":"A","location":"Berlin, Germany","phones":["+234 803 555 0101"]}}`, `{"person":{"name":"A","location":"Berlin, Germany","phones":["+49 30 1234567"]}}`, nil},
		{"crypto_with_scam_signs", `{"message":"crypto trading with guaranteed returns","person":{"name":"A"}}`, `{"person":{"name":"A","headline":"Crypto engineer at a custody bank"}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if v := e.Screen(inv(t, tt.fires), now); !hasReason(v, tt.rule) {
				t.Errorf("%s did not fire on %s%s", tt.rule, tt.fires, reasons(v))
			}
			if v := e.Screen(inv(t, tt.doesNot), now); hasReason(v, tt.rule) {
				t.Errorf("%s fired on %s%s", tt.rule, tt.doesNot, reasons(v))
			}
		})
	}
}

// TestNameAlone: the spec's minimum input gives a low-confidence verdict,
// never accept.
func TestNameAlone(t *testing.T) {
	for _, style := range []string{"open", "balanced", "curated"} {
		e := New(loadPolicy(t, "style: "+style))
		v := e.Screen(inv(t, `{"person":{"name":"Alex Kim"}}`), now)
		if v.Action == linkvet.Accept || (v.Action != linkvet.Ignore && v.Action != linkvet.Ask) {
			t.Errorf("%s: name alone gave %s", style, v.Action)
		}
		if v.Confidence > 0.3 {
			t.Errorf("%s: name alone gave confidence %.2f", style, v.Confidence)
		}
		if v.ID == "" || len(v.Reasons) == 0 {
			t.Errorf("%s: missing id or reasons: %+v", style, v)
		}
	}
}

// TestStyles: seed 001's two schools of thought move the bars.
func TestStyles(t *testing.T) {
	stranger := `{"message":"Hi, I'm a product designer in Lisbon and I enjoyed your post on data contracts.","person":{"name":"Rui Costa","headline":"Product Designer at Feedzai","photo":"real","experience":[{"title":"Designer","company":"Feedzai"}]},"mutual_connections":2}`
	want := map[string]linkvet.Action{"open": linkvet.Accept, "balanced": linkvet.Ask, "curated": linkvet.Ignore}
	for style, action := range want {
		e := New(loadPolicy(t, "style: "+style))
		if v := e.Screen(inv(t, stranger), now); v.Action != action {
			t.Errorf("%s: got %s, want %s%s", style, v.Action, action, reasons(v))
		}
	}
}

func TestDeterministicID(t *testing.T) {
	a := inv(t, `{"sent_at":"2026-11-20T09:15:00Z","person":{"name":"Alex","profile_url":"https://www.linkedin.com/in/alex/"}}`)
	b := inv(t, `{"sent_at":"2026-11-20T09:15:00Z","person":{"name":"Alex K.","profile_url":"linkedin.com/in/alex"}}`)
	if ID(a) != ID(b) || ID(a) == "" {
		t.Errorf("ids differ for the same invitation: %s %s", ID(a), ID(b))
	}
	c := inv(t, `{"sent_at":"2026-11-21T09:15:00Z","person":{"name":"Alex","profile_url":"https://www.linkedin.com/in/alex/"}}`)
	if ID(a) == ID(c) {
		t.Errorf("different invitations share id %s", ID(a))
	}
}

func TestSameInputSameVerdict(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	i := inv(t, `{"message":"Hi Dana, we met at the Go meetup","person":{"name":"Alex","photo":"real"},"mutual_connections":3}`)
	a, _ := json.Marshal(e.Screen(i, now))
	b, _ := json.Marshal(e.Screen(i, now))
	if string(a) != string(b) {
		t.Errorf("verdicts differ:\n%s\n%s", a, b)
	}
}

func TestUserRules(t *testing.T) {
	p := loadPolicy(t, danaPolicy+`
rules:
  - name: alumni
    when: '"TU Berlin" in inv.shared.schools'
    points: 25
    reason: a fellow TU Berlin alum
  - name: no-crypto
    when: has_phrase(inv.person.headline, "crypto")
    action: decline
    reason: I keep crypto out of my network
  - name: force-accept
    when: inv.person.name == "Sam Scam"
    action: accept
`)
	e := New(p)
	v := e.Screen(inv(t, `{"person":{"name":"A","photo":"real"},"shared":{"schools":["TU Berlin"]}}`), now)
	if !hasReason(v, "user:alumni") {
		t.Errorf("alumni rule did not fire%s", reasons(v))
	}
	v = e.Screen(inv(t, `{"message":"Hi Dana, we met at the Kafka meetup.","person":{"name":"B","headline":"𝐂𝐫𝐲𝐩𝐭𝐨 analyst","photo":"real"},"mutual_connections":10}`), now)
	if v.Action != linkvet.Decline || !hasReason(v, "user:no-crypto") {
		t.Errorf("no-crypto rule: got %s%s", v.Action, reasons(v))
	}
	// A user rule cannot turn a detected scam into an accept.
	v = e.Screen(inv(t, `{"message":"Guaranteed returns, pay the registration fee via western union","person":{"name":"Sam Scam"}}`), now)
	if v.Action != linkvet.Block {
		t.Errorf("a user rule softened a scam verdict to %s%s", v.Action, reasons(v))
	}
}

type fixedOpinion Learned

func (o fixedOpinion) Opinion(*linkvet.Invitation) Learned { return Learned(o) }

func TestLearnedOpinionNeverOverridesScamOrBlocked(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy), WithOpinion(fixedOpinion{Action: linkvet.Accept, Prob: 0.99, Enough: true, Words: []string{"returns"}}))
	scam := e.Screen(inv(t, `{"message":"Guaranteed returns daily profits, contact me on telegram","person":{"name":"Z"}}`), now)
	if scam.Action != linkvet.Block {
		t.Errorf("learned accept turned a scam into %s%s", scam.Action, reasons(scam))
	}
	for _, r := range scam.Reasons {
		if r.Rule == "learned" && r.Points > 0 {
			t.Errorf("learned gave a scam positive points: %+v", r)
		}
	}
	blocked := e.Screen(inv(t, `{"person":{"name":"X","profile_url":"https://www.linkedin.com/in/someone-who-harassed-me"}}`), now)
	if blocked.Action != linkvet.Block {
		t.Errorf("learned accept unblocked a blocked person: %s", blocked.Action)
	}
	// Below the significance gate, the opinion has no influence at all.
	quiet := New(loadPolicy(t, danaPolicy), WithOpinion(fixedOpinion{Action: linkvet.Decline, Prob: 0.99, Enough: false, Why: "only 3 of 20 decisions"}))
	i := inv(t, `{"person":{"name":"Q","photo":"real"}}`)
	if a, b := quiet.Screen(i, now), New(loadPolicy(t, danaPolicy)).Screen(i, now); a.Score != b.Score || hasReason(a, "learned") {
		t.Errorf("an untrained opinion changed the verdict: %d vs %d", a.Score, b.Score)
	}
}

func TestExplainListsEveryRule(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	x := e.Explain(inv(t, `{"person":{"name":"Alex"}}`), now)
	if len(x.Trials) < len(builtinRules()) {
		t.Fatalf("explain tried %d rules, want at least %d", len(x.Trials), len(builtinRules()))
	}
	for _, tr := range x.Trials {
		if tr.Detail == "" {
			t.Errorf("rule %s has no explanation", tr.Rule)
		}
	}
	if x.Path == "" {
		t.Errorf("no decision path")
	}
}

func BenchmarkScreen(b *testing.B) {
	e := New(loadPolicy(b, danaPolicy))
	i := inv(b, `{"id":"inv-0042","direction":"incoming","sent_at":"2026-11-20T09:15:00Z",
		"message":"Hi Dana, I enjoyed your talk on Kafka at the Berlin Data Meetup and would love to stay in touch.",
		"person":{"name":"Alex Kim","profile_url":"https://www.linkedin.com/in/alex-kim","headline":"Senior Data Engineer at Acme","title":"Senior Data Engineer","company":"Acme","industry":"Software Development","location":"Berlin, Germany","about":"I build streaming pipelines with Kafka and Go.","photo":"real","verified":true,"connections":500,"followers":1200,"member_since":"2015-04","experience":[{"title":"Data Engineer","company":"Acme","start":"2021-03","end":""}],"education":[{"school":"TU Berlin","degree":"MSc Computer Science"}],"skills":["Kafka","Go"],"recommendations":3,"emails":["alex@acme.example"],"websites":["https://github.com/alexkim"]},
		"mutual_connections":7,"mutual_names":["Jo Park","Sam Lee"],"shared":{"schools":["TU Berlin"],"groups":["Kafka Users Berlin"],"events":["Berlin Data Meetup, Nov 2026"],"interests":["stream processing"]},
		"interactions":["engaged_with_your_content"],"source":"manual"}`)
	b.ReportAllocs()
	for b.Loop() {
		e.Screen(i, now)
	}
}

func TestWithClassifier(t *testing.T) {
	c := learn.New(learn.DefaultParams())
	scammy := `{"message":"guaranteed returns on my forex signals, contact me now","person":{"name":"S","photo":"stock"}}`
	good := `{"message":"Hi Dana, we met at the Kafka meetup in Berlin, let's stay in touch","person":{"name":"G","photo":"real"},"mutual_connections":8}`
	for i := 0; i < 15; i++ {
		c.Train(learn.DocFromInvitation(inv(t, scammy)), string(linkvet.Decline))
		c.Train(learn.DocFromInvitation(inv(t, good)), string(linkvet.Accept))
	}
	e := New(loadPolicy(t, danaPolicy), WithClassifier(c))
	v := e.Screen(inv(t, `{"message":"my forex signals give guaranteed returns","person":{"name":"T"}}`), now)
	var learned *linkvet.Reason
	for i := range v.Reasons {
		if v.Reasons[i].Rule == "learned" {
			learned = &v.Reasons[i]
		}
	}
	if learned == nil || learned.Points >= 0 || !strings.Contains(learned.Detail, "decline") {
		t.Fatalf("learned reason = %+v%s", learned, reasons(v))
	}
}

func TestReplay(t *testing.T) {
	open := New(loadPolicy(t, "style: open"))
	curated := New(loadPolicy(t, "style: curated"))
	stranger := inv(t, `{"id":"s1","message":"Hi, I'm a product designer in Lisbon and I enjoyed your post on data contracts.","person":{"name":"Rui Costa","headline":"Product Designer at Feedzai","photo":"real","experience":[{"title":"Designer","company":"Feedzai"}]},"mutual_connections":2}`)
	items := []linkvet.StoredInvitation{
		{Invitation: *stranger, Decision: &linkvet.Decision{Action: linkvet.Ignore}},
		{Invitation: *inv(t, `{"id":"s2","person":{"name":"Nobody"}}`)},
	}
	r := Replay(open, curated, items, now)
	if r.Screened != 2 || r.Decided != 1 || r.AgreedBefore != 0 || r.AgreedAfter != 1 {
		t.Errorf("report = %+v", r)
	}
	if len(r.Changes) != 1 || r.Changes[0].ID != "s1" || r.Changes[0].Before != linkvet.Accept || r.Changes[0].After != linkvet.Ignore {
		t.Errorf("changes = %+v", r.Changes)
	}
}

func TestVerifiedWithoutNote(t *testing.T) {
	i := `{"person":{"name":"Ana Ruiz","headline":"VP Engineering at Globex","photo":"real","verified":true,"connections":800,"experience":[{"title":"VP Engineering","company":"Globex"}]}}`
	for style, want := range map[string]linkvet.Action{"open": linkvet.Accept, "balanced": linkvet.Accept, "curated": linkvet.Ignore} {
		v := New(loadPolicy(t, "style: "+style)).Screen(inv(t, i), now)
		if v.Action != want || v.Category != linkvet.Verified {
			t.Errorf("%s: got %s/%s, want %s/verified%s", style, v.Action, v.Category, want, reasons(v))
		}
	}
	// The badge does not outweigh fake-profile signs.
	v := New(nil).Screen(inv(t, `{"person":{"name":"Bo","verified":true,"photo":"stock","experience":[]}}`), now)
	if v.Action == linkvet.Accept {
		t.Errorf("a verified profile with a stock photo and no history was accepted%s", reasons(v))
	}
}

// TestUnseenKinds covers senders the seed tables only imply.
func TestUnseenKinds(t *testing.T) {
	e := New(nil) // the defaults: nothing known about the user
	tests := []struct {
		name     string
		inv      string
		action   linkvet.Action
		category linkvet.Category
	}{
		{"a vetted stranger (note, enough mutuals, engaged) is accepted",
			`{"message":"Hi, I'm a fellow product manager in fintech. I read your post about pricing experiments and would love to connect.","person":{"name":"Julia Berg","headline":"Senior Product Manager at Klarna","photo":"real","experience":[{"title":"PM","company":"Klarna"}]},"mutual_connections":9,"interactions":["engaged_with_your_content"]}`,
			linkvet.Accept, linkvet.Stranger},
		{"someone met in person, with a friendly note, is a known contact",
			`{"message":"Hi Dana, we sat next to each other at the Strata keynote last week. Great chat about lakehouses!","person":{"name":"Omar Haddad","headline":"Data Architect at Siemens","photo":"real"},"mutual_connections":2,"interactions":["met_in_person"]}`,
			linkvet.Accept, linkvet.KnownContact},
		{"crypto arbitrage with daily returns is a scam",
			`{"message":"Hi, we have a new opportunity in crypto arbitrage with 2% daily returns, fully automated. Interested?","person":{"name":"Daniel Kim","headline":"Crypto Trader","photo":"real"},"mutual_connections":0}`,
			linkvet.Block, linkvet.Scammer},
		{"an inheritance story from a 'barrister' is a scam",
			`{"message":"Dear Sir, I am a barrister representing the estate of a deceased client who shares your last name. Contact me urgently about the inheritance.","person":{"name":"Barr. John Okafor","headline":"Attorney at Law","photo":"stock"}}`,
			linkvet.Block, linkvet.Scammer},
		{"a bare recruiter title, no note, no mutuals: ignore",
			`{"person":{"name":"Tom Becker","headline":"Recruiter","photo":"real","connections":500},"mutual_connections":0}`,
			linkvet.Ignore, linkvet.Recruiter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := e.Screen(inv(t, tt.inv), now)
			if v.Action != tt.action || v.Category != tt.category {
				t.Errorf("got %s/%s, want %s/%s%s", v.Action, v.Category, tt.action, tt.category, reasons(v))
			}
		})
	}
	// The curated style still wants more than a vetted stranger offers.
	v := New(loadPolicy(t, "style: curated")).Screen(inv(t, tests[0].inv), now)
	if v.Action == linkvet.Accept {
		t.Errorf("curated accepted a stranger%s", reasons(v))
	}
}

// TestNoFalseAlarms: professionals whose work uses the scam vocabulary are
// not scammers.
func TestNoFalseAlarms(t *testing.T) {
	e := New(loadPolicy(t, danaPolicy))
	for name, js := range map[string]string{
		"a dating app's data director":  `{"message":"Hello Dana, I lead data at Hinge and saw your post on streaming joins. Would love to connect.","person":{"name":"Chris Lane","headline":"Director of Data at Hinge | helping people looking for love find it","photo":"real"},"mutual_connections":8}`,
		"a portfolio manager":           `{"message":"Hi Dana, I enjoyed your talk on market data pipelines.","person":{"name":"Ravi Shah","headline":"Portfolio Manager at BlackRock | risk-adjusted returns","photo":"real"},"mutual_connections":6}`,
		"a crypto exchange engineer":    `{"message":"Hi Dana, I work on the ledger team at Coinbase and would love to swap notes on Kafka.","person":{"name":"Mei Tan","headline":"Senior Engineer at Coinbase | crypto infrastructure","photo":"real"},"mutual_connections":5}`,
		"WhatsApp's partner manager":    `{"message":"Hi Dana, I manage partnerships for WhatsApp Business API in DACH.","person":{"name":"Jan Vogel","headline":"Partner Manager at Meta (WhatsApp Business)","photo":"real"},"mutual_connections":4}`,
		"a polite 'kindly'":             `{"message":"Kindly accept my invitation. I am a data engineer in Bangalore working on Spark and Kafka.","person":{"name":"Arjun Rao","headline":"Data Engineer at Infosys","photo":"real"},"mutual_connections":3}`,
		"a widows' charity founder":     `{"person":{"name":"Grace Obi","headline":"Founder, Widow Support Network (nonprofit)","photo":"real","about":"We help widows rebuild financial independence."},"mutual_connections":2}`,
		"an urgent but honest job lead": `{"message":"Urgent: we have an incident-response role opening in our SRE team, would you be open to a chat?","person":{"name":"Eva Lind","headline":"Engineering Manager at Zalando","photo":"real"},"mutual_connections":7}`,
	} {
		v := e.Screen(inv(t, js), now)
		if v.Category == linkvet.Scammer || v.Action == linkvet.Block || v.Report {
			t.Errorf("%s: %s/%s report=%v%s", name, v.Action, v.Category, v.Report, reasons(v))
		}
	}
}
