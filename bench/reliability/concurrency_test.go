package main

import (
	"testing"
	"time"
)

// The run of 2026-12-03 12:20: all three replicas were up just before a
// minute, ran its tick, and the next tick had nothing left to make.
func TestCronTicks(t *testing.T) {
	line := func(at, msg string, created float64) map[string]any {
		l := map[string]any{"time": at, "msg": msg}
		if created >= 0 {
			l["created"] = created
		}
		return l
	}
	const skipped = "schedule generation: another replica is running it; skipped"
	r1 := []map[string]any{
		{"time": "2026-12-03T12:25:58Z", "msg": "listening"},
		line("2026-12-03T12:26:02.62Z", "schedule generation", 100000),
		line("2026-12-03T12:27:00.27Z", "schedule generation", 0),
	}
	r2 := []map[string]any{line("2026-12-03T12:26:00.001Z", skipped, -1), line("2026-12-03T12:27:00.001Z", skipped, -1)}
	r3 := []map[string]any{line("2026-12-03T12:26:00.002Z", skipped, -1), line("2026-12-03T12:28:00.5Z", "schedule generation failed", -1)}

	got := cronTicks(r1, r2, r3)
	want := []cronTick{
		{at: time.Date(2026, 12, 3, 12, 26, 0, 0, time.UTC), ran: 1, skipped: 2, created: 100000},
		{at: time.Date(2026, 12, 3, 12, 27, 0, 0, time.UTC), ran: 1, skipped: 1},
		{at: time.Date(2026, 12, 3, 12, 28, 0, 0, time.UTC), failed: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d ticks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !got[i].at.Equal(want[i].at) || got[i].ran != want[i].ran || got[i].skipped != want[i].skipped ||
			got[i].failed != want[i].failed || got[i].created != want[i].created {
			t.Errorf("tick %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if got[0].logged() != 3 {
		t.Errorf("the first tick was logged by %d replicas, want 3", got[0].logged())
	}
}
