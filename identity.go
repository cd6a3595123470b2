package linkvet

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/linkvet/linkvet/fold"
)

// PersonKey returns the key that identifies a person across sources: the
// normalized profile URL when there is one, else the lower-cased e-mail
// address, else "". Policy lists (known, blocked), the store and the import
// all compare people through it.
func PersonKey(profileURL, email string) string {
	if k := NormalizeProfileURL(profileURL); k != "" {
		return k
	}
	return NormalizeEmail(email)
}

// NormalizeProfileURL reduces a LinkedIn profile address to a canonical
// form, so that "https://www.linkedin.com/in/Alex-Kim/?trk=x",
// "linkedin.com/in/alex-kim" and "http://de.linkedin.com/in/alex-kim" are
// the same person: "linkedin.com/in/alex-kim". Addresses on other hosts are
// kept as host plus path, lower-cased. It returns "" for an empty or
// unparseable string.
func NormalizeProfileURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, "@") && !strings.Contains(s, "/") {
		return ""
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	// Country and mobile subdomains of linkedin.com all name the same profile.
	if host == "linkedin.com" || strings.HasSuffix(host, ".linkedin.com") {
		host = "linkedin.com"
	}
	path := strings.ToLower(strings.TrimRight(u.EscapedPath(), "/"))
	if p, err := url.PathUnescape(path); err == nil {
		path = p
	}
	return host + path
}

// NormalizeEmail lower-cases and trims an e-mail address; it returns "" for
// a string that is not one.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "mailto:")))
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " /") {
		return ""
	}
	return s
}

// InvitationID returns the invitation's id, or derives one when it has
// none: "inv-" and 12 hex digits of a hash of the direction, the
// normalized profile URL (else the folded name) and the sending time, so
// that the same invitation read twice, by any path, gets the same id. It
// returns "" for a record that names nobody.
func InvitationID(inv *Invitation) string {
	if inv.ID != "" {
		return inv.ID
	}
	basis := NormalizeProfileURL(inv.Person.ProfileURL)
	if basis == "" {
		basis = fold.String(inv.Person.Name)
	}
	if basis == "" {
		return ""
	}
	dir := inv.Direction
	if dir == "" {
		dir = Incoming
	}
	sent := ""
	if inv.SentAt != nil {
		sent = inv.SentAt.UTC().Format(time.RFC3339)
	}
	sum := sha256.Sum256([]byte(string(dir) + "\x00" + basis + "\x00" + sent))
	return "inv-" + hex.EncodeToString(sum[:6])
}
