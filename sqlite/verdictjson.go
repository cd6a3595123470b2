package sqlite

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// decodeVerdict decodes a stored verdict. Listing thousands of pending
// invitations is mostly decoding their verdicts, so the shape the store
// writes (keys in the struct's order, strings without escapes) is read by
// hand; anything else falls back to encoding/json, and FuzzDecodeVerdict
// holds the two together.
//
// The strings of a hand-read verdict share the memory of data: nothing is
// copied.
func decodeVerdict(data string, v *linkvet.Verdict) error {
	var fast linkvet.Verdict
	if (&verdictParser{b: data}).verdict(&fast) {
		*v = fast
		return nil
	}
	return json.Unmarshal([]byte(data), v)
}

// verdictParser reads the one shape of a verdict the store writes; every
// method returns false at the first byte it does not expect.
type verdictParser struct {
	b string
	i int
}

func (p *verdictParser) lit(s string) bool {
	if len(p.b)-p.i < len(s) || p.b[p.i:p.i+len(s)] != s {
		return false
	}
	p.i += len(s)
	return true
}

// str reads a string without escapes or control characters, in valid
// UTF-8: what encoding/json decodes to the same bytes.
func (p *verdictParser) str(dst *string) bool {
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return false
	}
	start := p.i + 1
	for j := start; j < len(p.b); j++ {
		c := p.b[j]
		switch {
		case c == '"':
			s := p.b[start:j]
			if !utf8.ValidString(s) {
				return false
			}
			*dst = s
			p.i = j + 1
			return true
		case c == '\\' || c < 0x20:
			return false
		}
	}
	return false
}

func (p *verdictParser) number() (string, bool) {
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			p.i++
			continue
		}
		break
	}
	return p.b[start:p.i], p.i > start
}

func (p *verdictParser) integer(dst *int) bool {
	n, ok := p.number()
	if !ok {
		return false
	}
	// A plain decimal integer only: JSON's grammar for the rest is
	// encoding/json's to judge.
	for k, c := range n {
		if c < '0' || c > '9' {
			if !(k == 0 && c == '-' && len(n) > 1) {
				return false
			}
		}
	}
	if (n[0] == '0' && len(n) > 1) || (len(n) > 2 && n[0] == '-' && n[1] == '0') {
		return false
	}
	x, err := strconv.Atoi(n)
	*dst = x
	return err == nil
}

func (p *verdictParser) float(dst *float64) bool {
	n, ok := p.number()
	if !ok || !plainDecimal(n) {
		return false
	}
	x, err := strconv.ParseFloat(n, 64)
	*dst = x
	return err == nil
}

// plainDecimal accepts -?digits(.digits)?, without a leading zero before
// other digits: the numbers the encoder writes for a confidence.
func plainDecimal(n string) bool {
	if len(n) > 0 && n[0] == '-' {
		n = n[1:]
	}
	intPart, frac, hasFrac := strings.Cut(n, ".")
	if len(intPart) == 0 || (intPart[0] == '0' && len(intPart) > 1) || (hasFrac && len(frac) == 0) {
		return false
	}
	for _, c := range []byte(intPart + frac) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (p *verdictParser) boolean(dst *bool) bool {
	switch {
	case p.lit("true"):
		*dst = true
	case p.lit("false"):
		*dst = false
	default:
		return false
	}
	return true
}

func (p *verdictParser) verdict(v *linkvet.Verdict) bool {
	var action, category, intent string
	ok := p.lit(`{"id":`) && p.str(&v.ID) &&
		p.lit(`,"action":`) && p.str(&action) &&
		p.lit(`,"report":`) && p.boolean(&v.Report) &&
		p.lit(`,"category":`) && p.str(&category) &&
		p.lit(`,"intent":`) && p.str(&intent) &&
		p.lit(`,"score":`) && p.integer(&v.Score) &&
		p.lit(`,"confidence":`) && p.float(&v.Confidence) &&
		p.lit(`,"reasons":`) && p.reasons(&v.Reasons) &&
		p.lit(`,"checklist":{"personal_note":`) && p.boolean(&v.Checklist.PersonalNote) &&
		p.lit(`,"common_ground":`) && p.boolean(&v.Checklist.CommonGround) &&
		p.lit(`,"enough_mutuals":`) && p.optBool(&v.Checklist.EnoughMutuals) &&
		p.lit(`},"drafts":{`) && p.drafts(&v.Drafts)
	if !ok {
		return false
	}
	v.Action, v.Category, v.Intent = linkvet.Action(action), linkvet.Category(category), linkvet.Intent(intent)
	if p.lit(`,"language":`) && !p.str(&v.Language) {
		return false
	}
	if p.lit(`,"drafts_language":`) && !p.str(&v.DraftsLanguage) {
		return false
	}
	if p.lit(`,"missing":`) && !p.strings(&v.Missing) {
		return false
	}
	return p.lit("}") && p.i == len(p.b)
}

func (p *verdictParser) optBool(dst **bool) bool {
	if p.lit("null") {
		*dst = nil
		return true
	}
	var b bool
	if !p.boolean(&b) {
		return false
	}
	*dst = &b
	return true
}

func (p *verdictParser) reasons(dst *[]linkvet.Reason) bool {
	if p.lit("null") {
		*dst = nil
		return true
	}
	if !p.lit("[") {
		return false
	}
	out := make([]linkvet.Reason, 0, 8)
	for !p.lit("]") {
		if len(out) > 0 && !p.lit(",") {
			return false
		}
		var r linkvet.Reason
		if !(p.lit(`{"rule":`) && p.str(&r.Rule) && p.lit(`,"points":`) && p.integer(&r.Points) &&
			p.lit(`,"detail":`) && p.str(&r.Detail) && p.lit("}")) {
			return false
		}
		out = append(out, r)
	}
	*dst = out
	return true
}

func (p *verdictParser) strings(dst *[]string) bool {
	if !p.lit("[") {
		return false
	}
	var out []string
	for !p.lit("]") {
		if len(out) > 0 && !p.lit(",") {
			return false
		}
		var s string
		if !p.str(&s) {
			return false
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		out = []string{}
	}
	*dst = out
	return true
}

// drafts reads the drafts object's members after its "{", each optional
// but in order.
func (p *verdictParser) drafts(d *linkvet.Drafts) bool {
	first := true
	for _, f := range [...]struct {
		key string
		dst *string
	}{{`"accept":`, &d.Accept}, {`"follow_up":`, &d.FollowUp}, {`"decline":`, &d.Decline}, {`"ask":`, &d.Ask}} {
		if !first && !p.lit(",") {
			break
		}
		if p.lit(f.key) {
			if !p.str(f.dst) {
				return false
			}
			first = false
		} else if !first {
			p.i-- // the "," belongs to the next key's absence: give it back
		}
	}
	return p.lit("}")
}
