package mail

import (
	"html"
	"strings"
)

// htmlText turns an HTML mail body into the line model the invitation
// reader works on: one line per block (paragraph, table cell, list item),
// a blank line between blocks so that paragraphs stay apart, and every
// link written as its anchor text followed by the address in angle
// brackets, "Accept <https://...>", which is how plain-text mails show
// links too. Style, script, head and title contents and comments are
// dropped; images give nothing (their alt text repeats the name or says
// "LinkedIn"). It is a small tolerant scanner rather than a full HTML
// parser: mail HTML is table soup, and all the reader needs is the
// visible words in order and where the links go.
func htmlText(src string) string {
	var b strings.Builder
	b.Grow(len(src) / 3)
	var href []string // open <a> elements' addresses, innermost last
	skip := ""        // the element whose contents are dropped, if any
	i := 0
	for i < len(src) {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			if skip == "" {
				writeText(&b, src[i:])
			}
			break
		}
		if skip == "" && lt > 0 {
			writeText(&b, src[i:i+lt])
		}
		i += lt
		if strings.HasPrefix(src[i:], "<!--") {
			end := strings.Index(src[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		gt := tagEnd(src, i+1)
		if gt < 0 {
			// An unterminated tag: the rest is not visible text.
			break
		}
		tag := src[i+1 : gt]
		i = gt + 1
		name, closing := tagName(tag)
		if skip != "" {
			if closing && name == skip {
				skip = ""
			}
			continue
		}
		switch name {
		case "style", "script", "head", "title":
			if !closing && !strings.HasSuffix(tag, "/") {
				skip = name
			}
		case "a":
			if closing {
				if n := len(href); n > 0 {
					if u := href[n-1]; u != "" {
						b.WriteString(" <")
						b.WriteString(u)
						b.WriteString("> ")
					}
					href = href[:n-1]
				}
			} else if len(href) < 16 {
				href = append(href, linkAddress(attr(tag, "href")))
			}
		case "br":
			b.WriteByte('\n')
		case "p", "div", "tr", "td", "th", "li", "ul", "ol", "table", "tbody",
			"h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "center",
			"section", "article", "header", "footer", "body", "html", "pre":
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// writeText writes HTML character data: entities decoded, white space
// (HTML source line breaks included) collapsed to single spaces.
func writeText(b *strings.Builder, s string) {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u200c', '\u200b', '\u034f', '\u00ad':
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}

// tagEnd finds the '>' closing the tag that starts at i, skipping quoted
// attribute values; -1 when there is none.
func tagEnd(s string, i int) int {
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagName returns the lower-cased element name of a tag's inside text and
// whether it is a closing tag.
func tagName(tag string) (string, bool) {
	closing := strings.HasPrefix(tag, "/")
	if closing {
		tag = tag[1:]
	}
	end := 0
	for end < len(tag) {
		c := tag[end]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '>' {
			break
		}
		end++
	}
	return strings.ToLower(tag[:end]), closing
}

// attr returns the value of the named attribute in a tag's inside text,
// entities decoded, or "".
func attr(tag, name string) string {
	low := strings.ToLower(tag)
	for from := 0; from < len(low); {
		j := strings.Index(low[from:], name)
		if j < 0 {
			return ""
		}
		j += from
		from = j + len(name)
		if j > 0 {
			if c := low[j-1]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				continue
			}
		}
		k := from
		for k < len(tag) && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n' || tag[k] == '\r') {
			k++
		}
		if k >= len(tag) || tag[k] != '=' {
			continue
		}
		k++
		for k < len(tag) && (tag[k] == ' ' || tag[k] == '\t' || tag[k] == '\n' || tag[k] == '\r') {
			k++
		}
		if k >= len(tag) {
			return ""
		}
		var v string
		if q := tag[k]; q == '"' || q == '\'' {
			end := strings.IndexByte(tag[k+1:], q)
			if end < 0 {
				v = tag[k+1:]
			} else {
				v = tag[k+1 : k+1+end]
			}
		} else {
			end := k
			for end < len(tag) && tag[end] != ' ' && tag[end] != '\t' && tag[end] != '\n' && tag[end] != '\r' {
				end++
			}
			v = tag[k:end]
		}
		return strings.TrimSpace(html.UnescapeString(v))
	}
	return ""
}

// linkAddress keeps a link's address when it is a web address that the
// line model can carry (no white space or angle brackets), else "".
func linkAddress(u string) string {
	low := strings.ToLower(u)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
		return ""
	}
	if strings.ContainsAny(u, " \t\r\n<>") {
		return ""
	}
	return u
}
