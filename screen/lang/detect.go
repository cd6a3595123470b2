package lang

// Language detection.
//
// Detect answers one question for the engine: which vocabulary should read
// this note? It works in two tiers, because the two jobs have different
// costs and different needs.
//
//  1. A fast word tier for the languages linkvet has vocabularies for. A
//     note is short (LinkedIn caps it at a few hundred characters) and
//     written in everyday words, so its function words ("the", "que",
//     "und", "saya", "hoon") and a few letters only one language uses (ñ, ã,
//     ß, ł, ğ) tell these languages apart on little text, for the cost of
//     one map lookup per word (a microsecond or two a note). When they do
//     not, the words of the vocabulary files are counted too, as weaker
//     evidence. This tier is also the only way to recognise Hindi written
//     in Latin letters, which no detection library models: it is decided
//     from Hindi words ("hoon", "aapka", "chahta") outnumbering the English
//     ones around them. Arabic script is told from Persian and Urdu by the
//     letters those add to the alphabet.
//  2. A library, github.com/abadojack/whatlanggo (trigram profiles of 84
//     languages, pure Go, MIT), for everything else: notes in other scripts
//     (Cyrillic, Greek, Hebrew, Han, ...) and Latin-script notes the word
//     tier cannot place, so that a note in Swedish or Hungarian is named as
//     such and judged on structure alone instead of being forced into the
//     nearest supported language.
//
// Why whatlanggo and not github.com/pemistahl/lingua-go, the more accurate
// library: measured on this project's machine (see docs/benchmarks.md,
// "Agreement per language"), a program using lingua-go restricted to the
// twelve languages grows by about 130 MB and its first detection loads
// models for about a second and 350 MB of memory, against about 0.5 MB and
// no start-up work for whatlanggo. The price of whatlanggo is speed: it
// compares every text with 300 trigrams per candidate language, 0.2 to 1 ms
// a note, ten to forty times the engine's whole budget per invitation.
// That is why it is only the second tier: most notes never reach it.
//
// Detect is deterministic (the library sorts candidates stably, and a tie
// between its two best languages is treated as "unsure") and holds no
// state beyond read-only tables built on first use.

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"github.com/linkvet/linkvet/fold"
)

// Thresholds of the word tier.
const (
	minWords      = 3    // fewer words than this: too short to tell
	minLetters    = 12   // fewer letters than this: too short to tell
	minScore      = 1.5  // the best language needs this much evidence
	minLead       = 1.6  // ... and this many times the runner-up's
	minDensity    = 0.2  // ... and this much per word of the note
	libraryLetter = 30   // the library is only asked about texts this long
	libraryTrust  = 0.8  // ... and only believed above this confidence
	otherTrust    = 0.5  // ... or this, in other scripts or for other languages
	hindiShare    = 0.6  // Hindi words needed, relative to the English ones
	cueWeight     = 0.75 // one letter only one language uses
	maxCue        = 1.5  // ... counted at most this much per language
	vocabWeight   = 0.5  // a word of a language's vocabulary file
	noEvidence    = 0.75 // below this, no supported language is in sight
)

func tagIndex(tag string) int {
	for i, t := range detectTags {
		if t == tag {
			return i
		}
	}
	return -1
}

