package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Ensure the scan-to-report path on a phone (390×844) in Chromium: the
// venue's public page, a report with a photo sent as the plain form, the
// tracking page showing it received; then the grid officer submits the
// complaint inspection, and the tracking page shows the outcome.
func TestPublicReportBrowser(t *testing.T) {
	c := startConsole(t, 54)
	env := c.env
	const off = "off-dcf-1-g1"
	var v struct {
		ID, PublicCode, Category string
		Lat, Lng                 float64
	}
	if err := env.DB.Raw("SELECT id::text, public_code, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1",
		env.Unit("dcf-1-g1")).Scan(&v).Error; err != nil || v.ID == "" {
		t.Fatalf("no venue: %v", err)
	}
	photo := filepath.Join(t.TempDir(), "exit.png")
	if err := os.WriteFile(photo, testPNG(t, 1), 0o644); err != nil {
		t.Fatal(err)
	}

	c.run("open the venue's page on a phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(c.base+"/v/"+v.PublicCode),
		chromedp.WaitVisible(chromedp.CSS("form button[type=submit]")))
	if w := get(c, "the page's width", eval[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the page is %d px wide on a 390 px screen", w)
	}
	c.screenshot("public-venue-phone.png")
	c.run("fill in the report",
		chromedp.SetValue(chromedp.CSS("#kind"), "blocked_exit"),
		chromedp.SendKeys(chromedp.CSS("#text"), "后门安全出口被铁链锁住了"),
		chromedp.SetUploadFiles(chromedp.CSS("#photo"), []string{photo}),
		chromedp.SendKeys(chromedp.CSS("#phone"), "13912345678"),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#status")),
	)
	loc := get(c, "the tracking page's address", chromedp.Location())
	_, after, ok := strings.Cut(loc, "/r/")
	if !ok {
		t.Fatalf("after the post the page is %s, not a tracking page", loc)
	}
	tracking, _, _ := strings.Cut(after, "?")
	if s := get(c, "the status", chromedp.Text(chromedp.CSS("#status"))); s != "已受理" {
		t.Errorf("the tracking page says %q, want 已受理", s)
	}
	c.screenshot("public-tracking-phone.png")
	var photos int
	env.DB.Raw("SELECT cardinality(photo_ids) FROM reports WHERE venue_id = ?", v.ID).Scan(&photos)
	if photos != 1 {
		t.Errorf("the report has %d photos, want 1", photos)
	}

	// The grid officer's complaint inspection, at the top of the tasks.
	var tasks struct {
		Items []struct{ ID, Kind string }
	}
	env.Get(off, "/api/v1/inspections?mine=true").Must(t, http.StatusOK).JSON(t, &tasks)
	if len(tasks.Items) == 0 || tasks.Items[0].Kind != "complaint" {
		t.Fatalf("the officer's first task is not the complaint: %+v", tasks.Items)
	}
	id := tasks.Items[0].ID
	env.Post(off, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": v.Lat, "lng": v.Lng}).Must(t, http.StatusOK)
	answers, _ := checklistFor(t, env, off, v.Category)
	env.Post(off, "/api/v1/inspections/"+id+"/submit", map[string]any{"checklist": answers, "hazards": []any{}}).Must(t, http.StatusOK)

	c.run("read the outcome", chromedp.Navigate(c.base+"/r/"+tracking), chromedp.WaitVisible(chromedp.CSS("#outcome")))
	if s := get(c, "the status", chromedp.Text(chromedp.CSS("#status"))); s != "已核查" {
		t.Errorf("after the visit the tracking page says %q, want 已核查", s)
	}
	if o := get(c, "the outcome", chromedp.Text(chromedp.CSS("#outcome"))); !strings.Contains(o, "经现场核查") {
		t.Errorf("the outcome shows %q", o)
	}
	if body := get(c, "the page", chromedp.Text(chromedp.CSS("body"))); strings.Contains(body, "13912345678") || strings.Contains(body, "铁链") {
		t.Errorf("the tracking page shows the phone or the text: %s", body)
	}
	c.noErrors()
}
