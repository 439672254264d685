package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/notify"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// smsCode is the one-time code in a text message that the log driver wrote.
var smsCode = regexp.MustCompile(`验证码是(\d{6})`)

// Ensure that, on a 390×844 phone, a venue's owner opens the invitation,
// confirms the phone with the code that the SMS log driver wrote, signs for
// the deadline order on the signature pad, uploads the fix with a photo and
// applies for the 复查; and that the officer then verifies the owner's fix
// through the API.
func TestOwnerPhone(t *testing.T) {
	t.Parallel()
	c := startConsole(t, 54)
	e := c.env
	const officer = "off-dcf-1-g1"
	phone := "13812340000"

	// The officer's visit: a deadline hazard, its order, the invitation.
	var v struct {
		ID, Category string
		Lat, Lng     float64
	}
	e.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", e.Unit("dcf-1-g1")).Scan(&v)
	if err := e.DB.Exec("UPDATE venues SET contact_phone = ? WHERE id = ?", phone, v.ID).Error; err != nil || v.ID == "" {
		t.Fatalf("venue: %v", err)
	}
	checklist := e.Checklist(t, v.Category)
	in := e.Started(t, officer, map[string]any{"id": v.ID, "lat": v.Lat, "lng": v.Lng})
	deadline := schedules.DateIn(time.Now(), e.Cfg.Location).AddDays(10).String()
	hazard := apptest.Hazard(checklist[0]["item_code"].(string), "general", "deadline", deadline)
	e.Submit(officer, in, map[string]any{"checklist": checklist, "hazards": []any{hazard}}).Must(t, http.StatusOK)
	hazardID := hazard["id"].(string)
	inv := e.Post(officer, "/api/v1/venues/"+v.ID+"/owner-invites", nil).Must(t, http.StatusCreated).Map(t)
	link := inv["url"].(string)
	_, path, _ := strings.Cut(link, "/o/invite/")

	c.run("open the invitation on a phone",
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(c.base+"/o/invite/"+path),
		chromedp.WaitVisible(chromedp.CSS("#send-code")),
		chromedp.Click(chromedp.CSS("#send-code")),
		chromedp.WaitVisible(chromedp.CSS("#code")),
	)
	// The dispatcher sends the code through the log driver; the owner reads it there.
	var log bytes.Buffer
	d := notify.New(e.DB, notify.Options{SMS: notify.LogSMS{Log: slog.New(slog.NewJSONHandler(&log, nil))}, Allow: e.Cfg.WebhookAllow})
	if _, err := d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	m := smsCode.FindStringSubmatch(log.String())
	if m == nil || !strings.Contains(log.String(), phone) {
		t.Fatalf("no code in the SMS log: %s", log.String())
	}
	c.run("confirm the code",
		chromedp.SendKeys(chromedp.CSS("#code"), m[1]),
		chromedp.Click(chromedp.CSS("#confirm-code")),
		chromedp.WaitVisible(chromedp.CSS("#home .hazard")),
		waitJS(`location.pathname === '/o/'`),
	)
	c.noOverflowOwner("home")

	// Sign for the deadline order: a name and a signature drawn with the pointer.
	var orderID string
	e.DB.Raw("SELECT id::text FROM documents WHERE inspection_id = ? AND kind = 'deadline_order'", in).Scan(&orderID)
	card := `#documents .document[data-id="` + orderID + `"]`
	c.run("the order to sign", chromedp.WaitVisible(chromedp.CSS(card+" canvas.pad")),
		chromedp.ScrollIntoView(chromedp.CSS(card+" canvas.pad")))
	var rect struct{ X, Y, W, H float64 }
	raw := get(c, "the pad's place", eval[string](`JSON.stringify((() => { const r = document.querySelector('`+card+` canvas.pad').getBoundingClientRect(); return {X: r.x, Y: r.y, W: r.width, H: r.height}; })())`))
	if err := json.Unmarshal([]byte(raw), &rect); err != nil {
		t.Fatal(err)
	}
	stroke := []chromedp.Action[chromedp.Void]{chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, rect.X+20, rect.Y+40, chromedp.ButtonLeft)}
	for i := 1; i <= 10; i++ {
		stroke = append(stroke, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, rect.X+20+float64(i)*25, rect.Y+40+float64(i%3)*30, chromedp.ButtonLeft))
	}
	stroke = append(stroke, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, rect.X+270, rect.Y+100, chromedp.ButtonLeft))
	c.run("sign", append(stroke,
		chromedp.SendKeys(chromedp.CSS(card+" .sign-name"), "张老板"),
		chromedp.Click(chromedp.CSS(card+" .sign-submit")),
		chromedp.WaitNotPresent(chromedp.CSS(card+" .sign-submit")),
	)...)

	// The fix: a photo and a text.
	dir := t.TempDir()
	photo := filepath.Join(dir, "fix.png")
	if err := os.WriteFile(photo, apptest.PNG(42), 0o644); err != nil {
		t.Fatal(err)
	}
	c.run("upload the fix",
		chromedp.SetUploadFiles(chromedp.CSS("#hazards .fix-photo"), []string{photo}),
		chromedp.SendKeys(chromedp.CSS("#hazards .fix-text"), "已更换新灭火器"),
		chromedp.Click(chromedp.CSS("#hazards .fix-submit")),
		chromedp.WaitNotPresent(chromedp.CSS("#hazards .fix-submit")),
	)
	c.run("apply for the 复查",
		chromedp.Click(chromedp.CSS("#hazards .apply-reinspection")),
		chromedp.WaitVisible(chromedp.CSS("#hazards .applied")),
	)
	c.noErrors()

	// What the owner did, as the API shows it; then the officer verifies the owner's fix.
	var doc struct{ Status, ReceivedBy string }
	e.DB.Raw("SELECT status, received_by FROM documents WHERE inspection_id = ? AND kind = 'deadline_order'", in).Scan(&doc)
	apptest.Equal(t, "the order is served", doc.Status, "served")
	apptest.Equal(t, "signed by", doc.ReceivedBy, "张老板")
	h := e.Get(officer, "/api/v1/hazards/"+hazardID).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "fixed by the owner", h["rectified_by_owner"], true)
	apptest.True(t, "the 复查 applied for", h["reinspection_requested_on"] != nil, h)
	h = e.Post(officer, "/api/v1/hazards/"+hazardID+"/verify", map[string]any{"accepted": true}).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "verified by the officer", h["status"], "verified")
}

// noOverflowOwner fails when the owner's page is wider than the phone.
func (c *console) noOverflowOwner(where string) {
	c.t.Helper()
	if get(c, "overflow "+where, eval[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)) {
		c.t.Errorf("%s: the owner's page is wider than the phone", where)
	}
}
