package handlers_test

import (
	"encoding/base64"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// GET /venues and /venues/points: filters, order, pages.

func TestVenuesList(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 120})
	const total = 120

	t.Run("OK/Walk", func(t *testing.T) {
		// Ensure limit=50 walks every venue exactly once, in pages of 50, 50, 20.
		items, sizes := walk(t, e, "admin", "/api/v1/venues?limit=50")
		if fmt.Sprint(sizes) != "[50 50 20]" {
			t.Fatalf("page sizes %v", sizes)
		}
		sameSet(t, "venues", ids(t, items), dbIDs(t, e, "SELECT id::text FROM venues"))
	})

	t.Run("OK/DefaultAndMaxLimit", func(t *testing.T) {
		if p := list(t, e, "admin", "/api/v1/venues"); len(p.Items) != 50 || p.NextCursor == nil {
			t.Fatalf("default page: %d items, next %v", len(p.Items), p.NextCursor)
		}
		if p := list(t, e, "admin", "/api/v1/venues?limit=200"); len(p.Items) != total || p.NextCursor != nil {
			t.Fatalf("limit=200: %d items, next %v", len(p.Items), p.NextCursor)
		}
	})

	for _, tc := range []struct {
		name, query, field string
	}{
		{"ErrLimitZero", "limit=0", "limit"},
		{"ErrLimitTooBig", "limit=201", "limit"},
		{"ErrLimitNegative", "limit=-1", "limit"},
		{"ErrLimitNotANumber", "limit=ten", "limit"},
		{"ErrCursorGarbage", "cursor=not-a-cursor!", "cursor"},
		{"ErrCursorNotOurs", "cursor=" + base64URL(`"hello"`), "cursor"},
		{"ErrGridID", "grid_id=dcf-1-g1", "grid_id"},
		{"ErrOrgUnitID", "org_unit_id=123", "org_unit_id"},
		{"ErrRiskLevel", "risk_level=purple", "risk_level"},
		{"ErrCategory", "category=bar", "category"},
		{"ErrStatus", "status=open", "status"},
		{"ErrNear", "near=36.4", "near"},
		{"ErrNearRange", "near=95,115", "near"},
		{"ErrRadiusWithoutNear", "radius_m=500", "radius_m"},
		{"ErrRadiusNegative", "near=36.4,115.9&radius_m=-5", "radius_m"},
		{"ErrRadiusNotANumber", "near=36.4,115.9&radius_m=far", "radius_m"},
		{"ErrRadiusTooBig", "near=36.4,115.9&radius_m=50001", "radius_m"},
		{"ErrQTooLong", "q=" + url.QueryEscape(strings.Repeat("店", 101)), "q"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.Get("admin", "/api/v1/venues?"+tc.query), 422, tc.field)
		})
	}

	t.Run("OK/Filters", func(t *testing.T) {
		closed := list(t, e, "admin", "/api/v1/venues?limit=1").Items[0]
		patch(e, "admin", "/api/v1/venues/"+closed["id"].(string), map[string]any{"status": "closed", "version": 1}, nil).Must(t, 200)
		g1, dcf := e.Unit("dcf-1-g1"), e.Unit("dcf")
		for _, tc := range []struct {
			query, sql string
			args       []any
		}{
			{"grid_id=" + g1, "SELECT id::text FROM venues WHERE grid_id = ?", []any{g1}},
			{"org_unit_id=" + dcf, "SELECT v.id::text FROM venues v JOIN org_units g ON g.id = v.grid_id WHERE g.path @> ARRAY[?]::uuid[]", []any{dcf}},
			{"org_unit_id=" + g1, "SELECT id::text FROM venues WHERE grid_id = ?", []any{g1}},
			{"risk_level=red", "SELECT id::text FROM venues WHERE risk_level = 'red'", nil},
			{"risk_level=green", "SELECT id::text FROM venues WHERE risk_level = 'green'", nil},
			{"category=hotel", "SELECT id::text FROM venues WHERE category = 'hotel'", nil},
			{"status=closed", "SELECT id::text FROM venues WHERE status = 'closed'", nil},
			{"status=active", "SELECT id::text FROM venues WHERE status = 'active'", nil},
			{"risk_level=yellow&org_unit_id=" + dcf, "SELECT v.id::text FROM venues v JOIN org_units g ON g.id = v.grid_id WHERE g.path @> ARRAY[?]::uuid[] AND risk_level = 'yellow'", []any{dcf}},
			{"category=shop&status=active", "SELECT id::text FROM venues WHERE category = 'shop' AND status = 'active'", nil},
		} {
			// named by the units' codes, which unlike their ids are the same each run
			name := strings.NewReplacer(g1, "dcf-1-g1", dcf, "dcf").Replace(tc.query)
			t.Run(name, func(t *testing.T) {
				want := dbIDs(t, e, tc.sql, tc.args...)
				if len(want) == 0 || len(want) == total {
					t.Fatalf("the seed gives %d venues for %s: the filter is not tested", len(want), tc.query)
				}
				items, _ := walk(t, e, "admin", "/api/v1/venues?limit=20&"+tc.query)
				sameSet(t, tc.query, ids(t, items), want)
			})
		}
		if p := list(t, e, "admin", "/api/v1/venues?status=closed"); len(p.Items) != 1 || p.Items[0]["id"] != closed["id"] || p.Items[0]["status"] != "closed" {
			t.Fatalf("status=closed lists %v", p.Items)
		}
	})

	t.Run("OK/Q", func(t *testing.T) {
		// Ensure q finds a Chinese substring of the name or of the address.
		grid := e.Unit("kfq-2-g3")
		teahouse := e.Post("admin", "/api/v1/venues", apptest.With(apptest.VenueBody(grid), "name", "望湖楼茶社", "address", "聊城市光岳路8号")).Must(t, 201).Map(t)
		market := e.Post("admin", "/api/v1/venues", apptest.With(apptest.VenueBody(grid), "name", "百姓超市", "address", "聊城市望湖路9号")).Must(t, 201).Map(t)
		for _, tc := range []struct {
			q    string
			want []any
		}{
			{"望湖", []any{teahouse["id"], market["id"]}},
			{"茶社", []any{teahouse["id"]}},
			{"望湖路", []any{market["id"]}},
			{"楼茶", []any{teahouse["id"]}},
			{"并不存在的店", nil},
			{"%", nil},
			{"_", nil},
		} {
			items, _ := walk(t, e, "admin", "/api/v1/venues?q="+url.QueryEscape(tc.q))
			got := ids(t, items)
			if len(got) != len(tc.want) {
				t.Fatalf("q=%s: %d venues, want %d", tc.q, len(got), len(tc.want))
			}
			for _, id := range tc.want {
				if !got[id.(string)] {
					t.Fatalf("q=%s misses %v", tc.q, id)
				}
			}
		}
		// q combines with the other filters
		if p := list(t, e, "admin", "/api/v1/venues?q="+url.QueryEscape("望湖")+"&grid_id="+e.Unit("dcf-1-g1")); len(p.Items) != 0 {
			t.Fatalf("q and grid_id: %v", p.Items)
		}
	})

	t.Run("OK/Near", func(t *testing.T) {
		// Ensure near with radius_m keeps the venues within the radius,
		// nearest first, each with its distance.
		const lat, lng = 36.60, 116.20 // north-east of the seeded venues
		grid := e.Unit("gxq-1-g1")
		made := map[string]float64{} // name → metres north of the point
		// farthest first, so that a list in the order of creation is wrong
		for _, v := range []struct {
			name string
			dLat float64
		}{{"远处网吧", 0.02}, {"近处小吃店", 0.001}, {"中间旅馆", 0.005}} {
			e.Post("admin", "/api/v1/venues", apptest.With(apptest.VenueBody(grid), "name", v.name, "lat", lat+v.dLat, "lng", lng)).Must(t, 201)
			made[v.name] = v.dLat * 111_319 // metres per degree of latitude on earthdistance's sphere (radius 6378168 m)
		}
		near := fmt.Sprintf("near=%g,%g", lat, lng)
		for _, tc := range []struct {
			radius int
			want   []string
		}{
			{100, nil},
			{1000, []string{"近处小吃店", "中间旅馆"}},
			{3000, []string{"近处小吃店", "中间旅馆", "远处网吧"}},
		} {
			p := list(t, e, "admin", fmt.Sprintf("/api/v1/venues?%s&radius_m=%d", near, tc.radius))
			if len(p.Items) != len(tc.want) || p.NextCursor != nil {
				t.Fatalf("radius %d: %d venues, want %v", tc.radius, len(p.Items), tc.want)
			}
			for i, name := range tc.want {
				it := p.Items[i]
				d, ok := it["distance_m"].(float64)
				if it["name"] != name || !ok || math.Abs(d-made[name]) > 0.01*made[name]+1 {
					t.Fatalf("radius %d, item %d = %v (distance_m %v), want %s at about %.0f m", tc.radius, i, it["name"], it["distance_m"], name, made[name])
				}
			}
		}
		// Ensure a list without near carries no distance.
		if it := list(t, e, "admin", "/api/v1/venues?limit=1").Items[0]; it["distance_m"] != nil {
			t.Fatalf("distance_m without near: %v", it["distance_m"])
		}
	})

	t.Run("OK/NearWalk", func(t *testing.T) {
		// Ensure the cursor of a list sorted by distance walks every venue
		// once, the distances never decreasing across pages.
		items, sizes := walk(t, e, "admin", "/api/v1/venues?near=36.42,115.95&limit=17")
		if len(sizes) < 2 {
			t.Fatalf("one page only: %v", sizes)
		}
		sameSet(t, "venues by distance", ids(t, items), dbIDs(t, e, "SELECT id::text FROM venues"))
		last := -1.0
		for i, it := range items {
			d, ok := it["distance_m"].(float64)
			if !ok || d < last {
				t.Fatalf("item %d: distance_m %v after %v", i, it["distance_m"], last)
			}
			last = d
		}
		// a cursor of the list by id is not one of the list by distance
		p := list(t, e, "admin", "/api/v1/venues?limit=5")
		wantProblem(t, e.Get("admin", "/api/v1/venues?near=36.42,115.95&cursor="+url.QueryEscape(*p.NextCursor)), 422, "cursor")
	})
}

