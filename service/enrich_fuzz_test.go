package service_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// FuzzEnrich holds Enrich to its promises on any pair of records: what was
// known stays, the id, source and label stay, and enriching twice with the
// same record changes nothing more.
func FuzzEnrich(f *testing.F) {
	f.Add(`{"id":"a","source":"linkedin-export","person":{"name":"Ana","headline":"Baker"}}`,
		`{"id":"b","source":"email","accept_url":"https://www.linkedin.com/comm/mynetwork/invite-accept/1","message":"hi","person":{"name":"Ana B","skills":["go"]}}`)
	f.Add(`{"message":"Hi there…see more","person":{"experience":[{"title":"T","company":"C","start":"2020"}]}}`,
		`{"message":"Hi there, a longer note","person":{"experience":[{"title":"t","company":"c","start":"2020","end":"2022"}]}}`)
	f.Fuzz(func(t *testing.T, a, b string) {
		var stored, next linkvet.Invitation
		if json.Unmarshal([]byte(a), &stored) != nil || json.Unmarshal([]byte(b), &next) != nil {
			return
		}
		m, _ := service.Enrich(stored, next)
		if m.ID != stored.ID || m.Label != stored.Label || (stored.Source != "" && m.Source != stored.Source) {
			t.Fatalf("id, label or source changed: %+v", m)
		}
		if stored.Person.Name != "" && m.Person.Name != stored.Person.Name || stored.Person.Headline != "" && m.Person.Headline != stored.Person.Headline ||
			stored.AcceptURL != "" && m.AcceptURL != stored.AcceptURL {
			t.Fatalf("a known field changed: %+v", m)
		}
		if len(m.Person.Skills) < len(stored.Person.Skills) || len(m.Person.Experience) < len(stored.Person.Experience) {
			t.Fatalf("a list lost items")
		}
		again, filled := service.Enrich(m, next)
		if len(filled) != 0 || !reflect.DeepEqual(again, m) {
			t.Fatalf("enriching twice filled %v", filled)
		}
	})
}
