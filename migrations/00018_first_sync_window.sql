-- +goose Up
-- A first sync sends an officer's grids' unfinished inspections whatever
-- their age, and the rest of the last half-year only (models.SyncHistoryDays):
-- this index finds the unfinished ones without reading years of closed
-- ones; (grid_id, due_date) already finds the recent.
CREATE INDEX inspections_unfinished_idx ON inspections (grid_id, due_date)
    WHERE status IN ('scheduled', 'in_progress', 'returned', 'submitted');

-- +goose Down
DROP INDEX inspections_unfinished_idx;
