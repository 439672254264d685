package handlers_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// BenchmarkStationReports is a campaign day in one station: b.N public
// reports (run it with -benchtime=1000x) spread over the station's venues,
// each with its clock, its complaint inspection (made or joined) and its
// audit row and event, through the whole app; then the grid officer's task
// list, complaints first. docs/BENCHMARKS.md has the command and figures.
func BenchmarkStationReports(b *testing.B) {
	e := apptest.New(b, apptest.Options{Venues: 600, Config: func(c *app.Config) {
		c.PublicReportsPerAddr, c.PublicReportsPerVenue = 0, 0
	}})
	var codes []string
	e.DB.Raw(`SELECT v.public_code FROM venues v JOIN org_units g ON g.id = v.grid_id WHERE g.parent_id = ? ORDER BY v.id`,
		e.Unit("dcf-1")).Scan(&codes)
	if len(codes) == 0 {
		b.Fatal("no venues in station dcf-1")
	}
	kinds := []string{"blocked_exit", "other", "wiring", "fire_facility", "flammables"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/public/venues/" + codes[i%len(codes)] + "/reports",
			Body:   map[string]any{"kind": kinds[i%len(kinds)], "text": fmt.Sprintf("第%d条举报：安全出口锁闭", i), "reporter_phone": "13912345678"},
			Header: map[string]string{"X-Forwarded-For": fmt.Sprintf("10.%d.%d.1", i/250, i%250)}})
		if r.Status != http.StatusAccepted {
			b.Fatalf("report %d: %d %s", i, r.Status, r.Body)
		}
	}
	b.StopTimer()
	var n int64
	e.DB.Raw("SELECT count(*) FROM inspections WHERE kind = 'complaint'").Scan(&n)
	b.ReportMetric(float64(n), "complaint-inspections")
	b.StartTimer()
	e.Get("off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=50").Must(b, http.StatusOK)
}
