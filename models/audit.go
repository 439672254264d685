package models

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// AuditRow is one change in the audit trail.
type AuditRow struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   *uuid.UUID      `json:"actor_id"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  uuid.UUID       `json:"entity_id"`
	GridID    *uuid.UUID      `json:"grid_id"`
	Before    json.RawMessage `json:"before" gorm:"type:jsonb"`
	After     json.RawMessage `json:"after" gorm:"type:jsonb"`
	RequestID string          `json:"request_id"`
}

// TableName is the audit table.
func (AuditRow) TableName() string { return "audit_log" }

// audit writes one audit row in db's transaction. before and after are the
// entity as JSON before and after the change (nil when there is none).
// gridID is the grid the entity belongs to, for scoped reads of the trail.
func audit(ctx context.Context, db *gorm.DB, actor Actor, action, entity string, id uuid.UUID, gridID *uuid.UUID, before, after any) error {
	row := AuditRow{Action: action, Entity: entity, EntityID: id, GridID: gridID, RequestID: actor.RequestID}
	if actor.UserID != uuid.Nil {
		row.ActorID = &actor.UserID
	}
	var err error
	if row.Before, err = jsonOrNull(before); err != nil {
		return err
	}
	if row.After, err = jsonOrNull(after); err != nil {
		return err
	}
	return translate(db.WithContext(ctx).Omit("ID", "At").Create(&row).Error, "write audit row")
}

func jsonOrNull(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}
