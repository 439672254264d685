-- +goose Up
-- Review, figures and ledgers: indexes for per-grid figures, and an audit
-- trail that nothing can rewrite.

CREATE INDEX inspections_grid_due_idx ON inspections (grid_id, due_date);
CREATE INDEX hazards_grid_created_idx ON hazards (grid_id, created_at);
CREATE INDEX inspections_review_idx ON inspections (grid_id, submitted_at) WHERE status = 'submitted';
CREATE INDEX hazards_review_idx ON hazards (grid_id, rectified_at) WHERE status = 'rectified';
CREATE INDEX audit_log_grid_idx ON audit_log (grid_id, id);

-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TRIGGER audit_log_no_truncate ON audit_log;
DROP TRIGGER audit_log_no_update ON audit_log;
DROP FUNCTION audit_log_append_only();
DROP INDEX audit_log_grid_idx;
DROP INDEX hazards_review_idx;
DROP INDEX inspections_review_idx;
DROP INDEX hazards_grid_created_idx;
DROP INDEX inspections_grid_due_idx;
