package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestSyncMoves(t *testing.T) {
	t.Parallel()

	t.Run("OK/VenueMovedTwice", func(t *testing.T) {
		// Ensure a venue moved G1 → G2 → G3 between two syncs still leaves
		// the phone of G1's officer as a tombstone.
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		const off = "off-dcf-1-g1"
		v := e.Venue(t, "dcf-1-g1")
		vid := v["id"].(string)
		_, cursor := syncUntil(t, e, off, "", 50, map[string]map[string]bool{"venue": {vid: true}})
		_, cursor2 := syncUntil(t, e, "off-dcf-1-g2", "", 50, nil)
		for _, grid := range []string{"dcf-1-g2", "dcf-1-g3"} {
			cur := e.Get("admin", "/api/v1/venues/"+vid).Must(t, http.StatusOK).Map(t)
			patch(e, "admin", "/api/v1/venues/"+vid, map[string]any{"grid_id": e.Unit(grid), "version": cur["version"]}, nil).Must(t, http.StatusOK)
		}
		// Both grids it passed through are told it left.
		want := map[string]map[string]bool{"tombstone": {"venue:" + vid: true}}
		for as, c := range map[string]string{off: cursor, "off-dcf-1-g2": cursor2} {
			got, _ := syncUntil(t, e, as, c, 50, want)
			exactlyOnce(t, as+": tombstones", got.Tombstones, want["tombstone"])
			exactlyOnce(t, as+": venues", got.Venues, map[string]bool{})
		}
	})

	t.Run("OK/GridMovedToAnotherStation", func(t *testing.T) {
		// Ensure a grid moved from station dcf-1 to dcf-2 resets the sync of
		// both stations' supervisors, and a sync from scratch then matches
		// the new subtree; the city's, above both, is not reset.
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		e.Venue(t, "dcf-1-g3")
		cursors := map[string]string{}
		for _, sup := range []string{"sup-dcf-1", "sup-dcf-2", "sup-lc", "sup-kfq-1"} {
			_, cursors[sup] = syncUntil(t, e, sup, "", 200, nil)
		}
		g3 := e.Unit("dcf-1-g3")
		u := e.Get("admin", "/api/v1/org-units/"+g3).Must(t, http.StatusOK).Map(t)
		patch(e, "admin", "/api/v1/org-units/"+g3, map[string]any{"parent_id": e.Unit("dcf-2"), "version": u["version"]}, nil).Must(t, http.StatusOK)
		for _, sup := range []string{"sup-dcf-1", "sup-dcf-2"} {
			if p := syncChanges(t, e, sup, cursors[sup], 50); !p.Reset {
				t.Errorf("%s: reset = false after grid dcf-1-g3 moved from dcf-1 to dcf-2", sup)
			}
		}
		gained := dbIDs(t, e, "SELECT id::text FROM venues WHERE grid_id = ?", g3)
		got, _ := syncUntil(t, e, "sup-dcf-2", "", 200, map[string]map[string]bool{"venue": gained})
		for id := range gained {
			if got.Venues[id] != 1 {
				t.Errorf("sup-dcf-2 after reset: venue %s of the moved grid seen %d times", id, got.Venues[id])
			}
		}
		lost, _ := syncUntil(t, e, "sup-dcf-1", "", 200, nil)
		for id := range gained {
			if lost.Venues[id] != 0 {
				t.Errorf("sup-dcf-1 after reset: still gets venue %s of the grid it lost", id)
			}
		}
		// The city's supervisor, whose subtree is the same, and another
		// district's station's keep their cursors.
		for _, sup := range []string{"sup-lc", "sup-kfq-1"} {
			if p := syncChanges(t, e, sup, cursors[sup], 50); p.Reset {
				t.Errorf("%s: reset after a move that leaves their subtree as it was", sup)
			}
		}
	})
}
