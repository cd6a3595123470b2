-- 0003: state of the learning features.

-- Opaque named blobs, such as the trained classifier.
CREATE TABLE models (
	name       TEXT PRIMARY KEY,
	updated_at TEXT NOT NULL,
	blob       BLOB NOT NULL
);

-- The class each invitation was last trained as, so that retraining
-- replaces an example instead of counting it twice. No row = untrained.
CREATE TABLE trained (
	invitation_id TEXT PRIMARY KEY REFERENCES invitations (id),
	class         TEXT NOT NULL,
	at            TEXT NOT NULL
);
