package notify_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"gorm.io/gorm"
)

// Ensure that every event type of the contract that exists today is made
// by the action that causes it, reaches a subscriber once, signed, with the
// contract's fields, and that a subject's events are numbered 1, 2, 3….
func TestEveryEventType(t *testing.T) {
	t.Parallel()
	c := newClock(time.Date(2026, 6, 1, 10, 0, 0, 0, chinaTime))
	e := env(t, c)
	rc := newReceiver(t, nil)
	webhook, secret := subscribe(t, e, rc.URL+"/hooks")
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	_, codes := checklist(t, e)
	a, b, quiet := venue(t, e, "dcf-1-g1", "甲便利店"), venue(t, e, "dcf-1-g1", "乙便利店"), venue(t, e, "dcf-1-g1", "丙便利店")

	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK) // schedule.generated
	h1, h2, h3 := hazard(codes[0], "major", "deadline", "2026-06-04"), hazard(codes[1], "general", "on_site", "", e.Photo(t, off, apptest.PNG(1))), hazard(codes[2], "general", "deadline", "2026-06-04")
	first := visit(t, e, off, a, h1, h2, h3) // inspection.submitted, hazard.found ×3, hazard.rectified (on site)
	e.Post(sup, "/api/v1/inspections/"+first+"/approve", nil).Must(t, http.StatusOK)
	second := visit(t, e, off, b)
	e.Post(sup, "/api/v1/inspections/"+second+"/return", map[string]any{"comment": "请补拍照片"}).Must(t, http.StatusOK)
	for _, h := range []map[string]any{h1, h3} {
		e.Post(off, "/api/v1/hazards/"+h["id"].(string)+"/rectify", map[string]any{"description": "已整改"}).Must(t, http.StatusOK)
	}
	e.Post(sup, "/api/v1/hazards/"+h3["id"].(string)+"/verify", map[string]any{"accepted": true}).Must(t, http.StatusOK)
	e.Post(sup, "/api/v1/hazards/"+h1["id"].(string)+"/verify", map[string]any{"accepted": false, "comment": "未整改到位"}).Must(t, http.StatusOK)
	rid := e.Post(off, "/api/v1/venues/"+b["id"].(string)+"/reclassifications", map[string]any{"to_level": "red", "reason": "三合一"}).
		Must(t, http.StatusCreated).Map(t)["id"].(string)
	e.Post(sup, "/api/v1/reclassifications/"+rid+"/approve", map[string]any{}).Must(t, http.StatusOK)
	e.Do(apptestPut("/api/v1/policy", map[string]any{"red": "monthly", "yellow": "monthly", "green": "half_yearly"})).Must(t, http.StatusOK)
	// The other audited changes.
	unit := e.Post("admin", "/api/v1/org-units", map[string]any{"kind": "grid", "code": "ev-g9", "name": "事件网格", "parent_id": e.Unit("dcf-1")}).
		Must(t, http.StatusCreated).Map(t)["id"].(string)
	e.Do(apptestPatch("/api/v1/org-units/"+unit, map[string]any{"name": "事件网格二", "version": 1})).Must(t, http.StatusOK)
	user := e.Post("admin", "/api/v1/users", map[string]any{"username": "ev-officer", "name": "李警官", "role": "officer",
		"org_unit_id": e.Unit("dcf-1"), "password": "a-long-enough-password-42"}).Must(t, http.StatusCreated).Map(t)["id"].(string)
	e.Do(apptestPatch("/api/v1/users/"+user, map[string]any{"name": "李警官二", "version": 1})).Must(t, http.StatusOK)
	e.Do(apptestPut("/api/v1/users/"+user+"/grids", map[string]any{"grid_ids": []string{unit}})).Must(t, http.StatusOK)
	e.Do(apptestPatch("/api/v1/venues/"+quiet["id"].(string), map[string]any{"contact_name": "赵女士", "version": 1})).Must(t, http.StatusOK)
	e.Do(apptestPut("/api/v1/calendar/2026", map[string]any{"holidays": []string{"2026-10-01"}, "workdays": []string{}})).Must(t, http.StatusOK)
	other, _ := subscribe(t, e, "https://hooks.example.com/other", models.EventReportClosed)
	e.Post("admin", "/api/v1/webhooks/"+other+"/rotate-secret", nil).Must(t, http.StatusOK)
	e.Do(apptestPatch("/api/v1/webhooks/"+other, map[string]any{"active": false, "version": 2})).Must(t, http.StatusOK)
	e.Do(apptestDelete("/api/v1/webhooks/"+other)).Must(t, http.StatusNoContent)
	c.Add(5 * 24 * time.Hour) // h1 is past its deadline, open
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK) // hazard.overdue once only

	if _, err := dispatcher(e, nil).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	examples := map[models.EventType]json.RawMessage{}
	byType := map[models.EventType]int{}
	seen := map[string]bool{}
	seqs := map[uuid.UUID][]int64{}
	for _, g := range rc.requests() {
		verify(t, secret, g, c.Now())
		if seen[g.ID] {
			t.Errorf("event %s delivered twice", g.ID)
		}
		seen[g.ID] = true
		ev := g.Event
		if ev.ID.String() != g.ID || ev.Subject.ID == uuid.Nil || ev.Subject.Type == "" || ev.Sequence < 1 || ev.OccurredAt.IsZero() || len(ev.Data) == 0 {
			t.Errorf("event %s lacks a contract field: %s", g.ID, g.Body)
		}
		if ev.Subject.Type == "hazard" && (ev.OrgUnitID == nil || ev.OrgUnitID.String() != e.Unit("dcf-1-g1")) {
			t.Errorf("%s: org_unit_id %v, want the grid", ev.Type, ev.OrgUnitID)
		}
		byType[ev.Type]++
		if _, ok := examples[ev.Type]; !ok {
			examples[ev.Type] = g.Body
		}
		seqs[ev.Subject.ID] = append(seqs[ev.Subject.ID], ev.Sequence)
	}
	want := map[models.EventType]int{
		models.EventInspectionSubmitted: 2, models.EventInspectionApproved: 1, models.EventInspectionReturned: 1,
		models.EventInspectionCancelled: 1, models.EventHazardFound: 3, models.EventHazardRectified: 3,
		models.EventHazardVerified: 1, models.EventHazardReopened: 1, models.EventHazardOverdue: 1,
		models.EventReclassificationFiled: 1, models.EventReclassificationDecided: 1, models.EventScheduleGenerated: 3,
		models.EventDocumentIssued: 2, // the inspection record of each submission
	}
	for _, typ := range []models.EventType{models.EventInspectionCreated, models.EventInspectionStarted, models.EventVenueCreated,
		models.EventVenueUpdated, models.EventVenueReclassified, models.EventOrgUnitCreated, models.EventOrgUnitUpdated,
		models.EventUserCreated, models.EventUserUpdated, models.EventUserGridsChanged, models.EventPhotoUploaded,
		models.EventPolicyUpdated, models.EventCalendarUpdated, models.EventWebhookCreated, models.EventWebhookUpdated,
		models.EventWebhookDeleted, models.EventWebhookSecretRotated} {
		want[typ] = 1
	}
	if path := os.Getenv("JX_EVENT_EXAMPLES"); path != "" { // docs/EVENTS.md's examples come from here
		b, _ := json.MarshalIndent(examples, "", "  ")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for typ, n := range want {
		if byType[typ] < n {
			t.Errorf("%s: %d delivered, want %d", typ, byType[typ], n)
		}
	}
	if byType[models.EventHazardOverdue] != 1 {
		t.Errorf("hazard.overdue delivered %d times, want once", byType[models.EventHazardOverdue])
	}
	for subject, s := range seqs {
		have := map[int64]bool{}
		for _, n := range s {
			have[n] = true
		}
		for n := int64(1); n <= int64(len(s)); n++ {
			if !have[n] {
				t.Errorf("subject %s: sequences %v, want 1…%d", subject, s, len(s))
				break
			}
		}
	}
	if d := deliveries(t, e, webhook); d["delivered"] != len(rc.requests()) || d["pending"]+d["failed"] != 0 {
		t.Errorf("deliveries %v for %d requests", d, len(rc.requests()))
	}
}

// Ensure that a change rolled back leaves no event, and the same change
// committed leaves its event, in the caller's transaction.
func TestRollbackLeavesNoEvent(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	admin := models.Actor{UserID: uuid.MustParse(e.User("admin")), Role: "admin", OrgUnitID: uuid.MustParse(e.Unit("lc"))}
	count := func() (n int64) {
		if err := e.DB.Raw("SELECT count(*) FROM events").Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	rules := models.WebhookRules{}
	in := models.NewWebhook{URL: "https://hooks.example.com/x", EventTypes: []string{"hazard.found"}}
	errUndo := errors.New("undo")
	err := e.DB.Transaction(func(tx *gorm.DB) error {
		if _, err := models.CreateWebhook(context.Background(), tx, admin, rules, in); err != nil {
			return err
		}
		return errUndo
	})
	if !errors.Is(err, errUndo) {
		t.Fatal(err)
	}
	if n := count(); n != before {
		t.Fatalf("a rolled-back change left %d events", n-before)
	}
	if _, err := models.CreateWebhook(context.Background(), e.DB, admin, rules, in); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != before+1 {
		t.Fatalf("a committed change left %d events, want 1", n-before)
	}
}
