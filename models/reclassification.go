package models

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Reclassification is a request to change a venue's level, with its reason.
type Reclassification struct {
	ID        uuid.UUID                    `json:"id" gorm:"type:uuid;primaryKey"`
	VenueID   uuid.UUID                    `json:"venue_id" gorm:"type:uuid"`
	FromLevel vocab.RiskLevel              `json:"from_level"`
	ToLevel   vocab.RiskLevel              `json:"to_level"`
	Reason    string                       `json:"reason"`
	Status    vocab.ReclassificationStatus `json:"status"`
	FiledBy   *uuid.UUID                   `json:"filed_by" gorm:"type:uuid"`
	DecidedBy *uuid.UUID                   `json:"decided_by" gorm:"type:uuid"`
	Comment   string                       `json:"comment"`
	CreatedAt time.Time                    `json:"created_at"`
	DecidedAt *time.Time                   `json:"decided_at"`
	Version   int                          `json:"version"`
}

// NewReclassification is a proposal to move a venue to another level.
type NewReclassification struct {
	ID      uuid.UUID
	ToLevel vocab.RiskLevel
	Reason  string
}

// FileReclassification files a level change for a venue in scope. Filed by
// an officer it is pending until a supervisor decides; filed by a supervisor
// or an admin it is applied at once. A venue has at most one pending
// proposal (a second is a conflict). A retried request with the same id and
// fields returns the first result.
func FileReclassification(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID, in NewReclassification) (Reclassification, error) {
	var c Check
	term(&c, "to_level", vocab.RiskLevels, in.ToLevel)
	c.Add(in.Reason == "" || len([]rune(in.Reason)) > 1000, "reason", "must be 1-1000 characters")
	if err := c.Err(); err != nil {
		return Reclassification{}, err
	}
	if in.ID == uuid.Nil {
		in.ID = newID()
	}
	var out Reclassification
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		out, _, err = createOnce(ctx, tx, "reclassifications", "a reclassification", in.ID,
			func() (Reclassification, error) { return getReclassification(ctx, tx, actor, in.ID) },
			func(x Reclassification) bool {
				return x.VenueID == venueID && x.ToLevel == in.ToLevel && x.Reason == in.Reason
			},
			func() (Reclassification, error) { return fileReclassification(ctx, tx, actor, venueID, in) })
		return err
	})
	return out, err
}

// fileReclassification is the create of FileReclassification.
func fileReclassification(ctx context.Context, tx *gorm.DB, actor Actor, venueID uuid.UUID, in NewReclassification) (Reclassification, error) {
	v, err := lockVenueAny(ctx, tx, actor, venueID)
	if err != nil {
		return Reclassification{}, err
	}
	if v.RiskLevel == in.ToLevel {
		return Reclassification{}, Invalid("to_level", "the venue is %s already", v.RiskLevel)
	}
	out := Reclassification{ID: in.ID, VenueID: venueID, FromLevel: v.RiskLevel, ToLevel: in.ToLevel, Reason: in.Reason,
		Status: vocab.ReclassPending, FiledBy: nullID(actor.UserID), Version: 1}
	if actor.FilingDecides() {
		now := time.Now()
		out.Status, out.DecidedBy, out.DecidedAt = vocab.ReclassApproved, nullID(actor.UserID), &now
	}
	if err := tx.Omit("CreatedAt").Create(&out).Error; err != nil {
		if cerr, ok := translate(err, "").(*ConflictError); ok {
			if cerr.Field == "id" { // the id of a row out of scope: answered as one in scope
				return out, cerr
			}
			return out, Conflict("venue_id", "the venue has a pending reclassification already")
		}
		return out, translate(err, "insert reclassification")
	}
	// Read back what was stored: created_at is the database's.
	if err := tx.Take(&out, "id = ?", out.ID).Error; err != nil {
		return out, translate(err, "read reclassification")
	}
	if err := audit(ctx, tx, actor, "create", "reclassification", out.ID, &v.GridID, nil, out); err != nil {
		return out, err
	}
	if out.Status == vocab.ReclassApproved {
		return out, applyLevel(ctx, tx, actor, v, out)
	}
	return out, nil
}

