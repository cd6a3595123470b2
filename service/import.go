package service

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/linkedin"
)

// Reader reads an export with the options given: linkedin.Read for a
// path, linkedin.ReadZip for an upload.
type Reader func(opt linkedin.Options) (*linkvet.Export, error)

// Streamer reads an export handing its known people and messages to h in
// batches: linkedin.Stream for a path. The Export it returns holds the
// rest (see linkedin.Stream).
type Streamer func(opt linkedin.Options, h linkedin.StreamHandler) (*linkvet.Export, error)

// Imported is what an import did.
type Imported struct {
	// Export is what the reader returned. After a streamed import its
	// Known and Messages are empty: they were stored batch by batch, and
	// are counted below.
	Export     *linkvet.Export      `json:"-"`
	Result     linkvet.ImportResult `json:"result"`
	Reconciled int                  `json:"reconciled"` // sent invitations found declined or ignored
	// Known and Messages count the people and messages the export held;
	// KnownBySource counts the people per source ("connection", ...).
	Known         int            `json:"known"`
	Messages      int            `json:"messages"`
	KnownBySource map[string]int `json:"known_by_source,omitempty"`
	// Inferred counts the past accepts newly learned as inferred examples.
	Inferred int `json:"inferred"`
	// Unsettled counts the incoming invitations kept out of the inbox
	// because the export has no Connections.csv (see Service.Unsettled).
	Unsettled int `json:"unsettled"`
}

// StreamStore is what a streamed import needs of the store beyond
// linkvet.Store: a run begun before the batches and finished after them,
// known people merged batch by batch, and the invitations an export left
// unsettled. *sqlite.DB has it.
type StreamStore interface {
	BeginImport(ctx context.Context) (int64, error)
	ImportKnown(ctx context.Context, people []linkvet.KnownPerson) (linkvet.ImportResult, error)
	FinishImport(ctx context.Context, runID int64, e *linkvet.Export, stored linkvet.ImportResult) (linkvet.ImportResult, error)
	Unsettled(ctx context.Context) (map[string]bool, error)
}

// inferredTx is the part of a store transaction that keeps the inferred
// examples (past accepts trained into the classifier). *sqlite.Tx has it.
type inferredTx interface {
	InferredExample(ctx context.Context, invitationID string) (linkvet.Invitation, string, error)
	PutInferred(ctx context.Context, inv linkvet.Invitation, class string) error
	DeleteInferred(ctx context.Context, invitationID string) error
	EachInferred(ctx context.Context, fn func(inv linkvet.Invitation, class string) error) error
}

// inferredCounter counts the inferred examples per class. *sqlite.DB has
// it.
type inferredCounter interface {
	InferredCounts(ctx context.Context) (map[string]int, error)
}

// ImportOptions returns the reader options the policy in force implies
// (its time zone) over base.
func (s *Service) ImportOptions(ctx context.Context, base linkedin.Options) (linkedin.Options, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return base, err
	}
	if base.Location == nil {
		base.Location = p.Location()
	}
	return base, nil
}

// Import reads an export with read and stores it, then learns its past
// accepts, reconciles the user's sent invitations and screens the pending
// ones. The two biggest steps overlap: as soon as the reader has settled
// the messages, the store writes them while the reader works out known
// people and invitations. The whole export is in memory: ImportStream is
// the bounded way.
func (s *Service) Import(ctx context.Context, read Reader, opt linkedin.Options) (Imported, error) {
	if err := s.listingsCurrent(ctx); err != nil {
		return Imported{}, err
	}
	type stored struct {
		res linkvet.ImportResult
		err error
	}
	messages := make(chan stored, 1)
	started := false
	opt.MessagesReady = func(msgs []linkvet.Message) {
		started = true
		go func() {
			res, err := s.store.ImportMessages(ctx, msgs)
			messages <- stored{res, err}
		}()
	}
	export, err := read(opt)
	var pre stored
	if started {
		pre = <-messages // wait even when reading failed: the writer must be done
	}
	if err != nil {
		return Imported{}, err
	}
	if pre.err != nil {
		return Imported{}, pre.err
	}
	res, err := s.store.ImportRest(ctx, export, pre.res)
	imp := Imported{Export: export, Result: res, Known: len(export.Known), Messages: len(export.Messages), KnownBySource: bySource(nil, export.Known)}
	if err != nil {
		return imp, err
	}
	return s.afterImport(ctx, imp, newestDate(export))
}

