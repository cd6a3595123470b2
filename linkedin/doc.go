// Package linkedin reads the data export LinkedIn gives every member ("Get
// a copy of your data"): a ZIP of CSV files, or the folder it unpacks to.
// LinkedIn has no public API for invitations, so the export is how linkvet
// learns who the user is, whom they know, and which invitations are still
// pending. The package only reads; storing is the sqlite package's job.
//
// # Model
//
// Reading has three steps:
//
//  1. Find the files. Export files are recognised by name, ignoring case,
//     spaces, underscores and hyphens, at the top of the archive or one
//     folder down. Every file is optional. Other files (HTML articles,
//     CSVs linkvet has no use for, macOS "__MACOSX" copies) are ignored
//     and never decompressed. If two copies of a file exist, the one nearer
//     the top is read and the other is listed in Export.Files as not read.
//  2. Parse each file. Columns are found by header name, never by position,
//     so the formats of 2018 to 2026 all read the same way (FORMATS.md
//     lists them). A row that cannot be used (wrong number of fields, a
//     quote never closed, longer than 1 MiB, a required date that is not a
//     date) is skipped and recorded with its file and line in
//     FileSummary.Skipped; it never stops the import. Invalid UTF-8 is
//     repaired with U+FFFD and the row kept. An optional date that cannot
//     be read (Connected On) is left unknown. FileSummary.Rows counts the
//     rows used (hidden members included; drafts, rejected endorsements and
//     skipped rows not).
//  3. Derive the export. The user is named by Profile.csv (else by the
//     invitations, else by the messages). Messages are the user's when the
//     sender's profile URL is the user's, or the sender's name when there
//     are no URLs, or Direction is OUTGOING (2018). Known people come from
//     connections, contacts, endorsements, recommendations and messages,
//     merged by profile URL, then e-mail, then folded name (two different
//     profile URLs are never merged). Someone counts as "messaged before"
//     only if the user wrote in the conversation: a one-way InMail from a
//     stranger does not make them known. Invitations.csv also lists
//     accepted invitations; an invitation is pending when the other side is
//     not among the connections, matched by profile URL when both have one,
//     else by folded name. An incoming invitation whose sender is now a
//     connection was accepted: it goes to Export.PastAccepts, an example
//     of whom the user accepts. When the export lists invitations but has
//     no readable Connections.csv, nothing tells pending from accepted:
//     Export.ConnectionsMissing says so, with a note in Export.Files.
//
// # Bounded memory
//
// Read holds the whole export (a million connections take 1.7 GB). Stream
// reads the same export with Connections.csv and messages.csv parsed row
// by row and handed to callbacks in batches of StreamBatch, so memory does
// not grow with those files (a million connections in about 20 MB); what
// it keeps grows only with the smaller files and the number of people the
// user messaged.
//
// # Member Data Portability snapshots
//
// Members in the EEA and Switzerland can get the same tables as JSON from
// LinkedIn's Member Data Portability API (dma.go): pages of elements, each
// a domain (CONNECTIONS, INVITATIONS, PROFILE, INBOX...) with rows keyed
// by the CSV's column names. ReadDMA reads a saved snapshot, a file or a
// folder, through the same column mapping and row parsers as the CSV
// files; Read and Stream turn to it for a .json file or a folder of them.
// Its invitations have Source "dma".
//
// # Safety
//
// Archives come from the user, but an archive can be crafted. ReadZip
// refuses with a *linkvet.Error naming the entry: paths with ".." or an
// absolute path, symbolic links, encrypted entries, more than
// Options.MaxFiles files, and files over Options.MaxFileBytes or together
// over Options.MaxTotalBytes, checked against the sizes the archive
// declares before reading and against the bytes actually inflated while
// reading. An archive with no export file at all is EINVALID.
//
// Times without a zone (Sent At) are read in Options.Location. Dates
// (Connected On) are calendar dates, kept as midnight UTC of the date
// written whatever the zone, so that they print as the day LinkedIn shows
// and importing again with another zone changes nothing. Invitation ids are derived from the direction, the
// person and the wall-clock sending time, so importing the same or a later
// export again, in any zone, gives the same ids.
package linkedin
