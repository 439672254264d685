package apptest

import (
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"
)

// checkOutbox fails the test when an audit row has no event in the outbox,
// or a subject's events are not numbered 1, 2, 3… as event_sequences says:
// so every audited change of every test checks that it writes its events.
func checkOutbox(t testing.TB, db *gorm.DB) {
	t.Helper()
	if _, skip := outboxUnchecked.Load(db); skip {
		return
	}
	var bad []string
	err := db.Raw(`
		SELECT 'audit row ' || a.id || ' (' || a.entity || ' ' || a.action || ') has no event'
		FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.audit_id = a.id)
		UNION ALL
		SELECT 'events of ' || e.subject_type || ' ' || e.subject_id || ' are numbered ' || string_agg(e.sequence::text, ',' ORDER BY e.sequence)
		       || ', last ' || coalesce(max(s.last), 0)
		FROM events e LEFT JOIN event_sequences s USING (subject_type, subject_id)
		GROUP BY e.subject_type, e.subject_id
		HAVING min(e.sequence) <> 1 OR max(e.sequence) <> count(*) OR max(e.sequence) <> max(s.last)
		LIMIT 20`).Scan(&bad).Error
	if err != nil {
		t.Errorf("the outbox could not be checked: %v", err)
		return
	}
	if len(bad) > 0 {
		t.Errorf("the outbox does not match the audit trail:\n%s", strings.Join(bad, "\n"))
	}
}

var outboxUnchecked sync.Map // of *gorm.DB

// WithoutOutboxCheck leaves this Env's outbox unchecked when the test ends:
// for the benchmark that turns the outbox off to measure its cost.
func (e *Env) WithoutOutboxCheck() { outboxUnchecked.Store(e.DB, true) }
