package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jiuxiao/jiuxiao/storage"
)

// Bounds of S3_PRESIGN_TTL: long enough for a phone on a slow link to
// start the download, short enough that a URL passed on is soon useless.
const (
	minPresignTTL = 10 * time.Second
	maxPresignTTL = time.Hour
)

// checkBlobs checks BLOB_STORE and the S3_* settings.
func (c *Config) checkBlobs() error {
	switch c.BlobStore {
	case "disk", "s3":
	default:
		return fmt.Errorf("configuration: BLOB_STORE must be disk or s3, not %q", c.BlobStore)
	}
	if c.S3Timeout <= 0 {
		return errors.New("configuration: S3_TIMEOUT must be positive")
	}
	if c.S3Presign && c.BlobStore != "s3" {
		return errors.New("configuration: S3_PRESIGN=true needs BLOB_STORE=s3")
	}
	if c.S3Presign && (c.S3PresignTTL < minPresignTTL || c.S3PresignTTL > maxPresignTTL) {
		return fmt.Errorf("configuration: S3_PRESIGN_TTL must be between %s and %s", minPresignTTL, maxPresignTTL)
	}
	if c.BlobStore == "s3" {
		return c.checkS3()
	}
	return nil
}

// checkS3 checks the settings an S3 store needs (BLOB_STORE=s3, and
// `jiuxiao blobs migrate` whatever BLOB_STORE says).
func (c Config) checkS3() error {
	var missing []string
	for _, v := range []struct{ name, value string }{
		{"S3_ENDPOINT", c.S3Endpoint}, {"S3_BUCKET", c.S3Bucket}, {"S3_REGION", c.S3Region},
		{"S3_ACCESS_KEY", c.S3AccessKey}, {"S3_SECRET_KEY", c.S3SecretKey},
	} {
		if v.value == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("configuration: an S3 store needs %s", strings.Join(missing, ", "))
	}
	if strings.Contains(c.S3Endpoint, "://") || strings.ContainsAny(c.S3Endpoint, "/?# ") {
		return fmt.Errorf("configuration: S3_ENDPOINT is host[:port] without a scheme or path (S3_USE_TLS chooses https), not %q", c.S3Endpoint)
	}
	if _, err := storage.NewS3(c.s3Config()); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}

func (c Config) s3Config() storage.S3Config {
	return storage.S3Config{Endpoint: c.S3Endpoint, Bucket: c.S3Bucket, Region: c.S3Region, AccessKey: c.S3AccessKey,
		SecretKey: c.S3SecretKey, PathStyle: c.S3PathStyle, UseTLS: c.S3UseTLS, Timeout: c.S3Timeout}
}

// DiskBlobs is the disk store under DATA_DIR.
func DiskBlobs(cfg Config) storage.Disk {
	return storage.Disk{Root: filepath.Join(cfg.DataDir, "photos")}
}

// S3Blobs is the S3 store the S3_* settings describe, whatever BLOB_STORE says.
func S3Blobs(cfg Config) (*storage.S3, error) {
	if err := cfg.checkS3(); err != nil {
		return nil, err
	}
	return storage.NewS3(cfg.s3Config())
}

// OpenBlobs is the store BLOB_STORE chooses.
func OpenBlobs(cfg Config) (storage.Blobs, error) {
	if cfg.BlobStore == "s3" {
		return S3Blobs(cfg)
	}
	return DiskBlobs(cfg), nil
}

// blobCheck caches the store's Check for a few seconds, so that a load
// balancer polling /readyz on every replica does not become the store's
// load; failures are cached as long as successes.
type blobCheck struct {
	blobs storage.Blobs
	ttl   time.Duration

	mu   sync.Mutex
	at   time.Time
	err  error
	busy chan struct{}
}

func (b *blobCheck) check(ctx context.Context) error {
	b.mu.Lock()
	if !b.at.IsZero() && time.Since(b.at) < b.ttl {
		err := b.err
		b.mu.Unlock()
		return err
	}
	if b.busy != nil { // another request is asking: wait for its answer
		busy := b.busy
		b.mu.Unlock()
		select {
		case <-busy:
		case <-ctx.Done():
			return ctx.Err()
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		return b.err
	}
	b.busy = make(chan struct{})
	b.mu.Unlock()
	wait, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	err := b.blobs.Check(wait)
	cancel()
	b.mu.Lock()
	b.at, b.err = time.Now(), err
	close(b.busy)
	b.busy = nil
	b.mu.Unlock()
	return err
}