// applyLevel moves the venue to the reclassification's level, records it in
// the venue's history, and cancels the venue's routine inspections still
// scheduled under the old interval (rule 2).
func applyLevel(ctx context.Context, tx *gorm.DB, actor Actor, v Venue, r Reclassification) error {
	err := tx.Exec(`UPDATE venues SET risk_level = ?, version = version + 1, updated_at = now() WHERE id = ?`, r.ToLevel, v.ID).Error
	if err != nil {
		return translate(err, "change level")
	}
	err = tx.Exec(`INSERT INTO venue_level_changes (venue_id, from_level, to_level, reason, changed_by, reclassification_id) VALUES (?, ?, ?, ?, ?, ?)`,
		v.ID, r.FromLevel, r.ToLevel, r.Reason, nullID(actor.UserID), r.ID).Error
	if err != nil {
		return translate(err, "record level change")
	}
	after := v
	after.RiskLevel, after.Version = r.ToLevel, v.Version+1
	if err := audit(ctx, tx, actor, "reclassify", "venue", v.ID, &v.GridID, v, after); err != nil {
		return err
	}
	_, err = cancelStale(ctx, tx, actor, "the venue's level changed", oneVenue(v.ID))
	return err
}

// lockVenueAny locks a venue in scope whatever its version.
func lockVenueAny(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID) (Venue, error) {
	var v Venue
	err := actor.Scoped(tx.WithContext(ctx), "grid_id").Clauses(forUpdate).Take(&v, "id = ?", id).Error
	return v, translate(err, "lock venue")
}

// DecideReclassification approves or rejects a pending proposal. Only a
// supervisor in scope or an admin decides (an officer: ErrForbidden), and
// never on a proposal they filed themselves. A decided proposal, or one
// whose venue has changed level since, is a conflict.
func DecideReclassification(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, approve bool, comment string) (Reclassification, error) {
	if len([]rune(comment)) > 1000 {
		return Reclassification{}, Invalid("comment", "must be at most 1000 characters")
	}
	action := ActRejectReclass
	if approve {
		action = ActApproveReclass
	}
	var out Reclassification
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := getReclassification(ctx, tx.Clauses(forUpdate), actor, id)
		if err != nil {
			return err
		}
		if err := actor.MayDecide(DecideProposal, r.FiledBy); err != nil {
			return err
		}
		to, err := ReclassificationLife.Step(action, r.Status)
		if err != nil {
			return err
		}
		v, err := lockVenueAny(ctx, tx, actor, r.VenueID)
		if err != nil {
			return err
		}
		if approve && v.RiskLevel != r.FromLevel {
			return Conflict("from_level", "the venue is %s now, not %s; file a new reclassification", v.RiskLevel, r.FromLevel)
		}
		err = tx.Exec(`UPDATE reclassifications SET status = ?, decided_by = ?, comment = ?, decided_at = now(), version = version + 1 WHERE id = ?`,
			to, nullID(actor.UserID), comment, r.ID).Error
		if err != nil {
			return translate(err, "decide reclassification")
		}
		if out, err = getReclassification(ctx, tx, actor, id); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, action, "reclassification", r.ID, &v.GridID, r, out); err != nil {
			return err
		}
		if approve {
			return applyLevel(ctx, tx, actor, v, out)
		}
		return nil
	})
	if err != nil {
		return Reclassification{}, err
	}
	return out, nil
}

// reclassScope restricts reclassifications to those of venues in scope.
func reclassScope(q *gorm.DB, actor Actor) *gorm.DB {
	if actor.IsAdmin() {
		return q
	}
	cond, args := actor.ScopeSQL("grid_id")
	return q.Where("venue_id IN (SELECT id FROM venues WHERE "+cond+")", args...)
}

func getReclassification(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Reclassification, error) {
	var r Reclassification
	err := reclassScope(db.WithContext(ctx), actor).Take(&r, "id = ?", id).Error
	return r, translate(err, "read reclassification")
}

// GetReclassification returns a reclassification of a venue in scope.
func GetReclassification(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Reclassification, error) {
	return getReclassification(ctx, db, actor, id)
}

// ReclassificationFilter narrows a list of reclassifications.
type ReclassificationFilter struct {
	Status  vocab.ReclassificationStatus
	VenueID *uuid.UUID
}

// ListReclassifications lists reclassifications of venues in scope, oldest first.
func ListReclassifications(ctx context.Context, db *gorm.DB, actor Actor, f ReclassificationFilter, p Page) (List[Reclassification], error) {
	q := reclassScope(db.WithContext(ctx).Model(&Reclassification{}), actor)
	if f.Status != "" {
		if !f.Status.Valid() {
			return List[Reclassification]{}, Invalid("status", "must be one of %s", vocab.ReclassificationStatuses.List())
		}
		q = q.Where("status = ?", f.Status)
	}
	if f.VenueID != nil {
		q = q.Where("venue_id = ?", *f.VenueID)
	}
	return pageByKey(q, p, "id", "list reclassifications", func(x Reclassification) uuid.UUID { return x.ID })
}
