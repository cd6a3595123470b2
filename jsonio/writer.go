package jsonio

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkvet/linkvet"
)

// VerdictWriter writes verdicts as JSON Lines, one object per line, in the
// order they are given.
type VerdictWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewVerdictWriter writes to w; call Flush at the end.
func NewVerdictWriter(w io.Writer) *VerdictWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &VerdictWriter{bw: bw, enc: enc}
}

// Write writes one verdict.
func (w *VerdictWriter) Write(v *linkvet.Verdict) error {
	if v.Reasons == nil {
		v.Reasons = []linkvet.Reason{} // required: never null
	}
	if err := w.enc.Encode(v); err != nil {
		return fmt.Errorf("write verdict %s: %w", v.ID, err)
	}
	return nil
}

// Flush writes what is buffered.
func (w *VerdictWriter) Flush() error { return w.bw.Flush() }
