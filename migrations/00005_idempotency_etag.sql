-- +goose Up
-- A replayed response carries the ETag of the first.
ALTER TABLE idempotency_keys ADD COLUMN etag text;

-- +goose Down
ALTER TABLE idempotency_keys DROP COLUMN etag;
