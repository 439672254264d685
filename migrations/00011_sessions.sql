-- +goose Up
-- Sessions that end when they should. Every access token names its session
-- (the family of its refresh tokens) and is checked against it and the
-- user's row on each request; issued_at is the access token's issue time of
-- the pair a refresh token came with, so that a retried refresh (within the
-- grace window) answers the very same pair.
ALTER TABLE refresh_tokens ADD COLUMN issued_at timestamptz;

-- Old login counters are purged by their window's start.
CREATE INDEX login_attempts_window_idx ON login_attempts (window_start);
-- Expired refresh tokens are purged by their expiry.
CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at);

-- +goose Down
DROP INDEX refresh_tokens_expires_idx;
DROP INDEX login_attempts_window_idx;
ALTER TABLE refresh_tokens DROP COLUMN issued_at;
