// Package compose writes and checks the short texts of LinkedIn
// networking: the replies the user can send to an incoming invitation, and
// the notes the user sends with their own.
//
// The model has three parts, all pure and deterministic (no clock, no
// randomness, no I/O):
//
//   - Drafts turns a verdict into the messages that fit its action, in the
//     language the verdict names: a note to send with an acceptance and a
//     follow-up for a few days later, a reply asking for context, or a
//     polite decline. Nothing friendly is ever drafted for a scammer, a
//     fake or blocked account, or anything to report.
//   - Lint checks a note the user means to send against named rules (too
//     long, stock text, placeholders left in, links, sales pitches, asking
//     for favours, shouting, emoji, missing introduction, context,
//     specifics or benefit) and scores it 0..100; docs/guide.md explains the
//     rules in user terms.
//   - Compose writes several notes for the user's own invitation from what
//     is known about both sides, each within the length limit and free of
//     lint errors: a plan of clauses with shortening ranks, the least
//     important shortened or dropped first until the note fits.
//
// Every message is assembled from phrasings written for this package, with
// slots for facts: the person's first name, what both sides share
// (companies, schools, groups, events, interests, mutual connections,
// industry, city) and the person's company. Each fact is cleaned before it
// is put in a slot (see clean): no links, e-mail addresses, control or
// invisible characters, emoji or template placeholders, capped in length.
// The other side's note is never copied; a draft refers back to it only by
// naming a known shared item the note mentions. Among the phrasings, a
// stable hash of the invitation id picks one, so that different people get
// different wordings and the same person always the same.
//
// Drafts are written in the language of the other side's note when the
// user writes it (DraftsLanguage), from one phrasebook per language
// (drafts/TAG.yaml: English, Spanish, Portuguese, French, German, Italian),
// each written in that language with several phrasings of every sentence;
// nothing is translated at run time. Adding a language is adding its file
// and its line in the tests. A draft knows the relationship: colleagues at
// the user's own company, former colleagues, and people with years at what
// a question names are each asked what fits them.
//
// The user's own notes and the linter speak the same six languages, from
// one notebook per language (notes/TAG.yaml): the clauses Compose builds a
// note from, the words Lint reads a note with, and Lint's advice, all
// written in that language. A note is composed in the language
// NoteLanguage picks (the caller's choice, else the person's language when
// the user speaks it, detected from what they wrote with screen/lang, else
// the user's first language, else English) and linted in the language it
// is written in (LintLanguage), its findings worded in that language:
// whoever wrote the note reads it. Each language's lists have English's
// added, as notes mix in English words. Adding a language is adding its
// file and its lines in the tests.
//
// People are greeted as people use their names (names.yaml): titles and
// ranks in many languages are skipped, a surname written first with a
// comma is turned round, compound given names are kept whole, credentials
// and emoji dropped, styled letters made plain.
//
// All text comparison goes through package fold, so that styled,
// full-width and look-alike letters match their plain forms.
package compose
