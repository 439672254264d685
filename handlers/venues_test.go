package handlers_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// invalidUSCC is apptest.ValidUSCC with another check character.
const invalidUSCC = "91350100M000100Y44"

// venueTables are the tables a venue write touches.
var venueTables = []string{"venues", "venue_level_changes", "audit_log"}

func TestVenuesCreate(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	grid := e.Unit("dcf-1-g1")

	t.Run("OK/Create", func(t *testing.T) {
		// Ensure an admin creates a venue and reads back what was sent.
		body := apptest.VenueBody(grid)
		r := e.Post("admin", "/api/v1/venues", body).Must(t, http.StatusCreated)
		if r.Header.Get("ETag") != `"1"` {
			t.Fatalf("ETag %q", r.Header.Get("ETag"))
		}
		v := r.Map(t)
		for _, f := range []string{"name", "category", "risk_level", "grid_id", "address", "lat", "lng", "contact_name", "contact_phone", "license_no"} {
			if v[f] != body[f] {
				t.Errorf("%s = %v, sent %v", f, v[f], body[f])
			}
		}
		if _, err := uuid.Parse(fmt.Sprint(v["id"])); err != nil || v["status"] != "active" || v["version"] != float64(1) ||
			v["created_at"] == nil || v["updated_at"] == nil {
			t.Fatalf("venue = %v", v)
		}
		sameAsStored(t, e, "/api/v1/venues/"+v["id"].(string), v)
	})

	t.Run("OK/Officer", func(t *testing.T) {
		// Ensure an officer creates a venue in their own grid; the license is optional.
		v := e.Post("off-dcf-1-g1", "/api/v1/venues", apptest.With(apptest.VenueBody(grid), "license_no", nil, "category", "internet_cafe")).
			Must(t, http.StatusCreated).Map(t)
		apptest.Fields(t, "venue", v, map[string]any{"license_no": nil, "category": "internet_cafe"})
	})

	t.Run("OK/Retry", func(t *testing.T) {
		// Ensure a client-made id retried with the same body answers the
		// same venue and writes nothing more.
		body := apptest.With(apptest.VenueBody(grid), "id", uuid.NewString())
		first := e.Post("off-dcf-1-g1", "/api/v1/venues", body).Must(t, http.StatusCreated).Map(t)
		if first["id"] != body["id"] {
			t.Fatalf("id %v, sent %v", first["id"], body["id"])
		}
		before := rowCounts(t, e, venueTables...)
		again := e.Post("off-dcf-1-g1", "/api/v1/venues", body)
		if again.Status != http.StatusCreated && again.Status != http.StatusOK {
			t.Fatalf("retry: status %d: %s", again.Status, again.Body)
		}
		second := again.Map(t)
		for _, f := range []string{"id", "version", "created_at", "updated_at", "name", "risk_level"} {
			if first[f] != second[f] {
				t.Errorf("retry: %s = %v, first %v", f, second[f], first[f])
			}
		}
		sameCounts(t, e, before)

		// Ensure the same id with another body is a conflict on id.
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/venues", apptest.With(body, "name", "另一家店")), 409, "id")
		sameCounts(t, e, before)
	})

	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"ErrCategory", apptest.With(apptest.VenueBody(grid), "category", "bar"), 422, "category"},
		{"ErrCategoryMissing", apptest.With(apptest.VenueBody(grid), "category", nil), 422, "category"},
		{"ErrRiskLevel", apptest.With(apptest.VenueBody(grid), "risk_level", "orange"), 422, "risk_level"},
		{"ErrRiskLevelCase", apptest.With(apptest.VenueBody(grid), "risk_level", "RED"), 422, "risk_level"},
		{"ErrLatTooHigh", apptest.With(apptest.VenueBody(grid), "lat", 90.5), 422, "lat"},
		{"ErrLatTooLow", apptest.With(apptest.VenueBody(grid), "lat", -91), 422, "lat"},
		{"ErrLatMissing", apptest.With(apptest.VenueBody(grid), "lat", nil), 422, "lat"},
		{"ErrLngOutOfRange", apptest.With(apptest.VenueBody(grid), "lng", 180.01), 422, "lng"},
		{"ErrZeroPosition", apptest.With(apptest.VenueBody(grid), "lat", 0, "lng", 0), 422, "lat"},
		{"ErrLicenseCheckDigit", apptest.With(apptest.VenueBody(grid), "license_no", invalidUSCC), 422, "license_no"},
		{"ErrLicenseLength", apptest.With(apptest.VenueBody(grid), "license_no", apptest.ValidUSCC[:17]), 422, "license_no"},
		{"ErrLicenseLowerCase", apptest.With(apptest.VenueBody(grid), "license_no", "91350100m000100y43"), 422, "license_no"},
		{"ErrNameMissing", apptest.With(apptest.VenueBody(grid), "name", nil), 422, "name"},
		{"ErrNameBlank", apptest.With(apptest.VenueBody(grid), "name", "   "), 422, "name"},
		{"ErrAddressMissing", apptest.With(apptest.VenueBody(grid), "address", ""), 422, "address"},
		{"ErrUnknownField", apptest.With(apptest.VenueBody(grid), "owner", "张三"), 422, "owner"},
		{"ErrStatusOnCreate", apptest.With(apptest.VenueBody(grid), "status", "closed"), 422, "status"},
		{"ErrWrongTypeLat", apptest.With(apptest.VenueBody(grid), "lat", "36.45"), 422, "lat"},
		{"ErrWrongTypeName", apptest.With(apptest.VenueBody(grid), "name", 12), 422, "name"},
		{"ErrNumberTooBig", `{"name":"店","category":"shop","risk_level":"red","grid_id":"` + grid + `","address":"路","lat":1e400,"lng":115}`, 422, "lat"},
		{"ErrGridIDNotUUID", apptest.With(apptest.VenueBody(grid), "grid_id", "dcf-1-g1"), 422, "grid_id"},
		{"ErrGridIDMissing", apptest.With(apptest.VenueBody(grid), "grid_id", nil), 422, "grid_id"},
		{"ErrGridIDUnknown", apptest.With(apptest.VenueBody(grid), "grid_id", uuid.NewString()), 422, "grid_id"},
		{"ErrGridIDNotAGrid", apptest.With(apptest.VenueBody(grid), "grid_id", e.Unit("dcf-1")), 422, "grid_id"},
		{"ErrIDNotUUID", apptest.With(apptest.VenueBody(grid), "id", "abc"), 422, "id"},
		{"ErrMalformed", `{"name": "店", `, 400, ""},
		{"ErrNotJSON", `name=店`, 400, ""},
		{"ErrArray", `[]`, 400, ""},
		{"ErrEmpty", ``, 400, ""},
		{"ErrTrailing", `{"name":"店"} {}`, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure bad input is refused, names the field, and writes nothing.
			before := rowCounts(t, e, venueTables...)
			wantProblem(t, e.Post("admin", "/api/v1/venues", tc.body), tc.status, tc.field)
			sameCounts(t, e, before)
		})
	}

	t.Run("ErrNoToken", func(t *testing.T) {
		before := rowCounts(t, e, venueTables...)
		wantProblem(t, e.Post("", "/api/v1/venues", apptest.VenueBody(grid)), 401, "")
		sameCounts(t, e, before)
	})
}

