package learn

import (
	"bytes"
	"errors"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/linkvet/linkvet"
)

// TestSMS measures the defaults on the fixed SMS split. It fails if any
// figure falls back to the textbook naive Bayes (98.0% accuracy, 92.7% of
// spam caught, 1.05% of ham flagged) and asserts the better targets.
func TestSMS(t *testing.T) {
	f, err := os.Open(smsPath)
	if err != nil {
		t.Skipf("SMS corpus not available: %v", err)
	}
	defer f.Close()
	r, err := EvalSMS(DefaultParams(), f)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("train %d, test %d (%d spam, %d ham): %s", r.Train, r.Test, r.Spam, r.Ham, fmtSMS(r))
	if r.Train != 4460 || r.Test != 1114 || r.Spam != 165 {
		t.Errorf("split: train %d test %d spam %d, want 4460, 1114, 165", r.Train, r.Test, r.Spam)
	}
	for _, c := range []struct {
		name             string
		got              float64
		higherIsBetter   bool
		baseline, target float64
	}{
		{"accuracy", r.Accuracy, true, 0.980, 0.985},
		{"spam caught", r.SpamCaught, true, 0.927, 0.93},
		{"ham flagged", r.HamFlagged, false, 0.0105, 0.005},
	} {
		worse := func(limit float64) bool {
			if c.higherIsBetter {
				return c.got < limit
			}
			return c.got > limit
		}
		if worse(c.baseline) {
			t.Errorf("%s %.4f is no better than the textbook baseline %.4f", c.name, c.got, c.baseline)
		} else if worse(c.target) {
			t.Errorf("%s %.4f misses the target %.4f", c.name, c.got, c.target)
		}
	}
}

func spamDoc(text string) Doc { return Doc{Text: []string{text}} }

// marshal is MarshalBinary that fails the test on error.
func marshal(t *testing.T, c *Classifier) []byte {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTrainUntrainRestoresState(t *testing.T) {
	base := []Labelled{
		{spamDoc("Loved your talk on Go generics at GopherCon"), "accept"},
		{spamDoc("I help founders 10x their pipeline, book a call www.leads.biz"), "decline"},
		{Doc{Text: []string{"Hi"}, Facts: []string{"photo:none", "mutual:0"}}, "ignore"},
	}
	cases := []struct {
		name  string
		doc   Doc
		class string
	}{
		{"known class, new words", spamDoc("WIN £1000 now, call 0845281007"), "decline"},
		{"new class", Doc{Text: []string{"urgent crypto"}, Facts: []string{"photo:generated"}}, "block"},
		{"repeated words", spamDoc("free free free free"), "decline"},
		{"empty doc", Doc{}, "accept"},
		{"invalid UTF-8 and styled letters", spamDoc("\xff\xfe 𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫"), "ask"},
	}
	for _, binaryCounts := range []bool{true, false} {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				p := DefaultParams()
				p.Binary = binaryCounts
				c := New(p)
				empty := marshal(t, c)
				for _, l := range base {
					c.Train(l.Doc, l.Class)
				}
				before := marshal(t, c)
				c.Train(tc.doc, tc.class)
				if bytes.Equal(before, marshal(t, c)) {
					t.Fatal("Train changed nothing")
				}
				if err := c.Untrain(tc.doc, tc.class); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(before, marshal(t, c)) {
					t.Error("train then untrain did not restore the stored bytes")
				}
				for _, l := range slices.Backward(base) {
					if err := c.Untrain(l.Doc, l.Class); err != nil {
						t.Fatal(err)
					}
				}
				if !bytes.Equal(empty, marshal(t, c)) {
					t.Error("untraining everything did not give back an empty classifier")
				}
			})
		}
	}
}

