package app

import (
	"crypto/sha256"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"gorm.io/gorm"
)

// HeaderIdempotencyKey is the header of the IETF draft (and Stripe's API).
const HeaderIdempotencyKey = "Idempotency-Key"

// idempotency honours Idempotency-Key on POST: the first response to a key
// (per caller) is stored for 24 hours and replayed, marked with
// Idempotent-Replayed: true, for the same key and payload; the same key with
// another payload answers 422; the same key while the first request is still
// running answers 409. Server errors are not stored, so a retry runs again.
// A key whose request never finished (a crash) is given up after two minutes.
func idempotency(db *gorm.DB) fiber.Handler {
	return func(c *fiber.Ctx) error {
		key := c.Get(HeaderIdempotencyKey)
		if c.Method() != fiber.MethodPost || key == "" {
			return c.Next()
		}
		if len(key) > 255 || strings.ContainsFunc(key, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
			return &handlers.BadRequestError{Detail: "Idempotency-Key must be 1-255 printable ASCII characters"}
		}
		key = strings.Clone(key)
		var user uuid.UUID
		if a, ok := c.Locals(handlers.ActorKey).(models.Actor); ok {
			user = a.UserID
			if a.IsOwner() {
				user = a.Owner.SessionID // an owner's keys are their session's
			}
		}
		h := sha256.New()
		h.Write([]byte(c.Method() + " " + c.OriginalURL() + "\n"))
		h.Write(c.Body())
		hash := h.Sum(nil)
		ctx := c.UserContext()

		claim := db.WithContext(ctx).Exec(`INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (?, ?, ?)
			ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL,
			  content_type = NULL, created_at = now()
			WHERE idempotency_keys.created_at < now() - interval '24 hours'
			   OR (idempotency_keys.status IS NULL AND idempotency_keys.created_at < now() - interval '2 minutes')`,
			user, key, hash)
		if claim.Error != nil {
			return claim.Error
		}
		if claim.RowsAffected == 0 {
			return replay(c, db, user, key, hash)
		}
		if err := c.Next(); err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}
		status := c.Response().StatusCode()
		if status >= 500 || status == fiber.StatusTooManyRequests {
			return db.WithContext(ctx).Exec(`DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?`, user, key).Error
		}
		return db.WithContext(ctx).Exec(`UPDATE idempotency_keys SET status = ?, content_type = ?, etag = NULLIF(?, ''), body = ? WHERE user_id = ? AND key = ?`,
			status, string(c.Response().Header.ContentType()), string(c.Response().Header.Peek(fiber.HeaderETag)), c.Response().Body(), user, key).Error
	}
}

// replay answers a request whose key was seen before.
func replay(c *fiber.Ctx, db *gorm.DB, user uuid.UUID, key string, hash []byte) error {
	var stored struct {
		RequestHash []byte
		Status      *int
		ContentType *string
		ETag        *string
		Body        []byte
	}
	err := db.WithContext(c.UserContext()).Raw(`SELECT request_hash, status, content_type, etag, body FROM idempotency_keys WHERE user_id = ? AND key = ?`,
		user, key).Scan(&stored).Error
	if err != nil {
		return err
	}
	switch {
	case stored.RequestHash == nil:
		return errors.New("idempotency key vanished")
	case string(stored.RequestHash) != string(hash):
		return models.Invalid(HeaderIdempotencyKey, "was used for another request; use a new key for a new request")
	case stored.Status == nil:
		return models.Conflict(HeaderIdempotencyKey, "a request with this key is still being processed; retry shortly")
	}
	c.Set("Idempotent-Replayed", "true")
	if stored.ContentType != nil {
		c.Set(fiber.HeaderContentType, *stored.ContentType)
	}
	if stored.ETag != nil {
		c.Set(fiber.HeaderETag, *stored.ETag)
	}
	return c.Status(*stored.Status).Send(stored.Body)
}
