package models

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Delivery is one event on its way to one subscription, or one text message
// on its way to the gateway (kind sms).
type Delivery struct {
	ID            uuid.UUID            `json:"id"`
	Kind          string               `json:"kind"`
	WebhookID     *uuid.UUID           `json:"webhook_id"`
	EventID       *uuid.UUID           `json:"event_id"`
	EventType     *string              `json:"event_type"`
	Status        vocab.DeliveryStatus `json:"status"`
	Attempts      int                  `json:"attempts"`
	LastStatus    *int                 `json:"last_status"`
	LastError     string               `json:"last_error"`
	LastAttemptAt *time.Time           `json:"last_attempt_at"`
	NextAttemptAt *time.Time           `json:"next_attempt_at"`
	DeliveredAt   *time.Time           `json:"delivered_at"`
	CreatedAt     time.Time            `json:"created_at"`
}

const deliveryColumns = `d.id, CASE WHEN d.sms_id IS NULL THEN 'webhook' ELSE 'sms' END AS kind, d.webhook_id, d.event_id,
	e.type AS event_type, d.status, d.attempts, d.last_status, d.last_error, d.last_attempt_at,
	CASE WHEN d.status = 'pending' THEN d.next_attempt_at END AS next_attempt_at, d.delivered_at, d.created_at`

func getDelivery(ctx context.Context, db *gorm.DB, id uuid.UUID) (Delivery, error) {
	var d Delivery
	err := db.WithContext(ctx).Table("deliveries d").Joins("LEFT JOIN events e ON e.id = d.event_id").
		Select(deliveryColumns).Where("d.id = ?", id).Take(&d).Error
	return d, translate(err, "read delivery")
}

// ListDeliveries lists a subscription's deliveries, newest first, with
// status ("pending", "delivered", "failed") when not empty. Admins only.
func ListDeliveries(ctx context.Context, db *gorm.DB, actor Actor, webhookID uuid.UUID, status string, p Page) (List[Delivery], error) {
	if !actor.IsAdmin() {
		return List[Delivery]{}, ErrForbidden
	}
	if status != "" && !vocab.DeliveryStatus(status).Valid() {
		return List[Delivery]{}, Invalid("status", "must be one of %s", strings.Join(vocab.DeliveryStatuses.Strings(), ", "))
	}
	if _, err := getWebhook(ctx, db, webhookID); err != nil {
		return List[Delivery]{}, err
	}
	q := db.WithContext(ctx).Table("deliveries d").Joins("LEFT JOIN events e ON e.id = d.event_id").
		Select(deliveryColumns).Where("d.webhook_id = ?", webhookID)
	if status != "" {
		q = q.Where("d.status = ?", status)
	}
	if p.Cursor != "" {
		var after uuid.UUID
		if err := DecodeCursor(p.Cursor, &after); err != nil {
			return List[Delivery]{}, err
		}
		q = q.Where("d.id < ?", after)
	}
	var rows []Delivery
	if err := q.Order("d.id DESC").Limit(p.limit() + 1).Find(&rows).Error; err != nil {
		return List[Delivery]{}, translate(err, "list deliveries")
	}
	return pageOf(rows, p.limit(), func(d Delivery) any { return d.ID }), nil
}

// RetryDelivery sends a delivery again at once, with a new window of
// retries: a failed one, or a delivered one the receiver lost. A pending one
// is a conflict (it is being retried). Admins only.
func RetryDelivery(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (Delivery, error) {
	if !actor.IsAdmin() {
		return Delivery{}, ErrForbidden
	}
	var out Delivery
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var status vocab.DeliveryStatus
		if err := tx.Raw("SELECT status FROM deliveries WHERE id = ? FOR UPDATE", id).Scan(&status).Error; err != nil {
			return translate(err, "lock delivery")
		}
		switch status {
		case "":
			return ErrNotFound
		case vocab.DeliveryPending:
			return Conflict("status", "the delivery is pending; it is retried already")
		}
		err := tx.Exec(`UPDATE deliveries SET status = 'pending', next_attempt_at = ?, retry_from = ?, lease = NULL, delivered_at = NULL
			WHERE id = ?`, now, now, id).Error
		if err != nil {
			return translate(err, "retry delivery")
		}
		out, err = getDelivery(ctx, tx, id)
		return err
	})
	return out, err
}

