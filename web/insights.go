package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/service"
)

// maxWeeks is how many weeks the weekly charts show, ending with the
// latest week that has data.
const maxWeeks = 26

type insightsView struct {
	Invitations int
	PerWeek     chart
	Categories  chart
	Decisions   chart
	Agreement   chart
	Decided     int // standing decisions by the user
	Accepted    int
	AcceptRate  string
	Overrides   int
	OverRate    string
	OverPairs   []overridePair
}

type overridePair struct {
	Verdict, Action linkvet.Action
	Count           int
}

// chart is an SVG bar chart, laid out on the server: the template only
// places the rectangles and labels computed here. Every chart comes with
// its numbers as a table, so nothing is told by colour alone.
type chart struct {
	ID         string
	Title      string
	Width      int
	Height     int
	Horizontal bool
	Bars       []bar
	Ticks      []tick
	Legend     []legendItem
	Header     []string
	Rows       [][]string
	Empty      bool
}

type bar struct {
	Label      string
	LabelX     int
	LabelY     int
	ValueLabel string
	ValueX     int
	ValueY     int
	Segments   []segment
}

type segment struct {
	X, Y, W, H int
	Class      string
	Title      string
}

type tick struct {
	Y, X  int
	Label string
}

type legendItem struct {
	Class, Label string
}

// Chart geometry, in SVG user units.
const (
	chartW    = 720
	chartH    = 260
	padLeft   = 60 // room for "100%" in the larger phone type
	padBottom = 52
	padTop    = 26 // room for the top gridline's label and a full bar's value
	hbarRow   = 26
	hbarLabel = 150
)

// weekStart returns the Monday 00:00 of t's week in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// lastWeeks returns the weeks to show: up to maxWeeks ending at the latest
// week seen, oldest first, with no gaps.
func lastWeeks(seen map[time.Time]bool) []time.Time {
	if len(seen) == 0 {
		return nil
	}
	var first, last time.Time
	for w := range seen {
		if first.IsZero() || w.Before(first) {
			first = w
		}
		if w.After(last) {
			last = w
		}
	}
	var weeks []time.Time
	for w := last; !w.Before(first) && len(weeks) < maxWeeks; w = w.AddDate(0, 0, -7) {
		weeks = append(weeks, w)
	}
	slices.Reverse(weeks)
	return weeks
}

func (s *Server) insightsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	data, err := s.svc.Insights(ctx)
	if err != nil {
		return err
	}
	eng, _ := s.snapshot()
	view := buildInsights(data.Invitations, data.History, data.Location, func(si *linkvet.StoredInvitation) linkvet.Verdict { return s.verdictOf(si, eng) })
	s.render(w, r, http.StatusOK, "insights.html", "Insights", view)
	return nil
}