func TestVenuesPatch(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// fresh is a new venue of dcf-1-g1 (as created) and its path: each
	// subtest has its own.
	fresh := func(t *testing.T) (map[string]any, string) {
		t.Helper()
		v := e.Venue(t, "dcf-1-g1")
		return v, "/api/v1/venues/" + v["id"].(string)
	}
	// patched is a fresh venue patched as OK/BodyVersion and OK/IfMatch do:
	// named 鑫源超市, at version 3.
	patched := func(t *testing.T) (map[string]any, string) {
		t.Helper()
		v, path := fresh(t)
		patch(e, "off-dcf-1-g1", path, map[string]any{"name": "鑫源超市", "contact_name": "李女士", "version": 1}, nil).Must(t, 200)
		patch(e, "off-dcf-1-g1", path, map[string]any{"address": "聊城市柳园路3号"}, map[string]string{"If-Match": `"2"`}).Must(t, 200)
		return v, path
	}
	read := func(t *testing.T, path string) map[string]any {
		t.Helper()
		return e.Get("admin", path).Must(t, 200).Map(t)
	}

	t.Run("OK/BodyVersion", func(t *testing.T) {
		v, path := fresh(t)
		r := patch(e, "off-dcf-1-g1", path, map[string]any{"name": "鑫源超市", "contact_name": "李女士", "version": 1}, nil).Must(t, 200)
		got := r.Map(t)
		if got["name"] != "鑫源超市" || got["contact_name"] != "李女士" || got["version"] != float64(2) || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("patched = %v, ETag %q", got, r.Header.Get("ETag"))
		}
		// Ensure fields not in the patch stay as they were.
		apptest.Fields(t, "untouched fields changed", got, map[string]any{"address": v["address"], "risk_level": v["risk_level"], "license_no": v["license_no"]})
		if got["updated_at"] == v["updated_at"] || got["created_at"] != v["created_at"] {
			t.Fatalf("timestamps: created %v → %v, updated %v → %v", v["created_at"], got["created_at"], v["updated_at"], got["updated_at"])
		}
		sameAsStored(t, e, path, got)
	})

	t.Run("OK/IfMatch", func(t *testing.T) {
		// Ensure the ETag of a read is what If-Match takes.
		_, path := fresh(t)
		patch(e, "off-dcf-1-g1", path, map[string]any{"name": "鑫源超市", "version": 1}, nil).Must(t, 200)
		etag := e.Get("off-dcf-1-g1", path).Must(t, 200).Header.Get("ETag")
		if etag != `"2"` {
			t.Fatalf("ETag %q", etag)
		}
		got := patch(e, "off-dcf-1-g1", path, map[string]any{"address": "聊城市柳园路3号"}, map[string]string{"If-Match": etag}).Must(t, 200).Map(t)
		apptest.Fields(t, "patched", got, map[string]any{"address": "聊城市柳园路3号", "version": float64(3)})
	})

	t.Run("ErrRiskLevel", func(t *testing.T) {
		v, path := patched(t)
		// Ensure the level cannot be patched, even with a right version.
		before := rowCounts(t, e, venueTables...)
		wantProblem(t, patch(e, "admin", path, map[string]any{"risk_level": "red", "version": 3}, nil), 422, "risk_level")
		wantProblem(t, patch(e, "admin", path, map[string]any{"risk_level": "red", "name": "x"}, map[string]string{"If-Match": `"3"`}), 422, "risk_level")
		if got := read(t, path); got["risk_level"] != v["risk_level"] || got["version"] != float64(3) || got["name"] != "鑫源超市" {
			t.Fatalf("venue changed: %v", got)
		}
		sameCounts(t, e, before)
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		_, path := patched(t)
		before := rowCounts(t, e, venueTables...)
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧版本", "version": 2}, nil), 412, "")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧版本"}, map[string]string{"If-Match": `"1"`}), 412, "")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧版本", "version": 4}, nil), 412, "")
		if got := read(t, path); got["name"] != "鑫源超市" || got["version"] != float64(3) {
			t.Fatalf("venue changed: %v", got)
		}
		sameCounts(t, e, before)
	})

	t.Run("ErrNoVersion", func(t *testing.T) {
		_, path := patched(t)
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "无版本"}, nil), 428, "")
		if read(t, path)["name"] != "鑫源超市" {
			t.Fatal("venue changed")
		}
	})

	t.Run("ErrMalformed", func(t *testing.T) {
		_, path := patched(t)
		wantProblem(t, patch(e, "admin", path, `{"name": `, nil), 400, "")
		wantProblem(t, patch(e, "admin", path, `["name"]`, nil), 400, "")
	})

	t.Run("ErrVersionDiffersFromIfMatch", func(t *testing.T) {
		_, path := patched(t)
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "x", "version": 2}, map[string]string{"If-Match": `"3"`}), 422, "version")
	})

	for _, tc := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"ErrLat", map[string]any{"lat": 120.0}, "lat"},
		{"ErrLng", map[string]any{"lng": -200.0}, "lng"},
		{"ErrStatus", map[string]any{"status": "open"}, "status"},
		{"ErrLicense", map[string]any{"license_no": invalidUSCC}, "license_no"},
		{"ErrName", map[string]any{"name": ""}, "name"},
		{"ErrCategoryNotPatchable", map[string]any{"category": "hotel"}, "category"},
		{"ErrGridIDNotUUID", map[string]any{"grid_id": "g1"}, "grid_id"},
		{"ErrGridIDNotAGrid", map[string]any{"grid_id": e.Unit("dcf-1")}, "grid_id"},
		{"ErrWrongType", map[string]any{"lat": "north"}, "lat"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, path := patched(t)
			before := rowCounts(t, e, venueTables...)
			wantProblem(t, patch(e, "admin", path, apptest.With(tc.body, "version", 3), nil), 422, tc.field)
			if got := read(t, path); got["version"] != float64(3) {
				t.Fatalf("venue changed: %v", got)
			}
			sameCounts(t, e, before)
		})
	}

	t.Run("OK/ClearLicenseAndClose", func(t *testing.T) {
		_, path := patched(t)
		got := patch(e, "admin", path, map[string]any{"license_no": "", "status": "closed", "version": 3}, nil).Must(t, 200).Map(t)
		apptest.Fields(t, "patched", got, map[string]any{"license_no": nil, "status": "closed", "version": float64(4)})
	})

	t.Run("OK/MoveGrid", func(t *testing.T) {
		_, path := patched(t) // and closed, as OK/ClearLicenseAndClose leaves it
		patch(e, "admin", path, map[string]any{"license_no": "", "status": "closed", "version": 3}, nil).Must(t, 200)
		// Ensure a supervisor moves a venue between grids of their station.
		g2 := e.Unit("dcf-1-g2")
		got := patch(e, "sup-dcf-1", path, map[string]any{"grid_id": g2, "version": 4}, nil).Must(t, 200).Map(t)
		if got["grid_id"] != g2 {
			t.Fatalf("grid_id = %v", got["grid_id"])
		}
		// the officer of the old grid no longer sees it
		wantProblem(t, e.Get("off-dcf-1-g1", path), 404, "")
		e.Get("off-dcf-1-g2", path).Must(t, 200)
	})
}

