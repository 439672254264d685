package models

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"
)

// Auth issues and checks credentials: short-lived JWT access tokens (HS256
// only) and long-lived, single-use, rotating refresh tokens stored hashed.
// Every access token names its session (the family of its refresh tokens),
// and each request checks that session and the user's row, so a logout, a
// deactivation or a change of password, role or unit ends it at once.
type Auth struct {
	Secret     []byte
	AccessTTL  time.Duration
	RefreshTTL time.Duration
	// MaxFailures is the failed logins allowed per username and address in
	// Window; MaxAddrFailures those per address whatever the username (0: no
	// limit).
	MaxFailures     int
	MaxAddrFailures int
	Window          time.Duration // the throttling window
	// BcryptSlots bounds the password checks in flight (0: GOMAXPROCS). A
	// login that finds no slot free within GateWait (0: one second) is
	// refused with 429 rather than queued. Gate, when set, is the semaphore
	// itself.
	BcryptSlots int
	GateWait    time.Duration
	Gate        chan struct{}
	// AllowSessionless accepts access tokens that name no session, checked
	// against the user's row alone. Only JWT_SECRET can make them (tests and
	// the load harness mint them); development and test only.
	AllowSessionless bool
	Now              func() time.Time

	gateOnce   sync.Once
	cache      sessionCache
	tokensOnce sync.Once
	tokens     *lru.Cache[string, checkedToken]
}

const issuer = "jiuxiao"

// MaxAccessTTL caps an access token's lifetime: the configuration refuses a
// longer ACCESS_TOKEN_TTL, and Verify a token whose exp is further from its
// iat (or, without iat, from now).
const MaxAccessTTL = time.Hour

// RefreshGrace is how long a used refresh token still answers the pair it
// was exchanged for, so that a retried or doubled refresh (a phone that lost
// the answer) does not log its user out. Later, reuse revokes the family.
const RefreshGrace = 30 * time.Second

// SessionCacheTTL is how long a replica trusts what it read of a session
// and its user: another replica's logout or change of the user takes effect
// here within it (this replica's own changes at once).
const SessionCacheTTL = time.Second

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
	Session uuid.UUID  `json:"sid"`
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

// Login checks a username and password. Attempts are counted per client
// address (whatever the username) and per username and address before the
// password is checked, so that parallel attempts cannot overrun the limits:
// past either, a *ThrottledError. A successful login does not count. The
// bcrypt work in flight is bounded: with no slot free in time, a
// *ThrottledError too. A wrong username or password, or an inactive account,
// is ErrBadCredentials.
func (a *Auth) Login(ctx context.Context, db *gorm.DB, username, password, addr string) (Session, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	userKey, addrKey := username+"|"+addr, "|"+addr
	var counted []string
	if a.MaxAddrFailures > 0 {
		if err := a.admit(ctx, db, addrKey, a.MaxAddrFailures); err != nil {
			return Session{}, err
		}
		counted = append(counted, addrKey)
	}
	if err := a.admit(ctx, db, userKey, a.MaxFailures); err != nil {
		a.uncount(ctx, db, counted...)
		return Session{}, err
	}
	counted = append(counted, userKey)
	release, err := a.acquire(ctx)
	if err != nil {
		a.uncount(ctx, db, counted...)
		return Session{}, err
	}
	var u User
	err = db.WithContext(ctx).Where("username = ?", username).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(password))
		release()
		return Session{}, ErrBadCredentials
	} else if err != nil {
		release()
		return Session{}, translate(err, "read user")
	}
	wrong := bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(password)) != nil
	release()
	if wrong || !u.Active {
		return Session{}, ErrBadCredentials
	}
	if err := db.WithContext(ctx).Exec("DELETE FROM login_attempts WHERE key = ?", userKey).Error; err != nil {
		return Session{}, translate(err, "reset login attempts")
	}
	if a.MaxAddrFailures > 0 {
		a.uncount(ctx, db, addrKey)
	}
	if err := loadGrids(ctx, db, []*User{&u}); err != nil {
		return Session{}, err
	}
	refresh, err := newRefreshToken()
	if err != nil {
		return Session{}, err
	}
	return a.issue(ctx, db, u, newID(), refresh)
}