// detectWords are the commonest short words of notes in each language,
// folded (lower case, no accents, apostrophes dropped: "j'ai" is "jai").
// A word in several lists counts for each in part. hi-Latn's list holds
// only words English notes do not use, since Hinglish mixes English freely.
var detectWords = map[string]string{
	"en": `the and to you your i im ive id my me we our us of in on at for with would like love
		connect connecting hi hello hey thanks thank is are am was were have has had it its this that
		be been will can could about from work working great meet met meeting happy looking forward
		know also just really hope glad if as an so but not do what how who which there their they
		he she his her an into out up more some any all very well best regards talk post team`,
	"es": `el la los las de del que y en un una unos por para con es soy eres mi mis tu tus te me
		nos muy pero como hola gracias estoy trabajo gustaria encantaria conectar sobre tambien
		porque vi lei charla equipo saludos usted su sus al lo le ser hemos esta este estos mas anos
		empresa podemos tengo puedo queria contigo nuestra nuestro buenos dias conocerte ustedes
		cuando donde hace espero un abrazo`,
	"pt": `o os as de do da dos das que e em no na nos nas um uma por para com sou meu minha seu
		sua voce vc muito mas como ola oi obrigado obrigada estou trabalho gostaria adoraria
		conectar sobre tambem porque vi li palestra equipe nao isso ao pelo pela tenho posso empresa
		anos conversar prazer abraco tudo bem ja sao ate aqui gostei vamos onde quando`,
	"fr": `le la les de des du un une et en que qui je vous tu nous mon ma mes votre vos ton ta
		est suis avec pour sur dans pas ne au aux ce cette bonjour merci serais aimerais
		souhaiterais echanger travaille tres aussi mais car parce avoir ete bien cordialement ravi
		ravie plaisir sommes jai jaimerais cest quil ai vu lu chez notre nos mieux ou votre`,
	"de": `der die das und ich sie du ist bin nicht mit fur auf ein eine einen zu von den dem im es
		wir mich mir dich dir ihr ihre ihnen gerne gern wurde mochte freuen uber auch aber oder
		hallo danke grusse beste viele sehr ware bei habe haben arbeite vernetzen kennenlernen dass
		wenn noch schon vielen dank liebe lieber guten tag gruß gruss mein`,
	"it": `il lo la gli le di del della che e un una per con sono mi ti ci io tu lei mio mia tuo tua
		suo sua molto ma come ciao grazie sto lavoro piacerebbe vorrei collegarmi anche perche ho hai
		ha abbiamo nel nella sul alla al dei delle questo questa buongiorno saluti cordiali piacere
		collegarci parlare tuoi tue miei`,
	"nl": `de het een en van ik je jij u we wij is ben bent zijn niet met voor op aan te dat die dit
		ook maar of bij naar mijn jouw uw graag hoi hallo bedankt groet groeten wil zou heb hebt
		heeft werk leuk kennis verbinden connectie netwerk omdat wel nog er zag gelezen`,
	"pl": `i w z na do nie sie jest to ze o od po dla jak ale czy mnie mi cie ciebie pan pani jestem
		moje moj twoj twoje bardzo dzien dobry czesc dziekuje chciałbym chciałabym pracuje sieci
		kontakt rowniez takze wiec ktory ktora ktore pozdrawiam serdecznie bedzie mam jestesmy
		mozemy panem pania dzieki za`,
	"tr": `ve bir bu icin ile de da ben sen siz size sizi sizinle cok merhaba tesekkurler tesekkur
		ederim olarak gibi daha ama ki mi var yok olan iyi gunler selamlar calisiyorum isterim
		istiyorum sizin benim sirket hakkinda degil saygilarimla memnun oldum ag baglanti
		gorusmek`,
	"id": `dan yang di ke dari untuk dengan saya anda kamu kami kita ini itu tidak juga ada akan
		sudah bisa terima kasih halo salam senang ingin bekerja sebagai pada dalam atau karena
		sangat bapak ibu mohon terhubung jaringan tentang belum lagi kak mas mbak`,
	"hi-Latn": `hai hain hoon hun mujhe mera meri mere aap aapka aapki aapke aapko aapse apka apki
		apke apko hamara humara hamare humare aur nahi nahin kya kyunki kyonki lekin bahut bohot
		accha acha achha chahta chahti chahiye karna karta karti karte raha rahi rahe tha thi
		hoga gaya gayi liye saath sath ji namaste namaskar dhanyavaad dhanyawad shukriya yeh
		woh kuch sirf abhi phir aapne maine laga lagi sakta sakti sakte batana dekha mila
		baat kaam jaldi tarah wala wali wale milkar seekhna sikhna hum apne apna
		apni jodna judna mein`,
}

