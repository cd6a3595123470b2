package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/fold"
)

// Bringing invitations in from every channel (e-mail, profile PDFs, pasted
// pages, JSON) is one use case, Ingest. Its model:
//
//   - A record is matched to a stored invitation of the same direction by
//     profile URL, then by e-mail address, then by name and time (the same
//     folded name, sent within NameWindow of each other, or either time
//     unknown and the name unique). A matched invitation is enriched, never
//     duplicated: unknown fields are filled, lists are united (received_via
//     among them), the Accept link is kept, and nothing the user decided
//     (decisions, labels) is touched. A field already known keeps its value,
//     except a note cut short ("…see more") that a fuller copy completes.
//   - A profile-only record (a profile PDF, a pasted profile page) enriches
//     the pending invitation of that person: matched by profile URL, e-mail,
//     then name; with no such invitation nothing is stored and the record is
//     reported unmatched, since a profile alone is not an invitation.
//   - Every record touched is screened again under the policy in force, in
//     the transaction that wrote it.
//   - The raw inputs of each record are kept with its invitation (channel,
//     place, bytes), once per distinct input, so that importing the same mail
//     twice changes nothing and a better reader can read them again later.

// NameWindow is how far apart two sightings of one invitation matched by
// name alone may be dated: a reminder comes days or weeks after the
// invitation, and pasted ages ("2 weeks ago") are coarse.
const NameWindow = 45 * 24 * time.Hour

// RawInput is one input a record was read from, as stored.
type RawInput struct {
	Place string // the file, file:line, or the IMAP URL
	Data  []byte
}

// IngestRecord is one record to bring in, with its raw inputs.
type IngestRecord struct {
	Invitation linkvet.Invitation
	Raw        []RawInput
}

// SyncState is a state to store with the records, in the same transaction
// (an IMAP mailbox's position), so that a sync never loses nor repeats.
type SyncState struct {
	Key   string
	Value string
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	// Target, when set, names the invitation a profile-only record
	// enriches (linkvet add --profile FILE ID), instead of matching.
	Target string
	// Sync is stored in the same transaction when set.
	Sync *SyncState
}

// Outcome says what became of one record.
type Outcome string

const (
	Added     Outcome = "added"     // a new invitation
	Enriched  Outcome = "enriched"  // a stored invitation learned something
	Unchanged Outcome = "unchanged" // a stored invitation already knew it all
	Unmatched Outcome = "unmatched" // a profile with no pending invitation to enrich; nothing stored
)

// IngestItem is what became of one record.
type IngestItem struct {
	Outcome Outcome `json:"outcome"`
	// MatchedBy says how the stored invitation was found: "profile URL",
	// "e-mail", "name and time", "name", "id".
	MatchedBy string `json:"matched_by,omitempty"`
	// Filled names the fields the record added to a stored invitation.
	Filled []string `json:"filled,omitempty"`
	// Stored is the invitation as stored now, with its fresh verdict;
	// nil for Unmatched.
	Stored *linkvet.StoredInvitation `json:"stored,omitempty"`
	// Record is the record as read (for naming an unmatched one).
	Record linkvet.Invitation `json:"-"`
	// RawKept counts raw inputs newly kept.
	RawKept int `json:"raw_kept"`
}

// Ingested is what Ingest did.
type Ingested struct {
	Items     []IngestItem `json:"items"`
	Added     int          `json:"added"`
	Enriched  int          `json:"enriched"`
	Unchanged int          `json:"unchanged"`
	Unmatched int          `json:"unmatched"`
}

// ingestTx is what Ingest needs of a write transaction beyond linkvet.Tx;
// the sqlite store's Tx has it.
type ingestTx interface {
	linkvet.Tx
	InvitationsIn(ctx context.Context, dir linkvet.Direction) ([]linkvet.StoredInvitation, error)
	ReplaceInvitation(ctx context.Context, inv linkvet.Invitation) (bool, error)
	AddRaw(ctx context.Context, invitationID, channel, place string, data []byte) (bool, error)
	SyncState(ctx context.Context, key string) (string, error)
	SetSyncState(ctx context.Context, key, value string) error
}

