package schedules

import (
	"context"
	"fmt"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Who is who made a change, for the audit rows of what it cancels.
type Who struct {
	UserID    *uuid.UUID
	RequestID string
}

// CancelStale carries out rule 2 for the venues that match venueCond (a SQL
// condition on venues v, with its args): their routine inspections still
// `scheduled` under an interval that is no longer their level's, or of a
// venue no longer active, are cancelled, each with an audit row. It is one
// statement whatever the number of venues. It returns how many it cancelled.
//
// A level change, a policy change and closing a venue call it in their
// transactions; the generator calls it for venues changed since its last
// run, as a safety net for changes made outside the API.
func CancelStale(ctx context.Context, tx *gorm.DB, who Who, reason, venueCond string, args ...any) (int64, error) {
	// A run in progress may be making inspections under the old level:
	// wait for it to commit, so that what it made is cancelled here.
	if err := tx.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock_shared(?)", changeLock).Error; err != nil {
		return 0, fmt.Errorf("wait for schedule generation: %w", err)
	}
	q := `
		WITH c AS (
			UPDATE inspections i SET status = 'cancelled', version = i.version + 1, updated_at = now()
			FROM venues v JOIN policy p ON p.risk_level = v.risk_level
			WHERE i.venue_id = v.id AND i.kind = 'routine' AND i.status = 'scheduled'
			  AND (v.status <> 'active' OR i.interval <> p.interval)
			  AND (` + venueCond + `)
			RETURNING i.id, i.grid_id, i.interval, i.period_start
		)
		INSERT INTO audit_log (actor_id, action, entity, entity_id, grid_id, before, after, request_id)
		SELECT ?::uuid, 'cancel', 'inspection', c.id, c.grid_id,
		       jsonb_build_object('status', 'scheduled', 'interval', c.interval, 'period_start', c.period_start),
		       jsonb_build_object('status', 'cancelled', 'reason', ?::text), ?
		FROM c`
	res := tx.WithContext(ctx).Exec(q, append(args, who.UserID, reason, who.RequestID)...)
	if res.Error != nil {
		return 0, fmt.Errorf("cancel stale inspections: %w", res.Error)
	}
	return res.RowsAffected, nil
}
