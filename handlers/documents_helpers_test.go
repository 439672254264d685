package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The documents' tests' few helpers on top of apptest's builders.

// docEnv is a fresh service whose clock stands at 10:00 in China on day
// (YYYY-MM-DD), with venues seeded venues.
func docEnv(t testing.TB, day string, venues int) *apptest.Env {
	t.Helper()
	return apptest.New(t, apptest.Options{Venues: venues, At: day + "T10:00:00+08:00"})
}

// docDay moves the service's clock to 10:00 in China on day.
func docDay(t testing.TB, e *apptest.Env, day string) {
	t.Helper()
	e.Clock.Set(t, day+"T10:00:00+08:00")
}

// docVisit starts an ad hoc inspection of venue on site as the officer and
// submits it with the checklist (failing the hazards' items) and hazards.
func docVisit(t testing.TB, e *apptest.Env, as string, venue map[string]any, hazards ...map[string]any) string {
	t.Helper()
	id := e.Started(t, as, venue)
	var fail []string
	hs := []any{}
	for _, h := range hazards {
		fail = append(fail, h["code"].(string))
		hs = append(hs, h)
	}
	e.Submit(as, id, map[string]any{"checklist": e.Checklist(t, venue["category"].(string), fail...), "hazards": hs}).Must(t, http.StatusOK)
	return id
}
