package handlers

import (
	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
)

// ReviewQueue answers GET /review/queue.
func (a *API) ReviewQueue(c *fiber.Ctx) error {
	q := newQuery(c)
	f := models.QueueFilter{
		Type: q.str("type"), Kind: q.str("kind"), GridID: q.uuid("grid_id"), By: q.uuid("by"),
		OffSite: q.boolPtr("off_site"), Major: q.boolPtr("major"), Late: q.boolPtr("late"), Zone: a.Loc.String(),
	}
	switch s := q.str("sort"); s {
	case "", "oldest":
	case "newest":
		f.Newest = true
	default:
		q.errs.Add(true, "sort", "must be oldest or newest")
	}
	page := q.page()
	if err := q.err(); err != nil {
		return err
	}
	list, err := models.ReviewQueue(c.UserContext(), a.DB, actor(c), f, page)
	if err != nil {
		return err
	}
	return writeJSON(c, list)
}
