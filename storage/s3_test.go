package storage_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/storage"
	"github.com/jiuxiao/jiuxiao/storage/s3test"
)

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func newS3(t *testing.T, srv *s3test.Server, timeout time.Duration) *storage.S3 {
	t.Helper()
	s, err := storage.NewS3(srv.Config(timeout))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestS3Store: put, stat, open, seek and read, presign, against gofakes3
// over HTTP; the same photo twice is one object; bytes that are not their
// name are refused and not left behind.
func TestS3Store(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	s := newS3(t, srv, 5*time.Second)
	if err := s.Check(ctx); err != nil {
		t.Fatalf("Check: %v", err)
	}
	data := bytes.Repeat([]byte("0123456789"), 100_000) // 1 MB
	sha := hashOf(data)
	if _, err := s.Stat(ctx, sha); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("Stat before Put = %v, want ErrNotFound", err)
	}
	if err := s.Put(ctx, sha, bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatalf("Put: %v", err)
	}
	if n, err := s.Stat(ctx, sha); err != nil || n != int64(len(data)) {
		t.Fatalf("Stat = %d, %v", n, err)
	}
	before := srv.Requests.Load()
	// A second Put of the same hash reads nothing and writes nothing.
	if err := s.Put(ctx, sha, errReader{}, int64(len(data))); err != nil {
		t.Fatalf("second Put: %v", err)
	}
	if n := srv.Requests.Load() - before; n != 1 {
		t.Errorf("second Put made %d requests, want 1 (the HEAD)", n)
	}

	b, err := s.Open(ctx, sha)
	if err != nil {
		t.Fatal(err)
	}
	if b.Size() != int64(len(data)) {
		t.Fatalf("Size = %d", b.Size())
	}
	if _, err := b.Seek(999_990, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	tail, err := io.ReadAll(b)
	if err != nil || string(tail) != "0123456789" {
		t.Fatalf("read from 999990 = %q, %v", tail, err)
	}
	b.Seek(0, io.SeekStart)
	all, err := io.ReadAll(b)
	if err != nil || !bytes.Equal(all, data) {
		t.Fatalf("read whole: %d bytes, %v", len(all), err)
	}
	b.Close()

	u, err := s.PresignGet(ctx, sha, time.Minute, "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u, "X-Amz-Expires=60") || !strings.HasPrefix(u, srv.URL+"/"+s3test.Bucket+"/"+sha) {
		t.Errorf("presigned URL %s", u)
	}
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(got, data) {
		t.Errorf("GET presigned: %d, %d bytes", resp.StatusCode, len(got))
	}

	// Bytes that do not hash to the name given.
	other := []byte("not what the name says")
	err = s.Put(ctx, hashOf([]byte("something else")), bytes.NewReader(other), int64(len(other)))
	if !errors.Is(err, storage.ErrMismatch) {
		t.Fatalf("Put of mismatched bytes = %v, want ErrMismatch", err)
	}
	if srv.Has(hashOf([]byte("something else"))) {
		t.Error("the mismatched bytes were left in the bucket")
	}
	if _, err := s.Open(ctx, hashOf([]byte("never stored"))); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Open of a missing object = %v, want ErrNotFound", err)
	}
	if err := s.Put(ctx, "../etc/passwd", bytes.NewReader(nil), 0); err == nil {
		t.Error("a name that is not a hash was accepted")
	}
}

// TestS3Faults: a server that is gone and one that never answers are
// ErrUnavailable, within the timeout; a bucket that does not exist fails
// Check.
func TestS3Faults(t *testing.T) {
	ctx := context.Background()
	data := []byte("a photo")
	sha := hashOf(data)

	slow := s3test.Start(t)
	slow.Stall(true)
	s := newS3(t, slow, 200*time.Millisecond)
	// The stalled server never answers: only the client's timeout ends these.
	if err := s.Put(ctx, sha, bytes.NewReader(data), int64(len(data))); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("Put to a stalled server = %v, want ErrUnavailable", err)
	}
	if _, err := s.Open(ctx, sha); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("Open on a stalled server = %v, want ErrUnavailable", err)
	}
	if err := s.Check(ctx); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("Check of a stalled server = %v, want ErrUnavailable", err)
	}

	down := s3test.Start(t)
	d := newS3(t, down, time.Second)
	if err := d.Put(ctx, sha, bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	open, err := d.Open(ctx, sha)
	if err != nil {
		t.Fatal(err)
	}
	down.Stop()
	if _, err := io.ReadAll(open); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("read from a server gone = %v, want ErrUnavailable", err)
	}
	if err := d.Put(ctx, hashOf([]byte("x")), strings.NewReader("x"), 1); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("Put to a server gone = %v, want ErrUnavailable", err)
	}
	if err := d.Check(ctx); !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("Check of a server gone = %v", err)
	}

	other := s3test.Start(t)
	cfg := other.Config(time.Second)
	cfg.Bucket = "no-such-bucket"
	nb, _ := storage.NewS3(cfg)
	if err := nb.Check(ctx); !errors.Is(err, storage.ErrUnavailable) || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Check of a missing bucket = %v", err)
	}
}

// TestDiskPutStreams: the disk store takes a stream, refuses bytes that
// are not their name, and walks what it has.
func TestDiskPutStreams(t *testing.T) {
	ctx := context.Background()
	d := storage.Disk{Root: t.TempDir()}
	data := []byte("disk photo")
	if err := d.Put(ctx, hashOf(data), bytes.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, hashOf([]byte("y")), bytes.NewReader(data), int64(len(data))); !errors.Is(err, storage.ErrMismatch) {
		t.Errorf("mismatched Put = %v", err)
	}
	if n, err := d.Stat(ctx, hashOf(data)); err != nil || n != int64(len(data)) {
		t.Errorf("Stat = %d, %v", n, err)
	}
	var seen []string
	if err := d.Walk(func(sha string, size int64) error { seen = append(seen, sha); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || seen[0] != hashOf(data) {
		t.Errorf("Walk = %v", seen)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("read when it should not have been") }
