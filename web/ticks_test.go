package web

import (
	"slices"
	"testing"
)

func TestNiceScale(t *testing.T) {
	for _, tc := range []struct {
		max   float64
		top   float64
		ticks []float64
	}{
		{13, 15, []float64{0, 5, 10, 15}},
		{1, 1, []float64{0, 1}},
		{3, 3, []float64{0, 1, 2, 3}},
		{100, 100, []float64{0, 20, 40, 60, 80, 100}},
		{0, 1, []float64{0, 1}},
		{2000, 2000, []float64{0, 500, 1000, 1500, 2000}},
		{7, 8, []float64{0, 2, 4, 6, 8}},
	} {
		top, ticks := niceScale(tc.max)
		if top != tc.top || !slices.Equal(ticks, tc.ticks) {
			t.Errorf("niceScale(%v) = %v %v, want %v %v", tc.max, top, ticks, tc.top, tc.ticks)
		}
	}
}
