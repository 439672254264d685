package models

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/forms"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Extensions (延期整改): before a hazard's deadline, the venue asks (through
// an officer) for a later one; a supervisor in scope decides within 3
// working days. Approval moves the deadline and the reinspection; either
// way the decision is an extension_decision document.

// Extension is a request to extend a hazard's deadline.
type Extension struct {
	ID                uuid.UUID             `json:"id"`
	HazardID          uuid.UUID             `json:"hazard_id"`
	VenueID           uuid.UUID             `json:"venue_id"`
	GridID            uuid.UUID             `json:"grid_id"`
	OldDeadline       schedules.Date        `json:"old_deadline"`
	RequestedOn       schedules.Date        `json:"requested_on"`
	RequestedDeadline schedules.Date        `json:"requested_deadline"`
	Reason            string                `json:"reason"`
	Status            vocab.ExtensionStatus `json:"status"`
	DecideBy          schedules.Date        `json:"decide_by"`
	FiledBy           *uuid.UUID            `json:"filed_by"`
	FiledByOwner      bool                  `json:"filed_by_owner"`
	DecidedBy         *uuid.UUID            `json:"decided_by"`
	DecidedAt         *time.Time            `json:"decided_at"`
	Comment           string                `json:"comment"`
	DocumentID        *uuid.UUID            `json:"document_id"`
	Version           int                   `json:"version"`
	CreatedAt         time.Time             `json:"created_at"`
	UpdatedAt         time.Time             `json:"updated_at"`
}

const extensionColumns = `e.id, e.hazard_id, e.venue_id, e.grid_id, e.old_deadline, e.requested_on, e.requested_deadline, e.reason, e.status, e.decide_by,
	e.filed_by, e.filed_by_owner, e.decided_by, e.decided_at, e.comment, e.version, e.created_at, e.updated_at,
	(SELECT d.id FROM documents d WHERE d.extension_id = e.id ORDER BY d.created_at DESC LIMIT 1) AS document_id`

// GetExtension returns an extension request in scope.
func GetExtension(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Extension, error) {
	var e Extension
	err := actor.Scoped(db.WithContext(ctx).Table("extensions e"), "e.grid_id").Select(extensionColumns).Where("e.id = ?", id).Take(&e).Error
	return e, translate(err, "read extension")
}

// NewExtension is a request to extend a deadline.
type NewExtension struct {
	ID                uuid.UUID
	RequestedDeadline schedules.Date
	Reason            string
}

