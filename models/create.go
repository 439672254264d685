package models

import (
	"context"
	"errors"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// createLocks is the advisory-lock space (the first of the two int4 keys)
// in which createOnce serialises the creates of one client id.
const createLocks = 0x6A78 // "jx"

// createOnce is how every create with a client-made id survives being sent
// twice, even at the same time: it takes a transaction-scoped advisory lock
// on (table, id), so that a retry sent while the first request is still
// running waits for it to end, and then reads the row with find (ErrNotFound
// when there is none in the caller's scope). An existing row with the same
// fields (same) is the answer to the retry; with other fields it is a
// ConflictError on "id" naming what (“a venue”); with no row, create runs.
// It returns the row and whether create ran. It runs in the caller's
// transaction: tx must be one.
func createOnce[T any](ctx context.Context, tx *gorm.DB, table, what string, id uuid.UUID,
	find func() (T, error), same func(T) bool, create func() (T, error)) (T, bool, error) {
	var zero T
	err := tx.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(?::int4, hashtext(?))", createLocks, table+":"+id.String()).Error
	if err != nil {
		return zero, false, translate(err, "wait for a create of the same id")
	}
	existing, err := find()
	switch {
	case err == nil && same(existing):
		return existing, false, nil
	case err == nil:
		return zero, false, Conflict("id", "%s with this id exists with other fields", what)
	case !errors.Is(err, ErrNotFound):
		return zero, false, err
	}
	made, err := create()
	return made, err == nil, err
}
