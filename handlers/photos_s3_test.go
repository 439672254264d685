package handlers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/storage/s3test"
)

// s3Env is a service whose photos are in the S3 server srv (gofakes3 over
// HTTP), waiting at most timeout for it.
func s3Env(t *testing.T, srv *s3test.Server, timeout time.Duration, presign bool) *apptest.Env {
	t.Helper()
	return apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00", Config: func(c *app.Config) {
		v := srv.Env()
		c.BlobStore, c.S3Endpoint, c.S3Bucket, c.S3Region = v["BLOB_STORE"], v["S3_ENDPOINT"], v["S3_BUCKET"], v["S3_REGION"]
		c.S3AccessKey, c.S3SecretKey, c.S3PathStyle, c.S3UseTLS = v["S3_ACCESS_KEY"], v["S3_SECRET_KEY"], true, false
		c.S3Timeout = timeout
		c.S3Presign, c.S3PresignTTL = presign, 2*time.Minute
	}})
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// wantUnavailable: 503 with Retry-After, the store's problem type.
func wantUnavailable(t *testing.T, r *apptest.Response) {
	t.Helper()
	p := wantProblem(t, r, http.StatusServiceUnavailable, "")
	if p.Type != "/problems/storage-unavailable" || r.Header.Get("Retry-After") == "" {
		t.Fatalf("problem %+v, Retry-After %q", p, r.Header.Get("Retry-After"))
	}
}

// TestPhotosS3: photos uploaded to and read from an S3 store, as a phone
// does: the bytes in the bucket under their hash and none on disk, Range
// and If-None-Match answered, a missing object 410, /readyz naming the
// store; and when the store goes away, uploads 503 with Retry-After and no
// row written.
func TestPhotosS3(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	e := s3Env(t, srv, 2*time.Second, false)
	const off = "off-dcf-1-g1"
	png := apptest.PNG(3)
	p := e.PostPhoto(t, off, png).Must(t, http.StatusCreated).Map(t)
	url := p["url"].(string)
	if p["sha256"] != sha(png) || !srv.Has(sha(png)) {
		t.Fatalf("photo %v; in the bucket: %v", p, srv.Has(sha(png)))
	}
	if n := blobFiles(t, e); n != 0 {
		t.Fatalf("%d photo files on disk with BLOB_STORE=s3", n)
	}

	t.Run("OK/Read", func(t *testing.T) {
		r := e.Get(off, url).Must(t, http.StatusOK)
		if !bytes.Equal(r.Body, png) || r.Header.Get("Content-Type") != "image/png" || r.Header.Get("ETag") != `"`+sha(png)+`"` {
			t.Fatalf("read back %d bytes, %v", len(r.Body), r.Header)
		}
		part := e.Do(apptest.Request{Method: "GET", Path: url, As: off, Header: map[string]string{"Range": "bytes=10-19"}}).Must(t, http.StatusPartialContent)
		if !bytes.Equal(part.Body, png[10:20]) || part.Header.Get("Content-Range") != "bytes 10-19/"+strconv.Itoa(len(png)) {
			t.Fatalf("range: %q %v", part.Body, part.Header)
		}
		last := e.Do(apptest.Request{Method: "GET", Path: url, As: off, Header: map[string]string{"Range": "bytes=-7"}}).Must(t, http.StatusPartialContent)
		if !bytes.Equal(last.Body, png[len(png)-7:]) {
			t.Fatalf("last 7 bytes: %q", last.Body)
		}
		e.Do(apptest.Request{Method: "GET", Path: url, As: off, Header: map[string]string{"If-None-Match": `"` + sha(png) + `"`}}).Must(t, http.StatusNotModified)
		wantProblem(t, e.Get("off-kfq-1-g1", url), 404, "")
		// the same bytes again: a new photo, one object
		again := e.PostPhoto(t, "off-kfq-1-g1", png).Must(t, http.StatusCreated).Map(t)
		apptest.Equal(t, "sha256 of the same bytes", again["sha256"], p["sha256"])
	})

	t.Run("OK/Readyz", func(t *testing.T) {
		m := e.Get("", "/readyz").Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "readyz", m, map[string]any{"status": "ready", "blobs": "s3"})
	})

	t.Run("ErrMissingObject", func(t *testing.T) {
		// Ensure a photo whose object is gone from the bucket is a 410 that
		// says so, for the caller who may see it, and still 404 for others.
		jpg := apptest.JPEG(4)
		gone := e.PostPhoto(t, off, jpg).Must(t, http.StatusCreated).Map(t)
		srv.Delete(t, sha(jpg))
		pr := wantProblem(t, e.Get(off, gone["url"].(string)), http.StatusGone, "")
		apptest.Equal(t, "problem type", pr.Type, "/problems/photo-gone")
		wantProblem(t, e.Get("off-kfq-1-g1", gone["url"].(string)), 404, "")
	})

	t.Run("ErrStoreDown", func(t *testing.T) {
		// Ensure that with the store gone an upload is 503 with Retry-After
		// and writes no row (no photo names bytes the store lacks), and a
		// read is 503 too.
		srv.Stop()
		before := rowCounts(t, e, "photos", "audit_log")
		wantUnavailable(t, e.PostPhoto(t, off, apptest.PNG(5)))
		sameCounts(t, e, before)
		wantUnavailable(t, e.Get(off, url))
	})
}

