package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// unitBody is a POST /org-units body.
func unitBody(kind, code, name string, parent string) map[string]any {
	b := map[string]any{"kind": kind, "code": code, "name": name}
	if parent != "" {
		b["parent_id"] = parent
	}
	return b
}

// seededUnits is the number of org units of the demo city: 1 city, 3
// districts, 6 stations, 18 grids.
const seededUnits = 28

func TestOrgUnitsCreate(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	tables := []string{"org_units", "audit_log"}

	t.Run("OK/Branch", func(t *testing.T) {
		// Ensure an admin builds a whole branch, city to grid, each under its parent.
		parent := ""
		for _, u := range []struct{ kind, code, name string }{
			{"city", "jn", "济南市"},
			{"district", "jn-lx", "历下区"},
			{"station", "jn-lx-1", "泉城路派出所"},
			{"grid", "jn-lx-1-g1", "泉城路派出所第1网格"},
		} {
			r := e.Post("admin", "/api/v1/org-units", unitBody(u.kind, u.code, u.name, parent)).Must(t, http.StatusCreated)
			got := r.Map(t)
			apptest.Fields(t, "created", got, map[string]any{"kind": u.kind, "code": u.code, "name": u.name, "version": float64(1)})
			apptest.Equal(t, "created: r.Header.Get(\"ETag\")", r.Header.Get("ETag"), `"1"`)
			if (parent == "" && got["parent_id"] != nil) || (parent != "" && got["parent_id"] != parent) {
				t.Fatalf("%s: parent_id = %v, want %q", u.kind, got["parent_id"], parent)
			}
			id := got["id"].(string)
			sameAsStored(t, e, "/api/v1/org-units/"+id, got)
			parent = id
		}
		// the new grid is in the subtree of the new city, and only there
		items, _ := walk(t, e, "admin", "/api/v1/org-units?under="+e.Unit("jn"))
		if len(items) != 4 {
			t.Fatalf("under the new city: %d units", len(items))
		}
	})

	for _, tc := range []struct {
		name        string
		kind, code  string
		parentOf    string // code of the parent ("" for none)
		unknownPrnt bool
		field       string
	}{
		{"ErrDistrictWithoutParent", "district", "x-d", "", false, "parent_id"},
		{"ErrDistrictUnderDistrict", "district", "x-d", "dcf", false, "parent_id"},
		{"ErrStationUnderCity", "station", "x-s", "lc", false, "parent_id"},
		{"ErrStationUnderGrid", "station", "x-s", "dcf-1-g1", false, "parent_id"},
		{"ErrGridUnderDistrict", "grid", "x-g", "dcf", false, "parent_id"},
		{"ErrGridUnderGrid", "grid", "x-g", "dcf-1-g1", false, "parent_id"},
		{"ErrGridWithoutParent", "grid", "x-g", "", false, "parent_id"},
		{"ErrCityWithParent", "city", "x-c", "lc", false, "parent_id"},
		{"ErrUnknownParent", "station", "x-s", "", true, "parent_id"},
		{"ErrKind", "county", "x-k", "lc", false, "kind"},
		{"ErrCode", "grid", "-bad code", "dcf-1", false, "code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure the kinds keep their order, the error names the field,
			// and nothing is written.
			parent := ""
			if tc.parentOf != "" {
				parent = e.Unit(tc.parentOf)
			}
			if tc.unknownPrnt {
				parent = uuid.NewString()
			}
			before := rowCounts(t, e, tables...)
			wantProblem(t, e.Post("admin", "/api/v1/org-units", unitBody(tc.kind, tc.code, "某单位", parent)), 422, tc.field)
			sameCounts(t, e, before)
		})
	}

	t.Run("ErrBadBody", func(t *testing.T) {
		before := rowCounts(t, e, tables...)
		wantProblem(t, e.Post("admin", "/api/v1/org-units", `{"kind": "grid"`), 400, "")
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(unitBody("grid", "x-g", "某网格", e.Unit("dcf-1")), "colour", "red")), 422, "colour")
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(unitBody("grid", "x-g", "某网格", e.Unit("dcf-1")), "parent_id", "dcf-1")), 422, "parent_id")
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(unitBody("grid", "x-g", "某网格", e.Unit("dcf-1")), "name", nil)), 422, "name")
		sameCounts(t, e, before)
	})

	t.Run("ErrDuplicateCode", func(t *testing.T) {
		// Ensure a code in use is a conflict naming code.
		before := rowCounts(t, e, tables...)
		wantProblem(t, e.Post("admin", "/api/v1/org-units", unitBody("grid", "dcf-1-g1", "重复网格", e.Unit("dcf-1"))), 409, "code")
		sameCounts(t, e, before)
	})

	t.Run("OK/Retry", func(t *testing.T) {
		// Ensure a client-made id retried with the same body answers the
		// same unit and writes nothing more.
		body := apptest.With(unitBody("grid", "dcf-1-g4", "古楼派出所第4网格", e.Unit("dcf-1")), "id", uuid.NewString())
		first := e.Post("admin", "/api/v1/org-units", body).Must(t, http.StatusCreated).Map(t)
		if first["id"] != body["id"] {
			t.Fatalf("id = %v, sent %v", first["id"], body["id"])
		}
		before := rowCounts(t, e, tables...)
		again := e.Post("admin", "/api/v1/org-units", body)
		if again.Status != http.StatusCreated && again.Status != http.StatusOK {
			t.Fatalf("retry: status %d: %s", again.Status, again.Body)
		}
		second := again.Map(t)
		for _, f := range []string{"id", "kind", "code", "name", "parent_id", "version", "created_at", "updated_at"} {
			if first[f] != second[f] {
				t.Errorf("retry: %s = %v, first %v", f, second[f], first[f])
			}
		}
		sameCounts(t, e, before)

		// Ensure the same id with another body is a conflict on id.
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(body, "name", "别的名字")), 409, "id")
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(body, "code", "dcf-1-g5")), 409, "id")
		wantProblem(t, e.Post("admin", "/api/v1/org-units", apptest.With(body, "parent_id", e.Unit("dcf-2"))), 409, "id")
		sameCounts(t, e, before)
	})

	t.Run("ErrNotAdmin", func(t *testing.T) {
		// Ensure only an admin creates units: a supervisor or an officer is refused.
		before := rowCounts(t, e, tables...)
		for _, as := range []string{"sup-lc", "sup-dcf-1", "off-dcf-1-g1"} {
			wantProblem(t, e.Post(as, "/api/v1/org-units", unitBody("grid", "dcf-1-g9", "某网格", e.Unit("dcf-1"))), 403, "")
		}
		wantProblem(t, e.Post("", "/api/v1/org-units", unitBody("grid", "dcf-1-g9", "某网格", e.Unit("dcf-1"))), 401, "")
		sameCounts(t, e, before)
	})
}

