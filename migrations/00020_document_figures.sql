-- +goose Up
-- The figures and the document ledger count a unit's documents of a period
-- grid by grid (models/stats.go): this index reads a grid's period, not
-- every document it ever had.
CREATE INDEX documents_grid_created_idx ON documents (grid_id, created_at);

-- +goose Down
DROP INDEX documents_grid_created_idx;
