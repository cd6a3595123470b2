package linkedin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const historyInvitations = `From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl
Ines Varga,Robin Calder,"2/10/26, 9:15 AM",Loved your talk on caching.,INCOMING,https://www.linkedin.com/in/ines-varga,https://www.linkedin.com/in/robin-calder-0a1b2c
Ines Varga,Robin Calder,"1/10/25, 9:15 AM",,INCOMING,https://www.linkedin.com/in/ines-varga,https://www.linkedin.com/in/robin-calder-0a1b2c
Olek Brandt,Robin Calder,"2/11/26, 8:00 AM",,INCOMING,https://www.linkedin.com/in/olek-brandt,https://www.linkedin.com/in/robin-calder-0a1b2c
Robin Calder,Petra Lind,"2/12/26, 8:00 AM",,OUTGOING,https://www.linkedin.com/in/robin-calder-0a1b2c,https://www.linkedin.com/in/petra-lind
Robin Calder,Sven Aho,"2/13/26, 8:00 AM",,OUTGOING,https://www.linkedin.com/in/robin-calder-0a1b2c,https://www.linkedin.com/in/sven-aho
`

const historyConnections = `First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ines,Varga,https://www.linkedin.com/in/ines-varga,,Northwind,Engineer,11 Feb 2026
Petra,Lind,https://www.linkedin.com/in/petra-lind,,Contoso,Designer,12 Feb 2026
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPastAccepts: an incoming invitation whose sender is now a connection
// was accepted; the latest one per person is an example of whom the user
// accepts, and it is not pending.
func TestPastAccepts(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Invitations.csv": historyInvitations, "Connections.csv": historyConnections})
	e, err := Read(dir, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if e.ConnectionsMissing {
		t.Error("ConnectionsMissing set with Connections.csv present")
	}
	if len(e.PastAccepts) != 1 || e.PastAccepts[0].Person.Name != "Ines Varga" || e.PastAccepts[0].Message != "Loved your talk on caching." {
		t.Fatalf("past accepts = %+v", e.PastAccepts)
	}
	if len(e.Incoming) != 1 || e.Incoming[0].Person.Name != "Olek Brandt" {
		t.Errorf("pending incoming = %+v", e.Incoming)
	}
	if len(e.Outgoing) != 1 || e.Outgoing[0].Person.Name != "Sven Aho" {
		t.Errorf("pending outgoing = %+v", e.Outgoing)
	}
}

// TestConnectionsMissing: without Connections.csv nothing tells pending
// from accepted, and the export says so.
func TestConnectionsMissing(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Invitations.csv": historyInvitations})
	e, err := Read(dir, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if !e.ConnectionsMissing || len(e.PastAccepts) != 0 {
		t.Errorf("ConnectionsMissing %v, past accepts %d", e.ConnectionsMissing, len(e.PastAccepts))
	}
	note := ""
	for _, f := range e.Files {
		if f.Name == "Connections.csv" && len(f.Skipped) == 1 {
			note = f.Skipped[0].Reason
		}
	}
	if !strings.Contains(note, "cannot be told from accepted") {
		t.Errorf("no note on the missing Connections.csv: %+v", e.Files)
	}
	// An export without invitations has nothing to tell apart.
	dir = writeFiles(t, map[string]string{"Connections.csv": historyConnections})
	if e, err = Read(dir, Options{Location: time.UTC}); err != nil || e.ConnectionsMissing {
		t.Errorf("connections only: missing %v, err %v", e.ConnectionsMissing, err)
	}
}
