package handlers

import (
	gojson "github.com/goccy/go-json"
	"github.com/gofiber/fiber/v2"
)

// MarshalJSON encodes the API's answers: goccy/go-json, a drop-in for
// encoding/json (the same output) that does not reflect on every value. It
// is Fiber's encoder (app.New).
var MarshalJSON = gojson.Marshal

// writeJSON sends v as the JSON answer, encoded straight into the response
// body: a []byte encoder such as Fiber's c.JSON makes a copy of the whole
// answer first (about 60 KB for a page of 50 tasks, the task list's largest
// allocation).
func writeJSON(c *fiber.Ctx, v any) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return gojson.NewEncoder(c.Response().BodyWriter()).Encode(v)
}
