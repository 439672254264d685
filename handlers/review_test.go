package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// queueIDs are the ids in a supervisor's review queue.
func queueIDs(t *testing.T, e *apptest.Env, as string) map[string]bool {
	t.Helper()
	items, _ := walk(t, e, as, "/api/v1/review/queue")
	return ids(t, items)
}

func TestReviewInspection(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	venue := e.Venue(t, "dcf-1-g1")
	id := e.Started(t, off, venue)
	path := "/api/v1/inspections/" + id
	photo := e.Photo(t, off, apptest.PNG(1))
	body := map[string]any{"checklist": e.Checklist(t, "shop", "extinguisher", "wiring"), "hazards": []any{
		apptest.Hazard("extinguisher", "general", "on_site", "", photo),
		apptest.Hazard("wiring", "major", "deadline", "2026-10-09"),
	}}
	e.Submit(off, id, body).Must(t, http.StatusOK)
	status := func(t *testing.T) string {
		t.Helper()
		return e.Get(off, path).Must(t, http.StatusOK).Map(t)["status"].(string)
	}

	t.Run("OK/Queue", func(t *testing.T) {
		// Ensure the submitted inspection is in its station's queue only.
		apptest.True(t, "the submitted inspection is not in the queue: queueIDs(t, e, sup)[id]", queueIDs(t, e, sup)[id])
		apptest.True(t, "the submitted inspection is not in the queue: queueIDs(t, e, \"sup-lc\")[id]", queueIDs(t, e, "sup-lc")[id])
		if queueIDs(t, e, "sup-dcf-2")[id] {
			t.Fatal("another station's supervisor has it in their queue")
		}
		wantProblem(t, e.Get(off, "/api/v1/review/queue"), 403, "")
	})

	t.Run("ErrReview", func(t *testing.T) {
		before := rowCounts(t, e, fieldTables...)
		// Ensure an officer cannot approve or return.
		wantProblem(t, e.Post(off, path+"/approve", nil), 403, "")
		wantProblem(t, e.Post(off, path+"/return", map[string]any{"comment": "重做"}), 403, "")
		// Ensure another station's supervisor gets 404, as for an unknown id.
		wantProblem(t, e.Post("sup-dcf-2", path+"/approve", nil), 404, "")
		wantProblem(t, e.Post("sup-dcf-2", path+"/return", map[string]any{"comment": "重做"}), 404, "")
		wantProblem(t, e.Get("sup-dcf-2", path), 404, "")
		// Ensure returning needs a comment.
		wantProblem(t, e.Post(sup, path+"/return", nil), 422, "comment")
		wantProblem(t, e.Post(sup, path+"/return", map[string]any{"comment": ""}), 422, "comment")
		wantProblem(t, e.Post(sup, path+"/return", map[string]any{"comment": strings.Repeat("长", 2001)}), 422, "comment")
		sameCounts(t, e, before)
		if s := status(t); s != "submitted" {
			t.Fatalf("status %s", s)
		}
	})

	t.Run("OK/ReturnResubmitApprove", func(t *testing.T) {
		// Ensure a returned inspection goes back to its officer with the comment.
		r := e.Post(sup, path+"/return", map[string]any{"comment": "请补充灭火器照片"}).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "returned", r, map[string]any{"status": "returned", "review_comment": "请补充灭火器照片", "reviewed_by": e.User(sup)})
		apptest.True(t, "returned: r[\"reviewed_at\"] is set", r["reviewed_at"] != nil)
		mine, _ := walk(t, e, off, "/api/v1/inspections?mine=true&status=returned")
		if !ids(t, mine)[id] {
			t.Fatal("the returned inspection is not on the officer's list")
		}
		if queueIDs(t, e, sup)[id] {
			t.Fatal("the returned inspection is still in the queue")
		}
		// Ensure the officer submits it again, without doubling its hazards.
		before := rowCounts(t, e, "inspections", "hazards")
		again := e.Submit(off, id, apptest.With(body, "notes", "已补充照片")).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "submitted again", again, map[string]any{"status": "submitted", "notes": "已补充照片"})
		apptest.Equal(t, "submitted again: len(again[\"hazard_ids\"].([]any))", len(again["hazard_ids"].([]any)), 2)
		sameCounts(t, e, before)
		if !queueIDs(t, e, sup)[id] {
			t.Fatal("the resubmitted inspection is not in the queue")
		}
		// Ensure the supervisor approves it, once.
		a := e.Post(sup, path+"/approve", nil).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "approved", a, map[string]any{"status": "approved", "reviewed_by": e.User(sup)})
		wantProblem(t, e.Post(sup, path+"/approve", nil), 409, "status")
		wantProblem(t, e.Post(sup, path+"/return", map[string]any{"comment": "再改"}), 409, "status")
		if queueIDs(t, e, sup)[id] {
			t.Fatal("the approved inspection is still in the queue")
		}
	})

	t.Run("ErrNotSubmitted", func(t *testing.T) {
		// Ensure only a submitted inspection is reviewed.
		fresh := e.Started(t, off, venue)
		wantProblem(t, e.Post(sup, "/api/v1/inspections/"+fresh+"/approve", nil), 409, "status")
		wantProblem(t, e.Post(sup, "/api/v1/inspections/"+fresh+"/return", map[string]any{"comment": "x"}), 409, "status")
	})
}
