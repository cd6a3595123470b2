package main

import (
	"fmt"
	"strings"
)

// rejectedCount says how many records of name were rejected and what
// became of the rest, without claiming "the others" when there were none.
func rejectedCount(name string, rejected, ok int) error {
	recs := "1 record"
	if rejected != 1 {
		recs = fmt.Sprintf("%d records", rejected)
	}
	switch {
	case ok == 0 && strings.TrimSpace(name) != "":
		return fmt.Errorf("%s: %s rejected and none read", name, recs)
	case ok == 0:
		return fmt.Errorf("%s rejected and none read", recs)
	}
	prefix := ""
	if strings.TrimSpace(name) != "" {
		prefix = name + ": "
	}
	if ok == 1 {
		return fmt.Errorf("%s%s rejected; the other one was processed", prefix, recs)
	}
	return fmt.Errorf("%s%s rejected; the other %d were processed", prefix, recs, ok)
}

// displayName is how an input is named in messages: "-" is standard input.
func displayName(name string) string {
	if name == "-" || name == "" {
		return "stdin"
	}
	return name
}

// oneName is the input to name in a summary: the only one, else none.
func oneName(args []string) string {
	if len(args) == 1 {
		return displayName(args[0])
	}
	return ""
}