// TestPhotosS3Slow: a store that accepts connections and never answers
// fails uploads and reads within S3_TIMEOUT (the server holds every
// request until the test ends, so only the timeout can end them), and
// /readyz says the store is unavailable.
func TestPhotosS3Slow(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	e := s3Env(t, srv, 300*time.Millisecond, false)
	const off = "off-dcf-1-g1"
	url := e.PostPhoto(t, off, apptest.PNG(6)).Must(t, http.StatusCreated).Map(t)["url"].(string)
	srv.Stall(true)
	before := rowCounts(t, e, "photos", "audit_log")
	wantUnavailable(t, e.PostPhoto(t, off, apptest.PNG(7)))
	sameCounts(t, e, before)
	wantUnavailable(t, e.Get(off, url))
	r := e.Get("", "/readyz").Must(t, http.StatusServiceUnavailable)
	apptest.Equal(t, "readyz status", r.Map(t)["status"], "blob store unavailable")
	apptest.True(t, "readyz has Retry-After", r.Header.Get("Retry-After") != "")
}

// wantProblemResp is wantProblem 404, returning the Location header.
func wantProblemResp(t *testing.T, r *apptest.Response) string {
	t.Helper()
	wantProblem(t, r, 404, "")
	return r.Header.Get("Location")
}

// TestPhotosS3Presigned: with S3_PRESIGN=true a photo is a 302 to a
// presigned URL of the store, given only after the scope check: a
// supervisor of the hazard's station follows it (Range included), one of
// another station gets 404 and no URL, and If-None-Match is answered here.
func TestPhotosS3Presigned(t *testing.T) {
	t.Parallel()
	srv := s3test.Start(t)
	e := s3Env(t, srv, 2*time.Second, true)
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	venue := e.Venue(t, "dcf-1-g1")
	id := e.Started(t, off, venue)
	png := apptest.PNG(8)
	photo := e.Photo(t, off, png)
	h := apptest.Hazard("extinguisher", "general", "on_site", "", photo)
	e.Submit(off, id, map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{h}}).Must(t, http.StatusOK)
	url := "/api/v1/photos/" + photo

	r := e.Get(sup, url).Must(t, http.StatusFound)
	loc := r.Header.Get("Location")
	if !strings.HasPrefix(loc, srv.URL+"/"+s3test.Bucket+"/"+sha(png)+"?") || !strings.Contains(loc, "X-Amz-Expires=120") ||
		!strings.Contains(loc, "X-Amz-Signature=") || r.Header.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("redirect to %q, headers %v", loc, r.Header)
	}
	resp, err := http.Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(body, png) || resp.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("GET the presigned URL: %d, %d bytes, %q", resp.StatusCode, len(body), resp.Header.Get("Content-Type"))
	}
	req, _ := http.NewRequest("GET", loc, nil)
	req.Header.Set("Range", "bytes=0-7")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || !bytes.Equal(body, png[:8]) {
		t.Fatalf("range of the presigned URL: %d %q", resp.StatusCode, body)
	}

	for _, as := range []string{"sup-dcf-2", "off-kfq-1-g1"} {
		if l := wantProblemResp(t, e.Get(as, url)); l != "" {
			t.Fatalf("%s out of scope got a Location %q", as, l)
		}
	}
	e.Do(apptest.Request{Method: "GET", Path: url, As: sup, Header: map[string]string{"If-None-Match": `"` + sha(png) + `"`}}).
		Must(t, http.StatusNotModified)
	e.Get(off, url).Must(t, http.StatusFound)
	// The console's own fetch (same origin; its CSP allows no other) is
	// streamed the bytes instead.
	console := e.Do(apptest.Request{Method: "GET", Path: url, As: sup, Header: map[string]string{"Sec-Fetch-Site": "same-origin"}}).
		Must(t, http.StatusOK)
	if !bytes.Equal(console.Body, png) {
		t.Fatal("the console was not sent the photo")
	}
	wantProblem(t, e.Get(off, "/api/v1/photos/"+missingID), 404, "")
}
