package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Ensure the console's reports page lists the reports with their clocks,
// the overdue one highlighted and the reporter's HTML shown as text, and the
// venue page shows the venue's code and rotates it, on a phone and a
// desktop screen.
func TestConsoleReports(t *testing.T) {
	c := startConsole(t, 54)
	env := c.env
	const sup = "sup-dcf-1"
	var v struct{ ID, PublicCode string }
	env.DB.Raw("SELECT id::text, public_code FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", env.Unit("dcf-1-g1")).Scan(&v)
	env.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + v.PublicCode + "/reports",
		Body: `{"kind":"blocked_exit","text":"<img src=x onerror=alert(1)>锁门"}`}).Must(t, http.StatusAccepted)
	late := env.Post(sup, "/api/v1/reports", map[string]any{"venue_id": v.ID, "kind": "other", "text": "热线转办"}).Must(t, http.StatusCreated).Map(t)["id"].(string)
	env.DB.Exec("UPDATE reports SET due_at = now() - interval '2 hours' WHERE id = ?", late)
	var at struct{ Lat, Lng float64 }
	env.DB.Raw("SELECT lat, lng FROM venues WHERE id = ?", v.ID).Scan(&at)
	addr := env.Post(sup, "/api/v1/reports", map[string]any{"address": "东关街甲9号", "lat": at.Lat + 0.0002, "lng": at.Lng,
		"kind": "wiring", "text": "私拉电线"}).Must(t, http.StatusCreated).Map(t)["id"].(string)

	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login(sup)
	c.run("wait for the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	parent := c.t
	defer func() { c.t = parent }()
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1366, 768}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			c.t = t
			c.run("resize", chromedp.EmulateViewport(size.w, size.h))
			// Straight to the page (the work page's link to it waits on the
			// work lists, slow on a loaded machine).
			c.run("open the reports", goTo("#/reports"), chromedp.WaitVisible(chromedp.CSS(`#reports-list[data-count="3"]`)))
			c.run("the overdue one is highlighted", chromedp.WaitVisible(css(`#reports-table tr.overdue[data-id=%q]`, late)))
			if n := get(c, "injected elements", eval[int](`document.querySelectorAll('#reports-table img').length`)); n != 0 {
				t.Errorf("the reporter's HTML became %d elements", n)
			}
			if n := get(c, "kind labels", eval[int](`document.querySelectorAll('#reports-table [data-set=report_kind]').length`)); n != 3 {
				t.Errorf("%d kinds shown from the vocabulary, want 3", n)
			}
			c.screenshot(fmt.Sprintf("reports-%s.png", size.name))
		})
	}
	c.t = parent
	// The report about an address is closed from its row, with a reason.
	c.run("close the address report", chromedp.SetValue(css(`#reports-table tr[data-id=%q] [data-field=close-reason]`, addr), "not_found"),
		chromedp.Click(css(`#reports-table tr[data-id=%q] button[data-action=close-report]`, addr)),
		waitJS(fmt.Sprintf(`!document.querySelector('#reports-table tr[data-id=%q] button[data-action=close-report]')`, addr)))
	closed := env.Get(sup, "/api/v1/reports/"+addr).Must(t, http.StatusOK).Map(t)
	if closed["status"] != "checked" || closed["close_reason"] != "not_found" {
		t.Errorf("after closing from the console the report is %v, %v", closed["status"], closed["close_reason"])
	}
	c.run("open the venue", goTo("#/venues/"+v.ID), chromedp.WaitVisible(chromedp.CSS("#venue-code")))
	if code := get(c, "the code shown", chromedp.Text(chromedp.CSS("#venue-code"))); code != v.PublicCode {
		t.Errorf("the venue page shows code %q, want %q", code, v.PublicCode)
	}
	c.run("rotate the code", chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`),
		chromedp.Click(chromedp.CSS(`#venue-public-code button[data-action=rotate-code]`)),
		waitJS(fmt.Sprintf(`document.getElementById('venue-code').textContent !== %q`, v.PublicCode)))
	var now string
	env.DB.Raw("SELECT public_code FROM venues WHERE id = ?", v.ID).Scan(&now)
	if shown := get(c, "the new code", chromedp.Text(chromedp.CSS("#venue-code"))); shown != now {
		t.Errorf("after rotating the page shows %q, the venue has %q", shown, now)
	}
	c.noErrors()
}
