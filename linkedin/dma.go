package linkedin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/linkvet/linkvet"
)

// This file reads the snapshot LinkedIn's Member Data Portability API
// gives members in the EEA and Switzerland: the tables of the CSV export as
// JSON, one domain (CONNECTIONS, INVITATIONS, PROFILE, INBOX...) at a time,
// each row an object whose keys are the CSV's column names. The API
// answers in pages:
//
//	{"paging": {...}, "elements": [{"snapshotDomain": "CONNECTIONS",
//	  "snapshotData": [{"First Name": "...", "Connected On": "..."}]}]}
//
// A saved snapshot may be one such page, several pages one after another
// or in an array, an array of elements, an object keyed by domain
// ({"CONNECTIONS": [...]}), or a file named after its domain
// (CONNECTIONS.json) holding an array of rows; a folder may hold any of
// these. Rows go through the same column mapping and row parsers as the
// CSV files, so both read alike; domains linkvet has no use for
// (MEMBER_SHARE_INFO, ARTICLES...) are passed over.

// maxDMADepth bounds how deep the reader looks for domains.
const maxDMADepth = 6

// domainKind maps a snapshot domain to the CSV file it mirrors.
func domainKind(domain string) kind {
	switch strings.ToUpper(strings.TrimSpace(domain)) {
	case "INBOX", "MESSAGES", "MESSAGE":
		return messagesFile
	case "RECEIVED_ENDORSEMENTS", "ENDORSEMENTS_RECEIVED":
		return endorsementsFile
	case "RECEIVED_RECOMMENDATIONS":
		return recommendationsFile
	case "ADDRESS_BOOK":
		return contactsFile
	}
	if strings.ContainsAny(domain, "/\\.") {
		return unknownKind
	}
	return kindOf(domain + ".csv")
}

// IsDMA reports whether path looks like a Member Data Portability snapshot
// rather than a CSV export: a .json file, or a folder holding .json files
// and no export CSV (at the top or one folder down).
func IsDMA(path string) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !info.IsDir() {
		return strings.EqualFold(pathExt(path), ".json")
	}
	jsons, csvs := 0, 0
	_ = walkTwo(os.DirFS(path), func(name string, _ fs.DirEntry) error {
		switch {
		case strings.EqualFold(pathExt(name), ".json"):
			jsons++
		case kindAt(name) != unknownKind:
			csvs++
		}
		return nil
	})
	return jsons > 0 && csvs == 0
}

