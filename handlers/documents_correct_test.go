package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// docEvents are the types of the outbox events of a subject, in order.
func docEvents(t *testing.T, e *apptest.Env, subject string) []string {
	t.Helper()
	var types []string
	if err := e.DB.Raw("SELECT type FROM events WHERE subject_id = ? ORDER BY sequence", subject).Scan(&types).Error; err != nil {
		t.Fatal(err)
	}
	return types
}

func wantEvents(t *testing.T, e *apptest.Env, subject string, want ...string) {
	t.Helper()
	got := docEvents(t, e, subject)
	if len(got) != len(want) {
		t.Fatalf("events of %s = %v, want %v", subject, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("events of %s = %v, want %v", subject, got, want)
		}
	}
}

// Ensure a resubmission that corrects the hazards of issued documents voids
// them (reason corrected) and issues corrected ones under new numbers that
// name them; one whose hazards did not change stays; a served one stays
// served, with the corrected one issued alongside; an order left with no
// hazard is void.
func TestDocumentsCorrectedByResubmission(t *testing.T) {
	t.Parallel()
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	y := func(s string) string { return s }

	t.Run("IssuedOrderReplaced", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		y = numberYear(t, e)
		id, body, _, deadline := returnedVisit(t, e)
		before := docsOf(t, e, off, "inspection_id="+id)
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{deadline: {
			"severity": "major", "description": "配电箱私拉乱接，多处裸线"}}))
		e.Submit(off, id, edited).Must(t, http.StatusOK)

		old := e.Get(sup, "/api/v1/documents/"+before["deadline_order"]["id"].(string)).Must(t, http.StatusOK).Map(t)
		if old["status"] != "void" || old["void_reason"] != "corrected" || old["number"] != y("聊东公（消）限字〔2026〕第0001号") {
			t.Fatalf("the corrected order = %v, want void (corrected) with its number", old)
		}
		now := docsOf(t, e, off, "inspection_id="+id+"&status=issued")
		order := now["deadline_order"]
		if order == nil || order["replaces_id"] != old["id"] || order["number"] != y("聊东公（消）限字〔2026〕第0002号") {
			t.Fatalf("the corrected order = %v, want 第0002号 replacing %s", order, old["id"])
		}
		wantText(t, "corrected order", docText(t, e, off, order["id"].(string)), "配电箱私拉乱接，多处裸线", "重大隐患", y("限字〔2026〕第0002号"))
		// The record lists the hazards too: corrected as well. The
		// immediate order's hazard did not change: it stays.
		if rec := now["inspection_record"]; rec == nil || rec["replaces_id"] != before["inspection_record"]["id"] {
			t.Fatalf("inspection record = %v, want a corrected one", rec)
		}
		if imm := now["immediate_order"]; imm == nil || imm["id"] != before["immediate_order"]["id"] || imm["replaces_id"] != nil {
			t.Fatalf("immediate order = %v, want the one of the first submission", imm)
		}
		wantEvents(t, e, old["id"].(string), "document.issued", "document.voided")
		wantEvents(t, e, order["id"].(string), "document.issued")
		rows := auditTrail(t, e, "admin", "entity=document&entity_id="+old["id"].(string), 10)
		if len(rows) != 2 || rows[0].Action != "void" && rows[1].Action != "void" {
			t.Fatalf("audit of the corrected order: %+v", rows)
		}
		// The same resubmission again changes nothing.
		counts := rowCounts(t, e, "documents", "audit_log", "events")
		e.Submit(off, id, edited).Must(t, http.StatusOK)
		sameCounts(t, e, counts)
	})

	t.Run("ServedOrderStays", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		y = numberYear(t, e)
		id, body, _, deadline := returnedVisit(t, e)
		served := docsOf(t, e, off, "inspection_id="+id)["deadline_order"]["id"].(string)
		e.Post(off, "/api/v1/documents/"+served+"/service", map[string]any{"method": "in_person", "received_by": "王先生",
			"signature_photo_id": e.Photo(t, off, apptest.PNG(9))}).Must(t, http.StatusOK)
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{deadline: {"deadline": "2026-10-16"}}))
		e.Submit(off, id, edited).Must(t, http.StatusOK)
		old := e.Get(sup, "/api/v1/documents/"+served).Must(t, http.StatusOK).Map(t)
		if old["status"] != "served" || old["void_reason"] != nil {
			t.Fatalf("the served order = %v, want it served still", old)
		}
		order := docsOf(t, e, off, "inspection_id="+id+"&status=issued")["deadline_order"]
		if order == nil || order["replaces_id"] != served || order["number"] != y("聊东公（消）限字〔2026〕第0002号") || order["serve_by"] == nil {
			t.Fatalf("the corrected order = %v, want 第0002号 replacing the served %s, to serve", order, served)
		}
		wantText(t, "corrected order", docText(t, e, off, order["id"].(string)), "2026年10月16日")
		wantEvents(t, e, served, "document.issued", "document.served")
	})

	t.Run("OrderLeftEmptyVoid", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		id, body, onSite, _ := returnedVisit(t, e)
		imm := docsOf(t, e, off, "inspection_id="+id)["immediate_order"]["id"].(string)
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{onSite: {
			"fix_mode": "deadline", "deadline": "2026-10-09", "photo_ids": []any{}}}))
		e.Submit(off, id, edited).Must(t, http.StatusOK)
		old := e.Get(sup, "/api/v1/documents/"+imm).Must(t, http.StatusOK).Map(t)
		if old["status"] != "void" || old["void_reason"] != "corrected" {
			t.Fatalf("the immediate order left without a hazard = %v, want void (corrected)", old)
		}
		now := docsOf(t, e, off, "inspection_id="+id+"&status=issued")
		if now["immediate_order"] != nil || now["deadline_order"] == nil || len(now["deadline_order"]["hazard_ids"].([]any)) != 2 {
			t.Fatalf("documents after the correction: %v", now)
		}
	})
}

