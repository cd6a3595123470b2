package profilepdf

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// frag is a run of text drawn at one place: the unit a PDF producer writes
// with one text operator. Its x is where it starts, which is reliable even
// for fonts whose glyph widths the PDF library cannot tell.
type frag struct {
	text       string
	x, y, size float64
	page       int
}

// line is one line of a column, fragments on the same baseline joined.
type line struct {
	text string
	x, y float64
	size float64
	page int
	gap  float64 // space above the line, from the previous line on the page
}

// pageFrags reads the text of one page. The PDF library panics on some
// malformed content streams; that page is then reported, not the program.
func pageFrags(p pdf.Page, num int) (out []frag, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("page %d: unreadable content (%v)", num, r)
			out = nil
		}
	}()
	if p.V.IsNull() {
		return nil, nil
	}
	content := p.Content()
	var cur *frag
	var b strings.Builder
	var lastX, lastW float64
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(b.String())
			if cur.text != "" {
				out = append(out, *cur)
			}
		}
		cur = nil
		b.Reset()
	}
	for _, t := range content.Text {
		if t.S == "\n" {
			flush()
			continue
		}
		size := math.Abs(t.FontSize)
		space := false
		if cur != nil {
			sameLine := math.Abs(t.Y-cur.y) < 0.5 && math.Abs(size-cur.size) < 0.3
			// gap is the room between the previous glyph's end and this one.
			// Where the library cannot tell glyph widths (composite fonts,
			// standard fonts without a width table) the glyphs of a run share
			// its start and only explicit adjustments (kerning, or a space
			// written as a jump) move it; lastW is then 0.
			gap := t.X - (lastX + lastW)
			joins := gap > -size*0.6 && gap < size*1.2
			if !sameLine || !joins {
				flush()
			} else if gap > size*0.15 && !strings.HasSuffix(b.String(), " ") && t.S != " " {
				space = true // a space drawn as a jump, not a glyph
			}
		}
		if cur == nil {
			cur = &frag{x: t.X, y: t.Y, size: size, page: num}
		}
		if space {
			b.WriteByte(' ')
		}
		b.WriteString(cleanRune(t.S))
		lastX, lastW = t.X, t.W
	}
	flush()
	return out, nil
}

// cleanRune drops control characters, which no profile text contains.
func cleanRune(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\uFFFD' {
			return -1
		}
		return r
	}, s)
}

// toLines groups one column's fragments of one page into lines, top to
// bottom.
func toLines(fs []frag) []line {
	slices.SortStableFunc(fs, func(a, b frag) int {
		if math.Abs(a.y-b.y) > 0.3*min(a.size, b.size) {
			return cmp.Compare(b.y, a.y)
		}
		return cmp.Compare(a.x, b.x)
	})
	var out []line
	for _, f := range fs {
		if n := len(out); n > 0 && math.Abs(out[n-1].y-f.y) <= 0.3*min(out[n-1].size, f.size) {
			l := &out[n-1]
			l.text += " " + f.text
			l.size = max(l.size, f.size)
			continue
		}
		l := line{text: f.text, x: f.x, y: f.y, size: f.size, page: f.page}
		if n := len(out); n > 0 {
			l.gap = out[n-1].y - f.y - f.size
		}
		out = append(out, l)
	}
	return out
}