// cues are letters that, in a Latin-script note, point at one language
// (or share their weight between two or three).
var cues = map[rune]string{
	'ñ': "es", '¿': "es", '¡': "es",
	'ã': "pt", 'õ': "pt", 'ç': "pt fr tr", 'ê': "pt fr", 'â': "pt fr tr", 'ô': "pt fr",
	'è': "fr it", 'à': "fr it pt", 'ù': "fr it", 'û': "fr", 'î': "fr tr", 'ï': "fr", 'œ': "fr", 'ë': "fr nl",
	'ß': "de", 'ä': "de", 'ö': "de tr", 'ü': "de tr",
	'ì': "it", 'ò': "it",
	'ł': "pl", 'ą': "pl", 'ę': "pl", 'ś': "pl", 'ź': "pl", 'ż': "pl", 'ć': "pl", 'ń': "pl",
	'ğ': "tr", 'ı': "tr", 'ş': "tr", 'İ': "tr",
}

// detectTags are the word tier's languages, in a fixed order so that ties
// are broken the same way every time.
var detectTags = []string{"en", "es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id", "hi-Latn"}

// weights maps a folded word to how much it says for each of detectTags.
type weights map[string]*[nTags]float64

const nTags = 11 // len(detectTags)

type wordIndex struct {
	words *wordTable // detectWords
	cues  map[rune]*[nTags]float64
	// fold maps the accented Latin letters to what package fold makes of
	// them ("é" is "e", "ł" stays), so that words are folded without
	// normalising the whole text.
	fold map[rune]string
}

// index holds the function words and letter cues: cheap to build, used for
// every note.
var index = sync.OnceValue(func() *wordIndex {
	x := &wordIndex{cues: map[rune]*[nTags]float64{}, fold: map[rune]string{}}
	for r := rune(0xC0); r < 0x250; r++ {
		if unicode.IsLetter(r) {
			x.fold[r] = fold.String(string(r))
		}
	}
	langsOf := map[string][]int{}
	for i, tag := range detectTags {
		for _, w := range fold.Fields(detectWords[tag]) {
			langsOf[w] = appendOnce(langsOf[w], i)
		}
	}
	words := weights{}
	share(words, langsOf, 1)
	x.words = newWordTable(words)
	for r, tags := range cues {
		ts := strings.Fields(tags)
		ws := new([nTags]float64)
		for _, t := range ts {
			if i := tagIndex(t); i >= 0 {
				ws[i] = cueWeight / float64(len(ts))
			}
		}
		x.cues[r] = ws
	}
	return x
})

// vocabIndex holds the words of the vocabulary files: weaker evidence
// (they are what notes talk about, not how every sentence is built) but
// many. It is built the first time a note is not decided by function words
// alone, since parsing the files takes some milliseconds. English words
// are left out: notes in every language borrow them ("demo", "trading",
// "linkedin"), and Hinglish is written around them, so they must not count
// against English or Hindi.
var vocabIndex = sync.OnceValue(func() *wordTable {
	vs, err := Load()
	if err != nil {
		return newWordTable(weights{}) // the vocabulary test reports broken files
	}
	english := map[string]bool{}
	for _, w := range fold.Fields(detectWords["en"]) {
		english[w] = true
	}
	for _, v := range vs {
		if v.Tag == "en" {
			for _, es := range v.Families {
				for _, e := range es {
					for _, w := range fold.Fields(e.Phrase) {
						english[w] = true
					}
				}
			}
		}
	}
	langsOf := map[string][]int{}
	for _, v := range vs {
		i := tagIndex(v.Tag)
		if i < 0 || v.Tag == "en" || v.Tag == "hi-Latn" {
			continue
		}
		for _, es := range v.Families {
			for _, e := range es {
				for _, w := range fold.Fields(e.Phrase) {
					if len(w) >= 3 && !english[w] && hasLetter(w) {
						langsOf[w] = appendOnce(langsOf[w], i)
					}
				}
			}
		}
	}
	out := weights{}
	share(out, langsOf, vocabWeight)
	return newWordTable(out)
})

// wordTable is a weights map compiled for look-ups by a word's bytes, as
// scan builds them: a word of up to 8 bytes is packed into one integer and
// found in an open-addressed table of a few kilobytes in a probe or two
// (the map look-up per word was most of Detect's cost: issue 13); longer
// words are looked up in the map.
type wordTable struct {
	slots  []wordSlot // a power of two of them, at most half full
	shift  uint       // 64 - log2(len(slots))
	long   weights    // the words longer than 8 bytes
	maxLen int        // the longest word in long
}

