package linkedin

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/linkvet/linkvet"
)

// StreamBatch is the most rows Stream holds, and hands over, at a time.
const StreamBatch = 2000

// StreamHandler receives the bulk of an export while Stream reads it. The
// slices are only valid during the call: they are reused for the next
// batch. An error from a handler stops reading and is returned by Stream.
type StreamHandler struct {
	// Known receives the people the export shows the user knows. Each
	// connection comes on its own, as its row says; the people of the
	// smaller files (contacts, endorsers, recommenders, those messaged)
	// come merged among themselves, after the connections. Someone may
	// thus come twice (a connection who is also a contact): the receiver
	// merges by person key as it stores, as it does with what it already
	// holds.
	Known func([]linkvet.KnownPerson) error
	// Messages receives the messages, each knowing whether the user sent
	// it, in file order.
	Messages func([]linkvet.Message) error
}

// handlerError is an error a StreamHandler returned, passed through as is.
type handlerError struct{ err error }

func (e handlerError) Error() string { return e.err.Error() }
func (e handlerError) Unwrap() error { return e.err }

// Stream reads the export at path like Read, but in memory bounded
// whatever the size of its two big files: Connections.csv and messages.csv
// are parsed row by row and handed to h in batches of StreamBatch, never
// held whole (messages.csv is read twice: first to learn in which
// conversations the user wrote, then to hand the messages over). What
// Stream keeps is bounded by the smaller files and by the number of
// distinct people the user messaged.
//
// The Export returned holds everything else, as Read gives it: the user,
// pending invitations, past accepts, file summaries, hidden connections,
// ConnectionsMissing. Its Known and Messages are empty: they went to h.
func Stream(path string, opt Options, h StreamHandler) (*linkvet.Export, error) {
	if IsDMA(path) {
		return streamDMA(path, opt, h)
	}
	opt = opt.withDefaults()
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, linkvet.Errorf(linkvet.ENOTFOUND, "%s: no such file or folder", path)
	} else if err != nil {
		return nil, fmt.Errorf("read LinkedIn export: %w", err)
	}
	var entries []entry
	where := "the folder"
	if info.IsDir() {
		entries, err = fsEntries(os.DirFS(path), opt)
	} else {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, fmt.Errorf("read LinkedIn export: %w", err)
		}
		defer f.Close()
		where = "the archive"
		entries, err = zipEntries(f, info.Size(), opt)
	}
	var e *linkvet.Export
	if err == nil {
		e, err = streamEntries(entries, where, opt, h)
	}
	var he handlerError
	var le *linkvet.Error
	switch {
	case errors.As(err, &he):
		return nil, he.err
	case errors.As(err, &le):
		return nil, linkvet.Errorf(le.Code, "%s: %s", path, le.Message)
	case err != nil:
		return nil, fmt.Errorf("read LinkedIn export %s: %w", path, err)
	}
	return e, nil
}

// streamDMA hands a snapshot's people and messages to h; snapshots are
// read whole (they are JSON), then passed on in batches like an export.
func streamDMA(path string, opt Options, h StreamHandler) (*linkvet.Export, error) {
	e, err := ReadDMA(path, opt)
	if err != nil {
		return nil, err
	}
	if err := inBatches(e.Known, h.Known); err != nil {
		return nil, err
	}
	if err := inBatches(e.Messages, h.Messages); err != nil {
		return nil, err
	}
	e.Known, e.Messages = []linkvet.KnownPerson{}, nil
	return e, nil
}

func inBatches[T any](list []T, fn func([]T) error) error {
	if fn == nil {
		return nil
	}
	for i := 0; i < len(list); i += StreamBatch {
		if err := fn(list[i:min(i+StreamBatch, len(list))]); err != nil {
			return err
		}
	}
	return nil
}