// TestWebhook queues a webhook.test event for one subscription alone (active
// or not) and returns its delivery. Admins only.
func TestWebhook(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (Delivery, error) {
	if !actor.IsAdmin() {
		return Delivery{}, ErrForbidden
	}
	var out Delivery
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		w, err := getWebhook(ctx, tx, id)
		if err != nil {
			return err
		}
		data, _ := json.Marshal(map[string]any{"webhook_id": w.ID, "message": "a test event from Jiuxiao; answer 2xx"})
		var did struct{ ID uuid.UUID }
		err = tx.Raw(`WITH seq AS (
				INSERT INTO event_sequences AS s (subject_type, subject_id, last) VALUES ('webhook', ?, 1)
				ON CONFLICT (subject_type, subject_id) DO UPDATE SET last = s.last + 1 RETURNING last),
			ev AS (
				INSERT INTO events (type, subject_type, subject_id, sequence, data, relayed_at)
				SELECT ?, 'webhook', ?, last, ?::jsonb, now() FROM seq RETURNING id)
			INSERT INTO deliveries (event_id, webhook_id, next_attempt_at, retry_from)
			SELECT id, ?, ?, ? FROM ev RETURNING id`,
			w.ID, string(EventWebhookTest), w.ID, string(data), w.ID, now, now).Scan(&did).Error
		if err != nil {
			return translate(err, "queue test event")
		}
		out, err = getDelivery(ctx, tx, did.ID)
		return err
	})
	return out, err
}

// Event is an event of the outbox as receivers get it.
type Event struct {
	ID         uuid.UUID       `json:"id"`
	Type       EventType       `json:"type"`
	OccurredAt time.Time       `json:"occurred_at"`
	OrgUnitID  *uuid.UUID      `json:"org_unit_id"`
	Subject    EventSubject    `json:"subject"`
	Sequence   int64           `json:"sequence"`
	Data       json.RawMessage `json:"data"`
}

// EventSubject is what an event is about.
type EventSubject struct {
	Type string    `json:"type"`
	ID   uuid.UUID `json:"id"`
}

// SMS is a queued text message.
type SMS struct {
	Phone    string            `json:"to"`
	Template string            `json:"template"`
	Params   map[string]string `json:"params"`
}

// Claimed is a delivery a dispatcher has leased: what to send and where.
type Claimed struct {
	ID        uuid.UUID
	Lease     uuid.UUID
	Attempts  int // before this one
	RetryFrom time.Time
	WebhookID *uuid.UUID
	URL       string
	Secrets   []string // the current secret, then the previous one while it still signs
	Event     *Event
	SMS       *SMS
}

// RelayEvents fans up to limit events not yet relayed out to the
// subscriptions that take them — of the event's type, active, and of its
// grid or a unit above it (or of no unit) — one delivery each, due at now.
// Replicas relay at the same time without overlap (SKIP LOCKED). It returns
// how many events of each type it relayed, and the deliveries it made.
func RelayEvents(ctx context.Context, db *gorm.DB, now time.Time, limit int) (map[EventType]int, int, error) {
	var rows []struct {
		Type       EventType
		Events     int
		Deliveries int
	}
	// Without JIT: the planner's estimate of this statement (every event
	// joined to every subscription, with webhooks seldom analyzed: a small
	// table's default estimate is 175 rows) passes jit_inline_above_cost, and
	// compiling it took 0.2-1.7 s per batch, even an empty one — the
	// dispatcher's occasional fall to 300 events/s (docs/BENCHMARKS.md).
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL jit = off").Error; err != nil {
			return err
		}
		return tx.Raw(`WITH e AS (
			SELECT id, type, org_unit_id FROM events WHERE relayed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),
		d AS (
			INSERT INTO deliveries (event_id, webhook_id, next_attempt_at, retry_from)
			SELECT e.id, w.id, ?, ? FROM e JOIN webhooks w ON w.active AND e.type = ANY (w.event_types)
			 AND (w.org_unit_id IS NULL OR EXISTS (SELECT 1 FROM org_units g WHERE g.id = e.org_unit_id AND g.path @> ARRAY[w.org_unit_id]))
			ORDER BY e.id
			RETURNING event_id),
		u AS (
			UPDATE events SET relayed_at = now() FROM e WHERE events.id = e.id)
		SELECT e.type, count(DISTINCT e.id) AS events, count(d.event_id) AS deliveries
		FROM e LEFT JOIN d ON d.event_id = e.id GROUP BY e.type`, limit, now, now).Scan(&rows).Error
	})
	if err != nil {
		return nil, 0, translate(err, "relay events")
	}
	out := make(map[EventType]int, len(rows))
	made := 0
	for _, r := range rows {
		out[r.Type] = r.Events
		made += r.Deliveries
	}
	return out, made, nil
}

