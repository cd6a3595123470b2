package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/sqlite"
)

// epoch is when every test clock starts.
var epoch = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// stepClock returns a clock that starts at epoch and moves one second per
// reading, so that stored times are predictable and strictly increasing.
func stepClock() func() time.Time {
	var mu sync.Mutex
	t := epoch
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := t
		t = t.Add(time.Second)
		return now
	}
}

// openTest opens a fresh database in a temporary directory.
func openTest(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return openAt(tb, filepath.Join(tb.TempDir(), "linkvet.db"))
}

func openAt(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	db.SetNow(stepClock())
	tb.Cleanup(func() { db.Close() })
	return db
}

func ptr[T any](v T) *T { return &v }

// bigExport builds an export the size of a busy account: known people
// (connections) and messages, plus a few pending invitations.
func bigExport(known, messages int) *linkvet.Export {
	e := &linkvet.Export{
		Me: linkvet.Me{Name: "Dana Weber", Headline: "Data Engineer at Northwind Analytics"},
	}
	e.Known = make([]linkvet.KnownPerson, known)
	for i := range e.Known {
		e.Known[i] = linkvet.KnownPerson{
			Name:       fmt.Sprintf("Person %d", i),
			ProfileURL: fmt.Sprintf("https://www.linkedin.com/in/person-%d", i),
			Company:    fmt.Sprintf("Company %d", i%500),
			Position:   "Engineer",
			Sources:    []string{"connection"},
			Since:      epoch.AddDate(0, 0, -i%3000),
		}
	}
	e.Messages = make([]linkvet.Message, messages)
	for i := range e.Messages {
		e.Messages[i] = linkvet.Message{
			ConversationID: fmt.Sprintf("conv-%d", i%5000),
			From:           fmt.Sprintf("Person %d", i%known),
			FromURL:        fmt.Sprintf("https://www.linkedin.com/in/person-%d", i%known),
			To:             "Dana Weber",
			At:             epoch.Add(-time.Duration(i) * time.Minute),
			Subject:        "Hello",
			Content:        fmt.Sprintf("Message number %d: thanks for the talk on stream processing last week, let's catch up soon.", i),
		}
	}
	for i := range 20 {
		e.Incoming = append(e.Incoming, linkvet.Invitation{
			ID:      fmt.Sprintf("in-%d", i),
			SentAt:  ptr(epoch.Add(-time.Duration(i) * time.Hour)),
			Message: "Hi Dana",
			Person:  linkvet.Person{Name: fmt.Sprintf("Stranger %d", i), ProfileURL: fmt.Sprintf("linkedin.com/in/stranger-%d", i)},
			Source:  "linkedin-export",
		})
	}
	e.Files = []linkvet.FileSummary{{Name: "Connections.csv", Rows: known}, {Name: "messages.csv", Rows: messages}}
	return e
}