// wordSlot holds one short word, packed; ws == nil marks an empty slot.
type wordSlot struct {
	key uint64
	ws  *[nTags]float64
}

func newWordTable(m weights) *wordTable {
	n, bits := 16, uint(4)
	for n < 2*len(m) {
		n, bits = 2*n, bits+1
	}
	t := &wordTable{slots: make([]wordSlot, n), shift: 64 - bits, long: weights{}}
	for w, ws := range m {
		if len(w) > 8 {
			t.long[w] = ws
			t.maxLen = max(t.maxLen, len(w))
			continue
		}
		k := pack([]byte(w))
		i := t.slot(k)
		for t.slots[i].ws != nil {
			i = (i + 1) & (len(t.slots) - 1)
		}
		t.slots[i] = wordSlot{k, ws}
	}
	return t
}

// pack puts up to 8 bytes into an integer, the first byte lowest. Words
// hold no NUL byte, so two words never pack alike.
func pack(b []byte) uint64 {
	var k uint64
	for i, c := range b {
		k |= uint64(c) << (8 * i)
	}
	return k
}

func (t *wordTable) slot(k uint64) int { return int((k * 0x9e3779b97f4a7c15) >> t.shift) }

// get returns what the word says, if it is in the table.
func (t *wordTable) get(word []byte) (*[nTags]float64, bool) {
	if len(word) > 8 {
		if len(word) > t.maxLen {
			return nil, false
		}
		ws, ok := t.long[string(word)]
		return ws, ok
	}
	k := pack(word)
	for i := t.slot(k); ; i = (i + 1) & (len(t.slots) - 1) {
		s := &t.slots[i]
		if s.ws == nil {
			return nil, false
		}
		if s.key == k {
			return s.ws, true
		}
	}
}

// share gives each word weight w, split evenly between its languages.
func share(dst weights, langsOf map[string][]int, w float64) {
	for word, ls := range langsOf {
		ws := new([nTags]float64)
		for _, i := range ls {
			ws[i] = w / float64(len(ls))
		}
		dst[word] = ws
	}
}

func appendOnce(ls []int, i int) []int {
	if n := len(ls); n > 0 && ls[n-1] == i {
		return ls
	}
	return append(ls, i)
}

// latinLibrary are the Latin-script languages the library may name when
// the word tier is unsure: the supported ones and others LinkedIn members
// write in. Fewer candidates make it faster and less often wrong.
var latinLibrary = map[whatlanggo.Lang]bool{
	whatlanggo.Eng: true, whatlanggo.Spa: true, whatlanggo.Por: true, whatlanggo.Fra: true,
	whatlanggo.Deu: true, whatlanggo.Ita: true, whatlanggo.Nld: true, whatlanggo.Pol: true,
	whatlanggo.Tur: true, whatlanggo.Ind: true,
	whatlanggo.Swe: true, whatlanggo.Dan: true, whatlanggo.Nob: true, whatlanggo.Fin: true,
	whatlanggo.Ces: true, whatlanggo.Ron: true, whatlanggo.Hun: true, whatlanggo.Hrv: true,
	whatlanggo.Slv: true, whatlanggo.Lit: true, whatlanggo.Lav: true, whatlanggo.Est: true,
	whatlanggo.Vie: true, whatlanggo.Tgl: true, whatlanggo.Afr: true, whatlanggo.Azj: true,
	whatlanggo.Uzb: true,
}