// ClaimDeliveries leases up to limit deliveries due at now: they are not due
// again, for another dispatcher, until now + lease, unless FinishDeliveries
// records their outcome first. Deliveries to subscriptions made inactive
// wait, and a subscription gets at most perReceiver less what inFlight says
// it has in flight already (a dispatcher's own count), so that a receiver
// that hangs cannot take every slot.
func ClaimDeliveries(ctx context.Context, db *gorm.DB, now time.Time, lease time.Duration, limit, perReceiver int, inFlight map[uuid.UUID]int) ([]Claimed, error) {
	leaseID := newID()
	busy := map[string]int{}
	for w, n := range inFlight {
		busy[w.String()] = n
	}
	busyJSON, _ := json.Marshal(busy)
	var rows []struct {
		ID, Lease                   uuid.UUID
		Attempts                    int
		RetryFrom                   time.Time
		WebhookID, EventID          *uuid.UUID
		URL, Secret, PreviousSecret *string
		Type                        *EventType
		OccurredAt                  *time.Time
		OrgUnitID                   *uuid.UUID
		SubjectType                 *string
		SubjectID                   *uuid.UUID
		Sequence                    *int64
		Data, Params                *string
		Phone, Template             *string
	}
	err := db.WithContext(ctx).Raw(`WITH due AS (
			SELECT d.id, d.webhook_id, d.next_attempt_at,
			       row_number() OVER (PARTITION BY d.webhook_id ORDER BY d.next_attempt_at) AS rn
			FROM (SELECT id, webhook_id, next_attempt_at FROM deliveries
			      WHERE status = 'pending' AND next_attempt_at <= ?
			        AND (webhook_id IS NULL OR coalesce((?::jsonb ->> webhook_id::text)::int, 0) < ?)
			      ORDER BY next_attempt_at LIMIT ?) d
			WHERE d.webhook_id IS NULL OR EXISTS (SELECT 1 FROM webhooks w WHERE w.id = d.webhook_id AND w.active)),
		c AS (
			SELECT d.id FROM deliveries d
			WHERE d.id IN (SELECT due.id FROM due
			               WHERE due.webhook_id IS NULL OR due.rn <= ? - coalesce((?::jsonb ->> due.webhook_id::text)::int, 0))
			  AND d.status = 'pending' AND d.next_attempt_at <= ?
			ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED),
		u AS (
			UPDATE deliveries d SET next_attempt_at = ?, lease = ? FROM c WHERE d.id = c.id
			RETURNING d.id, d.lease, d.attempts, d.retry_from, d.webhook_id, d.event_id, d.sms_id)
		SELECT u.id, u.lease, u.attempts, u.retry_from, u.webhook_id, u.event_id,
		       w.url, w.secret, CASE WHEN w.previous_until > ? THEN w.previous_secret END AS previous_secret,
		       e.type, e.occurred_at, e.org_unit_id, e.subject_type, e.subject_id, e.sequence,
		       coalesce(e.data, a.after, a.before, '{}')::text AS data, s.phone, s.template, s.params::text AS params
		FROM u LEFT JOIN webhooks w ON w.id = u.webhook_id LEFT JOIN events e ON e.id = u.event_id
		LEFT JOIN audit_log a ON a.id = e.audit_id LEFT JOIN sms_messages s ON s.id = u.sms_id`,
		now, string(busyJSON), perReceiver, 4*limit, perReceiver, string(busyJSON), now, limit, now.Add(lease), leaseID, now).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "claim deliveries")
	}
	out := make([]Claimed, len(rows))
	for i, r := range rows {
		c := Claimed{ID: r.ID, Lease: r.Lease, Attempts: r.Attempts, RetryFrom: r.RetryFrom, WebhookID: r.WebhookID}
		if r.URL != nil {
			c.URL = *r.URL
			c.Secrets = []string{*r.Secret}
			if r.PreviousSecret != nil {
				c.Secrets = append(c.Secrets, *r.PreviousSecret)
			}
		}
		if r.EventID != nil {
			c.Event = &Event{ID: *r.EventID, Type: *r.Type, OccurredAt: *r.OccurredAt, OrgUnitID: r.OrgUnitID,
				Subject: EventSubject{Type: *r.SubjectType, ID: *r.SubjectID}, Sequence: *r.Sequence, Data: json.RawMessage(*r.Data)}
		}
		if r.Phone != nil {
			c.SMS = &SMS{Phone: *r.Phone, Template: *r.Template}
			_ = json.Unmarshal([]byte(*r.Params), &c.SMS.Params)
		}
		out[i] = c
	}
	return out, nil
}