// syncStateReader is the store's side of SyncState.
type syncStateReader interface {
	SyncState(ctx context.Context, key string) (string, error)
}

// StoredSyncState returns a state stored by an earlier Ingest ("" when
// none).
func (s *Service) StoredSyncState(ctx context.Context, key string) (string, error) {
	r, ok := s.store.(syncStateReader)
	if !ok {
		return "", linkvet.Errorf(linkvet.EINTERNAL, "this store keeps no sync state")
	}
	return r.SyncState(ctx, key)
}

// ProfileOnly reports whether a record holds a person and nothing about an
// invitation: what a profile PDF or a pasted profile page gives.
func ProfileOnly(inv *linkvet.Invitation) bool {
	return inv.SentAt == nil && inv.Message == "" && inv.MutualConnections == nil &&
		len(inv.MutualNames) == 0 && inv.AcceptURL == "" && inv.Shared.Empty() && inv.ID == ""
}

// Ingest stores records read from any channel: each is matched to a stored
// invitation and enriches it, or is added; everything touched is screened
// under the policy in force; raw inputs are kept. It all happens in one
// transaction, with opt.Sync when set.
func (s *Service) Ingest(ctx context.Context, recs []IngestRecord, opt IngestOptions) (Ingested, error) {
	var out Ingested
	if len(recs) == 0 && opt.Sync == nil {
		return out, nil
	}
	es, err := s.engine(ctx)
	if err != nil {
		return out, err
	}
	now := s.now()
	err = s.store.Update(ctx, func(ltx linkvet.Tx) error {
		out = Ingested{}
		var verdicts []linkvet.Verdict
		var listings []linkvet.Listing
		tx, ok := ltx.(ingestTx)
		if !ok {
			return linkvet.Errorf(linkvet.EINTERNAL, "this store cannot keep raw inputs")
		}
		idx := newMatchIndex()
		for _, dir := range []linkvet.Direction{linkvet.Incoming, linkvet.Outgoing} {
			stored, err := tx.InvitationsIn(ctx, dir)
			if err != nil {
				return err
			}
			for i := range stored {
				idx.add(stored[i])
			}
		}
		for i, rec := range recs {
			item, err := s.ingestOne(ctx, tx, idx, rec, opt.Target)
			if err != nil {
				return fmt.Errorf("record %d (%s): %w", i+1, nameOf(&rec.Invitation), err)
			}
			if item.Stored != nil && item.Outcome != Unchanged || item.Stored != nil && item.Stored.VerdictState != es.state {
				v := es.engine.Screen(&item.Stored.Invitation, now)
				v.ID = item.Stored.Invitation.ID
				verdicts = append(verdicts, v)
				listings = append(listings, listingOf(&item.Stored.Invitation, &v))
				item.Stored.Verdict, item.Stored.VerdictState = &v, es.state
			}
			switch item.Outcome {
			case Added:
				out.Added++
			case Enriched:
				out.Enriched++
			case Unchanged:
				out.Unchanged++
			case Unmatched:
				out.Unmatched++
			}
			out.Items = append(out.Items, item)
		}
		// Saved together: one prepared statement for the whole input.
		if len(verdicts) > 0 {
			if err := tx.SaveListed(ctx, verdicts, listings, es.state); err != nil {
				return err
			}
		}
		if opt.Sync != nil {
			return tx.SetSyncState(ctx, opt.Sync.Key, opt.Sync.Value)
		}
		return nil
	})
	if err != nil {
		return Ingested{}, err
	}
	return out, nil
}

func nameOf(inv *linkvet.Invitation) string {
	switch {
	case inv.Person.Name != "":
		return inv.Person.Name
	case inv.Person.ProfileURL != "":
		return inv.Person.ProfileURL
	case inv.ID != "":
		return inv.ID
	}
	return "nobody named"
}

