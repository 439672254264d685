package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// tabSession is what a tab holds: its access token (in the page's memory)
// and the refresh cookie (httpOnly: read through the browser).
type tabSession struct{ Access, Refresh string }

func (c *console) refreshCookie() string {
	c.t.Helper()
	res, err := chromedp.Call(c.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{c.base + "/api/v1/auth/refresh"}})
	if err != nil {
		c.t.Fatalf("read the cookies: %v", err)
	}
	for _, ck := range res.Cookies {
		if ck.Name == "jx_refresh" {
			if !ck.HTTPOnly || ck.SameSite != network.CookieSameSiteStrict || ck.Path != "/api/v1/auth" {
				c.t.Errorf("the refresh cookie is not httpOnly, SameSite=Strict on /api/v1/auth: %+v", ck)
			}
			return ck.Value
		}
	}
	return ""
}

// session reads the tab's access token and the refresh cookie.
func (c *console) session() tabSession {
	c.t.Helper()
	access := get(c, "read the access token", eval[string](`import('/js/api.js').then((m) => (m.getSession() || {}).access || '')`))
	return tabSession{Access: access, Refresh: c.refreshCookie()}
}

// spoilAccess makes the tab's access token one the API refuses.
func (c *console) spoilAccess() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`import('/js/api.js').then((m) => { const s = m.getSession(); if (s) s.access = 'spoilt'; })`, chromedp.EvalAwaitPromise)
}

// setRefreshCookie replaces the refresh cookie's value.
func (c *console) setRefreshCookie(value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		yes := true
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "jx_refresh", Value: value, URL: c.base + "/api/v1/auth/refresh",
			Path: "/api/v1/auth", HTTPOnly: &yes, Secure: &yes, SameSite: network.CookieSameSiteStrict})
		return err
	})
}

// TestConsoleTabs: a second tab is logged in without asking (the refresh
// cookie), no script of the page can read the refresh token, and logging
// out in one tab ends the other's session at its next request.
func TestConsoleTabs(t *testing.T) {
	c := startConsole(t, 60)
	const sup = "sup-dcf-1"
	c.run("open the console", chromedp.Navigate(c.base+"/"))
	c.login(sup)
	c.run("the dashboard", chromedp.WaitVisible(chromedp.CSS(`#figures[data-state="ready"]`)))
	if cookies := get(c, "document.cookie", eval[string](`document.cookie`)); strings.Contains(cookies, "jx_refresh") {
		t.Errorf("a script can read the refresh token: %q", cookies)
	}
	if stored := get(c, "storage", eval[string](`JSON.stringify(sessionStorage) + JSON.stringify(localStorage)`)); strings.Contains(stored, "access") || strings.Contains(stored, "refresh") {
		t.Errorf("a token is kept in the page's storage: %s", stored)
	}

	// A second tab (a Ctrl-click) opens on a page, logged in.
	tab, cancel := chromedp.NewContext(c.ctx)
	defer cancel()
	if err := chromedp.Do(tab); err != nil { // opened without a timeout, which would close it
		t.Fatal(err)
	}
	second := &console{t: t, env: c.env, base: c.base, ctx: tab}
	second.run("open a second tab", chromedp.Navigate(c.base+"/#/venues"),
		chromedp.WaitVisible(chromedp.CSS(`#venue-results[data-state="ready"] #venue-table`)))
	if n := get(second, "login form in the second tab", eval[int](`document.querySelectorAll('#login-form').length`)); n != 0 {
		t.Error("the second tab asks for a login")
	}
	// Both tabs keep working: each has its own access token, the cookie rotates.
	first, other := c.session(), second.session()
	if first.Access == "" || other.Access == "" || first.Access == other.Access {
		t.Errorf("the tabs' access tokens: %q and %q, want two", first.Access, other.Access)
	}
	c.run("the first tab still works", goTo("#/review"), chromedp.WaitVisible(chromedp.CSS(`#review-queue ul, #review-queue .empty`)))

	// Logging out in the first tab ends the session: the second is asked to log in.
	c.run("log out", chromedp.Click(chromedp.CSS("#logout")), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	second.run("the second tab after the logout", goTo("#/review"), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	c.env.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: other.Access}).Must(t, http.StatusUnauthorized)
	// And a new tab asks for a login too.
	third, cancel3 := chromedp.NewContext(c.ctx)
	defer cancel3()
	if err := chromedp.Do(third); err != nil {
		t.Fatal(err)
	}
	tc := &console{t: t, env: c.env, base: c.base, ctx: third}
	tc.run("a new tab after the logout", chromedp.Navigate(c.base+"/#/dashboard"), chromedp.WaitVisible(chromedp.CSS("#login-form")))
	c.noErrors()
}
