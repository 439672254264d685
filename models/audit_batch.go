package models

import (
	"context"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// An audit batch holds the single-row audit writes of one transaction and
// writes them, with their events, in one statement at its end: a submit
// audits about ten changes (the inspection, each hazard, the reinspection,
// each document, the owner invitation), and each was a statement of its own
// (docs/BENCHMARKS.md). The rows, their order, their events and the events'
// sequence numbers are what audit would have written one by one; only the
// audit ids are drawn when the batch is written, and a set-based audit
// (auditEach) writes the rows queued before it first. Nothing in a transaction
// reads the audit trail or the outbox back, and a transaction that fails
// writes neither, so the difference cannot be seen.

type auditBatchKey struct{}

// auditBatch is the queue of one transaction, for one actor.
type auditBatch struct {
	actor Actor
	rows  []queuedAudit
}

// queuedAudit is one audit row and the types of its events.
type queuedAudit struct {
	action, entity string
	id             uuid.UUID
	gridID         *uuid.UUID
	before, after  any // JSON text or nil
	types          []string
}

// batchAudits runs fn, a transaction's body, with its single-row audits
// queued in ctx, and writes them when fn succeeds.
func batchAudits(ctx context.Context, actor Actor, fn func(ctx context.Context, tx *gorm.DB) error) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error {
		b := &auditBatch{actor: actor}
		if err := fn(context.WithValue(ctx, auditBatchKey{}, b), tx); err != nil {
			return err
		}
		return b.write(ctx, tx)
	}
}

// queue adds a row when ctx holds a batch of actor's: it answers false
// otherwise, and the row is written at once.
func queue(ctx context.Context, actor Actor, row queuedAudit) bool {
	b, ok := ctx.Value(auditBatchKey{}).(*auditBatch)
	if !ok || b.actor.UserID != actor.UserID || b.actor.RequestID != actor.RequestID || b.actor.Owner != actor.Owner {
		return false
	}
	b.rows = append(b.rows, row)
	return true
}

// write writes the queued rows in their order, numbered from the audit
// log's sequence, and their events, each subject's numbered on from its
// last sequence number.
func (b *auditBatch) write(ctx context.Context, tx *gorm.DB) error {
	if len(b.rows) == 0 {
		return nil
	}
	q := sqlOf("WITH r (ord, action, entity, entity_id, grid_id, before, after, types) AS (VALUES ")
	for i, r := range b.rows {
		if i > 0 {
			q.add(", ")
		}
		// The types are plain words (a dot and an underscore at most): a
		// text[] literal needs no quoting.
		q.add("(?::int, ?::text, ?::text, ?::uuid, ?::uuid, ?::jsonb, ?::jsonb, ?::text[])", i, r.action, r.entity, r.id, r.gridID, r.before, r.after,
			"{"+strings.Join(r.types, ",")+"}")
	}
	actorID, kind := auditActor(b.actor)
	q.add(`),
	numbered AS (SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) AS id, r.* FROM (SELECT * FROM r ORDER BY ord) r),
	audit_rows AS (INSERT INTO audit_log (id, actor_id, actor_kind, request_id, action, entity, entity_id, grid_id, before, after)
		OVERRIDING SYSTEM VALUE
		SELECT nb.id, ?::uuid, ?, ?, nb.action, nb.entity, nb.entity_id, nb.grid_id, nb.before, nb.after FROM numbered nb ORDER BY nb.id
		RETURNING id, at)`, actorID, kind, b.actor.RequestID)
	if outboxOn {
		q.add(`,
	event_rows AS (
		SELECT nb.id AS audit_id, a.at, nb.entity, nb.entity_id, nb.grid_id, t.type,
		       row_number() OVER (PARTITION BY nb.entity_id ORDER BY nb.id, t.ord) AS n,
		       count(*) OVER (PARTITION BY nb.entity_id) AS k
		FROM numbered nb JOIN audit_rows a ON a.id = nb.id, unnest(nb.types) WITH ORDINALITY AS t (type, ord)
	),
	` + numberedEvents)
	}
	q.add("\nSELECT count(*) FROM audit_rows")
	var n int64
	err := tx.WithContext(ctx).Raw(q.sql, q.args...).Scan(&n).Error
	b.rows = nil
	return translate(err, "write audit rows")
}

// typesOf are the event types of matched rules, in their order.
func typesOf(rules []eventRule) []string {
	rules = slices.Clone(rules)
	slices.SortStableFunc(rules, func(a, b eventRule) int { return a.ord - b.ord })
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = string(r.typ)
	}
	return out
}
