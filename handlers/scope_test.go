package handlers_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestScopeVenues(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 120})
	g1, g2 := e.Venue(t, "dcf-1-g1"), e.Venue(t, "dcf-1-g2")
	other, kfq := e.Venue(t, "dcf-2-g1"), e.Venue(t, "kfq-1-g1")
	path := func(v map[string]any) string { return "/api/v1/venues/" + v["id"].(string) }
	notFound := wantProblem(t, e.Get("off-dcf-1-g1", "/api/v1/venues/"+uuid.NewString()), 404, "")

	t.Run("OK/OfficerOwnGrid", func(t *testing.T) {
		// Ensure an officer reads and edits a venue of their own grid.
		got := e.Get("off-dcf-1-g1", path(g1)).Must(t, 200).Map(t)
		if got["id"] != g1["id"] {
			t.Fatalf("got %v", got["id"])
		}
		e.Get("off-dcf-1-g1", path(g1)+"/history").Must(t, 200)
		upd := patch(e, "off-dcf-1-g1", path(g1), map[string]any{"contact_phone": "13900000001", "version": 1}, nil).Must(t, 200).Map(t)
		apptest.Fields(t, "patched", upd, map[string]any{"contact_phone": "13900000001", "version": float64(2)})
	})

	t.Run("ErrOfficerOtherGrid", func(t *testing.T) {
		// Ensure another grid's venue is 404 to an officer, however they
		// ask, and the answer is the same as for an id that does not exist.
		for _, r := range []*apptest.Response{
			e.Get("off-dcf-1-g1", path(g2)),
			e.Get("off-dcf-1-g1", path(g2)+"/history"),
			patch(e, "off-dcf-1-g1", path(g2), map[string]any{"name": "改名", "version": 1}, nil),
			patch(e, "off-dcf-1-g1", path(g2), map[string]any{"name": "改名", "version": 7}, nil), // stale too: still 404, not 412
			patch(e, "off-dcf-1-g1", path(g2), map[string]any{"name": "改名"}, map[string]string{"If-Match": `"1"`}),
		} {
			p := wantProblem(t, r, 404, "")
			if p.Detail != notFound.Detail || p.Type != notFound.Type {
				t.Fatalf("out of scope answers %+v, an unknown id %+v", p, notFound)
			}
		}
		if n := count(t, e, "SELECT count(*) FROM venues WHERE id = ? AND name = ? AND version = 1", g2["id"], g2["name"]); n != 1 {
			t.Fatal("an out-of-scope PATCH changed the venue")
		}
	})

	t.Run("ErrOfficerMovesVenueAway", func(t *testing.T) {
		// Ensure an officer cannot move their venue into a grid they do not work in.
		v := e.Get("off-dcf-1-g1", path(g1)).Must(t, 200).Map(t)
		wantProblem(t, patch(e, "off-dcf-1-g1", path(g1), map[string]any{"grid_id": e.Unit("dcf-1-g2"), "version": v["version"]}, nil), 422, "grid_id")
		if n := count(t, e, "SELECT count(*) FROM venues WHERE id = ? AND grid_id = ?", g1["id"], e.Unit("dcf-1-g1")); n != 1 {
			t.Fatal("the venue moved")
		}
	})

	t.Run("ErrOfficerCreatesInOtherGrid", func(t *testing.T) {
		before := rowCounts(t, e, "venues")
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/venues", apptest.VenueBody(e.Unit("dcf-1-g2"))), 422, "grid_id")
		sameCounts(t, e, before)
	})

	t.Run("OK/StationSupervisor", func(t *testing.T) {
		// Ensure a station's supervisor sees its grids and nothing else.
		for _, v := range []map[string]any{g1, g2} {
			e.Get("sup-dcf-1", path(v)).Must(t, 200)
		}
		for _, v := range []map[string]any{other, kfq} {
			wantProblem(t, e.Get("sup-dcf-1", path(v)), 404, "")
			wantProblem(t, e.Get("sup-dcf-1", path(v)+"/history"), 404, "")
			wantProblem(t, patch(e, "sup-dcf-1", path(v), map[string]any{"name": "改名", "version": 1}, nil), 404, "")
		}
		items, _ := walk(t, e, "sup-dcf-1", "/api/v1/venues?limit=10")
		want := dbIDs(t, e, `SELECT v.id::text FROM venues v JOIN org_units g ON g.id = v.grid_id
			WHERE g.path @> ARRAY[?]::uuid[]`, e.Unit("dcf-1"))
		if len(want) < 3 {
			t.Fatalf("only %d venues under dcf-1: the test needs more", len(want))
		}
		sameSet(t, "sup-dcf-1's venues", ids(t, items), want)
	})

	t.Run("OK/CitySupervisor", func(t *testing.T) {
		// Ensure the city's supervisor sees every venue.
		for _, v := range []map[string]any{g1, g2, other, kfq} {
			e.Get("sup-lc", path(v)).Must(t, 200)
		}
		items, _ := walk(t, e, "sup-lc", "/api/v1/venues?limit=200")
		sameSet(t, "sup-lc's venues", ids(t, items), dbIDs(t, e, "SELECT id::text FROM venues"))
	})

	t.Run("OK/OfficerList", func(t *testing.T) {
		// Ensure an officer's list holds exactly the venues of their grid,
		// and asking for another grid gives an empty list, not an error.
		g := e.Unit("dcf-1-g1")
		items, _ := walk(t, e, "off-dcf-1-g1", "/api/v1/venues?limit=3")
		for _, it := range items {
			if it["grid_id"] != g {
				t.Fatalf("officer of dcf-1-g1 sees a venue of grid %v", it["grid_id"])
			}
		}
		sameSet(t, "off-dcf-1-g1's venues", ids(t, items), dbIDs(t, e, "SELECT id::text FROM venues WHERE grid_id = ?", g))
		if p := list(t, e, "off-dcf-1-g1", "/api/v1/venues?grid_id="+e.Unit("dcf-1-g2")); len(p.Items) != 0 {
			t.Fatalf("grid_id of another grid lists %d venues", len(p.Items))
		}
		if p := list(t, e, "off-dcf-1-g1", "/api/v1/venues?org_unit_id="+e.Unit("lc")); len(p.Items) != len(items) {
			t.Fatalf("org_unit_id=city lists %d venues, want the officer's %d", len(p.Items), len(items))
		}
	})
}

