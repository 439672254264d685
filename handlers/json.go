package handlers

import (
	"github.com/bytedance/sonic"
	"github.com/gofiber/fiber/v2"
)

// answers is the encoder of the API's answers: bytedance/sonic, set to
// write what encoding/json writes for the same values and tags (map keys
// sorted, invalid UTF-8 replaced), with two differences, both for speed:
//
//   - the output of a MarshalJSON method is taken as it is, not read again
//     to check and compact it. Those methods are time.Time's,
//     schedules.Date's, and json.RawMessage's, whose bytes come from jsonb
//     columns (so a jsonb value keeps PostgreSQL's spaces, {"a": 1}). About
//     ten are called for each task of a task list: reading their output
//     again was two fifths of the page's encoding;
//   - <, > and & are written as they are, not as \u003c, \u003e and \u0026,
//     and so are U+2028 and U+2029: that escaping is for JSON put inside an
//     HTML page or a script, and these answers are application/json, never
//     sniffed (nosniff). Escaping took another pass over the whole answer.
//
// Where sonic does not run natively (another architecture, a Go release it
// does not know yet) it falls back to encoding/json itself.
// TestAnswersEncoding holds these rules.
var answers = sonic.Config{SortMapKeys: true, ValidateString: true, NoValidateJSONMarshaler: true}.Froze()

// MarshalJSON encodes an answer: Fiber's encoder (app.New).
var MarshalJSON = answers.Marshal

// writeJSON sends v as the JSON answer, encoded straight into the response
// body: a []byte encoder such as Fiber's c.JSON makes a copy of the whole
// answer first (about 60 KB for a page of 50 tasks, the task list's largest
// allocation).
func writeJSON(c *fiber.Ctx, v any) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return answers.NewEncoder(c.Response().BodyWriter()).Encode(v)
}
