-- 0001: invitations, what linkvet said of them, and what the user decided.
--
-- Times are TEXT in one fixed-width UTC layout (2006-01-02T15:04:05.000000000Z)
-- so that comparing the strings compares the instants; NULL means unknown.

-- The invitation itself is kept whole as invitation-v1 JSON; the columns
-- beside it are copies of the fields queries select and sort on.
CREATE TABLE invitations (
	id         TEXT PRIMARY KEY,
	-- linkvet.PersonKey of the person: the normalized profile URL, else the
	-- first e-mail address, else ''. Records naming the same person in the
	-- same direction are one invitation.
	person_key TEXT NOT NULL DEFAULT '',
	direction  TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
	sent_at    TEXT,
	added_at   TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	-- 1 until a decision is recorded (by the user, a rule, or an import that
	-- finds the person has become a connection). Decisions are never undone,
	-- so it only ever goes from 1 to 0.
	pending    INTEGER NOT NULL DEFAULT 1 CHECK (pending IN (0, 1)),
	json       TEXT NOT NULL
);
CREATE INDEX invitations_person ON invitations (person_key, direction) WHERE person_key <> '';
CREATE INDEX invitations_list ON invitations (direction, pending, sent_at DESC, id);

-- The latest verdict per invitation; a new screening replaces it.
CREATE TABLE verdicts (
	invitation_id TEXT PRIMARY KEY REFERENCES invitations (id),
	action        TEXT NOT NULL,
	category      TEXT NOT NULL,
	score         INTEGER NOT NULL,
	saved_at      TEXT NOT NULL,
	json          TEXT NOT NULL
);
CREATE INDEX verdicts_action ON verdicts (action);
CREATE INDEX verdicts_category ON verdicts (category);

-- The audit log of decisions. Rows are only ever appended: a changed mind is
-- a new row, the latest row (highest id) is the current decision, and the
-- triggers below refuse any UPDATE or DELETE.
CREATE TABLE decisions (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	invitation_id TEXT NOT NULL REFERENCES invitations (id),
	action        TEXT NOT NULL CHECK (action IN ('accept', 'ask', 'ignore', 'decline', 'block')),
	verdict       TEXT NOT NULL DEFAULT '', -- the action linkvet had advised, '' if none
	note          TEXT NOT NULL DEFAULT '',
	decided_by    TEXT NOT NULL CHECK (decided_by IN ('user', 'rule')),
	at            TEXT NOT NULL
);
CREATE INDEX decisions_invitation ON decisions (invitation_id, id);

CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
	SELECT RAISE(ABORT, 'decisions are append-only');
END;

CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN
	SELECT RAISE(ABORT, 'decisions are append-only');
END;
