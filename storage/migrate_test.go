package storage_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/storage"
	"github.com/jiuxiao/jiuxiao/storage/s3test"
)

// TestCopyResumes: a disk store copied into S3 (gofakes3 over HTTP) by a
// run that is stopped part way, then run again, and again: every blob ends
// up in the bucket read back and verified, none is copied twice, a source
// file that is not its name and an object whose bytes are not its name
// are reported and not counted done.
func TestCopyResumes(t *testing.T) {
	ctx := context.Background()
	srv := s3test.Start(t)
	dst := newS3(t, srv, 5*time.Second)
	src := storage.Disk{Root: t.TempDir()}
	var blobs [][]byte
	for i := range 12 {
		b := bytes.Repeat([]byte(fmt.Sprintf("photo %d ", i)), 1000+i)
		blobs = append(blobs, b)
		if err := src.Put(ctx, hashOf(b), bytes.NewReader(b), int64(len(b))); err != nil {
			t.Fatal(err)
		}
	}
	// A file on disk whose bytes are not its name (bit rot), and a
	// temporary file of an upload cut off (not a blob).
	rotten := hashOf([]byte("the bytes it had"))
	os.MkdirAll(filepath.Join(src.Root, rotten[:2], rotten[2:4]), 0o750)
	os.WriteFile(filepath.Join(src.Root, rotten[:2], rotten[2:4], rotten), []byte("other bytes now"), 0o600)
	os.WriteFile(filepath.Join(src.Root, rotten[:2], ".upload-123"), []byte("half"), 0o600)
	// An object in the bucket of the right size but other bytes.
	wrong := blobs[11]
	srv.Corrupt(t, hashOf(wrong), bytes.Repeat([]byte("x"), len(wrong)))

	// First run: stopped after 4 blobs, as an operator's Ctrl-C would.
	stop, cancel := context.WithCancel(ctx)
	r, err := storage.Copy(stop, src, dst, storage.CopyOptions{Workers: 2, Progress: func(done int, _ storage.CopyReport) {
		if done == 4 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || r.Objects != 13 || r.Copied+r.Present+len(r.Failed) < 4 || r.Copied+r.Present+len(r.Failed) > 6 {
		t.Fatalf("stopped run: %+v, %v", r, err)
	}
	first := r.Copied

	// Second run: resumes. A blob whose upload finished as the first run
	// stopped, before it was read back, is in the bucket though not counted
	// copied: this run finds it present and verifies it.
	r, err = storage.Copy(ctx, src, dst, storage.CopyOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if r.Objects != 13 || r.Copied+r.Present != 11 || r.Copied > 11-first || r.Verified != 11 || len(r.Failed) != 2 {
		t.Fatalf("second run after %d copied: %+v", first, r)
	}
	reasons := map[string]string{}
	for _, f := range r.Failed {
		reasons[f.SHA256] = f.Reason
	}
	if !strings.Contains(reasons[rotten], "source file hashes to") || !strings.Contains(reasons[hashOf(wrong)], "destination's bytes hash to") {
		t.Fatalf("failures: %v", reasons)
	}
	if srv.Has(rotten) {
		t.Fatal("the rotten source file was copied")
	}

	// The operator deletes the wrong object, as the reason says; the third
	// run copies it and has nothing else to do.
	srv.Delete(t, hashOf(wrong))
	r, err = storage.Copy(ctx, src, dst, storage.CopyOptions{Quick: true})
	if err != nil || r.Copied != 1 || r.Present != 11 || r.Verified != 1 || len(r.Failed) != 1 {
		t.Fatalf("third run: %+v, %v", r, err)
	}
	for _, b := range blobs {
		o, err := dst.Open(ctx, hashOf(b))
		if err != nil {
			t.Fatal(err)
		}
		o.Close()
	}

	// A store that goes away stops the run with ErrUnavailable.
	srv.Stop()
	if _, err := storage.Copy(ctx, src, dst, storage.CopyOptions{}); !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("copy to a store gone: %v", err)
	}
}
