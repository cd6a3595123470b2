package jsonio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"

	"github.com/linkvet/linkvet"
)

// TestReaderAgreesWithEncodingJSON is FuzzReaderAgrees's property kept as
// a test over many valid inputs (issue 12): on valid input, whatever its
// shape (JSON Lines, an array, an indented array) and whichever decoder
// or number of goroutines reads it, the reader yields exactly the
// invitations encoding/json decodes, in order, and no problem.
func TestReaderAgreesWithEncodingJSON(t *testing.T) {
	const n = 300
	var want []linkvet.Invitation
	var lines [][]byte
	for i := range n {
		line := genLine(i)
		var inv linkvet.Invitation
		if err := json.Unmarshal(line, &inv); err != nil {
			t.Fatal(err)
		}
		want = append(want, inv)
		lines = append(lines, bytes.TrimSpace(line))
	}
	array := append(append([]byte("["), bytes.Join(lines, []byte(","))...), ']')
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, array, "", "  "); err != nil {
		t.Fatal(err)
	}
	shapes := map[string][]byte{
		"lines":  append(bytes.Join(lines, []byte("\n")), '\n'),
		"crlf":   append(bytes.Join(lines, []byte("\r\n")), '\r', '\n'),
		"array":  array,
		"pretty": pretty.Bytes(),
		"bom":    append([]byte("\ufeff"), array...),
	}
	for name, input := range shapes {
		for _, fast := range []bool{true, false} {
			for _, workers := range []int{0, 2} {
				t.Run(fmt.Sprintf("%s/fast=%v/workers=%d", name, fast, workers), func(t *testing.T) {
					r := NewReader(bytes.NewReader(input), "in.json")
					r.slow = !fast
					if workers > 0 {
						r.Parallel(workers)
					}
					defer r.Close()
					var got []linkvet.Invitation
					for {
						rec, err := r.Next()
						if err == io.EOF {
							break
						}
						var p *linkvet.Problem
						if errors.As(err, &p) || err != nil {
							t.Fatalf("record %d: %v", len(got)+1, err)
						}
						got = append(got, rec.Invitation)
					}
					if len(got) != len(want) {
						t.Fatalf("%d records, encoding/json decodes %d", len(got), len(want))
					}
					for i := range want {
						if !reflect.DeepEqual(got[i], want[i]) {
							t.Fatalf("record %d differs:\n reader %#v\n json   %#v", i+1, got[i], want[i])
						}
					}
				})
			}
		}
	}
}
