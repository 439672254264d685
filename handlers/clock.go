package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// clockAnswer is the service's day: the console dates its ranges and its
// "today" by it, not by the browser's clock and zone.
type clockAnswer struct {
	Today schedules.Date `json:"today"`
	TZ    string         `json:"tz"`
	Now   time.Time      `json:"now"`
}

// Clock answers GET /clock.
func (a *API) Clock(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(clockAnswer{Today: a.today(), TZ: a.Loc.String(), Now: a.Now().In(a.Loc).Truncate(time.Second)})
}
