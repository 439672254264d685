// Package app wires Jiuxiao together: configuration, the database, the
// migrations, the HTTP server with its middleware and routes, and the cron.
package app

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/joho/godotenv"
)

// ExampleJWTSecret is the secret shipped in .env.example. Production refuses it.
const ExampleJWTSecret = "change-me-to-a-long-random-string"

// Config is every setting of the service, read once from the environment
// (and from .env when present). .env.example documents each variable.
type Config struct {
	Env         string        `env:"APP_ENV"`
	DatabaseURL string        `env:"DATABASE_URL"`
	Port        int           `env:"PORT" envDefault:"8080"`
	TZ          string        `env:"TZ" envDefault:"Asia/Shanghai"`
	JWTSecret   string        `env:"JWT_SECRET" envDefault:"change-me-to-a-long-random-string"`
	AccessTTL   time.Duration `env:"ACCESS_TOKEN_TTL" envDefault:"15m"`
	RefreshTTL  time.Duration `env:"REFRESH_TOKEN_TTL" envDefault:"720h"`
	DataDir     string        `env:"DATA_DIR" envDefault:".data"`
	MaxPhotoMB  int           `env:"MAX_PHOTO_MB" envDefault:"10"`
	// Where photo bytes are kept: disk (DATA_DIR/photos) or s3.
	BlobStore        string        `env:"BLOB_STORE" envDefault:"disk"`
	S3Endpoint       string        `env:"S3_ENDPOINT"`
	S3Bucket         string        `env:"S3_BUCKET"`
	S3Region         string        `env:"S3_REGION" envDefault:"us-east-1"`
	S3AccessKey      string        `env:"S3_ACCESS_KEY"`
	S3SecretKey      string        `env:"S3_SECRET_KEY"`
	S3PathStyle      bool          `env:"S3_PATH_STYLE" envDefault:"true"`
	S3UseTLS         bool          `env:"S3_USE_TLS" envDefault:"true"`
	S3Timeout        time.Duration `env:"S3_TIMEOUT" envDefault:"15s"`
	S3Presign        bool          `env:"S3_PRESIGN" envDefault:"false"`
	S3PresignTTL     time.Duration `env:"S3_PRESIGN_TTL" envDefault:"5m"`
	CheckinRadiusM   float64       `env:"CHECKIN_RADIUS_M" envDefault:"300"`
	MaxDeadlineDays  int           `env:"MAX_DEADLINE_DAYS" envDefault:"90"`
	ScheduleCron     string        `env:"SCHEDULE_CRON"`
	SeedPassword     string        `env:"SEED_PASSWORD" envDefault:"jiuxiao-demo"`
	LogLevel         string        `env:"LOG_LEVEL" envDefault:"info"`
	RequestTimeout   time.Duration `env:"REQUEST_TIMEOUT" envDefault:"30s"`
	ShutdownGrace    time.Duration `env:"SHUTDOWN_TIMEOUT" envDefault:"20s"`
	DBMaxConns       int           `env:"DB_MAX_CONNS"` // unset: DefaultDBConns
	LoginMaxFailures int           `env:"LOGIN_MAX_FAILURES" envDefault:"5"`
	LoginAddrMax     int           `env:"LOGIN_MAX_FAILURES_PER_ADDR" envDefault:"30"`
	LoginWindow      time.Duration `env:"LOGIN_WINDOW" envDefault:"15m"`
	LoginConcurrency int           `env:"LOGIN_CONCURRENCY"`
	ReadTimeout      time.Duration `env:"READ_TIMEOUT" envDefault:"10s"`
	UploadTimeout    time.Duration `env:"UPLOAD_TIMEOUT" envDefault:"5m"`
	IdleTimeout      time.Duration `env:"IDLE_TIMEOUT" envDefault:"60s"`
	MaxConnsPerIP    int           `env:"MAX_CONNS_PER_IP" envDefault:"256"`
	MetricsAddr      string        `env:"METRICS_ADDR"`
	MetricsToken     string        `env:"METRICS_TOKEN"`
	TrustedProxies   []string      `env:"TRUSTED_PROXIES" envSeparator:","`
	MigrateOnStart   bool          `env:"MIGRATE_ON_START" envDefault:"true"`
	// Ledgers and map points in flight (handlers.Streams).
	// The heavy reads (ledgers, figures, map points, the audit trail) go to
	// a streaming replica while it is at most REPLICA_MAX_LAG behind;
	// REPLICA_CHECK_INTERVAL 0 is a quarter of it, from 100 ms to 1 s.
	DatabaseReplicaURL   string        `env:"DATABASE_REPLICA_URL"`
	ReplicaMaxLag        time.Duration `env:"REPLICA_MAX_LAG" envDefault:"5s"`
	ReplicaCheckInterval time.Duration `env:"REPLICA_CHECK_INTERVAL"`

	StreamsPerUser  int `env:"STREAMS_PER_USER" envDefault:"2"`
	StreamsInFlight int `env:"STREAMS_IN_FLIGHT" envDefault:"32"`
	StreamBuilds    int `env:"STREAM_BUILDS" envDefault:"0"` // 0: half the processors

	WebhookAllowHosts  []string      `env:"WEBHOOK_ALLOW_HOSTS" envSeparator:","`
	WebhookTimeout     time.Duration `env:"WEBHOOK_TIMEOUT" envDefault:"10s"`
	WebhookConcurrency int           `env:"WEBHOOK_CONCURRENCY" envDefault:"128"`
	WebhookPerReceiver int           `env:"WEBHOOK_PER_RECEIVER" envDefault:"64"`
	WebhookRetryFor    time.Duration `env:"WEBHOOK_RETRY_FOR" envDefault:"24h"`
	Dispatch           bool          `env:"DISPATCH" envDefault:"true"`
	SMSDriver          string        `env:"SMS_DRIVER" envDefault:"log"`
	SMSWebhookURL      string        `env:"SMS_WEBHOOK_URL"`
	SMSWebhookSecret   string        `env:"SMS_WEBHOOK_SECRET"`
	// Fallback fonts of the legal documents' PDFs (app/fonts.go).
	FontPathExtra []string `env:"FONT_PATH_EXTRA" envSeparator:","`

	// The public side (场所码): the address printed in the stickers' QR codes,
	// whether the public page shows the risk level, and the reports one
	// client address and one venue may send per window.
	PublicBaseURL         string        `env:"PUBLIC_BASE_URL" envDefault:"http://localhost:8080"`
	PublicShowLevel       bool          `env:"PUBLIC_SHOW_LEVEL" envDefault:"false"`
	PublicReportsPerAddr  int           `env:"PUBLIC_REPORTS_PER_ADDR" envDefault:"5"`
	PublicReportsPerVenue int           `env:"PUBLIC_REPORTS_PER_VENUE" envDefault:"30"`
	PublicReportWindow    time.Duration `env:"PUBLIC_REPORT_WINDOW" envDefault:"1h"`
	// PublicPageTTL keeps a venue's public page drawn this long in each
	// replica (handlers.PageCache); 0 draws it on every request.
	PublicPageTTL time.Duration `env:"PUBLIC_PAGE_TTL" envDefault:"1s"`

	// Location is TZ loaded; set by Load.
	Location *time.Location `env:"-"`
	// WebhookAllow is WEBHOOK_ALLOW_HOSTS parsed; set by Load.
	WebhookAllow models.AllowList `env:"-"`
	// Now is the clock (time.Now unless a test sets another).
	Now func() time.Time `env:"-"`
	// Version is the binary's version, for jiuxiao_build_info; set by main.
	Version string `env:"-"`
	// QuietSlowSQL logs slow statements at debug level: the batch commands
	// (seed, schedule generate) print their own timings.
	QuietSlowSQL bool `env:"-"`
	// LogOutput is where the logs go (standard error unless a test sets another).
	LogOutput io.Writer `env:"-"`
}

