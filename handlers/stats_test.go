package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// fxFoundNow stamps hazards as found (and, fixed on site, rectified) at the
// service clock's instant. Direct SQL, because the API cannot do it: the
// database stamps created_at and rectified_at with its own now(), which the
// test's service clock does not move, and the figures count hazards by those
// stamps. In production both clocks are the same.
func fxFoundNow(t *testing.T, e *apptest.Env, c *apptest.Clock, ids ...string) {
	t.Helper()
	res := e.DB.Exec(`UPDATE hazards SET created_at = ?, rectified_at = CASE WHEN fix_mode = 'on_site' THEN ? ELSE rectified_at END
		WHERE id IN ?`, c.Now(), c.Now(), ids)
	if res.Error != nil || int(res.RowsAffected) != len(ids) {
		t.Fatalf("stamp hazards %v: %v (%d rows)", ids, res.Error, res.RowsAffected)
	}
}

// fxFixedNow stamps a hazard's fix at the service clock's instant: direct
// SQL, for the reason given at fxFoundNow.
func fxFixedNow(t *testing.T, e *apptest.Env, c *apptest.Clock, id string) {
	t.Helper()
	res := e.DB.Exec(`UPDATE hazards SET rectified_at = ? WHERE id = ? AND rectified_at IS NOT NULL`, c.Now(), id)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("stamp fix of %s: %v (%d rows)", id, res.Error, res.RowsAffected)
	}
}

