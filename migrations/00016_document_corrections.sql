-- +goose Up
-- A corrected or reissued document names the one it replaces: the old one
-- is void (reason "corrected", or the supervisor's reason), or, when it was
-- served, stays served, since a served document never changes.
ALTER TABLE documents ADD COLUMN replaces_id uuid REFERENCES documents (id);
CREATE UNIQUE INDEX documents_replaces_idx ON documents (replaces_id) WHERE replaces_id IS NOT NULL AND status <> 'void';

-- +goose Down
DROP INDEX documents_replaces_idx;
ALTER TABLE documents DROP COLUMN replaces_id;