// admit counts one attempt under key, refusing it past limit in the
// window; a refused attempt is taken back, so that the counters hold the
// attempts let through alone. Otherwise a burst of wrong passwords for one
// account, refused by the address's limit while the account's had yet to
// refuse and take back the others, left its address locked for the window
// (60 at once, on a pool of 4).
func (a *Auth) admit(ctx context.Context, db *gorm.DB, key string, limit int) error {
	err := countAttempt(ctx, db, key, limit, a.Window)
	var throttled *ThrottledError
	if errors.As(err, &throttled) {
		a.uncount(ctx, db, key)
	}
	return err
}

// countAttempt is the one limiter of attempts shared by every replica (the
// login_attempts table): it counts one attempt under key and refuses it, a
// *ThrottledError with the time left in the window, past limit attempts in
// a window. Logins key it by username and address; public reports by
// address and by venue (report-addr|…, report-venue|…).
func countAttempt(ctx context.Context, db *gorm.DB, key string, limit int, window time.Duration) error {
	var attempt struct {
		Failures    int
		WindowStart time.Time
	}
	err := db.WithContext(ctx).Raw(`INSERT INTO login_attempts AS a (key, failures, window_start) VALUES (?, 1, now())
		ON CONFLICT (key) DO UPDATE SET
		  failures = CASE WHEN a.window_start < now() - make_interval(secs => ?) THEN 1 ELSE a.failures + 1 END,
		  window_start = CASE WHEN a.window_start < now() - make_interval(secs => ?) THEN now() ELSE a.window_start END
		RETURNING failures, window_start`, key, window.Seconds(), window.Seconds()).Scan(&attempt).Error
	if err != nil {
		return translate(err, "count attempt")
	}
	if attempt.Failures > limit {
		wait := time.Until(attempt.WindowStart.Add(window))
		return &ThrottledError{RetryAfter: max(wait, time.Second)}
	}
	return nil
}

// uncount takes back one attempt of each key: one refused before its
// password was checked, or a success. Best effort: the refusal or the
// session stands either way.
func (a *Auth) uncount(ctx context.Context, db *gorm.DB, keys ...string) {
	if len(keys) == 0 {
		return
	}
	_ = db.WithContext(ctx).Exec("UPDATE login_attempts SET failures = failures - 1 WHERE key IN ? AND failures > 0", keys).Error
}

// acquire takes a bcrypt slot, waiting at most GateWait.
func (a *Auth) acquire(ctx context.Context) (release func(), err error) {
	a.gateOnce.Do(func() {
		if a.Gate == nil {
			n := a.BcryptSlots
			if n <= 0 {
				n = runtime.GOMAXPROCS(0)
			}
			a.Gate = make(chan struct{}, n)
		}
	})
	gate := a.Gate
	release = func() { <-gate }
	select {
	case gate <- struct{}{}:
		return release, nil
	default:
	}
	wait := a.GateWait
	if wait <= 0 {
		wait = time.Second
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case gate <- struct{}{}:
		return release, nil
	case <-t.C:
	case <-ctx.Done():
	}
	return nil, &ThrottledError{RetryAfter: time.Second}
}

func newRefreshToken() (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(raw), nil
}

// mac is HMAC-SHA256 under the secret of what, labelled.
func (a *Auth) mac(label, what string) []byte {
	m := hmac.New(sha256.New, a.Secret)
	m.Write([]byte(label + ":" + what))
	return m.Sum(nil)
}

// successor is the refresh token that refresh is exchanged for: derived,
// not random, so that a retried refresh can answer the same one without
// the server keeping any token in clear.
func (a *Auth) successor(refresh string) string {
	return base64.RawURLEncoding.EncodeToString(a.mac("refresh", refresh))
}

// issue stores refresh as a new token of the given family and makes the
// session's pair.
func (a *Auth) issue(ctx context.Context, db *gorm.DB, u User, family uuid.UUID, refresh string) (Session, error) {
	iat := a.now().Truncate(time.Second)
	err := db.WithContext(ctx).Exec(`INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, issued_at) VALUES (?, ?, ?, ?, ?, ?)`,
		newID(), u.ID, family, hashToken(refresh), iat.Add(a.RefreshTTL), iat).Error
	if err != nil {
		return Session{}, translate(err, "store refresh token")
	}
	return a.pair(u, family, refresh, iat)
}