func TestUntrainRefusesWhatWasNotTrained(t *testing.T) {
	c := New(DefaultParams())
	c.Train(spamDoc("see you at the meetup"), "accept")
	before := marshal(t, c)
	for _, tc := range []struct {
		name  string
		doc   Doc
		class string
	}{
		{"class never trained", spamDoc("see you at the meetup"), "block"},
		{"doc never trained", spamDoc("buy followers cheap"), "accept"},
		{"trained once, untrained as a superset", spamDoc("see you at the meetup tomorrow"), "accept"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := c.Untrain(tc.doc, tc.class)
			if linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
				t.Fatalf("Untrain error %v, want ENOTFOUND", err)
			}
			if !bytes.Equal(before, marshal(t, c)) {
				t.Error("failed Untrain changed the counts")
			}
		})
	}
	if err := c.Untrain(spamDoc("see you at the meetup"), "accept"); err != nil {
		t.Fatal(err)
	}
	if err := c.Untrain(spamDoc("see you at the meetup"), "accept"); linkvet.ErrorCode(err) != linkvet.ENOTFOUND {
		t.Errorf("second Untrain of the same doc: %v, want ENOTFOUND", err)
	}
}

var (
	friendlyNotes = []string{
		"Great meeting you at the Berlin Go meetup yesterday",
		"We worked together at Acme on the billing team, keep in touch",
		"Enjoyed your post about database migrations, would love to connect",
		"Fellow Delft alumnus here, saw your talk on compilers",
	}
	pitchNotes = []string{
		"I help CEOs scale revenue with guaranteed leads, book a free call",
		"Exclusive crypto investment opportunity, earn $5000 weekly",
		"Boost your sales pipeline with our outsourced team, free demo",
		"Limited offer: we guarantee 300% ROI, reply now",
	}
)

// trainNotes trains n friendly notes as accept and m pitches as decline.
func trainNotes(c *Classifier, n, m int) {
	for _, l := range labelledNotes(n, m) {
		c.Train(l.Doc, l.Class)
	}
}

func TestSignificanceGate(t *testing.T) {
	p := DefaultParams()
	p.MinDocs, p.MinPerClass = 20, 3
	pitch := spamDoc("free crypto investment, guaranteed revenue")
	for _, tc := range []struct {
		name        string
		accept, dec int
		enough      bool
		why         string
	}{
		{"nothing trained", 0, 0, false, "nothing was trained"},
		{"below MinDocs", 4, 3, false, "only 7 of 20"},
		{"one class only", 25, 0, false, "no class other than"},
		{"winning class too small", 30, 2, false, `only 2 "decline"`},
		{"enough", 12, 10, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(p)
			trainNotes(c, tc.accept, tc.dec)
			r := c.Classify(pitch)
			if r.Enough != tc.enough || !strings.Contains(r.Why, tc.why) {
				t.Errorf("Enough %v, Why %q; want %v and %q", r.Enough, r.Why, tc.enough, tc.why)
			}
			if tc.enough && r.Why != "" {
				t.Errorf("Why %q on an enough result", r.Why)
			}
		})
	}
}

func TestClassifyExplains(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 20, 20)
	r := c.Classify(Doc{Text: []string{"Guaranteed crypto revenue, book a call"}})
	if r.Class != "decline" || !r.Enough {
		t.Fatalf("got %q (enough %v), want decline", r.Class, r.Enough)
	}
	// 40 decisions: calibrated, at most (40 + 10/2) / (40 + 10) = 90% sure.
	if r.Prob["decline"] < 0.85 || r.Prob["decline"] > 0.9+1e-9 || math.Abs(r.Prob["decline"]+r.Prob["accept"]-1) > 1e-9 {
		t.Errorf("probabilities %v", r.Prob)
	}
	if r.Decisions != 40 {
		t.Errorf("Decisions = %d, want 40", r.Decisions)
	}
	tokens := func(ev []Evidence) []string {
		var out []string
		for _, e := range ev {
			out = append(out, e.Token)
		}
		return out
	}
	for _, want := range []string{"crypto", "guaranteed", "book a"} {
		if !slices.Contains(tokens(r.For), want) {
			t.Errorf("For %v lacks %q", tokens(r.For), want)
		}
	}
	for i, e := range r.For {
		if e.Weight <= 0 || i > 0 && e.Weight > r.For[i-1].Weight {
			t.Errorf("For not positive and strongest first: %v", r.For)
		}
	}

	r = c.Classify(Doc{Text: []string{"met you at the Go meetup, guaranteed fun"}})
	if r.Class != "accept" {
		t.Fatalf("got %q, want accept", r.Class)
	}
	if !slices.Contains(tokens(r.Against), "guaranteed") {
		t.Errorf("Against %v lacks %q", tokens(r.Against), "guaranteed")
	}
	for _, e := range r.Against {
		if e.Weight >= 0 {
			t.Errorf("Against has a non-negative weight: %v", r.Against)
		}
	}
	if len(r.For) > c.Params().MaxEvidence {
		t.Errorf("%d For, more than MaxEvidence", len(r.For))
	}
}

