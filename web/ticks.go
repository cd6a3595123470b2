package web

import "math"

// niceScale returns the top of a chart's axis and its gridline values: a
// step of 1, 2 or 5 times a power of ten, at most five steps, the top the
// first multiple of the step at or above max. Labels then read 0, 5, 10,
// 15 rather than 0, 3.25, 6.5.
func niceScale(max float64) (top float64, ticks []float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		max = 1
	}
	raw := max / 5
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step := pow
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			step = m * pow
			break
		}
	}
	// Counts are whole: a step below one would label 0.2 of a decision.
	if step < 1 {
		step = 1
	}
	top = math.Ceil(max/step) * step
	for v := 0.0; v <= top+step/2; v += step {
		ticks = append(ticks, v)
	}
	return top, ticks
}
