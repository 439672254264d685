package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/storage"
)

// blobsMigrateReport is `jiuxiao blobs migrate --json`.
type blobsMigrateReport struct {
	From string `json:"from"`
	To   string `json:"to"` // s3://bucket at endpoint
	storage.CopyReport
	// Rows is the number of distinct photo hashes in the database, and
	// Missing those the bucket does not have (their photos would be 410
	// after the switch); both null when DATABASE_URL is not set.
	Rows      *int     `json:"photo_hashes"`
	Missing   []string `json:"missing"`
	ElapsedMS int64    `json:"elapsed_ms"`
}

// blobsMigrateCmd is `jiuxiao blobs migrate`: the disk store copied into
// the S3 store of the S3_* settings, every blob verified by its hash.
func blobsMigrateCmd(fs *flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	from := fs.String("from", "", "the disk store's `folder` (default DATA_DIR/photos)")
	workers := fs.Int("workers", 4, "`N` blobs in flight at once")
	quick := fs.Bool("quick", false, "trust objects already in the bucket with the right size instead of reading them back")
	asJSON := fs.Bool("json", false, "print the result as one JSON object, nothing else")
	return func(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
		if *workers < 1 || *workers > 64 {
			return badArgs("blobs migrate: --workers must be between 1 and 64")
		}
		src := app.DiskBlobs(cfg)
		if *from != "" {
			src = storage.Disk{Root: *from}
		}
		dst, err := app.S3Blobs(cfg)
		if err != nil {
			return fmt.Errorf("blobs migrate: %w", err)
		}
		if err := dst.Check(ctx); err != nil {
			return fmt.Errorf("blobs migrate: %w", err)
		}
		say := func(format string, a ...any) {
			if !*asJSON {
				fmt.Fprintf(out, format, a...)
			}
		}
		rep := blobsMigrateReport{From: src.Root, To: "s3://" + cfg.S3Bucket + " at " + cfg.S3Endpoint, Missing: []string{}}
		start := time.Now()
		say("blobs migrate: %s → %s\n", rep.From, rep.To)
		last := time.Now()
		rep.CopyReport, err = storage.Copy(ctx, src, dst, storage.CopyOptions{Workers: *workers, Quick: *quick,
			Progress: func(done int, r storage.CopyReport) {
				if time.Since(last) >= 2*time.Second || done == r.Objects {
					last = time.Now()
					say("  %d/%d blobs: %d copied, %d present, %d verified, %d failed (%s)\n", done, r.Objects,
						r.Copied, r.Present, r.Verified, len(r.Failed), time.Since(start).Round(time.Millisecond))
				}
			}})
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return fmt.Errorf("blobs migrate: stopped after %d copied and %d present; run it again to resume", rep.Copied, rep.Present)
			}
			return fmt.Errorf("blobs migrate: %w (%d copied before; run it again to resume)", err, rep.Copied)
		}
		for _, f := range rep.Failed {
			say("  FAILED %s: %s\n", f.SHA256, f.Reason)
		}
		if cfg.DatabaseURL != "" {
			n, missing, err := missingPhotos(ctx, cfg, dst, *workers)
			if err != nil {
				return fmt.Errorf("blobs migrate: check the photos' hashes: %w", err)
			}
			rep.Rows, rep.Missing = &n, missing
			say("  %d photo hashes in the database, %d missing from the bucket\n", n, len(missing))
			for i, m := range missing {
				if i == 20 {
					say("  … and %d more\n", len(missing)-20)
					break
				}
				say("  MISSING %s\n", m)
			}
		} else {
			say("  DATABASE_URL is not set: the photos' hashes were not checked against the bucket\n")
		}
		rep.ElapsedMS = time.Since(start).Milliseconds()
		say("blobs migrate: %d blobs (%d bytes): %d copied, %d present, %d verified by hash, %d failed, in %s\n",
			rep.Objects, rep.Bytes, rep.Copied, rep.Present, rep.Verified, len(rep.Failed), time.Since(start).Round(time.Millisecond))
		if *asJSON {
			if err := json.NewEncoder(out).Encode(rep); err != nil {
				return err
			}
		}
		if len(rep.Failed) > 0 || len(rep.Missing) > 0 {
			return fmt.Errorf("blobs migrate: %d blobs failed and %d photo hashes are missing from the bucket: not ready to switch to BLOB_STORE=s3",
				len(rep.Failed), len(rep.Missing))
		}
		return nil
	}
}

// missingPhotos checks every distinct hash of the photos table against the
// bucket: the number of hashes and those it does not have.
func missingPhotos(ctx context.Context, cfg app.Config, dst storage.Blobs, workers int) (int, []string, error) {
	db, err := app.OpenDB(cfg)
	if err != nil {
		return 0, nil, err
	}
	rows, err := db.WithContext(ctx).Raw("SELECT DISTINCT sha256 FROM photos ORDER BY sha256").Rows()
	if err != nil {
		return 0, nil, err
	}
	defer rows.Close()
	hashes := make(chan string)
	var (
		mu      sync.Mutex
		missing = []string{}
		first   error
		wg      sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for h := range hashes {
				_, err := dst.Stat(ctx, h)
				mu.Lock()
				if errors.Is(err, storage.ErrNotFound) {
					missing = append(missing, h)
				} else if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	n := 0
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			close(hashes)
			wg.Wait()
			return n, nil, err
		}
		n++
		hashes <- h
	}
	close(hashes)
	wg.Wait()
	if first == nil {
		first = rows.Err()
	}
	return n, missing, first
}
