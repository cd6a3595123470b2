package mail

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // registers the legacy charsets (ISO-8859-x, Windows-125x, ...)
	gomail "github.com/emersion/go-message/mail"
)

// Limits that keep a hostile message from costing more than a normal one.
const (
	maxMessageBytes = 32 << 20 // one message, as stored
	maxHeaderBytes  = 256 << 10
	maxTextBytes    = 2 << 20 // one decoded text part
	maxParts        = 64      // MIME parts looked at in one message
	maxDepth        = 8       // multipart nesting
)

// envelope is what the reader needs from one message's header.
type envelope struct {
	From        string // the raw From header, decoded (RFC 2047)
	Name        string // the From display name
	Address     string // the From address, as written
	Subject     string
	Date        *time.Time
	AuthResults []string // Authentication-Results headers, as written
}

// readHeader parses the header of one message. A header that cannot be
// parsed at all is an error; a bad field (an undecodable subject, an
// unparseable date) only leaves that field empty.
func readHeader(raw []byte) (*message.Entity, envelope, error) {
	e, err := message.ReadWithOptions(bytes.NewReader(raw), &message.ReadOptions{MaxHeaderBytes: maxHeaderBytes})
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return nil, envelope{}, fmt.Errorf("unreadable message header: %w", err)
	}
	h := gomail.Header{Header: e.Header}
	var env envelope
	env.From = decodeWords(h.Get("From"))
	if list, err := h.AddressList("From"); err == nil && len(list) > 0 {
		env.Name, env.Address = list[0].Name, list[0].Address
	} else {
		env.Name, env.Address = splitAddress(env.From)
	}
	env.Subject = decodeWords(h.Get("Subject"))
	if t, err := h.Date(); err == nil && !t.IsZero() {
		t = t.UTC()
		env.Date = &t
	}
	env.AuthResults = h.Values("Authentication-Results")
	return e, env, nil
}

var wordDecoder = mime.WordDecoder{CharsetReader: charsetReader}

// decodeWords decodes RFC 2047 encoded words; text it cannot decode is
// kept as written rather than lost.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return strings.TrimSpace(s)
	}
	if d, err := wordDecoder.DecodeHeader(s); err == nil {
		return strings.TrimSpace(d)
	}
	return strings.TrimSpace(s)
}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	return message.CharsetReader(charset, input)
}

// splitAddress is the fallback for a From header net/mail's strict parser
// refuses: `Name <addr>`, or a bare address.
func splitAddress(from string) (name, addr string) {
	if lt := strings.LastIndexByte(from, '<'); lt >= 0 {
		rest := from[lt+1:]
		if gt := strings.IndexByte(rest, '>'); gt >= 0 {
			rest = rest[:gt]
		}
		return strings.Trim(strings.TrimSpace(from[:lt]), `"' `), strings.TrimSpace(rest)
	}
	return "", strings.TrimSpace(from)
}

// body returns the readable text of a message: its first text/plain part
// when there is one with words in it, else its first text/html part turned
// into text (see htmlText). A text/plain part that is only a stub ("view
// this mail in a browser") loses to the HTML. html reports which one it is.
func body(e *message.Entity) (text string, isHTML bool, err error) {
	var plain, htm string
	parts := 0
	var walk func(e *message.Entity, depth int) error
	walk = func(e *message.Entity, depth int) error {
		parts++
		if parts > maxParts {
			return errors.New("too many MIME parts")
		}
		if mr := e.MultipartReader(); mr != nil {
			if depth >= maxDepth {
				return errors.New("MIME parts nested too deep")
			}
			for {
				p, err := mr.NextPart()
				if err == io.EOF {
					return nil
				}
				if err != nil && (p == nil || !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err)) {
					return fmt.Errorf("broken MIME part: %w", err)
				}
				if err := walk(p, depth+1); err != nil {
					return err
				}
			}
		}
		t, _, _ := e.Header.ContentType()
		if t == "" {
			t = "text/plain"
		}
		if disp, _, _ := e.Header.ContentDisposition(); disp == "attachment" {
			return nil
		}
		if t != "text/plain" && t != "text/html" {
			return nil
		}
		if t == "text/plain" && plain != "" || t == "text/html" && htm != "" {
			return nil
		}
		b, err := io.ReadAll(io.LimitReader(e.Body, maxTextBytes))
		if err != nil {
			// A part that breaks half-way (bad base64) keeps what decoded.
			if len(b) == 0 {
				return fmt.Errorf("undecodable %s part: %w", t, err)
			}
		}
		s := string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
		if t == "text/plain" {
			plain = s
		} else {
			htm = s
		}
		return nil
	}
	err = walk(e, 0)
	// Invitation mails' text parts always carry links; one without any
	// next to an HTML part is a "read this in your browser" stub.
	if strings.TrimSpace(plain) != "" && (htm == "" || strings.Contains(plain, "://") && len(strings.Fields(plain)) >= 8) {
		return plain, false, err
	}
	if htm != "" {
		return htmlText(htm), true, err
	}
	return plain, false, err
}
