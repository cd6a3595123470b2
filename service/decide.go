package service

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
)

// MaxNoteBytes bounds a decision's note: a remark, not a document.
const MaxNoteBytes = 10_000

// UndoAction is the word that undoes the standing decision, in the CLI
// (linkvet decide ID undo) and the web app alike.
const UndoAction = "undo"

// ParseAction reads an action the user typed: case and surrounding space
// do not matter, and a near miss gets a did-you-mean. "undo" is accepted
// when allowUndo.
func ParseAction(word string, allowUndo bool) (linkvet.Action, bool, error) {
	w := strings.ToLower(strings.TrimSpace(word))
	if allowUndo && w == UndoAction {
		return "", true, nil
	}
	if a := linkvet.Action(w); a.Valid() {
		return a, false, nil
	}
	names := make([]string, 0, len(linkvet.Actions)+1)
	for _, a := range linkvet.Actions {
		names = append(names, string(a))
	}
	if allowUndo {
		names = append(names, UndoAction)
	}
	msg := fmt.Sprintf("%q is not one of %s", clip(word, 40), strings.Join(names, ", "))
	if s := Suggest(w, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return "", false, linkvet.Errorf(linkvet.EINVALID, "%s", msg)
}

// ParseCategory reads a category the user typed, listing them all when it
// is none.
func ParseCategory(word string) (linkvet.Category, error) {
	w := strings.ToLower(strings.TrimSpace(word))
	if c := linkvet.Category(w); c.Valid() {
		return c, nil
	}
	names := make([]string, len(linkvet.Categories))
	for i, c := range linkvet.Categories {
		names[i] = string(c)
	}
	msg := fmt.Sprintf("%q is not a category; the categories are %s", clip(word, 40), strings.Join(names, ", "))
	if s := Suggest(w, names); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return "", linkvet.Errorf(linkvet.EINVALID, "%s", msg)
}

// Suggest returns the name closest to word when it is a plausible typo
// (at most two edits, or a prefix), else "".
func Suggest(word string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if word != "" && strings.HasPrefix(n, word) {
			return n
		}
		if d := editDistance(word, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// NeedsConfirmation reports whether accepting against v needs a second,
// deliberate step (the web app's confirmation, the CLI's --force): linkvet
// advised block or decline, as for a scam or a fake profile.
func NeedsConfirmation(v *linkvet.Verdict) bool {
	return v != nil && (v.Action == linkvet.Block || v.Action == linkvet.Decline)
}

// Decided is the outcome of a decision.
type Decided struct {
	Decision linkvet.Decision `json:"decision"`
	Verdict  linkvet.Verdict  `json:"verdict"` // what linkvet advised when the user decided
	// Trained says whether the classifier learned from it.
	Trained bool `json:"trained"`
}

// Decide records the user's decision on an incoming invitation. The
// decision, its audit entry, the verdict it was made against, the
// classifier's training and the "trained as" marker are written in one
// transaction. Deciding the same action again is a conflict (nothing to
// record); an outgoing invitation is refused (its outcome is recorded with
// the outreach log).
func (s *Service) Decide(ctx context.Context, id string, action linkvet.Action, note string) (Decided, error) {
	note = strings.TrimSpace(note)
	if !action.Valid() {
		_, _, err := ParseAction(string(action), false)
		return Decided{}, err
	}
	if !utf8.ValidString(note) {
		return Decided{}, linkvet.Errorf(linkvet.EINVALID, "note: not valid UTF-8 text")
	}
	if len(note) > MaxNoteBytes {
		return Decided{}, linkvet.Errorf(linkvet.ELIMIT, "note: %d bytes, more than the %d allowed", len(note), MaxNoteBytes)
	}
	// The state is cheap to read; the engine is built only when the stored
	// verdict is stale, so that deciding compiles no policy in the common
	// case.
	state, err := s.State(ctx)
	if err != nil {
		return Decided{}, err
	}
	var out Decided
	err = s.store.Update(ctx, func(tx linkvet.Tx) error {
		si, err := tx.Invitation(ctx, id)
		if err != nil {
			return err
		}
		if si.Invitation.Direction == linkvet.Outgoing {
			return linkvet.Errorf(linkvet.EINVALID, "invitation %s is one you sent: record what happened to it with linkvet outreach mark %s accepted|declined|ignored, or, if you took it back, linkvet outreach withdraw %s", id, id, id)
		}
		if d := linkvet.Standing(si.Decision); d != nil && d.Action == action && d.By == linkvet.ByUser {
			return linkvet.Errorf(linkvet.ECONFLICT, "invitation %s is already decided %s (on %s); nothing to record", id, action, d.At.Format("2006-01-02"))
		}
		var v linkvet.Verdict
		if si.Verdict != nil && si.VerdictState == state {
			v = *si.Verdict
		} else {
			es, err := s.engine(ctx)
			if err != nil {
				return err
			}
			v = es.engine.Screen(&si.Invitation, screenedAt(si, es.state, s.now()))
			v.ID = si.Invitation.ID
			if err := tx.SaveListed(ctx, []linkvet.Verdict{v}, []linkvet.Listing{listingOf(&si.Invitation, &v)}, es.state); err != nil {
				return err
			}
		}
		d, err := tx.Decide(ctx, linkvet.Decision{InvitationID: si.Invitation.ID, Action: action, Verdict: v.Action, Note: note, By: linkvet.ByUser})
		if err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "decision", Subject: d.InvitationID, Detail: string(action) + " (linkvet had advised " + string(v.Action) + ")"}); err != nil {
			return err
		}
		// Trained whether or not learning is on: the classifier is the
		// record of the decisions, and turning learning on later finds it
		// complete. Only screening asks whether it may speak.
		trained, err := s.train(ctx, tx, nil, &si.Invitation, si.Invitation.ID, string(action))
		if err != nil {
			return err
		}
		out = Decided{Decision: d, Verdict: v, Trained: trained}
		return nil
	})
	return out, err
}

// Undo takes back the standing decision on an invitation: it is pending
// again, and the classifier forgets what the decision taught, in one
// transaction.
func (s *Service) Undo(ctx context.Context, id string) (linkvet.Decision, error) {
	var out linkvet.Decision
	err := s.store.Update(ctx, func(tx linkvet.Tx) error {
		si, err := tx.Invitation(ctx, id)
		if err != nil {
			return err
		}
		if linkvet.Standing(si.Decision) == nil {
			return linkvet.Errorf(linkvet.ECONFLICT, "invitation %s has no decision to undo", id)
		}
		prev := si.Decision.Action
		d, err := tx.Decide(ctx, linkvet.Decision{InvitationID: si.Invitation.ID, Undo: true, Note: "undo of " + string(prev), By: linkvet.ByUser})
		if err != nil {
			return err
		}
		if err := tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "undo", Subject: d.InvitationID, Detail: "took back " + string(prev)}); err != nil {
			return err
		}
		if _, err := s.untrain(ctx, tx, nil, &si.Invitation, si.Invitation.ID); err != nil {
			return err
		}
		out = d
		return nil
	})
	return out, err
}

