package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/storage"
	"github.com/jiuxiao/jiuxiao/storage/s3test"
)

// TestBlobsMigrate: photos uploaded to the disk store through the API are
// copied by `jiuxiao blobs migrate` into an S3 server (gofakes3 over
// HTTP) after a run that stopped part way; it resumes, verifies every hash,
// says so (and in --json), checks every photo row against the bucket, and
// fails while a photo's bytes are missing. The service switched to
// BLOB_STORE=s3 on the same database then serves the photos.
func TestBlobsMigrate(t *testing.T) {
	e := apptest.New(t)
	const off = "off-dcf-1-g1"
	var ids, hashes []string
	for i := range 5 {
		p := e.PostPhoto(t, off, apptest.PNG(20+i)).Must(t, http.StatusCreated).Map(t)
		ids, hashes = append(ids, p["id"].(string)), append(hashes, p["sha256"].(string))
	}
	srv := s3test.Start(t)
	for k, v := range srv.Env() {
		t.Setenv(k, v)
	}
	t.Setenv("BLOB_STORE", "disk") // migrate reads the S3_* settings whatever BLOB_STORE says
	t.Setenv("DATABASE_URL", e.Cfg.DatabaseURL)
	t.Setenv("DATA_DIR", e.Cfg.DataDir)
	t.Setenv("APP_ENV", "test")
	t.Setenv("LOG_LEVEL", "error")

	// What a run killed after two photos leaves: two objects in the bucket.
	s3, err := storage.NewS3(srv.Config(5 * time.Second))
	if err != nil {
		t.Fatal(err)
	}
	disk := app.DiskBlobs(e.Cfg)
	for _, h := range hashes[:2] {
		b, err := disk.Open(context.Background(), h)
		if err != nil {
			t.Fatal(err)
		}
		if err := s3.Put(context.Background(), h, b, b.Size()); err != nil {
			t.Fatal(err)
		}
		b.Close()
	}

	out, err := cli(t, "blobs", "migrate")
	for _, want := range []string{"blobs migrate: " + disk.Root + " → s3://" + s3test.Bucket, "5/5 blobs:",
		"5 blobs (", "3 copied, 2 present, 5 verified by hash, 0 failed", "5 photo hashes in the database, 0 missing"} {
		if err != nil || !strings.Contains(out, want) {
			t.Fatalf("blobs migrate does not say %q (%v):\n%s", want, err, out)
		}
	}

	out, err = cli(t, "blobs", "migrate", "--json")
	var rep struct {
		Objects, Copied, Present, Verified int
		Failed                             []any
		Rows                               *int     `json:"photo_hashes"`
		Missing                            []string `json:"missing"`
	}
	if err != nil || json.Unmarshal([]byte(out), &rep) != nil {
		t.Fatalf("blobs migrate --json: %v\n%s", err, out)
	}
	if rep.Objects != 5 || rep.Copied != 0 || rep.Present != 5 || rep.Verified != 5 || len(rep.Failed) != 0 || rep.Rows == nil || *rep.Rows != 5 || len(rep.Missing) != 0 {
		t.Fatalf("the second run: %s", out)
	}

	// The service on the same database, switched to the bucket, serves the
	// photos copied.
	cfg := e.Cfg
	cfg.BlobStore, cfg.S3Endpoint, cfg.S3Bucket, cfg.S3AccessKey, cfg.S3SecretKey = "s3", srv.Endpoint, s3test.Bucket, s3test.AccessKey, s3test.SecretKey
	cfg.S3UseTLS, cfg.S3PathStyle, cfg.S3Timeout = false, true, 5*time.Second
	cfg.DataDir = t.TempDir() // nothing on disk any more
	svc := app.New(cfg, e.DB)
	req := httptest.NewRequest("GET", "/api/v1/photos/"+ids[3], nil)
	req.Header.Set("Authorization", "Bearer "+e.Token(off))
	resp, err := svc.Test(req, -1)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET a migrated photo from S3: %v %v", resp, err)
	}
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	if !bytes.Equal(body.Bytes(), apptest.PNG(23)) {
		t.Fatal("the photo read from the bucket is not the one uploaded")
	}

	// A photo whose bytes were lost on disk before the copy: the bucket
	// lacks them, and migrate says so and fails.
	srv.Delete(t, hashes[4])
	os.Remove(filepath.Join(disk.Root, hashes[4][:2], hashes[4][2:4], hashes[4]))
	out, err = cli(t, "blobs", "migrate", "--quick")
	if err == nil || !strings.Contains(out, "1 missing from the bucket") || !strings.Contains(out, "MISSING "+hashes[4]) ||
		!strings.Contains(err.Error(), "not ready to switch") {
		t.Fatalf("migrate with a photo's bytes lost: %v\n%s", err, out)
	}

	// Without the S3 settings it says what is missing.
	t.Setenv("S3_BUCKET", "")
	if _, err := cli(t, "blobs", "migrate"); err == nil || !strings.Contains(err.Error(), "S3_BUCKET") {
		t.Fatalf("migrate without S3_BUCKET: %v", err)
	}
}
