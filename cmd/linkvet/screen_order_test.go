package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// TestScreenJSONSameAsOneByOne: screen --json screens and encodes batches
// on every core, reusing their buffers; what it prints is, byte for byte,
// what screening and writing each record in turn prints, bad records
// reported with their line and skipped alike.
func TestScreenJSONSameAsOneByOne(t *testing.T) {
	var in bytes.Buffer
	if err := generateInvitations(&in, 2000); err != nil {
		t.Fatal(err)
	}
	// A bad record in the middle of a batch, and one near the end.
	lines := bytes.Split(bytes.TrimSuffix(in.Bytes(), []byte("\n")), []byte("\n"))
	lines[700] = []byte(`{"person": {"name": "Broken Made-Up"`)
	lines[1990] = []byte(`{"mutual_connections": -1, "person": {"name": "Neg Made-Up"}}`)
	data := append(bytes.Join(lines, []byte("\n")), '\n')

	eng := screen.New(policy.Default())
	var want bytes.Buffer
	w := jsonio.NewVerdictWriter(&want)
	rd := jsonio.NewReader(bytes.NewReader(data), "in.jsonl")
	var wantErrs bytes.Buffer
	for {
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			wantErrs.WriteString(err.Error() + "\n")
			continue
		}
		v := eng.Screen(&rec.Invitation, benchNow)
		if err := w.Write(&v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}

	var got, stderr bytes.Buffer
	e := &env{ctx: context.Background(), stdout: &got, stderr: &stderr}
	err := e.screenInputs([]input{bytesInput("in.jsonl", data)}, eng, benchNow, newLinesSink(&got), streamOptions{})
	if err == nil || !strings.Contains(err.Error(), "2 records rejected") || exitCode(err, io.Discard) != 1 {
		t.Fatalf("screening with two bad records: %v, want them rejected (exit 1)", err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("screen --json printed %d bytes, screening one by one %d; they differ", got.Len(), want.Len())
	}
	if stderr.String() != wantErrs.String() {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), wantErrs.String())
	}
}
