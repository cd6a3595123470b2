package web

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// PolicyModel is the name the active policy's YAML is stored under.
const PolicyModel = "policy"

// UndoNote marks the decision that undoes the one before it (see the
// package doc). Its action is always "ignore".
const UndoNote = "undo"

// isUndo reports whether d is an undo marker.
func isUndo(d *linkvet.Decision) bool {
	return d != nil && d.Action == linkvet.Ignore && d.Note == UndoNote
}

// current returns the decision that stands for an invitation whose latest
// recorded decision is latest: nil when there is none or it was undone.
func current(latest *linkvet.Decision) *linkvet.Decision {
	if latest == nil || isUndo(latest) {
		return nil
	}
	return latest
}

// effective returns the decisions that stand, one per invitation, from a
// full history (oldest first): an undo cancels what came before it.
func effective(history []linkvet.Decision) map[string]linkvet.Decision {
	out := map[string]linkvet.Decision{}
	for _, d := range history {
		if isUndo(&d) {
			delete(out, d.InvitationID)
			continue
		}
		out[d.InvitationID] = d
	}
	return out
}

// userDecisions returns the user's own standing decisions, one per
// invitation, from a full history (oldest first). Decisions by rules are
// an import's record of what happened on LinkedIn, not the user's choice:
// they are skipped before undo is applied, so that a rule's later entry
// neither hides the user's decision nor counts as one.
func userDecisions(history []linkvet.Decision) map[string]linkvet.Decision {
	mine := make([]linkvet.Decision, 0, len(history))
	for _, d := range history {
		if d.By == linkvet.ByUser {
			mine = append(mine, d)
		}
	}
	return effective(mine)
}

// snapshot returns the engine and the stored policy text in force.
func (s *Server) snapshot() (*screen.Engine, []byte) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.engine, s.policyText
}

// storedPolicy reads the policy text from the store; nil when none is
// stored.
func (s *Server) storedPolicy(ctx context.Context) ([]byte, error) {
	text, err := s.store.Model(ctx, PolicyModel)
	if linkvet.ErrorCode(err) == linkvet.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("read the stored policy: %w", err)
	}
	return text, nil
}

// withMe fills an empty "me" from the imported profile, on a copy: a
// loaded Policy is read-only.
func (s *Server) withMe(ctx context.Context, p *policy.Policy) (*policy.Policy, error) {
	if !p.Me.Empty() {
		return p, nil
	}
	me, err := s.store.Me(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the imported profile: %w", err)
	}
	if me.Empty() {
		return p, nil
	}
	cp := *p
	cp.Me = me
	return &cp, nil
}

// engineFor builds the engine a policy text gives, "me" filled in.
func (s *Server) engineFor(ctx context.Context, text []byte) (*screen.Engine, error) {
	p, err := policyFromText(text)
	if err != nil {
		return nil, err
	}
	if p, err = s.withMe(ctx, p); err != nil {
		return nil, err
	}
	var opts []screen.Option
	if s.options != nil {
		if opts, err = s.options(ctx, p); err != nil {
			return nil, fmt.Errorf("engine options: %w", err)
		}
	}
	return screen.New(p, opts...), nil
}

// reload rebuilds the engine from the stored policy and rescreens. A
// stored policy that no longer loads (written by a newer linkvet, say) is
// an error: silently screening with the defaults would mislead.
func (s *Server) reload(ctx context.Context) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	text, err := s.storedPolicy(ctx)
	if err != nil {
		return err
	}
	eng, err := s.engineFor(ctx, text)
	if err != nil {
		return fmt.Errorf("the stored policy: %w", err)
	}
	return s.install(ctx, eng, text)
}

// savePolicy validates text, stores it and rescreens with it.
func (s *Server) savePolicy(ctx context.Context, text []byte) (*policy.Policy, error) {
	if len(text) > policy.MaxFileBytes {
		return nil, linkvet.Errorf(linkvet.ELIMIT, "%s: the policy has %d bytes, more than the %d allowed", policyFile, len(text), policy.MaxFileBytes)
	}
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	eng, err := s.engineFor(ctx, text)
	if err != nil {
		return nil, err
	}
	if err := s.store.PutModel(ctx, PolicyModel, text); err != nil {
		return nil, fmt.Errorf("store the policy: %w", err)
	}
	return eng.Policy(), s.install(ctx, eng, text)
}

