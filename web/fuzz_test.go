package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
)

func FuzzParseInvitationForm(f *testing.F) {
	f.Add("Alex Kim", "https://www.linkedin.com/in/alex", "7", "500+", "2026-11-20", "real", "yes", "Kafka, Go\nTU Berlin")
	f.Add("", "javascript:alert(1)", "-1", "x", "yesterday", "selfie", "maybe", strings.Repeat(",", 300))
	f.Add("\xff", "https://l\u0456nkedin.com/in/x", "99999999999999999999", "1,000", "2026-13-01", "unknown", "", "\x00")
	f.Fuzz(func(t *testing.T, name, profile, mutual, conns, sent, photo, verified, shared string) {
		form := url.Values{"name": {name}, "profile_url": {profile}, "mutual_connections": {mutual}, "connections": {conns},
			"sent_at": {sent}, "photo": {photo}, "verified": {verified}, "shared_groups": {shared}, "message": {shared}}
		inv, errs := parseInvitationForm(form)
		if len(errs) > 0 {
			for field, msg := range errs {
				if msg == "" || field == "" {
					t.Fatalf("empty error %q: %q", field, msg)
				}
			}
			return
		}
		if inv.Person.Name == "" {
			t.Fatal("accepted without a name")
		}
		if err := jsonio.Validate(&inv); err != nil {
			t.Fatalf("accepted an invalid invitation: %v", err)
		}
		for _, s := range append([]string{inv.Person.Name, inv.Person.ProfileURL, inv.Message}, inv.Shared.Groups...) {
			if !utf8.ValidString(s) {
				t.Fatalf("accepted invalid UTF-8 %q", s)
			}
		}
		if len(inv.Shared.Groups) > maxListItems {
			t.Fatalf("%d shared groups", len(inv.Shared.Groups))
		}
	})
}

func FuzzLinkedinURL(f *testing.F) {
	for _, s := range []string{"https://www.linkedin.com/in/a", "javascript:alert(1)", "https://linkedin.com.evil/x", "http://LINKEDIN.COM", "https://a@linkedin.com/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := linkedinURL(raw)
		if got == "" {
			return
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatalf("%q gave an unparseable %q", raw, got)
		}
		host := strings.ToLower(u.Hostname())
		if (u.Scheme != "https" && u.Scheme != "http") || (host != "linkedin.com" && !strings.HasSuffix(host, ".linkedin.com")) {
			t.Fatalf("%q gave %q, not a linkedin.com address", raw, got)
		}
	})
}

func FuzzSafeReturn(f *testing.F) {
	for _, s := range []string{"/", "/?action=accept", "//evil", "/\\evil", "https://evil", "/%2f%2fevil", "javascript:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeReturn(s)
		if with := withQuery(got, "done", s); !strings.HasPrefix(with, "/") || strings.HasPrefix(with, "//") || strings.HasPrefix(with, "/\\") {
			t.Fatalf("withQuery(%q) = %q leaves the site", got, with)
		}
		if !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") {
			t.Fatalf("safeReturn(%q) = %q leaves the site", s, got)
		}
		u, err := url.Parse(got)
		if err != nil || u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeReturn(%q) = %q", s, got)
		}
	})
}

// FuzzAPIScreen feeds arbitrary bodies to the screening endpoint: the
// answer is a verdict or a client error, never a server error.
func FuzzAPIScreen(f *testing.F) {
	f.Add(`{"person":{"name":"A"}}`)
	f.Add(`[{"person":{"name":"A"}},{"mutual_connections":-1}]`)
	f.Add("{\"message\":\"\xff\"}")
	f.Add(`{"sent_at":"yesterday"}`)
	f.Add("\n\n[")
	e := newTestEnv(f)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/api/v1/screen", strings.NewReader(body))
		r.Host = testHost
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest && w.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
	})
}

func FuzzParseTargetForm(f *testing.F) {
	f.Add("Ines Duarte", "https://www.linkedin.com/in/ines", "3", "Jo Park\nSam Lee", "compare notes on Kafka", "Hi Ines")
	f.Add("", "javascript:alert(1)", "-1", strings.Repeat("A,", 200), strings.Repeat("why ", 400), "\xff")
	f.Add("\x00", "", "1e9", ";;;", "", "")
	f.Fuzz(func(t *testing.T, name, profile, mutual, names, reason, note string) {
		form := url.Values{"name": {name}, "profile_url": {profile}, "mutual_connections": {mutual}, "mutual_names": {names},
			"reason": {reason}, "message": {note}, "sent_at": {note}, "id": {name}}
		inv, why, errs := parseTargetForm(form)
		for field, msg := range errs {
			if msg == "" || field == "" {
				t.Fatalf("empty error %q: %q", field, msg)
			}
			if !slices.Contains(targetFields, field) && field != "mutual_names" && field != "reason" && field != "form" {
				t.Fatalf("error on %q, a field the form does not show: %s", field, msg)
			}
		}
		if len(errs) > 0 {
			return
		}
		if inv.Direction != linkvet.Outgoing || inv.ID != "" || inv.SentAt != nil || inv.Person.Name == "" {
			t.Fatalf("accepted %+v", inv)
		}
		if err := jsonio.Validate(&inv); err != nil {
			t.Fatalf("accepted an invalid invitation: %v", err)
		}
		if !utf8.ValidString(why) || utf8.RuneCountInString(why) > maxReason || len(inv.MutualNames) > maxListItems {
			t.Fatalf("accepted reason %q, %d mutual names", why, len(inv.MutualNames))
		}
	})
}

func FuzzParseTagForm(f *testing.F) {
	f.Add("prune", "selected", "", "linkedin.com/in/a", "tag")
	f.Add("", "company", " ", "", "untag")
	f.Add("\xff", "everyone", "\xfe", "\x00", "delete")
	f.Fuzz(func(t *testing.T, tag, whom, company, key, do string) {
		tf := parseTagForm(url.Values{"tag": {tag}, "whom": {whom}, "company": {company}, "key": {key, key}, "do": {do}})
		for field, msg := range tf.Errors {
			if msg == "" || !slices.Contains([]string{"tag", "whom", "company", "form"}, field) {
				t.Fatalf("error %q: %q", field, msg)
			}
		}
		if !slices.Contains([]string{whomSelected, whomStale, whomCompany}, tf.Whom) {
			t.Fatalf("whom %q is none of the choices", tf.Whom)
		}
		if len(tf.Errors) > 0 {
			return
		}
		if tf.Tag == "" || !utf8.ValidString(tf.Tag) || !utf8.ValidString(tf.Company) {
			t.Fatalf("accepted tag %q company %q", tf.Tag, tf.Company)
		}
		if tf.Whom == whomSelected && len(tf.Keys) == 0 || tf.Whom == whomCompany && tf.Company == "" {
			t.Fatalf("accepted %+v without anyone to tag", tf)
		}
	})
}
