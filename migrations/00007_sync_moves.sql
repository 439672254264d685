-- +goose Up
-- Sync tombstones for every grid a venue has left, not only the last one: a
-- venue moved G11 → G12 → G13 between two syncs must still leave G11's
-- officer's phone. The list keeps the 16 most recent previous grids.
ALTER TABLE venues ADD COLUMN prev_grid_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE venues SET prev_grid_ids = ARRAY[prev_grid_id] WHERE prev_grid_id IS NOT NULL;
ALTER TABLE venues DROP COLUMN prev_grid_id;

-- Bumped on a unit and its ancestors when a unit moves under them or away
-- from them, so that their supervisors' sync cursors reset (a grid moved to
-- another station leaves the old station and joins the new one).
ALTER TABLE org_units ADD COLUMN tree_version bigint NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE org_units DROP COLUMN tree_version;
ALTER TABLE venues ADD COLUMN prev_grid_id uuid;
UPDATE venues SET prev_grid_id = prev_grid_ids[cardinality(prev_grid_ids)] WHERE cardinality(prev_grid_ids) > 0;
ALTER TABLE venues DROP COLUMN prev_grid_ids;
