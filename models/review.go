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
	Type         string    `json:"type"` // inspection or hazard
	ID           uuid.UUID `json:"id"`
	VenueID      uuid.UUID `json:"venue_id"`
	VenueName    string    `json:"venue_name"`
	VenueAddress string    `json:"venue_address"`
	GridID       uuid.UUID `json:"grid_id"`
	// GridName is the name of the item's grid.
	GridName string     `json:"grid_name"`
	At       time.Time  `json:"at"` // submitted or rectified
	By       *uuid.UUID `json:"by"`
	// ByName is the name of who submitted or rectified it.
	ByName *string `json:"by_name"`
	// VenueRiskLevel is the venue's level now.
	VenueRiskLevel string `json:"venue_risk_level"`
	// OffSite: the inspection was started beyond the check-in radius.
	OffSite bool `json:"off_site"`
	// Major: a major hazard is involved.
	Major bool `json:"major"`
	// Late: submitted after its due date, or fixed after its deadline.
	Late bool   `json:"late"`
	Kind string `json:"kind"` // the inspection's kind, or the hazard's code
	// DueOn is when a decision is due: an extension is decided within 3
	// working days of the request (null for the others).
	DueOn *schedules.Date `json:"due_on"`
	// ByOwner: the venue's owner recorded the fix or asked for the extension.
	ByOwner bool `json:"by_owner"`
}

// QueueFilter narrows the review queue; the zero filter is all of it,
// oldest first.
type QueueFilter struct {
	Type    string // inspection, hazard or extension
	Kind    string // an inspection's kind or a hazard's code
	GridID  *uuid.UUID
	By      *uuid.UUID // who submitted, rectified or asked
	OffSite *bool
	Major   *bool
	Late    *bool
	Newest  bool // newest first
	// Zone is the service's time zone, in which "late" compares days.
	Zone string
}

// QueueList is one page of the queue and how many items match in all.
type QueueList struct {
	List[QueueItem]
	Total int64 `json:"total"`
}

type queueCursor struct {
	At time.Time `json:"at"`
	ID uuid.UUID `json:"id"`
}

// ReviewQueue lists the submitted inspections, the rectified hazards and
// the pending extensions (with the day their decision is due) in the
// actor's scope that match f, oldest first unless f.Newest, with their
// count. Supervisors and admins only.
func ReviewQueue(ctx context.Context, db *gorm.DB, actor Actor, f QueueFilter, p Page) (QueueList, error) {
	if !actor.CanDecide() {
		return QueueList{}, ErrForbidden
	}
	var c Check
	c.Add(f.Type != "" && f.Type != "inspection" && f.Type != "hazard" && f.Type != "extension", "type", "must be inspection, hazard or extension")
	if err := c.Err(); err != nil {
		return QueueList{}, err
	}
	var after queueCursor
	if p.Cursor != "" {
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return QueueList{}, err
		}
	}
	zone := f.Zone
	if zone == "" {
		zone = "UTC"
	}
	inScope, args := actor.ScopeSQL("i.grid_id")
	hScope, hArgs := actor.ScopeSQL("h.grid_id")
	eScope, eArgs := actor.ScopeSQL("e.grid_id")
	all := append(append([]any{zone}, args...), zone)
	all = append(append(all, hArgs...), eArgs...)
	sql := `SELECT * FROM (
		SELECT 'inspection' AS type, i.id, i.venue_id, v.name AS venue_name, v.address AS venue_address, v.risk_level AS venue_risk_level,
		       i.grid_id, g.name AS grid_name, i.submitted_at AS at, i.assignee_id AS by, u.name AS by_name,
		       i.off_site, EXISTS (SELECT 1 FROM hazards h WHERE h.inspection_id = i.id AND h.severity = 'major') AS major,
		       coalesce((i.submitted_at AT TIME ZONE ?)::date > i.due_date, false) AS late, i.kind,
		       NULL::date AS due_on, false AS by_owner
		FROM inspections i JOIN venues v ON v.id = i.venue_id JOIN org_units g ON g.id = i.grid_id LEFT JOIN users u ON u.id = i.assignee_id
		WHERE i.status = 'submitted' AND ` + inScope + `
		UNION ALL
		SELECT 'hazard', h.id, h.venue_id, v.name, v.address, v.risk_level, h.grid_id, g.name, h.rectified_at, h.rectified_by, u.name,
		       false, h.severity = 'major', coalesce((h.rectified_at AT TIME ZONE ?)::date > h.deadline, false), h.code, NULL::date, h.rectified_by_owner
		FROM hazards h JOIN venues v ON v.id = h.venue_id JOIN org_units g ON g.id = h.grid_id LEFT JOIN users u ON u.id = h.rectified_by
		WHERE h.status = 'rectified' AND ` + hScope + `
		UNION ALL
		SELECT 'extension', e.id, e.venue_id, v.name, v.address, v.risk_level, e.grid_id, g.name, e.created_at, e.filed_by, u.name,
		       false, h.severity = 'major', false, h.code, e.decide_by, e.filed_by_owner
		FROM extensions e JOIN hazards h ON h.id = e.hazard_id JOIN venues v ON v.id = e.venue_id JOIN org_units g ON g.id = e.grid_id
		LEFT JOIN users u ON u.id = e.filed_by
		WHERE e.status = 'pending' AND ` + eScope + `
	) q WHERE TRUE`
	if f.Type != "" {
		sql += " AND type = ?"
		all = append(all, f.Type)
	}
	if f.Kind != "" {
		sql += " AND kind = ?"
		all = append(all, f.Kind)
	}
	if f.GridID != nil {
		sql += " AND grid_id = ?"
		all = append(all, *f.GridID)
	}
	if f.By != nil {
		sql += " AND by = ?"
		all = append(all, *f.By)
	}
	for _, b := range []struct {
		col string
		v   *bool
	}{{"off_site", f.OffSite}, {"major", f.Major}, {"late", f.Late}} {
		if b.v != nil {
			sql += " AND " + b.col + " = ?"
			all = append(all, *b.v)
		}
	}
	var out QueueList
	if err := db.WithContext(ctx).Raw("SELECT count(*) FROM ("+sql+") c", all...).Scan(&out.Total).Error; err != nil {
		return QueueList{}, translate(err, "count review queue")
	}
	order, cmp := " ORDER BY at, id", ">"
	if f.Newest {
		order, cmp = " ORDER BY at DESC, id DESC", "<"
	}
	if p.Cursor != "" {
		sql += " AND (at, id) " + cmp + " (?, ?)"
		all = append(all, after.At, after.ID)
	}
	sql += order + " LIMIT ?"
	all = append(all, p.limit()+1)
	var rows []QueueItem
	if err := db.WithContext(ctx).Raw(sql, all...).Scan(&rows).Error; err != nil {
		return QueueList{}, translate(err, "read review queue")
	}
	out.List = pageOf(rows, p.limit(), func(q QueueItem) any { return queueCursor{At: q.At, ID: q.ID} })
	return out, nil
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