// install makes eng the engine in force and brings the stored verdicts in
// line with it. The caller holds reloadMu.
func (s *Server) install(ctx context.Context, eng *screen.Engine, text []byte) error {
	s.mu.Lock()
	s.engine, s.policyText = eng, text
	s.mu.Unlock()
	return s.rescreen(ctx, eng)
}

// rescreen screens every incoming invitation with eng and saves the
// verdicts that changed, in batches.
func (s *Server) rescreen(ctx context.Context, eng *screen.Engine) error {
	all, _, err := s.store.Invitations(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return fmt.Errorf("list invitations to screen: %w", err)
	}
	now := s.now()
	const batch = 1000
	changed := make([]linkvet.Verdict, 0, min(len(all), batch))
	for i := range all {
		si := &all[i]
		v := eng.Screen(&si.Invitation, now)
		v.ID = si.Invitation.ID
		if si.Verdict != nil && reflect.DeepEqual(*si.Verdict, v) {
			continue
		}
		changed = append(changed, v)
		if len(changed) == batch {
			if err := s.store.SaveVerdicts(ctx, changed); err != nil {
				return fmt.Errorf("save verdicts: %w", err)
			}
			changed = changed[:0]
		}
	}
	if len(changed) > 0 {
		if err := s.store.SaveVerdicts(ctx, changed); err != nil {
			return fmt.Errorf("save verdicts: %w", err)
		}
	}
	return nil
}

// screenStored screens the invitations with the given ids and saves the
// verdicts; it is used after adding invitations.
func (s *Server) screenStored(ctx context.Context, ids []string) error {
	eng, _ := s.snapshot()
	now := s.now()
	vs := make([]linkvet.Verdict, 0, len(ids))
	for _, id := range ids {
		si, err := s.store.Invitation(ctx, id)
		if err != nil {
			return fmt.Errorf("read invitation %s: %w", id, err)
		}
		v := eng.Screen(&si.Invitation, now)
		v.ID = si.Invitation.ID
		vs = append(vs, v)
	}
	return s.store.SaveVerdicts(ctx, vs)
}

// verdictOf returns the stored verdict, or screens on the spot when the
// store has none (a verdict that failed to save must not hide a row).
func (s *Server) verdictOf(si *linkvet.StoredInvitation, eng *screen.Engine) linkvet.Verdict {
	if si.Verdict != nil {
		return *si.Verdict
	}
	v := eng.Screen(&si.Invitation, s.now())
	v.ID = si.Invitation.ID
	return v
}

// queue returns the incoming invitations nobody has decided on (or whose
// decision was undone) that f selects (its Pending, Offset and Limit are
// ignored), in the store's order.
func (s *Server) queue(ctx context.Context, f linkvet.InvitationFilter) ([]linkvet.StoredInvitation, error) {
	f.Pending, f.Offset, f.Limit = nil, 0, 0
	// The store's own pending flag cannot see undo markers, so the queue
	// is every selected invitation without a standing decision.
	all, _, err := s.store.Invitations(ctx, f)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, si := range all {
		if current(si.Decision) == nil {
			si.Decision = nil
			out = append(out, si)
		}
	}
	return out, nil
}

// importLog keeps the summaries of the latest imports, so that the upload
// can redirect to a page that shows them. It lives as long as the server.
type importLog struct {
	mu   sync.Mutex
	next int
	runs map[int]importSummary
}

const keptImports = 20

func (l *importLog) add(sum importSummary) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.runs == nil {
		l.runs = map[int]importSummary{}
	}
	l.next++
	sum.N = l.next
	l.runs[l.next] = sum
	delete(l.runs, l.next-keptImports)
	return l.next
}

func (l *importLog) get(n int) (importSummary, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	sum, ok := l.runs[n]
	return sum, ok
}