// buildInsights computes every chart from the stored invitations and the
// full decision history; it is pure, for tests.
func buildInsights(all []linkvet.StoredInvitation, history []linkvet.Decision, loc *time.Location, verdict func(*linkvet.StoredInvitation) linkvet.Verdict) insightsView {
	view := insightsView{Invitations: len(all)}
	if loc == nil {
		loc = time.UTC
	}

	// Invitations per week, stacked by verdict.
	perWeek := map[time.Time]map[linkvet.Action]int{}
	seen := map[time.Time]bool{}
	cats := map[linkvet.Category]int{}
	for i := range all {
		si := &all[i]
		v := verdict(si)
		cats[v.Category]++
		when := si.AddedAt
		if si.Invitation.SentAt != nil {
			when = *si.Invitation.SentAt
		}
		if when.IsZero() {
			continue
		}
		wk := weekStart(when, loc)
		seen[wk] = true
		if perWeek[wk] == nil {
			perWeek[wk] = map[linkvet.Action]int{}
		}
		perWeek[wk][v.Action]++
	}
	weeks := lastWeeks(seen)
	var labels []string
	var stacks [][]float64
	for _, wk := range weeks {
		labels = append(labels, wk.Format("Jan 2"))
		row := make([]float64, len(linkvet.Actions))
		for j, a := range linkvet.Actions {
			row[j] = float64(perWeek[wk][a])
		}
		stacks = append(stacks, row)
	}
	var series []string
	for _, a := range linkvet.Actions {
		series = append(series, string(a))
	}
	view.PerWeek = stacked("per-week", "Invitations per week, by verdict", labels, series, stacks, 0, "%.0f")
	view.PerWeek.Header = append([]string{"week of"}, series...)

	// Categories.
	var catLabels []string
	var catValues []float64
	for _, c := range linkvet.Categories {
		if cats[c] > 0 {
			catLabels = append(catLabels, label(c))
			catValues = append(catValues, float64(cats[c]))
		}
	}
	view.Categories = hbars("categories", "Senders by category", catLabels, catValues, nil, "%.0f")
	view.Categories.Header = []string{"category", "invitations"}

	// The user's standing decisions (undone ones do not count; decisions
	// by rules come from imports and are not the user's).
	standing := service.StandingDecisions(history)
	byAction := map[linkvet.Action]int{}
	pairs := map[[2]linkvet.Action]int{}
	agreeWeek := map[time.Time][2]int{} // agreed, decided
	decidedWeeks := map[time.Time]bool{}
	for _, d := range standing {
		view.Decided++
		byAction[d.Action]++
		wk := weekStart(d.At, loc)
		decidedWeeks[wk] = true
		n := agreeWeek[wk]
		n[1]++
		if d.Verdict != "" && d.Action != d.Verdict {
			view.Overrides++
			pairs[[2]linkvet.Action{d.Verdict, d.Action}]++
		} else {
			n[0]++
		}
		agreeWeek[wk] = n
	}
	view.Accepted = byAction[linkvet.Accept]
	if view.Decided > 0 {
		view.AcceptRate = percent(view.Accepted, view.Decided)
		view.OverRate = percent(view.Overrides, view.Decided)
	}
	var decLabels []string
	var decValues []float64
	for _, a := range linkvet.Actions {
		decLabels = append(decLabels, string(a))
		decValues = append(decValues, float64(byAction[a]))
	}
	if view.Decided == 0 {
		decLabels, decValues = nil, nil
	}
	var decClasses []string
	for _, l := range decLabels {
		decClasses = append(decClasses, "a-"+l)
	}
	view.Decisions = hbars("decisions", "Your decisions, by action", decLabels, decValues, decClasses, "%.0f")
	view.Decisions.Header = []string{"decision", "invitations"}
	for k, n := range pairs {
		view.OverPairs = append(view.OverPairs, overridePair{Verdict: k[0], Action: k[1], Count: n})
	}
	slices.SortFunc(view.OverPairs, func(a, b overridePair) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		if a.Verdict != b.Verdict {
			return compareStrings(string(a.Verdict), string(b.Verdict))
		}
		return compareStrings(string(a.Action), string(b.Action))
	})

	// Agreement between linkvet and the user, per week of decision.
	var agLabels []string
	var agValues [][]float64
	var agRows [][]string
	for _, wk := range lastWeeks(decidedWeeks) {
		n := agreeWeek[wk]
		agLabels = append(agLabels, wk.Format("Jan 2"))
		rate := 0.0
		if n[1] > 0 {
			rate = 100 * float64(n[0]) / float64(n[1])
		}
		agValues = append(agValues, []float64{rate})
		agRows = append(agRows, []string{wk.Format("2006-01-02"), strconv.Itoa(n[0]), strconv.Itoa(n[1]), fmt.Sprintf("%.0f%%", rate)})
	}
	view.Agreement = stacked("agreement", "Agreement with linkvet, per week of decision (%)", agLabels, []string{"agree"}, agValues, 100, "%.0f%%")
	view.Agreement.Legend = nil
	view.Agreement.Header = []string{"week of", "agreed", "decided", "agreement"}
	view.Agreement.Rows = agRows
	return view
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func percent(n, of int) string {
	return strconv.Itoa((200*n+of)/(2*of)) + "%"
}

