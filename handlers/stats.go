package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// statsQuery reads org_unit_id, from and to; the range defaults to the
// current year up to today.
func (a *API) statsQuery(c *fiber.Ctx) (models.StatsQuery, error) {
	q := newQuery(c)
	today := a.today()
	s := models.StatsQuery{OrgUnitID: q.uuid("org_unit_id"), From: schedules.NewDate(today.Year(), 1, 1), To: today}
	if d := q.date("from"); d != nil {
		s.From = *d
	}
	if d := q.date("to"); d != nil {
		s.To = *d
	}
	return s, q.err()
}

// StatsOverview answers GET /stats/overview.
func (a *API) StatsOverview(c *fiber.Ctx) error {
	sq, err := a.statsQuery(c)
	if err != nil {
		return err
	}
	s, err := models.StatsOverview(c.UserContext(), a.reads(c), actor(c), sq, a.today())
	if err != nil {
		return err
	}
	return c.JSON(s)
}

// StatsGrids answers GET /stats/grids.
func (a *API) StatsGrids(c *fiber.Ctx) error {
	sq, err := a.statsQuery(c)
	if err != nil {
		return err
	}
	s, err := models.StatsGrids(c.UserContext(), a.reads(c), actor(c), sq, a.today())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": s})
}

// StatsTrends answers GET /stats/trends: the last 12 months of a unit and
// of each unit under it.
func (a *API) StatsTrends(c *fiber.Ctx) error {
	q := newQuery(c)
	unit := q.uuid("org_unit_id")
	if err := q.err(); err != nil {
		return err
	}
	t, err := models.StatsTrends(c.UserContext(), a.reads(c), actor(c), unit, a.today())
	if err != nil {
		return err
	}
	return c.JSON(t)
}
