package handlers_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// docText is the text pdftotext reads from a document's PDF, spaces and
// line breaks taken out (a skip when poppler is missing outside CI; make
// test installs it).
func docText(t *testing.T, e *apptest.Env, as, id string) string {
	t.Helper()
	r := e.Get(as, "/api/v1/documents/"+id+"/pdf").Must(t, http.StatusOK)
	if ct := r.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Fatalf("content type %q", ct)
	}
	pagePNG(t, e, as, id, r.Body)
	return strings.Join(pdfPages(t, r.Body), "")
}

// docsOf lists the documents of a query, by kind.
func docsOf(t *testing.T, e *apptest.Env, as, query string) map[string]map[string]any {
	t.Helper()
	items, _ := walk(t, e, as, "/api/v1/documents?"+query)
	out := map[string]map[string]any{}
	for _, d := range items {
		out[d["kind"].(string)] = d
	}
	return out
}

// pagePNG writes the first page of a document's PDF to
// docs/screenshots/document-<kind>.png when UPDATE_SCREENSHOTS=1.
func pagePNG(t *testing.T, e *apptest.Env, as, id string, pdf []byte) {
	t.Helper()
	if os.Getenv("UPDATE_SCREENSHOTS") != "1" {
		return
	}
	kind, _ := e.Get(as, "/api/v1/documents/"+id).Must(t, http.StatusOK).Map(t)["kind"].(string)
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join("..", "docs", "screenshots", "document-"+kind)
	if b, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", f, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, b)
	}
}

func wantText(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s: the PDF's text has no %q:\n%s", what, w, text)
		}
	}
}

