package screen

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/linkvet/linkvet"
)

// FuzzScreen feeds arbitrary invitations to the engine: whatever a stranger
// writes, screening must not panic and must give a well-formed verdict.
func FuzzScreen(f *testing.F) {
	for _, s := range []string{
		`{"person":{"name":"A"}}`,
		`{"message":"Guaranteed returns 🚀 bit.ly/x lіnkedin.com","person":{"name":"Elon Musk","phones":["+2348"],"location":"Berlin, Germany","member_since":"2026-13"},"mutual_connections":-3}`,
		`{"message":"Hi {firstName}","person":{"name":"𝐕𝐢𝐬𝐢𝐨𝐧𝐚𝐫𝐲","experience":[],"connections":0,"emails":["a@gmail.com"],"company":"x"},"shared":{"events":["Nov 2026"]}}`,
		`{"message":"Hola Capitán, gana 5% al día, escríbeme al +34 612 345 678 o wa.me/34612","person":{"name":"Ana\u202e Ruiz","profile_url":"https://www.linkedin.com/in/x"}}`,
		`{"message":"Hi Dana, I lost access to my old account","person":{"name":"Sam Old","profile_url":"https://www.linkedin.com/in/sam-2","headline":"Account Executive","company":"Northwind Analytics"}}`,
		`{"message":"Привет! Иван, ٥٠٠ دولار يوميا 微信","person":{"name":"Иван Петров"}}`,
	} {
		f.Add(s)
	}
	e := New(loadPolicy(f, danaPolicy), WithKnownPeople([]linkvet.KnownPerson{{Name: "Sam Old", ProfileURL: "https://www.linkedin.com/in/sam-old"}}))
	f.Fuzz(func(t *testing.T, js string) {
		var inv linkvet.Invitation
		if json.Unmarshal([]byte(js), &inv) != nil {
			return
		}
		v := e.Screen(&inv, now)
		if !v.Action.Valid() || !v.Category.Valid() || v.ID == "" || len(v.Reasons) == 0 {
			t.Fatalf("malformed verdict %+v for %s", v, js)
		}
		sum := 0
		for _, r := range v.Reasons {
			sum += r.Points
		}
		if sum != v.Score {
			t.Fatalf("score %d is not the sum of the reasons' points (%d) for %s", v.Score, sum, js)
		}
		if err := pointsInRange(v); err != nil {
			t.Fatalf("%v for %s", err, js)
		}
		if math.IsNaN(v.Confidence) || v.Confidence < 0 || v.Confidence > 1 {
			t.Fatalf("confidence %v for %s", v.Confidence, js)
		}
		x := e.Explain(&inv, now)
		if x.Verdict.Action != v.Action || x.Verdict.Score != v.Score {
			t.Fatalf("explain disagrees with screen for %s", js)
		}
	})
}
