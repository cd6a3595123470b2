-- 0005: what the service layer keeps in the store: the policy in force,
-- versioned; an audit log; the state each verdict was screened in; undo as
-- a kind of decision; accepted outgoing invitations in the outreach log.

-- Every version of the policy in force; the highest is the current one.
CREATE TABLE policies (
	version  INTEGER PRIMARY KEY AUTOINCREMENT,
	at       TEXT NOT NULL,
	text     TEXT NOT NULL,
	learning INTEGER NOT NULL DEFAULT 0, -- 1 when the classifier has a say
	source   TEXT NOT NULL DEFAULT ''
);

-- The policy the web app used to keep among the models becomes version 1.
-- Learning is assumed on, so that its verdicts are re-screened once.
INSERT INTO policies (at, text, learning, source)
	SELECT updated_at, CAST(blob AS TEXT), 1, 'web' FROM models WHERE name = 'policy' AND length(blob) > 0;

-- The audit log: every policy change and every decision, appended in the
-- transaction that made it.
CREATE TABLE audit (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	at      TEXT NOT NULL,
	kind    TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	detail  TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- What a verdict was screened with (policy version, classifier generation);
-- '' for verdicts from before, which are therefore stale.
ALTER TABLE verdicts ADD COLUMN state TEXT NOT NULL DEFAULT '';

-- How many times a model was replaced, so that a verdict can name the
-- classifier it came from without hashing it.
ALTER TABLE models ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

-- Undo is a decision of its own: the invitation is pending again.
ALTER TABLE decisions ADD COLUMN undo INTEGER NOT NULL DEFAULT 0 CHECK (undo IN (0, 1));
DROP TRIGGER decisions_no_update;
UPDATE decisions SET undo = 1 WHERE action = 'ignore' AND note = 'undo';
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN
	SELECT RAISE(ABORT, 'decisions are append-only');
END;
UPDATE invitations SET pending = 1
	WHERE (SELECT undo FROM decisions d WHERE d.invitation_id = invitations.id ORDER BY d.id DESC LIMIT 1) = 1;

-- The outreach log learns "accepted": the user can record that someone
-- accepted their invitation. SQLite cannot change a CHECK, so the table is
-- copied.
CREATE TABLE outreach_events_new (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	invitation_id TEXT NOT NULL REFERENCES invitations (id),
	kind          TEXT NOT NULL CHECK (kind IN ('sent', 'withdrawn', 'declined', 'ignored', 'accepted', 'followup_done')),
	at            TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT ''
);
INSERT INTO outreach_events_new (id, invitation_id, kind, at, note)
	SELECT id, invitation_id, kind, at, note FROM outreach_events;
DROP TABLE outreach_events;
ALTER TABLE outreach_events_new RENAME TO outreach_events;
CREATE INDEX outreach_events_invitation ON outreach_events (invitation_id, id);

CREATE TRIGGER outreach_events_no_update BEFORE UPDATE ON outreach_events
BEGIN
	SELECT RAISE(ABORT, 'outreach events are append-only');
END;

CREATE TRIGGER outreach_events_no_delete BEFORE DELETE ON outreach_events
BEGIN
	SELECT RAISE(ABORT, 'outreach events are append-only');
END;

-- Imports killed before they finished: the next start marks them abandoned
-- when the process that ran them (pid, on this host) is gone.
ALTER TABLE imports ADD COLUMN abandoned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN pid INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN host TEXT NOT NULL DEFAULT '';
-- Those unfinished before this migration can no longer be running.
UPDATE imports SET abandoned = 1 WHERE finished_at IS NULL;
