package jsonio

import (
	"bytes"
	"io"
	"sync"
)

// Parallel makes the reader decode JSON Lines on up to n goroutines while
// Next still returns records, problems and the end in input order. One
// goroutine splits the input into lines, n decode batches of them; at most
// a few batches are in flight, so memory stays flat. Arrays and objects
// spread over lines are framed record by record and decoded as before.
//
// Call it before the first Next. A caller that stops before io.EOF must
// call Close, or the goroutines wait for it forever.
func (r *Reader) Parallel(n int) {
	if n > 1 && r.mode == modeStart && r.par == nil {
		r.par = &parallel{r: r, workers: n}
	}
}

// Close stops the goroutines Parallel started; the reader returns io.EOF
// afterwards. It is safe to call more than once, and without Parallel.
func (r *Reader) Close() error {
	if r.par != nil {
		r.par.close()
	}
	return nil
}

// parallelBatch is the number of lines decoded together: enough to make
// the hand-over cheap next to the work.
const parallelBatch = 128

type frame struct {
	line    int
	data    []byte // in the batch's arena
	tooLong bool
	err     error // an I/O error: the end of the input
}

type lineBatch struct {
	frames []frame
	arena  []byte
	recs   []Record
	bads   []*recordError
	done   chan struct{}
}

type parallel struct {
	r       *Reader
	workers int

	started bool
	ordered chan *lineBatch // every batch, in input order
	todo    chan *lineBatch // batches to decode
	stop    chan struct{}
	once    sync.Once

	cur *lineBatch
	pos int
	eof bool
}

func (p *parallel) close() {
	p.once.Do(func() {
		if p.stop != nil {
			close(p.stop)
		}
	})
	p.eof = true
}

func (p *parallel) next() (Record, error) {
	if p.eof {
		return Record{}, io.EOF
	}
	if !p.started {
		r := p.r
		if r.mode == modeStart {
			if err := r.start(); err != nil {
				return Record{}, err
			}
		}
		if r.mode != modeLines {
			r.par = nil // framed one by one: decode where read
			return r.next()
		}
		p.start()
	}
	for {
		if p.cur == nil {
			b, ok := <-p.ordered
			if !ok {
				p.eof = true
				return Record{}, io.EOF
			}
			<-b.done
			p.cur, p.pos = b, 0
		}
		b := p.cur
		if p.pos == len(b.frames) {
			p.cur = nil
			continue
		}
		i := p.pos
		p.pos++
		f := &b.frames[i]
		switch {
		case f.err != nil:
			p.close()
			return Record{}, p.r.ioError(f.err)
		case f.tooLong:
			return Record{}, p.r.problem(f.line, "record longer than %d bytes (1 MiB)", MaxRecord)
		case b.bads[i] != nil:
			return Record{}, p.r.badRecord(b.bads[i])
		}
		return b.recs[i], nil
	}
}

func (p *parallel) start() {
	p.started = true
	p.ordered = make(chan *lineBatch, 2*p.workers)
	p.todo = make(chan *lineBatch, 2*p.workers)
	p.stop = make(chan struct{})
	for range p.workers {
		go p.decodeBatches()
	}
	go p.split()
}

// split frames lines into batches and hands each to the decoders and, in
// order, to next.
func (p *parallel) split() {
	defer close(p.ordered)
	defer close(p.todo)
	r := p.r
	for {
		b := &lineBatch{frames: make([]frame, 0, parallelBatch), done: make(chan struct{})}
		end := false
		for len(b.frames) < parallelBatch && !end {
			line, tooLong, err := r.readLine()
			if err == io.EOF && line == nil && !tooLong {
				end = true
				break
			} else if err != nil && err != io.EOF {
				b.frames = append(b.frames, frame{err: err})
				end = true
				break
			}
			r.line++
			if tooLong {
				b.frames = append(b.frames, frame{line: r.line, tooLong: true})
				continue
			}
			line = bytes.TrimSpace(line)
			if len(line) == 0 {
				continue
			}
			// Frames point into the arena by offset until it stops growing.
			off := len(b.arena)
			b.arena = append(b.arena, line...)
			b.frames = append(b.frames, frame{line: r.line, data: b.arena[off:len(b.arena):len(b.arena)]})
		}
		// The arena may have moved while it grew: point the frames again.
		off := 0
		for i := range b.frames {
			if n := len(b.frames[i].data); n > 0 {
				b.frames[i].data = b.arena[off : off+n : off+n]
				off += n
			}
		}
		if len(b.frames) > 0 {
			select {
			case p.todo <- b:
			case <-p.stop:
				return
			}
			select {
			case p.ordered <- b:
			case <-p.stop:
				return
			}
		}
		if end {
			return
		}
	}
}

func (p *parallel) decodeBatches() {
	for b := range p.todo {
		b.recs = make([]Record, len(b.frames))
		b.bads = make([]*recordError, len(b.frames))
		for i := range b.frames {
			f := &b.frames[i]
			if f.err != nil || f.tooLong {
				continue
			}
			b.recs[i], b.bads[i] = decodeRecord(f.data, f.line, !p.r.slow)
		}
		close(b.done)
	}
}
