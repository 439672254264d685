package models

import (
	"context"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// AuditRow is one change in the audit trail.
type AuditRow struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   *uuid.UUID      `json:"actor_id"`
	ActorKind vocab.ActorKind `json:"actor_kind"`
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
	rules := matchRules(rulesOf(entity, action), b, a)
	if len(rules) == 0 {
		panic("models: no event rule matches " + entity + " " + action + " (add one to eventRules)")
	}
	if queue(ctx, actor, queuedAudit{action: action, entity: entity, id: id, gridID: gridID, before: b, after: a, types: typesOf(rules)}) {
		return nil // written with the transaction's other rows (batchAudits)
	}
	row := sqlOf("SELECT ?::uuid AS entity_id, ?::uuid AS grid_id, ?::jsonb AS before, ?::jsonb AS after", id, gridID, b, a)
	_, err = writeAudit(ctx, db, actor, action, entity, stmt{}, row, rules)
	return err
}

// matchRules are the rules that apply to one change, its subject's status
// before and after read from its JSON, as rules without conditions: for a
// single row the choice is made here, and the statement stays the simple
// one whenever one event is made.
func matchRules(rules []eventRule, before, after any) []eventRule {
	status := func(j any) string {
		var v struct {
			Status string `json:"status"`
		}
		if s, ok := j.(string); ok {
			_ = json.Unmarshal([]byte(s), &v)
		}
		return v.Status
	}
	from, to := status(before), status(after)
	var out []eventRule
	for _, r := range rules {
		if (r.from == "" || r.from == from) && (r.to == "" || r.to == to) {
			r.from, r.to = "", ""
			out = append(out, r)
		}
	}
	return out
}

// auditEach is the one writer of the audit trail: it writes a row for each
// row of rows (a SELECT of entity_id, grid_id, before and after), by actor,
// in one statement. with, when not empty, is the WITH list of that
// statement: the set-based change being audited (data-modifying CTEs whose
// RETURNING rows feeds), so that a change and its trail are one statement
// whatever the number of rows. The same statement writes each row's events
// to the outbox (eventRules), so no change is audited without its events and
// a rollback takes both. It returns how many audit rows it wrote.
func auditEach(ctx context.Context, db *gorm.DB, actor Actor, action, entity string, with, rows stmt) (int64, error) {
	rules := rulesOf(entity, action)
	if len(rules) == 0 {
		panic("models: no event rule for " + entity + " " + action + " (add one to eventRules)")
	}
	return writeAudit(ctx, db, actor, action, entity, with, rows, rules)
}

// writeAudit is auditEach with the rules to apply.
func writeAudit(ctx context.Context, db *gorm.DB, actor Actor, action, entity string, with, rows stmt, rules []eventRule) (int64, error) {
	// The rows queued before this one go first, so that the trail and each
	// subject's events keep the order of the changes.
	if b, ok := ctx.Value(auditBatchKey{}).(*auditBatch); ok {
		if err := b.write(ctx, db); err != nil {
			return 0, err
		}
	}
	var q stmt
	q.add("WITH ")
	if with.sql != "" {
		q.addStmt(with).add(",\n")
	}
	actorID, kind := auditActor(actor)
	q.add(`audit_rows AS (INSERT INTO audit_log (actor_id, actor_kind, request_id, action, entity, entity_id, grid_id, before, after)
		SELECT ?::uuid, ?, ?, ?, ?, r.entity_id, r.grid_id, r.before, r.after`, actorID, kind, actor.RequestID, action, entity)
	q.add(" FROM (").addStmt(rows).add(") r RETURNING id, at, entity, entity_id, grid_id, before, after)")
	if outboxOn {
		q.addStmt(outboxCTEs(rules))
	}
	q.add("\nSELECT count(*) FROM audit_rows")
	var n int64
	err := db.WithContext(ctx).Raw(q.sql, q.args...).Scan(&n).Error
	return n, translate(err, "write audit rows")
}

// auditActor is who an audit row names: a user, or an owner session.
func auditActor(actor Actor) (any, vocab.ActorKind) {
	if actor.IsOwner() {
		return &actor.Owner.SessionID, vocab.ActorOwner
	}
	return nullID(actor.UserID), vocab.ActorUser
}

// outboxOn is false only in the benchmark that measures what the outbox
// costs a write.
var outboxOn = true

// outboxCTEs are the CTEs that write the events of audit_rows: each row
// joined to its rules (by the subject's status before and after), numbered
// per subject, the subject's last sequence number moved on by as many, and
// the events written with theirs.
func outboxCTEs(rules []eventRule) stmt {
	if len(rules) == 1 && rules[0].from == "" && rules[0].to == "" {
		// One event per row, as most changes make: the same without the
		// join and the numbering, which cost a write a third more.
		return sqlOf(`,
	event_seq AS (
		INSERT INTO event_sequences AS s (subject_type, subject_id, last)
		SELECT entity, entity_id, 1 FROM audit_rows ORDER BY entity_id
		ON CONFLICT (subject_type, subject_id) DO UPDATE SET last = s.last + 1
		RETURNING subject_id, last
	),
	event_ins AS (
		INSERT INTO events (type, occurred_at, org_unit_id, subject_type, subject_id, sequence, audit_id)
		SELECT ?, a.at, a.grid_id, a.entity, a.entity_id, s.last, a.id
		FROM audit_rows a JOIN event_seq s ON s.subject_id = a.entity_id
	)`, string(rules[0].typ))
	}
	q := sqlOf(`,
	event_rules (from_status, to_status, type, ord) AS (VALUES `)
	for i, r := range rules {
		if i > 0 {
			q.add(", ")
		}
		q.add("(?::text, ?::text, ?::text, ?::int)", nullIfEmpty(r.from), nullIfEmpty(r.to), string(r.typ), r.ord)
	}
	q.add(`),
	event_rows AS (
		SELECT a.id AS audit_id, a.at, a.entity, a.entity_id, a.grid_id, m.type,
		       row_number() OVER (PARTITION BY a.entity_id ORDER BY a.id, m.ord) AS n,
		       count(*) OVER (PARTITION BY a.entity_id) AS k
		FROM audit_rows a JOIN event_rules m
		  ON (m.from_status IS NULL OR m.from_status = a.before->>'status')
		 AND (m.to_status IS NULL OR m.to_status = a.after->>'status')
	),
	` + numberedEvents)
	return q
}

// numberedEvents are the CTEs that write the events of event_rows (an
// audit row's id and time, its subject and grid, the event's type, its
// number n among the k events of that subject in the statement): the
// subject's last sequence number moved on by k, and each event numbered
// from there.
const numberedEvents = `event_seq AS (
		INSERT INTO event_sequences AS s (subject_type, subject_id, last)
		SELECT entity, entity_id, max(k) FROM event_rows GROUP BY entity, entity_id
		ORDER BY entity_id
		ON CONFLICT (subject_type, subject_id) DO UPDATE SET last = s.last + excluded.last
		RETURNING subject_id, last
	),
	event_ins AS (
		INSERT INTO events (type, occurred_at, org_unit_id, subject_type, subject_id, sequence, audit_id)
		SELECT e.type, e.at, e.grid_id, e.entity, e.entity_id, s.last - e.k + e.n, e.audit_id
		FROM event_rows e JOIN event_seq s ON s.subject_id = e.entity_id
		ORDER BY e.audit_id, e.n
	)`

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
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
