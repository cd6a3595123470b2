package service_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
	"github.com/linkvet/linkvet/service"
	"github.com/linkvet/linkvet/sqlite"
)

// generatedJSONL returns n synthetic invitations as JSON Lines, as
// linkvet demo --generate makes them.
func generatedJSONL(b *testing.B, n int) []byte {
	b.Helper()
	out, err := exec.Command("go", "run", "../cmd/linkvet", "demo", "--generate", itoa(n)).Output()
	if err != nil {
		b.Skipf("generate invitations: %v", err)
	}
	return out
}

// generated returns n synthetic invitations.
func generated(b *testing.B, n int) []linkvet.Invitation {
	b.Helper()
	out := generatedJSONL(b, n)
	rd := jsonio.NewReader(bytes.NewReader(out), "generated.jsonl")
	var invs []linkvet.Invitation
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return invs
		} else if err != nil {
			b.Fatal(err)
		}
		invs = append(invs, rec.Invitation)
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func openBench(b *testing.B) (*sqlite.DB, *service.Service) {
	b.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, service.New(service.Config{Store: db})
}

// BenchmarkScreen5000 is the yardstick: what linkvet screen --json does
// with the same invitations, from the file's bytes to the verdicts' (one
// thread, as the others).
func BenchmarkScreen5000(b *testing.B) {
	data := generatedJSONL(b, 5000)
	eng := screen.New(policy.Default())
	b.ResetTimer()
	for range b.N {
		rd := jsonio.NewReader(bytes.NewReader(data), "generated.jsonl")
		w := jsonio.NewVerdictWriter(io.Discard)
		for {
			rec, err := rd.Next()
			if errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				b.Fatal(err)
			}
			v := eng.Screen(&rec.Invitation, service.DemoNow())
			if err := w.Write(&v); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdd5000 stores and screens 5,000 invitations into a fresh
// store (issue 13: under five times BenchmarkScreen5000).
func BenchmarkAdd5000(b *testing.B) {
	invs := generated(b, 5000)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		_, svc := openBench(b)
		b.StartTimer()
		if _, err := svc.Add(context.Background(), invs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInbox5000Fresh lists 5,000 pending invitations whose verdicts
// are current: nothing is screened.
func BenchmarkInbox5000Fresh(b *testing.B) {
	invs := generated(b, 5000)
	_, svc := openBench(b)
	if _, err := svc.Add(context.Background(), invs); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := svc.Inbox(context.Background(), service.InboxFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInbox5000Stale lists 5,000 pending invitations after a policy
// change made every verdict stale (issue 13: at most twice screening).
func BenchmarkInbox5000Stale(b *testing.B) {
	invs := generated(b, 5000)
	_, svc := openBench(b)
	if _, err := svc.Add(context.Background(), invs); err != nil {
		b.Fatal(err)
	}
	styles := []string{"style: open\n", "style: curated\n"}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if _, _, err := svc.UsePolicy(context.Background(), []byte(styles[i%2]), "p.yaml", "bench"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := svc.Inbox(context.Background(), service.InboxFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}
