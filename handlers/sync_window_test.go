package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// A first sync (a new phone) sends the grid's unfinished work whatever its
// age and the closed work of the last models.SyncHistoryDays only, so that
// it costs what the grid holds now and not its years of history; a later
// sync sends every change, old rows included.
func TestFirstSyncWindow(t *testing.T) {
	e := apptest.New(t)
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	today := schedules.DateIn(time.Now(), e.Cfg.Location)
	deadline := today.AddDays(5).String()
	visit := func(name string, hazards ...map[string]any) (inspection string) {
		v := e.Venue(t, "dcf-1-g1", "name", name)
		id := e.Started(t, off, v)
		e.SubmitAll(t, off, id, v["category"].(string), hazards...)
		return id
	}
	code := func(i int) string { return e.Checklist(t, "shop")[i]["item_code"].(string) }
	photo := e.Photo(t, off, apptest.PNG(3))
	// Closed long ago: approved, its hazard fixed on the spot and verified.
	oldClosedHazard := apptest.Hazard(code(0), "general", "on_site", "", photo)
	oldClosed := visit("旧店甲", oldClosedHazard)
	e.Review(t, sup, oldClosed, true)
	e.Verify(t, sup, oldClosedHazard["id"].(string), true)
	// Still open from long ago: submitted, never reviewed, its deadline
	// hazard never fixed.
	oldOpenHazard := apptest.Hazard(code(1), "major", "deadline", deadline)
	oldOpen := visit("旧店乙", oldOpenHazard)
	// Closed recently.
	recent := visit("新店丙")
	e.Review(t, sup, recent, true)
	age := today.AddDays(-models.SyncHistoryDays - 200).String()
	for _, id := range []string{oldClosed, oldOpen} {
		if err := e.DB.Exec("UPDATE inspections SET opens_on = ?, due_date = ?, submitted_on = ? WHERE id = ?", age, age, age, id).Error; err != nil {
			t.Fatal(err)
		}
		if err := e.DB.Exec("UPDATE hazards SET created_at = ?::date WHERE inspection_id = ?", age, id).Error; err != nil {
			t.Fatal(err)
		}
	}
	// A sync hands out a write only once every transaction older than it
	// has ended, in the whole cluster (other tests run beside this one): wait
	// until the ageing above is inside a first sync's snapshot, so that the
	// first sync, not a later delta, is what decides about those rows.
	var aged uint64
	if err := e.DB.Raw("SELECT pg_current_xact_id()::text::bigint").Scan(&aged).Error; err != nil {
		t.Fatal(err)
	}
	for end := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var xmin uint64
		if err := e.DB.Raw("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").Scan(&xmin).Error; err != nil {
			t.Fatal(err)
		}
		if xmin > aged {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("the cluster's oldest transaction stayed before %d for 15 s", aged)
		}
	}
	want := map[string]map[string]bool{"inspection": {oldOpen: true, recent: true}, "hazard": {oldOpenHazard["id"].(string): true}}
	s, cursor := syncUntil(t, e, off, "", 20, want)
	apptest.Equal(t, "a first sync sends the old closed inspection", s.Inspections[oldClosed], 0)
	apptest.Equal(t, "a first sync sends the old verified hazard", s.Hazards[oldClosedHazard["id"].(string)], 0)
	// The old closed inspection changes: the next sync sends it.
	if err := e.DB.Exec("UPDATE inspections SET notes = '补记' WHERE id = ?", oldClosed).Error; err != nil {
		t.Fatal(err)
	}
	d, _ := syncUntil(t, e, off, cursor, 20, map[string]map[string]bool{"inspection": {oldClosed: true}})
	apptest.Equal(t, "the delta sends the changed old inspection once", d.Inspections[oldClosed], 1)
	e.Get(off, "/api/v1/sync/changes").Must(t, http.StatusOK)
}
