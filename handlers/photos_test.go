package handlers_test

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// blobFiles counts the photo files stored under DATA_DIR/photos.
func blobFiles(t *testing.T, e *apptest.Env) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(e.Cfg.DataDir, "photos"), func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// hugePNG is a real PNG whose header claims w×h pixels (with a right
// checksum), as a decompression bomb does.
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	b := bytes.Clone(apptest.PNG(7))
	// signature (8), length (4), "IHDR" (4), then width and height
	ihdr := b[12 : 12+4+13]
	binary.BigEndian.PutUint32(ihdr[4:8], w)
	binary.BigEndian.PutUint32(ihdr[8:12], h)
	binary.BigEndian.PutUint32(b[12+4+13:], crc32.ChecksumIEEE(ihdr))
	return b
}

// noisePNG is a PNG of random pixels, which does not compress: about
// 3 bytes a pixel.
func noisePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	px := make([]byte, w*h*3)
	if _, err := rand.Read(px); err != nil {
		t.Fatal(err)
	}
	for i := range w * h {
		img.Set(i%w, i/w, color.RGBA{px[3*i], px[3*i+1], px[3*i+2], 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPhotos(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00", Venues: 0, Config: func(c *app.Config) { c.MaxPhotoMB = 1 }})
	const off = "off-dcf-1-g1"
	pngBytes, jpegBytes := apptest.PNG(1), apptest.JPEG(2)

	// first is the PNG that the subtests after OK/Store read and upload again.
	first := e.PostPhoto(t, off, pngBytes).Must(t, http.StatusCreated).Map(t)
	t.Run("OK/Store", func(t *testing.T) {
		// Ensure a PNG and a JPEG are stored, typed by their content (the
		// PNG's bytes once: they are first's).
		for _, c := range []struct {
			data []byte
			ct   string
		}{{pngBytes, "image/png"}, {jpegBytes, "image/jpeg"}} {
			p := e.PostPhoto(t, off, c.data).Must(t, http.StatusCreated).Map(t)
			sum := sha256.Sum256(c.data)
			id, _ := p["id"].(string)
			if _, err := uuid.Parse(id); err != nil || p["sha256"] != hex.EncodeToString(sum[:]) || p["content_type"] != c.ct ||
				p["bytes"] != float64(len(c.data)) || p["url"] != "/api/v1/photos/"+id {
				t.Fatalf("photo = %v", p)
			}
		}
		if n := blobFiles(t, e); n != 2 {
			t.Fatalf("%d files on disk, want 2", n)
		}
	})

	t.Run("OK/Read", func(t *testing.T) {
		// Ensure the uploader reads the bytes back, with their type.
		r := e.Get(off, first["url"].(string)).Must(t, http.StatusOK)
		if !bytes.Equal(r.Body, pngBytes) || r.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("read back %d bytes of %q", len(r.Body), r.Header.Get("Content-Type"))
		}
		// Ensure an officer of another grid, or a supervisor before the photo
		// belongs to a hazard in scope, gets 404; an admin sees it.
		for _, as := range []string{"off-dcf-1-g2", "off-kfq-1-g1", "sup-dcf-1", "sup-dcf-2"} {
			wantProblem(t, e.Get(as, first["url"].(string)), 404, "")
		}
		wantProblem(t, e.Get(off, "/api/v1/photos/"+uuid.NewString()), 404, "")
		e.Get("admin", first["url"].(string)).Must(t, http.StatusOK)
	})

	t.Run("OK/SameBytesStoredOnce", func(t *testing.T) {
		// Ensure the same bytes uploaded again, by anyone, make a new photo
		// but no new file.
		before := blobFiles(t, e)
		again := e.PostPhoto(t, off, pngBytes).Must(t, http.StatusCreated).Map(t)
		theirs := e.PostPhoto(t, "off-kfq-1-g1", pngBytes).Must(t, http.StatusCreated).Map(t)
		if again["id"] == first["id"] || again["sha256"] != first["sha256"] || theirs["sha256"] != first["sha256"] {
			t.Fatalf("first %v, again %v, theirs %v", first, again, theirs)
		}
		if n := blobFiles(t, e); n != before {
			t.Fatalf("%d files on disk, had %d", n, before)
		}
		// each uploader reads their own
		e.Get("off-kfq-1-g1", "/api/v1/photos/"+theirs["id"].(string)).Must(t, http.StatusOK)
		wantProblem(t, e.Get("off-kfq-1-g1", first["url"].(string)), 404, "")
	})

	bad := func(t *testing.T, status int, field string, body []byte, contentType string) {
		t.Helper()
		before, files := rowCounts(t, e, "photos"), blobFiles(t, e)
		wantProblem(t, e.PostForm(off, body, contentType, nil), status, field)
		sameCounts(t, e, before)
		if n := blobFiles(t, e); n != files {
			t.Fatalf("%d files on disk, had %d", n, files)
		}
	}
	form := func(data []byte) ([]byte, string) { return apptest.PhotoForm(t, data, "") }

	t.Run("ErrNotAnImage", func(t *testing.T) {
		b, ct := form([]byte("%PDF-1.4\n这不是照片，是一份文件\n"))
		bad(t, 422, "file", b, ct)
		b, ct = form([]byte("<svg xmlns='http://www.w3.org/2000/svg'/>"))
		bad(t, 422, "file", b, ct)
	})
	t.Run("ErrTruncatedPNG", func(t *testing.T) {
		b, ct := form(pngBytes[:20])
		bad(t, 422, "file", b, ct)
	})
	t.Run("ErrHugeDimensions", func(t *testing.T) {
		b, ct := form(hugePNG(t, 100000, 100000))
		bad(t, 422, "file", b, ct)
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		b, ct := form(nil)
		bad(t, 422, "file", b, ct)
	})
	t.Run("ErrNoFile", func(t *testing.T) {
		bad(t, 422, "file", []byte(`{"file": "aGVsbG8="}`), "application/json")
	})
	t.Run("ErrBadID", func(t *testing.T) {
		b, ct := apptest.PhotoForm(t, pngBytes, "photo-1")
		bad(t, 422, "id", b, ct)
	})
	t.Run("ErrOversize", func(t *testing.T) {
		// Ensure a photo over MAX_PHOTO_MB (1 here) is refused with 413,
		// whether or not the body is over the server's own limit.
		big := noisePNG(t, 640, 640) // about 1.2 MB
		if len(big) <= 1<<20 || len(big) > 2<<20 {
			t.Fatalf("the test photo has %d bytes", len(big))
		}
		b, ct := form(big)
		bad(t, 413, "", b, ct)
	})
	t.Run("ErrOverBodyLimit", func(t *testing.T) {
		// Ensure a body over the server's own limit (MAX_PHOTO_MB + 1) is a
		// 413 too. app.Test reports it as an error instead of a response, so
		// this one goes through a real connection.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := app.New(e.Cfg, e.DB)
		go func() { _ = srv.Listener(ln) }()
		defer func() { _ = srv.Shutdown() }()
		before, files := rowCounts(t, e, "photos"), blobFiles(t, e)
		// The headers announce 3 MB; the server answers before the body is
		// sent (sending it would race the server closing the connection).
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_, err = fmt.Fprintf(conn, "POST /api/v1/photos HTTP/1.1\r\nHost: jiuxiao\r\nAuthorization: Bearer %s\r\n"+
			"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n\r\n", e.Token(off), 3<<20)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.HasPrefix(ct, "application/problem+json") {
			t.Fatalf("status %d of %q, want a 413 problem", resp.StatusCode, ct)
		}
		sameCounts(t, e, before)
		if n := blobFiles(t, e); n != files {
			t.Fatalf("%d files on disk, had %d", n, files)
		}
	})
}