// pair makes the session of refresh issued at iat. The access token is
// deterministic (its id derives from the refresh token), so the same inputs
// make the same pair.
func (a *Auth) pair(u User, family uuid.UUID, refresh string, iat time.Time) (Session, error) {
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{
		Role:    u.Role,
		OrgUnit: u.OrgUnitID,
		Session: family,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			Subject:   u.ID.String(),
			IssuedAt:  jwt.NewNumericDate(iat),
			ExpiresAt: jwt.NewNumericDate(iat.Add(a.AccessTTL)),
			ID:        hex.EncodeToString(a.mac("jti", refresh)[:16]),
		},
	})
	access, err := tok.SignedString(a.Secret)
	if err != nil {
		return Session{}, err
	}
	return Session{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer", ExpiresIn: int(a.AccessTTL.Seconds()), User: u}, nil
}

func hashToken(t string) []byte {
	h := sha256.Sum256([]byte(t))
	return h[:]
}

// activeUser reads an active user with their grids, or ErrUnauthorized.
func activeUser(ctx context.Context, tx *gorm.DB, id uuid.UUID) (User, error) {
	var u User
	if err := tx.WithContext(ctx).Take(&u, "id = ? AND active", id).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return u, ErrUnauthorized
		}
		return u, translate(err, "read user")
	}
	return u, loadGrids(ctx, tx, []*User{&u})
}

