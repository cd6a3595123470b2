package paste

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/linkvet/linkvet/fold"
)

// The words LinkedIn uses in dates, in the languages linkvet reads
// (English, Spanish, French, German, Portuguese, and Italian and Dutch
// where they cost nothing). Month names are matched by prefix of at least
// three letters after folding, so "Sept.", "sept", "set." and "September"
// all name September; the prefixes never collide across months.
var monthNames = [12][]string{
	{"january", "enero", "janvier", "januar", "janeiro", "gennaio", "januari", "jan", "janv"},
	{"february", "febrero", "fevrier", "februar", "fevereiro", "febbraio", "februari", "feb", "fev"},
	{"march", "marzo", "mars", "marz", "marco", "maart", "mrt"},
	{"april", "abril", "avril", "aprile", "apr", "abr", "avr"},
	{"may", "mayo", "mai", "maio", "maggio", "mei"},
	{"june", "junio", "juin", "juni", "junho", "giugno", "giu"},
	{"july", "julio", "juillet", "juli", "julho", "luglio", "lug", "juil"},
	{"august", "agosto", "aout", "augustus", "ago", "aug"},
	{"september", "septiembre", "septembre", "setembro", "settembre", "sept", "set", "sep"},
	{"october", "octubre", "octobre", "oktober", "outubro", "ottobre", "oct", "okt", "out", "ott"},
	{"november", "noviembre", "novembre", "novembro", "nov"},
	{"december", "diciembre", "decembre", "dezember", "dezembro", "dicembre", "dec", "dic", "dez"},
}

// presentWords end a date range that is still running.
var presentWords = []string{
	"present", "current", "now", "today", "actualidad", "actual", "presente", "hoy",
	"heute", "aktuell", "jetzt", "aujourd'hui", "aujourdhui", "auj", "present", "o momento",
	"momento", "atual", "atualmente", "oggi", "attuale", "heden", "nu",
}

// month returns 1..12 for a month word (folded, without dots), or 0.
func month(w string) int {
	w = strings.Trim(w, ".,")
	if len(w) < 3 {
		return 0
	}
	for i, names := range monthNames {
		for _, n := range names {
			if n == w || len(w) >= 3 && strings.HasPrefix(n, w) {
				return i + 1
			}
		}
	}
	return 0
}

var yearRe = regexp.MustCompile(`\b(19[5-9]\d|20\d\d)\b`)

// MonthYear reads one side of a date range ("September 2018", "sept. de
// 2018", "2018", "Jul 2024") as "YYYY-MM" or "YYYY"; ok is false when
// there is no year.
func MonthYear(s string) (string, bool) {
	f := fold.String(s)
	loc := yearRe.FindStringIndex(f)
	if loc == nil {
		return "", false
	}
	year := f[loc[0]:loc[1]]
	for _, w := range strings.Fields(strings.ReplaceAll(f[:loc[0]], ".", " ")) {
		if m := month(w); m > 0 {
			return year + "-" + twoDigits(m), true
		}
	}
	return year, true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func isPresent(f string) bool {
	f = strings.Trim(strings.TrimSpace(f), ".")
	for _, w := range presentWords {
		if f == w {
			return true
		}
	}
	return false
}

// rangeSep splits the two sides of a date range: a dash of any kind or a
// word for "to" (the screen-reader copy of a profile writes "Mar 2019 to
// Jun 2024").
var rangeSep = regexp.MustCompile(`\s+(?:-|–|—|to|a|bis|au|à|ate|até|hasta|al|tot)\s+|\s*[-–—]\s*`)

// ParseDateRange reads a LinkedIn date range such as "September 2018 -
// Present (2 years 3 months)", "Jul 2024 - Present · 1 yr 5 mos", "Mar
// 2019 to Jun 2024", "sept. de 2018 - actualidad" or "2015 - 2017". Start
// and end are "YYYY-MM" or "YYYY"; end is "" for a range still running.
// ok is false when s is not a date range.
func ParseDateRange(s string) (start, end string, ok bool) {
	s = strings.TrimSpace(s)
	// Drop the duration: "(2 years 3 months)" or "· 1 yr 5 mos".
	if i := strings.Index(s, "·"); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if i := strings.Index(s, "("); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if len(s) > 60 || !hasYear(s) {
		return "", "", false
	}
	f := fold.String(s)
	parts := rangeSep.Split(f, 2)
	if len(parts) != 2 {
		// A single date: a one-month role, or a school year.
		if m, ok := MonthYear(s); ok && onlyDateWords(f) {
			return m, m, true
		}
		return "", "", false
	}
	if !onlyDateWords(parts[0]) || !onlyDateWords(parts[1]) && !isPresent(parts[1]) {
		return "", "", false
	}
	start, ok = MonthYear(parts[0])
	if !ok {
		return "", "", false
	}
	if isPresent(parts[1]) {
		return start, "", true
	}
	end, ok = MonthYear(parts[1])
	return start, end, ok
}

// onlyDateWords reports whether folded text holds nothing but month words,
// a year and "de" (Spanish and Portuguese "septiembre de 2018").
func onlyDateWords(f string) bool {
	hasYear := false
	for _, w := range strings.Fields(strings.ReplaceAll(f, ".", " ")) {
		switch {
		case yearRe.MatchString(w) && len(w) == 4:
			hasYear = true
		case w == "de" || w == "di" || w == "van":
		case month(w) > 0:
		default:
			return false
		}
	}
	return hasYear
}

var durationRe = regexp.MustCompile(`^(?:less than a year|menos de un ano|moins d'un an|weniger als ein jahr|menos de um ano|(?:\d+\s*(?:years?|yrs?|y|months?|mos?|m|anos?|mes|meses|jahre?|monate?|ans?|mois|anni|anno|mesi|mese|jaar|jaren|maanden|maand|j|mths?)\.?\s*)+)$`)

// IsDuration reports whether s is only a length of time, such as the total
// a company shows above several roles ("6 years 2 months", "2 yrs 3 mos",
// "5 años 2 meses", "8 Jahre 1 Monat", "3 ans 2 mois").
func IsDuration(s string) bool {
	f := strings.TrimSpace(fold.String(s))
	return f != "" && durationRe.MatchString(f)
}

// hasYear is a cheap test for four digits in a row, run before folding.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
