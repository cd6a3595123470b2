package screen

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/jsonio"
	"github.com/linkvet/linkvet/learn"
	"github.com/linkvet/linkvet/policy"
)

// TestLearnedGolden writes the verdicts, explanations and classifier
// results of screening with a trained classifier, so that a change to the
// classifier's hot path can be checked byte for byte against the output
// of the code before it. It runs only when LINKVET_LEARNED_GOLDEN names a
// directory to write into:
//
//	scripts/same-verdicts.sh REV
//
// Inputs are read from LINKVET_GOLDEN_DIR (gen20k.jsonl, corpus-all.jsonl
// and the two policies); scripts/same-verdicts.sh makes them and runs this
// test at two revisions. Each case trains a classifier on the first
// records of an input with the actions the policy gives them, then screens
// every record with WithClassifier.
func TestLearnedGolden(t *testing.T) {
	out := os.Getenv("LINKVET_LEARNED_GOLDEN")
	if out == "" {
		t.Skip("set LINKVET_LEARNED_GOLDEN to a directory to write the learned-path golden files")
	}
	dir := os.Getenv("LINKVET_GOLDEN_DIR")
	if dir == "" {
		t.Skip("set LINKVET_GOLDEN_DIR to the inputs' directory (scripts/same-verdicts.sh does)")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	odd := learn.DefaultParams()
	odd.Binary, odd.KeepLongNumbers, odd.CharGramMin, odd.CharGramMax, odd.CharGramMaxWord, odd.MaxWords = false, true, 2, 4, 8, 40
	for _, tc := range []struct {
		name, input, policy string
		train               int
		params              learn.Params
	}{
		{"gen20k-300", "gen20k.jsonl", "", 300, learn.DefaultParams()},
		{"gen20k-12", "gen20k.jsonl", "", 12, learn.DefaultParams()},
		{"gen20k-demo-300", "gen20k.jsonl", "demo-policy.yaml", 300, learn.DefaultParams()},
		{"corpus-150", "corpus-all.jsonl", "corpus-policy.yaml", 150, learn.DefaultParams()},
		{"corpus-odd-150", "corpus-all.jsonl", "corpus-policy.yaml", 150, odd},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pol := policy.Default()
			if tc.policy != "" {
				pol = loadPolicyFile(t, filepath.Join(dir, tc.policy))
			}
			invs := readGoldenInput(t, filepath.Join(dir, tc.input))
			plain := New(pol)
			c := learn.New(tc.params)
			for i := range min(tc.train, len(invs)) {
				v := plain.Screen(&invs[i], now)
				c.Train(learn.DocFromInvitation(&invs[i]), string(v.Action))
			}
			eng := New(pol, WithClassifier(c))
			f, err := os.Create(filepath.Join(out, tc.name+".jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			w := bufio.NewWriter(f)
			enc := json.NewEncoder(w)
			for i := range invs {
				line := struct {
					Verdict linkvet.Verdict `json:"verdict"`
					Result  learn.Result    `json:"result"`
					Explain *Explanation    `json:"explain,omitempty"`
				}{Verdict: eng.Screen(&invs[i], now), Result: c.Classify(learn.DocFromInvitation(&invs[i]))}
				if i%50 == 0 {
					x := eng.Explain(&invs[i], now)
					line.Explain = &x
				}
				if err := enc.Encode(line); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func readGoldenInput(t *testing.T, path string) []linkvet.Invitation {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("golden input: %v", err)
	}
	defer f.Close()
	var invs []linkvet.Invitation
	r := jsonio.NewReader(f, path)
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			return invs
		}
		var p *linkvet.Problem
		if errors.As(err, &p) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		invs = append(invs, rec.Invitation)
	}
}
