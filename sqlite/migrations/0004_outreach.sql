-- 0004: the user's own outreach: what happened to the invitations they sent,
-- and the follow-ups they wrote after accepting one.
--
-- An append-only log, like decisions: a changed status is a new row, and the
-- triggers below refuse any UPDATE or DELETE. The status of an invitation is
-- folded from its rows in time order (see package outreach).
CREATE TABLE outreach_events (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	invitation_id TEXT NOT NULL REFERENCES invitations (id),
	kind          TEXT NOT NULL CHECK (kind IN ('sent', 'withdrawn', 'declined', 'ignored', 'followup_done')),
	at            TEXT NOT NULL,
	note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outreach_events_invitation ON outreach_events (invitation_id, id);

CREATE TRIGGER outreach_events_no_update BEFORE UPDATE ON outreach_events
BEGIN
	SELECT RAISE(ABORT, 'outreach events are append-only');
END;

CREATE TRIGGER outreach_events_no_delete BEFORE DELETE ON outreach_events
BEGIN
	SELECT RAISE(ABORT, 'outreach events are append-only');
END;
