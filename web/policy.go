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

type previewView struct {
	Pending int
	Flips   []flip
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
		if _, err := s.savePolicy(ctxWithoutCancel(r), text); err != nil {
			return err
		}
		http.Redirect(w, r, "/policy?saved=1", http.StatusSeeOther)
		return nil
	}
	stored, _ := policyFromText(text)
	view.Summary = summarize(newEng.Policy(), stored)
	flips, pending, err := s.flips(ctx, newEng)
	if err != nil {
		return err
	}
	view.Preview = &previewView{Pending: pending, Flips: flips}
	s.render(w, r, http.StatusOK, "policy.html", "Policy", view)
	return nil
}

// flips screens every pending invitation with the engine in force and
// with next, and lists those whose action or report changes.
func (s *Server) flips(ctx context.Context, next *screen.Engine) ([]flip, int, error) {
	list, err := s.queue(ctx, linkvet.InvitationFilter{Direction: linkvet.Incoming})
	if err != nil {
		return nil, 0, err
	}
	cur, _ := s.snapshot()
	now := s.now()
	var out []flip
	for i := range list {
		inv := &list[i].Invitation
		a, b := cur.Screen(inv, now), next.Screen(inv, now)
		if a.Action != b.Action || a.Report != b.Report {
			out = append(out, flip{ID: inv.ID, Name: inv.Person.Name, From: a.Action, FromReport: a.Report, To: b.Action, ToReport: b.Report})
		}
	}
	return out, len(list), nil
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
