-- 0008: what the inbox shows of each invitation (linkvet.Listing), kept
-- beside the verdict it was made from, so that listing thousands reads one
-- short row each and decodes no JSON.
--
-- A table of its own, narrow: after a policy change most verdicts come out
-- as they were, and marking them current then rewrites these short rows,
-- not the wide rows of the invitation and verdict JSON.
--
-- One row per invitation whose listing describes its stored verdict:
-- listing is the listing in the store's compact form (listing.go),
-- attention its place in the inbox (highest first), state the state the
-- verdict is current in (it supersedes verdicts.state, which a verdict
-- screened again unchanged keeps), digest names the verdict's JSON;
-- direction, pending and sent_at copy the invitation's, for the order.
-- No row means no listing (no verdict yet, a verdict saved without one,
-- an invitation enriched since, a store from before this migration): the
-- service makes it from the stored verdict, or screens again, the next
-- time it lists. Nothing is rewritten here, so every row already stored
-- is kept as it was.
CREATE TABLE listings (
	direction     TEXT NOT NULL,
	pending       INTEGER NOT NULL,
	attention     INTEGER NOT NULL,
	sent_at       TEXT NOT NULL, -- '' when unknown: sorts last, as NULL would
	invitation_id TEXT NOT NULL REFERENCES invitations (id),
	state         TEXT NOT NULL,
	listing       TEXT NOT NULL,
	-- two CRCs of the verdict's JSON: a verdict screened again that comes
	-- out the same is then not written again, only this row's state.
	digest        INTEGER NOT NULL,
	-- The table is kept in the inbox's order: one range of it lists a
	-- page, without an index entry to maintain when only the state of a
	-- row changes, nor a sort.
	PRIMARY KEY (direction, pending, attention DESC, sent_at DESC, invitation_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX listings_invitation ON listings (invitation_id);

-- A decision (or an undo) moves the invitation in or out of the queue.
CREATE TRIGGER listings_pending AFTER UPDATE OF pending ON invitations
BEGIN
	UPDATE listings SET pending = NEW.pending WHERE invitation_id = NEW.id;
END;

-- The listing described the invitation as it was: it is made again.
CREATE TRIGGER listings_enriched AFTER UPDATE OF json ON invitations
WHEN NEW.json IS NOT OLD.json
BEGIN
	DELETE FROM listings WHERE invitation_id = NEW.id;
END;
