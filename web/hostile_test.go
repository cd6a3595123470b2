package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// Payloads a hostile sender might put in any field. Each one, if it ran,
// would set window.__pwned or change document.title; the browser test
// asserts that neither happened.
var hostilePayloads = []string{
	`<script>window.__pwned=1;document.title="pwned"</script>`,
	`<img src=x onerror="window.__pwned=2;document.title='pwned'">`,
	`"><svg onload="window.__pwned=3"></svg>`,
	`'><svg><script>window.__pwned=4</script></svg>`,
	`</textarea><script>window.__pwned=5</script>`,
	`<a href="javascript:window.__pwned=6">click</a>`,
	`<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>`,
	`<style>body{display:none}</style>`,
	`{{.}} {{template "layout.html"}} ${window.__pwned=8}`,
	`<details open ontoggle="window.__pwned=9">`,
	`<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=10">`,
	"\u202Egnp.exe\u202C <b onmouseover=window.__pwned=11>hover</b>",
}

// hostileInvitations builds the hostile corpus: every payload in every
// text field, hostile profile addresses, look-alike letters, a 100 KB note
// and bytes that are not UTF-8.
func hostileInvitations() []linkvet.Invitation {
	sent := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	urls := []string{
		"javascript:window.__pwned=20",
		"JaVaScRiPt:window.__pwned=21",
		"data:text/html,<script>window.__pwned=22</script>",
		"https://linkedin.com.evil.example/in/x",
		"https://l\u0456nkedin.com/in/cyrillic-i", // Cyrillic і
		"https://evil.example/in/x",
		"//evil.example/in/x",
		"https://www.linkedin.com/in/real-looking\"><script>window.__pwned=23</script>",
	}
	var out []linkvet.Invitation
	for i, p := range hostilePayloads {
		mutual := i
		inv := linkvet.Invitation{
			ID:      "hostile-" + string(rune('a'+i)),
			SentAt:  &sent,
			Message: "Hi! " + p,
			Person: linkvet.Person{
				Name:     "Eve " + p,
				Headline: p + " 𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫",
				Company:  p,
				Location: p,
				Websites: []string{"javascript:window.__pwned=24"},
			},
			MutualConnections: &mutual,
			MutualNames:       []string{p},
			Shared:            linkvet.Shared{Groups: []string{p}, Events: []string{p}},
			Interactions:      []string{p},
			Source:            "hostile",
		}
		if i < len(urls) {
			// One address per person: the store merges people by address.
			inv.Person.ProfileURL = urls[i]
		}
		out = append(out, inv)
	}
	out = append(out,
		linkvet.Invitation{ID: "hostile-long", SentAt: &sent, Message: strings.Repeat("<b>long</b> ", 100_000/12),
			Person: linkvet.Person{Name: "Long Note", ProfileURL: "https://www.linkedin.com/in/long-note"}},
		linkvet.Invitation{ID: "hostile-utf8", SentAt: &sent, Message: "bad \xff\xfe bytes <script>window.__pwned=30</script>",
			Person: linkvet.Person{Name: "Bad \xc3\x28 Bytes", Headline: "\xed\xa0\x80 surrogate"}},
		linkvet.Invitation{ID: "hostile-lookalike", SentAt: &sent, Message: "ｖｉｓｉｏｎａｒｙ 🚀",
			Person: linkvet.Person{Name: "Vіsіonary Ьoss", Headline: "ᴛʜᴏᴜɢʜᴛ ʟᴇᴀᴅᴇʀ", ProfileURL: "https://www.linkedin.com/in/lookalike"}},
		linkvet.Invitation{ID: "hostile-\"><script>window.__pwned=31</script>", SentAt: &sent,
			Person: linkvet.Person{Name: "Hostile Id"}},
	)
	return out
}

// loadHostile stores the hostile corpus and screens it.
func (e *testEnv) loadHostile() {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.srv.svc.Add(ctx, hostileInvitations()); err != nil {
		e.t.Fatalf("store the hostile corpus: %v", err)
	}
}

// TestHostileCorpusEscaped checks the server side of the hostile corpus:
// no payload reaches a page as markup, and no hostile address becomes a
// link.
func TestHostileCorpusEscaped(t *testing.T) {
	e := newTestEnv(t)
	e.loadHostile()
	pages := []string{"/", "/insights", "/policy"}
	for _, inv := range hostileInvitations() {
		pages = append(pages, "/invitations/"+url.PathEscape(inv.ID), "/add?from="+url.QueryEscape(inv.ID))
	}
	for _, page := range pages {
		w := e.get(page)
		wantStatus(t, w, 200)
		assertEscaped(t, page, w.Body.String())
	}
}

// assertEscaped fails when a page holds a hostile payload as markup, a
// hostile address as a link, or invalid UTF-8.
func assertEscaped(t *testing.T, page, body string) {
	t.Helper()
	for _, bad := range []string{"<script>window", "onerror=\"window", "onload=\"window", "<iframe", "<style>body", "ontoggle=\"window", "href=\"javascript:", "href=\"data:", "<b onmouseover",
		"href=\"https://evil", "href=\"//evil", "href=\"https://linkedin.com.evil", "href=\"https://l%d1%96nkedin", "href=\"https://l\u0456nkedin"} {
		if strings.Contains(body, bad) {
			i := strings.Index(body, bad)
			t.Errorf("%s: found %q unescaped: ...%s...", page, bad, body[max(0, i-80):min(len(body), i+80)])
		}
	}
	if strings.Contains(body, "\xff") || strings.Contains(body, "\xc3\x28") {
		t.Errorf("%s: invalid UTF-8 passed through", page)
	}
}
