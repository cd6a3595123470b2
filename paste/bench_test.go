package paste

import (
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkInvitationManager reads a copy of 1,000 invitation cards.
//
//	go test ./paste -run '^$' -bench . -benchtime 20x
func BenchmarkInvitationManager(b *testing.B) {
	card, err := os.ReadFile("testdata/im-2025-en.txt")
	if err != nil {
		b.Fatal(err)
	}
	body, _, _ := strings.Cut(string(card), "People you may know")
	text := strings.Repeat(body, 334)
	b.SetBytes(int64(len(text)))
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if res := Read(text, now); len(res.Invitations) < 1000 {
			b.Fatalf("read %d invitations", len(res.Invitations))
		}
	}
}

// BenchmarkProfile reads a copied profile page.
func BenchmarkProfile(b *testing.B) {
	text, err := os.ReadFile("testdata/profile-2024-en.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if res := Read(string(text), time.Time{}); res.Person == nil {
			b.Fatal("no profile")
		}
	}
}
