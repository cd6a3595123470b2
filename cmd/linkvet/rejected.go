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
	case ok == 1:
		return fmt.Errorf("%s: %s rejected; the other one was processed", name, recs)
	}
	return fmt.Errorf("%s: %s rejected; the other %d were processed", name, recs, ok)
}
