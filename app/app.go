package app

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"log/slog"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/handlers"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
	"github.com/jiuxiao/jiuxiao/replica"
	"github.com/jiuxiao/jiuxiao/web"
	"github.com/valyala/fasthttp"
	"gorm.io/gorm"
)

// New builds the HTTP service on db: middleware, routes and the error
// handler. main serves it; the tests drive it through app.Test.
func New(cfg Config, db *gorm.DB) *fiber.App {
	f, _, _ := build(cfg, db)
	return f
}

// build is New, with the metrics (which Serve may serve on a listener of
// their own) and the Auth (whose sessions in use Serve keeps fresh).
func build(cfg Config, db *gorm.DB) (*fiber.App, *metrics, *models.Auth) {
	cfg.useFonts()
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
		// Answers are encoded with bytedance/sonic (handlers.MarshalJSON,
		// which says how it differs from encoding/json), at about half
		// encoding/json's CPU on the task list's page of 50 (60 KB); bodies
		// are still decoded by encoding/json, whose errors name the field
		// that is wrong.
		JSONEncoder: handlers.MarshalJSON,
	}
	if len(cfg.TrustedProxies) > 0 {
		fc.EnableTrustedProxyCheck = true
		fc.TrustedProxies = cfg.TrustedProxies
		fc.ProxyHeader = fiber.HeaderXForwardedFor
		fc.EnableIPValidation = true
	}
	f := fiber.New(fc)
	f.Server().HeaderReceived = func(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
		if u := h.RequestURI(); h.IsPost() && (bytes.HasPrefix(u, []byte("/api/v1/photos")) ||
			bytes.HasPrefix(u, []byte("/api/v1/public/")) || bytes.HasPrefix(u, []byte("/api/v1/owner/photos"))) {
			return fasthttp.RequestConfig{ReadTimeout: cfg.UploadTimeout}
		}
		return fasthttp.RequestConfig{}
	}
	metrics := newMetrics()
	metrics.watch(db, cfg.Version)
	metrics.outbox = notify.NewMetrics(db, cfg.now)
	metrics.reg.MustRegister(metrics.outbox.Collectors()...)
	log := NewLogger(cfg.LogLevel)
	if cfg.LogOutput != nil {
		log = newLoggerTo(cfg.LogOutput, cfg.LogLevel)
	}

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
	blobs, err := OpenBlobs(cfg)
	if err != nil { // Load checked the settings; this is a program error
		panic(err)
	}
	presign := time.Duration(0)
	if cfg.S3Presign {
		presign = cfg.S3PresignTTL
	}
	reads, err := openReplica(cfg, db, log)
	if err != nil {
		// The configuration was checked by Load: this is a programming
		// error, and the service still answers from the primary.
		log.Error("read replica not used", "error", err)
	}
	api := &handlers.API{
		DB: db, Auth: auth, Loc: cfg.Location, Now: cfg.now,
		Rules: models.FieldRules{CheckinRadiusM: cfg.CheckinRadiusM, MaxDeadlineDays: cfg.MaxDeadlineDays,
			Invites: models.PrintedInvites{Key: cfg.printKey(), BaseURL: cfg.PublicBaseURL}},
		Blobs:         blobs,
		PresignTTL:    presign,
		MaxPhotoBytes: cfg.MaxPhotoMB << 20,
		Streams:       &handlers.Streams{PerUser: cfg.StreamsPerUser, InFlight: cfg.StreamsInFlight, Builds: streamBuilds(cfg)},
		// Browsers keep Secure cookies over plain HTTP on localhost only.
		InsecureCookies: cfg.Development(),
		Webhooks:        cfg.webhookRules(),
		Public: handlers.PublicConfig{BaseURL: cfg.PublicBaseURL, ShowLevel: cfg.PublicShowLevel, Pages: handlers.NewPageCache(cfg.PublicPageTTL),
			Limits: models.PublicLimits{PerAddr: cfg.PublicReportsPerAddr, PerVenue: cfg.PublicReportsPerVenue, Window: cfg.PublicReportWindow}},
	}
	if reads != nil {
		api.Reads = reads
		metrics.reg.MustRegister(reads)
		f.Hooks().OnShutdown(reads.Close)
	}

	f.Get("/healthz", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"status": "ok"}) })
	f.Get("/readyz", readyz(db, reads, &blobCheck{blobs: blobs, ttl: 3 * time.Second}))
	switch {
	case cfg.MetricsAddr != "": // Serve serves them there, not here
	case cfg.MetricsToken != "":
		f.Get("/metrics", bearer(cfg.MetricsToken), metrics.handler())
	case cfg.Env == "development" || cfg.Env == "test":
		f.Get("/metrics", metrics.handler())
	}
	f.Get("/openapi.json", handlers.OpenAPI)

	// The venues' public pages and the reports' tracking pages (场所码).
	f.Get("/v/:code", api.PublicVenuePage)
	f.Get("/r/:code", api.PublicReportPage)

	v1 := f.Group("/api/v1")
	routes(v1, api, authenticate(auth, db), idempotency(db), ownWrites(reads))
	web.Register(f)
	f.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	metrics.learnRoutes(f)
	return f, metrics, auth
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
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		c.SetUserContext(withRequestID(ctx, log, rid))
		start := time.Now()
		err := c.Next()
		if err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		// The line is written once the answer has been sent (a streamed
		// ledger to its last byte); c is reused by then, so its values are
		// copied now.
		level := slog.LevelInfo
		attrs := []any{"request_id", rid, "method", strings.Clone(c.Method()), "path", strings.Clone(c.Path()), "status", c.Response().StatusCode(),
			"ip", strings.Clone(c.IP()), "user_agent", strings.Clone(cutUTF8(c.Get(fiber.HeaderUserAgent), 200))}
		if a, ok := c.Locals(handlers.ActorKey).(models.Actor); ok {
			attrs = append(attrs, "user_id", a.UserID.String())
		}
		var throttled *models.ThrottledError
		if errors.As(err, &throttled) {
			// Someone guessing passwords, or more logins at once than the
			// bcrypt slots: worth an operator's eye.
			level = slog.LevelWarn
			attrs = append(attrs, "throttled", true, "retry_after_s", int(throttled.RetryAfter.Seconds()+0.999))
			if c.Path() == loginRoute {
				attrs = append(attrs, "username", loginName(c.Body()))
			}
		}
		onSent(c, func(sent int64) {
			attrs = append(attrs, "bytes", sent, "elapsed_ms", float64(time.Since(start).Microseconds())/1000)
			log.Log(context.Background(), level, "request", attrs...)
		})
		return nil
	}
}