func (s *Service) ingestOne(ctx context.Context, tx ingestTx, idx *matchIndex, rec IngestRecord, target string) (IngestItem, error) {
	inv := rec.Invitation
	item := IngestItem{Record: inv}
	if inv.Direction == "" {
		inv.Direction = linkvet.Incoming
	}
	profileOnly := ProfileOnly(&inv)
	var match *linkvet.StoredInvitation
	switch {
	case target != "":
		si, err := tx.Invitation(ctx, target)
		if err != nil {
			return item, err
		}
		if si.Invitation.Direction != linkvet.Incoming {
			return item, linkvet.Errorf(linkvet.EINVALID, "invitation %s is one you sent; a profile enriches an invitation you received", target)
		}
		match, item.MatchedBy = si, "id"
	case profileOnly:
		var err error
		match, item.MatchedBy, err = idx.findPending(inv.Person)
		if err != nil {
			return item, err
		}
		if match == nil {
			item.Outcome = Unmatched
			return item, nil
		}
	default:
		match, item.MatchedBy = idx.find(&inv)
	}
	if match == nil {
		ids, err := tx.PutInvitations(ctx, []linkvet.Invitation{inv})
		if err != nil {
			return item, err
		}
		si, err := tx.Invitation(ctx, ids[0])
		if err != nil {
			return item, err
		}
		// The store's own merge knows the fields of invitation-v1 1.0
		// only: the Accept link, received_via, languages and the place
		// of a position are written here.
		if full, filled := Enrich(si.Invitation, inv); len(filled) > 0 || !slices.Equal(full.ReceivedVia, si.Invitation.ReceivedVia) {
			if _, err := tx.ReplaceInvitation(ctx, full); err != nil {
				return item, err
			}
			if si, err = tx.Invitation(ctx, ids[0]); err != nil {
				return item, err
			}
		}
		item.Outcome, item.Stored = Added, si
		idx.add(*si)
	} else {
		merged, filled := Enrich(match.Invitation, inv)
		changed, err := tx.ReplaceInvitation(ctx, merged)
		if err != nil {
			return item, err
		}
		si, err := tx.Invitation(ctx, match.Invitation.ID)
		if err != nil {
			return item, err
		}
		item.Stored, item.Filled = si, filled
		item.Outcome = Unchanged
		if changed {
			item.Outcome = Enriched
			idx.replace(*si)
		}
	}
	channel := inv.Source
	if channel == "" {
		channel = linkvet.SourceManual
	}
	for _, r := range rec.Raw {
		added, err := tx.AddRaw(ctx, item.Stored.Invitation.ID, channel, r.Place, r.Data)
		if err != nil {
			return item, err
		}
		if added {
			item.RawKept++
		}
	}
	return item, nil
}

// profileKey is the normalised profile URL, with the /comm/ of links
// in LinkedIn's e-mails dropped, so that every channel's link to one
// profile gives one key.
func profileKey(url string) string {
	k := linkvet.NormalizeProfileURL(url)
	if rest, ok := strings.CutPrefix(k, "linkedin.com/comm/in/"); ok {
		return "linkedin.com/in/" + rest
	}
	return k
}

// matchIndex finds stored invitations by profile URL, e-mail and name.
type matchIndex struct {
	all     []*linkvet.StoredInvitation
	byURL   map[string][]int
	byEmail map[string][]int
	byName  map[string][]int
}

func newMatchIndex() *matchIndex {
	return &matchIndex{byURL: map[string][]int{}, byEmail: map[string][]int{}, byName: map[string][]int{}}
}

func (m *matchIndex) add(si linkvet.StoredInvitation) {
	i := len(m.all)
	m.all = append(m.all, &si)
	m.keys(i)
}

func (m *matchIndex) keys(i int) {
	p := m.all[i].Invitation.Person
	if k := profileKey(p.ProfileURL); k != "" {
		m.byURL[k] = appendOnce(m.byURL[k], i)
	}
	for _, e := range p.Emails {
		if k := linkvet.NormalizeEmail(e); k != "" {
			m.byEmail[k] = appendOnce(m.byEmail[k], i)
		}
	}
	if k := fold.String(p.Name); k != "" {
		m.byName[k] = appendOnce(m.byName[k], i)
	}
}

func appendOnce(list []int, i int) []int {
	if slices.Contains(list, i) {
		return list
	}
	return append(list, i)
}

