package jsonio

import (
	"encoding/json"
	"hash/crc32"
	"unsafe"

	"github.com/linkvet/linkvet"
)

// UnmarshalInvitation is json.Unmarshal of one invitation into inv, which
// must be zero, for JSON a store wrote (nothing is checked beyond what
// encoding/json checks): through the fast decoder when it can, with the
// strings of inv sharing s rather than copying it. FuzzUnmarshalInvitation
// holds it to encoding/json.
func UnmarshalInvitation(s string, inv *linkvet.Invitation) error {
	// The decoder only reads its bytes: s is never written through them.
	if fastEnabled && decodeFastIn(unsafe.Slice(unsafe.StringData(s), len(s)), s, inv) {
		return nil
	}
	*inv = linkvet.Invitation{}
	return json.Unmarshal([]byte(s), inv)
}

// Digest names a JSON text (a verdict's, as VerdictWriter writes it) in 64
// bits: two CRCs, both done in hardware. A store keeps it beside what was
// made from the verdict, to tell later whether a verdict screened again
// came out the same without comparing, or even keeping, the text.
func Digest(b []byte) int64 {
	return int64(uint64(crc32.Checksum(b, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(b)))
}

// DigestString is Digest of s, read in place: copying megabytes of JSON to
// hash it cost more than hashing it.
func DigestString(s string) int64 { return Digest(unsafe.Slice(unsafe.StringData(s), len(s))) }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)
