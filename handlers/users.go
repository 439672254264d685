package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

type createUserRequest struct {
	ID        string     `json:"id" validate:"omitempty,uuid"`
	Username  string     `json:"username" validate:"required,max=64"`
	Name      string     `json:"name" validate:"required,max=100"`
	Role      vocab.Role `json:"role" validate:"required"`
	OrgUnitID string     `json:"org_unit_id" validate:"required,uuid"`
	Password  string     `json:"password" validate:"required"`
}

// CreateUser answers POST /users.
func (a *API) CreateUser(c *fiber.Ctx) error {
	var req createUserRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	u, err := models.CreateUser(c.UserContext(), a.DB, actor(c), models.NewUser{
		ID: parseID(req.ID), Username: req.Username, Name: req.Name, Role: req.Role,
		OrgUnitID: parseID(req.OrgUnitID), Password: req.Password,
	})
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusCreated, u.Version, u)
}

// ListUsers answers GET /users.
func (a *API) ListUsers(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.UserFilter{Role: vocab.Role(q.str("role")), OrgUnitID: q.uuid("org_unit_id")}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListUsers(c.UserContext(), a.DB, actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}

// GetUser answers GET /users/{id}.
func (a *API) GetUser(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	u, err := models.GetUser(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, u.Version, u)
}

type patchUserRequest struct {
	Name      *string     `json:"name" validate:"omitempty,max=100"`
	Role      *vocab.Role `json:"role"`
	OrgUnitID *string     `json:"org_unit_id" validate:"omitempty,uuid"`
	Active    *bool       `json:"active"`
	Password  *string     `json:"password"`
	Version   *int        `json:"version"`
}

// PatchUser answers PATCH /users/{id}.
func (a *API) PatchUser(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req patchUserRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	v, err := version(c, req.Version)
	if err != nil {
		return err
	}
	u, err := models.UpdateUser(c.UserContext(), a.DB, actor(c), id, models.UserPatch{
		Name: req.Name, Role: req.Role, OrgUnitID: parseIDPtr(req.OrgUnitID), Active: req.Active, Password: req.Password, Version: v,
	})
	if err != nil {
		return err
	}
	a.Auth.Forget(id) // the user's next request here sees the change at once
	return withETag(c, fiber.StatusOK, u.Version, u)
}

type userGridsRequest struct {
	GridIDs []string `json:"grid_ids" validate:"required,max=500,dive,uuid"`
}

// PutUserGrids answers PUT /users/{id}/grids.
func (a *API) PutUserGrids(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req userGridsRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	grids := make([]uuid.UUID, len(req.GridIDs))
	for i, s := range req.GridIDs {
		grids[i] = parseID(s)
	}
	u, err := models.SetUserGrids(c.UserContext(), a.DB, actor(c), id, grids)
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, u.Version, u)
}
