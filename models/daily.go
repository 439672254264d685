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
	if _, err := remindDeadlines(ctx, tx, today); err != nil {
		return err
	}
	return purgeDeliveries(ctx, tx, deliveriesKept)
}
