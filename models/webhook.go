package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"slices"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Webhook is a subscription: events of the types it names, of the grids
// under its org unit (all events when it names none), are POSTed to its URL,
// signed with its secret. The secret is shown in the answer to the create
// and to a rotation only.
type Webhook struct {
	ID                  uuid.UUID   `json:"id"`
	URL                 string      `json:"url"`
	EventTypes          []EventType `json:"event_types" gorm:"-"`
	OrgUnitID           *uuid.UUID  `json:"org_unit_id"`
	Active              bool        `json:"active"`
	Secret              string      `json:"secret,omitempty" gorm:"-"`
	PreviousSecretUntil *time.Time  `json:"previous_secret_until" gorm:"column:previous_until"`
	Version             int         `json:"version"`
	CreatedBy           *uuid.UUID  `json:"created_by"`
	CreatedAt           time.Time   `json:"created_at"`
	UpdatedAt           time.Time   `json:"updated_at"`
	EventTypesJSON      string      `json:"-" gorm:"column:event_types_json"`
}

// NewWebhook is what it takes to subscribe.
type NewWebhook struct {
	URL        string
	EventTypes []string
	OrgUnitID  *uuid.UUID
	Active     *bool
}

// WebhookPatch changes a subscription; nil fields stay as they are, and
// ClearOrgUnit widens it to every org unit.
type WebhookPatch struct {
	URL          *string
	EventTypes   []string
	OrgUnitID    *uuid.UUID
	ClearOrgUnit bool
	Active       *bool
	Version      int
}

// MaxSecretOverlap bounds how long a rotated secret keeps signing.
const MaxSecretOverlap = 7 * 24 * time.Hour

const webhookColumns = `id, url, array_to_json(event_types)::text AS event_types_json, org_unit_id, active,
	previous_until, version, created_by, created_at, updated_at`

// newSecret is a Standard Webhooks secret: whsec_ and 32 random bytes in base64.
func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return "whsec_" + base64.StdEncoding.EncodeToString(b)
}

// checkEventTypes checks a subscription's list of types.
func checkEventTypes(c *Check, types []string) {
	if len(types) == 0 || len(types) > len(EventTypes) {
		c.Add(true, "event_types", "must name 1 to %d event types", len(EventTypes))
		return
	}
	for _, t := range types {
		if !EventType(t).Valid() {
			c.Add(true, "event_types", "%q is not an event type (docs/EVENTS.md lists them)", t)
			return
		}
	}
}

// addErr adds the field errors of a ValidationError.
func (c *Check) addErr(err error) {
	if v, ok := err.(*ValidationError); ok {
		c.errs = append(c.errs, v.Errors...)
	}
}

// typesJSON is a sorted, de-duplicated list of types as JSON, for SQL.
func typesJSON(types []string) string {
	t := slices.Clone(types)
	slices.Sort(t)
	b, _ := json.Marshal(slices.Compact(t))
	return string(b)
}

// finish decodes the types read as JSON.
func (w *Webhook) finish() {
	w.EventTypes = []EventType{}
	_ = json.Unmarshal([]byte(w.EventTypesJSON), &w.EventTypes)
}

// webhookView is a webhook as the trail records it: no secret.
func webhookView(w Webhook) Webhook {
	w.Secret = ""
	return w
}

// CreateWebhook subscribes a URL to event types. Admins only.
func CreateWebhook(ctx context.Context, db *gorm.DB, actor Actor, rules WebhookRules, in NewWebhook) (Webhook, error) {
	if !actor.IsAdmin() {
		return Webhook{}, ErrForbidden
	}
	var c Check
	if err := rules.CheckURL("url", in.URL); err != nil {
		c.addErr(err)
	}
	checkEventTypes(&c, in.EventTypes)
	if err := c.Err(); err != nil {
		return Webhook{}, err
	}
	active := in.Active == nil || *in.Active
	var out Webhook
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := checkOrgUnit(ctx, tx, in.OrgUnitID); err != nil {
			return err
		}
		id, secret := newID(), newSecret()
		err := tx.Exec(`INSERT INTO webhooks (id, url, event_types, org_unit_id, active, secret, created_by)
			VALUES (?, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?)`,
			id, in.URL, typesJSON(in.EventTypes), in.OrgUnitID, active, secret, nullID(actor.UserID)).Error
		if err != nil {
			return translate(err, "create webhook")
		}
		if out, err = getWebhook(ctx, tx, id); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, "create", "webhook", id, nil, nil, out); err != nil {
			return err
		}
		out.Secret = secret
		return nil
	})
	return out, err
}

// checkOrgUnit makes an unknown org unit a ValidationError on org_unit_id.
func checkOrgUnit(ctx context.Context, tx *gorm.DB, id *uuid.UUID) error {
	if id == nil {
		return nil
	}
	var n int64
	if err := tx.WithContext(ctx).Raw("SELECT count(*) FROM org_units WHERE id = ?", *id).Scan(&n).Error; err != nil {
		return translate(err, "read org unit")
	}
	if n == 0 {
		return Invalid("org_unit_id", "is not an org unit")
	}
	return nil
}

