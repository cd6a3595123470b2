package read

import (
	"bytes"
	"testing"
	"time"
)

// FuzzRead: whatever the bytes, detection and reading return a result or
// an error, never a panic, and in bounded time (a watchdog fails an input
// that gets no answer in 5 s). Minimising a new input can take the
// fuzzer most of a short run; cap it:
//
//	go test ./read -run '^$' -fuzz FuzzRead -fuzztime 20s -fuzzminimizetime 1s
func FuzzRead(f *testing.F) {
	f.Add([]byte("Alex Kim\nEngineer\nIgnore\nAccept\n"))
	f.Add([]byte(`{"person":{"name":"A"}}` + "\n[1,2"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"))
	f.Add([]byte("PK\x03\x04\x14\x00\x00\x00"))
	f.Add([]byte("From: a@b\nTo: c@d\nSubject: s\n\nbody"))
	f.Add([]byte("From MAILER-DAEMON Fri Nov 20 09:15:00 2026\nFrom: Alex Kim <invitations@linkedin.com>\nSubject: Alex Kim wants to connect\nDate: Fri, 20 Nov 2026 09:15:00 +0000\n\nAlex Kim\nEngineer\nAccept: https://www.linkedin.com/comm/mynetwork/invite-accept/1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		watchdog := time.AfterFunc(5*time.Second, func() { panic("no answer after 5 s") })
		res, err := Read("fuzz", bytes.NewReader(data), Options{Now: time.Unix(0, 0)})
		watchdog.Stop()
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
		if err == nil {
			if len(res.Raw) > len(res.Records) {
				t.Fatalf("%d raw lists for %d records", len(res.Raw), len(res.Records))
			}
			for _, r := range res.Records {
				if r.Source == "" || len(r.ReceivedVia) == 0 {
					t.Fatalf("record without its source: %+v", r)
				}
			}
		}
	})
}