func TestVenueHistory(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	v := e.Post("off-dcf-1-g1", "/api/v1/venues", apptest.With(apptest.VenueBody(e.Unit("dcf-1-g1")), "risk_level", "red")).Must(t, http.StatusCreated).Map(t)
	path := "/api/v1/venues/" + v["id"].(string)
	type change struct {
		VenueID   string  `json:"venue_id"`
		FromLevel *string `json:"from_level"`
		ToLevel   string  `json:"to_level"`
		Reason    string  `json:"reason"`
		ChangedBy *string `json:"changed_by"`
		ChangedAt string  `json:"changed_at"`
	}
	history := func(t *testing.T) []change {
		t.Helper()
		var h struct{ Items []change }
		e.Get("sup-dcf-1", path+"/history").Must(t, 200).JSON(t, &h)
		return h.Items
	}

	t.Run("OK/Created", func(t *testing.T) {
		// Ensure the creation is the first entry: no level before, the level
		// given, by whom.
		h := history(t)
		if len(h) != 1 {
			t.Fatalf("history = %+v", h)
		}
		c := h[0]
		apptest.Equal(t, "entry: c.VenueID", c.VenueID, v["id"])
		apptest.True(t, "entry: c.FromLevel is null", c.FromLevel == nil, c.FromLevel)
		apptest.Equal(t, "entry: c.ToLevel", c.ToLevel, "red")
		apptest.True(t, "entry: c.Reason is not \"\"", c.Reason != "", c.Reason)
		apptest.True(t, "entry: c.ChangedAt is not \"\"", c.ChangedAt != "", c.ChangedAt)
		apptest.True(t, "entry: c.ChangedBy is set", c.ChangedBy != nil)
		apptest.Equal(t, "entry: *c.ChangedBy", *c.ChangedBy, e.User("off-dcf-1-g1"))
	})

	t.Run("OK/PatchIsNotALevelChange", func(t *testing.T) {
		patch(e, "admin", path, map[string]any{"name": "新名字", "version": 1}, nil).Must(t, 200)
		if h := history(t); len(h) != 1 {
			t.Fatalf("history after a PATCH = %+v", h)
		}
	})

	t.Run("ErrUnknown", func(t *testing.T) {
		wantProblem(t, e.Get("admin", "/api/v1/venues/"+uuid.NewString()+"/history"), 404, "")
	})
}
