package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/linkvet/linkvet"
	"github.com/linkvet/linkvet/compose"
)

func noteCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "note",
		Short: "Check or draft the note you send with an invitation",
	}
	c.AddCommand(noteCheckCmd(e), noteDraftCmd(e))
	return c
}

// maxNoteInput bounds a note read from standard input: a note is a few
// hundred characters, and anything far longer is a mistake.
const maxNoteInput = 64 << 10

// noteLang checks a --lang flag: "" (automatic) or a language notes are
// written in.
func noteLang(tag string) (string, error) {
	if tag == "" {
		return "", nil
	}
	if t := compose.MatchNoteLanguage(tag); t != "" {
		return t, nil
	}
	return "", usageError{fmt.Errorf("--lang %q: notes are written in %s", tag, strings.Join(compose.NoteLanguages(), ", "))}
}

func noteCheckCmd(e *env) *cobra.Command {
	var to, lang string
	var asJSON bool
	c := &cobra.Command{
		Use:   "check TEXT",
		Short: "Lint an invitation note: score, findings and how to fix each",
		Long: `Check scores the note you plan to send with an invitation (0 to 100) and lists
what to fix: the length against your limit (outreach.note_limit: 300
characters, 200 on a free account), LinkedIn's stock text, placeholders left
in, links, sales pitches, asking for favours, shouting, and whether the note
says who you are, what you share, something specific and why connecting helps
both. TEXT "-" reads the note from standard input. --to names the person
(invitation-v1 JSON), so that what you share counts as context.

The note is read in its own language (English, Spanish, Portuguese, French,
German or Italian), and the findings are worded in it; --lang TAG names the
language instead (when the note is too short to tell, your first language in
me.languages is assumed).

Exit status: 0 when the note can be sent (warnings and tips included), 1 when
it has an error (empty, too long, a placeholder, or only stock text).`,
		Example: `  linkvet note check "Hi Ines, I'm Dana from Northwind; your Kafka talk..." --to ines.json
  pbpaste | linkvet note check - --json
  linkvet note check "Hallo Jonas, ich bin Dana von Northwind ..." --lang de`,
		Args: cobra.ExactArgs(1),
		RunE: action(func(cmd *cobra.Command, args []string) error {
			lang, err := noteLang(lang)
			if err != nil {
				return err
			}
			text := args[0]
			if text == "-" {
				b, err := io.ReadAll(io.LimitReader(e.stdin, maxNoteInput+1))
				if err != nil {
					return fmt.Errorf("read the note from standard input: %w", err)
				}
				if len(b) > maxNoteInput {
					return linkvet.Errorf(linkvet.ELIMIT, "the note on standard input is over %d KiB; a note is a few hundred characters", maxNoteInput>>10)
				}
				text = strings.TrimRight(string(b), "\r\n")
			}
			var target *linkvet.Invitation
			if to != "" {
				inv, err := e.readOutgoing(to)
				if err != nil {
					return err
				}
				target = &inv
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			p, err := svc.Policy(e.ctx)
			if err != nil {
				return err
			}
			res := compose.LintIn(lang, text, target, p.Me, p.Outreach.NoteLimit)
			if asJSON {
				if err := writeJSON(e.stdout, res); err != nil {
					return err
				}
			} else {
				printLint(e.stdout, res)
			}
			if !res.OK {
				n := 0
				for _, f := range res.Findings {
					if f.Severity == compose.SeverityError {
						n++
					}
				}
				return linkvet.Errorf(linkvet.ECONFLICT, "the note is not ready to send: %d error%s to fix", n, plural(n))
			}
			return nil
		}),
	}
	c.Flags().StringVar(&to, "to", "", "the person you write to (invitation-v1 JSON)")
	c.Flags().StringVar(&lang, "lang", "", "the note's language (BCP 47: "+strings.Join(compose.NoteLanguages(), ", ")+"); default: detected")
	c.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return c
}

func printLint(w io.Writer, res compose.LintResult) {
	fmt.Fprintf(w, "score %d/100, %d/%d characters, %d sentence%s, read as %s (%s)\n", res.Score, res.Length, res.Limit, res.Sentences, plural(res.Sentences),
		compose.NoteLanguageName(res.Language), res.Language)
	for _, f := range res.Findings {
		fmt.Fprintf(w, "  %-7s %-16s %s\n  %-7s %-16s fix: %s\n", f.Severity, f.Rule, f.Message, "", "", f.Fix)
	}
	switch {
	case !res.OK:
		fmt.Fprintln(w, "not ready to send: fix the errors first")
	case len(res.Findings) == 0:
		fmt.Fprintln(w, "ready to send")
	default:
		fmt.Fprintln(w, "can be sent; the findings above would make it better")
	}
}

func noteDraftCmd(e *env) *cobra.Command {
	var to, reason, lang string
	var asJSON bool
	c := &cobra.Command{
		Use:   "draft --to PERSON.json",
		Short: "Draft invitation notes for a person, from what you share",
		Long: `Draft writes several notes for your invitation to the person in PERSON.json
(invitation-v1), each in its own structure and wording: who you are (from the
policy's me, else your imported profile), what you share or how you came
across them, something specific about them, your --reason, and why connecting
helps both. Every note fits your limit (outreach.note_limit) and passes linkvet
note check without errors. The same input always gives the same notes.

The notes are written in --lang TAG when given (en, es, pt, fr, de, it);
else in the person's language, detected from their profile (about, headline)
or a note they sent, when you speak it (me.languages in the policy); else in
your first language; else in English.`,
		Example: `  linkvet note draft --to ines.json --reason "Your failover talk answered questions we had for months."
  linkvet note draft --to luana.json --lang pt-BR`,
		Args: cobra.NoArgs,
		RunE: action(func(cmd *cobra.Command, args []string) error {
			if to == "" {
				return usageError{fmt.Errorf("--to PERSON.json is required: drafts are written for one person")}
			}
			explicit, err := noteLang(lang)
			if err != nil {
				return err
			}
			inv, err := e.readOutgoing(to)
			if err != nil {
				return err
			}
			svc, done, err := e.service(false)
			if err != nil {
				return err
			}
			defer done()
			p, err := svc.Policy(e.ctx)
			if err != nil {
				return err
			}
			chosen, out, err := svc.DraftNotes(e.ctx, &inv, reason, explicit)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(e.stdout, out)
			}
			if len(out) == 0 {
				return linkvet.Errorf(linkvet.EINVALID, "no note fits the limit of %d characters", p.Outreach.NoteLimit)
			}
			if p.Me.Empty() {
				fmt.Fprintln(e.stderr, "linkvet: nothing is known about you yet (import your export, or set me in the policy): the notes cannot say who you are")
			}
			fmt.Fprintf(e.stdout, "in %s (%s): %s\n\n", compose.NoteLanguageName(chosen), chosen, whyLanguage(explicit, chosen, &inv, p.Me))
			for i, d := range out {
				fmt.Fprintf(e.stdout, "%d. (%d/%d characters, score %d)\n%s\n\n", i+1, d.Length, p.Outreach.NoteLimit, d.Score, d.Note)
			}
			return nil
		}),
	}
	c.Flags().StringVar(&to, "to", "", "the person you write to (invitation-v1 JSON); required")
	c.Flags().StringVar(&reason, "reason", "", "why you want to connect, in a sentence; kept as written")
	c.Flags().StringVar(&lang, "lang", "", "the notes' language (BCP 47: "+strings.Join(compose.NoteLanguages(), ", ")+"); default: theirs if you speak it, else yours")
	c.Flags().BoolVar(&asJSON, "json", false, "print the notes as JSON")
	return c
}

// whyLanguage says why the notes are in chosen, as compose.NoteLanguage
// decided.
func whyLanguage(explicit, chosen string, to *linkvet.Invitation, me linkvet.Me) string {
	speaks := false
	for _, l := range me.Languages {
		speaks = speaks || compose.MatchNoteLanguage(l) == chosen
	}
	switch {
	case explicit != "":
		return "as --lang asks"
	case speaks && compose.MatchNoteLanguage(compose.RecipientLanguage(to)) == chosen:
		return "their profile is written in it, and you speak it"
	case speaks:
		return "your first language (me.languages in the policy); --lang chooses another"
	}
	return "nothing else is known (set me.languages in the policy, or use --lang)"
}