// ImportStream reads an export with stream and stores it in bounded
// memory: each batch of known people or messages the reader hands over is
// written in its own transaction (merged with only the stored people of
// its keys) while the reader goes on, then the rest of the export is
// stored, its past accepts learned, the user's sent invitations reconciled
// and the pending ones screened. Importing twice changes nothing; a
// killed import keeps whole batches, and the next start marks its run
// abandoned.
func (s *Service) ImportStream(ctx context.Context, stream Streamer, opt linkedin.Options) (Imported, error) {
	if err := s.listingsCurrent(ctx); err != nil {
		return Imported{}, err
	}
	ss, ok := s.store.(StreamStore)
	if !ok {
		return s.Import(ctx, func(o linkedin.Options) (*linkvet.Export, error) { return collect(stream, o) }, opt)
	}
	// The run is recorded at the first batch, so that an export that
	// cannot be read at all leaves no unfinished run behind.
	var run int64
	begin := func() error {
		if run != 0 {
			return nil
		}
		var err error
		run, err = ss.BeginImport(ctx)
		return err
	}
	// One writer behind the reader: a batch is copied (the reader reuses
	// its slices) and written while the next one is read. At most three
	// batches are alive at once: one read, one queued, one written.
	type job struct {
		known []linkvet.KnownPerson
		msgs  []linkvet.Message
	}
	jobs := make(chan job, 1)
	var (
		wg      sync.WaitGroup
		stored  linkvet.ImportResult
		werr    error
		failed  = make(chan struct{})
		failOne sync.Once
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for j := range jobs {
			if werr != nil {
				continue // drain: the reader stops at its next batch
			}
			var r linkvet.ImportResult
			var err error
			if j.known != nil {
				r, err = ss.ImportKnown(ctx, j.known)
			} else {
				r, err = s.store.ImportMessages(ctx, j.msgs)
			}
			stored.Known += r.Known
			stored.Messages += r.Messages
			stored.Unchanged += r.Unchanged
			if err != nil {
				werr = err
				failOne.Do(func() { close(failed) })
			}
		}
	}()
	imp := Imported{KnownBySource: map[string]int{}}
	var newest time.Time
	see := func(t time.Time) {
		if t.After(newest) {
			newest = t
		}
	}
	send := func(j job) error {
		if err := begin(); err != nil {
			return err
		}
		select {
		case jobs <- j:
			return nil
		case <-failed:
			return errWriterFailed
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	export, rerr := stream(opt, linkedin.StreamHandler{
		Known: func(people []linkvet.KnownPerson) error {
			imp.Known += len(people)
			bySource(imp.KnownBySource, people)
			for i := range people {
				see(people[i].Since)
				see(people[i].LastSeen)
			}
			return send(job{known: append([]linkvet.KnownPerson(nil), people...)})
		},
		Messages: func(msgs []linkvet.Message) error {
			imp.Messages += len(msgs)
			for i := range msgs {
				see(msgs[i].At)
			}
			return send(job{msgs: append([]linkvet.Message(nil), msgs...)})
		},
	})
	close(jobs)
	wg.Wait()
	imp.Result = stored
	if werr != nil {
		return imp, werr
	}
	if rerr != nil {
		return imp, rerr
	}
	imp.Export = export
	if err := begin(); err != nil {
		return imp, err
	}
	var err error
	if imp.Result, err = ss.FinishImport(ctx, run, export, stored); err != nil {
		return imp, err
	}
	return s.afterImport(ctx, imp, newest)
}

var errWriterFailed = fmt.Errorf("import: the store stopped taking batches")

// collect reads a streamed export whole, for a store that cannot take
// batches.
func collect(stream Streamer, opt linkedin.Options) (*linkvet.Export, error) {
	var known []linkvet.KnownPerson
	var msgs []linkvet.Message
	e, err := stream(opt, linkedin.StreamHandler{
		Known:    func(p []linkvet.KnownPerson) error { known = append(known, p...); return nil },
		Messages: func(m []linkvet.Message) error { msgs = append(msgs, m...); return nil },
	})
	if err != nil {
		return nil, err
	}
	e.Known, e.Messages = known, msgs
	return e, nil
}

func bySource(into map[string]int, people []linkvet.KnownPerson) map[string]int {
	if into == nil {
		into = map[string]int{}
	}
	for i := range people {
		for _, src := range people[i].Sources {
			into[src]++
		}
	}
	return into
}

// afterImport learns the export's past accepts, reconciles the user's
// sent invitations and screens the pending ones. newest is the newest
// date the export holds (the streamed batches included).
func (s *Service) afterImport(ctx context.Context, imp Imported, newest time.Time) (Imported, error) {
	export := imp.Export
	n, err := s.LearnPastAccepts(ctx, export.PastAccepts)
	if err != nil {
		return imp, fmt.Errorf("learn the past accepts: %w", err)
	}
	imp.Inferred = n
	// Reconcile dates the export by its newest entry; the streamed
	// batches are gone, so their newest date stands in for them.
	view := *export
	if !newest.IsZero() {
		view.Messages = []linkvet.Message{{At: newest}}
	}
	if need, err := s.reconcileNeeded(ctx, &view, newest); err != nil {
		return imp, fmt.Errorf("reconcile sent invitations: %w", err)
	} else if need {
		if imp.Reconciled, err = s.Reconcile(ctx, &view); err != nil {
			return imp, fmt.Errorf("reconcile sent invitations: %w", err)
		}
	}
	if unsettled, err := s.Unsettled(ctx); err != nil {
		return imp, err
	} else {
		imp.Unsettled = unsettled
	}
	// The imported profile may have changed "me": the verdicts of the
	// pending invitations are brought up to date now, not at the next list.
	pending := true
	items, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming, Pending: &pending})
	if err == nil {
		err = s.Fresh(ctx, items)
	}
	if err != nil {
		return imp, fmt.Errorf("screen the imported invitations: %w", err)
	}
	return imp, nil
}

