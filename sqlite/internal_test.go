package sqlite

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

func TestDefaultPath(t *testing.T) {
	home := func() (string, error) { return "/home/dana", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	env := func(m map[string]string) func(string) string {
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		name   string
		goos   string
		env    map[string]string
		home   func() (string, error)
		want   string // "" = an EINVALID error
		suffix bool
	}{
		{"linux xdg", "linux", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/data", "linkvet", "linkvet.db"), false},
		{"linux home", "linux", nil, home, filepath.Join("/home/dana", ".local", "share", "linkvet", "linkvet.db"), false},
		{"linux relative xdg ignored", "linux", map[string]string{"XDG_DATA_HOME": "rel"}, home, filepath.Join("/home/dana", ".local", "share", "linkvet", "linkvet.db"), false},
		{"linux no home", "linux", nil, noHome, "", false},
		{"freebsd", "freebsd", nil, home, filepath.Join("/home/dana", ".local", "share", "linkvet", "linkvet.db"), false},
		{"macos", "darwin", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/home/dana", "Library", "Application Support", "linkvet", "linkvet.db"), false},
		{"windows", "windows", map[string]string{"AppData": `C:\Users\dana\AppData\Roaming`}, home, filepath.Join(`C:\Users\dana\AppData\Roaming`, "linkvet", "linkvet.db"), false},
		{"windows no appdata", "windows", nil, home, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := defaultPath(tc.goos, env(tc.env), tc.home)
			if tc.want == "" {
				if linkvet.ErrorCode(err) != linkvet.EINVALID {
					t.Fatalf("got %q, %v; want an %s error", got, err, linkvet.EINVALID)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestMergeInvitation(t *testing.T) {
	yes, no := true, false
	five, seven := 5, 7
	stored := linkvet.Invitation{
		ID: "a", Direction: linkvet.Incoming, Message: "Hi",
		Person: linkvet.Person{
			Name: "Alex Kim", Company: "Acme", Photo: linkvet.PhotoReal, Verified: &yes,
			Skills:     []string{"Go", "Kafka"},
			Experience: []linkvet.Position{{Title: "Engineer", Company: "Acme", Start: "2021-03"}},
			Education:  []linkvet.Education{{School: "TU Berlin"}},
		},
		MutualConnections: &five,
		Shared:            linkvet.Shared{Groups: []string{"Kafka Users"}},
	}
	for _, tc := range []struct {
		name string
		next linkvet.Invitation
		want func(*linkvet.Invitation)
	}{
		{"empty record changes nothing", linkvet.Invitation{}, func(*linkvet.Invitation) {}},
		{"non-empty field replaces", linkvet.Invitation{Person: linkvet.Person{Company: "Globex"}},
			func(w *linkvet.Invitation) { w.Person.Company = "Globex" }},
		{"known false replaces true", linkvet.Invitation{Person: linkvet.Person{Verified: &no}},
			func(w *linkvet.Invitation) { w.Person.Verified = &no }},
		{"count replaces", linkvet.Invitation{MutualConnections: &seven},
			func(w *linkvet.Invitation) { w.MutualConnections = &seven }},
		{"unknown photo keeps the stored one", linkvet.Invitation{Person: linkvet.Person{Photo: linkvet.PhotoUnknown}},
			func(*linkvet.Invitation) {}},
		{"lists unite, folded", linkvet.Invitation{Person: linkvet.Person{Skills: []string{"ＧＯ", "Rust"}}},
			func(w *linkvet.Invitation) { w.Person.Skills = []string{"Go", "Kafka", "Rust"} }},
		{"same position gains an end, new spelling wins", linkvet.Invitation{Person: linkvet.Person{Experience: []linkvet.Position{{Title: "engineer", Company: "ACME", Start: "2021-03", End: "2024-01"}}}},
			func(w *linkvet.Invitation) {
				w.Person.Experience = []linkvet.Position{{Title: "engineer", Company: "ACME", Start: "2021-03", End: "2024-01"}}
			}},
		{"new school appended", linkvet.Invitation{Person: linkvet.Person{Education: []linkvet.Education{{School: "tu berlin"}, {School: "MIT"}}}},
			func(w *linkvet.Invitation) {
				w.Person.Education = []linkvet.Education{{School: "TU Berlin"}, {School: "MIT"}}
			}},
		{"shared lists unite", linkvet.Invitation{Shared: linkvet.Shared{Groups: []string{"Go Berlin"}}},
			func(w *linkvet.Invitation) { w.Shared.Groups = []string{"Kafka Users", "Go Berlin"} }},
		{"the channels' fields are kept", linkvet.Invitation{AcceptURL: "https://www.linkedin.com/comm/invitations/accept?id=1", ReceivedVia: []string{"email"},
			Person: linkvet.Person{Languages: []string{"Spanish"}, Experience: []linkvet.Position{{Title: "Engineer", Company: "Acme", Start: "2021-03", Location: "Berlin"}}}},
			func(w *linkvet.Invitation) {
				w.AcceptURL = "https://www.linkedin.com/comm/invitations/accept?id=1"
				w.ReceivedVia = []string{"email"}
				w.Person.Languages = []string{"Spanish"}
				w.Person.Experience[0].Location = "Berlin"
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := clone(t, stored)
			tc.want(&want)
			got := mergeInvitation(clone(t, stored), tc.next)
			if !reflect.DeepEqual(jsonOf(t, got), jsonOf(t, want)) {
				t.Errorf("merged:\n%s\nwant:\n%s", jsonOf(t, got), jsonOf(t, want))
			}
		})
	}
}

func clone(t *testing.T, inv linkvet.Invitation) linkvet.Invitation {
	var c linkvet.Invitation
	if err := json.Unmarshal([]byte(jsonOf(t, inv)), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func jsonOf(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// FuzzMergeInvitation checks that enriching is idempotent: merging the
// same record twice changes nothing the second time, so re-imports are
// no-ops.
func FuzzMergeInvitation(f *testing.F) {
	f.Add(`{"person":{"name":"A","skills":["Go"]}}`, `{"person":{"skills":["go","Rust"],"company":"X"}}`)
	f.Add(`{"shared":{"groups":["a"]}}`, `{"shared":{"groups":["A","b","b"]},"mutual_connections":3}`)
	f.Add(`{"person":{"experience":[{"title":"x","start":"2020-01"}]}}`, `{"person":{"experience":[{"title":"X","start":"2020-01","end":"2021-01"},{"title":"y"}]}}`)
	f.Fuzz(func(t *testing.T, a, b string) {
		var x, y linkvet.Invitation
		if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
			return
		}
		once := mergeInvitation(x, y)
		twice := mergeInvitation(once, y)
		if jsonOf(t, once) != jsonOf(t, twice) {
			t.Fatalf("merging twice differs:\n%s\n%s", jsonOf(t, once), jsonOf(t, twice))
		}
		// Nothing stored is lost: every stored list item survives.
		for _, s := range x.Person.Skills {
			if fold.String(s) != "" && !containsFolded(once.Person.Skills, s) {
				t.Fatalf("skill %q lost: %v", s, once.Person.Skills)
			}
		}
	})
}

func containsFolded(list []string, s string) bool {
	return len(unionFolded(list, []string{s})) == len(list)
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		"Alex":              "Alex",
		"=1+1":              "'=1+1",
		"+49 170 1234":      "'+49 170 1234",
		"-cmd":              "'-cmd",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"-12":               "-12",
		"42":                "42",
		"-":                 "'-",
		"-1+2":              "'-1+2",
		"2026-11-20":        "2026-11-20",
		"a=b":               "a=b",
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzSafeCell(f *testing.F) {
	for _, s := range []string{"", "=1", "-1", "+", "@", "\t", "\r", "abc", "-0x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeCell(s)
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && !isInteger(got) {
			t.Fatalf("safeCell(%q) = %q still starts a formula", s, got)
		}
		if got != s && got != "'"+s {
			t.Fatalf("safeCell(%q) = %q: changed more than a prefix", s, got)
		}
	})
}

// TestSafeCell: a cell a spreadsheet would run as a formula gets a leading
// quote, also behind spaces and invisible characters; numbers and plain
// text stay as they are.
func TestSafeCellLooksThroughInvisibles(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "",
		"plain":              "plain",
		"-17":                "-17",
		"=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0",
		"+1+1":               "'+1+1",
		"@SUM(A1)":           "'@SUM(A1)",
		"\tx":                "'\tx",
		" =1+1":              "' =1+1",
		"\u00a0=1+1":         "'\u00a0=1+1",
		"\u200b=1+1":         "'\u200b=1+1",
		"\ufeff-2+3":         "'\ufeff-2+3",
		"\u200e@x":           "'\u200e@x",
		"\uff1dHYPERLINK()":  "'\uff1dHYPERLINK()",
		" a = b":             " a = b",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
