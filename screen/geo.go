package screen

import (
	"strings"

	"github.com/linkvet/linkvet/fold"
)

// countryCodes maps a country, as it ends a LinkedIn location ("Berlin,
// Germany"), to its telephone calling code. A phone number from another
// country is one of seed 003's "foreign phone numbers" red flags. Only
// countries whose code is unambiguous are listed; North America shares +1.
var countryCodes = map[string]string{
	"united states": "1", "usa": "1", "canada": "1", "united kingdom": "44", "uk": "44",
	"england": "44", "scotland": "44", "wales": "44", "ireland": "353", "germany": "49",
	"deutschland": "49", "france": "33", "spain": "34", "italy": "39", "netherlands": "31",
	"belgium": "32", "switzerland": "41", "austria": "43", "sweden": "46", "norway": "47",
	"denmark": "45", "finland": "358", "poland": "48", "portugal": "351", "greece": "30",
	"czechia": "420", "czech republic": "420", "hungary": "36", "romania": "40",
	"india": "91", "china": "86", "japan": "81", "south korea": "82", "singapore": "65",
	"australia": "61", "new zealand": "64", "brazil": "55", "mexico": "52", "argentina": "54",
	"south africa": "27", "nigeria": "234", "ghana": "233", "kenya": "254", "egypt": "20",
	"israel": "972", "turkey": "90", "türkiye": "90", "united arab emirates": "971",
	"saudi arabia": "966", "pakistan": "92", "bangladesh": "880", "philippines": "63",
	"indonesia": "62", "malaysia": "60", "vietnam": "84", "thailand": "66", "ukraine": "380",
	"russia": "7",
}

// countryOf returns the folded last part of a location, when it names a
// country linkvet knows.
func countryOf(location string) string { return countryOfFolded(fold.String(location)) }

// countryOfFolded is countryOf for a location already folded (facts.location
// is the sender's): no folding, no allocation.
func countryOfFolded(loc string) string {
	if i := strings.LastIndexByte(loc, ','); i >= 0 {
		loc = loc[i+1:]
	}
	loc = strings.TrimSpace(loc)
	if _, ok := countryCodes[loc]; ok {
		return loc
	}
	return ""
}

// callingCode returns the calling code of an international number
// ("+234 803 ..." → "234"), or "" when the number is not written with one.
func callingCode(phone string) string {
	p := strings.TrimSpace(phone)
	switch {
	case strings.HasPrefix(p, "+"):
		p = p[1:]
	case strings.HasPrefix(p, "00"):
		p = p[2:]
	default:
		return ""
	}
	digits := make([]byte, 0, 4)
	for i := 0; i < len(p) && len(digits) < 4; i++ {
		c := p[i]
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
		} else if c != ' ' && c != '-' && c != '(' && c != ')' {
			break
		} else if len(digits) > 0 {
			break // the code ends at the first separator
		}
	}
	d := string(digits)
	// Without a separator, find the longest known code that prefixes it.
	for n := min(3, len(d)); n >= 1; n-- {
		for _, code := range countryCodes {
			if code == d[:n] {
				return code
			}
		}
	}
	return ""
}
