-- +goose Up
-- A report about an address that is not a venue in Jiuxiao can be linked to
-- a known venue (its complaint inspection then checks it) or closed by the
-- grid's officer or a supervisor after checking the address: with a reason
-- (the outcome the reporter is told follows from it), a note for staff only,
-- and who closed it (models/report_close.go).
ALTER TABLE reports ADD COLUMN close_reason text CHECK (close_reason IN ('no_hazard', 'not_found', 'referred'));
ALTER TABLE reports ADD COLUMN close_note text NOT NULL DEFAULT '' CHECK (length(close_note) <= 2000);
ALTER TABLE reports ADD COLUMN closed_by uuid REFERENCES users (id);
ALTER TABLE reports ADD CONSTRAINT reports_close_reason CHECK (close_reason IS NULL OR (status = 'checked' AND venue_id IS NULL));

-- +goose Down
ALTER TABLE reports DROP CONSTRAINT reports_close_reason;
ALTER TABLE reports DROP COLUMN closed_by;
ALTER TABLE reports DROP COLUMN close_note;
ALTER TABLE reports DROP COLUMN close_reason;