func TestClassifyFoldsLookalikes(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 20, 20)
	// Styled and Cyrillic letters must not hide the pitch.
	plain := c.Classify(spamDoc("crypto investment"))
	styled := c.Classify(spamDoc("𝐜𝐫𝐲𝐩𝐭𝐨 іnvеstmеnt"))
	if plain.Class != "decline" || styled.Class != plain.Class || styled.Prob["decline"] != plain.Prob["decline"] {
		t.Errorf("plain %v, styled %v", plain.Prob, styled.Prob)
	}
}

func TestBiasTilts(t *testing.T) {
	p := DefaultParams()
	c := New(p)
	trainNotes(c, 20, 20)
	doc := spamDoc("book a call, great meeting you")
	without := c.Classify(doc)
	p.Bias = map[string]float64{"accept": 50}
	c2 := New(p)
	trainNotes(c2, 20, 20)
	with := c2.Classify(doc)
	if with.Class != "accept" || with.Prob["accept"] <= without.Prob["accept"] {
		t.Errorf("bias did not tilt toward accept: %v → %v", without.Prob, with.Prob)
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 20, 7)
	data := marshal(t, c)
	d := New(DefaultParams())
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, marshal(t, d)) {
		t.Error("round trip changed the bytes")
	}
	doc := spamDoc("free crypto meetup")
	if a, b := c.Classify(doc), d.Classify(doc); a.Class != b.Class || a.Prob["accept"] != b.Prob["accept"] {
		t.Errorf("classify differs after round trip: %v vs %v", a.Prob, b.Prob)
	}
	// The loaded classifier keeps learning and unlearning.
	if err := d.Untrain(spamDoc("Limited offer: we guarantee 300% ROI, reply now"), "decline"); err != nil {
		t.Error(err)
	}
	d.Train(spamDoc("new words after loading"), "accept")
	if err := d.Untrain(spamDoc("new words after loading"), "accept"); err != nil {
		t.Error(err)
	}
	// The empty class means "no class" and is not trained.
	before := marshal(t, d)
	d.Train(spamDoc("no class"), "")
	if !bytes.Equal(before, marshal(t, d)) {
		t.Error(`Train with class "" changed the counts`)
	}

	var zero Classifier
	if err := zero.UnmarshalBinary(data); err != nil {
		t.Errorf("zero Classifier: %v", err)
	}
}

