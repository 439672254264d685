package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func login(e *apptest.Env, username, password string) *apptest.Response {
	e.T.Helper()
	return e.Post("", "/api/v1/auth/login", map[string]string{"username": username, "password": password})
}

func TestLogin(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)

	t.Run("OK", func(t *testing.T) {
		// Ensure a demo account logs in and gets both tokens and itself.
		var s struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
			TokenType    string `json:"token_type"`
			ExpiresIn    int    `json:"expires_in"`
			User         struct {
				Username string   `json:"username"`
				Role     string   `json:"role"`
				GridIDs  []string `json:"grid_ids"`
			} `json:"user"`
		}
		login(e, "off-dcf-1-g1", apptest.Password).Must(t, 200).JSON(t, &s)
		apptest.True(t, "session: s.AccessToken is not \"\"", s.AccessToken != "", s.AccessToken)
		apptest.True(t, "session: s.RefreshToken is not \"\"", s.RefreshToken != "", s.RefreshToken)
		apptest.Equal(t, "session: s.TokenType", s.TokenType, "Bearer")
		apptest.Equal(t, "session: s.ExpiresIn", s.ExpiresIn, 900)
		apptest.Equal(t, "user: s.User.Username", s.User.Username, "off-dcf-1-g1")
		apptest.Equal(t, "user: s.User.Role", s.User.Role, "officer")
		apptest.Equal(t, "user: len(s.User.GridIDs)", len(s.User.GridIDs), 1)
		me := e.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}).Must(t, 200).Map(t)
		if me["username"] != "off-dcf-1-g1" {
			t.Fatalf("me = %v", me)
		}
		if _, leaked := me["password_hash"]; leaked {
			t.Fatal("the password hash is in the response")
		}
	})
	t.Run("ErrBadPassword", func(t *testing.T) {
		r := login(e, "sup-dcf-1", "not-the-password").Must(t, 401)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Fatalf("content type %q", ct)
		}
		if p := r.Map(t); p["status"] != float64(401) || p["title"] == "" || p["type"] == "" {
			t.Fatalf("problem = %v", p)
		}
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		login(e, "nobody", apptest.Password).Must(t, 401)
	})
	t.Run("ErrMissingFields", func(t *testing.T) {
		p := e.Post("", "/api/v1/auth/login", map[string]string{"username": "admin"}).Must(t, 422).Map(t)
		errs, _ := p["errors"].([]any)
		apptest.Equal(t, "errors: len(errs)", len(errs), 1)
		apptest.Equal(t, "errors: errs[0].(map[string]any)[\"field\"]", errs[0].(map[string]any)["field"], "password")
	})
	t.Run("ErrNotJSON", func(t *testing.T) {
		e.Post("", "/api/v1/auth/login", "{username: admin").Must(t, 400)
	})
	t.Run("ErrWrongType", func(t *testing.T) {
		p := e.Post("", "/api/v1/auth/login", `{"username": 12, "password": "x"}`).Must(t, 422).Map(t)
		if errs := p["errors"].([]any); errs[0].(map[string]any)["field"] != "username" {
			t.Fatalf("errors = %v", errs)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure parallel wrong guesses cannot get past the limit: of 60 at once,
	// more than LOGIN_MAX_FAILURES_PER_ADDR, at most LOGIN_MAX_FAILURES are
	// checked and the rest answer 429; and that the refused ones do not
	// count against the address, whose other accounts still log in.
	const attempts = 60
	var wg sync.WaitGroup
	statuses := make(chan int, attempts)
	for range attempts {
		wg.Go(func() { statuses <- login(e, "sup-kfq-1", "wrong-password").Status })
	}
	wg.Wait()
	close(statuses)
	counts := map[int]int{}
	for s := range statuses {
		counts[s]++
	}
	if counts[401] != e.Cfg.LoginMaxFailures || counts[429] != attempts-e.Cfg.LoginMaxFailures {
		t.Fatalf("statuses = %v, want %d × 401 and the rest 429", counts, e.Cfg.LoginMaxFailures)
	}
	r := login(e, "sup-kfq-1", apptest.Password).Must(t, 429)
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	// another account is not affected
	login(e, "sup-kfq-2", apptest.Password).Must(t, 200)
}

func TestTokens(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	secret := []byte(e.Cfg.JWTSecret)
	sign := func(method jwt.SigningMethod, key any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	adminID := e.User("admin")
	valid := jwt.MapClaims{"sub": adminID, "role": "admin", "iss": "jiuxiao", "exp": time.Now().Add(time.Minute).Unix()}
	expired := jwt.MapClaims{"sub": adminID, "role": "admin", "iss": "jiuxiao", "exp": time.Now().Add(-time.Minute).Unix()}
	good := sign(jwt.SigningMethodHS256, secret, valid)
	for _, tc := range []struct {
		name, token string
		want        int
	}{
		{"OK", good, 200},
		{"ErrNoToken", "", 401},
		{"ErrExpired", sign(jwt.SigningMethodHS256, secret, expired), 401},
		{"ErrTampered", good[:len(good)-4] + "AAAA", 401},
		{"ErrOtherSecret", sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-1234"), valid), 401},
		{"ErrAlgNone", sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid), 401},
		{"ErrHS512", sign(jwt.SigningMethodHS512, secret, valid), 401},
		{"ErrNoExpiry", sign(jwt.SigningMethodHS256, secret, jwt.MapClaims{"sub": adminID, "role": "admin", "iss": "jiuxiao"}), 401},
		{"ErrGarbage", "not.a.token", 401},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.Do(apptest.Request{Method: "GET", Path: "/api/v1/me", Token: tc.token})
			if r.Status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.want, r.Body)
			}
		})
	}
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	var first struct {
		RefreshToken string `json:"refresh_token"`
	}
	login(e, "admin", apptest.Password).Must(t, 200).JSON(t, &first)

	refresh := func(tok string) *apptest.Response {
		return e.Post("", "/api/v1/auth/refresh", map[string]string{"refresh_token": tok})
	}
	var second struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	refresh(first.RefreshToken).Must(t, 200).JSON(t, &second)
	if second.RefreshToken == first.RefreshToken {
		t.Fatal("refresh did not rotate the token")
	}
	// Ensure reusing a spent refresh token once the token it was exchanged
	// for has been used is refused and revokes its family. (A retry before
	// that answers the same pair: TestRefreshGrace.)
	var rotated struct {
		RefreshToken string `json:"refresh_token"`
	}
	refresh(second.RefreshToken).Must(t, 200).JSON(t, &rotated)
	refresh(first.RefreshToken).Must(t, 401)
	refresh(rotated.RefreshToken).Must(t, 401)
	refresh("made-up").Must(t, 401)

	// Ensure logout ends the session.
	var third struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	login(e, "admin", apptest.Password).Must(t, 200).JSON(t, &third)
	e.Do(apptest.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: third.AccessToken,
		Body: map[string]string{"refresh_token": third.RefreshToken}}).Must(t, http.StatusNoContent)
	refresh(third.RefreshToken).Must(t, 401)
}

func TestProductionRefusesExampleSecret(t *testing.T) {
	_, err := app.LoadEnv(map[string]string{"APP_ENV": "production", "JWT_SECRET": app.ExampleJWTSecret})
	if err == nil || !strings.Contains(err.Error(), "JWT_SECRET") {
		t.Fatalf("err = %v, want a JWT_SECRET error", err)
	}
	if _, err := app.LoadEnv(map[string]string{"APP_ENV": "production", "JWT_SECRET": strings.Repeat("k", 40)}); err != nil {
		t.Fatal(err)
	}
}
