package handlers

import (
	"io"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
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
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, int64(a.MaxPhotoBytes)+1))
	if err != nil {
		return err
	}
	if len(b) > a.MaxPhotoBytes {
		return fiber.NewError(fiber.StatusRequestEntityTooLarge, "the photo is larger than MAX_PHOTO_MB")
	}
	if len(b) == 0 {
		return models.Invalid("file", "is empty")
	}
	p, err := models.CreatePhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id, b)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(p)
}

// GetPhoto answers GET /photos/{id} with the photo's bytes.
func (a *API) GetPhoto(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, r, err := models.GetPhoto(c.UserContext(), a.DB, a.Blobs, actor(c), id)
	if err != nil {
		return err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, p.ContentType)
	c.Set(fiber.HeaderETag, `"`+p.SHA256+`"`)
	c.Set(fiber.HeaderCacheControl, "private, max-age=31536000, immutable")
	return c.Send(b)
}