// Ensure a supervisor reissues an issued document: void with the reason and
// a copy under a new number naming it, with events and audit; a retry
// answers the copy; a served or void one, an officer, or no reason cannot.
func TestDocumentReissue(t *testing.T) {
	t.Parallel()
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	e := docEnv(t, "2026-06-03", 0)
	y := numberYear(t, e)
	venue := e.Venue(t, "dcf-1-g1", "name", "重开小吃店")
	in := docVisit(t, e, off, venue, apptest.Hazard("evacuation_route", "major", "deadline", "2026-06-20"),
		apptest.Hazard("extinguisher", "general", "on_site", "", e.Photo(t, off, apptest.PNG(3))))
	docs := docsOf(t, e, off, "inspection_id="+in)
	order := docs["deadline_order"]["id"].(string)
	path := "/api/v1/documents/" + order + "/reissue"

	wantProblem(t, e.Post(off, path, map[string]any{"reason": "打印错误"}), http.StatusForbidden, "")
	wantProblem(t, e.Post(sup, path, map[string]any{"reason": " "}), http.StatusUnprocessableEntity, "reason")
	wantProblem(t, e.Post("sup-dcf-2", path, map[string]any{"reason": "打印错误"}), http.StatusNotFound, "")

	docDay(t, e, "2026-06-04")
	copy1 := e.Post(sup, path, map[string]any{"reason": "原件污损"}).Must(t, http.StatusCreated).Map(t)
	if copy1["status"] != "issued" || copy1["replaces_id"] != order || copy1["number"] != y("聊东公（消）限字〔2026〕第0002号") ||
		copy1["serve_by"] != "2026-06-09" {
		t.Fatalf("reissued = %v", copy1)
	}
	old := e.Get(sup, "/api/v1/documents/"+order).Must(t, http.StatusOK).Map(t)
	if old["status"] != "void" || old["void_reason"] != "原件污损" {
		t.Fatalf("the reissued document = %v, want void with the reason", old)
	}
	wantText(t, "copy", docText(t, e, off, copy1["id"].(string)), y("限字〔2026〕第0002号"), "重开小吃店", "发现隐患：evacuation_route")
	wantEvents(t, e, order, "document.issued", "document.voided")
	wantEvents(t, e, copy1["id"].(string), "document.issued")

	// The same request again answers the copy; another reason cannot.
	again := e.Post(sup, path, map[string]any{"reason": "原件污损"}).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "retry id", again["id"], copy1["id"])
	wantProblem(t, e.Post(sup, path, map[string]any{"reason": "另一个理由"}), http.StatusConflict, "status")

	// A served document never changes.
	imm := docs["immediate_order"]["id"].(string)
	e.Post(off, "/api/v1/documents/"+imm+"/service", map[string]any{"method": "in_person", "received_by": "李女士",
		"signature_photo_id": e.Photo(t, off, apptest.PNG(4))}).Must(t, http.StatusOK)
	wantProblem(t, e.Post(sup, "/api/v1/documents/"+imm+"/reissue", map[string]any{"reason": "重新打印"}), http.StatusConflict, "status")
}
