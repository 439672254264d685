package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
)

func TestLoginSprayFromOneAddress(t *testing.T) {
	t.Parallel()
	const perAddr = 8
	e := apptest.New(t, apptest.Options{Config: func(c *app.Config) { c.LoginAddrMax = perAddr }})
	try := func(username, password string) *apptest.Response {
		return e.Post("", "/api/v1/auth/login", map[string]string{"username": username, "password": password})
	}
	// Ensure successful logins do not count against the address.
	for range perAddr + 2 {
		try("sup-dcf-1", apptest.Password).Must(t, 200)
	}
	// Ensure one address trying a password over many usernames is stopped
	// after LOGIN_MAX_FAILURES_PER_ADDR failures, though no username was
	// tried twice, and that the address is then refused even the right
	// password, with Retry-After.
	for i := range perAddr {
		try(fmt.Sprintf("off-guess-%d", i), apptest.Password).Must(t, 401)
	}
	r := try("off-guess-last", apptest.Password).Must(t, 429)
	if r.Header.Get("Retry-After") == "" {
		t.Fatal("429 without Retry-After")
	}
	try("sup-dcf-2", apptest.Password).Must(t, 429)
	// A refusal writes no counter for the username it named.
	var rows int64
	if err := e.DB.Raw("SELECT count(*) FROM login_attempts WHERE key LIKE 'off-guess-last|%'").Scan(&rows).Error; err != nil || rows != 0 {
		t.Fatalf("counters of the refused username: %d (%v)", rows, err)
	}
}

func TestLoginBcryptBound(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure a login that finds every bcrypt slot taken is refused at once
	// with a ThrottledError (429 + Retry-After) rather than queued, and
	// that the refusal is not counted as a failure.
	gate := make(chan struct{}, 1)
	gate <- struct{}{} // every slot busy
	auth := &models.Auth{Secret: []byte(e.Cfg.JWTSecret), AccessTTL: e.Cfg.AccessTTL, RefreshTTL: e.Cfg.RefreshTTL,
		MaxFailures: 5, MaxAddrFailures: 30, Window: time.Minute, Gate: gate, GateWait: time.Millisecond}
	ctx := context.Background()
	_, err := auth.Login(ctx, e.DB, "sup-dcf-1", apptest.Password, "192.0.2.1")
	var terr *models.ThrottledError
	if !errors.As(err, &terr) || terr.RetryAfter <= 0 {
		t.Fatalf("login with no slot free: %v, want a ThrottledError", err)
	}
	var failures int64
	if err := e.DB.Raw("SELECT coalesce(sum(failures), 0) FROM login_attempts").Scan(&failures).Error; err != nil || failures != 0 {
		t.Fatalf("failures counted for the refusal: %d (%v)", failures, err)
	}
	<-gate // a slot frees
	if _, err := auth.Login(ctx, e.DB, "sup-dcf-1", apptest.Password, "192.0.2.1"); err != nil {
		t.Fatalf("login with a slot free: %v", err)
	}
	if len(gate) != 0 {
		t.Fatal("the login kept its slot")
	}
}

func TestPurgeAuth(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	// Ensure spent login counters and long-expired refresh tokens are
	// purged, and current ones kept.
	sessLogin(t, e, "admin")
	for _, q := range []string{
		"INSERT INTO login_attempts (key, failures, window_start) VALUES ('old|1', 3, now() - interval '2 hours'), ('new|1', 3, now())",
		`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
		 SELECT id, uuid_v7(), '\x01'::bytea, now() - interval '2 days' FROM users WHERE username = 'admin'`,
	} {
		if err := e.DB.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	attempts, tokens, err := models.PurgeAuth(context.Background(), e.DB, 15*time.Minute)
	if err != nil || attempts != 1 || tokens != 1 {
		t.Fatalf("purged %d attempts and %d tokens (%v), want 1 and 1", attempts, tokens, err)
	}
	var left int64
	e.DB.Raw("SELECT count(*) FROM login_attempts WHERE key = 'new|1'").Scan(&left)
	if left != 1 {
		t.Fatal("a current counter was purged")
	}
	e.DB.Raw("SELECT count(*) FROM refresh_tokens WHERE expires_at > now()").Scan(&left)
	if left != 1 {
		t.Fatalf("%d live refresh tokens left, want 1", left)
	}
}
