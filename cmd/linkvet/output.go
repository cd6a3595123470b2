package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// verdictSink receives verdicts in input order.
type verdictSink interface {
	Write(inv *linkvet.Invitation, v *linkvet.Verdict) error
	Close() error
}

func (e *env) verdictOutput(asJSON bool) verdictSink {
	if asJSON {
		return newLinesSink(e.stdout)
	}
	return newTableSink(e.stdout, e.color)
}

// tableSink prints fixed-width columns, so that it can stream: a
// tabwriter would hold every row until the end to size the columns.
type tableSink struct {
	w      *bufio.Writer
	color  bool
	header bool
	counts map[linkvet.Action]int
	rows   int
	// decided adds a column with the user's standing decision (inbox
	// --all); drafts prints the drafted messages under each row.
	decided bool
	drafts  bool
}

func newTableSink(w io.Writer, color bool) *tableSink {
	return &tableSink{w: bufio.NewWriter(w), color: color, counts: map[linkvet.Action]int{}}
}

const tableFormat = "%-20s %-14s %-13s %-18s %5s %4s  %-22s %s\n"

// WriteStored writes a stored invitation: its verdict, and with decided
// what the user decided.
func (t *tableSink) WriteStored(si *linkvet.StoredInvitation) error {
	if t.decided {
		if !t.header {
			t.header = true
			fmt.Fprintf(t.w, "%-20s %-9s ", "ID", "DECIDED")
			fmt.Fprintf(t.w, tableFormat[len("%-20s "):], "ACTION", "CATEGORY", "INTENT", "SCORE", "CONF", "NAME", "WHY")
		}
		dec := "-"
		if d := linkvet.Standing(si.Decision); d != nil {
			dec = string(d.Action)
		}
		fmt.Fprintf(t.w, "%-20s %-9s ", si.Invitation.ID, dec)
		return t.row(&si.Invitation, si.Verdict, false)
	}
	return t.Write(&si.Invitation, si.Verdict)
}

func (t *tableSink) Write(inv *linkvet.Invitation, v *linkvet.Verdict) error {
	if !t.header {
		t.header = true
		fmt.Fprintf(t.w, tableFormat, "ID", "ACTION", "CATEGORY", "INTENT", "SCORE", "CONF", "NAME", "WHY")
	}
	fmt.Fprintf(t.w, "%-20s ", v.ID)
	return t.row(inv, v, true)
}

func (t *tableSink) row(inv *linkvet.Invitation, v *linkvet.Verdict, _ bool) error {
	action := string(v.Action)
	if v.Report {
		action += "+report"
	}
	// Pad before colouring: escape codes have no width.
	cell := fmt.Sprintf("%-14s", action)
	if t.color {
		cell = colorize(v.Action, cell)
	}
	fmt.Fprintf(t.w, "%s %-13s %-18s %5d %4.2f  %-22s %s\n",
		cell, v.Category, v.Intent, v.Score, v.Confidence, cut(safe(inv.Person.Name), 22), cut(safe(decidingReason(v)), 70))
	if t.drafts {
		for _, d := range []struct{ name, text string }{{"accept", v.Drafts.Accept}, {"ask", v.Drafts.Ask}, {"decline", v.Drafts.Decline}, {"follow-up", v.Drafts.FollowUp}} {
			if d.text != "" {
				fmt.Fprintf(t.w, "    %s draft: %s\n", d.name, safe(d.text))
			}
		}
	}
	t.counts[v.Action]++
	t.rows++
	return nil
}

func (t *tableSink) Close() error {
	if t.rows > 0 {
		var parts []string
		for _, a := range linkvet.Actions {
			if n := t.counts[a]; n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, a))
			}
		}
		fmt.Fprintf(t.w, "\n%d invitation%s: %s\n", t.rows, plural(t.rows), strings.Join(parts, ", "))
	}
	return t.w.Flush()
}

// count says "1 day", "2 days".
func count(n int, noun string) string { return fmt.Sprintf("%d %s%s", n, noun, plural(n)) }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// decidingReason is the reason that decided the action, for the table's
// WHY column: the heaviest reason for an accept, the heaviest reason
// against for anything else; the heaviest of any sign when none has the
// deciding sign.
func decidingReason(v *linkvet.Verdict) string {
	want := -1
	if v.Action == linkvet.Accept {
		want = 1
	}
	best, any := -1, -1
	for i, r := range v.Reasons {
		if any < 0 || abs(r.Points) > abs(v.Reasons[any].Points) {
			any = i
		}
		if r.Points*want > 0 && (best < 0 || abs(r.Points) > abs(v.Reasons[best].Points)) {
			best = i
		}
	}
	if best < 0 {
		best = any
	}
	if best < 0 {
		return ""
	}
	return v.Reasons[best].Detail
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func colorize(a linkvet.Action, s string) string {
	code := ""
	switch a {
	case linkvet.Accept:
		code = "32" // green
	case linkvet.Ask:
		code = "36" // cyan
	case linkvet.Decline:
		code = "33" // yellow
	case linkvet.Block:
		code = "31;1" // bold red
	default:
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// safe removes control characters (a stranger's name could carry terminal
// escape sequences) before printing.
func safe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, s)
}

// cut shortens s to n runes, marking the cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
