-- 0007: what a streamed import adds: examples the classifier inferred from
-- an export, and invitations an export could not settle.

-- Past accepts (incoming invitations whose sender is now a connection),
-- trained into the classifier as inferred examples of whom the user
-- accepts. A row means "trained as class"; the invitation itself is kept
-- so that a rebuild can train it again. They are not invitations of the
-- store: they were settled on LinkedIn before linkvet saw them.
CREATE TABLE inferred (
	invitation_id TEXT PRIMARY KEY,
	class         TEXT NOT NULL,
	json          TEXT NOT NULL,
	at            TEXT NOT NULL
);

-- Incoming invitations listed by an export without Connections.csv:
-- pending and accepted ones cannot be told apart, so they stay out of the
-- inbox until a fuller export, or another channel, settles them.
CREATE TABLE unsettled (
	invitation_id TEXT PRIMARY KEY REFERENCES invitations (id),
	since         TEXT NOT NULL
);

-- Another channel (an e-mail, a pasted page, a profile) that enriches the
-- invitation settles it: it is shown again.
CREATE TRIGGER unsettled_enriched AFTER UPDATE OF json ON invitations
WHEN NEW.json IS NOT OLD.json
BEGIN
	DELETE FROM unsettled WHERE invitation_id = NEW.id;
END;

-- A decision settles it too.
CREATE TRIGGER unsettled_decided AFTER INSERT ON decisions
BEGIN
	DELETE FROM unsettled WHERE invitation_id = NEW.invitation_id;
END;
