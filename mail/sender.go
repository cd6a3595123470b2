package mail

import (
	"net/url"
	"strings"

	"github.com/linkvet/linkvet/fold"
)

// A sender is LinkedIn only when the From address is at linkedin.com or
// one of its sub-domains, written in plain ASCII. Everything that borrows
// LinkedIn's name without that address is an imitation:
//
//   - a look-alike domain: linkedln.com, 1inkedin.com, linked-in.example,
//     lіnkedin.com with a Cyrillic і;
//   - LinkedIn's domain as a sub-domain of another site:
//     linkedin.com.evil.example;
//   - a display name that says LinkedIn over another address:
//     "LinkedIn" <invitations@mailer.example>;
//   - an invitation subject and LinkedIn's wording or links sent from
//     an address that is none of the above.
//
// A real LinkedIn address does not make a real LinkedIn mail either: when
// the receiving server recorded that LinkedIn's DMARC check failed, or the
// Accept or profile link leads off LinkedIn, the message is reported too.

// linkedInDomain reports whether an address's domain is LinkedIn's own.
func linkedInDomain(domain string) bool {
	if !isASCII(domain) {
		return false
	}
	d := strings.ToLower(strings.TrimSuffix(domain, "."))
	return d == "linkedin.com" || strings.HasSuffix(d, ".linkedin.com")
}

// linkedInHost reports whether a link goes to LinkedIn: linkedin.com, its
// sub-domains, and lnkd.in, its link shortener.
func linkedInHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return linkedInDomain(h) || h == "lnkd.in"
}

func domainOf(addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(strings.Trim(addr[at+1:], "<> ")))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// skeleton reduces text to the shape a reader's eye sees, so that
// look-alikes compare equal: folded (other scripts' look-alike letters
// become Latin), then 1, i, | and l are one letter, 0 is o, rn is m, vv is
// w, and hyphens, dots and spaces go.
func skeleton(s string) string {
	f := fold.String(s)
	f = skelReplacer.Replace(f)
	return f
}

var skelReplacer = strings.NewReplacer(
	"rn", "m", "vv", "w", "1", "l", "i", "l", "|", "l", "!", "l", "0", "o",
	"-", "", ".", "", " ", "", "_", "",
)

var linkedInSkeleton = skeleton("linkedin")

// looksLikeLinkedIn reports whether a domain label imitates the word
// LinkedIn: it contains its skeleton, or differs from it by one letter.
func looksLikeLinkedIn(s string) bool {
	k := skeleton(s)
	if strings.Contains(k, linkedInSkeleton) {
		return true
	}
	if len(k) < len(linkedInSkeleton)-1 || len(k) > 64 {
		return false
	}
	// One letter dropped, added or changed: linkedn, lnkedin, linkeddin.
	for start := 0; start < len(k); start++ {
		for _, n := range []int{len(linkedInSkeleton) - 1, len(linkedInSkeleton), len(linkedInSkeleton) + 1} {
			if start+n <= len(k) && editDistance(k[start:start+n], linkedInSkeleton) <= 1 {
				return true
			}
		}
	}
	return false
}

// editDistance is the Levenshtein distance of two short byte strings.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// imitation returns the evidence that a sender who is not LinkedIn
// presents themselves as LinkedIn by address or name; nil when nothing in
// the From header borrows LinkedIn's name. domainEvidence says the address
// itself imitates LinkedIn's (a look-alike or a sub-domain), which is
// damning on its own; a display name alone is judged with the content
// (a "LinkedIn Local" meetup's newsletter is not phishing).
func imitation(env envelope) (ev []string, domainEvidence bool) {
	addr := env.Address
	domain := domainOf(addr)
	if linkedInDomain(domain) {
		return nil, false
	}
	labels := strings.Split(domain, ".")
	for i, l := range labels {
		if l == "" || !looksLikeLinkedIn(l) {
			continue
		}
		switch {
		case l == "linkedin" && i+1 < len(labels) && labels[i+1] == "com" && i+2 < len(labels):
			ev = append(ev, "the sender's address "+addr+" is at "+strings.Join(labels[i+2:], ".")+`; "linkedin.com" is only a sub-domain of that site`)
		case !isASCII(l) || fold.HasLookalikes(l):
			ev = append(ev, "the sender's domain "+domain+" spells LinkedIn with look-alike letters")
		case l == "linkedin":
			ev = append(ev, "the sender's domain "+domain+" is not linkedin.com")
		default:
			ev = append(ev, "the sender's domain "+domain+" imitates linkedin.com")
		}
		break
	}
	if len(ev) > 0 {
		domainEvidence = true
	}
	// A display name is matched on the skeleton alone: one letter off in
	// a person's name is common ("Linda Kedlin"), in a domain it is a trick.
	if env.Name != "" && strings.Contains(skeleton(viaLinkedIn.ReplaceAllString(env.Name, "")), linkedInSkeleton) {
		ev = append(ev, `the display name "`+env.Name+`" says LinkedIn but the address is `+addr)
	} else if env.Name != "" && viaLinkedIn.MatchString(env.Name) {
		ev = append(ev, `the display name "`+env.Name+`" says it comes through LinkedIn but the address is `+addr)
	}
	if strings.HasPrefix(strings.ToLower(domain), "xn--") || strings.Contains(domain, ".xn--") {
		if len(ev) == 0 && looksLikeLinkedIn(domain) {
			ev = append(ev, "the sender's domain "+domain+" is an international name imitating linkedin.com")
			domainEvidence = true
		}
	}
	return ev, domainEvidence
}

