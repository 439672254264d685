package handlers_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure the dashboard's overdue hazards figure counts exactly the hazards
// of the list its link opens (GET /hazards?overdue=true&found_from&found_to
// &org_unit_id): open, past their deadline, found in the range, in the unit.
func TestOverdueHazardsFigureCountsItsList(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	today := schedules.DateIn(time.Now(), e.Cfg.Location)
	code := func(i int) string { return e.Checklist(t, "shop")[i]["item_code"].(string) }
	var hazards []string
	for _, grid := range []string{"dcf-1-g1", "dcf-1-g1", "dcf-1-g2"} {
		off := "off-" + grid
		v := e.Venue(t, grid, "category", "shop")
		id := e.Started(t, off, v)
		h := apptest.Hazard(code(0), "major", "deadline", today.AddDays(7).String())
		e.SubmitAll(t, off, id, "shop", h)
		hazards = append(hazards, h["id"].(string))
	}
	// All three past their deadline; the first found before the range.
	if err := e.DB.Exec("UPDATE hazards SET deadline = ? WHERE id IN ?", today.AddDays(-1).String(), hazards).Error; err != nil {
		t.Fatal(err)
	}
	from, to := today.AddDays(-10), today
	if err := e.DB.Exec("UPDATE hazards SET created_at = ?::date WHERE id = ?", from.AddDays(-5).String(), hazards[0]).Error; err != nil {
		t.Fatal(err)
	}
	list := func(q url.Values) []string {
		var page struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		q.Set("overdue", "true")
		q.Set("limit", "200")
		e.Get("sup-dcf-1", "/api/v1/hazards?"+q.Encode()).Must(t, http.StatusOK).JSON(t, &page)
		var ids []string
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		return ids
	}
	for _, unit := range []string{"", "dcf-1", "dcf-1-g1", "dcf-1-g2"} {
		q := url.Values{"from": {from.String()}, "to": {to.String()}}
		lq := url.Values{"found_from": {from.String()}, "found_to": {to.String()}}
		if unit != "" {
			q.Set("org_unit_id", e.Unit(unit))
			lq.Set("org_unit_id", e.Unit(unit))
		}
		var s struct {
			Hazards struct {
				Overdue int `json:"overdue"`
			} `json:"hazards"`
		}
		e.Get("sup-dcf-1", "/api/v1/stats/overview?"+q.Encode()).Must(t, http.StatusOK).JSON(t, &s)
		ids := list(lq)
		apptest.Equal(t, "unit "+unit+": the figure counts its list", s.Hazards.Overdue, len(ids))
		for _, id := range ids {
			apptest.True(t, "the hazard found before the range is not listed", id != hazards[0], ids)
		}
	}
	apptest.Equal(t, "the station's overdue hazards in the range", len(list(url.Values{"found_from": {from.String()}, "found_to": {to.String()}})), 2)
	apptest.Equal(t, "all overdue hazards without the range", len(list(url.Values{})), 3)
	e.Get("sup-dcf-1", "/api/v1/hazards?found_from="+to.String()+"&found_to="+from.String()).Must(t, http.StatusUnprocessableEntity)
}