func pathExt(p string) string { return path.Ext(strings.ReplaceAll(p, `\`, "/")) }

// walkTwo calls fn for the regular files at the top of fsys and one
// folder down, in name order.
func walkTwo(fsys fs.FS, fn func(name string, d fs.DirEntry) error) error {
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return err
	}
	for _, d := range top {
		if d.IsDir() {
			if d.Name() == "__MACOSX" {
				continue
			}
			sub, err := fs.ReadDir(fsys, d.Name())
			if err != nil {
				return err
			}
			for _, s := range sub {
				if s.Type().IsRegular() {
					if err := fn(d.Name()+"/"+s.Name(), s); err != nil {
						return err
					}
				}
			}
			continue
		}
		if d.Type().IsRegular() {
			if err := fn(d.Name(), d); err != nil {
				return err
			}
		}
	}
	return nil
}

// ReadDMA reads a Member Data Portability snapshot at path: one JSON file
// or a folder of them. Invitations read from it have Source "dma".
// Errors for the user are *linkvet.Error and name path.
func ReadDMA(p string, opt Options) (*linkvet.Export, error) {
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file or folder", p)
	} else if err != nil {
		return nil, fmt.Errorf("read LinkedIn snapshot: %w", err)
	}
	var e *linkvet.Export
	if info.IsDir() {
		e, err = ReadDMAFS(os.DirFS(p), opt)
	} else {
		var f *os.File
		if f, err = os.Open(p); err != nil {
			return nil, fmt.Errorf("read LinkedIn snapshot: %w", err)
		}
		defer f.Close()
		e, err = ReadDMAFile(f, path.Base(strings.ReplaceAll(p, `\`, "/")), opt)
	}
	var le *linkvet.Error
	if errors.As(err, &le) {
		return nil, linkvet.Errorf(le.Code, "%s: %s", p, le.Message)
	}
	return e, err
}

// ReadDMAFS reads the .json files at the top of fsys and one folder down.
func ReadDMAFS(fsys fs.FS, opt Options) (*linkvet.Export, error) {
	opt = opt.withDefaults()
	r := newDMAReader(opt)
	files := 0
	err := walkTwo(fsys, func(name string, d fs.DirEntry) error {
		if files++; files > opt.MaxFiles {
			return linkvet.Errorf(linkvet.ELIMIT, "the folder holds more than %d files (at %s)", opt.MaxFiles, name)
		}
		if !strings.EqualFold(pathExt(name), ".json") || strings.HasPrefix(path.Base(name), ".") {
			return nil
		}
		f, err := fsys.Open(name)
		if err != nil {
			return linkvet.Errorf(linkvet.EINVALID, "%s cannot be opened (%v)", name, err)
		}
		defer f.Close()
		return r.file(f, name)
	})
	if err != nil {
		return nil, err
	}
	return r.export()
}

// ReadDMAFile reads one snapshot file; name is how problems name it.
func ReadDMAFile(rd io.Reader, name string, opt Options) (*linkvet.Export, error) {
	opt = opt.withDefaults()
	r := newDMAReader(opt)
	if err := r.file(rd, name); err != nil {
		return nil, err
	}
	return r.export()
}

// dmaReader gathers the rows of every domain of a snapshot into the data
// the CSV parsers fill.
type dmaReader struct {
	opt    Options
	d      data
	tables map[string]*table // per file and domain
	sums   []*linkvet.FileSummary
	dates  map[kind]*dateParser
	total  int64

	// the file being read
	name string
	nls  []int // offsets of its newlines
}

func newDMAReader(opt Options) *dmaReader {
	return &dmaReader{opt: opt, tables: map[string]*table{}, dates: map[kind]*dateParser{}}
}

func (r *dmaReader) file(rd io.Reader, name string) error {
	limit := min(r.opt.MaxFileBytes, r.opt.MaxTotalBytes-r.total)
	b, err := io.ReadAll(io.LimitReader(rd, limit+1))
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "%s is damaged and cannot be read (%v)", name, err)
	}
	if int64(len(b)) > limit {
		return linkvet.Errorf(linkvet.ELIMIT, "%s is over the limit of %s for a snapshot file (or for the files together)",
			name, formatBytes(limit))
	}
	r.total += int64(len(b))
	b = bytes.TrimPrefix(b, []byte{0xef, 0xbb, 0xbf})
	r.name, r.nls = name, r.nls[:0]
	for i, c := range b {
		if c == '\n' {
			r.nls = append(r.nls, i)
		}
	}
	// A file named after a domain may hold bare rows.
	base := strings.TrimSuffix(path.Base(name), pathExt(name))
	hint := ""
	if domainKind(base) != unknownKind {
		hint = base
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	for {
		var v json.RawMessage
		err := dec.Decode(&v)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			at := len(b)
			var se *json.SyntaxError
			if errors.As(err, &se) {
				at = int(min(max(se.Offset-1, 0), int64(len(b))))
			}
			return linkvet.Errorf(linkvet.EINVALID, "%s:%d: not valid JSON (%v)", name, r.lineAt(at), err)
		}
		start := int(dec.InputOffset()) - len(v)
		r.walk(v, start, hint, 0)
	}
}

// lineAt is the line of byte offset off in the current file.
func (r *dmaReader) lineAt(off int) int { return sort.SearchInts(r.nls, off) + 1 }

// jsonMember is one key of an object with its value and the value's offset.
type jsonMember struct {
	key string
	raw json.RawMessage
	at  int
}

// members lists an object's keys in order; nil if raw is not an object.
func members(raw json.RawMessage, base int) []jsonMember {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	list := []jsonMember{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		list = append(list, jsonMember{key: key, raw: v, at: base + int(dec.InputOffset()) - len(v)})
	}
	return list
}

// elements lists an array's values with their offsets; nil if raw is not
// an array.
func elements(raw json.RawMessage, base int) []jsonMember {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return nil
	}
	list := []jsonMember{}
	for dec.More() {
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		list = append(list, jsonMember{raw: v, at: base + int(dec.InputOffset()) - len(v)})
	}
	return list
}

// walk finds the domains in one value; domain is the one its rows belong
// to, if known.
func (r *dmaReader) walk(raw json.RawMessage, at int, domain string, depth int) {
	if depth > maxDMADepth || len(raw) == 0 {
		return
	}
	switch raw[0] {
	case '[':
		for _, el := range elements(raw, at) {
			r.walk(el.raw, el.at, domain, depth+1)
		}
	case '{':
		ms := members(raw, at)
		get := func(key string) *jsonMember {
			for i := range ms {
				if ms[i].key == key {
					return &ms[i]
				}
			}
			return nil
		}
		if dm := get("snapshotDomain"); dm != nil {
			var name string
			_ = json.Unmarshal(dm.raw, &name)
			if data := get("snapshotData"); data != nil && domainKind(name) != unknownKind {
				r.walk(data.raw, data.at, name, depth+1)
			}
			return
		}
		if el := get("elements"); el != nil {
			r.walk(el.raw, el.at, "", depth+1)
			return
		}
		found := false
		for _, m := range ms {
			if m.key != "" && m.key == strings.ToUpper(m.key) && domainKind(m.key) != unknownKind {
				found = true
				r.walk(m.raw, m.at, m.key, depth+1)
			}
		}
		if !found && domain != "" {
			r.row(domain, ms, at)
		}
	}
}

// row parses one row of a domain as the CSV parser of its file would.
func (r *dmaReader) row(domain string, ms []jsonMember, at int) {
	k := domainKind(domain)
	id := r.name + "\x00" + domain
	t := r.tables[id]
	if t == nil {
		sum := &linkvet.FileSummary{Name: r.name + " (" + strings.ToUpper(domain) + ")"}
		r.sums = append(r.sums, sum)
		t = &table{cols: map[string]int{}, sum: sum}
		r.tables[id] = t
		switch k {
		case connectionsFile:
			r.d.hasConns = true
		case invitationsFile:
			r.d.hasInvs = true
		}
	}
	fields := make([]string, 0, len(ms))
	for _, m := range ms {
		key := columnKey(m.key)
		if key == "" {
			continue
		}
		i, ok := t.cols[key]
		if !ok {
			i = len(t.cols)
			t.cols[key] = i
		}
		for len(fields) <= i {
			fields = append(fields, "")
		}
		fields[i] = cellText(m.raw)
	}
	dates := r.dates[k]
	if dates == nil {
		dates = &dateParser{loc: r.opt.Location}
		r.dates[k] = dates
	}
	if parseRow(k, row{fields: fields, line: r.lineAt(at), t: t}, &r.d, dates) {
		t.sum.Rows++
	}
}

// cellText is a JSON value as the text a CSV cell would hold.
func cellText(raw json.RawMessage) string {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return ""
	case raw[0] == '"':
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	case raw[0] == '{' || raw[0] == '[':
		return "" // no column of the export holds structure
	}
	return string(raw) // a number or true/false, as written
}

func (r *dmaReader) export() (*linkvet.Export, error) {
	if len(r.sums) == 0 {
		return nil, linkvet.Errorf(linkvet.EINVALID,
			"no LinkedIn snapshot data found (looked for domains such as CONNECTIONS, INVITATIONS, PROFILE and INBOX, as the Member Data Portability API gives them)")
	}
	for _, t := range r.tables {
		t.flush()
	}
	for _, s := range r.sums {
		r.d.files = append(r.d.files, *s)
	}
	slices.SortStableFunc(r.d.files, func(a, b linkvet.FileSummary) int { return strings.Compare(a.Name, b.Name) })
	e := r.d.export(r.opt.Location, r.opt.MessagesReady)
	for _, list := range [][]linkvet.Invitation{e.Incoming, e.Outgoing, e.PastAccepts} {
		for i := range list {
			list[i].Source = linkvet.SourceDMA
		}
	}
	for i := range e.Files {
		if e.Files[i].Name == "Connections.csv" && e.ConnectionsMissing {
			e.Files[i].Name = "CONNECTIONS"
			for j := range e.Files[i].Skipped {
				e.Files[i].Skipped[j].File = "CONNECTIONS"
				e.Files[i].Skipped[j].Reason = strings.Replace(e.Files[i].Skipped[j].Reason, "missing from the export", "missing from the snapshot", 1)
			}
		}
	}
	return e, nil
}
