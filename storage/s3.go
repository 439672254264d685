package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config is where an S3 store is and how long to wait for it.
type S3Config struct {
	Endpoint  string // host[:port], no scheme
	Bucket    string
	Region    string
	AccessKey string
	SecretKey string
	PathStyle bool // bucket in the path (MinIO, Ceph RGW), not in the host name
	UseTLS    bool
	// Timeout bounds every wait for the store: connecting, the answer's
	// headers, a whole Put or Stat, and each read of a download (a download
	// that makes no progress for Timeout fails).
	Timeout time.Duration
}

// S3 keeps blobs as objects of one bucket, named by their hash. Several API
// replicas share it. Objects are written by one PUT each, which the store
// makes visible whole or not at all, and which carries the SHA-256 of the
// body in the signed x-amz-content-sha256 header, so the store itself
// refuses bytes that are not what their name says.
type S3 struct {
	c       minio.Core
	bucket  string
	timeout time.Duration
}

// NewS3 makes the client; it does not talk to the store (Check does).
func NewS3(cfg S3Config) (*S3, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	tr, err := minio.DefaultTransport(cfg.UseTLS)
	if err != nil {
		return nil, err
	}
	tr.DialContext = (&net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = cfg.Timeout
	tr.TLSHandshakeTimeout = cfg.Timeout
	lookup := minio.BucketLookupDNS
	if cfg.PathStyle {
		lookup = minio.BucketLookupPath
	}
	c, err := minio.New(cfg.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       cfg.UseTLS,
		Region:       cfg.Region,
		BucketLookup: lookup,
		Transport:    tr,
		// One retry of a failed call: a store that is down answers 503
		// within about two timeouts, not after minio-go's ten attempts.
		MaxRetries: 2,
	})
	if err != nil {
		return nil, fmt.Errorf("storage: S3 endpoint %q: %w", cfg.Endpoint, err)
	}
	return &S3{c: minio.Core{Client: c}, bucket: cfg.Bucket, timeout: cfg.Timeout}, nil
}

// Name is "s3".
func (s *S3) Name() string { return "s3" }

// fail turns a client error into ErrNotFound (no such object) or an
// ErrUnavailable that keeps the cause.
func (s *S3) fail(op, sha string, err error) error {
	if r := minio.ToErrorResponse(err); r.Code == "NoSuchKey" || (r.StatusCode == http.StatusNotFound && r.Code != "NoSuchBucket") {
		return ErrNotFound
	}
	return fmt.Errorf("storage: s3 %s %s: %w (%w)", op, sha, ErrUnavailable, err)
}

// Stat asks the store for the object's size (a HEAD request).
func (s *S3) Stat(ctx context.Context, sha string) (int64, error) {
	if err := checkHash(sha); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	info, err := s.c.StatObject(ctx, s.bucket, sha, minio.StatObjectOptions{})
	if err != nil {
		return 0, s.fail("stat", sha, err)
	}
	return info.Size, nil
}

// Put uploads the bytes in one PUT unless the object exists already.
func (s *S3) Put(ctx context.Context, sha string, r io.Reader, size int64) error {
	if _, err := s.Stat(ctx, sha); err == nil {
		return nil
	} else if !errors.Is(err, ErrNotFound) {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	v := newVerifying(io.LimitReader(r, size))
	_, err := s.c.PutObject(ctx, s.bucket, sha, v, size, "", sha, minio.PutObjectOptions{
		ContentType:          "application/octet-stream",
		UserMetadata:         map[string]string{"sha256": sha},
		DisableContentSha256: true, // the payload's hash is sha, signed as it is
	})
	if err != nil {
		if r := minio.ToErrorResponse(err); r.Code == "XAmzContentSHA256Mismatch" || r.Code == "BadDigest" {
			return fmt.Errorf("storage: s3 put %s: %w", sha, ErrMismatch)
		}
		return s.fail("put", sha, err)
	}
	if err := v.check(sha, size); err != nil {
		// A store that does not check the header has the wrong bytes under
		// this name now: take them away again.
		rm, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.timeout)
		defer cancel()
		_ = s.c.RemoveObject(rm, s.bucket, sha, minio.RemoveObjectOptions{})
		return err
	}
	return nil
}