// Detect names the language of a note as a BCP 47 tag ("es", "hi-Latn",
// "uk"), or "" when the text is too short or too mixed to tell. It names
// languages linkvet has no vocabulary for too, so that the verdict can say
// the note was judged on its structure alone.
func Detect(text string) string {
	text = withoutLinks(text)
	if styled(text) {
		// "𝐇𝐨𝐥𝐚", "Ｈｏｌａ": styled and full-width letters are Latin
		// letters in disguise; fold them (losing the accents, which such
		// notes rarely keep anyway).
		text = fold.String(text)
	}
	var latin, arabic, devanagari, other, letters int
	var persian, urdu int
	for _, r := range text {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				latin++
				letters++
			}
			continue
		case !unicode.IsLetter(r):
			continue
		}
		letters++
		switch {
		case r >= 0x00C0 && r <= 0x024F, r >= 0x1E00 && r <= 0x1EFF:
			latin++
		case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
			arabic++
			switch r {
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے', 'ھ', 'ہ':
				urdu++
			case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
				persian++
			}
		case r >= 0x0900 && r <= 0x097F:
			devanagari++
			other++
		case unicode.Is(unicode.Latin, r):
			latin++
		default:
			other++
		}
	}
	if letters < minLetters {
		return ""
	}
	switch {
	case arabic*2 > letters:
		return arabicScript(arabic, persian, urdu)
	case devanagari*2 > letters:
		// Hindi is by far the commonest language written in Devanagari,
		// and the library's profiles of its neighbours are close; it is
		// believed when it names Hindi at all, and needs to be sure of
		// Marathi or Nepali.
		tag, confidence := library(text, whatlanggo.Options{})
		if tag == "hi" {
			return tag
		}
		return believe(tag, confidence, libraryTrust)
	case other*2 > letters:
		tag, confidence := library(text, whatlanggo.Options{})
		return believe(tag, confidence, otherTrust)
	case latin*2 > letters:
		return latinScript(text, letters)
	}
	return ""
}

// arabicScript tells Arabic from Persian and Urdu by the letters those
// languages add (Urdu also uses the Persian ones).
func arabicScript(arabic, persian, urdu int) string {
	switch {
	case urdu >= 2 && urdu*20 >= arabic:
		return "ur"
	case persian >= 2 && persian*20 >= arabic:
		return "fa"
	}
	return "ar"
}

func latinScript(text string, letters int) string {
	x := index()
	var score, cue [nTags]float64
	words := scan(text, x, x.words, &score, &cue)
	if words < minWords {
		return ""
	}
	for i := range score {
		score[i] += min(cue[i], maxCue)
	}
	if tag := decide(&score, words); tag != "" {
		return tag
	}
	scan(text, x, vocabIndex(), &score, nil)
	if tag := decide(&score, words); tag != "" {
		return tag
	}
	if letters < libraryLetter {
		return ""
	}
	// Nothing points at a supported language: the note is most likely in
	// another one, and naming it (even a close neighbour) only tells the
	// engine to judge on structure alone, so a weaker answer will do. A
	// supported language must still be named with confidence.
	tag, confidence := library(text, whatlanggo.Options{Whitelist: latinLibrary})
	switch {
	case confidence >= libraryTrust:
		return tag
	case confidence >= otherTrust && tagIndex(tag) < 0 && slices.Max(score[:]) < noEvidence:
		return tag
	}
	return ""
}

// decide names the language the scores point at, or "" when none leads
// clearly enough for a note of this many words.
func decide(score *[nTags]float64, words int) string {
	const en, hi = 0, nTags - 1 // indices in detectTags
	if score[hi] >= 2 && score[hi] >= hindiShare*score[en] {
		others := 0.0
		for i := 1; i < hi; i++ {
			others = max(others, score[i])
		}
		if score[hi] > others {
			return "hi-Latn"
		}
	}
	best, second := 0, 1
	if score[1] > score[0] {
		best, second = 1, 0
	}
	for i := 2; i < hi; i++ {
		switch {
		case score[i] > score[best]:
			best, second = i, best
		case score[i] > score[second]:
			second = i
		}
	}
	// A few shared short words ("i", "o", "mi") in a long note are a
	// neighbouring language's (Croatian read as Polish), not this one.
	if score[best] >= minScore && score[best] >= minLead*score[second] && score[best] >= minDensity*float64(words) {
		return detectTags[best]
	}
	return ""
}