func (m *matchIndex) replace(si linkvet.StoredInvitation) {
	for i, old := range m.all {
		if old.Invitation.ID == si.Invitation.ID {
			*m.all[i] = si
			m.keys(i)
			return
		}
	}
	m.add(si)
}

// find matches a record of an invitation: profile URL, then e-mail, then
// name and time, always within its direction.
func (m *matchIndex) find(inv *linkvet.Invitation) (*linkvet.StoredInvitation, string) {
	dir := inv.Direction
	pick := func(list []int) *linkvet.StoredInvitation {
		for _, i := range list {
			if m.all[i].Invitation.Direction == dir {
				return m.all[i]
			}
		}
		return nil
	}
	url := profileKey(inv.Person.ProfileURL)
	if url != "" {
		if si := pick(m.byURL[url]); si != nil {
			return si, "profile URL"
		}
	}
	for _, e := range inv.Person.Emails {
		if k := linkvet.NormalizeEmail(e); k != "" {
			if si := pick(m.byEmail[k]); si != nil {
				return si, "e-mail"
			}
		}
	}
	name := fold.String(inv.Person.Name)
	if name == "" {
		return nil, ""
	}
	var best *linkvet.StoredInvitation
	var bestGap time.Duration
	candidates := 0
	for _, i := range m.byName[name] {
		si := m.all[i]
		if si.Invitation.Direction != dir {
			continue
		}
		// Two different profile URLs are two people who share a name.
		if other := profileKey(si.Invitation.Person.ProfileURL); url != "" && other != "" && other != url {
			continue
		}
		candidates++
		if inv.SentAt == nil || si.Invitation.SentAt == nil {
			continue
		}
		gap := inv.SentAt.Sub(*si.Invitation.SentAt)
		if gap < 0 {
			gap = -gap
		}
		if gap <= NameWindow && (best == nil || gap < bestGap) {
			best, bestGap = si, gap
		}
	}
	if best != nil {
		return best, "name and time"
	}
	// A time unknown on one side: the name decides only when it is unique.
	if candidates == 1 {
		for _, i := range m.byName[name] {
			si := m.all[i]
			if si.Invitation.Direction == dir && (inv.SentAt == nil || si.Invitation.SentAt == nil) {
				if other := profileKey(si.Invitation.Person.ProfileURL); url == "" || other == "" || other == url {
					return si, "name"
				}
			}
		}
	}
	return nil, ""
}

// findPending matches a profile to the pending incoming invitation of that
// person: profile URL, then e-mail, then name (which must be unique).
func (m *matchIndex) findPending(p linkvet.Person) (*linkvet.StoredInvitation, string, error) {
	pending := func(list []int) []*linkvet.StoredInvitation {
		var out []*linkvet.StoredInvitation
		for _, i := range list {
			si := m.all[i]
			if si.Invitation.Direction == linkvet.Incoming && linkvet.Standing(si.Decision) == nil {
				out = append(out, si)
			}
		}
		return out
	}
	url := profileKey(p.ProfileURL)
	if url != "" {
		if l := pending(m.byURL[url]); len(l) > 0 {
			return l[0], "profile URL", nil
		}
	}
	for _, e := range p.Emails {
		if k := linkvet.NormalizeEmail(e); k != "" {
			if l := pending(m.byEmail[k]); len(l) > 0 {
				return l[0], "e-mail", nil
			}
		}
	}
	var named []*linkvet.StoredInvitation
	for _, si := range pending(m.byName[fold.String(p.Name)]) {
		if other := profileKey(si.Invitation.Person.ProfileURL); url == "" || other == "" || other == url {
			named = append(named, si)
		}
	}
	switch len(named) {
	case 0:
		return nil, "", nil
	case 1:
		return named[0], "name", nil
	}
	ids := make([]string, len(named))
	for i, si := range named {
		ids[i] = si.Invitation.ID
	}
	return nil, "", linkvet.Errorf(linkvet.ECONFLICT, "%d pending invitations are from someone named %q (%s): name the one this profile is of", len(named), p.Name, strings.Join(ids, ", "))
}