func TestUnmarshalRejects(t *testing.T) {
	c := New(DefaultParams())
	trainNotes(c, 5, 5)
	good := marshal(t, c)

	other := DefaultParams()
	other.Bigrams = false
	o := New(other)
	if err := o.UnmarshalBinary(good); linkvet.ErrorCode(err) != linkvet.ECONFLICT || !strings.Contains(err.Error(), "retrain") {
		t.Errorf("other feature params: %v, want ECONFLICT asking to retrain", err)
	}
	// Knobs that do not change what is counted may differ.
	reading := DefaultParams()
	reading.Alpha, reading.MinDocs = 0.1, 3
	if err := New(reading).UnmarshalBinary(good); err != nil {
		t.Errorf("other reading params: %v", err)
	}

	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"other format", []byte("SQLite format 3\x00")},
		{"newer version", append([]byte(binaryMagic+"\x02"), good[5:]...)},
		{"trailing bytes", append(slices.Clone(good), 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := New(DefaultParams())
			d.Train(spamDoc("keep me"), "accept")
			before := marshal(t, d)
			if err := d.UnmarshalBinary(tc.data); linkvet.ErrorCode(err) != linkvet.EINVALID {
				t.Errorf("error %v, want EINVALID", err)
			}
			if !bytes.Equal(before, marshal(t, d)) {
				t.Error("failed UnmarshalBinary changed the classifier")
			}
		})
	}
	for n := range len(good) {
		if err := New(DefaultParams()).UnmarshalBinary(good[:n]); err == nil {
			t.Errorf("truncated to %d of %d bytes: no error", n, len(good))
		}
	}
}

func TestNewChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *Params)
		word string
	}{
		{"zero alpha", func(p *Params) { p.Alpha = 0 }, "Alpha"},
		{"n-grams reversed", func(p *Params) { p.CharGramMin, p.CharGramMax = 4, 3 }, "n-gram"},
		{"no words", func(p *Params) { p.MaxWords = 0 }, "MaxWords"},
		{"negative MinDocs", func(p *Params) { p.MinDocs = -1 }, "MinDocs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := DefaultParams()
			tc.edit(&p)
			_, err := NewChecked(p)
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), tc.word) {
				t.Errorf("error %v, want EINVALID naming %s", err, tc.word)
			}
			if c := New(p); c == nil || c.Params().Alpha <= 0 {
				t.Error("New did not fall back to usable params")
			}
		})
	}
}

func TestFeatures(t *testing.T) {
	got := Features(Doc{
		Text:  []string{"FREE entry! Call 08452810075 or visit www.win-big.com for £1000", "Ｇｏ engineer"},
		Facts: []string{"photo:none", "Industry:Software"},
	}, DefaultParams())
	for _, want := range []string{"free", "free entry", "<num10+>", "call <num10+>", "<url>", "<money>", "<shout>", "go", "go engineer", "photo:none", "industry:software"} {
		if !slices.Contains(got, want) {
			t.Errorf("features lack %q: %q", want, got)
		}
	}
	if slices.Contains(got, "08452810075") {
		t.Error("long number kept as itself by default")
	}
	if slices.Contains(got, "for £1000") || slices.Contains(got, "engineer ｇｏ") {
		t.Errorf("odd pair in %q", got)
	}
	// Pairs do not cross fields.
	if slices.Contains(got, "£1000 go") || slices.Contains(got, "1000 go") {
		t.Errorf("pair across fields in %q", got)
	}
}

func TestMaxWordsBoundsWork(t *testing.T) {
	p := DefaultParams()
	p.MaxWords = 10
	huge := strings.Repeat("spam eggs ham ", 100000)
	got := Features(Doc{Text: []string{huge, "second field"}}, p)
	if len(got) > 10 {
		t.Errorf("%d features from a huge doc with MaxWords 10: %q", len(got), got)
	}
	if got := Features(Doc{Text: []string{"", " \u200b "}}, DefaultParams()); len(got) != 0 {
		t.Errorf("empty fields gave features %q", got)
	}
}

