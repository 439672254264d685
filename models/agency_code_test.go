package models_test

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
)

// Ensure a document's agency code is that of the nearest unit from the
// grid's station up that has one: the station's own, else its district's,
// else its city's, else none.
func TestStationAgencyCode(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 1})
	ctx := context.Background()
	grid := uuid.MustParse(e.Unit("dcf-1-g1"))
	var chain struct{ Station, District, City uuid.UUID }
	err := e.DB.Raw(`SELECT s.id AS station, s.path[array_length(s.path, 1) - 1] AS district, s.path[1] AS city
		FROM org_units g JOIN org_units s ON s.id = g.parent_id WHERE g.id = ?`, grid).Scan(&chain).Error
	if err != nil || chain.Station == uuid.Nil || chain.District == uuid.Nil || chain.City == uuid.Nil {
		t.Fatalf("the grid's chain: %+v %v", chain, err)
	}
	set := func(unit uuid.UUID, code any) {
		t.Helper()
		if err := e.DB.Exec("UPDATE org_units SET agency_code = ? WHERE id = ?", code, unit).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []uuid.UUID{chain.Station, chain.District, chain.City} {
		set(u, nil)
	}
	for _, step := range []struct {
		unit uuid.UUID
		code any
		want string
	}{
		{chain.City, "聊", "聊"},
		{chain.District, "聊东", "聊东"},
		{chain.Station, "聊东一", "聊东一"},
		{chain.Station, nil, "聊东"},
		{chain.District, nil, "聊"},
		{chain.City, nil, ""},
	} {
		set(step.unit, step.code)
		got, err := models.StationAgencyCode(ctx, e.DB, grid)
		if err != nil || got != step.want {
			t.Fatalf("after setting %v to %v: %q, %v; want %q", step.unit, step.code, got, err, step.want)
		}
	}
}
