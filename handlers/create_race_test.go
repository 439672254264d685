package handlers_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// TestConcurrentSameIDCreates: a create sent several times at once with the
// same client id (a phone retrying while the first try is still running)
// answers every copy with the first result and makes one row.
func TestConcurrentSameIDCreates(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	e.Token("admin") // logged in once, before the copies race
	cases := []struct {
		name, path, table string
		body              map[string]any
	}{
		{"User", "/api/v1/users", "users", apptest.With(userBody("race.user", "officer", e.Unit("dcf-1")), "id", uuid.NewString())},
		{"OrgUnit", "/api/v1/org-units", "org_units", apptest.With(unitBody("grid", "dcf-1-g9", "赛跑网格", e.Unit("dcf-1")), "id", uuid.NewString())},
		{"Venue", "/api/v1/venues", "venues", apptest.With(apptest.VenueBody(e.Unit("dcf-1-g1")), "id", uuid.NewString())},
	}
	for _, c := range cases {
		t.Run("OK/"+c.name, func(t *testing.T) {
			before := rowCounts(t, e, c.table, "audit_log")
			answers := make([]*apptest.Response, 8)
			var wg sync.WaitGroup
			for i := range answers {
				wg.Go(func() { answers[i] = e.Post("admin", c.path, c.body) })
			}
			wg.Wait()
			for i, r := range answers {
				if r.Status != http.StatusCreated {
					t.Fatalf("copy %d: status %d, want 201: %s", i, r.Status, r.Body)
				}
				if got := r.Map(t); got["id"] != c.body["id"] || got["version"] != float64(1) {
					t.Fatalf("copy %d answered id %v version %v, want %v version 1", i, got["id"], got["version"], c.body["id"])
				}
			}
			after := rowCounts(t, e, c.table, "audit_log")
			for _, tb := range []string{c.table, "audit_log"} {
				if n := after[tb] - before[tb]; n != 1 {
					t.Fatalf("%d new rows in %s, want 1", n, tb)
				}
			}
		})
	}
}
