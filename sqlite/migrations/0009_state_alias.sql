-- 0009: listings current under a later state without a write per row.
--
-- After a policy change the inbox screens every pending invitation again,
-- and most verdicts come out as they were. Stamping each such listing with
-- the new state rewrote thousands of rows. Instead, when one transaction
-- screened again, under state current, every listing stamped old (all of
-- them, whatever their direction or decision), and each came out as it
-- was or was written anew, the store keeps the row (old, current): a
-- listing stamped old is then current under current as well as under old.
--
-- One row per old state; a later alias for the same old state replaces it
-- (the earlier one is forgotten: its listings are screened again if that
-- state comes back, which costs time, never correctness). Any save of
-- listings under a state drops the aliases from that state, so a listing
-- stamped old that was never screened under current is never taken as
-- current (see sqlite/alias.go). A new table: no row stored before is
-- changed.
CREATE TABLE state_aliases (
	old     TEXT PRIMARY KEY,
	current TEXT NOT NULL
) WITHOUT ROWID;
