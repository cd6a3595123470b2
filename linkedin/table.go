package linkedin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// kind is one file of the export that linkvet reads.
type kind int

const (
	unknownKind kind = iota
	connectionsFile
	invitationsFile
	messagesFile
	profileFile
	positionsFile
	skillsFile
	educationFile
	contactsFile
	importedContactsFile
	emailAddressesFile
	endorsementsFile
	recommendationsFile
)

// kindOf recognises an export file by its base name, ignoring case,
// spaces, underscores and hyphens, so "Email Addresses.csv",
// "email_addresses.csv" and "EMAIL-ADDRESSES.CSV" are the same file.
func kindOf(name string) kind {
	base := path.Base(name)
	if strings.HasPrefix(base, ".") { // macOS "._Connections.csv" resource forks
		return unknownKind
	}
	if !strings.EqualFold(path.Ext(base), ".csv") {
		return unknownKind
	}
	key := strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, fold.String(strings.TrimSuffix(base, path.Ext(base))))
	switch key {
	case "connections":
		return connectionsFile
	case "invitations":
		return invitationsFile
	case "messages":
		return messagesFile
	case "profile":
		return profileFile
	case "positions":
		return positionsFile
	case "skills":
		return skillsFile
	case "education":
		return educationFile
	case "contacts":
		return contactsFile
	case "importedcontacts":
		return importedContactsFile
	case "emailaddresses":
		return emailAddressesFile
	case "endorsementreceivedinfo", "endorsementsreceived", "endorsementreceived":
		return endorsementsFile
	case "recommendationsreceived", "recommendationreceived":
		return recommendationsFile
	}
	return unknownKind
}

// columns lists the header names each kind may have. A header row is recognised by holding at least two of them
// (one for single-column files).
func (k kind) columns() []string {
	switch k {
	case connectionsFile:
		return []string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}
	case invitationsFile:
		return []string{"From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"}
	case messagesFile:
		return []string{"CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
			"DATE", "SUBJECT", "CONTENT", "FOLDER", "Direction", "ATTACHMENTS", "IS MESSAGE DRAFT"}
	case profileFile:
		return []string{"First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
			"Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"}
	case positionsFile:
		return []string{"Company Name", "Title", "Description", "Location", "Started On", "Finished On"}
	case skillsFile:
		return []string{"Name"}
	case educationFile:
		return []string{"School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"}
	case contactsFile, importedContactsFile:
		return []string{"FirstName", "LastName", "FullName", "Companies", "Title", "Emails", "PhoneNumbers",
			"CreatedAt", "Addresses", "Sites", "Profiles", "Location"}
	case emailAddressesFile:
		return []string{"Email Address", "Confirmed", "Primary", "Updated On"}
	case endorsementsFile:
		return []string{"Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
			"Endorser Public Url", "Endorsement Status"}
	case recommendationsFile:
		return []string{"First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"}
	}
	return nil
}

// columnKey normalises a header name: folded, letters and digits only, so
// "Connected On", "CONNECTED_ON" and "connectedOn" are one column.
func columnKey(s string) string {
	return strings.Map(func(r rune) rune {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || r > 0x7f {
			return r
		}
		return -1
	}, fold.String(s))
}

// headerSearchRows is how many records may precede the header: the
// "Notes:" preamble of recent Connections.csv files takes two.
const headerSearchRows = 20

// maxProblems caps the problems kept per file; the rest are counted.
const maxProblems = 1000

// table reads the rows of one CSV file by column name.
type table struct {
	csv     *csvReader
	cols    map[string]int // column key → index of its first occurrence
	width   int            // fields a row needs: up to the last named column
	sum     *linkvet.FileSummary
	dropped int // problems beyond maxProblems
}

