package apptest

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Actor is the models.Actor of the account username.
func (e *Env) Actor(t testing.TB, username string) models.Actor {
	t.Helper()
	var u struct {
		ID        uuid.UUID
		Role      vocab.Role
		OrgUnitID uuid.UUID
	}
	if err := e.DB.Raw("SELECT id, role, org_unit_id FROM users WHERE username = ?", username).Scan(&u).Error; err != nil || u.ID == uuid.Nil {
		t.Fatalf("no account %s: %v", username, err)
	}
	return models.Actor{UserID: u.ID, Role: u.Role, OrgUnitID: u.OrgUnitID}
}

// SameInspections checks that GET path, as the account as, answers 200
// with the bytes of the page models.ListInspections reads for f and p, as
// the API encodes it: the list written straight from PostgreSQL's values
// (models.ListInspectionsJSON) against the one read into structs. It
// returns the answer.
func (e *Env) SameInspections(t testing.TB, as, path string, f models.InspectionFilter, p models.Page, today schedules.Date) *Response {
	t.Helper()
	r := e.Get(as, path).Must(t, http.StatusOK)
	list, err := models.ListInspections(context.Background(), e.DB, e.Actor(t, as), f, p, today)
	if err != nil {
		t.Fatal(err)
	}
	want, err := handlers.MarshalJSON(list)
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.TrimSuffix(r.Body, []byte("\n")); !bytes.Equal(got, want) {
		at := 0
		for at < min(len(got), len(want)) && got[at] == want[at] {
			at++
		}
		from := max(0, at-120)
		t.Fatalf("GET %s: the list differs from its structs' at byte %d of %d:\n  got  …%s\n  want …%s", path, at, len(want),
			got[from:min(len(got), at+120)], want[from:min(len(want), at+120)])
	}
	return r
}
