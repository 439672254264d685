package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure the figures' documents block counts what the documents table
// holds for the unit and the period: the station's overview, the city's,
// and each grid of /stats/grids, against the same count in SQL.
func TestStatsDocuments(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	today := schedules.DateIn(time.Now(), e.Cfg.Location)
	code := func(i int) string { return e.Checklist(t, "shop")[i]["item_code"].(string) }
	photo := e.Photo(t, "off-dcf-1-g1", apptest.PNG(5))
	for _, grid := range []string{"dcf-1-g1", "dcf-1-g2"} {
		off := "off-" + grid
		if grid != "dcf-1-g1" {
			photo = e.Photo(t, off, apptest.PNG(6))
		}
		v := e.Venue(t, grid, "category", "shop")
		id := e.Started(t, off, v)
		e.SubmitAll(t, off, id, "shop",
			apptest.Hazard(code(0), "major", "deadline", today.AddDays(7).String()),
			apptest.Hazard(code(1), "general", "on_site", "", photo))
	}
	type figures struct {
		Issued, Served, Unserved, Overdue, Void int64
	}
	count := func(where string, args ...any) figures {
		var f figures
		err := e.DB.Raw(`SELECT count(*) FILTER (WHERE d.number IS NOT NULL) AS issued,
			count(*) FILTER (WHERE d.status = 'served') AS served,
			count(*) FILTER (WHERE d.status IN ('draft', 'issued')) AS unserved,
			count(*) FILTER (WHERE d.status IN ('draft', 'issued') AND d.serve_by < current_date) AS overdue,
			count(*) FILTER (WHERE d.status = 'void') AS void
			FROM documents d JOIN org_units g ON g.id = d.grid_id WHERE `+where, args...).Scan(&f).Error
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	var got struct {
		Documents figures `json:"documents"`
	}
	e.Get("sup-dcf-1", "/api/v1/stats/overview").Must(t, http.StatusOK).JSON(t, &got)
	want := count("g.path @> ARRAY[?]::uuid[]", e.Unit("dcf-1"))
	apptest.True(t, "documents were made", want.Issued >= 4, want)
	apptest.Equal(t, "the station's documents", got.Documents, want)
	e.Get("admin", "/api/v1/stats/overview").Must(t, http.StatusOK).JSON(t, &got)
	apptest.Equal(t, "the city's documents", got.Documents, count("true"))
	var grids struct {
		Items []struct {
			OrgUnitID string  `json:"org_unit_id"`
			Documents figures `json:"documents"`
		} `json:"items"`
	}
	e.Get("sup-dcf-1", "/api/v1/stats/grids").Must(t, http.StatusOK).JSON(t, &grids)
	apptest.True(t, "grids listed", len(grids.Items) >= 2, grids)
	for _, g := range grids.Items {
		apptest.Equal(t, "documents of grid "+g.OrgUnitID, g.Documents, count("g.id = ?", g.OrgUnitID))
	}
}