// Open asks for the object's size (so that a missing object is known
// before anything is sent); the bytes are requested on the first Read,
// from the offset Seek chose, so a Range request reads only its part.
func (s *S3) Open(ctx context.Context, sha string) (Blob, error) {
	size, err := s.Stat(ctx, sha)
	if err != nil {
		return nil, err
	}
	return &s3Blob{s: s, sha: sha, size: size}, nil
}

// Check asks whether the bucket exists (a HEAD of the bucket).
func (s *S3) Check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	ok, err := s.c.BucketExists(ctx, s.bucket)
	if err != nil {
		return fmt.Errorf("storage: s3 bucket %s: %w (%w)", s.bucket, ErrUnavailable, err)
	}
	if !ok {
		return fmt.Errorf("storage: s3 bucket %s does not exist: %w", s.bucket, ErrUnavailable)
	}
	return nil
}

// PresignGet signs a GET of the object valid for ttl (no request is made).
func (s *S3) PresignGet(ctx context.Context, sha string, ttl time.Duration, contentType string) (string, error) {
	if err := checkHash(sha); err != nil {
		return "", err
	}
	q := url.Values{}
	if contentType != "" {
		q.Set("response-content-type", contentType)
	}
	u, err := s.c.PresignedGetObject(ctx, s.bucket, sha, ttl, q)
	if err != nil {
		return "", s.fail("presign", sha, err)
	}
	return u.String(), nil
}

// s3Blob reads an object from an offset on. Its body outlives the request's
// context (fasthttp sends it after the handler returns), so it has its own,
// cancelled by Close or when one read waits on the store for the timeout.
type s3Blob struct {
	s    *S3
	sha  string
	size int64
	off  int64

	mu     sync.Mutex
	body   io.ReadCloser
	cancel context.CancelFunc
	idle   *time.Timer
}

func (b *s3Blob) Size() int64 { return b.size }

func (b *s3Blob) Read(p []byte) (int, error) {
	if b.off >= b.size {
		return 0, io.EOF
	}
	if b.body == nil {
		if err := b.open(); err != nil {
			return 0, err
		}
	}
	// The timer runs only while waiting for the store: a client that is
	// slow to take the bytes (fasthttp between two reads) is not a store
	// that stopped sending.
	b.idle.Reset(b.s.timeout)
	n, err := b.body.Read(p)
	b.idle.Stop()
	b.off += int64(n)
	if err != nil && err != io.EOF {
		err = b.s.fail("read", b.sha, err)
	}
	return n, err
}

func (b *s3Blob) open() error {
	ctx, cancel := context.WithCancel(context.Background())
	opts := minio.GetObjectOptions{}
	if b.off > 0 {
		if err := opts.SetRange(b.off, 0); err != nil {
			cancel()
			return err
		}
	}
	b.idle = time.AfterFunc(b.s.timeout, cancel)
	body, _, _, err := b.s.c.GetObject(ctx, b.s.bucket, b.sha, opts)
	if err != nil {
		b.idle.Stop()
		cancel()
		return b.s.fail("get", b.sha, err)
	}
	b.mu.Lock()
	b.body, b.cancel = body, cancel
	b.mu.Unlock()
	return nil
}

func (b *s3Blob) Seek(offset int64, whence int) (int64, error) {
	var to int64
	switch whence {
	case io.SeekStart:
		to = offset
	case io.SeekCurrent:
		to = b.off + offset
	case io.SeekEnd:
		to = b.size + offset
	default:
		return 0, errors.New("storage: bad whence")
	}
	if to < 0 {
		return 0, errors.New("storage: seek before the start")
	}
	if to != b.off {
		b.closeBody()
		b.off = to
	}
	return to, nil
}

func (b *s3Blob) closeBody() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.body != nil {
		b.idle.Stop()
		b.body.Close()
		b.cancel()
		b.body = nil
	}
}

func (b *s3Blob) Close() error {
	b.closeBody()
	return nil
}
