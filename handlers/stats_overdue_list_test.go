package handlers_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// overdueIDs lists every id GET /inspections answers for query, page by page.
func overdueIDs(t *testing.T, e *apptest.Env, as string, query url.Values) []string {
	t.Helper()
	var ids []string
	cursor := ""
	for {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("limit", "200")
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page struct {
			Items []struct {
				ID      string `json:"id"`
				Kind    string `json:"kind"`
				DueDate string `json:"due_date"`
				Overdue bool   `json:"overdue"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		e.Get(as, "/api/v1/inspections?"+q.Encode()).Must(t, http.StatusOK).JSON(t, &page)
		for _, it := range page.Items {
			if !it.Overdue {
				t.Errorf("%s is listed as overdue but its flag says it is not", it.ID)
			}
			ids = append(ids, it.ID)
		}
		if page.NextCursor == nil {
			return ids
		}
		cursor = *page.NextCursor
	}
}

func TestOverdueFigureCountsItsList(t *testing.T) {
	t.Parallel()
	// Ensure the dashboard's "逾期未检" figure counts exactly the rows of
	// the list its link opens: planned inspections only, due in the range,
	// in the unit, open and due before today.
	e := apptest.New(t, apptest.Options{At: "2026-08-10T10:00:00+08:00"})
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	v1, v2 := e.Venue(t, "dcf-1-g1"), e.Venue(t, "dcf-1-g1")
	v3 := e.Venue(t, "dcf-1-g2")
	// Ad hoc inspections left open: one due before the range, one in it.
	adHocBefore := e.AdHoc(t, off, v1["id"].(string))["id"].(string)
	e.Clock.Set(t, "2026-09-10T10:00:00+08:00")
	adHocIn := e.AdHoc(t, off, v2["id"].(string))["id"].(string)
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)

	// Planned inspections moved to known due dates (the stats triggers
	// follow the rows): before the range, in it and overdue (two grids), in
	// it and not yet due, in it and done.
	planned := func(venue map[string]any) string {
		t.Helper()
		var id string
		err := e.DB.Raw(`SELECT id FROM inspections WHERE venue_id = ? AND kind <> 'ad_hoc' AND status = 'scheduled' ORDER BY due_date LIMIT 1`,
			venue["id"]).Scan(&id).Error
		if err != nil || id == "" {
			t.Fatalf("no planned inspection of venue %v: %v", venue["id"], err)
		}
		return id
	}
	due := func(id, day string) {
		t.Helper()
		if err := e.DB.Exec(`UPDATE inspections SET opens_on = least(opens_on, ?::date), due_date = ? WHERE id = ?`, day, day, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	plannedBefore, plannedIn, plannedOther := planned(v1), planned(v2), planned(v3)
	due(plannedBefore, "2026-08-20")
	due(plannedIn, "2026-09-12")
	due(plannedOther, "2026-09-15")
	e.Clock.Set(t, "2026-09-25T10:00:00+08:00")

	const from, to = "2026-09-01", "2026-09-30"
	figure := func(unit string) int64 {
		t.Helper()
		var s fxStats
		path := "/api/v1/stats/overview?from=" + from + "&to=" + to
		if unit != "" {
			path += "&org_unit_id=" + unit
		}
		e.Get(sup, path).Must(t, http.StatusOK).JSON(t, &s)
		return s.Inspections.Overdue
	}
	list := func(unit string) []string {
		t.Helper()
		q := url.Values{"overdue": {"true"}, "planned": {"true"}, "due_from": {from}, "due_to": {to}}
		if unit != "" {
			q.Set("org_unit_id", unit)
		}
		return overdueIDs(t, e, sup, q)
	}

	for _, unit := range []string{"", e.Unit("dcf-1"), e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2")} {
		ids := list(unit)
		if n := figure(unit); n != int64(len(ids)) {
			t.Errorf("unit %q: the overdue figure is %d, its list has %d rows", unit, n, len(ids))
		}
		for _, id := range []string{adHocBefore, adHocIn, plannedBefore} {
			if slices.Contains(ids, id) {
				t.Errorf("unit %q: the list shows %s, which the figure does not count", unit, id)
			}
		}
	}
	all := list("")
	if !slices.Contains(all, plannedIn) || !slices.Contains(all, plannedOther) {
		t.Errorf("the list %v leaves out a planned inspection overdue in the range", all)
	}
	if g1 := list(e.Unit("dcf-1-g1")); slices.Contains(g1, plannedOther) || !slices.Contains(g1, plannedIn) {
		t.Errorf("the grid's list %v is not the grid's", g1)
	}
	// Without the figure's filters the list is wider: the ad hoc visits and
	// the planned inspection due before the range are overdue too.
	wide := overdueIDs(t, e, sup, url.Values{"overdue": {"true"}})
	for _, id := range []string{adHocBefore, adHocIn, plannedBefore, plannedIn} {
		if !slices.Contains(wide, id) {
			t.Errorf("GET /inspections?overdue=true leaves out %s", id)
		}
	}
	adHoc := overdueIDs(t, e, sup, url.Values{"overdue": {"true"}, "planned": {"false"}})
	if !slices.Contains(adHoc, adHocBefore) || !slices.Contains(adHoc, adHocIn) || slices.Contains(adHoc, plannedIn) {
		t.Errorf("planned=false lists %v", adHoc)
	}
	e.Get(sup, "/api/v1/inspections?due_from=2026-09-30&due_to=2026-09-01").Must(t, http.StatusUnprocessableEntity)
	e.Get(sup, "/api/v1/inspections?planned=maybe").Must(t, http.StatusUnprocessableEntity)
}