// DeliveryResult is the outcome of one attempt: Status delivered, failed,
// or pending again at Next.
type DeliveryResult struct {
	ID, Lease uuid.UUID
	Status    vocab.DeliveryStatus
	Code      *int
	Error     string
	At, Next  time.Time
	Webhook   string // the subscription's id, or "sms": a label of the metrics
}

// FinishDeliveries records attempts' outcomes, in one statement. A result
// whose lease is no longer the delivery's (the lease ran out and another
// dispatcher took it) is dropped: the other one's outcome counts.
func FinishDeliveries(ctx context.Context, db *gorm.DB, results []DeliveryResult) (int64, error) {
	if len(results) == 0 {
		return 0, nil
	}
	q := sqlOf(`UPDATE deliveries d SET status = v.status, attempts = d.attempts + 1, last_status = v.code, last_error = v.error,
		last_attempt_at = v.at, next_attempt_at = v.next, lease = NULL,
		delivered_at = CASE WHEN v.status = 'delivered' THEN v.at END
		FROM (VALUES `)
	for i, r := range results {
		if i > 0 {
			q.add(", ")
		}
		q.add("(?::uuid, ?::uuid, ?::text, ?::int, ?::text, ?::timestamptz, ?::timestamptz)", r.ID, r.Lease, r.Status, r.Code, r.Error, r.At, r.Next)
	}
	q.add(") AS v (id, lease, status, code, error, at, next) WHERE d.id = v.id AND d.lease = v.lease")
	res := db.WithContext(ctx).Exec(q.sql, q.args...)
	return res.RowsAffected, translate(res.Error, "record deliveries")
}

// OutboxState is what the metrics show of the outbox: the age of the
// oldest event not yet delivered (relayed or not), and per subscription
// the deliveries pending and failed.
type OutboxState struct {
	OldestUndelivered *time.Time
	Pending, Failed   map[string]int // by webhook id, "sms" for text messages
}

// ReadOutboxState reads the OutboxState.
func ReadOutboxState(ctx context.Context, db *gorm.DB) (OutboxState, error) {
	st := OutboxState{Pending: map[string]int{}, Failed: map[string]int{}}
	err := db.WithContext(ctx).Raw(`SELECT least(
			(SELECT min(occurred_at) FROM events WHERE relayed_at IS NULL),
			(SELECT min(created_at) FROM deliveries WHERE status = 'pending'))`).Scan(&st.OldestUndelivered).Error
	if err != nil {
		return st, translate(err, "read outbox lag")
	}
	var rows []struct {
		Webhook string
		Status  string
		N       int
	}
	err = db.WithContext(ctx).Raw(`SELECT coalesce(webhook_id::text, 'sms') AS webhook, status, count(*) AS n
		FROM deliveries WHERE status <> 'delivered' GROUP BY 1, 2`).Scan(&rows).Error
	if err != nil {
		return st, translate(err, "count deliveries")
	}
	for _, r := range rows {
		if r.Status == string(vocab.DeliveryPending) {
			st.Pending[r.Webhook] = r.N
		} else {
			st.Failed[r.Webhook] = r.N
		}
	}
	return st, nil
}

// purgeDeliveries forgets deliveries delivered more than keep ago, and the
// text messages they carried (one-time codes among them), in the daily run.
func purgeDeliveries(ctx context.Context, tx *gorm.DB, keep time.Duration) error {
	secs := int64(keep.Seconds())
	// A text message's delivery goes with it (ON DELETE CASCADE).
	err := tx.WithContext(ctx).Exec(`DELETE FROM sms_messages s USING deliveries d
		WHERE d.sms_id = s.id AND d.status = 'delivered' AND d.delivered_at < now() - ? * interval '1 second'`, secs).Error
	if err == nil {
		err = tx.WithContext(ctx).Exec(`DELETE FROM deliveries WHERE status = 'delivered' AND delivered_at < now() - ? * interval '1 second'`, secs).Error
	}
	return translate(err, "purge deliveries")
}
