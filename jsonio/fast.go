package jsonio

import (
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// This file is a decoder for the invitation shape, written by hand because
// decoding is most of what screening a file costs. It is a fast path, not a
// second implementation of JSON: whenever an input is anything but plain
// (a syntax error, a type that does not fit, a number that is not a small
// whole number, a key written with escapes or in another case, a key given
// twice, deep nesting), it gives up and the record goes to encoding/json,
// so results and errors are always encoding/json's. FuzzFastDecoder holds
// the two against each other.

// fastKeys lists, per struct, the JSON names the fast decoder fills. If a
// field is added to the domain types without being taught here, the fast
// path switches itself off (fastEnabled, fixed at start-up) rather than
// drop the field.
var fastKeys = map[reflect.Type][]string{
	reflect.TypeFor[linkvet.Invitation](): {"id", "direction", "sent_at", "message", "person", "mutual_connections",
		"mutual_names", "shared", "interactions", "source", "accept_url", "received_via", "label"},
	reflect.TypeFor[linkvet.Person](): {"name", "profile_url", "headline", "title", "company", "industry", "location",
		"about", "photo", "verified", "connections", "followers", "member_since", "experience", "education", "skills",
		"languages", "recommendations", "emails", "phones", "websites"},
	reflect.TypeFor[linkvet.Position]():  {"title", "company", "start", "end", "location"},
	reflect.TypeFor[linkvet.Education](): {"school", "degree", "start", "end"},
	reflect.TypeFor[linkvet.Shared]():    {"companies", "schools", "groups", "events", "interests"},
}

var (
	fastEnabled   = fastKeysMatch()
	invKeys       = fastKeys[reflect.TypeFor[linkvet.Invitation]()]
	personKeys    = fastKeys[reflect.TypeFor[linkvet.Person]()]
	positionKeys  = fastKeys[reflect.TypeFor[linkvet.Position]()]
	educationKeys = fastKeys[reflect.TypeFor[linkvet.Education]()]
	sharedKeys    = fastKeys[reflect.TypeFor[linkvet.Shared]()]
)

// fastKeysMatch reports whether fastKeys names exactly the JSON fields of
// each struct, in order.
func fastKeysMatch() bool {
	for t, want := range fastKeys {
		var have []string
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || f.Anonymous || name == "" || name == "-" {
				return false
			}
			have = append(have, name)
		}
		if !slices.Equal(have, want) {
			return false
		}
	}
	return true
}

// maxFastDepth bounds nesting in skipped values; deeper input goes to
// encoding/json, which has its own limit.
const maxFastDepth = 200

type fastDecoder struct {
	data []byte
	i    int
	tmp  []byte // unescaped string

	// Allocation is most of decoding's cost, so a record's values share
	// a few blocks: strings without escapes are cut from one copy of the
	// record (src), string lists from one slice, and the numbers, flag
	// and time that pointers refer to from one struct.
	src   string
	lists []string
	box   *valueBox
	boxed int
}

type valueBox struct {
	ints [4]int
	flag bool
	time time.Time
}

// newInt returns a pointer to a fresh int in the record's box.
func (d *fastDecoder) newInt(v int) *int {
	if d.box == nil {
		d.box = new(valueBox)
	}
	if d.boxed == len(d.box.ints) {
		return &v // a key repeated is refused later; stay correct anyway
	}
	p := &d.box.ints[d.boxed]
	d.boxed++
	*p = v
	return p
}

// decodeFast decodes data into inv (which must be zero) and reports
// whether it could; false means inv is to be discarded and encoding/json
// asked instead.
func decodeFast(data []byte, inv *linkvet.Invitation) bool {
	return decodeFastIn(data, string(data), inv)
}

// decodeFastIn is decodeFast with src, data as a string, for the decoded
// strings to share.
func decodeFastIn(data []byte, src string, inv *linkvet.Invitation) bool {
	d := fastDecoder{data: data, src: src}
	d.ws()
	if !d.invitation(inv) {
		return false
	}
	d.ws()
	return d.i == len(d.data)
}

func (d *fastDecoder) ws() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// peek returns the next non-blank byte (0 at the end).
func (d *fastDecoder) peek() byte {
	d.ws()
	if d.i < len(d.data) {
		return d.data[d.i]
	}
	return 0
}

