package handlers_test

import (
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// TestReviewQueueFilters: the queue's filters, its sort and its count, and
// the address, grid and officer of each item.
func TestReviewQueueFilters(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-20T10:00:00+08:00"})
	const off1, off2, sup = "off-dcf-1-g1", "off-dcf-1-g2", "sup-dcf-1"
	v1 := e.VenueID(t, "dcf-1-g1", "name", "甲便利店", "category", "shop", "address", "东关街1号")
	v2 := e.VenueID(t, "dcf-1-g2", "name", "乙便利店", "category", "shop")
	i1 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i1, true)
	e.SubmitAll(t, off1, i1, "shop")
	i2 := e.AdHoc(t, off2, v2)["id"].(string)
	e.CheckIn(t, off2, i2, false)
	hm := uuid.NewString()
	e.SubmitAll(t, off2, i2, "shop", apptest.Deadline(hm, "evacuation_route", "major", "2026-06-10"))
	e.Rectify(t, off2, hm)

	type answer struct {
		Items []struct {
			Type         string  `json:"type"`
			ID           string  `json:"id"`
			VenueAddress string  `json:"venue_address"`
			GridName     string  `json:"grid_name"`
			ByName       *string `json:"by_name"`
			OffSite      bool    `json:"off_site"`
			Major        bool    `json:"major"`
		} `json:"items"`
		Total      int     `json:"total"`
		NextCursor *string `json:"next_cursor"`
	}
	ids := func(q string) ([]string, int) {
		t.Helper()
		var a answer
		e.Get(sup, "/api/v1/review/queue"+q).Must(t, http.StatusOK).JSON(t, &a)
		var out []string
		for _, it := range a.Items {
			out = append(out, it.ID)
		}
		return out, a.Total
	}
	same := func(q string, want ...string) {
		t.Helper()
		got, total := ids(q)
		apptest.Equal(t, "ids of "+q, got, want)
		apptest.Equal(t, "total of "+q, total, len(want))
	}
	same("", i1, i2, hm)
	same("?sort=newest", hm, i2, i1)
	same("?type=hazard", hm)
	same("?type=inspection&off_site=true", i1)
	same("?major=true", i2, hm)
	same("?grid_id="+e.Unit("dcf-1-g1"), i1)
	same("?by="+e.User(off2), i2, hm)
	// Late or not: the two parts make the whole.
	late, nLate := ids("?late=true")
	onTime, nOnTime := ids("?late=false")
	apptest.Equal(t, "late and on time", nLate+nOnTime, 3)
	apptest.Equal(t, "late and on time items", len(late)+len(onTime), 3)
	// Paging keeps the count of the whole.
	got, total := ids("?limit=1")
	apptest.Equal(t, "first page", got, []string{i1})
	apptest.Equal(t, "total on a page", total, 3)

	var a answer
	e.Get(sup, "/api/v1/review/queue?type=inspection&off_site=true").Must(t, http.StatusOK).JSON(t, &a)
	if it := a.Items[0]; it.VenueAddress != "东关街1号" || it.GridName == "" || it.ByName == nil {
		t.Errorf("the item lacks its address, grid or officer: %+v", it)
	}
	e.Get(sup, "/api/v1/review/queue?sort=sideways").Must(t, http.StatusUnprocessableEntity)
	e.Get(sup, "/api/v1/review/queue?type=venue").Must(t, http.StatusUnprocessableEntity)
}

// TestRejectNeedsReason: a reclassification is not rejected without a
// comment saying why; approving needs none.
func TestRejectNeedsReason(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	v := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
	var r struct{ ID string }
	e.Post("off-dcf-1-g1", "/api/v1/venues/"+v+"/reclassifications", map[string]any{"to_level": "red", "reason": "人员密集"}).
		Must(t, http.StatusCreated).JSON(t, &r)
	wantProblem(t, e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r.ID+"/reject", map[string]string{"comment": "  "}), http.StatusUnprocessableEntity, "comment")
	e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r.ID+"/reject", map[string]string{"comment": "未见变化"}).Must(t, http.StatusOK)
}