func (c Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// DefaultDBConns is the pool's size when DB_MAX_CONNS is not set: twice
// the processors, at least 4. PostgreSQL does the most work with about
// twice its cores in active connections; more only queue in its scheduler.
// On two cores, with the database beside the service, a pool of 20 let
// eight task lists at once reach the database together and took their p99
// from 11 ms to 35 ms for at most 7% more answers a second
// (docs/BENCHMARKS.md); with it, sixteen submits at once, each holding
// its connection through its commit's fsync, made an eighth more. The
// floor leaves connections to the short requests while a ledger and the
// background work hold theirs. When the database has cores of its own, set
// DB_MAX_CONNS to about twice those, shared among the replicas.
func DefaultDBConns() int { return max(4, 2*runtime.GOMAXPROCS(0)) }

// Load reads .env (when present) and the environment, and checks the result.
func Load() (Config, error) {
	// A missing .env is normal; a malformed one is worth stopping for.
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Config{}, fmt.Errorf("read .env: %w", err)
	}
	return LoadEnv(nil)
}

// LoadEnv reads the configuration from vars, or from the process's
// environment when vars is nil, without looking at .env.
func LoadEnv(vars map[string]string) (Config, error) {
	var cfg Config
	opts := env.Options{}
	if vars != nil {
		opts.Environment = vars
	}
	if err := env.ParseWithOptions(&cfg, opts); err != nil {
		return Config{}, fmt.Errorf("configuration: %w", err)
	}
	return cfg, cfg.finish()
}

// Development reports whether APP_ENV=development was chosen explicitly:
// only then does serve accept the example JWT_SECRET.
func (c Config) Development() bool { return c.Env == "development" }

