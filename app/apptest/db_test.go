package apptest

import (
	"fmt"
	"strings"
	"testing"
)

// recorder keeps what checkStats reports instead of failing the test.
type recorder struct {
	testing.TB
	errors, logs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func TestCheckStats(t *testing.T) {
	e := New(t, Options{Venues: 60})
	r := &recorder{TB: t}
	checkStats(r, e.DB)
	if len(r.errors) > 0 || len(r.logs) > 0 {
		t.Fatalf("a seeded database: errors %q, logs %q", r.errors, r.logs)
	}

	// Counts that drift from the rows are reported, with the row that differs.
	if err := e.DB.Exec("UPDATE stats_venues SET n = n + 1 WHERE category = 'school'").Error; err != nil {
		t.Fatal(err)
	}
	r = &recorder{TB: t}
	checkStats(r, e.DB)
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "stats_venues: kept (") || !strings.Contains(r.errors[0], "school") {
		t.Fatalf("drift not reported: errors %q, logs %q", r.errors, r.logs)
	}
	// The check rolled back its recount: the drift is still there.
	var n int64
	if err := e.DB.Raw("SELECT count(*) FROM stats_venues s WHERE n <> (SELECT count(*) FROM venues v WHERE v.status = 'active' AND (v.grid_id, v.risk_level, v.category) = (s.grid_id, s.risk_level, s.category))").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("checkStats changed the counts")
	}
	// Leave the database consistent for the check at the end of this test.
	if err := e.DB.Exec("SELECT stats_rebuild()").Error; err != nil {
		t.Fatal(err)
	}
}
