package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

type createOrgUnitRequest struct {
	ID       string            `json:"id" validate:"omitempty,uuid"`
	Kind     vocab.OrgUnitKind `json:"kind" validate:"required"`
	Code     string            `json:"code" validate:"required,max=64"`
	Name     string            `json:"name" validate:"required,max=200"`
	ParentID *string           `json:"parent_id" validate:"omitempty,uuid"`
	// AgencyCode is the unit's 机关代字 (聊东); without one it inherits its parent's.
	AgencyCode *string `json:"agency_code"`
}

// CreateOrgUnit answers POST /org-units.
func (a *API) CreateOrgUnit(c *fiber.Ctx) error {
	var req createOrgUnitRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	u, _, err := models.CreateOrgUnit(c.UserContext(), a.DB, actor(c), models.NewOrgUnit{
		ID: parseID(req.ID), Kind: req.Kind, Code: req.Code, Name: req.Name, ParentID: parseIDPtr(req.ParentID), AgencyCode: req.AgencyCode,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, u.Version, u)
}

// ListOrgUnits answers GET /org-units.
func (a *API) ListOrgUnits(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.OrgUnitFilter{Kind: vocab.OrgUnitKind(q.str("kind")), ParentID: q.uuid("parent_id"), Under: q.uuid("under")}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListOrgUnits(c.UserContext(), a.DB, actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetOrgUnit answers GET /org-units/{id}.
func (a *API) GetOrgUnit(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := models.GetOrgUnit(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, u.Version, u)
}

type patchOrgUnitRequest struct {
	Code     *string `json:"code" validate:"omitempty,max=64"`
	Name     *string `json:"name" validate:"omitempty,max=200"`
	ParentID *string `json:"parent_id" validate:"omitempty,uuid"`
	// AgencyCode: "" clears the unit's own code.
	AgencyCode            *string `json:"agency_code"`
	DeadlineOrderApproval *bool   `json:"deadline_order_approval"`
	// Phone is the unit's public phone (a station's is on its stickers).
	Phone   *string `json:"phone"`
	Version *int    `json:"version"`
}

// PatchOrgUnit answers PATCH /org-units/{id}.
func (a *API) PatchOrgUnit(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req patchOrgUnitRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	v, err := version(c, req.Version)
	if err != nil {
		return err
	}
	u, err := models.UpdateOrgUnit(c.UserContext(), a.DB, actor(c), id, models.OrgUnitPatch{
		Code: req.Code, Name: req.Name, ParentID: parseIDPtr(req.ParentID), AgencyCode: req.AgencyCode,
		DeadlineOrderApproval: req.DeadlineOrderApproval, Phone: req.Phone, Version: v,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, u.Version, u)
}
