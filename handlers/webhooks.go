package handlers

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
)

type createWebhookRequest struct {
	URL        string   `json:"url" validate:"required"`
	EventTypes []string `json:"event_types" validate:"required"`
	OrgUnitID  *string  `json:"org_unit_id" validate:"omitempty,uuid"`
	Active     *bool    `json:"active"`
}

// admin answers 403 to anyone but an admin, before the body is read.
func admin(c *fiber.Ctx) error { return actor(c).MayManageWebhooks() }

// CreateWebhook answers POST /webhooks; the answer shows the secret.
func (a *API) CreateWebhook(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	var req createWebhookRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	w, err := models.CreateWebhook(c.UserContext(), a.DB, actor(c), a.Webhooks, models.NewWebhook{
		URL: req.URL, EventTypes: req.EventTypes, OrgUnitID: parseIDPtr(req.OrgUnitID), Active: req.Active,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, w.Version, w)
}

// ListWebhooks answers GET /webhooks.
func (a *API) ListWebhooks(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListWebhooks(c.UserContext(), a.DB, actor(c), page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetWebhook answers GET /webhooks/{id}.
func (a *API) GetWebhook(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	w, err := models.GetWebhook(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, w.Version, w)
}

// optional is a JSON field that may be absent, null or a value.
type optional[T any] struct {
	Set, Null bool
	V         T
}

func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.V)
}

type patchWebhookRequest struct {
	URL        *string            `json:"url"`
	EventTypes optional[[]string] `json:"event_types" validate:"-"`
	OrgUnitID  optional[string]   `json:"org_unit_id" validate:"-"`
	Active     *bool              `json:"active"`
	Version    *int               `json:"version"`
}

// PatchWebhook answers PATCH /webhooks/{id}; org_unit_id null widens the
// subscription to every unit.
func (a *API) PatchWebhook(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req patchWebhookRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	p := models.WebhookPatch{URL: req.URL, Active: req.Active, ClearOrgUnit: req.OrgUnitID.Null}
	if req.EventTypes.Set {
		p.EventTypes = append([]string{}, req.EventTypes.V...) // null or [] names no type: refused
	}
	if req.OrgUnitID.Set && !req.OrgUnitID.Null {
		u, err := uuid.Parse(req.OrgUnitID.V)
		if err != nil {
			return models.Invalid("org_unit_id", "must be a UUID or null")
		}
		p.OrgUnitID = &u
	}
	if p.Version, err = version(c, req.Version); err != nil {
		return err
	}
	w, err := models.PatchWebhook(c.UserContext(), a.DB, actor(c), a.Webhooks, id, p)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, w.Version, w)
}

// DeleteWebhook answers DELETE /webhooks/{id}.
func (a *API) DeleteWebhook(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := models.DeleteWebhook(c.UserContext(), a.DB, actor(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

type rotateSecretRequest struct {
	OverlapHours *int `json:"overlap_hours"`
}

// RotateWebhookSecret answers POST /webhooks/{id}/rotate-secret; the answer
// shows the new secret. The body is optional: the old secret signs too for
// overlap_hours (default 24).
func (a *API) RotateWebhookSecret(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req rotateSecretRequest
	if len(bytes.TrimSpace(c.Body())) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	overlap := 24 * time.Hour
	if req.OverlapHours != nil {
		overlap = time.Duration(*req.OverlapHours) * time.Hour
	}
	w, err := models.RotateWebhookSecret(c.UserContext(), a.DB, actor(c), id, overlap)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, w.Version, w)
}

// TestWebhook answers POST /webhooks/{id}/test with the queued delivery.
func (a *API) TestWebhook(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := models.TestWebhook(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(d)
}

// ListDeliveries answers GET /webhooks/{id}/deliveries.
func (a *API) ListDeliveries(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	q := newQuery(c)
	status, page := q.str("status"), q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListDeliveries(c.UserContext(), a.DB, actor(c), id, status, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// RetryDelivery answers POST /deliveries/{id}/retry.
func (a *API) RetryDelivery(c *fiber.Ctx) error {
	if err := admin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	d, err := models.RetryDelivery(c.UserContext(), a.DB, actor(c), id, a.Now())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(d)
}
