package handlers_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// retryTables are the tables a retried write must leave alone.
var retryTables = []string{"venues", "venue_level_changes", "inspections", "hazards", "hazard_photos", "photos", "reclassifications", "audit_log"}

// sameJSON fails unless two JSON objects hold the same fields and values.
func sameJSON(t *testing.T, what string, a, b map[string]any) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%s: %d fields, then %d", what, len(a), len(b))
	}
	for k, v := range a {
		if fmt.Sprint(b[k]) != fmt.Sprint(v) {
			t.Errorf("%s: %s = %v, then %v", what, k, v, b[k])
		}
	}
}

// thrice sends a write three times (a first try and two retries) and fails
// unless the retries answer as the first did and write nothing.
func thrice(t *testing.T, e *apptest.Env, status int, send func() *apptest.Response) map[string]any {
	t.Helper()
	first := send().Must(t, status).Map(t)
	before := rowCounts(t, e, retryTables...)
	for i := range 2 {
		sameJSON(t, fmt.Sprintf("retry %d", i+1), first, send().Must(t, status).Map(t))
	}
	sameCounts(t, e, before)
	return first
}

// replayed sends a write three times under one Idempotency-Key and fails
// unless the retries are replays of the first answer, byte for byte, and
// write nothing.
func replayed(t *testing.T, e *apptest.Env, status int, send func() *apptest.Response) *apptest.Response {
	t.Helper()
	first := send().Must(t, status)
	if h := first.Header.Get("Idempotent-Replayed"); h != "" {
		t.Fatalf("the first answer says Idempotent-Replayed: %s", h)
	}
	before := rowCounts(t, e, retryTables...)
	for range 2 {
		again := send()
		if again.Status != first.Status || again.Header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(again.Body, first.Body) ||
			again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
			t.Fatalf("replay: %d %q (Idempotent-Replayed %q) %s, first %d %q %s", again.Status, again.Header.Get("Content-Type"),
				again.Header.Get("Idempotent-Replayed"), again.Body, first.Status, first.Header.Get("Content-Type"), first.Body)
		}
	}
	sameCounts(t, e, before)
	return first
}

// postKey is a POST with an Idempotency-Key.
func postKey(e *apptest.Env, as, path, key string, body any) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: http.MethodPost, Path: path, As: as, Body: body, Header: map[string]string{"Idempotency-Key": key}})
}

