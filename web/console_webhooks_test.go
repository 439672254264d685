package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
)

// Ensure an admin manages webhook subscriptions in the console, on a desktop
// (1366×768) and a phone (390×844): creates one to a real receiver on
// loopback and sees its secret once, sends a test and sees it delivered;
// a failing receiver's delivery shows as failed with its answer code, and
// the retry button delivers it once the receiver is back; pause, resume and
// delete work; and a supervisor has no menu entry for it.
func TestConsoleWebhooks(t *testing.T) {
	axe := axeSource(t)
	var good, bad, signed atomic.Int64
	var fixed atomic.Bool
	okRecv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		good.Add(1)
		if r.Header.Get("webhook-signature") != "" && r.Header.Get("webhook-id") != "" {
			signed.Add(1)
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer okRecv.Close()
	badRecv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !fixed.Load() {
			bad.Add(1)
			http.Error(w, "down for maintenance", http.StatusInternalServerError)
			return
		}
		good.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	defer badRecv.Close()

	c := startConsoleWith(t, apptest.Options{Config: func(cfg *app.Config) {
		cfg.WebhookAllow, _ = models.ParseAllowList([]string{"127.0.0.0/8"})
		// No retries: a failure is failed at once, for the retry button.
		cfg.WebhookRetryFor = time.Millisecond
		cfg.WebhookTimeout = 5 * time.Second
	}})
	env := c.env
	d := app.NewDispatcher(env.Cfg, env.DB, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	// The page's event types are the API's.
	c.run("open the console", chromedp.Navigate(c.base+"/"))
	types := get(c, "the page's event types", eval[[]string](`import('/js/webhooks.js').then((m) => m.EVENT_TYPES)`))
	var want []string
	for _, e := range models.EventTypes {
		want = append(want, string(e))
	}
	if !slices.Equal(types, want) {
		t.Errorf("webhooks.js EVENT_TYPES = %v, the API's are %v", types, want)
	}

	c.login("admin")
	c.run("wait for the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	if n := get(c, "the admin's menu entry", eval[int](`document.querySelectorAll('#nav a[data-nav=webhooks]:not([hidden])').length`)); n != 1 {
		t.Fatalf("the admin has %d menu entries for webhooks", n)
	}

	// rowOf is the id of the subscription to url, as the page lists it.
	rowOf := func(url string) string {
		return get(c, "the row of "+url, eval[string](fmt.Sprintf(`(() => { const r = [...document.querySelectorAll('#webhooks-table tr[data-test=webhook-row]')]
			.find((tr) => tr.querySelector('.webhook-url').textContent === %q); return r ? r.dataset.id : ''; })()`, url)))
	}
	// until waits for a delivery row matching sel, refreshing the list now and then.
	until := func(what, sel string) {
		c.run(what, waitJS(fmt.Sprintf(`(() => { if (document.querySelector(%q)) return true;
			const b = document.getElementById('deliveries-refresh'); const now = Date.now();
			if (b && !b.disabled && !(window.__refreshed > now - 400)) { window.__refreshed = now; b.click(); } return false; })()`, sel)))
	}

	parent := c.t
	defer func() { c.t = parent }()
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1366, 768}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			c.t = t
			emulate := chromedp.EmulateViewport(size.w, size.h)
			if size.name == "phone" {
				emulate = chromedp.EmulateViewport(size.w, size.h, chromedp.EmulateMobile)
			}
			c.run("resize", emulate)
			c.run("open the webhooks", goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
				goTo("#/webhooks"), chromedp.WaitVisible(chromedp.CSS(`#webhooks-list[data-state="ready"]`)),
				waitJS(`document.querySelectorAll('#webhook-unit option').length > 1`))

			// A subscription with no event type: one error, in Chinese, naming the field.
			url := okRecv.URL + "/in/" + size.name
			c.run("create without event types", chromedp.SendKeys(chromedp.CSS("#webhook-url"), url), chromedp.Click(chromedp.CSS("#webhook-create")),
				chromedp.WaitVisible(chromedp.CSS("#webhook-create-error")))
			msg := get(c, "the error", chromedp.Text(chromedp.CSS("#webhook-create-error")))
			if !strings.ContainsFunc(msg, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) || strings.Contains(msg, "must") {
				t.Errorf("the 422 is not said in Chinese: %q", msg)
			}
			if flash := get(c, "the flash bar", eval[string](`document.getElementById('flash').dataset.kind === 'error' ? document.getElementById('flash').textContent : ''`)); flash != "" {
				t.Errorf("the error is said twice (the bar says %q)", flash)
			}

			// Create: the secret is shown once.
			c.run("create", chromedp.Click(chromedp.CSS(`#webhook-types input[value="hazard.found"]`)),
				chromedp.Click(chromedp.CSS(`#webhook-types input[value="inspection.submitted"]`)),
				chromedp.Click(chromedp.CSS("#webhook-create")), chromedp.WaitVisible(chromedp.CSS("#webhook-secret")),
				waitJS(fmt.Sprintf(`[...document.querySelectorAll('#webhooks-table .webhook-url')].some((e) => e.textContent === %q)`, url)))
			secret := get(c, "the secret", chromedp.Value(chromedp.CSS("#webhook-secret")))
			if !strings.HasPrefix(secret, "whsec_") {
				t.Errorf("the secret shown is %q", secret)
			}
			id := rowOf(url)
			var stored string
			env.DB.Raw("SELECT url FROM webhooks WHERE id = ?", id).Scan(&stored)
			if id == "" || stored != url {
				t.Fatalf("the row %q is not the subscription to %s (%q)", id, url, stored)
			}

			// Send a test: delivered, signed.
			before := good.Load()
			row := fmt.Sprintf(`#webhooks-table tr[data-id=%q]`, id)
			c.run("send a test", chromedp.Click(css(`%s button[data-action=test]`, row)), chromedp.WaitVisible(chromedp.CSS("#deliveries-box")))
			until("the test is delivered", `#deliveries-table tr[data-status=delivered]`)
			if good.Load() <= before || signed.Load() == 0 {
				t.Errorf("the receiver got %d requests (%d signed)", good.Load()-before, signed.Load())
			}
			code := get(c, "its answer code", eval[string](`document.querySelector('#deliveries-table tr[data-status=delivered] td:nth-child(4)').textContent`))
			if code != "204" {
				t.Errorf("the delivered row says the answer was %q", code)
			}
			c.run("reload the list", goTo("#/dashboard"), chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)),
				goTo("#/webhooks"), chromedp.WaitVisible(css(`#webhooks-list[data-state="ready"] %s [data-set=delivery_status][data-value=delivered]`, row)))
			if n := get(c, "the secret again?", eval[int](`document.querySelectorAll('#webhook-secret').length`)); n != 0 {
				t.Error("the secret is shown again after the page changed")
			}

			// Pause and resume (the version goes with the PATCH).
			c.run("pause", chromedp.Click(css(`%s button[data-action=toggle]`, row)), chromedp.WaitVisible(css(`#webhooks-list[data-state="ready"] %s[data-active=false]`, "#webhooks-table tr[data-id=\""+id+"\"]")))
			c.run("resume", chromedp.Click(css(`%s button[data-action=toggle]`, row)), chromedp.WaitVisible(css(`#webhooks-list[data-state="ready"] %s[data-active=true]`, "#webhooks-table tr[data-id=\""+id+"\"]")))

			// A failing receiver: failed with its code, then retried by hand.
			fixed.Store(false)
			badURL := badRecv.URL + "/hook/" + size.name
			c.run("create the failing one", chromedp.SendKeys(chromedp.CSS("#webhook-url"), badURL),
				chromedp.Click(chromedp.CSS(`#webhook-types input[value="hazard.found"]`)), chromedp.Click(chromedp.CSS("#webhook-create")),
				waitJS(fmt.Sprintf(`[...document.querySelectorAll('#webhooks-table .webhook-url')].some((e) => e.textContent === %q)`, badURL)))
			badID := rowOf(badURL)
			badRow := fmt.Sprintf(`#webhooks-table tr[data-id=%q]`, badID)
			c.run("send a test to it", chromedp.Click(css(`%s button[data-action=test]`, badRow)), chromedp.WaitVisible(chromedp.CSS("#deliveries-box")))
			until("the test fails", `#deliveries-table tr[data-status=failed] button[data-action=retry]`)
			code = get(c, "its answer code", eval[string](`document.querySelector('#deliveries-table tr[data-status=failed] td:nth-child(4)').textContent`))
			if code != "500" {
				t.Errorf("the failed row says the answer was %q", code)
			}
			c.noOverflow(size.name + " webhooks")
			c.axe(size.name+" webhooks", axe)
			if size.name == "desktop" {
				c.screenshot("webhooks.png")
			} else {
				c.screenshot("phone-webhooks.png")
			}
			fixed.Store(true)
			c.run("retry", chromedp.Click(chromedp.CSS(`#deliveries-table tr[data-status=failed] button[data-action=retry]`)))
			until("the retry is delivered", `#deliveries-table tr[data-status=delivered]`)
			if n := get(c, "failed rows left", eval[int](`document.querySelectorAll('#deliveries-table tr[data-status=failed]').length`)); n != 0 {
				t.Errorf("%d failed rows after the retry", n)
			}

			// Rotate (the new secret once) and delete, both confirmed.
			c.run("rotate", chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`),
				chromedp.Evaluate[chromedp.Void](`document.getElementById('webhook-secret-slot').replaceChildren()`),
				chromedp.Click(css(`%s button[data-action=rotate]`, row)), chromedp.WaitVisible(chromedp.CSS("#webhook-secret")),
				chromedp.WaitVisible(chromedp.CSS(`#webhooks-list[data-state="ready"]`)))
			if s2 := get(c, "the new secret", chromedp.Value(chromedp.CSS("#webhook-secret"))); s2 == secret || !strings.HasPrefix(s2, "whsec_") {
				t.Errorf("the rotated secret is %q", s2)
			}
			c.run("delete", chromedp.Click(css(`%s button[data-action=delete]`, badRow)), waitJS(fmt.Sprintf(`!document.querySelector('%s')`, badRow)))
			var left int64
			env.DB.Raw("SELECT count(*) FROM webhooks WHERE id = ?", badID).Scan(&left)
			if left != 0 {
				t.Error("the deleted subscription is still there")
			}
		})
		c.t = parent
	}

	// A supervisor has no menu entry, and the page says it is for admins.
	c.run("log out", chromedp.Click(chromedp.CSS("#logout")))
	c.login("sup-dcf-1")
	c.run("wait for the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	if n := get(c, "the supervisor's menu entry", eval[int](`document.querySelectorAll('#nav a[data-nav=webhooks]:not([hidden])').length`)); n != 0 {
		t.Errorf("a supervisor sees %d menu entries for webhooks", n)
	}
	c.run("open the page anyway", goTo("#/webhooks"), chromedp.WaitVisible(chromedp.CSS(`[data-test=admins-only]`)))
	c.noErrors()
}
