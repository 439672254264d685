package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// ListInspections answers GET /inspections.
func (a *API) ListInspections(c *fiber.Ctx) error {
	q := newQuery(c)
	f := inspectionFilter(q)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListInspections(c.UserContext(), a.DB, actor(c), f, page, a.today())
	if err != nil {
		return err
	}
	return c.JSON(list)
}

// GetInspection answers GET /inspections/{id}.
func (a *API) GetInspection(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in, err := models.GetInspection(c.UserContext(), a.DB, actor(c), id, a.today())
	if err != nil {
		return err
	}
	return withETag(c, fiber.StatusOK, in.Version, in)
}

// date reads a YYYY-MM-DD parameter.
func (q *query) date(name string) *schedules.Date {
	s := q.c.Query(name)
	if s == "" {
		return nil
	}
	d, err := schedules.ParseDate(s)
	q.errs.Add(err != nil, name, "must be a date as YYYY-MM-DD")
	if err != nil {
		return nil
	}
	return &d
}
