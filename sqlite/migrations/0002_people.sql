-- 0002: what imports of LinkedIn data exports teach linkvet about the user
-- and the people they know.

-- The user's own profile: a single row of linkvet.Me JSON.
CREATE TABLE me (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	updated_at TEXT NOT NULL,
	json       TEXT NOT NULL
);

-- People the user knows. key is linkvet.PersonKey(profile URL, e-mail), or
-- 'name:' and the folded name when the export gives neither.
CREATE TABLE known (
	key          TEXT PRIMARY KEY,
	name         TEXT NOT NULL DEFAULT '',
	profile_url  TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	company      TEXT NOT NULL DEFAULT '',
	position     TEXT NOT NULL DEFAULT '',
	sources      TEXT NOT NULL DEFAULT '[]', -- JSON array: connection, contact, message, ...
	since        TEXT,
	last_contact TEXT,
	updated_at   TEXT NOT NULL
);

-- User-assigned groups of known people. A tag is compared folded, so "Work"
-- and "work" are one tag; the spelling first used is kept for display.
CREATE TABLE tags (
	person_key TEXT NOT NULL REFERENCES known (key),
	folded     TEXT NOT NULL,
	tag        TEXT NOT NULL,
	PRIMARY KEY (person_key, folded)
);
CREATE INDEX tags_folded ON tags (folded);

-- Messages from the exports, reduced to what linkvet uses. hash is SHA-256
-- of sender, time and content, so importing a message again finds it.
CREATE TABLE messages (
	id              INTEGER PRIMARY KEY,
	hash            BLOB NOT NULL UNIQUE,
	conversation_id TEXT NOT NULL DEFAULT '',
	from_name       TEXT NOT NULL DEFAULT '',
	from_url        TEXT NOT NULL DEFAULT '',
	to_name         TEXT NOT NULL DEFAULT '',
	to_urls         TEXT NOT NULL DEFAULT '', -- JSON array, '' when empty
	at              TEXT NOT NULL,
	subject         TEXT NOT NULL DEFAULT '',
	content         TEXT NOT NULL DEFAULT '',
	outgoing        INTEGER NOT NULL DEFAULT 0
);

-- One row per import. finished_at stays NULL when the import was
-- interrupted: the batches it committed are kept, and the next import of the
-- same export completes the rest.
CREATE TABLE imports (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	known       INTEGER NOT NULL DEFAULT 0,
	incoming    INTEGER NOT NULL DEFAULT 0,
	outgoing    INTEGER NOT NULL DEFAULT 0,
	messages    INTEGER NOT NULL DEFAULT 0,
	unchanged   INTEGER NOT NULL DEFAULT 0,
	accepted    INTEGER NOT NULL DEFAULT 0, -- invitations found accepted outside linkvet
	hidden      INTEGER NOT NULL DEFAULT 0, -- connections hidden by their owners
	files       TEXT NOT NULL DEFAULT '[]'  -- JSON array of linkvet.FileSummary
);
