package imap

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
)

// ParseServer reads a server address as a user writes it on the command
// line or in a settings form, into a Config without its password:
//
//	imaps://dana@imap.example.org/INBOX   TLS, port 993, mailbox INBOX
//	imaps://dana%40example.org@imap.example.org:1993/LinkedIn
//	imap://dana@127.0.0.1:1143            STARTTLS (loopback hosts only)
//	imap.example.org                      TLS, port 993; the user comes apart
//
// A password written into the address is refused: it belongs in a file or
// an environment variable (PasswordFrom).
func ParseServer(s string) (Config, error) {
	var cfg Config
	s = strings.TrimSpace(s)
	if s == "" {
		return cfg, linkvet.Errorf(linkvet.EINVALID, "no IMAP server given")
	}
	if !strings.Contains(s, "://") {
		s = "imaps://" + s
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return cfg, linkvet.Errorf(linkvet.EINVALID, "IMAP server %q is not an address such as imaps://user@imap.example.org", s)
	}
	switch strings.ToLower(u.Scheme) {
	case "imaps":
		cfg.Security = TLS
	case "imap":
		cfg.Security = StartTLS
	default:
		return cfg, linkvet.Errorf(linkvet.EINVALID, "IMAP server %q: scheme %q is neither imaps nor imap", s, u.Scheme)
	}
	if u.User != nil {
		if _, set := u.User.Password(); set {
			return cfg, linkvet.Errorf(linkvet.EINVALID, "the IMAP server address holds a password; put it in a file with 0600 permissions or an environment variable instead")
		}
		cfg.User = u.User.Username()
	}
	cfg.Host = u.Hostname()
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return cfg, linkvet.Errorf(linkvet.EINVALID, "IMAP server %q: port %q out of range", s, p)
		}
		cfg.Port = n
	}
	if mb := strings.Trim(u.Path, "/"); mb != "" {
		cfg.Mailbox = mb
	}
	if cfg.Security == StartTLS && !loopback(cfg.Host) {
		return cfg, linkvet.Errorf(linkvet.EINVALID, "IMAP server %s: imap:// (without TLS from the start) is only allowed for a server on this machine; use imaps://%s", cfg.Host, net.JoinHostPort(cfg.Host, "993"))
	}
	return cfg, nil
}
