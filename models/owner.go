package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Venue owners (场所负责人): an officer or a supervisor invites the venue's
// person in charge with a one-time link; opening it sends a one-time code
// to the phone on file (venues.contact_phone); the right code makes an owner
// session for that venue only. Links, codes and session tokens are kept
// hashed (SHA-256); codes are compared in constant time.

// The rules of invitations, codes and sessions.
const (
	InviteTTL        = 7 * 24 * time.Hour // an invitation link works this long, once
	OwnerCodeTTL     = 5 * time.Minute    // a one-time code works this long, once
	OwnerCodeResend  = time.Minute        // a new code is sent at most this often
	OwnerCodeSends   = 5                  // codes one invitation may send
	OwnerCodeMaxFail = 5                  // wrong codes that lock an invitation for good
	OwnerSessionIdle = 30 * 24 * time.Hour
	OwnerSessionMax  = 180 * 24 * time.Hour
	ownerSeenEvery   = time.Minute // last_seen_at is moved at most this often
)

// OwnerInvite is an invitation to a venue's owner. Token and URL are shown
// once, to whoever made it.
type OwnerInvite struct {
	ID           uuid.UUID  `json:"id"`
	VenueID      uuid.UUID  `json:"venue_id"`
	GridID       uuid.UUID  `json:"grid_id"`
	PhoneHint    string     `json:"phone_hint" gorm:"-"`
	Phone        string     `json:"-"`
	CreatedBy    uuid.UUID  `json:"created_by"`
	CreatedAt    time.Time  `json:"created_at"`
	ExpiresAt    time.Time  `json:"expires_at"`
	UsedAt       *time.Time `json:"used_at"`
	RevokedAt    *time.Time `json:"revoked_at"`
	CodeFailures int        `json:"code_failures"`
	Printed      bool       `json:"printed"` // printed on an order (owner_print.go)
	Status       string     `json:"status" gorm:"-"`
	URL          string     `json:"url,omitempty" gorm:"-"`
	Token        string     `json:"token,omitempty" gorm:"-"`
}

// status is pending, used, revoked, expired or locked.
func (i *OwnerInvite) finish(now time.Time) {
	i.PhoneHint = phoneHint(i.Phone)
	switch {
	case i.UsedAt != nil:
		i.Status = "used"
	case i.RevokedAt != nil:
		i.Status = "revoked"
	case i.CodeFailures >= OwnerCodeMaxFail:
		i.Status = "locked"
	case !now.Before(i.ExpiresAt):
		i.Status = "expired"
	default:
		i.Status = "pending"
	}
}

// phoneHint is a phone number with its middle hidden: 138****5678.
func phoneHint(p string) string {
	if len(p) != 11 {
		return ""
	}
	return p[:3] + "****" + p[7:]
}

// newSecret is a random token of 256 bits, URL-safe, and its hash.
func newOwnerSecret() (string, []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	t := base64.RawURLEncoding.EncodeToString(b)
	return t, hashSecret(t)
}

// hashSecret is the SHA-256 of a token, as stored.
func hashSecret(t string) []byte {
	s := sha256.Sum256([]byte(t))
	return s[:]
}

// hashCode is the stored form of a one-time code: bound to the invitation's
// token, which is not stored, so that the table alone does not give it away.
func hashCode(token, code string) []byte {
	s := sha256.Sum256([]byte("owner-code\x00" + token + "\x00" + code))
	return s[:]
}

// newCode is a random six-digit one-time code.
func newCode() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err)
	}
	return fmt.Sprintf("%06d", n.Int64())
}

const inviteColumns = `id, venue_id, grid_id, phone, created_by, created_at, expires_at, used_at, revoked_at, code_failures, printed`