// reconcileNeeded reports whether a stored invitation of the user's could
// be one the export no longer lists: one not listed, sent before the
// export's newest date. Reconcile reads the whole outreach state (every
// known person and message); most imports have nothing to reconcile and
// are spared it, so that a big export stays in bounded memory.
func (s *Service) reconcileNeeded(ctx context.Context, e *linkvet.Export, newest time.Time) (bool, error) {
	if !hasInvitationsFile(e) || newest.IsZero() {
		return false, nil
	}
	sent, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Outgoing})
	if err != nil {
		return false, err
	}
	listedKeys := map[string]bool{}
	listedIDs := map[string]bool{}
	for _, inv := range e.Outgoing {
		if k := personKey(inv.Person); k != "" {
			listedKeys[k] = true
		}
		listedIDs[inv.ID] = true
	}
	for _, si := range sent {
		inv := si.Invitation
		if listedIDs[inv.ID] || listedKeys[personKey(inv.Person)] {
			continue
		}
		if inv.SentAt == nil || inv.SentAt.Before(newest) {
			return true, nil
		}
	}
	return false, nil
}

// Unsettled counts the incoming invitations kept out of the inbox: an
// export without Connections.csv listed them, and nothing tells yet
// whether they are still pending or were accepted. A fuller export, an
// enrichment from another channel (e-mail, a pasted page, a profile) or a
// decision settles each.
func (s *Service) Unsettled(ctx context.Context) (int, error) {
	ids, err := s.unsettled(ctx)
	return len(ids), err
}

func (s *Service) unsettled(ctx context.Context) (map[string]bool, error) {
	ss, ok := s.store.(StreamStore)
	if !ok {
		return nil, nil
	}
	ids, err := ss.Unsettled(ctx)
	if err != nil {
		return nil, fmt.Errorf("read unsettled invitations: %w", err)
	}
	return ids, nil
}

// LearnPastAccepts trains the classifier on the export's past accepts
// (incoming invitations whose sender is now a connection) as inferred
// "accept" examples, in one store transaction with their markers. An
// invitation already learned, or one the user decided (trained as their
// decision), is skipped: importing again changes nothing, and an
// inferred example never stands over a decision the user recorded. It
// returns how many were newly learned.
func (s *Service) LearnPastAccepts(ctx context.Context, accepts []linkvet.Invitation) (int, error) {
	if len(accepts) == 0 {
		return 0, nil
	}
	n := 0
	err := s.store.Update(ctx, func(tx linkvet.Tx) error {
		itx, ok := tx.(inferredTx)
		if !ok {
			return nil
		}
		n = 0
		var c *learn.Classifier
		for i := range accepts {
			inv := accepts[i]
			inv.Direction = linkvet.Incoming
			if inv.ID == "" {
				inv.ID = linkvet.InvitationID(&inv)
			}
			if inv.ID == "" {
				continue
			}
			if _, class, err := itx.InferredExample(ctx, inv.ID); err != nil {
				return err
			} else if class != "" {
				continue
			}
			if decided, err := userDecided(ctx, tx, inv.ID); err != nil {
				return err
			} else if decided {
				continue
			}
			if c == nil {
				var err error
				if c, err = s.classifier(ctx, tx, nil); err != nil {
					return err
				}
			}
			c.Train(learn.DocFromInvitation(&inv), string(linkvet.Accept))
			if err := itx.PutInferred(ctx, inv, string(linkvet.Accept)); err != nil {
				return err
			}
			n++
		}
		if n == 0 {
			return nil
		}
		if err := saveClassifier(ctx, tx, c); err != nil {
			return err
		}
		return tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "learn", Subject: "classifier",
			Detail: fmt.Sprintf("learned %d past accept%s from an export as inferred examples", n, plural(n))})
	})
	return n, err
}

