package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// TestWorkFilters: the work page's filters by officer, on inspections
// (assignee_id) and hazards (found_by).
func TestWorkFilters(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	deadline := time.Now().In(e.Cfg.Location).AddDate(0, 0, 10).Format("2006-01-02")
	const off1, off2, sup = "off-dcf-1-g1", "off-dcf-1-g2", "sup-dcf-1"
	v1 := e.VenueID(t, "dcf-1-g1", "category", "shop")
	v2 := e.VenueID(t, "dcf-1-g2", "category", "shop")
	i1 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i1, false)
	h1 := uuid.NewString()
	e.SubmitAll(t, off1, i1, "shop", apptest.Deadline(h1, "evacuation_route", "major", deadline))
	i2 := e.AdHoc(t, off2, v2)["id"].(string)
	e.CheckIn(t, off2, i2, false)
	e.SubmitAll(t, off2, i2, "shop", apptest.Deadline(uuid.NewString(), "evacuation_route", "general", deadline))

	ids := func(path string) []string {
		t.Helper()
		var l struct{ Items []struct{ ID string } }
		e.Get(sup, path).Must(t, http.StatusOK).JSON(t, &l)
		var out []string
		for _, it := range l.Items {
			out = append(out, it.ID)
		}
		return out
	}
	apptest.Equal(t, "inspections of officer 1", ids("/api/v1/inspections?status=submitted&assignee_id="+e.User(off1)), []string{i1})
	apptest.Equal(t, "hazards found by officer 1", ids("/api/v1/hazards?found_by="+e.User(off1)), []string{h1})
	e.Get(sup, "/api/v1/hazards?found_by=nope").Must(t, http.StatusUnprocessableEntity)
}
