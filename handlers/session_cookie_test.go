package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// refreshCookie is the jx_refresh cookie an answer sets: its value and the
// Set-Cookie line.
func refreshCookie(t *testing.T, r *apptest.Response) (string, string) {
	t.Helper()
	for _, line := range r.Header.Values("Set-Cookie") {
		if v, ok := strings.CutPrefix(line, "jx_refresh="); ok {
			value, _, _ := strings.Cut(v, ";")
			return value, line
		}
	}
	t.Fatalf("no jx_refresh cookie in %v", r.Header.Values("Set-Cookie"))
	return "", ""
}

var consoleHeader = map[string]string{"X-Requested-With": "jiuxiao-console"}

func cookieLogin(t *testing.T, e *apptest.Env, username string) (access, cookie string) {
	t.Helper()
	r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/login", Header: consoleHeader,
		Body: map[string]string{"username": username, "password": apptest.Password}}).Must(t, http.StatusOK)
	body := r.Map(t)
	if _, ok := body["refresh_token"]; ok {
		t.Errorf("in cookie mode the login's body still has the refresh token: %v", body)
	}
	cookie, line := refreshCookie(t, r)
	for _, want := range []string{"HttpOnly", "SameSite=Strict", "Path=/api/v1/auth", "Secure"} {
		if !strings.Contains(strings.ToLower(line), strings.ToLower(want)) {
			t.Errorf("the refresh cookie lacks %s: %s", want, line)
		}
	}
	return body["access_token"].(string), cookie
}

func cookieRefresh(e *apptest.Env, cookie string, header map[string]string) *apptest.Response {
	h := map[string]string{"Cookie": "jx_refresh=" + cookie}
	for k, v := range header {
		h[k] = v
	}
	return e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/refresh", Header: h})
}

// TestRefreshCookie: the console's refresh token lives in an httpOnly
// cookie, which POST /auth/refresh takes in place of a body only with
// X-Requested-With; it rotates like a body's token, and logout ends its
// session and clears it.
func TestRefreshCookie(t *testing.T) {
	e := apptest.New(t)
	const user = "sup-dcf-1"

	t.Run("RefreshByCookie", func(t *testing.T) {
		_, cookie := cookieLogin(t, e, user)
		r := cookieRefresh(e, cookie, consoleHeader).Must(t, http.StatusOK)
		next, _ := refreshCookie(t, r)
		if next == "" || next == cookie {
			t.Errorf("the refresh did not rotate the cookie: %q", next)
		}
		access := r.Map(t)["access_token"].(string)
		if s := sessMe(e, access); s != http.StatusOK {
			t.Errorf("the refreshed access token answers %d", s)
		}
		// Within the grace the same cookie answers again (two tabs at once).
		cookieRefresh(e, cookie, consoleHeader).Must(t, http.StatusOK)
		cookieRefresh(e, next, consoleHeader).Must(t, http.StatusOK)
	})

	t.Run("NoHeaderNoCookie", func(t *testing.T) {
		_, cookie := cookieLogin(t, e, user)
		// Without the header (a form another site posts) the cookie is not used.
		cookieRefresh(e, cookie, nil).Must(t, http.StatusBadRequest)
		cookieRefresh(e, cookie, consoleHeader).Must(t, http.StatusOK)
	})

	t.Run("BadCookieCleared", func(t *testing.T) {
		r := cookieRefresh(e, "not-a-token", consoleHeader).Must(t, http.StatusUnauthorized)
		if v, line := refreshCookie(t, r); v != "" || !strings.Contains(line, "expires=") {
			t.Errorf("a refused cookie is not cleared: %s", line)
		}
	})

	t.Run("BodyModeUnchanged", func(t *testing.T) {
		s := sessLogin(t, e, user)
		if s.RefreshToken == "" {
			t.Fatal("without the header the login's body has no refresh token")
		}
		r := e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": s.RefreshToken}).Must(t, http.StatusOK)
		if len(r.Header.Values("Set-Cookie")) != 0 {
			t.Errorf("a body-mode refresh set a cookie: %v", r.Header.Values("Set-Cookie"))
		}
	})

	t.Run("Logout", func(t *testing.T) {
		access, cookie := cookieLogin(t, e, user)
		other := sessLogin(t, e, user) // a phone's session stays
		h := map[string]string{"Cookie": "jx_refresh=" + cookie, "X-Requested-With": "jiuxiao-console"}
		r := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Token: access, Header: h}).Must(t, http.StatusNoContent)
		if v, _ := refreshCookie(t, r); v != "" {
			t.Errorf("logout did not clear the cookie: %q", v)
		}
		if s := sessMe(e, access); s != http.StatusUnauthorized {
			t.Errorf("after logout the access token answers %d", s)
		}
		cookieRefresh(e, cookie, consoleHeader).Must(t, http.StatusUnauthorized)
		if s := sessMe(e, other.AccessToken); s != http.StatusOK {
			t.Errorf("the console's logout ended another session: %d", s)
		}
	})

	t.Run("Deactivated", func(t *testing.T) {
		id := sessAdmin(t, e, "cookie-admin")
		_, cookie := cookieLogin(t, e, "cookie-admin")
		sessPatch(e, "admin", "/api/v1/users/"+id, map[string]any{"active": false}).Must(t, http.StatusOK)
		cookieRefresh(e, cookie, consoleHeader).Must(t, http.StatusUnauthorized)
	})

	t.Run("Clock", func(t *testing.T) {
		var c struct{ Today, TZ, Now string }
		e.Get(user, "/api/v1/clock").Must(t, http.StatusOK).JSON(t, &c)
		want := time.Now().In(e.Cfg.Location).Format("2006-01-02")
		if c.Today != want || c.TZ != e.Cfg.Location.String() {
			t.Errorf("clock says %+v, want today %s in %s", c, want, e.Cfg.Location)
		}
	})
}
