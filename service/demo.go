package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/demo"
	"github.com/linkvet/linkvet/jsonio"
)

// LoadDemo fills an empty store with the bundled demo inbox and makes its
// user's policy the one in force, for `linkvet serve --demo`.
func (s *Service) LoadDemo(ctx context.Context) error {
	if _, _, err := s.UsePolicy(ctx, demo.Policy, "demo-policy.yaml", "demo"); err != nil {
		return fmt.Errorf("store the demo policy: %w", err)
	}
	rd := jsonio.NewReader(bytes.NewReader(demo.Inbox), "demo-inbox.jsonl")
	var invs []linkvet.Invitation
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return fmt.Errorf("read the demo inbox: %w", err)
		}
		invs = append(invs, rec.Invitation)
	}
	if _, err := s.Add(ctx, invs); err != nil {
		return fmt.Errorf("store the demo inbox: %w", err)
	}
	return nil
}

// DemoNow is the moment the demo inbox is screened at, so that the demo
// shows the same verdicts whenever it runs.
func DemoNow() time.Time {
	t, _ := time.Parse(time.RFC3339, demo.Now)
	return t
}
