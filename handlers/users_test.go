package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// userBody is a valid POST /users body.
func userBody(username, role, unit string) map[string]any {
	return map[string]any{"username": username, "name": "新用户", "role": role, "org_unit_id": unit, "password": apptest.Password}
}

// seededUsers is the number of demo accounts: admin, sup-lc, 6 station
// supervisors, 18 officers.
const seededUsers = 26

// usernames are the usernames of listed users.
func usernames(items []map[string]any) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i], _ = it["username"].(string)
	}
	slices.Sort(out)
	return out
}

func TestUsersCreate(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	tables := []string{"users", "user_grids", "audit_log"}

	t.Run("OK/Officer", func(t *testing.T) {
		// Ensure an admin creates an officer who can then log in; the
		// password (or its hash) is never in a response.
		r := e.Post("admin", "/api/v1/users", userBody("wang.wei", "officer", e.Unit("dcf-1"))).Must(t, http.StatusCreated)
		u := r.Map(t)
		apptest.Fields(t, "user", u, map[string]any{"username": "wang.wei", "role": "officer", "org_unit_id": e.Unit("dcf-1"), "active": true, "version": float64(1)})
		apptest.Equal(t, "user: r.Header.Get(\"ETag\")", r.Header.Get("ETag"), `"1"`)
		if g, ok := u["grid_ids"].([]any); !ok || len(g) != 0 {
			t.Fatalf("grid_ids = %#v, want []", u["grid_ids"])
		}
		if strings.Contains(string(r.Body), "password") || strings.Contains(string(r.Body), "$2a$") {
			t.Fatalf("the password shows: %s", r.Body)
		}
		login(e, "wang.wei", apptest.Password).Must(t, 200)
		// Ensure the answer is what was stored.
		sameAsStored(t, e, "/api/v1/users/"+u["id"].(string), u)
	})

	t.Run("OK/OfficerOfGrid", func(t *testing.T) {
		e.Post("admin", "/api/v1/users", userBody("li.na", "officer", e.Unit("dcf-1-g2"))).Must(t, http.StatusCreated)
	})

	t.Run("OK/Supervisor", func(t *testing.T) {
		u := e.Post("admin", "/api/v1/users", userBody("sup-gxq", "supervisor", e.Unit("gxq"))).Must(t, http.StatusCreated).Map(t)
		apptest.Fields(t, "user", u, map[string]any{"role": "supervisor", "org_unit_id": e.Unit("gxq")})
		// the district's supervisor sees both stations' people
		e.Post("admin", "/api/v1/users", userBody("zhou.jie", "officer", e.Unit("gxq-1"))).Must(t, http.StatusCreated)
		e.Post("admin", "/api/v1/users", userBody("wu.fang", "officer", e.Unit("gxq-2-g1"))).Must(t, http.StatusCreated)
		items, _ := walk(t, e, "sup-gxq", "/api/v1/users?role=officer")
		apptest.Equal(t, "officers sup-gxq sees ("+strings.Join(usernames(items), ", ")+")", len(items), 6+2) // 6 demo officers, zhou.jie and wu.fang
	})

	t.Run("OK/Retry", func(t *testing.T) {
		// Ensure a client-made id retried with the same body answers the
		// same user and writes nothing more; another body is a conflict.
		body := apptest.With(userBody("zhao.lei", "officer", e.Unit("kfq-1")), "id", uuid.NewString())
		first := e.Post("admin", "/api/v1/users", body).Must(t, http.StatusCreated).Map(t)
		before := rowCounts(t, e, tables...)
		again := e.Post("admin", "/api/v1/users", body)
		if again.Status != http.StatusCreated && again.Status != http.StatusOK {
			t.Fatalf("retry: status %d: %s", again.Status, again.Body)
		}
		second := again.Map(t)
		for _, f := range []string{"id", "username", "version", "created_at"} {
			if first[f] != second[f] {
				t.Errorf("retry: %s = %v, first %v", f, second[f], first[f])
			}
		}
		sameCounts(t, e, before)
		wantProblem(t, e.Post("admin", "/api/v1/users", apptest.With(body, "name", "另一个人")), 409, "id")
		wantProblem(t, e.Post("admin", "/api/v1/users", apptest.With(body, "password", "another-password")), 409, "id")
		sameCounts(t, e, before)
	})

	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"ErrRole", userBody("x.role", "chief", e.Unit("dcf-1")), 422, "role"},
		{"ErrRoleMissing", apptest.With(userBody("x.role", "", e.Unit("dcf-1")), "role", nil), 422, "role"},
		{"ErrPasswordTooShort", apptest.With(userBody("x.pw", "officer", e.Unit("dcf-1")), "password", "1234567"), 422, "password"},
		{"ErrPasswordTooLong", apptest.With(userBody("x.pw", "officer", e.Unit("dcf-1")), "password", strings.Repeat("p", 73)), 422, "password"},
		{"ErrPasswordMissing", apptest.With(userBody("x.pw", "officer", e.Unit("dcf-1")), "password", nil), 422, "password"},
		{"ErrUsername", userBody("Bad Name", "officer", e.Unit("dcf-1")), 422, "username"},
		{"ErrUsernameTaken", userBody("off-dcf-1-g1", "officer", e.Unit("dcf-1")), 409, "username"},
		{"ErrOfficerOfDistrict", userBody("x.unit", "officer", e.Unit("dcf")), 422, "org_unit_id"},
		{"ErrSupervisorOfGrid", userBody("x.unit", "supervisor", e.Unit("dcf-1-g1")), 422, "org_unit_id"},
		{"ErrUnknownUnit", userBody("x.unit", "officer", uuid.NewString()), 422, "org_unit_id"},
		{"ErrUnitNotUUID", userBody("x.unit", "officer", "dcf-1"), 422, "org_unit_id"},
		{"ErrUnknownField", apptest.With(userBody("x.f", "officer", e.Unit("dcf-1")), "grid_ids", []string{}), 422, "grid_ids"},
		{"ErrWrongType", apptest.With(userBody("x.f", "officer", e.Unit("dcf-1")), "name", true), 422, "name"},
		{"ErrMalformed", `{"username":`, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := rowCounts(t, e, tables...)
			wantProblem(t, e.Post("admin", "/api/v1/users", tc.body), tc.status, tc.field)
			sameCounts(t, e, before)
		})
	}

	t.Run("ErrNotAdmin", func(t *testing.T) {
		before := rowCounts(t, e, tables...)
		for _, as := range []string{"sup-lc", "sup-dcf-1", "off-dcf-1-g1"} {
			wantProblem(t, e.Post(as, "/api/v1/users", userBody("x.sup", "officer", e.Unit("dcf-1"))), 403, "")
		}
		sameCounts(t, e, before)
	})
}

