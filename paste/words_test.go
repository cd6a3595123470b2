package paste

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseDateRange(t *testing.T) {
	for _, tc := range []struct {
		in         string
		start, end string
		ok         bool
	}{
		{"September 2018 - Present (2 years 3 months)", "2018-09", "", true},
		{"Jul 2024 - Present · 1 yr 5 mos", "2024-07", "", true},
		{"Mar 2019 to Jun 2024", "2019-03", "2024-06", true},
		{"2015 - 2017", "2015", "2017", true},
		{"2015 - 2017 (2 years)", "2015", "2017", true},
		{"sept. de 2018 - actualidad · 2 años 3 meses", "2018-09", "", true},
		{"septiembre de 2018 - marzo de 2020 (1 año 7 meses)", "2018-09", "2020-03", true},
		{"Feb. 2019 - Heute · 6 Jahre 10 Monate", "2019-02", "", true},
		{"Jan. 2011 - Dez. 2013", "2011-01", "2013-12", true},
		{"janv. 2019 - aujourd’hui", "2019-01", "", true},
		{"juil. 2019 - août 2021 · 2 ans 2 mois", "2019-07", "2021-08", true},
		{"set. de 2016 - o momento", "2016-09", "", true},
		{"março de 2012 - outubro de 2014", "2012-03", "2014-10", true},
		{"March 2016 - March 2016 (1 month)", "2016-03", "2016-03", true},
		{"Rosalind Okafor-Brennan", "", "", false},
		{"Founder - 10x your revenue in 2024", "", "", false},
		{"Dublin, Ireland", "", "", false},
		{"", "", "", false},
	} {
		s, e, ok := ParseDateRange(tc.in)
		if s != tc.start || e != tc.end || ok != tc.ok {
			t.Errorf("ParseDateRange(%q) = %q, %q, %v; want %q, %q, %v", tc.in, s, e, ok, tc.start, tc.end, tc.ok)
		}
	}
}