// stacked lays out a vertical bar chart whose bars stack one value per
// series; max 0 scales to the tallest bar.
func stacked(id, title string, labels, series []string, values [][]float64, max float64, format string) chart {
	c := chart{ID: id, Title: title, Width: chartW, Height: chartH, Empty: len(labels) == 0}
	for _, s := range series {
		c.Legend = append(c.Legend, legendItem{Class: "a-" + s, Label: s})
	}
	if max == 0 {
		for _, row := range values {
			sum := 0.0
			for _, v := range row {
				sum += v
			}
			max = maxf(max, sum)
		}
	}
	if max == 0 {
		max = 1
	}
	plotH := float64(chartH - padTop - padBottom)
	// Gridlines at round values, the axis topped by the last of them.
	top, gridAt := niceScale(max)
	max = top
	for _, v := range gridAt {
		c.Ticks = append(c.Ticks, tick{Y: chartH - padBottom - int(plotH*v/top+0.5), X: padLeft - 6, Label: fmt.Sprintf(format, v)})
	}
	if len(labels) == 0 {
		return c
	}
	slot := float64(chartW-padLeft-8) / float64(len(labels))
	w := max1(int(slot*0.7), 2)
	for i, lbl := range labels {
		x := padLeft + int(slot*float64(i)+slot*0.15)
		y := float64(chartH - padBottom)
		b := bar{Label: lbl, LabelX: x + w/2, LabelY: chartH - padBottom + 16}
		total := 0.0
		row := []string{lbl}
		for j, v := range values[i] {
			total += v
			row = append(row, fmt.Sprintf(format, v))
			if v <= 0 {
				continue
			}
			h := plotH * v / max
			y -= h
			b.Segments = append(b.Segments, segment{X: x, Y: int(y + 0.5), W: w, H: max1(int(h+0.5), 1), Class: "a-" + series[j],
				Title: fmt.Sprintf("%s, %s: "+format, lbl, series[j], v)})
		}
		b.ValueLabel = fmt.Sprintf(format, total)
		b.ValueX, b.ValueY = x+w/2, int(y)-3
		c.Bars = append(c.Bars, b)
		c.Rows = append(c.Rows, row)
	}
	return c
}

// hbars lays out a horizontal bar chart, one bar per label; classes, when
// given, colour each bar.
func hbars(id, title string, labels []string, values []float64, classes []string, format string) chart {
	c := chart{ID: id, Title: title, Width: chartW, Horizontal: true, Empty: len(labels) == 0}
	c.Height = max1(len(labels)*hbarRow+8, 40)
	max := 0.0
	for _, v := range values {
		max = maxf(max, v)
	}
	if max == 0 {
		max = 1
	}
	plotW := float64(chartW - hbarLabel - 60)
	for i, lbl := range labels {
		y := 4 + i*hbarRow
		w := int(plotW*values[i]/max + 0.5)
		b := bar{Label: lbl, LabelX: hbarLabel - 8, LabelY: y + hbarRow/2 + 4,
			ValueLabel: fmt.Sprintf(format, values[i]), ValueX: hbarLabel + w + 6, ValueY: y + hbarRow/2 + 4}
		class := "bar"
		if i < len(classes) {
			class = classes[i]
		}
		if w > 0 {
			b.Segments = []segment{{X: hbarLabel, Y: y + 3, W: w, H: hbarRow - 8, Class: class, Title: lbl + ": " + b.ValueLabel}}
		}
		c.Bars = append(c.Bars, b)
		c.Rows = append(c.Rows, []string{lbl, b.ValueLabel})
	}
	return c
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func max1(a, b int) int {
	if a > b {
		return a
	}
	return b
}
