-- 0010: after a policy change, the inbox keeps the new listings and leaves
-- the wide verdict rows alone until a verdict is read whole.
--
-- Listing 5,000 pending invitations after a policy change used to write
-- every verdict that changed (its JSON, a wide row) besides its listing,
-- and to read each verdict's state again to guard against another process
-- (see service.unchangedSince). Now:
--
--   - invitations.revision counts the changes to an invitation's text. A
--     listing made from a screening is kept only if the invitation is still
--     at the revision that was screened (one comparison in the statement
--     that writes it), whoever else writes the store meanwhile.
--   - listings.unsaved is 1 when the stored verdict is not the one the
--     listing was made from (the listing was kept, the verdict not): a
--     verdict read whole then reports its own state, which is stale, and is
--     screened again and stored. 0 (every row written before) is 0008's
--     rule: the verdict's JSON is the one digest names.
--   - listings.revision is the revision the listing was made from.
--   - listings.action and listings.category copy the listing's own, so
--     that the inbox filters on the listing rather than on a verdict row
--     that may be older than it. Rows written before take them from their
--     verdict, which they describe.
--
-- Columns added with defaults and one UPDATE of the narrow rows: every row
-- stored before is kept.
ALTER TABLE invitations ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- One place for every writer of an invitation's text, now and later.
CREATE TRIGGER invitations_revision AFTER UPDATE OF json ON invitations
WHEN NEW.json IS NOT OLD.json
BEGIN
	UPDATE invitations SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;

ALTER TABLE listings ADD COLUMN unsaved INTEGER NOT NULL DEFAULT 0;
-- The revision of the invitation the listing was made from: a transaction
-- that found listings unchanged checks, before it marks them current, that
-- the listings of a state are still the ones it found (sqlite/alias.go),
-- from sums over the narrow rows alone.
ALTER TABLE listings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE listings ADD COLUMN action TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN category TEXT NOT NULL DEFAULT '';

UPDATE listings SET action = v.action, category = v.category
	FROM verdicts v WHERE v.invitation_id = listings.invitation_id;
