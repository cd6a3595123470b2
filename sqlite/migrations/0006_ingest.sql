-- 0006: what bringing invitations in from every channel keeps: the raw
-- input each record was read from, and where each mailbox sync stopped.

-- The input an invitation was read from (an e-mail as stored, a pasted
-- page, a profile PDF), kept so that a better reader can read it again.
-- The same input for the same invitation is kept once (digest), so that
-- importing the same mail twice changes nothing.
CREATE TABLE raw_inputs (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	invitation_id TEXT NOT NULL REFERENCES invitations (id),
	channel       TEXT NOT NULL,            -- "email", "pdf", "paste", "manual", ...
	place         TEXT NOT NULL DEFAULT '', -- the file (and line), or the IMAP URL
	digest        TEXT NOT NULL,            -- SHA-256 of data, hex
	data          BLOB NOT NULL,
	at            TEXT NOT NULL,
	UNIQUE (invitation_id, digest)
);
CREATE INDEX raw_inputs_invitation ON raw_inputs (invitation_id, id);

-- Small named states kept between runs, such as an IMAP mailbox's
-- UIDVALIDITY and last UID (key "imap:" + user@host:port/mailbox). No
-- secret is ever stored here.
CREATE TABLE sync_states (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
