package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// ReviewQueue answers GET /review/queue.
func (a *API) ReviewQueue(c *fiber.Ctx) error {
	q := newQuery(c)
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ReviewQueue(c.UserContext(), a.DB, actor(c), page)
	if err != nil {
		return err
	}
	return c.JSON(list)
}
