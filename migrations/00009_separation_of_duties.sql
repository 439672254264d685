-- +goose Up
-- Separation of duties (models/duties.go), kept by the database too: nobody
-- verifies a fix they recorded, reviews an inspection they did, or decides a
-- reclassification they filed (except the one a supervisor or an admin files,
-- which is approved as it is filed and never changed after: version 1).
-- NOT VALID: rows written before the rule are left as they were; every row
-- written or changed from now on keeps it.
ALTER TABLE hazards ADD CONSTRAINT hazards_verifier_not_fixer
    CHECK (verified_by IS NULL OR rectified_by IS NULL OR verified_by <> rectified_by) NOT VALID;
ALTER TABLE inspections ADD CONSTRAINT inspections_reviewer_not_assignee
    CHECK (reviewed_by IS NULL OR assignee_id IS NULL OR reviewed_by <> assignee_id) NOT VALID;
ALTER TABLE reclassifications ADD CONSTRAINT reclassifications_decider_not_filer
    CHECK (decided_by IS NULL OR filed_by IS NULL OR decided_by <> filed_by OR (status = 'approved' AND version = 1)) NOT VALID;

-- +goose Down
ALTER TABLE reclassifications DROP CONSTRAINT reclassifications_decider_not_filer;
ALTER TABLE inspections DROP CONSTRAINT inspections_reviewer_not_assignee;
ALTER TABLE hazards DROP CONSTRAINT hazards_verifier_not_fixer;
