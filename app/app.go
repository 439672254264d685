package app

import (
	"bytes"
	"context"
	"crypto/subtle"
	"log/slog"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
	"github.com/jiuxiao/jiuxiao/storage"
	"github.com/jiuxiao/jiuxiao/web"
	"github.com/valyala/fasthttp"
	"gorm.io/gorm"
)

// New builds the HTTP service on db: middleware, routes and the error
// handler. main serves it; the tests drive it through app.Test.
func New(cfg Config, db *gorm.DB) *fiber.App {
	f, _ := build(cfg, db)
	return f
}

// build is New, with the metrics (which Serve may serve on a listener of
// their own).
func build(cfg Config, db *gorm.DB) (*fiber.App, *metrics) {
	fc := fiber.Config{
		AppName:      "jiuxiao",
		ErrorHandler: errorHandler,
		BodyLimit:    (cfg.MaxPhotoMB + 1) << 20,
		// A request's headers and body must arrive within READ_TIMEOUT, so a
		// half-sent request does not hold its connection; only a photo's
		// body gets UPLOAD_TIMEOUT (a 10 MB photo on one bar of signal), set
		// once its headers are in. A ledger of a whole city is streamed for
		// up to handlers.ExportTimeout.
		ReadTimeout:           cfg.ReadTimeout,
		WriteTimeout:          handlers.ExportTimeout + time.Minute,
		IdleTimeout:           cfg.IdleTimeout,
		DisableStartupMessage: true,
	}
	if len(cfg.TrustedProxies) > 0 {
		fc.EnableTrustedProxyCheck = true
		fc.TrustedProxies = cfg.TrustedProxies
		fc.ProxyHeader = fiber.HeaderXForwardedFor
		fc.EnableIPValidation = true
	}
	f := fiber.New(fc)
	f.Server().HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
		if h.IsPost() && bytes.HasPrefix(h.RequestURI(), []byte("/api/v1/photos")) {
			return fasthttp.RequestConfig{ReadTimeout: cfg.UploadTimeout}
		}
		return fasthttp.RequestConfig{}
	}
	metrics := newMetrics()
	metrics.outbox = notify.NewMetrics(db, cfg.now)
	metrics.reg.MustRegister(metrics.outbox.Collectors()...)
	log := NewLogger(cfg.LogLevel)

	f.Use(func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
		return c.Next()
	})
	f.Use(recover.New(recover.Config{
		EnableStackTrace: true,
		StackTraceHandler: func(c *fiber.Ctx, e any) {
			Logger(c.UserContext()).Error("panic", "panic", e, "stack", string(debug.Stack()))
		},
	}))
	f.Use(requestContext(log, cfg.RequestTimeout))
	f.Use(metrics.middleware)

	auth := &models.Auth{
		Secret: []byte(cfg.JWTSecret), AccessTTL: cfg.AccessTTL, RefreshTTL: cfg.RefreshTTL,
		MaxFailures: cfg.LoginMaxFailures, MaxAddrFailures: cfg.LoginAddrMax, Window: cfg.LoginWindow,
		BcryptSlots:      cfg.LoginConcurrency,
		AllowSessionless: cfg.Env == "development" || cfg.Env == "test",
	}
	api := &handlers.API{
		DB: db, Auth: auth, Loc: cfg.Location, Now: cfg.now,
		Rules:         models.FieldRules{CheckinRadiusM: cfg.CheckinRadiusM, MaxDeadlineDays: cfg.MaxDeadlineDays},
		Blobs:         storage.Disk{Root: filepath.Join(cfg.DataDir, "photos")},
		MaxPhotoBytes: cfg.MaxPhotoMB << 20,
		Webhooks:      cfg.webhookRules(),
	}

	f.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	f.Get("/readyz", func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		sqlDB, err := db.DB()
		if err == nil {
			err = sqlDB.PingContext(ctx)
		}
		if err != nil {
			Logger(c.UserContext()).Warn("not ready", "error", err)
			c.Set(fiber.HeaderRetryAfter, "5")
			return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "database unreachable"})
		}
		return c.JSON(fiber.Map{"status": "ready"})
	})
	switch {
	case cfg.MetricsAddr != "": // Serve serves them there, not here
	case cfg.MetricsToken != "":
		f.Get("/metrics", bearer(cfg.MetricsToken), metrics.handler())
	case cfg.Env == "development" || cfg.Env == "test":
		f.Get("/metrics", metrics.handler())
	}
	f.Get("/openapi.json", handlers.OpenAPI)

	v1 := f.Group("/api/v1")
	routes(v1, api, authenticate(auth, db), idempotency(db))
	web.Register(f)
	f.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	return f, metrics
}

// bearer lets through requests that carry the given bearer token.
func bearer(token string) fiber.Handler {
	want := []byte("Bearer " + token)
	return func(c *fiber.Ctx) error {
		if subtle.ConstantTimeCompare([]byte(c.Get(fiber.HeaderAuthorization)), want) != 1 {
			return models.ErrUnauthorized
		}
		return c.Next()
	}
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestContext gives every request an id (the client's X-Request-ID when
// it is sane), a logger that carries it, a deadline, and one access-log line.
func requestContext(log *slog.Logger, timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		rid := c.Get(fiber.HeaderXRequestID)
		if !requestIDPattern.MatchString(rid) {
			rid = uuid.NewString()
		} else {
			rid = strings.Clone(rid)
		}
		c.Set(fiber.HeaderXRequestID, rid)
		c.Locals("request_id", rid)
		l := log.With("request_id", rid)
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		c.SetUserContext(WithLogger(ctx, l))
		start := time.Now()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		attrs := []any{"method", c.Method(), "path", c.Path(), "status", c.Response().StatusCode(),
			"elapsed_ms", float64(time.Since(start).Microseconds()) / 1000, "ip", c.IP()}
		if a, ok := c.Locals(handlers.ActorKey).(models.Actor); ok {
			attrs = append(attrs, "user_id", a.UserID.String())
		}
		l.Info("request", attrs...)
		return nil
	}
}

// authenticate checks the bearer token and its session, and puts the
// caller in c.Locals.
func authenticate(auth *models.Auth, db *gorm.DB) fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := c.Get(fiber.HeaderAuthorization)
		scheme, token, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
			return models.ErrUnauthorized
		}
		a, err := auth.Verify(c.UserContext(), db, strings.TrimSpace(token))
		if err != nil {
			return err
		}
		a.RequestID, _ = c.Locals("request_id").(string)
		c.Locals(handlers.ActorKey, a)
		return c.Next()
	}
}