func TestUserGrids(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	officer := e.User("off-dcf-1-g1")
	path := "/api/v1/users/" + officer + "/grids"
	put := func(as string, grids ...string) *apptest.Response {
		if grids == nil {
			grids = []string{} // [], not null
		}
		return e.Do(apptest.Request{Method: http.MethodPut, Path: path, As: as, Body: map[string]any{"grid_ids": grids}})
	}
	grids := func(t *testing.T) []string {
		t.Helper()
		var out []string
		if err := e.DB.Raw("SELECT grid_id::text FROM user_grids WHERE user_id = ? ORDER BY grid_id", officer).Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		return out
	}
	g1, g2, g3 := e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2"), e.Unit("dcf-1-g3")

	t.Run("OK/Assign", func(t *testing.T) {
		// Ensure an admin assigns grids of the officer's station, and the
		// officer's scope follows at once.
		wantProblem(t, e.Get("off-dcf-1-g1", "/api/v1/org-units/"+g2), 404, "")
		r := put("admin", g1, g2, g2).Must(t, 200)
		u := r.Map(t)
		got := []string{}
		for _, g := range u["grid_ids"].([]any) {
			got = append(got, g.(string))
		}
		want := []string{g1, g2}
		slices.Sort(got)
		slices.Sort(want)
		apptest.Equal(t, "user: got", got, want)
		apptest.Fields(t, "user", u, map[string]any{"version": float64(2)})
		apptest.Equal(t, "user: r.Header.Get(\"ETag\")", r.Header.Get("ETag"), `"2"`)
		if db := grids(t); !slices.Equal(db, want) {
			t.Fatalf("user_grids = %v", db)
		}
		e.Get("off-dcf-1-g1", "/api/v1/org-units/"+g2).Must(t, 200)
	})

	for _, tc := range []struct {
		name   string
		as     string
		body   any
		status int
		field  string
	}{
		{"ErrGridOfOtherStation", "admin", map[string]any{"grid_ids": []string{g3, e.Unit("dcf-2-g1")}}, 422, "grid_ids"},
		{"ErrGridOfOtherDistrict", "admin", map[string]any{"grid_ids": []string{e.Unit("kfq-1-g1")}}, 422, "grid_ids"},
		{"ErrNotAGrid", "admin", map[string]any{"grid_ids": []string{e.Unit("dcf-1")}}, 422, "grid_ids"},
		{"ErrUnknownGrid", "admin", map[string]any{"grid_ids": []string{uuid.NewString()}}, 422, "grid_ids"},
		{"ErrNotUUID", "admin", map[string]any{"grid_ids": []string{g3, "dcf-1-g1"}}, 422, "grid_ids[1]"},
		{"ErrMissing", "admin", map[string]any{}, 422, "grid_ids"},
		{"ErrNull", "admin", map[string]any{"grid_ids": nil}, 422, "grid_ids"},
		{"ErrNotAdmin", "sup-dcf-1", map[string]any{"grid_ids": []string{g3}}, 403, ""},
		{"ErrOfficerSelf", "off-dcf-1-g1", map[string]any{"grid_ids": []string{g3}}, 403, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a refused assignment leaves the grids as they were.
			before := grids(t)
			r := e.Do(apptest.Request{Method: http.MethodPut, Path: path, As: tc.as, Body: tc.body})
			wantProblem(t, r, tc.status, tc.field)
			if after := grids(t); !slices.Equal(before, after) {
				t.Fatalf("grids went from %v to %v", before, after)
			}
		})
	}

	t.Run("ErrNotAnOfficer", func(t *testing.T) {
		r := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + e.User("sup-dcf-1") + "/grids", As: "admin",
			Body: map[string]any{"grid_ids": []string{g1}}})
		wantProblem(t, r, 422, "grid_ids")
	})

	t.Run("ErrUnknownUser", func(t *testing.T) {
		r := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + uuid.NewString() + "/grids", As: "admin",
			Body: map[string]any{"grid_ids": []string{g1}}})
		wantProblem(t, r, 404, "")
	})

	t.Run("OK/Clear", func(t *testing.T) {
		// Ensure an empty list takes every grid away, and the venues with them.
		u := put("admin").Must(t, 200).Map(t)
		if g, ok := u["grid_ids"].([]any); !ok || len(g) != 0 {
			t.Fatalf("grid_ids = %#v", u["grid_ids"])
		}
		if db := grids(t); len(db) != 0 {
			t.Fatalf("user_grids = %v", db)
		}
		wantProblem(t, e.Get("off-dcf-1-g1", "/api/v1/org-units/"+g1), 404, "")
		if p := list(t, e, "off-dcf-1-g1", "/api/v1/org-units"); len(p.Items) != 0 {
			t.Fatalf("an officer without grids lists %d units", len(p.Items))
		}
	})
}

