// Package storage keeps photo bytes (hazard and fix photos, and the
// receivers' signature images of served documents, which are photos too).
// Blobs are named by the SHA-256 of their content, so the same photo
// uploaded twice is stored once and no name ever comes from a client. Disk
// keeps them under a folder; S3 in an S3-compatible object store, which
// several API replicas share.
package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// ErrNotFound: no blob has that hash.
var ErrNotFound = errors.New("blob not found")

// ErrUnavailable: the store did not answer, or answered with a failure of
// its own (down, timed out, refused). The same call may pass later.
var ErrUnavailable = errors.New("blob store unavailable")

// ErrMismatch: the bytes given to Put do not have the hash or size given.
var ErrMismatch = errors.New("blob bytes do not match their hash")

// Blobs stores content-addressed bytes.
type Blobs interface {
	// Put stores the size bytes read from r under their SHA-256 (hex),
	// which the caller computed. The bytes are streamed, never held whole;
	// a blob appears whole or not at all. Putting a hash that exists
	// already reads nothing and does nothing. When the bytes read do not
	// hash to sha, nothing is stored and the error is ErrMismatch.
	Put(ctx context.Context, sha string, r io.Reader, size int64) error
	// Open opens the blob of a hash for reading; ErrNotFound when there is
	// none. The caller closes it.
	Open(ctx context.Context, sha string) (Blob, error)
	// Stat is the size of the blob of a hash; ErrNotFound when there is none.
	Stat(ctx context.Context, sha string) (int64, error)
	// Check reports cheaply whether the store can be used now (for /readyz).
	Check(ctx context.Context) error
	// Name says which store this is, for logs and /readyz ("disk", "s3").
	Name() string
}

// Presigner is a store that can hand out a short-lived URL from which a
// client reads a blob directly.
type Presigner interface {
	// PresignGet is a URL that answers GET with the blob for ttl, sent
	// with the given Content-Type.
	PresignGet(ctx context.Context, sha string, ttl time.Duration, contentType string) (string, error)
}

// Blob is an open blob. It is read as a stream, and seeks, so that a photo
// is sent without being held in memory and a Range request reads only its
// part.
type Blob interface {
	io.ReadSeekCloser
	// Size is the blob's length in bytes.
	Size() int64
}

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidHash reports whether s is a SHA-256 in lower-case hex.
func ValidHash(s string) bool { return hexHash.MatchString(s) }

func checkHash(sha string) error {
	if !ValidHash(sha) {
		return fmt.Errorf("storage: %q is not a SHA-256 in hex", sha)
	}
	return nil
}

// verifying reads r and remembers the hash and count of what it read.
type verifying struct {
	r io.Reader
	h hash.Hash
	n int64
}

func newVerifying(r io.Reader) *verifying { return &verifying{r: r, h: sha256.New()} }

func (v *verifying) Read(p []byte) (int, error) {
	n, err := v.r.Read(p)
	v.h.Write(p[:n])
	v.n += int64(n)
	return n, err
}

// check says whether what was read is size bytes hashing to sha.
func (v *verifying) check(sha string, size int64) error {
	if got := hex.EncodeToString(v.h.Sum(nil)); v.n != size || got != sha {
		return fmt.Errorf("storage: %d bytes hashing to %s, want %d bytes of %s: %w", v.n, got, size, sha, ErrMismatch)
	}
	return nil
}

// Disk keeps blobs as files under a root folder, fanned out by the first
// two bytes of the hash: root/ab/cd/abcd….
type Disk struct{ Root string }

// Name is "disk".
func (Disk) Name() string { return "disk" }

func (d Disk) path(sha string) (string, error) {
	if err := checkHash(sha); err != nil {
		return "", err
	}
	return filepath.Join(d.Root, sha[:2], sha[2:4], sha), nil
}

// Put writes the blob through a temporary file and a rename, so that a
// crash never leaves half a photo under its hash.
func (d Disk) Put(_ context.Context, sha string, r io.Reader, size int64) error {
	p, err := d.path(sha)
	if err != nil {
		return err
	}
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	v := newVerifying(io.LimitReader(r, size+1))
	if _, err := io.Copy(tmp, v); err != nil {
		tmp.Close()
		return err
	}
	if err := v.check(sha, size); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// Open opens the blob's file.
func (d Disk) Open(_ context.Context, sha string) (Blob, error) {
	p, err := d.path(sha)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return diskBlob{f, st.Size()}, nil
}

// Stat is the size of the blob's file.
func (d Disk) Stat(_ context.Context, sha string) (int64, error) {
	p, err := d.path(sha)
	if err != nil {
		return 0, err
	}
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, ErrNotFound
	} else if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// Check makes sure the root folder exists (creating it) and is a folder.
func (d Disk) Check(context.Context) error {
	if err := os.MkdirAll(d.Root, 0o750); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return nil
}

// Walk calls fn with the hash and size of every blob under the root, in
// the order of the file names; fn's error stops the walk. Files whose names
// are not hashes (temporary uploads) are skipped.
func (d Disk) Walk(fn func(sha string, size int64) error) error {
	return filepath.WalkDir(d.Root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == d.Root {
				return nil
			}
			return err
		}
		if e.IsDir() || !ValidHash(e.Name()) {
			return nil
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		return fn(e.Name(), info.Size())
	})
}

type diskBlob struct {
	*os.File
	size int64
}

func (b diskBlob) Size() int64 { return b.size }