func TestIsDuration(t *testing.T) {
	for in, want := range map[string]bool{
		"6 years 2 months": true, "2 yrs 3 mos": true, "1 yr": true, "5 años 2 meses": true,
		"8 Jahre 1 Monat": true, "3 ans 2 mois": true, "4 anos 5 meses": true, "less than a year": true,
		"Full-time": false, "Acme": false, "2019": false, "Jul 2024 - Present": false,
	} {
		if got := IsDuration(in); got != want {
			t.Errorf("IsDuration(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestMutual(t *testing.T) {
	for _, tc := range []struct {
		in    string
		count int
		names []string
	}{
		{"Jo Park and 6 other mutual connections", 7, []string{"Jo Park"}},
		{"Jo Park and 1 other mutual connection", 2, []string{"Jo Park"}},
		{"Jo Park is a mutual connection", 1, []string{"Jo Park"}},
		{"Jo Park and Sam Lee are mutual connections", 2, []string{"Jo Park", "Sam Lee"}},
		{"Jo Park, Sam Lee, and 5 other mutual connections", 7, []string{"Jo Park", "Sam Lee"}},
		{"12 mutual connections", 12, nil},
		{"1,204 mutual connections", 1204, nil},
		{"Jo Park y 3 contactos en común más", 4, []string{"Jo Park"}},
		{"Jo Park et 2 autres relations en commun", 3, []string{"Jo Park"}},
		{"Jo Park und 4 weitere gemeinsame Kontakte", 5, []string{"Jo Park"}},
		{"Jo Park ist ein gemeinsamer Kontakt", 1, []string{"Jo Park"}},
		{"Jo Park e mais 8 conexões em comum", 9, []string{"Jo Park"}},
		{"Jo Park é uma conexão em comum", 1, []string{"Jo Park"}},
	} {
		l := lines(tc.in)[0]
		n, names, ok := parseMutual(l.text, l.f)
		if !ok || n == nil || *n != tc.count || !slices.Equal(names, tc.names) {
			got := -1
			if n != nil {
				got = *n
			}
			t.Errorf("parseMutual(%q) = %d, %q, %v; want %d, %q", tc.in, got, names, ok, tc.count, tc.names)
		}
	}
	if _, _, ok := parseMutual("Senior Engineer at Acme", "senior engineer at acme"); ok {
		t.Error("a headline was read as mutual connections")
	}
}

func TestAge(t *testing.T) {
	for in, want := range map[string]int{
		"Today": 0, "Yesterday": 1, "3 days ago": 3, "1 week ago": 7, "2 weeks ago": 14, "a week ago": 7,
		"1 month ago": 30, "Hoy": 0, "Ayer": 1, "Hace 2 días": 2, "Hace 1 semana": 7, "Il y a 5 jours": 5,
		"Hier": 1, "Vor 1 Woche": 7, "Vor 3 Tagen": 3, "Gestern": 1, "Há 4 dias": 4, "Ontem": 1, "5h": 0, "2d": 2, "1w": 7,
	} {
		got, ok := ageDays(lines(in)[0].f)
		if !ok || got != want {
			t.Errorf("ageDays(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"Data Engineer", "2019", "days"} {
		if _, ok := ageDays(lines(in)[0].f); ok {
			t.Errorf("ageDays(%q) read an age", in)
		}
	}
}

// TestDuplicatesCollapse: the screen-reader copy repeats every line; the
// result must be the same as the plain copy.
func TestDuplicatesCollapse(t *testing.T) {
	plain := "Invitations\nAlex Kim\nData Engineer at Acme\n3 mutual connections\nIgnore\nAccept\n"
	var doubled strings.Builder
	for l := range strings.SplitSeq(strings.TrimSpace(plain), "\n") {
		doubled.WriteString(l + "\n" + l + "\n\n")
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a, b := Read(plain, now), Read(doubled.String(), now)
	if len(a.Invitations) != 1 || len(b.Invitations) != 1 || !reflect.DeepEqual(a.Invitations[0], b.Invitations[0]) {
		t.Fatalf("plain %+v\ndoubled %+v", a, b)
	}
}

func TestSuggestionsNeverRead(t *testing.T) {
	text := "Alex Kim\nData Engineer at Acme\nIgnore\nAccept\nPeople you may know\nMallory Fake\nCEO\nIgnore\nAccept\n"
	res := Read(text, time.Time{})
	if len(res.Invitations) != 1 || res.Invitations[0].Person.Name != "Alex Kim" {
		t.Fatalf("got %+v", res.Invitations)
	}
}

func TestNotRecognised(t *testing.T) {
	res := Read("just some words\nand more", time.Time{})
	if res.Kind != KindUnknown || len(res.Problems) != 1 || res.Problems[0].Line != 1 {
		t.Fatalf("got %+v", res)
	}
}

func FuzzRead(f *testing.F) {
	f.Add("Alex Kim\nData Engineer\nJo Park and 3 other mutual connections\n2 days ago\nIgnore\nAccept\nHi…see more\nReply to Alex")
	f.Add("Ana Ruiz te invita a conectar\nAna Ruiz\nIgnorar\nAceptar\n")
	f.Add("Dana Weber\n· 2nd\nHeadline\nBerlin, Germany · Contact info\n500+ connections\nExperience\nAcme\nFull-time · 2 yrs\nEngineer\nJan 2020 - Present · 2 yrs\nEducation\nTU\nMSc\n2010 - 2012\nSkills\nGo")
	f.Add("Ignore\nAccept\nIgnore\nAccept")
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		res := Read(text, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		if d := time.Since(start); d > time.Second {
			t.Fatalf("took %v", d)
		}
		for _, inv := range res.Invitations {
			if inv.Person.Name == "" || !utf8.ValidString(inv.Person.Name) && utf8.ValidString(text) {
				t.Fatalf("bad record %+v", inv)
			}
		}
	})
}
