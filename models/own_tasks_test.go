package models

import (
	"context"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Ensure the officer's own task list, whose statement is built once and
// kept (ownTasks), gives that statement the values GORM's build of it takes,
// in their order, on every shape of the list, and that any other list is
// built afresh. No database: GORM builds the statements dry.
func TestOwnTaskStatement(t *testing.T) {
	db, err := gorm.Open(postgres.New(postgres.Config{DSN: "host=/nonexistent"}), &gorm.Config{DryRun: true, DisableAutomaticPing: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	today := schedules.NewDate(2026, 5, 10)
	cursor := func(top bool) string {
		return EncodeCursor(inspectionCursor{Top: top, Due: schedules.NewDate(2026, 5, 31), ID: uuid.New()})
	}
	pages := []Page{{}, {Limit: 7}, {Limit: MaxLimit + 1}, {Cursor: cursor(true)}, {Cursor: cursor(false), Limit: 3}}
	for _, p := range pages {
		for range 2 { // built, then kept
			officer := Actor{UserID: uuid.New(), Role: vocab.Officer}
			q, err := listInspections(ctx, db, officer, InspectionFilter{Mine: true}, p, today)
			if err != nil {
				t.Fatal(err)
			}
			wantText, wantVars, err := statementOf(q)
			if err != nil {
				t.Fatal(err)
			}
			text, vars, err := listStatement(ctx, db, officer, InspectionFilter{Mine: true}, p, today)
			if err != nil {
				t.Fatal(err)
			}
			if text != wantText || !slices.Equal(vars, wantVars) {
				t.Fatalf("page %+v: the kept statement takes %v, GORM's %v:\n%s\n%s", p, vars, wantVars, text, wantText)
			}
		}
	}
	yes, no := true, false
	others := []struct {
		actor Actor
		f     InspectionFilter
	}{
		{Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{}},
		{Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{Mine: true, Overdue: &yes}},
		{Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{Mine: true, Planned: &no}},
		{Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{Mine: true, Statuses: []vocab.InspectionStatus{vocab.Returned}}},
		{Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{Mine: true, Near: &LatLng{Lat: 36.4, Lng: 115.9}}},
		{Actor{UserID: uuid.New(), Role: vocab.Supervisor, OrgUnitID: uuid.New()}, InspectionFilter{Mine: true}},
	}
	for _, o := range others {
		if _, own, err := ownTaskValues(o.actor, o.f, Page{}); own || err != nil {
			t.Fatalf("%+v %+v is taken for the officer's own task list (%v)", o.actor, o.f, err)
		}
	}
	if _, _, err := ownTaskValues(Actor{UserID: uuid.New(), Role: vocab.Officer}, InspectionFilter{Mine: true}, Page{Cursor: "nonsense"}); err == nil {
		t.Fatal("a bad cursor was taken")
	}
}
