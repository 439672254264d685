// Package handlers is Jiuxiao's HTTP layer: it decodes requests, calls the
// rules in models and schedules, and encodes responses. It holds no business
// rules of its own; errors are returned to the one error handler in app.
package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// BadRequestError is a request that cannot be read at all: a body that is
// not JSON, or not the JSON object expected. It answers 400.
type BadRequestError struct{ Detail string }

func (e *BadRequestError) Error() string { return e.Detail }

var validate = newValidator()

func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	return v
}

// decode reads the JSON body into dst strictly (no unknown fields, no
// trailing data, the right types) and validates it. Field errors name the
// JSON field.
func decode(c *fiber.Ctx, dst any) error {
	body := c.Body()
	if len(bytes.TrimSpace(body)) == 0 {
		return &BadRequestError{Detail: "the request needs a JSON body"}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &BadRequestError{Detail: "the body holds more than one JSON value"}
	}
	return check(dst)
}

// decodeError turns encoding/json's errors into a 400 or a field error.
func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return &BadRequestError{Detail: "the body is not valid JSON"}
	case errors.As(err, &typ):
		if typ.Field == "" {
			return &BadRequestError{Detail: fmt.Sprintf("the body must be a JSON %s", jsonKind(typ.Type))}
		}
		if typ.Type == reflect.TypeFor[schedules.Date]() {
			return models.Invalid(typ.Field, "must be a date as YYYY-MM-DD")
		}
		return models.Invalid(typ.Field, "must be %s", jsonKind(typ.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return models.Invalid(field, "is not a field of this request")
	}
	return &BadRequestError{Detail: "the body could not be read as JSON"}
}

// jsonKind names a Go type the way a JSON client thinks of it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// check runs the validator over a decoded request.
func check(dst any) error {
	err := validate.Struct(dst)
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	out := &models.ValidationError{}
	for _, fe := range verrs {
		field := fe.Namespace()
		if _, rest, ok := strings.Cut(field, "."); ok {
			field = rest // drop the struct's own name
		}
		out.Errors = append(out.Errors, models.FieldError{Field: field, Message: ruleMessage(fe)})
	}
	return out
}

func ruleMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "uuid":
		return "must be a UUID"
	case "max":
		if fe.Kind() == reflect.String {
			return "must be at most " + fe.Param() + " characters"
		}
		return "must be at most " + fe.Param()
	case "min":
		if fe.Kind() == reflect.String {
			return "must be at least " + fe.Param() + " characters"
		}
		return "must be at least " + fe.Param()
	case "gte":
		return "must be at least " + fe.Param()
	case "lte":
		return "must be at most " + fe.Param()
	case "dive":
		return "has a bad element"
	case "datetime":
		return "must be a date as YYYY-MM-DD"
	}
	return "is not valid (" + fe.Tag() + ")"
}

// pathID reads the {id} path parameter as a UUID. One that is not a UUID
// names nothing that could exist, so it answers 404 like any unknown id.
func pathID(c *fiber.Ctx, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Params(name))
	if err != nil {
		return uuid.Nil, models.ErrNotFound
	}
	return id, nil
}

// parseID reads a UUID that the validator already checked.
func parseID(s string) uuid.UUID {
	if s == "" {
		return uuid.Nil
	}
	return uuid.MustParse(s)
}

// parseIDPtr is parseID for optional fields.
func parseIDPtr(s *string) *uuid.UUID {
	if s == nil {
		return nil
	}
	id := uuid.MustParse(*s)
	return &id
}

// query reads optional query parameters, collecting their errors. A
// single-valued parameter given more than once is an error naming it (never
// a silent pick of the first); list reads the ones that take several values.
type query struct {
	c    *fiber.Ctx
	errs models.Check
}

func newQuery(c *fiber.Ctx) *query { return &query{c: c} }

// one is the value of a single-valued parameter, copied (Fiber reuses its
// buffers); "" when it is absent or repeated.
func (q *query) one(name string) string {
	vals := q.c.Context().QueryArgs().PeekMulti(name)
	switch len(vals) {
	case 0:
		return ""
	case 1:
		return string(vals[0])
	}
	q.errs.Add(true, name, "must be given once, not %d times", len(vals))
	return ""
}

// list reads a parameter that takes several values, in either form a client
// may send: repeated (status=a&status=b, OpenAPI's explode) or
// comma-separated (status=a,b), or both mixed.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.c.Context().QueryArgs().PeekMulti(name) {
		if len(v) > 0 {
			out = append(out, strings.Split(string(v), ",")...)
		}
	}
	return out
}

// str is a string parameter.
func (q *query) str(name string) string { return q.one(name) }

func (q *query) uuid(name string) *uuid.UUID {
	s := q.one(name)
	if s == "" {
		return nil
	}
	id, err := uuid.Parse(s)
	q.errs.Add(err != nil, name, "must be a UUID")
	if err != nil {
		return nil
	}
	return &id
}

func (q *query) int(name string, def int) int {
	s := q.one(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	q.errs.Add(err != nil, name, "must be a whole number")
	return n
}

func (q *query) float(name string) float64 {
	s := q.one(name)
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	q.errs.Add(err != nil, name, "must be a number")
	return f
}

func (q *query) boolPtr(name string) *bool {
	s := q.one(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	q.errs.Add(err != nil, name, "must be true or false")
	return &b
}

// latLng reads "lat,lng".
func (q *query) latLng(name string) *models.LatLng {
	s := q.one(name)
	if s == "" {
		return nil
	}
	a, b, ok := strings.Cut(s, ",")
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lng, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	bad := !ok || err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180) // NaN too
	q.errs.Add(bad, name, "must be lat,lng in degrees")
	if bad {
		return nil
	}
	return &models.LatLng{Lat: lat, Lng: lng}
}

// page reads limit and cursor.
func (q *query) page() models.Page {
	limit := q.int("limit", models.DefaultLimit)
	q.errs.Add(limit < 1 || limit > models.MaxLimit, "limit", "must be between 1 and %d", models.MaxLimit)
	return models.Page{Limit: limit, Cursor: q.str("cursor")}
}

// err is the collected errors, or nil.
func (q *query) err() error { return q.errs.Err() }

func parseIDs(ss []string) []uuid.UUID {
	out := make([]uuid.UUID, len(ss))
	for i, s := range ss {
		out[i] = parseID(s)
	}
	return out
}
