package screen

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds two more signals that need no vocabulary: a gain told in
// numbers alone ("put in 2,000 on Monday, took out 2,600 on Friday"), and
// whether the sender works where the user works now.

// multipliers are the words that scale a number written before them
// ("5 thousand", "2 mil reais", "50 hazaar", "6,8 juta"), folded. They are
// number words, not phrases of any scam: a neutral list like currencies.
var multipliers = map[string]float64{
	"k": 1e3, "thousand": 1e3, "mil": 1e3, "mila": 1e3, "mille": 1e3, "tausend": 1e3, "duizend": 1e3,
	"tys": 1e3, "tysiecy": 1e3, "bin": 1e3, "ribu": 1e3, "rb": 1e3, "hazaar": 1e3, "hazar": 1e3, "alf": 1e3,
	"الف": 1e3, "آلاف": 1e3, "الاف": 1e3, "тысяч": 1e3, "lakh": 1e5, "lac": 1e5, "crore": 1e7,
	"million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "millon": 1e6, "millones": 1e6, "milhao": 1e6,
	"milhoes": 1e6, "milioni": 1e6, "milione": 1e6, "miljoen": 1e6, "millionen": 1e6, "mio": 1e6,
	"milyon": 1e6, "juta": 1e6, "jt": 1e6, "mln": 1e6, "milionow": 1e6, "مليون": 1e6,
}

type amount struct {
	at    int     // index of the field
	value float64 // after any multiplier
	text  string
}

// amounts lists the sums of money a note names, in order: a number next to
// a currency (symbol, code or name) or scaled by a multiplier word, or a
// number of 1,000 or more written with a thousands separator. Ranges
// ("95-110k", "25–30 tys.") are wages or prices, not amounts here; bare
// numbers below 100 and years are counts and dates.
func (n *noteFields) amounts() []amount {
	fields := n.fields
	var out []amount
	for i := 0; i < len(fields); i++ {
		w := fields[i]
		if !hasDigit(w) || strings.ContainsAny(w, "%٪") || isRange(w) {
			continue
		}
		digits := w
		// "1 000 €": a group of three digits after a number belongs to it.
		for i+1 < len(fields) && len(fields[i+1]) == 3 && isDigits(fields[i+1]) {
			digits += "," + fields[i+1]
			i++
		}
		v, sep, ok := parseNumber(digits)
		if !ok {
			continue
		}
		next := ""
		if i+1 < len(fields) {
			next = fields[i+1]
		}
		mult := 1.0
		if m, ok := n.multiplier(i + 1); ok {
			mult = m
		}
		if m, ok := n.suffixMultiplier(w); ok {
			mult = m
		}
		money := mult > 1 || hasCurrencySymbol(w) || hasCurrencySymbol(prevField(fields, i)) ||
			n.currencyWord(i-1) || n.currencyWord(i+1) || hasCurrencySymbol(next) ||
			sep && v >= 1000 ||
			// once a note has named money, a later bare number of 100 or
			// more is money too ("5000 dollars on Monday … 6500 on
			// Friday"), unless it reads as a year
			len(out) > 0 && !sep && !(v >= 1900 && v <= 2100)
		v *= mult
		if !money || v < 100 {
			continue
		}
		out = append(out, amount{at: i, value: v, text: w})
	}
	return out
}

// gains finds a gain told in numbers: an amount and, at least three words
// later, a larger one (5% to five times as much) — money put in and taken
// out. Alone that weighs 2; told as something that happens every week or
// month it is a promise of returns (3). A range or two amounts side by side
// ("from 2,000 to 5,000 events") is no gain.
func (e *Engine) gains(fields []string) []weightedFinding {
	return e.newNoteFields(fields).gains()
}

// gains is Engine.gains over fields whose tokens are folded once each.
func (n *noteFields) gains() []weightedFinding {
	fields := n.fields
	as := n.amounts()
	for k := 1; k < len(as); k++ {
		a, b := as[k-1], as[k]
		if b.at-a.at < 3 || b.value < a.value*1.05 || b.value > a.value*5 {
			continue
		}
		weight := 2
		for j := range fields {
			if n.period(j) > 0 {
				weight = 3
				break
			}
		}
		return []weightedFinding{{what: clip(fmt.Sprintf("%s … %s", a.text, b.text), 50), weight: weight}}
	}
	return nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// isRange: two numbers joined by a dash ("95-110k", "150–170").
func isRange(w string) bool {
	i := strings.IndexAny(w, "-–—")
	return i > 0 && hasDigit(w[:i]) && hasDigit(w[i:])
}

// suffixMultiplier reads "110k", "2m", "5jt" written as one word.
func (n *noteFields) suffixMultiplier(w string) (float64, bool) {
	w = strings.TrimRightFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
	end := strings.LastIndexFunc(w, unicode.IsDigit)
	if end < 0 || end+1 >= len(w) {
		return 1, false
	}
	m, ok := multipliers[n.fold.String(w[end+1:])]
	return m, ok && m > 1
}

// parseNumber reads the first number in w, in any script's digits, with
// "," or "." as a thousands separator (a group of exactly three digits
// follows) or a decimal mark; sep says a thousands separator was used.
func parseNumber(w string) (v float64, sep, ok bool) {
	var groups []string
	cur := strings.Builder{}
	var marks []rune
	started := false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			cur.WriteRune(rune('0' + digitValue(r)))
			started = true
		case started && (r == ',' || r == '.' || r == '٬' || r == '٫'):
			groups = append(groups, cur.String())
			cur.Reset()
			marks = append(marks, r)
		case started:
			goto done
		}
	}
done:
	groups = append(groups, cur.String())
	if !started {
		return 0, false, false
	}
	intPart, frac := groups[0], ""
	for i := 1; i < len(groups); i++ {
		g := groups[i]
		if g == "" {
			break // a trailing full stop or comma
		}
		if utf8.RuneCountInString(g) == 3 && marks[i-1] != '٫' {
			intPart += g
			sep = true
			continue
		}
		frac = g
		break
	}
	for _, c := range intPart {
		v = v*10 + float64(c-'0')
	}
	scale := 0.1
	for _, c := range frac {
		v += float64(c-'0') * scale
		scale /= 10
	}
	return v, sep, true
}

func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	// Every Unicode decimal digit block runs 0..9 from a code point ending
	// in 0 (Arabic-Indic ٠ U+0660, Devanagari ० U+0966, …).
	for base := r; base > r-10; base-- {
		if !unicode.IsDigit(base - 1) {
			return int(r - base)
		}
	}
	return 0
}

// worksWithMe: the sender's current employer is one of the user's
// companies.
func (e *Engine) worksWithMe(f *facts) bool {
	if len(e.me.companies) == 0 {
		return false
	}
	if matchFolded(e.me.companies, f.company) != nil { // f.company is p.Company folded
		return true
	}
	for _, x := range f.inv.Person.Experience {
		if x.End == "" && matchFolded(e.me.companies, f.fold.String(x.Company)) != nil {
			return true
		}
	}
	return false
}