func TestSplitSMS(t *testing.T) {
	var in strings.Builder
	in.WriteString("Label\tSMS\r\n")
	for i := range 10 {
		label := Ham
		if i%3 == 0 {
			label = Spam
		}
		in.WriteString(label + "\tmessage " + string(rune('a'+i)) + "\r\n")
	}
	train, test, err := SplitSMS(strings.NewReader(in.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(train) != 8 || len(test) != 2 || test[0].Doc.Text[0] != "message e" || test[1].Doc.Text[0] != "message j" {
		t.Errorf("train %d, test %v", len(train), test)
	}
	if train[0].Class != Spam || train[0].Doc.Text[0] != "message a" {
		t.Errorf("first train item %+v", train[0])
	}

	for _, tc := range []struct {
		name, in, want string
	}{
		{"no tab", "Label\tSMS\nham\tok\nspam no tab here\n", "line 3: no tab"},
		{"bad label", "ham\tok\nSpam\toops\n", `line 2: label "Spam"`},
		{"empty", "Label\tSMS\n", "no messages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := SplitSMS(strings.NewReader(tc.in))
			if linkvet.ErrorCode(err) != linkvet.EINVALID || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want EINVALID with %q", err, tc.want)
			}
		})
	}
	_, _, err = SplitSMS(strings.NewReader("ham\t" + strings.Repeat("x", maxSMSLine+1)))
	if linkvet.ErrorCode(err) != linkvet.ELIMIT {
		t.Errorf("over-long line: %v, want ELIMIT", err)
	}
	_, _, err = SplitSMS(iotestErrReader{})
	if linkvet.ErrorCode(err) != linkvet.EINTERNAL || !errors.Is(err, errBoom) {
		t.Errorf("read error: %v, want it wrapped", err)
	}
}

var errBoom = errors.New("boom")

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errBoom }

func TestSplit(t *testing.T) {
	var items []Labelled
	for i := range 100 {
		items = append(items, Labelled{Doc: spamDoc(strings.Repeat("x", i)), Class: "accept"})
	}
	a1, b1 := Split(items, 0.8, 7)
	a2, b2 := Split(items, 0.8, 7)
	if len(a1) != 80 || len(b1) != 20 {
		t.Fatalf("sizes %d/%d", len(a1), len(b1))
	}
	if !slices.EqualFunc(append(a1, b1...), append(a2, b2...), func(x, y Labelled) bool { return x.Doc.Text[0] == y.Doc.Text[0] }) {
		t.Error("same seed gave different splits")
	}
	a3, _ := Split(items, 0.8, 8)
	if slices.EqualFunc(a1, a3, func(x, y Labelled) bool { return x.Doc.Text[0] == y.Doc.Text[0] }) {
		t.Error("different seeds gave the same split")
	}
	if items[0].Doc.Text[0] != "" {
		t.Error("Split modified its input")
	}
	for _, r := range []float64{-1, 0, 2} {
		tr, te := Split(items, r, 1)
		if len(tr)+len(te) != 100 {
			t.Errorf("ratio %v lost items", r)
		}
	}
}

func TestEvaluate(t *testing.T) {
	train := labelledNotes(20, 20)
	test := append([]Labelled(nil),
		Labelled{spamDoc("free crypto call"), "decline"},
		Labelled{spamDoc("met you at the Go meetup"), "accept"},
		Labelled{spamDoc("guaranteed leads, book a call"), "accept"}, // the user was lenient
	)
	r := Evaluate(DefaultParams(), train, test)
	if r.Train != 40 || r.Test != 3 || r.Correct != 2 || r.Agreement < 0.66 || r.Agreement > 0.67 || !r.Enough {
		t.Errorf("report %+v", r)
	}
	if r.Confusion["accept"]["decline"] != 1 || r.Confusion["decline"]["decline"] != 1 {
		t.Errorf("confusion %v", r.Confusion)
	}
	want := []ClassReport{
		{Class: "accept", Support: 2, Predicted: 1, Precision: 1, Recall: 0.5},
		{Class: "decline", Support: 1, Predicted: 2, Precision: 0.5, Recall: 1},
	}
	if !slices.Equal(r.Classes, want) {
		t.Errorf("classes %+v, want %+v", r.Classes, want)
	}
	if r := Evaluate(DefaultParams(), nil, nil); r.Agreement != 0 || r.Enough {
		t.Errorf("empty evaluation %+v", r)
	}
}

// labelledNotes is trainNotes' data as labelled items.
func labelledNotes(n, m int) []Labelled {
	var items []Labelled
	for i := range n {
		items = append(items, Labelled{spamDoc(friendlyNotes[i%len(friendlyNotes)]), "accept"})
	}
	for i := range m {
		items = append(items, Labelled{spamDoc(pitchNotes[i%len(pitchNotes)]), "decline"})
	}
	return items
}