// printKey is the key the owner invitations printed on orders are derived
// with (models.PrintedInvites): from JWT_SECRET, so that a new secret voids
// the printed links as it ends the sessions.
func (c Config) printKey() []byte {
	m := hmac.New(sha256.New, []byte(c.JWTSecret))
	m.Write([]byte("jiuxiao printed owner invites"))
	return m.Sum(nil)
}

// CheckSecret refuses the example JWT_SECRET and any shorter than 32 bytes,
// unless APP_ENV=development. serve calls it whatever APP_ENV is (unset
// included); other commands only in production, since they sign nothing.
func (c Config) CheckSecret() error {
	if c.Development() || (c.JWTSecret != ExampleJWTSecret && len(c.JWTSecret) >= 32) {
		return nil
	}
	return errors.New("configuration: JWT_SECRET must be a random string of 32 or more bytes (e.g. `openssl rand -base64 48`); " +
		"the example secret is accepted only with APP_ENV=development")
}

// finish checks the settings and derives Location.
func (c *Config) finish() error {
	loc, err := time.LoadLocation(c.TZ)
	if err != nil {
		return fmt.Errorf("configuration: TZ %q: %w", c.TZ, err)
	}
	c.Location = loc
	if c.DBMaxConns == 0 {
		c.DBMaxConns = DefaultDBConns()
	}
	if c.WebhookAllow, err = models.ParseAllowList(c.WebhookAllowHosts); err != nil {
		return fmt.Errorf("configuration: WEBHOOK_ALLOW_HOSTS: %w", err)
	}
	if err := c.checkEvents(); err != nil {
		return err
	}
	if err := c.checkBlobs(); err != nil {
		return err
	}
	if err := c.fallbackFonts(); err != nil {
		return err
	}
	switch {
	case c.Env != "" && c.Env != "development" && c.Env != "production" && c.Env != "test":
		return fmt.Errorf("configuration: APP_ENV must be development, test or production, not %q", c.Env)
	case c.Env == "production" && c.CheckSecret() != nil:
		return c.CheckSecret()
	case c.AccessTTL > models.MaxAccessTTL:
		return fmt.Errorf("configuration: ACCESS_TOKEN_TTL may be at most %s", models.MaxAccessTTL)
	case c.ReplicaMaxLag <= 0 || c.ReplicaCheckInterval < 0:
		return errors.New("configuration: REPLICA_MAX_LAG must be positive and REPLICA_CHECK_INTERVAL not negative")
	case c.DatabaseReplicaURL != "" && c.DatabaseReplicaURL == c.DatabaseURL:
		return errors.New("configuration: DATABASE_REPLICA_URL names the primary itself; leave it empty to read from the primary")
	case c.ReadTimeout <= 0 || c.UploadTimeout <= 0 || c.IdleTimeout <= 0:
		return errors.New("configuration: READ_TIMEOUT, UPLOAD_TIMEOUT and IDLE_TIMEOUT must be positive")
	case c.MaxConnsPerIP < 0 || c.LoginAddrMax < 0 || c.LoginConcurrency < 0:
		return errors.New("configuration: MAX_CONNS_PER_IP, LOGIN_MAX_FAILURES_PER_ADDR and LOGIN_CONCURRENCY may not be negative")
	case c.DBMaxConns < 1:
		return errors.New("configuration: DB_MAX_CONNS must be at least 1 (leave it empty for twice the processors, at least 4)")
	case c.MaxPhotoMB < 1:
		return errors.New("configuration: MAX_PHOTO_MB must be at least 1")
	case c.PublicPageTTL < 0 || c.PublicPageTTL > time.Minute:
		return errors.New("configuration: PUBLIC_PAGE_TTL must be between 0 and 1m (another replica shows a changed venue's page for that long)")
	case c.PublicReportsPerAddr < 0 || c.PublicReportsPerVenue < 0 || c.PublicReportWindow <= 0:
		return errors.New("configuration: PUBLIC_REPORTS_PER_ADDR and PUBLIC_REPORTS_PER_VENUE may not be negative, PUBLIC_REPORT_WINDOW must be positive")
	case !strings.HasPrefix(c.PublicBaseURL, "https://") && !strings.HasPrefix(c.PublicBaseURL, "http://"):
		return errors.New("configuration: PUBLIC_BASE_URL must be an http(s) URL, such as https://jiuxiao.example.gov.cn")
	case c.CheckinRadiusM <= 0:
		return errors.New("configuration: CHECKIN_RADIUS_M must be positive")
	case c.MaxDeadlineDays < 1:
		return errors.New("configuration: MAX_DEADLINE_DAYS must be at least 1")
	case c.StreamsPerUser < 1 || c.StreamsInFlight < 1 || c.StreamBuilds < 0:
		return errors.New("configuration: STREAMS_PER_USER and STREAMS_IN_FLIGHT must be at least 1, STREAM_BUILDS at least 0")
	case c.AccessTTL <= 0 || c.RefreshTTL <= 0:
		return errors.New("configuration: token lifetimes must be positive")
	}
	return nil
}
