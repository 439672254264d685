package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// Auth issues and checks credentials: short-lived JWT access tokens (HS256
// only) and long-lived, single-use, rotating refresh tokens stored hashed.
type Auth struct {
	Secret      []byte
	AccessTTL   time.Duration
	RefreshTTL  time.Duration
	MaxFailures int           // failed logins allowed per username and address in Window
	Window      time.Duration // the throttling window
	Now         func() time.Time
}

const issuer = "jiuxiao"

// Session is what a login or a refresh hands out.
type Session struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	User         User   `json:"user"`
}

type claims struct {
	Role    vocab.Role `json:"role"`
	OrgUnit uuid.UUID  `json:"org"`
	jwt.RegisteredClaims
}

func (a *Auth) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// dummyHash is compared against when the username is unknown, so that a
// login takes as long whether or not the account exists. It is made at
// BcryptCost on first use, the cost of real hashes.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("jiuxiao-no-such-user"), BcryptCost)
	return h
})

// Login checks a username and password. Failures are counted per username
// and client address before the password is checked, so that parallel
// attempts cannot overrun the limit: past it, a *ThrottledError. A wrong
// username or password, or an inactive account, is ErrUnauthorized.
func (a *Auth) Login(ctx context.Context, db *gorm.DB, username, password, addr string) (Session, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	key := username + "|" + addr
	var attempt struct {
		Failures    int
		WindowStart time.Time
	}
	err := db.WithContext(ctx).Raw(`INSERT INTO login_attempts AS a (key, failures, window_start) VALUES (?, 1, now())
		ON CONFLICT (key) DO UPDATE SET
		  failures = CASE WHEN a.window_start < now() - make_interval(secs => ?) THEN 1 ELSE a.failures + 1 END,
		  window_start = CASE WHEN a.window_start < now() - make_interval(secs => ?) THEN now() ELSE a.window_start END
		RETURNING failures, window_start`, key, a.Window.Seconds(), a.Window.Seconds()).Scan(&attempt).Error
	if err != nil {
		return Session{}, translate(err, "count login attempt")
	}
	if attempt.Failures > a.MaxFailures {
		wait := time.Until(attempt.WindowStart.Add(a.Window))
		return Session{}, &ThrottledError{RetryAfter: max(wait, time.Second)}
	}
	var u User
	err = db.WithContext(ctx).Where("username = ?", username).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		return Session{}, ErrBadCredentials
	} else if err != nil {
		return Session{}, translate(err, "read user")
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil || !u.Active {
		return Session{}, ErrBadCredentials
	}
	if err := db.WithContext(ctx).Exec("DELETE FROM login_attempts WHERE key = ?", key).Error; err != nil {
		return Session{}, translate(err, "reset login attempts")
	}
	if err := loadGrids(ctx, db, []*User{&u}); err != nil {
		return Session{}, err
	}
	return a.issue(ctx, db, u, newID())
}

// issue makes an access token and a refresh token of the given family.
func (a *Auth) issue(ctx context.Context, db *gorm.DB, u User, family uuid.UUID) (Session, error) {
	now := a.now()
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{
		Role:    u.Role,
		OrgUnit: u.OrgUnitID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   u.ID.String(),
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(a.AccessTTL)),
			ID:        newID().String(),
		},
	})
	access, err := tok.SignedString(a.Secret)
	if err != nil {
		return Session{}, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return Session{}, err
	}
	refresh := base64.RawURLEncoding.EncodeToString(raw)
	err = db.WithContext(ctx).Exec(`INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES (?, ?, ?, ?, ?)`,
		newID(), u.ID, family, hashToken(refresh), now.Add(a.RefreshTTL)).Error
	if err != nil {
		return Session{}, translate(err, "store refresh token")
	}
	return Session{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer", ExpiresIn: int(a.AccessTTL.Seconds()), User: u}, nil
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

// Refresh exchanges a refresh token for a new session. Each refresh token
// works once: presenting one that was already used is taken as theft, and
// revokes every token of its family. Unknown, used, revoked or expired
// tokens, and inactive users, are ErrUnauthorized.
func (a *Auth) Refresh(ctx context.Context, db *gorm.DB, refresh string) (Session, error) {
	var out Session
	var reused bool
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var t struct {
			UserID   uuid.UUID
			FamilyID uuid.UUID
		}
		err := tx.Raw(`UPDATE refresh_tokens SET used_at = now()
			WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
			RETURNING user_id, family_id`, hashToken(refresh)).Scan(&t).Error
		if err != nil {
			return translate(err, "use refresh token")
		}
		if t.UserID == uuid.Nil {
			var used struct{ FamilyID uuid.UUID }
			if err := tx.Raw(`SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL`, hashToken(refresh)).Scan(&used).Error; err != nil {
				return translate(err, "read refresh token")
			}
			reused = used.FamilyID != uuid.Nil
			if reused {
				if err := tx.Exec(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL`, used.FamilyID).Error; err != nil {
					return translate(err, "revoke token family")
				}
				return nil // commit the revocation, then refuse
			}
			return ErrUnauthorized
		}
		var u User
		if err := tx.Take(&u, "id = ? AND active", t.UserID).Error; err != nil {
			if errors.Is(err, gorm.ErrRecordNotFound) {
				return ErrUnauthorized
			}
			return translate(err, "read user")
		}
		if err := loadGrids(ctx, tx, []*User{&u}); err != nil {
			return err
		}
		out, err = a.issue(ctx, tx, u, t.FamilyID)
		return err
	})
	if err == nil && reused {
		err = ErrUnauthorized
	}
	return out, err
}

// Logout revokes the family of the given refresh token, or, when it is
// empty, every session of the user.
func (a *Auth) Logout(ctx context.Context, db *gorm.DB, userID uuid.UUID, refresh string) error {
	if refresh == "" {
		return revokeAllSessions(ctx, db, userID)
	}
	err := db.WithContext(ctx).Exec(`UPDATE refresh_tokens SET revoked_at = now()
		WHERE revoked_at IS NULL AND family_id IN (SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?)`,
		hashToken(refresh), userID).Error
	return translate(err, "revoke session")
}

func revokeAllSessions(ctx context.Context, db *gorm.DB, userID uuid.UUID) error {
	err := db.WithContext(ctx).Exec(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL`, userID).Error
	return translate(err, "revoke sessions")
}

// Verify checks an access token: HS256 only, signed with our secret, issued
// by Jiuxiao, not expired. Anything else is ErrUnauthorized.
func (a *Auth) Verify(token string) (Actor, error) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return a.Secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(a.now))
	if err != nil {
		return Actor{}, ErrUnauthorized
	}
	id, err := uuid.Parse(c.Subject)
	if err != nil {
		return Actor{}, ErrUnauthorized
	}
	if !c.Role.Valid() {
		return Actor{}, ErrUnauthorized
	}
	return Actor{UserID: id, Role: c.Role, OrgUnitID: c.OrgUnit}, nil
}
