package models

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// QueueItem is one piece of work waiting for a supervisor: a submitted
// inspection, or a rectified hazard whose fix awaits verification.
type QueueItem struct {
	Type      string     `json:"type"` // inspection or hazard
	ID        uuid.UUID  `json:"id"`
	VenueID   uuid.UUID  `json:"venue_id"`
	VenueName string     `json:"venue_name"`
	GridID    uuid.UUID  `json:"grid_id"`
	At        time.Time  `json:"at"` // submitted or rectified
	By        *uuid.UUID `json:"by"`
	// ByName is the name of who submitted or rectified it.
	ByName *string `json:"by_name"`
	// VenueRiskLevel is the venue's level now.
	VenueRiskLevel string `json:"venue_risk_level"`
	// OffSite: the inspection was started beyond the check-in radius.
	OffSite bool `json:"off_site"`
	// Major: a major hazard is involved.
	Major bool   `json:"major"`
	Kind  string `json:"kind"` // the inspection's kind, or the hazard's code
	// DueOn is when a decision is due: an extension is decided within 3
	// working days of the request (null for the others).
	DueOn *schedules.Date `json:"due_on"`
}

type queueCursor struct {
	At time.Time `json:"at"`
	ID uuid.UUID `json:"id"`
}

// ReviewQueue lists, oldest first, the submitted inspections, the
// rectified hazards and the pending extensions (with the day their decision
// is due) in the actor's scope. Supervisors and admins only.
func ReviewQueue(ctx context.Context, db *gorm.DB, actor Actor, p Page) (List[QueueItem], error) {
	if !actor.CanDecide() {
		return List[QueueItem]{}, ErrForbidden
	}
	var after queueCursor
	if p.Cursor != "" {
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return List[QueueItem]{}, err
		}
	}
	inScope, args := actor.ScopeSQL("i.grid_id")
	hScope, hArgs := actor.ScopeSQL("h.grid_id")
	eScope, eArgs := actor.ScopeSQL("e.grid_id")
	all := append(append(append([]any{}, args...), hArgs...), eArgs...)
	sql := `SELECT * FROM (
		SELECT 'inspection' AS type, i.id, i.venue_id, v.name AS venue_name, v.risk_level AS venue_risk_level, i.grid_id,
		       i.submitted_at AS at, i.assignee_id AS by, u.name AS by_name,
		       i.off_site, EXISTS (SELECT 1 FROM hazards h WHERE h.inspection_id = i.id AND h.severity = 'major') AS major, i.kind,
		       NULL::date AS due_on
		FROM inspections i JOIN venues v ON v.id = i.venue_id LEFT JOIN users u ON u.id = i.assignee_id
		WHERE i.status = 'submitted' AND ` + inScope + `
		UNION ALL
		SELECT 'hazard', h.id, h.venue_id, v.name, v.risk_level, h.grid_id, h.rectified_at, h.rectified_by, u.name,
		       false, h.severity = 'major', h.code, NULL::date
		FROM hazards h JOIN venues v ON v.id = h.venue_id LEFT JOIN users u ON u.id = h.rectified_by
		WHERE h.status = 'rectified' AND ` + hScope + `
		UNION ALL
		SELECT 'extension', e.id, e.venue_id, v.name, v.risk_level, e.grid_id, e.created_at, e.filed_by, u.name,
		       false, h.severity = 'major', h.code, e.decide_by
		FROM extensions e JOIN hazards h ON h.id = e.hazard_id JOIN venues v ON v.id = e.venue_id LEFT JOIN users u ON u.id = e.filed_by
		WHERE e.status = 'pending' AND ` + eScope + `
	) q`
	if p.Cursor != "" {
		sql += " WHERE (at, id) > (?, ?)"
		all = append(all, after.At, after.ID)
	}
	sql += " ORDER BY at, id LIMIT ?"
	all = append(all, p.limit()+1)
	var rows []QueueItem
	if err := db.WithContext(ctx).Raw(sql, all...).Scan(&rows).Error; err != nil {
		return List[QueueItem]{}, translate(err, "read review queue")
	}
	return pageOf(rows, p.limit(), func(q QueueItem) any { return queueCursor{At: q.At, ID: q.ID} }), nil
}

// AuditFilter narrows the audit trail.
type AuditFilter struct {
	Entity   string
	EntityID *uuid.UUID
}

// ListAudit lists audit rows, oldest first. An admin sees the whole trail;
// a supervisor or an officer the rows of entities in their grids.
func ListAudit(ctx context.Context, db *gorm.DB, actor Actor, f AuditFilter, p Page) (List[AuditRow], error) {
	q := db.WithContext(ctx).Model(&AuditRow{})
	if !actor.IsAdmin() {
		cond, args := actor.ScopeSQL("grid_id")
		q = q.Where("grid_id IS NOT NULL AND "+cond, args...)
	}
	if f.Entity != "" {
		q = q.Where("entity = ?", f.Entity)
	}
	if f.EntityID != nil {
		q = q.Where("entity_id = ?", *f.EntityID)
	}
	return pageByKey(q, p, "id", "read audit trail", func(x AuditRow) int64 { return x.ID })
}
