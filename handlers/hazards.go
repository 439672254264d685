package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// hazardFilter reads the filters of GET /hazards.
func hazardFilter(q *query) models.HazardFilter {
	return models.HazardFilter{Status: vocab.HazardStatus(q.str("status")), Severity: vocab.Severity(q.str("severity")), Overdue: q.boolPtr("overdue"),
		VenueID: q.uuid("venue_id"), GridID: q.uuid("grid_id"), FoundBy: q.uuid("found_by"), RectifiedBy: q.str("rectified_by"),
		FoundFrom: q.date("found_from"), FoundTo: q.date("found_to"), OrgUnitID: q.uuid("org_unit_id")}
}

// ListHazards answers GET /hazards.
func (a *API) ListHazards(c *fiber.Ctx) error {
	q := newQuery(c)
	f := hazardFilter(q)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListHazards(c.UserContext(), a.DB, actor(c), f, page, a.today())
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetHazard answers GET /hazards/{id}.
func (a *API) GetHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := models.GetHazard(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}

type rectifyRequest struct {
	Description string   `json:"description" validate:"required"`
	PhotoIDs    []string `json:"photo_ids" validate:"max=20,dive,uuid"`
}

// RectifyHazard answers POST /hazards/{id}/rectify.
func (a *API) RectifyHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req rectifyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	h, err := models.RectifyHazard(c.UserContext(), a.DB, actor(c), id, req.Description, parseIDs(req.PhotoIDs), a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}

type verifyRequest struct {
	Accepted *bool  `json:"accepted" validate:"required"`
	Comment  string `json:"comment" validate:"max=1000"`
}

// VerifyHazard answers POST /hazards/{id}/verify.
func (a *API) VerifyHazard(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req verifyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	h, err := models.VerifyHazard(c.UserContext(), a.DB, actor(c), id, *req.Accepted, req.Comment, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, h.Version, h)
}
