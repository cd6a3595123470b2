package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/demo"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

func screenCmd(e *env) *cobra.Command {
	var asJSON, decodeOnly bool
	c := &cobra.Command{
		Use:   "screen [FILE...]",
		Short: "Screen invitations (invitation-v1 JSON or JSON Lines) and print verdicts",
		Long: `Screen reads invitations from the files named, or from standard input when
none is named ("-" also means standard input), and prints one verdict per
invitation, in input order: a table, or JSON Lines with --json. It screens
with the policy in force in your database (linkvet policy show), with its
trained classifier, when you have one; else with the built-in defaults.
--policy FILE screens with FILE for this run. Nothing is stored.

A malformed record is reported on standard error with its file, line and
reason, and every other record is still screened. An invitation you send
("direction": "outgoing") is not screened: it is named on standard error as
rejected, for 'linkvet outreach check FILE' (or 'linkvet explain FILE'), which
checks it as the API's /screen does. Exit status: 0 when every invitation was
screened, 1 when some were rejected, 2 for a usage error or an invalid policy.`,
		Example: `  linkvet screen inbox.jsonl
  linkvet screen --json --policy me.yaml inbox.jsonl > verdicts.jsonl
  cat one.json | linkvet screen -`,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			eng, now, err := e.engineNow()
			if err != nil {
				return err
			}
			if len(args) == 0 {
				args = []string{"-"}
				e.sayReadingStdin()
			}
			batchGC()
			out := e.verdictOutput(asJSON)
			opts := streamOptions{decodeOnly: decodeOnly}
			return e.screenFiles(args, eng, now, out, opts)
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print verdicts as JSON Lines (the verdict format of docs/format.md)")
	c.Flags().BoolVar(&decodeOnly, "decode-only", false, "read and decode the input but screen nothing (for benchmarks)")
	_ = c.Flags().MarkHidden("decode-only")
	return c
}

func demoCmd(e *env) *cobra.Command {
	var asJSON bool
	var generate int
	c := &cobra.Command{
		Use:   "demo",
		Short: "Screen the bundled demo inbox (26 made-up invitations)",
		Long: `Demo screens a realistic inbox bundled with linkvet, as seen by its made-up
user Dana, a data engineer in Berlin, with Dana's policy. It shows every kind
of sender: old colleagues, peers, recruiters, salespeople, strangers, fake
profiles and scams.`,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if generate > 0 {
				return generateInvitations(e.stdout, generate)
			}
			p, err := policy.Load(demo.Policy, "demo-policy.yaml")
			if err != nil {
				return fmt.Errorf("load the demo policy: %w", err)
			}
			now, _ := time.Parse(time.RFC3339, demo.Now)
			eng := screen.New(p)
			return e.screenInputs([]input{bytesInput("demo-inbox.jsonl", demo.Inbox)}, eng, now, e.verdictOutput(asJSON), streamOptions{})
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print verdicts as JSON Lines")
	c.Flags().IntVar(&generate, "generate", 0, "print N synthetic invitations as JSON Lines instead (for benchmarks)")
	_ = c.Flags().MarkHidden("generate")
	return c
}

// batchGC trades a little memory for speed in a batch run: the heap of a
// stream is small and steady, so collecting less often costs a few tens of
// megabytes, not growth, and saves about a third of the CPU time. GOGC set
// by the user wins.
func batchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

// engineNow builds the screening engine for files and reads the clock:
// what every command that screens files starts with. The policy is the
// one in force in the database (with its classifier and the imported
// profile) when a database exists, --policy FILE for this run, else the
// built-in defaults; screening files never creates a database.
func (e *env) engineNow() (*screen.Engine, time.Time, error) {
	now, err := e.now()
	if err != nil {
		return nil, now, err
	}
	path, err := e.storePath()
	if err == nil && (e.dbPath != "" || fileExists(path)) {
		svc, done, err := e.service(true)
		if err != nil {
			return nil, now, err
		}
		defer done()
		eng, _, err := svc.Engine(e.ctx)
		return eng, now, err
	}
	p, err := e.loadPolicy()
	if err != nil {
		return nil, now, err
	}
	return screen.New(p), now, nil
}

func (e *env) loadPolicy() (*policy.Policy, error) {
	if e.policyPath == "" {
		return policy.Default(), nil
	}
	p, err := policy.LoadFile(e.policyPath)
	if err != nil {
		return nil, err
	}
	for _, w := range p.Warnings {
		fmt.Fprintln(e.stderr, "linkvet: warning:", w)
	}
	return p, nil
}

type namedReader struct {
	name string
	r    io.Reader
}

type streamOptions struct {
	decodeOnly bool
}

// screenFiles screens the named files ("-" is standard input), opening
// each in turn so that a thousand files never hold a thousand descriptors.
func (e *env) screenFiles(names []string, eng *screen.Engine, now time.Time, out verdictSink, opts streamOptions) error {
	inputs := make([]input, len(names))
	for i, name := range names {
		inputs[i] = e.fileInput(name)
	}
	return e.screenInputs(inputs, eng, now, out, opts)
}

// input is a source of records, opened only when its turn comes.
type input struct {
	name string
	open func() (io.ReadCloser, error)
}

func (e *env) fileInput(name string) input {
	return input{name: name, open: func() (io.ReadCloser, error) {
		if name == "-" {
			return io.NopCloser(e.stdin), nil
		}
		return openInput(name)
	}}
}

// openInput opens an input file. A file that is missing, a directory or
// unreadable is one error naming it, with exit status 1 (fileError).
func openInput(name string) (io.ReadCloser, error) {
	fi, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fileError{err: linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file", name)}
	case err != nil:
		return nil, fileError{err: linkvet.Errorf(linkvet.ENOTFOUND, "cannot read %s: %v", name, errors.Unwrap(err))}
	case fi.IsDir():
		return nil, fileError{err: linkvet.Errorf(linkvet.ENOTFOUND, "%s is a directory, not a file of invitations", name)}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fileError{err: linkvet.Errorf(linkvet.ENOTFOUND, "cannot read %s: %v", name, errors.Unwrap(err))}
	}
	return f, nil
}

// sayReadingStdin tells a user at a terminal that linkvet waits for input
// instead of hanging silently.
func (e *env) sayReadingStdin() {
	if f, ok := e.stdin.(*os.File); ok && isTerminal(f) {
		fmt.Fprintln(e.stderr, "linkvet: reading invitations from standard input (end with Ctrl-D; or name a file)")
	}
}

func bytesInput(name string, b []byte) input {
	return input{name: name, open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }}
}

// screenInputs screens every input in turn. A file that cannot be read is
// named on stderr and skipped: the verdicts of the others are all written,
// whole, and the exit status is 1.
func (e *env) screenInputs(inputs []input, eng *screen.Engine, now time.Time, out verdictSink, opts streamOptions) error {
	rejected, failed := 0, 0
	counted := &countingSink{verdictSink: out}
	for _, in := range inputs {
		r, err := in.open()
		var fe fileError
		if errors.As(err, &fe) {
			fmt.Fprintln(e.stderr, "linkvet:", fe.err)
			failed++
			continue
		} else if err != nil {
			out.Close()
			return err
		}
		n, err := e.screenStream(namedReader{in.name, r}, eng, now, counted, opts)
		r.Close()
		rejected += n
		if err != nil {
			out.Close()
			return err
		}
	}
	if err := out.Close(); err != nil {
		return err
	}
	if counted.n == 0 && rejected == 0 && failed == 0 {
		fmt.Fprintln(e.stderr, "linkvet: no invitations read")
	}
	switch {
	case failed > 0 && len(inputs) == 1:
		return fileError{silent: true}
	case failed > 0:
		return fileError{err: fmt.Errorf("%d of %d inputs could not be read; the others were screened", failed, len(inputs))}
	case rejected > 0:
		name := ""
		if len(inputs) == 1 {
			name = displayName(inputs[0].name)
		}
		return fileError{err: rejectedCount(name, rejected, counted.n)}
	}
	return nil
}

// outgoingRefusal is what screen says of an invitation the user sends.
const outgoingRefusal = `an invitation you send ("direction": "outgoing"), not one you received: screen judges invitations you receive; check it with linkvet outreach check FILE (one invitation) or linkvet explain FILE --id ID`

// countingSink counts the verdicts written.
type countingSink struct {
	verdictSink
	n int
}

func (c *countingSink) Write(inv *linkvet.Invitation, v *linkvet.Verdict) error {
	c.n++
	return c.verdictSink.Write(inv, v)
}

// Close is the caller's to do on the sink it wrapped.
func (c *countingSink) Close() error { return nil }

// lines is the sink's lineSink when it takes verdicts already encoded.
func (c *countingSink) lines() lineSink {
	ls, _ := c.verdictSink.(lineSink)
	return ls
}

func (c *countingSink) WriteLines(n int, b []byte) error {
	c.n += n
	return c.verdictSink.(lineSink).WriteLines(n, b)
}

// lineSink takes verdicts already encoded as JSON Lines: the workers that
// screen a batch encode it too, so that writing in order is only copying.
type lineSink interface {
	verdictSink
	// WriteLines writes n verdicts, b being their whole lines.
	WriteLines(n int, b []byte) error
}

// linesSink is screen --json's output: the verdict format of jsonio's
// VerdictWriter, written in whole lines only (a run that stops early never
// leaves half a verdict).
type linesSink struct {
	w   io.Writer
	buf []byte
	enc batchEncoder
	err error
}

func newLinesSink(w io.Writer) *linesSink {
	return &linesSink{w: w, buf: make([]byte, 0, linesBuffer+4096)}
}

// linesBuffer is how much is gathered before it is written.
const linesBuffer = 64 << 10

func (s *linesSink) Write(_ *linkvet.Invitation, v *linkvet.Verdict) error {
	b, err := s.enc.encode(nil, []linkvet.Verdict{*v})
	if err != nil {
		return err
	}
	return s.WriteLines(1, b)
}

func (s *linesSink) WriteLines(_ int, b []byte) error {
	if s.err != nil {
		return s.err
	}
	s.buf = append(s.buf, b...)
	if len(s.buf) >= linesBuffer {
		return s.flush()
	}
	return nil
}

func (s *linesSink) flush() error {
	if s.err == nil && len(s.buf) > 0 {
		if _, err := s.w.Write(s.buf); err != nil {
			s.err = fmt.Errorf("write verdicts: %w", err)
		}
		s.buf = s.buf[:0]
	}
	return s.err
}

func (s *linesSink) Close() error { return s.flush() }

// batchEncoder encodes verdicts as JSON Lines with jsonio's writer (the
// bytes are encoding/json's), appending them to a batch's buffer.
type batchEncoder struct {
	w   *jsonio.VerdictWriter
	dst appendWriter
}

type appendWriter struct{ b []byte }

func (a *appendWriter) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// encode appends the lines of vs to dst.
func (e *batchEncoder) encode(dst []byte, vs []linkvet.Verdict) ([]byte, error) {
	if e.w == nil {
		e.w = jsonio.NewVerdictWriter(&e.dst)
	}
	e.dst.b = dst
	for i := range vs {
		if err := e.w.Write(&vs[i]); err != nil {
			e.w = nil // its error sticks: start afresh next time
			return dst, err
		}
	}
	if err := e.w.Flush(); err != nil {
		e.w = nil
		return dst, err
	}
	out := e.dst.b
	e.dst.b = nil
	return out, nil
}

// batch is a run of records screened together: batching keeps the
// channel traffic small next to the work.
type batch struct {
	seq      int
	records  []jsonio.Record
	verdicts []linkvet.Verdict
	lines    []byte // the verdicts encoded, when the sink takes lines
	err      error  // why they could not be encoded
}

const batchSize = 256

// screenStream reads one input, screens its records on every core and
// hands the verdicts to out in input order. Memory stays flat: at most a
// few batches are in flight. It returns how many records were rejected.
func (e *env) screenStream(nr namedReader, eng *screen.Engine, now time.Time, out verdictSink, opts streamOptions) (int, error) {
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	workers := max(runtime.GOMAXPROCS(0), 1)
	todo := make(chan *batch, workers)
	// Batches written go back to the reader to be filled again: the
	// records, verdicts and lines of a run are allocated once, not per
	// batch. At most about 3×workers batches exist, in flight or free.
	free := make(chan *batch, 3*workers+2)
	done := make(chan *batch, workers)

	var readErr error
	rejected := 0
	go func() {
		defer close(todo)
		rd := jsonio.NewReader(nr.r, nr.name)
		b := &batch{}
		seq := 0
		flush := func() bool {
			if len(b.records) == 0 {
				return true
			}
			b.seq = seq
			seq++
			select {
			case todo <- b:
			case <-ctx.Done():
				return false
			}
			select {
			case b = <-free:
				b.records = b.records[:0]
			default:
				b = &batch{records: make([]jsonio.Record, 0, batchSize)}
			}
			return true
		}
		for {
			rec, err := rd.Next()
			if err == io.EOF {
				flush()
				return
			}
			var p *linkvet.Problem
			if errors.As(err, &p) {
				rejected++
				fmt.Fprintln(e.stderr, p)
				continue
			} else if err != nil {
				readErr = err
				flush()
				return
			}
			if rec.Invitation.Direction == linkvet.Outgoing {
				// An invitation the user sends is not a stranger's: the
				// engine's verdict on it would be nonsense ("the note
				// greets someone else"). Its check is outreach's.
				rejected++
				fmt.Fprintf(e.stderr, "%s:%d: %s\n", displayName(nr.name), rec.Line, outgoingRefusal)
				continue
			}
			b.records = append(b.records, rec)
			if len(b.records) == batchSize && !flush() {
				return
			}
		}
	}()

	var lines lineSink
	if cs, ok := out.(*countingSink); ok {
		lines = cs.lines()
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var enc batchEncoder
			for b := range todo {
				if !opts.decodeOnly {
					if cap(b.verdicts) >= len(b.records) {
						b.verdicts = b.verdicts[:len(b.records)]
					} else {
						b.verdicts = make([]linkvet.Verdict, len(b.records))
					}
					for i := range b.records {
						b.verdicts[i] = eng.Screen(&b.records[i].Invitation, now)
					}
					if lines != nil {
						b.lines, b.err = enc.encode(b.lines[:0], b.verdicts)
					}
				}
				select {
				case done <- b:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Put batches back in order.
	pending := map[int]*batch{}
	next := 0
	var writeErr error
	for b := range done {
		pending[b.seq] = b
		for {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr == nil && !opts.decodeOnly && lines != nil {
				if writeErr = nb.err; writeErr == nil {
					writeErr = out.(*countingSink).WriteLines(len(nb.verdicts), nb.lines)
				}
				if writeErr != nil {
					cancel()
				}
			} else if writeErr == nil && !opts.decodeOnly {
				for i := range nb.verdicts {
					if err := out.Write(&nb.records[i].Invitation, &nb.verdicts[i]); err != nil {
						writeErr = err
						cancel()
						break
					}
				}
			}
			select {
			case free <- nb:
			default:
			}
		}
	}
	if writeErr != nil {
		return rejected, writeErr
	}
	if readErr != nil {
		return rejected, readErr
	}
	return rejected, e.ctx.Err()
}
