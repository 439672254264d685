package models

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// deliveriesKept is how long a delivered delivery is listed; longer than
// every reminder's window, so that a reminder's dedupe key outlives it.
const deliveriesKept = 30 * 24 * time.Hour

// notifyDaily is the daily run's part of the outbox: hazard.overdue, once,
// for each open hazard past its deadline (audited as the run's "overdue"),
// report.overdue, once, for each report past its due time and not checked,
// the deadline reminders to venues, and forgetting old deliveries.
func notifyDaily(ctx context.Context, tx *gorm.DB, actor Actor, today schedules.Date) error {
	rows := sqlOf(`SELECT h.id AS entity_id, h.grid_id, NULL::jsonb AS before,
		       jsonb_build_object('id', h.id, 'inspection_id', h.inspection_id, 'venue_id', h.venue_id, 'grid_id', h.grid_id,
		                          'code', h.code, 'severity', h.severity, 'status', h.status, 'deadline', h.deadline,
		                          'reinspection_id', h.reinspection_id, 'overdue', true) AS after
		FROM hazards h
		WHERE h.status = 'open' AND h.deadline < ?
		  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'hazard' AND e.subject_id = h.id AND e.type = ?)
		ORDER BY h.id`, today, string(EventHazardOverdue))
	if _, err := auditEach(ctx, tx, actor, "overdue", "hazard", stmt{}, rows); err != nil {
		return err
	}
	if err := reportsOverdue(ctx, tx, actor); err != nil {
		return err
	}
	if _, err := remindDeadlines(ctx, tx, today); err != nil {
		return err
	}
	return purgeDeliveries(ctx, tx, deliveriesKept)
}

// reportsOverdue audits, once each, the reports past their due time and not
// checked (report.overdue). The run is daily: a report due at 15:00 is
// reported overdue by the next run.
func reportsOverdue(ctx context.Context, tx *gorm.DB, actor Actor) error {
	rows := sqlOf(`SELECT r.id AS entity_id, r.grid_id, NULL::jsonb AS before,
		       jsonb_build_object('id', r.id, 'venue_id', r.venue_id, 'grid_id', r.grid_id, 'kind', r.kind, 'source', r.source,
		                          'status', r.status, 'received_at', r.received_at, 'due_at', r.due_at,
		                          'inspection_id', r.inspection_id, 'overdue', true) AS after
		FROM reports r
		WHERE r.status = 'received' AND r.due_at < now()
		  AND NOT EXISTS (SELECT 1 FROM events e WHERE e.subject_type = 'report' AND e.subject_id = r.id AND e.type = ?)
		ORDER BY r.id`, string(EventReportOverdue))
	_, err := auditEach(ctx, tx, actor, "overdue", "report", stmt{}, rows)
	return err
}
