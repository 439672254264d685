package handlers

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/storage"
)

// UploadPhoto answers POST /photos (multipart, field "file"; optional
// field "id" for a client-made id).
func (a *API) UploadPhoto(c *fiber.Ctx) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return models.Invalid("file", "send the photo as multipart/form-data in the field \"file\"")
	}
	if fh.Size > int64(a.MaxPhotoBytes) {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
	}
	var id uuid.UUID
	if s := c.FormValue("id"); s != "" {
		if id, err = uuid.Parse(s); err != nil {
			return models.Invalid("id", "must be a UUID")
		}
	}
	if fh.Size == 0 {
		return models.Invalid("file", "is empty")
	}
	// The part is a stream over what fasthttp received (at most
	// MAX_PHOTO_MB, by the body limit): CreatePhoto hashes it, sniffs it
	// and hands it to the store without copying it whole.
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	p, err := models.CreatePhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id, f, fh.Size)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

// GetPhoto answers GET /photos/{id} with the photo's bytes, streamed from
// storage (never read whole into memory). A photo never changes: its ETag
// is its SHA-256, If-None-Match answers 304, and one byte range (Range:
// bytes=a-b, a-, -n) answers 206, so that a phone on a bad link resumes.
// With PresignTTL set and a store that presigns, the answer is a 302 to a
// URL of the store valid for PresignTTL, given only after the same scope
// check (out of scope is 404, as always) — except to the web console.
func (a *API) GetPhoto(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	// The console (a same-origin fetch: its CSP allows only its own origin)
	// is streamed the bytes; every other client may be redirected.
	if ps, ok := a.Blobs.(storage.Presigner); ok && a.PresignTTL > 0 && c.Get("Sec-Fetch-Site") != "same-origin" {
		return a.redirectPhoto(c, ps, id)
	}
	p, blob, err := models.GetPhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id)
	if err != nil {
		return err
	}
	etag := `"` + p.SHA256 + `"`
	c.Set(fiber.HeaderETag, etag)
	c.Set(fiber.HeaderCacheControl, "private, max-age=31536000, immutable")
	c.Set(fiber.HeaderAcceptRanges, "bytes")
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && etagMatch(inm, etag) {
		blob.Close()
		return c.SendStatus(fiber.StatusNotModified)
	}
	size := blob.Size()
	start, n, ok := byteRange(c.Get(fiber.HeaderRange), size)
	if ir := c.Get(fiber.HeaderIfRange); ir != "" && ir != etag {
		start, n, ok = 0, size, true // the client's copy is another photo: send it whole
	}
	if !ok {
		blob.Close()
		c.Set(fiber.HeaderContentRange, fmt.Sprintf("bytes */%d", size))
		return fiber.NewError(fiber.StatusRequestedRangeNotSatisfiable, "the range is outside the photo's "+strconv.FormatInt(size, 10)+" bytes")
	}
	if n < size {
		if _, err := blob.Seek(start, io.SeekStart); err != nil {
			blob.Close()
			return err
		}
		c.Status(fiber.StatusPartialContent)
		c.Set(fiber.HeaderContentRange, fmt.Sprintf("bytes %d-%d/%d", start, start+n-1, size))
	}
	c.Set(fiber.HeaderContentType, p.ContentType)
	// fasthttp closes the stream when the answer is sent or the client goes.
	c.Context().SetBodyStream(&limitedBlob{io.LimitReader(blob, n), blob}, int(n))
	return nil
}

// redirectPhoto answers GET /photos/{id} with a 302 to a presigned URL.
// The ETag is still the photo's hash, so a client that has the photo gets
// its 304 here without going to the store.
func (a *API) redirectPhoto(c *fiber.Ctx, ps storage.Presigner, id uuid.UUID) error {
	p, err := models.FindPhoto(c.UserContext(), a.DB, actor(c), id)
	if err != nil {
		return err
	}
	etag := `"` + p.SHA256 + `"`
	c.Set(fiber.HeaderETag, etag)
	if inm := c.Get(fiber.HeaderIfNoneMatch); inm != "" && etagMatch(inm, etag) {
		c.Set(fiber.HeaderCacheControl, "private, max-age=31536000, immutable")
		return c.SendStatus(fiber.StatusNotModified)
	}
	u, err := ps.PresignGet(c.UserContext(), p.SHA256, a.PresignTTL, p.ContentType)
	if err != nil {
		return err
	}
	// The URL expires: neither the redirect nor its target is kept.
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderLocation, u)
	return c.SendStatus(fiber.StatusFound)
}

// limitedBlob reads part of a blob and closes the blob.
type limitedBlob struct {
	io.Reader
	io.Closer
}

// etagMatch reports whether an If-None-Match list names etag (or is *).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// byteRange reads a Range header of one byte range against a blob of size
// bytes: the start and length to send, and false when the range cannot be
// satisfied. No header, another unit or several ranges mean the whole blob.
func byteRange(h string, size int64) (start, n int64, ok bool) {
	spec, found := strings.CutPrefix(h, "bytes=")
	if !found || strings.Contains(spec, ",") {
		return 0, size, true
	}
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return 0, size, true
	}
	if first == "" { // the last n bytes
		k, err := strconv.ParseInt(last, 10, 64)
		if err != nil || k < 0 {
			return 0, size, true
		}
		if k == 0 {
			return 0, 0, false
		}
		k = min(k, size)
		return size - k, k, true
	}
	a, err := strconv.ParseInt(first, 10, 64)
	if err != nil || a < 0 {
		return 0, size, true
	}
	if a >= size {
		return 0, 0, false
	}
	b := size - 1
	if last != "" {
		if b, err = strconv.ParseInt(last, 10, 64); err != nil || b < a {
			return 0, size, true
		}
		b = min(b, size-1)
	}
	return a, b - a + 1, true
}
