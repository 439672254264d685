package handlers_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure an officer's task list, taken grid by grid, is the one set of all
// their open tasks in its order: an officer of three grids, one task taken
// by another officer, paged 7 at a time, against that order read in SQL.
func TestTaskListAcrossGrids(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 300})
	e.Generate(t, schedules.DateIn(time.Now(), e.Cfg.Location).String())
	const off = "off-dcf-1-g1"
	grids := []string{e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2"), e.Unit("dcf-1-g3")}
	e.Do(apptest.Request{Method: "PUT", Path: "/api/v1/users/" + e.User(off) + "/grids", As: "admin",
		Body: map[string]any{"grid_ids": grids}}).Must(t, http.StatusOK)
	// One of g2's tasks is another officer's: not on the list.
	var taken string
	if err := e.DB.Raw(`SELECT id::text FROM inspections WHERE grid_id = ? AND status = 'scheduled' ORDER BY due_date, id LIMIT 1`, grids[1]).
		Scan(&taken).Error; err != nil || taken == "" {
		t.Fatalf("a task of g2: %v", err)
	}
	if err := e.DB.Exec(`UPDATE inspections SET assignee_id = ? WHERE id = ?`, e.User("off-dcf-1-g2"), taken).Error; err != nil {
		t.Fatal(err)
	}
	var want []string
	err := e.DB.Raw(`SELECT id::text FROM inspections WHERE grid_id IN (SELECT grid_id FROM user_grids WHERE user_id = ?)
		AND status IN ('scheduled', 'in_progress', 'returned') AND (assignee_id IS NULL OR assignee_id = ?)
		ORDER BY kind <> 'complaint', due_date, id`, e.User(off), e.User(off)).Scan(&want).Error
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 30 {
		t.Fatalf("only %d open tasks in the three grids", len(want))
	}
	items, sizes := walk(t, e, off, "/api/v1/inspections?mine=true&limit=7")
	got := make([]string, len(items))
	for i, it := range items {
		got[i] = it["id"].(string)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("paged %v: %d tasks, want %d in the list's order;\ngot  %v\nwant %v", sizes, len(got), len(want), got, want)
	}
	if slices.Contains(got, taken) {
		t.Fatalf("another officer's task %s is on the list", taken)
	}
}
