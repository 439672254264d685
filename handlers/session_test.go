package handlers_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// sessionPair is what a login or a refresh answers.
type sessionPair struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

func sessLogin(t *testing.T, e *apptest.Env, username string) sessionPair {
	t.Helper()
	var s sessionPair
	e.Post("", "/api/v1/auth/login", map[string]string{"username": username, "password": apptest.Password}).Must(t, 200).JSON(t, &s)
	return s
}

func sessMe(e *apptest.Env, token string) int {
	return e.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: token}).Status
}

// sessAdmin creates an active admin and returns their id.
func sessAdmin(t *testing.T, e *apptest.Env, username string) string {
	t.Helper()
	return e.Post("admin", "/api/v1/users", map[string]any{"username": username, "name": "管理员", "role": "admin",
		"org_unit_id": e.Unit("lc"), "password": apptest.Password}).Must(t, http.StatusCreated).Map(t)["id"].(string)
}

func sessPatch(e *apptest.Env, as, path string, body map[string]any) *apptest.Response {
	return e.Do(apptest.Request{Method: "PATCH", Path: path, As: as, Body: body, Header: map[string]string{"If-Match": "*"}})
}

// tokenClaims reads a token's payload without checking it.
func tokenClaims(t *testing.T, token string) map[string]any {
	t.Helper()
	parts := strings.Split(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSessionsEndAtOnce(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)

	// Ensure an old access token stops working the moment its user is
	// deactivated, demoted, moved or given a new password: it can no longer
	// read, nor make a new admin.
	for _, tc := range []struct {
		name   string
		change map[string]any
	}{
		{"Deactivated", map[string]any{"active": false}},
		{"Demoted", map[string]any{"role": "supervisor", "org_unit_id": e.Unit("dcf")}},
		{"Moved", map[string]any{"org_unit_id": e.Unit("dcf")}},
		{"NewPassword", map[string]any{"password": "another-password-1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := "adm-" + strings.ToLower(tc.name)
			id := sessAdmin(t, e, name)
			s := sessLogin(t, e, name)
			if got := sessMe(e, s.AccessToken); got != 200 {
				t.Fatalf("before the change: %d", got)
			}
			sessPatch(e, "admin", "/api/v1/users/"+id, tc.change).Must(t, 200)
			if got := sessMe(e, s.AccessToken); got != 401 {
				t.Fatalf("GET /me with the old token: %d, want 401", got)
			}
			r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: s.AccessToken,
				Body: map[string]any{"username": name + "-x", "name": "x", "role": "admin", "org_unit_id": e.Unit("lc"), "password": apptest.Password}})
			if r.Status != 401 {
				t.Fatalf("POST /users with the old token: %d, want 401: %s", r.Status, r.Body)
			}
		})
	}

	t.Run("Logout", func(t *testing.T) {
		// Ensure logging out ends the access token of that session at once,
		// and leaves the user's other sessions alone; logging out with an
		// empty body ends them all.
		sessAdmin(t, e, "adm-logout")
		phone, laptop, tablet := sessLogin(t, e, "adm-logout"), sessLogin(t, e, "adm-logout"), sessLogin(t, e, "adm-logout")
		e.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: phone.AccessToken,
			Body: map[string]string{"refresh_token": phone.RefreshToken}}).Must(t, http.StatusNoContent)
		if got := sessMe(e, phone.AccessToken); got != 401 {
			t.Fatalf("the logged-out session's access token: %d, want 401", got)
		}
		if got := sessMe(e, laptop.AccessToken); got != 200 {
			t.Fatalf("another session's access token: %d, want 200", got)
		}
		e.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: laptop.AccessToken}).Must(t, http.StatusNoContent)
		if got := sessMe(e, tablet.AccessToken); got != 401 {
			t.Fatalf("after logging out everywhere: %d, want 401", got)
		}
	})

	t.Run("SubjectGone", func(t *testing.T) {
		// Ensure a token whose user no longer exists is refused.
		id := sessAdmin(t, e, "adm-gone")
		s := sessLogin(t, e, "adm-gone")
		if err := e.DB.Exec("DELETE FROM users WHERE id = ?", id).Error; err != nil {
			t.Fatal(err)
		}
		e.App = app.New(e.Cfg, e.DB) // a replica that has not seen them yet
		if got := sessMe(e, s.AccessToken); got != 401 {
			t.Fatalf("GET /me as a deleted user: %d, want 401", got)
		}
	})

	t.Run("LongLived", func(t *testing.T) {
		// Ensure a token made to live longer than the cap is refused, even
		// with a live session, and that the configuration refuses a longer
		// ACCESS_TOKEN_TTL.
		id := sessAdmin(t, e, "adm-long")
		s := sessLogin(t, e, "adm-long")
		c := tokenClaims(t, s.AccessToken)
		now := time.Now()
		sign := func(life time.Duration) string {
			tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"role": "admin", "org": c["org"], "sid": c["sid"],
				"iss": "jiuxiao", "sub": id, "iat": now.Unix(), "exp": now.Add(life).Unix()}).SignedString([]byte(e.Cfg.JWTSecret))
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		if got := sessMe(e, sign(10*time.Minute)); got != 200 {
			t.Fatalf("a 10-minute token of a live session: %d, want 200", got)
		}
		if got := sessMe(e, sign(models.MaxAccessTTL+time.Hour)); got != 401 {
			t.Fatalf("a token living %s: %d, want 401", models.MaxAccessTTL+time.Hour, got)
		}
		_, err := app.LoadEnv(map[string]string{"APP_ENV": "test", "JWT_SECRET": strings.Repeat("k", 40), "ACCESS_TOKEN_TTL": "2h"})
		if err == nil || !strings.Contains(err.Error(), "ACCESS_TOKEN_TTL") {
			t.Fatalf("ACCESS_TOKEN_TTL=2h: %v, want refused", err)
		}
	})

	t.Run("Sessionless", func(t *testing.T) {
		// Ensure a token that names no session (only JWT_SECRET makes one)
		// is refused outside development and test.
		id := e.User("admin")
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"role": "admin", "iss": "jiuxiao", "sub": id,
			"exp": time.Now().Add(time.Minute).Unix()}).SignedString([]byte(e.Cfg.JWTSecret))
		if err != nil {
			t.Fatal(err)
		}
		strict := &models.Auth{Secret: []byte(e.Cfg.JWTSecret), AccessTTL: e.Cfg.AccessTTL}
		if _, err := strict.Verify(context.Background(), e.DB, tok); !errors.Is(err, models.ErrUnauthorized) {
			t.Fatalf("a sessionless token: %v, want ErrUnauthorized", err)
		}
		lenient := &models.Auth{Secret: []byte(e.Cfg.JWTSecret), AccessTTL: e.Cfg.AccessTTL, AllowSessionless: true}
		if a, err := lenient.Verify(context.Background(), e.DB, tok); err != nil || a.Role != vocab.Admin {
			t.Fatalf("a sessionless token in development: %+v %v", a, err)
		}
	})
}