func TestUsersPatch(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	officer := e.User("off-kfq-1-g2")
	path := "/api/v1/users/" + officer
	// renamed renames an officer 张警官 (version 2), as the subtests below
	// OK/Name find them, and returns their path: each subtest has its own.
	renamed := func(t *testing.T, username string) string {
		t.Helper()
		path := "/api/v1/users/" + e.User(username)
		patch(e, "admin", path, map[string]any{"name": "张警官", "version": 1}, nil).Must(t, 200)
		return path
	}

	t.Run("OK/Name", func(t *testing.T) {
		before := e.Get("admin", path).Must(t, 200).Map(t)
		r := patch(e, "admin", path, map[string]any{"name": "张警官", "version": 1}, nil).Must(t, 200)
		u := r.Map(t)
		apptest.Fields(t, "user", u, map[string]any{"name": "张警官", "version": float64(2)})
		apptest.Equal(t, "user: r.Header.Get(\"ETag\")", r.Header.Get("ETag"), `"2"`)
		// Ensure the answer is the user as stored, updated_at included.
		sameAsStored(t, e, path, u)
		if u["updated_at"] == before["updated_at"] {
			t.Errorf("updated_at did not move: %v", u["updated_at"])
		}
		if g, ok := u["grid_ids"].([]any); !ok || len(g) != 1 || g[0] != e.Unit("kfq-1-g2") {
			t.Errorf("grid_ids = %v", u["grid_ids"])
		}
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		path := renamed(t, "off-kfq-1-g1")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧", "version": 1}, nil), 412, "")
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧"}, map[string]string{"If-Match": `"1"`}), 412, "")
	})

	t.Run("ErrNoVersion", func(t *testing.T) {
		wantProblem(t, patch(e, "admin", path, map[string]any{"name": "旧"}, nil), 428, "")
	})

	t.Run("ErrFields", func(t *testing.T) {
		path := renamed(t, "off-kfq-1-g3")
		officer := e.User("off-kfq-1-g3")
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"role": "chief", "version": 2}, "role"},
			{map[string]any{"password": "short", "version": 2}, "password"},
			{map[string]any{"org_unit_id": e.Unit("kfq"), "version": 2}, "org_unit_id"},
			{map[string]any{"username": "renamed", "version": 2}, "username"},
			{map[string]any{"active": "no", "version": 2}, "active"},
		} {
			wantProblem(t, patch(e, "admin", path, tc.body, nil), 422, tc.field)
		}
		if n := count(t, e, "SELECT count(*) FROM users WHERE id = ? AND version = 2 AND name = '张警官'", officer); n != 1 {
			t.Fatal("the user changed")
		}
	})

	t.Run("ErrNotAdmin", func(t *testing.T) {
		wantProblem(t, patch(e, "sup-kfq-1", path, map[string]any{"name": "所长改名", "version": 2}, nil), 403, "")
		wantProblem(t, patch(e, "off-kfq-1-g2", path, map[string]any{"name": "自己改名", "version": 2}, nil), 403, "")
	})

	t.Run("OK/RoleChangeClearsGrids", func(t *testing.T) {
		// Ensure an officer made supervisor patrols no grid any more.
		id := e.User("off-gxq-2-g1")
		u := patch(e, "admin", "/api/v1/users/"+id, map[string]any{"role": "supervisor", "version": 1}, nil).Must(t, 200).Map(t)
		if g, ok := u["grid_ids"].([]any); u["role"] != "supervisor" || !ok || len(g) != 0 {
			t.Fatalf("user = %v", u)
		}
		if n := count(t, e, "SELECT count(*) FROM user_grids WHERE user_id = ?", id); n != 0 {
			t.Fatalf("%d grids left", n)
		}
	})

	t.Run("ErrSupervisorMovedToGrid", func(t *testing.T) {
		wantProblem(t, patch(e, "admin", "/api/v1/users/"+e.User("sup-gxq-2"), map[string]any{"org_unit_id": e.Unit("gxq-2-g1"), "version": 1}, nil), 422, "org_unit_id")
	})

	t.Run("OK/Deactivate", func(t *testing.T) {
		// Ensure a deactivated officer can neither refresh nor log in again.
		path := renamed(t, "off-kfq-2-g2")
		var s struct {
			RefreshToken string `json:"refresh_token"`
		}
		login(e, "off-kfq-2-g2", apptest.Password).Must(t, 200).JSON(t, &s)
		u := patch(e, "admin", path, map[string]any{"active": false, "version": 2}, nil).Must(t, 200).Map(t)
		apptest.Fields(t, "user", u, map[string]any{"active": false, "version": float64(3)})
		wantProblem(t, e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}), 401, "")
		wantProblem(t, login(e, "off-kfq-2-g2", apptest.Password), 401, "")

		// Ensure reactivating lets them log in again, but the old refresh token stays dead.
		patch(e, "admin", path, map[string]any{"active": true, "version": 3}, nil).Must(t, 200)
		wantProblem(t, e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}), 401, "")
		login(e, "off-kfq-2-g2", apptest.Password).Must(t, 200)
	})

	t.Run("OK/Password", func(t *testing.T) {
		// Ensure a new password replaces the old one and ends the sessions.
		var s struct {
			RefreshToken string `json:"refresh_token"`
		}
		login(e, "sup-gxq-1", apptest.Password).Must(t, 200).JSON(t, &s)
		patch(e, "admin", "/api/v1/users/"+e.User("sup-gxq-1"), map[string]any{"password": "a-brand-new-one", "version": 1}, nil).Must(t, 200)
		wantProblem(t, e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}), 401, "")
		wantProblem(t, login(e, "sup-gxq-1", apptest.Password), 401, "")
		login(e, "sup-gxq-1", "a-brand-new-one").Must(t, 200)
	})
}

