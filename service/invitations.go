package service

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// AddBatch is how many invitations Add stores per transaction: one
// transaction per record costs a sync each, one for everything holds the
// write lock for long. 2,000 hold it about a tenth of a second; at 500 the
// same pages of the verdict and listing tables were written to the log
// four times as often (a tenth of Add's CPU).
const AddBatch = 2000

// AddResult is what Add did: the stored invitations with their verdicts, in
// the records' order, and how many records were new, enriched a stored
// invitation, or left one as it was.
type AddResult struct {
	Items                    []linkvet.StoredInvitation
	New, Enriched, Unchanged int
}

// count adds one record's change; a store that cannot tell counts it as
// enriched.
func (a *AddResult) count(c linkvet.Change) {
	switch c {
	case linkvet.ChangeNew:
		a.New++
	case linkvet.ChangeUnchanged:
		a.Unchanged++
	default:
		a.Enriched++
	}
}

// Add stores invitations (new ones added, known ones enriched) and screens
// them, batch by batch: each batch's invitations and verdicts are written
// in one transaction.
func (s *Service) Add(ctx context.Context, invs []linkvet.Invitation) (AddResult, error) {
	var res AddResult
	if len(invs) == 0 {
		return res, nil
	}
	es, err := s.engine(ctx)
	if err != nil {
		return res, err
	}
	now := s.now()
	out := make([]linkvet.StoredInvitation, 0, len(invs))
	for from := 0; from < len(invs); from += AddBatch {
		batch := invs[from:min(from+AddBatch, len(invs))]
		err := s.store.Update(ctx, func(tx linkvet.Tx) error {
			stored, changes, err := putStored(ctx, tx, batch)
			if err != nil {
				return err
			}
			for _, c := range changes {
				res.count(c)
			}
			vs, data, _, ls := screenAll(es.engine, func(int) time.Time { return now }, len(stored), func(i int) *linkvet.Invitation { return &stored[i].Invitation }, false)
			for i := range stored {
				stored[i].Verdict = &vs[i]
				stored[i].VerdictState = es.state
			}
			if err := saveVerdicts(ctx, tx, vs, data, ls, es.state); err != nil {
				return err
			}
			out = append(out, stored...)
			return nil
		})
		if err != nil {
			res.Items = out
			if from > 0 {
				return res, fmt.Errorf("after storing the first %d invitations: %w", from, err)
			}
			return AddResult{}, err
		}
	}
	res.Items = out
	return res, nil
}

// storedPutter is a transaction that hands back what it stored (sqlite's
// does): Add then does not read each invitation back.
type storedPutter interface {
	PutInvitationsStored(ctx context.Context, invs []linkvet.Invitation) ([]linkvet.StoredInvitation, []linkvet.Change, error)
}

