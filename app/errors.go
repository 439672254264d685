package app

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/storage"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Errors []models.FieldError `json:"errors,omitempty"`
}

// problemFor maps an error to the problem the client sees. Unknown errors are
// a 500 whose detail says nothing of the internals.
func problemFor(err error) (Problem, map[string]string) {
	var (
		verr  *models.ValidationError
		cerr  *models.ConflictError
		terr  *models.ThrottledError
		berr  *handlers.BadRequestError
		lerr  *handlers.LimitError
		ferr  *fiber.Error
		pgerr *pgconn.PgError
	)
	switch {
	case errors.As(err, &verr):
		return Problem{Type: "/problems/validation", Title: "The request has invalid fields", Status: 422, Errors: verr.Errors}, nil
	case errors.As(err, &berr):
		return Problem{Type: "/problems/bad-request", Title: "The request cannot be read", Status: 400, Detail: berr.Detail}, nil
	case errors.Is(err, storage.ErrNotFound):
		// A photo the caller may see whose bytes the store does not have
		// (lost, or not migrated): the client should upload it again.
		return Problem{Type: "/problems/photo-gone", Title: "Gone", Status: 410,
			Detail: "the photo's bytes are missing from storage; upload it again if you have it"}, nil
	case errors.Is(err, storage.ErrUnavailable):
		return Problem{Type: "/problems/storage-unavailable", Title: "Service unavailable", Status: 503,
			Detail: "the photo store cannot be reached; try again shortly (an upload answered this was not saved)"}, map[string]string{fiber.HeaderRetryAfter: "5"}
	case errors.Is(err, models.ErrNotFound):
		return Problem{Type: "/problems/not-found", Title: "Not found", Status: 404, Detail: "nothing here that you can see"}, nil
	case errors.Is(err, models.ErrUnauthorized):
		return Problem{Type: "/problems/unauthorized", Title: "Authentication required", Status: 401, Detail: unauthorizedDetail(err)},
			map[string]string{fiber.HeaderWWWAuthenticate: `Bearer realm="jiuxiao"`}
	case errors.Is(err, models.ErrForbidden):
		return Problem{Type: "/problems/forbidden", Title: "Forbidden", Status: 403, Detail: err.Error()}, nil
	case errors.As(err, &cerr):
		p := Problem{Type: "/problems/conflict", Title: "Conflict", Status: 409, Detail: cerr.Message}
		if cerr.Field != "" {
			p.Errors = []models.FieldError{{Field: cerr.Field, Message: cerr.Message}}
		}
		return p, nil
	case errors.Is(err, models.ErrStaleVersion):
		return Problem{Type: "/problems/stale-version", Title: "Stale version", Status: 412, Detail: err.Error() + "; read it again"}, nil
	case errors.Is(err, handlers.ErrPreconditionRequired):
		return Problem{Type: "/problems/precondition-required", Title: "Precondition required", Status: 428, Detail: err.Error()}, nil
	case errors.As(err, &terr):
		secs := int(terr.RetryAfter.Seconds() + 0.999)
		return Problem{Type: "/problems/throttled", Title: "Too many attempts", Status: 429, Detail: "try again in " + strconv.Itoa(secs) + " seconds"},
			map[string]string{fiber.HeaderRetryAfter: strconv.Itoa(secs)}
	case errors.As(err, &lerr):
		secs := strconv.Itoa(int(lerr.RetryAfter.Seconds() + 0.999))
		if lerr.Status == fiber.StatusTooManyRequests {
			return Problem{Type: "/problems/too-many-streams", Title: "Too many downloads in flight", Status: 429, Detail: lerr.Detail},
				map[string]string{fiber.HeaderRetryAfter: secs}
		}
		return Problem{Type: "/problems/busy", Title: "Busy", Status: lerr.Status, Detail: lerr.Detail},
			map[string]string{fiber.HeaderRetryAfter: secs}
	case errors.As(err, &ferr):
		return Problem{Type: "about:blank", Title: fiberTitle(ferr.Code), Status: ferr.Code, Detail: ferr.Message}, nil
	case errors.As(err, &pgerr) && (pgerr.Code == "22021" || pgerr.Code == "22P05"):
		// A NUL (JSON's \u0000) or bytes that are not UTF-8, in a body or a
		// query, reached PostgreSQL, which cannot store them in text.
		return Problem{Type: "/problems/bad-request", Title: "The request cannot be read", Status: 400,
			Detail: "text must be UTF-8 without NUL characters"}, nil
	case unavailable(err):
		return Problem{Type: "/problems/unavailable", Title: "Service unavailable", Status: 503, Detail: "the database cannot be reached; try again shortly"},
			map[string]string{fiber.HeaderRetryAfter: "5"}
	case errors.As(err, &pgerr) && (pgerr.Code == "40P01" || pgerr.Code == "40001"):
		// Two transactions waited on each other (rare: two officers of one
		// grid whose writes touch the same counts in opposite orders); one
		// was rolled back whole, and the same request again will pass.
		return Problem{Type: "/problems/conflict-retry", Title: "Try again", Status: 503, Detail: "the request collided with another and was rolled back; send it again"},
			map[string]string{fiber.HeaderRetryAfter: "1"}
	case errors.As(err, &pgerr) && pgerr.Code == "57014":
		return Problem{Type: "/problems/timeout", Title: "Timed out", Status: 503, Detail: "the request took too long; try again"},
			map[string]string{fiber.HeaderRetryAfter: "5"}
	}
	return Problem{Type: "/problems/internal", Title: "Internal error", Status: 500, Detail: "something went wrong on our side; it has been logged"}, nil
}

// unavailable reports errors that mean the database is down or overloaded.
func unavailable(err error) bool {
	var (
		connErr *pgconn.ConnectError
		netErr  net.Error
		pgerr   *pgconn.PgError
	)
	if errors.As(err, &pgerr) {
		// admin shutdown, cannot connect now, too many connections
		return pgerr.Code == "57P01" || pgerr.Code == "57P03" || pgerr.Code == "53300"
	}
	return errors.As(err, &connErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, context.DeadlineExceeded) || pgconn.SafeToRetry(err)
}

// unauthorizedDetail tells a failed login from a missing or bad token.
func unauthorizedDetail(err error) string {
	if errors.Is(err, models.ErrBadCredentials) {
		return models.ErrBadCredentials.Error()
	}
	return models.ErrUnauthorized.Error()
}

func fiberTitle(code int) string {
	if t := utils.StatusMessage(code); t != "" {
		return t
	}
	return "Error"
}

// errorHandler is Fiber's one error handler: every error a handler or a
// middleware returns becomes problem JSON here, and 5xx are logged with the
// request id.
func errorHandler(c *fiber.Ctx, err error) error {
	p, headers := problemFor(err)
	if p.Status >= 500 {
		Logger(c.UserContext()).Error("request failed", "error", err, "status", p.Status)
	}
	for k, v := range headers {
		c.Set(k, v)
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	c.Status(p.Status)
	return c.JSON(p, "application/problem+json")
}