// CreateOwnerInvite makes an invitation for the owner of a venue in scope,
// by an officer of its grid, a supervisor above it or an admin. The venue
// needs a mobile number on file (contact_phone): the code goes there.
// baseURL is PUBLIC_BASE_URL; the answer's URL is baseURL/o/invite/{token}.
func CreateOwnerInvite(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID, baseURL string, now time.Time) (OwnerInvite, error) {
	if actor.IsOwner() || actor.IsService() {
		return OwnerInvite{}, forbidden("only an officer or a supervisor invites an owner")
	}
	var out OwnerInvite
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		v, err := GetVenue(ctx, tx, actor, venueID)
		if err != nil {
			return err
		}
		if !mobilePattern.MatchString(v.ContactPhone) {
			return Conflict("contact_phone", "the venue has no mobile number on file for the code (PATCH /venues/{id} contact_phone)")
		}
		token, hash := newOwnerSecret()
		id := newID()
		err = tx.Exec(`INSERT INTO owner_invites (id, venue_id, grid_id, token_hash, phone, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, v.ID, v.GridID, hash, v.ContactPhone, actor.UserID, now.Add(InviteTTL)).Error
		if err != nil {
			return translate(err, "insert invite")
		}
		if err := tx.Raw("SELECT "+inviteColumns+" FROM owner_invites WHERE id = ?", id).Scan(&out).Error; err != nil {
			return translate(err, "read invite")
		}
		out.finish(now)
		if err := audit(ctx, tx, actor, "create", "owner_invite", id, &v.GridID, nil, out); err != nil {
			return err
		}
		out.Token, out.URL = token, baseURL+"/o/invite/"+token
		return nil
	})
	return out, err
}

// ListOwnerInvites lists the invitations of a venue in scope, newest first.
func ListOwnerInvites(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID, now time.Time) ([]OwnerInvite, error) {
	if _, err := GetVenue(ctx, db, actor, venueID); err != nil || actor.IsOwner() {
		return nil, errors.Join(err, ErrNotFound)
	}
	out := []OwnerInvite{}
	err := db.WithContext(ctx).Raw("SELECT "+inviteColumns+" FROM owner_invites WHERE venue_id = ? ORDER BY created_at DESC, id LIMIT 200", venueID).Scan(&out).Error
	for i := range out {
		out[i].finish(now)
	}
	return out, translate(err, "list invites")
}

// RevokeOwnerInvite withdraws an invitation in scope that was not used yet.
func RevokeOwnerInvite(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (OwnerInvite, error) {
	if actor.IsOwner() {
		return OwnerInvite{}, ErrNotFound
	}
	var out OwnerInvite
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before OwnerInvite
		err := actor.Scoped(tx.WithContext(ctx).Table("owner_invites"), "grid_id").Select(inviteColumns).Clauses(forUpdate).Where("id = ?", id).Take(&before).Error
		if err != nil {
			return translate(err, "lock invite")
		}
		before.finish(now)
		if before.UsedAt != nil {
			return Conflict("status", "the invitation was used already; revoke the owner's session instead")
		}
		if before.RevokedAt != nil {
			out = before
			return nil
		}
		if err := tx.Exec("UPDATE owner_invites SET revoked_at = ?, revoked_by = ? WHERE id = ?", now, actor.UserID, id).Error; err != nil {
			return translate(err, "revoke invite")
		}
		if err := tx.Raw("SELECT "+inviteColumns+" FROM owner_invites WHERE id = ?", id).Scan(&out).Error; err != nil {
			return translate(err, "read invite")
		}
		out.finish(now)
		return audit(ctx, tx, actor, "revoke", "owner_invite", id, &before.GridID, before, out)
	})
	return out, err
}

// OwnerCodeSent answers a request for a one-time code.
type OwnerCodeSent struct {
	VenueName   string    `json:"venue_name"`
	PhoneHint   string    `json:"phone_hint"`
	ExpiresAt   time.Time `json:"expires_at"`
	ResendAfter time.Time `json:"resend_after"`
}

// invite is an invitation row as the code's checks read it.
type invite struct {
	OwnerInvite
	CodeHash      []byte
	CodeExpiresAt *time.Time
	CodeSentAt    *time.Time
	CodeSends     int
	VenueName     string
}

// lockInvite reads the usable invitation of a token for update: one that
// is unknown, used, revoked or expired is not found (404 says nothing
// more); a locked one is a conflict.
func lockInvite(ctx context.Context, tx *gorm.DB, token string, now time.Time) (invite, error) {
	var in invite
	if len(token) < 40 || len(token) > 64 {
		return in, ErrNotFound
	}
	err := tx.WithContext(ctx).Table("owner_invites i").Joins("JOIN venues v ON v.id = i.venue_id").
		Select("i.id, i.venue_id, i.grid_id, i.phone, i.created_by, i.created_at, i.expires_at, i.used_at, i.revoked_at, i.code_failures, i.printed, "+
			"i.code_hash, i.code_expires_at, i.code_sent_at, i.code_sends, v.name AS venue_name").
		Clauses(forUpdate).Where("i.token_hash = ?", hashSecret(token)).Take(&in).Error
	if err != nil {
		return in, translate(err, "lock invite")
	}
	in.finish(now)
	switch in.Status {
	case "pending":
		return in, nil
	case "locked":
		return in, Conflict("code", "too many wrong codes: this invitation is locked; ask the station for a new one")
	}
	return in, ErrNotFound
}

// SendOwnerCode sends a new one-time code for an invitation to the phone on
// file, through the notifier. A code is sent at most once a minute and
// OwnerCodeSends times per invitation; a new code replaces the last.
func SendOwnerCode(ctx context.Context, db *gorm.DB, token string, now time.Time) (OwnerCodeSent, error) {
	var out OwnerCodeSent
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		in, err := lockInvite(ctx, tx, token, now)
		if err != nil {
			return err
		}
		if in.CodeSentAt != nil && now.Before(in.CodeSentAt.Add(OwnerCodeResend)) {
			return &ThrottledError{RetryAfter: in.CodeSentAt.Add(OwnerCodeResend).Sub(now)}
		}
		if in.CodeSends >= OwnerCodeSends {
			return Conflict("code", "this invitation has sent %d codes; ask the station for a new one", OwnerCodeSends)
		}
		code := newCode()
		err = tx.Exec(`UPDATE owner_invites SET code_hash = ?, code_expires_at = ?, code_sent_at = ?, code_sends = code_sends + 1 WHERE id = ?`,
			hashCode(token, code), now.Add(OwnerCodeTTL), now, in.ID).Error
		if err != nil {
			return translate(err, "store code")
		}
		minutes := fmt.Sprint(int(OwnerCodeTTL / time.Minute))
		if _, err := QueueSMS(ctx, tx, in.Phone, SMSOneTimeCode, map[string]string{"code": code, "minutes": minutes}, ""); err != nil {
			return err
		}
		out = OwnerCodeSent{VenueName: in.VenueName, PhoneHint: phoneHint(in.Phone), ExpiresAt: now.Add(OwnerCodeTTL), ResendAfter: now.Add(OwnerCodeResend)}
		return nil
	})
	return out, err
}

// OwnerSession is an owner's session of one venue. Token is shown once,
// in the cookie.
type OwnerSession struct {
	ID         uuid.UUID  `json:"id"`
	VenueID    uuid.UUID  `json:"venue_id"`
	GridID     uuid.UUID  `json:"grid_id"`
	InviteID   uuid.UUID  `json:"invite_id"`
	Phone      string     `json:"-"`
	PhoneHint  string     `json:"phone_hint" gorm:"-"`
	CreatedAt  time.Time  `json:"created_at"`
	LastSeenAt time.Time  `json:"last_seen_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Active     bool       `json:"active" gorm:"-"`
	Token      string     `json:"-" gorm:"-"`
}

func (s *OwnerSession) finish(now time.Time) {
	s.PhoneHint = phoneHint(s.Phone)
	s.Active = s.RevokedAt == nil && now.Before(s.ExpiresAt) && now.Before(s.LastSeenAt.Add(OwnerSessionIdle))
}

const ownerSessionColumns = `id, venue_id, grid_id, invite_id, phone, created_at, last_seen_at, expires_at, revoked_at`

// errWrongCode is a wrong code, counted after the transaction that saw it.
var errWrongCode = errors.New("wrong code")

// ConfirmOwnerCode checks a one-time code of an invitation. The right one
// uses the invitation up (neither it nor the code works again) and makes an
// owner session; a wrong one counts, and OwnerCodeMaxFail of them lock the
// invitation.
func ConfirmOwnerCode(ctx context.Context, db *gorm.DB, token, code string, now time.Time, requestID string) (OwnerSession, error) {
	var out OwnerSession
	var inviteID uuid.UUID
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		in, err := lockInvite(ctx, tx, token, now)
		if err != nil {
			return err
		}
		inviteID = in.ID
		if in.CodeHash == nil || in.CodeExpiresAt == nil || !now.Before(*in.CodeExpiresAt) {
			return Conflict("code", "the code has expired or was not sent; ask for a new one")
		}
		if len(code) != 6 || subtle.ConstantTimeCompare(hashCode(token, code), in.CodeHash) != 1 {
			return errWrongCode
		}
		err = tx.Exec(`UPDATE owner_invites SET used_at = ?, code_hash = NULL, code_expires_at = NULL WHERE id = ?`, now, in.ID).Error
		if err != nil {
			return translate(err, "use invite")
		}
		tok, hash := newOwnerSecret()
		id := newID()
		err = tx.Exec(`INSERT INTO owner_sessions (id, venue_id, grid_id, invite_id, phone, token_hash, created_at, last_seen_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, in.VenueID, in.GridID, in.ID, in.Phone, hash, now, now, now.Add(OwnerSessionMax)).Error
		if err != nil {
			return translate(err, "insert owner session")
		}
		if err := tx.Raw("SELECT "+ownerSessionColumns+" FROM owner_sessions WHERE id = ?", id).Scan(&out).Error; err != nil {
			return translate(err, "read owner session")
		}
		out.finish(now)
		owner := OwnerActor(out.ID, out.VenueID, out.GridID, requestID)
		if err := audit(ctx, tx, owner, "create", "owner_session", id, &in.GridID, nil, out); err != nil {
			return err
		}
		out.Token = tok
		return nil
	})
	if errors.Is(err, errWrongCode) {
		var left int
		cerr := db.WithContext(ctx).Raw(`UPDATE owner_invites SET code_failures = code_failures + 1,
			code_hash = CASE WHEN code_failures + 1 >= ? THEN NULL ELSE code_hash END WHERE id = ? RETURNING ? - code_failures`,
			OwnerCodeMaxFail, inviteID, OwnerCodeMaxFail).Scan(&left).Error
		if cerr != nil {
			return out, translate(cerr, "count wrong code")
		}
		if left <= 0 {
			return out, Conflict("code", "too many wrong codes: this invitation is locked; ask the station for a new one")
		}
		return out, Invalid("code", "is not the code sent (%d tries left)", left)
	}
	return out, err
}

// OwnerActor is the actor of an owner session.
func OwnerActor(sessionID, venueID, gridID uuid.UUID, requestID string) Actor {
	return Actor{Role: RoleOwner, OrgUnitID: gridID, RequestID: requestID, Owner: &OwnerOf{SessionID: sessionID, VenueID: venueID}}
}

// VerifyOwnerSession is the actor of an owner session's token: one not
// revoked, not idle for OwnerSessionIdle, not older than OwnerSessionMax,
// of a venue still active. Anything else is ErrUnauthorized.
func VerifyOwnerSession(ctx context.Context, db *gorm.DB, token string, now time.Time, requestID string) (Actor, error) {
	if len(token) < 40 || len(token) > 64 {
		return Actor{}, ErrUnauthorized
	}
	var s OwnerSession
	err := db.WithContext(ctx).Raw(`SELECT s.id, s.venue_id, v.grid_id, s.last_seen_at FROM owner_sessions s JOIN venues v ON v.id = s.venue_id
		WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND v.status = 'active'`,
		hashSecret(token), now, now.Add(-OwnerSessionIdle)).Scan(&s).Error
	if err != nil {
		return Actor{}, translate(err, "read owner session")
	}
	if s.ID == uuid.Nil {
		return Actor{}, ErrUnauthorized
	}
	if now.Sub(s.LastSeenAt) > ownerSeenEvery {
		if err := db.WithContext(ctx).Exec("UPDATE owner_sessions SET last_seen_at = ? WHERE id = ?", now, s.ID).Error; err != nil {
			return Actor{}, translate(err, "touch owner session")
		}
	}
	return OwnerActor(s.ID, s.VenueID, s.GridID, requestID), nil
}

// ListOwnerSessions lists the owner sessions of a venue in scope, newest first.
func ListOwnerSessions(ctx context.Context, db *gorm.DB, actor Actor, venueID uuid.UUID, now time.Time) ([]OwnerSession, error) {
	if _, err := GetVenue(ctx, db, actor, venueID); err != nil || actor.IsOwner() {
		return nil, errors.Join(err, ErrNotFound)
	}
	out := []OwnerSession{}
	err := db.WithContext(ctx).Raw("SELECT "+ownerSessionColumns+" FROM owner_sessions WHERE venue_id = ? ORDER BY created_at DESC, id LIMIT 200", venueID).Scan(&out).Error
	for i := range out {
		out[i].finish(now)
	}
	return out, translate(err, "list owner sessions")
}

// EndOwnerSession ends an owner session: a supervisor or an admin in scope
// revokes one, and an owner ends their own (logout). Its cookie is refused
// at once.
func EndOwnerSession(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID, now time.Time) (OwnerSession, error) {
	var out OwnerSession
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var before OwnerSession
		q := tx.WithContext(ctx).Table("owner_sessions").Select(ownerSessionColumns).Clauses(forUpdate).Where("id = ?", id)
		if actor.IsOwner() {
			q = q.Where("id = ?", actor.Owner.SessionID)
		} else {
			q = actor.Scoped(q, "grid_id")
		}
		if err := q.Take(&before).Error; err != nil {
			return translate(err, "lock owner session")
		}
		if !actor.IsOwner() && !actor.CanDecide() {
			return forbidden("only a supervisor or an admin revokes an owner's session")
		}
		before.finish(now)
		if before.RevokedAt != nil {
			out = before
			return nil
		}
		if err := tx.Exec("UPDATE owner_sessions SET revoked_at = ?, revoked_by = ? WHERE id = ?", now, nullID(actor.UserID), id).Error; err != nil {
			return translate(err, "revoke owner session")
		}
		if err := tx.Raw("SELECT "+ownerSessionColumns+" FROM owner_sessions WHERE id = ?", id).Scan(&out).Error; err != nil {
			return translate(err, "read owner session")
		}
		out.finish(now)
		return audit(ctx, tx, actor, "revoke", "owner_session", id, &before.GridID, before, out)
	})
	return out, err
}
