package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestVenuePositionByOfficer(t *testing.T) {
	t.Parallel()
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"

	t.Run("OK/CheckinAgainstApprovedPosition", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		v := e.Venue(t, "dcf-1-g1")
		path := "/api/v1/venues/" + v["id"].(string)
		// The officer stands 5 km away and moves the venue to where they stand…
		here := map[string]any{"lat": 36.495, "lng": 115.98}
		moved := patch(e, off, path, apptest.With(here, "version", v["version"]), nil).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "venue moved by the officer.lat", moved["lat"], 36.495)
		apptest.Equal(t, "venue moved by the officer.checkin_lat", moved["checkin_lat"], v["lat"])
		apptest.Equal(t, "venue moved by the officer.checkin_lng", moved["checkin_lng"], v["lng"])
		// …starts an inspection there: still off site, measured from the
		// approved position…
		id := e.Post(off, "/api/v1/inspections", map[string]any{"venue_id": v["id"]}).Must(t, http.StatusCreated).Map(t)["id"].(string)
		in := e.Post(off, "/api/v1/inspections/"+id+"/start", apptest.With(here, "accuracy_m", 10)).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "start.off_site", in["off_site"], true)
		if d, _ := in["start_distance_m"].(float64); d < 4000 {
			t.Errorf("start_distance_m = %v, want the ~5 km to the approved position", in["start_distance_m"])
		}
		// …and moving it back changes nothing of that.
		back := patch(e, off, path, map[string]any{"lat": v["lat"], "lng": v["lng"], "version": moved["version"]}, nil).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "venue moved back.checkin_lat", back["checkin_lat"], v["lat"])
		got := e.Get(sup, "/api/v1/inspections/"+id).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "inspection seen by the supervisor.off_site", got["off_site"], true)
	})

	t.Run("OK/SupervisorApproves", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		v := e.Venue(t, "dcf-1-g1")
		path := "/api/v1/venues/" + v["id"].(string)
		moved := patch(e, off, path, map[string]any{"lat": 36.495, "lng": 115.98, "version": v["version"]}, nil).Must(t, http.StatusOK).Map(t)
		// The supervisor sends the officer's position again: approved.
		ok := patch(e, sup, path, map[string]any{"lat": 36.495, "lng": 115.98, "version": moved["version"]}, nil).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "approved.checkin_lat", ok["checkin_lat"], nil)
		apptest.Equal(t, "approved.checkin_lng", ok["checkin_lng"], nil)
		id := e.Post(off, "/api/v1/inspections", map[string]any{"venue_id": v["id"]}).Must(t, http.StatusCreated).Map(t)["id"].(string)
		in := e.Post(off, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": 36.495, "lng": 115.98}).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "start at the approved position.off_site", in["off_site"], false)
	})

	t.Run("ErrOfficerClosesVenue", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		v := e.Venue(t, "dcf-1-g1")
		path := "/api/v1/venues/" + v["id"].(string)
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, patch(e, off, path, map[string]any{"status": "closed", "version": v["version"]}, nil), http.StatusForbidden, "")
		sameCounts(t, e, before)
		patch(e, sup, path, map[string]any{"status": "closed", "version": v["version"]}, nil).Must(t, http.StatusOK)
	})
}
