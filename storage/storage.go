// Package storage keeps photo bytes. Blobs are named by the SHA-256 of
// their content, so the same photo uploaded twice is stored once and no
// name ever comes from a client. Disk is the implementation Jiuxiao ships;
// an S3-compatible store can stand in for it behind the same interface.
package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// ErrNotFound: no blob has that hash.
var ErrNotFound = errors.New("blob not found")

// Blobs stores content-addressed bytes.
type Blobs interface {
	// Put stores b under its SHA-256 (hex), which the caller computed. Putting
	// a hash that exists already does nothing.
	Put(ctx context.Context, sha256 string, b []byte) error
	// Open opens the blob of a hash for reading; ErrNotFound when there is
	// none. The caller closes it.
	Open(ctx context.Context, sha256 string) (Blob, error)
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

// Disk keeps blobs as files under a root folder, fanned out by the first
// two bytes of the hash: root/ab/cd/abcd….
type Disk struct{ Root string }

func (d Disk) path(sha string) (string, error) {
	if !hexHash.MatchString(sha) {
		return "", fmt.Errorf("storage: %q is not a SHA-256 in hex", sha)
	}
	return filepath.Join(d.Root, sha[:2], sha[2:4], sha), nil
}

// Put writes the blob through a temporary file and a rename, so that a
// crash never leaves half a photo under its hash.
func (d Disk) Put(_ context.Context, sha string, b []byte) error {
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
	if _, err := tmp.Write(b); err != nil {
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

type diskBlob struct {
	*os.File
	size int64
}

func (b diskBlob) Size() int64 { return b.size }