func TestRetriesWithClientIDs(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off = "off-dcf-1-g1"
	grid := e.Unit("dcf-1-g1")
	photo := apptest.PNG(1)

	// Ensure every write sent three times with the client's id is done once.
	venueID, photoID, inspID := uuid.NewString(), uuid.NewString(), uuid.NewString()
	venue := apptest.With(apptest.VenueBody(grid), "id", venueID)
	thrice(t, e, http.StatusCreated, func() *apptest.Response { return e.Post(off, "/api/v1/venues", venue) })
	thrice(t, e, http.StatusCreated, func() *apptest.Response {
		body, ct := apptest.PhotoForm(t, photo, photoID) // a new multipart boundary each time
		return e.PostForm(off, body, ct, nil)
	})
	adHoc := map[string]any{"id": inspID, "venue_id": venueID}
	thrice(t, e, http.StatusCreated, func() *apptest.Response { return e.Post(off, "/api/v1/inspections", adHoc) })
	thrice(t, e, http.StatusOK, func() *apptest.Response { return e.Start(off, inspID, apptest.VenueLat, apptest.VenueLng) })
	hazard := apptest.Hazard("evacuation_route", "major", "deadline", "2026-10-09", photoID)
	submission := map[string]any{"checklist": e.Checklist(t, "shop", "evacuation_route"), "hazards": []any{hazard}}
	thrice(t, e, http.StatusOK, func() *apptest.Response { return e.Submit(off, inspID, submission) })
	fix := map[string]any{"description": "已清理", "photo_ids": []string{photoID}}
	thrice(t, e, http.StatusOK, func() *apptest.Response {
		return e.Post(off, "/api/v1/hazards/"+hazard["id"].(string)+"/rectify", fix)
	})
	reclass := map[string]any{"id": uuid.NewString(), "to_level": "red", "reason": "多次发现重大隐患"}
	thrice(t, e, http.StatusCreated, func() *apptest.Response {
		return e.Post(off, "/api/v1/venues/"+venueID+"/reclassifications", reclass)
	})

	got := rowCounts(t, e, "venues", "photos", "inspections", "hazards", "reclassifications")
	want := map[string]int{"venues": 1, "photos": 1, "inspections": 2, "hazards": 1, "reclassifications": 1} // the ad hoc and its reinspection
	for tb, n := range want {
		if got[tb] != n {
			t.Errorf("%s: %d rows, want %d", tb, got[tb], n)
		}
	}

	t.Run("OK/RetriesAtTheSameTime", func(t *testing.T) {
		// Ensure a retry sent while the first request is still running (a
		// client that timed out) is answered as a retry too: the same
		// result for all, made once.
		e.Token(off)
		e.Token("sup-dcf-1")
		at := apptest.With(apptest.VenueBody(grid), "id", uuid.NewString())
		vid := at["id"].(string)
		photoID, inspID, reclassID := uuid.NewString(), uuid.NewString(), uuid.NewString()
		for _, c := range []struct {
			name string
			send func() *apptest.Response
		}{
			{"venue", func() *apptest.Response { return e.Post(off, "/api/v1/venues", at) }},
			{"photo", func() *apptest.Response {
				body, ct := apptest.PhotoForm(t, apptest.PNG(3), photoID)
				return e.PostForm(off, body, ct, nil)
			}},
			{"inspection", func() *apptest.Response {
				return e.Post(off, "/api/v1/inspections", map[string]any{"id": inspID, "venue_id": vid})
			}},
			{"pending reclassification", func() *apptest.Response {
				return e.Post(off, "/api/v1/venues/"+vid+"/reclassifications", map[string]any{"id": reclassID, "to_level": "green", "reason": "整改到位"})
			}},
		} {
			before := rowCounts(t, e, retryTables...)
			answers := make([]*apptest.Response, 4)
			var wg sync.WaitGroup
			for i := range answers {
				wg.Go(func() { answers[i] = c.send() })
			}
			wg.Wait()
			first := answers[0].Must(t, http.StatusCreated).Map(t)
			for _, r := range answers[1:] {
				if r.Status != http.StatusCreated {
					t.Fatalf("%s: status %d: %s", c.name, r.Status, r.Body)
				}
				if got := r.Map(t); got["id"] != first["id"] || got["version"] != first["version"] {
					t.Fatalf("%s: answered %v, and %v", c.name, got, first)
				}
			}
			after := rowCounts(t, e, "venues", "photos", "inspections", "reclassifications")
			for tb, n := range after {
				if n-before[tb] > 1 {
					t.Fatalf("%s: %d rows in %s", c.name, n-before[tb], tb)
				}
			}
		}
		// a supervisor's reclassification, applied at once
		body := map[string]any{"id": uuid.NewString(), "to_level": "red", "reason": "督导定级"}
		answers := make([]*apptest.Response, 4)
		var wg sync.WaitGroup
		for i := range answers {
			wg.Go(func() { answers[i] = e.Post("sup-dcf-1", "/api/v1/venues/"+venueID+"/reclassifications", body) })
		}
		wg.Wait()
		for _, r := range answers {
			if r.Status != http.StatusCreated || r.Map(t)["id"] != body["id"] {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
		}
		if n := count(t, e, "SELECT count(*) FROM venue_level_changes WHERE reclassification_id = ?", body["id"]); n != 1 {
			t.Fatalf("the level changed %d times", n)
		}
	})

	// Ensure the same id with another body is a conflict that writes nothing.
	other := e.Venue(t, "dcf-1-g1")
	otherVisit := e.Started(t, off, other)
	for _, c := range []struct {
		name  string
		send  func() *apptest.Response
		field string
	}{
		{"ErrVenue", func() *apptest.Response {
			return e.Post(off, "/api/v1/venues", apptest.With(venue, "name", "另一家店"))
		}, "id"},
		{"ErrPhoto", func() *apptest.Response {
			body, ct := apptest.PhotoForm(t, apptest.PNG(2), photoID)
			return e.PostForm(off, body, ct, nil)
		}, "id"},
		{"ErrPhotoOfAnotherUser", func() *apptest.Response {
			body, ct := apptest.PhotoForm(t, photo, photoID)
			return e.PostForm("off-dcf-1-g2", body, ct, nil)
		}, "id"},
		{"ErrInspection", func() *apptest.Response {
			return e.Post(off, "/api/v1/inspections", apptest.With(adHoc, "venue_id", other["id"]))
		}, "id"},
		{"ErrSubmission", func() *apptest.Response {
			return e.Submit(off, inspID, apptest.With(submission, "notes", "改了备注"))
		}, "status"},
		{"ErrHazardOfAnotherInspection", func() *apptest.Response {
			return e.Submit(off, otherVisit, apptest.With(submission, "notes", "同一个隐患编号"))
		}, "hazards.id"},
		{"ErrFix", func() *apptest.Response {
			return e.Post(off, "/api/v1/hazards/"+hazard["id"].(string)+"/rectify", apptest.With(fix, "description", "另一种整改"))
		}, "status"},
		{"ErrReclassification", func() *apptest.Response {
			return e.Post(off, "/api/v1/venues/"+venueID+"/reclassifications", apptest.With(reclass, "reason", "另一个理由"))
		}, "id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := rowCounts(t, e, retryTables...)
			wantProblem(t, c.send(), http.StatusConflict, c.field)
			sameCounts(t, e, before)
		})
	}
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	keys := map[string]string{}
	key := func(name string) string {
		if keys[name] == "" {
			keys[name] = uuid.NewString()
		}
		return keys[name]
	}

	// Ensure every POST sent three times under one key is done once and
	// replayed twice, whether or not it carries a client id.
	vBody := apptest.VenueBody(e.Unit("dcf-1-g1"))
	venue := replayed(t, e, http.StatusCreated, func() *apptest.Response {
		return postKey(e, "admin", "/api/v1/venues", key("venue"), vBody)
	}).Map(t)
	vid := venue["id"].(string)
	form, ct := apptest.PhotoForm(t, apptest.PNG(1), "")
	photo := replayed(t, e, http.StatusCreated, func() *apptest.Response {
		return e.PostForm(off, form, ct, map[string]string{"Idempotency-Key": key("photo")})
	}).Map(t)["id"].(string)
	adHocBody := map[string]any{"venue_id": vid}
	insp := replayed(t, e, http.StatusCreated, func() *apptest.Response {
		return postKey(e, off, "/api/v1/inspections", key("ad hoc"), adHocBody)
	}).Map(t)["id"].(string)
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, off, "/api/v1/inspections/"+insp+"/start", key("start"), map[string]any{"lat": apptest.VenueLat, "lng": apptest.VenueLng})
	})
	onSite := apptest.Hazard("extinguisher", "general", "on_site", "", photo)
	later := apptest.Hazard("evacuation_route", "major", "deadline", "2026-10-09")
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, off, "/api/v1/inspections/"+insp+"/submit", key("submit"),
			map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{onSite, later}})
	})
	laterPath := "/api/v1/hazards/" + later["id"].(string)
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, off, laterPath+"/rectify", key("rectify"), map[string]any{"description": "已清理", "photo_ids": []string{photo}})
	})
	accept := map[string]any{"accepted": true}
	replayed(t, e, http.StatusOK, func() *apptest.Response { return postKey(e, sup, laterPath+"/verify", key("verify"), accept) })
	// without the key, the same decision again is a conflict: the replays came from the key
	wantProblem(t, e.Post(sup, laterPath+"/verify", accept), http.StatusConflict, "status")
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, sup, "/api/v1/inspections/"+insp+"/approve", key("approve"), map[string]any{"comment": "合格"})
	})
	reclass := replayed(t, e, http.StatusCreated, func() *apptest.Response {
		return postKey(e, off, "/api/v1/venues/"+vid+"/reclassifications", key("reclassify"), map[string]any{"to_level": "red", "reason": "重大隐患"})
	}).Map(t)["id"].(string)
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, sup, "/api/v1/reclassifications/"+reclass+"/approve", key("decide"), map[string]any{"comment": "同意"})
	})
	got := rowCounts(t, e, "venues", "photos", "inspections", "hazards", "reclassifications", "venue_level_changes")
	want := map[string]int{"venues": 1, "photos": 1, "inspections": 2, "hazards": 2, "reclassifications": 1, "venue_level_changes": 2}
	for tb, n := range want {
		if got[tb] != n {
			t.Errorf("%s: %d rows, want %d", tb, got[tb], n)
		}
	}
	replayed(t, e, http.StatusOK, func() *apptest.Response {
		return postKey(e, "admin", "/api/v1/schedules/generate", key("generate"), map[string]any{"as_of": "2026-09-25"})
	})

	t.Run("ErrOtherPayload", func(t *testing.T) {
		// Ensure a key reused for another request answers 422 and writes nothing.
		before := rowCounts(t, e, retryTables...)
		wantProblem(t, postKey(e, "admin", "/api/v1/venues", key("venue"), apptest.With(vBody, "name", "另一家店")), 422, "Idempotency-Key")
		wantProblem(t, postKey(e, off, "/api/v1/venues", key("ad hoc"), vBody), 422, "Idempotency-Key")
		wantProblem(t, postKey(e, off, "/api/v1/inspections?notes=x", key("ad hoc"), adHocBody), 422, "Idempotency-Key")
		sameCounts(t, e, before)
	})

	t.Run("ErrStillRunning", func(t *testing.T) {
		// Ensure a key whose first request has not finished answers 409
		// (made so by forgetting the stored answer of a finished one).
		k := key("running")
		postKey(e, off, "/api/v1/inspections", k, adHocBody).Must(t, http.StatusCreated)
		if err := e.DB.Exec("UPDATE idempotency_keys SET status = NULL, body = NULL, content_type = NULL WHERE key = ?", k).Error; err != nil {
			t.Fatal(err)
		}
		before := rowCounts(t, e, retryTables...)
		wantProblem(t, postKey(e, off, "/api/v1/inspections", k, adHocBody), http.StatusConflict, "Idempotency-Key")
		sameCounts(t, e, before)
	})

	t.Run("OK/KeysAreTheCallers", func(t *testing.T) {
		// Ensure another user's request under the same key is their own.
		before := count(t, e, "inspections")
		theirs := e.Venue(t, "dcf-1-g2")["id"].(string)
		r := postKey(e, "off-dcf-1-g2", "/api/v1/inspections", key("ad hoc"), map[string]any{"venue_id": theirs}).Must(t, http.StatusCreated)
		if r.Header.Get("Idempotent-Replayed") != "" || r.Map(t)["venue_id"] != theirs || count(t, e, "inspections") != before+1 {
			t.Fatalf("another user's request was taken for a replay: %s", r.Body)
		}
	})

	t.Run("OK/ErrorsAreReplayed", func(t *testing.T) {
		// Ensure a refused request is replayed as refused.
		unknown := map[string]any{"venue_id": uuid.NewString()}
		replayed(t, e, 422, func() *apptest.Response { return postKey(e, off, "/api/v1/inspections", key("refused"), unknown) })
	})

	t.Run("ErrBadKey", func(t *testing.T) {
		before := rowCounts(t, e, retryTables...)
		wantProblem(t, postKey(e, off, "/api/v1/inspections", strings.Repeat("k", 256), adHocBody), 400, "")
		sameCounts(t, e, before)
	})

	t.Run("OK/AtTheSameTime", func(t *testing.T) {
		// Ensure the same request sent four times at once is done once: the
		// others are replays, or 409 while the first is running.
		e.Token(off)
		k := key("parallel")
		before := count(t, e, "inspections")
		var wg sync.WaitGroup
		answers := make(chan *apptest.Response, 4)
		for range 4 {
			wg.Go(func() { answers <- postKey(e, off, "/api/v1/inspections", k, adHocBody) })
		}
		wg.Wait()
		close(answers)
		fresh := 0
		for r := range answers {
			switch {
			case r.Status == http.StatusCreated && r.Header.Get("Idempotent-Replayed") == "":
				fresh++
			case r.Status == http.StatusCreated, r.Status == http.StatusConflict:
			default:
				t.Errorf("status %d: %s", r.Status, r.Body)
			}
		}
		if fresh != 1 || count(t, e, "inspections") != before+1 {
			t.Fatalf("%d fresh answers, %d inspections made", fresh, count(t, e, "inspections")-before)
		}
	})
}