// putStored stores invs and returns them as stored, without verdicts, and
// what each record's write did (empty where the store cannot tell).
func putStored(ctx context.Context, tx linkvet.Tx, invs []linkvet.Invitation) ([]linkvet.StoredInvitation, []linkvet.Change, error) {
	if p, ok := tx.(storedPutter); ok {
		return p.PutInvitationsStored(ctx, invs)
	}
	ids, err := tx.PutInvitations(ctx, invs)
	if err != nil {
		return nil, nil, err
	}
	out := make([]linkvet.StoredInvitation, len(ids))
	for i, id := range ids {
		si, err := tx.Invitation(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		out[i] = *si
		out[i].Verdict, out[i].VerdictState = nil, ""
	}
	return out, make([]linkvet.Change, len(ids)), nil
}

// screenAll screens n invitations on every core (the engine is safe for
// concurrent use) and returns their verdicts in order, each carrying its
// invitation's id, each one's listing, and each verdict's JSON for storing
// (data) or, with digestsOnly, only its jsonio.Digest: the JSON is made on
// the same cores by jsonio's encoder (encoding/json's bytes, several times
// faster).
func screenAll(eng *screen.Engine, now func(i int) time.Time, n int, inv func(i int) *linkvet.Invitation, digestsOnly bool) (vs []linkvet.Verdict, data []string, digests []int64, ls []linkvet.Listing) {
	vs = make([]linkvet.Verdict, n)
	ls = make([]linkvet.Listing, n)
	if digestsOnly {
		digests = make([]int64, n)
	} else {
		data = make([]string, n)
	}
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Each core's JSON goes to one buffer, made one string at the
			// end, which every verdict's JSON is a part of: a string per
			// verdict made thousands of allocations for the collector.
			var enc verdictEncoder
			var all []byte
			var ends []int
			for i := w; i < n; i += workers {
				x := inv(i)
				vs[i] = eng.Screen(x, now(i))
				vs[i].ID = x.ID
				if vs[i].Reasons == nil {
					vs[i].Reasons = []linkvet.Reason{} // the spec: never null, whoever encodes it
				}
				ls[i] = listingOf(x, &vs[i])
				line, ok := enc.encode(&vs[i])
				switch {
				case digestsOnly:
					digests[i] = jsonio.Digest(line) // not ok: no digest matches, the listing is kept anew
				case !ok:
					ends = append(ends, -1)
				default:
					if len(all)+len(line) > cap(all) {
						// Sized from the first verdict for all of this
						// core's, then doubled, not grown by append's
						// quarter: megabytes were copied five times over.
						left := (n - i + workers - 1) / workers
						all = slices.Grow(all, max(len(all), len(line)*left*5/4))
					}
					all = append(all, line...)
					ends = append(ends, len(all))
				}
			}
			if digestsOnly {
				return
			}
			text, from := string(all), 0
			for k, i := 0, w; i < n; k, i = k+1, i+workers {
				if ends[k] < 0 {
					continue // "": the store encodes it, and says why it cannot
				}
				data[i], from = text[from:ends[k]], ends[k]
			}
		})
	}
	wg.Wait()
	return vs, data, digests, ls
}

// verdictEncoder encodes one verdict at a time, in jsonio's form (the one
// the store keeps), into a buffer it reuses.
type verdictEncoder struct{ buf []byte }

// encode returns v's JSON, valid until the next call, and false when it
// cannot be encoded (the store then encodes it itself and says why).
func (e *verdictEncoder) encode(v *linkvet.Verdict) ([]byte, bool) {
	b, err := jsonio.AppendVerdict(e.buf[:0], v)
	if err != nil {
		return nil, false
	}
	e.buf = b
	return b, true
}

