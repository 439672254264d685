package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// BenchmarkTaskList is an officer's task list, GET /inspections?mine=true,
// a page of 50 open tasks of a grid with more, through the whole app in
// process (no network): what the service adds to its statement. Profile it
// with -cpuprofile; docs/BENCHMARKS.md has the figures.
func BenchmarkTaskList(b *testing.B) {
	e := apptest.New(b, apptest.Options{Venues: 3000})
	e.Generate(b, schedules.DateIn(time.Now(), e.Cfg.Location).String())
	first := e.Get("off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=50").Must(b, http.StatusOK).Map(b)
	if n := len(first["items"].([]any)); n != 50 {
		b.Fatalf("a page of %d tasks, want 50", n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := e.Get("off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=50"); r.Status != http.StatusOK {
			b.Fatalf("%d %s", r.Status, r.Body)
		}
	}
}
