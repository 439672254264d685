package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// syncCursor syncs from empty to the end and returns the cursor.
func syncCursor(t *testing.T, e *apptest.Env, token string) string {
	t.Helper()
	cursor := ""
	for {
		var page struct {
			NextCursor string `json:"next_cursor"`
			HasMore    bool   `json:"has_more"`
		}
		e.Do(apptest.Request{Method: "GET", Path: "/api/v1/sync/changes?since=" + cursor, Token: token}).Must(t, 200).JSON(t, &page)
		cursor = page.NextCursor
		if !page.HasMore {
			return cursor
		}
	}
}

func syncResets(t *testing.T, e *apptest.Env, token, cursor string) bool {
	t.Helper()
	var page struct {
		Reset bool `json:"reset"`
	}
	e.Do(apptest.Request{Method: "GET", Path: "/api/v1/sync/changes?since=" + cursor, Token: token}).Must(t, 200).JSON(t, &page)
	return page.Reset
}

func venuesIn(t *testing.T, e *apptest.Env, token, grid string) int {
	t.Helper()
	var list struct {
		Items []map[string]any `json:"items"`
	}
	e.Do(apptest.Request{Method: "GET", Path: "/api/v1/venues?grid_id=" + grid, Token: token}).Must(t, 200).JSON(t, &list)
	return len(list.Items)
}

func gridsOf(t *testing.T, e *apptest.Env, user string) []string {
	t.Helper()
	var grids []string
	if err := e.DB.Raw("SELECT grid_id::text FROM user_grids WHERE user_id = ? ORDER BY grid_id", user).Scan(&grids).Error; err != nil {
		t.Fatal(err)
	}
	return grids
}

func unassignAudits(t *testing.T, e *apptest.Env, user, grid string) int64 {
	t.Helper()
	var n int64
	err := e.DB.Raw("SELECT count(*) FROM audit_log WHERE action = 'unassign_grid' AND entity = 'user' AND entity_id = ? AND grid_id = ?", user, grid).Scan(&n).Error
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTransferEndsGrids(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 90})

	t.Run("ToAnotherDistrict", func(t *testing.T) {
		// Ensure an officer moved to a station of another district loses the
		// old grid: no longer assigned, its venues no longer readable, the
		// sync resets, and the audit trail says so.
		const officer = "off-dcf-1-g1"
		id, grid := e.User(officer), e.Unit("dcf-1-g1")
		s := sessLogin(t, e, officer)
		if venuesIn(t, e, s.AccessToken, grid) == 0 {
			t.Fatal("the officer sees no venue of their grid to begin with")
		}
		cursor := syncCursor(t, e, s.AccessToken)
		u := sessPatch(e, "admin", "/api/v1/users/"+id, map[string]any{"org_unit_id": e.Unit("kfq-1")}).Must(t, 200).Map(t)
		if g, _ := u["grid_ids"].([]any); len(g) != 0 {
			t.Fatalf("grid_ids after the transfer = %v, want []", u["grid_ids"])
		}
		if g := gridsOf(t, e, id); len(g) != 0 {
			t.Fatalf("user_grids after the transfer = %v", g)
		}
		if n := unassignAudits(t, e, id, grid); n != 1 {
			t.Fatalf("%d unassign_grid audit rows, want 1", n)
		}
		again := sessLogin(t, e, officer)
		if n := venuesIn(t, e, again.AccessToken, grid); n != 0 {
			t.Fatalf("the transferred officer still reads %d venues of the old grid", n)
		}
		if !syncResets(t, e, again.AccessToken, cursor) {
			t.Fatal("the old sync cursor does not reset")
		}
	})

	t.Run("IntoOwnGrid", func(t *testing.T) {
		// Ensure a move within the subtree keeps the grids still under it.
		const officer = "off-dcf-2-g1"
		id, grid := e.User(officer), e.Unit("dcf-2-g1")
		sessPatch(e, "admin", "/api/v1/users/"+id, map[string]any{"org_unit_id": grid}).Must(t, 200)
		if g := gridsOf(t, e, id); len(g) != 1 || g[0] != grid {
			t.Fatalf("user_grids = %v, want [%s]", g, grid)
		}
		if n := unassignAudits(t, e, id, grid); n != 0 {
			t.Fatalf("%d unassign_grid audit rows, want 0", n)
		}
	})

	t.Run("GridMoved", func(t *testing.T) {
		// Ensure a grid moved to another station leaves the officers of the
		// old station: their assignment ends (audited, their version moves)
		// and their sync resets.
		const officer = "off-dcf-1-g2"
		id, grid := e.User(officer), e.Unit("dcf-1-g2")
		s := sessLogin(t, e, officer)
		cursor := syncCursor(t, e, s.AccessToken)
		before := e.Get("admin", "/api/v1/users/"+id).Must(t, 200).Map(t)["version"].(float64)
		sessPatch(e, "admin", "/api/v1/org-units/"+grid, map[string]any{"parent_id": e.Unit("kfq-1")}).Must(t, 200)
		if g := gridsOf(t, e, id); len(g) != 0 {
			t.Fatalf("user_grids after the grid moved = %v", g)
		}
		if n := unassignAudits(t, e, id, grid); n != 1 {
			t.Fatalf("%d unassign_grid audit rows, want 1", n)
		}
		if after := e.Get("admin", "/api/v1/users/"+id).Must(t, 200).Map(t)["version"].(float64); after != before+1 {
			t.Fatalf("version %v → %v, want one more", before, after)
		}
		if n := venuesIn(t, e, s.AccessToken, grid); n != 0 {
			t.Fatalf("the officer still reads %d venues of the moved grid", n)
		}
		if !syncResets(t, e, s.AccessToken, cursor) {
			t.Fatal("the officer's sync cursor does not reset")
		}
		// The station the grid moved under: assignments there are allowed.
		e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + e.User("off-kfq-1-g1") + "/grids", As: "admin",
			Body: map[string]any{"grid_ids": []string{e.Unit("kfq-1-g1"), grid}}}).Must(t, 200)
	})
}
