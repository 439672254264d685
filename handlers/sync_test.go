package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// changesPage is one answer of GET /sync/changes.
type changesPage struct {
	Venues      []map[string]any `json:"venues"`
	Inspections []map[string]any `json:"inspections"`
	Hazards     []map[string]any `json:"hazards"`
	Tombstones  []struct {
		Entity string `json:"entity"`
		ID     string `json:"id"`
		Reason string `json:"reason"`
	} `json:"tombstones"`
	NextCursor string `json:"next_cursor"`
	HasMore    bool   `json:"has_more"`
	Reset      bool   `json:"reset"`
}

// synced is what a client has seen: how many times it saw each venue,
// inspection, hazard and tombstone ("entity:id"), the last state of each,
// and the pages it took.
type synced struct {
	Venues, Inspections, Hazards, Tombstones map[string]int
	Last                                     map[string]map[string]any
	Pages                                    int
}

// syncChanges gets one page of changes. A reset answer has no next cursor:
// the client starts again from an empty one.
func syncChanges(t *testing.T, e *apptest.Env, as, cursor string, limit int) changesPage {
	t.Helper()
	var p changesPage
	e.Get(as, "/api/v1/sync/changes?since="+url.QueryEscape(cursor)+"&limit="+strconv.Itoa(limit)).Must(t, http.StatusOK).JSON(t, &p)
	apptest.True(t, "changes: p.Venues is set", p.Venues != nil)
	apptest.True(t, "changes: p.Inspections is set", p.Inspections != nil)
	apptest.True(t, "changes: p.Hazards is set", p.Hazards != nil)
	apptest.True(t, "changes: p.Tombstones is set", p.Tombstones != nil)
	apptest.Equal(t, "changes: (p.NextCursor == \"\")", (p.NextCursor == ""), p.Reset)
	return p
}

