package handlers

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/storage"
	"gorm.io/gorm"
)

// API holds what the handlers need. app.New builds one and routes to its methods.
type API struct {
	DB *gorm.DB
	// Reads routes the heavy reads (ledgers, figures, map points, the
	// audit trail) to a read replica; nil reads everything from DB.
	Reads Reads
	Auth  *models.Auth
	// Loc is the service's time zone (TZ): dates are taken in it.
	Loc *time.Location
	// Now is the clock; tests move it.
	Now func() time.Time
	// Rules are the field-work limits (check-in radius, deadlines).
	Rules models.FieldRules
	// Blobs keeps photo bytes; MaxPhotoBytes bounds one photo.
	Blobs         storage.Blobs
	MaxPhotoBytes int
	// Streams bounds the ledgers and maps in flight.
	Streams *Streams
	// InsecureCookies drops the Secure flag of the refresh cookie (development over plain HTTP).
	InsecureCookies bool
	// Webhooks are where subscriptions may send (WEBHOOK_ALLOW_HOSTS, https).
	Webhooks models.WebhookRules
	// PublicBaseURL starts the links given to owners (PUBLIC_BASE_URL).
	PublicBaseURL string
}

// Reads picks the database of a user's heavy read (replica.Router).
type Reads interface {
	DB(user uuid.UUID) *gorm.DB
}

// reads is the database of this request's heavy read: a replica that is
// fresh and holds the caller's last write, else the primary.
func (a *API) reads(c *fiber.Ctx) *gorm.DB {
	if a.Reads == nil {
		return a.DB
	}
	db := a.Reads.DB(actor(c).UserID)
	if db != a.DB {
		c.Locals(fromReplicaKey, true)
	}
	return db
}

// fromReplicaKey marks, in c.Locals, a request whose reads go to the replica.
const fromReplicaKey = "jiuxiao.from_replica"

// today is the current date in the service's time zone.
func (a *API) today() schedules.Date { return schedules.DateIn(a.Now(), a.Loc) }

// ActorKey is the c.Locals key under which the auth middleware stores the
// request's models.Actor.
const ActorKey = "jiuxiao.actor"

// ErrPreconditionRequired answers 428: a write to a versioned resource must
// say which version it read.
var ErrPreconditionRequired = errors.New("say which version you read: a version field or an If-Match header")

// actor is the authenticated caller.
func actor(c *fiber.Ctx) models.Actor {
	a, _ := c.Locals(ActorKey).(models.Actor)
	return a
}

// version is the version a write is conditional on: the If-Match header
// (an ETag such as "3", or * for any) or the body's version field.
// Neither: 428. Only the header's * means any version: a body's version
// below 1 is refused (422), and an ETag below 1 matches nothing (412).
func version(c *fiber.Ctx, body *int) (int, error) {
	if body != nil && *body < 1 {
		return 0, models.Invalid("version", "must be the version you read (1 or more)")
	}
	if h := strings.TrimSpace(c.Get(fiber.HeaderIfMatch)); h != "" {
		if h == "*" {
			return models.AnyVersion, nil
		}
		v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
		if err != nil || v < 1 {
			return 0, models.ErrStaleVersion
		}
		if body != nil && *body != v {
			return 0, models.Invalid("version", "differs from the If-Match header")
		}
		return v, nil
	}
	if body == nil {
		return 0, ErrPreconditionRequired
	}
	return *body, nil
}

// withETag sets the ETag of a versioned resource and sends it as JSON.
func withETag(c *fiber.Ctx, status, version int, body any) error {
	c.Set(fiber.HeaderETag, `"`+strconv.Itoa(version)+`"`)
	return c.Status(status).JSON(body)
}
