package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// ListAudit answers GET /audit.
func (a *API) ListAudit(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.AuditFilter{Entity: q.str("entity"), EntityID: q.uuid("entity_id")}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ListAudit(c.UserContext(), a.reads(c), actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}
