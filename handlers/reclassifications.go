package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

type reclassifyRequest struct {
	ID      string          `json:"id" validate:"omitempty,uuid"`
	ToLevel vocab.RiskLevel `json:"to_level" validate:"required"`
	Reason  string          `json:"reason" validate:"required"`
}

// FileReclassification answers POST /venues/{id}/reclassifications.
func (a *API) FileReclassification(c *fiber.Ctx) error {
	venueID, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req reclassifyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	r, err := models.FileReclassification(c.UserContext(), a.DB, actor(c), venueID, models.NewReclassification{
		ID: parseID(req.ID), ToLevel: req.ToLevel, Reason: req.Reason,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, r.Version, r)
}

// ListReclassifications answers GET /reclassifications.
func (a *API) ListReclassifications(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.ReclassificationFilter{Status: vocab.ReclassificationStatus(q.str("status")), VenueID: q.uuid("venue_id")}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListReclassifications(c.UserContext(), a.DB, actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetReclassification answers GET /reclassifications/{id}.
func (a *API) GetReclassification(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	r, err := models.GetReclassification(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}

type decisionRequest struct {
	Comment string `json:"comment" validate:"max=1000"`
}

// decision reads a decision on the resource of the path's id: its optional
// body {comment}.
func decision(c *fiber.Ctx) (uuid.UUID, decisionRequest, error) {
	var req decisionRequest
	id, err := pathID(c, "id")
	if err != nil {
		return id, req, err
	}
	if len(c.Body()) > 0 {
		err = decode(c, &req)
	}
	return id, req, err
}

// ApproveReclassification answers POST /reclassifications/{id}/approve.
func (a *API) ApproveReclassification(c *fiber.Ctx) error { return a.decideReclassification(c, true) }

// RejectReclassification answers POST /reclassifications/{id}/reject.
func (a *API) RejectReclassification(c *fiber.Ctx) error { return a.decideReclassification(c, false) }

func (a *API) decideReclassification(c *fiber.Ctx, approve bool) error {
	id, req, err := decision(c)
	if err != nil {
		return err
	}
	r, err := models.DecideReclassification(c.UserContext(), a.DB, actor(c), id, approve, req.Comment)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, r.Version, r)
}
