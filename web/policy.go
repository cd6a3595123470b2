package web

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/policy"
	"github.com/linkvet/linkvet/screen"
)

type policyView struct {
	Text     string
	Default  bool // no policy is stored: the text shows the defaults
	Saved    bool
	Problems []policyProblem
	Summary  policySummary
	Preview  *previewView
}

// policyProblem is one line of policy.Load's error, with the line it
// points at so that the page can move the cursor there.
type policyProblem struct {
	Line    int
	Message string
}

type policySummary struct {
	Me          linkvet.Me
	MeImported  bool // "me" comes from the imported profile
	Style       linkvet.Style
	MinMutual   int
	Competitors []string
	Known       int
	Blocked     int
	Disqualify  []string
	Rules       []string
	NoteLimit   int
	Warnings    []string
}

// previewView is what a policy change would do, from screen.Replay: the
// waiting invitations whose verdict flips, and the decided ones measured
// against what the user actually decided.
type previewView struct {
	Pending      int
	Flips        []flip
	Decided      int
	AgreedBefore int
	AgreedAfter  int
	BeforeRate   string
	AfterRate    string
	Decisions    []decisionChange
}

// flip is a pending invitation whose verdict a policy change moves.
type flip struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	From       linkvet.Action `json:"from"`
	FromReport bool           `json:"from_report"`
	To         linkvet.Action `json:"to"`
	ToReport   bool           `json:"to_report"`
}

// decisionChange is a decided invitation whose verdict a policy change
// moves, with what that does to linkvet's agreement with the user.
type decisionChange struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Decision linkvet.Action `json:"decision"`
	From     linkvet.Action `json:"from"`
	To       linkvet.Action `json:"to"`
	// Effect is "agrees" (the new verdict is the user's decision),
	// "disagrees" (the old one was, the new one is not) or "differs"
	// (neither is).
	Effect string `json:"effect"`
}

// Effects of a decisionChange.
const (
	effectAgrees    = "agrees"
	effectDisagrees = "disagrees"
	effectDiffers   = "differs"
)

func summarize(p *policy.Policy, stored *policy.Policy) policySummary {
	sum := policySummary{
		Me: p.Me, Style: p.Style, MinMutual: p.MinMutual, Competitors: p.Competitors,
		Known: len(p.Known), Blocked: len(p.Blocked), Disqualify: p.Disqualify,
		NoteLimit: p.Outreach.NoteLimit, Warnings: p.Warnings,
	}
	if stored != nil {
		sum.MeImported = stored.Me.Empty() && !p.Me.Empty()
		sum.Warnings = stored.Warnings
	}
	for _, r := range p.Rules {
		sum.Rules = append(sum.Rules, r.Name)
	}
	return sum
}

func (s *Server) policyPage(w http.ResponseWriter, r *http.Request) error {
	eng, text := s.snapshot()
	view := policyView{Text: string(text), Saved: r.URL.Query().Get("saved") != ""}
	if text == nil {
		view.Default = true
		view.Text = string(policy.Default().YAML())
	}
	stored, _ := policyFromText(text)
	view.Summary = summarize(eng.Policy(), stored)
	s.render(w, r, http.StatusOK, "policy.html", "Policy", view)
	return nil
}

func (s *Server) policySubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBytes+64<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	text := []byte(strings.ReplaceAll(r.PostForm.Get("yaml"), "\r\n", "\n"))
	view := policyView{Text: string(text)}
	ctx := r.Context()
	newEng, err := s.engineFor(ctx, text)
	if err != nil {
		if code := linkvet.ErrorCode(err); code != linkvet.EINVALID && code != linkvet.ELIMIT {
			return err
		}
		// Keep the user's text and point at every problem.
		view.Problems = policyProblems(err)
		eng, _ := s.snapshot()
		view.Summary = summarize(eng.Policy(), nil)
		s.render(w, r, httpStatus(err), "policy.html", "Policy", view)
		return nil
	}
	if r.PostForm.Get("do") == "save" {
		if _, err := s.savePolicy(ctxWithoutCancel(r), text, "web"); err != nil {
			return err
		}
		http.Redirect(w, r, "/policy?saved=1", http.StatusSeeOther)
		return nil
	}
	stored, _ := policyFromText(text)
	view.Summary = summarize(newEng.Policy(), stored)
	if view.Preview, err = s.preview(ctx, newEng); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "policy.html", "Policy", view)
	return nil
}

// preview is the service's policy preview (service.PreviewPolicy) shaped
// for the page: flips of pending verdicts, and the effect on each decision
// the user made.
func (s *Server) preview(ctx context.Context, next *screen.Engine) (*previewView, error) {
	cur, _ := s.snapshot()
	rep, err := s.svc.PreviewPolicy(ctx, cur, next)
	if err != nil {
		return nil, err
	}
	view := &previewView{Pending: rep.Pending, Decided: rep.Decided, AgreedBefore: rep.AgreedBefore, AgreedAfter: rep.AgreedAfter,
		Flips: []flip{}, Decisions: []decisionChange{}}
	if rep.Decided > 0 {
		view.BeforeRate, view.AfterRate = percent(rep.AgreedBefore, rep.Decided), percent(rep.AgreedAfter, rep.Decided)
	}
	for _, c := range rep.Changes {
		if c.Decision == "" {
			view.Flips = append(view.Flips, flip{ID: c.ID, Name: c.Name, From: c.Before, FromReport: c.BeforeReport, To: c.After, ToReport: c.AfterReport})
			continue
		}
		dc := decisionChange{ID: c.ID, Name: c.Name, Decision: c.Decision, From: c.Before, To: c.After, Effect: effectDiffers}
		switch {
		case c.After == c.Decision:
			dc.Effect = effectAgrees
		case c.Before == c.Decision:
			dc.Effect = effectDisagrees
		}
		view.Decisions = append(view.Decisions, dc)
	}
	return view, nil
}

var problemLine = regexp.MustCompile(`^[^:\n]*:(\d+):(?:\d+:)?\s*`)

// policyProblems splits policy.Load's message, one problem per line.
func policyProblems(err error) []policyProblem {
	var out []policyProblem
	for _, line := range strings.Split(linkvet.ErrorMessage(err), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		p := policyProblem{Message: line}
		if m := problemLine.FindStringSubmatch(line); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
		}
		out = append(out, p)
	}
	return out
}
