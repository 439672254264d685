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
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	row := sqlOf("SELECT ?::uuid AS entity_id, ?::uuid AS grid_id, ?::jsonb AS before, ?::jsonb AS after", id, gridID, b, a)
	_, err = auditEach(ctx, db, actor, action, entity, stmt{}, row)
	return err
}

// auditEach is the one writer of the audit trail: it writes a row for each
// row of rows (a SELECT of entity_id, grid_id, before and after), by actor,
// in one statement. with, when not empty, is the WITH list of that
// statement: the set-based change being audited (data-modifying CTEs whose
// RETURNING rows feeds), so that a change and its trail are one statement
// whatever the number of rows. It returns how many rows it wrote.
func auditEach(ctx context.Context, db *gorm.DB, actor Actor, action, entity string, with, rows stmt) (int64, error) {
	var q stmt
	if with.sql != "" {
		q.add("WITH ").addStmt(with).add("\n")
	}
	q.add(`INSERT INTO audit_log (actor_id, request_id, action, entity, entity_id, grid_id, before, after)
		SELECT ?::uuid, ?, ?, ?, r.entity_id, r.grid_id, r.before, r.after`, nullID(actor.UserID), actor.RequestID, action, entity)
	q.add(" FROM (").addStmt(rows).add(") r")
	res := db.WithContext(ctx).Exec(q.sql, q.args...)
	return res.RowsAffected, translate(res.Error, "write audit rows")
}

// jsonOrNull is v as JSON text, or nil (SQL NULL) for nil.
func jsonOrNull(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