// The "Done when": submit with an on-site and a deadline hazard →
// inspection record + immediate order + deadline order issued with numbers
// of their kinds → PDF text with the number, the venue, each hazard, its
// legal basis, the deadline → served in person with a signature →
// extension asked, approved, reinspection moved → reinspection submitted →
// 复查意见书 issued.
func TestDocumentsWalk(t *testing.T) {
	t.Parallel()
	e := docEnv(t, "2026-06-03", 0) // a Wednesday
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	y := numberYear(t, e)
	venue := e.Venue(t, "dcf-1-g1", "name", "㵘水小吃店", "address", "聊城市东昌府区㵘河路1号")
	vid := venue["id"].(string)
	photo := e.Photo(t, off, apptest.PNG(1))
	onSite := apptest.Hazard("extinguisher", "general", "on_site", "", photo)
	byDeadline := apptest.Hazard("evacuation_route", "major", "deadline", "2026-06-20")
	in := docVisit(t, e, off, venue, onSite, byDeadline)

	docs := docsOf(t, e, off, "inspection_id="+in)
	want := map[string]string{
		"inspection_record": y("聊东公（消）检字〔2026〕第0001号"),
		"immediate_order":   y("聊东公（消）即字〔2026〕第0001号"),
		"deadline_order":    y("聊东公（消）限字〔2026〕第0001号"),
	}
	if len(docs) != len(want) {
		t.Fatalf("documents of the inspection: %v", docs)
	}
	for kind, number := range want {
		d := docs[kind]
		if d == nil || d["status"] != "issued" || d["number"] != number || d["venue_id"] != vid || d["issued_at"] == nil {
			t.Fatalf("%s = %v, want issued as %s", kind, d, number)
		}
	}
	order := docs["deadline_order"]
	if order["serve_by"] != "2026-06-08" || order["overdue"] != false || len(order["hazard_ids"].([]any)) != 1 {
		t.Fatalf("deadline order = %v", order)
	}
	if docs["inspection_record"]["serve_by"] != nil {
		t.Fatalf("the inspection record has a serve_by: %v", docs["inspection_record"])
	}
	orderID := order["id"].(string)
	wantText(t, "deadline order", docText(t, e, off, orderID), y("聊东公（消）限字〔2026〕第0001号"), "㵘水小吃店", "责令限期改正通知书",
		"发现隐患：evacuation_route", "《中华人民共和国消防法》第二十八条", "2026年06月20日", "行政复议", "行政诉讼")
	wantText(t, "immediate order", docText(t, e, off, docs["immediate_order"]["id"].(string)), y("即字〔2026〕第0001号"),
		"发现隐患：extinguisher", "第十六条第一款第（二）项")
	wantText(t, "inspection record", docText(t, e, off, docs["inspection_record"]["id"].(string)), "消防监督检查记录", y("检字〔2026〕第0001号"),
		"灭火器缺失、过期或失效：不合格", "签到：距场所", "发现隐患：evacuation_route")

	// The officer's unserved notices are a task list.
	mine := docsOf(t, e, off, "mine=true&status=issued")
	if mine["deadline_order"] == nil || mine["immediate_order"] == nil {
		t.Fatalf("the officer's documents to serve: %v", mine)
	}

	// Served in person with a signature.
	sig := e.Photo(t, off, apptest.PNG(7))
	service := map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}
	served := e.Post(off, "/api/v1/documents/"+orderID+"/service", service).Must(t, http.StatusOK).Map(t)
	sv, _ := served["service"].(map[string]any)
	if served["status"] != "served" || sv == nil || sv["method"] != "in_person" || sv["received_by"] != "王先生" || sv["signature_photo_id"] != sig {
		t.Fatalf("served = %v", served)
	}
	wantProblem(t, e.Post(off, "/api/v1/documents/"+orderID+"/service", map[string]any{"method": "in_person", "received_by": "李四",
		"signature_photo_id": sig}), http.StatusConflict, "status")
	wantText(t, "served order", docText(t, e, off, orderID), "直接送达", "王先生")

	// An extension asked, shown as due in the review queue, approved.
	hz := byDeadline["id"].(string)
	ext := e.Post(off, "/api/v1/hazards/"+hz+"/extensions", map[string]any{"requested_deadline": "2026-06-30", "reason": "需更换防火门，订货周期长"}).
		Must(t, http.StatusCreated).Map(t)
	if ext["status"] != "pending" || ext["decide_by"] != "2026-06-08" || ext["old_deadline"] != "2026-06-20" {
		t.Fatalf("extension = %v", ext)
	}
	queue, _ := walk(t, e, sup, "/api/v1/review/queue")
	found := false
	for _, q := range queue {
		if q["type"] == "extension" && q["id"] == ext["id"] && q["due_on"] == "2026-06-08" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the extension is not due in the review queue: %v", queue)
	}
	wantProblem(t, e.Post(off, "/api/v1/extensions/"+ext["id"].(string)+"/approve", map[string]any{}), http.StatusForbidden, "")
	approved := e.Post(sup, "/api/v1/extensions/"+ext["id"].(string)+"/approve", map[string]any{"comment": "同意"}).Must(t, http.StatusOK).Map(t)
	if approved["status"] != "approved" || approved["document_id"] == nil {
		t.Fatalf("approved = %v", approved)
	}
	h := e.Get(off, "/api/v1/hazards/"+hz).Must(t, http.StatusOK).Map(t)
	if h["deadline"] != "2026-06-30" {
		t.Fatalf("hazard after the extension = %v", h)
	}
	re := e.Get(off, "/api/v1/inspections/"+h["reinspection_id"].(string)).Must(t, http.StatusOK).Map(t)
	if re["kind"] != "reinspection" || re["opens_on"] != "2026-06-30" || re["due_date"] != "2026-07-03" || re["status"] != "scheduled" {
		t.Fatalf("the reinspection after the extension = %v", re)
	}
	decision := e.Get(off, "/api/v1/documents/"+approved["document_id"].(string)).Must(t, http.StatusOK).Map(t)
	if decision["kind"] != "extension_decision" || decision["number"] != y("聊东公（消）延字〔2026〕第0001号") || decision["status"] != "issued" {
		t.Fatalf("decision = %v", decision)
	}
	wantText(t, "decision", docText(t, e, off, decision["id"].(string)), "同意延期", "2026年06月30日")

	// The reinspection, on the new deadline: 复查意见书.
	docDay(t, e, "2026-06-30")
	rid := re["id"].(string)
	e.Start(off, rid, venue["lat"].(float64), venue["lng"].(float64)).Must(t, http.StatusOK)
	e.Submit(off, rid, map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{},
		"resolutions": []any{map[string]any{"hazard_id": hz, "fixed": true, "description": "已清理疏散通道"}}}).Must(t, http.StatusOK)
	redocs := docsOf(t, e, off, "inspection_id="+rid)
	op := redocs["reinspection_opinion"]
	if op == nil || op["number"] != y("聊东公（消）复字〔2026〕第0001号") || op["status"] != "issued" {
		t.Fatalf("documents of the reinspection: %v", redocs)
	}
	if rec := redocs["inspection_record"]; rec == nil || rec["number"] != y("聊东公（消）检字〔2026〕第0002号") {
		t.Fatalf("the reinspection's record: %v", rec)
	}
	wantText(t, "opinion", docText(t, e, off, op["id"].(string)), "复查意见书", "发现隐患：evacuation_route", "已改正")
}
