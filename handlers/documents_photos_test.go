package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Ensure the signature and the service photos of a document can be opened
// through GET /photos/{id} by the supervisors of its station and above and
// the officers of its grid — not only by the officer who took them — and by
// no one outside: another station's supervisor, another grid's officer.
func TestDocumentPhotosInScope(t *testing.T) {
	t.Parallel()
	e := docEnv(t, "2026-06-03", 0)
	const off, peer = "off-dcf-1-g1", "off-dcf-1-g1b"
	u := relField(t, e.Post("admin", "/api/v1/users", userBody(peer, "officer", e.Unit("dcf-1"))).Must(t, http.StatusCreated), "id")
	e.Do(apptest.Request{Method: "PUT", Path: "/api/v1/users/" + u + "/grids", As: "admin",
		Body: map[string]any{"grid_ids": []string{e.Unit("dcf-1-g1")}}}).Must(t, http.StatusOK)
	venue := e.Venue(t, "dcf-1-g1", "name", "送达照片小吃店")
	in := docVisit(t, e, off, venue, apptest.Hazard("evacuation_route", "major", "deadline", "2026-06-20"),
		apptest.Hazard("extinguisher", "general", "on_site", "", e.Photo(t, off, apptest.PNG(2))))
	docs := docsOf(t, e, off, "inspection_id="+in)

	sig := e.Photo(t, off, apptest.PNG(11))
	e.Post(off, "/api/v1/documents/"+docs["deadline_order"]["id"].(string)+"/service",
		map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}).Must(t, http.StatusOK)
	left := e.Photo(t, off, apptest.PNG(12))
	e.Post(off, "/api/v1/documents/"+docs["immediate_order"]["id"].(string)+"/service",
		map[string]any{"method": "left_at_premises", "witness": "社区网格员", "photo_ids": []string{left}}).Must(t, http.StatusOK)

	for _, photo := range []string{sig, left} {
		for _, as := range []string{"sup-dcf-1", "sup-lc", peer, "admin", off} {
			e.Get(as, "/api/v1/photos/"+photo).Must(t, http.StatusOK)
		}
		for _, as := range []string{"sup-dcf-2", "sup-kfq-1", "off-dcf-1-g2", "off-dcf-2-g1"} {
			wantProblem(t, e.Get(as, "/api/v1/photos/"+photo), http.StatusNotFound, "")
		}
	}
}