// RequestExtension files a request to extend the deadline of an open
// deadline hazard in scope, before its deadline, to a date at most
// MAX_DEADLINE_DAYS ahead. One request at a time per hazard; the same
// request sent again (same id) answers the first.
func RequestExtension(ctx context.Context, db *gorm.DB, actor Actor, hazardID uuid.UUID, in NewExtension, rules FieldRules, today schedules.Date) (Extension, error) {
	var c Check
	c.Add(in.RequestedDeadline.IsZero(), "requested_deadline", "is required (YYYY-MM-DD)")
	c.Add(strings.TrimSpace(in.Reason) == "" || len([]rune(in.Reason)) > 2000, "reason", "must be 1-2000 characters")
	if err := c.Err(); err != nil {
		return Extension{}, err
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	var out Extension
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "extensions", "an extension", in.ID,
			func() (Extension, error) { return GetExtension(ctx, tx, actor, in.ID) },
			func(x Extension) bool {
				return x.HazardID == hazardID && x.RequestedDeadline == in.RequestedDeadline && x.Reason == in.Reason
			},
			func() (Extension, error) {
				h, err := lockHazard(ctx, tx, actor, hazardID)
				if err != nil {
					return Extension{}, err
				}
				if h.FixMode != vocab.FixDeadline || h.Deadline.IsZero() {
					return Extension{}, Conflict("fix_mode", "only a hazard fixed by a deadline has one to extend")
				}
				if h.Status != vocab.HazardOpen {
					return Extension{}, Conflict("status", "the hazard is %s; only an open one needs more time", h.Status)
				}
				if err := rules.checkExtension(h.Deadline, in.RequestedDeadline, today); err != nil {
					return Extension{}, err
				}
				var pending int64
				if err := tx.Raw("SELECT count(*) FROM extensions WHERE hazard_id = ? AND status = 'pending'", h.ID).Scan(&pending).Error; err != nil {
					return Extension{}, translate(err, "read extensions")
				}
				if pending > 0 {
					return Extension{}, Conflict("hazard_id", "an extension of this hazard is waiting for a decision already")
				}
				cal, err := schedules.LoadCalendar(ctx, tx, today)
				if err != nil {
					return Extension{}, err
				}
				err = tx.Exec(`INSERT INTO extensions (id, hazard_id, venue_id, grid_id, old_deadline, requested_on, requested_deadline, reason, decide_by, filed_by, filed_by_owner)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.ID, h.ID, h.VenueID, h.GridID, h.Deadline, today, in.RequestedDeadline, in.Reason,
					cal.AddWorkingDays(today, decideWorkingDays), nullID(actor.UserID), actor.IsOwner()).Error
				if err != nil {
					return Extension{}, translate(err, "insert extension")
				}
				made, err := GetExtension(ctx, tx, actor, in.ID)
				if err != nil {
					return made, err
				}
				return made, audit(ctx, tx, actor, ActRequestExtension, "extension", in.ID, &h.GridID, nil, made)
			})
		return err
	})
	return out, err
}

// DecideExtension approves or rejects a pending extension in scope. A
// supervisor or an admin decides, never on their own request. Approval
// moves the hazard's deadline and its reinspection (opens on the new
// deadline, due 3 working days after); either way an extension_decision is
// issued.
func DecideExtension(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, approve bool, comment string, rules FieldRules, today schedules.Date) (Extension, error) {
	if len([]rune(comment)) > 2000 {
		return Extension{}, Invalid("comment", "must be at most 2000 characters")
	}
	if !approve && strings.TrimSpace(comment) == "" {
		return Extension{}, Invalid("comment", "say why the extension is refused")
	}
	action := ActApproveExtension
	if !approve {
		action = ActRejectExtension
	}
	var out Extension
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var e Extension
		err := actor.Scoped(tx.WithContext(ctx).Table("extensions e"), "e.grid_id").Select(extensionColumns).
			Clauses(clause.Locking{Strength: forUpdate.Strength, Table: clause.Table{Name: "e"}}).Where("e.id = ?", id).Take(&e).Error
		if err != nil {
			return translate(err, "lock extension")
		}
		if err := actor.MayDecide(GrantExtension, e.FiledBy); err != nil {
			return err
		}
		to, err := ExtensionLife.Step(action, e.Status)
		if err != nil {
			return err
		}
		cal, err := schedules.LoadCalendar(ctx, tx, today)
		if err != nil {
			return err
		}
		if approve {
			if err := moveDeadline(ctx, tx, actor, e, rules, cal, today); err != nil {
				return err
			}
		}
		err = tx.Exec(`UPDATE extensions SET status = ?, decided_by = ?, decided_at = now(), comment = ?, version = version + 1,
			updated_at = now() WHERE id = ?`, to, nullID(actor.UserID), comment, id).Error
		if err != nil {
			return translate(err, "decide extension")
		}
		if err := decisionDocument(ctx, tx, actor, e, approve, comment, cal, today); err != nil {
			return err
		}
		if out, err = GetExtension(ctx, tx, actor, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, action, "extension", id, &e.GridID, e, out)
	})
	return out, err
}

// moveDeadline gives the hazard of an approved extension its new deadline
// and the reinspection for it (one of the venue's open for that day, or a
// new one); the old reinspection is cancelled when no hazard is left on it.
func moveDeadline(ctx context.Context, tx *gorm.DB, actor Actor, e Extension, rules FieldRules, cal schedules.Calendar, today schedules.Date) error {
	h, err := lockHazard(ctx, tx, actor, e.HazardID)
	if err != nil {
		return err
	}
	if h.Status != vocab.HazardOpen {
		return Conflict("status", "the hazard is %s now; there is no deadline left to extend", h.Status)
	}
	if e.RequestedDeadline.Sub(today) > rules.MaxDeadlineDays {
		return Conflict("requested_deadline", "is more than %d days from today now", rules.MaxDeadlineDays)
	}
	before, err := GetHazard(ctx, tx, actor, h.ID, today)
	if err != nil {
		return err
	}
	in, err := GetInspection(ctx, tx, Actor{Role: vocab.Admin}, h.InspectionID, today)
	if err != nil {
		return err
	}
	rid, err := reinspectionFor(ctx, tx, actor, in, e.RequestedDeadline, cal, map[schedules.Date]uuid.UUID{}, today)
	if err != nil {
		return err
	}
	err = tx.Exec(`UPDATE hazards SET deadline = ?, reinspection_id = ?, version = version + 1, updated_at = now() WHERE id = ?`,
		e.RequestedDeadline, rid, h.ID).Error
	if err != nil {
		return translate(err, "extend deadline")
	}
	if h.ReinspectionID != nil && *h.ReinspectionID != rid {
		if err := dropEmptyReinspection(ctx, tx, actor, *h.ReinspectionID, today); err != nil {
			return err
		}
	}
	after, err := GetHazard(ctx, tx, actor, h.ID, today)
	if err != nil {
		return err
	}
	return audit(ctx, tx, actor, "extend", "hazard", h.ID, &h.GridID, before, after)
}

// decisionDocument issues the extension_decision of a decided extension.
func decisionDocument(ctx context.Context, tx *gorm.DB, actor Actor, e Extension, approve bool, comment string, cal schedules.Calendar, today schedules.Date) error {
	st, err := stationOf(ctx, tx, e.GridID)
	if err != nil {
		return err
	}
	facts, err := readVisitFacts(ctx, tx, e.VenueID, actor.UserID)
	if err != nil {
		return err
	}
	hs, err := readDocHazards(ctx, tx, "h.id = ?", e.HazardID)
	if err != nil {
		return err
	}
	t, err := loadTemplate(ctx, tx, vocab.DocExtensionDecision)
	if err != nil {
		return err
	}
	decision := "不同意延期。原整改期限" + chineseDate(e.OldDeadline) + "不变。"
	deadline := e.OldDeadline
	if approve {
		decision = "同意延期，整改期限延至" + chineseDate(e.RequestedDeadline) + "。"
		deadline = e.RequestedDeadline
	}
	if comment != "" {
		decision += "理由：" + comment
	}
	vals := baseValues(facts, st, today)
	vals["requested_on"] = chineseDate(e.RequestedOn)
	vals["requested_deadline"] = chineseDate(e.RequestedDeadline)
	vals["deadline"] = chineseDate(deadline)
	vals["decision"] = decision
	sheet := t.sheetOf(vals)
	fillFacts(&sheet, facts, st, today)
	sheet.Deadline = chineseDate(deadline)
	sheet.Items = []forms.Item{}
	for _, h := range hs {
		it := h.item()
		it.Deadline = chineseDate(deadline)
		sheet.Items = append(sheet.Items, it)
	}
	_, err = makeDocument(ctx, tx, actor, newDocument{Kind: vocab.DocExtensionDecision, GridID: e.GridID, VenueID: e.VenueID,
		ExtensionID: &e.ID, HazardIDs: []uuid.UUID{e.HazardID}, Sheet: sheet, ServeFrom: today}, cal, today)
	return err
}
