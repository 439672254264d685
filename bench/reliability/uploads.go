package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"mime/multipart"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"
)

// upload is one case of the upload test.
type upload struct {
	name     string
	filename string
	data     []byte
	ctype    string // the part's declared type
	want     int
	raw      []byte // a whole body to send instead of a form
	rawType  string
	id       string
}

func realPNG(seed byte) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = seed + byte(i)
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func realJPEG() []byte {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	return b.Bytes()
}

// pngClaiming is a real PNG whose header claims w×h pixels, checksum right.
func pngClaiming(w, h uint32) []byte {
	b := realPNG(9)
	ihdr := b[12 : 12+4+13]
	binary.BigEndian.PutUint32(ihdr[4:8], w)
	binary.BigEndian.PutUint32(ihdr[8:12], h)
	binary.BigEndian.PutUint32(b[12+4+13:], crc32.ChecksumIEEE(ihdr))
	return b
}

// jpegClaiming is a real JPEG whose frame header claims w×h pixels.
func jpegClaiming(w, h uint16) []byte {
	b := realJPEG()
	for i := 0; i+8 < len(b); i++ {
		if b[i] == 0xff && (b[i+1] == 0xc0 || b[i+1] == 0xc2) {
			binary.BigEndian.PutUint16(b[i+5:], h)
			binary.BigEndian.PutUint16(b[i+7:], w)
			break
		}
	}
	return b
}

// zipBomb is a zip of 200 MB of zeros (about 200 KB).
func zipBomb() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	f, _ := zw.Create("IMG_0001.jpg")
	zero := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		_, _ = f.Write(zero)
	}
	_ = zw.Close()
	return b.Bytes()
}

func gzipBomb() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for i := 0; i < 200; i++ {
		_, _ = zw.Write(zero)
	}
	_ = zw.Close()
	return b.Bytes()
}

// padded is a JPEG header followed by zeros up to n bytes.
func padded(n int) []byte {
	b := make([]byte, n)
	copy(b, realJPEG())
	return b
}

func form(filename, ctype string, data []byte, id string) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if id != "" {
		_ = w.WriteField("id", id)
	}
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{`form-data; name="file"; filename="` + strings.NewReplacer(`"`, `\"`, "\r", "", "\n", "").Replace(filename) + `"`}
	if ctype != "" {
		h["Content-Type"] = []string{ctype}
	}
	part, _ := w.CreatePart(h)
	_, _ = part.Write(data)
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

