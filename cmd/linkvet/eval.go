package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/learn"
)

// minEvalTest is how many test records make an agreement figure worth
// reading: with fewer, one record moves it by more than five points.
const minEvalTest = 20

func evalCmd(e *env) *cobra.Command {
	var asJSON bool
	var sms string
	var ratio float64
	var seed int64
	c := &cobra.Command{
		Use:   "eval [FILE]",
		Short: "Measure the learned classifier on labelled invitations (or the SMS Spam Collection)",
		Long: `Eval trains a fresh classifier on part of FILE (labelled invitation-v1 JSON
Lines: each record has a "label" holding the action the user took) and reports,
on the rest, how often it agrees with the labels: agreement, a confusion matrix
by action, and each action's precision and recall. Nothing is stored.

With --sms FILE it measures the same machinery on the SMS Spam Collection with
the project's fixed split (message i is a test message when i % 5 == 4), and
reports accuracy, the share of spam caught and the share of ham wrongly flagged.`,
		Example: `  linkvet eval decisions.jsonl --train-ratio 0.8 --seed 1
  linkvet eval --sms ../shared/data/sms-spam/SMSSpamCollection --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if sms != "" {
				return e.evalSMS(sms, asJSON)
			}
			if len(args) != 1 {
				return usageError{errors.New("eval needs a FILE of labelled invitations, or --sms FILE")}
			}
			if ratio <= 0 || ratio >= 1 {
				return usageError{fmt.Errorf("--train-ratio %v must be between 0 and 1", ratio)}
			}
			items, rejected, err := e.readLabelled(args[0])
			if err != nil {
				return err
			}
			train, test := learn.Split(items, ratio, seed)
			if len(test) < minEvalTest {
				fmt.Fprintf(e.stderr, "linkvet: warning: only %d test record%s: the figures below mean little (at least %d give a rough idea)\n", len(test), plural(len(test)), minEvalTest)
			}
			rep := learn.Evaluate(learn.DefaultParams(), train, test)
			if asJSON {
				if err := writeJSON(e.stdout, rep); err != nil {
					return err
				}
			} else {
				printReport(e.stdout, rep)
			}
			if rejected > 0 {
				return rejectedError{rejected}
			}
			return nil
		}),
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	c.Flags().StringVar(&sms, "sms", "", "evaluate on the SMS Spam Collection file instead")
	c.Flags().Float64Var(&ratio, "train-ratio", 0.8, "share of the records to train on")
	c.Flags().Int64Var(&seed, "seed", 1, "seed of the shuffle before the split")
	return c
}

func (e *env) evalSMS(path string, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return linkvet.Errorf(linkvet.EINVALID, "cannot read %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	rep, err := learn.EvalSMS(learn.DefaultParams(), f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if asJSON {
		return writeJSON(e.stdout, rep)
	}
	fmt.Fprintf(e.stdout, "SMS Spam Collection: trained on %d, tested on %d (%d spam, %d ham)\n", rep.Train, rep.Test, rep.Spam, rep.Ham)
	fmt.Fprintf(e.stdout, "accuracy      %6.2f%%\n", rep.Accuracy*100)
	fmt.Fprintf(e.stdout, "spam caught   %6.2f%%  (%d of %d)\n", rep.SpamCaught*100, rep.Spam-rep.SpamMissed, rep.Spam)
	fmt.Fprintf(e.stdout, "ham flagged   %6.2f%%  (%d of %d)\n", rep.HamFlagged*100, rep.HamWrong, rep.Ham)
	return nil
}

// readLabelled reads labelled invitations; records without a label are
// rejected, since they cannot be learned from.
func (e *env) readLabelled(name string) ([]learn.Labelled, int, error) {
	recs, rejected, err := e.readRecords(name)
	if err != nil {
		return nil, rejected, err
	}
	var items []learn.Labelled
	for i := range recs {
		inv := &recs[i].Invitation
		if inv.Label == "" {
			rejected++
			fmt.Fprintf(e.stderr, "%s:%d: no label (want one of accept, ask, ignore, decline, block)\n", name, recs[i].Line)
			continue
		}
		items = append(items, learn.Labelled{Doc: learn.DocFromInvitation(inv), Class: string(inv.Label)})
	}
	return items, rejected, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printReport(w io.Writer, rep learn.Report) {
	fmt.Fprintf(w, "trained on %d, tested on %d: agreement %.1f%% (%d of %d)\n", rep.Train, rep.Test, rep.Agreement*100, rep.Correct, rep.Test)
	if !rep.Enough {
		fmt.Fprintf(w, "note: the classifier has not seen enough decisions to be trusted (%s)\n", rep.Why)
	}
	var classes []string
	for _, c := range rep.Classes {
		classes = append(classes, c.Class)
	}
	sort.Strings(classes)
	fmt.Fprintf(w, "\nconfusion (rows: your decision, columns: linkvet's guess)\n%-10s", "")
	for _, c := range classes {
		fmt.Fprintf(w, " %8s", c)
	}
	fmt.Fprintln(w)
	for _, a := range classes {
		fmt.Fprintf(w, "%-10s", a)
		for _, p := range classes {
			fmt.Fprintf(w, " %8d", rep.Confusion[a][p])
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%-10s %9s %9s %8s\n", "action", "precision", "recall", "support")
	for _, c := range rep.Classes {
		fmt.Fprintf(w, "%-10s %8.1f%% %8.1f%% %8d\n", c.Class, c.Precision*100, c.Recall*100, c.Support)
	}
}