func getWebhook(ctx context.Context, db *gorm.DB, id uuid.UUID, lock ...bool) (Webhook, error) {
	var w Webhook
	q := db.WithContext(ctx).Table("webhooks").Select(webhookColumns).Where("id = ?", id)
	if len(lock) > 0 && lock[0] {
		q = q.Clauses(forUpdate)
	}
	if err := q.Take(&w).Error; err != nil {
		return w, translate(err, "read webhook")
	}
	w.finish()
	return w, nil
}

// GetWebhook reads a subscription (without its secret). Admins only.
func GetWebhook(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Webhook, error) {
	if !actor.IsAdmin() {
		return Webhook{}, ErrForbidden
	}
	return getWebhook(ctx, db, id)
}

// ListWebhooks lists the subscriptions by id. Admins only.
func ListWebhooks(ctx context.Context, db *gorm.DB, actor Actor, p Page) (List[Webhook], error) {
	if !actor.IsAdmin() {
		return List[Webhook]{}, ErrForbidden
	}
	q := db.WithContext(ctx).Table("webhooks").Select(webhookColumns)
	out, err := pageByKey(q, p, "id", "list webhooks", func(w Webhook) uuid.UUID { return w.ID })
	for i := range out.Items {
		out.Items[i].finish()
	}
	return out, err
}

// PatchWebhook changes a subscription at the version read. Admins only.
func PatchWebhook(ctx context.Context, db *gorm.DB, actor Actor, rules WebhookRules, id uuid.UUID, p WebhookPatch) (Webhook, error) {
	if !actor.IsAdmin() {
		return Webhook{}, ErrForbidden
	}
	var c Check
	if p.URL != nil {
		if err := rules.CheckURL("url", *p.URL); err != nil {
			c.addErr(err)
		}
	}
	if p.EventTypes != nil {
		checkEventTypes(&c, p.EventTypes)
	}
	if err := c.Err(); err != nil {
		return Webhook{}, err
	}
	var out Webhook
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := getWebhook(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := checkVersion(p.Version, before.Version); err != nil {
			return err
		}
		if err := checkOrgUnit(ctx, tx, p.OrgUnitID); err != nil {
			return err
		}
		set := sqlOf("version = version + 1, updated_at = now()")
		if p.URL != nil {
			set.add(", url = ?", *p.URL)
		}
		if p.EventTypes != nil {
			set.add(", event_types = ARRAY(SELECT jsonb_array_elements_text(?::jsonb))", typesJSON(p.EventTypes))
		}
		if p.OrgUnitID != nil {
			set.add(", org_unit_id = ?", *p.OrgUnitID)
		} else if p.ClearOrgUnit {
			set.add(", org_unit_id = NULL")
		}
		if p.Active != nil {
			set.add(", active = ?", *p.Active)
		}
		q := sqlOf("UPDATE webhooks SET ")
		q.addStmt(set).add(" WHERE id = ?", id)
		if err := tx.Exec(q.sql, q.args...).Error; err != nil {
			return translate(err, "update webhook")
		}
		if out, err = getWebhook(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, actor, "update", "webhook", id, nil, before, out)
	})
	return out, err
}

// DeleteWebhook ends a subscription and forgets its deliveries. Admins only.
func DeleteWebhook(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) error {
	if !actor.IsAdmin() {
		return ErrForbidden
	}
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := getWebhook(ctx, tx, id, true)
		if err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM webhooks WHERE id = ?", id).Error; err != nil {
			return translate(err, "delete webhook")
		}
		return audit(ctx, tx, actor, "delete", "webhook", id, nil, before, nil)
	})
}

// RotateWebhookSecret gives a subscription a new secret, shown in the
// answer; the old one goes on signing too for overlap (at most
// MaxSecretOverlap), so that a receiver can switch without losing events.
// Admins only.
func RotateWebhookSecret(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, overlap time.Duration) (Webhook, error) {
	if !actor.IsAdmin() {
		return Webhook{}, ErrForbidden
	}
	if overlap < 0 || overlap > MaxSecretOverlap {
		return Webhook{}, Invalid("overlap_hours", "must be between 0 and %d", int(MaxSecretOverlap.Hours()))
	}
	var out Webhook
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		before, err := getWebhook(ctx, tx, id, true)
		if err != nil {
			return err
		}
		secret := newSecret()
		err = tx.Exec(`UPDATE webhooks SET previous_secret = secret, previous_until = now() + ? * interval '1 second', secret = ?,
			version = version + 1, updated_at = now() WHERE id = ?`, int64(overlap.Seconds()), secret, id).Error
		if err != nil {
			return translate(err, "rotate webhook secret")
		}
		if out, err = getWebhook(ctx, tx, id); err != nil {
			return err
		}
		if err := audit(ctx, tx, actor, "rotate_secret", "webhook", id, nil, before, out); err != nil {
			return err
		}
		out.Secret = secret
		return nil
	})
	return out, err
}

// MayManageWebhooks is nil for admins, who alone manage subscriptions and
// see deliveries; handlers ask it before reading a body, so that others get
// 403 whatever they send.
func (a Actor) MayManageWebhooks() error {
	if !a.IsAdmin() {
		return ErrForbidden
	}
	return nil
}
