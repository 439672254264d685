package models

import (
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// A supervisor returns an inspection to have it corrected ("H is major; H2
// is bogus"). Its resubmission carries the hazards again as they should be:
// those already recorded are corrected in place (correctHazard), and none
// may be left out, because a hazard found stays on the record — it is
// closed by a fix that is verified, never by silence (checkResubmission).
// What cannot be applied is refused with the field named: a resubmission is
// never answered 200 with part of its body ignored.

// checkResubmission refuses a resubmission of a returned inspection that
// leaves out a hazard recorded by its first submission.
func checkResubmission(ctx context.Context, tx *gorm.DB, in Inspection, s Submission) error {
	if in.Status != vocab.Returned {
		return nil
	}
	var recorded []uuid.UUID
	if err := tx.WithContext(ctx).Raw("SELECT id FROM hazards WHERE inspection_id = ? ORDER BY created_at, id", in.ID).Scan(&recorded).Error; err != nil {
		return translate(err, "read hazards")
	}
	sent := make(map[uuid.UUID]bool, len(s.Hazards))
	for _, h := range s.Hazards {
		sent[h.ID] = true
	}
	var c Check
	for _, id := range recorded {
		c.Add(!sent[id], "hazards", "hazard %s was recorded by the first submission and is missing: a hazard found stays on the record, so send it again (corrected if need be)", id)
	}
	return c.Err()
}

// correctHazard makes a hazard recorded by this inspection's first
// submission what the resubmission says: code, severity, description,
// photos, fix mode and deadline. Its reinspection follows a new deadline
// (the old one is cancelled when no hazard is left on it), an on-site fix
// is recorded again, and a fix by deadline is open again. A hazard that has
// moved on since (a later fix, or a verification) is not changed: 409.
func correctHazard(ctx context.Context, tx *gorm.DB, actor Actor, in Inspection, h NewHazard, cal schedules.Calendar,
	reinspections map[schedules.Date]uuid.UUID, today schedules.Date) error {
	cur, err := lockHazard(ctx, tx, actor, h.ID)
	if err != nil {
		return err
	}
	var photos []uuid.UUID
	err = tx.Raw("SELECT photo_id FROM hazard_photos WHERE hazard_id = ? AND role = 'finding' ORDER BY position", h.ID).Scan(&photos).Error
	if err != nil {
		return translate(err, "read photos")
	}
	if !hazardCorrected(cur, photos, h) {
		return nil // sent again as it was
	}
	if !asSubmitted(cur) {
		return Conflict("hazards.id", "hazard %s is %s since it was recorded; it can no longer be corrected", h.ID, cur.Status)
	}
	before, err := GetHazard(ctx, tx, actor, h.ID, today)
	if err != nil {
		return err
	}
	deadline, reinspection, err := fixBy(ctx, tx, actor, in, h, cal, reinspections, today)
	if err != nil {
		return err
	}
	err = tx.Exec(`UPDATE hazards SET code = ?, severity = ?, description = ?, fix_mode = ?, deadline = ?, reinspection_id = ?,
		status = 'open', rectify_description = NULL, rectified_at = NULL, rectified_by = NULL, rectified_by_owner = false,
		version = version + 1, updated_at = now() WHERE id = ?`,
		h.Code, h.Severity, h.Description, h.FixMode, deadline, reinspection, h.ID).Error
	if err != nil {
		return translate(err, "correct hazard")
	}
	if err := tx.Exec(`DELETE FROM hazard_photos WHERE hazard_id = ?`, h.ID).Error; err != nil {
		return translate(err, "clear photos")
	}
	if err := recordFinding(tx, actor, h); err != nil {
		return err
	}
	if cur.ReinspectionID != nil && (reinspection == nil || *reinspection != *cur.ReinspectionID) {
		if err := dropEmptyReinspection(ctx, tx, actor, *cur.ReinspectionID, today); err != nil {
			return err
		}
	}
	after, err := GetHazard(ctx, tx, actor, h.ID, today)
	if err != nil {
		return err
	}
	return audit(ctx, tx, actor, "correct", "hazard", h.ID, &in.GridID, before, after)
}

// hazardCorrected reports whether a resubmitted hazard differs from the
// recorded one.
func hazardCorrected(cur Hazard, photos []uuid.UUID, h NewHazard) bool {
	deadlineSame := (h.Deadline == nil && cur.Deadline.IsZero()) || (h.Deadline != nil && *h.Deadline == cur.Deadline)
	return cur.Code != h.Code || cur.Severity != h.Severity || cur.Description != h.Description ||
		cur.FixMode != h.FixMode || !deadlineSame || !slices.Equal(photos, h.PhotoIDs)
}

// asSubmitted reports whether a hazard is still as its submission left it:
// an on-site one rectified by that visit, a deadline one open and unfixed.
func asSubmitted(h Hazard) bool {
	switch h.FixMode {
	case vocab.FixOnSite:
		return h.Status == vocab.HazardRectified && h.VerifiedAt == nil
	default:
		return h.Status == vocab.HazardOpen && h.RectifiedAt == nil && h.VerifiedAt == nil
	}
}

// dropEmptyReinspection cancels a reinspection still scheduled once no
// hazard is left on it (a corrected deadline moved them all elsewhere).
func dropEmptyReinspection(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, today schedules.Date) error {
	var left int64
	if err := tx.Raw("SELECT count(*) FROM hazards WHERE reinspection_id = ?", id).Scan(&left).Error; err != nil {
		return translate(err, "count hazards")
	}
	if left > 0 {
		return nil
	}
	before, err := GetInspection(ctx, tx, actor, id, today)
	if err != nil {
		return err
	}
	to, err := InspectionLife.Step(ActCancel, before.Status)
	if err != nil {
		return nil // started already: it stays
	}
	err = tx.Exec(`UPDATE inspections SET status = ?, notes = ?, version = version + 1, updated_at = now() WHERE id = ?`,
		to, fmt.Sprintf("no hazard left: its deadline was corrected (%s)", today), id).Error
	if err != nil {
		return translate(err, "cancel reinspection")
	}
	after := before
	after.Status, after.Version = to, before.Version+1
	return audit(ctx, tx, actor, ActCancel, "inspection", id, &before.GridID, before, after)
}