func TestScopeOrgUnitsAndUsers(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)

	t.Run("ErrOutOfScopeIs404", func(t *testing.T) {
		// Ensure org units and users out of scope answer 404, never 403.
		for _, c := range []struct{ as, path string }{
			{"off-dcf-1-g1", "/api/v1/org-units/" + e.Unit("dcf-1-g2")},
			{"off-dcf-1-g1", "/api/v1/org-units/" + e.Unit("dcf-1")},
			{"sup-dcf-1", "/api/v1/org-units/" + e.Unit("dcf-2")},
			{"sup-dcf-1", "/api/v1/org-units/" + e.Unit("kfq-1-g1")},
			{"sup-dcf-1", "/api/v1/org-units/" + e.Unit("lc")},
			{"off-dcf-1-g1", "/api/v1/users/" + e.User("off-dcf-1-g2")},
			{"off-dcf-1-g1", "/api/v1/users/" + e.User("sup-dcf-1")},
			{"sup-dcf-1", "/api/v1/users/" + e.User("off-kfq-1-g1")},
			{"sup-dcf-1", "/api/v1/users/" + e.User("sup-lc")},
		} {
			wantProblem(t, e.Get(c.as, c.path), 404, "")
		}
	})

	t.Run("OK/InScope", func(t *testing.T) {
		for _, c := range []struct{ as, path string }{
			{"off-dcf-1-g1", "/api/v1/org-units/" + e.Unit("dcf-1-g1")},
			{"off-dcf-1-g1", "/api/v1/users/" + e.User("off-dcf-1-g1")},
			{"sup-dcf-1", "/api/v1/org-units/" + e.Unit("dcf-1")},
			{"sup-dcf-1", "/api/v1/org-units/" + e.Unit("dcf-1-g3")},
			{"sup-dcf-1", "/api/v1/users/" + e.User("off-dcf-1-g3")},
			{"sup-lc", "/api/v1/org-units/" + e.Unit("gxq-2-g3")},
			{"sup-lc", "/api/v1/users/" + e.User("off-gxq-2-g3")},
		} {
			e.Get(c.as, c.path).Must(t, 200)
		}
	})
}

func TestScopeMalformedID(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure an id that is not a UUID names nothing: 404, never a 400 or 500.
	for _, bad := range []string{"not-a-uuid", "1", "0000", strings.Repeat("a", 40), "%27%20OR%201%3D1"} {
		for _, r := range []apptest.Request{
			{Method: "GET", Path: "/api/v1/venues/" + bad},
			{Method: "GET", Path: "/api/v1/venues/" + bad + "/history"},
			{Method: "PATCH", Path: "/api/v1/venues/" + bad, Body: map[string]any{"name": "x", "version": 1}},
			{Method: "GET", Path: "/api/v1/org-units/" + bad},
			{Method: "PATCH", Path: "/api/v1/org-units/" + bad, Body: map[string]any{"name": "x", "version": 1}},
			{Method: "GET", Path: "/api/v1/users/" + bad},
			{Method: "PATCH", Path: "/api/v1/users/" + bad, Body: map[string]any{"name": "x", "version": 1}},
			{Method: "PUT", Path: "/api/v1/users/" + bad + "/grids", Body: map[string]any{"grid_ids": []string{}}},
		} {
			r.As = "admin"
			wantProblem(t, e.Do(r), 404, "")
		}
	}
}