// syncUntil syncs as a client does, page by page from cursor until
// has_more is false, and returns what it saw and the cursor to keep. A sync
// hands out only the writes of transactions that ended before every
// transaction still running in the cluster began, so while want (ids by
// kind: "venue", "inspection", "hazard", "tombstone") is not all seen it
// syncs again a little later, as a client would, for up to 15 seconds.
func syncUntil(t *testing.T, e *apptest.Env, as, cursor string, limit int, want map[string]map[string]bool) (synced, string) {
	t.Helper()
	s := synced{Venues: map[string]int{}, Inspections: map[string]int{}, Hazards: map[string]int{}, Tombstones: map[string]int{},
		Last: map[string]map[string]any{}}
	missing := func() []string {
		var out []string
		for kind, got := range map[string]map[string]int{"venue": s.Venues, "inspection": s.Inspections, "hazard": s.Hazards, "tombstone": s.Tombstones} {
			for id := range want[kind] {
				if got[id] == 0 {
					out = append(out, kind+" "+id)
				}
			}
		}
		return out
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		p := syncChanges(t, e, as, cursor, limit)
		if p.Reset {
			t.Fatal("the sync answered reset")
		}
		s.Pages++
		if n := len(p.Venues) + len(p.Inspections) + len(p.Hazards) + len(p.Tombstones); n > limit {
			t.Fatalf("a page of %d changes, limit %d", n, limit)
		}
		for _, v := range p.Venues {
			s.Venues[v["id"].(string)]++
			s.Last[v["id"].(string)] = v
		}
		for _, in := range p.Inspections {
			s.Inspections[in["id"].(string)]++
			s.Last[in["id"].(string)] = in
		}
		for _, h := range p.Hazards {
			s.Hazards[h["id"].(string)]++
			s.Last[h["id"].(string)] = h
		}
		for _, ts := range p.Tombstones {
			s.Tombstones[ts.Entity+":"+ts.ID]++
		}
		cursor = p.NextCursor
		if p.HasMore {
			continue
		}
		m := missing()
		if len(m) == 0 {
			return s, cursor
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 15 s of syncing, never seen: %v", m)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// exactlyOnce fails unless each of want was seen once and nothing else was.
func exactlyOnce(t *testing.T, what string, seen map[string]int, want map[string]bool) {
	t.Helper()
	for id, n := range seen {
		switch {
		case !want[id]:
			t.Errorf("%s: %s should not be there", what, id)
		case n != 1:
			t.Errorf("%s: %s seen %d times", what, id, n)
		}
	}
	for id := range want {
		if seen[id] == 0 {
			t.Errorf("%s: %s is missing", what, id)
		}
	}
}

func TestSync(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00", Venues: 72})
	const off, neighbour = "off-dcf-1-g1", "off-dcf-1-g2"
	g1, g2 := e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2")
	// three yellow venues of g1 that the test knows, besides the seeded ones
	a, b, c := e.Venue(t, "dcf-1-g1"), e.Venue(t, "dcf-1-g1"), e.Venue(t, "dcf-1-g1")
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)
	id := func(m map[string]any) string { return m["id"].(string) }
	none := map[string]bool{}

	// Ensure a sync from an empty cursor hands out, page by page, every
	// venue and live inspection of the officer's grid once, and nothing of
	// other grids.
	venues := dbIDs(t, e, "SELECT id::text FROM venues WHERE grid_id = ?", g1)
	insps := dbIDs(t, e, "SELECT id::text FROM inspections WHERE grid_id = ? AND status <> 'cancelled'", g1)
	if len(venues) < 5 || len(insps) < 5 {
		t.Fatalf("only %d venues and %d inspections in the grid: the test needs more", len(venues), len(insps))
	}
	all, cursor := syncUntil(t, e, off, "", 3, map[string]map[string]bool{"venue": venues, "inspection": insps})
	exactlyOnce(t, "first sync: venues", all.Venues, venues)
	exactlyOnce(t, "first sync: inspections", all.Inspections, insps)
	exactlyOnce(t, "first sync: hazards", all.Hazards, none)
	exactlyOnce(t, "first sync: tombstones", all.Tombstones, none)
	if least := (len(venues) + len(insps)) / 3; all.Pages < least {
		t.Fatalf("%d pages of at most 3 for %d changes", all.Pages, len(venues)+len(insps))
	}
	for vid := range venues {
		if v := all.Last[vid]; v["grid_id"] != g1 || v["name"] == nil || v["version"] == nil {
			t.Fatalf("venue = %v", v)
		}
	}
	_, neighbourCursor := syncUntil(t, e, neighbour, "", 200, map[string]map[string]bool{
		"venue": dbIDs(t, e, "SELECT id::text FROM venues WHERE grid_id = ?", g2)})

	t.Run("OK/UpToDate", func(t *testing.T) {
		// Ensure a client that is up to date gets nothing, and keeps its cursor's worth.
		p := syncChanges(t, e, off, cursor, 3)
		apptest.True(t, "changes: not p.HasMore", !(p.HasMore))
		apptest.True(t, "changes: not p.Reset", !(p.Reset))
		apptest.Equal(t, "changes: len(p.Venues)+len(p.Inspections)+len(p.Hazards)+len(p.Tombstones)", len(p.Venues)+len(p.Inspections)+len(p.Hazards)+len(p.Tombstones), 0)
	})

	// Writes: a venue edited, a new ad hoc inspection submitted with a
	// hazard (which makes a reinspection), a reclassification that cancels
	// a routine inspection; and writes in the next grid.
	var adHoc, hazard, reinspection, routine string
	// later makes those writes, once, and returns what the next sync of the
	// officer must hand out.
	later := func(t *testing.T) map[string]map[string]bool {
		t.Helper()
		if adHoc == "" {
			patch(e, off, "/api/v1/venues/"+id(a), map[string]any{"contact_phone": "13900000009", "version": a["version"]}, nil).Must(t, http.StatusOK)
			adHoc = e.Started(t, off, b)
			h := apptest.Hazard("ebike", "major", "deadline", "2026-10-09")
			hazard = id(h)
			e.Submit(off, adHoc, map[string]any{"checklist": e.Checklist(t, "shop", "ebike"), "hazards": []any{h}}).Must(t, http.StatusOK)
			reinspection = e.Get(off, "/api/v1/hazards/"+hazard).Must(t, http.StatusOK).Map(t)["reinspection_id"].(string)
			for r := range dbIDs(t, e, "SELECT id::text FROM inspections WHERE venue_id = ? AND kind = 'routine' AND status = 'scheduled'", id(c)) {
				routine = r
			}
			if routine == "" {
				t.Fatal("venue c has no scheduled routine inspection")
			}
			e.Post("sup-dcf-1", "/api/v1/venues/"+id(c)+"/reclassifications", map[string]any{"to_level": "red", "reason": "存在重大隐患"}).
				Must(t, http.StatusCreated)
			apptest.Equal(t, "status of the quarterly inspection of a venue turned red",
				e.Get("admin", "/api/v1/inspections/"+routine).Must(t, http.StatusOK).Map(t)["status"], "cancelled")
			// elsewhere
			other := e.Venue(t, "dcf-1-g2")
			e.AdHoc(t, neighbour, id(other))
			patch(e, neighbour, "/api/v1/venues/"+id(other), map[string]any{"contact_phone": "13900000010", "version": 1}, nil).Must(t, http.StatusOK)
		}
		return map[string]map[string]bool{
			"venue":      {id(a): true, id(c): true},
			"inspection": {adHoc: true, reinspection: true},
			"hazard":     {hazard: true},
			"tombstone":  {"inspection:" + routine: true},
		}
	}
	t.Run("OK/LaterChanges", func(t *testing.T) {
		// Ensure the next sync hands out exactly these changes, once each.
		want := later(t)
		got, next := syncUntil(t, e, off, cursor, 2, want)
		cursor = next
		exactlyOnce(t, "venues", got.Venues, want["venue"])
		exactlyOnce(t, "inspections", got.Inspections, want["inspection"])
		exactlyOnce(t, "hazards", got.Hazards, want["hazard"])
		exactlyOnce(t, "tombstones", got.Tombstones, want["tombstone"])
		// ... in their latest state
		if v := got.Last[id(a)]; v["contact_phone"] != "13900000009" {
			t.Fatalf("venue a = %v", v)
		}
		if v := got.Last[id(c)]; v["risk_level"] != "red" {
			t.Fatalf("venue c = %v", v)
		}
		if in := got.Last[adHoc]; in["status"] != "submitted" || len(in["hazard_ids"].([]any)) != 1 {
			t.Fatalf("ad hoc = %v", in)
		}
		if h := got.Last[hazard]; h["status"] != "open" || h["reinspection_id"] != reinspection {
			t.Fatalf("hazard = %v", h)
		}
	})

	t.Run("OK/VenueMovedAway", func(t *testing.T) {
		// Ensure venues moved to another grid are tombstones for their old
		// grid's officer, and arrive with their open inspections and their
		// hazards still to be fixed at the new one's (b has an open hazard
		// and its reinspection).
		if adHoc == "" { // as OK/LaterChanges leaves it: its writes made and synced
			_, cursor = syncUntil(t, e, off, cursor, 2, later(t))
		}
		for _, m := range []map[string]any{a, b} {
			v := e.Get("admin", "/api/v1/venues/"+id(m)).Must(t, http.StatusOK).Map(t)
			patch(e, "admin", "/api/v1/venues/"+id(m), map[string]any{"grid_id": g2, "version": v["version"]}, nil).Must(t, http.StatusOK)
		}
		open := dbIDs(t, e, "SELECT id::text FROM inspections WHERE venue_id IN (?, ?) AND status IN ('scheduled', 'in_progress', 'returned')", id(a), id(b))
		apptest.True(t, "open inspections of a and b: not len(open) < 3", !(len(open) < 3))
		apptest.True(t, "open inspections of a and b: open[reinspection]", open[reinspection])
		want := map[string]map[string]bool{"tombstone": {"venue:" + id(a): true, "venue:" + id(b): true}}
		got, next := syncUntil(t, e, off, cursor, 2, want)
		cursor = next
		exactlyOnce(t, "old grid: tombstones", got.Tombstones, want["tombstone"])
		exactlyOnce(t, "old grid: venues", got.Venues, none)
		exactlyOnce(t, "old grid: inspections", got.Inspections, none)
		exactlyOnce(t, "old grid: hazards", got.Hazards, none)

		want = map[string]map[string]bool{"venue": {id(a): true, id(b): true}, "inspection": open, "hazard": {hazard: true}}
		theirs, _ := syncUntil(t, e, neighbour, neighbourCursor, 200, want)
		for _, m := range []map[string]any{a, b} {
			if theirs.Venues[id(m)] != 1 || theirs.Last[id(m)]["grid_id"] != g2 {
				t.Errorf("new grid: venue %s seen %d times: %v", id(m), theirs.Venues[id(m)], theirs.Last[id(m)])
			}
		}
		for in := range open {
			if theirs.Inspections[in] != 1 {
				t.Errorf("new grid: open inspection %s seen %d times", in, theirs.Inspections[in])
			}
		}
		if theirs.Hazards[hazard] != 1 || len(theirs.Tombstones) != 0 {
			t.Errorf("new grid: hazard seen %d times, tombstones %v", theirs.Hazards[hazard], theirs.Tombstones)
		}
		// the hazard is the new grid's to follow up now
		e.Get(neighbour, "/api/v1/hazards/"+hazard).Must(t, http.StatusOK)
		wantProblem(t, e.Get(off, "/api/v1/hazards/"+hazard), 404, "")
	})

	t.Run("OK/ResetOnNewGrids", func(t *testing.T) {
		// Ensure a change of the officer's grids makes an old cursor answer
		// reset, and a sync from scratch then covers the new grids.
		e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + e.User(off) + "/grids", As: "admin",
			Body: map[string]any{"grid_ids": []string{g1, e.Unit("dcf-1-g3")}}}).Must(t, http.StatusOK)
		p := syncChanges(t, e, off, cursor, 2)
		apptest.True(t, "changes: p.Reset", p.Reset)
		apptest.True(t, "changes: not p.HasMore", !(p.HasMore))
		apptest.Equal(t, "changes: len(p.Venues)+len(p.Inspections)+len(p.Hazards)+len(p.Tombstones)", len(p.Venues)+len(p.Inspections)+len(p.Hazards)+len(p.Tombstones), 0)
		venues := dbIDs(t, e, "SELECT id::text FROM venues WHERE grid_id IN (?, ?)", g1, e.Unit("dcf-1-g3"))
		got, _ := syncUntil(t, e, off, "", 50, map[string]map[string]bool{"venue": venues})
		exactlyOnce(t, "venues after reset", got.Venues, venues)
	})

	t.Run("ErrCursor", func(t *testing.T) {
		wantProblem(t, e.Get(off, "/api/v1/sync/changes?since=not-a-cursor"), 422, "cursor")
		wantProblem(t, e.Get(off, "/api/v1/sync/changes?limit=0"), 422, "limit")
		wantProblem(t, e.Get(off, "/api/v1/sync/changes?limit=201"), 422, "limit")
	})
}
