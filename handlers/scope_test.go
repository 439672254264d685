package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The helpers below are shared by the handler tests of this package.

// problem is an RFC 9457 problem body.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Errors []struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"errors"`
}

// wantProblem fails unless r is problem JSON with the given status and, when
// field is not empty, an error naming that field.
func wantProblem(t *testing.T, r *apptest.Response, status int, field string) problem {
	t.Helper()
	r.Must(t, status)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("content type %q, want problem JSON: %s", ct, r.Body)
	}
	var p problem
	r.JSON(t, &p)
	if p.Status != status || p.Type == "" || p.Title == "" {
		t.Fatalf("problem = %+v", p)
	}
	if field != "" && !slices.ContainsFunc(p.Errors, func(e struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	}) bool {
		return e.Field == field && e.Message != ""
	}) {
		t.Fatalf("errors %+v do not name %q", p.Errors, field)
	}
	return p
}

// count is the number of rows of a table, or of a query's result.
func count(t *testing.T, e *apptest.Env, sql string, args ...any) int {
	t.Helper()
	if !strings.Contains(sql, " ") {
		sql = "SELECT count(*) FROM " + sql
	}
	var n int64
	if err := e.DB.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return int(n)
}

// rowCounts counts the rows of the given tables, to show that a refused
// request wrote nothing.
func rowCounts(t *testing.T, e *apptest.Env, tables ...string) map[string]int {
	t.Helper()
	out := make(map[string]int, len(tables))
	for _, tb := range tables {
		out[tb] = count(t, e, tb)
	}
	return out
}

// sameCounts fails when a table's row count moved since before.
func sameCounts(t *testing.T, e *apptest.Env, before map[string]int) {
	t.Helper()
	for tb, n := range before {
		if got := count(t, e, tb); got != n {
			t.Errorf("%s has %d rows, had %d: something was written", tb, got, n)
		}
	}
}

// page is one page of a list.
type page struct {
	Items      []map[string]any `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

// list gets one page.
func list(t *testing.T, e *apptest.Env, as, path string) page {
	t.Helper()
	var p page
	e.Get(as, path).Must(t, http.StatusOK).JSON(t, &p)
	if p.Items == nil {
		t.Fatalf("GET %s: items is not an array", path)
	}
	return p
}

// walk follows next_cursor from the first page of path to the last and
// returns every item and the size of each page.
func walk(t *testing.T, e *apptest.Env, as, path string) (items []map[string]any, sizes []int) {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := path
	for range 1000 {
		p := list(t, e, as, next)
		items = append(items, p.Items...)
		sizes = append(sizes, len(p.Items))
		if p.NextCursor == nil {
			return items, sizes
		}
		if *p.NextCursor == "" {
			t.Fatalf("GET %s: empty next_cursor", next)
		}
		next = path + sep + "cursor=" + url.QueryEscape(*p.NextCursor)
	}
	t.Fatalf("GET %s: more than 1000 pages", path)
	return nil, nil
}

// ids are the "id" fields of items, failing on a duplicate.
func ids(t *testing.T, items []map[string]any) map[string]bool {
	t.Helper()
	out := make(map[string]bool, len(items))
	for _, it := range items {
		id, _ := it["id"].(string)
		if id == "" {
			t.Fatalf("item without an id: %v", it)
		}
		if out[id] {
			t.Fatalf("id %s is listed twice", id)
		}
		out[id] = true
	}
	return out
}

// dbIDs are the ids a query returns, as text.
func dbIDs(t *testing.T, e *apptest.Env, sql string, args ...any) map[string]bool {
	t.Helper()
	var rows []string
	if err := e.DB.Raw(sql, args...).Scan(&rows).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out := make(map[string]bool, len(rows))
	for _, r := range rows {
		out[r] = true
	}
	return out
}

// sameSet fails unless got and want hold the same ids.
func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	for id := range want {
		if !got[id] {
			t.Errorf("%s: %s is missing", what, id)
		}
	}
	for id := range got {
		if !want[id] {
			t.Errorf("%s: %s should not be there", what, id)
		}
	}
}

// sameAsStored fails unless answer, the response to a write, equals what a
// GET of path answers now, field by field.
func sameAsStored(t *testing.T, e *apptest.Env, path string, answer map[string]any) {
	t.Helper()
	read := e.Get("admin", path).Must(t, http.StatusOK).Map(t)
	if len(read) != len(answer) {
		t.Errorf("the write answered %d fields, a read %d", len(answer), len(read))
	}
	for f, v := range read {
		if fmt.Sprint(answer[f]) != fmt.Sprint(v) {
			t.Errorf("%s: the write answered %v, a read %v", f, answer[f], v)
		}
	}
}

// with is a copy of body with the given fields changed (nil deletes one).
func with(body map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(body))
	for k, v := range body {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

// patch sends a PATCH as the given user.
func patch(e *apptest.Env, as, path string, body any, header map[string]string) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPatch, Path: path, As: as, Body: body, Header: header})
}

// venueOf is the id of one venue of the grid with the given code, made by
// the admin so that the test knows it exists.
func venueOf(t *testing.T, e *apptest.Env, grid string) map[string]any {
	t.Helper()
	return e.Post("admin", "/api/v1/venues", venueBody(e.Unit(grid))).Must(t, http.StatusCreated).Map(t)
}

func TestScopeVenues(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 120})
	g1, g2 := venueOf(t, e, "dcf-1-g1"), venueOf(t, e, "dcf-1-g2")
	other, kfq := venueOf(t, e, "dcf-2-g1"), venueOf(t, e, "kfq-1-g1")
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
		if upd["contact_phone"] != "13900000001" || upd["version"] != float64(2) {
			t.Fatalf("patched = %v", upd)
		}
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
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/venues", venueBody(e.Unit("dcf-1-g2"))), 422, "grid_id")
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