// encodedSaver is a store (or transaction) that takes verdicts with their
// JSON made: sqlite's does.
type encodedSaver interface {
	SaveEncodedListed(ctx context.Context, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error
}

// saveVerdicts stores vs with their listings ls, and with their JSON when
// the store takes it and every verdict could be encoded.
func saveVerdicts(ctx context.Context, store interface {
	SaveListed(ctx context.Context, vs []linkvet.Verdict, ls []linkvet.Listing, state string) error
}, vs []linkvet.Verdict, data []string, ls []linkvet.Listing, state string) error {
	if es, ok := store.(encodedSaver); ok && !slices.Contains(data, "") {
		return es.SaveEncodedListed(ctx, vs, data, ls, state)
	}
	return store.SaveListed(ctx, vs, ls, state)
}

// InboxFilter selects what Inbox lists.
type InboxFilter struct {
	All      bool // decided invitations too
	Action   linkvet.Action
	Category linkvet.Category
	// Offset and Limit page the list; Limit 0 lists it all.
	Offset, Limit int
}

// InboxPage is one page of the inbox.
type InboxPage struct {
	Items []linkvet.Listing
	// Total counts what the filter selects, every page together.
	Total int
	// State is the state the listings are current in.
	State string
}

// Inbox lists incoming invitations, most worth the user's attention first:
// pending ones (all with f.All), paged by f.Offset and f.Limit. Each is
// listed from what the store keeps beside its verdict (linkvet.Listing):
// nothing is decoded. Only the stale verdicts (screened under another
// policy, profile or classifier, or of an invitation changed since) are
// screened again and saved first, all of them, whatever the page: a new
// verdict may move an invitation to another page.
func (s *Service) Inbox(ctx context.Context, f InboxFilter) (InboxPage, error) {
	state, err := s.State(ctx)
	if err != nil {
		return InboxPage{}, err
	}
	lf := linkvet.ListFilter{All: f.All, Action: f.Action, Category: f.Category, Offset: f.Offset, Limit: f.Limit, State: state}
	if lf.State, err = s.relistAll(ctx, lf); err != nil {
		return InboxPage{}, err
	}
	items, total, err := s.store.List(ctx, lf)
	if err != nil {
		return InboxPage{}, err
	}
	return InboxPage{Items: items, Total: total, State: lf.State}, nil
}

// InboxItems is Inbox with each invitation read whole, verdict and latest
// decision with it, in the same order.
// The state may change between the list and the whole read (a decision,
// another process): the page is listed again then, a few times at most, so
// that every row says what the list selected it by.
func (s *Service) InboxItems(ctx context.Context, f InboxFilter) ([]linkvet.StoredInvitation, int, error) {
	var items []linkvet.StoredInvitation
	var page InboxPage
	for range 3 {
		var err error
		if page, err = s.Inbox(ctx, f); err != nil {
			return nil, 0, err
		}
		ids := make([]string, len(page.Items))
		for i := range page.Items {
			ids[i] = page.Items[i].ID
		}
		if items, err = s.Whole(ctx, ids); err != nil {
			return nil, 0, err
		}
		if allIn(items, page.State) {
			break
		}
	}
	return items, page.Total, nil
}

// allIn reports whether every verdict of items was made in state.
func allIn(items []linkvet.StoredInvitation, state string) bool {
	for i := range items {
		if items[i].VerdictState != state {
			return false
		}
	}
	return true
}

// Invitations lists stored incoming invitations f selects, whole, paged
// by f.Offset and f.Limit in the store's order (newest sent first), with
// how many f selects in all, every verdict current: the listings are
// brought up to date first (as Inbox does), so that f.Action and
// f.Category select by the verdicts of the policy in force, and the page
// is read fresh (as Whole does). The JSON API lists with it.
func (s *Service) Invitations(ctx context.Context, f linkvet.InvitationFilter) ([]linkvet.StoredInvitation, int, error) {
	if f.Direction != "" && f.Direction != linkvet.Incoming {
		return nil, 0, linkvet.Errorf(linkvet.EINVALID, "invitations: direction %q: only incoming invitations are listed here", f.Direction)
	}
	f.Direction = linkvet.Incoming
	// As InboxItems: listed again when the state changed before the page
	// was read fresh, a few times at most.
	var items []linkvet.StoredInvitation
	var total int
	for range 3 {
		state, err := s.State(ctx)
		if err != nil {
			return nil, 0, err
		}
		// Unsettled too: the store lists every pending invitation here.
		lf := linkvet.ListFilter{All: f.Pending == nil || !*f.Pending, Unsettled: true, State: state}
		if state, err = s.relistAll(ctx, lf); err != nil {
			return nil, 0, err
		}
		if items, total, err = s.store.Invitations(ctx, f); err != nil {
			return nil, 0, err
		}
		if err := s.Fresh(ctx, items); err != nil {
			return nil, 0, err
		}
		if allIn(items, state) {
			break
		}
	}
	return items, total, nil
}

// Whole reads stored incoming invitations whole, in the order of ids, with
// current verdicts; an id no longer stored is left out.
func (s *Service) Whole(ctx context.Context, ids []string) ([]linkvet.StoredInvitation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	got, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming, IDs: ids})
	if err != nil {
		return nil, err
	}
	at := make(map[string]int, len(got))
	for i := range got {
		at[got[i].Invitation.ID] = i
	}
	out := make([]linkvet.StoredInvitation, 0, len(ids))
	for _, id := range ids {
		if i, ok := at[id]; ok {
			out = append(out, got[i])
		}
	}
	if err := s.Fresh(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// relistAll is relist until nothing is left unlisted, and returns the
// state it left the listings current in. Another process may enrich an
// invitation between relist's read and its save: what was made from the
// text before is then not kept, and the invitation is unlisted still.
// The state may change meanwhile too (a decision trains the classifier,
// another process stores a policy): relist keeps the listings under the
// state it screened in. Each pass reads the state again and lists what is
// still unlisted in it, a few times at most: a writer that never stops
// leaves the rest to the next list.
func (s *Service) relistAll(ctx context.Context, lf linkvet.ListFilter) (string, error) {
	for pass := range 3 {
		n, err := s.relist(ctx, lf)
		if err != nil {
			return "", err
		}
		if n == 0 || pass == 2 {
			// Every listing current in lf.State (the common case: one
			// read of the state in all); or, after the last pass, the
			// state it listed in.
			return lf.State, nil
		}
		if lf.State, err = s.State(ctx); err != nil {
			return "", err
		}
	}
	return lf.State, nil
}

// relist brings the listing of every invitation lf selects up to date:
// a verdict of the current state that has no listing gets one made from
// it; any other is screened again. It returns how many it found unlisted.
func (s *Service) relist(ctx context.Context, lf linkvet.ListFilter) (int, error) {
	items, err := s.store.Unlisted(ctx, lf)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	var stale []int
	var vs []linkvet.Verdict
	var ls []linkvet.Listing
	var read []readAs
	for i := range items {
		si := &items[i]
		if si.Verdict == nil || si.VerdictState != lf.State {
			stale = append(stale, i)
			continue
		}
		vs = append(vs, *si.Verdict)
		ls = append(ls, listingOf(&si.Invitation, si.Verdict))
		read = append(read, readAsOf(si))
	}
	if len(vs) > 0 {
		err := s.store.Update(ctx, func(tx linkvet.Tx) error {
			keep, err := unchangedSince(ctx, tx, read, vs)
			if err != nil {
				return err
			}
			if vs, ls := kept(vs, keep), kept(ls, keep); len(vs) > 0 {
				return tx.SaveListed(ctx, vs, ls, lf.State)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(items), s.rescreen(ctx, items, stale, true)
}

// listScreener keeps listings made by screening again without storing
// their verdicts, as long as each invitation is still as it was read
// (sqlite.Tx.ListScreened).
type listScreener interface {
	ListScreened(ctx context.Context, ls []linkvet.Listing, digests []int64, read []linkvet.ReadMark, state string, at time.Time) error
}

// verdictStater reads, within a transaction, the state each invitation's
// verdict is reported in and its revision (sqlite.Tx.VerdictRevisions).
type verdictStater interface {
	VerdictRevisions(ctx context.Context, ids []string) (map[string]string, map[string]int64, error)
}

// readAs is how a verdict's invitation was read: the state its verdict
// was reported in, and the invitation's revision.
type readAs struct {
	state    string
	revision int64
}

func readAsOf(si *linkvet.StoredInvitation) readAs { return readAs{si.VerdictState, si.Read.Revision} }

// unchangedSince reports which of vs may be saved: those whose stored
// verdict is still in the state read[i] says it was read in, of an
// invitation still at the revision read[i] says, before they
// were screened outside tx (nil: all of them). Another process may
// meanwhile have enriched an invitation or saved a verdict from newer
// text (the web app and the CLI share the store): a verdict made from the
// text read before must not overwrite that. What is left out is screened
// again by the next read that finds it stale.
func unchangedSince(ctx context.Context, tx linkvet.Tx, read []readAs, vs []linkvet.Verdict) ([]bool, error) {
	st, ok := tx.(verdictStater)
	if !ok || len(vs) == 0 {
		return nil, nil
	}
	ids := make([]string, len(vs))
	for i := range vs {
		ids[i] = vs[i].ID
	}
	states, revisions, err := st.VerdictRevisions(ctx, ids)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, len(vs))
	all := true
	for i := range vs {
		keep[i] = states[vs[i].ID] == read[i].state && revisions[vs[i].ID] == read[i].revision
		all = all && keep[i]
	}
	if all {
		return nil, nil
	}
	return keep, nil
}

// kept is the elements of list that keep marks (all of them for nil), in
// a new slice: callers' items may point into list.
func kept[T any](list []T, keep []bool) []T {
	if keep == nil || list == nil {
		return list
	}
	out := make([]T, 0, len(list))
	for i, x := range list {
		if keep[i] {
			out = append(out, x)
		}
	}
	return out
}

// listingOf is what a list shows of inv and its verdict v.
func listingOf(inv *linkvet.Invitation, v *linkvet.Verdict) linkvet.Listing {
	r, _ := DecidingReason(v)
	return linkvet.Listing{
		ID: v.ID, Name: inv.Person.Name,
		Action: v.Action, Report: v.Report, Category: v.Category, Intent: v.Intent,
		Score: v.Score, Confidence: v.Confidence, Reason: r,
		Missing: NeedsDetails(inv, v), Attention: screen.Attention(v),
	}
}

// Fresh makes every verdict of items current: stale or missing ones are
// screened (the engine is built only if one is) and saved.
func (s *Service) Fresh(ctx context.Context, items []linkvet.StoredInvitation) error {
	state, err := s.State(ctx)
	if err != nil {
		return err
	}
	var stale []int
	for i := range items {
		if items[i].Verdict == nil || items[i].VerdictState != state {
			stale = append(stale, i)
		}
	}
	return s.rescreen(ctx, items, stale, false)
}

// rescreen screens items[i] for every i of stale and saves the verdicts
// with their listings. With listOnly, and a store that can, it keeps the
// listings alone (listScreener): the verdicts stay in items for the
// caller, and whoever reads one whole screens it again, eight microseconds
// then against writing thousands of verdicts now that nobody may read.
func (s *Service) rescreen(ctx context.Context, items []linkvet.StoredInvitation, stale []int, listOnly bool) error {
	if len(stale) == 0 {
		return nil
	}
	es, err := s.engine(ctx)
	if err != nil {
		return err
	}
	now := s.now()
	// Each part is saved while the next is screened: the store writes on
	// one core, so the other screens meanwhile. Parts are saved in order,
	// all in one transaction: a page of the tables is then written once,
	// not once per part (a tenth of the cost of listing after a policy
	// change). The transaction is used by one save at a time, and every
	// save is waited for before it ends.
	const batch = 1000
	return s.store.Update(ctx, func(tx linkvet.Tx) error {
		var saving chan error
		for from := 0; from < len(stale); from += batch {
			part := stale[from:min(from+batch, len(stale))]
			lsr, listing := tx.(listScreener)
			listing = listing && listOnly
			at := func(j int) time.Time { return screenedAt(&items[part[j]], es.state, now) }
			vs, data, digests, ls := screenAll(es.engine, at, len(part), func(j int) *linkvet.Invitation { return &items[part[j]].Invitation }, listing)
			if saving != nil {
				if err := <-saving; err != nil {
					return err
				}
			}
			read := make([]readAs, len(part))
			marks := make([]linkvet.ReadMark, len(part))
			for j, i := range part {
				read[j], marks[j] = readAsOf(&items[i]), items[i].Read
				items[i].Verdict, items[i].VerdictState = &vs[j], es.state
			}
			saving = make(chan error, 1)
			go func() {
				if listing {
					saving <- lsr.ListScreened(ctx, ls, digests, marks, es.state, now)
					return
				}
				keep, err := unchangedSince(ctx, tx, read, vs)
				if err == nil {
					err = saveVerdicts(ctx, tx, kept(vs, keep), kept(data, keep), kept(ls, keep), es.state)
				}
				saving <- err
			}()
		}
		return <-saving
	})
}

// exporter is a store that writes everything it holds (sqlite.DB.Export).
type exporter interface {
	Export(ctx context.Context, w io.Writer, format string) error
}

// Export writes everything stored to w in format ("json" or "csv": see
// sqlite.DB.Export), every verdict current first: the inbox keeps new
// listings after a policy change without storing their verdicts, and an
// export must say what the inbox shows. The verdicts a change made stale
// are screened again and stored, as a whole read does.
func (s *Service) Export(ctx context.Context, w io.Writer, format string) error {
	ex, ok := s.store.(exporter)
	if !ok {
		return linkvet.Errorf(linkvet.EINTERNAL, "export: this store cannot export")
	}
	if s.override != nil {
		return linkvet.Errorf(linkvet.EINVALID, "export writes the verdicts of the policy in force; a policy for one run does not apply")
	}
	if err := s.RescreenAll(ctx); err != nil {
		return fmt.Errorf("export: bring the verdicts up to date: %w", err)
	}
	return ex.Export(ctx, w, format)
}

// screenedAt is the instant to screen si at in state: when its listing
// was kept without its verdict and is current in state, the instant that
// listing was screened at, so that the verdict read whole is the one the
// list shows (a verdict may depend on the time: the age of an account);
// else now.
func screenedAt(si *linkvet.StoredInvitation, state string, now time.Time) time.Time {
	if r := si.Read; !r.UnsavedAt.IsZero() && r.UnsavedState == state {
		return r.UnsavedAt
	}
	return now
}

// RescreenAll brings every incoming invitation's verdict in line with the
// current state (after a policy change, say).
func (s *Service) RescreenAll(ctx context.Context) error {
	all, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return fmt.Errorf("list invitations to screen: %w", err)
	}
	return s.Fresh(ctx, all)
}

// Invitation returns one stored invitation with a current verdict.
func (s *Service) Invitation(ctx context.Context, id string) (*linkvet.StoredInvitation, error) {
	si, err := s.store.Invitation(ctx, id)
	if err != nil {
		return nil, err
	}
	if si.Invitation.Direction == linkvet.Incoming {
		items := []linkvet.StoredInvitation{*si}
		if err := s.Fresh(ctx, items); err != nil {
			return nil, err
		}
		si = &items[0]
	}
	return si, nil
}

// Explain explains the verdict on a stored invitation.
func (s *Service) Explain(ctx context.Context, id string) (*linkvet.StoredInvitation, screen.Explanation, error) {
	si, err := s.store.Invitation(ctx, id)
	if err != nil {
		return nil, screen.Explanation{}, err
	}
	eng, state, err := s.Engine(ctx)
	if err != nil {
		return nil, screen.Explanation{}, err
	}
	// At the instant the list screened it, when its listing was kept
	// without its verdict: the explanation is of the verdict the list shows.
	return si, eng.Explain(&si.Invitation, screenedAt(si, state, s.now())), nil
}

// SortByAttention puts what most needs the user's eye first; ties keep the
// store's order (newest first).
// Each item's attention is worked out once and an order of indices is
// sorted: moving the large items themselves at every step of the sort was
// a fair part of listing thousands.
func SortByAttention(items []linkvet.StoredInvitation) {
	type key struct{ attention, at int }
	keys := make([]key, len(items))
	for i := range items {
		keys[i] = key{screen.Attention(items[i].Verdict), i}
	}
	sort.SliceStable(keys, func(i, j int) bool { return keys[i].attention > keys[j].attention })
	sorted := make([]linkvet.StoredInvitation, len(items))
	for i, k := range keys {
		sorted[i] = items[k.at]
	}
	copy(items, sorted)
}

// Learned is what Learn did.
type Learned struct {
	Trained   int         `json:"trained"`
	Unchanged int         `json:"unchanged"`
	Status    LearnStatus `json:"status"`
	Enough    bool        `json:"enough"` // whether the classifier has a say yet
	Why       string      `json:"why,omitempty"`
}

// Learn stores labelled invitations with the user's decisions and trains
// the classifier on them, all in one transaction. Learning the same file
// twice changes nothing; a changed label replaces the old one.
func (s *Service) Learn(ctx context.Context, labelled []linkvet.Invitation, source string) (Learned, error) {
	p, err := s.Policy(ctx)
	if err != nil {
		return Learned{}, err
	}
	// The verdicts recorded with the decisions are the rules' own, without
	// the classifier being taught here.
	eng := screen.New(p)
	now := s.now()
	var out Learned
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		ids, err := tx.PutInvitations(ctx, labelled)
		if err != nil {
			return err
		}
		c, err := s.classifier(ctx, tx, p)
		if err != nil {
			return err
		}
		for i, id := range ids {
			label := labelled[i].Label
			si, err := tx.Invitation(ctx, id)
			if err != nil {
				return err
			}
			if d := linkvet.Standing(si.Decision); d == nil || d.Action != label {
				v := eng.Screen(&si.Invitation, now)
				d, err := tx.Decide(ctx, linkvet.Decision{InvitationID: id, Action: label, Verdict: v.Action, Note: "learned from " + source, By: linkvet.ByUser})
				if err != nil {
					return err
				}
				if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "decision", Subject: d.InvitationID, Detail: string(label) + " (learned from " + source + ")"}); err != nil {
					return err
				}
			}
			old, err := tx.TrainedAs(ctx, id)
			if err != nil {
				return err
			}
			// An example inferred from an export gives way to the label.
			if _, err := forgetInferred(ctx, tx, c, id); err != nil {
				return err
			}
			if old == string(label) {
				out.Unchanged++
				continue
			}
			if err := retrainIn(c, &si.Invitation, id, old, string(label)); err != nil {
				return err
			}
			if err := tx.SetTrainedAs(ctx, id, string(label)); err != nil {
				return err
			}
			out.Trained++
		}
		inferred, err := countInferred(ctx, tx)
		if err != nil {
			return err
		}
		out.Status = statusOf(c, inferred)
		r := c.Classify(docEmpty)
		out.Enough, out.Why = r.Enough, r.Why
		return saveClassifier(ctx, tx, c)
	})
	return out, err
}

