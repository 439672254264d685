package models

import (
	"reflect"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
)

// Ensure the values given to pgx itself carry each uuid.UUID as pgx's own
// uuid, the others as they are, and leave the caller's values unchanged.
func TestPgxValues(t *testing.T) {
	id := uuid.New()
	other := uuid.New()
	vars := []any{id, 51, &other, "x", id}
	got := pgxValues(vars)
	want := []any{pgtype.UUID{Bytes: id, Valid: true}, 51, &other, "x", pgtype.UUID{Bytes: id, Valid: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pgxValues = %v, want %v", got, want)
	}
	if vars[0] != any(id) || vars[4] != any(id) {
		t.Errorf("the caller's values were changed: %v", vars)
	}
	plain := []any{1, "a"}
	if got := pgxValues(plain); &got[0] != &plain[0] {
		t.Error("values without a uuid were copied")
	}
}
