package jsonio

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// randomInvitation fills every field of an invitation at random: strings
// with what encoding/json escapes (quotes, controls, <>&, invalid UTF-8,
// U+2028), lists nil, empty or full, pointers nil or set, times in odd
// zones and out of RFC 3339's range.
func randomInvitation(r *rand.Rand) linkvet.Invitation {
	str := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		parts := []string{"a", "Zoë", "<b>", "&", ">", `"`, `\`, "\n", "\t", "\x01", "\x7f", "\xff", "\u2028", "\u2029", "日本", "😀", " ", "/", "\x1f", "\b", "\f", "\r"}
		var sb strings.Builder
		for range r.IntN(6) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		return sb.String()
	}
	strs := func() []string {
		switch r.IntN(3) {
		case 0:
			return nil
		case 1:
			return []string{}
		}
		out := make([]string, 1+r.IntN(3))
		for i := range out {
			out[i] = str()
		}
		return out
	}
	intp := func() *int {
		if r.IntN(2) == 0 {
			return nil
		}
		v := r.IntN(2000) - 1000
		return &v
	}
	var inv linkvet.Invitation
	inv.ID, inv.Direction, inv.Message = str(), linkvet.Direction(str()), str()
	if r.IntN(2) == 0 {
		zones := []*time.Location{time.UTC, time.FixedZone("A", 3600), time.FixedZone("B", -5*3600-1800),
			time.FixedZone("S", 3600+7), time.FixedZone("F", 25*3600), time.FixedZone("G", -24*3600)}
		years := []int{2026, 1, 0, 9999, 10000, -1}
		t := time.Date(years[r.IntN(len(years))], time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(3)*r.IntN(1e9), zones[r.IntN(len(zones))])
		inv.SentAt = &t
	}
	p := &inv.Person
	p.Name, p.ProfileURL, p.Headline, p.Title, p.Company = str(), str(), str(), str(), str()
	p.Industry, p.Location, p.About, p.Photo, p.MemberSince = str(), str(), str(), linkvet.Photo(str()), str()
	if r.IntN(2) == 0 {
		v := r.IntN(2) == 0
		p.Verified = &v
	}
	p.Connections, p.Followers, p.Recommendations = intp(), intp(), intp()
	switch r.IntN(3) {
	case 1:
		p.Experience = []linkvet.Position{}
	case 2:
		p.Experience = []linkvet.Position{{Title: str(), Company: str(), Start: str(), End: str(), Location: str()}, {}}
	}
	switch r.IntN(3) {
	case 1:
		p.Education = []linkvet.Education{}
	case 2:
		p.Education = []linkvet.Education{{School: str(), Degree: str(), Start: str(), End: str()}, {}}
	}
	p.Skills, p.Languages, p.Emails, p.Phones, p.Websites = strs(), strs(), strs(), strs(), strs()
	inv.MutualConnections = intp()
	inv.MutualNames = strs()
	inv.Shared = linkvet.Shared{Companies: strs(), Schools: strs(), Groups: strs(), Events: strs(), Interests: strs()}
	inv.Interactions, inv.ReceivedVia = strs(), strs()
	inv.Source, inv.AcceptURL, inv.Label = str(), str(), linkvet.Action(str())
	return inv
}

// agree checks that AppendInvitation gives json.Marshal's bytes, or its
// error, for inv, appending after what b already holds.
func agree(t *testing.T, inv *linkvet.Invitation) {
	t.Helper()
	want, werr := json.Marshal(inv)
	got, gerr := AppendInvitation([]byte("prefix"), inv)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) {
		t.Fatalf("json.Marshal error %v, AppendInvitation error %v", werr, gerr)
	}
	if werr != nil {
		if string(got) != "prefix" {
			t.Fatalf("after an error the buffer holds %q", got)
		}
		return
	}
	if !bytes.Equal(got, append([]byte("prefix"), want...)) {
		t.Fatalf("AppendInvitation gave\n%s\njson.Marshal\n%s", got[len("prefix"):], want)
	}
}

func TestAppendInvitationAgreesWithMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	errs := 0
	for range 20000 {
		inv := randomInvitation(r)
		if _, err := json.Marshal(&inv); err != nil {
			errs++
		}
		agree(t, &inv)
	}
	if errs == 0 {
		t.Fatal("no generated invitation exercised encoding/json's errors")
	}
	var zero linkvet.Invitation
	agree(t, &zero)
}

// TestAppendInvitationKnowsEveryField: AppendInvitation writes the fields
// it was written for; a field added to the types must be added there too.
// Each field, set alone, must show in both encodings alike.
func TestAppendInvitationKnowsEveryField(t *testing.T) {
	want := map[reflect.Type]int{
		reflect.TypeFor[linkvet.Invitation](): 13, reflect.TypeFor[linkvet.Person](): 21,
		reflect.TypeFor[linkvet.Shared](): 5, reflect.TypeFor[linkvet.Position](): 5, reflect.TypeFor[linkvet.Education](): 4,
	}
	for typ, n := range want {
		if typ.NumField() != n {
			t.Errorf("%s has %d fields, AppendInvitation knows %d: teach it the new ones", typ, typ.NumField(), n)
		}
	}
	for i := range reflect.TypeFor[linkvet.Person]().NumField() {
		var inv linkvet.Invitation
		setOne(reflect.ValueOf(&inv.Person).Elem().Field(i))
		agree(t, &inv)
	}
	for i := range reflect.TypeFor[linkvet.Invitation]().NumField() {
		var inv linkvet.Invitation
		setOne(reflect.ValueOf(&inv).Elem().Field(i))
		agree(t, &inv)
	}
}

// setOne gives v a value that is not its zero.
func setOne(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("x<")
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
	case reflect.Struct:
		for i := range v.NumField() {
			setOne(v.Field(i))
		}
	default:
		panic(fmt.Sprintf("setOne: %s", v.Kind()))
	}
}

// FuzzAppendInvitation: whatever invitation a JSON text decodes to,
// AppendInvitation encodes it as json.Marshal does.
func FuzzAppendInvitation(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","person":{"name":"<Zoë> & co","experience":[{}],"skills":[]},"sent_at":"2026-01-02T03:04:05.5+01:00"}`,
		`{"shared":{"groups":["\u2028"]},"received_via":[],"mutual_names":null,"label":"accept"}`,
		`{"person":{"verified":false,"connections":-3,"emails":["a\"b"]},"sent_at":"0000-01-01T00:00:00Z"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var inv linkvet.Invitation
		if json.Unmarshal(data, &inv) != nil {
			return
		}
		agree(t, &inv)
	})
}

func BenchmarkAppendInvitation(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	invs := make([]linkvet.Invitation, 100)
	for i := range invs {
		invs[i] = randomInvitation(r)
		invs[i].SentAt = nil
	}
	b.Run("AppendInvitation", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for i := range b.N {
			buf, _ = AppendInvitation(buf[:0], &invs[i%len(invs)])
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.ReportAllocs()
		for i := range b.N {
			json.Marshal(&invs[i%len(invs)])
		}
	})
}
