package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// fieldWork is one officer's work made over HTTP, for the tests that need
// ids of every kind: a venue, an inspection submitted with a deadline
// hazard (and so a reinspection) and an on-site one, a photo, a pending
// reclassification.
type fieldWork struct {
	Venue, Grid, Category                 string
	Inspection, Hazard, OnSite, Photo     string
	Reclass, Officer, Station, Supervisor string
	Checklist                             []string
	Lat, Lng                              float64
}

// makeFieldWork does the work as the officer (off-dcf-1-g1), with
// sup-dcf-1 as the supervisor of the station.
func makeFieldWork(ctx context.Context, hc *http.Client, base string, tokens map[string]string) (fieldWork, error) {
	var fw fieldWork
	off := tokens["off-dcf-1-g1"]
	must := func(want int, what string) func(reply, error) ([]byte, error) {
		return func(r reply, err error) ([]byte, error) {
			if err != nil {
				return nil, fmt.Errorf("%s: %w", what, err)
			}
			if r.Status != want {
				return nil, fmt.Errorf("%s: %d %s", what, r.Status, tail(r.Body, 300))
			}
			return r.Body, nil
		}
	}
	b, err := must(200, "me")(call(ctx, hc, "GET", base+"/api/v1/me", off, nil, nil))
	if err != nil {
		return fw, err
	}
	var me struct {
		ID        string   `json:"id"`
		OrgUnitID string   `json:"org_unit_id"`
		GridIDs   []string `json:"grid_ids"`
	}
	if err := json.Unmarshal(b, &me); err != nil || len(me.GridIDs) == 0 {
		return fw, fmt.Errorf("me: %s", b)
	}
	fw.Officer, fw.Station, fw.Grid = me.ID, me.OrgUnitID, me.GridIDs[0]
	if b, err = must(200, "venues")(call(ctx, hc, "GET", base+"/api/v1/venues?limit=1&grid_id="+fw.Grid, off, nil, nil)); err != nil {
		return fw, err
	}
	var raw struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(b, &raw); err != nil || len(raw.Items) == 0 {
		return fw, fmt.Errorf("no venue in %s: %s", fw.Grid, b)
	}
	v := raw.Items[0]
	fw.Venue, fw.Category = v["id"].(string), v["category"].(string)
	fw.Lat, fw.Lng = v["lat"].(float64), v["lng"].(float64)
	if b, err = must(200, "checklist")(call(ctx, hc, "GET", base+"/api/v1/checklist-items?category="+fw.Category, off, nil, nil)); err != nil {
		return fw, err
	}
	var items struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	_ = json.Unmarshal(b, &items)
	for _, it := range items.Items {
		fw.Checklist = append(fw.Checklist, it.Code)
	}
	if len(fw.Checklist) < 2 {
		return fw, fmt.Errorf("checklist of %s: %s", fw.Category, b)
	}
	fw.Photo = uuid.NewString()
	body, ct := photoBody(fw.Photo, 424242)
	if _, err = must(201, "photo")(call(ctx, hc, "POST", base+"/api/v1/photos", off, body, map[string]string{"Content-Type": ct})); err != nil {
		return fw, err
	}
	fw.Inspection, fw.Hazard, fw.OnSite = uuid.NewString(), uuid.NewString(), uuid.NewString()
	if _, err = must(201, "ad hoc")(call(ctx, hc, "POST", base+"/api/v1/inspections", off, map[string]any{"id": fw.Inspection, "venue_id": fw.Venue}, nil)); err != nil {
		return fw, err
	}
	if _, err = must(200, "start")(call(ctx, hc, "POST", base+"/api/v1/inspections/"+fw.Inspection+"/start", off, map[string]any{"lat": fw.Lat, "lng": fw.Lng}, nil)); err != nil {
		return fw, err
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	if _, err = must(200, "submit")(call(ctx, hc, "POST", base+"/api/v1/inspections/"+fw.Inspection+"/submit", off, map[string]any{
		"checklist": passAll(fw.Checklist),
		"hazards": []map[string]any{
			{"id": fw.Hazard, "code": fw.Checklist[0], "severity": "major", "description": "安全出口锁闭", "fix_mode": "deadline",
				"deadline": schedules.DateIn(time.Now(), loc).AddDays(10).String()},
			{"id": fw.OnSite, "code": fw.Checklist[1], "severity": "general", "description": "插线板串接", "fix_mode": "on_site", "photo_ids": []string{fw.Photo}},
		}}, nil)); err != nil {
		return fw, err
	}
	to := "red"
	if v["risk_level"] == "red" {
		to = "yellow"
	}
	fw.Reclass = uuid.NewString()
	_, err = must(201, "reclassification")(call(ctx, hc, "POST", base+"/api/v1/venues/"+fw.Venue+"/reclassifications", off, map[string]any{"id": fw.Reclass, "to_level": to, "reason": "三合一"}, nil))
	return fw, err
}

// passAll answers every item with "pass".
func passAll(codes []string) []map[string]string {
	out := make([]map[string]string, len(codes))
	for i, c := range codes {
		out[i] = map[string]string{"item_code": c, "result": "pass"}
	}
	return out
}
