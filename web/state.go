package web

import (
	"context"
	"sync"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

// current returns the decision that stands for an invitation whose latest
// recorded decision is latest: nil when there is none or it was undone.
func current(latest *linkvet.Decision) *linkvet.Decision { return linkvet.Standing(latest) }

// snapshot returns the engine and the stored policy text in force. A
// policy in force that no longer loads is logged and the defaults screen
// meanwhile; the Policy page shows the error.
func (s *Server) snapshot() (*screen.Engine, []byte) {
	ctx := context.Background()
	eng, _, err := s.svc.Engine(ctx)
	if err != nil {
		s.log.Error("build the engine", "err", err)
		eng = screen.New(policy.Default())
	}
	return eng, s.storedPolicy(ctx)
}

// storedPolicy reads the policy text in force; nil when the defaults are.
func (s *Server) storedPolicy(ctx context.Context) []byte {
	pv, err := s.svc.PolicyInForce(ctx)
	if err != nil {
		s.log.Error("read the policy in force", "err", err)
		return nil
	}
	if pv.Text == "" {
		return nil
	}
	return []byte(pv.Text)
}

// engineFor builds the engine a candidate policy text gives, "me" filled in.
func (s *Server) engineFor(ctx context.Context, text []byte) (*screen.Engine, error) {
	return s.svc.EngineFor(ctx, text, policyFile)
}

// reload brings the stored verdicts in line with the policy in force.
func (s *Server) reload(ctx context.Context) error {
	return s.svc.RescreenAll(ctx)
}

// savePolicy validates text, makes it the policy in force (a new version,
// in the audit log) and rescreens with it.
func (s *Server) savePolicy(ctx context.Context, text []byte, source string) (*policy.Policy, error) {
	_, p, err := s.svc.UsePolicy(ctx, text, policyFile, source)
	if err != nil {
		return nil, err
	}
	return p, s.svc.RescreenAll(ctx)
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
// ignored), in the store's order, with current verdicts.
func (s *Server) queue(ctx context.Context, f linkvet.InvitationFilter) ([]linkvet.StoredInvitation, error) {
	pending := true
	f.Pending, f.Offset, f.Limit = &pending, 0, 0
	all, _, err := s.store.Invitations(ctx, f)
	if err != nil {
		return nil, err
	}
	if err := s.svc.Fresh(ctx, all); err != nil {
		return nil, err
	}
	for i := range all {
		all[i].Decision = current(all[i].Decision)
	}
	return all, nil
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
