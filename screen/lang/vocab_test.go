package lang

import (
	"slices"
	"strings"
	"testing"

	"github.com/linkvet/linkvet/fold"
)

// required are the families a language file must fill: every family whose
// words belong to a language. (Famous names, mail domains, shorteners, chat
// links and apps, risky TLDs and trusted brands are the same everywhere and
// live in und.yaml.)
var required = []Family{
	Intro, Reason, KeepInTouch, Introduce, Career, Learn, Mistake, CareerHistory,
	SharedGround, Pitch, MassInvite, Investment, Crypto, Romance, AdvanceFee,
	Phishing, OffPlatform, Urgency, PromotedCount, Controversy, Parody,
	RecruiterTitles, SalesTitles, GenericTitles, StockInvitation, Greeting, LostAccount,
}

// languages are the files this package must ship besides en and und.
var languages = []string{"es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id", "hi-Latn", "ar"}

// functionWords are the commonest articles, pronouns, prepositions and
// conjunctions of each language: words that occur in almost every note, so
// a phrase of one of them alone would match everything. A phrase may
// contain them ("tu charla"), never be one of them.
var functionWords = map[string]string{
	"en":      "a an the i you he she we they it me my your our to of in on at for with and or but because as by from this that",
	"es":      "el la los las un una unos unas y o pero porque que de del en a al con por para sin sobre yo tu usted el ella nosotros mi mis su sus este esta eso lo le se me te nos",
	"pt":      "o a os as um uma ou mas porque que de do da dos das em no na nos nas com por para sem sobre eu voce ele ela nos meu minha seu sua este esta isso lhe se me te",
	"fr":      "le la les un une des et ou mais car parce que de du en au aux avec par pour sans sur je tu vous il elle nous mon ma mes ton ta votre vos ce cette se me te",
	"de":      "der die das ein eine einen einem einer und oder aber weil dass von vom zu zum zur in im an am auf mit fur bei aus ich du sie er wir ihr mein meine dein deine ihre es sich mich dich",
	"it":      "il lo la i gli le un uno una o ma perche che di del della in nel nella a al alla con per su da io tu lei lui noi mio mia tuo tua suo sua questo questa si mi ti ci",
	"nl":      "de het een en of maar omdat dat van in op aan met voor bij uit naar ik je jij u hij zij we wij mijn jouw uw dit deze die er me mij",
	"pl":      "i a ale lub albo bo ponieważ że żeby ze w we na z ze do od o po dla przez ja ty pan pani on ona my moj moja twoj twoja to ten ta sie mi mnie cie",
	"tr":      "ve veya ama fakat cunku ki bu su o bir ben sen siz biz onlar benim senin sizin icin ile de da mi mu gibi olarak",
	"id":      "dan atau tetapi tapi karena yang di ke dari pada untuk dengan dalam saya aku anda kamu kami kita dia ini itu juga",
	"hi-Latn": "main mai mein aap tum hum ka ki ke ko se par aur ya lekin kyunki ye yeh woh wo jo bhi to",
	"ar":      "في من الى إلى على عن مع و او أو لكن لان لأن هذا هذه ذلك انا أنا انت أنت نحن هو هي ان أن",
}

func TestVocabulariesLoad(t *testing.T) {
	vs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	byTag := map[string]*Vocabulary{}
	for _, v := range vs {
		byTag[v.Tag] = v
	}
	for _, tag := range append([]string{"en", "und"}, languages...) {
		if byTag[tag] == nil {
			t.Errorf("no vocabulary %s.yaml", tag)
		}
	}
	for _, v := range vs {
		if v.Tag == "und" {
			continue
		}
		if len(v.Families) == 0 && v.Tag == "en" {
			t.Logf("%s.yaml is still empty (filled on another branch)", v.Tag)
			continue
		}
		t.Run(v.Tag, func(t *testing.T) {
			// The files of this package's languages must pass; English
			// is written elsewhere, and its problems are reported here
			// without failing, for its authors to see.
			errorf := t.Errorf
			if !slices.Contains(languages, v.Tag) {
				errorf = t.Logf
			}
			if v.Name == "" {
				errorf("%s.yaml has no name", v.Tag)
			}
			for _, f := range required {
				if len(v.Families[f]) == 0 {
					errorf("%s.yaml: family %s is empty", v.Tag, f)
				}
			}
			stop := map[string]bool{}
			for _, w := range fold.Fields(functionWords[v.Tag]) {
				stop[w] = true
			}
			for f, es := range v.Families {
				seen := map[string]bool{}
				for _, e := range es {
					toks := fold.Fields(e.Phrase)
					key := strings.Join(toks, " ")
					if len(toks) == 0 {
						errorf("%s.yaml %s: %q has no words once folded", v.Tag, f, e.Phrase)
						continue
					}
					if seen[key] {
						errorf("%s.yaml %s: %q is listed twice", v.Tag, f, e.Phrase)
					}
					seen[key] = true
					if !hasLetter(key) {
						errorf("%s.yaml %s: %q has no letter; a bare number matches any amount", v.Tag, f, e.Phrase)
					}
					if len(toks) == 1 && stop[toks[0]] {
						errorf("%s.yaml %s: %q is a function word; it would match almost any note", v.Tag, f, e.Phrase)
					}
				}
			}
		})
	}
}

// TestScamPhrasesAreSpecific: a phrase strong enough to condemn a note on
// its own (weight 3) must be more than one everyday word.
func TestScamPhrasesAreSpecific(t *testing.T) {
	vs, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		errorf := t.Errorf
		if !slices.Contains(languages, v.Tag) {
			errorf = t.Logf // written elsewhere: reported, not failed
		}
		for _, f := range []Family{Investment, Romance, AdvanceFee, Phishing} {
			for _, e := range v.Families[f] {
				if e.Weight == 3 && len(fold.Fields(e.Phrase)) < 2 && len([]rune(e.Phrase)) < 9 {
					errorf("%s.yaml %s: %q has weight 3 but is one short word", v.Tag, f, e.Phrase)
				}
			}
		}
	}
}