func TestDocFromInvitation(t *testing.T) {
	yes, three, many := true, 3, 800
	inv := &linkvet.Invitation{
		Message: "Hi, loved your talk",
		Person: linkvet.Person{
			Headline: "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫", About: "   ", Photo: linkvet.PhotoGenerated,
			Verified: &yes, Connections: &many,
		},
		MutualConnections: &three,
		Interactions:      []string{linkvet.FollowsYou, "poked_you"},
		Shared:            linkvet.Shared{Groups: []string{"Gophers"}},
	}
	d := DocFromInvitation(inv)
	if !slices.Equal(d.Text, []string{"Hi, loved your talk", "𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫"}) {
		t.Errorf("text %q", d.Text)
	}
	want := []string{"has_note:true", "photo:generated", "verified:true", "mutual:1-4", "connections:500+", "shared:some", "interaction:follows_you"}
	if !slices.Equal(d.Facts, want) {
		t.Errorf("facts %q, want %q", d.Facts, want)
	}

	bare := DocFromInvitation(&linkvet.Invitation{Direction: linkvet.Outgoing, Message: " \u200b "})
	if want := []string{"direction:outgoing", "has_note:false"}; !slices.Equal(bare.Facts, want) || len(bare.Text) != 1 {
		t.Errorf("bare invitation: %q %q, want facts %q", bare.Text, bare.Facts, want)
	}
	if d := DocFromInvitation(nil); len(d.Text)+len(d.Facts) != 0 {
		t.Errorf("nil invitation gave %+v", d)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("FREE entry! Call 08452810075 or visit www.win.com £1000", "photo:none")
	f.Add("𝐓𝐡𝐨𝐮𝐠𝐡𝐭 𝐋𝐞𝐚𝐝𝐞𝐫 vi\u200bsionary lіnkedin.com 🚀🚀", "mutual:5+")
	f.Add("\xff\xfe don't $5 5$ @x.y", "")
	p := DefaultParams()
	p.CharGramMin, p.CharGramMax, p.CharGramMaxWord = 2, 4, 8
	f.Fuzz(func(t *testing.T, text, fact string) {
		doc := Doc{Text: []string{text, text}, Facts: []string{fact}}
		for _, params := range []Params{DefaultParams(), p} {
			got := Features(doc, params)
			if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Fatalf("features not sorted and unique: %q", got)
			}
			for _, tok := range got {
				if tok == "" || !utf8.ValidString(tok) {
					t.Fatalf("bad token %q in %q", tok, got)
				}
			}
			if again := Features(doc, params); !slices.Equal(got, again) {
				t.Fatal("features not deterministic")
			}
			c := New(params)
			c.Train(doc, "x")
			c.Train(spamDoc("other"), "y")
			_ = c.Classify(doc)
			if err := c.Untrain(doc, "x"); err != nil {
				t.Fatalf("untrain what was trained: %v", err)
			}
		}
	})
}

func FuzzUnmarshalBinary(f *testing.F) {
	c := New(DefaultParams())
	trainNotes(c, 3, 2)
	good, _ := c.MarshalBinary()
	f.Add(good)
	f.Add([]byte(binaryMagic + "\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := New(DefaultParams())
		if err := d.UnmarshalBinary(data); err != nil {
			return
		}
		// Whatever loads is usable and stores stably. (Not always as the
		// same bytes: a number may have been written in more bytes than
		// needed.)
		once, err := d.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		e := New(DefaultParams())
		if err := e.UnmarshalBinary(once); err != nil {
			t.Fatalf("reloading what was stored: %v", err)
		}
		if twice, _ := e.MarshalBinary(); !bytes.Equal(once, twice) {
			t.Fatal("stored bytes changed on reload")
		}
		_ = d.Classify(spamDoc("free crypto"))
	})
}
