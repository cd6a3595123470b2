-- 0008: what the inbox shows of each invitation, kept beside the verdict it
-- was made from, so that listing thousands reads one short index entry each
-- and decodes no JSON (see linkvet.Listing).
--
-- listing is the listing in the store's own compact form (listing.go),
-- attention its place in the inbox (highest first), listed_state the state
-- of the verdict it was made from. NULL listed_state means there is no
-- listing (no verdict yet, a verdict saved without one, an invitation
-- enriched since, or a store from before this migration): the service makes
-- it from the stored verdict, or screens again, the next time it lists.
-- Nothing is rewritten here, so every row is kept as it was.
ALTER TABLE invitations ADD COLUMN attention INTEGER;
ALTER TABLE invitations ADD COLUMN listing TEXT;
ALTER TABLE invitations ADD COLUMN listed_state TEXT;

-- The inbox in its order: one index scan lists a page, without reading a
-- table row or sorting.
CREATE INDEX invitations_inbox ON invitations
	(direction, pending, attention DESC, sent_at DESC, id, listed_state, listing);
