package handlers_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// queueItem is one entry of GET /review/queue.
type queueItem struct {
	Type      string    `json:"type"`
	ID        string    `json:"id"`
	VenueID   string    `json:"venue_id"`
	VenueName string    `json:"venue_name"`
	GridID    string    `json:"grid_id"`
	At        time.Time `json:"at"`
	By        *string   `json:"by"`
	OffSite   bool      `json:"off_site"`
	Major     bool      `json:"major"`
	Kind      string    `json:"kind"`
}

// reviewQueue reads the whole queue, page by page.
func reviewQueue(t *testing.T, e *apptest.Env, as string, limit int) ([]queueItem, []int) {
	t.Helper()
	raw, sizes := walk(t, e, as, "/api/v1/review/queue?limit="+strconv.Itoa(limit))
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	var out []queueItem
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("queue items: %v", err)
	}
	return out, sizes
}

func TestReviewQueue(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-20T10:00:00+08:00"})
	const off1, off2, off4 = "off-dcf-1-g1", "off-dcf-1-g2", "off-dcf-2-g1"
	v1 := e.VenueID(t, "dcf-1-g1", "name", "甲便利店", "category", "shop", "risk_level", "yellow")
	v2 := e.VenueID(t, "dcf-1-g2", "name", "乙便利店", "category", "shop", "risk_level", "yellow")
	v4 := e.VenueID(t, "dcf-2-g1", "name", "丙便利店", "category", "shop", "risk_level", "yellow")
	user := func(name string) string { return e.User(name) }

	// In this order: i1 started off site; i2 with a major hazard to fix by
	// a deadline; i3 with a hazard fixed on site (ho, queued with it); hm,
	// i2's hazard, fixed; i4 in another station; i5 approved and its
	// hazard verified (neither queued); i6 returned and submitted again;
	// i7 started, not submitted.
	i1 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i1, true)
	e.SubmitAll(t, off1, i1, "shop")
	i2 := e.AdHoc(t, off2, v2)["id"].(string)
	e.CheckIn(t, off2, i2, false)
	hm := uuid.NewString()
	e.SubmitAll(t, off2, i2, "shop", apptest.Deadline(hm, "evacuation_route", "major", "2026-06-10"))
	i3 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i3, false)
	ho := uuid.NewString()
	e.SubmitAll(t, off1, i3, "shop", apptest.OnSite(ho, "extinguisher", "general", e.Photo(t, off1, apptest.PNG(0))))
	e.Rectify(t, off2, hm)
	i4 := e.AdHoc(t, off4, v4)["id"].(string)
	e.CheckIn(t, off4, i4, false)
	e.SubmitAll(t, off4, i4, "shop")
	i5 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i5, false)
	hv := uuid.NewString()
	e.SubmitAll(t, off1, i5, "shop", apptest.OnSite(hv, "ebike", "major", e.Photo(t, off1, apptest.PNG(0))))
	e.Review(t, "sup-dcf-1", i5, true)
	e.Verify(t, "sup-dcf-1", hv, true)
	i6 := e.AdHoc(t, off2, v2)["id"].(string)
	e.CheckIn(t, off2, i6, false)
	body := e.SubmitBody(t, "shop")
	e.Post(off2, "/api/v1/inspections/"+i6+"/submit", body).Must(t, http.StatusOK)
	e.Review(t, "sup-dcf-1", i6, false)
	e.Post(off2, "/api/v1/inspections/"+i6+"/submit", body).Must(t, http.StatusOK)
	i7 := e.AdHoc(t, off1, v1)["id"].(string)
	e.CheckIn(t, off1, i7, false)

	// i3 and ho were submitted in one transaction, at one instant: the
	// queue breaks the tie by id.
	pair := []string{i3, ho}
	if ho < i3 {
		pair = []string{ho, i3}
	}
	station := slices.Concat([]string{i1, i2}, pair, []string{hm, i6})
	city := slices.Concat([]string{i1, i2}, pair, []string{hm, i4, i6})

	queueIDs := func(items []queueItem) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = it.ID
		}
		return out
	}

	t.Run("OK/Station", func(t *testing.T) {
		// Ensure a station's supervisor gets the submitted inspections and
		// the rectified hazards of their station, oldest first, with the
		// flags a reviewer needs.
		items, _ := reviewQueue(t, e, "sup-dcf-1", 50)
		if got := queueIDs(items); !slices.Equal(got, station) {
			t.Fatalf("queue %v\nwant  %v", got, station)
		}
		byID := map[string]queueItem{}
		for i, it := range items {
			byID[it.ID] = it
			if i > 0 && it.At.Before(items[i-1].At) {
				t.Errorf("%s (%s) comes after %s (%s)", it.ID, it.At, items[i-1].ID, items[i-1].At)
			}
		}
		for _, c := range []struct {
			id, typ, venue, name, grid, by, kind string
			offSite, major                       bool
		}{
			{i1, "inspection", v1, "甲便利店", "dcf-1-g1", off1, "ad_hoc", true, false},
			{i2, "inspection", v2, "乙便利店", "dcf-1-g2", off2, "ad_hoc", false, true},
			{i3, "inspection", v1, "甲便利店", "dcf-1-g1", off1, "ad_hoc", false, false},
			{ho, "hazard", v1, "甲便利店", "dcf-1-g1", off1, "extinguisher", false, false},
			{hm, "hazard", v2, "乙便利店", "dcf-1-g2", off2, "evacuation_route", false, true},
			{i6, "inspection", v2, "乙便利店", "dcf-1-g2", off2, "ad_hoc", false, false},
		} {
			it := byID[c.id]
			if it.Type != c.typ || it.VenueID != c.venue || it.VenueName != c.name || it.GridID != e.Unit(c.grid) ||
				it.By == nil || *it.By != user(c.by) || it.Kind != c.kind || it.OffSite != c.offSite || it.Major != c.major {
				t.Errorf("queue item %+v, want %+v", it, c)
			}
			// at is when it was submitted or rectified.
			var at time.Time
			if c.typ == "inspection" {
				var in struct {
					SubmittedAt time.Time `json:"submitted_at"`
				}
				e.Get("admin", "/api/v1/inspections/"+c.id).Must(t, http.StatusOK).JSON(t, &in)
				at = in.SubmittedAt
			} else {
				var h struct {
					Rectification struct {
						At time.Time `json:"at"`
					} `json:"rectification"`
				}
				e.Get("admin", "/api/v1/hazards/"+c.id).Must(t, http.StatusOK).JSON(t, &h)
				at = h.Rectification.At
			}
			if !it.At.Equal(at) || at.IsZero() {
				t.Errorf("%s: at %s, want %s", c.id, it.At, at)
			}
		}
		// i6 was submitted again after it was returned: it is queued by the
		// second submission, after hm's fix.
		if !byID[i6].At.After(byID[hm].At) {
			t.Errorf("the resubmitted i6 is queued at %s, before hm's fix at %s", byID[i6].At, byID[hm].At)
		}
	})

	t.Run("OK/Scope", func(t *testing.T) {
		// Ensure each supervisor sees their own unit's work only, the city's
		// supervisor and the admin all of it.
		for _, c := range []struct {
			as   string
			want []string
		}{{"sup-lc", city}, {"admin", city}, {"sup-dcf-2", []string{i4}}, {"sup-kfq-1", []string{}}} {
			items, _ := reviewQueue(t, e, c.as, 50)
			if got := queueIDs(items); !slices.Equal(got, c.want) {
				t.Errorf("%s's queue %v, want %v", c.as, got, c.want)
			}
		}
		// Nor can sup-dcf-1 decide the other station's work: 404, as if it
		// did not exist.
		wantProblem(t, e.Post("sup-dcf-1", "/api/v1/inspections/"+i4+"/approve", map[string]any{}), http.StatusNotFound, "")
		wantProblem(t, e.Post("sup-dcf-2", "/api/v1/hazards/"+hm+"/verify", map[string]any{"accepted": true}), http.StatusNotFound, "")
	})

	t.Run("OK/Pages", func(t *testing.T) {
		// Ensure the cursor walks the queue in order, each item once.
		for _, limit := range []int{1, 2, 4, 200} {
			items, sizes := reviewQueue(t, e, "sup-lc", limit)
			if got := queueIDs(items); !slices.Equal(got, city) {
				t.Errorf("limit %d: %v, want %v", limit, got, city)
			}
			for i, n := range sizes {
				if n > limit || (i < len(sizes)-1 && n != limit) {
					t.Errorf("limit %d: page sizes %v", limit, sizes)
				}
			}
		}
		p := list(t, e, "sup-lc", "/api/v1/review/queue?limit=7")
		if len(p.Items) != len(city) || p.NextCursor != nil {
			t.Errorf("one page: %d items, next %v", len(p.Items), p.NextCursor)
		}
	})

	t.Run("ErrOfficer", func(t *testing.T) {
		// Ensure officers have no review queue, and cannot decide.
		for _, off := range []string{off1, off2, off4} {
			wantProblem(t, e.Get(off, "/api/v1/review/queue"), http.StatusForbidden, "")
		}
		wantProblem(t, e.Post(off2, "/api/v1/inspections/"+i1+"/approve", map[string]any{}), http.StatusNotFound, "")
		wantProblem(t, e.Post(off1, "/api/v1/inspections/"+i1+"/approve", map[string]any{}), http.StatusForbidden, "")
	})

	t.Run("ErrQuery", func(t *testing.T) {
		for _, c := range []struct{ query, field string }{
			{"limit=0", "limit"}, {"limit=201", "limit"}, {"limit=x", "limit"},
			{"cursor=not-a-cursor", "cursor"}, {"cursor=" + base64URL(`{"at":"yesterday"}`), "cursor"},
		} {
			wantProblem(t, e.Get("sup-dcf-1", "/api/v1/review/queue?"+c.query), http.StatusUnprocessableEntity, c.field)
		}
		e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/review/queue"}).Must(t, http.StatusUnauthorized)
	})

	t.Run("OK/Decided", func(t *testing.T) {
		// Ensure deciding takes work off the queue: approved and returned
		// inspections, verified and rejected fixes leave it.
		e.Review(t, "sup-dcf-1", i1, true)
		e.Review(t, "sup-dcf-1", i2, false)
		e.Verify(t, "sup-dcf-1", ho, true)
		e.Verify(t, "sup-dcf-1", hm, false)
		items, _ := reviewQueue(t, e, "sup-dcf-1", 50)
		if got := queueIDs(items); !slices.Equal(got, []string{i3, i6}) {
			t.Fatalf("queue after decisions %v, want [%s %s]", got, i3, i6)
		}
		e.Review(t, "sup-dcf-1", i3, true)
		e.Review(t, "sup-dcf-1", i6, true)
		p := list(t, e, "sup-dcf-1", "/api/v1/review/queue")
		apptest.Equal(t, "empty queue: len(p.Items)", len(p.Items), 0)
		apptest.True(t, "empty queue: p.NextCursor is null", p.NextCursor == nil, p.NextCursor)
		_ = i7 // started, never submitted: never queued
	})
}