// train teaches the classifier, read and written through tx, that the
// invitation was decided as class. The "trained as" marker makes a
// changed decision untrain the old class first and a repeated one change
// nothing.
func (s *Service) train(ctx context.Context, tx linkvet.Tx, p *policy.Policy, inv *linkvet.Invitation, id, class string) (bool, error) {
	old, err := tx.TrainedAs(ctx, id)
	if err != nil {
		return false, err
	}
	c, err := s.classifier(ctx, tx, p)
	if err != nil {
		return false, err
	}
	// An example inferred from an export gives way to the user's decision.
	forgot, err := forgetInferred(ctx, tx, c, id)
	if err != nil {
		return false, err
	}
	if old == class {
		if forgot {
			return false, saveClassifier(ctx, tx, c)
		}
		return false, nil
	}
	doc := learn.DocFromInvitation(inv)
	if old != "" {
		if err := c.Untrain(doc, old); err != nil {
			return false, fmt.Errorf("the classifier is out of step with the decisions (run linkvet learn rebuild): untrain %s as %s: %w", id, old, err)
		}
	}
	c.Train(doc, class)
	if err := tx.SetTrainedAs(ctx, id, class); err != nil {
		return false, err
	}
	return true, saveClassifier(ctx, tx, c)
}

// untrain makes the classifier forget the invitation, when it was trained.
func (s *Service) untrain(ctx context.Context, tx linkvet.Tx, p *policy.Policy, inv *linkvet.Invitation, id string) (bool, error) {
	old, err := tx.TrainedAs(ctx, id)
	if err != nil || old == "" {
		return false, err
	}
	c, err := s.classifier(ctx, tx, p)
	if err != nil {
		return false, err
	}
	if err := c.Untrain(learn.DocFromInvitation(inv), old); err != nil {
		return false, fmt.Errorf("the classifier is out of step with the decisions (run linkvet learn rebuild): untrain %s as %s: %w", id, old, err)
	}
	if err := tx.SetTrainedAs(ctx, id, ""); err != nil {
		return false, err
	}
	return true, saveClassifier(ctx, tx, c)
}

// LearnStatus is what the classifier holds: the user's decisions
// (Trained, per action in ByAction) and the examples inferred from
// exports (past accepts), counted apart.
type LearnStatus struct {
	Trained  int            `json:"trained"`
	ByAction map[string]int `json:"by_action"`
	Inferred int            `json:"inferred"`
}

// LearnStatus reports how many decisions the classifier holds, per action,
// and how many inferred examples.
func (s *Service) LearnStatus(ctx context.Context) (LearnStatus, error) {
	c, err := s.classifier(ctx, nil, nil)
	if err != nil {
		return LearnStatus{}, err
	}
	inferred, err := s.inferredCounts(ctx)
	if err != nil {
		return LearnStatus{}, err
	}
	return statusOf(c, inferred), nil
}

