package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// CopyReport is what Copy did.
type CopyReport struct {
	Objects  int   `json:"objects"`  // blobs in the source
	Bytes    int64 `json:"bytes"`    // their bytes
	Copied   int   `json:"copied"`   // written to the destination by this run
	Present  int   `json:"present"`  // in the destination already, with the right size
	Verified int   `json:"verified"` // read back from the destination and hashed to their name
	// Failed are the blobs that are not (known to be) right in the
	// destination, with why; a run with failures has not finished.
	Failed []CopyFailure `json:"failed"`
}

// CopyFailure is one blob Copy could not put right.
type CopyFailure struct {
	SHA256 string `json:"sha256"`
	Reason string `json:"reason"`
}

// CopyOptions tune Copy.
type CopyOptions struct {
	Workers int // blobs in flight at once (default 4)
	// Quick trusts an object already in the destination with the right
	// size instead of reading it back; copied objects are always read back.
	Quick bool
	// Progress is called after each blob, one call at a time, with the
	// number done and the report so far.
	Progress func(done int, r CopyReport)
}

// Copy copies every blob of a disk store into dst and verifies each by its
// hash: a source file that does not hash to its name is not copied; every
// copied object is read back from dst and hashed. It can be stopped at any
// point (ctx) and run again: an object dst has already with the right size
// is not copied again (and, unless Quick, is read back and verified). A
// store that does not answer stops the run with an ErrUnavailable error;
// other problems of one blob are reported in Failed and the run goes on.
func Copy(ctx context.Context, src Disk, dst Blobs, opts CopyOptions) (CopyReport, error) {
	var r CopyReport
	if err := src.Walk(func(_ string, size int64) error { r.Objects++; r.Bytes += size; return nil }); err != nil {
		return r, err
	}
	workers := max(opts.Workers, 1)
	if opts.Workers == 0 {
		workers = 4
	}
	type job struct {
		sha  string
		size int64
	}
	jobs := make(chan job)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu   sync.Mutex
		done int
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				state, err := copyOne(ctx, src, dst, j.sha, j.size, opts.Quick)
				if err != nil && (errors.Is(err, ErrUnavailable) || ctx.Err() != nil) {
					cancel(err)
					continue
				}
				mu.Lock()
				done++
				switch {
				case err != nil:
					r.Failed = append(r.Failed, CopyFailure{SHA256: j.sha, Reason: err.Error()})
				case state == "copied":
					r.Copied++
					r.Verified++
				case state == "present":
					r.Present++
				case state == "present verified":
					r.Present++
					r.Verified++
				}
				if opts.Progress != nil {
					opts.Progress(done, r)
				}
				mu.Unlock()
			}
		}()
	}
	walkErr := src.Walk(func(sha string, size int64) error {
		select {
		case jobs <- job{sha, size}:
			return nil
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	})
	close(jobs)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return r, err
	}
	return r, walkErr
}

// copyOne puts one blob right in dst: "copied", "present" (right size,
// not read), "present verified", or why not.
func copyOne(ctx context.Context, src Disk, dst Blobs, sha string, size int64, quick bool) (string, error) {
	n, err := dst.Stat(ctx, sha)
	switch {
	case err == nil && n != size:
		return "", fmt.Errorf("the destination has %d bytes under this name, the source %d: delete the object and run again", n, size)
	case err == nil && quick:
		return "present", nil
	case err == nil:
		return "present verified", verifyIn(ctx, dst, sha)
	case !errors.Is(err, ErrNotFound):
		return "", err
	}
	p, err := src.path(sha)
	if err != nil {
		return "", err
	}
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if got, err := hashOf(f); err != nil {
		return "", err
	} else if got != sha {
		return "", fmt.Errorf("the source file hashes to %s, not its name: not copied", got)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	if err := dst.Put(ctx, sha, f, size); err != nil {
		return "", err
	}
	return "copied", verifyIn(ctx, dst, sha)
}

// verifyIn reads a blob back from s and checks its hash.
func verifyIn(ctx context.Context, s Blobs, sha string) error {
	b, err := s.Open(ctx, sha)
	if err != nil {
		return err
	}
	defer b.Close()
	got, err := hashOf(b)
	if err != nil {
		return err
	}
	if got != sha {
		return fmt.Errorf("the destination's bytes hash to %s, not their name: delete the object and run again", got)
	}
	return nil
}

func hashOf(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