func streamEntries(entries []entry, where string, opt Options, h StreamHandler) (*linkvet.Export, error) {
	chosen, ignored, err := chooseChecked(entries, where, opt)
	if err != nil {
		return nil, err
	}
	b := &budget{limit: opt.MaxTotalBytes}
	b.left.Store(opt.MaxTotalBytes)

	// The small files first, whole: they say who the user is and which
	// invitations there are.
	var d data
	var connFile, msgFile *entry
	sums := make([]linkvet.FileSummary, len(chosen))
	for i := range chosen {
		e := &chosen[i]
		sums[i] = linkvet.FileSummary{Name: e.name}
		switch e.kind {
		case connectionsFile:
			connFile = e
			continue
		case messagesFile:
			msgFile = e
			continue
		}
		if err := readEntry(*e, &sums[i], &d, b, opt, nil); err != nil {
			return nil, err
		}
	}
	sumOf := func(e *entry) *linkvet.FileSummary {
		for i := range chosen {
			if &chosen[i] == e {
				return &sums[i]
			}
		}
		return nil
	}
	k := streamKeys()

	// pass reads one big file again, in batches; only the first reading
	// of a file draws on the budget for the whole export.
	passes := map[*entry]int{}
	pass := func(e *entry, fn func(*data) error) error {
		bb := b
		if passes[e] > 0 {
			bb = &budget{limit: opt.MaxFileBytes}
			bb.left.Store(opt.MaxFileBytes)
		}
		passes[e]++
		sum := sumOf(e)
		*sum = linkvet.FileSummary{Name: e.name}
		var part data
		return readEntry(*e, sum, &part, bb, opt, func(part *data) error {
			err := fn(part)
			d.hidden += part.hidden
			d.hasConns = d.hasConns || part.hasConns
			part.hidden = 0
			part.connections, part.messages, part.directions = part.connections[:0], part.messages[:0], part.directions[:0]
			return err
		})
	}
	var passErr error
	messages := func(yield func(*linkvet.Message) bool) {
		if msgFile == nil {
			return
		}
		stop := errors.New("stop")
		err := pass(msgFile, func(part *data) error {
			for i := range part.messages {
				if !yield(&part.messages[i]) {
					return stop
				}
			}
			return nil
		})
		if err != nil && err != stop {
			passErr = err
		}
	}
	me := d.whoAmI(k, messages)
	if passErr != nil {
		return nil, passErr
	}

	// Messages: first the conversations the user wrote in, then every
	// message handed over, noting whom the user talked with and when.
	wrote := map[string]bool{}
	tk := newTalks(k, me, wrote, 0)
	if msgFile != nil {
		err := pass(msgFile, func(part *data) error {
			for i := range part.messages {
				m := &part.messages[i]
				if me.sent(m, part.directions[i]) && m.ConversationID != "" {
					wrote[m.ConversationID] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = pass(msgFile, func(part *data) error {
			for i := range part.messages {
				m := &part.messages[i]
				m.Outgoing = me.sent(m, part.directions[i])
				tk.see(m)
			}
			if h.Messages == nil || len(part.messages) == 0 {
				return nil
			}
			if err := h.Messages(part.messages); err != nil {
				return handlerError{err}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	talked, lastSeen := tk.talked, tk.lastSeen

	// The people of the smaller files, merged among themselves; they are
	// few, and a connection who is one of them is merged in rather than
	// handed over twice (old exports give connections no profile URL, so
	// only this tells them from strangers of the same name).
	known := newPeople(k, len(d.contacts)+len(talked.list))
	d.addOthers(known, me, talked)
	// Connections: each handed over as it comes, and matched against the
	// other sides of the invitations to tell accepted from pending.
	byURL := map[string][]int{}
	byName := map[string][]int{}
	invURL := make([]string, len(d.invitations))
	for n, inv := range d.invitations {
		other := contact{name: inv.from, url: inv.fromURL}
		if inv.direction == linkvet.Outgoing {
			other = contact{name: inv.to, url: inv.toURL}
		}
		if u := k.url(other.url); u != "" {
			byURL[u] = append(byURL[u], n)
			invURL[n] = u
		}
		if nm := k.name(other.name); nm != "" {
			byName[nm] = append(byName[nm], n)
		}
	}
	accepted := make([]bool, len(d.invitations))
	batch := make([]linkvet.KnownPerson, 0, StreamBatch)
	flushKnown := func() error {
		if len(batch) == 0 || h.Known == nil {
			batch = batch[:0]
			return nil
		}
		err := h.Known(batch)
		batch = batch[:0]
		if err != nil {
			return handlerError{err}
		}
		return nil
	}
	if connFile != nil {
		err := pass(connFile, func(part *data) error {
			for _, c := range part.connections {
				u, nm := k.url(c.url), k.name(c.name)
				for _, n := range byURL[u] {
					accepted[n] = true
				}
				for _, n := range byName[nm] {
					if iu := invURL[n]; u == "" || iu == "" || iu == u {
						accepted[n] = true
					}
				}
				if me.is(c.name, c.url, c.emails...) {
					continue
				}
				if i := known.find(c); i >= 0 {
					known.mergeFirst(i, c, SourceConnection)
					continue
				}
				batch = append(batch, knownPerson(person{contact: contact{name: c.name, url: fullURL(c.url), emails: c.emails,
					company: c.company, position: c.position, since: c.since}, sources: []string{SourceConnection}}, lastSeen))
				if len(batch) == StreamBatch {
					if err := flushKnown(); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}

	for _, p := range known.list {
		batch = append(batch, knownPerson(p, lastSeen))
		if len(batch) == StreamBatch {
			if err := flushKnown(); err != nil {
				return nil, err
			}
		}
	}
	if err := flushKnown(); err != nil {
		return nil, err
	}

	for i := range chosen {
		d.files = append(d.files, sums[i])
	}
	d.files = append(d.files, ignored...)
	e := &linkvet.Export{
		Me:                d.me(me.name),
		Known:             []linkvet.KnownPerson{},
		Incoming:          []linkvet.Invitation{},
		Outgoing:          []linkvet.Invitation{},
		HiddenConnections: d.hidden,
		Files:             d.files,
	}
	d.pending(e, me, func(n int, _ contact) bool { return accepted[n] }, func(c contact) bool { return talked.find(c) >= 0 })
	return e, nil
}

// knownPerson turns a merged person into the KnownPerson the export gives.
func knownPerson(p person, lastSeen func(url, name string) time.Time) linkvet.KnownPerson {
	kp := linkvet.KnownPerson{
		Name: p.name, ProfileURL: p.url, Company: p.company, Position: p.position,
		Sources: p.sources, Since: p.since, LastSeen: lastSeen(p.url, p.name),
	}
	if len(p.emails) > 0 {
		kp.Email = p.emails[0]
	}
	if kp.Name == "" {
		kp.Name = cmp.Or(kp.ProfileURL, kp.Email)
	}
	return kp
}