func statusOf(c *learn.Classifier, inferred map[string]int) LearnStatus {
	st := LearnStatus{ByAction: map[string]int{}}
	for class, n := range c.Docs() {
		n -= inferred[class]
		st.Inferred += inferred[class]
		if n <= 0 {
			continue
		}
		st.ByAction[class] = n
		st.Trained += n
	}
	return st
}

// StandingDecisions returns the user's standing decisions, one per
// invitation, from a full history (oldest first). Decisions by rules are an
// import's record of what happened on LinkedIn, not the user's choice: they
// are skipped before undo is applied, so that a rule's later entry neither
// hides the user's decision nor counts as one.
func StandingDecisions(history []linkvet.Decision) map[string]linkvet.Decision {
	out := map[string]linkvet.Decision{}
	for _, d := range history {
		if d.By != linkvet.ByUser {
			continue
		}
		if d.Undo {
			delete(out, d.InvitationID)
			continue
		}
		out[d.InvitationID] = d
	}
	return out
}

// StandingDecisions returns the user's standing decisions, one per
// invitation.
func (s *Service) StandingDecisions(ctx context.Context) (map[string]linkvet.Decision, error) {
	all, err := s.store.Decisions(ctx, "")
	if err != nil {
		return nil, err
	}
	return StandingDecisions(all), nil
}

// Rebuild rebuilds the classifier from the user's standing decisions, in
// one transaction: what a failed consistency check suggests.
func (s *Service) Rebuild(ctx context.Context) (LearnStatus, error) {
	var st LearnStatus
	err := s.store.Update(ctx, func(tx linkvet.Tx) error {
		all, err := tx.Decisions(ctx, "")
		if err != nil {
			return err
		}
		// The parameters are not part of the stored classifier: whoever
		// reads it applies the policy's.
		c := learn.New(learn.DefaultParams())
		if err := tx.ClearTrained(ctx); err != nil {
			return err
		}
		dec := StandingDecisions(all)
		ids := make([]string, 0, len(dec))
		for id := range dec {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			si, err := tx.Invitation(ctx, id)
			if err != nil {
				return err
			}
			class := string(dec[id].Action)
			c.Train(learn.DocFromInvitation(&si.Invitation), class)
			if err := tx.SetTrainedAs(ctx, id, class); err != nil {
				return err
			}
		}
		// The past accepts learned from exports are kept, unless the user
		// has since decided them.
		inferred, err := retrainInferred(ctx, tx, c, dec)
		if err != nil {
			return err
		}
		if err := saveClassifier(ctx, tx, c); err != nil {
			return err
		}
		st = statusOf(c, inferred)
		detail := fmt.Sprintf("rebuilt from %d standing decisions", st.Trained)
		if st.Inferred > 0 {
			detail += fmt.Sprintf(" and %d inferred examples", st.Inferred)
		}
		return tx.AddAudit(ctx, linkvet.AuditEntry{Kind: "rebuild", Subject: "classifier", Detail: detail})
	})
	return st, err
}

// docEmpty asks the classifier whether it has a say at all.
var docEmpty = learn.Doc{}

func retrainIn(c *learn.Classifier, inv *linkvet.Invitation, id, old, class string) error {
	doc := learn.DocFromInvitation(inv)
	if old != "" {
		if err := c.Untrain(doc, old); err != nil {
			return fmt.Errorf("the classifier is out of step with the decisions (run linkvet learn rebuild): untrain %s as %s: %w", id, old, err)
		}
	}
	c.Train(doc, class)
	return nil
}

// trainedLister is the part of the store Check needs beyond linkvet.Store:
// every training marker. *sqlite.DB has it.
type trainedLister interface {
	Trained(ctx context.Context) (map[string]string, error)
}

// Check verifies that the classifier is in step with the decisions: every
// standing decision of the user's is trained as its action, nothing else is
// trained, and the classifier's counts per action match. The error names
// the first difference and suggests linkvet learn rebuild.
func (s *Service) Check(ctx context.Context) error {
	tl, ok := s.store.(trainedLister)
	if !ok {
		return nil
	}
	dec, err := s.StandingDecisions(ctx)
	if err != nil {
		return err
	}
	marks, err := tl.Trained(ctx)
	if err != nil {
		return err
	}
	bad := func(format string, args ...any) error {
		return linkvet.Errorf(linkvet.ECONFLICT, "the classifier is out of step with the decisions: %s; run linkvet learn rebuild", fmt.Sprintf(format, args...))
	}
	want := map[string]int{}
	for id, d := range dec {
		want[string(d.Action)]++
		if marks[id] != string(d.Action) {
			return bad("%s is decided %s but trained as %q", id, d.Action, marks[id])
		}
	}
	for id, class := range marks {
		if _, ok := dec[id]; !ok {
			return bad("%s is trained as %s without a standing decision", id, class)
		}
	}
	st, err := s.LearnStatus(ctx)
	if err != nil {
		return err
	}
	for _, a := range linkvet.Actions {
		if st.ByAction[string(a)] != want[string(a)] {
			return bad("it holds %d %s decisions, the store %d", st.ByAction[string(a)], a, want[string(a)])
		}
	}
	return nil
}