func TestOrgUnitsPatch(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	name := func(t *testing.T, path string) (string, float64) {
		t.Helper()
		u := e.Get("admin", path).Must(t, 200).Map(t)
		return u["name"].(string), u["version"].(float64)
	}
	// renamed renames the grid with the given code three times, to 古楼1格
	// at version 4, as the Err subtests find it (each has its own grid).
	renamed := func(t *testing.T, code string) string {
		t.Helper()
		path := "/api/v1/org-units/" + e.Unit(code)
		for v, n := range []string{"古楼第一网格", "古楼一格", "古楼1格"} {
			patch(e, "admin", path, map[string]any{"name": n, "version": v + 1}, nil).Must(t, 200)
		}
		return path
	}

	t.Run("OK/BodyVersion", func(t *testing.T) {
		path := "/api/v1/org-units/" + e.Unit("dcf-1-g1")
		r := patch(e, "admin", path, map[string]any{"name": "古楼第一网格", "version": 1}, nil).Must(t, 200)
		u := r.Map(t)
		if u["name"] != "古楼第一网格" || u["version"] != float64(2) || u["code"] != "dcf-1-g1" || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("patched %v, ETag %q", u, r.Header.Get("ETag"))
		}
		sameAsStored(t, e, path, u)
	})

	t.Run("OK/IfMatch", func(t *testing.T) {
		path := "/api/v1/org-units/" + e.Unit("dcf-1-g3")
		patch(e, "admin", path, map[string]any{"name": "古楼第三网格", "version": 1}, nil).Must(t, 200)
		u := patch(e, "admin", path, map[string]any{"name": "古楼一格"}, map[string]string{"If-Match": `"2"`}).Must(t, 200).Map(t)
		apptest.Fields(t, "patched", u, map[string]any{"name": "古楼一格", "version": float64(3)})
		// a weak ETag is read too
		u = patch(e, "admin", path, map[string]any{"name": "古楼1格"}, map[string]string{"If-Match": `W/"3"`}).Must(t, 200).Map(t)
		if u["version"] != float64(4) {
			t.Fatalf("patched %v", u)
		}
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		path := renamed(t, "kfq-1-g1")
		before := rowCounts(t, e, "audit_log")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧", "version": 1}, nil), 412, "")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧"}, map[string]string{"If-Match": `"3"`}), 412, "")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧", "version": 5}, nil), 412, "")
		if n, v := name(t, path); n != "古楼1格" || v != 4 {
			t.Fatalf("unit changed: %s v%v", n, v)
		}
		sameCounts(t, e, before)
	})

	t.Run("ErrNoVersion", func(t *testing.T) {
		path := renamed(t, "kfq-1-g2")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "无版本"}, nil), 428, "")
		if n, _ := name(t, path); n != "古楼1格" {
			t.Fatalf("unit changed: %s", n)
		}
	})

	t.Run("ErrDuplicateCode", func(t *testing.T) {
		path := renamed(t, "kfq-2-g1")
		wantProblem(t, patch(e, "admin", path, map[string]any{"code": "dcf-1-g2", "version": 4}, nil), 409, "code")
		if _, v := name(t, path); v != 4 {
			t.Fatalf("version moved to %v", v)
		}
	})

	t.Run("ErrFields", func(t *testing.T) {
		path := renamed(t, "kfq-2-g2")
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"name": "", "version": 4}, "name"},
			{map[string]any{"code": "has space", "version": 4}, "code"},
			{map[string]any{"kind": "station", "version": 4}, "kind"},
			{map[string]any{"parent_id": e.Unit("dcf"), "version": 4}, "parent_id"},    // a grid under a district
			{map[string]any{"parent_id": uuid.NewString(), "version": 4}, "parent_id"}, // no such unit
			{map[string]any{"parent_id": "dcf-2", "version": 4}, "parent_id"},          // not a UUID
			{map[string]any{"name": "x", "version": "4"}, "version"},                   // wrong type
		} {
			wantProblem(t, patch(e, "admin", path, tc.body, nil), 422, tc.field)
		}
		if _, v := name(t, path); v != 4 {
			t.Fatalf("version moved to %v", v)
		}
	})

	t.Run("OK/Move", func(t *testing.T) {
		// Ensure moving a station to another district carries its grids,
		// so the subtree queries (and scope) follow.
		station := e.Unit("dcf-2")
		u := patch(e, "admin", "/api/v1/org-units/"+station, map[string]any{"parent_id": e.Unit("kfq"), "version": 1}, nil).Must(t, 200).Map(t)
		apptest.Fields(t, "moved", u, map[string]any{"parent_id": e.Unit("kfq"), "version": float64(2)})
		under := func(code string) map[string]bool {
			items, _ := walk(t, e, "admin", "/api/v1/org-units?under="+e.Unit(code))
			return ids(t, items)
		}
		moved := []string{station, e.Unit("dcf-2-g1"), e.Unit("dcf-2-g2"), e.Unit("dcf-2-g3")}
		kfq, dcf := under("kfq"), under("dcf")
		for _, id := range moved {
			if !kfq[id] || dcf[id] {
				t.Fatalf("%s: under kfq %v, under dcf %v", id, kfq[id], dcf[id])
			}
		}
		if len(kfq) != 1+2*4+4 || len(dcf) != 1+4 {
			t.Fatalf("kfq has %d units, dcf %d", len(kfq), len(dcf))
		}
		// the station's supervisor still sees their grids
		e.Get("sup-dcf-2", "/api/v1/org-units/"+e.Unit("dcf-2-g3")).Must(t, 200)
	})

	t.Run("ErrNotAdmin", func(t *testing.T) {
		path := renamed(t, "kfq-1-g3")
		wantProblem(t, patch(e, "sup-lc", path, map[string]any{"name": "督导改名", "version": 4}, nil), 403, "")
		if n, _ := name(t, path); n != "古楼1格" {
			t.Fatalf("unit changed: %s", n)
		}
	})

	t.Run("ErrUnknown", func(t *testing.T) {
		wantProblem(t, patch(e, "admin", "/api/v1/org-units/"+uuid.NewString(), map[string]any{"name": "x", "version": 1}, nil), 404, "")
		wantProblem(t, e.Get("admin", "/api/v1/org-units/"+uuid.NewString()), 404, "")
	})
}