// failedAuth returns evidence that the receiving server found the message
// not to come from linkedin.com although its From says so.
func failedAuth(env envelope) []string {
	var ev []string
	for _, ar := range env.AuthResults {
		low := strings.ToLower(ar)
		if strings.Contains(low, "dmarc=fail") && strings.Contains(low, "linkedin.com") {
			ev = append(ev, "the receiving server recorded that LinkedIn's DMARC check failed (dmarc=fail)")
			break
		}
	}
	return ev
}

// unwrap undoes the link rewriting that mail security gateways apply on
// delivery (Microsoft Safe Links, Proofpoint URL Defense and the other
// known redirectors), so that a real
// LinkedIn link a company gateway rewrote is still read as LinkedIn's.
// opaque reports a gateway link that hides its target entirely (Mimecast
// and the like): it cannot be judged either way.
func unwrap(raw string) (target string, opaque bool) {
	for range 3 { // gateways can be stacked
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return raw, false
		}
		host := strings.ToLower(u.Hostname())
		if linkedInDomain(host) || host == "lnkd.in" {
			return raw, false
		}
		next := ""
		switch {
		case host == "urldefense.com" && strings.HasPrefix(u.Path, "/v3/__"):
			rest := strings.TrimPrefix(u.Path, "/v3/__")
			if i := strings.Index(rest, "__"); i >= 0 {
				next = rest[:i]
				if u.RawQuery != "" && !strings.Contains(next, "?") {
					// The query of the wrapped link is part of the path.
					if j := strings.Index(u.RawQuery, "__"); j >= 0 {
						next += "?" + u.RawQuery[:j]
					}
				}
			}
		case host == "urldefense.proofpoint.com":
			if v := u.Query().Get("u"); v != "" {
				v = strings.NewReplacer("-", "%", "_", "/").Replace(v)
				if d, err := url.PathUnescape(v); err == nil {
					next = d
				}
			}
		case redirector(host):
			q := u.Query()
			for _, k := range []string{"url", "u", "q", "a", "target", "redirect"} {
				if v := q.Get(k); strings.HasPrefix(strings.ToLower(v), "http://") || strings.HasPrefix(strings.ToLower(v), "https://") {
					next = v
					break
				}
			}
		}
		if next == "" {
			for _, g := range opaqueGateways {
				if host == g || strings.HasSuffix(host, "."+g) {
					return raw, true
				}
			}
			return raw, false
		}
		raw = next
	}
	return raw, false
}

// redirector tells the gateways that carry the target address in a query
// parameter. Only these are unwrapped: an unknown site's "?url=" link is
// judged by its own host, since anyone can write one.
func redirector(host string) bool {
	for _, g := range []string{"safelinks.protection.outlook.com", "linkprotect.cudasvc.com", "protect2.fireeye.com", "urlsand.esvalabs.com"} {
		if host == g || strings.HasSuffix(host, "."+g) {
			return true
		}
	}
	return host == "www.google.com" || host == "google.com"
}

// opaqueGateways rewrite links into tokens that do not contain the target.
var opaqueGateways = []string{"mimecast.com", "protect.checkpoint.com", "linkprotect.cudasvc.com", "secure-web.cisco.com", "clicktime.symantec.com", "scanner.topsec.com"}
