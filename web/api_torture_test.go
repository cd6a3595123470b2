package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestAPIScreenTextAfterArray is issue 12, item 7, on the API: anything
// after a JSON array (text, or a second array) is refused with 400 saying
// so, never silently dropped; blank space after it is fine.
func TestAPIScreenTextAfterArray(t *testing.T) {
	e := newTestEnv(t)
	one := `{"id":"x1","person":{"name":"Alex Kim","headline":"Data Engineer"}}`
	for _, tc := range []struct {
		name, body string
		status     int
		where      string
	}{
		{"text after the array", "[" + one + "]garbage", 400, "follows the array"},
		{"a second array", "[" + one + "]\n[" + one + "]", 400, "follows the array"},
		{"blank space after", "[" + one + "]\n\n  \n", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := e.do(http.MethodPost, "/api/v1/screen", strings.NewReader(tc.body), "Content-Type", "application/json")
			wantStatus(t, w, tc.status)
			if tc.status == 200 {
				return
			}
			code, msg := apiError(t, w)
			if code != "invalid" || !strings.Contains(msg, tc.where) {
				t.Errorf("%s: %s, want invalid naming %q", code, msg, tc.where)
			}
		})
	}
}
