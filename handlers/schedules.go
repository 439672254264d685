package handlers

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// GetPolicy answers GET /policy.
func (a *API) GetPolicy(c *fiber.Ctx) error {
	p, err := models.GetPolicy(c.UserContext(), a.DB)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

type policyRequest struct {
	Red    vocab.Interval `json:"red" validate:"required"`
	Yellow vocab.Interval `json:"yellow" validate:"required"`
	Green  vocab.Interval `json:"green" validate:"required"`
}

// PutPolicy answers PUT /policy.
func (a *API) PutPolicy(c *fiber.Ctx) error {
	var req policyRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	p, cancelled, err := models.SetPolicy(c.UserContext(), a.DB, actor(c), models.Policy{
		Red: req.Red, Yellow: req.Yellow, Green: req.Green,
	})
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"red": p.Red, "yellow": p.Yellow, "green": p.Green, "cancelled": cancelled})
}

func pathYear(c *fiber.Ctx) (int, error) {
	y, err := strconv.Atoi(c.Params("year"))
	if err != nil || y < 2000 || y > 2100 {
		return 0, models.ErrNotFound
	}
	return y, nil
}

// GetCalendar answers GET /calendar/{year}.
func (a *API) GetCalendar(c *fiber.Ctx) error {
	y, err := pathYear(c)
	if err != nil {
		return err
	}
	cal, err := models.GetCalendar(c.UserContext(), a.DB, y)
	if err != nil {
		return err
	}
	return c.JSON(cal)
}

type calendarRequest struct {
	Holidays []schedules.Date `json:"holidays" validate:"required,max=366"`
	Workdays []schedules.Date `json:"workdays" validate:"required,max=366"`
}

// PutCalendar answers PUT /calendar/{year}.
func (a *API) PutCalendar(c *fiber.Ctx) error {
	y, err := pathYear(c)
	if err != nil {
		return err
	}
	var req calendarRequest
	if err := decode(c, &req); err != nil {
		return err
	}
	cal, err := models.SetCalendar(c.UserContext(), a.DB, actor(c), models.CalendarYear{Year: y, Holidays: req.Holidays, Workdays: req.Workdays})
	if err != nil {
		return err
	}
	return c.JSON(cal)
}

type generateRequest struct {
	AsOf *schedules.Date `json:"as_of"`
}

// Generate answers POST /schedules/generate: a generation run as of the
// given date (default today). Admins only. It waits for a run in progress.
func (a *API) Generate(c *fiber.Ctx) error {
	var req generateRequest
	if len(c.Body()) > 0 {
		if err := decode(c, &req); err != nil {
			return err
		}
	}
	asOf := a.today()
	if req.AsOf != nil {
		asOf = *req.AsOf
	}
	res, err := models.Generate(c.UserContext(), a.DB, actor(c), asOf, a.today())
	if err != nil {
		return err
	}
	return c.JSON(res)
}
