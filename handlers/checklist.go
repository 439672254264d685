package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// ListChecklistItems answers GET /checklist-items.
func (a *API) ListChecklistItems(c *fiber.Ctx) error {
	q := newQuery(c)
	category := vocab.Category(q.str("category"))
	if err := q.err(); err != nil {
		return err
	}
	items, err := models.ListChecklistItems(c.UserContext(), a.DB, category)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}
