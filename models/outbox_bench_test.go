package models_test

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// BenchmarkSubmitOutbox measures a submission with three hazards (two with
// a deadline, one fixed on site: the submit's, the hazards' and the
// reinspection's audit rows and their events) through the whole app, with
// the outbox and without it, in turn, in one run. Only the submits are
// measured; the ad hoc inspection is made and started before each, as is
// the iteration's other submit, so ns/op is not the figure: the metrics are.
//
//	make test GOTESTFLAGS='-run ^$ -bench SubmitOutbox -benchtime 400x -count 3'
func BenchmarkSubmitOutbox(b *testing.B) {
	if !apptest.HaveCluster() {
		b.Skip("needs TEST_DATABASE_URL (make test)")
	}
	e := apptest.New(b, apptest.Options{Venues: 54})
	e.WithoutOutboxCheck() // the runs without it leave audit rows without events
	const off = "off-dcf-1-g1"
	var venues []struct {
		ID, Category string
		Lat, Lng     float64
	}
	if err := e.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id", e.Unit("dcf-1-g1")).Scan(&venues).Error; err != nil || len(venues) == 0 {
		b.Fatalf("venues: %v", err)
	}
	checklists := map[string][]map[string]any{}
	for _, v := range venues {
		if _, ok := checklists[v.Category]; ok {
			continue
		}
		var codes []string
		if err := e.DB.Raw("SELECT code FROM checklist_items WHERE ? = ANY(categories) ORDER BY position", v.Category).Scan(&codes).Error; err != nil {
			b.Fatal(err)
		}
		for _, c := range codes {
			checklists[v.Category] = append(checklists[v.Category], map[string]any{"item_code": c, "result": "pass"})
		}
	}
	photo := e.Photo(b, off, apptest.PNG(1))
	deadline := schedules.DateIn(time.Now(), e.Cfg.Location).AddDays(7).String()
	submit := func(on bool, i int) time.Duration {
		v := venues[i%len(venues)] // both arms visit the same venue
		id := e.Post(off, "/api/v1/inspections", map[string]any{"venue_id": v.ID}).Must(b, http.StatusCreated).Map(b)["id"].(string)
		e.Post(off, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": v.Lat, "lng": v.Lng}).Must(b, http.StatusOK)
		list := checklists[v.Category]
		hazard := func(j int, mode, deadline string, photos ...string) map[string]any {
			h := map[string]any{"id": uuid.NewString(), "code": list[j]["item_code"], "severity": "general",
				"description": "隐患", "fix_mode": mode, "photo_ids": append([]string{}, photos...)}
			if deadline != "" {
				h["deadline"] = deadline
			}
			return h
		}
		body := map[string]any{"checklist": list, "hazards": []any{
			hazard(0, "deadline", deadline), hazard(1, "deadline", deadline), hazard(2, "on_site", "", photo)}}
		restore := models.SetOutbox(on && os.Getenv("JX_AA") == "")
		defer restore()
		start := time.Now()
		e.Post(off, "/api/v1/inspections/"+id+"/submit", body).Must(b, http.StatusOK)
		return time.Since(start)
	}
	// Each iteration submits once with the outbox and once without, in turn,
	// so that both meet the same machine and the same table sizes.
	// Medians, not means: on a machine shared with other work, a few slow
	// submits would otherwise decide the figure.
	var with, without []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			with = append(with, submit(true, i))
			without = append(without, submit(false, i))
		} else {
			without = append(without, submit(false, i))
			with = append(with, submit(true, i))
		}
	}
	mw, mo := median(with), median(without)
	b.ReportMetric(float64(mw.Microseconds())/1000, "ms/submit-outbox")
	b.ReportMetric(float64(mo.Microseconds())/1000, "ms/submit-no-outbox")
	b.ReportMetric(100*(1-float64(mo)/float64(mw)), "%throughput-drop")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkAuditStatement measures one audit row of a hazard (one event)
// with the outbox and without it, in turn.
func BenchmarkAuditStatement(b *testing.B) {
	if !apptest.HaveCluster() {
		b.Skip("needs TEST_DATABASE_URL (make test)")
	}
	e := apptest.New(b)
	e.WithoutOutboxCheck()
	ctx := context.Background()
	after := map[string]any{"status": "open", "description": strings.Repeat("隐患", 100)}
	var with, without time.Duration
	one := func(on bool) time.Duration {
		defer models.SetOutbox(on)()
		start := time.Now()
		if err := models.Audit(ctx, e.DB, models.Actor{}, "rectify", "hazard", uuid.New(), nil, nil, after); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	for i := 0; i < b.N; i++ {
		with += one(true)
		without += one(false)
	}
	b.ReportMetric(float64(with.Microseconds())/float64(b.N), "µs/audit-outbox")
	b.ReportMetric(float64(without.Microseconds())/float64(b.N), "µs/audit-no-outbox")
}