func TestSessionsCurrentRoleAcrossReplicas(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure the role and unit a request acts with are the user's current
	// ones, read from the database, and that a change made elsewhere (here
	// straight in SQL, as another replica would) applies within
	// models.SessionCacheTTL.
	id := sessAdmin(t, e, "adm-demoted")
	s := sessLogin(t, e, "adm-demoted")
	replica := app.New(e.Cfg, e.DB)
	me := func() int {
		req, _ := http.NewRequest("GET", "/api/v1/users", nil)
		req.Header.Set("Authorization", "Bearer "+s.AccessToken)
		resp, err := replica.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := me(); got != 200 {
		t.Fatalf("GET /users as an admin: %d", got)
	}
	if err := e.DB.Exec("UPDATE users SET role = 'officer', org_unit_id = ? WHERE id = ?", e.Unit("dcf-1"), id).Error; err != nil {
		t.Fatal(err)
	}
	time.Sleep(models.SessionCacheTTL + 100*time.Millisecond)
	if got := me(); got != 200 {
		t.Fatalf("GET /users as an officer: %d, want 200 (themself only)", got)
	}
	var list struct {
		Items []map[string]any `json:"items"`
	}
	e.Do(apptest.Request{Method: "GET", Path: "/api/v1/users", Token: s.AccessToken}).Must(t, 200).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0]["id"] != id {
		t.Fatalf("the demoted admin lists %d users, want only themself", len(list.Items))
	}
	r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/users", Token: s.AccessToken,
		Body: map[string]any{"username": "made-by-demoted", "name": "x", "role": "admin", "org_unit_id": e.Unit("lc"), "password": apptest.Password}})
	if r.Status != 403 {
		t.Fatalf("POST /users by the demoted admin: %d, want 403: %s", r.Status, r.Body)
	}

	// Deactivated on another replica: refused here within the cache's life.
	if err := e.DB.Exec("UPDATE users SET active = false WHERE id = ?", id).Error; err != nil {
		t.Fatal(err)
	}
	time.Sleep(models.SessionCacheTTL + 100*time.Millisecond)
	if got := me(); got != 401 {
		t.Fatalf("after deactivation elsewhere: %d, want 401", got)
	}
}