// null consumes a null literal if one is next.
func (d *fastDecoder) null() bool {
	if d.peek() == 'n' && len(d.data)-d.i >= 4 && string(d.data[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// object walks an object's members, calling field for each key with the
// decoder positioned at the value. keys is the struct's field list, for
// refusing keys that differ from one only in case, and duplicates.
func (d *fastDecoder) object(keys []string, field func(key []byte) bool) bool {
	if d.peek() != '{' {
		return false
	}
	d.i++
	var seen uint64
	if d.peek() == '}' {
		d.i++
		return true
	}
	for {
		if d.peek() != '"' {
			return false
		}
		key, ok := d.rawKey()
		if !ok {
			return false
		}
		if d.peek() != ':' {
			return false
		}
		d.i++
		known := false
		for n, k := range keys {
			if string(key) == k {
				if seen&(1<<n) != 0 {
					return false // a repeated key: encoding/json merges
				}
				seen |= 1 << n
				known = true
				break
			}
			if len(key) == len(k) && strings.EqualFold(string(key), k) {
				return false // encoding/json matches keys in any case
			}
		}
		if known {
			if !field(key) {
				return false
			}
		} else if !d.skip(0) {
			return false
		}
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return true
		default:
			return false
		}
	}
}

// rawKey reads a key that is plain ASCII without escapes.
func (d *fastDecoder) rawKey() ([]byte, bool) {
	start := d.i + 1
	for j := start; j < len(d.data); j++ {
		c := d.data[j]
		if c == '"' {
			d.i = j + 1
			return d.data[start:j], true
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	return nil, false
}

// str reads a string value; null leaves *dst as it is, as encoding/json
// does for a string.
func (d *fastDecoder) str(dst *string) bool {
	if d.null() {
		return true
	}
	start := d.i + 1
	b, ok := d.stringBytes()
	if !ok {
		return false
	}
	if len(b) > 0 && &b[0] == &d.data[start] {
		*dst = d.src[start : start+len(b)] // no escapes: share the copy
	} else {
		*dst = string(b)
	}
	return true
}

// stringBytes reads a string and returns its unescaped bytes, valid only
// until the next call.
func (d *fastDecoder) stringBytes() ([]byte, bool) {
	if d.peek() != '"' {
		return nil, false
	}
	start := d.i + 1
	j := start
	high := false
	for j < len(d.data) {
		c := d.data[j]
		if c == '"' {
			if high && !utf8.Valid(d.data[start:j]) {
				return nil, false
			}
			d.i = j + 1
			return d.data[start:j], true
		}
		if c == '\\' {
			return d.escaped(start)
		}
		if c < 0x20 {
			return nil, false
		}
		if c >= 0x80 {
			high = true
		}
		j++
	}
	return nil, false
}

// escaped reads a string holding escapes, as encoding/json unquotes it:
// a lone or mismatched surrogate half becomes U+FFFD.
func (d *fastDecoder) escaped(start int) ([]byte, bool) {
	b := d.tmp[:0]
	j := start
	for j < len(d.data) {
		c := d.data[j]
		switch {
		case c == '"':
			if !utf8.Valid(b) {
				return nil, false
			}
			d.i = j + 1
			d.tmp = b
			return b, true
		case c < 0x20:
			return nil, false
		case c != '\\':
			b = append(b, c)
			j++
			continue
		}
		if j+1 >= len(d.data) {
			return nil, false
		}
		switch e := d.data[j+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(d.data[j+2:])
			if r < 0 {
				return nil, false
			}
			j += 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if j+1 < len(d.data) && d.data[j] == '\\' && d.data[j+1] == 'u' {
					r2 = hex4(d.data[j+2:])
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					j += 6
					b = utf8.AppendRune(b, dec)
					continue
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
			continue
		default:
			return nil, false
		}
		j += 2
	}
	return nil, false
}

// hex4 reads four hex digits; -1 if they are not.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// intPtr reads a whole number small enough to be sure of; null sets nil.
func (d *fastDecoder) intPtr(dst **int) bool {
	if d.null() {
		*dst = nil
		return true
	}
	d.ws()
	j := d.i
	neg := j < len(d.data) && d.data[j] == '-'
	if neg {
		j++
	}
	digits := j
	n := 0
	for j < len(d.data) && '0' <= d.data[j] && d.data[j] <= '9' {
		n = n*10 + int(d.data[j]-'0')
		j++
	}
	count := j - digits
	if count == 0 || count > 18 || count > 1 && d.data[digits] == '0' {
		return false
	}
	if j < len(d.data) {
		switch d.data[j] {
		case '.', 'e', 'E', '-', '+':
			return false // a fraction or exponent: encoding/json decides
		}
	}
	if neg {
		n = -n
	}
	d.i = j
	*dst = d.newInt(n)
	return true
}

func (d *fastDecoder) boolPtr(dst **bool) bool {
	if d.null() {
		*dst = nil
		return true
	}
	d.ws()
	rest := d.data[d.i:]
	var v bool
	switch {
	case len(rest) >= 4 && string(rest[:4]) == "true":
		v = true
		d.i += 4
	case len(rest) >= 5 && string(rest[:5]) == "false":
		d.i += 5
	default:
		return false
	}
	if d.box == nil {
		d.box = new(valueBox)
	}
	d.box.flag = v
	*dst = &d.box.flag
	return true
}

func (d *fastDecoder) timePtr(dst **time.Time) bool {
	if d.null() {
		*dst = nil
		return true
	}
	d.ws()
	start := d.i
	if _, ok := d.stringBytes(); !ok {
		return false
	}
	if d.box == nil {
		d.box = new(valueBox)
	}
	t := &d.box.time
	if err := t.UnmarshalJSON(d.data[start:d.i]); err != nil {
		return false
	}
	*dst = t
	return true
}

// strings reads a list of strings; null sets nil, [] an empty list, a
// null element "".
func (d *fastDecoder) strings(dst *[]string) bool {
	if d.null() {
		*dst = nil
		return true
	}
	if d.lists == nil {
		d.lists = make([]string, 0, 16)
	}
	from := len(d.lists)
	if !d.array(func() bool {
		var s string
		if !d.str(&s) {
			return false
		}
		d.lists = append(d.lists, s)
		return true
	}, func() {}) {
		return false
	}
	// [] is an empty list, not a missing one, as encoding/json has it.
	*dst = d.lists[from:len(d.lists):len(d.lists)]
	return true
}

// array walks an array's elements; empty is called for "[]", which
// encoding/json decodes as an empty, non-nil slice.
func (d *fastDecoder) array(elem func() bool, empty func()) bool {
	if d.peek() != '[' {
		return false
	}
	d.i++
	if d.peek() == ']' {
		d.i++
		empty()
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return true
		default:
			return false
		}
	}
}

// skip checks and passes over a value of a key the format does not know.
func (d *fastDecoder) skip(depth int) bool {
	if depth > maxFastDepth {
		return false
	}
	switch d.peek() {
	case '"':
		_, ok := d.stringBytes()
		return ok
	case '{':
		d.i++
		if d.peek() == '}' {
			d.i++
			return true
		}
		for {
			if d.peek() != '"' {
				return false
			}
			if _, ok := d.stringBytes(); !ok {
				return false
			}
			if d.peek() != ':' {
				return false
			}
			d.i++
			if !d.skip(depth + 1) {
				return false
			}
			switch d.peek() {
			case ',':
				d.i++
			case '}':
				d.i++
				return true
			default:
				return false
			}
		}
	case '[':
		return d.array(func() bool { return d.skip(depth + 1) }, func() {})
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return d.number()
}

func (d *fastDecoder) literal(s string) bool {
	if len(d.data)-d.i >= len(s) && string(d.data[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

// number passes over a number in JSON's grammar.
func (d *fastDecoder) number() bool {
	j := d.i
	digits := func() int {
		k := j
		for j < len(d.data) && '0' <= d.data[j] && d.data[j] <= '9' {
			j++
		}
		return j - k
	}
	if j < len(d.data) && d.data[j] == '-' {
		j++
	}
	if j < len(d.data) && d.data[j] == '0' {
		j++
	} else if digits() == 0 {
		return false
	}
	if j < len(d.data) && d.data[j] == '.' {
		j++
		if digits() == 0 {
			return false
		}
	}
	if j < len(d.data) && (d.data[j] == 'e' || d.data[j] == 'E') {
		j++
		if j < len(d.data) && (d.data[j] == '+' || d.data[j] == '-') {
			j++
		}
		if digits() == 0 {
			return false
		}
	}
	d.i = j
	return true
}

// Well-known values are shared rather than allocated per record.
var (
	directions = []linkvet.Direction{linkvet.Incoming, linkvet.Outgoing}
	photos     = []linkvet.Photo{linkvet.PhotoUnknown, linkvet.PhotoReal, linkvet.PhotoNone, linkvet.PhotoStock, linkvet.PhotoGenerated}
	sources    = []string{linkvet.SourceManual, linkvet.SourceAPI, linkvet.SourceLinkedInExport, linkvet.SourceEmail,
		linkvet.SourcePDF, linkvet.SourcePaste, linkvet.SourceDMA}
)

// word reads a string, sharing the copy of one of the common values.
func word[T ~string](d *fastDecoder, dst *T, common []T) bool {
	if d.null() {
		return true
	}
	b, ok := d.stringBytes()
	if !ok {
		return false
	}
	for _, c := range common {
		if string(b) == string(c) {
			*dst = c
			return true
		}
	}
	*dst = T(b)
	return true
}

func (d *fastDecoder) invitation(inv *linkvet.Invitation) bool {
	return d.object(invKeys, func(key []byte) bool {
		switch string(key) {
		case "id":
			return d.str(&inv.ID)
		case "direction":
			return word(d, &inv.Direction, directions)
		case "sent_at":
			return d.timePtr(&inv.SentAt)
		case "message":
			return d.str(&inv.Message)
		case "person":
			if d.null() {
				return true
			}
			return d.person(&inv.Person)
		case "mutual_connections":
			return d.intPtr(&inv.MutualConnections)
		case "mutual_names":
			return d.strings(&inv.MutualNames)
		case "shared":
			if d.null() {
				return true
			}
			return d.shared(&inv.Shared)
		case "interactions":
			return d.strings(&inv.Interactions)
		case "source":
			return word(d, &inv.Source, sources)
		case "accept_url":
			return d.str(&inv.AcceptURL)
		case "received_via":
			return d.strings(&inv.ReceivedVia)
		case "label":
			return word(d, &inv.Label, linkvet.Actions)
		}
		return false
	})
}

func (d *fastDecoder) person(p *linkvet.Person) bool {
	return d.object(personKeys, func(key []byte) bool {
		switch string(key) {
		case "name":
			return d.str(&p.Name)
		case "profile_url":
			return d.str(&p.ProfileURL)
		case "headline":
			return d.str(&p.Headline)
		case "title":
			return d.str(&p.Title)
		case "company":
			return d.str(&p.Company)
		case "industry":
			return d.str(&p.Industry)
		case "location":
			return d.str(&p.Location)
		case "about":
			return d.str(&p.About)
		case "photo":
			return word(d, &p.Photo, photos)
		case "verified":
			return d.boolPtr(&p.Verified)
		case "connections":
			return d.intPtr(&p.Connections)
		case "followers":
			return d.intPtr(&p.Followers)
		case "member_since":
			return d.str(&p.MemberSince)
		case "experience":
			return objects(d, &p.Experience, d.position)
		case "education":
			return objects(d, &p.Education, d.education)
		case "skills":
			return d.strings(&p.Skills)
		case "recommendations":
			return d.intPtr(&p.Recommendations)
		case "emails":
			return d.strings(&p.Emails)
		case "phones":
			return d.strings(&p.Phones)
		case "websites":
			return d.strings(&p.Websites)
		case "languages":
			return d.strings(&p.Languages)
		}
		return false
	})
}

// objects decodes an array of objects into *dst as encoding/json does: null
// leaves nil, [] an empty list, a null element a zero value.
func objects[T any](d *fastDecoder, dst *[]T, one func(*T) bool) bool {
	if d.null() {
		*dst = nil
		return true
	}
	return d.array(func() bool {
		var zero T
		*dst = append(*dst, zero)
		if d.null() {
			return true
		}
		return one(&(*dst)[len(*dst)-1])
	}, func() { *dst = []T{} })
}

func (d *fastDecoder) position(x *linkvet.Position) bool {
	return d.object(positionKeys, func(key []byte) bool {
		switch string(key) {
		case "title":
			return d.str(&x.Title)
		case "company":
			return d.str(&x.Company)
		case "start":
			return d.str(&x.Start)
		case "end":
			return d.str(&x.End)
		case "location":
			return d.str(&x.Location)
		}
		return false
	})
}

func (d *fastDecoder) education(x *linkvet.Education) bool {
	return d.object(educationKeys, func(key []byte) bool {
		switch string(key) {
		case "school":
			return d.str(&x.School)
		case "degree":
			return d.str(&x.Degree)
		case "start":
			return d.str(&x.Start)
		case "end":
			return d.str(&x.End)
		}
		return false
	})
}

func (d *fastDecoder) shared(s *linkvet.Shared) bool {
	return d.object(sharedKeys, func(key []byte) bool {
		switch string(key) {
		case "companies":
			return d.strings(&s.Companies)
		case "schools":
			return d.strings(&s.Schools)
		case "groups":
			return d.strings(&s.Groups)
		case "events":
			return d.strings(&s.Events)
		case "interests":
			return d.strings(&s.Interests)
		}
		return false
	})
}
