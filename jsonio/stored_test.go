package jsonio

import (
	"encoding/json"
	"hash/crc32"
	"reflect"
	"testing"

	"github.com/linkvet/linkvet"
)

// FuzzUnmarshalInvitation holds UnmarshalInvitation to encoding/json on
// every input: the same invitation when encoding/json accepts it, an error
// when it refuses it.
func FuzzUnmarshalInvitation(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add(s)
	}
	for i := range 5 {
		f.Add(string(genLine(i)))
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want linkvet.Invitation
		err := UnmarshalInvitation(s, &got)
		wantErr := json.Unmarshal([]byte(s), &want)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("UnmarshalInvitation(%q): error %v, encoding/json %v", s, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("UnmarshalInvitation(%q) disagrees:\n got %#v\nwant %#v", s, got, want)
		}
	})
}

// TestUnmarshalInvitationSharesNothingWritable: the decoded strings may
// share the input, which a caller then must not change; the decoder itself
// never writes to it.
func TestUnmarshalInvitationLeavesInputAlone(t *testing.T) {
	s := string(genLine(3))
	before := string([]byte(s))
	var inv linkvet.Invitation
	if err := UnmarshalInvitation(s, &inv); err != nil {
		t.Fatal(err)
	}
	if s != before {
		t.Fatal("the input changed")
	}
}

// TestDigestIsStable: stores keep digests across versions of linkvet, so
// the function must never change (0008's listings hold them).
func TestDigestIsStable(t *testing.T) {
	b := []byte(`{"id":"a","action":"accept"}`)
	want := int64(uint64(crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))<<32 | uint64(crc32.ChecksumIEEE(b)))
	if got := Digest(b); got != want {
		t.Fatalf("Digest = %d, want %d", got, want)
	}
	if got := DigestString(string(b)); got != want {
		t.Fatalf("DigestString = %d, want %d", got, want)
	}
	if got := Digest(b); got != pinnedDigest {
		t.Fatalf("Digest = %d, want %d: a store written before would see every verdict as changed", got, pinnedDigest)
	}
}

// pinnedDigest is Digest of TestDigestIsStable's text, as linkvet has always made it.
const pinnedDigest = 8794269873512712576