func TestOrgUnitsList(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)

	t.Run("OK/Walk", func(t *testing.T) {
		// Ensure a small page size walks every unit exactly once.
		items, sizes := walk(t, e, "admin", "/api/v1/org-units?limit=5")
		apptest.Equal(t, "page sizes: len(sizes)", len(sizes), 6)
		apptest.Equal(t, "page sizes: sizes[5]", sizes[5], 3)
		sameSet(t, "org units", ids(t, items), dbIDs(t, e, "SELECT id::text FROM org_units"))
		if len(items) != seededUnits {
			t.Fatalf("%d units, want %d", len(items), seededUnits)
		}
	})

	t.Run("OK/ExactLastPage", func(t *testing.T) {
		// a page size that divides the total: the last full page has no next cursor
		items, sizes := walk(t, e, "admin", "/api/v1/org-units?limit=14")
		apptest.Equal(t, "page sizes: len(items)", len(items), seededUnits)
		apptest.Equal(t, "page sizes: len(sizes)", len(sizes), 2)
	})

	for _, tc := range []struct {
		name, kind, parent, under string // parent and under are codes
		want                      []string
	}{
		{"OK/KindDistrict", "district", "", "", []string{"dcf", "kfq", "gxq"}},
		{"OK/KindCity", "city", "", "", []string{"lc"}},
		{"OK/ParentStation", "", "dcf-1", "", []string{"dcf-1-g1", "dcf-1-g2", "dcf-1-g3"}},
		{"OK/ParentDistrict", "", "kfq", "", []string{"kfq-1", "kfq-2"}},
		{"OK/KindAndParent", "grid", "gxq-2", "", []string{"gxq-2-g1", "gxq-2-g2", "gxq-2-g3"}},
		{"OK/KindNotUnderParent", "station", "dcf-1", "", nil},
		{"OK/Under", "", "", "kfq-2", []string{"kfq-2", "kfq-2-g1", "kfq-2-g2", "kfq-2-g3"}},
		{"OK/UnderAndKind", "station", "", "gxq", []string{"gxq-1", "gxq-2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"limit": {"2"}}
			if tc.kind != "" {
				q.Set("kind", tc.kind)
			}
			if tc.parent != "" {
				q.Set("parent_id", e.Unit(tc.parent))
			}
			if tc.under != "" {
				q.Set("under", e.Unit(tc.under))
			}
			items, _ := walk(t, e, "admin", "/api/v1/org-units?"+q.Encode())
			want := map[string]bool{}
			for _, c := range tc.want {
				want[e.Unit(c)] = true
			}
			sameSet(t, q.Encode(), ids(t, items), want)
		})
	}

	t.Run("OK/KindGrid", func(t *testing.T) {
		items, _ := walk(t, e, "admin", "/api/v1/org-units?kind=grid&limit=7")
		if len(items) != 18 {
			t.Fatalf("%d grids", len(items))
		}
		for _, it := range items {
			apptest.Fields(t, "kind=grid lists", it, map[string]any{"kind": "grid"})
			apptest.True(t, "kind=grid lists: it[\"parent_id\"] is set", it["parent_id"] != nil)
		}
	})

	t.Run("OK/Scope", func(t *testing.T) {
		// Ensure a supervisor lists their subtree and an officer their grids.
		items, _ := walk(t, e, "sup-dcf-1", "/api/v1/org-units")
		sameSet(t, "sup-dcf-1's units", ids(t, items), map[string]bool{
			e.Unit("dcf-1"): true, e.Unit("dcf-1-g1"): true, e.Unit("dcf-1-g2"): true, e.Unit("dcf-1-g3"): true,
		})
		items, _ = walk(t, e, "off-gxq-1-g2", "/api/v1/org-units")
		sameSet(t, "off-gxq-1-g2's units", ids(t, items), map[string]bool{e.Unit("gxq-1-g2"): true})
		items, _ = walk(t, e, "sup-lc", "/api/v1/org-units?limit=200")
		if len(items) != seededUnits {
			t.Fatalf("sup-lc lists %d units", len(items))
		}
	})

	for _, tc := range []struct{ name, query, field string }{
		{"ErrKind", "kind=county", "kind"},
		{"ErrParentID", "parent_id=dcf-1", "parent_id"},
		{"ErrUnder", "under=x", "under"},
		{"ErrLimitZero", "limit=0", "limit"},
		{"ErrLimitTooBig", "limit=201", "limit"},
		{"ErrCursor", "cursor=%21%21%21", "cursor"},
		{"ErrCursorNotOurs", "cursor=" + base64URL(`{"id":1}`), "cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.Get("admin", "/api/v1/org-units?"+tc.query), 422, tc.field)
		})
	}
}
