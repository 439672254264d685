// Package models holds Jiuxiao's entities and the rules that govern them:
// the org tree, users and sessions, scope, venues and their levels,
// inspections, hazards, reclassifications and the audit trail. Functions take
// a context and a *gorm.DB so that the caller decides the transaction.
// Nothing here knows about HTTP.
package models

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Sentinel errors. The HTTP layer maps each to one status.
var (
	// ErrNotFound: the resource does not exist or is out of the caller's scope.
	ErrNotFound = errors.New("not found")
	// ErrStaleVersion: the write named a version that is no longer current.
	ErrStaleVersion = errors.New("the resource has changed since it was read")
	// ErrForbidden: the caller's role may not do this. Errors that wrap it
	// (see forbidden) say why.
	ErrForbidden = errors.New("your role may not do this")
	// ErrUnauthorized: no valid credentials.
	ErrUnauthorized = errors.New("a valid access token is required")
	// ErrBadCredentials: a login with a wrong username or password, or of an
	// inactive account (which of these is not told). It is an ErrUnauthorized.
	ErrBadCredentials = fmt.Errorf("wrong username or password: %w", ErrUnauthorized)
)

// AnyVersion, as the version a write is conditional on, matches whatever
// version the resource has (If-Match: *).
const AnyVersion = -1

// checkVersion is ErrStaleVersion unless the version the client read is
// the current one.
func checkVersion(read, current int) error {
	if read != AnyVersion && read != current {
		return ErrStaleVersion
	}
	return nil
}

// forbidden is ErrForbidden with the reason the caller is told.
func forbidden(reason string) error { return &forbiddenError{reason} }

type forbiddenError struct{ reason string }

func (e *forbiddenError) Error() string { return e.reason }
func (e *forbiddenError) Unwrap() error { return ErrForbidden }

// FieldError names one offending input field by its JSON name.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError is bad input: one or more fields are wrong. Nothing was written.
type ValidationError struct {
	Errors []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, f := range e.Errors {
		parts[i] = f.Field + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Invalid returns a ValidationError for one field.
func Invalid(field, format string, args ...any) error {
	return &ValidationError{Errors: []FieldError{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}

// Check collects field errors; Err returns nil when there are none.
type Check struct{ errs []FieldError }

// Add records a field error when bad is true.
func (c *Check) Add(bad bool, field, format string, args ...any) {
	if bad {
		c.errs = append(c.errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
}

// Err is nil when nothing was added, else a *ValidationError.
func (c *Check) Err() error {
	if len(c.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: c.errs}
}

// term adds a field error to c unless v is one of set's values.
func term[T ~string](c *Check, field string, set *vocab.Set[T], v T) {
	c.Add(!set.Has(v), field, "must be one of %s", set.List())
}

// optionalTerm is term for a filter, where "" means any value.
func optionalTerm[T ~string](c *Check, field string, set *vocab.Set[T], v T) {
	c.Add(v != "" && !set.Has(v), field, "must be one of %s", set.List())
}

// ConflictError: the write clashes with what exists (a unique key, or the
// same client id with another body, or a state that does not allow it).
type ConflictError struct {
	Field   string
	Message string
}

func (e *ConflictError) Error() string { return "conflict: " + e.Message }

// Conflict returns a ConflictError.
func Conflict(field, format string, args ...any) error {
	return &ConflictError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// ThrottledError: too many attempts; try again after RetryAfter.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string { return "too many attempts" }

// uniqueFields maps unique constraints to the JSON field they guard.
var uniqueFields = map[string]string{
	"org_units_code_key":     "code",
	"users_username_key":     "username",
	"inspections_pkey":       "id",
	"hazards_pkey":           "id",
	"venues_pkey":            "id",
	"org_units_pkey":         "id",
	"users_pkey":             "id",
	"reclassifications_pkey": "id",
}

// idTaken is what a create answers when its client id is taken by a row
// the caller cannot see: the very answer a row of theirs with other fields
// gets, so that it tells nothing of what is out of scope.
var idTaken = map[string]string{
	"venues_pkey":            "a venue with this id exists with other fields",
	"inspections_pkey":       "an inspection with this id exists with other fields",
	"reclassifications_pkey": "a reclassification with this id exists with other fields",
	"org_units_pkey":         "an org unit with this id exists with other fields",
	"users_pkey":             "a user with this id exists with other fields",
}

// translate turns database errors into the package's errors: a missing row
// into ErrNotFound, a unique violation into a ConflictError naming the field,
// a foreign-key or check violation into a ValidationError. Other errors are
// wrapped with what was being done.
func translate(err error, doing string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			if msg, ok := idTaken[pg.ConstraintName]; ok {
				return Conflict("id", "%s", msg)
			}
			field := uniqueFields[pg.ConstraintName]
			if field == "" {
				field = pg.ConstraintName
			}
			return Conflict(field, "%s is already taken", field)
		case "23503":
			return Invalid(fkField(pg.ConstraintName), "refers to something that does not exist")
		case "23514", "22P02", "22001", "22003":
			return Invalid(pg.ColumnName+pg.ConstraintName, "is not an allowed value")
		}
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// fkField guesses the field from a constraint named <table>_<column>_fkey.
func fkField(constraint string) string {
	s := strings.TrimSuffix(constraint, "_fkey")
	for _, t := range []string{"venues_", "user_grids_", "users_", "org_units_", "inspections_", "hazards_"} {
		if strings.HasPrefix(s, t) {
			return strings.TrimPrefix(s, t)
		}
	}
	return s
}

// Forbidden is ErrForbidden with a reason, for the handlers' own checks.
func Forbidden(reason string) error { return forbidden(reason) }