func TestRefreshGrace(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	refresh := func(tok string) *apptest.Response {
		return e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": tok})
	}

	t.Run("Parallel", func(t *testing.T) {
		// Ensure two refreshes at once with the same token both answer the
		// same new pair, which then works.
		s := sessLogin(t, e, "sup-dcf-1")
		var wg sync.WaitGroup
		answers := make([]*apptest.Response, 2)
		for i := range answers {
			wg.Go(func() { answers[i] = refresh(s.RefreshToken) })
		}
		wg.Wait()
		var a, b sessionPair
		answers[0].Must(t, 200).JSON(t, &a)
		answers[1].Must(t, 200).JSON(t, &b)
		if a != b || a.RefreshToken == s.RefreshToken {
			t.Fatalf("two answers differ or did not rotate:\n%+v\n%+v", a, b)
		}
		if got := sessMe(e, a.AccessToken); got != 200 {
			t.Fatalf("the new access token: %d", got)
		}
		var c sessionPair
		refresh(a.RefreshToken).Must(t, 200).JSON(t, &c)
		if c.RefreshToken == a.RefreshToken {
			t.Fatal("the next refresh did not rotate")
		}
	})

	t.Run("RetryThenReuse", func(t *testing.T) {
		// Ensure a retry answers the same pair, and that reuse after the
		// new token was used still revokes the whole family.
		s := sessLogin(t, e, "sup-dcf-2")
		var first, again, next sessionPair
		refresh(s.RefreshToken).Must(t, 200).JSON(t, &first)
		refresh(s.RefreshToken).Must(t, 200).JSON(t, &again)
		if first != again {
			t.Fatalf("a retry answered another pair:\n%+v\n%+v", first, again)
		}
		refresh(first.RefreshToken).Must(t, 200).JSON(t, &next)
		refresh(s.RefreshToken).Must(t, 401)
		refresh(next.RefreshToken).Must(t, 401)
		if got := sessMe(e, next.AccessToken); got != 401 {
			t.Fatalf("the access token of a revoked family: %d, want 401", got)
		}
	})

	t.Run("AfterWindow", func(t *testing.T) {
		// Ensure reuse after the grace window revokes the family, as before.
		s := sessLogin(t, e, "sup-kfq-1")
		var first sessionPair
		refresh(s.RefreshToken).Must(t, 200).JSON(t, &first)
		err := e.DB.Exec("UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => ?) WHERE used_at IS NOT NULL",
			(models.RefreshGrace + time.Second).Seconds()).Error
		if err != nil {
			t.Fatal(err)
		}
		refresh(s.RefreshToken).Must(t, 401)
		refresh(first.RefreshToken).Must(t, 401)
	})
}
