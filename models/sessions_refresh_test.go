package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// Ensure RefreshSessions reads again what a replica keeps of the sessions
// in use: a change made elsewhere (here straight in the database, as by
// another replica, which this one is not told of) applies from the next
// request after it, not once the cached state ages out. The steps follow
// each other well within SessionCacheTTL, so without the refresh each
// request would still be answered from the cache.
func TestRefreshSessions(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 10})
	ctx := context.Background()
	a := &models.Auth{Secret: []byte(e.Cfg.JWTSecret)}
	tok := e.Token("off-dcf-1-g1")
	user := e.User("off-dcf-1-g1")
	if err := a.RefreshSessions(ctx, e.DB); err != nil { // nothing to refresh yet
		t.Fatal(err)
	}
	act, err := a.Verify(ctx, e.DB, tok)
	if err != nil || act.Role != vocab.Officer {
		t.Fatalf("the officer's token: %+v, %v", act, err)
	}

	for _, step := range []struct {
		name, sql string
		role      vocab.Role // "" for refused
	}{
		{"made a supervisor", "UPDATE users SET role = 'supervisor' WHERE id = ?", vocab.Supervisor},
		{"deactivated", "UPDATE users SET active = false WHERE id = ?", ""},
		{"active again", "UPDATE users SET active = true, role = 'officer' WHERE id = ?", vocab.Officer},
		{"its session ended", "UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ?", ""},
	} {
		if err := e.DB.Exec(step.sql, user).Error; err != nil {
			t.Fatal(err)
		}
		if err := a.RefreshSessions(ctx, e.DB); err != nil {
			t.Fatal(err)
		}
		act, err := a.Verify(ctx, e.DB, tok)
		switch {
		case step.role == "" && !errors.Is(err, models.ErrUnauthorized):
			t.Errorf("%s: still accepted (%+v, %v)", step.name, act, err)
		case step.role != "" && (err != nil || act.Role != step.role):
			t.Errorf("%s: %+v, %v; want role %s", step.name, act, err, step.role)
		}
	}
}