func TestUsersList(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)

	t.Run("OK/Officer", func(t *testing.T) {
		// Ensure an officer sees only themself, whatever they filter on.
		for _, q := range []string{"", "?role=officer", "?org_unit_id=" + e.Unit("lc"), "?org_unit_id=" + e.Unit("dcf-1")} {
			items, _ := walk(t, e, "off-dcf-1-g1", "/api/v1/users"+q)
			if got := usernames(items); !slices.Equal(got, []string{"off-dcf-1-g1"}) {
				t.Fatalf("GET /users%s as an officer: %v", q, got)
			}
		}
		if p := list(t, e, "off-dcf-1-g1", "/api/v1/users?role=supervisor"); len(p.Items) != 0 {
			t.Fatalf("role=supervisor as an officer: %v", usernames(p.Items))
		}
		e.Get("off-dcf-1-g1", "/api/v1/users/"+e.User("off-dcf-1-g1")).Must(t, 200)
	})

	t.Run("OK/StationSupervisor", func(t *testing.T) {
		// Ensure a station's supervisor sees the users of the station only.
		items, _ := walk(t, e, "sup-dcf-1", "/api/v1/users?limit=2")
		want := []string{"off-dcf-1-g1", "off-dcf-1-g2", "off-dcf-1-g3", "sup-dcf-1"}
		if got := usernames(items); !slices.Equal(got, want) {
			t.Fatalf("sup-dcf-1 sees %v, want %v", got, want)
		}
		// a filter outside the subtree gives nothing rather than more
		if p := list(t, e, "sup-dcf-1", "/api/v1/users?org_unit_id="+e.Unit("kfq")); len(p.Items) != 0 {
			t.Fatalf("org_unit_id=kfq as sup-dcf-1: %v", usernames(p.Items))
		}
		if p := list(t, e, "sup-dcf-1", "/api/v1/users?org_unit_id="+e.Unit("lc")); len(p.Items) != 4 {
			t.Fatalf("org_unit_id=lc as sup-dcf-1: %v", usernames(p.Items))
		}
	})

	t.Run("OK/CitySupervisor", func(t *testing.T) {
		items, _ := walk(t, e, "sup-lc", "/api/v1/users?limit=7")
		if len(ids(t, items)) != seededUsers {
			t.Fatalf("sup-lc sees %d users", len(items))
		}
	})

	t.Run("OK/AdminWalk", func(t *testing.T) {
		// Ensure paging walks every user once, with each officer's grids.
		items, sizes := walk(t, e, "admin", "/api/v1/users?limit=5")
		apptest.Equal(t, "page sizes: len(sizes)", len(sizes), 6)
		apptest.Equal(t, "page sizes: sizes[5]", sizes[5], 1)
		sameSet(t, "users", ids(t, items), dbIDs(t, e, "SELECT id::text FROM users"))
		for _, it := range items {
			g, ok := it["grid_ids"].([]any)
			if !ok {
				t.Fatalf("%v: grid_ids = %#v", it["username"], it["grid_ids"])
			}
			if want := map[bool]int{true: 1, false: 0}[it["role"] == "officer"]; len(g) != want {
				t.Fatalf("%v has %d grids", it["username"], len(g))
			}
			if _, leaked := it["password_hash"]; leaked {
				t.Fatal("password_hash in a list")
			}
		}
	})

	t.Run("OK/Filters", func(t *testing.T) {
		items, _ := walk(t, e, "admin", "/api/v1/users?role=officer&limit=200")
		if len(items) != 18 {
			t.Fatalf("role=officer: %d", len(items))
		}
		items, _ = walk(t, e, "admin", "/api/v1/users?org_unit_id="+e.Unit("dcf"))
		if len(items) != 8 { // 2 station supervisors and 6 officers
			t.Fatalf("org_unit_id=dcf: %v", usernames(items))
		}
		items, _ = walk(t, e, "admin", "/api/v1/users?role=supervisor&org_unit_id="+e.Unit("kfq"))
		if got := usernames(items); !slices.Equal(got, []string{"sup-kfq-1", "sup-kfq-2"}) {
			t.Fatalf("supervisors of kfq: %v", got)
		}
	})

	for _, tc := range []struct{ name, query, field string }{
		{"ErrRole", "role=chief", "role"},
		{"ErrOrgUnitID", "org_unit_id=dcf", "org_unit_id"},
		{"ErrLimit", "limit=0", "limit"},
		{"ErrLimitTooBig", "limit=201", "limit"},
		{"ErrCursor", "cursor=zzz", "cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.Get("admin", "/api/v1/users?"+tc.query), 422, tc.field)
		})
	}
}