// Replay screens stored incoming invitations (the decided ones, or the
// pending ones) with the policy in force and with next, and reports what
// would change.
func (s *Service) Replay(ctx context.Context, next *policy.Policy, pending bool) (screen.ReplayReport, error) {
	cur, err := s.Policy(ctx)
	if err != nil {
		return screen.ReplayReport{}, err
	}
	if next.Me.Empty() {
		cp := *next
		cp.Me = cur.Me
		next = &cp
	}
	items, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming, Pending: &pending})
	if err != nil {
		return screen.ReplayReport{}, err
	}
	return screen.Replay(screen.New(cur), screen.New(next), items, s.now()), nil
}

// InsightsData is what the insights are computed from: every incoming
// invitation with a current verdict, the full decision history (undos
// included; the caller counts the standing ones) and the user's time zone.
type InsightsData struct {
	Invitations []linkvet.StoredInvitation
	History     []linkvet.Decision
	Location    *time.Location
}

// Insights reads what the insights page shows, with verdicts brought up to
// date.
func (s *Service) Insights(ctx context.Context) (InsightsData, error) {
	all, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return InsightsData{}, err
	}
	if err := s.Fresh(ctx, all); err != nil {
		return InsightsData{}, err
	}
	history, err := s.store.Decisions(ctx, "")
	if err != nil {
		return InsightsData{}, err
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return InsightsData{}, err
	}
	return InsightsData{Invitations: all, History: history, Location: p.Location()}, nil
}
