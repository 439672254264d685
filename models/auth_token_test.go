package models

import (
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
)

// Ensure a token Verify has checked once is still refused when it expires,
// and that remembering tokens does not let a different text through: the
// same claims signed with another secret, or the token's text altered.
func TestCheckTokenRemembered(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	a := &Auth{Secret: []byte("secret-one-0123456789abcdef012345"), AccessTTL: 15 * time.Minute, Now: func() time.Time { return now }}
	u := User{ID: uuid.New(), Role: vocab.Officer, OrgUnitID: uuid.New()}
	s, err := a.pair(u, uuid.New(), "refresh", now)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the first check, then the remembered one
		got, err := a.checkToken(s.AccessToken)
		if err != nil || got.user != u.ID {
			t.Fatalf("check %d: %+v, %v", i, got, err)
		}
	}
	other := &Auth{Secret: []byte("secret-two-0123456789abcdef012345"), AccessTTL: 15 * time.Minute, Now: a.Now}
	forged, err := other.pair(u, uuid.New(), "refresh", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.checkToken(forged.AccessToken); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("a token of another secret: %v", err)
	}
	if _, err := a.checkToken(s.AccessToken + "x"); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("an altered token: %v", err)
	}
	now = now.Add(15*time.Minute - time.Second)
	if _, err := a.checkToken(s.AccessToken); err != nil {
		t.Fatalf("a second before it expires: %v", err)
	}
	now = now.Add(time.Second)
	if _, err := a.checkToken(s.AccessToken); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("the remembered token at its expiry: %v", err)
	}
}
