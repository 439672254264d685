package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// ListChecklistItems answers GET /checklist-items.
func (a *API) ListChecklistItems(c *fiber.Ctx) error {
	items, err := models.ListChecklistItems(c.UserContext(), a.DB, vocab.Category(c.Query("category")))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": items})
}
