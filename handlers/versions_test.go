package handlers_test

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestVersionMinusOne(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	grid := e.Unit("dcf-1-g1")
	path := "/api/v1/org-units/" + grid
	patch := func(body map[string]any, ifMatch string) *apptest.Response {
		r := apptest.Request{Method: "PATCH", Path: path, As: "admin", Body: body}
		if ifMatch != "" {
			r.Header = map[string]string{"If-Match": ifMatch}
		}
		return e.Do(r)
	}
	// Ensure only If-Match: * means "any version": a body's version -1 (or
	// 0) is a 422 on version, an ETag "-1" matches nothing (412).
	for _, v := range []int{-1, 0} {
		p := patch(map[string]any{"name": "改名", "version": v}, "").Must(t, 422).Map(t)
		if errs, _ := p["errors"].([]any); len(errs) != 1 || errs[0].(map[string]any)["field"] != "version" {
			t.Fatalf("version %d: %v", v, p)
		}
	}
	patch(map[string]any{"name": "改名"}, `"-1"`).Must(t, 412)
	patch(map[string]any{"name": "改名"}, "*").Must(t, 200)
	patch(map[string]any{"name": "再改", "version": 2}, "").Must(t, 200)
}

func TestClientIDOfAnotherScope(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 90})
	venue := func(grid string) map[string]any {
		return map[string]any{"name": "鑫源便利店", "category": "shop", "risk_level": "yellow", "grid_id": grid,
			"address": "聊城市东昌路12号", "lat": 36.45, "lng": 115.98}
	}
	problem := func(r *apptest.Response) string {
		r.Must(t, http.StatusConflict)
		return string(bytes.TrimSpace(r.Body))
	}
	// Ensure a client id taken by a row out of the caller's scope answers
	// exactly as one taken by a row of theirs with other fields: nothing
	// tells the two apart.
	mine, theirs := uuid.NewString(), uuid.NewString()
	e.Post("off-kfq-1-g1", "/api/v1/venues", apptest.With(venue(e.Unit("kfq-1-g1")), "id", mine)).Must(t, http.StatusCreated)
	e.Post("off-dcf-1-g1", "/api/v1/venues", apptest.With(venue(e.Unit("dcf-1-g1")), "id", theirs)).Must(t, http.StatusCreated)
	inScope := problem(e.Post("off-kfq-1-g1", "/api/v1/venues", apptest.With(venue(e.Unit("kfq-1-g1")), "id", mine, "name", "别的店")))
	outOfScope := problem(e.Post("off-kfq-1-g1", "/api/v1/venues", apptest.With(venue(e.Unit("kfq-1-g1")), "id", theirs)))
	if inScope != outOfScope {
		t.Fatalf("venues: in scope %s\nout of scope %s", inScope, outOfScope)
	}

	// The same for reclassifications.
	var kfq, dcf string
	e.DB.Raw("SELECT id::text FROM venues WHERE grid_id = ? LIMIT 1", e.Unit("kfq-1-g1")).Scan(&kfq)
	e.DB.Raw("SELECT id::text FROM venues WHERE grid_id = ? LIMIT 1", e.Unit("dcf-1-g1")).Scan(&dcf)
	level := func(venueID string) string {
		var l string
		e.DB.Raw("SELECT CASE risk_level WHEN 'red' THEN 'green' ELSE 'red' END FROM venues WHERE id = ?", venueID).Scan(&l)
		return l
	}
	reclass := func(as, venueID, id, reason string) *apptest.Response {
		return e.Post(as, "/api/v1/venues/"+venueID+"/reclassifications", map[string]any{"id": id, "to_level": level(venueID), "reason": reason})
	}
	mine, theirs = uuid.NewString(), uuid.NewString()
	reclass("off-kfq-1-g1", kfq, mine, "整改不到位").Must(t, http.StatusCreated)
	reclass("sup-dcf-1", dcf, theirs, "整改不到位").Must(t, http.StatusCreated)
	inScope = problem(reclass("off-kfq-1-g1", kfq, mine, "另一个理由"))
	// No pending one left on the venue, so that only the id can clash.
	e.Post("sup-kfq-1", "/api/v1/reclassifications/"+mine+"/reject", map[string]any{"comment": "不同意"}).Must(t, http.StatusOK)
	outOfScope = problem(reclass("off-kfq-1-g1", kfq, theirs, "整改不到位"))
	if inScope != outOfScope {
		t.Fatalf("reclassifications: in scope %s\nout of scope %s", inScope, outOfScope)
	}
}