// userDecided reports whether the user's decision on the invitation is in
// the classifier (its "trained as" marker), or stands in its history.
func userDecided(ctx context.Context, tx linkvet.Tx, id string) (bool, error) {
	if class, err := tx.TrainedAs(ctx, id); err != nil || class != "" {
		return class != "", err
	}
	hist, err := tx.Decisions(ctx, id)
	if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, err
	}
	_, ok := StandingDecisions(hist)[id]
	return ok, nil
}

// forgetInferred untrains the inferred example of an invitation from c and
// drops it, when there is one: the user's own decision replaces it.
func forgetInferred(ctx context.Context, tx linkvet.Tx, c *learn.Classifier, id string) (bool, error) {
	itx, ok := tx.(inferredTx)
	if !ok {
		return false, nil
	}
	// The example is untrained as it was trained (the export's record),
	// not as the invitation stands now.
	example, class, err := itx.InferredExample(ctx, id)
	if err != nil || class == "" {
		return false, err
	}
	if err := c.Untrain(learn.DocFromInvitation(&example), class); err != nil {
		return false, fmt.Errorf("the classifier is out of step with the decisions (run linkvet learn rebuild): untrain inferred %s as %s: %w", id, class, err)
	}
	return true, itx.DeleteInferred(ctx, id)
}

// retrainInferred trains every inferred example into c again (a rebuild),
// dropping those the user has since decided.
func retrainInferred(ctx context.Context, tx linkvet.Tx, c *learn.Classifier, decided map[string]linkvet.Decision) (map[string]int, error) {
	n := map[string]int{}
	itx, ok := tx.(inferredTx)
	if !ok {
		return n, nil
	}
	var drop []string
	err := itx.EachInferred(ctx, func(inv linkvet.Invitation, class string) error {
		if _, ok := decided[inv.ID]; ok {
			drop = append(drop, inv.ID)
			return nil
		}
		c.Train(learn.DocFromInvitation(&inv), class)
		n[class]++
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range drop {
		if err := itx.DeleteInferred(ctx, id); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// countInferred counts the inferred examples per class, read through tx.
func countInferred(ctx context.Context, tx linkvet.Tx) (map[string]int, error) {
	n := map[string]int{}
	itx, ok := tx.(inferredTx)
	if !ok {
		return n, nil
	}
	err := itx.EachInferred(ctx, func(_ linkvet.Invitation, class string) error {
		n[class]++
		return nil
	})
	return n, err
}

// inferredCounts counts the inferred examples per class (none when the
// store keeps none).
func (s *Service) inferredCounts(ctx context.Context) (map[string]int, error) {
	ic, ok := s.store.(inferredCounter)
	if !ok {
		return map[string]int{}, nil
	}
	return ic.InferredCounts(ctx)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// listingsCurrent brings the listing of every incoming invitation up to
// date before an import: an import that finds a person has become a
// connection records the decision by rule, with the advice the listing
// holds, which must be the policy in force's (not a --policy run's, nor
// the policy's before a change no list has shown yet). Cheap when nothing
// changed: two counts.
func (s *Service) listingsCurrent(ctx context.Context) error {
	// The policy in force's: a decision is history, whatever policy this
	// run screens with (--policy).
	inForce := s
	if s.override != nil {
		inForce = New(Config{Store: s.store, Now: s.now})
	}
	state, err := inForce.State(ctx)
	if err != nil {
		return err
	}
	if _, err := inForce.relistAll(ctx, linkvet.ListFilter{All: true, State: state}); err != nil {
		return fmt.Errorf("bring the listings up to date: %w", err)
	}
	return nil
}