// uploads: photos that are not photos, too big, bombs in disguise, and
// odd file names. Each refusal is a clean 4xx that stores nothing; a real
// photo under an odd name is stored under its hash, never its name.
func uploads(ctx context.Context, h *harness) error {
	const db = "rel_uploads"
	if err := h.freshDB(ctx, db, 54); err != nil {
		return err
	}
	r, err := h.startReplica(ctx, "replica1", db, map[string]string{"MAX_PHOTO_MB": "10"})
	if err != nil {
		return err
	}
	hc := httpClient(60 * time.Second)
	tok, err := login(ctx, hc, r.base, "off-dcf-1-g1")
	if err != nil {
		return err
	}
	reused := uuid.NewString()
	cases := []upload{
		{name: "text as .jpg", filename: "photo.jpg", ctype: "image/jpeg", data: []byte("just some text, not a photo\n"), want: 422},
		{name: "PDF", filename: "report.pdf", ctype: "application/pdf", data: []byte("%PDF-1.7\n1 0 obj <<>> endobj\n"), want: 422},
		{name: "SVG with script", filename: "x.svg", ctype: "image/svg+xml", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), want: 422},
		{name: "GIF", filename: "a.gif", ctype: "image/gif", data: []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"), want: 422},
		{name: "PHP as .png", filename: "evil.php.png", ctype: "image/png", data: []byte("<?php system($_GET['c']); ?>"), want: 422},
		{name: "zip bomb as .jpg (200 MB of zeros)", filename: "IMG_0001.jpg", ctype: "image/jpeg", data: zipBomb(), want: 422},
		{name: "gzip bomb as .png (200 MB of zeros)", filename: "IMG_0002.png", ctype: "image/png", data: gzipBomb(), want: 422},
		{name: "PNG claiming 100000×100000 px", filename: "IMG_0003.png", ctype: "image/png", data: pngClaiming(100000, 100000), want: 422},
		{name: "JPEG claiming 65000×65000 px", filename: "IMG_0004.jpg", ctype: "image/jpeg", data: jpegClaiming(65000, 65000), want: 422},
		{name: "truncated PNG", filename: "IMG_0005.png", ctype: "image/png", data: realPNG(1)[:30], want: 422},
		{name: "empty file", filename: "IMG_0006.jpg", ctype: "image/jpeg", data: []byte{}, want: 422},
		{name: "10.5 MB (over MAX_PHOTO_MB)", filename: "IMG_0007.jpg", ctype: "image/jpeg", data: padded(10<<20 + 512<<10), want: 413},
		{name: "12 MB (over the body limit)", filename: "IMG_0008.jpg", ctype: "image/jpeg", data: padded(12 << 20), want: 413},
		{name: "no file field", raw: []byte("--B\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + uuid.NewString() + "\r\n--B--\r\n"), rawType: "multipart/form-data; boundary=B", want: 422},
		{name: "not multipart", raw: realPNG(2), rawType: "image/png", want: 422},
		{name: "multipart without boundary", raw: []byte("--B\r\n\r\n"), rawType: "multipart/form-data", want: 422},
		{name: "broken multipart", raw: []byte("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: \x00\r\n\r\nx\r\n--B--\r\n"), rawType: "multipart/form-data; boundary=B", want: 400},
		{name: "id not a UUID", filename: "IMG_0009.png", ctype: "image/png", data: realPNG(3), id: "../../x", want: 422},
		{name: "odd name: path traversal", filename: "../../../../../../tmp/jiuxiao-owned.png", ctype: "image/png", data: realPNG(4), want: 201},
		{name: "odd name: 2000 characters", filename: strings.Repeat("长", 2000) + ".png", ctype: "image/png", data: realPNG(5), want: 201},
		{name: "odd name: right-to-left override", filename: "照片\u202egnp.exe", ctype: "application/x-msdownload", data: realPNG(6), want: 201},
		{name: "odd name: empty, quotes, CON", filename: `CON"; name="id`, ctype: "", data: realPNG(7), want: 201},
		{name: "odd name, not a photo", filename: "../../.bashrc", ctype: "image/png", data: []byte("rm -rf /\n"), want: 422},
		{name: "client id, first upload", filename: "a.png", ctype: "image/png", data: realPNG(8), id: reused, want: 201},
		{name: "same client id, other bytes", filename: "a.png", ctype: "image/png", data: realPNG(10), id: reused, want: 409},
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var c checks
	stored := 0
	summary := []string{}
	for _, u := range cases {
		body, ctype := u.raw, u.rawType
		if body == nil {
			body, ctype = form(u.filename, u.ctype, u.data, u.id)
		}
		before, _ := scalar[int64](ctx, conn, "SELECT count(*) FROM photos")
		res, err := call(ctx, hc, "POST", r.base+"/api/v1/photos", tok, body, map[string]string{"Content-Type": ctype})
		status := res.Status
		if err != nil {
			// Past the body limit the server answers 413 and closes the
			// connection while the client is still sending: the client may
			// see only the close.
			if u.want != 413 {
				c.fail("%s: %v", u.name, err)
				continue
			}
			status = 413
		}
		after, _ := scalar[int64](ctx, conn, "SELECT count(*) FROM photos")
		if status == 201 {
			stored++
		}
		c.expect(status == u.want, "%s: status %d, want %d: %s", u.name, status, u.want, tail(res.Body, 200))
		c.expect(status < 500, "%s: status %d", u.name, status)
		c.expect((status == 201) == (after == before+1) && after <= before+1, "%s: photos went from %d to %d on a %d", u.name, before, after, status)
		summary = append(summary, fmt.Sprintf("%d", status))
	}
	// Every blob under DATA_DIR is a hash-named file in the fan-out, and
	// nothing was written where a name pointed.
	hashName := regexp.MustCompile(`^photos/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}$`)
	root := filepath.Join(h.out, "data-"+db)
	blobs := 0
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		c.expect(hashName.MatchString(rel), "a file not named by its hash: %s", rel)
		blobs++
		return nil
	})
	_, statErr := os.Stat("/tmp/jiuxiao-owned.png")
	c.expect(statErr != nil, "the traversal name created /tmp/jiuxiao-owned.png")
	rows, _ := scalar[int64](ctx, conn, "SELECT count(*) FROM photos")
	c.expect(int(rows) == stored && blobs == stored, "%d uploads accepted, %d rows, %d blobs", stored, rows, blobs)
	replicaChecks(&c, r)
	h.record(result{Test: "uploads", Fault: fmt.Sprintf("%d uploads: non-images, bombs in disguise, oversize, broken forms, odd names", len(cases)),
		Figure: fmt.Sprintf("answers in order: %s; 0 5xx; %d real photos stored under their hash, nothing else written", strings.Join(summary, " "), stored),
		Lost:   "n/a", OK: c.ok(), Details: c.failed})
	return nil
}