// Refresh exchanges a refresh token for a new session. Each refresh token
// works once: presented again within RefreshGrace of its use, while the
// token it was exchanged for is still unused, it answers that same pair (a
// retry); any other reuse is taken as theft, and revokes every token of its
// family. Unknown, revoked or expired tokens, and inactive users, are
// ErrUnauthorized.
func (a *Auth) Refresh(ctx context.Context, db *gorm.DB, refresh string) (Session, error) {
	var out Session
	var revoked uuid.UUID // the user whose family was revoked
	next := a.successor(refresh)
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
		if t.UserID != uuid.Nil {
			u, err := activeUser(ctx, tx, t.UserID)
			if err != nil {
				return err
			}
			out, err = a.issue(ctx, tx, u, t.FamilyID, next)
			return err
		}
		var used struct {
			UserID   uuid.UUID
			FamilyID uuid.UUID
			Recent   bool
		}
		err = tx.Raw(`SELECT user_id, family_id, used_at > now() - make_interval(secs => ?) AND revoked_at IS NULL AS recent
			FROM refresh_tokens WHERE token_hash = ? AND used_at IS NOT NULL`, RefreshGrace.Seconds(), hashToken(refresh)).Scan(&used).Error
		if err != nil {
			return translate(err, "read refresh token")
		}
		if used.FamilyID == uuid.Nil {
			return ErrUnauthorized
		}
		if used.Recent {
			var succ struct{ IssuedAt *time.Time }
			err := tx.Raw(`SELECT issued_at FROM refresh_tokens WHERE token_hash = ? AND family_id = ?
				AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()`, hashToken(next), used.FamilyID).Scan(&succ).Error
			if err != nil {
				return translate(err, "read refresh token")
			}
			if succ.IssuedAt != nil { // a retry: the same pair again
				u, err := activeUser(ctx, tx, used.UserID)
				if err != nil {
					return err
				}
				out, err = a.pair(u, used.FamilyID, next, *succ.IssuedAt)
				return err
			}
		}
		if err := tx.Exec(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ? AND revoked_at IS NULL`, used.FamilyID).Error; err != nil {
			return translate(err, "revoke token family")
		}
		revoked = used.UserID
		return nil // commit the revocation, then refuse
	})
	if err == nil && revoked != uuid.Nil {
		a.Forget(revoked)
		err = ErrUnauthorized
	}
	return out, err
}

// Logout revokes the family of the given refresh token, or, when it is
// empty, every session of the user; their access tokens are refused at once.
func (a *Auth) Logout(ctx context.Context, db *gorm.DB, userID uuid.UUID, refresh string) error {
	defer a.Forget(userID)
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
// by Jiuxiao, not expired, living no longer than MaxAccessTTL; then its
// session: the user exists and is active and the session has not ended.
// The actor has the user's current role and unit, not the token's. Anything
// else is ErrUnauthorized.
func (a *Auth) Verify(ctx context.Context, db *gorm.DB, token string) (Actor, error) {
	t, err := a.checkToken(token)
	if err != nil {
		return Actor{}, err
	}
	s, err := a.session(ctx, db, t.user, t.session)
	if err != nil {
		return Actor{}, err
	}
	if !s.live {
		return Actor{}, ErrUnauthorized
	}
	return Actor{UserID: t.user, Role: s.role, OrgUnitID: s.org}, nil
}

// checkedToken is what Verify keeps of an access token whose signature and
// claims it has checked.
type checkedToken struct {
	user, session uuid.UUID
	expires       time.Time
}

// maxCheckedTokens bounds the tokens Verify remembers (about 500 bytes
// each): more than a province's officers and supervisors at once.
const maxCheckedTokens = 20_000

// checkToken checks an access token's signature and claims. A phone sends
// the same token with every request until it refreshes, so the outcome is
// remembered by the token's text: the signature and the JSON were a
// twentieth of the task list's CPU in the service (docs/BENCHMARKS.md). The
// expiry is checked on every request all the same, and the session is
// Verify's to check. Only tokens that passed are remembered.
func (a *Auth) checkToken(token string) (checkedToken, error) {
	a.tokensOnce.Do(func() { a.tokens, _ = lru.New[string, checkedToken](maxCheckedTokens) })
	now := a.now()
	if t, ok := a.tokens.Get(token); ok {
		if !now.Before(t.expires) {
			a.tokens.Remove(token)
			return checkedToken{}, ErrUnauthorized
		}
		return t, nil
	}
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return a.Secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(a.now))
	if err != nil {
		return checkedToken{}, ErrUnauthorized
	}
	user, err := uuid.Parse(c.Subject)
	if err != nil {
		return checkedToken{}, ErrUnauthorized
	}
	if !c.Role.Valid() {
		return checkedToken{}, ErrUnauthorized
	}
	from := now
	if c.IssuedAt != nil {
		from = c.IssuedAt.Time
	}
	if c.ExpiresAt.Sub(from) > MaxAccessTTL {
		return checkedToken{}, ErrUnauthorized
	}
	if c.Session == uuid.Nil && !a.AllowSessionless {
		return checkedToken{}, ErrUnauthorized
	}
	t := checkedToken{user: user, session: c.Session, expires: c.ExpiresAt.Time}
	if c.NotBefore == nil {
		// The text may be a view of the request's buffer (Fiber's), reused
		// by the next request: the key is a copy.
		a.tokens.Add(strings.Clone(token), t)
	}
	return t, nil
}

// sessionState is what a replica read of a session and its user.
type sessionState struct {
	live bool // the user exists and is active, and the session has not ended
	role vocab.Role
	org  uuid.UUID
	read time.Time
	used time.Time // the last request that asked for it
}

// sessionCache keeps sessionStates for SessionCacheTTL, by user and
// session. Forget drops a user's; gen makes sure a read that began before a
// Forget is not stored after it.
type sessionCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[uuid.UUID]map[uuid.UUID]sessionState
}

// maxCachedUsers bounds the cache; past it, it starts again empty.
const maxCachedUsers = 100_000

func (a *Auth) session(ctx context.Context, db *gorm.DB, user, sid uuid.UUID) (sessionState, error) {
	c := &a.cache
	start := time.Now()
	c.mu.Lock()
	if s, ok := c.m[user][sid]; ok && start.Sub(s.read) < SessionCacheTTL {
		s.used = start
		c.m[user][sid] = s
		c.mu.Unlock()
		return s, nil
	}
	gen := c.gen
	c.mu.Unlock()

	rows, err := readSessions(ctx, db, idList{user}, idList{sid})
	if err != nil {
		return sessionState{}, translate(err, "read session")
	}
	row := rows[0]
	s := sessionState{live: row.Live, role: row.Role, org: row.OrgUnitID, read: start, used: start}

	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		if c.m == nil || len(c.m) >= maxCachedUsers {
			c.m = map[uuid.UUID]map[uuid.UUID]sessionState{}
		}
		if c.m[user] == nil {
			c.m[user] = map[uuid.UUID]sessionState{}
		}
		c.m[user][sid] = s
	}
	return s, nil
}

// SessionKeep is how long after its last request a session's state is
// kept fresh by RefreshSessions; SessionRefresh how often serve runs it.
const (
	SessionKeep    = time.Minute
	SessionRefresh = SessionCacheTTL / 2
)

// maxRefreshedSessions bounds the statement of RefreshSessions: about
// 700 KB of ids, 24-31 ms at 10,000 on the load harness's users.
const maxRefreshedSessions = 10_000

// RefreshSessions reads again, in one statement, every session this
// replica was asked for within SessionKeep, and forgets the others. Run
// every SessionRefresh, it keeps the sessions of the users at work fresh, so
// that their requests do not each read their own (an officer's task list
// asked once a second read it nearly every time), while a change made by
// another replica still takes effect within SessionCacheTTL.
func (a *Auth) RefreshSessions(ctx context.Context, db *gorm.DB) error {
	c := &a.cache
	start := time.Now()
	type key struct {
		user, sid uuid.UUID
		used      time.Time
	}
	var keys []key
	c.mu.Lock()
	for user, sessions := range c.m {
		for sid, s := range sessions {
			if start.Sub(s.used) > SessionKeep {
				delete(sessions, sid)
				continue
			}
			keys = append(keys, key{user, sid, s.used})
		}
		if len(sessions) == 0 {
			delete(c.m, user)
		}
	}
	gen := c.gen
	c.mu.Unlock()
	if len(keys) == 0 {
		return nil
	}
	if len(keys) > maxRefreshedSessions { // the most recently used; the others read their own
		slices.SortFunc(keys, func(x, y key) int { return y.used.Compare(x.used) })
		keys = keys[:maxRefreshedSessions]
	}
	users, sids := make(idList, len(keys)), make(idList, len(keys))
	for i, k := range keys {
		users[i], sids[i] = k.user, k.sid
	}
	rows, err := readSessions(ctx, db, users, sids)
	if err != nil {
		return translate(err, "refresh sessions")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen { // a Forget since: what was read may be older than it
		return nil
	}
	for _, r := range rows {
		if s, ok := c.m[r.UserID][r.Session]; ok && !s.read.After(start) {
			s.live, s.role, s.org, s.read = r.Live, r.Role, r.OrgUnitID, start
			c.m[r.UserID][r.Session] = s
		}
	}
	return nil
}

// sessionRow is what readSessions reads of a session and its user.
type sessionRow struct {
	UserID    uuid.UUID
	Session   uuid.UUID
	Role      vocab.Role
	OrgUnitID uuid.UUID
	Live      bool
}

// readSessions reads the sessions (users[i], sids[i]), a row each in their
// order: a missing user, an inactive one or an ended session is not live; a
// token without a session (uuid.Nil) asks for the user alone.
func readSessions(ctx context.Context, db *gorm.DB, users, sids idList) ([]sessionRow, error) {
	var rows []sessionRow
	err := db.WithContext(ctx).Raw(`SELECT k.user_id, k.session, coalesce(u.role, '') AS role,
			coalesce(u.org_unit_id, '00000000-0000-0000-0000-000000000000') AS org_unit_id,
			coalesce(u.active, false) AND (k.session = '00000000-0000-0000-0000-000000000000' OR EXISTS (
				SELECT 1 FROM refresh_tokens t WHERE t.family_id = k.session AND t.user_id = u.id AND t.revoked_at IS NULL)) AS live
		FROM unnest(?::uuid[], ?::uuid[]) WITH ORDINALITY AS k(user_id, session, n)
		LEFT JOIN users u ON u.id = k.user_id ORDER BY k.n`, users, sids).Scan(&rows).Error
	if err == nil && len(rows) != len(users) {
		err = fmt.Errorf("read %d sessions of %d", len(rows), len(users))
	}
	return rows, err
}

// Forget drops what this replica read of the user's sessions, so that a
// change it made applies to the user's next request here.
func (a *Auth) Forget(user uuid.UUID) {
	c := &a.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, user)
	c.gen++
}

// PurgeAuth deletes login counters whose window ended and refresh tokens
// expired for a day (a token that old is refused whether or not it is
// there). Serve runs it on a timer.
func PurgeAuth(ctx context.Context, db *gorm.DB, window time.Duration) (attempts, tokens int64, err error) {
	res := db.WithContext(ctx).Exec("DELETE FROM login_attempts WHERE window_start < now() - make_interval(secs => ?)", window.Seconds())
	if res.Error != nil {
		return 0, 0, translate(res.Error, "purge login attempts")
	}
	attempts = res.RowsAffected
	res = db.WithContext(ctx).Exec("DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'")
	if res.Error != nil {
		return attempts, 0, translate(res.Error, "purge refresh tokens")
	}
	return attempts, res.RowsAffected, nil
}
