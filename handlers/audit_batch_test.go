package handlers_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure a submit, whose audit rows are written together at its end, leaves
// the trail and the events as row-by-row writes would: one audit row per
// change in the order of the changes, each subject's events numbered on
// from its earlier ones without a gap, and an on-site hazard's two changes
// (found, then fixed) in that order.
func TestSubmitAuditOrder(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	const off = "off-dcf-1-g1"
	var v struct {
		ID, Category string
		Lat, Lng     float64
	}
	e.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", e.Unit("dcf-1-g1")).Scan(&v)
	list := e.Checklist(t, v.Category)
	id := e.Started(t, off, map[string]any{"id": v.ID, "lat": v.Lat, "lng": v.Lng})
	deadline := schedules.DateIn(time.Now(), e.Cfg.Location).AddDays(7).String()
	onSite := apptest.Hazard(list[1]["item_code"].(string), "general", "on_site", "", e.Photo(t, off, apptest.PNG(2)))
	late := apptest.Hazard(list[0]["item_code"].(string), "major", "deadline", deadline)
	e.Submit(off, id, map[string]any{"checklist": list, "hazards": []any{late, onSite}}).Must(t, http.StatusOK)

	type ev struct {
		Type     string
		Sequence int64
		AuditID  int64
	}
	events := func(subject string) []ev {
		var out []ev
		e.DB.Raw("SELECT type, sequence, audit_id FROM events WHERE subject_id = ? ORDER BY sequence", subject).Scan(&out)
		return out
	}
	check := func(name, subject string, want ...string) {
		t.Helper()
		got := events(subject)
		var types []string
		for i, x := range got {
			types = append(types, x.Type)
			if x.Sequence != int64(i+1) {
				t.Errorf("%s: event %d has sequence %d", name, i+1, x.Sequence)
			}
			if i > 0 && x.AuditID < got[i-1].AuditID {
				t.Errorf("%s: event %d's audit row %d comes before the one of event %d (%d)", name, i+1, x.AuditID, i, got[i-1].AuditID)
			}
		}
		if !slices.Equal(types, want) {
			t.Errorf("%s: events %v, want %v", name, types, want)
		}
	}
	check("the inspection", id, "inspection.created", "inspection.started", "inspection.submitted")
	check("the on-site hazard", onSite["id"].(string), "hazard.found", "hazard.rectified")
	check("the deadline hazard", late["id"].(string), "hazard.found")

	// Every audit row of the submit has its events, and the trail's ids
	// follow the changes: the inspection's submit row comes after its
	// hazards' and before nothing of the inspection that came earlier.
	var orphans int64
	e.DB.Raw(`SELECT count(*) FROM audit_log a WHERE a.entity_id IN (?, ?, ?) AND NOT EXISTS (SELECT 1 FROM events x WHERE x.audit_id = a.id)`,
		id, onSite["id"], late["id"]).Scan(&orphans)
	apptest.Equal(t, "audit rows without events", orphans, int64(0))
}