// openTable finds the delimiter and the header row of a file. It returns
// nil and records a problem when the file has no recognisable header.
func openTable(r io.Reader, k kind, sum *linkvet.FileSummary) (*table, error) {
	text, err := decodeText(r)
	if err != nil {
		return nil, err
	}
	names := k.columns()
	known := make([]string, len(names))
	for i, name := range names {
		known[i] = columnKey(name)
	}
	prefix, _ := text.Peek(32 << 10) // errors resurface on the first read
	t := &table{csv: newCSVReader(text, sniffDelimiter(prefix, known)), sum: sum}
	need := min(2, len(known))
	for range headerSearchRows {
		rec, _, err := t.csv.next()
		var re *rowError
		if errors.As(err, &re) {
			continue
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if countKnown(rec, known) >= need {
			t.setHeader(rec)
			return t, nil
		}
	}
	t.problem(1, fmt.Sprintf("no header row with the expected columns (%s)", strings.Join(names, ", ")))
	return nil, nil
}

func countKnown(rec []string, known []string) int {
	n := 0
	for _, f := range rec {
		key := columnKey(f)
		for _, k := range known {
			if key == k {
				n++
				break
			}
		}
	}
	return n
}

// sniffDelimiter tells tab- from comma-separated files by which split of
// the first lines yields known column names.
func sniffDelimiter(prefix []byte, known []string) byte {
	lines := bytes.SplitN(prefix, []byte{'\n'}, headerSearchRows+1)
	for _, line := range lines[:min(len(lines), headerSearchRows)] {
		tabs := countKnown(strings.Split(string(line), "\t"), known)
		commas := countKnown(strings.Split(string(line), ","), known)
		if tabs > commas {
			return '\t'
		}
		if commas > 0 && commas >= tabs {
			return ','
		}
	}
	return ','
}

func (t *table) setHeader(rec []string) {
	t.cols = make(map[string]int, len(rec))
	for i, name := range rec {
		key := columnKey(name)
		if key == "" {
			continue // e.g. the empty column a trailing comma makes
		}
		if _, dup := t.cols[key]; !dup { // duplicate names: the first wins
			t.cols[key] = i
		}
		t.width = i + 1
	}
}

// row is one data record of a table.
type row struct {
	fields []string
	line   int
	t      *table
}

// get returns the trimmed value of a column, "" when the file lacks it.
func (r row) get(key string) string {
	i, ok := r.t.cols[key]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// next returns the next well-formed row. Broken rows are recorded as
// problems and skipped; only a failure of the source ends reading early.
func (t *table) next() (row, bool, error) {
	for {
		rec, line, err := t.csv.next()
		var re *rowError
		switch {
		case errors.As(err, &re):
			t.problem(re.line, re.reason)
			continue
		case errors.Is(err, io.EOF):
			t.flush()
			return row{}, false, nil
		case err != nil:
			return row{}, false, err
		}
		if blank(rec) {
			continue
		}
		if len(rec) < t.width {
			t.problem(line, fmt.Sprintf("row has %s, the header has %d", plural(len(rec), "field"), t.width))
			continue
		}
		if extra := rec[t.width:]; !blank(extra) {
			t.problem(line, fmt.Sprintf("row has %s, the header has %d (an unquoted comma?)", plural(len(rec), "field"), t.width))
			continue
		}
		return row{fields: rec, line: line, t: t}, true, nil
	}
}

// skip records a row the parser of a kind could not use.
func (t *table) skip(r row, reason string) { t.problem(r.line, reason) }

func (t *table) problem(line int, reason string) {
	if len(t.sum.Skipped) >= maxProblems {
		t.dropped++
		return
	}
	t.sum.Skipped = append(t.sum.Skipped, linkvet.Problem{File: t.sum.Name, Line: line, Reason: reason})
}

func (t *table) flush() {
	if t.dropped > 0 {
		t.sum.Skipped = append(t.sum.Skipped, linkvet.Problem{File: t.sum.Name,
			Reason: fmt.Sprintf("%d more rows skipped (only the first %d are listed)", t.dropped, maxProblems)})
		t.dropped = 0
	}
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