// fxStats are the figures GET /stats/overview and /stats/grids answer.
type fxStats struct {
	OrgUnitID *string `json:"org_unit_id"`
	Name      string  `json:"name"`
	Code      string  `json:"code"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Venues    struct {
		Total      int64            `json:"total"`
		ByLevel    map[string]int64 `json:"by_level"`
		ByCategory map[string]int64 `json:"by_category"`
	} `json:"venues"`
	Inspections fxInspectionFigures `json:"inspections"`
	Hazards     fxHazardFigures     `json:"hazards"`
}

type fxInspectionFigures struct {
	Due            int64   `json:"due"`
	Done           int64   `json:"done"`
	OnTime         int64   `json:"on_time"`
	Overdue        int64   `json:"overdue"`
	CompletionRate float64 `json:"completion_rate"`
	AdHoc          int64   `json:"ad_hoc"`
	AdHocDone      int64   `json:"ad_hoc_done"`
}

type fxHazardFigures struct {
	Found           int64 `json:"found"`
	FixedOnSite     int64 `json:"fixed_on_site"`
	FixedByDeadline int64 `json:"fixed_by_deadline"`
	Rectified       int64 `json:"rectified"`
	Verified        int64 `json:"verified"`
	Open            int64 `json:"open"`
	Overdue         int64 `json:"overdue"`
}

// fxWant is a hand count: venues by level and by category (the ones not
// named are 0), and the inspection and hazard figures.
type fxWant struct {
	levels      map[string]int64
	categories  map[string]int64
	inspections fxInspectionFigures
	hazards     fxHazardFigures
}

// fxRate is done / due, 0 when nothing is due.
func fxRate(done, due int64) float64 {
	if due == 0 {
		return 0
	}
	return float64(done) / float64(due)
}

// wantFigures fails unless got holds the hand-counted figures.
func wantFigures(t *testing.T, what string, got fxStats, want fxWant) {
	t.Helper()
	var total int64
	for _, l := range []string{"red", "yellow", "green"} {
		total += want.levels[l]
		if got.Venues.ByLevel[l] != want.levels[l] {
			t.Errorf("%s: venues of level %s = %d, want %d", what, l, got.Venues.ByLevel[l], want.levels[l])
		}
	}
	if got.Venues.Total != total {
		t.Errorf("%s: venues total = %d, want %d", what, got.Venues.Total, total)
	}
	if len(got.Venues.ByLevel) != 3 {
		t.Errorf("%s: by_level = %v, want the three levels", what, got.Venues.ByLevel)
	}
	cats := []string{"shop", "restaurant", "hotel", "entertainment", "internet_cafe", "beauty_bath", "school", "clinic", "workshop"}
	if len(got.Venues.ByCategory) != len(cats) {
		t.Errorf("%s: by_category = %v, want the nine categories", what, got.Venues.ByCategory)
	}
	for _, c := range cats {
		if n, ok := got.Venues.ByCategory[c]; !ok || n != want.categories[c] {
			t.Errorf("%s: venues of category %s = %d (present %v), want %d", what, c, n, ok, want.categories[c])
		}
	}
	want.inspections.CompletionRate = fxRate(want.inspections.Done, want.inspections.Due)
	if got.Inspections != want.inspections {
		t.Errorf("%s: inspections = %+v\n\twant %+v", what, got.Inspections, want.inspections)
	}
	if got.Hazards != want.hazards {
		t.Errorf("%s: hazards = %+v\n\twant %+v", what, got.Hazards, want.hazards)
	}
}

// fxSum adds hand counts of grids up to their unit's.
func fxSum(parts ...fxWant) fxWant {
	out := fxWant{levels: map[string]int64{}, categories: map[string]int64{}}
	for _, p := range parts {
		for k, v := range p.levels {
			out.levels[k] += v
		}
		for k, v := range p.categories {
			out.categories[k] += v
		}
		a, b := &out.inspections, p.inspections
		a.Due, a.Done, a.OnTime, a.Overdue = a.Due+b.Due, a.Done+b.Done, a.OnTime+b.OnTime, a.Overdue+b.Overdue
		a.AdHoc, a.AdHocDone = a.AdHoc+b.AdHoc, a.AdHocDone+b.AdHocDone
		h, g := &out.hazards, p.hazards
		h.Found, h.FixedOnSite, h.FixedByDeadline = h.Found+g.Found, h.FixedOnSite+g.FixedOnSite, h.FixedByDeadline+g.FixedByDeadline
		h.Rectified, h.Verified, h.Open, h.Overdue = h.Rectified+g.Rectified, h.Verified+g.Verified, h.Open+g.Open, h.Overdue+g.Overdue
	}
	return out
}

// overview gets GET /stats/overview with the given query.
func overview(t *testing.T, e *apptest.Env, as string, q url.Values) fxStats {
	t.Helper()
	var s fxStats
	e.Get(as, "/api/v1/stats/overview?"+q.Encode()).Must(t, http.StatusOK).JSON(t, &s)
	return s
}

// statGrids gets GET /stats/grids with the given query.
func statGrids(t *testing.T, e *apptest.Env, as string, q url.Values) []fxStats {
	t.Helper()
	var s struct {
		Items []fxStats `json:"items"`
	}
	e.Get(as, "/api/v1/stats/grids?"+q.Encode()).Must(t, http.StatusOK).JSON(t, &s)
	if s.Items == nil {
		t.Fatal("GET /stats/grids: items is not an array")
	}
	return s.Items
}

func TestStats(t *testing.T) {
	t.Parallel()
	// The fixture: four grids in three stations of two districts, every kind
	// of state an inspection or a hazard can be in, built through the API on
	// a clock that moves from 15 April to 5 June 2026; the figures are
	// asked for May and June, on 5 June.
	e := apptest.New(t, apptest.Options{At: "2026-04-15T09:00:00+08:00"})
	clock := e.Clock
	const (
		g1, g2, g4, gk = "dcf-1-g1", "dcf-1-g2", "dcf-2-g1", "kfq-1-g1"
		off1, off2     = "off-dcf-1-g1", "off-dcf-1-g2"
		off4, offK     = "off-dcf-2-g1", "off-kfq-1-g1"
	)
	a1 := e.VenueID(t, g1, "name", "甲一便利店", "category", "shop", "risk_level", "red")
	a2 := e.VenueID(t, g1, "name", "甲二饭店", "category", "restaurant", "risk_level", "yellow")
	a3 := e.VenueID(t, g1, "name", "甲三旅馆", "category", "hotel", "risk_level", "green")
	b1 := e.VenueID(t, g2, "name", "乙一网吧", "category", "internet_cafe", "risk_level", "red")
	b2 := e.VenueID(t, g2, "name", "乙二超市", "category", "shop", "risk_level", "yellow")
	b3 := e.VenueID(t, g2, "name", "乙三幼儿园", "category", "school", "risk_level", "green")
	c1 := e.VenueID(t, g4, "name", "丙一诊所", "category", "clinic", "risk_level", "green")
	c2 := e.VenueID(t, g4, "name", "丙二足浴", "category", "beauty_bath", "risk_level", "red")
	d1 := e.VenueID(t, gk, "name", "丁一加工厂", "category", "workshop", "risk_level", "red")

	// 15 April: red venues get April (due 30 April, outside the range asked
	// for), yellow ones the second quarter, green ones the first half.
	e.Generate(t, "")
	a1Apr := e.Routine(t, a1, "2026-04-30")
	e.CheckIn(t, off1, a1Apr, false)
	h0 := uuid.NewString() // found in April: outside the range, though open and overdue
	e.SubmitAll(t, off1, a1Apr, "shop", apptest.Deadline(h0, "flammables", "general", "2026-04-25"))
	fxFoundNow(t, e, clock, h0)
	// b3 closes: it counts nowhere, and its half-year inspection is cancelled.
	patch(e, "admin", "/api/v1/venues/"+b3, map[string]any{"status": "closed", "version": 1}, nil).Must(t, http.StatusOK)

	// 20 May, 00:30 in Shanghai (19 May in UTC): red venues get May (due
	// 31 May); the visits find hazards.
	clock.Set(t, "2026-05-20T00:30:00+08:00")
	e.Generate(t, "")
	h1, h2, h3, h4, h5, h6, h7 := uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	a1May := e.Routine(t, a1, "2026-05-31")
	e.CheckIn(t, off1, a1May, false)
	e.SubmitAll(t, off1, a1May, "shop", apptest.OnSite(h1, "extinguisher", "general", e.Photo(t, off1, apptest.PNG(0))),
		apptest.Deadline(h2, "evacuation_route", "major", "2026-06-10")) // reinspection opens 10 June, due 15 June
	a2Q2 := e.Routine(t, a2, "2026-06-30")
	e.CheckIn(t, off1, a2Q2, true)
	e.SubmitAll(t, off1, a2Q2, "restaurant")
	a3H1 := e.Routine(t, a3, "2026-06-30")
	e.CheckIn(t, off1, a3H1, false)
	e.SubmitAll(t, off1, a3H1, "hotel", apptest.Deadline(h6, "ebike", "general", "2026-06-20")) // reinspection due 24 June
	b2Q2 := e.Routine(t, b2, "2026-06-30")
	e.CheckIn(t, off2, b2Q2, false)
	b2Body := e.SubmitBody(t, "shop", apptest.Deadline(h3, "wiring", "general", "2026-05-28"), // reinspection due 2 June
		apptest.Deadline(h7, "smoke_alarm", "general", "2026-05-29")) // reinspection due 3 June
	e.Post(off2, "/api/v1/inspections/"+b2Q2+"/submit", b2Body).Must(t, http.StatusOK)
	c2May := e.Routine(t, c2, "2026-05-31")
	e.CheckIn(t, off4, c2May, false)
	e.SubmitAll(t, off4, c2May, "beauty_bath", apptest.OnSite(h4, "extinguisher", "general", e.Photo(t, off4, apptest.PNG(0))))
	d1May := e.Routine(t, d1, "2026-05-31")
	e.CheckIn(t, offK, d1May, false)
	e.SubmitAll(t, offK, d1May, "workshop", apptest.Deadline(h5, "gas", "general", "2026-06-01")) // reinspection due 4 June
	fxFoundNow(t, e, clock, h1, h2, h3, h4, h5, h6, h7)
	e.Review(t, "sup-dcf-1", a2Q2, true)

	// 27 May: fixes, decisions, a return and a resubmission.
	clock.Set(t, "2026-05-27T10:00:00+08:00")
	e.Rectify(t, off2, h3) // the day before its deadline
	fxFixedNow(t, e, clock, h3)
	e.Rectify(t, off1, h6) // before its deadline, but the fix is rejected
	fxFixedNow(t, e, clock, h6)
	e.Verify(t, "sup-dcf-1", h6, false)
	e.Verify(t, "sup-dcf-1", h1, true)
	e.Review(t, "sup-dcf-1", b2Q2, false)
	e.Post(off2, "/api/v1/inspections/"+b2Q2+"/submit", b2Body).Must(t, http.StatusOK) // submitted again on 27 May
	e.Review(t, "sup-dcf-2", c2May, false)                                             // returned, never resubmitted
	e.Verify(t, "sup-dcf-2", h4, false)                                                // the on-site fix is rejected

	// 2 June, 00:30 in Shanghai (1 June in UTC): h5 is fixed a day late.
	clock.Set(t, "2026-06-02T00:30:00+08:00")
	e.Rectify(t, offK, h5)
	fxFixedNow(t, e, clock, h5)

	// 3 June: b1's May inspection is done late; an ad hoc one is opened and
	// left undone.
	clock.Set(t, "2026-06-03T10:00:00+08:00")
	b1May := e.Routine(t, b1, "2026-05-31")
	e.CheckIn(t, off2, b1May, false)
	e.SubmitAll(t, off2, b1May, "internet_cafe")
	e.AdHoc(t, off1, a1)

	clock.Set(t, "2026-06-05T10:00:00+08:00")
	_ = c1 // its half-year inspection (due 30 June) stays scheduled

	// The hand count, for 1 May – 30 June on 5 June. Inspections due in the
	// range: not cancelled, due date in it (April's routine ones and the
	// April reinspection are not). Done: submitted or approved; on time:
	// submitted on or before the due date; overdue: not done and due before
	// 5 June. Hazards: those found in the range (h0 is not); fixed on site
	// and fixed by the deadline count only fixes that stand (a rejected fix
	// leaves the hazard open, not fixed).
	grid1 := fxWant{ // a1, a2, a3
		levels:     map[string]int64{"red": 1, "yellow": 1, "green": 1},
		categories: map[string]int64{"shop": 1, "restaurant": 1, "hotel": 1},
		// a1May (done 20 May), a2Q2 (approved), a3H1 (done 20 May), the
		// reinspections for h2 (due 15 June) and h6 (due 24 June); the ad
		// hoc one due 3 June, not done, is counted on its own.
		inspections: fxInspectionFigures{Due: 5, Done: 3, OnTime: 3, Overdue: 0, AdHoc: 1, AdHocDone: 0},
		// h1 fixed on site and verified; h2 open (deadline 10 June); h6
		// fixed before its deadline but rejected: open, not overdue.
		hazards: fxHazardFigures{Found: 3, FixedOnSite: 1, FixedByDeadline: 0, Rectified: 0, Verified: 1, Open: 2, Overdue: 0},
	}
	grid2 := fxWant{ // b1, b2 (b3 is closed)
		levels:     map[string]int64{"red": 1, "yellow": 1},
		categories: map[string]int64{"internet_cafe": 1, "shop": 1},
		// b1May (done 3 June, late), b2Q2 (returned, done again 27 May), the
		// reinspections for h3 (due 2 June) and h7 (due 3 June): overdue;
		// b3's cancelled half-year inspection does not count.
		inspections: fxInspectionFigures{Due: 4, Done: 2, OnTime: 1, Overdue: 2},
		// h3 fixed the day before its deadline, not yet verified; h7 open
		// past its deadline (29 May).
		hazards: fxHazardFigures{Found: 2, FixedOnSite: 0, FixedByDeadline: 1, Rectified: 1, Verified: 0, Open: 1, Overdue: 1},
	}
	grid4 := fxWant{ // c1, c2
		levels:     map[string]int64{"green": 1, "red": 1},
		categories: map[string]int64{"clinic": 1, "beauty_bath": 1},
		// c1's half-year (due 30 June, scheduled) and c2May (returned: not
		// done, overdue).
		inspections: fxInspectionFigures{Due: 2, Done: 0, OnTime: 0, Overdue: 1},
		// h4: its on-site fix was rejected, so it is open (no deadline: not overdue).
		hazards: fxHazardFigures{Found: 1, FixedOnSite: 0, FixedByDeadline: 0, Rectified: 0, Verified: 0, Open: 1, Overdue: 0},
	}
	gridK := fxWant{ // d1
		levels:     map[string]int64{"red": 1},
		categories: map[string]int64{"workshop": 1},
		// d1May done on time; the reinspection for h5 due 4 June: overdue.
		inspections: fxInspectionFigures{Due: 2, Done: 1, OnTime: 1, Overdue: 1},
		// h5 fixed on 2 June in Shanghai (1 June in UTC), a day after its
		// deadline: rectified, not by the deadline.
		hazards: fxHazardFigures{Found: 1, FixedOnSite: 0, FixedByDeadline: 0, Rectified: 1, Verified: 0, Open: 0, Overdue: 0},
	}
	city := fxWant{
		levels:      map[string]int64{"red": 4, "yellow": 2, "green": 2},
		categories:  map[string]int64{"shop": 2, "restaurant": 1, "hotel": 1, "internet_cafe": 1, "clinic": 1, "beauty_bath": 1, "workshop": 1},
		inspections: fxInspectionFigures{Due: 13, Done: 6, OnTime: 5, Overdue: 4, AdHoc: 1},
		hazards:     fxHazardFigures{Found: 7, FixedOnSite: 1, FixedByDeadline: 1, Rectified: 2, Verified: 1, Open: 4, Overdue: 1},
	}
	if sum := fxSum(grid1, grid2, grid4, gridK); fmt.Sprint(sum) != fmt.Sprint(city) {
		t.Fatalf("the hand count does not add up: grids %+v, city %+v", sum, city)
	}
	mayJune := url.Values{"from": {"2026-05-01"}, "to": {"2026-06-30"}}
	withUnit := func(code string) url.Values {
		q := url.Values{"from": mayJune["from"], "to": mayJune["to"]}
		q.Set("org_unit_id", e.Unit(code))
		return q
	}

	t.Run("OK/City", func(t *testing.T) {
		s := overview(t, e, "admin", mayJune)
		wantFigures(t, "admin", s, city)
		if s.OrgUnitID != nil || s.From != "2026-05-01" || s.To != "2026-06-30" {
			t.Errorf("unit %v, range %s..%s", s.OrgUnitID, s.From, s.To)
		}
		s = overview(t, e, "sup-lc", withUnit("lc"))
		wantFigures(t, "sup-lc, the city", s, city)
		if s.OrgUnitID == nil || *s.OrgUnitID != e.Unit("lc") {
			t.Errorf("org_unit_id = %v", s.OrgUnitID)
		}
	})

	t.Run("OK/District", func(t *testing.T) {
		want := fxSum(grid1, grid2, grid4)
		wantFigures(t, "sup-lc, district dcf", overview(t, e, "sup-lc", withUnit("dcf")), want)
		wantFigures(t, "admin, district dcf", overview(t, e, "admin", withUnit("dcf")), want)
		wantFigures(t, "district kfq", overview(t, e, "admin", withUnit("kfq")), gridK)
		wantFigures(t, "district gxq", overview(t, e, "admin", withUnit("gxq")), fxWant{})
	})

	t.Run("OK/Station", func(t *testing.T) {
		want := fxSum(grid1, grid2)
		wantFigures(t, "sup-dcf-1", overview(t, e, "sup-dcf-1", mayJune), want)
		wantFigures(t, "sup-dcf-1, station dcf-1", overview(t, e, "sup-dcf-1", withUnit("dcf-1")), want)
		wantFigures(t, "sup-lc, station dcf-1", overview(t, e, "sup-lc", withUnit("dcf-1")), want)
		wantFigures(t, "sup-dcf-2", overview(t, e, "sup-dcf-2", mayJune), grid4)
		wantFigures(t, "sup-dcf-1, grid dcf-1-g2", overview(t, e, "sup-dcf-1", withUnit(g2)), grid2)
	})

	t.Run("OK/Officer", func(t *testing.T) {
		// Ensure an officer's figures cover only their grid.
		wantFigures(t, "off-dcf-1-g1", overview(t, e, off1, mayJune), grid1)
		wantFigures(t, "off-dcf-1-g1, own grid", overview(t, e, off1, withUnit(g1)), grid1)
		wantFigures(t, "off-kfq-1-g1", overview(t, e, offK, mayJune), gridK)
		wantFigures(t, "off-dcf-1-g3", overview(t, e, "off-dcf-1-g3", mayJune), fxWant{})
		g := statGrids(t, e, off1, mayJune)
		apptest.Equal(t, "an officer's grids: len(g)", len(g), 1)
		apptest.True(t, "an officer's grids: g[0].OrgUnitID is set", g[0].OrgUnitID != nil)
		apptest.Equal(t, "an officer's grids: *g[0].OrgUnitID", *g[0].OrgUnitID, e.Unit(g1))
		wantFigures(t, "off-dcf-1-g1's grid", g[0], grid1)
	})

	t.Run("OK/Range", func(t *testing.T) {
		// Ensure the range bounds count in Shanghai's dates: the hazards
		// found at 00:30 on 20 May (16:30 on 19 May in UTC) are found on
		// 20 May; nothing is due that day.
		day := func(d string) url.Values { return url.Values{"from": {d}, "to": {d}} }
		w := fxWant{levels: city.levels, categories: city.categories, hazards: city.hazards}
		wantFigures(t, "20 May", overview(t, e, "admin", day("2026-05-20")), w)
		w.hazards = fxHazardFigures{}
		wantFigures(t, "19 May", overview(t, e, "admin", day("2026-05-19")), w)
		// 31 May: the four red venues' May inspections; b1's was done late,
		// c2's was returned.
		w.inspections = fxInspectionFigures{Due: 4, Done: 3, OnTime: 2, Overdue: 1}
		wantFigures(t, "31 May", overview(t, e, "admin", day("2026-05-31")), w)
		// By default: this year up to today.
		s := overview(t, e, "admin", url.Values{})
		if s.From != "2026-01-01" || s.To != "2026-06-05" {
			t.Errorf("default range %s..%s, want 2026-01-01..2026-06-05", s.From, s.To)
		}
	})

	t.Run("OK/Grids", func(t *testing.T) {
		// Ensure the per-grid figures are each grid's hand count, every
		// grid in scope is listed once, and the grids most behind schedule
		// come first: lowest completion rate, then most overdue; grids with
		// nothing due are behind on nothing and come last.
		items := statGrids(t, e, "admin", mayJune)
		want := map[string]fxWant{g4: grid4, g2: grid2, g1: grid1, gk: gridK}
		if len(items) != 18 {
			t.Fatalf("%d grids, want the city's 18", len(items))
		}
		seen := map[string]bool{}
		var codes []string
		for i, it := range items {
			if it.OrgUnitID == nil || seen[*it.OrgUnitID] || *it.OrgUnitID != e.Unit(it.Code) || it.Name == "" {
				t.Fatalf("grid %d: %+v", i, it)
			}
			seen[*it.OrgUnitID] = true
			codes = append(codes, it.Code)
			if it.From != "2026-05-01" || it.To != "2026-06-30" {
				t.Errorf("grid %s: range %s..%s", it.Code, it.From, it.To)
			}
			wantFigures(t, "grid "+it.Code, it, want[it.Code]) // the others: all zero
		}
		// g4 has done nothing of its 2; g2 half of its 4, with 2 overdue; gk
		// half, with 1 overdue; g1 three of its 5 (its ad hoc visit is not
		// on the schedule).
		if order := []string{g4, g2, gk, g1}; fmt.Sprint(codes[:4]) != fmt.Sprint(order) {
			t.Errorf("the grids come in the order %v, want %v first, then the 14 with nothing due", codes, order)
		}
		// A station supervisor's grids: their three, the empty one last.
		items = statGrids(t, e, "sup-dcf-1", mayJune)
		codes = nil
		for _, it := range items {
			codes = append(codes, it.Code)
		}
		if fmt.Sprint(codes) != fmt.Sprint([]string{g2, g1, "dcf-1-g3"}) {
			t.Fatalf("sup-dcf-1's grids in order: %v, want [%s %s dcf-1-g3]", codes, g2, g1)
		}
		wantFigures(t, "sup-dcf-1's "+g2, items[0], grid2)
		wantFigures(t, "sup-dcf-1's "+g1, items[1], grid1)
		// Narrowed to a unit.
		items = statGrids(t, e, "sup-lc", withUnit("dcf-2"))
		apptest.Equal(t, "grids of dcf-2: len(items)", len(items), 3)
		apptest.Equal(t, "grids of dcf-2: items[0].Code", items[0].Code, g4)
		wantFigures(t, "dcf-2's "+g4, items[0], grid4)
	})

	t.Run("ErrOutOfScope", func(t *testing.T) {
		// Ensure a unit out of scope is 404 (as is one that does not exist),
		// for the overview and the grids alike.
		for _, c := range []struct{ as, unit string }{
			{"sup-dcf-1", e.Unit("dcf-2")},
			{"sup-dcf-1", e.Unit("dcf")},
			{"sup-dcf-1", e.Unit("lc")},
			{"sup-dcf-1", e.Unit(g4)},
			{"sup-dcf-2", e.Unit(g1)},
			{off1, e.Unit(g2)},
			{off1, e.Unit("dcf-1")},
			{"admin", uuid.NewString()},
		} {
			q := url.Values{"from": mayJune["from"], "to": mayJune["to"], "org_unit_id": {c.unit}}
			wantProblem(t, e.Get(c.as, "/api/v1/stats/overview?"+q.Encode()), http.StatusNotFound, "")
			wantProblem(t, e.Get(c.as, "/api/v1/stats/grids?"+q.Encode()), http.StatusNotFound, "")
		}
	})

	t.Run("ErrBadQuery", func(t *testing.T) {
		for _, c := range []struct{ query, field string }{
			{"from=2026-06-30&to=2026-05-01", "to"},
			{"from=2026-13-01&to=2026-06-30", "from"},
			{"from=2026-05-01&to=30-06-2026", "to"},
			{"from=2026-05-01&to=2026-06-30&org_unit_id=not-a-uuid", "org_unit_id"},
			{"from=2000-01-01&to=2026-06-30", "to"},
		} {
			wantProblem(t, e.Get("admin", "/api/v1/stats/overview?"+c.query), http.StatusUnprocessableEntity, c.field)
			wantProblem(t, e.Get("sup-dcf-1", "/api/v1/stats/grids?"+c.query), http.StatusUnprocessableEntity, c.field)
		}
	})

	t.Run("ErrNoToken", func(t *testing.T) {
		e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/stats/overview"}).Must(t, http.StatusUnauthorized)
		e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/stats/grids"}).Must(t, http.StatusUnauthorized)
	})
}
