package models_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Ensure an inspection reads the same through pgx itself (the service's
// pool) as through database/sql (in a transaction): every field of a task
// that was started, submitted with a hazard, and returned by a supervisor,
// and of the officer's page around it.
func TestInspectionReadBothWays(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 30, At: "2026-05-10T09:00:00+08:00"})
	ctx := context.Background()
	venue := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	e.Generate(t, "2026-05-10")
	id := e.ID("inspections", "venue_id", venue)
	e.Visit(t, "off-dcf-1-g1", id, "shop", apptest.Deadline(uuid.NewString(), "wiring", "major", "2026-06-10"))
	e.Review(t, "sup-dcf-1", id, false)

	officer := models.Actor{UserID: uuid.MustParse(e.User("off-dcf-1-g1")), Role: vocab.Officer}
	today := schedules.NewDate(2026, 5, 10)
	native, err := models.GetInspection(ctx, e.DB, officer, uuid.MustParse(id), today)
	if err != nil {
		t.Fatal(err)
	}
	if native.ReviewedBy == nil || native.ReviewedAt == nil || native.StartLat == nil || native.SubmittedAt == nil ||
		native.Interval == nil || len(native.HazardIDs) != 1 || native.Status != vocab.Returned || native.ReviewComment == "" {
		t.Fatalf("the returned task is missing fields: %+v", native)
	}
	page, err := models.ListInspections(ctx, e.DB, officer, models.InspectionFilter{Mine: true}, models.Page{}, today)
	if err != nil {
		t.Fatal(err)
	}
	err = e.DB.Transaction(func(tx *gorm.DB) error {
		viaSQL, err := models.GetInspection(ctx, tx, officer, uuid.MustParse(id), today)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(native, viaSQL) {
			t.Errorf("the task through pgx:\n%+v\nthrough database/sql:\n%+v", native, viaSQL)
		}
		pageSQL, err := models.ListInspections(ctx, tx, officer, models.InspectionFilter{Mine: true}, models.Page{}, today)
		if err != nil {
			return err
		}
		if len(page.Items) < 2 || !reflect.DeepEqual(page, pageSQL) {
			t.Errorf("the page through pgx (%d tasks) and through database/sql (%d) differ", len(page.Items), len(pageSQL.Items))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
