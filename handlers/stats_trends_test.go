package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

type trendMonth struct {
	Month          string  `json:"month"`
	Due            int64   `json:"due"`
	Done           int64   `json:"done"`
	CompletionRate float64 `json:"completion_rate"`
	Found          int64   `json:"found"`
	Fixed          int64   `json:"fixed"`
}

type trendSeries struct {
	OrgUnitID string       `json:"org_unit_id"`
	Kind      string       `json:"kind"`
	Months    []trendMonth `json:"months"`
}

type trends struct {
	Months   []string      `json:"months"`
	Unit     trendSeries   `json:"unit"`
	Children []trendSeries `json:"children"`
}

// TestStatsTrends: each month of a unit's trend and of its children's is
// what the overview counts for that month.
func TestStatsTrends(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 60})
	today := time.Now().In(e.Cfg.Location)
	e.Generate(t, today.AddDate(0, 0, -45).Format("2006-01-02"))
	e.Generate(t, today.Format("2006-01-02"))
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	v := e.VenueID(t, "dcf-1-g1", "category", "shop")
	i := e.AdHoc(t, off, v)["id"].(string)
	e.CheckIn(t, off, i, false)
	e.SubmitAll(t, off, i, "shop", apptest.OnSite(uuid.NewString(), "extinguisher", "general", e.Photo(t, off, apptest.PNG(0))))

	var tr trends
	e.Get(sup, "/api/v1/stats/trends").Must(t, http.StatusOK).JSON(t, &tr)
	apptest.Equal(t, "months", len(tr.Months), 12)
	apptest.Equal(t, "last month", tr.Months[11], today.Format("2006-01"))
	apptest.Equal(t, "first month", tr.Months[0], today.AddDate(0, -11, 1-today.Day()).Format("2006-01"))
	if len(tr.Children) != 3 {
		t.Fatalf("a station's trend has %d children, want its 3 grids", len(tr.Children))
	}
	// The last day of each month, today for this one.
	end := map[string]string{}
	for k := 0; k < 12; k++ {
		first := time.Date(today.Year(), today.Month()-time.Month(k), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if k == 0 {
			last = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
		}
		end[first.Format("2006-01")] = last.Format("02")
	}
	var due, found int64
	for _, s := range append([]trendSeries{tr.Unit}, tr.Children...) {
		for _, m := range s.Months {
			last, ok := end[m.Month]
			if !ok {
				continue
			}
			var o struct {
				Inspections struct{ Due, Done int64 }
				Hazards     struct{ Found, Rectified, Verified int64 }
			}
			e.Get(sup, "/api/v1/stats/overview?org_unit_id="+s.OrgUnitID+"&from="+m.Month+"-01&to="+m.Month+"-"+last).
				Must(t, http.StatusOK).JSON(t, &o)
			where := s.Kind + " " + s.OrgUnitID + " " + m.Month
			apptest.Equal(t, where+" due", m.Due, o.Inspections.Due)
			apptest.Equal(t, where+" done", m.Done, o.Inspections.Done)
			apptest.Equal(t, where+" found", m.Found, o.Hazards.Found)
			apptest.Equal(t, where+" fixed", m.Fixed, o.Hazards.Rectified+o.Hazards.Verified)
			if s.OrgUnitID == tr.Unit.OrgUnitID {
				due += m.Due
				found += m.Found
			}
		}
	}
	if due == 0 || found == 0 {
		t.Errorf("nothing due (%d) or found (%d) in the months compared: the test proves little", due, found)
	}
	// A grid has no children; an officer sees their grid's.
	var g trends
	e.Get(sup, "/api/v1/stats/trends?org_unit_id="+e.Unit("dcf-1-g1")).Must(t, http.StatusOK).JSON(t, &g)
	apptest.Equal(t, "a grid's children", len(g.Children), 0)
	e.Get(sup, "/api/v1/stats/trends?org_unit_id=nope").Must(t, http.StatusUnprocessableEntity)
}
