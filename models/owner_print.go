package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// An order to fix (责令立即改正 / 责令限期改正通知书) is served on the venue on
// paper; while the venue has no owner in Jiuxiao, the paper carries an owner
// invitation as a QR code, so that the person who signs for the order can
// then show the fix and ask for the 复查 from a phone. The invitation is an
// ordinary one (the one-time code still goes to the phone on file, and the
// link works once) but lasts PrintedInviteTTL, the time an order's fix
// takes, and its token is derived rather than drawn: HMAC-SHA256 of the
// invitation's id under the service's key. Every printing of the paper shows
// the same code, the table keeps only the token's hash, and a reader of the
// database alone cannot make the link.

// PrintedInviteTTL is how long an invitation printed on an order works.
const PrintedInviteTTL = 30 * 24 * time.Hour

// PrintedInvites makes and prints the invitations that orders carry.
type PrintedInvites struct {
	// Key derives the printed tokens (app derives it from JWT_SECRET, so
	// that a new secret voids the printed links). Without a key orders carry
	// no invitation.
	Key []byte
	// BaseURL is PUBLIC_BASE_URL: a link is BaseURL/o/invite/{token}.
	BaseURL string
}

// token is the printed token of invitation id: 43 URL-safe characters.
func (p PrintedInvites) token(id uuid.UUID) string {
	m := hmac.New(sha256.New, p.Key)
	m.Write([]byte("jiuxiao printed owner invite\x00"))
	m.Write(id[:])
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// URL is the link printed for invitation id.
func (p PrintedInvites) URL(id uuid.UUID) string {
	return strings.TrimRight(p.BaseURL, "/") + "/o/invite/" + p.token(id)
}

// forOrder is the invitation an order of the venue carries, in tx: the
// venue's open printed invitation to the phone on file when it has one that
// still works for a week, else a new one; none (nil) when there is no key,
// the venue has no mobile number on file, or it has an owner already (an
// open session).
func (p PrintedInvites) forOrder(ctx context.Context, tx *gorm.DB, actor Actor, venueID uuid.UUID, now time.Time) (*uuid.UUID, error) {
	if len(p.Key) == 0 || actor.IsService() || actor.UserID == uuid.Nil {
		return nil, nil
	}
	var v struct {
		GridID   uuid.UUID
		Phone    string
		HasOwner bool
		Open     *uuid.UUID
	}
	err := tx.WithContext(ctx).Raw(`SELECT v.grid_id, v.contact_phone AS phone,
		EXISTS (SELECT 1 FROM owner_sessions s WHERE s.venue_id = v.id AND s.revoked_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ?) AS has_owner,
		(SELECT i.id FROM owner_invites i WHERE i.venue_id = v.id AND i.printed AND i.used_at IS NULL AND i.revoked_at IS NULL
			AND i.code_failures < ? AND i.expires_at > ? AND i.phone = v.contact_phone ORDER BY i.created_at DESC LIMIT 1) AS open
		FROM venues v WHERE v.id = ?`, now, now.Add(-OwnerSessionIdle), OwnerCodeMaxFail, now.Add(7*24*time.Hour), venueID).Scan(&v).Error
	if err != nil {
		return nil, translate(err, "read venue's owner")
	}
	switch {
	case v.HasOwner || !mobilePattern.MatchString(v.Phone):
		return nil, nil
	case v.Open != nil:
		return v.Open, nil
	}
	id := newID()
	err = tx.Exec(`INSERT INTO owner_invites (id, venue_id, grid_id, token_hash, phone, created_by, created_at, expires_at, printed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, true)`, id, venueID, v.GridID, hashSecret(p.token(id)), v.Phone, actor.UserID, now, now.Add(PrintedInviteTTL)).Error
	if err != nil {
		return nil, translate(err, "insert printed invite")
	}
	var out OwnerInvite
	if err := tx.Raw("SELECT "+inviteColumns+" FROM owner_invites WHERE id = ?", id).Scan(&out).Error; err != nil {
		return nil, translate(err, "read invite")
	}
	out.finish(now)
	return &id, audit(ctx, tx, actor, "create", "owner_invite", id, &v.GridID, nil, out)
}

// printed is what a document's paper shows of its invitation: its link and
// the phone and last day it works with, while it is pending; nothing once
// it is used, revoked, locked or expired, or without a key.
func (p PrintedInvites) printed(ctx context.Context, db *gorm.DB, id *uuid.UUID, now time.Time) (link, phone string, until time.Time, err error) {
	if id == nil || len(p.Key) == 0 {
		return "", "", time.Time{}, nil
	}
	var in OwnerInvite
	if err := db.WithContext(ctx).Raw("SELECT "+inviteColumns+" FROM owner_invites WHERE id = ?", *id).Scan(&in).Error; err != nil {
		return "", "", time.Time{}, translate(err, "read invite")
	}
	if in.finish(now); in.Status != "pending" {
		return "", "", time.Time{}, nil
	}
	return p.URL(in.ID), in.PhoneHint, in.ExpiresAt, nil
}
