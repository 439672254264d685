// Package s3test runs a real S3 protocol server for tests: gofakes3 on a
// loopback listener, spoken to over HTTP by the same minio-go client the
// service uses, with the faults tests need (the server gone, a server that
// never answers). Only tests import it.
package s3test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/storage"
	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Credentials of the test server (gofakes3 does not check signatures; the
// client signs every request all the same).
const (
	AccessKey = "jiuxiao-test"
	SecretKey = "jiuxiao-test-secret"
	Bucket    = "jiuxiao-photos"
)

// Server is one S3 server with one bucket.
type Server struct {
	URL      string
	Endpoint string // host:port
	Backend  *s3mem.Backend

	http    *httptest.Server
	stalled atomic.Bool
	release chan struct{}
	once    sync.Once
	// Requests counts the requests served (stalled ones included).
	Requests atomic.Int64
}

// Start starts a server with the bucket made; it stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{Backend: s3mem.New(), release: make(chan struct{})}
	if err := s.Backend.CreateBucket(Bucket); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(s.Backend, gofakes3.WithTimeSkewLimit(time.Hour)).Server()
	s.http = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Requests.Add(1)
		if s.stalled.Load() {
			select { // answer nothing until the client gives up or the test ends
			case <-r.Context().Done():
			case <-s.release:
			}
			return
		}
		fake.ServeHTTP(w, r)
	}))
	s.URL = s.http.URL
	s.Endpoint = strings.TrimPrefix(s.http.URL, "http://")
	t.Cleanup(s.Stop)
	return s
}

// Config is the storage configuration of this server, with timeout.
func (s *Server) Config(timeout time.Duration) storage.S3Config {
	return storage.S3Config{Endpoint: s.Endpoint, Bucket: Bucket, Region: "us-east-1", AccessKey: AccessKey,
		SecretKey: SecretKey, PathStyle: true, UseTLS: false, Timeout: timeout}
}

// Env is the same configuration as the service's environment variables.
func (s *Server) Env() map[string]string {
	return map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": s.Endpoint, "S3_BUCKET": Bucket, "S3_REGION": "us-east-1",
		"S3_ACCESS_KEY": AccessKey, "S3_SECRET_KEY": SecretKey, "S3_PATH_STYLE": "true", "S3_USE_TLS": "false"}
}

// Stall makes the server accept requests and never answer them.
func (s *Server) Stall(on bool) { s.stalled.Store(on) }

// Stop closes the listener: the server is gone, connections are refused.
func (s *Server) Stop() {
	s.once.Do(func() {
		close(s.release)
		s.http.CloseClientConnections()
		s.http.Close()
	})
}

// Has reports whether the bucket has an object of that name.
func (s *Server) Has(key string) bool {
	_, err := s.Backend.HeadObject(Bucket, key)
	return err == nil
}

// Delete removes an object behind the service's back.
func (s *Server) Delete(t testing.TB, key string) {
	t.Helper()
	if _, err := s.Backend.DeleteObject(Bucket, key); err != nil {
		t.Fatal(err)
	}
}

// Corrupt puts other bytes under a name behind the service's back (over
// HTTP, as any other client of the store would).
func (s *Server) Corrupt(t testing.TB, key string, b []byte) {
	t.Helper()
	c, err := minio.New(s.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(AccessKey, SecretKey, ""), Region: "us-east-1",
		BucketLookup: minio.BucketLookupPath})
	if err == nil {
		_, err = c.PutObject(context.Background(), Bucket, key, bytes.NewReader(b), int64(len(b)), minio.PutObjectOptions{})
	}
	if err != nil {
		t.Fatal(err)
	}
}
