package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// SyncChanges answers GET /sync/changes.
func (a *API) SyncChanges(c *fiber.Ctx) error {
	q := newQuery(c)
	limit := q.int("limit", models.MaxLimit)
	q.errs.Add(limit < 1 || limit > models.MaxLimit, "limit", "must be between 1 and %d", models.MaxLimit)
	since := q.str("since")
	if err := q.err(); err != nil {
		return err
	}
	ch, err := models.SyncChanges(c.UserContext(), a.DB, actor(c), since, limit, a.today())
	if err != nil {
		return err
	}
	return c.JSON(ch)
}
