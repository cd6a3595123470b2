package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeDemoCleansUpOnStop: serve --demo removes its temporary folder
// when stopped. main turns SIGINT and SIGTERM into the context's
// cancellation; here the context is cancelled directly.
func TestServeDemoCleansUpOnStop(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, strings.NewReader(""), &out, &errb)
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		dirs, _ := filepath.Glob(filepath.Join(tmp, "linkvet-demo-*"))
		if len(dirs) == 1 && strings.Contains(out.String(), "serving the demo inbox") {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve --demo stopped: %v\n%s", err, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve --demo did not start: %s %s", out.String(), errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve --demo: %v", err)
	}
	if dirs, _ := filepath.Glob(filepath.Join(tmp, "linkvet-demo-*")); len(dirs) != 0 {
		t.Errorf("serve --demo left %v behind", dirs)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("serve --demo left %d entries in the temporary directory", len(entries))
	}
}

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