// base64URL encodes s as our cursors are encoded.
func base64URL(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestVenuePoints(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 300})
	type points struct {
		Items     []map[string]any `json:"items"`
		Truncated *bool            `json:"truncated"`
	}
	get := func(t *testing.T, as, path string) points {
		t.Helper()
		var p points
		e.Get(as, path).Must(t, http.StatusOK).JSON(t, &p)
		if p.Items == nil || p.Truncated == nil {
			t.Fatalf("GET %s: items or truncated missing", path)
		}
		return p
	}

	t.Run("OK/EveryVenueOfTheScopeInOneAnswer", func(t *testing.T) {
		p := get(t, "admin", "/api/v1/venues/points")
		sameSet(t, "admin's points", ids(t, p.Items), dbIDs(t, e, "SELECT id::text FROM venues"))
		if *p.Truncated {
			t.Error("truncated with every venue given")
		}
		// An officer gets the points of their grid, the same venues as their list.
		officer := "off-dcf-1-g1"
		items, _ := walk(t, e, officer, "/api/v1/venues?limit=200")
		sameSet(t, "officer's points", ids(t, get(t, officer, "/api/v1/venues/points").Items), ids(t, items))
		if len(items) == 0 {
			t.Fatal("the officer has no venues")
		}
	})

	t.Run("OK/PointFields", func(t *testing.T) {
		p := get(t, "admin", "/api/v1/venues/points?limit=1")
		var v struct {
			ID, Name, Category, RiskLevel string
			Lat, Lng                      float64
		}
		id := p.Items[0]["id"].(string)
		if err := e.DB.Raw("SELECT id::text, name, category, risk_level, lat, lng FROM venues WHERE id = ?", id).Scan(&v).Error; err != nil {
			t.Fatal(err)
		}
		got := p.Items[0]
		apptest.Fields(t, "point", got, map[string]any{"name": v.Name, "category": v.Category, "risk_level": v.RiskLevel, "lat": v.Lat, "lng": v.Lng})
	})

	t.Run("OK/FiltersAsTheList", func(t *testing.T) {
		for _, q := range []string{
			"risk_level=red",
			"category=school&status=active",
			"org_unit_id=" + e.Unit("kfq-1"),
			"grid_id=" + e.Unit("dcf-1-g2") + "&risk_level=green",
			"q=" + url.QueryEscape("便利"),
			"near=36.45,115.98&radius_m=1500",
		} {
			items, _ := walk(t, e, "sup-lc", "/api/v1/venues?limit=200&"+q)
			sameSet(t, q, ids(t, get(t, "sup-lc", "/api/v1/venues/points?"+q).Items), ids(t, items))
		}
	})

	t.Run("OK/Truncated", func(t *testing.T) {
		p := get(t, "admin", "/api/v1/venues/points?limit=7")
		if len(p.Items) != 7 || !*p.Truncated {
			t.Fatalf("limit 7: %d items, truncated %v", len(p.Items), *p.Truncated)
		}
		want := dbIDs(t, e, "SELECT id::text FROM venues ORDER BY id LIMIT 7")
		sameSet(t, "the first 7 by id", ids(t, p.Items), want)
	})

	t.Run("ErrBadInput", func(t *testing.T) {
		for q, field := range map[string]string{
			"limit=0":        "limit",
			"limit=100001":   "limit",
			"limit=ten":      "limit",
			"risk_level=hot": "risk_level",
			"radius_m=100":   "radius_m",
			"grid_id=nope":   "grid_id",
		} {
			r := e.Get("admin", "/api/v1/venues/points?"+q).Must(t, http.StatusUnprocessableEntity)
			if !strings.Contains(string(r.Body), `"`+field+`"`) {
				t.Errorf("%s: the problem does not name %s: %s", q, field, r.Body)
			}
		}
		e.Get("", "/api/v1/venues/points").Must(t, http.StatusUnauthorized)
	})
}
