package linkedin

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/linkvet/linkvet"
)

// TestTruncatedAndEncryptedArchives completes TestHostileArchives with the
// two other shapes of issue 12's torture run: an archive cut short (a
// download that stopped) and one whose entries are encrypted. Both are
// refused with an error for the user (a code other than EINTERNAL), at
// every cut, and never read as an empty export.
func TestTruncatedAndEncryptedArchives(t *testing.T) {
	whole := storedZip(t, true,
		zipEntry{name: "Connections.csv", data: connectionsHeader + strings.Repeat("Ada,Byron,https://www.linkedin.com/in/ada,,Acme,CTO,02 Jan 2024\n", 50)},
		zipEntry{name: "messages.csv", data: "CONVERSATION ID,FROM,TO,DATE,CONTENT\nc1,Ada Byron,Me,2024-01-02 15:04:05 UTC,hello\n"})
	for cut := 1; cut < len(whole); cut += 7 {
		b := whole[:cut]
		e, err := ReadZip(bytes.NewReader(b), int64(len(b)), Options{Location: time.UTC})
		if err == nil {
			t.Fatalf("cut at %d of %d bytes: read %d known people, want an error", cut, len(whole), len(e.Known))
		}
		if code := linkvet.ErrorCode(err); code == linkvet.EINTERNAL {
			t.Fatalf("cut at %d: %v has no code for the user", cut, err)
		}
	}

	// Encrypted: the general-purpose flag's bit 0 set in every local and
	// central header, as zip tools write for a password.
	enc := bytes.Clone(storedZip(t, false, zipEntry{name: "Connections.csv", data: connectionsHeader + "Ada,Byron,,,,,02 Jan 2024\n"}))
	for i := 0; i+4 <= len(enc); i++ {
		switch binary.LittleEndian.Uint32(enc[i:]) {
		case 0x04034b50: // local file header: flags at +6
			enc[i+6] |= 1
		case 0x02014b50: // central directory header: flags at +8
			enc[i+8] |= 1
		}
	}
	e, err := ReadZip(bytes.NewReader(enc), int64(len(enc)), Options{Location: time.UTC})
	if err == nil {
		t.Fatalf("encrypted archive read as %d known people, want an error", len(e.Known))
	}
	if code := linkvet.ErrorCode(err); code == linkvet.EINTERNAL {
		t.Fatalf("encrypted archive: %v has no code for the user", err)
	}
	t.Logf("encrypted: %v", err)
}
