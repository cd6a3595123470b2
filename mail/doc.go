// Package mail reads LinkedIn's invitation e-mails: single messages (.eml),
// mbox files and Maildir folders, and the messages the imap package
// fetches. It turns each invitation mail into a linkvet.Invitation with
// source "email", and reports every message that imitates LinkedIn as a
// phishing Finding instead.
//
// # The model
//
// A message goes through three steps.
//
//  1. Sender. Only an address at linkedin.com or one of its sub-domains,
//     in plain ASCII, is LinkedIn. A message whose From borrows LinkedIn's
//     name any other way (a look-alike domain such as linkedln.com, LinkedIn's
//     domain as a sub-domain of another site such as
//     linkedin.com.evil.example, a display name "LinkedIn" over another
//     address, or an invitation subject over a body that speaks as LinkedIn)
//     is a Finding with the evidence, never an invitation. A display name
//     alone counts only when the message announces or carries an invitation
//     (a "LinkedIn Local" meetup's newsletter is not phishing). A message
//     from a LinkedIn address is a Finding too when its Accept or profile
//     link leaves LinkedIn, or when the receiving server recorded a failed
//     DMARC check; links rewritten by a company's mail gateway (Safe Links,
//     URL Defense) are unwrapped first, and links a gateway made opaque are
//     not held against the mail. Messages with no LinkedIn in sight are
//     counted as Skipped without their bodies being decoded, which is what
//     makes a 10,000-message mbox quick.
//  2. Kind. A LinkedIn message is an invitation when its subject announces
//     one ("X wants to connect", "Invitation from X", "X sent you an
//     invitation to connect", "X is waiting for your response", "Reminder:
//     ...", in English, Spanish, Portuguese, French, German, Italian, Dutch,
//     Polish, Turkish and Indonesian; see lang.go), or when its body carries
//     an Accept link. The subject gives the inviter's name; for the older
//     subjects that name nobody, the From display name "X via LinkedIn" does,
//     or the text of the profile link. A digest listing several invitations
//     ("You have 3 new invitations") is cut into cards, each ending at its
//     Accept link, and each card is read as one invitation with an unknown
//     sent_at (the digest's date is not when anyone invited).
//  3. Body. The MIME structure is decoded with go-message (quoted-printable,
//     base64, legacy charsets, multipart/alternative); the text/plain part
//     is read when it has words in it, else the HTML part turned into text.
//     The text is cut at the first block that is not about the inviter
//     ("People you may know" and the other suggestion blocks, the footer), so
//     a suggested person is never read as the inviter. What is left is read
//     as lines: links (the first /in/ or /comm/in/ link is the profile,
//     normalised with linkvet.NormalizeProfileURL; the first Accept link is
//     kept as accept_url and never followed), the card (the line that is the
//     name, then the headline and the location under it), "N connections in
//     common" and its translations (mutual_connections), and the note: the
//     lines that are none of those and not LinkedIn's own words (the default
//     sentence the note replaces, greetings, labels, sign-offs).
//
// The message's Date is sent_at (for a lone reminder, that is when the
// reminder was sent: the invitation is older). A reminder for an invitation
// already read in the same run (same profile, else same name) is merged
// into it: the earliest time stays, the newest mail updates the Accept link
// and the mutual count. Each invitation's ID is set with
// linkvet.InvitationID; reminders read in a later run make a record with a
// later time, which the store matches to the first by profile URL.
//
// # Entry points
//
//	Read(name, r)      one message or an mbox, told apart by content
//	ReadMaildir(dir)   a Maildir folder (cur/ and new/) and its Maildir++ folders
//	ReadPath(path)     a folder as a Maildir, a file as Read does
//	Sniff(head)        whether bytes look like mail, for picking a reader
//	(*Result).Add      one message from elsewhere (the IMAP sync uses it)
//
// # What is kept
//
// Result.Raw keeps every message an invitation was read from, by
// invitation ID, so that the store can keep the raw input with the record
// and a better reader can read it again. A Finding carries its raw message
// too. A LinkedIn invitation mail that cannot be understood (no name,
// undecodable body, too large) is a linkvet.Problem with its file and
// line: for an mbox, the line of the message's "From " separator; 1 for
// a single message or a Maildir file.
//
// # Limits
//
// A message over 32 MiB is not read (a Problem says so); at most 64 MIME
// parts, nested at most 8 deep, and 2 MiB of decoded text per part are
// looked at. An mbox is streamed: only one message is held at a time.
package mail