// scan folds the words of text as package fold would, without allocating,
// and adds what each says (m) to score; when cue is not nil it also adds
// the evidence of accented letters. It returns the number of words.
func scan(text string, x *wordIndex, m *wordTable, score, cue *[nTags]float64) int {
	var buf [64]byte
	word := buf[:0]
	letter := false
	words := 0
	end := func() {
		if letter {
			words++
			if ws, ok := m.get(word); ok {
				for i, w := range ws {
					score[i] += w
				}
			}
		}
		word, letter = buf[:0], false
	}
	for i, r := range text {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			word = append(word, byte(r))
			letter = letter || r >= 'a'
		case 'A' <= r && r <= 'Z':
			word = append(word, byte(r)+'a'-'A')
			letter = true
		case r == '\'' || r == '’':
			// inside a word ("j'ai", "don't") the apostrophe is dropped,
			// as package fold does; elsewhere it ends the word
			if len(word) == 0 || !isWordStart(text[i+utf8.RuneLen(r):]) {
				end()
			}
		case r >= utf8.RuneSelf && unicode.IsLetter(r):
			if cue != nil {
				if ws, ok := x.cues[unicode.ToLower(r)]; ok {
					for i, w := range ws {
						cue[i] += w
					}
				}
			}
			if f, ok := x.fold[r]; ok {
				word = append(word, f...)
			} else {
				word = utf8.AppendRune(word, unicode.ToLower(r))
			}
			letter = true
		case r >= 0x300 && unicode.Is(unicode.Mn, r): // no mark is below U+0300
			// a combining accent typed after its letter: folded away
		default:
			end()
		}
	}
	end()
	return words
}

// library asks whatlanggo, and says how sure it is; an answer it is not
// sure of at all is "".
func library(text string, opt whatlanggo.Options) (string, float64) {
	info := whatlanggo.DetectWithOptions(text, opt)
	if info.Lang < 0 || info.Confidence <= 0 {
		return "", 0
	}
	if code := info.Lang.Iso6391(); code != "" {
		return code, info.Confidence
	}
	return info.Lang.Iso6393(), info.Confidence
}

// believe returns the library's answer when it is at least this sure.
func believe(tag string, confidence, trust float64) string {
	if confidence < trust {
		return ""
	}
	return tag
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// withoutLinks drops the words of a text that are links, e-mail addresses
// or handles ("https://…", "wa.me/…", "ana@example.com", "@ana"): they are
// in no language, and "com" would otherwise be Portuguese.
func withoutLinks(text string) string {
	var b strings.Builder
	last := 0 // text[last:] is not yet copied
	// From one '.', '@' or '/' to the next: only the word around each can
	// be a link, and most notes have one or two (a full stop).
	for i := 0; ; {
		k := strings.IndexAny(text[i:], ".@/")
		if k < 0 {
			break
		}
		start, end := i+k, i+k+1
		for start > i && !isSpace(text[start-1]) {
			start--
		}
		for end < len(text) && !isSpace(text[end]) {
			end++
		}
		if isLink(text[start:end]) {
			b.WriteString(text[last:start])
			last = end
		}
		i = end
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isLink(f string) bool {
	if strings.IndexByte(f, '@') >= 0 || strings.Contains(f, "://") {
		return true
	}
	// a dot between letters, as in "wa.me/..." or "www.example.com": a
	// host ("e.g." and "U.S." are too short to be one)
	for i := 1; i+1 < len(f); i++ {
		if f[i] != '.' || !isASCIILetter(f[i-1]) || !isASCIILetter(f[i+1]) {
			continue
		}
		if i >= 2 && isASCIILetter(f[i-2]) || i+2 < len(f) && isASCIILetter(f[i+2]) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// styled reports whether text holds mathematical, full-width or enclosed
// letters, which senders use to dodge word filters.
func styled(text string) bool {
	// Every styled letter is U+24B6 or above, led by a byte of 0xE2 or
	// more: most notes are passed over byte by byte.
	i := 0
	for i < len(text) && text[i] < 0xE2 {
		i++
	}
	for _, r := range text[i:] {
		if r >= 0x1D400 && r <= 0x1D7FF || r >= 0xFF01 && r <= 0xFF5E || r >= 0x24B6 && r <= 0x24E9 || r >= 0x1F130 && r <= 0x1F189 {
			return true
		}
	}
	return false
}