// loginName is the username a login body names, cut to a sane length.
func loginName(body []byte) string {
	var req struct {
		Username string `json:"username"`
	}
	_ = json.Unmarshal(body, &req)
	return cutUTF8(req.Username, 64)
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

// readyz answers whether this replica can serve: 503 with a reason when the
// database does not answer, or when every pool connection is taken and
// stays taken (requests would queue for one), or when the blob store does
// not answer its (cached) bucket check, so that a load balancer sends the
// work elsewhere.
func readyz(db *gorm.DB, reads *replica.Router, blobs *blobCheck) fiber.Handler {
	return func(c *fiber.Ctx) error {
		log := Logger(c.UserContext())
		notReady := func(status string, err error) error {
			log.Warn("not ready", "status", status, "error", err)
			c.Set(fiber.HeaderRetryAfter, "5")
			return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": status})
		}
		sqlDB, err := db.DB()
		if err != nil {
			return notReady("database unreachable", err)
		}
		// A connection of the pool within a second, then a ping within two.
		wait, cancel := context.WithTimeout(c.UserContext(), time.Second)
		defer cancel()
		conn, err := sqlDB.Conn(wait)
		if err != nil {
			if st := sqlDB.Stats(); wait.Err() != nil && st.InUse >= st.MaxOpenConnections {
				return notReady("database pool saturated", err)
			}
			return notReady("database unreachable", err)
		}
		defer conn.Close()
		ping, cancelPing := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancelPing()
		if err := conn.PingContext(ping); err != nil {
			return notReady("database unreachable", err)
		}
		if err := blobs.check(c.UserContext()); err != nil {
			return notReady("blob store unavailable", err)
		}
		if reads != nil {
			// A replica that is down or behind is not a reason to take this
			// instance out: its reads go to the primary. It is shown.
			return c.JSON(fiber.Map{"status": "ready", "blobs": blobs.blobs.Name(), "replica": reads.Status()})
		}
		return c.JSON(fiber.Map{"status": "ready", "blobs": blobs.blobs.Name()})
	}
}

// ownWrites keeps a user's heavy reads on the primary after they write,
// until the replica has what they wrote (replica.Router.Wrote).
func ownWrites(reads *replica.Router) fiber.Handler {
	if reads == nil {
		return func(c *fiber.Ctx) error { return c.Next() }
	}
	return func(c *fiber.Ctx) error {
		err := c.Next()
		if m := c.Method(); m != fiber.MethodGet && m != fiber.MethodHead && m != fiber.MethodOptions {
			if a, ok := c.Locals(handlers.ActorKey).(models.Actor); ok {
				reads.Wrote(a.UserID)
			}
		}
		return err
	}
}

// streamBuilds is how many ledgers and maps may read the database at once.
// Writing a ledger is CPU-bound: by default half the processors, so that
// the others serve the short requests beside them (on two vCPUs, ten city
// XLSX ledgers at once kept GET /me at p99 66 ms with one, 186 ms with two;
// docs/RELIABILITY.md); and never more than half the pool's connections.
func streamBuilds(cfg Config) int {
	n := cfg.StreamBuilds
	if n == 0 {
		n = runtime.GOMAXPROCS(0) / 2
	}
	return max(1, min(n, cfg.DBMaxConns/2))
}
